"""The networkx projection of the store, on the sample corpus."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.graph import views
from kg.graph.projection import Index, build_graph
from kg.store.oxigraph import GraphWrite, open_store
from tests.helpers.graphs import load_graph, statements

_LINKS = ("contradicts", "same_as")


@pytest.fixture(scope="module")
def corpus_graph(golden_store: Path) -> nx.MultiDiGraph:
    return load_graph(golden_store)


def test_statements_carry_their_source(corpus_graph: nx.MultiDiGraph, golden_store: Path) -> None:
    g = corpus_graph
    sts = statements(g)
    with open_store(golden_store, create=False) as store:
        assert len(sts) == store.stats().statements > 300  # every statement, as `kg stats` counts
    idx = Index(g)
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
    china = views.find_actor(g, "beijing")
    said = len(idx.said[china])
    about = sum(len(idx.stating[c]) for c in idx.about_in[china])
    assert g.nodes[china]["weight"] == said + about > 50
    assert views.rank_actors(g)[0] == china
    evidence = [d for _, d in g.nodes(data=True) if d["type"] == "evidence"]
    assert evidence and all(d["context"][1] == d["text"] for d in evidence)
    for d in evidence:  # shown in the sentence it stands in, itself marked
        start, end = d["highlight"]
        assert d["sentence"][start:end] == d["text"]
    assert any(len(d["sentence"]) > len(d["text"]) for d in evidence)


def test_contradicts_and_same_claim_links_are_drawn(golden_store: Path, tmp_path: Path) -> None:
    """Links that claim resolution writes (kg.links.refresh) become edges, whichever graph holds them."""
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(golden_store, copy)
    with open_store(copy, create=False) as store:
        before = build_graph(store)
        linked = {n for u, v, k in before.edges(data="type") if k in _LINKS for n in (u, v)}
        claims = [n for n, kind in before.nodes(data="type") if kind == "claim"]
        a, b, c = [n for n in claims if n not in linked][:3]
        triples = (
            f"<{a}> <https://w3id.org/kg-aigeo/ont#contradicts> <{b}> .\n"
            # kg.links writes a near-duplicate link once, from the smaller IRI
            f"<{min(a, c)}> <https://w3id.org/kg-aigeo/ont#sameClaimAs> <{max(a, c)}> .\n"
        )
        store.replace_graphs([GraphWrite("https://w3id.org/kg-aigeo/id/graph/test", triples)])
        g = build_graph(store)

    def links(graph: nx.MultiDiGraph) -> dict[tuple[str, str], str]:
        return {(u, v): k for u, v, k in graph.edges(data="type") if k in _LINKS}

    added = set(links(g).items()) - set(links(before).items())
    assert added == {((a, b), "contradicts"), ((min(a, c), max(a, c)), "same_as")}
    idx = Index(g)
    view = views._subgraph(g, idx, idx.stating[a])
    assert b in view and c in view  # the other side comes along, with its sources
    assert set(idx.stating[b]) <= set(view.nodes)
