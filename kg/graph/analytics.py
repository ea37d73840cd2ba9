"""Analytics over the merged graph (networkx): rankings, communities, Gephi export.

An actor's timeline is in kg.graph.timeline (no networkx, so `kg timeline` starts fast).

The projection used here is small and flat on purpose: actors and claims as nodes,
`states` edges from a speaker to a claim (with the stance) and `about` edges from a
claim to the actors it is about, near-duplicate claims folded through kg:sameClaimAs.
The actor graph links two actors when they state the same claim or one makes claims
about the other; centrality and communities are computed on it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.errors import FormatError, OutputRequired, WriteError
from kg.graph.timeline import TimelineEntry, timeline  # noqa: F401 (re-exported)
from kg.rdf.ontology import CLASS_KIND
from kg.resolve.review import actor_id
from kg.store.oxigraph import Store

_PREFIXES = """PREFIX kg: <https://w3id.org/kg-aigeo/ont#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_STATEMENTS = (
    _PREFIXES
    + """SELECT DISTINCT ?st ?sp ?c ?stance ?text WHERE {
  ?st a kg:Statement ; kg:speaker ?sp ; kg:states ?c ; kg:stance ?s .
  ?s skos:prefLabel ?stance . ?c schema:text ?text .
  FILTER NOT EXISTS { ?sp a kg:AnonymousSource }
}"""
)
_ABOUT = _PREFIXES + "SELECT DISTINCT ?c ?e WHERE { ?c a schema:Claim ; kg:about ?e }"
_LABELS = (
    _PREFIXES
    + """SELECT ?e (MIN(STR(?l)) AS ?label) (MIN(STR(?cls)) AS ?kind) WHERE {
  { ?x kg:speaker ?e } UNION { ?x kg:about ?e }
  ?e skos:prefLabel ?l . OPTIONAL { ?e a ?cls }
} GROUP BY ?e"""
)
_SAME = _PREFIXES + "SELECT ?a ?b WHERE { ?a kg:sameClaimAs ?b }"
GRAPH_FORMATS = ("gexf", "graphml")


def claim_graph(store: Store) -> nx.MultiDiGraph:
    """Actors and claims: speaker -states-> claim (stance), claim -about-> actor."""
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for e, label, kind in store.select(_LABELS).rows:
        if e is not None and label is not None:
            g.add_node(
                e.value,
                type="actor",
                label=label.value,
                kind=CLASS_KIND.get(kind.value if kind else "", "organization"),
            )
    canon = _claim_canon(store)
    for st, sp, c, stance, text in store.select(_STATEMENTS).rows:
        if not (st and sp and c and stance and text) or sp.value not in g:
            continue
        claim = canon.get(c.value, c.value)
        if claim not in g:
            g.add_node(claim, type="claim", label=text.value[:80], kind="claim")
        g.add_edge(sp.value, claim, type="states", stance=stance.value)
    for c, e in store.select(_ABOUT).rows:
        if c and e and e.value in g:
            claim = canon.get(c.value, c.value)
            if claim in g:
                g.add_edge(claim, e.value, type="about")
    return g


def _claim_canon(store: Store) -> dict[str, str]:
    """Near-duplicate claims folded onto one representative (the smallest IRI of the group)."""
    same = nx.Graph()
    for a, b in store.select(_SAME).rows:
        if a and b:
            same.add_edge(a.value, b.value)
    canon: dict[str, str] = {}
    for comp in nx.connected_components(same):
        rep = min(comp)
        canon.update({c: rep for c in comp})
    return canon


