"""Canonical actors: the gazetteer, alias lookup and names found outside it.

The gazetteer (ontology/gazetteer.toml) lists actors and artifacts with a kind,
a preferred label, aliases (metonyms such as "Beijing" included) and a verified
Wikidata id where known. Names outside it get a deterministic id from their
normalised form, so the same name in two articles is one node.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import GazetteerError
from kg.model import ACTOR_KINDS, Actor
from kg.rdf.ontology import ontology_path, slugify

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


#: the gazetteer shipped with kg
DEFAULT_GAZETTEER = ontology_path("gazetteer.toml")


@dataclass(frozen=True)
class Gazetteer:
    actors: dict[str, Actor]
    exact: dict[str, str]  # alias or label, as written -> actor id
    normalized: dict[str, str]  # normalize_name(alias) -> actor id
    path: str
    #: ids of news organisations (``news = true``): agencies, papers and broadcasters
    news: frozenset[str] = frozenset()
    #: forms that name a place when the text only locates something there (``places = [...]``:
    #: "a conference in Beijing", "at the White House"), as written -> actor id
    places: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | str) -> Gazetteer:
        """The gazetteer in a TOML file (loaded once per path in a process)."""
        return _load(str(path))

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer shipped with kg (ontology/gazetteer.toml)."""
        return _load(str(DEFAULT_GAZETTEER))

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def place_named(self, surface: str, actor_id: str) -> Actor | None:
        """The place ``surface`` names where the text only locates something there, when the
        gazetteer marks that form of ``actor_id`` as a place ("Beijing" of China)."""
        form = surface.strip()
        if self.places.get(form) == actor_id:
            return discovered_actor(form, "place")
        if self.places.get(f"the {form}") == actor_id:
            return discovered_actor(f"the {form}", "place")
        return None

    def is_news(self, actor_id: str) -> bool:
        """Whether the actor is a news organisation (a channel of claims more than a claimer)."""
        return actor_id in self.news

    def discovered(self, name: str, kind: str) -> Actor:
        """An actor for a name found in text: a group phrase or unnamed source is first looked
        up case-insensitively among the gazetteer's groups and unnamed sources ("Analysts" at
        the start of a sentence is the gazetteer's "analysts"); anything else is a
        `discovered_actor`."""
        if kind in ("group", "anonymous"):
            known = self.get(self.normalized.get(normalize_name(name) or name, ""))
            if known is not None and known.kind in ("group", "anonymous"):
                return known
        return discovered_actor(name, kind)

    def lookup(self, surface: str) -> Actor | None:
        """The actor a surface form names, exactly or after normalisation."""
        actor_id = self.exact.get(surface.strip())
        if actor_id is None:
            norm = normalize_name(surface)
            actor_id = self.normalized.get(norm) if norm else None
        return self.actors.get(actor_id) if actor_id else None


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
    news: set[str] = set()
    places: dict[str, str] = {}
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
        if entry.get("news") is True:
            news.add(actor_id)
        for form in entry.get("places", []):
            if form not in (label, *aliases):
                raise GazetteerError(
                    f"gazetteer entry {actor_id!r}: place form {form!r} is not its label or alias"
                )
            places[form] = actor_id
        for form in (label, *aliases):
            exact.setdefault(form, actor_id)
            norm = normalize_name(form)
            if norm:
                normalized.setdefault(norm, actor_id)
    return Gazetteer(
        actors=actors,
        exact=exact,
        normalized=normalized,
        path=path,
        news=frozenset(news),
        places=places,
    )


def discovered_actor(name: str, kind: str) -> Actor:
    """An actor found in text but not in the gazetteer: id from its normalised name, so the
    same name in two articles is one node (see `Gazetteer.discovered` for group phrases)."""
    norm = normalize_name(name) or name
    return Actor(id=f"{kind}/{slugify(norm)}", name=name.strip(), kind=kind)
