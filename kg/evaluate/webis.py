"""Scoring evidence and author claims against the Webis news editorials (COLING 2020 release).

Layout: a folder (searched recursively) of JSON files, one editorial each, holding
``{"paragraphs": [[{"number", "text", "label"}, ...], ...]}``. The text is rebuilt by
joining a paragraph's segments with one space and paragraphs with a blank line; each
segment's character span in that text is its gold span.

Each editorial goes through kg's real extraction as an opinion piece (genre
``opinion``, a byline author, so the author's own assertions come out with attribution
``author``). Gold labels map to kg kinds as follows:

- ``statistics`` -> evidence of kind ``statistic``
- ``testimony``  -> evidence of kind ``testimony``
- ``anecdote``   -> evidence of kind ``example``
- ``assumption`` -> claims with attribution ``author``

The other labels are gold for nothing: ``title`` and ``no-unit`` (punctuation and
connectives between units) are ignored, and ``common-ground`` (what the author takes as
shared knowledge) and ``other`` are not counted as any kind. A prediction is scored only
against the gold of its own kind, so a prediction lying on one of those segments (or on a
segment of another kind) is a false positive. Matching is `kg.evaluate.match`: overlap of at
least half of the shorter span, one-to-one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.evaluate.match import PRF, Interval, match_spans
from kg.model import Article, Extraction
from kg.settings import Settings

#: Webis label -> the kg kind it is scored against.
GOLD_KINDS = {
    "statistics": "statistic",
    "testimony": "testimony",
    "anecdote": "example",
    "assumption": "author_claim",
}
#: Report order.
KINDS = ("statistic", "testimony", "example", "author_claim")
#: Targets from issue 4 (F1 on the dev editorials).
TARGETS = {"statistic": 0.65, "testimony": 0.65, "example": 0.45, "author_claim": 0.80}
AUTHOR = "Editorial Author"


@dataclass(frozen=True)
class Editorial:
    """One editorial: rebuilt text, its title and gold spans by kg kind."""

    name: str
    text: str
    title: str | None
    gold: dict[str, tuple[Interval, ...]]


def read_editorial(path: Path) -> Editorial:
    """Rebuild one editorial's text and gold spans from its JSON file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = data["paragraphs"]
        parts: list[str] = []
        gold: dict[str, list[Interval]] = {k: [] for k in KINDS}
        title: str | None = None
        pos = 0
        for pi, para in enumerate(paragraphs):
            if pi:
                parts.append("\n\n")
                pos += 2
            for si, seg in enumerate(para):
                if si:
                    parts.append(" ")
                    pos += 1
                text, label = str(seg["text"]), str(seg["label"])
                parts.append(text)
                if label == "title" and title is None:
                    title = text
                kind = GOLD_KINDS.get(label)
                if kind is not None and text.strip():
                    gold[kind].append((pos, pos + len(text)))
                pos += len(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read ({exc})") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(
            str(path),
            f"not a Webis editorial ({type(exc).__name__}: {exc})",
            hint='expected {"paragraphs": [[{"number", "text", "label"}, ...], ...]}',
        ) from None
    return Editorial(path.stem, "".join(parts), title, {k: tuple(v) for k, v in gold.items()})


def read_editorials(root: Path) -> list[Editorial]:
    """Every editorial JSON file under ``root`` (recursively, sorted by path)."""
    if not root.is_dir():
        raise InputError(str(root), "no such directory", hint="pass the Webis editorials folder")
    files = sorted(p for p in root.rglob("*.json") if p.is_file())
    if not files:
        raise InputError(str(root), "holds no editorial .json files")
    return [read_editorial(p) for p in files]


def editorial_article(ed: Editorial) -> Article:
    """The editorial as an opinion article by a (nameless) byline author."""
    sha = hashlib.sha256(ed.text.encode("utf-8")).hexdigest()
    return Article(
        key=f"webis:{ed.name}",
        text=ed.text,
        sha256=sha,
        source=ed.name,
        title=ed.title,
        author=AUTHOR,
        genre="opinion",
    )


def predictions(x: Extraction) -> dict[str, list[Interval]]:
    """Predicted spans by kg kind: evidence by its kind, author claims as ``author_claim``."""
    out: dict[str, list[Interval]] = {k: [] for k in KINDS}
    for ev in x.evidence:
        if ev.kind in out:
            out[ev.kind].append((ev.span.start, ev.span.end))
    for c in x.claims:
        if c.attribution == "author":
            out["author_claim"].append((c.span.start, c.span.end))
    return out


@dataclass
class WebisReport:
    """Per-kind precision/recall/F1 over a set of editorials."""

    source: str
    editorials: int = 0
    scores: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in KINDS})

    def add(
        self, gold: Mapping[str, Sequence[Interval]], pred: Mapping[str, list[Interval]]
    ) -> None:
        self.editorials += 1
        for kind in KINDS:
            g, p = list(gold.get(kind, ())), pred.get(kind, [])
            self.scores[kind].add(len(match_spans(p, g)), len(p), len(g))

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "editorials": self.editorials,
            "matching": "overlap >= half of the shorter span, one-to-one",
            "scores": {k: {**self.scores[k].as_dict(), "target_f1": TARGETS[k]} for k in KINDS},
        }


def score_extractions(source: str, pairs: Iterable[tuple[Editorial, Extraction]]) -> WebisReport:
    report = WebisReport(source)
    for ed, x in pairs:
        report.add(ed.gold, predictions(x))
    return report


def evaluate_webis(root: Path, settings: Settings, workers: int = 1) -> WebisReport:
    """Run kg's extraction (as ``settings`` configure it) on every editorial under ``root``."""
    from kg.extract import extract_many, load_nlp

    editorials = read_editorials(root)
    gazetteer = settings.gazetteer()
    extractions = extract_many(
        (editorial_article(e) for e in editorials),
        load_nlp(settings.model, gazetteer),
        gazetteer,
        settings.decisions(),
        workers=workers,
    )
    return score_extractions(str(root), zip(editorials, extractions, strict=True))


def format_report(report: WebisReport) -> str:
    """A plain-text table of the per-kind figures."""
    lines = [
        f"Webis editorials: {report.source} ({report.editorials} editorials; "
        "match = overlap >= half the shorter span, one-to-one)",
        f"{'kind':<14}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'pred':>7}{'gold':>7}{'target':>8}",
    ]
    for k in KINDS:
        s = report.scores[k]
        lines.append(
            f"{k:<14}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
            f"{s.true_positives:>7}{s.predicted:>7}{s.gold:>7}{TARGETS[k]:>8.2f}"
        )
    return "\n".join(lines)
