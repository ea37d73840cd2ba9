"""The derived links graph: the same claim (`kg:sameClaimAs`) and contradicting claims (`kg:contradicts`).

Each link is one triple between the two claims, for queries, and a `kg:ClaimLink` node (IRI from
the triple) that says why it was made: `kg:reason` ("words", "frame", "words+frame",
"evaluation"),
`kg:score` and a sentence in `kg:explanation` (kg.links.similarity).

Where the links live and how they stay consistent: they are not in any article graph,
because a link between claims of two articles belongs to neither. They sit in one derived
named graph (`graph/links`) that is a pure function of the claims in the article graphs.
After every ingest, remove or merge, `refresh_links` computes the links of the claims
that changed and writes the difference to what is stored. So an unchanged re-ingest
writes nothing, a removed article's claims lose their links, and the graph never holds a
link that no article supports.

Finding the candidates of the changed claims needs an index of every claim. It is kept on
disk beside the store (kg.links.index) and trusted only when its generation equals the one
stored with the links; `mark_stale` clears the stored one before any article graph
changes, so an interrupted run makes the next refresh rebuild the index from the store.
Either way the links come out as a full recomputation would give them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.links.index import ClaimIndexFile, digest, generation_of, open_index
from kg.links.similarity import ClaimIndex, ClaimText, Link, compare, find_links, prepare
from kg.rdf.ontology import KG, LINKS_GRAPH, META_GRAPH, SCHEMA, link_iri
from kg.store.lock import work_dir
from kg.store.oxigraph import Cell, Store

PREDICATE = {"same": str(KG.sameClaimAs), "contradicts": str(KG.contradicts)}
KIND = {v: k for k, v in PREDICATE.items()}
GENERATION = f"<{LINKS_GRAPH}> <{SCHEMA.version}>"  # subject and predicate, in the meta graph
INDEX_FILE = "claim-index.sqlite"
_VALUES_CHUNK = 500

_CLAIMS = """
PREFIX kg: <https://w3id.org/kg-aigeo/ont#>
PREFIX schema: <https://schema.org/>
SELECT ?c ?text (GROUP_CONCAT(DISTINCT STR(?e); separator=" ") AS ?about)
       (GROUP_CONCAT(DISTINCT ?key; separator="\\n") AS ?frames) WHERE {
  %s
  ?c a schema:Claim ; schema:text ?text .
  OPTIONAL { ?c kg:about ?e }
  OPTIONAL { ?c kg:frame/kg:frameKey ?key }
} GROUP BY ?c ?text"""

#: (subject IRI, predicate IRI, object IRI) of a link between two claims
Triple = tuple[str, str, str]
#: (subject IRI, predicate IRI, object as an N-Triples term) of any triple of the links graph
Stated = tuple[str, str, str]
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class LinkReport:
    claims: int
    same: int
    contradicts: int
    added: int
    removed: int
    rebuilt: bool  # every link recomputed from the store (else only the touched claims')


def index_path(store: Store) -> Path:
    return work_dir(store.path) / INDEX_FILE


def read_claims(store: Store, iris: Iterable[str] | None = None) -> dict[str, ClaimText]:
    """The claims in the store (or those among ``iris``): text and the actors they are about.

    A claim IRI is a hash of its normalised proposition, so two articles may word it a
    little differently; the smallest text is kept, so the choice does not depend on order.
    """
    if iris is None:
        rows = list(store.select(_CLAIMS % "").rows)
    else:
        wanted = sorted(i for i in set(iris) if not any(ch in i for ch in '<> "\n{}'))
        rows = []
        for start in range(0, len(wanted), _VALUES_CHUNK):
            values = " ".join(f"<{i}>" for i in wanted[start : start + _VALUES_CHUNK])
            rows.extend(store.select(_CLAIMS % f"VALUES ?c {{ {values} }}").rows)
    claims: dict[str, ClaimText] = {}
    for c, text, about, frame_keys in rows:
        if c is None or text is None:
            continue
        actors = frozenset((about.value if about else "").split())
        frames = frozenset(filter(None, (frame_keys.value if frame_keys else "").split("\n")))
        known = claims.get(c.value)
        if known is not None:
            text_value = min(known.text, text.value)
            actors |= known.about
            frames |= known.frames
        else:
            text_value = text.value
        claims[c.value] = ClaimText(c.value, text_value, actors, frames)
    return claims


def claims_in_graph(store: Store, graph: str) -> set[str]:
    """The claims an article graph states (taken before and after it changes: the touched set)."""
    res = store.select(
        f"SELECT DISTINCT ?c WHERE {{ GRAPH <{graph}> {{ ?c a <{SCHEMA.Claim}> }} }}", union=False
    )
    return {r[0].value for r in res.rows if r[0] is not None}


def stored_links(store: Store) -> set[Triple]:
    """The links between claims in the links graph (without the nodes that explain them)."""
    kinds = " ".join(f"<{p}>" for p in KIND)
    res = store.select(
        f"SELECT ?a ?p ?b WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?a ?p ?b }} VALUES ?p {{ {kinds} }} }}",
        union=False,
    )
    return {(r[0].value, r[1].value, r[2].value) for r in res.rows if r[0] and r[1] and r[2]}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def _decimal(value: float) -> str:
    """A score as Oxigraph writes an xsd:decimal back (no trailing zeros)."""
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def _term(cell: Cell) -> str:
    if cell.kind == "uri":
        return f"<{cell.value}>"
    if cell.datatype and cell.datatype != _XSD_STRING:
        return f'"{_escape(cell.value)}"^^<{cell.datatype}>'
    return f'"{_escape(cell.value)}"'


def _stored(store: Store) -> set[Stated]:
    """Every triple of the links graph, objects as N-Triples terms."""
    res = store.select(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?s ?p ?o }} }}", union=False
    )
    return {(r[0].value, r[1].value, _term(r[2])) for r in res.rows if r[0] and r[1] and r[2]}


def _stored_touching(store: Store, touched: set[str]) -> set[Stated]:
    """The triples of the links graph that concern the touched claims: their links and the
    nodes that explain those links (an incremental refresh reads no more than these)."""
    kinds = " ".join(f"<{p}>" for p in KIND)
    out: set[Stated] = set()
    ordered = sorted(touched)
    for n in range(0, len(ordered), _VALUES_CHUNK):
        values = " ".join(f"<{c}>" for c in ordered[n : n + _VALUES_CHUNK])
        for query in (
            f"SELECT ?s ?p ?o WHERE {{ GRAPH <{LINKS_GRAPH}> {{ VALUES ?s {{ {values} }} "
            f"VALUES ?p {{ {kinds} }} ?s ?p ?o }} }}",
            f"SELECT ?s ?p ?o WHERE {{ GRAPH <{LINKS_GRAPH}> {{ VALUES ?o {{ {values} }} "
            f"VALUES ?p {{ {kinds} }} ?s ?p ?o }} }}",
            f"SELECT ?s ?p ?o WHERE {{ GRAPH <{LINKS_GRAPH}> {{ VALUES ?c {{ {values} }} "
            f"{{ ?s <{KG.linkFrom}> ?c }} UNION {{ ?s <{KG.linkTo}> ?c }} ?s ?p ?o }} }}",
        ):
            res = store.select(query, union=False)
            out.update(
                (r[0].value, r[1].value, _term(r[2])) for r in res.rows if r[0] and r[1] and r[2]
            )
    return out


def _link_counts(store: Store) -> dict[str, int]:
    """How many links of each kind the links graph holds."""
    kinds = " ".join(f"<{p}>" for p in KIND)
    res = store.select(
        f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ GRAPH <{LINKS_GRAPH}> {{ VALUES ?p {{ {kinds} }} "
        "?a ?p ?b } } GROUP BY ?p",
        union=False,
    )
    return {KIND[r[0].value]: int(r[1].value) for r in res.rows if r[0] and r[1]}


def link_triples(links: Iterable[Link]) -> set[Stated]:
    """The links graph that ``links`` make: each link and the node that says why."""
    out: set[Stated] = set()
    for link in links:
        p = PREDICATE[link.kind]
        node = str(link_iri(link.a, p, link.b))
        out.add((link.a, p, f"<{link.b}>"))
        out.add((node, _RDF_TYPE, f"<{KG.ClaimLink}>"))
        out.add((node, str(KG.linkFrom), f"<{link.a}>"))
        out.add((node, str(KG.linkTo), f"<{link.b}>"))
        out.add((node, str(KG.relation), f"<{p}>"))
        out.add((node, str(KG.reason), f'"{_escape(link.reason)}"'))
        out.add((node, str(KG.score), f'"{_decimal(link.score)}"^^<{_XSD_DECIMAL}>'))
        if link.explanation:
            out.add((node, str(KG.explanation), f'"{_escape(link.explanation)}"'))
    return out


def _direct(triples: Iterable[Stated]) -> set[Triple]:
    return {(s, p, o[1:-1]) for s, p, o in triples if p in KIND}


def _generations(store: Store) -> set[str]:
    res = store.select(
        f"SELECT ?g WHERE {{ GRAPH <{META_GRAPH}> {{ {GENERATION} ?g }} }}", union=False
    )
    return {r[0].value for r in res.rows if r[0] is not None}


def stored_generation(store: Store) -> str | None:
    """The claim index generation stored with the links (None if absent or ambiguous)."""
    values = _generations(store)
    return values.pop() if len(values) == 1 else None


def links_pending(store: Store) -> bool:
    """Whether article graphs changed without the links following: `begin_change` cleared
    the stored generation and no refresh wrote one back (an ingest, remove, merge or import
    interrupted by a crash, or an UPDATE through `kg serve`). The next writing command
    finishes the job with a full refresh."""
    if stored_generation(store) is not None:
        return False
    res = store.select(f"ASK {{ GRAPH ?g {{ ?c a <{SCHEMA.Claim}> }} }}", union=False)
    return bool(res.boolean)


@dataclass(frozen=True)
class LinksCheck:
    """The stored links graph against a full recomputation from the claims in the store."""

    stored: int
    expected: int
    missing: int  # links the claims support that the graph lacks
    stale: int  # links in the graph that no pair of claims supports
    pending: bool  # an interrupted change left the refresh undone

    @property
    def ok(self) -> bool:
        return not self.missing and not self.stale


def check_links(store: Store) -> LinksCheck:
    """Compare the links graph with what the claims in the store give (`kg validate`)."""
    index = ClaimIndex()
    index.add_many(read_claims(store).values())
    expected = _by_link(link_triples(find_links(index)))
    stored = _by_link(_stored(store))
    return LinksCheck(
        stored=len(stored),
        expected=len(expected),
        missing=sum(1 for k, v in expected.items() if stored.get(k) != v),
        stale=sum(1 for k, v in stored.items() if k not in expected),
        pending=links_pending(store),
    )


def _by_link(triples: set[Stated]) -> dict[str, frozenset[Stated]]:
    """The links graph as its links: each link's node IRI with its triples (the link and the
    node's); triples of a node without its link make a group of their own (stale)."""
    groups: dict[str, set[Stated]] = {}
    for a, p, b in _direct(triples):
        groups.setdefault(str(link_iri(a, p, b)), set()).add((a, p, f"<{b}>"))
    for t in triples:
        if t[1] not in KIND:
            groups.setdefault(t[0], set()).add(t)
    return {k: frozenset(v) for k, v in groups.items()}


