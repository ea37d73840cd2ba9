"""Where `kg actors --suspect` puts the gold split pairs (issue 18).

Extracts the analyst dev set and corpus/ into one fresh store (as `kg ingest` writes them),
ranks the suspects there, and prints the first N with a mark on each gold split pair (a pair
of kg actors one gold actor lands on), the precision of those N lines, and every split pair
left out of them. Needs ../shared/data/analyst-gold/dev. Nothing is asserted.

    .venv/bin/python bench/suspect_review.py [--top 20] [GOLD_DIR ...]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from kg.evaluate.splits import review_golds
from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLDS = [ROOT.parent / "shared/data/analyst-gold/dev", ROOT / "corpus/gold"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("golds", nargs="*", type=Path, default=DEFAULT_GOLDS)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(store=Path(tmp) / "store")
        result, ranked = review_golds(args.golds, settings, Path(tmp) / "store", args.top)
    for i, s in enumerate(ranked[: args.top], 1):
        mark = "SPLIT" if frozenset((s.a.id, s.b.id)) in result.pairs else "     "
        print(
            f"{i:2} {mark} {s.score:5.1f} {s.a.label!r} / {s.b.label!r}: {s.reason}; {s.evidence}"
        )
    print(
        f"gold split pairs: {len(result.pairs)}; in the first {args.top}: {len(result.found)};"
        f" precision of those {args.top} lines: {result.precision:.2f}; suspects: {len(ranked)}"
    )
    rank = {frozenset((s.a.id, s.b.id)): i for i, s in enumerate(ranked, 1)}
    for p in result.missed:
        a, b = sorted(p)
        print(f"missed ({result.pairs[p]}): {a} / {b}, rank {rank.get(p, '-')}")


if __name__ == "__main__":
    main()
