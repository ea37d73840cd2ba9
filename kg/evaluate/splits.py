"""Gold actors kg splits over several actors, within and across articles, and how many of
those pairs the review loop (`kg actors --suspect`) puts in front of an analyst (issue 18).

The analyst gold gives an entity the same canonical name in every article. A gold actor's
names (those no other gold actor of the article shares) land on kg actors as the evaluator
reads them (kg.evaluate.analyst: an actor's name or a mention text equal, folded, to the
name); every two kg actors one gold actor lands on are a split pair that `kg merge` should
join: in one article, or across articles -- except for unnamed sources, which the gold names
by their description ("officials familiar with the matter (unnamed)") but which are other
people in another article. A gold actor is its canonical name and kind: the gold names the
building where people meet and the government body both "White House".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

from kg.evaluate.analyst import fold, is_pronoun
from kg.evaluate.analyst_gold import AnalystGold
from kg.model import Extraction

if TYPE_CHECKING:
    from kg.resolve.review import Suspect
    from kg.settings import Settings


@dataclass(frozen=True)
class SplitReview:
    """The gold split pairs and where `suspects` ranks them."""

    pairs: dict[frozenset[str], str]  # two kg actor ids -> the gold actor's canonical name
    ranked: tuple[frozenset[str], ...]  # the suspects, in order
    top: int

    @property
    def found(self) -> list[frozenset[str]]:
        """Split pairs among the first ``top`` suspects."""
        head = set(self.ranked[: self.top])
        return [p for p in self.pairs if p in head]

    @property
    def missed(self) -> list[frozenset[str]]:
        head = set(self.ranked[: self.top])
        return [p for p in self.pairs if p not in head]

    @property
    def precision(self) -> float:
        """Share of the first ``top`` suspects that are gold split pairs."""
        head = self.ranked[: self.top]
        return sum(1 for p in head if p in self.pairs) / len(head) if head else 0.0


def split_pairs(
    golds: Sequence[AnalystGold], extractions: Mapping[tuple[str, str], Extraction]
) -> dict[frozenset[str], str]:
    """Every pair of kg actor ids one gold actor lands on, in one article or across articles.

    ``extractions`` are keyed by (gold folder, article file name).
    """
    landed: dict[str, set[str]] = defaultdict(set)  # gold actor -> kg ids (across articles)
    names: dict[str, str] = {}
    for gold in golds:
        for doc in gold.documents:
            x = extractions.get((str(gold.root), doc.name))
            if x is None:
                continue
            index: dict[str, list[int]] = defaultdict(list)
            for k, gold_actor in enumerate(doc.actors):
                for n in gold_actor.names:
                    if k not in index[fold(n)]:
                        index[fold(n)].append(k)
            texts: dict[str, list[str]] = defaultdict(list)
            for m in x.mentions:
                texts[m.actor_id].append(m.text)
            for actor in x.actors:
                for s in (actor.name, *texts[actor.id]):
                    ks = index.get(fold(s), [])
                    if len(ks) == 1 and not is_pronoun(s):
                        gold_actor = doc.actors[ks[0]]
                        # one entity: one canonical name and kind ("White House" the building,
                        # a place, is not the government body of that name)
                        key = f"{fold(gold_actor.name)}\x1f{gold_actor.kind}"
                        if gold_actor.kind == "anonymous":  # an unnamed source: this article's
                            key = f"{key}\x1f{doc.name}"
                        landed[key].add(actor.id)
                        names.setdefault(key, gold_actor.name)
    out: dict[frozenset[str], str] = {}
    for key, ids in landed.items():
        for a, b in combinations(sorted(ids), 2):
            out[frozenset((a, b))] = names[key]
    return out


def review(
    pairs: dict[frozenset[str], str], ranked: Iterable[tuple[str, str]], top: int = 20
) -> SplitReview:
    """Where the suspects (pairs of ids, best first) put the gold split pairs."""
    return SplitReview(pairs, tuple(frozenset(p) for p in ranked), top)


def review_golds(
    gold_dirs: Sequence[str | Path], settings: Settings, store_dir: str | Path, top: int = 20
) -> tuple[SplitReview, list[Suspect]]:
    """Extract every article of the analyst golds in ``gold_dirs`` into one fresh store at
    ``store_dir`` (as `kg ingest` writes them), rank the suspects there and say where the gold
    split pairs land among the first ``top``. Returns the review and the ranked suspects."""
    from kg.evaluate.analyst import extract_gold
    from kg.evaluate.analyst_gold import read_gold
    from kg.pipeline import commit_extraction, sync_registry
    from kg.resolve.review import suspects
    from kg.store.oxigraph import open_store

    golds = [read_gold(d) for d in gold_dirs]
    gazetteer = settings.gazetteer()
    extractions: dict[tuple[str, str], Extraction] = {}
    for gold in golds:
        for name, x in extract_gold(gold, settings).items():
            extractions[(str(gold.root), name)] = x
    with open_store(store_dir) as store:
        sync_registry(store, gazetteer)
        for x in extractions.values():
            commit_extraction(store, x, gazetteer)
        ranked = suspects(store, settings.decisions(), gazetteer)
    pairs = split_pairs(golds, extractions)
    return review(pairs, ((s.a.id, s.b.id) for s in ranked), top), ranked
