"""The registry of versioned claim patterns (`kg.extract.registry`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from kg.errors import PatternError
from kg.extract.raw import PatternInput, RawClaim
from kg.extract.registry import REGISTRY, STAGES, ClaimPattern, Registry, claim_pattern
from kg.rdf.mapping import article_graphs
from kg.rdf.ontology import KG
from kg.resolve.gazetteer import Gazetteer
from tests.helpers.extraction import claim_with, run

pytestmark = pytest.mark.spacy  # importing kg.extract imports spaCy (tests/conftest.py)

#: every pattern name kg ships, variants included, with its confidence
BUILTIN = {
    "kg.speaker_turn.v2": 0.5,
    "kg.reported_speech.v5": 0.8,
    "kg.content_first.v4": 0.75,
    "kg.according_to.v1": 0.8,
    "kg.source_in.v1": 0.7,
    "kg.nominal.v2": 0.65,
    "kg.stance_adjective.v2": 0.5,
    "kg.quote.v4": 0.8,
    "kg.quote_prev_sentence.v3": 0.6,
    "kg.quote_next_sentence.v2": 0.55,
    "kg.author.v4": 0.5,
}


def raw(pattern: str, start: int = 0) -> RawClaim:
    return RawClaim(
        start, start + 5, "reported", None, None, (0, 10), "asserts", False, None, pattern
    )


def nothing(given: PatternInput) -> Iterator[RawClaim]:
    yield from ()


def test_registration_gives_names_confidences_and_order() -> None:
    reg = Registry()

    @claim_pattern("test.second.v1", confidence=0.4, order=20, registry=reg)
    def second(given: PatternInput) -> Iterator[RawClaim]:
        yield raw("test.second.v1")

    @claim_pattern(
        "test.first.v2",
        confidence=0.9,
        order=10,
        variants={"test.first_weak.v2": 0.3},
        registry=reg,
    )
    def first(given: PatternInput) -> Iterator[RawClaim]:
        yield raw("test.first.v2")
        yield raw("test.first_weak.v2", 3)

    assert [p.name for p in reg.stage("attribution")] == ["test.first.v2", "test.second.v1"]
    assert reg.stage("quotation") == []
    assert reg.get("test.first.v2").func is first
    assert reg.confidence("test.first_weak.v2") == 0.3
    assert reg.names() == {"test.first.v2": 0.9, "test.first_weak.v2": 0.3, "test.second.v1": 0.4}
    given = PatternInput(doc=None, index=None, doc_key="k")  # type: ignore[arg-type]
    got = reg.run("attribution", given)
    assert [c.pattern for c in got] == ["test.first.v2", "test.first_weak.v2", "test.second.v1"]
    reg.remove("test.first.v2")
    assert reg.names() == {"test.second.v1": 0.4}


def test_unknown_name_is_an_error_not_a_default() -> None:
    with pytest.raises(PatternError, match=re.escape("kg.no_such_pattern.v1")) as err:
        REGISTRY.confidence("kg.no_such_pattern.v1")
    assert err.value.code == "E210"
    with pytest.raises(PatternError):
        REGISTRY.confidence("reported_speech")  # the unversioned name of old
    with pytest.raises(PatternError):
        REGISTRY.get("kg.content_first.v4")  # a variant, not a pattern of its own
    with pytest.raises(PatternError):
        REGISTRY.stage("second")


def test_a_claim_with_an_undeclared_name_is_an_error() -> None:
    reg = Registry()

    @claim_pattern("test.sloppy.v1", confidence=0.5, order=10, registry=reg)
    def sloppy(given: PatternInput) -> Iterator[RawClaim]:
        yield raw("test.sloppy.v1")
        yield raw("test.typo.v1")

    given = PatternInput(doc=None, index=None, doc_key="k")  # type: ignore[arg-type]
    with pytest.raises(PatternError, match=re.escape("test.typo.v1")):
        reg.run("attribution", given)


@pytest.mark.parametrize(
    ("name", "kwargs", "message"),
    [
        ("reported_speech", {}, "not versioned"),
        ("kg.reported_speech", {}, "not versioned"),
        ("kg.Upper.v1", {}, "not versioned"),
        ("test.ok.v1", {"variants": {"test.variant": 0.5}}, "not versioned"),
        ("test.ok.v1", {"confidence": 1.5}, "confidence"),
        ("test.ok.v1", {"stage": "later"}, "unknown stage"),
    ],
)
def test_malformed_registrations_are_refused(name: str, kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    reg = Registry()
    args = {"confidence": 0.5, "order": 10, **kwargs}
    with pytest.raises(PatternError, match=message):
        claim_pattern(name, registry=reg, **args)(nothing)
    assert reg.names() == {}


def test_names_and_orders_are_not_shared() -> None:
    reg = Registry()
    reg.register(ClaimPattern("test.a.v1", nothing, 0.5, "attribution", 10))

    def other(given: PatternInput) -> Iterator[RawClaim]:
        yield from ()

    with pytest.raises(PatternError, match="already registered"):
        reg.register(ClaimPattern("test.a.v1", other, 0.5, "attribution", 20))
    with pytest.raises(PatternError, match="already registered"):  # as a variant of another
        reg.register(ClaimPattern("test.b.v1", other, 0.5, "attribution", 20, {"test.a.v1": 0.4}))
    with pytest.raises(PatternError, match="order 10"):
        reg.register(ClaimPattern("test.c.v1", other, 0.5, "attribution", 10))
    reg.register(ClaimPattern("test.c.v1", other, 0.5, "quotation", 10))  # another stage
    # the same function again (a reloaded module) replaces its registration
    reg.register(ClaimPattern("test.a.v1", nothing, 0.6, "attribution", 10))
    assert reg.confidence("test.a.v1") == 0.6


def test_every_builtin_pattern_is_registered_with_a_confidence() -> None:
    names = REGISTRY.names()
    assert {n: names.get(n) for n in BUILTIN} == BUILTIN
    for n, conf in names.items():
        assert 0 < conf <= 1, n
    for stage in STAGES:
        orders = [p.order for p in REGISTRY.stage(stage)]
        assert orders == sorted(set(orders)), stage
    assert [p.name for p in REGISTRY.stage("attribution")][:2] == [
        "kg.speaker_turn.v2",
        "kg.reported_speech.v5",
    ]


@pytest.mark.model
def test_versioned_name_reaches_the_claim_and_the_graph(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(nlp, "The minister said that the new export rules will hold for years.")
    c = claim_with(x, "export rules")
    assert c.pattern == "kg.reported_speech.v5" and c.confidence == 0.8
    g = article_graphs(x, Gazetteer.default()).graph
    assert {str(o) for o in g.objects(None, KG.pattern)} == {"kg.reported_speech.v5"}


@pytest.mark.model
def test_a_registered_pattern_runs_with_its_name_and_confidence(nlp) -> None:  # type: ignore[no-untyped-def]
    from kg.extract.claims import make_claim

    @claim_pattern("test.every_sentence.v1", confidence=0.35, order=990)
    def every_sentence(given: PatternInput) -> Iterator[RawClaim]:
        for sent in given.doc.sents:
            claim = make_claim(
                given.doc,
                sent.start_char,
                sent.end_char,
                speaker=None,
                cue=None,
                cue_lemma=None,
                sent=sent,
                pattern="test.every_sentence.v1",
                attribution="author",
            )
            if claim:
                yield claim

    try:
        x = run(nlp, "Heavy rain fell on the valley through the whole night.")
    finally:
        REGISTRY.remove("test.every_sentence.v1")
    c = claim_with(x, "Heavy rain")
    assert c.pattern == "test.every_sentence.v1" and c.confidence == 0.35
    assert "test.every_sentence.v1" not in REGISTRY.names()
