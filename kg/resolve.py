"""Canonical actors: the gazetteer, alias lookup and names found outside it.

The gazetteer (ontology/gazetteer.toml) lists actors and artifacts with a kind,
a preferred label, aliases (metonyms such as "Beijing" included) and a verified
Wikidata id where known. Names outside it get a deterministic id from their
normalised form, so the same name in two articles is one node.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import KGError
from kg.model import ACTOR_KINDS, Actor
from kg.ontology import ontology_path, slugify

SPACY_LABEL = {
    "state": "GPE",
    "government_body": "ORG",
    "company": "ORG",
    "organization": "ORG",
    "international_body": "ORG",
    "person": "PERSON",
    "group": "NORP",
    "anonymous": "NORP",
    "model": "PRODUCT",
    "chip": "PRODUCT",
    "rule": "LAW",
}
#: spaCy NER labels that name an actor when the gazetteer does not know the name
LABEL_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "state"}

_SUFFIX = re.compile(
    r"[\s,]+(corp|corporation|inc|incorporated|co|company|ltd|limited|llc|plc|group|holding|holdings)\.?$"
)


def normalize_name(name: str) -> str:
    """Case, punctuation, 'the', possessives and company suffixes folded away."""
    text = unicodedata.normalize("NFKC", name).replace("’", "'").strip()
    text = re.sub(r"'s$|'$", "", text)
    text = text.lower()
    text = re.sub(r"^the\s+", "", text)
    prev = None
    while prev != text:
        prev = text
        text = _SUFFIX.sub("", text)
    text = re.sub(r"[.\u2019']", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    return text


class GazetteerError(KGError):
    code = "E010"


@dataclass(frozen=True)
class Gazetteer:
    actors: dict[str, Actor]
    exact: dict[str, str]  # alias or label, as written -> actor id
    normalized: dict[str, str]  # normalize_name(alias) -> actor id
    path: str

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        default = os.environ.get("KG_GAZETTEER") or ontology_path("gazetteer.toml")
        return _load(str(path or default))

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def lookup(self, surface: str) -> Actor | None:
        """The actor a surface form names, exactly or after normalisation."""
        actor_id = self.exact.get(surface.strip())
        if actor_id is None:
            norm = normalize_name(surface)
            actor_id = self.normalized.get(norm) if norm else None
        return self.actors.get(actor_id) if actor_id else None

    def ruler_patterns(self) -> list[dict[str, str]]:
        """Phrase patterns for spaCy's entity ruler: every label and alias, with the actor id."""
        patterns = []
        for actor in self.actors.values():
            label = SPACY_LABEL.get(actor.kind, "ORG")
            for form in (actor.name, *actor.aliases):
                patterns.append({"label": label, "pattern": form, "id": actor.id})
                if form.lower().startswith("the ") and len(form) > 4:
                    patterns.append({"label": label, "pattern": form[4:], "id": actor.id})
        return patterns


