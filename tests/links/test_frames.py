"""Claim frames: read from the parse (kg.extract.frames) and compared (kg.links.frames)."""

from __future__ import annotations

import pytest

from kg.links.frames import match_frames
from kg.model import Frame


def read(nlp, text: str) -> Frame | None:  # type: ignore[no-untyped-def]
    from kg.extract.frames import frame_of  # spaCy: only in the tests that load the pipeline

    doc = nlp(text)
    return frame_of(list(doc), lambda tok: tok.text.lower() if tok.ent_type_ else None)


@pytest.mark.parametrize(
    ("text", "subject", "predicate", "sense", "obj", "polarity", "modality", "negation"),
    [
        (
            "The rules have failed to cut shipments.",
            "rule",
            "cut",
            "cut",
            "shipment",
            "negative",
            "actual",
            "failed to",
        ),
        (
            "The licence regime has cut shipments of accelerators.",
            "regime",
            "cut",
            "cut",
            "shipment",
            "positive",
            "actual",
            "",
        ),
        (
            "Shipments were cut by the new rules.",
            "rule",
            "cut",
            "cut",
            "shipment",
            "positive",
            "actual",
            "",
        ),
        (
            "The export rules would raise shipments.",
            "rule",
            "raise",
            "cut",
            "shipment",
            "positive",
            "future",
            "",
        ),
        (
            "The controls no longer slow the progress of the labs.",
            "control",
            "slow",
            "slow",
            "progress",
            "negative",
            "actual",
            "no longer",
        ),
        (
            "The foundry has yet to match the yields of its rival.",
            "foundry",
            "match",
            "match",
            "yield",
            "negative",
            "actual",
            "yet to",
        ),
        (
            "The sanctions have not held back chip production.",
            "sanction",
            "hold back",
            "slow",
            "production",
            "negative",
            "actual",
            "not",
        ),
        (
            "The agency should tighten the rules.",
            "agency",
            "tighten",
            "tighten",
            "rule",
            "positive",
            "necessary",
            "",
        ),
        (
            "The ministry said that the new rules cut shipments.",
            "rule",
            "cut",
            "cut",
            "shipment",
            "positive",
            "actual",
            "",
        ),
        (
            "The licensing rules were a failure.",
            "rule",
            "fail",
            "succeed",
            "",
            "positive",
            "actual",
            "",
        ),
        (
            "The tariffs are doing their job.",
            "tariff",
            "work",
            "succeed",
            "",
            "positive",
            "actual",
            "",
        ),
    ],
)
def test_frames_read_from_the_parse(  # type: ignore[no-untyped-def]
    nlp, text, subject, predicate, sense, obj, polarity, modality, negation
) -> None:
    frame = read(nlp, text)
    assert frame is not None
    assert (frame.subject, frame.predicate, frame.sense, frame.object) == (
        subject,
        predicate,
        sense,
        obj,
    )
    assert (frame.polarity, frame.modality, frame.negation) == (polarity, modality, negation)
    assert Frame.from_key(frame.key) == frame  # stored as one line, read back whole


def test_an_opposite_verb_is_marked_inverse(nlp) -> None:  # type: ignore[no-untyped-def]
    frame = read(nlp, "The controls raised costs.")
    assert frame is not None and frame.inverse and frame.sense == "cut"


@pytest.mark.parametrize("text", ["It has cut shipments.", "Delays in the shipments."])
def test_no_frame_without_a_verb_or_with_a_pronoun_subject(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert read(nlp, text) is None


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said the figures were wrong.",  # its first three words: "said" is no event
        "The agency will ensure that the rules hold.",  # the event is in the clause
        "The question is whether the labs will have chips.",
    ],
)
def test_no_frame_for_a_verb_of_saying_or_a_verb_whose_only_complement_is_a_clause(  # type: ignore[no-untyped-def]
    nlp, text: str
) -> None:
    doc = nlp(text)
    tokens = list(doc) if "figures" not in text else list(doc[:3])
    from kg.extract.frames import frame_of

    assert frame_of(tokens, lambda tok: None) is None


def frame(**fields: object) -> Frame:
    base: dict[str, object] = {
        "subject": "rule",
        "predicate": "cut",
        "sense": "cut",
        "object": "shipment",
    }
    base.update(fields)
    return Frame(**base)  # type: ignore[arg-type]


def test_same_frame_same_claim_and_opposite_polarity_contradicts() -> None:
    same = match_frames(frame(), frame(subject="control"))  # rule ~ control (noun group)
    assert same is not None and same.kind == "same"
    contra = match_frames(frame(), frame(polarity="negative", negation="failed to"))
    assert contra is not None and contra.kind == "contradicts"
    assert "failed to" in contra.why


def test_opposite_predicates_contradict_only_when_both_are_affirmed() -> None:
    raised = frame(predicate="raise", inverse=True)
    found = match_frames(frame(), raised)
    assert found is not None and found.kind == "contradicts"
    assert (
        match_frames(frame(), frame(predicate="raise", inverse=True, polarity="negative")) is None
    )


