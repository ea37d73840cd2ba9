"""Running the extractor on a short text, and picking claims out of the result."""

from __future__ import annotations

import hashlib

from kg.extract import build_extraction
from kg.ingest.text import parse_text
from kg.model import Article, Claim, Extraction


def run(nlp, text: str, **meta: str) -> Extraction:  # type: ignore[no-untyped-def]
    front = ""
    if meta:
        front = "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n"
    article = parse_text(front + text, key="test", source="test", sha256="0" * 64)
    return build_extraction(article, nlp(article.body), nlp)


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
