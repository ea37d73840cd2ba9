"""A small hand-built graph with every node and edge type, shared by the viz tests."""

from __future__ import annotations

import networkx as nx

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
