"""The networkx projection of the store and the views `kg viz` draws, on the sample corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pytest

from kg import graph as kgraph
from kg.errors import KGError
from kg.store import GraphWrite, open_store


@pytest.fixture(scope="module")
def corpus_graph(corpus_store: Path) -> nx.MultiDiGraph:
    with open_store(corpus_store, create=False) as store:
        return kgraph.build_graph(store)


def statements(g: nx.MultiDiGraph) -> list[str]:
    return [n for n, kind in g.nodes(data="type") if kind == "statement"]


def assert_whole_units(view: nx.MultiDiGraph, whole: nx.MultiDiGraph) -> None:
    """Every statement in the view comes with its speaker, claim, subjects, evidence, article."""
    idx = kgraph.Index(whole)
    for st in statements(view):
        assert set(idx.unit(st)) <= set(view.nodes), st


def test_statements_carry_their_source(corpus_graph: nx.MultiDiGraph) -> None:
    g = corpus_graph
    sts = statements(g)
    assert len(sts) == 351  # as `kg stats` reports for the sample corpus
    idx = kgraph.Index(g)
    for st in sts:
        data = g.nodes[st]
        start, end = data["highlight"]
        assert data["sentence"][start:end] == data["text"], st
        assert data["stance"] in ("asserts", "denies", "questions", "predicts")
        assert data["article_title"] and data["outlet"] and data["date"]
        assert data["provenance"].startswith("pattern ") and "pipeline " in data["provenance"]
        assert st in idx.speaker and st in idx.claim and st in idx.article
    for claim in idx.stating:
        assert g.nodes[claim]["weight"] == len(idx.stating[claim])
    china = kgraph.find_actor(g, "beijing")
    said = len(idx.said[china])
    about = sum(len(idx.stating[c]) for c in idx.about_in[china])
    assert g.nodes[china]["weight"] == said + about > 50
    assert kgraph.rank_actors(g)[0] == china
    evidence = [d for _, d in g.nodes(data=True) if d["type"] == "evidence"]
    assert evidence and all(d["context"][1] == d["text"] for d in evidence)


def test_topics_of() -> None:
    assert kgraph.topics_of("New export controls on chips.") == [
        "export controls",
        "chips and semiconductors",
    ]
    assert kgraph.topics_of("Nothing here.", "A summit on AI safety") == [
        "AI safety",
        "regulation and governance",
    ]
    assert kgraph.topics_of("The fabulous banner.") == []  # words, not parts of words


def test_focus_is_what_an_actor_says_and_what_is_said_about_it(
    corpus_graph: nx.MultiDiGraph,
) -> None:
    g = corpus_graph
    idx = kgraph.Index(g)
    china = kgraph.find_actor(g, "China")
    view = kgraph.focus(g, "PRC", depth=1)
    assert china in view
    assert_whole_units(view, g)
    mine = set(idx.statements_of(china))
    linked = {
        st for c in {idx.claim[s] for s in mine} for o in idx.linked[c] for st in idx.stating[o]
    }
    assert set(statements(view)) == mine | linked
    wider = kgraph.focus(g, "China", depth=2)
    assert set(view.nodes) < set(wider.nodes)
    with pytest.raises(KGError, match="no actor named 'Atlantis'"):
        kgraph.focus(g, "Atlantis")


def test_topic_dates_and_top(corpus_graph: nx.MultiDiGraph) -> None:
    g = corpus_graph
    view = kgraph.select_view(g, topic="Export Controls", since=dt.date(2024, 1, 1))
    assert view.scope == "topic \u201cExport Controls\u201d; dated 2024-01-01 to any"
    sts = statements(view.graph)
    assert sts and view.note is None
    for st in sts:
        assert "export controls" in g.nodes[st]["topics"]
        assert g.nodes[st]["date"] >= "2024-01-01"
    assert_whole_units(view.graph, g)
    words = kgraph.select_view(g, topic="huawei ascend").graph
    for st in statements(words):
        data = g.nodes[st]
        claim = kgraph.Index(g).claim[st]
        text = f"{data['sentence']} {g.nodes[claim]['text']} {data['article_title']}".casefold()
        assert "huawei" in text and "ascend" in text
    top = kgraph.select_view(g, top_n=3)
    assert top.scope == "top 3 actors"
    assert set(kgraph.rank_actors(g)[:3]) <= set(top.graph.nodes)
    with pytest.raises(KGError, match="no statement matches"):
        kgraph.select_view(g, topic="zeppelins")
    with pytest.raises(KGError, match="after"):
        kgraph.select_view(g, since=dt.date(2025, 1, 1), until=dt.date(2024, 1, 1))


def test_a_view_too_large_is_cut_with_a_note(corpus_graph: nx.MultiDiGraph) -> None:
    g = corpus_graph
    whole = kgraph.select_view(g)
    assert whole.graph is g and whole.scope == "whole graph" and whole.note is None
    cut = kgraph.select_view(g, max_nodes=300)
    assert cut.graph.number_of_nodes() <= 300
    assert cut.note and "more than the limit of 300" in cut.note and "--focus" in cut.note
    assert kgraph.rank_actors(g)[0] in cut.graph
    assert_whole_units(cut.graph, g)


def test_contradicts_and_same_claim_links_are_drawn(corpus_store: Path, tmp_path: Path) -> None:
    """Links that claim resolution writes (issue 5) become edges, whichever graph holds them."""
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(corpus_store, copy)
    with open_store(copy, create=False) as store:
        before = kgraph.build_graph(store)
        a, b, c = [n for n, kind in before.nodes(data="type") if kind == "claim"][:3]
        triples = (
            f"<{a}> <https://w3id.org/kg-aigeo/ont#contradicts> <{b}> .\n"
            f"<{a}> <http://www.w3.org/2004/02/skos/core#closeMatch> <{c}> .\n"
        )
        store.replace_graphs([GraphWrite("https://w3id.org/kg-aigeo/id/graph/test", triples)])
        g = kgraph.build_graph(store)
    kinds = {(u, v): k for u, v, k in g.edges(data="type") if k in ("contradicts", "same_as")}
    assert kinds == {(a, b): "contradicts", (min(a, c), max(a, c)): "same_as"}
    idx = kgraph.Index(g)
    view = kgraph._subgraph(g, idx, idx.stating[a])
    assert b in view and c in view  # the other side comes along, with its sources
    assert set(idx.stating[b]) <= set(view.nodes)
