"""Extraction patterns on short texts, with the real (small) spaCy pipeline."""

from __future__ import annotations

from kg.extract import build_extraction, normalize_proposition
from kg.ingest.text import parse_text
from kg.model import Extraction


def run(nlp, text: str, **meta: str) -> Extraction:  # type: ignore[no-untyped-def]
    front = ""
    if meta:
        front = "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n"
    article = parse_text(front + text, key="test", source="test", sha256="0" * 64)
    return build_extraction(article, nlp(article.body), nlp)


def only(x: Extraction, pattern: str | None = None):  # type: ignore[no-untyped-def]
    claims = [c for c in x.claims if pattern is None or c.pattern == pattern]
    assert len(claims) == 1, [(c.pattern, c.span.text) for c in x.claims]
    return claims[0]


def test_reported_speech_speaker_first(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(nlp, "Commerce Secretary Gina Raimondo said that the new rules would close loopholes.")
    c = only(x)
    assert c.span.text == "the new rules would close loopholes"
    assert c.claimer is not None and c.claimer.text.endswith("Gina Raimondo")
    assert c.speaker == "gina-raimondo"
    assert c.cue is not None and c.cue.text == "said"
    assert c.stance == "predicts"
    assert c.attribution == "reported"


def test_offsets_index_the_file_text(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp, "Nvidia warned that sales to China would fall sharply.", title="T", date="2024-01-02"
    )
    c = only(x)
    assert x.article.text[c.span.start : c.span.end] == c.span.text
    assert c.claimer and x.article.text[c.claimer.start : c.claimer.end] == "Nvidia"


def test_according_to(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(nlp, "According to the Bureau of Industry and Security, the rule covers 140 entities.")
    c = only(x)
    assert c.span.text == "the rule covers 140 entities"
    assert c.speaker == "bis" or (c.claimer and "Bureau" in c.claimer.text)
    assert any(e.kind == "statistic" and "140 entities" in e.span.text for e in x.evidence)
    assert c.evidence, "the figure in the claim's sentence backs it"


def test_quote_with_speaker_after(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp, '"The controls have failed to stop Chinese progress," said Lin Jian, a spokesperson.'
    )
    c = only(x)
    assert c.span.text == "The controls have failed to stop Chinese progress"
    assert c.claimer is not None and c.claimer.text == "Lin Jian"


def test_quote_with_speaker_in_previous_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Dario Amodei, chief executive of Anthropic, was blunt. "
        '"Export controls are working, and they must be tightened further."'
    )
    c = only(run(nlp, text))
    assert c.pattern == "quote_prev_sentence"
    assert c.claimer is not None and c.claimer.text == "Dario Amodei"


def test_denial_keeps_the_proposition(nlp) -> None:  # type: ignore[no-untyped-def]
    a = only(run(nlp, "Alan Estevez said that export controls have slowed China's progress."))
    b = only(run(nlp, "Lin Jian denied that export controls have slowed China's progress."))
    assert (a.stance, b.stance) == ("asserts", "denies")
    assert a.proposition == b.proposition


def test_negated_claim_is_a_denial_of_the_positive_proposition(nlp) -> None:  # type: ignore[no-untyped-def]
    a = only(run(nlp, "Kessler said that US sanctions have held back Huawei's chip production."))
    b = only(
        run(nlp, "Chen Hao said that US sanctions have not held back Huawei's chip production.")
    )
    assert b.stance == "denies"
    assert a.proposition == b.proposition


def test_pronoun_speaker_resolves_to_last_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Gina Raimondo visited the plant on Monday. She said that the rules would be enforced."
    c = only(run(nlp, text))
    assert c.claimer is not None and c.claimer.text == "She"
    assert c.speaker is not None and "raimondo" in c.speaker


def test_anonymous_source(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp, "Officials familiar with the matter said that the talks had stalled over licences."
    )
    c = only(x)
    speaker = next(a for a in x.actors if a.id == c.speaker)
    assert speaker.kind == "anonymous"


def test_hedging(nlp) -> None:  # type: ignore[no-untyped-def]
    c = only(run(nlp, "Analysts said that the ban could reportedly push buyers toward Huawei."))
    assert c.hedged


def test_author_claims_in_opinion_writing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Export controls are a blunt tool.\n\nWhy would anyone expect otherwise?\n\nA Heading\n"
    x = run(nlp, text, title="Op", author="Elena Vasquez", type="opinion")
    # a rhetorical question is the author's too, with stance "questions"; a heading is not
    assert [c.span.text for c in x.claims] == [
        "Export controls are a blunt tool",
        "Why would anyone expect otherwise?",
    ]
    c, q = x.claims
    assert c.attribution == "author" and c.speaker == "person/elena-vasquez"
    assert (c.stance, q.stance) == ("asserts", "questions")


def test_news_has_no_author_claims(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(nlp, "Export controls are a blunt tool.", title="N", author="A B", type="news")
    assert x.claims == ()


def test_normalize_proposition() -> None:
    assert normalize_proposition(["China", "’s", "chips", "are", "n't", "ready", "."]) == (
        "china's chips aren't ready"
    )
