"""Names outside the gazetteer resolved within one article, then analyst decisions applied.

`find_actors` gives each name the gazetteer does not know an id from its normalised
text. This pass looks at all the actors of the article together and folds the
variants an outlet uses for one actor: titles ("Secretary Raimondo"), a surname
after the full name, an acronym the text defines ("the Bureau of ... (BIS)"), a
short form of a longer name in the same article ("the Ministry of Commerce" after
"China's Ministry of Commerce"), person names the NER took for organisations, and
near-spellings of gazetteer names (rapidfuzz, under a threshold). Every rule needs
a unique candidate; otherwise the name stays a separate actor, because a wrong
merge is worse than a missed one. Finally `Decisions` (`kg merge` / `kg split`)
override the automatic result. Each mention records how it was resolved.

The result depends only on the article, the gazetteer and the decisions file, never
on what else is in the store, so ingest order does not matter and removing an
article leaves nothing of it in the others. Cross-article identity of new names
comes from their normalised form; weaker cross-article matches are proposed by
`kg actors --suspect` for an analyst to merge.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import Actor, Mention
from kg.resolve.decisions import Decisions
from kg.resolve.gazetteer import Gazetteer, discovered_actor, normalize_name
from kg.resolve.kinds import kind_from_name
from kg.resolve.names import COMPATIBLE_KINDS, defined_acronyms, fuzzy_lookup, strip_title

GAZETTEER = "gazetteer"
GAZETTEER_ALIAS = "gazetteer alias"
NORMALISED = "normalised name"
NEW = "new name"
TITLE = "title removed"
SURNAME = "person name in article"
ACRONYM = "acronym defined in text"
SHORT_FORM = "short form in article"
MISLABELLED = "person name (NER said organisation)"
FUZZY = "fuzzy match"
DECISION = "analyst decision"


def _how_known(gaz: Gazetteer, actor: Actor, surface: str) -> str:
    if surface == actor.name:
        return GAZETTEER
    if gaz.exact.get(surface.strip()) == actor.id:
        return GAZETTEER_ALIAS
    if gaz.normalized.get(normalize_name(surface)) == actor.id:
        return NORMALISED
    return SURNAME


def _words(name: str) -> list[str]:
    return [w for w in normalize_name(name).split() if w]


class _Article:
    """The names of one article and the candidates the rules choose among."""

    def __init__(
        self,
        actors: dict[str, Actor],
        mentions: list[Mention],
        text: str,
        gaz: Gazetteer,
        acronyms: dict[str, str] | None = None,
    ) -> None:
        self.gaz = gaz
        self.actors = actors
        self.acronyms = defined_acronyms(text) if acronyms is None else acronyms
        self.surfaces: dict[str, list[str]] = {}
        self._normal: dict[str, list[str]] = {}  # actor id -> its normalised forms
        for m in mentions:
            self.surfaces.setdefault(m.actor_id, []).append(m.text)
        # single-word person names: the NER sometimes labels the full name an organisation
        lone = {
            _words(a.name)[0]
            for a in self.actors.values()
            if a.kind == "person" and not a.in_gazetteer and len(_words(a.name)) == 1
        }
        self.full_persons: dict[str, Actor] = {}
        for a in self.actors.values():
            words = _words(strip_title(a.name))
            looks_like_name = 2 <= len(words) <= 3 and words[-1] in lone
            if a.kind == "person" and len(words) >= 2:
                self.full_persons[a.id] = a
            elif not a.in_gazetteer and a.kind == "organization" and looks_like_name:
                self.full_persons[a.id] = discovered_actor(strip_title(a.name), "person")
        # organisations that may be mislabelled people: they make a surname ambiguous
        self.name_like = [
            a
            for a in self.actors.values()
            if not a.in_gazetteer
            and a.kind == "organization"
            and a.id not in self.full_persons
            and 2 <= len(a.name.split()) <= 3
            and all(w[:1].isupper() for w in a.name.split())
        ]

    def forms(self, actor: Actor) -> list[str]:
        return [actor.name, *actor.aliases, *self.surfaces.get(actor.id, [])]

    def surname_of(self, word: str) -> list[Actor]:
        """People of this article whose first or last name is ``word`` (and look-alikes)."""
        return [
            a
            for a in (*self.full_persons.values(), *self.name_like)
            if word in (_words(strip_title(a.name))[0], _words(strip_title(a.name))[-1])
        ]

    def longer_form_of(self, norm: str, own: str) -> list[Actor]:
        """Actors of this article with a form that ends in ``norm`` (as whole words)."""
        found: dict[str, Actor] = {}
        for a in self.actors.values():
            if a.id == own:
                continue
            for nf in self._normal_forms(a):
                if nf != norm and nf.endswith(" " + norm):
                    found[a.id] = a
        return list(found.values())

    def _normal_forms(self, actor: Actor) -> list[str]:
        """The distinct normalised forms of an actor of this article, computed once: an
        actor has a surface form per mention, and a long article has thousands."""
        cached = self._normal.get(actor.id)
        if cached is None:
            cached = list(dict.fromkeys(normalize_name(f) for f in self.forms(actor)))
            self._normal[actor.id] = cached
        return cached


def _unique(cands: list[Actor]) -> Actor | None:
    ids = {c.id for c in cands}
    return cands[0] if len(ids) == 1 else None


def _resolve(actor: Actor, art: _Article, decisions: Decisions) -> tuple[Actor, str]:
    """The canonical actor for a name the gazetteer did not know, and the rule that decided."""
    gaz = art.gaz
    allowed = COMPATIBLE_KINDS.get(actor.kind, frozenset({actor.kind}))

    def ok(target: Actor | None) -> bool:
        return target is not None and not decisions.kept_apart(actor.id, target.id)

    if actor.id in art.full_persons and art.full_persons[actor.id].id != actor.id:
        actor = art.full_persons[actor.id]
        if ok(actor):
            return actor, MISLABELLED
    name = strip_title(actor.name) if actor.kind == "person" else actor.name
    if name != actor.name:
        hit = gaz.lookup(name)
        if hit is not None and hit.kind in allowed and ok(hit):
            return hit, TITLE
    words = _words(name)
    if actor.name in art.acronyms:
        long_form = art.acronyms[actor.name]
        # the long form's own kind: "(ITA)" after "International Trade Administration" is the
        # government body the name says, whatever the NER labelled the letters
        named = next((a for a in art.actors.values() if a.name == long_form), None)
        kind = named.kind if named is not None else kind_from_name(long_form, actor.kind)
        hit = gaz.lookup(long_form) or gaz.discovered(long_form, kind)
        if ok(hit):
            return hit, ACRONYM
    if len(words) == 1 and actor.kind in ("person", "organization", "state"):
        hit = _unique(art.surname_of(words[0]))
        if hit is not None and ok(hit):
            return hit, SURNAME
    if words and actor.kind not in ("person", "state", "place") and name[:1].isupper():
        hit = _unique(art.longer_form_of(" ".join(words), actor.id))
        if hit is not None and ok(hit):
            return hit, SHORT_FORM
    fuzzy = fuzzy_lookup(gaz, name, actor.kind)
    if fuzzy is not None and ok(fuzzy[0]):
        return fuzzy[0], f"{FUZZY} ({fuzzy[1]:.0f})"
    if name != actor.name:
        renamed = gaz.discovered(name, actor.kind)
        if ok(renamed):
            return renamed, TITLE
    return actor, NEW


def _decided(actor: Actor, gaz: Gazetteer, decisions: Decisions) -> Actor | None:
    merge = decisions.target(actor.id)
    if merge is None:
        return None
    return gaz.get(merge.into) or Actor(merge.into, merge.label, merge.kind)


@dataclass(frozen=True)
class Canonical:
    """The actors of one article after resolution: ``final`` maps each name's own id to its actor."""

    actors: dict[str, Actor]
    mentions: list[Mention]
    final: dict[str, Actor]


