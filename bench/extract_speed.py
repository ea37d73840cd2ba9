"""Extraction speed: words/s of kg's full extraction against bare `nlp.pipe`, in one run.

Usage: python bench/extract_speed.py [PATH ...]   (default: corpus/ and the seed article)
Reports both figures and their ratio (the target is >= 0.8 on one process).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import spacy

from kg.extract import build_extraction, load_nlp
from kg.extract.nlp import model_name
from kg.ingest import iter_sources, read_source

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> None:
    paths = argv or [str(ROOT / "corpus")]
    articles = [read_source(s) for s in iter_sources(paths) if not isinstance(s, Exception)]
    texts = [a.body for a in articles] * 5
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(model_name())
    kg_nlp = load_nlp()
    list(bare.pipe(texts[:2]))  # warm up both
    list(kg_nlp.pipe(texts[:2]))

    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=8):
        pass
    t_bare = time.perf_counter() - t0

    t0 = time.perf_counter()
    for doc, art in kg_nlp.pipe(
        zip(texts, articles * 5, strict=True), as_tuples=True, batch_size=8
    ):
        build_extraction(art, doc, kg_nlp)
    t_kg = time.perf_counter() - t0

    print(f"articles: {len(texts)}, words: {words}")
    print(f"bare nlp.pipe : {words / t_bare:10.0f} words/s")
    print(f"kg extraction : {words / t_kg:10.0f} words/s")
    print(f"ratio kg/bare : {t_bare / t_kg:10.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
