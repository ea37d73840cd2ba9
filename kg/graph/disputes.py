"""The dispute map: actors as nodes, and who disputes, agrees with or speaks about whom.

Beyond a few hundred nodes a claim-level graph is a hairball; an analyst first wants to see who
is against whom. `dispute_map` folds a claim-level graph (kg.graph.projection) into actors:

- **disputes** (A — B): A asserts or predicts a claim that B denies (in another article, or in
  the same one when B's rebuttal points back at A's statement: ``rebuts``), or A and B state,
  with the same stance in different articles, claims that contradict each other
  (`contradicts`), or B denies in another article a claim that is the same as A's in other
  words. Within one article, a claim and its denial are otherwise usually one sentence read
  twice by the extractor, not two parties;
- **agrees with** (A — B): A and B state the same claim (one claim node, or claims linked
  `same_as`) with the same stance in different articles;
- **speaks about** (A → X): A makes statements whose claims are about X.

Each edge keeps the statements behind it (a click in the page lists them with their source
sentences), its weight (how many claims, or pairs of claims, it stands for) and the stance that
colours it. Linear in the graph's size, plus the pairs of speakers of each claim.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from kg.graph.projection import Index

SAYING = ("asserts", "predicts")
KINDS = ("disputes", "agrees", "speaks_about")


@dataclass
class _Edge:
    statements: set[str] = field(default_factory=set)
    units: set[tuple[str, ...]] = field(default_factory=set)  # claims or claim pairs counted
    stances: Counter[str] = field(default_factory=Counter)


def dispute_map(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The actor-level graph of ``g`` (see the module docstring).

    Nodes are the actors of ``g`` that take part in an edge, with their attributes; edges carry
    ``type`` (disputes, agrees, speaks_about), ``weight``, ``stance`` and ``statements``
    (sorted statement node ids). Disputes and agreements go from the smaller actor id to the
    larger, so each pair has one edge of each kind.
    """
    idx = Index(g)
    edges: dict[tuple[str, str, str], _Edge] = defaultdict(_Edge)

    def stance(st: str) -> str:
        return str(g.nodes[st].get("stance") or g.nodes[st].get("kind") or "")

    def add(kind: str, a: str, b: str, sts: Iterable[str], unit: tuple[str, ...], how: str) -> None:
        if kind != "speaks_about":
            a, b = sorted((a, b))
        edge = edges[(kind, a, b)]
        edge.statements.update(sts)
        edge.units.add(unit)
        edge.stances[how] += 1

    claims = [n for n, t in g.nodes(data="type") if t == "claim"]
    for claim in claims:
        sts = [st for st in idx.stating[claim] if st in idx.speaker]
        for x in sts:
            for y in sts:
                if x >= y or idx.speaker[x] == idx.speaker[y]:
                    continue
                sx, sy = stance(x), stance(y)
                apart = idx.article.get(x) != idx.article.get(y)
                rebuttal = g.nodes[x].get("rebuts") == y or g.nodes[y].get("rebuts") == x
                if {sx, sy} & set(SAYING) and "denies" in (sx, sy) and (apart or rebuttal):
                    add("disputes", idx.speaker[x], idx.speaker[y], (x, y), (claim,), "denies")
                elif sx == sy and apart:
                    add("agrees", idx.speaker[x], idx.speaker[y], (x, y), (claim,), sx)
    for u, v, kind in g.edges(data="type"):
        if kind not in ("contradicts", "same_as") or u == v:
            continue
        for x in idx.stating[u]:
            for y in idx.stating[v]:
                a, b = idx.speaker.get(x), idx.speaker.get(y)
                if a is None or b is None or a == b or idx.article.get(x) == idx.article.get(y):
                    continue
                sx, sy = stance(x), stance(y)
                pair = tuple(sorted((u, v)))
                if kind == "contradicts" and sx == sy and sx in SAYING:
                    add("disputes", a, b, (x, y), pair, "contradicts")
                elif kind == "same_as" and {sx, sy} & set(SAYING) and "denies" in (sx, sy):
                    add("disputes", a, b, (x, y), pair, "denies")
                elif kind == "same_as" and sx == sy and idx.article.get(x) != idx.article.get(y):
                    add("agrees", a, b, (x, y), pair, sx)
    for actor, said in idx.said.items():
        for st in said:
            claim = idx.claim.get(st)
            for other in dict.fromkeys(idx.about[claim] if claim else ()):
                if other != actor:
                    add("speaks_about", actor, other, (st,), (st,), stance(st))

    out: nx.MultiDiGraph = nx.MultiDiGraph()
    for (kind, a, b), edge in sorted(edges.items()):
        for node in (a, b):
            if node not in out:
                out.add_node(node, **g.nodes[node])
        top = max(sorted(edge.stances), key=lambda s: edge.stances[s])
        out.add_edge(
            a,
            b,
            type=kind,
            weight=len(edge.units),
            stance=top,
            statements=sorted(edge.statements),
        )
    return out
