"""Descriptor coreference in a claim's content ("The chip" after "the H800") and the standard of
a comparison ("slower than the A100"), on sentences written for these tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.helpers.extraction import article, claim_with, extract

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.model


def test_the_chip_is_the_chip_named_just_before_and_not_the_standard(nlp: Language) -> None:
    text = (
        "Officials approved sales of the H800 to foreign buyers last spring. "
        "The chip is slower than the A100 for training."
    )
    claim = claim_with(extract(article(text), nlp), "The chip is slower")
    assert claim.about == ("h800",)
    assert claim.frame is not None and claim.frame.subject_actor == "h800"


def test_two_chips_named_before_leave_the_chip_unresolved(nlp: Language) -> None:
    text = (
        "Officials approved sales of the H800 and the A800 last spring. "
        "The chip is slower for training."
    )
    claim = claim_with(extract(article(text), nlp), "The chip is slower")
    assert claim.about == ()
    assert claim.frame is not None and claim.frame.subject_actor is None


def test_a_body_is_the_one_whose_name_holds_the_descriptor(nlp: Language) -> None:
    said = "The ministry has approved too many export licences, the auditors said."
    council = extract(article("Auditors sent their findings to the State Council. " + said), nlp)
    assert claim_with(council, "The ministry").about == ()
    text = "On Monday, auditors sent their findings to the Ministry of Commerce. " + said
    ministry = claim_with(extract(article(text), nlp), "The ministry")
    assert len(ministry.about) == 1 and "ministry-of-commerce" in ministry.about[0]
