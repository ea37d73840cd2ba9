"""RDF/XML the store's loader must not see: entity bombs and external entities.

Oxigraph's RDF/XML parser expands the entities a document declares in its DOCTYPE, nested
ones too, so a few hundred bytes of "billion laughs" (each entity ten of the one before)
ask for gigabytes before a single triple is read, and the process dies in the allocation.
The DOCTYPE is read here first, and refused unless it is plainly harmless:

- parameter entities (`<!ENTITY % ...>`, `%name;`) and external ones (`SYSTEM`, `PUBLIC`:
  they name a file or URL to read) are refused;
- an `&` anywhere in a declaration is refused: an entity that refers to another (nesting
  is what multiplies; `&#38;` is an `&` too), or an attribute default built of entities;
- what is left (plain abbreviations such as `<!ENTITY ex "http://example.org/">`, as
  ontology editors write them) expands to at most the number of references times the
  value's length, and that is capped at `MAX_EXPANSION`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

from kg.errors import UnsafeXML

MAX_EXPANSION = 64 * 1024 * 1024  # characters entity references may add to a document
MAX_PROLOG = 1024 * 1024  # bytes read looking for the DOCTYPE and its internal subset
_CHUNK = 1 << 20

_SKIP = re.compile(rb"<!--.*?-->|<\?.*?\?>", re.S)  # comments, processing instructions
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s*)?([^\s%&;<>\"']+)\s+(.*)>\Z", re.S)
_QUOTED = re.compile(rb"""\A(?:"([^"]*)"|'([^']*)')\s*\Z""", re.S)
_WS = b" \t\r\n"


class _Refused(Exception):
    pass


def _declaration_end(head: bytes, pos: int) -> int:
    """Where the markup declaration at ``pos`` ends: its `>` (quoted strings skipped), or
    for a DOCTYPE the `[` opening its internal subset."""
    doctype = head.startswith(b"<!DOCTYPE", pos)
    i = pos + 2
    while i < len(head):
        c = head[i : i + 1]
        if c in (b'"', b"'"):
            end = head.find(c, i + 1)
            if end < 0:
                break
            i = end + 1
        elif c == b">" or (c == b"[" and doctype):
            return i
        else:
            i += 1
    raise _Refused("a declaration in its DOCTYPE does not end in the first MB")


def _internal_subset(head: bytes, pos: int) -> tuple[int, list[bytes]]:
    """The declarations of the internal subset starting after ``pos`` (its `[`), and where
    the subset's closing `]` is."""
    declarations: list[bytes] = []
    pos += 1
    while pos < len(head):
        c = head[pos : pos + 1]
        if c in _WS:
            pos += 1
        elif c == b"]":
            return pos, declarations
        elif c == b"%":
            raise _Refused("its DOCTYPE uses a parameter entity")
        elif head.startswith((b"<!--", b"<?"), pos):
            skip = _SKIP.match(head, pos)
            if not skip:
                break
            pos = skip.end()
        elif head.startswith(b"<!", pos):
            end = _declaration_end(head, pos) + 1
            declarations.append(head[pos:end])
            pos = end
        else:
            raise _Refused("its DOCTYPE holds something other than declarations")
    raise _Refused("its DOCTYPE does not end in the first MB")


def _prolog(head: bytes) -> tuple[int, bytes | None, list[bytes]]:
    """Where the first element starts, the DOCTYPE's own text up to its subset (or None),
    and the declarations of its internal subset. Comments and processing instructions are
    skipped; raises _Refused when the prolog outruns ``head``."""
    pos = 0
    doctype: bytes | None = None
    declarations: list[bytes] = []
    while True:
        lt = head.find(b"<", pos)
        if lt < 0:
            raise _Refused("its prolog does not end in the first MB")
        skip = _SKIP.match(head, lt)
        if skip:
            pos = skip.end()
        elif head.startswith((b"<!--", b"<?"), lt):
            raise _Refused("its prolog does not end in the first MB")
        elif head.startswith(b"<!DOCTYPE", lt):
            if doctype is not None:
                raise _Refused("it has two DOCTYPEs")
            end = _declaration_end(head, lt)
            doctype = head[lt:end]
            pos = end + 1
            if head[end : end + 1] == b"[":
                close, declarations = _internal_subset(head, end)
                gt = head.find(b">", close)
                if gt < 0 or head[close + 1 : gt].strip(_WS):
                    raise _Refused("its DOCTYPE does not end properly")
                pos = gt + 1
        else:
            return lt, doctype, declarations


def _entities(declarations: list[bytes]) -> dict[bytes, int]:
    """Name -> length of each general entity; refuses anything that could multiply or read."""
    values: dict[bytes, int] = {}
    for decl in declarations:
        if b"&" in decl:
            raise _Refused("a declaration in its DOCTYPE refers to entities")
        if not decl.startswith(b"<!ENTITY"):
            continue
        m = _ENTITY.match(decl)
        if m is None:
            raise _Refused("an entity declaration it cannot read")
        label = m.group(2).decode("utf-8", "replace")
        if m.group(1):
            raise _Refused(f"parameter entity %{label}")
        value = _QUOTED.match(m.group(3))
        if value is None:
            raise _Refused(f"entity &{label}; is external (SYSTEM or PUBLIC)")
        text = value.group(1) if value.group(1) is not None else value.group(2)
        if b"%" in text:
            raise _Refused(f"entity &{label}; refers to a parameter entity")
        values[m.group(2)] = len(text)
    return values


def _expansion(fh: BinaryIO, start: int, values: dict[bytes, int]) -> int:
    """Characters the references to ``values`` in the file from ``start`` on would add."""
    refs = re.compile(rb"&(" + b"|".join(re.escape(n) for n in values) + rb");")
    longest = max(len(n) for n in values) + 2
    added = 0
    carry = b""
    fh.seek(start)
    while True:
        chunk = fh.read(_CHUNK)
        data = carry + chunk
        limit = len(data) if not chunk else max(len(data) - longest + 1, 0)
        for m in refs.finditer(data):
            if m.start() >= limit:
                break
            added += values[m.group(1)]
        if added > MAX_EXPANSION or not chunk:
            return added
        carry = data[limit:]


def check_rdfxml(path: Path) -> None:
    """Raise UnsafeXML if loading ``path`` as RDF/XML could expand entities without bound
    or read another file; plain abbreviation entities pass."""
    try:
        with path.open("rb") as fh:
            head = fh.read(MAX_PROLOG)
            try:
                root, doctype, declarations = _prolog(head)
            except _Refused:
                if len(head) < MAX_PROLOG and b"<!DOCTYPE" not in head:
                    return  # no element at all: not RDF/XML, the loader will say so
                raise
            if doctype is None:
                return
            if re.search(rb"\s(SYSTEM|PUBLIC)\b", doctype):
                raise _Refused("its DOCTYPE names an external DTD")
            values = _entities(declarations)
            if values and _expansion(fh, root, values) > MAX_EXPANSION:
                raise _Refused(
                    f"its entity references expand past {MAX_EXPANSION // (1024 * 1024)} MB"
                )
    except _Refused as why:
        raise UnsafeXML(
            f"{path}: refused before loading: {why}",
            hint="an RDF/XML DOCTYPE with entities that could exhaust memory or read files; "
            "remove the DOCTYPE or convert the file with a tool you trust",
        ) from None
    except OSError as exc:
        raise UnsafeXML(f"cannot read {path}: {exc.strerror or exc}") from None
