"""The author's own assertions in opinion and analysis writing, one per clause.

Offsets are doc character offsets, as in `kg.extract.claims`. A sentence that makes two
assertions ("..., but ...") gives two claims; clauses that narrate an anecdote, report what
a source said or state a figure are evidence (`kg.extract.evidence`), not claims.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from kg.extract.claims import make_claim
from kg.extract.clauses import argument_units, clause_root, is_quotation, unasserted
from kg.extract.docs import doc_text
from kg.extract.lexicon import AUTHOR_SUBJECTS, BIO_ROLES, TESTIMONY_VERBS
from kg.extract.raw import PatternInput, RawClaim
from kg.extract.registry import claim_pattern


def _reporting(t: Token) -> bool:
    """A verb of saying that hands its clause to someone else: 'critics argue that ...',
    'X said ...'. Not 'I think ...' (the author's hedge), not an imperative ('Tell
    yourself ...'), not a verb with no clause to report ('victims rarely report crimes'),
    and not a verb of thinking or showing ('analysts agree that ...', 'the figures show
    ...'): an opinion writer uses those to make their own case."""
    if t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() not in TESTIMONY_VERBS:
        return False
    subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj or subj[0].lower_ in AUTHOR_SUBJECTS or unasserted(t):
        return False
    return t.dep_ == "parataxis" or any(c.dep_ in ("ccomp", "parataxis") for c in t.children)


def _reports(doc: Doc, start: int, end: int) -> bool:
    """The clause reports: it quotes a source, holds a verb reporting someone else's
    clause, or hangs under such a verb outside it ('X said that A before B': 'before B'
    is X's too). A scare-quoted phrase does not make a clause reported."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    if is_quotation(span) or any(_reporting(t) for t in span):
        return True
    root = clause_root(span)  # the clause's verb, not a coordinator that also hangs outside it
    child = root
    for a in root.ancestors:
        if child.dep_ != "conj" and _reporting(a):
            return True  # 'X said A, but B': B is coordinated with the verb, not said
        child = a
    return False


def _subheading(sent: Span) -> bool:
    """A verbless line standing alone as a paragraph ('Lessons from the border.'): a
    subheading, even when it ends with a full stop."""
    text = doc_text(sent.doc)
    own = sent.text
    start = sent.start_char + len(own) - len(own.lstrip())
    end = sent.start_char + len(own.rstrip())
    before = text[max(0, start - 3) : start].strip(" \t")
    after = text[end : end + 3].lstrip(" \t")
    alone = (not before or before.endswith("\n")) and (not after or after.startswith("\n"))
    return alone and not any(t.pos_ in ("VERB", "AUX") for t in sent)


_CONTACT = re.compile(r"\S@\S|https?://|www\.|\w+/\w+ \(|^@\w", re.IGNORECASE)


def _not_prose(sent: Span) -> bool:
    """Page furniture around an opinion piece, not the author's argument: a contact line or
    photo credit (an address, a handle, 'Agency/Photographer (...)'), or a shouted call to
    action in capitals ('FOLLOW US ON ...')."""
    text = sent.text
    if _CONTACT.search(text):
        return True
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _breaks_after(doc: Doc, pos: int) -> int:
    """``doc.text.count("\\n\\n", pos)``, up to 2, by bisection in positions found once."""
    found = doc.user_data.get("kg_blank_lines")
    if found is None:
        text = doc_text(doc)
        found = doc.user_data["kg_blank_lines"] = [m.start() for m in _BLANK.finditer(text)]
    k = bisect_left(found, pos)
    if k == len(found):
        return 0
    return 2 if bisect_left(found, found[k] + 2) < len(found) else 1  # counted without overlap


_BLANK = re.compile(r"(?=\n\n)")


def _bio(sent: Span) -> bool:
    """A line of the author's bio in the closing paragraphs: a person or 'he/she' is
    described by a role ('Jo Park is a columnist for ...', 'She is the author of ...')."""
    doc = sent.doc
    if _breaks_after(doc, sent.end_char) > 1:
        return False  # only the last two paragraphs hold a bio
    root = sent.root
    subj = [c for c in root.children if c.dep_ == "nsubj"]
    attr = [c for c in root.children if c.dep_ == "attr"]
    if root.lemma_ != "be" or not subj or not attr:
        return False
    person = subj[0].ent_type_ == "PERSON" or subj[0].lower_ in ("he", "she")
    return person and attr[0].lemma_.lower() in BIO_ROLES


class _Spans:
    """Spans, which may overlap one another: whether any overlaps a given one, by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        kept = sorted((s, e) for s, e in spans if e > s)
        self.starts = [s for s, _ in kept]
        self.reach = list(accumulate((e for _, e in kept), max))  # furthest end so far

    def overlap(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # the spans that start before ``end``
        return end > start and k > 0 and self.reach[k - 1] > start


AUTHOR = "kg.author.v2"


@claim_pattern(AUTHOR, confidence=0.5, order=10, stage="author")
def author_claims(given: PatternInput) -> Iterator[RawClaim]:
    """The author's own assertions: the ``claim`` units of the doc's prose sentences.

    Rhetorical questions count, with stance ``questions``. Headings, the title, list
    fragments and sentences already holding a reported claim (one of ``given.prior``) do not.
    The speaker is left empty here; the caller knows the byline author.
    """
    doc, title = given.doc, given.title
    # a sentence that attributes only an attitude ('Beijing aims to lead ...') is the author's
    covered = _Spans(c.sentence for c in given.prior if c.attribution != "attitude")
    title_norm = (title or "").strip().lower()
    for unit in argument_units(doc):
        sent = unit.sent
        text = sent.text.strip()
        in_title = bool(title_norm) and sent.start_char < len(title_norm) + 2
        if unit.kind != "claim" or len(sent) < 4 or (in_title and text.lower() in title_norm):
            continue
        if text.startswith("#") or not text.rstrip("\"”’') ").endswith((".", "!", "?")):
            continue  # headings and list fragments are not assertions
        if _subheading(sent) or _not_prose(sent) or _bio(sent):
            continue
        covered_sent = covered.overlap(sent.start_char, sent.end_char)
        if covered_sent and _reports(doc, unit.start, unit.end):
            continue  # the clause that reports someone else's claim is theirs, not the author's
        claim = make_claim(
            doc,
            unit.start,
            unit.end,
            speaker=None,
            cue=None,
            cue_lemma=None,
            sent=sent,
            pattern=AUTHOR,
            attribution="author",
        )
        if claim is None:
            continue
        tail = doc_text(doc)[unit.end : sent.end_char].strip(" \t\n\"”’')")
        if tail == "?" or (not tail and doc_text(doc)[unit.start : unit.end].endswith("?")):
            claim = replace(claim, stance="questions")
        yield claim
