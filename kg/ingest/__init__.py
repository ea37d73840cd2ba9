"""Reading articles: files, folders, standard input and URLs in, `Article` records out.

`iter_sources` expands what the user named (folders recursively, with include/exclude
globs, symlink loops detected) into sources; `read_articles` reads each with the reader
for its format (text.py, html.py, pdf.py, jsonl.py, url.py) and yields an Article or
the InputError naming the input and the reason. Everything streams: one source is read
at a time.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, BinaryIO

from kg.errors import InputError, OptionError
from kg.ingest.common import (
    MAX_BYTES,
    check_english,
    check_size,
    check_text,
    decode_text,
    parse_date,
    sha256_text,
)
from kg.ingest.genre import infer as infer_genre
from kg.ingest.text import parse_text
from kg.model import Article

__all__ = [
    "MAX_BYTES",
    "ReadOptions",
    "Source",
    "iter_sources",
    "read_articles",
    "read_path",
    "read_source",
    "sha256_text",
]

FORMATS = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
SUPPORTED_SUFFIXES = tuple(FORMATS)
STDIN = "-"


@dataclass(frozen=True)
class ReadOptions:
    """How to read: folder filters, JSON Lines field names, overrides, encoding, fetching."""

    include: tuple[str, ...] = ()  # globs a file in a folder must match (default: known suffixes)
    exclude: tuple[str, ...] = ()  # globs that leave a file or folder out
    text_field: str | None = None  # None: the first of the common names (text, body, ...)
    fields: Mapping[str, str] = field(default_factory=dict)  # {"title": "headline", ...}
    outlet: str | None = None  # overrides what the article says
    date: str | None = None  # overrides what the article says (YYYY-MM-DD)
    encoding: str | None = None  # read text as this encoding instead of UTF-8
    any_language: bool = False  # skip the English-only check
    cache_dir: Path | None = None  # where fetched URLs are kept
    timeout: float = 20.0
    max_bytes: int = MAX_BYTES
    refetch: bool = False
    stdin: IO[bytes] | None = None

    def __post_init__(self) -> None:
        if self.date is not None:
            try:
                object.__setattr__(self, "date", parse_date(self.date))
            except ValueError as exc:
                raise OptionError(f"date {self.date!r} {exc}") from None
        from kg.ingest.jsonl import FIELD_KEYS

        unknown = set(self.fields) - set(FIELD_KEYS)
        if unknown:
            raise OptionError(
                f"unknown field {sorted(unknown)[0]!r}", hint="one of " + ", ".join(FIELD_KEYS)
            )


@dataclass(frozen=True)
class Source:
    """One input: a file path, a URL, or standard input ("-")."""

    path: Path
    url: str | None = None

    @property
    def name(self) -> str:
        return self.url or str(self.path)

    @property
    def kind(self) -> str:
        if self.url:
            return "url"
        if str(self.path) == STDIN:
            return "stdin"
        return FORMATS.get(self.path.suffix.lower(), "text")


def _matches(rel: str, patterns: tuple[str, ...]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


_SPECIAL = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def _not_regular(name: str, mode: int) -> InputError:
    kind = _SPECIAL.get(stat.S_IFMT(mode), "something else")
    return InputError(
        name,
        f"{kind}, not a regular file; skipped",
        hint="pass - to read standard input",
    )


def _stat(path: Path, name: str) -> os.stat_result:
    """``path``'s status (symlinks followed), or the InputError saying why it has none."""
    try:
        return path.stat()
    except FileNotFoundError:
        reason = "broken symlink" if path.is_symlink() else "no such file or directory"
        raise InputError(name, reason) from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, exc.strerror or str(exc)) from None


