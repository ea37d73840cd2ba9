"""Evidence patterns: figures, cited documents, dated events and examples in a Doc.

Each yields `RawEvidence` in doc character offsets; linking to claims happens in
`kg.extract.linking`. In argument writing (opinion, analysis) the clause-sized units of
`kg.extract.clauses` add testimony (what a source said, offered in support) and anecdotes
(narrated instances, kind ``example``), and a figure counts as a statistic only when it is
the point of its clause.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.clauses import Unit, argument_units
from kg.extract.docs import sentence_of
from kg.extract.lexicon import (
    CURRENCY_SIGNS,
    DOC_NOUNS,
    EVENT_NOUNS,
    EXAMPLE_CUES,
    LAW_WORDS,
    STAT_LABELS,
)
from kg.extract.mentions import ActorIndex

_DOC_KINDS = ("rule",)


@dataclass(frozen=True)
class RawEvidence:
    start: int
    end: int
    kind: str
    confidence: float
    sentence: tuple[int, int]
    entity: str | None = None  # the gazetteer actor a document or event names


def _named(tokens: Span | list[Token], index: ActorIndex, kinds: tuple[str, ...]) -> str | None:
    """The first gazetteer actor of one of ``kinds`` among the tokens, preferring rules."""
    hits = [
        hit[1]
        for t in tokens
        if (hit := index.actor_at(t)) is not None and hit[1].in_gazetteer and hit[1].kind in kinds
    ]
    hits.sort(key=lambda a: a.kind != "rule")
    return hits[0].id if hits else None


def _bounds_of(sent: Span) -> tuple[int, int]:
    return sent.start_char, sent.end_char


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def statistics(doc: Doc) -> Iterator[RawEvidence]:
    """Percentages, money and quantities, with the noun they count ('30% of their compute power')."""
    for ent in doc.ents:
        is_count = (
            ent.label_ == "CARDINAL"
            and ent.root.dep_ == "nummod"
            and any(c.isdigit() for c in ent.text)
        )
        if ent.label_ not in STAT_LABELS and not is_count:
            continue
        start, end = ent.start_char, ent.end_char
        sign = doc[ent.start - 1] if ent.start > 0 else None
        if sign is not None and sign.text in CURRENCY_SIGNS and not sign.whitespace_:
            start = sign.idx  # '$41bn': the NER left the currency out
        if is_count:
            end = max(end, _end(ent.root.head))
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is not None and nxt.lower_ == "of" and nxt.head.i >= ent.start - 1:
            pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                end = _end(pobj)
        elif ent.label_ in ("MONEY", "PERCENT", "QUANTITY"):
            head = ent.root.head
            if head.pos_ == "NOUN" and head.i == ent.end:
                end = _end(head)
        yield RawEvidence(start, end, "statistic", 0.7, _bounds_of(sentence_of(ent)))


def documents(doc: Doc, index: ActorIndex) -> Iterator[RawEvidence]:
    """Cited rules, laws and reports: gazetteer rules, LAW entities, 'a report by X'."""
    seen: set[int] = set()
    for ent in doc.ents:
        hit = index.actor_at(ent.root)
        is_rule = hit is not None and hit[1].kind == "rule"
        lawish = ent.label_ == "LAW" and bool(LAW_WORDS & {t.lower_ for t in ent})
        if lawish or is_rule:
            seen.update(range(ent.start, ent.end))
            yield RawEvidence(
                ent.start_char,
                ent.end_char,
                "document",
                0.75,
                _bounds_of(sentence_of(ent)),
                _named(ent, index, _DOC_KINDS),
            )
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.lemma_.lower() not in DOC_NOUNS or root.i in seen:
            continue
        start, end = chunk.start_char, chunk.end_char
        for child in root.rights:
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "on", "of"):
                end = _end(child.right_edge)
                break
        # only specific citations that name something ('a report by CSET', 'the October 2023
        # rule'), not generic 'rules' in passing
        specific = any(
            t.ent_type_ in ("ORG", "DATE", "GPE", "LAW")
            for t in doc.char_span(start, end, alignment_mode="expand") or []
        )
        if not specific:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        yield RawEvidence(
            start,
            end,
            "document",
            0.55,
            _bounds_of(sentence_of(root)),
            _named(span or [], index, _DOC_KINDS),
        )


def events(doc: Doc, index: ActorIndex) -> Iterator[RawEvidence]:
    """Dated happenings or ones naming a known chip, model or rule: 'the H100 export bans'."""
    dated_sents: dict[int, bool] = {}  # sentence start -> whether it holds a date
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.lemma_.lower() not in EVENT_NOUNS:
            continue
        names_artifact = any(
            (hit := index.actor_at(t)) is not None and hit[1].kind in ("chip", "model", "rule")
            for t in chunk
        )
        sent = sentence_of(root)
        dated = dated_sents.get(sent.start)
        if dated is None:
            dated = dated_sents[sent.start] = any(t.ent_type_ == "DATE" for t in sent)
        if not (names_artifact or dated):
            continue
        yield RawEvidence(
            chunk.start_char,
            chunk.end_char,
            "event",
            0.6 if names_artifact else 0.45,
            (sent.start_char, sent.end_char),
            _named(chunk, index, ("rule", "chip", "model")),
        )


def examples(doc: Doc) -> Iterator[RawEvidence]:
    """Instances given to illustrate: 'models like X or Y', 'such as X', 'for example, ...'."""
    for tok in doc:
        if tok.lower_ in EXAMPLE_CUES and tok.dep_ == "prep":
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            # "models like X": the noun right before the cue belongs to the example
            prev = doc[tok.i - 1] if tok.i > 0 else None
            next_to_noun = prev is not None and prev.pos_ in ("NOUN", "PROPN")
            start = prev.idx if prev is not None and next_to_noun else tok.idx
            sent = sentence_of(tok)
            yield RawEvidence(
                start, _end(pobj.right_edge), "example", 0.6, (sent.start_char, sent.end_char)
            )
        elif tok.lower_ == "such" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "as":
            as_tok = doc[tok.i + 1]
            pobj = next((c for c in as_tok.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                sent = sentence_of(tok)
                yield RawEvidence(
                    tok.idx, _end(pobj.right_edge), "example", 0.6, (sent.start_char, sent.end_char)
                )
        elif (
            tok.lower_ == "for"
            and tok.i + 1 < len(doc)
            and doc[tok.i + 1].lower_ in ("example", "instance")
        ) and tok.i == (sent := sentence_of(tok)).start:
            yield RawEvidence(
                sent.start_char, sent.end_char, "example", 0.5, (sent.start_char, sent.end_char)
            )


def argument_evidence(units: list[Unit]) -> Iterator[RawEvidence]:
    """Testimony and anecdotes: whole clauses of argument writing that ground a claim."""
    for unit in units:
        sent = (unit.sent.start_char, unit.sent.end_char)
        if unit.kind == "testimony":
            yield RawEvidence(unit.start, unit.end, "testimony", 0.6, sent)
        elif unit.kind == "example":
            yield RawEvidence(unit.start, unit.end, "example", 0.5, sent)


def unit_statistics(units: list[Unit], figures: list[RawEvidence]) -> Iterator[RawEvidence]:
    """One statistic per clause whose point is a figure: its figures, merged into one span."""
    figures = sorted(figures, key=lambda f: f.start)
    starts = [f.start for f in figures]
    for unit in units:
        if unit.kind != "statistic":
            continue
        inside = []
        for k in range(bisect_left(starts, unit.start), len(figures)):
            f = figures[k]
            if f.start > unit.end:
                break
            if f.end <= unit.end:
                inside.append(f)
        sent = (unit.sent.start_char, unit.sent.end_char)
        if inside:
            start, end = min(f.start for f in inside), max(f.end for f in inside)
            yield RawEvidence(start, end, "statistic", 0.7, sent)
        else:
            yield RawEvidence(unit.start, unit.end, "statistic", 0.5, sent)


def find_evidence(doc: Doc, index: ActorIndex, argument: bool = False) -> list[RawEvidence]:
    """All evidence in the doc, overlaps removed (earlier kinds in this order win).

    A clause-sized item (testimony, an anecdote) or an example may contain other evidence
    ('models like X, which cost $5 million'), so an item overlapping one of those of another
    kind is kept; any other overlap drops the later item. ``argument`` marks opinion and
    analysis writing, where whole clauses are typed (see `kg.extract.clauses`).
    """
    if argument:
        units = argument_units(doc)
        figures = unit_statistics(units, list(statistics(doc)))
        gens = [argument_evidence(units), examples(doc), figures]
    else:
        gens = [examples(doc), statistics(doc)]
    gens += [documents(doc, index), events(doc, index)]
    found = first_come(ev for gen in gens for ev in gen)
    found.sort(key=lambda e: (e.start, e.end))
    return found


def first_come(items: Iterable[RawEvidence]) -> list[RawEvidence]:
    """The items (of two characters or more) that overlap no earlier kept item, in order;
    a container (example, testimony) of another kind may overlap."""
    found: list[RawEvidence] = []
    # what a new item may not overlap: every earlier item but containers of another kind.
    # Items checked against a set are disjoint from it, so each set stays disjoint.
    plain = _Disjoint()  # items of kinds that are not containers
    containers = {kind: _Disjoint() for kind in _CONTAINERS}
    for ev in items:
        if ev.end - ev.start < 2:
            continue
        same_kind = containers.get(ev.kind)
        if plain.overlaps(ev.start, ev.end) or (
            same_kind is not None and same_kind.overlaps(ev.start, ev.end)
        ):
            continue
        (plain if same_kind is None else same_kind).add(ev.start, ev.end)
        found.append(ev)
    return found


_CONTAINERS = frozenset({"example", "testimony"})


class _Disjoint:
    """Disjoint spans in order: whether a span overlaps one of them, by bisection."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end) - 1  # the last span starting before ``end``
        return k >= 0 and self.ends[k] > start

    def add(self, start: int, end: int) -> None:
        k = bisect_left(self.starts, start)
        self.starts.insert(k, start)
        self.ends.insert(k, end)
