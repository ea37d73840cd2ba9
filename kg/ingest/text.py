"""Plain text and Markdown: YAML front matter or a header block, title, byline and bio."""

from __future__ import annotations

import datetime
import re

import yaml

from kg.errors import InputError
from kg.ingest.common import check_date, valid_date
from kg.model import Article, Span

FRONT_MATTER_KEYS = ("title", "outlet", "author", "date", "url", "type")
_NAME = re.compile(r"^(?:By\s+)?([A-Z][a-zA-Z'’.-]+(?:\s+[A-Z][a-zA-Z'’.-]+){1,3})$")
_NULL = "tag:yaml.org,2002:null"

# A header block: the first lines of a plain text export, "Key: value" each, up to a blank line
# ("Title: ...", "Publication date: 2026-01-15", "URL: ..."), as archives, government feeds and
# e-mail-like exports write them. The keys it reads, lower-cased; other keys are skipped.
HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "author": "author",
    "authors": "author",
    "by": "author",
    "byline": "author",
    "outlet": "outlet",
    "publisher": "outlet",
    "publication": "outlet",
    "source": "outlet",
    "date": "date",
    "published": "date",
    "publication date": "date",
    "date published": "date",
    "url": "url",
    "link": "url",
    "type": "type",
    "genre": "type",
}
_HEADER_LINE = re.compile(r"([A-Z][A-Za-z][A-Za-z .'/-]{0,38}?):[ \t]+(\S.*?)[ \t]*")
_HEADER_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")


class _TextLoader(yaml.SafeLoader):
    """`yaml.safe_load`'s loader, except that plain scalars stay text as written: a title
    `1984`, `3.10` or `Yes`, an outlet `NO`, a date `2023-10-17` are not read as a number, a
    boolean or a datetime.date (only an empty value or `null` is nothing)."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == _NULL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _front_matter_end(text: str, source: str) -> tuple[int, int] | None:
    """(where the YAML block ends, where the body starts) of a `---` block at the top."""
    if not text.startswith("---"):
        return None
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return None
    pos = first_nl + 1
    while pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        if text[pos:line_end].strip() in ("---", "..."):
            return pos, min(line_end + 1, len(text))
        pos = line_end + 1
    raise InputError(source, "front matter opened with '---' but never closed")


def _field(key: str, value: object, source: str) -> str | None:
    """A front matter value as text: dates as ISO text; for ``author`` a list gives the
    first name (the byline author that author claims are attributed to)."""
    if key == "author" and isinstance(value, list):
        value = next((v for v in value if v is not None), None)
    if value is None:
        return None
    if isinstance(value, datetime.datetime | datetime.date):  # an explicit !!timestamp
        return value.isoformat()
    if isinstance(value, str | int | float):
        text = " ".join(str(value).split())
        return text or None
    kind = "list" if isinstance(value, list) else "mapping" if isinstance(value, dict) else "value"
    raise InputError(
        source,
        f"front matter field {key!r} is a {kind}, not text",
        hint="give one value" + (" or a list of names" if key == "author" else ""),
    )


def parse_front_matter(text: str, source: str) -> tuple[dict[str, str], int]:
    """Return (fields, body_start). Front matter is a YAML mapping between `---` lines at the
    top (closed by `---` or `...`), read with PyYAML's safe loader (kg.ingest.text._TextLoader):
    lists, quoted values with colons and comments are ordinary YAML. The fields kg uses are
    title, outlet, author, date, url and type (or genre); others are ignored."""
    found = _front_matter_end(text, source)
    if found is None:
        return {}, 0
    block_end, body_start = found
    block = text[text.find("\n") + 1 : block_end]
    try:
        data = yaml.load(block, Loader=_TextLoader)  # a SafeLoader: builds plain data only
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        context = getattr(exc, "context_mark", None)
        if context is not None and (mark is None or mark.line >= block.count("\n")):
            mark = context  # the parser ran off the end: point at what was left open
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(
            source,
            f"front matter is not valid YAML{where}: {problem}",
            hint="quote a value that holds ': ' or starts with a special character",
        ) from None
    if data is None:
        return {}, body_start
    if not isinstance(data, dict):
        kind = "list" if isinstance(data, list) else "single value"
        raise InputError(source, f"front matter is a {kind}, not a mapping of fields (key: value)")
    fields: dict[str, str] = {}
    for raw_key, value in data.items():
        key = str(raw_key).lower()
        if key in (*FRONT_MATTER_KEYS, "genre"):
            got = _field(key, value, source)
            if got is not None:
                fields[key] = got
    return fields, body_start


def parse_header_block(text: str) -> tuple[dict[str, str], int]:
    """Return (fields, body_start) of a header block at the top of ``text``: "Key: value"
    lines and nothing else before the first blank line, at least one of them a title, date or
    URL (so a paragraph that happens to hold a colon is not taken). One line alone is a block
    only when it reads as one of those ("Title: ...", a date that parses, an http(s) URL): a
    headline such as "Chips: the new oil" is not. A date that does not read as one is left out,
    not an error: the block is a convention, not a format the user declared."""
    end = text.find("\n\n")
    block = text[: end if end >= 0 else len(text)]
    lines = block.splitlines()
    if not lines or end < 0:
        return {}, 0
    fields: dict[str, str] = {}
    for line in lines:
        m = _HEADER_LINE.fullmatch(line)
        if m is None:
            return {}, 0
        key = HEADER_KEYS.get(" ".join(m.group(1).lower().split()))
        if key is not None and key not in fields:
            fields[key] = " ".join(m.group(2).split())
    if not fields.keys() & {"title", "date", "url"}:
        return {}, 0
    if "date" in fields:
        date = valid_date(fields["date"]) or _worded_date(fields["date"])
        if date:
            fields["date"] = date
        else:
            del fields["date"]
    if len(lines) == 1 and not (
        "title" in fields
        or "date" in fields
        or fields.get("url", "").startswith(("http://", "https://"))
    ):
        return {}, 0
    body_start = end + 2
    while body_start < len(text) and text[body_start] == "\n":
        body_start += 1
    return fields, body_start


def _worded_date(value: str) -> str | None:
    """ "January 15, 2026" or "15 Jan 2026" as YYYY-MM-DD, else None."""
    for fmt in _HEADER_DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated paragraph in text[start:end], stripped."""
    out = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\n\s*\n|\s*$)", text[start:end], flags=re.S):
        out.append((start + m.start(), start + m.end()))
    return out


