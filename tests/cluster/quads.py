"""Stores compared as N-Quads sets, leaving out what legitimately differs between two runs."""

from __future__ import annotations

from pathlib import Path

from kg.rdf.ontology import LINKS_GRAPH, META_GRAPH
from kg.store.oxigraph import Store

#: run times and first-seen times (when a run happened), and the links' index generation
#: (a digest of the claims in the index, also of when they went in)
VOLATILE = {
    "http://www.w3.org/ns/prov#generatedAtTime",
    "http://www.w3.org/ns/prov#endedAtTime",
    "https://w3id.org/kg-aigeo/ont#firstSeen",
}
GENERATION = (
    "<" + str(LINKS_GRAPH) + ">",
    "<https://schema.org/version>",
    "<" + str(META_GRAPH) + ">",
)


def comparable(path: Path) -> set[tuple[str, str, str, str]]:
    """The store's quads (N-Quads terms: subject, predicate, object, graph), less the volatile."""
    store = Store(path, read_only=True)
    try:
        quads = set(store.quads())
    finally:
        store.close()
    out = set()
    for s, p, o, g in quads:
        if p.strip("<>") in VOLATILE or (s, p, g) == GENERATION:
            continue
        out.add((s, p, o, g))
    return out
