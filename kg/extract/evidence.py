"""Evidence patterns: figures, cited documents, dated events and examples in a Doc.

Each yields `RawEvidence` in doc character offsets; linking to claims happens in
`kg.extract.linking`. In argument writing (opinion, analysis) the clause-sized units of
`kg.extract.clauses` add testimony (what a source said, offered in support) and anecdotes
(narrated instances, kind ``example``), and a figure counts as a statistic only when it is
the point of its clause.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.clauses import Unit, argument_units
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
        yield RawEvidence(start, end, "statistic", 0.7, (ent.sent.start_char, ent.sent.end_char))


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
                (ent.sent.start_char, ent.sent.end_char),
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
            (root.sent.start_char, root.sent.end_char),
            _named(span or [], index, _DOC_KINDS),
        )


def events(doc: Doc, index: ActorIndex) -> Iterator[RawEvidence]:
    """Dated happenings or ones naming a known chip, model or rule: 'the H100 export bans'."""
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.lemma_.lower() not in EVENT_NOUNS:
            continue
        names_artifact = any(
            (hit := index.actor_at(t)) is not None and hit[1].kind in ("chip", "model", "rule")
            for t in chunk
        )
        sent = root.sent
        dated = any(t.ent_type_ == "DATE" for t in sent)
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
        sent = tok.sent
        if tok.lower_ in EXAMPLE_CUES and tok.dep_ == "prep":
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            # "models like X": the noun right before the cue belongs to the example
            prev = doc[tok.i - 1] if tok.i > 0 else None
            next_to_noun = prev is not None and prev.pos_ in ("NOUN", "PROPN")
            start = prev.idx if prev is not None and next_to_noun else tok.idx
            yield RawEvidence(
                start, _end(pobj.right_edge), "example", 0.6, (sent.start_char, sent.end_char)
            )
        elif tok.lower_ == "such" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "as":
            as_tok = doc[tok.i + 1]
            pobj = next((c for c in as_tok.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                yield RawEvidence(
                    tok.idx, _end(pobj.right_edge), "example", 0.6, (sent.start_char, sent.end_char)
                )
        elif (
            tok.lower_ == "for"
            and tok.i + 1 < len(doc)
            and doc[tok.i + 1].lower_ in ("example", "instance")
        ) and tok.i == sent.start:
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
    for unit in units:
        if unit.kind != "statistic":
            continue
        inside = [f for f in figures if unit.start <= f.start and f.end <= unit.end]
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
    found: list[RawEvidence] = []
    if argument:
        units = argument_units(doc)
        figures = unit_statistics(units, list(statistics(doc)))
        gens = [argument_evidence(units), examples(doc), figures]
    else:
        gens = [examples(doc), statistics(doc)]
    gens += [documents(doc, index), events(doc, index)]
    for gen in gens:
        for ev in gen:
            if ev.end - ev.start < 2:
                continue
            if any(
                min(ev.end, o.end) - max(ev.start, o.start) > 0
                for o in found
                if not (o.kind in _CONTAINERS and ev.kind != o.kind)
            ):
                continue
            found.append(ev)
    found.sort(key=lambda e: (e.start, e.end))
    return found


_CONTAINERS = frozenset({"example", "testimony"})