@lru_cache(maxsize=4)
def _load(path: str) -> Gazetteer:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise GazetteerError(f"gazetteer not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise GazetteerError(f"gazetteer {path} is not valid TOML: {exc}") from None
    actors: dict[str, Actor] = {}
    exact: dict[str, str] = {}
    normalized: dict[str, str] = {}
    for i, entry in enumerate(data.get("actor", [])):
        try:
            actor_id = entry["id"]
            kind = entry["kind"]
            label = entry["label"]
        except KeyError as exc:
            raise GazetteerError(f"gazetteer entry #{i + 1} lacks {exc.args[0]!r}") from None
        if kind not in ACTOR_KINDS:
            raise GazetteerError(f"gazetteer entry {actor_id!r} has unknown kind {kind!r}")
        if actor_id in actors:
            raise GazetteerError(f"gazetteer id {actor_id!r} is used twice")
        aliases = tuple(a for a in entry.get("aliases", []) if a and a != label)
        actor = Actor(
            id=actor_id,
            name=label,
            kind=kind,
            wikidata=entry.get("wikidata") or None,
            aliases=aliases,
            in_gazetteer=True,
        )
        actors[actor_id] = actor
        for form in (label, *aliases):
            exact.setdefault(form, actor_id)
            norm = normalize_name(form)
            if norm:
                normalized.setdefault(norm, actor_id)
    return Gazetteer(actors=actors, exact=exact, normalized=normalized, path=path)


def discovered_actor(name: str, kind: str) -> Actor:
    """An actor found in text but not in the gazetteer: id from its normalised name.

    A group phrase is first looked up case-insensitively among the gazetteer's groups
    ("Analysts" at the start of a sentence is the gazetteer's "analysts").
    """
    norm = normalize_name(name) or name
    if kind == "group":
        gaz = Gazetteer.load()
        known = gaz.get(gaz.normalized.get(norm, ""))
        if known is not None and known.kind == "group":
            return known
    return Actor(id=f"{kind}/{slugify(norm)}", name=name.strip(), kind=kind)


# --- names outside the gazetteer: titles, acronyms, fuzzy matches, analyst decisions ------------

#: words that precede a person's name as a title ("Commerce Secretary Gina Raimondo")
TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "undersecretary",
        "under",
        "assistant",
        "deputy",
        "chief",
        "executive",
        "ceo",
        "cfo",
        "cto",
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "director",
        "commissioner",
        "ambassador",
        "senator",
        "sen",
        "rep",
        "representative",
        "governor",
        "mayor",
        "premier",
        "chancellor",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "general",
        "admiral",
        "commerce",
        "foreign",
        "trade",
        "defense",
        "defence",
        "treasury",
        "state",
        "finance",
        "commerce's",
        "export",
        "chief",
        "analyst",
        "lawyer",
        "judge",
        "founder",
        "co-founder",
        "cofounder",
        "head",
        "former",
        "acting",
    ]
)

#: kinds a discovered name (from the statistical NER) may resolve to in the gazetteer
COMPATIBLE_KINDS: dict[str, frozenset[str]] = {
    "person": frozenset({"person"}),
    "organization": frozenset(
        {"company", "government_body", "international_body", "organization", "group"}
    ),
    "state": frozenset({"state"}),
    "group": frozenset({"group"}),
}

FUZZY_THRESHOLD = 92.0  # rapidfuzz ratio (0-100) for a name to match a gazetteer form
FUZZY_MIN_LENGTH = 6  # shorter names are never fuzzy-matched ("Meta" / "Beta")

_ACRONYM = re.compile(
    r"((?:[A-Z][\w&'’.-]*\s+(?:(?:of|for|and|on|in|the|&)\s+)*){1,9})\(([A-Z][A-Za-z&.]{1,9})\)"
)


def strip_title(name: str) -> str:
    """A person's name without leading titles: 'Commerce Secretary Gina Raimondo' -> 'Gina Raimondo'."""
    parts = name.split()
    while len(parts) > 1 and parts[0].lower().strip(".,") in TITLE_WORDS:
        parts.pop(0)
    return " ".join(parts)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines: 'the Bureau of Industry and Security (BIS)' -> {'BIS': long form}.

    The acronym's letters must be the initials of the capitalised words of the long form
    (trailing words dropped until they fit), so 'Nvidia's chips (H20)' defines nothing.
    """
    found: dict[str, str] = {}
    for m in _ACRONYM.finditer(text):
        acronym = m.group(2)
        letters = acronym.replace(".", "").replace("&", "")
        words = m.group(1).split()
        while words:
            caps = [w for w in words if w[:1].isupper()]
            if _initials(caps).upper() == letters.upper():
                found.setdefault(acronym, " ".join(words).strip())
                break
            words.pop(0)  # the long form may start later: 'On Monday the Bureau of ...'
    return found


def fuzzy_lookup(gazetteer: Gazetteer, name: str, kind: str) -> tuple[Actor, float] | None:
    """The gazetteer actor whose label or alias is nearest to ``name``, if close enough.

    Uses rapidfuzz's ratio on normalised forms, only over entries of a compatible kind,
    and never for short names: a wrong merge is worse than a missed one.
    """
    from rapidfuzz import fuzz, process

    norm = normalize_name(name)
    if len(norm) < FUZZY_MIN_LENGTH:
        return None
    forms, ids = _fuzzy_index(gazetteer.path, COMPATIBLE_KINDS.get(kind, frozenset({kind})))
    hit = process.extractOne(norm, forms, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
    if hit is None:
        return None
    actor = gazetteer.get(ids[hit[2]])
    return (actor, float(hit[1])) if actor else None


@lru_cache(maxsize=16)
def _fuzzy_index(path: str, kinds: frozenset[str]) -> tuple[list[str], list[str]]:
    gaz = _load(path)
    pairs = [(norm, aid) for norm, aid in gaz.normalized.items() if gaz.actors[aid].kind in kinds]
    return [p[0] for p in pairs], [p[1] for p in pairs]


class DecisionsError(KGError):
    code = "E011"


@dataclass(frozen=True)
class Merge:
    """An analyst's decision that actor ``actor`` is ``into`` (labelled ``label``, of ``kind``)."""

    actor: str
    into: str
    label: str
    kind: str
    note: str = ""
    date: str = ""


