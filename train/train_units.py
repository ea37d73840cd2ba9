"""Train the unit model's shipped weights from the project-written units (``make train-units``).

``python train/train_units.py [DATA_DIR] [--out FILE] [--holdout] [--folds]``: see
kg.extract.unit_train for the data format and what each option prints.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kg.errors import KGError
from kg.extract.nlp import load_nlp
from kg.extract.unit_train import (
    DEFAULT_DATA,
    DEFAULT_OUT,
    Options,
    featurise,
    figures,
    fit,
    held_out,
    out_of_fold,
    read_units,
    threshold_table,
    weights_hash,
)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python train/train_units.py", description=__doc__)
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--holdout", action="store_true", help="print held-out figures only")
    ap.add_argument(
        "--folds", action="store_true", help="print the out-of-fold threshold table only"
    )
    ap.add_argument("--l2", type=float, default=Options.l2)
    ap.add_argument("--min-count", type=int, default=Options.min_count)
    args = ap.parse_args(argv)
    opts = Options(min_count=args.min_count, l2=args.l2)
    paras = read_units(args.data)
    if args.folds:
        print(threshold_table(out_of_fold(paras, load_nlp(), opts)))
        return 0
    examples = featurise(paras, load_nlp())
    if args.holdout:
        train = [e for e in examples if not held_out(e.doc)]
        test = [e for e in examples if held_out(e.doc)]
        model = fit(train, opts)
        print(f"train {len(train)} units, held out {len(test)}: {figures(model, test)}")
        return 0
    model = fit(examples, opts)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(model.to_json(), encoding="utf-8")
    print(
        f"{len(examples)} units -> {args.out} ({len(model.weights)} weights, "
        f"sha256 {weights_hash(model)[:16]})"
    )
    return 0


def run(argv: Sequence[str] | None = None) -> int:
    """``main`` with a library error as one line on standard error and exit code 1."""
    try:
        return main(argv)
    except KGError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(run())
