"""Span matching and precision/recall/F1, shared by every evaluation.

A predicted span matches a gold span when their overlap covers at least half of the
shorter of the two. Matching is one-to-one: among all admissible pairs we take a
maximum-cardinality matching (ties broken towards larger overlap), so a long
prediction cannot claim two gold spans and two predictions cannot share one gold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

Interval = tuple[int, int]


def overlap(a: Interval, b: Interval) -> int:
    """Characters shared by two half-open intervals."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def admissible(a: Interval, b: Interval, ratio: float = 0.5) -> bool:
    """True when the overlap covers at least ``ratio`` of the shorter span."""
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and overlap(a, b) >= ratio * shorter


def match_spans(
    predicted: Sequence[Interval], gold: Sequence[Interval], ratio: float = 0.5
) -> list[tuple[int, int]]:
    """One-to-one matches as (predicted index, gold index) pairs, sorted by predicted index."""
    graph = nx.Graph()
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if admissible(p, g, ratio):
                shorter = min(p[1] - p[0], g[1] - g[0])
                # weight > 1 keeps the matching maximum-cardinality; the fraction breaks ties
                graph.add_edge(("p", i), ("g", j), weight=1.0 + overlap(p, g) / shorter / 2)
    if graph.number_of_edges() == 0:
        return []
    pairs = []
    for u, v in nx.max_weight_matching(graph, maxcardinality=True):
        (pu, iu), (_, iv) = sorted((u, v))  # "g" sorts before "p"
        pairs.append((iv, iu) if pu == "g" else (iu, iv))
    return sorted(pairs)


@dataclass
class PRF:
    """Counts for one measure, with precision, recall and F1 derived from them."""

    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, true_positives: int, predicted: int, gold: int) -> None:
        self.true_positives += true_positives
        self.predicted += predicted
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "predicted": self.predicted,
            "gold": self.gold,
        }