def canonicalise(
    actors: dict[str, Actor],
    mentions: list[Mention],
    text: str,
    gaz: Gazetteer,
    decisions: Decisions,
    acronyms: dict[str, str] | None = None,
) -> Canonical:
    """Give every variant of one actor the same id; record how each mention was resolved.
    ``acronyms`` are the text's `defined_acronyms` when the caller has read them already."""
    art = _Article(actors, mentions, text, gaz, acronyms)
    final: dict[str, tuple[Actor, str]] = {}
    for actor in actors.values():
        if actor.in_gazetteer:
            final[actor.id] = (actor, "")
            continue
        target, how = _resolve(actor, art, decisions)
        # a rule may land on another new name that itself resolves further (acronym -> long form)
        if target.id != actor.id and target.id in actors and target.id not in final:
            inner = actors[target.id]
            if not inner.in_gazetteer:
                target, _ = _resolve(inner, art, decisions)
        final[actor.id] = (target, how)
    for local, (target, _how) in list(final.items()):
        decided = _decided(target, gaz, decisions) or _decided(actors[local], gaz, decisions)
        if decided is not None:
            final[local] = (decided, DECISION)

    forms: dict[str, dict[str, None]] = {}
    for m in mentions:
        target = final[m.actor_id][0]
        forms.setdefault(target.id, {})[m.text] = None
    resolved: dict[str, Actor] = {}
    for target, _how in final.values():
        if target.id in resolved:
            continue
        if not target.in_gazetteer:
            seen = [f for f in forms.get(target.id, {}) if f != target.name]
            target = Actor(target.id, target.name, target.kind, aliases=tuple(seen))
        resolved[target.id] = target

    out = []
    for m in mentions:
        target, how = final[m.actor_id]
        how = how or _how_known(gaz, target, m.text)
        if how == NEW and m.text != target.name:  # folded by find_actors' in-article names
            how = SURNAME if target.kind == "person" else SHORT_FORM
        out.append(Mention(target.id, m.start, m.end, m.text, how=how))
    return Canonical(
        resolved, out, {local: resolved[target.id] for local, (target, _) in final.items()}
    )
