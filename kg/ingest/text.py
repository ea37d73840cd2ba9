"""Plain text and Markdown: front matter, title, byline and bio detection."""

from __future__ import annotations

import re

from kg.errors import InputError
from kg.ingest.common import check_date
from kg.model import Article, Span

FRONT_MATTER_KEYS = ("title", "outlet", "author", "date", "url", "type")
_FM_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_NAME = re.compile(r"^(?:By\s+)?([A-Z][a-zA-Z'’.-]+(?:\s+[A-Z][a-zA-Z'’.-]+){1,3})$")


def parse_front_matter(text: str, source: str) -> tuple[dict[str, str], int]:
    """Return (fields, body_start). Front matter is `---` lines of `key: value` at the top."""
    if not text.startswith("---"):
        return {}, 0
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return {}, 0
    fields: dict[str, str] = {}
    pos = first_nl + 1
    while pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        line = text[pos:line_end].rstrip("\r")
        next_pos = line_end + 1
        if line.strip() in ("---", "..."):
            return fields, min(next_pos, len(text))
        if line.strip() and not line.lstrip().startswith("#"):
            m = _FM_LINE.match(line)
            if not m:
                raise InputError(source, f"malformed front matter line: {line[:60]!r}")
            value = m.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields[m.group(1).lower()] = value
        pos = next_pos
    raise InputError(source, "front matter opened with '---' but never closed")


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


def _first_line_title(text: str, body_start: int) -> str | None:
    for line in text[body_start:].splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            if len(line) <= 200 and not line.endswith((".", "?", "!")):
                return line
            return None
    return None
