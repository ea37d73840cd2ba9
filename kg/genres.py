"""What kind of text an article is, and whose voice its own sentences are.

The genre decides who speaks the sentences that attribute nothing to anyone:

- ``news``: the reporter's narration is the article's account of events, no one's claim;
- ``opinion``, ``editorial``, ``analysis``, ``speech``: the author's own assertions are claims
  (an unsigned editorial or analysis speaks for its outlet; a speech or hearing statement for
  its speaker, who is the author);
- ``statement`` (press releases, fact sheets, letters): the issuer (the author, else the
  outlet) speaks its assertions about the world, while its announcements of its own actions
  are events.

Front matter, HTML metadata and the first lines of a text name genres in many ways ("Op-Ed",
"OpinionNewsArticle", "FACT SHEET", "Press Release"); `normalize` reads them as one of
`GENRES`. Used by kg.ingest (inferring a genre the source does not give) and kg.extract.
"""

from __future__ import annotations

import re

NEWS = "news"
OPINION = "opinion"
EDITORIAL = "editorial"
ANALYSIS = "analysis"
SPEECH = "speech"
STATEMENT = "statement"

#: the genres kg reads, in the order `normalize` documents them
GENRES = (NEWS, OPINION, EDITORIAL, ANALYSIS, SPEECH, STATEMENT)

#: genres whose own sentences are claims of the author (or of the outlet, when unsigned)
VOICED = frozenset([OPINION, EDITORIAL, ANALYSIS, SPEECH, STATEMENT])

#: names of genres as sources spell them (lowercase, words separated by one space), by genre
_NAMES: dict[str, tuple[str, ...]] = {
    NEWS: (
        "news",
        "news article",
        "newsarticle",
        "reportage",
        "reportagenewsarticle",
        "report news",
        "backgroundnewsarticle",
        "wire",
        "breaking news",
    ),
    OPINION: (
        "opinion",
        "opinions",
        "op ed",
        "op-ed",
        "oped",
        "column",
        "columns",
        "commentary",
        "comment",
        "perspective",
        "viewpoint",
        "essay",
        "blog",
        "blog post",
        "blogposting",
        "opinionnewsarticle",
        "review",
        "reviewnewsarticle",
        "letter to the editor",
        "letters to the editor",
    ),
    EDITORIAL: ("editorial", "editorials", "leader", "leaders", "our view", "editorial board"),
    ANALYSIS: (
        "analysis",
        "news analysis",
        "analysisnewsarticle",
        "report",
        "brief",
        "policy brief",
        "issue brief",
        "research",
        "scholarlyarticle",
        "white paper",
        "explainer",
    ),
    SPEECH: (
        "speech",
        "speeches",
        "remarks",
        "transcript",
        "address",
        "testimony",
        "opening statement",
        "hearing statement",
        "floor statement",
    ),
    STATEMENT: (
        "statement",
        "statements",
        "press release",
        "press releases",
        "pressrelease",
        "news release",
        "release",
        "fact sheet",
        "factsheet",
        "joint statement",
        "readout",
        "letter",
        "communique",
        "announcement",
        "media release",
    ),
}
_BY_NAME = {name: genre for genre, names in _NAMES.items() for name in names}


def _key(value: str) -> str:
    return re.sub(r"[\s_]+", " ", value.strip().lower().replace("-", " ").replace("–", " "))


def normalize(value: str | None) -> str | None:
    """The genre a free-text name stands for ('Op-Ed' -> opinion, 'Press Release' ->
    statement, 'OpinionNewsArticle' -> opinion), or None when kg does not know it."""
    if not value:
        return None
    key = _key(value)
    if key in _BY_NAME:
        return _BY_NAME[key]
    spaced = _key(value.replace("-", ""))
    return _BY_NAME.get(spaced)


def voiced(genre: str | None) -> bool | None:
    """Whether the text's own sentences are claims of its author (or issuer, or outlet): True
    for opinion, editorial, analysis, speech and statement, False for news, None when the
    genre is unknown (the extractor then judges from the text)."""
    kind = normalize(genre)
    if kind is None:
        return None
    return kind in VOICED