def test_what_keeps_frames_apart() -> None:
    assert match_frames(frame(), frame(object="price")) is None  # another object
    assert match_frames(frame(), frame(sense="slow", predicate="slow")) is None
    # two named actors: only the same actor is the same subject
    assert match_frames(frame(subject_actor="us"), frame(subject_actor="eu")) is None
    # "will cut" and "did not cut" can both be true; "may" and "may not" too
    assert match_frames(frame(modality="future"), frame(polarity="negative")) is None
    assert (
        match_frames(frame(modality="possible"), frame(modality="possible", polarity="negative"))
        is None
    )
    # but "could make" and "will be able to make" are one claim
    found = match_frames(frame(modality="possible"), frame(modality="future"))
    assert found is not None and found.kind == "same"


# --- coordinated predicates and verdicts (issue 15, H1) -------------------------------------


def read_all(nlp, text: str) -> tuple[Frame, ...]:  # type: ignore[no-untyped-def]
    from kg.extract.frames import frames_of

    return frames_of(list(nlp(text)), lambda tok: None)


def test_each_coordinated_predicate_has_a_frame_with_its_own_numbers(nlp) -> None:  # type: ignore[no-untyped-def]
    frames = read_all(
        nlp,
        "The inspectorate spends under $40 million a year and has only a handful of auditors "
        "stationed overseas.",
    )
    assert [(f.subject, f.predicate, f.object) for f in frames] == [
        ("inspectorate", "spend", "million"),
        ("inspectorate", "have", "auditor"),  # "a handful of auditors" stands for the auditors
    ]
    assert [f.numbers for f in frames] == [("40",), ()]  # the number is the first clause's
    assert all(Frame.from_key(f.key) == f for f in frames)  # the numbers are kept in the key


def test_a_coordinated_predicate_keeps_its_own_negation_and_the_shared_auxiliary(nlp) -> None:  # type: ignore[no-untyped-def]
    frames = read_all(nlp, "The regulator has few auditors and cannot inspect the ports.")
    assert [(f.predicate, f.polarity, f.modality) for f in frames] == [
        ("have", "positive", "actual"),
        ("inspect", "negative", "able"),
    ]
    shared = read_all(nlp, "The council will cut fees and raise levies.")
    assert [(f.sense, f.inverse, f.modality) for f in shared] == [
        ("cut", False, "future"),
        ("cut", True, "future"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The council did not cut fees and raise levies.",  # does the "not" reach "raise"?
        "The council cut fees, and the mayor raised levies.",  # another subject
        "The council lowered fees.",
    ],
)
def test_one_frame_when_the_second_predicate_is_not_plainly_the_subjects(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    frames = read_all(nlp, text)
    assert len(frames) == 1 and frames[0].numbers is None


@pytest.mark.parametrize(
    ("text", "predicate", "inverse"),
    [
        ("The fishing quotas backfired.", "backfire", True),
        ("The fishing quotas were a disaster.", "fail", True),
        ("The fishing quotas were a mistake.", "fail", True),
    ],
)
def test_verdict_words_read_as_the_verdict_sense(
    nlp, text: str, predicate: str, inverse: bool
) -> None:  # type: ignore[no-untyped-def]
    found = read(nlp, text)
    assert found is not None
    assert (found.predicate, found.sense, found.inverse, found.object) == (
        predicate,
        "succeed",
        inverse,
        "",
    )


def test_a_policy_verdict_is_one_with_no_object_on_a_policy_noun() -> None:
    from kg.links.frames import is_policy_verdict

    verdict = frame(predicate="fail", sense="succeed", inverse=True, object="")
    assert is_policy_verdict(verdict)
    assert is_policy_verdict(
        frame(subject="sanction", predicate="work", sense="succeed", object="")
    )
    assert not is_policy_verdict(
        frame(subject="company", predicate="work", sense="succeed", object="")
    )
    assert not is_policy_verdict(frame(predicate="work", sense="succeed", object="ally"))
    assert not is_policy_verdict(frame())  # "the rules cut shipments" is an event, no verdict


def test_a_clause_describing_a_named_thing_gives_one_more_frame(nlp) -> None:  # type: ignore[no-untyped-def]
    from kg.extract.frames import frames_of

    def read_all(text: str) -> list[Frame]:
        doc = nlp(text)
        return list(frames_of(list(doc), lambda tok: tok.text.lower() if tok.ent_type_ else None))

    first, described = read_all(
        "Buyers in Asia still want Falcon, a chip that is slower for training."
    )
    assert (described.subject, described.subject_actor) == ("chip", "falcon")
    assert (described.predicate, described.object) == ("be", "slow")
    assert first.predicate == "want"
    # a restrictive clause picks chips out and says nothing of them
    assert len(read_all("Buyers in Asia still want chips that are slower for training.")) == 1
