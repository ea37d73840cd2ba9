"""What ingest-time SHACL costs: `kg ingest corpus/` with and without the per-article check.

Usage: python bench/ingest_validation.py [--rounds N]

Ingests the corpus into fresh stores, alternating with the check and with it replaced by a
no-op (same process, spaCy loaded once), and prints the best time of each and their ratio.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import kg.pipeline as pipeline
from kg.extract import load_nlp
from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    load_nlp()  # cached: both variants use the loaded pipeline
    real_check = pipeline.check_article
    times: dict[str, list[float]] = {"with SHACL": [], "without": []}
    with tempfile.TemporaryDirectory(prefix="kg-ingest-") as tmp:
        for i in range(args.rounds):
            for label, check in (("without", lambda *_a: None), ("with SHACL", real_check)):
                pipeline.check_article = check  # type: ignore[assignment]
                t0 = time.perf_counter()
                report = pipeline.ingest(
                    [ROOT / "corpus"], Settings(store=Path(tmp) / f"{label}-{i}")
                )
                times[label].append(time.perf_counter() - t0)
                assert report.ok, report.failed
    pipeline.check_article = real_check
    with_, without = min(times["with SHACL"]), min(times["without"])
    print(f"kg ingest corpus/ ({len(report.outcomes)} articles), best of {args.rounds}:")
    print(f"  without the check {without:6.2f} s")
    print(
        f"  with SHACL check  {with_:6.2f} s   (+{with_ - without:.2f} s, x{with_ / without:.2f})"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
