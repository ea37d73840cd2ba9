"""Rewrite tests/golden/corpus.nq from a fresh ingest of corpus/ (loads spaCy; ~15 s).

    make golden        # or: .venv/bin/python -m tests.golden.regenerate [--check]

The file is the store's N-Quads, sorted, one quad a line. When the new quads differ from the old
ones only in timestamps and registry digests (tests/helpers/golden.py, `normalise`), the file is
left as it is, so regenerating without a real change gives no diff. Review the diff before
committing: every changed line is a change in what the extractor or the mapping produces.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tests.helpers.golden import difference, ingest_corpus, quad_lines, store_lines
from tests.helpers.paths import GOLDEN_CORPUS


def fresh_lines() -> list[str]:
    with tempfile.TemporaryDirectory(prefix="kg-golden-") as tmp:
        work = Path(tmp)
        ingest_corpus(work / "store")
        return store_lines(work / "store", work)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether it would change")
    parser.add_argument("--output", type=Path, default=GOLDEN_CORPUS)
    args = parser.parse_args(argv)
    lines = fresh_lines()
    old = quad_lines(args.output) if args.output.exists() else []
    missing, extra = difference(old, lines)
    if old and not missing and not extra:
        print(f"{args.output}: unchanged ({len(lines)} quads)")
        return 0
    print(f"{args.output}: {len(missing)} quads go, {len(extra)} quads come ({len(lines)} in all)")
    if args.check:
        return 1
    args.output.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
