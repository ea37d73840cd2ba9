"""Exporting the store: N-Quads/TriG (every graph) or Turtle/N-Triples/JSON-LD (the union)."""

from __future__ import annotations

import io
import os
import sys
import warnings
from pathlib import Path
from typing import IO

from rdflib import Dataset

from kg.errors import KGError
from kg.links import begin_change
from kg.store import EXPORT_FORMATS, IMPORT_FORMATS, Store

FORMATS = tuple(EXPORT_FORMATS)


def export_to(store: Store, path: Path | None, fmt: str = "nquads") -> None:
    """Write the store to a file (atomically), or to standard output when ``path`` is None."""
    if fmt in NETWORK_FORMATS:
        return export_network(store, path, fmt)
    if path is None:
        export(store, sys.stdout.buffer, fmt)
        sys.stdout.buffer.flush()
        return
    tmp = path.with_name(path.name + ".part")
    try:
        with open(tmp, "wb") as fh:
            export(store, fh, fmt)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise KGError(f"cannot write {path}: {exc.strerror or exc}") from None


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


NETWORK_FORMATS = ("gexf", "graphml")


def export_network(store: Store, path: Path | None, fmt: str) -> None:
    """The actor-claim network (kg.analytics) as GEXF for Gephi or GraphML, to a file."""
    from kg.analytics import export_graph

    if path is None:
        raise KGError(f"{fmt} is written to a file", hint="add --output FILE")
    export_graph(store, path, fmt)


# --- import (kg import) --------------------------------------------------------------------------


def import_file(store: Store, path: Path, fmt: str | None = None, graph: str | None = None) -> int:
    """Load an RDF file into the store with Oxigraph's bulk loader; returns quads added.

    Quad formats (N-Quads, TriG) keep their named graphs, so importing a `kg export` gives back
    the same dataset; triples from triple formats go into ``graph`` (else the default graph).
    """
    if not path.is_file():
        raise KGError(f"no such file: {path}")
    if fmt is not None and fmt not in IMPORT_FORMATS:
        raise KGError(f"unknown import format {fmt!r}", hint="one of " + ", ".join(IMPORT_FORMATS))
    if len(store):  # merged into existing data: the next link refresh rebuilds the claim index
        begin_change(store)  # (into an empty store, the export's own index generation holds)
    return store.bulk_import(path, fmt, graph)
