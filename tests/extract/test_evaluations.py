"""Evaluation frames read from the parse (kg.extract.evaluations), on sentences written for the test."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from kg.model import EVALUATION, Frame

if TYPE_CHECKING:
    from spacy.language import Language


def read(nlp: Language, text: str) -> Frame | None:
    from kg.extract.evaluations import evaluation_of

    doc = nlp(text)
    last = list(doc.sents)[-1]
    return evaluation_of(list(last), lambda tok: None)


@pytest.mark.parametrize(
    ("text", "group", "terms", "polarity"),
    [
        (
            "The Data Export Act does not protect consumers.",
            "act",
            "data+export",
            "negative",
        ),
        (
            "Today the ministry is releasing an Interim Rule on Drone Exports. It streamlines "
            "reviews for small orders and bolsters our leadership.",
            "rule",
            "drone+export+interim",
            "positive",
        ),
        (
            "The council approved the sale of attack drones to Ruritania. The move is expected "
            "to hand a lasting advantage to a regional rival.",
            "sale",
            "attack+drone+ruritania",
            "negative",
        ),
        (
            "The Grain Export Act will strengthen our competitiveness against rivals.",
            "act",
            "export+grain",
            "positive",
        ),
        (
            "Fishing groups fought the sale of seabed licences to Atlantis, which would damage "
            "coastal security.",
            "sale",
            "atlantis+licence",
            "negative",
        ),
    ],
)
def test_an_evaluation_has_a_target_and_a_valence(
    nlp: Language, text: str, group: str, terms: str, polarity: str
) -> None:
    found = read(nlp, text)
    assert found is not None, text
    assert found.sense == EVALUATION
    assert (found.subject, found.object, found.polarity) == (group, terms, polarity)


@pytest.mark.parametrize(
    "text",
    [
        "The company will strengthen its leadership in batteries.",  # no policy judged
        "The rule protects consumers.",  # which rule? none named before
        "The new tariff would strengthen our industry but undermine our alliances.",  # both
        "It protects consumers.",  # nothing before it
    ],
)
def test_no_evaluation_without_a_named_policy_or_one_verdict(nlp: Language, text: str) -> None:
    assert read(nlp, text) is None


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("The Fishing Quota Act has backfired.", "negative"),
        ("The Fishing Quota Act was a failure.", "negative"),
        ("The Fishing Quota Act was not a failure.", "positive"),  # a negation flips it
        ("The Fishing Quota Act has been a success.", "positive"),
        ("The Fishing Quota Act is doing its job.", "positive"),
        ("The Fishing Quota Act has worked as intended.", "positive"),
    ],
)
def test_a_verdict_verb_noun_or_idiom_gives_a_valence(
    nlp: Language, text: str, polarity: str
) -> None:
    found = read(nlp, text)
    assert found is not None, text
    assert (found.subject, found.object, found.polarity) == ("act", "fishing+quota", polarity)


@pytest.mark.parametrize(
    "text",
    [
        "The Fishing Quota Act failed to cut catches.",  # "failed to" negates an event
        "The Fishing Quota Act has worked with regulators.",  # work with someone: no verdict
        "The Fishing Quota Act was a work of two committees.",  # not a verdict noun
    ],
)
def test_verdict_words_in_other_uses_give_no_valence(nlp: Language, text: str) -> None:
    assert read(nlp, text) is None
