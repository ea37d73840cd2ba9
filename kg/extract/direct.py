"""Direct speech: transcript turns ('NAME: what they said') and quotations with their speaker.

`speaker_turns` runs with the other claim patterns; `quote_claims` runs after them and takes
the claims found so far, so a quotation already inside a claim is not claimed twice and a
quotation continued over paragraphs inherits its speaker. The helpers at the end find who
speaks a quotation: a saying verb beside it, a name after a dash, the subject of the sentence
before, a person the sentence after names. Offsets are doc character offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract.claims import announced_act, make_claim, verb_cue
from kg.extract.content import content_of
from kg.extract.docs import doc_text, sentences
from kg.extract.lexicon import FIRST_SECOND_PRONOUNS, QUOTE_CUES, REQUEST_OPENERS, SPEECH_NOUNS
from kg.extract.mentions import ActorIndex
from kg.extract.quotes import TURN_RE, in_quotation, quotations
from kg.extract.raw import PatternInput, RawClaim
from kg.extract.registry import claim_pattern
from kg.extract.speakers import Speaker, local_actor, speaker_of, subject_of, unresolved

#: 0.5 as before registration, when the name was missing from the confidence table
SPEAKER_TURN = "kg.speaker_turn.v2"
QUOTE = "kg.quote.v4"
#: the speaker is the subject (or claimer) of the sentence before the quotation
QUOTE_PREV_SENTENCE = "kg.quote_prev_sentence.v3"
#: the speaker is named in the sentence after ("The warning came from X")
QUOTE_NEXT_SENTENCE = "kg.quote_next_sentence.v2"


@claim_pattern(SPEAKER_TURN, confidence=0.5, order=10)
def speaker_turns(given: PatternInput) -> Iterator[RawClaim]:
    """Interview transcripts and headline labels: 'NAME: what they said' at a line start."""
    doc, index, doc_key = given.doc, given.index, given.doc_key
    starts = [s.start_char for s in sentences(doc)]
    for m in TURN_RE.finditer(doc_text(doc)):
        label = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if label is None:
            continue
        hit = next((h for t in label if (h := index.actor_at(t)) is not None), None)
        speaker: Speaker | None = None
        if hit is not None and hit[1].kind == "person":
            span, actor = hit
            speaker = Speaker(actor, span.start_char, span.end_char, span.text)
        elif (m.group(1).isupper() and len(m.group(1)) > 2) or label.root.ent_type_ in (
            "PERSON",
            "ORG",
        ):  # 'PENCE: ...' in a transcript, 'Pence: ...' heading a story
            # the label itself, whatever the tagger made of it ('LOPEZ' as an adjective)
            text = m.group(1)
            speaker = Speaker(local_actor(text, "person", doc_key), m.start(1), m.end(1), text)
        else:
            continue
        if speaker is None:
            continue
        start, end = m.start(2), m.end(2)
        sent = doc.char_span(start, end, alignment_mode="expand")
        if sent is None:
            continue
        # a claim per sentence of the turn, as for a quotation; thanks and requests are none
        cuts = [start, *starts[bisect_right(starts, start) : bisect_left(starts, end)]]
        for a, b in zip(cuts, [*cuts[1:], end], strict=True):
            words = doc_text(doc)[a:b].split()
            if words and words[0].strip(",.:;!").lower() in REQUEST_OPENERS:
                continue
            claim = make_claim(
                doc,
                a,
                b,
                speaker=speaker,
                cue=(m.end(1), m.end(1) + 1, ":"),
                cue_lemma=None,
                sent=sent,
                pattern=SPEAKER_TURN,
            )
            if claim:
                yield claim


@claim_pattern(
    QUOTE,
    confidence=0.8,
    order=10,
    stage="quotation",
    variants={QUOTE_PREV_SENTENCE: 0.6, QUOTE_NEXT_SENTENCE: 0.55},
)
def quote_claims(given: PatternInput) -> Iterator[RawClaim]:
    """Direct quotations not already a claim, and their speaker.

    The speaker is, in order: a saying verb in the quotation's own sentence; a name
    after a dash behind it; the speaker of a quotation or claim ending just before it
    (a quotation continued over paragraphs); the subject of the sentence before; a
    person named in a sentence after that speaks of the quotation (`QUOTE_NEXT_SENTENCE`).
    ``given.prior`` holds the claims found so far.
    """
    doc, index, doc_key = given.doc, given.index, given.doc_key
    prior = given.prior
    sents = sentences(doc)
    starts = [s.start_char for s in sents]
    # the prior claims that overlap a quotation: a sweep, quotations come in text order
    by_start = sorted(prior, key=lambda c: c.start)
    taken = 0
    overlapping: list[RawClaim] = []
    # claims with a speaker before a quotation: the prior ones by end, then those made here
    spoken = [c for c in sorted(prior, key=lambda c: c.end) if c.speaker is not None]
    ends = [c.end for c in spoken]
    spoken_in: dict[tuple[int, int], list[RawClaim]] = {}
    for c in spoken:
        spoken_in.setdefault(c.sentence, []).append(c)
    made: list[RawClaim] = []
    made_in: dict[tuple[int, int], list[RawClaim]] = {}
    for q_open, qs, qe, q_close in quotations(doc):
        while taken < len(by_start) and by_start[taken].start < qe:
            overlapping.append(by_start[taken])
            taken += 1
        overlapping = [c for c in overlapping if c.end > qs]
        if any(c.start <= qs and qe <= c.end for c in overlapping):
            continue  # a claim holds it whole
        first = max(0, bisect_right(starts, q_open) - 1)
        last = max(first, bisect_right(starts, max(q_open, q_close - 1)) - 1)
        outside = [
            t for i in range(first, last + 1) for t in sents[i] if not (q_open <= t.idx < q_close)
        ]
        found = speaker_in(outside, index, doc_key)
        cue = None
        pattern = QUOTE
        speaker: Speaker | None = None
        if found:
            speaker, verb = found
            cue = verb_cue(verb)
        if (
            speaker is None
            and last + 1 < len(sents)
            and sents[last + 1].start_char - q_close <= 3
            and "\n" not in doc_text(doc)[q_close : sents[last + 1].start_char]
        ):
            # '"...," she said.' split by the parser after the closing mark
            after = sents[last + 1]
            found = speaker_in(list(after)[:6], index, doc_key) if len(after) <= 20 else None
            if found and content_of(found[1], found[1].lemma_.lower()) is None:
                speaker, verb = found
                cue = verb_cue(verb)
        if speaker is None:
            speaker = dash_speaker(doc, q_close, index, doc_key)
        if (
            speaker is None
            and last + 1 < len(sents)
            and not doc_text(doc)[q_close : sents[last].end_char].strip()
        ):
            # 'The warning came from X, ...' names the speaker outright: before any guess
            speaker = introduced_speaker(sents[last + 1], index, doc_key)
            pattern = QUOTE_NEXT_SENTENCE
        before = doc_text(doc)[sents[first].start_char : q_open].strip()
        if speaker is None and not before:
            # the last claim with a speaker that ends before the quotation (a quotation
            # claimed here ends before any later one)
            k = bisect_right(ends, q_open)
            near = [c for c in (made[-1] if made else None, spoken[k - 1] if k else None) if c]
            latest = max(near, key=lambda c: c.end) if near else None
            if latest is not None and q_open - latest.end <= 200 and first > 0:
                gap = doc_text(doc)[latest.end : q_open]
                if gap.count("\n") <= 3 and len(gap.split()) <= 12:
                    # the main claim of that sentence, not one nested in its attribution
                    # ('"A," said X, who leads Y.' -> X)
                    same = [c for c in spoken_in.get(latest.sentence, []) if c.end <= q_open]
                    same += made_in.get(latest.sentence, [])
                    speaker = min(same, key=lambda c: c.start).speaker
                    pattern = QUOTE_PREV_SENTENCE
        if speaker is not None and pattern == QUOTE_PREV_SENTENCE and _unnamed_many(doc, speaker):
            # a quotation is one voice: not that of 'witnesses' or 'the officials' when the
            # paragraph before has a named person speak ('X questioned witnesses. Witnesses
            # agreed that A.' + a paragraph-long quotation -> X)
            speaker = _paragraph_person(doc, sents, first, index, doc_key) or speaker
        if speaker is None and not before and first > 0:
            prev = sents[first - 1]
            if not in_quotation(doc, prev.start_char) and not in_quotation(doc, prev.end_char - 2):
                speaker = subject_speaker(prev, index, doc_key)
                pattern = QUOTE_PREV_SENTENCE
        if speaker is None:
            continue
        # a quotation of several sentences is as many claims: each sentence puts its own
        # proposition forward ('"A is true. B will follow," she said' -> A, B)
        cuts = [qs] + [s.start_char for s in sents[first + 1 : last + 1] if qs < s.start_char < qe]
        for start, end in zip(cuts, [*cuts[1:], qe], strict=True):
            if any(
                min(end, c.end) - max(start, c.start) > 0.5 * (end - start) for c in overlapping
            ):
                continue  # this sentence of it is a claim already ('asked X, "A. B?"')
            piece = doc.char_span(start, end, alignment_mode="expand")
            if piece is not None and announced_act(piece):
                continue  # '"... the governor announced that he signed the order."'
            claim = make_claim(
                doc,
                start,
                end,
                speaker=speaker,
                cue=cue,
                cue_lemma=None,
                sent=doc[sents[first].start : sents[last].end],
                pattern=pattern,
            )
            if claim:
                made.append(claim)
                made_in.setdefault(claim.sentence, []).append(claim)
                yield claim


# --- who speaks a quotation ----------------------------------------------------------------------


def speaker_in(
    tokens: list[Token], index: ActorIndex, doc_key: str
) -> tuple[Speaker, Token] | None:
    """The first saying verb among ``tokens`` (outside quotations) with a third-person claimer."""
    for tok in tokens:
        lemma = tok.lemma_.lower()
        if lemma not in QUOTE_CUES or tok.pos_ not in ("VERB", "AUX"):
            continue
        if in_quotation(tok.doc, tok.idx):
            continue
        subject, _ = subject_of(tok)
        if subject is not None and subject.lower_ not in FIRST_SECOND_PRONOUNS:
            # whoever says the quotation speaks it, whatever the noun ('"A. B," the
            # rapporteur said'), as in reported speech (kg.extract.claims)
            speaker = speaker_of(subject, index, doc_key) or unresolved(
                subject, doc_key, any_noun=True
            )
            if speaker:
                return speaker, tok
    return None


# blanks include the no-break space, which often glues the dash to the quote mark
_DASH_NAME_RE = re.compile(r"[^\S\n]*[,.]?[^\S\n]*[—―–-]{1,2}[^\S\n]*(?=[A-Z])")


def dash_speaker(doc: Doc, q_close: int, index: ActorIndex, doc_key: str) -> Speaker | None:
    """'"...." ― Jane Roe' : a name after a dash right behind the quotation."""
    m = _DASH_NAME_RE.match(doc_text(doc), q_close)
    if m is None:
        return None
    tok_span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
    if tok_span is None:
        return None
    tok = tok_span[0]
    hit = index.actor_at(tok)
    if hit:
        span, actor = hit
        return Speaker(actor, span.start_char, span.end_char, span.text)
    return unresolved(tok if tok.dep_ != "compound" else tok.head, doc_key)


def subject_speaker(sent: Span, index: ActorIndex, doc_key: str) -> Speaker | None:
    """'Dario Amodei, chief executive of Anthropic, was blunt.' -> the root's subject."""
    found = speaker_in(list(sent), index, doc_key)
    if found:
        return found[0]
    root = sent.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in FIRST_SECOND_PRONOUNS:
        return None
    speaker = speaker_of(subject, index, doc_key)
    if speaker and speaker.actor.kind in (
        "person",
        "company",
        "government_body",
        "state",
        "international_body",
        "organization",
        "group",
        "anonymous",
    ):
        return speaker
    return None


