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


def test_a_sentence_that_asserts_and_cites_is_a_claim_and_a_statistic(
    seed_extraction: Extraction,
) -> None:
    """'They cannot afford the luxury of spending 30% of their compute power on ...' is the
    author's claim, and the share it names is a statistic; a figure inside a claim's own
    wording is not evidence for that claim."""
    x = seed_extraction
    (claim,) = [c for c in x.claims if "cannot afford the luxury of spending 30%" in c.span.text]
    assert claim.attribution == "author" and claim.speaker == "person/daniel-reed"
    (stat,) = [e for e in x.evidence if e.kind == "statistic" and "30%" in e.span.text]
    assert "compute power" in stat.span.text
    assert stat.id not in claim.evidence


def test_names_inside_a_claim_are_not_evidence(seed_extraction: Extraction) -> None:
    """'The narrative ... centers on Nvidia and the H100 export bans', 'By backing models like
    01.AI's Yi or Alibaba's Qwen, China ...': what a claim is about, not what backs it."""
    texts = [e.span.text for e in seed_extraction.evidence]
    assert not any("H100" in t or "models like" in t for t in texts), texts


def test_every_link_joins_evidence_to_a_claim_of_its_paragraph(
    seed_extraction: Extraction,
) -> None:
    x = seed_extraction
    spans = {e.id: e.span for e in x.evidence}
    for c in x.claims:
        for eid in c.evidence:
            para = next((a, b) for a, b in _paragraphs(x) if a <= spans[eid].start < b)
            assert para[0] <= c.span.start < para[1], (spans[eid].text, c.span.text)
