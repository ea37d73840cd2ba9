"""Comparing claims' evaluations (kg.links.evaluations): verdicts on one policy, without the model."""

from __future__ import annotations

from kg.links.evaluations import match_evaluations, target_keys
from kg.links.similarity import ClaimText, compare, prepare
from kg.model import EVALUATION, Frame


def verdict(group: str, terms: str, polarity: str, actor: str | None = None) -> Frame:
    return Frame(
        subject=group,
        subject_actor=actor,
        predicate="cue",
        sense=EVALUATION,
        object=terms,
        polarity=polarity,
    )


def test_same_target_same_valence_is_the_same_claim_and_opposite_contradicts() -> None:
    a = verdict("sale", "chip+china", "negative")
    b = verdict("sale", "ai+chip+china", "negative")
    c = verdict("sale", "ai+chip+china", "positive")
    same = match_evaluations((a,), (b,))
    assert same is not None and same.kind == "same"
    opposed = match_evaluations((a,), (c,))
    assert opposed is not None and opposed.kind == "contradicts"


def test_one_named_policy_is_one_target_whatever_its_nouns() -> None:
    a = verdict("rule", "diffusion", "positive", "some-rule")
    b = verdict("rule", "", "negative", "some-rule")
    found = match_evaluations((a,), (b,))
    assert found is not None and (found.kind, found.score) == ("contradicts", 1.0)
    assert (
        match_evaluations((a,), (verdict("rule", "diffusion", "negative", "other-rule"),)) is None
    )


def test_what_keeps_targets_apart() -> None:
    sale = verdict("sale", "h20+chip+china", "negative")
    assert match_evaluations((sale,), (verdict("sale", "h200+chip+china", "negative"),)) is None
    assert match_evaluations((sale,), (verdict("tariff", "h20+chip+china", "negative"),)) is None
    assert match_evaluations((sale,), (verdict("sale", "chip", "negative"),)) is None  # one noun


def test_targets_share_a_bucket_key() -> None:
    a = verdict("sale", "chip+china", "negative")
    b = verdict("sale", "ai+chip+china", "positive")
    assert set(target_keys(a)) & set(target_keys(b))


def test_claims_with_nothing_in_common_but_their_verdict_are_linked_with_the_reason() -> None:
    x = ClaimText(
        "a",
        "it streamlines licensing",
        frozenset(),
        frozenset([verdict("rule", "ai+diffusion", "positive").key]),
    )
    y = ClaimText(
        "b",
        "these requirements would have stifled innovation",
        frozenset({"x"}),
        frozenset([verdict("rule", "ai+diffusion", "negative", "r").key]),
    )
    link = compare(prepare(x), prepare(y))
    assert link is not None and (link.kind, link.reason) == ("contradicts", "evaluation")
    assert "positive" in link.explanation and "negative" in link.explanation
