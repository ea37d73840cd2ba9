"""The seed article (../shared/data/seed): the first real article every build must handle."""

from __future__ import annotations

from kg.model import Extraction


def _kind(x: Extraction, name: str) -> str:
    return next(a.kind for a in x.actors if a.name == name)


def test_author_is_daniel_reed(seed_extraction: Extraction) -> None:
    assert seed_extraction.article.author == "Daniel Reed"


def test_labs_are_organisations_not_places(seed_extraction: Extraction) -> None:
    for name in ("OpenAI", "Anthropic", "Nvidia"):
        assert _kind(seed_extraction, name) == "company", name


def test_china_and_beijing_are_one_actor(seed_extraction: Extraction) -> None:
    x = seed_extraction
    china_ids = {m.actor_id for m in x.mentions if m.text in ("China", "Beijing")}
    assert len(china_ids) == 1
    assert not any(a.name == "AI" for a in x.actors)


def test_author_claims_are_extracted_and_byline_is_not_a_claim(seed_extraction: Extraction) -> None:
    x = seed_extraction
    author = [c for c in x.claims if c.attribution == "author"]
    assert len(author) >= 30
    texts = " ".join(c.span.text for c in author)
    assert "has hit a structural dead end" in texts
    assert "This manual approach is unscalable" in texts
    assert not any("Drawing on years" in c.span.text for c in x.claims)
    assert not any(c.span.text.startswith("The High Cost") for c in x.claims)
