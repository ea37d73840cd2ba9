"""Linking evidence to the statements it supports: by discourse, not by distance.

Each item says what it is offered for (`kg.extract.raw.RawEvidence`). An item with a
``target`` (the that-clause of "the report shows that ...", the sentence "citing X" hangs on,
the claim a speaker's figure follows) supports the claims that lie there, those that do not
contain the item itself when there are any. When no claim lies there, its ``reach`` decides:

- ``"back"``: the claims just before it ("For example, ...", "She pointed to X."): the nearest
  earlier sentence of the paragraph holding a claim, at most two sentences back; a claim there
  that an earlier item holds is itself grounds, and the item joins what those grounds support;
- ``"around"``: an argument unit of opinion writing (a testimony, an anecdote, a figure),
  linked to one of the author's claims (never one that a single quotation holds together
  with the unit) only when the text marks the relation: the unit opens
  with "because", "since" or "as" (the claims of its sentence); a later clause of its sentence
  opens with "so", "therefore", "which is why" (that claim); its sentence opens with a
  backward marker ("For example", "In fact", "Data from ... show") (the claims before); the
  next sentence opens with a forward marker ("This is why", "As a result") (that sentence's
  claims); the sentence before ends with a colon ("The figures bear this out:"); or a
  testimony or figure stands in a paragraph opened by the author's claim, right after it
  or with no other claim of the author's in the paragraph (the paragraph's claim);
- ``""``: nowhere.

No marker, no link: an item with no claim in reach stays free evidence of the article
(`kg.rdf.mapping` records it with ``kg:inArticle``), except an argument unit of a piece that
reports what happened before it argues (an analysis, a statement, a speech: `offered_only`), whose narration
is background, not evidence. A statement never supports itself: an
item that holds most of a claim (testimony quoting a reported claim, a figure that is the
claim) is not linked to that claim.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Protocol

from spacy.tokens import Doc, Span

from kg.extract.docs import SpanIndex, doc_text, sentences
from kg.extract.lexicon import BACKWARD_MARKERS, FORWARD_MARKERS, SHOW_VERBS
from kg.extract.raw import RawEvidence


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class _Claimish(_Spanned, Protocol):
    @property
    def sentence(self) -> tuple[int, int]: ...

    @property
    def attribution(self) -> str: ...


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


def _contains(claim: _Spanned, ev: _Spanned) -> bool:
    return claim.start <= ev.start and ev.end <= claim.end


def link_evidence(
    claims: Sequence[_Claimish], evidence: Sequence[RawEvidence], doc: Doc
) -> dict[int, list[int]]:
    """Claim index -> the indexes of the evidence items that support it."""
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
        # the sentences its own words lie in (a quoted passage's claim is given the whole
        # passage as its sentence: its neighbours are not in it)
        for si in range(sent_idx(c.start), sent_idx(max(c.end - 1, c.start)) + 1):
            claim_sents.setdefault(si, []).append(ci)

    reported = SpanIndex(
        [(c.start, c.end, ci) for ci, c in enumerate(claims) if c.attribution == "reported"]
    )

    def quoted_with(ev: RawEvidence, claim: _Claimish) -> bool:
        """The item and the claim lie in one reported claim (a quoted passage): both are that
        speaker's words, so the one is not someone else's word offered for the other."""
        return any(
            _contains(claims[k], ev) and _contains(claims[k], claim)
            for _, _, k in reported.overlapping(ev.start, ev.end)
        )

    topics = _topic_sentences(claims, evidence, sents, text, sent_idx)
    links: dict[int, list[int]] = {}
    for ei, ev in enumerate(evidence):

        def claims_of(si: int, ev: RawEvidence = ev) -> list[int]:
            """Claims of sentence ``si`` other than the ones the item itself holds (for an
            argument unit: the author's, outside any quotation the unit shares with it)."""
            return [
                ci
                for ci in claim_sents.get(si, [])
                if not _holds(ev, claims[ci])
                and (
                    ev.reach != "around"
                    or (claims[ci].attribution == "author" and not quoted_with(ev, claims[ci]))
                )
            ]

        def claims_near(si: int, step: int) -> list[int]:
            """Claims of the nearest sentence in direction ``step`` within the paragraph."""
            j = si + step
            while 0 <= j < len(sents) and same_paragraph(si, j) and abs(j - si) <= 2:
                if found := claims_of(j):
                    return found
                j += step
            return []

        def claims_in(span: tuple[int, int], ev: RawEvidence = ev) -> list[int]:
            """Claims overlapping ``span`` that the item does not hold; those that do not also
            contain the item, if any (the item is not evidence for a claim it is part of)."""
            lo, hi = span
            found = [
                ci
                for si in range(sent_idx(lo), sent_idx(max(hi - 1, lo)) + 1)
                for ci in claim_sents.get(si, [])
                if claims[ci].start < hi and claims[ci].end > lo and not _holds(ev, claims[ci])
            ]
            apart = [ci for ci in found if not _contains(claims[ci], ev)]
            return apart or found

        si = sent_idx(ev.start)
        targets = list(dict.fromkeys(claims_in(ev.target))) if ev.target else []
        if not targets and ev.reach == "back":
            targets = _grounded(claims_near(si, -1), ei, evidence, claims, links)
        elif not targets and ev.reach == "around":
            targets = _around(ev, si, sents, text, claims, claims_of, claims_near)
            if not targets and ev.kind != "example" and topics.get(si, si) != si:
                targets = claims_of(topics[si])
        for ci in targets:
            links.setdefault(ci, []).append(ei)
    return links


def _grounded(
    found: list[int],
    ei: int,
    evidence: Sequence[RawEvidence],
    claims: Sequence[_Claimish],
    links: dict[int, list[int]],
) -> list[int]:
    """The claims an item reaching back supports, given the claims ``found`` just before it:
    a claim there that an earlier item holds is itself offered as grounds ('We see a trend.
    One need look no further than X. It was widely reported that X ...'), so the item joins
    what that earlier item supports; the other claims stay."""
    out: list[int] = []
    for ci in found:
        held = [
            k
            for k in range(ei)
            if evidence[k].reach != "around" and _holds(evidence[k], claims[ci])
        ]
        supported = [c for c, items in links.items() if any(k in items for k in held)]
        out.extend(sorted(supported) if held else [ci])
    return list(dict.fromkeys(out))


def offered_only(
    evidence: Sequence[RawEvidence], links: dict[int, list[int]]
) -> tuple[list[RawEvidence], dict[int, list[int]]]:
    """The items without the argument units (reach ``"around"``) that no claim is linked to,
    and the links renumbered to match: in a piece that reviews events before it argues, a
    narrated event or a quoted remark is background unless the text offers it for a claim."""
    linked = {ei for items in links.values() for ei in items}
    keep = [ei for ei, ev in enumerate(evidence) if ev.reach != "around" or ei in linked]
    new = {old: k for k, old in enumerate(keep)}
    return [evidence[ei] for ei in keep], {
        ci: [new[ei] for ei in items] for ci, items in links.items()
    }


def _topic_sentences(
    claims: Sequence[_Claimish],
    evidence: Sequence[RawEvidence],
    sents: list[Span],
    text: str,
    sent_idx: Callable[[int], int],
) -> dict[int, int]:
    """Sentence -> the first sentence of its paragraph, for paragraphs opened by a claim and
    its grounds: the author's claim stands in the first sentence and the second grounds it
    ('Smuggling is the bigger hole. Officials familiar with ... said that ...'; 'The weak point
    is enforcement. The bureau runs on a budget of $200 million a year.'); when the author's
    claims all stand in the first sentence, every later sentence grounds it.
    A testimony or a figure there backs the claim; an anecdote there is more often the story
    the paragraph tells ('I want to thank X for the dinner. During the dinner, X ...')."""
    index = SpanIndex([(e.start, e.end, k) for k, e in enumerate(evidence)])

    def in_evidence(c: _Claimish) -> bool:
        near = (evidence[k] for _, _, k in index.overlapping(c.start, c.end))
        return any(_holds(e, c) or _contains(e, c) for e in near)

    paragraphs: list[list[int]] = [[0]] if sents else []
    for k in range(1, len(sents)):
        if "\n\n" in text[sents[k - 1].start_char : sents[k].start_char]:
            paragraphs.append([k])
        else:
            paragraphs[-1].append(k)
    free = [sent_idx(c.start) for c in claims if c.attribution == "author" and not in_evidence(c)]
    out: dict[int, int] = {}
    for para in paragraphs:
        first, rest = para[0], set(para[1:])
        if not rest or first not in free:
            continue
        if not rest & set(free):
            out.update(dict.fromkeys(rest, first))
        else:
            out[para[1]] = first  # the sentence right after the claim grounds it
    return out


_CAUSAL = ("because", "since", "as", "given")
_RESULT = ("so", "therefore", "thus", "hence", "which")


def _around(
    ev: RawEvidence,
    si: int,
    sents: list[Span],
    text: str,
    claims: Sequence[_Claimish],
    claims_of: Callable[[int], list[int]],
    claims_near: Callable[[int, int], list[int]],
) -> list[int]:
    """The claims an argument unit of sentence ``si`` supports: by its markers only."""
    sent = sents[si]
    unit_words = text[ev.start : ev.end].lower().split()[:1]
    own = claims_of(si)
    if unit_words and unit_words[0] in _CAUSAL and own:
        return own  # 'C, because E' and 'Because E, C'
    later = [ci for ci in own if claims[ci].start >= ev.end]
    if later and text[claims[later[0]].start : claims[later[0]].end].lower().split()[:1] in [
        [w] for w in _RESULT
    ]:
        return later[:1]  # 'E, so C'
    if _backward(sent) and not own:
        return claims_near(si, -1)
    if si + 1 < len(sents) and opens_with(sents[si + 1], FORWARD_MARKERS):
        return claims_of(si + 1)
    if si > 0 and text[sents[si - 1].start_char : sents[si - 1].end_char].rstrip().endswith(":"):
        return claims_of(si - 1)
    return []
