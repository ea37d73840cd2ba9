"""Rebuttals (kg.extract.rebuttals): a denial that points back denies the claim it points to."""

from __future__ import annotations

from kg.model import Article, Claim, Extraction


def run(nlp, body: str) -> Extraction:  # type: ignore[no-untyped-def]
    from kg.extract import extract  # spaCy: only in the tests that load the pipeline

    article = Article(key="test:rebuttal", text=body, sha256="0" * 64, source="test", genre="news")
    return extract(article, nlp)


def by_span(x: Extraction) -> dict[str, Claim]:
    return {c.span.text: c for c in x.claims}


ISSUE = (
    "The secretary argued that the licence regime has cut shipments of advanced accelerators "
    "to China. The embassy rejected that account."
)


def test_that_account_denies_the_claim_it_points_back_to(nlp) -> None:  # type: ignore[no-untyped-def]
    claims = by_span(run(nlp, ISSUE))
    asserted = claims["the licence regime has cut shipments of advanced accelerators to China"]
    rebuttal = claims["that account"]
    assert rebuttal.stance == "denies" and rebuttal.pattern == "kg.rebuttal.v1"
    assert rebuttal.proposition == asserted.proposition  # one claim, asserted and denied
    assert rebuttal.rebuts == asserted.id
    assert rebuttal.speaker != asserted.speaker and rebuttal.cue is not None
    assert asserted.claimer is not None and asserted.claimer.text == "The secretary"
    assert rebuttal.claimer is not None and rebuttal.claimer.text == "The embassy"
    assert rebuttal.speaker is not None and rebuttal.speaker.startswith("government_body/")
    assert rebuttal.cue.text == "rejected"
    assert rebuttal.frame == asserted.frame
    # "that account" is no longer a claim of its own
    assert not any(c.proposition == "that account" for c in claims.values())


def test_other_pointing_denials(nlp) -> None:  # type: ignore[no-untyped-def]
    for second, pointer in (
        ("The ministry disputes that.", "that"),
        ("The ministry called the claim false.", "the claim"),
        ("The ministry dismissed the report as groundless.", "the report"),
    ):
        body = (
            "Ines Kallas said that the new export rules will slow chip shipments to Asia. " + second
        )
        claims = by_span(run(nlp, body))
        assert pointer in claims, second
        assert claims[pointer].stance == "denies"
        assert (
            claims[pointer].proposition == "the new export rules will slow chip shipments to asia"
        )
        assert not any(
            p.startswith("the report as") for p in (c.proposition for c in claims.values())
        )


def test_no_rebuttal_without_a_compatible_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    # the claim that X states X itself: reported speech, not a pointer back
    x = run(
        nlp,
        "Ines Kallas said that the rules work. The ministry rejected the claim that costs rose.",
    )
    assert not any(c.pattern == "kg.rebuttal.v1" for c in x.claims)
    # an accusation answers a claim about the rebutter; this one is about someone else
    x = run(nlp, "Ines Kallas said that the rules work. Nvidia dismissed the accusations.")
    assert not any(c.pattern == "kg.rebuttal.v1" for c in x.claims)
    # the nearest claim is the rebutter's own: no other speaker's claim to deny
    x = run(nlp, "The embassy said that the rules work. The embassy rejected that account.")
    assert not any(c.pattern == "kg.rebuttal.v1" for c in x.claims)
    # a new paragraph two sentences on does not point back across it
    body = "Ines Kallas said that the rules work. Nothing else happened.\n\nBeijing rejected that account."
    assert not any(c.pattern == "kg.rebuttal.v1" for c in run(nlp, body).claims)


def test_what_follows_the_colon_of_a_rebuttal_is_the_rebutters_own_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    body = ISSUE.removesuffix(".") + ": the rules have failed to cut shipments, it said."
    claims = by_span(run(nlp, body))
    assert "that account" in claims and claims["that account"].stance == "denies"
    # the turn "..., it said" is read from after the colon, not over the rebuttal
    own = claims["the rules have failed to cut shipments"]
    assert own.stance == "asserts" and not any("rejected" in text for text in claims)
    assert own.frame is not None and own.frame.polarity == "negative"
