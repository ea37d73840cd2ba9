"""Whose voice a text's own sentences are: the speaker of its author claims, by genre.

News: the reporter's narration is no claim, so no one. Opinion, editorial, analysis and
speeches: the author, else (unsigned) the outlet. Statements, press releases, fact sheets and
letters: the issuer, that is the author when one is named, else the outlet. An article whose
genre is unknown is read as opinion when it has a byline and rarely attributes (the author's own
argument), else as news. The genres are `kg.genres`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from kg import genres
from kg.model import Actor, Article, Mention
from kg.resolve.gazetteer import Gazetteer, discovered_actor

# words that make a name a body rather than a person ("Office of the Spokesperson")
_BODY = re.compile(
    r"\b(?:office|ministry|department|committee|subcommittee|commission|council|agency|bureau|"
    r"administration|government|house|senate|congress|parliament|embassy|cabinet|presidency|"
    r"secretariat|service|spokesperson's office|press office|white house|treasury|"
    r"directorate|authority|board)\b",
    re.IGNORECASE,
)
_GOVERNMENT = re.compile(
    r"\b(?:ministry|department|committee|subcommittee|commission|council|agency|bureau|"
    r"administration|government|house|senate|congress|parliament|embassy|cabinet|presidency|"
    r"white house|treasury|office of|state council|directorate|authority|"
    r"representative|trade representative)\b",
    re.IGNORECASE,
)
# "(press release)", "(fact sheet)" after an outlet's name: how it published, not who it is
_HOW = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True)
class Voice:
    """Who speaks the text's own sentences, and where their name stands in it (if it does)."""

    actor: Actor
    mention: Mention | None
    genre: str | None  # the genre as `kg.genres` reads it (None: unknown, judged from the text)
    #: the voice is a person the issuer reports ('McCaul Releases Review ...' on a committee's
    #: page): its sentences are that person's reported claims, not the text's author's
    reported: bool = False


def text_voice(
    article: Article,
    doc: Doc,
    reported: int,
    gazetteer: Gazetteer,
    known: Sequence[Actor] = (),
    doc_key: str = "",
) -> tuple[Voice | None, str | None]:
    """The voice of ``article`` (None for news) and a warning when an opinion or analysis
    piece names no author and no outlet to speak for it. ``reported``: how many attributions
    the text holds (an unknown genre is judged by it); ``known``: the actors the text names, by
    how often (an issuer named in its own text is that actor)."""
    genre = genres.normalize(article.genre)
    voiced = genres.voiced(article.genre)
    if voiced is None:
        # no genre known: a bylined piece that rarely attributes is the author's own argument
        sentences = sum(1 for _ in doc.sents)
        voiced = article.author is not None and sentences > 0 and reported / sentences < 0.25
    if not voiced:
        return None, None
    if article.author:
        actor = author_person(article.author, gazetteer)
        mention = None
        if article.byline:
            mention = Mention(
                actor.id, article.byline.start, article.byline.end, article.byline.text
            )
        return Voice(actor, mention, genre), None
    if genre == genres.STATEMENT:
        headline = headline_person(article.title or "", known)
        if headline is not None:
            return Voice(headline, None, genre, reported=True), None
    outlet = _HOW.sub("", article.outlet or "").strip()
    if outlet:
        return Voice(issuer_actor(outlet, gazetteer, known, doc_key), None, genre), None
    what = genre or "opinion"
    return None, (
        f"a {what} text with no author and no outlet: nobody speaks its own assertions, so "
        "none is stored; give its author or outlet (front matter author: or outlet:)"
    )


# ranks and offices that may stand before the name a headline opens with
_RANK = re.compile(
    r"^(?:(?:chair(?:man|woman)?|ranking member|senator|sen\.|rep\.|representative|"
    r"congress(?:man|woman)|secretary|minister|president|vice president|governor|leader|"
    r"ambassador|commissioner|director|under secretary|u\.s\.)\s+)+",
    re.IGNORECASE,
)


