"""The views `kg viz` draws: an actor's neighbourhood, a topic, a date range, the top-N actors.

Each is a set of statements grown into whole "statement units" (a statement with its speaker,
claim, the actors the claim is about, its evidence and its article), so a view never shows a quote
without its source; claims linked to a shown claim (contradicts, same claim) come along with their
own sources. Everything here is linear in the graph's size (plus a sort of the actors).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from kg.errors import ActorError, ViewError
from kg.graph.projection import Index
from kg.graph.topics import TOPICS

MAX_NODES = 2000  # a view larger than this is cut to the top-N actors, with a note


@dataclass(frozen=True)
class View:
    """A subgraph to draw, and what it is (shown in the page and printed by the CLI)."""

    graph: nx.MultiDiGraph
    scope: str
    note: str | None = None


def find_actor(g: nx.MultiDiGraph, name: str) -> str:
    """The node id of the actor named ``name`` (label or alias, case-insensitive)."""
    wanted = name.strip().casefold()
    for node, data in g.nodes(data=True):
        if data.get("type") != "actor":
            continue
        names = [data.get("label", ""), *data.get("aliases", [])]
        if any(n.casefold() == wanted for n in names):
            return str(node)
    raise ActorError(f"no actor named {name!r} in the store")


def _statements(g: nx.MultiDiGraph) -> list[str]:
    return [n for n, kind in g.nodes(data="type") if kind == "statement"]


def _subgraph(g: nx.MultiDiGraph, idx: Index, statements: Iterable[str]) -> nx.MultiDiGraph:
    return g.subgraph(_drawn(idx, statements)).copy()


def _drawn(idx: Index, statements: Iterable[str]) -> set[str]:
    """The nodes drawn for the statements: their units, plus the claims linked to their claims
    (contradicts, same claim) with those claims' own statements, so the panel can show both
    sides."""
    keep: set[str] = set()
    claims: set[str] = set()
    for st in statements:
        keep.update(idx.unit(st))
        if st in idx.claim:
            claims.add(idx.claim[st])
    for claim in claims:
        for other in idx.linked[claim]:
            if other not in claims:
                for st in idx.stating[other]:
                    keep.update(idx.unit(st))
    return keep


def focus(g: nx.MultiDiGraph, actor: str, depth: int = 1) -> nx.MultiDiGraph:
    """An actor's neighbourhood: what it says and what is said about it (depth 1); then what the
    actors met there say and have said about them (depth 2), and so on."""
    return _focus(g, Index(g), find_actor(g, actor), depth, None)


def _focus(
    g: nx.MultiDiGraph, idx: Index, center: str, depth: int, allowed: set[str] | None
) -> nx.MultiDiGraph:
    seen_actors = {center}
    frontier = [center]
    chosen: set[str] = set()
    for _ in range(depth):
        found = {
            st
            for actor in frontier
            for st in idx.statements_of(actor)
            if allowed is None or st in allowed
        }
        found -= chosen
        chosen |= found
        frontier = []
        for st in found:
            claim = idx.claim.get(st)
            reached = [idx.speaker.get(st), *(idx.about[claim] if claim else ())]
            for actor in reached:
                if actor is not None and actor not in seen_actors:
                    seen_actors.add(actor)
                    frontier.append(actor)
    view = _subgraph(g, idx, chosen)
    view.add_node(center, **g.nodes[center])
    return view


def on_topic(g: nx.MultiDiGraph, topic: str) -> set[str]:
    """Statements on a topic: one of `TOPICS` by name, else every word of ``topic`` in the
    statement's sentence, its claim or its article's headline (case-insensitive)."""
    name = next((t for t in TOPICS if t.casefold() == topic.strip().casefold()), None)
    words = topic.casefold().split()
    if name is None and not words:
        raise ViewError("the topic is empty", hint="one of: " + ", ".join(TOPICS))
    idx = Index(g)
    found = set()
    for st in _statements(g):
        data = g.nodes[st]
        if name is not None:
            if name in data.get("topics", ()):
                found.add(st)
            continue
        claim = idx.claim.get(st)
        text = " ".join(
            [
                data.get("sentence", ""),
                g.nodes[claim].get("text", "") if claim else "",
                data.get("article_title", ""),
            ]
        ).casefold()
        if all(word in text for word in words):
            found.add(st)
    return found


def in_dates(g: nx.MultiDiGraph, since: dt.date | None, until: dt.date | None) -> set[str]:
    """Statements whose article is dated within [since, until] (undated ones are left out)."""
    low = since.isoformat() if since else ""
    high = until.isoformat() if until else "9999-12-31"
    return {
        st
        for st in _statements(g)
        if (date := str(g.nodes[st].get("date") or "")[:10]) and low <= date <= high
    }


def rank_actors(g: nx.MultiDiGraph) -> list[str]:
    """Actors by importance (statements made plus statements about them), then by name."""
    actors = [(n, d) for n, d in g.nodes(data=True) if d.get("type") == "actor"]
    actors.sort(key=lambda item: (-item[1].get("weight", 0), item[1].get("label", ""), item[0]))
    return [n for n, _ in actors]


def top(g: nx.MultiDiGraph, n: int) -> nx.MultiDiGraph:
    """The ``n`` most important actors and the statements by or about them."""
    return _top(g, Index(g), n, None)


def _top(g: nx.MultiDiGraph, idx: Index, n: int, allowed: set[str] | None) -> nx.MultiDiGraph:
    chosen = (st for a in rank_actors(g)[:n] for st in idx.statements_of(a))
    return _subgraph(g, idx, (st for st in chosen if allowed is None or st in allowed))


def _top_within(g: nx.MultiDiGraph, max_nodes: int) -> tuple[nx.MultiDiGraph, int]:
    """The most important actors whose statements fit in ``max_nodes``; how many actors."""
    idx = Index(g)
    keep: set[str] = set()
    chosen: list[str] = []
    count = 0
    for actor in rank_actors(g):
        mine = list(idx.statements_of(actor))
        if not mine:
            continue
        # with the other sides of their links, as `_subgraph` draws them: the page never
        # holds more than max_nodes (each actor's share counted apart is an upper bound)
        extra = _drawn(idx, mine) - keep
        if len(keep) + len(extra) > max_nodes and count:
            break
        keep |= extra
        chosen.extend(mine)
        count += 1
    return _subgraph(g, idx, chosen), count


def select_view(
    g: nx.MultiDiGraph,
    *,
    focus_on: str | None = None,
    depth: int = 1,
    topic: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    top_n: int | None = None,
    max_nodes: int = MAX_NODES,
) -> View:
    """The view `kg viz` draws: topic and dates narrow the statements, then a focus actor or
    the top-N actors pick among them. A view above ``max_nodes`` is cut to the most important
    actors that fit, with a note saying so."""
    if since and until and since > until:
        raise ViewError(f"the first date {since} is after the last date {until}")
    idx = Index(g)
    allowed: set[str] | None = None
    scope: list[str] = []
    if topic is not None:
        allowed = on_topic(g, topic)
        scope.append(f"topic \u201c{topic}\u201d")
    if since or until:
        dated = in_dates(g, since, until)
        allowed = dated if allowed is None else allowed & dated
        scope.append(f"dated {since or 'any'} to {until or 'any'}")
    if allowed is not None and not allowed:
        raise ViewError(
            "no statement matches " + " and ".join(scope),
            hint="topics: " + ", ".join(TOPICS) + "; dates are YYYY-MM-DD",
        )
    if focus_on is not None:
        center = find_actor(g, focus_on)
        view = _focus(g, idx, center, depth, allowed)
        scope.insert(0, f"focus {g.nodes[center]['label']}, depth {depth}")
    elif top_n is not None:
        view = _top(g, idx, top_n, allowed)
        scope.insert(0, f"top {top_n} actors")
    elif allowed is not None:
        view = _subgraph(g, idx, allowed)
    else:
        view = g
    label = "; ".join(scope) or "whole graph"
    if view.number_of_nodes() <= max_nodes:
        return View(view, label)
    whole = view.number_of_nodes()
    cut, count = _top_within(view, max_nodes)
    actors = sum(1 for _, kind in view.nodes(data="type") if kind == "actor")
    note = (
        f"This view has {whole:,} nodes, more than the limit of {max_nodes:,}: it shows the "
        f"{count} most important of its {actors} actors and the statements by or about them "
        f"({cut.number_of_nodes():,} nodes). Narrow it with --focus ACTOR, --topic, "
        "--since/--until or --top N, or raise --max-nodes."
    )
    return View(cut, f"{label}; cut to the top {count} actors", note)