def actor_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """Actors linked by shared claims and by claims one makes about the other (weighted)."""
    ag = nx.Graph()
    actors = [n for n, d in g.nodes(data=True) if d["type"] == "actor"]
    ag.add_nodes_from((n, g.nodes[n]) for n in actors)

    def bump(a: str, b: str) -> None:
        if a != b:
            w = ag.get_edge_data(a, b, {"weight": 0})["weight"]
            ag.add_edge(a, b, weight=w + 1)

    for claim, data in g.nodes(data=True):
        if data["type"] != "claim":
            continue
        speakers = sorted({u for u, _, d in g.in_edges(claim, data=True) if d["type"] == "states"})
        about = sorted({v for _, v, d in g.out_edges(claim, data=True) if d["type"] == "about"})
        for i, a in enumerate(speakers):
            for b in speakers[i + 1 :]:
                bump(a, b)
            for b in about:
                bump(a, b)
    return ag


@dataclass(frozen=True)
class ActorRank:
    id: str
    label: str
    kind: str
    statements: int
    claims_about: int
    centrality: float
    community: int


@dataclass(frozen=True)
class Analytics:
    ranking: tuple[ActorRank, ...]
    communities: tuple[tuple[str, ...], ...]  # actor ids, largest community first
    labels: dict[str, str]  # actor id -> preferred label, for every community member


def analyse(store: Store, top: int = 20) -> Analytics:
    """Rank actors by statements made, claims about them and betweenness centrality; find
    communities (Louvain, fixed seed) of actors who make or share claims."""
    g = claim_graph(store)
    ag = actor_graph(g)
    made: Counter[str] = Counter()
    about: Counter[str] = Counter()
    for u, v, d in g.edges(data=True):
        if d["type"] == "states":
            made[u] += 1
        elif d["type"] == "about":
            about[v] += 1
    n = ag.number_of_nodes()
    central = nx.betweenness_centrality(ag, k=min(n, 300) or None, seed=0) if n > 2 else {}
    linked = ag.subgraph([x for x in ag if ag.degree(x) > 0])
    comms = (
        sorted(nx.community.louvain_communities(linked, weight="weight", seed=0), key=len)
        if linked.number_of_nodes()
        else []
    )
    comms.reverse()
    member = {a: i for i, comm in enumerate(comms) for a in comm}
    ranked = sorted(ag.nodes, key=lambda a: (-made[a], -about[a], -central.get(a, 0.0), str(a)))[
        :top
    ]
    ranking = tuple(
        ActorRank(
            actor_id(a),
            ag.nodes[a]["label"],
            ag.nodes[a]["kind"],
            made[a],
            about[a],
            round(central.get(a, 0.0), 4),
            member.get(a, -1),
        )
        for a in ranked
    )
    big = [comm for comm in comms if len(comm) > 1]
    labels = {actor_id(a): ag.nodes[a]["label"] for comm in big for a in comm}
    communities = tuple(
        tuple(sorted((actor_id(a) for a in comm), key=lambda i: (labels[i], i))) for comm in big
    )
    return Analytics(ranking, communities, labels)


def export_graph(store: Store, path: Path, fmt: str) -> tuple[int, int]:
    """Write the actor/claim graph for Gephi (GEXF) or any GraphML tool; node and edge counts."""
    if fmt not in GRAPH_FORMATS:
        raise FormatError(
            f"unknown graph format {fmt!r}", hint="one of " + ", ".join(GRAPH_FORMATS)
        )
    g = claim_graph(store)
    flat = nx.DiGraph()
    flat.add_nodes_from(g.nodes(data=True))
    for u, v, d in g.edges(data=True):
        w = flat.get_edge_data(u, v, {"weight": 0})["weight"]
        flat.add_edge(u, v, type=d["type"], stance=d.get("stance", ""), weight=w + 1)
    try:
        if fmt == "gexf":
            nx.write_gexf(flat, path)
        else:
            nx.write_graphml(flat, path)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    return flat.number_of_nodes(), flat.number_of_edges()


NETWORK_FORMATS = ("gexf", "graphml")


def export_network(store: Store, path: Path | None, fmt: str) -> None:
    """The actor-claim network (kg.graph.analytics) as GEXF for Gephi or GraphML, to a file."""
    if path is None:
        raise OutputRequired(f"{fmt} is written to a file", hint="give a path to write it to")
    export_graph(store, path, fmt)
