"""Train the unit model (`kg.extract.unit_model`) on the project's own labelled units.

The command is ``python train/train_units.py [DATA_DIR] [--out FILE] [--holdout] [--folds]``
(``make train-units``); this module is what it calls. DATA_DIR holds ``*.jsonl`` files, one unit a line: ``{"doc", "para", "label", "text"}``, the
units of one paragraph in order (``train/units/``, written by the project, under its licence).
Only ``anecdote`` (1) and ``assumption`` (0) units train the model; the other labels are kept
for a paragraph's context. Training is deterministic: the same data and options give the same
weights, byte for byte (zero start, full-batch gradient descent, a fixed number of steps, no
sampling). ``--holdout`` trains on four fifths of the documents and prints the figures on the
fifth (chosen by a hash of the document name) instead of writing weights.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Span

from kg.errors import InputError
from kg.extract.unit_model import UnitModel, features

LABELS = {"anecdote": 1, "assumption": 0}
DEFAULT_DATA = Path("train/units")
DEFAULT_OUT = Path("kg/extract/models/units.json")


@dataclass(frozen=True)
class Options:
    min_count: int = 2
    l2: float = 1.0
    steps: int = 400
    rate: float = 0.5
    #: the lowest with out-of-fold anecdote precision >= 0.8 on the rules' open cases
    threshold: float = 0.7


@dataclass(frozen=True)
class Example:
    doc: str
    label: str
    text: str
    feats: tuple[str, ...]


def read_units(root: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """Paragraphs in file and line order: (document name, [(label, text), ...])."""
    files = sorted(root.glob("*.jsonl"))
    if not files:
        raise InputError(str(root), "holds no .jsonl unit files")
    paras: list[tuple[str, list[tuple[str, str]]]] = []
    key: tuple[str, str, int] | None = None
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                this = (path.name, str(row["doc"]), int(row["para"]))
                unit = (str(row["label"]), str(row["text"]))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{n}", f"not a unit ({exc})") from None
            if this != key:
                paras.append((this[1], []))
                key = this
            paras[-1][1].append(unit)
    return paras


def featurise(paras: Sequence[tuple[str, list[tuple[str, str]]]], nlp: Language) -> list[Example]:
    """Each paragraph parsed whole (units joined by a space), each unit's features read off
    its span, as the extraction reads a unit in its article."""
    return [
        Example(doc_name, label, text, tuple(features(span)))
        for doc_name, label, text, span in unit_spans(paras, nlp)
    ]


def unit_spans(
    paras: Sequence[tuple[str, list[tuple[str, str]]]], nlp: Language
) -> Iterator[tuple[str, str, str, Span]]:
    """(document, label, text, span) of every labelled unit, each paragraph parsed whole."""
    texts = [" ".join(t for _, t in units) for _, units in paras]
    for (doc_name, units), doc in zip(paras, nlp.pipe(texts), strict=True):
        pos = 0
        for label, text in units:
            span = doc.char_span(pos, pos + len(text), alignment_mode="expand")
            pos += len(text) + 1
            if label in LABELS and span is not None and len(span):
                yield doc_name, label, text, span


def fold_of(doc: str, folds: int = 5) -> int:
    """The document's fold, the same on every machine."""
    return zlib.crc32(doc.encode("utf-8")) % folds


def out_of_fold(
    paras: Sequence[tuple[str, list[tuple[str, str]]]], nlp: Language, opts: Options
) -> list[tuple[str, str, float]]:
    """(label, the rules' reading, P(anecdote) from a model that never saw the unit's
    document) for every anecdote and assumption unit, over five folds of documents."""
    from kg.extract.clauses import _example, clause_root

    examples = featurise(paras, nlp)
    models = [fit([e for e in examples if fold_of(e.doc) != k], opts) for k in range(5)]
    return [
        (
            label,
            _example(span, clause_root(span)) or "claim",
            models[fold_of(doc_name)].probability(span),
        )
        for doc_name, label, _, span in unit_spans(paras, nlp)
    ]


def threshold_table(rows: Sequence[tuple[str, str, float]]) -> str:
    """For each reading the model may change, how many units it would change at a threshold
    and how many of those it would get right: the figures the thresholds are chosen on."""
    lines = []
    for rule, up in (("example?", True), ("claim?", True), ("example~", False)):
        sub = [(label, p) for label, r, p in rows if r == rule]
        for t in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            moved = [label for label, p in sub if (p >= t if up else p < t)]
            right = sum((label == "anecdote") == up for label in moved)
            lines.append(
                f"{rule:<9} {'p >=' if up else 'p <'} {t:.1f}: changes {len(moved):>3}, "
                f"right {right:>3} ({right / len(moved) if moved else 0:.2f}); of {len(sub)}"
            )
    return "\n".join(lines)


def held_out(doc: str) -> bool:
    """One document in five, the same on every machine."""
    return fold_of(doc) == 0


def fit(examples: Sequence[Example], opts: Options) -> UnitModel:
    """L2-regularised logistic regression by full-batch gradient descent from zero."""
    counts = Counter(f for e in examples for f in e.feats)
    vocab = sorted(f for f, c in counts.items() if c >= opts.min_count)
    col = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(examples), len(vocab)), dtype=np.float64)
    for r, e in enumerate(examples):
        for f in e.feats:
            if f in col:
                x[r, col[f]] = 1.0
    y = np.array([LABELS[e.label] for e in examples], dtype=np.float64)
    w = np.zeros(len(vocab), dtype=np.float64)
    b = 0.0
    n = max(len(examples), 1)
    for _ in range(opts.steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        g = p - y
        w -= opts.rate * (x.T @ g / n + opts.l2 * w / n)
        b -= opts.rate * float(g.mean())
    weights = {f: round(float(v), 6) for f, v in zip(vocab, w, strict=True) if round(float(v), 6)}
    meta: dict[str, object] = {
        "trained_on": "train/units (project-written)",
        "units": len(examples),
        "anecdotes": int(y.sum()),
        "min_count": opts.min_count,
        "l2": opts.l2,
        "steps": opts.steps,
        "rate": opts.rate,
    }
    return UnitModel(weights, round(b, 6), opts.threshold, meta)


@dataclass(frozen=True)
class Figures:
    accuracy: float
    precision: float
    recall: float
    f1: float
    n: int


def figures(model: UnitModel, examples: Iterable[Example]) -> Figures:
    """Accuracy and anecdote precision/recall/F1 of ``model`` on ``examples``."""
    tp = fp = fn = right = n = 0
    for e in examples:
        guess = model.score(list(e.feats)) >= model.threshold
        gold = LABELS[e.label] == 1
        n += 1
        right += guess == gold
        tp += guess and gold
        fp += guess and not gold
        fn += gold and not guess
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Figures(right / n if n else 0.0, p, r, f, n)


def weights_hash(model: UnitModel) -> str:
    return hashlib.sha256(model.to_json().encode("utf-8")).hexdigest()
