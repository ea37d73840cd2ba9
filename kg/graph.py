"""The networkx projection of the store: actors, statements, claims, evidence, articles.

Node and edge attributes follow the contract `kg.viz` renders (type, label, kind,
aliases, text, sentence, highlight, speaker, article_title, outlet, date, url,
provenance, weight). Also the base for graph analytics.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from kg.errors import KGError
from kg.ontology import CLASS_KIND, EVIDENCE_KIND
from kg.store import Cell, Store

_PREFIXES = """
PREFIX kg: <https://w3id.org/kg-aigeo/ont#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

_STATEMENTS = (
    _PREFIXES
    + """
SELECT DISTINCT ?st ?sp ?c ?claim ?exact ?start ?end ?sentence ?sstart ?stance ?art ?title ?outlet
       ?date ?url ?pattern ?pipeline ?generated WHERE {
  ?st a kg:Statement ; kg:speaker ?sp ; kg:states ?c ; kg:statedIn ?art ; kg:anchor ?a ;
      kg:stance ?stanceC ; kg:pattern ?pattern .
  ?c schema:text ?claim .
  ?a oa:exact ?exact ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?st kg:sentenceAnchor ?s . ?s oa:exact ?sentence ; oa:start ?sstart }
  ?stanceC skos:prefLabel ?stance .
  OPTIONAL { ?art schema:headline ?title }
  OPTIONAL { ?art kg:outlet ?outlet }
  OPTIONAL { ?art schema:datePublished ?date }
  OPTIONAL { ?art schema:url ?url }
  OPTIONAL { ?art kg:articleGraph ?g . ?g prov:wasGeneratedBy ?run ; prov:generatedAtTime ?generated .
             ?run kg:pipeline ?pipeline }
}"""
)

_ENTITIES = (
    _PREFIXES
    + """
SELECT ?e ?label ?kind (GROUP_CONCAT(DISTINCT ?alias; separator="\\u001f") AS ?aliases) WHERE {
  { ?x kg:speaker ?e } UNION { ?x kg:about ?e }
  ?e skos:prefLabel ?label ; a ?cls .
  ?cls rdfs:subClassOf* kg:Entity .
  FILTER(?cls NOT IN (kg:Entity, kg:Actor, kg:Artifact))
  BIND(STR(?cls) AS ?kind)
  OPTIONAL { ?e skos:altLabel ?alias }
} GROUP BY ?e ?label ?kind"""
)

_ABOUT = _PREFIXES + "SELECT DISTINCT ?c ?e WHERE { ?c a schema:Claim ; kg:about ?e }"

_EVIDENCE = (
    _PREFIXES
    + """
SELECT DISTINCT ?ev ?st ?text ?kind ?start ?end WHERE {
  ?ev kg:supports ?st ; schema:text ?text ; a ?cls ; kg:anchor ?a .
  ?a oa:start ?start ; oa:end ?end .
  ?cls rdfs:subClassOf kg:Evidence .
  BIND(STR(?cls) AS ?kind)
}"""
)

_CONTRADICTS = _PREFIXES + "SELECT DISTINCT ?a ?b WHERE { ?a kg:contradicts ?b }"


