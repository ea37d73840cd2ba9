"""Linking evidence to the statements it supports.

An item backs the claims of its own sentence. When its sentence holds no claim, discourse
markers decide: a sentence that opens with a backward marker ("For example", "Because",
"Data from ... show", "According to figures from ...") supports the claims before it; one
followed by a sentence opening with a forward marker ("This is why", "So", "As a result")
supports the claims after it. Otherwise the nearest claim in the same paragraph (the
sentence before, else the one after) is taken. An item may support several statements;
one with no claim in reach stays free evidence of the article (`kg.rdf.mapping` records it with
``kg:inArticle``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc, Span

from kg.extract.docs import doc_text, sentences
from kg.extract.lexicon import BACKWARD_MARKERS, FORWARD_MARKERS, SHOW_VERBS


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class _Claimish(_Spanned, Protocol):
    @property
    def sentence(self) -> tuple[int, int]: ...


def _words(sent: Span) -> tuple[str, ...]:
    return tuple(t.lower_ for t in sent if not t.is_punct and not t.is_space)[:4]


def opens_with(sent: Span, markers: Sequence[tuple[str, ...]]) -> bool:
    words = _words(sent)
    return any(words[: len(m)] == m for m in markers)


def _backward(sent: Span) -> bool:
    if opens_with(sent, BACKWARD_MARKERS):
        return True
    # 'Data from the census show ...', 'Figures released by X indicate ...'
    first = _words(sent)[:1]
    return first in (("data",), ("figures",), ("statistics",)) and any(
        t.lower_ in SHOW_VERBS for t in sent
    )


def _holds(ev: _Spanned, claim: _Spanned) -> bool:
    """The item is (mostly) the claim itself: it covers at least half of the claim."""
    shared = min(ev.end, claim.end) - max(ev.start, claim.start)
    return shared * 2 >= claim.end - claim.start


def link_evidence(
    claims: Sequence[_Claimish], evidence: Sequence[_Spanned], doc: Doc
) -> dict[int, list[int]]:
    """Claim index -> the indexes of the evidence items that support it.

    A statement never supports itself: testimony that quotes a reported claim backs the
    claims around it, not that claim.
    """
    sents = sentences(doc)
    text = doc_text(doc)
    starts = [s.start_char for s in sents]

    def sent_idx(char: int) -> int:
        return max(0, bisect_right(starts, char) - 1)

    def same_paragraph(a: int, b: int) -> bool:
        lo, hi = sorted((a, b))
        return "\n\n" not in text[sents[lo].start_char : sents[hi].start_char]

    claim_sents: dict[int, list[int]] = {}
    for ci, c in enumerate(claims):
        for si in range(sent_idx(c.sentence[0]), sent_idx(max(c.sentence[1] - 1, 0)) + 1):
            claim_sents.setdefault(si, []).append(ci)

    links: dict[int, list[int]] = {}
    for ei, ev in enumerate(evidence):

        def claims_of(si: int, ev: _Spanned = ev) -> list[int]:
            """Claims of sentence ``si`` other than the ones the item itself holds."""
            return [ci for ci in claim_sents.get(si, []) if not _holds(ev, claims[ci])]

        def claims_near(si: int, step: int) -> list[int]:
            """Claims of the nearest sentence in direction ``step`` within the paragraph."""
            j = si + step
            while 0 <= j < len(sents) and same_paragraph(si, j) and abs(j - si) <= 2:
                if found := claims_of(j):
                    return found
                j += step
            return []

        si = sent_idx(ev.start)
        targets = claims_of(si)
        if not targets and _backward(sents[si]):
            targets = claims_near(si, -1)
        if not targets and si + 1 < len(sents) and opens_with(sents[si + 1], FORWARD_MARKERS):
            targets = claims_of(si + 1)
        if not targets:
            targets = claims_near(si, -1) or claims_near(si, +1)
        for ci in targets:
            links.setdefault(ci, []).append(ei)
    return links