def _walk(root: Path, options: ReadOptions) -> Iterator[Source | InputError]:
    """Files under ``root``, sorted, following symlinks but reporting a loop instead of looping.

    What cannot be listed or looked at (no permission) and what is not a regular file (a
    FIFO would block the run forever) is reported, one line each, and the walk goes on.
    """
    visited: set[tuple[int, int]] = set()
    found = False

    def on_error(exc: OSError) -> None:
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
        errors.append(InputError(str(exc.filename or root), reason or str(exc)))

    errors: list[InputError] = []
    for dirpath, dirs, files in os.walk(root, followlinks=True, onerror=on_error):
        yield from errors
        errors.clear()
        here = Path(dirpath)
        try:
            st = _stat(here, dirpath)
        except InputError as err:
            yield err
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in visited:
            real, above = os.path.realpath(here), os.path.realpath(here.parent)
            if above == real or above.startswith(real + os.sep):
                yield InputError(dirpath, "directory loop (a symlink leads back to a folder above)")
            dirs[:] = []  # else: the same folder reached by another path, already read
            continue
        visited.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and not _matches((here / d).relative_to(root).as_posix(), options.exclude)
        )
        for fname in sorted(files):
            child = here / fname
            rel = child.relative_to(root).as_posix()
            if fname.startswith(".") or _matches(rel, options.exclude):
                continue
            if options.include:
                if not _matches(rel, options.include):
                    continue
            elif child.suffix.lower() not in FORMATS or fname.lower() == "readme.md":
                continue
            try:
                mode = _stat(child, str(child)).st_mode
            except InputError as err:
                yield err
                continue
            if not stat.S_ISREG(mode):
                yield _not_regular(str(child), mode)
                continue
            found = True
            yield Source(child)
    yield from errors
    if not found:
        wanted = ", ".join(options.include) if options.include else ", ".join(SUPPORTED_SUFFIXES)
        yield InputError(str(root), f"folder holds no articles ({wanted})")


def iter_sources(
    paths: Iterable[str | Path], options: ReadOptions | None = None
) -> Iterator[Source | InputError]:
    """Expand files, folders, URLs and "-" into sources; report what cannot be used."""
    from kg.ingest.url import is_url

    options = options or ReadOptions()
    seen: set[str] = set()

    def once(source: Source) -> Iterator[Source]:
        ident = source.url or (STDIN if source.kind == "stdin" else os.path.realpath(source.path))
        if ident not in seen:
            seen.add(ident)
            yield source

    for raw in paths:
        text = str(raw)
        if is_url(text):
            yield from once(Source(Path(text), url=text))
            continue
        if text == STDIN:
            yield from once(Source(Path(STDIN)))
            continue
        path = Path(raw)
        try:
            mode = _stat(path, text).st_mode
        except InputError as err:
            yield err
            continue
        if stat.S_ISDIR(mode):
            for item in _walk(path, options):
                if isinstance(item, InputError):
                    yield item
                else:
                    yield from once(item)
        elif not stat.S_ISREG(mode):
            yield _not_regular(text, mode)
        elif path.suffix.lower() not in FORMATS and not options.include:
            yield InputError(
                text,
                f"unsupported file type {path.suffix or '(none)'!r}",
                hint="supported: " + ", ".join(SUPPORTED_SUFFIXES),
            )
        else:
            yield from once(Source(path))


@contextmanager
def _open_regular(source: Source) -> Iterator[BinaryIO]:
    """Open a file for reading, refusing anything but a regular file without blocking on it:
    the check is on the opened file, so a FIFO swapped in after the walk cannot hang the run."""
    name = source.name
    try:
        fd = os.open(source.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, exc.strerror or str(exc)) from None
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(name, "is a directory")
        if not stat.S_ISREG(mode):
            raise _not_regular(name, mode)
        os.set_blocking(fd, True)
        yield f


def _read_bytes(source: Source, options: ReadOptions) -> bytes:
    if source.kind == "stdin":
        stream = options.stdin
        if stream is None:
            raise InputError(STDIN, "standard input is not available here")
        data = stream.read(options.max_bytes + 1)
        check_size(len(data), "standard input", options.max_bytes)
        return data
    try:
        with _open_regular(source) as f:
            check_size(os.fstat(f.fileno()).st_size, source.name, options.max_bytes)
            data = f.read(options.max_bytes + 1)
        check_size(len(data), source.name, options.max_bytes)  # /proc files lie about size
        return data
    except PermissionError:
        raise InputError(source.name, "permission denied") from None
    except OSError as exc:
        raise InputError(source.name, exc.strerror or str(exc)) from None