def begin_change(store: Store) -> str | None:
    """Clear the stored index generation before article graphs change, and return it.

    Pass the returned value to `refresh_links(since=...)` after the change. If the process
    dies in between, the store holds no generation and the next refresh rebuilds the index.
    """
    values = _generations(store)
    if values:
        store.update(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ {GENERATION} ?g }} }}")
    return values.pop() if len(values) == 1 else None


def _nt(triples: Iterable[Stated]) -> str:
    return "".join(f"<{s}> <{p}> {o} .\n" for s, p, o in sorted(triples))


def _write(
    store: Store, before: set[Stated], after: set[Stated], stored: str | None, generation: str
) -> None:
    """The links difference and the new index generation, in one transaction."""
    ops = []
    if before - after:
        ops.append(f"DELETE DATA {{ GRAPH <{LINKS_GRAPH}> {{\n{_nt(before - after)}}} }}")
    if after - before:
        ops.append(f"INSERT DATA {{ GRAPH <{LINKS_GRAPH}> {{\n{_nt(after - before)}}} }}")
    if stored != generation:
        ops.append(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ {GENERATION} ?g }} }}")
        ops.append(f'INSERT DATA {{ GRAPH <{META_GRAPH}> {{ {GENERATION} "{generation}" }} }}')
    if ops:
        store.update(" ;\n".join(ops))


