"""The sample corpus's gold pairs (corpus/gold/pairs.json: the same claim in other words,
said-vs-denied, a negation) are found in the links of the golden corpus store, which
tests/test_golden.py keeps equal to a fresh ingest; no pipeline is loaded here."""

from __future__ import annotations

from pathlib import Path

from kg.evaluate.analyst import score_pairs
from kg.evaluate.analyst_gold import read_gold
from kg.evaluate.analyst_report import AnalystReport
from kg.ingest import read_path
from kg.store.oxigraph import Store
from tests.helpers.paths import CORPUS


def test_the_corpus_gold_pairs_are_found(golden_store: Path) -> None:
    gold = read_gold(CORPUS / "gold")
    sha = {read_path(doc.path).sha256: doc.name for doc in gold.documents}
    report = AnalystReport(gold_dir=str(gold.root))
    store = Store(golden_store, read_only=True)
    try:
        score_pairs(store, gold, sha, report)
    finally:
        store.close()
    # all 7 same-claim pairs and all 5 contradictions; the last found was the H20 pair, whose
    # one side is "The chip" (the H20 by coreference) "weaker than the H100" (a standard, not
    # what the claim is about, and a name, not a number)
    assert report.pairs_found.get("same_claim", 0) == 7
    assert report.pairs_found.get("contradicts", 0) == 5
