"""The seed article (../shared/data/seed): the first real article every build must handle."""

from __future__ import annotations

from kg.model import Claim, Extraction


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


def _paragraphs(x: Extraction) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of the article body, found at run time."""
    art = x.article
    out, pos = [], art.body_start
    for para in art.body.split("\n\n"):
        start = art.text.index(para, pos) if para else pos
        out.append((start, start + len(para)))
        pos = start + len(para)
    return [(s, e) for s, e in out if e > s]


def test_author_claims_are_extracted_and_byline_is_not_a_claim(seed_extraction: Extraction) -> None:
    x = seed_extraction
    art = x.article
    author = [c for c in x.claims if c.attribution == "author"]
    assert len(author) >= 30
    assert all(c.speaker == "person/daniel-reed" for c in author)
    paragraphs = _paragraphs(x)
    prose = [(s, e) for s, e in paragraphs if art.text[s:e].rstrip().endswith((".", '"', "”"))]
    headings = [(s, e) for s, e in paragraphs if (s, e) not in prose]
    assert len(headings) >= 5  # the title and the section headings
    # every prose paragraph of the argument yields at least one claim; no heading does
    for s, e in prose:
        assert any(s <= c.span.start < e for c in x.claims), art.text[s : s + 40]
    for s, e in headings:
        assert not any(s <= c.span.start < e for c in x.claims), art.text[s:e]
    # nothing from the byline and the bio after the body
    assert all(c.span.end <= len(art.body) + art.body_start for c in x.claims)


def _evidence_with(x: Extraction, kind: str, *keys: str) -> tuple[str, list[Claim]]:
    """The evidence item of ``kind`` holding every key, and the claims it supports."""
    hits = [e for e in x.evidence if e.kind == kind and all(k in e.span.text for k in keys)]
    assert len(hits) == 1, (kind, keys, [e.span.text for e in x.evidence if e.kind == kind])
    ev = hits[0]
    return ev.span.text, [c for c in x.claims if ev.id in c.evidence]


def test_evidence_is_typed_and_linked_to_the_claim_around_it(seed_extraction: Extraction) -> None:
    x = seed_extraction
    for kind, keys in (
        ("event", ("H100", "ban")),
        ("statistic", ("30%", "compute power")),
        ("example", ("models like", "01.AI", "Qwen")),
    ):
        text, claims = _evidence_with(x, kind, *keys)
        assert claims, f"{kind} {text!r} supports no claim"
        ev = next(e for e in x.evidence if e.span.text == text)
        # the claim around it: in the evidence's own paragraph
        para = next((a, b) for a, b in _paragraphs(x) if a <= ev.span.start < b)
        assert any(para[0] <= c.span.start < para[1] for c in claims), (kind, text)
    event = next(e for e in x.evidence if e.kind == "event" and "H100" in e.span.text)
    assert event.entity == "h100"
