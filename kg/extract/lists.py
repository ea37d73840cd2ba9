"""Claims announced as a list: "Congress finds the following:", "The ministry made three
points:" and the numbered or bulleted items after it, each item a claim of whoever announced
the list (the findings of a bill, the points of a statement or a hearing).

The announcing sentence ends with a colon and points forward ("the following", "as follows",
"three points"); its verb is a reporting or finding verb with a subject that names the speaker.
The items are the lines after it: a marker alone on its line ("(1)", "**(2)**", "a.") followed
by the item's text, or a marker and the text on one line ("1. ...", "- ...", "• ..."). The list
ends at a heading, at a line of prose that is no item, or after `MAX_ITEMS` items.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.claims import make_claim, verb_cue
from kg.extract.docs import doc_text
from kg.extract.lexicon import FINDING_VERBS, REPORT_VERBS
from kg.extract.raw import PatternInput, RawClaim
from kg.extract.registry import claim_pattern
from kg.extract.speakers import speaker_of, subject_of

LIST_ITEMS = "kg.list_items.v1"
MAX_ITEMS = 30
_ANNOUNCING_VERBS = REPORT_VERBS | FINDING_VERBS

#: the forward pointer that ends an announcing sentence, before its colon
_POINTER = re.compile(
    r"(?:\bthe\s+following(?:\s+\w+)?|\bas\s+follows|\b(?:two|three|four|five|six|several)"
    r"\s+(?:\w+\s+)?(?:points|findings|conclusions|reasons|concerns|things))\s*:\s*$",
    re.IGNORECASE,
)
#: a list marker alone on its line: "(1)", "**(2)**", "1.", "a)", "(iv)"
_MARKER_LINE = re.compile(r"\s*(?:\*\*)?\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)](?:\*\*)?\s*")
#: a marker that opens a line holding the item's text: "1. ", "(2) ", "- ", "• "
_MARKER_TEXT = re.compile(r"\s*(?:(?:\*\*)?\(?(?:\d{1,2}|[a-z])[.)](?:\*\*)?|[-*•])\s+(?=\S)")


def _announcing_verb(sent: Span) -> Token | None:
    """The reporting or finding verb of a sentence that announces a list, else None."""
    if not _POINTER.search(sent.text.rstrip()):
        return None
    root = sent.root
    lemma = root.lemma_.lower()
    if root.pos_ not in ("VERB", "AUX") or lemma not in _ANNOUNCING_VERBS:
        return None
    return root


def _items(text: str, start: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the text of each list item from ``start`` on."""
    pos = start
    after_marker = False
    count = 0
    while pos < len(text) and count < MAX_ITEMS:
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        stripped = line.strip()
        if not stripped:
            pos = end + 1
            continue
        if stripped.startswith("#"):
            return  # a heading ends the list
        if _MARKER_LINE.fullmatch(line):
            after_marker = True
        else:
            m = _MARKER_TEXT.match(line)
            if m is not None:
                yield pos + m.end(), end
            elif after_marker:
                yield pos + len(line) - len(line.lstrip()), end
            else:
                return  # prose again: the list is over
            after_marker = False
            count += 1
        pos = end + 1


def _sentences(span: Span) -> list[Span]:
    """The sentences ``span`` overlaps, in order."""
    found: list[Span] = []
    for tok in span:
        if not found or tok.sent.start != found[-1].start:
            found.append(tok.sent)
    return found


@claim_pattern(LIST_ITEMS, confidence=0.7, order=70)
def list_items(given: PatternInput) -> Iterator[RawClaim]:
    """Each item of a list a speaker announces ("X finds the following:"), as X's claim."""
    doc, index, doc_key = given.doc, given.index, given.doc_key
    text = doc_text(doc)
    for sent in doc.sents:
        verb = _announcing_verb(sent)
        if verb is None:
            continue
        subject, passive = subject_of(verb)
        if subject is None or passive:
            continue
        speaker = speaker_of(subject, index, doc_key)
        if speaker is None:
            continue
        for item_start, item_end in _items(text, sent.end_char):
            item = doc.char_span(item_start, item_end, alignment_mode="expand")
            if item is None:
                continue
            for item_sent in _sentences(item):
                start = max(item_sent.start_char, item_start)
                end = min(item_sent.end_char, item_end)
                claim = make_claim(
                    doc,
                    start,
                    end,
                    speaker=speaker,
                    cue=verb_cue(verb),
                    cue_lemma=verb.lemma_.lower(),
                    sent=item_sent,
                    pattern=LIST_ITEMS,
                )
                if claim:
                    yield claim
