"""HTML pages: the main text without navigation and boilerplate, and the page's metadata.

trafilatura finds the main text and reads title, author, date, site name and canonical
URL from meta tags (Open Graph, Dublin Core, `article:*`) and JSON-LD; it works on the
markup given and never fetches anything. The genre comes from the JSON-LD ``@type``, the
``article:section`` or the ``og:type`` (`kg.ingest.genre`). Paragraphs are separated by a blank line so
each starts a sentence.
"""

from __future__ import annotations

import re
from typing import Any

from kg.errors import InputError
from kg.ingest.common import check_text, decode_text, sha256_text, valid_date
from kg.ingest.genre import from_metadata, jsonld_types
from kg.model import Article

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a meta tag near its start."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def is_truncated(html: str) -> bool:
    """A page that opens <html> but ends inside a tag or text, with no </html>: cut short."""
    head = html[:4096].lower()
    if "<html" not in head or "</html>" in html[-4096:].lower():
        return False
    return not html.rstrip().endswith(">")


def parse_html(
    data: bytes,
    *,
    key: str,
    source: str,
    encoding: str | None = None,
    charset: str | None = None,
    url: str | None = None,
) -> Article:
    """One HTML page into an Article (``charset`` is what an HTTP header said, if anything)."""
    import trafilatura

    html = decode_text(data, source, encoding=encoding, declared=charset or declared_charset(data))
    if not html.strip():
        raise InputError(source, "no text (empty or only whitespace)")
    if is_truncated(html):
        raise InputError(source, "HTML ends mid-document (no closing </html>): truncated?")
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    found: dict[str, Any] = {}
    if doc is not None:
        found = doc if isinstance(doc, dict) else doc.as_dict()
    body = (found.get("text") or "").strip()
    if not body:
        raise InputError(
            source, "no main text found in the HTML (only scripts, navigation or markup?)"
        )
    text = "\n\n".join(line.strip() for line in body.split("\n") if line.strip()) + "\n"
    check_text(text, source)
    canonical = _clean(found.get("url")) or url
    date = valid_date(_clean(found.get("date")))
    return Article(
        key=canonical or key,
        text=text,
        sha256=sha256_text(text),
        source=source,
        title=_clean(found.get("title")),
        author=_clean(found.get("author")),
        outlet=_clean(found.get("sitename")),
        date=date,
        url=canonical,
        # JSON-LD @type first ('OpinionNewsArticle'), then article:section, then og:type
        genre=from_metadata(
            [*jsonld_types(html), *(found.get("categories") or []), found.get("pagetype")]
        ),
    )


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