def _rebuild(
    store: Store, index_file: ClaimIndexFile, before: set[Stated], stored: str | None
) -> set[Stated]:
    """Every link, from an index built from the store; the index file is written again."""
    claims = read_claims(store)
    index = ClaimIndex()
    index.add_many(claims.values())
    after = link_triples(find_links(index))
    generation = generation_of(claims.values())
    with index_file.transaction():
        index_file.clear()
        index_file.add(list(claims.values()))
        index_file.set_generation(generation)
        _write(store, before, after, stored, generation)
    return after


def _update(
    store: Store,
    index_file: ClaimIndexFile,
    before: set[Stated],
    touched: set[str],
    since: str,
    stored: str | None,
) -> set[Stated]:
    """The links of the touched claims, their candidates looked up in the index file;
    ``before`` holds the stored triples that concern them (`_stored_touching`), and so does
    the set returned: the other links stay as they are."""
    now = read_claims(store, touched)
    value = int(since, 16)
    for claim in (*index_file.rows(touched).values(), *now.values()):
        value ^= digest(claim)
    generation = f"{value:032x}"
    with index_file.transaction():
        index_file.remove(touched)
        added = index_file.add(list(now.values()))
        buckets = index_file.candidates(key for _, keys in added.values() for key in keys)
        near = {
            iri: {o for key in keys for o in buckets.get(key, ())} - {iri}
            for iri, (_, keys) in added.items()
        }
        wanted = set().union(*near.values()) - added.keys()
        others = {c.iri: prepare(c) for c in index_file.rows(wanted).values()}
        links: set[Link] = set()
        for iri, candidates in near.items():
            x = added[iri][0]
            for other in candidates:
                y = added[other][0] if other in added else others.get(other)
                link = compare(x, y) if y is not None else None
                if link is not None:
                    links.add(link)
        after = link_triples(links)
        index_file.set_generation(generation)
        _write(store, before, after, stored, generation)
    return after


