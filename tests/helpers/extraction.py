"""Running the extractor on a short text, and picking claims out of the result."""

from __future__ import annotations

from kg.extract import build_extraction
from kg.ingest.text import parse_text
from kg.model import Claim, Extraction


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


def attitude_with(x: Extraction, fragment: str) -> Claim:
    """The attitude ('X wants to ...', 'X criticised the decision') whose text holds ``fragment``;
    it is not among the claims."""
    assert not any(fragment in c.span.text for c in x.claims), [c.span.text for c in x.claims]
    hits = [c for c in x.attitudes if fragment in c.span.text]
    assert hits, [(c.pattern, c.span.text) for c in x.attitudes]
    assert hits[0].attribution == "attitude"
    return hits[0]
