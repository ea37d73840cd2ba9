"""Linear time (issue 16, item 7): the sentence cap, and the sweeps that replaced all-pairs loops.

The sweeps are checked against the plain all-pairs definitions they replaced (kept here as
oracles) on random inputs; the cap on short texts written for these tests. No timing: speed
figures are in bench/long_paragraph.py.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
import spacy

from kg.extract.build import _merge_quote_runs, _without_duplicates
from kg.extract.direct import QUOTE, QUOTE_PREV_SENTENCE
from kg.extract.docs import sentence_of, sentences
from kg.extract.evidence import RawEvidence, first_come
from kg.extract.nlp import MAX_SENTENCE_TOKENS, long_runs
from kg.extract.raw import RawClaim
from kg.extract.speakers import Speaker
from kg.model import Actor
from tests.helpers.extraction import run

pytestmark = pytest.mark.spacy  # importing kg.extract imports spaCy (tests/conftest.py)

SPEAKERS = [Speaker(Actor(f"p{i}", f"P{i}", "person"), 0, 2, "P") for i in range(3)]


def blank(text: str):  # type: ignore[no-untyped-def]
    return spacy.blank("en")(text)


# --- the sentence cap --------------------------------------------------------------------------


def test_long_runs_are_cut_at_a_comma_into_pieces_under_the_limit() -> None:
    clauses = ", ".join(f"clause number {i} goes on" for i in range(40))
    doc = blank(f"A short sentence. {clauses} and ends here. Another short one.")
    [(start, end, cuts)] = long_runs(doc, limit=20)
    assert doc[start - 1].text == "." and doc[end].text == "."
    pieces = list(zip([start, *cuts], [*cuts, end], strict=True))
    assert all(0 < b - a <= 20 for a, b in pieces)
    assert all(doc[c - 1].text == "," for c in cuts)  # at a comma in the second half
    assert sum(b - a for a, b in pieces) == end - start


def test_a_run_without_any_break_is_cut_at_the_limit() -> None:
    doc = blank(" ".join(["word"] * 45))
    [(start, end, cuts)] = long_runs(doc, limit=20)
    assert (start, end, cuts) == (0, 45, [20, 40])


def test_line_breaks_and_full_stops_end_runs() -> None:
    lines = "\n".join(" ".join(["word"] * 15) for _ in range(5))
    assert long_runs(blank(lines), limit=20) == []
    stops = ". ".join(" ".join(["word"] * 15) for _ in range(5))
    assert long_runs(blank(stops), limit=20) == []
    # a run of exactly the limit, followed by its full stop, is not cut
    assert long_runs(blank(" ".join(["word"] * 20) + "."), limit=20) == []


@pytest.mark.model
def test_the_parser_keeps_the_cuts_and_the_extraction_says_so(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "kg_sentence_cap" in nlp.pipe_names
    body = ", ".join(
        f"officials in city {i} said that the rules would hold" for i in range(60)
    )  # about 660 tokens, no full stop
    x = run(nlp, body)
    doc = nlp(x.article.body)
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS
    [warning] = x.warnings
    assert "tokens without a sentence end at characters 0-" in warning
    assert f"at most {MAX_SENTENCE_TOKENS} tokens" in warning
    assert len(x.claims) >= 30  # still read, sentence by sentence


@pytest.mark.model
def test_ordinary_text_has_no_warning(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(nlp, "The minister said the rules would hold. Critics disagreed.\n\nA new paragraph.")
    assert x.warnings == ()


@pytest.mark.model
def test_sentence_of_is_token_sent(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "The ban, officials said, will hold. Critics disagree!\n\nA heading\nWhy? Because "
        "the rules, which took a year, are strict."
    )
    assert [(s.start, s.end) for s in sentences(doc)] == [(s.start, s.end) for s in doc.sents]
    for tok in doc:
        assert sentence_of(tok) == tok.sent
    for ent in doc.ents:
        assert sentence_of(ent) == ent.sent
    span = doc[2:12]  # across a sentence end: the sentence of its first token
    assert sentence_of(span) == span.sent


# --- sweeps against the all-pairs definitions they replaced -------------------------------------


def _overlap(a: RawClaim, b: RawClaim) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    shorter = min(a.end - a.start, b.end - b.start)
    return inter / shorter if shorter > 0 else 0.0


def all_pairs_without_duplicates(claims: list[RawClaim]) -> list[RawClaim]:
    kept = []
    for i, claim in enumerate(claims):
        drop = False
        for j, other in enumerate(claims):
            if j == i:
                continue
            inside = other.start <= claim.start and claim.end <= other.end
            same = inside and other.end - other.start == claim.end - claim.start
            first = (other.speaker is not None, -j) > (claim.speaker is not None, -i)
            if (same and first) or (
                inside and not same and claim.speaker is None and other.speaker is not None
            ):
                drop = True
            elif not inside and _overlap(claim, other) > 0.5:
                other_inside = claim.start <= other.start and other.end <= claim.end
                if not other_inside and first:
                    drop = True
            if drop:
                break
        if not drop:
            kept.append(claim)
    return kept


def all_pairs_merge_quote_runs(claims: list[RawClaim]) -> list[RawClaim]:
    from kg.extract.build import _continues

    out: list[RawClaim] = []
    for claim in claims:
        before = sorted(
            (i for i, o in enumerate(out) if o.end <= claim.start),
            key=lambda i: (out[i].end, out[i].end - out[i].start),
            reverse=True,
        )
        for n, at in enumerate(before[:3]):
            prev = out[at]
            if _continues(prev, claim):
                out[at] = replace(
                    prev, end=claim.end, sentence=(prev.sentence[0], claim.sentence[1])
                )
                break
            if n + 1 >= len(before) or out[before[n + 1]].sentence != prev.sentence:
                out.append(claim)
                break
        else:
            out.append(claim)
    return out


def all_pairs_first_come(items: list[RawEvidence]) -> list[RawEvidence]:
    found: list[RawEvidence] = []
    for ev in items:
        if ev.end - ev.start < 2:
            continue
        if any((o.start, o.end) == (ev.start, ev.end) for o in found) or any(
            min(ev.end, o.end) - max(ev.start, o.start) > 0
            for o in found
            if not (o.kind in ("example", "testimony") and ev.kind != o.kind)
        ):
            continue
        found.append(ev)
    return found


def test_one_span_is_one_evidence_item_of_one_kind() -> None:
    # an example and a statistic on the very same clause would be one IRI with two kinds and
    # two confidences, which the SHACL shapes refuse: the first one found is kept
    example = RawEvidence(10, 60, "example", 0.6, (0, 80))
    statistic = RawEvidence(10, 60, "statistic", 0.55, (0, 80))
    inner = RawEvidence(20, 30, "statistic", 0.7, (0, 80))
    assert first_come([example, statistic, inner]) == [example, inner]


def random_claims(rng: random.Random, runs: bool) -> list[RawClaim]:
    """Claims at random, or quotation runs ('"A," she said. "B."') that may merge."""
    out = []
    pos = 0
    for _ in range(rng.randint(0, 20)):
        if runs:
            start = pos + rng.randint(0, 5)
            end = start + rng.randint(5, 30)
            cue_at = end + rng.randint(0, 3)
            pos = cue_at + rng.randint(-10, 12)
        else:
            start = rng.randrange(200)
            end = start + rng.randint(1, 40)
            cue_at = rng.randrange(240)
        cue = (cue_at, cue_at + 4, "said") if rng.random() < 0.7 else None
        sentence = rng.choice([(0, 60), (60, 240), (start - 2, end + 10)])
        speaker = rng.choice([None, *SPEAKERS] if not runs else SPEAKERS[:2])
        pattern = rng.choice([QUOTE, QUOTE_PREV_SENTENCE, "kg.reported_speech.v5"])
        out.append(
            RawClaim(
                start, end, "reported", speaker, cue, sentence, "asserts", False, None, pattern
            )
        )
    return out


@pytest.mark.parametrize("runs", [False, True])
def test_claim_sweeps_agree_with_all_pairs(runs: bool) -> None:
    rng = random.Random(16)
    changed = 0
    for _ in range(1500):
        claims = random_claims(rng, runs)
        kept = _without_duplicates(claims)
        assert kept == all_pairs_without_duplicates(claims)
        merged = _merge_quote_runs(claims)
        assert merged == all_pairs_merge_quote_runs(claims)
        changed += len(merged) < len(claims) if runs else len(kept) < len(claims)
    assert changed > 300  # the cases exercise dropping and merging


def test_evidence_sweep_agrees_with_all_pairs() -> None:
    rng = random.Random(7)
    kinds = ["example", "testimony", "statistic", "document", "event"]
    dropped = 0
    for _ in range(1500):
        items = []
        for _ in range(rng.randint(0, 25)):
            start = rng.randrange(150)
            items.append(
                RawEvidence(start, start + rng.randint(0, 30), rng.choice(kinds), 0.5, (0, 1))
            )
        kept = first_come(items)
        assert kept == all_pairs_first_come(items)
        dropped += len(kept) < len(items)
    assert dropped > 300
