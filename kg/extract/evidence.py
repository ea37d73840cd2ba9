"""Evidence in a Doc: what the text offers in support of a claim.

Everywhere, `kg.extract.support` finds the items a speaker offers by the words that offer them
("citing X", "the report shows that", "For example, ..."). In argument writing (opinion,
analysis) the clause-sized units of `kg.extract.clauses` add testimony (what a source said,
offered in support), anecdotes (narrated instances, kind ``example``) and statistics (a clause
whose point is a figure). Items are `RawEvidence` in doc character offsets; linking to claims
happens in `kg.extract.linking`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from kg.extract.clauses import Unit, argument_units, saying
from kg.extract.docs import SpanIndex, sentence_of
from kg.extract.lexicon import CURRENCY_SIGNS, STAT_LABELS
from kg.extract.mentions import ActorIndex
from kg.extract.raw import RawClaim, RawEvidence
from kg.extract.support import offered_evidence

__all__ = ["RawEvidence", "find_evidence", "first_come", "statistics"]

UNIT = "kg.argument_unit.v2"
UNIT_STATISTIC = "kg.unit_statistic.v1"


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


def argument_evidence(units: list[Unit]) -> Iterator[RawEvidence]:
    """Testimony and anecdotes: whole clauses of argument writing that ground a claim."""
    for unit in _one_testimony_per_sentence(units):
        sent = (unit.sent.start_char, unit.sent.end_char)
        if unit.kind in ("testimony", "example"):
            conf = 0.6 if unit.kind == "testimony" else 0.5
            yield RawEvidence(
                unit.start, unit.end, unit.kind, conf, sent, reach="around", finder=UNIT
            )


def unit_statistics(units: list[Unit], figures: list[RawEvidence]) -> Iterator[RawEvidence]:
    """One statistic per clause whose point is a figure: its figures, merged into one span."""
    figures = sorted(figures, key=lambda f: f.start)
    starts = [f.start for f in figures]
    for unit in units:
        if unit.kind != "statistic" and not unit.gives_figure:
            continue
        inside = []
        for k in range(bisect_left(starts, unit.start), len(figures)):
            f = figures[k]
            if f.start > unit.end:
                break
            if f.end <= unit.end:
                inside.append(f)
        sent = (unit.sent.start_char, unit.sent.end_char)
        if unit.gives_figure:
            # a claim that names a share: the share is the statistic, the clause the claim
            for f in inside:
                yield RawEvidence(
                    f.start, f.end, "statistic", 0.6, sent, reach="around", finder=UNIT_STATISTIC
                )
            continue
        if inside:
            start, end = min(f.start for f in inside), max(f.end for f in inside)
            yield RawEvidence(
                start, end, "statistic", 0.7, sent, reach="around", finder=UNIT_STATISTIC
            )
        else:
            yield RawEvidence(
                unit.start, unit.end, "statistic", 0.5, sent, reach="around", finder=UNIT_STATISTIC
            )


def find_evidence(
    doc: Doc, index: ActorIndex, argument: bool = False, claims: Sequence[RawClaim] = ()
) -> list[RawEvidence]:
    """All evidence in the doc, overlaps removed (earlier items win, see `first_come`).

    ``argument`` marks opinion and analysis writing, where whole clauses are typed (see
    `kg.extract.clauses`): their units come first, then what the text offers by its words.
    """
    offered = offered_evidence(doc, index, argument, claims)
    if argument:
        units = argument_units(doc)
        figures = unit_statistics(units, list(statistics(doc)))
        # an offered item that covers most of a unit says better what it is and what it backs
        spans = SpanIndex([(o.start, o.end, k) for k, o in enumerate(offered)])
        typed = [
            u for u in [*argument_evidence(units), *figures] if not _covered(u, offered, spans)
        ]
        items = [*typed, *offered]
    else:
        items = offered
    found = first_come(items)
    found.sort(key=lambda e: (e.start, e.end))
    return found


def _covered(unit: RawEvidence, offered: list[RawEvidence], index: SpanIndex) -> bool:
    """An offered item covers most of the unit, or the unit holds an offered item and what it
    is offered for ('E, demonstrating that C' is one unit): the offered item says it better."""
    size = unit.end - unit.start
    for start, end, k in index.overlapping(unit.start, unit.end):
        if 2 * (min(end, unit.end) - max(start, unit.start)) >= size:
            return True
        target = offered[k].target
        inside = unit.start <= start and end <= unit.end
        if inside and target is not None and unit.start <= target[0] < unit.end:
            return True
    return False


def first_come(items: Iterable[RawEvidence]) -> list[RawEvidence]:
    """The items (of two characters or more) that overlap no earlier kept item, in order;
    a container (example, testimony) of another kind may overlap, but never on the very same
    span: one span is one evidence node (its IRI comes from the span), of one kind."""
    found: list[RawEvidence] = []
    spans: set[tuple[int, int]] = set()
    # what a new item may not overlap: every earlier item but containers of another kind.
    # Items checked against a set are disjoint from it, so each set stays disjoint.
    plain = _Disjoint()  # items of kinds that are not containers
    containers = {kind: _Disjoint() for kind in _CONTAINERS}
    for ev in items:
        if ev.end - ev.start < 2:
            continue
        same_kind = containers.get(ev.kind)
        if (
            (ev.start, ev.end) in spans
            or plain.overlaps(ev.start, ev.end)
            or (same_kind is not None and same_kind.overlaps(ev.start, ev.end))
        ):
            continue
        (plain if same_kind is None else same_kind).add(ev.start, ev.end)
        spans.add((ev.start, ev.end))
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


def _one_testimony_per_sentence(units: list[Unit]) -> list[Unit]:
    """Neighbouring testimony units of one sentence joined: what one source says is one piece
    of testimony, however many clauses it runs to ('A, the minister said, and she added that
    B'). A clause that names a source of its own ('..., and the ministry confirmed that B')
    stays apart."""
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if (
            prev is not None
            and unit.kind == prev.kind == "testimony"
            and prev.sent.start == unit.sent.start
            and not _new_source(unit)
        ):
            out[-1] = Unit(prev.start, unit.end, prev.sent, "testimony")
            continue
        out.append(unit)
    return out


def _new_source(unit: Unit) -> bool:
    """The unit names a source of its own: a verb of saying with a subject that is not a
    pronoun ('..., and the ministry confirmed that ...')."""
    doc = unit.sent.doc
    span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
    if span is None:
        return False
    for tok in span:
        if tok.pos_ == "VERB" and saying(tok):
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].pos_ != "PRON":
                return True
    return False