def _unnamed_many(doc: Doc, speaker: Speaker) -> bool:
    """'witnesses', 'the officials': a plural common noun and no name."""
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or any(t.pos_ == "PROPN" or t.ent_type_ for t in span):
        return False
    return span.root.tag_ == "NNS"


def _paragraph_person(
    doc: Doc, sents: list[Span], first: int, index: ActorIndex, doc_key: str
) -> Speaker | None:
    """The nearest person who is the subject (or claimer) of a sentence of the paragraph just
    before sentence ``first``."""
    text = doc_text(doc)
    j = first - 1
    while j >= 0:
        sent = sents[j]
        if not in_quotation(doc, sent.start_char):
            found = subject_speaker(sent, index, doc_key)
            if found is not None and found.actor.kind == "person":
                return found
        if j == 0 or "\n" in text[sents[j - 1].end_char : sent.start_char]:
            return None
        j -= 1
    return None


def introduced_speaker(sent: Span, index: ActorIndex, doc_key: str) -> Speaker | None:
    """'The warning came from Mao Ning, a spokesperson.' -> the person it names."""
    # the sentence must be about the quotation: its subject is a word for it ("the
    # warning", "that"), not a new statement that happens to name someone
    subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not (
        subject.lemma_.lower() in SPEECH_NOUNS or subject.lower_ in ("that", "this", "those")
    ):
        return None
    for tok in sent:
        hit = index.actor_at(tok)
        if hit and hit[1].kind == "person":
            span, actor = hit
            return Speaker(actor, span.start_char, span.end_char, span.text)
    # 'came from NAME' with a name the NER took for something else
    source = next(
        (t for t in sent if t.dep_ == "pobj" and t.head.lower_ == "from" and t.pos_ == "PROPN"),
        None,
    )
    if source is not None and source.head.head.i == sent.root.i:
        return unresolved(source, doc_key)
    return None
