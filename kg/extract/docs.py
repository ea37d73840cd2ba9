"""Per-Doc caches (kept in ``Doc.user_data``) and small token helpers shared by the extraction
modules.

spaCy computes some things afresh on every access: ``Doc.text`` joins every token, and
``Token.sent`` / ``Span.sent`` walk to both ends of the sentence. Called once per token or
per claim they make extraction grow with the square of the text (or of a long sentence), so
the modules ask here instead: `doc_text` builds the text once, `sentence_of` finds a sentence
by bisection in the sentence bounds, built once.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from kg.resolve.names import defined_acronyms


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy rebuilds ``Doc.text`` from the tokens on every access."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text  # type: ignore[no-any-return]


def _bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Token start and end of every sentence, in order, computed once per Doc."""
    cached = doc.user_data.get("kg_sentence_bounds")
    if cached is None:
        starts, ends = [], []
        for sent in doc.sents:
            starts.append(sent.start)
            ends.append(sent.end)
        cached = doc.user_data["kg_sentence_bounds"] = (starts, ends)
    return cached  # type: ignore[no-any-return]


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, from the cached bounds."""
    starts, ends = _bounds(doc)
    return [doc[s:e] for s, e in zip(starts, ends, strict=True)]


def sentence_index(doc: Doc, i: int) -> int:
    """The index (in `sentences`) of the sentence holding token ``i``."""
    return max(0, bisect_right(_bounds(doc)[0], i) - 1)


def sentence_of(item: Token | Span) -> Span:
    """``item.sent`` (for a span: the sentence of its first token) without walking the sentence."""
    doc = item.doc
    start = item.i if isinstance(item, Token) else item.start
    starts, ends = _bounds(doc)
    k = max(0, bisect_right(starts, start) - 1)
    return doc[starts[k] : ends[k]]


def subtree_chars(token: Token) -> tuple[int, int]:
    """The doc character span of a token's subtree."""
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)


class SpanIndex:
    """Character spans (start, end) with what they carry, to find those overlapping a range
    by bisection instead of a scan of them all."""

    def __init__(self, spans: list[tuple[int, int, int]]) -> None:
        """``spans``: (start, end, key) triples, in any order."""
        self.spans = sorted(spans)
        self.starts = [s for s, _, _ in self.spans]
        self.reach: list[int] = []  # the furthest end among the spans up to each one
        furthest = -1
        for _, end, _ in self.spans:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The spans sharing at least one character with [start, end)."""
        out = []
        k = bisect_right(self.starts, end - 1) - 1  # the last span starting before ``end``
        while k >= 0 and self.reach[k] > start:
            s, e, key = self.spans[k]
            if e > start:
                out.append((s, e, key))
            k -= 1
        return out


def clause_root(span: Span) -> Token:
    """The verb of a clause-sized span: its first verb (or root) whose head lies outside it."""
    for tok in span:
        outside = tok.head.i < span.start or tok.head.i >= span.end or tok.head.i == tok.i
        if outside and (tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT"):
            return tok
    return span.root


def doc_acronyms(doc: Doc) -> dict[str, str]:
    """The acronyms the doc's text defines (`kg.resolve.names.defined_acronyms`), read once
    per Doc."""
    found = doc.user_data.get("kg_acronyms")
    if found is None:
        found = doc.user_data["kg_acronyms"] = defined_acronyms(doc_text(doc))
    return found  # type: ignore[no-any-return]
