"""A floor on the analyst dev pairs (../shared/data/analyst-gold/dev/pairs.json) for the linker
alone: given the gold claims themselves (their spans, read with kg's pipeline and actors), the
pair kg links stays linked. `python bench/links_pairs.py` prints all 14 pairs and every link
between two articles; kg's own extraction finds both claims of only some pairs (see README)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from kg.evaluate.analyst_gold import AnalystGold, read_gold
from kg.links.similarity import ClaimText, compare, prepare
from tests.helpers.paths import SHARED, need_shared

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = [pytest.mark.shared_data, pytest.mark.model]

#: the dev pair found on gold claims (a paraphrase across two hearings: the same subject,
#: predicate and named object)
FOUND = (
    "hfac-2023-12-07-mccaul-bis-review.md",
    "hfac-2024-03-21-mccaul-export-controls-hearing.md",
)


def gold_claim(nlp: Language, gold: AnalystGold, name: str, text: str, iri: str) -> ClaimText:
    from kg.extract import normalize_proposition
    from kg.extract.evaluations import evaluation_of
    from kg.extract.frames import frame_of
    from kg.extract.mentions import find_actors
    from kg.ingest import read_path
    from kg.resolve.decisions import Decisions
    from kg.resolve.gazetteer import Gazetteer

    doc = next(d for d in gold.documents if d.name == name)
    claim = next(c for c in doc.claims if c.text == text)
    article = read_path(doc.path)
    parsed = nlp(article.body)
    index = find_actors(parsed, Gazetteer.default(), Decisions(), article.body_start)
    start, end = claim.span
    span = parsed.char_span(start - article.body_start, end - article.body_start, "expand")
    assert span is not None
    words = list(span)

    def actor_of(tok):  # type: ignore[no-untyped-def]
        hit = index.actor_at(tok)
        return hit[1].id if hit is not None else None

    frames = frozenset(
        f.key for f in (frame_of(words, actor_of), evaluation_of(words, actor_of)) if f is not None
    )
    about = frozenset(hit[1].id for t in words if (hit := index.actor_at(t)) is not None)
    text = normalize_proposition([t.text for t in words])
    return ClaimText(iri, text, about, frames)


def test_the_dev_pair_linked_on_gold_claims_stays_linked(nlp: Language) -> None:
    gold = read_gold(need_shared(SHARED / "analyst-gold" / "dev"))
    pair = next(p for p in gold.pairs if {p.file_a, p.file_b} == set(FOUND))
    assert pair.relation == "same_claim"
    a = gold_claim(nlp, gold, pair.file_a, pair.text_a, "a")
    b = gold_claim(nlp, gold, pair.file_b, pair.text_b, "b")
    link = compare(prepare(a), prepare(b))
    assert link is not None and (link.kind, link.reason) == ("same", "frame"), (a, b)


#: the dev pairs found on gold claims by their evaluations (kg.extract.evaluations): two
#: verdicts on one chip sale, and a fact sheet's praise of a rule against its rescission
EVALUATED = [
    ("senate-banking-2025-12-03-warren-h200.md", "house-2026-01-14-amo-meeks-h200.md", "same"),
    (
        "whitehouse-2025-01-13-ai-diffusion-fact-sheet.md",
        "commerce-2025-05-13-ai-diffusion-rescission.md",
        "contradicts",
    ),
]


def test_the_dev_pairs_linked_by_their_evaluations_stay_linked(nlp: Language) -> None:
    gold = read_gold(need_shared(SHARED / "analyst-gold" / "dev"))
    found = 0
    for file_a, file_b, kind in EVALUATED:
        for pair in gold.pairs:
            if (pair.file_a, pair.file_b) != (file_a, file_b):
                continue
            a = gold_claim(nlp, gold, pair.file_a, pair.text_a, "a")
            b = gold_claim(nlp, gold, pair.file_b, pair.text_b, "b")
            link = compare(prepare(a), prepare(b))
            if link is not None:
                assert (link.kind, link.reason) == (kind, "evaluation"), link
                found += 1
    assert found >= 3