@dataclass(frozen=True)
class Decisions:
    """Analyst decisions on actor identity (ontology/decisions.toml), applied on every ingest.

    ``merges`` map an actor id to the id it is the same as; ``distinct`` pairs must never be
    merged automatically (``kg split``). The file is plain TOML kept under version control.
    """

    merges: tuple[Merge, ...] = ()
    distinct: tuple[tuple[str, str], ...] = ()
    path: str = ""

    @classmethod
    def load(cls, path: Path | str | None = None) -> Decisions:
        target = Path(path or os.environ.get("KG_DECISIONS") or ontology_path("decisions.toml"))
        if not target.exists():
            return cls(path=str(target))
        try:
            data = tomllib.loads(target.read_text(encoding="utf-8"))
            merges = tuple(
                Merge(
                    m["actor"],
                    m["into"],
                    m["label"],
                    m["kind"],
                    m.get("note", ""),
                    m.get("date", ""),
                )
                for m in data.get("merge", [])
            )
            distinct = tuple(
                (str(d["actors"][0]), str(d["actors"][1])) for d in data.get("distinct", [])
            )
        except (tomllib.TOMLDecodeError, KeyError, IndexError, TypeError) as exc:
            raise DecisionsError(
                f"decisions file {target} is not valid: {exc}",
                hint="fix it by hand or restore it from version control",
            ) from None
        return cls(merges=merges, distinct=distinct, path=str(target))

    def target(self, actor_id: str) -> Merge | None:
        """The merge that applies to ``actor_id``, following chains (a -> b -> c gives c)."""
        by_actor = {m.actor: m for m in self.merges}
        found: Merge | None = None
        seen = {actor_id}
        while actor_id in by_actor:
            found = by_actor[actor_id]
            actor_id = found.into
            if actor_id in seen:
                break
            seen.add(actor_id)
        return found

    def kept_apart(self, a: str, b: str) -> bool:
        return (a, b) in self.distinct or (b, a) in self.distinct

    def to_toml(self) -> str:
        def q(s: str) -> str:
            return json.dumps(s, ensure_ascii=False)

        lines = [
            "# Analyst decisions on actor identity, written by `kg merge` and `kg split`.",
            "# Every ingest applies them; keep this file under version control.",
        ]
        for m in self.merges:
            lines += ["", "[[merge]]", f"actor = {q(m.actor)}", f"into = {q(m.into)}"]
            lines += [f"label = {q(m.label)}", f"kind = {q(m.kind)}"]
            lines += [f"note = {q(m.note)}", f"date = {q(m.date)}"]
        for a, b in self.distinct:
            lines += ["", "[[distinct]]", f"actors = [{q(a)}, {q(b)}]"]
        return "\n".join(lines) + "\n"
