"""Reading articles: files and folders in, `Article` records out.

Each reader turns one source into an `Article` or raises `InputError` naming the
source and the reason; `iter_sources` walks paths and yields either.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.ingest.text import parse_text
from kg.model import Article

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown")
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One input to read: a file path (later also URLs and records)."""

    path: Path

    @property
    def name(self) -> str:
        return str(self.path)


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Source | InputError]:
    """Expand files and folders (recursively, sorted) into sources; report what cannot be used."""
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield InputError(str(raw), "no such file or directory")
            continue
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for fname in sorted(files):
                    child = Path(root) / fname
                    if child.suffix.lower() in SUPPORTED_SUFFIXES and not fname.startswith("."):
                        if fname.lower() == "readme.md":
                            continue
                        found = True
                        real = child.resolve()
                        if real not in seen:
                            seen.add(real)
                            yield Source(child)
            if not found:
                yield InputError(str(raw), "folder holds no .txt or .md articles")
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            yield InputError(
                str(raw),
                f"unsupported file type {path.suffix or '(none)'!r}",
                hint="supported: " + ", ".join(SUPPORTED_SUFFIXES),
            )
            continue
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            yield Source(path)


def read_source(source: Source) -> Article:
    """Read one source into an Article, or raise InputError."""
    path = source.path
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(source.name, f"file is {size // (1024 * 1024)} MB, over the 50 MB cap")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(source.name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(source.name, "is a directory") from None
    except OSError as exc:
        raise InputError(source.name, exc.strerror or str(exc)) from None
    if b"\x00" in data[:8192]:
        raise InputError(source.name, "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            source.name,
            f"not valid UTF-8 (byte {exc.start})",
            hint="convert it to UTF-8, e.g. iconv -f latin1 -t utf-8",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError(source.name, "empty file (no text)")
    key = str(path.resolve())
    return parse_text(text, key=key, source=source.name, sha256=sha256_text(text))


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Every article the paths lead to, or the error that kept one from being read."""
    for source in iter_sources(paths):
        if isinstance(source, InputError):
            yield source
            continue
        try:
            yield read_source(source)
        except InputError as err:
            yield err


def read_path(path: str | Path) -> Article:
    return read_source(Source(Path(path)))


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
