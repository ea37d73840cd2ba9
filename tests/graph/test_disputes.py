"""The dispute map folds a claim-level graph into actors: who disputes, agrees with, speaks about whom."""

from __future__ import annotations

import networkx as nx

from kg.graph.disputes import dispute_map
from tests.helpers.graphs import EX, explore_graph


def _statement(g: nx.MultiDiGraph, st: str, actor: str, claim: str, stance: str, art: str) -> None:
    g.add_node(EX + st, type="statement", label=st, kind=stance, stance=stance, sentence=st)
    g.add_node(EX + art, type="article", label=art)
    g.add_edge(EX + actor, EX + st, type="says")
    g.add_edge(EX + st, EX + claim, type="states")
    g.add_edge(EX + st, EX + art, type="appears_in")


def _edges(m: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict[str, object]]:
    return {
        (d["type"], u.removeprefix(EX), v.removeprefix(EX)): d for u, v, d in m.edges(data=True)
    }


def test_asserted_and_denied_claim_is_a_dispute_with_its_statements() -> None:
    m = dispute_map(explore_graph())  # the US asserts c1 (about China), China denies it
    edges = _edges(m)
    dispute = edges[("disputes", "china", "usa")]
    assert dispute["weight"] == 1 and dispute["stance"] == "denies"
    assert dispute["statements"] == [EX + "s1", EX + "s2"]
    assert edges[("speaks_about", "usa", "china")]["statements"] == [EX + "s1"]
    assert ("agrees", "china", "usa") not in edges
    assert m.nodes[EX + "usa"]["label"] == "United States"  # actors keep their attributes


def test_contradicting_claims_agreements_and_same_claims() -> None:
    g = explore_graph()
    g.add_node(EX + "nato", type="actor", label="NATO", kind="international_body")
    _statement(g, "s3", "nvidia", "c2", "asserts", "art3")  # c2 contradicts c1, same stance
    _statement(g, "s4", "nato", "c1", "asserts", "art4")  # agrees with the US, another article
    _statement(g, "s5", "nato", "c1", "asserts", "art")  # the same speaker again: one pair
    g.add_node(EX + "c3", type="claim", label="c3", text="c3")
    g.add_edge(EX + "c3", EX + "c1", type="same_as")
    _statement(g, "s6", "nvidia", "c3", "denies", "art3")  # denies c1 in other words
    edges = _edges(dispute_map(g))
    contra = edges[("disputes", "nvidia", "usa")]
    assert contra["weight"] == 2  # c1 ~ c2 (contradicts) and c1 ~ c3 (same, denied)
    assert set(contra["statements"]) == {EX + "s1", EX + "s3", EX + "s6"}
    agree = edges[("agrees", "nato", "usa")]
    assert agree["stance"] == "asserts" and agree["weight"] == 1
    assert EX + "s5" not in agree["statements"]  # the same article as s1: not an agreement
    assert ("disputes", "nato", "usa") not in edges


def test_no_edge_between_an_actor_and_itself() -> None:
    g = explore_graph()
    _statement(g, "s3", "usa", "c1", "denies", "art3")  # the US contradicts itself
    edges = _edges(dispute_map(g))
    assert not any(a == b for _, a, b in edges)


def test_within_one_article_only_a_rebuttal_is_a_dispute() -> None:
    g = explore_graph()
    g.remove_edge(EX + "s2", EX + "art2")
    g.add_edge(EX + "s2", EX + "art", type="appears_in")  # China's denial, now in the US article
    assert ("disputes", "china", "usa") not in _edges(dispute_map(g))  # one sentence read twice?
    g.nodes[EX + "s2"]["rebuts"] = EX + "s1"  # "Beijing rejected that account"
    assert ("disputes", "china", "usa") in _edges(dispute_map(g))
