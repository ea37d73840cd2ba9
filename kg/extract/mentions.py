"""Actor mentions: gazetteer matches and named entities, resolved to canonical actors."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from kg.extract.docs import doc_acronyms, doc_text, sentence_of
from kg.extract.entities import (
    entity_kind,
    entity_name,
    in_dateline,
    locative,
    longer_rule,
)
from kg.model import Actor, Mention
from kg.resolve.aliases import canonicalise
from kg.resolve.decisions import Decisions
from kg.resolve.gazetteer import Gazetteer, discovered_actor
from kg.resolve.kinds import event_name

#: spaCy NER labels that name an actor when the gazetteer does not know the name
LABEL_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "state", "LAW": "rule"}


def _in_heading(span: Span) -> bool:
    """Headings ('Sovereign AI vs. Universal AI') make the NER invent organisations."""
    sent = sentence_of(span)
    text = sent.text.strip()
    return len(sent) < 16 and not text.rstrip("\"”’'").endswith((".", "!", "?", ":"))


@dataclass
class ActorIndex:
    """The actors of one article, their mentions in order, and lookups used by the patterns."""

    gazetteer: Gazetteer
    offset: int
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, tuple[Span, Actor]] = field(default_factory=dict)
    #: lookups the patterns build once per article (kg.extract.speakers)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)
    #: per tuple of kinds, the starts and actors of the mentions of those kinds, in order
    #: (None when the mentions are not in text order); built on the first `last_before`
    _by_kinds: dict[tuple[str, ...], tuple[list[int], list[Actor]] | None] = field(
        default_factory=dict, repr=False
    )

    def add(self, actor: Actor, span: Span) -> Mention:
        self._by_kinds.clear()
        self.actors.setdefault(actor.id, actor)
        mention = Mention(
            actor.id, span.start_char + self.offset, span.end_char + self.offset, span.text
        )
        self.mentions.append(mention)
        for tok in span:
            self.by_token[tok.i] = (span, actor)
        return mention

    def reassign(self, k: int, actor: Actor, how: str) -> None:
        """Give the ``k``-th mention to ``actor`` (resolved as ``how``); an actor left without
        mentions is dropped."""
        self._by_kinds.clear()
        old = self.mentions[k]
        self.actors.setdefault(actor.id, actor)
        self.mentions[k] = Mention(actor.id, old.start, old.end, old.text, how=how)
        for i, (span, owner) in list(self.by_token.items()):
            if owner.id == old.actor_id and span.start_char + self.offset == old.start:
                self.by_token[i] = (span, actor)
        if not any(m.actor_id == old.actor_id for m in self.mentions):
            self.actors.pop(old.actor_id, None)

    def actor_at(self, token: Token) -> tuple[Span, Actor] | None:
        return self.by_token.get(token.i)

    def last_before(self, char: int, kinds: tuple[str, ...]) -> Actor | None:
        """The last actor of one of ``kinds`` mentioned before doc char offset ``char``."""
        limit = char + self.offset
        if kinds not in self._by_kinds:
            self._by_kinds[kinds] = self._of_kinds(kinds)
        table = self._by_kinds[kinds]
        if table is not None:
            starts, actors = table
            k = bisect_left(starts, limit) - 1
            return actors[k] if k >= 0 else None
        for mention in reversed(self.mentions):
            if mention.start < limit:
                actor = self.actors[mention.actor_id]
                if actor.kind in kinds:
                    return actor
        return None

    def _of_kinds(self, kinds: tuple[str, ...]) -> tuple[list[int], list[Actor]] | None:
        starts: list[int] = []
        actors: list[Actor] = []
        last = None
        for mention in self.mentions:
            if last is not None and mention.start < last:
                return None  # not in text order: `last_before` scans them
            last = mention.start
            actor = self.actors[mention.actor_id]
            if actor.kind in kinds:
                starts.append(mention.start)
                actors.append(actor)
        return starts, actors


#: EU institutions a text names by their head word alone when it coordinates them with another
#: ("the European Parliament and the Council"): the word and the gazetteer id it then names
_EU_HEADS = {
    "council": "council-of-the-eu",
    "parliament": "european-parliament",
    "commission": "european-commission",
}
_EU_IDS = frozenset([*_EU_HEADS.values(), "european-union", "european-council"])


def _eu_institution(span: Span, gazetteer: Gazetteer) -> Actor | None:
    """ "the Council" coordinated with an EU institution is the Council of the EU."""
    word = span.text.lower().removeprefix("the ").strip()
    if word not in _EU_HEADS:
        return None
    root = span.root
    siblings = [c for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        siblings.append(root.head)
    if any(t.ent_id_ in _EU_IDS for t in siblings):
        return gazetteer.get(_EU_HEADS[word])
    return None


def _ordinal_before(span: Span) -> bool:
    """'the 119th [Congress]': a session of a body, not the body acting."""
    if span.start == 0:
        return False
    prev = span.doc[span.start - 1]
    return prev.text[:1].isdigit() and prev.text[-2:].lower() in ("st", "nd", "rd", "th")


def _before_known_name(ent: Span) -> bool:
    """'the [House] Select Committee on the CCP', 'the [Baltic] Chip Security Act': the NER's
    words before a gazetteer name of a body or rule, which holds them or takes them in."""
    doc = ent.doc
    if ent.end >= len(doc) or ent.label_ != "ORG":
        return False
    nxt = doc[ent.end]
    if not ent[-1].text[:1].isupper():
        return False  # "the Council on the [AI Act]": the name ends before its last words
    return bool(nxt.ent_id_) and nxt.ent_iob_ == "B" and nxt.ent_type_ in ("ORG", "LAW")


def _defined_names(doc: Doc, acronyms: dict[str, str]) -> list[Span]:
    """The long forms the text defines an acronym for ("the National Telecommunications and
    Information Administration (NTIA)"), as ORG spans: one name, however the NER cut it."""
    text = doc_text(doc)
    spans = []
    for acronym, long_form in acronyms.items():
        pos = text.find(f"{long_form} ({acronym})")
        while pos >= 0:
            span = doc.char_span(pos, pos + len(long_form), label="ORG", alignment_mode="contract")
            if span is not None and len(span) > 1:
                spans.append(span)
            pos = text.find(f"{long_form} ({acronym})", pos + 1)
    return sorted(spans, key=lambda sp: sp.start)


def _inside_defined_name(ent: Span, names: list[Span], gazetteer: Gazetteer) -> Span | None:
    """The defined long form a piece of the NER's lies inside, when the piece is not the whole
    name: "[National Telecommunications] and [Information] Administration (NTIA)". A state, a
    company or another known actor inside a longer name keeps its own mention."""
    if ent.ent_id_:
        known = gazetteer.get(ent.ent_id_)
        if known is None or known.kind != "organization" or gazetteer.lookup(ent.text) is None:
            return None
    for name in names:
        if (
            ent.end <= name.start
            or ent.start >= name.end
            or (ent.start, ent.end)
            == (
                name.start,
                name.end,
            )
        ):
            continue
        outside = [t for t in ent if not name.start <= t.i < name.end]
        if all(t.lower_ in ("the", "a", "an") or t.is_punct for t in outside):
            return name if gazetteer.lookup(name.text) is None else None
    return None


def find_actors(doc: Doc, gazetteer: Gazetteer, decisions: Decisions, offset: int) -> ActorIndex:
    """Every actor mention in the doc, in text order."""
    index = ActorIndex(gazetteer=gazetteer, offset=offset)
    persons: dict[str, Actor] = {}  # last name / short form -> person actor in this article
    covered = 0  # a name extended past the NER's end covers the entities it ran over
    acronyms = doc_acronyms(doc)
    names = _defined_names(doc, acronyms)
    for ent in doc.ents:
        if ent.start < covered:
            continue
        actor: Actor | None = None
        whole = _inside_defined_name(ent, names, gazetteer) if names else None
        if whole is not None:
            ent = whole
        if ent.ent_id_ and whole is None:
            actor = gazetteer.get(ent.ent_id_)
            span: Span | None = ent
            if _ordinal_before(ent):
                continue
            if actor is not None and actor.kind in ("place", "state") and in_dateline(ent):
                continue  # "SHANGHAI, March 3 (Reuters) -": where the story was filed
            if actor is not None and gazetteer.places and locative(ent):
                actor = gazetteer.place_named(ent.text, actor.id) or actor
            if actor is not None and actor.kind == "rule":
                longer = longer_rule(ent)
                if longer is not None:  # "GAIN [AI Act]": a known name inside a longer one
                    span, actor = longer, gazetteer.lookup(longer.text)
                    actor = actor or discovered_actor(longer.text, "rule")
        else:
            if ent.label_ not in LABEL_KIND or _before_known_name(ent):
                continue
            span = entity_name(ent)
            if span is None or span.label_ not in LABEL_KIND or _in_heading(span):
                continue
            if span.label_ == "ORG" and event_name(span.text):
                continue
            covered = max(covered, span.end)
            actor = gazetteer.lookup(span.text) or _eu_institution(span, gazetteer)
            if actor is None and span.label_ == "PERSON":
                if not span.text[0].isupper():
                    continue
                actor = persons.get(span.text)
            if actor is None:
                actor = discovered_actor(span.text, entity_kind(span, LABEL_KIND[span.label_]))
        if actor is None or span is None:
            continue
        if actor.kind == "person":
            parts = actor.name.split()
            if len(parts) >= 2:
                # "Raimondo" after "Gina Raimondo"; "Lin" after "Lin Jian" (family name first)
                persons.setdefault(parts[-1], actor)
                persons.setdefault(parts[0], actor)
                persons.setdefault(actor.name, actor)
            for alias in actor.aliases:
                persons.setdefault(alias, actor)
        index.add(actor, span)
    # variants, acronyms, short forms, analyst decisions (kg.resolve.aliases)
    canon = canonicalise(
        index.actors, index.mentions, doc_text(doc), gazetteer, decisions, acronyms
    )
    index.mentions[:] = canon.mentions
    index.by_token = {
        i: (span, canon.final[actor.id]) for i, (span, actor) in index.by_token.items()
    }
    index.actors.clear()
    index.actors.update(canon.actors)
    index._by_kinds.clear()
    return index
