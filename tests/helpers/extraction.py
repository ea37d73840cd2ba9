"""Running the extractor on a short text, and picking claims out of the result.

kg.extract (and so spaCy) is imported when a function runs, not when a test module imports
this one: collecting the tests must not import spaCy (tests/conftest.py).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from kg.ingest.text import parse_text
from kg.model import Article, Claim, Extraction

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.resolve.decisions import Decisions
    from kg.resolve.gazetteer import Gazetteer


def run(nlp: Language, text: str, **meta: str) -> Extraction:
    """Extract from ``text`` (with ``meta`` as front matter) as `kg extract` would."""
    from kg.extract import build_extraction

    front = ""
    if meta:
        front = "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n"
    article = parse_text(front + text, key="test", source="test", sha256="0" * 64)
    return build_extraction(article, nlp(article.body), nlp)


def extract(
    article: Article,
    nlp: Language,
    gazetteer: Gazetteer | None = None,
    decisions: Decisions | None = None,
) -> Extraction:
    """`kg.extract.extract`, imported when called."""
    from kg.extract import extract as extract_article

    return extract_article(article, nlp, gazetteer, decisions)


def claim_with(x: Extraction, fragment: str) -> Claim:
    hits = [c for c in x.claims if fragment in c.span.text]
    assert hits, [(c.pattern, c.span.text) for c in x.claims]
    return hits[0]


def article(text: str, genre: str = "opinion", author: str | None = "Mara Quill") -> Article:
    """``text`` as an article of ``genre`` by ``author`` (opinion by a byline author: the
    author's own assertions are claims, its clauses argument units)."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Article(
        key=f"test:{sha[:8]}", text=text, sha256=sha, source="t", author=author, genre=genre
    )


def attitude_with(x: Extraction, fragment: str) -> Claim:
    """The attitude ('X wants to ...', 'X criticised the decision') whose text holds ``fragment``;
    it is not among the claims."""
    assert not any(fragment in c.span.text for c in x.claims), [c.span.text for c in x.claims]
    hits = [c for c in x.attitudes if fragment in c.span.text]
    assert hits, [(c.pattern, c.span.text) for c in x.attitudes]
    assert hits[0].attribution == "attitude"
    return hits[0]