def refresh_links(
    store: Store, touched: Iterable[str] | None = None, *, since: str | None = None
) -> LinkReport:
    """Bring the links graph in line with the claims in the store; write only the difference.

    ``touched``: every claim that may have been added, removed or restated since
    `begin_change` returned ``since`` (the claims of the changed article graphs, before and
    after the change). Without them, or when the index file is not at ``since``, every
    link is recomputed from the store and the index file is rebuilt.
    """
    with open_index(index_path(store)) as index_file:
        stored = stored_generation(store)
        incremental = (
            touched is not None
            and since is not None
            and index_file.generation == since
            and stored in (None, since)
        )
        if incremental and touched is not None and since is not None:  # (narrowed for mypy)
            # only what concerns the touched claims is read and compared, not the whole graph
            before = _stored_touching(store, set(touched))
            after = _update(store, index_file, before, set(touched), since, stored)
            counts = _link_counts(store)
        else:
            before = _stored(store)
            after = _rebuild(store, index_file, before, stored)
            counts = {}
            for t in _direct(after):
                counts[KIND[t[1]]] = counts.get(KIND[t[1]], 0) + 1
        claims = index_file.count()
    links_after, links_before = _direct(after), _direct(before)
    return LinkReport(
        claims=claims,
        same=counts.get("same", 0),
        contradicts=counts.get("contradicts", 0),
        added=len(links_after - links_before),
        removed=len(links_before - links_after),
        rebuilt=not incremental,
    )
