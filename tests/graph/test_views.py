"""The views `kg viz` draws (focus, topic, dates, top-N, the cut to --max-nodes), on the corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import KGError
from kg.graph import views
from kg.graph.projection import Index
from tests.helpers.graphs import assert_whole_units, load_graph, statements


@pytest.fixture(scope="module")
def corpus_graph(golden_store: Path) -> nx.MultiDiGraph:
    return load_graph(golden_store)


def test_focus_is_what_an_actor_says_and_what_is_said_about_it(
    corpus_graph: nx.MultiDiGraph,
) -> None:
    g = corpus_graph
    idx = Index(g)
    china = views.find_actor(g, "China")
    view = views.focus(g, "PRC", depth=1)
    assert china in view
    assert_whole_units(view, g)
    mine = set(idx.statements_of(china))
    linked = {
        st for c in {idx.claim[s] for s in mine} for o in idx.linked[c] for st in idx.stating[o]
    }
    assert set(statements(view)) == mine | linked
    wider = views.focus(g, "China", depth=2)
    assert set(view.nodes) < set(wider.nodes)
    with pytest.raises(KGError, match="no actor named 'Atlantis'"):
        views.focus(g, "Atlantis")


def test_topic_dates_and_top(corpus_graph: nx.MultiDiGraph) -> None:
    g = corpus_graph
    view = views.select_view(g, topic="Export Controls", since=dt.date(2024, 1, 1))
    assert view.scope == "topic \u201cExport Controls\u201d; dated 2024-01-01 to any"
    sts = statements(view.graph)
    assert sts and view.note is None
    idx = Index(g)
    chosen = {
        st
        for st in sts
        if g.nodes[st]["date"] >= "2024-01-01" and "export controls" in g.nodes[st]["topics"]
    }
    assert chosen
    # the rest are the other sides of links (same claim, contradicts) of the chosen ones' claims
    linked = {o for st in chosen for o in idx.linked[idx.claim[st]]}
    for st in set(sts) - chosen:
        assert idx.claim[st] in linked, st
    assert_whole_units(view.graph, g)
    words = views.select_view(g, topic="huawei ascend").graph
    for st in statements(words):
        data = g.nodes[st]
        claim = Index(g).claim[st]
        text = f"{data['sentence']} {g.nodes[claim]['text']} {data['article_title']}".casefold()
        assert "huawei" in text and "ascend" in text
    top = views.select_view(g, top_n=3)
    assert top.scope == "top 3 actors"
    assert set(views.rank_actors(g)[:3]) <= set(top.graph.nodes)
    with pytest.raises(KGError, match="no statement matches"):
        views.select_view(g, topic="zeppelins")
    with pytest.raises(KGError, match="after"):
        views.select_view(g, since=dt.date(2025, 1, 1), until=dt.date(2024, 1, 1))


def test_a_view_too_large_is_cut_with_a_note(corpus_graph: nx.MultiDiGraph) -> None:
    g = corpus_graph
    whole = views.select_view(g)
    assert whole.graph is g and whole.scope == "whole graph" and whole.note is None
    cut = views.select_view(g, max_nodes=300)
    assert cut.graph.number_of_nodes() <= 300
    assert cut.note and "more than the limit of 300" in cut.note and "--focus" in cut.note
    assert views.rank_actors(g)[0] in cut.graph
    assert_whole_units(cut.graph, g)


@pytest.mark.parametrize("limit", [250, 300, 500, 700])
def test_a_cut_view_never_holds_more_than_the_limit(
    corpus_graph: nx.MultiDiGraph, limit: int
) -> None:
    """The other sides of linked claims that the cut view draws count against the limit too."""
    cut = views.select_view(corpus_graph, max_nodes=limit)
    assert cut.graph.number_of_nodes() <= limit
