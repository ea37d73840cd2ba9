"""Extraction speed: words/s of kg's full extraction against bare `nlp.pipe`, in one run.

Usage: python bench/extract_speed.py [--workers N ...] [--repeat R] [PATH ...]
(default: corpus/, repeated 5 times; --workers 1 2 measures both).

"Bare" is `nlp.pipe` of the very pipeline kg loads (with its gazetteer ruler), so the
ratio isolates the cost of kg's rule patterns and record building. For each worker
count both figures are measured with that many processes; the gain is relative to the
first worker count given. On one process the CPU-time ratio is printed too, since
wall-clock figures move with whatever else the machine runs. Target: ratio >= 0.8 on one process.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.extract import extract_many, load_nlp
from kg.ingest import iter_sources, read_source
from kg.model import Article

ROOT = Path(__file__).resolve().parent.parent


def _articles(paths: list[str], repeat: int) -> list[Article]:
    articles = [read_source(s) for s in iter_sources(paths) if not isinstance(s, Exception)]
    return articles * repeat


def _rate(words: int, seconds: float) -> float:
    return words / seconds if seconds > 0 else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "corpus")])
    parser.add_argument("--workers", type=int, nargs="+", default=[1])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    articles = _articles(args.paths, args.repeat)
    texts = [a.body for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    list(extract_many(articles[:2], nlp=nlp))  # warm up (model, gazetteer, caches)
    print(f"articles: {len(texts)}, words: {words}")

    first_kg: float | None = None
    for n in args.workers:
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=8, n_process=n):
            pass
        t_bare, c_bare = time.perf_counter() - t0, time.process_time() - c0
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in extract_many(articles, nlp=nlp, workers=n):
            pass
        t_kg, c_kg = time.perf_counter() - t0, time.process_time() - c0
        kg_rate = _rate(words, t_kg)
        first_kg = first_kg or kg_rate
        print(f"workers {n}: bare nlp.pipe {_rate(words, t_bare):8.0f} words/s")
        print(f"workers {n}: kg extraction {kg_rate:8.0f} words/s")
        print(f"workers {n}: ratio kg/bare {t_bare / t_kg:8.2f}")
        if n == 1:  # CPU time of this process: less disturbed by other load on the machine
            print(f"workers 1: ratio kg/bare in CPU time {c_bare / c_kg:.2f}")
        if n != args.workers[0]:
            print(f"workers {n}: kg gain over workers {args.workers[0]}: {kg_rate / first_kg:.2f}x")


if __name__ == "__main__":
    main()
