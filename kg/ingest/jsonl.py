"""JSON Lines: one article per line (feed and scraper exports), read as a stream.

Each record holds the text and metadata under field names that vary by exporter, so
the names are options (`--text-field`, `--field title=headline`). Without them, each field
is looked for under the names common exporters use (``text``, ``body``, ``content``,
``maintext``, ``abstract``...; ``headline``; ``publication_date``, ``date_publish``...), the
first present wins. A bad line is an error for that line only (``file.jsonl:7``); the other
records still go in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import IO, Any

from kg.errors import InputError, TextFieldError
from kg.ingest.common import MAX_BYTES, check_date, check_text, sha256_text
from kg.model import Article

FIELD_KEYS = ("title", "author", "date", "url", "outlet", "type", "id")

# Names common feed, scraper and API exports give each field, looked for in this order when the
# user names none (`--text-field`, `--field KEY=NAME`): full text before summaries.
TEXT_NAMES = (
    "text",
    "body",
    "content",
    "maintext",
    "article",
    "full_text",
    "fulltext",
    "abstract",
    "summary",
    "description",
)
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "author": ("author", "authors", "byline", "creator"),
    "date": (
        "date",
        "published",
        "publication_date",
        "date_publish",
        "datePublished",
        "pubdate",
        "published_at",
    ),
    "url": ("url", "link", "source_url"),
    "outlet": ("outlet", "publisher", "source", "site_name", "source_domain"),
    "type": ("type", "genre"),
    "id": ("id", "doc_id", "doc_number", "document_number", "guid"),
}


def iter_records(
    stream: IO[bytes],
    *,
    source: str,
    key: str,
    text_field: str | None = None,
    fields: Mapping[str, str] | None = None,
    max_line: int = MAX_BYTES,
) -> Iterator[Article | InputError]:
    """Each line of ``stream`` as an Article, or the InputError that names its line. A field
    the caller names is read under that name only; the others under their common names."""
    names = {k: FIELD_NAMES[k] for k in FIELD_KEYS} | {k: (v,) for k, v in (fields or {}).items()}
    text_names = (text_field,) if text_field else TEXT_NAMES
    lineno = 0
    while True:
        line = stream.readline(max_line + 1)
        if not line:
            return
        lineno += 1
        where = f"{source}:{lineno}"
        if len(line) > max_line and not line.endswith(b"\n"):
            while chunk := stream.readline(1 << 20):  # skip the rest of the long line
                if chunk.endswith(b"\n"):
                    break
            yield InputError(where, f"line longer than {max_line // (1024 * 1024)} MB")
            continue
        if not line.strip():
            continue
        try:
            yield _record(line, where, f"{key}#{lineno}", text_names, names)
        except InputError as err:
            yield err


def _record(
    line: bytes,
    where: str,
    key: str,
    text_names: tuple[str, ...],
    names: Mapping[str, tuple[str, ...]],
) -> Article:
    try:
        record = json.loads(line)
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not valid UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError(where, f"a JSON {type(record).__name__}, not an object")
    text_field = next((n for n in text_names if record.get(n) is not None), None)
    text = record.get(text_field) if text_field else None
    if not isinstance(text, str):
        wanted = (
            f"text field {text_names[0]!r}"
            if len(text_names) == 1
            else f"text field (looked for {', '.join(text_names[:4])}, ...)"
        )
        raise TextFieldError(
            where,
            f"no {wanted}" if text is None else f"field {text_field!r} is not a string",
            hint=f"its fields: {', '.join(sorted(record)) or 'none'}",
        )
    check_text(text, where)
    meta = {k: _first(record, candidates) for k, candidates in names.items()}
    date = meta["date"]
    if date:
        date = check_date(date, where)
    identity = meta["url"] or (f"{key.rsplit('#', 1)[0]}#{meta['id']}" if meta["id"] else key)
    return Article(
        key=identity,
        text=text,
        sha256=sha256_text(text),
        source=where,
        title=meta["title"],
        author=meta["author"],
        outlet=meta["outlet"],
        date=date or None,
        url=meta["url"],
        genre=meta["type"],
    )


def _first(record: Mapping[str, Any], candidates: tuple[str, ...]) -> str | None:
    """The first of ``candidates`` that the record holds a usable value under."""
    for name in candidates:
        value = _scalar(record.get(name))
        if value is not None:
            return value
    return None


def _scalar(value: Any) -> str | None:
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):  # {"name": ...}, as JSON-LD-like exports give authors
        return _scalar(value.get("name"))
    if isinstance(value, list) and value:
        return _scalar(value[0])
    return None