def sniff(data: bytes, hint: str = "") -> str:
    """The format of some bytes: from a content type when given, else from how they start."""
    hint = hint.lower()
    if "pdf" in hint:
        return "pdf"
    if "html" in hint or "xml" in hint:
        return "html"
    if hint.startswith("text/"):
        return "text"
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<article")):
        return "html"
    return "text"


def _parse(
    data: bytes,
    kind: str,
    *,
    key: str,
    name: str,
    options: ReadOptions,
    url: str | None = None,
    charset: str | None = None,
) -> Article:
    """Bytes of one article in a known format to an Article."""
    if kind == "pdf":
        from kg.ingest.pdf import parse_pdf

        return parse_pdf(data, key=key, source=name, url=url)
    if kind == "html":
        from kg.ingest.html import parse_html

        return parse_html(
            data, key=key, source=name, encoding=options.encoding, charset=charset, url=url
        )
    text = decode_text(data, name, encoding=options.encoding, declared=charset)
    if text.startswith("\ufeff"):
        text = text[1:]
    check_text(text, name)
    article = parse_text(text, key=key, source=name, sha256=sha256_text(text))
    if url and not article.url:
        article = dataclasses.replace(article, key=url, url=url)
    return article


def _read_one(source: Source, options: ReadOptions) -> Iterator[Article | InputError]:
    """The articles one source holds (several for JSON Lines), or the errors that stopped them."""
    try:
        if source.kind == "url":
            from kg.ingest.url import fetch

            assert source.url is not None
            got = fetch(
                source.url,
                cache_dir=options.cache_dir,
                timeout=options.timeout,
                max_bytes=options.max_bytes,
                refetch=options.refetch,
            )
            kind = sniff(got.body, got.content_type)
            yield _parse(
                got.body,
                kind,
                key=got.url,
                name=source.name,
                options=options,
                url=got.final_url,
                charset=got.charset,
            )
            return
        if source.kind == "jsonl":
            yield from _read_jsonl(source, options)
            return
        data = _read_bytes(source, options)
        if source.kind == "stdin":
            kind = sniff(data)
            key = "stdin:" + sha256_text(data.decode("latin-1"))[:16]
        else:
            kind = source.kind
            key = os.path.realpath(source.path)
        yield _parse(data, kind, key=key, name=source.name, options=options)
    except InputError as err:
        yield err


def _read_jsonl(source: Source, options: ReadOptions) -> Iterator[Article | InputError]:
    from kg.ingest.jsonl import iter_records

    try:
        with _open_regular(source) as stream:
            yield from iter_records(
                stream,
                source=source.name,
                key=os.path.realpath(source.path),
                text_field=options.text_field,
                fields=options.fields,
                max_line=options.max_bytes,
            )
    except PermissionError:
        yield InputError(source.name, "permission denied")
    except OSError as exc:
        yield InputError(source.name, exc.strerror or str(exc))


def _finish(article: Article, options: ReadOptions) -> Article:
    """Command-line metadata wins over what was found; then the English-only check; a genre
    the source does not give is inferred from the title and first lines (kg.ingest.genre)."""
    if not options.any_language:
        check_english(article.body, article.source)
    article = infer_genre(article)
    return dataclasses.replace(
        article, outlet=options.outlet or article.outlet, date=options.date or article.date
    )


def read_source(source: Source, options: ReadOptions | None = None) -> Article:
    """Read a single-article source into an Article, or raise InputError."""
    options = options or ReadOptions()
    for item in _read_one(source, options):
        if isinstance(item, InputError):
            raise item
        return _finish(item, options)
    raise InputError(source.name, "holds no article")


def read_articles(
    paths: Iterable[str | Path], options: ReadOptions | None = None
) -> Iterator[Article | InputError]:
    """Every article the paths lead to, or the error that kept one from being read."""
    options = options or ReadOptions()
    for source in iter_sources(paths, options):
        if isinstance(source, InputError):
            yield source
            continue
        for item in _read_one(source, options):
            if isinstance(item, InputError):
                yield item
                continue
            try:
                yield _finish(item, options)
            except InputError as err:
                yield err


def read_path(path: str | Path, options: ReadOptions | None = None) -> Article:
    return read_source(Source(Path(path)), options)
