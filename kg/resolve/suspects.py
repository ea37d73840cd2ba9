"""Likely splits for the review loop (`kg actors --suspect`): pairs of actors that may be one
real entity, ranked, each with the evidence for it, so that an analyst can `kg merge` them in
minutes (issue 18).

Pairs come from two places, never from all pairs of actors:

- their names, blocked by shared words and by initials: a person's surname and the full name
  (first names compatible), an acronym and its expansion, one actor's name that is another's
  alias ("Beijing" the place and China), a short form with the same head as a longer name,
  a near-spelling within one kind;
- the articles they share: an unnamed role-holder and the body most mentioned beside it
  ("officials" and the European AI Office), an unnamed description and the person most
  mentioned beside it ("The official in charge of American export controls"), an unnamed
  document and the organisation beside it, two groups in one article.

Unnamed sources of two articles are never proposed as one ("officials familiar with the
matter" are other people in another article), nor are pronouns (no actor is named by one).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.resolve.gazetteer import normalize_name
from kg.resolve.kinds import COMPANY_HEADS, ORG_HEADS, name_head
from kg.resolve.lexicon import words
from kg.resolve.names import strip_title

#: how sure each reason is, before adjustments (0-100, best first)
SCORES = {
    "same name": 100.0,
    "name is an alias of the other": 92.0,
    "surname of a full name": 90.0,
    "acronym of the other": 88.0,
    "short form of a longer name": 80.0,
    "unnamed role-holder beside a body": 74.0,
    "unnamed description beside a person": 72.0,
    "unnamed document beside an organisation": 66.0,
    "two groups in one article": 68.0,
}
FUZZY_THRESHOLD = 85.0  # rapidfuzz token_sort_ratio between two actors' names
ROLE_HOLDERS = words("ROLE_HOLDERS")
DOCUMENT_WORDS = words("DOCUMENT_WORDS")
_HEADS = ORG_HEADS | COMPANY_HEADS
_LEADING = frozenset(["the", "a", "an", "some", "other", "many", "several", "most", "few"])
_BODIES = ("government_body", "company", "international_body", "organization")
_PUBLIC_BODIES = ("government_body", "international_body", "organization")
#: the bodies a role-holder works for: officials for public bodies, executives for companies
_ROLE_BODIES = {
    "official": _PUBLIC_BODIES,
    "diplomat": _PUBLIC_BODIES,
    "negotiator": _PUBLIC_BODIES,
    "executive": ("company", "organization"),
    "employee": ("company", "organization"),
}
#: the bodies whose documents they are: commentaries and papers come from media, think tanks
#: and public bodies, not from the companies they discuss
_WRITERS = ("organization", "government_body", "international_body")
_DOCUMENT_BODIES = {"commentary": _WRITERS, "editorial": _WRITERS, "paper": _WRITERS}
#: an unnamed source described by what they know is nobody's role-holder ("officials familiar
#: with the matter" are not the company the article is about)
_SOURCE_WORDS = re.compile(
    r"\b(familiar|briefed|knowledge|close to|condition|declined|authori[sz]ed|who asked)\b", re.I
)
_UNNAMED = ("anonymous", "group")
#: kinds never proposed from their names alone (artefacts share words without being one)
_NO_NAME_PAIRS = frozenset(["anonymous", "model", "chip", "rule", "place"])


@dataclass(frozen=True)
class Candidate:
    """What `rank` needs of an actor: its id, label, kind, names, and where it is mentioned
    (article -> mentions there)."""

    id: str
    label: str
    kind: str
    forms: tuple[str, ...]
    articles: dict[str, int]
    in_gazetteer: bool = False


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    reason: str
    score: float
    evidence: str


def _first_word(label: str) -> str:
    ws = [w for w in re.findall(r"[\w’'-]+", label.lower()) if w not in _LEADING]
    return ws[0] if ws else ""


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _initials(label: str) -> set[str]:
    ws = label.replace("’", "'").split()
    caps = "".join(w[0] for w in ws if w[:1].isupper())
    every = "".join(w[0] for w in ws if w.lower() not in ("the", "and", "&"))
    return {caps.upper(), every.upper()} - {""}


def _unnamed(c: Candidate) -> bool:
    """An actor named only by a description in one article (not the gazetteer's collectives)."""
    return c.kind in _UNNAMED and not c.in_gazetteer


def _by_names(cands: list[Candidate]) -> Iterable[Pair]:
    from rapidfuzz import fuzz

    named = [c for c in cands if c.kind not in _NO_NAME_PAIRS or c.kind == "place"]
    norm = {c.id: normalize_name(strip_title(c.label)) for c in named}
    # one actor's label is another's alias ("Beijing" the place, an alias of China)
    by_form: dict[str, list[Candidate]] = defaultdict(list)
    for c in named:
        for f in {normalize_name(f) for f in c.forms if f}:
            by_form[f].append(c)
    for c in named:
        for other in by_form.get(norm[c.id], []):
            if other.id != c.id and c.label != other.label and not (_unnamed(c) or _unnamed(other)):
                yield Pair(
                    c.id,
                    other.id,
                    "name is an alias of the other",
                    SCORES["name is an alias of the other"],
                    f"{c.label!r} is a name of {other.label!r}",
                )
    # acronyms: an all-capital label and the initials of a longer one
    by_initials: dict[str, list[Candidate]] = defaultdict(list)
    for c in named:
        if len(c.label.split()) >= 2:
            for i in _initials(c.label):
                by_initials[i].append(c)
    for c in named:
        if c.label.isupper() and 2 <= len(c.label) <= 8 and " " not in c.label:
            for other in by_initials.get(c.label.replace(".", ""), []):
                if other.kind == c.kind or "organization" in (c.kind, other.kind):
                    yield Pair(
                        c.id,
                        other.id,
                        "acronym of the other",
                        SCORES["acronym of the other"],
                        f"{c.label} = initials of {other.label!r}",
                    )
    # shared words: surnames, short forms, near-spellings
    blocks: dict[str, list[Candidate]] = defaultdict(list)
    for c in named:
        if c.kind in _NO_NAME_PAIRS or _unnamed(c):
            continue
        for w in set(norm[c.id].split()):
            if len(w) >= 3:
                blocks[w].append(c)
    seen: set[tuple[str, str]] = set()
    for members in blocks.values():
        if len(members) > 200:  # a very common word ("ministry") blocks nothing useful
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                key = (min(a.id, b.id), max(a.id, b.id))
                if key in seen:
                    continue
                seen.add(key)
                hit = _name_reason(a, b, norm[a.id], norm[b.id], fuzz.token_sort_ratio)
                if hit:
                    yield Pair(a.id, b.id, hit[0], hit[1], hit[2])


def _name_reason(
    a: Candidate, b: Candidate, na: str, nb: str, ratio: object
) -> tuple[str, float, str] | None:
    if not na or not nb:
        return None
    if na == nb:
        reason = "same name" if a.kind == b.kind else "same name, different kind"
        return reason, SCORES["same name"] - (0 if a.kind == b.kind else 10), f"both {a.label!r}"
    wa, wb = na.split(), nb.split()
    if a.kind == b.kind == "person":
        short, full = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
        if short[-1] == full[-1] or (len(short) == 1 and short[0] == full[0]):
            first_ok = len(short) == 1 or short[0][:1] == full[0][:1]
            if first_ok:
                return (
                    "surname of a full name",
                    SCORES["surname of a full name"],
                    f"{a.label!r} and {b.label!r} share the surname {short[-1]!r}",
                )
        return None
    if a.kind == b.kind or "organization" in (a.kind, b.kind):
        brief, longer = (na, nb) if len(na) < len(nb) else (nb, na)
        if longer.endswith(" " + brief) and name_head(brief) == name_head(longer):
            same_articles = set(a.articles) & set(b.articles)
            score = SCORES["short form of a longer name"] - (0 if same_articles else 10)
            if " " not in brief and brief in _HEADS:
                score -= 25  # "Council", "House": a head word alone names no one body
            return "short form of a longer name", score, f"{brief!r} ends {longer!r}"
        score = float(ratio(na, nb))  # type: ignore[operator]
        if score >= FUZZY_THRESHOLD:
            return "similar spelling", score - 10, f"{a.label!r} ~ {b.label!r} ({score:.0f})"
    return None


def _by_articles(cands: list[Candidate]) -> Iterable[Pair]:
    by_article: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        for art in c.articles:
            by_article[art].append(c)
    for art, here in by_article.items():
        for c in here:
            if not _unnamed(c) and not (c.kind == "anonymous" and not c.in_gazetteer):
                continue
            word = _first_word(c.label)
            singular = _singular(word)
            if _SOURCE_WORDS.search(c.label):
                continue
            if singular in ROLE_HOLDERS:
                kinds: tuple[str, ...] = (
                    ("person",) if word == singular else _ROLE_BODIES.get(singular, _BODIES)
                )
                reason = (
                    "unnamed description beside a person"
                    if kinds == ("person",)
                    else "unnamed role-holder beside a body"
                )
            elif singular in DOCUMENT_WORDS:
                kinds = _DOCUMENT_BODIES.get(singular, _BODIES)
                reason = "unnamed document beside an organisation"
            elif c.kind == "group":
                kinds, reason = ("group",), "two groups in one article"
            else:
                continue
            beside = sorted(
                (o for o in here if o.id != c.id and o.kind in kinds),
                # ties: a body the gazetteer knows (one that recurs across sources) first
                key=lambda o: (-o.articles.get(art, 0), not o.in_gazetteer, o.label),
            )
            # the two most mentioned there: the second a little lower ("officials" near the
            # AI Office in an article that names the Commission more often)
            for rank, o in enumerate(beside[:2]):
                yield Pair(
                    c.id,
                    o.id,
                    reason,
                    SCORES[reason] - 8 * rank,
                    f"{c.label!r} and {o.label!r} ({o.articles.get(art, 0)} mentions) "
                    f"in one article",
                )


def rank(cands: list[Candidate], kept_apart: object = None) -> list[Pair]:
    """Every likely pair, best first, each once (its best reason)."""
    best: dict[frozenset[str], Pair] = {}
    for pair in (*_by_names(cands), *_by_articles(cands)):
        key = frozenset((pair.a, pair.b))
        if len(key) < 2:
            continue
        if callable(kept_apart) and kept_apart(pair.a, pair.b):
            continue
        if key not in best or pair.score > best[key].score:
            best[key] = pair
    return sorted(best.values(), key=lambda p: (-p.score, p.a, p.b))
