"""Cost of the learned unit model (kg.extract.unit_model): load time, units/s, and extraction
of opinion pieces with it against the rules alone, in one run.

Usage: python bench/unit_model.py [--repeat R]

The articles are the project-written paragraphs of train/units/ joined into opinion pieces (one
per document name), extracted R times (default 3) with ``kg.extract.clauses.LEARNED`` on and
off; the ratio is (rules alone time) / (with the model time), 1.0 meaning no cost.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections import defaultdict
from pathlib import Path

from kg.extract import clauses, extract_many, load_nlp
from kg.extract.unit_model import load_unit_model
from kg.model import Article

ROOT = Path(__file__).resolve().parent.parent


def _articles() -> list[Article]:
    paras: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted((ROOT / "train" / "units").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            paras[row["doc"]][row["para"]].append(row["text"])
    out = []
    for name, by_para in sorted(paras.items()):
        text = "\n\n".join(" ".join(units) for _, units in sorted(by_para.items()))
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        out.append(Article(f"bench:{name}", text, sha, name, author="A Writer", genre="opinion"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    t0 = time.perf_counter()
    model = load_unit_model()
    load_ms = (time.perf_counter() - t0) * 1000
    print(f"weights: {len(model.weights)}, cold load: {load_ms:.1f} ms")

    articles = _articles() * args.repeat
    nlp = load_nlp()
    docs = list(nlp.pipe(a.text for a in articles[: len(articles) // args.repeat]))
    spans = [doc[a:b] for doc in docs for sent in doc.sents for a, b in clauses._pieces(sent)]
    t0 = time.perf_counter()
    for span in spans:
        model.probability(span)
    t_units = time.perf_counter() - t0
    print(f"units scored: {len(spans)}, {len(spans) / t_units:,.0f} units/s")

    list(extract_many(articles[:2], nlp=nlp))  # warm up
    times = {}
    for learned in (False, True, False, True):
        clauses.LEARNED = learned
        t0 = time.process_time()
        for _ in extract_many(articles, nlp=nlp):
            pass
        times.setdefault(learned, []).append(time.process_time() - t0)
    clauses.LEARNED = True
    off, on = min(times[False]), min(times[True])
    print(f"extraction CPU s, rules alone: {off:.2f}, with the model: {on:.2f}")
    print(f"ratio (rules alone / with model): {off / on:.3f}")


if __name__ == "__main__":
    main()
