"""Inferring an article's genre (and a speech's or statement's speaker) when its source does
not say: a plain function of the Article's metadata and first lines.

What counts, strongest first:

1. HTML metadata, read by `kg.ingest.html`: JSON-LD ``@type`` (``OpinionNewsArticle``,
   ``AnalysisNewsArticle``, ``Report``, ``NewsArticle``...), ``article:section`` ("Opinion",
   "Editorials", "Press Releases"), ``og:type`` when it names more than "article"
   (`from_metadata`).
2. Conventions of the text's first lines and title (`from_text`): a "FACT SHEET:" or
   "Opinion |" label, "Statement by ...", "Opening statement of ...", "Remarks by ...",
   "Testimony of ...", "FOR IMMEDIATE RELEASE", "By the Editorial Board", a news dateline
   ("WASHINGTON (Reuters) -").

`infer` fills ``genre`` (and, for a statement or speech that names its speaker in its title
or first line, ``author``) of an Article that lacks them; what the source gave is kept.
The genres themselves are in `kg.genres`.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Iterator

from kg import genres
from kg.model import Article

#: how many characters of the body the text conventions are looked for in
HEAD = 600

# "FACT SHEET: ...", "Opinion | ...", "OPINION: ...", "Analysis — ..." heading a title or body
_LABEL = re.compile(
    r"^\s*#*\s*(fact ?sheet|opinion|op-?ed|commentary|editorial|analysis|news analysis|"
    r"press release|news release|joint statement|statement|readout|remarks|transcript|"
    r"testimony|perspective|column|explainer)\s*(?:[:|—–]|-\s)",
    re.IGNORECASE,
)
# "Statement by President von der Leyen on ...", "Remarks by the Vice President at ...",
# "Opening statement of Chairman Jay Obernolte, hearing ...", "Testimony of Jo Park before ..."
_SPOKEN_BY = re.compile(
    r"^\s*#*\s*(?:the\s+)?(?P<what>(?:joint\s+|opening\s+|closing\s+|prepared\s+|written\s+)?"
    r"(?:statement|remarks|testimony|address|speech|keynote)(?:\s+as\s+prepared(?:\s+for\s+delivery)?)?)"
    r"\s+(?:by|of|from)\s+(?P<who>[^\n]{3,120}?)"
    r"(?=\s+(?:on|at|to|before|regarding|about|for|in)\s|\s*[,:;|(\n—–]|\s+-\s|\s*$)",
    re.IGNORECASE,
)
_RELEASE = re.compile(r"^\s*(?:for immediate release|press release|media release)\b", re.I | re.M)
_EDITORIAL_BYLINE = re.compile(
    r"^\s*by\s+(?:the\s+)?[\w .'’&-]{0,60}editorial board\b", re.I | re.M
)
# "WASHINGTON (Reuters) -", "BEIJING, March 3 (AP) —": a wire dateline opens news
_WIRE_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'-]{2,40}(?:,[^\n()]{1,40})?\s*\((?:Reuters|AP|AFP|Bloomberg|Xinhua|"
    r"Associated Press|dpa|Kyodo|Yonhap|UPI)\)\s*(?:[-—–]|--)"
)
# titles a speaker is named after ("President", "Chairman", "Rep."): the name follows the last
_TITLE = re.compile(
    r"\b(?:President|Prime Minister|Secretary|Chairman|Chairwoman|Chair|Member|Senator|Sen\.|"
    r"Representative|Rep\.|Minister|Commissioner|Ambassador|Governor|Gov\.|Mayor|Dr\.|"
    r"Director|Administrator|Leader|Speaker|Mr\.|Ms\.|Mrs\.)\s+"
)
# what a title's speaker phrase may not be ("the Committee", "Congress")
_NOT_A_PERSON = re.compile(
    r"\b(?:committee|department|ministry|office|house|senate|commission|council|agency|bureau|"
    r"government|administration|white house|parliament|congress|united states|delegation)\b",
    re.IGNORECASE,
)


def from_metadata(values: Iterable[str | None]) -> str | None:
    """The genre named by a page's metadata values (JSON-LD types first, then sections, then
    og:type), or None. A plain "article", "website" or a topical section names none."""
    for value in values:
        found = genres.normalize(value)
        if found is not None:
            return found
    return None


def jsonld_types(html: str) -> list[str]:
    """The ``@type`` values of the JSON-LD blocks of an HTML page, outermost first (an
    ``@graph`` is walked); a block that is not valid JSON is skipped."""
    out: list[str] = []
    for m in re.finditer(
        r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", html, re.IGNORECASE | re.DOTALL
    ):
        try:
            data = json.loads(m.group(1).strip())
        except ValueError:
            continue
        out.extend(_types(data))
    return out


def _types(data: object, depth: int = 0) -> Iterator[str]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _types(item, depth + 1)
    elif isinstance(data, dict):
        kind = data.get("@type")
        if isinstance(kind, str):
            yield kind
        elif isinstance(kind, list):
            yield from (k for k in kind if isinstance(k, str))
        if "@graph" in data:
            yield from _types(data["@graph"], depth + 1)


def from_text(title: str | None, head: str) -> tuple[str | None, str | None]:
    """(genre, speaker) from a title and the first characters of a body: the conventions in
    the module docstring. Either may be None."""
    for line in [title or "", *_first_lines(head)]:
        spoken = _SPOKEN_BY.match(line)
        if spoken:
            what = spoken.group("what").lower()
            genre = genres.STATEMENT if "statement" in what and "opening" not in what else None
            genre = genre or genres.SPEECH
            return genre, _speaker(spoken.group("who"))
        label = _LABEL.match(line)
        if label:
            return genres.normalize(label.group(1)), None
    if _EDITORIAL_BYLINE.search(head):
        return genres.EDITORIAL, None
    if _RELEASE.search(head):
        return genres.STATEMENT, None
    if _WIRE_DATELINE.match(head):
        return genres.NEWS, None
    return None, None


def _first_lines(head: str) -> list[str]:
    return [line for line in head.splitlines() if line.strip()][:2]


def _speaker(phrase: str) -> str | None:
    """'President von der Leyen' -> 'von der Leyen'; a body ('the Committee') is no person."""
    phrase = phrase.strip(" .,'\"“”")
    titles = list(_TITLE.finditer(phrase))
    name = phrase[titles[-1].end() :].strip() if titles else phrase
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    if not name or _NOT_A_PERSON.search(name) or not re.search(r"[A-Z]", name):
        return None
    if _TITLE.fullmatch(name + " ") or _TITLE.fullmatch(name.split()[-1] + " "):
        return None  # 'the Vice President': a title, not a name
    if len(name.split()) > 6:
        return None
    return name


def infer(article: Article) -> Article:
    """``article`` with ``genre`` (and a speech's or statement's ``author``) inferred from its
    title and first lines when the source gave none; otherwise unchanged."""
    if article.genre and article.author:
        return article
    genre, speaker = from_text(article.title, article.body[:HEAD])
    new_genre = article.genre or genre
    author = article.author
    if not author and speaker and genres.normalize(new_genre) in (genres.STATEMENT, genres.SPEECH):
        author = speaker
    if (new_genre, author) == (article.genre, article.author):
        return article
    return dataclasses.replace(article, genre=new_genre, author=author)