def _v(cell: Cell | None) -> str | None:
    return cell.value if cell is not None else None


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def build_graph(store: Store) -> nx.MultiDiGraph:
    """The whole store as a graph of actors, statements, claims, evidence and articles."""
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for row in store.select(_ENTITIES).rows:
        e, label, kind, aliases = (_v(c) for c in row)
        assert e and label
        g.add_node(
            e,
            type="actor",
            label=label,
            kind=CLASS_KIND.get(kind or "", "organization"),
            aliases=[a for a in (aliases or "").split("\u001f") if a],
            weight=1,
        )
    said: Counter[str] = Counter()
    for row in store.select(_STATEMENTS).rows:
        (
            st,
            sp,
            c,
            claim,
            exact,
            start,
            _end,
            sentence,
            sstart,
            stance,
            art,
            title,
            outlet,
            date,
            url,
            pattern,
            pipeline,
            generated,
        ) = (_v(x) for x in row)
        assert st and sp and c and art and exact is not None
        sent = sentence or exact
        offset = int(start or 0) - int(sstart if sstart is not None else (start or 0))
        highlight = [offset, offset + len(exact)] if sentence else [0, len(exact)]
        speaker_label = g.nodes[sp]["label"] if sp in g else sp
        said[sp] += 1
        g.add_node(
            st,
            type="statement",
            label=_short(exact, 40),
            kind=stance,
            text=exact,
            sentence=sent,
            highlight=highlight,
            speaker=speaker_label,
            article_title=title or "",
            outlet=outlet or "",
            date=date or "",
            url=url or "",
            provenance=f"pattern {pattern}; pipeline {pipeline or '?'}; extracted {generated or '?'}",
        )
        if c not in g:
            g.add_node(c, type="claim", label=_short(claim or exact), text=claim or exact, weight=0)
        g.nodes[c]["weight"] = g.nodes[c].get("weight", 0) + 1
        if art not in g:
            g.add_node(
                art,
                type="article",
                label=_short(title or art, 50),
                article_title=title or "",
                outlet=outlet or "",
                date=date or "",
                url=url or "",
            )
        if sp in g:
            g.add_edge(sp, st, type="says")
        g.add_edge(st, c, type="states")
        g.add_edge(st, art, type="appears_in")
    for row in store.select(_ABOUT).rows:
        c, e = (_v(x) for x in row)
        if c in g and e in g:
            g.add_edge(c, e, type="about")
    for row in store.select(_EVIDENCE).rows:
        ev, st, text, kind, start, _end = (_v(x) for x in row)
        if st not in g or ev is None or text is None:
            continue
        if ev not in g:
            data = g.nodes[st]
            g.add_node(
                ev,
                type="evidence",
                label=_short(text, 40),
                kind=EVIDENCE_KIND.get(kind or "", "evidence"),
                text=text,
                article_title=data.get("article_title", ""),
                outlet=data.get("outlet", ""),
                date=data.get("date", ""),
                url=data.get("url", ""),
            )
        g.add_edge(ev, st, type="supports")
    for row in store.select(_CONTRADICTS).rows:
        a, b = (_v(x) for x in row)
        if a in g and b in g:
            g.add_edge(a, b, type="contradicts")
    for node, n in said.items():
        if node in g:
            g.nodes[node]["weight"] = 1 + n
    return g


def find_actor(g: nx.MultiDiGraph, name: str) -> str:
    """The node id of the actor named ``name`` (label or alias, case-insensitive)."""
    wanted = name.strip().lower()
    for node, data in g.nodes(data=True):
        if data.get("type") != "actor":
            continue
        names = [data.get("label", ""), *data.get("aliases", [])]
        if any(n.lower() == wanted for n in names):
            return str(node)
    raise KGError(
        f"no actor named {name!r} in the store",
        hint="`kg query --saved top-speakers` lists speakers",
    )


def focus(g: nx.MultiDiGraph, actor: str, depth: int = 2) -> nx.MultiDiGraph:
    """The neighbourhood of an actor, ``depth`` hops in either direction."""
    center = find_actor(g, actor)
    nodes = nx.single_source_shortest_path_length(
        g.to_undirected(as_view=True), center, cutoff=depth
    )
    return g.subgraph(nodes).copy()


def top(g: nx.MultiDiGraph, n: int) -> nx.MultiDiGraph:
    """The ``n`` actors that make or attract the most statements, and their statements."""
    actors = [x for x, d in g.nodes(data=True) if d.get("type") == "actor"]
    ranked = sorted(actors, key=lambda x: g.degree(x), reverse=True)[:n]
    keep = set(ranked)
    for a in ranked:
        keep.update(nx.all_neighbors(g, a))
    for x in list(keep):
        if g.nodes[x].get("type") == "statement":
            keep.update(nx.all_neighbors(g, x))
    return g.subgraph(keep).copy()