def headline_person(title: str, known: Sequence[Actor]) -> Actor | None:
    """The person a press release is about and speaks for: its headline opens with their name
    and goes on with what they did ('McCaul Releases Review of ...', 'Chairman Roe Delivers
    Remarks ...'); a person the text names (``known``). None when the headline opens with no
    name, or with several people ('Roe and Doe Urge ...': a joint voice is not one actor)."""
    rest = _RANK.sub("", title.strip())
    for actor in known:
        if actor.kind != "person":
            continue
        words = actor.name.split()
        for name in (actor.name, words[-1]) if len(words) > 1 else (actor.name,):
            if not rest.startswith(name + " "):
                continue
            after = rest[len(name) + 1 :].split()
            # the next word is the verb of the headline, not 'and' a second name
            if after and after[0][:1].isupper() and after[0].lower() not in _JOINERS:
                return actor
    return None


_JOINERS = frozenset(["and", "&", "with", "of", "to", "on", "in", "at", "for"])


def author_person(name: str, gazetteer: Gazetteer) -> Actor:
    """The byline author: a person, unless the name is a body's ('Office of the Spokesperson')."""
    if _BODY.search(name):
        return issuer_actor(name, gazetteer)
    found = gazetteer.lookup(name)
    if found is not None and found.kind == "person":
        return found
    return discovered_actor(name, "person")


def issuer_actor(
    name: str, gazetteer: Gazetteer, known: Sequence[Actor] = (), doc_key: str = ""
) -> Actor:
    """The body a statement or an unsigned piece is issued by ('U.S. Department of Commerce,
    Bureau of Industry and Security'): the gazetteer's actor of that name; else the actor of
    the text (``known``, most mentioned first) that one of its comma-separated parts names,
    word for word in any order ('House Committee on Foreign Affairs' is the text's 'House
    Foreign Affairs Committee'); else the gazetteer's actor of a part; else one found here
    (a government body when the name says so)."""
    found = gazetteer.lookup(name)
    if found is not None:
        return found
    parts = [name] + [p.strip() for p in name.split(",") if len(_words(p)) >= 1]
    for actor in known:
        if actor.kind in _BODIES and any(_words(actor.name) == _words(p) for p in parts):
            return actor
    for part in parts[1:]:
        # 'U.S. House, offices of Reps. A and B': the people whose office issues it
        office = _OFFICE.sub("", part)
        if office != part and (holders := _office_holders(office, known, doc_key)):
            return holders
    for part in parts[1:]:
        found = gazetteer.lookup(part)
        if found is not None and found.kind in _BODIES:
            return found
    return discovered_actor(name, "government_body" if _GOVERNMENT.search(name) else "organization")


_OFFICE = re.compile(r"^(?:the\s+)?offices?\s+of\s+", re.IGNORECASE)
_RANKS = re.compile(
    r"\b(?:reps?|representatives?|senators?|sens?|congress(?:wo)?m[ae]n|members?)\b\.?",
    re.IGNORECASE,
)


def _office_holders(office: str, known: Sequence[Actor], doc_key: str) -> Actor | None:
    """Who holds the office a release is issued from ('Reps. A and B'): the person (or the
    text's group) of that name, or the people it names together as one group."""
    bare = _RANKS.sub("", office)
    for actor in known:
        if actor.kind in ("person", "group") and _words(actor.name) == _words(bare):
            return actor
    people = [p for p in re.split(r",|\band\b|&", bare) if _words(p)]
    members = []
    for part in people:
        match = next(
            (a for a in known if a.kind == "person" and _words(a.name) == _words(part)), None
        )
        if match is None:
            return None
        members.append(match)
    if len(members) < 2:
        return None
    names = [a.name for a in members]
    label = ", ".join(names[:-1]) + " and " + names[-1]
    base = discovered_actor(label, "group")
    return Actor(id=f"group/{doc_key}/{base.id.split('/', 1)[1]}", name=label, kind="group")


_BODIES = ("government_body", "organization", "company", "international_body", "state")
_FILLER = frozenset(["of", "the", "on", "for", "and", "in", "u", "s", "us"])


def _words(name: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _FILLER)
