"""The analyst gold of the sample corpus (corpus/gold/) is well-formed, and ingest leaves it out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg.evaluate.analyst_gold import CLAIM_KINDS, GOLD_ACTOR_KINDS, PAIRS_FILE, read_gold
from kg.ingest import iter_sources
from kg.model import EVIDENCE_KINDS, STANCES
from tests.helpers.paths import CORPUS

GOLD_DIR = CORPUS / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.gold.json"))
ARTICLES = sorted(p.name for p in CORPUS.glob("*.md") if p.name != "README.md")


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_every_corpus_article_has_gold() -> None:
    assert [_load(p)["file"] for p in GOLD_FILES] == ARTICLES
    assert [p.name[: -len(".gold.json")] + ".md" for p in GOLD_FILES] == ARTICLES


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name[:2])
def test_gold_file_is_well_formed(path: Path) -> None:
    g = _load(path)
    text = (CORPUS / g["file"]).read_text(encoding="utf-8")
    body = text[text.index("\n---\n", 4) + 5 :]  # every span lies in the body, not front matter

    def once(s: str, what: str) -> None:
        assert isinstance(s, str) and s.strip() == s and s, f"{what}: {s!r}"
        assert text.count(s) == 1, f"{what} occurs {text.count(s)} times: {s!r}"
        assert s in body, f"{what} is in the front matter: {s!r}"

    claims = {}
    for c in g["claims"]:
        once(c["text"], "claim")
        assert c["kind"] in CLAIM_KINDS and c["stance"] in STANCES, c
        assert isinstance(c["optional"], bool) and c["speaker"], c
        assert all(a in text for a in c["speaker_aliases"]), c
        claims[c["text"]] = c
    assert len(claims) == len(g["claims"]), "a claim listed twice"
    for s in g["not_claims"]:
        once(s, "not_claim")
        assert s not in claims
    names = [a["name"] for a in g["actors"]]
    assert len(names) == len(set(names)), "an actor listed twice"
    for a in g["actors"]:
        assert a["kind"] in GOLD_ACTOR_KINDS, a
        assert all(x in text for x in a["aliases"]), a
    speakers = {c["speaker"] for c in g["claims"]}
    assert speakers <= set(names), f"speakers that are no actor: {speakers - set(names)}"
    for s in g["not_actors"]:
        assert s in text and s not in {x for a in g["actors"] for x in a["aliases"]}, s
    for e in g["evidence"]:
        once(e["text"], "evidence")
        assert e["kind"] in EVIDENCE_KINDS, e
        assert e["supports"] is None or e["supports"] in claims, e


def test_pairs_point_at_gold_claims_across_articles() -> None:
    pairs = _load(GOLD_DIR / PAIRS_FILE)
    assert set(pairs) == {"same_claim", "contradicts"}
    texts = {(g["file"], c["text"]): c for g in map(_load, GOLD_FILES) for c in g["claims"]}
    for rows in pairs.values():
        for fa, ta, fb, tb in rows:
            assert fa != fb
            for key in ((fa, ta), (fb, tb)):
                assert key in texts and not texts[key]["optional"], key
    # the planted relations of corpus/README.md are all there
    assert len(pairs["same_claim"]) >= 3 and len(pairs["contradicts"]) >= 4


def test_the_scorer_reads_the_corpus_gold() -> None:
    gold = read_gold(GOLD_DIR)
    assert [d.name for d in gold.documents] == ARTICLES
    assert all(d.path.parent == CORPUS for d in gold.documents)
    assert len(gold.pairs) == sum(len(v) for v in _load(GOLD_DIR / PAIRS_FILE).values())


def test_ingesting_the_corpus_folder_leaves_the_gold_out() -> None:
    sources = [s for s in iter_sources([CORPUS]) if not isinstance(s, Exception)]
    assert sorted(s.path.name for s in sources) == ARTICLES
