"""Near-duplicate and negated claims through the MinHash-LSH index (no store, no spaCy)."""

from __future__ import annotations

from kg.links.similarity import ClaimIndex, ClaimText, find_links, prepare

CLAIMS = {
    "p": "us sanctions have held back the ascend chip production",
    "q": "us sanctions have not held back the ascend chip production",
    "r": "the updated controls would close loopholes that allowed advanced chips to reach china",
    "s": "the updated export controls will close loopholes that allowed advanced chips to reach china",
    "t": "the controls",
    "u": "cloud rental prices for accelerators fell sharply in the second quarter",
}


def index() -> ClaimIndex:
    idx = ClaimIndex()
    for iri, text in CLAIMS.items():
        idx.add(ClaimText(iri, text))
    return idx


def test_links_same_and_contradicting_claims_only() -> None:
    found = {(link.a, link.b, link.kind) for link in find_links(index())}
    assert found == {("p", "q", "contradicts"), ("r", "s", "same")}


def test_candidates_come_from_buckets_not_all_pairs() -> None:
    idx = index()
    assert idx.candidates("u") == set()
    assert "s" in idx.candidates("r")


def test_touched_claims_only() -> None:
    found = find_links(index(), touched=["r"])
    assert {(link.a, link.b) for link in found} == {("r", "s")}


def test_different_subjects_are_not_linked() -> None:
    idx = ClaimIndex()
    idx.add(ClaimText("a", CLAIMS["r"], frozenset({"x"})))
    idx.add(ClaimText("b", CLAIMS["s"], frozenset({"y"})))
    assert find_links(idx) == set()


def test_negation_is_detected() -> None:
    assert prepare(ClaimText("q", CLAIMS["q"])).negated
    assert not prepare(ClaimText("p", CLAIMS["p"])).negated
    assert prepare(ClaimText("n", "they didn't comply")).negated


def test_batch_signatures_equal_single_ones() -> None:
    from kg.links.similarity import signature, signatures

    sets = [prepare(ClaimText(k, v)).tokens for k, v in CLAIMS.items()] + [frozenset()]
    batch = signatures(sets, chunk=3)
    for row, tokens in zip(batch, sets, strict=True):
        assert (row == signature(tokens)).all()
