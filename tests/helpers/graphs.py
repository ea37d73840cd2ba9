"""A small hand-built graph with every node and edge type, shared by the viz tests."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from kg.graph.projection import Index, build_graph
from kg.store.oxigraph import open_store

EX = "http://example.org/kg/"
EMOJI = "\U0001f600"


def sample_graph() -> nx.MultiDiGraph:
    """A small article graph: every node and edge type once or twice."""
    g = nx.MultiDiGraph()
    usa = {"kind": "state", "aliases": ["USA", "America"], "weight": 4}
    g.add_node(EX + "usa", type="actor", label="United States", **usa)
    g.add_node(EX + "china", type="actor", label="China", kind="state", aliases=["PRC"])
    g.add_node(EX + "nvidia", type="actor", label="Nvidia", kind="company", weight=1)
    g.add_node(
        EX + "s1",
        type="statement",
        label="US: controls work",
        kind="asserts",
        speaker="Commerce Department",
        sentence=f"{EMOJI} Officials said export controls are working.",
        highlight=[17, 32],
        article_title="Chips and power",
        outlet="Example Times",
        date="2024-05-01",
        url="https://news.example.com/chips?a=1&b=2",
        provenance="corpus/chips.txt#s3",
    )
    g.add_node(EX + "c1", type="claim", label="Controls slow China", text="Controls slow China.")
    g.add_node(EX + "c2", type="claim", label="Controls backfire", text="Controls backfire.")
    g.add_node(EX + "e1", type="evidence", label="Output fell", kind="statistic", text="-30%")
    g.add_node(EX + "art", type="article", label="Chips and power", outlet="Example Times")
    g.add_edge(EX + "usa", EX + "s1", type="says")
    g.add_edge(EX + "s1", EX + "c1", type="states")
    g.add_edge(EX + "c1", EX + "china", type="about")
    g.add_edge(EX + "c1", EX + "china", type="about")  # a parallel edge counts twice
    g.add_edge(EX + "e1", EX + "s1", type="supports")
    g.add_edge(EX + "s1", EX + "art", type="appears_in")
    g.add_edge(EX + "c1", EX + "c2", type="contradicts")
    g.add_edge(EX + "c2", EX + "nvidia", type="about")
    return g


def explore_graph() -> nx.MultiDiGraph:
    """The sample graph plus a second source of claim c1 that denies it, in another outlet, a
    year earlier, on another topic: enough for every filter to tell the two apart."""
    g = sample_graph()
    g.nodes[EX + "s1"].update(stance="asserts", topics=["export controls"])
    g.nodes[EX + "china"]["weight"] = 2
    g.add_node(
        EX + "s2",
        type="statement",
        label="PRC: controls fail",
        kind="denies",
        stance="denies",
        speaker="China",
        text="controls slow China",
        sentence="Beijing denied that controls slow China at all.",
        highlight=[20, 39],
        article_title="Beijing answers",
        outlet="Other Wire",
        date="2023-01-02",
        provenance="pattern reported_speech",
        topics=["competition and the AI race"],
    )
    g.add_node(EX + "art2", type="article", label="Beijing answers", outlet="Other Wire")
    g.add_edge(EX + "china", EX + "s2", type="says")
    g.add_edge(EX + "s2", EX + "c1", type="states")
    g.add_edge(EX + "s2", EX + "art2", type="appears_in")
    return g


#: An article whose title, outlet, link, names and quotes carry script and HTML payloads; each
#: payload sets window.__pwned if it ever runs.
HOSTILE_ARTICLE = """---
title: "</title><script>window.__pwned=1</script> Chip <img src=x onerror=window.__pwned=2> rules"
outlet: "<svg onload=window.__pwned=3>Daily</svg>"
author: Mallory Quinn
date: 2024-03-05
url: "javascript:window.__pwned=4"
type: news
---

Commerce Secretary Gina Raimondo said that "<script>window.__pwned=5</script>" export controls \
would stay in place for <b onmouseover=window.__pwned=6>advanced chips</b>.

Nvidia said that the rules <img src=x onerror=window.__pwned=7> would cut its sales to China by \
$5 billion.

Beijing denied that the chips </textarea><iframe srcdoc="<script>parent.__pwned=8</script>"> were \
used by the military.

A person familiar with the <img src=x onerror=window.__pwned=9> talks said that the ban would fail.
"""


def load_graph(store_path: Path) -> nx.MultiDiGraph:
    with open_store(store_path, create=False) as store:
        return build_graph(store)


def statements(g: nx.MultiDiGraph) -> list[str]:
    return [n for n, kind in g.nodes(data="type") if kind == "statement"]


def assert_whole_units(view: nx.MultiDiGraph, whole: nx.MultiDiGraph) -> None:
    """Every statement in the view comes with its speaker, claim, subjects, evidence, article."""
    idx = Index(whole)
    for st in statements(view):
        assert set(idx.unit(st)) <= set(view.nodes), st


#: anything that would make the page load something from the network
EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|@import|<link\b""",
    re.IGNORECASE,
)
