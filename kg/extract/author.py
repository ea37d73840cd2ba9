"""The author's own assertions in opinion and analysis writing, one per clause.

Offsets are doc character offsets, as in `kg.extract.claims`. A sentence that makes two
assertions ("..., but ...") gives two claims; clauses that narrate an anecdote, report what
a source said or state a figure are evidence (`kg.extract.evidence`), not claims.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract.claims import RawClaim, _claim
from kg.extract.clauses import argument_units
from kg.extract.lexicon import REPORT_VERBS


def _reports(doc: Doc, start: int, end: int) -> bool:
    """The clause reports: it holds a reporting verb or a quotation mark, or it hangs
    under a reporting verb outside it ('X said that A before B': 'before B' is X's too)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True

    def reporting(t: Token) -> bool:
        return t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in REPORT_VERBS

    if any(reporting(t) or any(q in t.text for q in ('"', "“", "”")) for t in span):
        return True
    return any(reporting(a) for a in span.root.ancestors)


def author_claims(
    doc: Doc, covered: list[tuple[int, int]], title: str | None
) -> Iterator[RawClaim]:
    """The author's own assertions: the ``claim`` units of the doc's prose sentences.

    Rhetorical questions count, with stance ``questions``. Headings, the title, list
    fragments and sentences already holding a reported claim (``covered``) do not. The
    speaker is left empty here; the caller knows the byline author.
    """
    title_norm = (title or "").strip().lower()
    for unit in argument_units(doc):
        sent = unit.sent
        text = sent.text.strip()
        if unit.kind != "claim" or len(sent) < 4 or text.lower() == title_norm:
            continue
        if text.startswith("#") or not text.rstrip("\"”’') ").endswith((".", "!", "?")):
            continue  # headings and list fragments are not assertions
        covered_sent = any(
            min(sent.end_char, ce) - max(sent.start_char, cs) > 0 for cs, ce in covered
        )
        if covered_sent and _reports(doc, unit.start, unit.end):
            continue  # the clause that reports someone else's claim is theirs, not the author's
        claim = _claim(
            doc,
            unit.start,
            unit.end,
            speaker=None,
            cue=None,
            cue_lemma=None,
            sent=sent,
            pattern="author",
            attribution="author",
        )
        if claim is None:
            continue
        tail = doc.text[unit.end : sent.end_char].strip(" \t\n\"”’')")
        if tail == "?" or (not tail and doc.text[unit.start : unit.end].endswith("?")):
            claim = replace(claim, stance="questions")
        yield claim
