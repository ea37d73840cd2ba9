"""The derived links graph: near-duplicate (`kg:sameClaimAs`) and negated (`kg:contradicts`) claims.

Where the links live and how they stay consistent: they are not in any article graph,
because a link between claims of two articles belongs to neither. They sit in one derived
named graph (`graph/links`) that is a pure function of the claims in the article graphs.
After every ingest, remove or merge, `refresh_links` rebuilds the claim index from the
store, computes the links (all of them, or only those touching some claims) and writes
the difference to what is stored. So an unchanged re-ingest writes nothing, a removed
article's claims lose their links, and the graph never holds a link that no article
supports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.ontology import KG, LINKS_GRAPH
from kg.similarity import ClaimIndex, ClaimText, find_links
from kg.store import Store

PREDICATE = {"same": str(KG.sameClaimAs), "contradicts": str(KG.contradicts)}
KIND = {v: k for k, v in PREDICATE.items()}

_CLAIMS = """
PREFIX kg: <https://w3id.org/kg-aigeo/ont#>
PREFIX schema: <https://schema.org/>
SELECT ?c ?text (GROUP_CONCAT(DISTINCT STR(?e); separator=" ") AS ?about) WHERE {
  ?c a schema:Claim ; schema:text ?text .
  OPTIONAL { ?c kg:about ?e }
} GROUP BY ?c ?text"""


@dataclass(frozen=True)
class LinkReport:
    claims: int
    same: int
    contradicts: int
    added: int
    removed: int


def load_index(store: Store) -> ClaimIndex:
    index = ClaimIndex()
    index.add_many(
        ClaimText(c.value, text.value, frozenset((about.value if about else "").split()))
        for c, text, about in store.select(_CLAIMS).rows
        if c is not None and text is not None
    )
    return index


def stored_links(store: Store) -> set[tuple[str, str, str]]:
    res = store.select(
        f"SELECT ?a ?p ?b WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?a ?p ?b }} }}", union=False
    )
    return {(r[0].value, r[1].value, r[2].value) for r in res.rows if r[0] and r[1] and r[2]}


def _nt(triples: Iterable[tuple[str, str, str]]) -> str:
    return "".join(f"<{a}> <{p}> <{b}> .\n" for a, p, b in sorted(triples))


def refresh_links(store: Store, touched: Iterable[str] | None = None) -> LinkReport:
    """Bring the links graph in line with the claims in the store; write only the difference.

    ``touched``: claim IRIs whose links may have changed (claims of an ingested or removed
    article); None recomputes every link, which the index keeps linear in the claims.
    """
    index = load_index(store)
    before = stored_links(store)
    if touched is None:
        found = find_links(index)
        keep: set[tuple[str, str, str]] = set()
    else:
        touched = set(touched)
        found = find_links(index, touched)
        keep = {t for t in before if t[0] not in touched and t[2] not in touched}
    after = keep | {(link.a, PREDICATE[link.kind], link.b) for link in found}
    after = {t for t in after if t[0] in index.claims and t[2] in index.claims}
    store.update_graph(str(LINKS_GRAPH), _nt(before - after), _nt(after - before))
    return LinkReport(
        claims=len(index.claims),
        same=sum(1 for t in after if KIND.get(t[1]) == "same"),
        contradicts=sum(1 for t in after if KIND.get(t[1]) == "contradicts"),
        added=len(after - before),
        removed=len(before - after),
    )
