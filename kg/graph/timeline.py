"""An actor's statements in date order, with stance (`kg timeline`); no networkx here."""

from __future__ import annotations

from dataclasses import dataclass

from kg.rdf.ontology import entity_iri
from kg.resolve.gazetteer import Gazetteer
from kg.resolve.review import find
from kg.store.oxigraph import Store, term_for

_TIMELINE = """PREFIX kg: <https://w3id.org/kg-aigeo/ont#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?sp ?date ?stance ?hedged ?text ?outlet ?headline WHERE {
  ?st kg:speaker ?sp ; kg:stance ?s ; kg:statedIn ?art ; kg:anchor ?a .
  OPTIONAL { ?st kg:hedged ?hedged }
  ?s skos:prefLabel ?stance . ?a <http://www.w3.org/ns/oa#exact> ?text .
  OPTIONAL { ?art schema:datePublished ?date }
  OPTIONAL { ?art kg:outlet ?outlet }
  OPTIONAL { ?art schema:headline ?headline }
} ORDER BY ?date ?text"""


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    stance: str
    hedged: bool
    text: str
    outlet: str
    headline: str


def timeline(store: Store, actor: str, gazetteer: Gazetteer) -> tuple[str, list[TimelineEntry]]:
    """An actor's statements in date order with stance (the actor named by id, label or alias)."""
    who = find(store, actor, gazetteer)
    rows = store.select(_TIMELINE, {"sp": term_for(str(entity_iri(who.id)), "iri")}).rows

    def v(cell: object) -> str:
        return getattr(cell, "value", "") if cell is not None else ""

    entries = [
        TimelineEntry(v(d), v(s), v(h) == "true", v(t), v(o), v(hl))
        for _, d, s, h, t, o, hl in rows
    ]
    return who.label, entries
