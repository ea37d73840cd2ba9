"""Exporting the store: N-Quads/TriG (every graph) or Turtle/N-Triples/JSON-LD (the union)."""

from __future__ import annotations

import io
import warnings
from typing import IO

from rdflib import Dataset

from kg.errors import KGError
from kg.store import EXPORT_FORMATS, Store

FORMATS = tuple(EXPORT_FORMATS)


def export(store: Store, out: IO[bytes], fmt: str = "nquads") -> None:
    """Write the store to ``out``; JSON-LD keeps the named graphs (via rdflib)."""
    if fmt not in EXPORT_FORMATS:
        raise KGError(f"unknown export format {fmt!r}", hint="one of " + ", ".join(FORMATS))
    if fmt != "jsonld":
        store.dump(out, fmt)
        return
    buf = io.BytesIO()
    store.dump(buf, "nquads")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's own default_context
        ds = Dataset()
        ds.parse(data=buf.getvalue().decode("utf-8"), format="nquads")
        out.write(ds.serialize(format="json-ld", encoding="utf-8"))