def find_trailing_byline(text: str, body_start: int) -> tuple[int, Span | None]:
    """Find a byline (a paragraph that is just a person's name) near the end, and a bio after it.

    Returns (body_end, byline span). Opinion pages often end with initials, the author's name
    and a short bio; none of those are claims.
    """
    paras = _paragraphs(text, body_start, len(text))
    if len(paras) < 3:
        return len(text), None
    tail = paras[-4:]
    for i, (ps, pe) in enumerate(tail):
        para = text[ps:pe]
        m = _NAME.match(para)
        if m and len(para) <= 60:
            name_start = ps + m.start(1)
            byline = Span(name_start, ps + m.end(1), m.group(1))
            body_end = ps
            # initials right before the name ("DR") belong to the byline block too
            j = paras.index((ps, pe))
            if j > 0:
                qs, qe = paras[j - 1]
                if re.fullmatch(r"[A-Z]{1,4}\.?", text[qs:qe]):
                    body_end = qs
            rest = tail[i + 1 :]
            if all(m.group(1).split()[-1] in text[rs:re_] for rs, re_ in rest):
                return body_end, byline
    return len(text), None


def find_leading_byline(text: str, body_start: int) -> Span | None:
    m = re.compile(r"^[ \t]*By\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})[ \t]*$", re.M).search(
        text, body_start, min(len(text), body_start + 600)
    )
    if m:
        return Span(m.start(1), m.end(1), m.group(1))
    return None


def parse_text(text: str, *, key: str, source: str, sha256: str) -> Article:
    fields, body_start = parse_front_matter(text, source)
    if not body_start:
        fields, body_start = parse_header_block(text)
    if not text[body_start:].strip():
        raise InputError(source, "no article text after the front matter")
    title = fields.get("title") or _first_line_title(text, body_start)
    date = fields.get("date")
    if date:
        date = check_date(date, source, "front matter date")
    body_end, byline = find_trailing_byline(text, body_start)
    if byline is None:
        byline = find_leading_byline(text, body_start)
    author = fields.get("author") or (byline.text if byline else None)
    url = fields.get("url")
    return Article(
        key=url or key,
        text=text,
        sha256=sha256,
        source=source,
        title=title,
        author=author,
        outlet=fields.get("outlet"),
        date=date or None,
        url=url,
        genre=fields.get("type") or fields.get("genre"),
        body_start=body_start,
        body_end=body_end if body_end < len(text) else -1,
        byline=byline,
    )


#: a first line that is a page or part mark, not a title: "I", "IV", "3", "A"
_MARK_LINE = re.compile(r"(?:[IVXLC]{1,5}|\d{1,3}|[A-Z])\.?")


def _first_line_title(text: str, body_start: int) -> str | None:
    for line in text[body_start:].splitlines():
        line = line.strip().lstrip("#").strip()
        if _MARK_LINE.fullmatch(line):
            continue
        if line:
            if len(line) <= 200 and not line.endswith((".", "?", "!")):
                return line
            return None
    return None
