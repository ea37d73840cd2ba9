"""Names outside the gazetteer: titles, acronyms the text defines, near-spellings of gazetteer names."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kg.model import Actor
from kg.resolve.gazetteer import Gazetteer, normalize_name

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
        "senators",
        "sen",
        "sens",
        "rep",
        "reps",
        "representative",
        "representatives",
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

    The acronym's letters must be the initials of the capitalised words of the long form,
    or of all its words but "the" and "and" ('Department of Commerce (DOC)'), leading words
    dropped until they fit, so 'Nvidia's chips (H20)' defines nothing.
    """
    found: dict[str, str] = {}
    for m in _ACRONYM.finditer(text):
        acronym = m.group(2)
        letters = acronym.replace(".", "").replace("&", "")
        words = m.group(1).split()
        while words:
            caps = [w for w in words if w[:1].isupper()]
            every = "".join(w[0] for w in words if w.lower() not in ("the", "and", "&"))
            if letters.upper() in (_initials(caps).upper(), every.upper()):
                long_form = " ".join(words).strip()
                found.setdefault(acronym, re.sub(r"^[Tt]he\s+", "", long_form))
                break
            words.pop(0)  # the long form may start later: 'On Monday the Bureau of ...'
    return found


def lowercase_long_form(acronym: str, text: str) -> str | None:
    """The words in lower case the text defines ``acronym`` for, one word per letter:
    'pressure gain combustion (PGC)' -> 'pressure gain combustion'; None when it defines none."""
    if not (2 <= len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()):
        return None
    if f"({acronym})" not in text:
        return None  # the text defines nothing for it (and the scan below is not run)
    word = r"([a-z][a-z-]*)"
    pattern = r"\b" + r"\s+".join([word] * len(acronym)) + r"\s+\(" + re.escape(acronym) + r"\)"
    for m in re.finditer(pattern, text):
        if "".join(w[0] for w in m.groups()).upper() == acronym:
            return " ".join(m.groups())
    return None


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
    gaz = Gazetteer.load(Path(path))
    pairs = [(norm, aid) for norm, aid in gaz.normalized.items() if gaz.actors[aid].kind in kinds]
    return [p[0] for p in pairs], [p[1] for p in pairs]


#: the kind of actor an unresolved pronoun claimer stands for
PRONOUN_KINDS = {
    "he": "person",
    "she": "person",
    "his": "person",
    "her": "person",
    "its": "organization",
    "their": "group",
    "my": "person",
    "our": "group",
    "i": "person",
    "we": "group",
    "they": "group",
    "it": "organization",
    "you": "person",
    "one": "person",
    "everyone": "group",
    "everybody": "group",
    "all": "group",
    "both": "group",
    "each": "person",
    "many": "group",
    "some": "group",
    "others": "group",
    "those": "group",
    "most": "group",
    "several": "group",
    "someone": "person",
    "somebody": "person",
}
