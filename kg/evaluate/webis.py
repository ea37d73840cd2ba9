"""Scoring evidence and author claims against the Webis news editorials (COLING 2020 release).

Layout: a folder (searched recursively) of JSON files, one editorial each, holding
``{"paragraphs": [[{"number", "text", "label"}, ...], ...]}``. The text is rebuilt by
joining a paragraph's segments with one space and paragraphs with a blank line; each
segment's character span in that text is its gold span. The folder directly holding a file
names its outlet (``data-source/aljazeera/NAME.json`` -> ``aljazeera``).

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
from collections.abc import Collection, Iterable, Mapping, Sequence
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
#: Targets from issue 19 (F1 on the dev editorials, both outlets).
TARGETS = {"statistic": 0.70, "testimony": 0.70, "example": 0.55, "author_claim": 0.83}
#: Targets from issue 19 on the outlet the rules were not tuned on.
HELD_OUT_TARGETS = {"statistic": 0.60, "testimony": 0.60, "example": 0.45, "author_claim": 0.78}
AUTHOR = "Editorial Author"


@dataclass(frozen=True)
class Editorial:
    """One editorial: rebuilt text, its title, gold spans by kg kind and its outlet."""

    name: str
    text: str
    title: str | None
    gold: dict[str, tuple[Interval, ...]]
    outlet: str = ""


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
    return Editorial(
        path.stem,
        "".join(parts),
        title,
        {k: tuple(v) for k, v in gold.items()},
        outlet=path.parent.name,
    )


def read_editorials(root: Path, outlets: Collection[str] | None = None) -> list[Editorial]:
    """Every editorial JSON file under ``root`` (recursively, sorted by path).

    ``outlets``: keep only the editorials of these outlets (the names of the folders holding
    the files); an outlet that holds no editorial is an error that lists those there are.
    """
    if not root.is_dir():
        raise InputError(str(root), "no such directory", hint="pass the Webis editorials folder")
    files = sorted(p for p in root.rglob("*.json") if p.is_file())
    if not files:
        raise InputError(str(root), "holds no editorial .json files")
    if outlets is not None:
        present = sorted({p.parent.name for p in files})
        for name in outlets:
            if name not in present:
                raise InputError(
                    str(root),
                    f"holds no editorials of outlet {name!r}",
                    hint="outlets here: " + ", ".join(present),
                )
        files = [p for p in files if p.parent.name in outlets]
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
    """Per-kind precision/recall/F1 over a set of editorials.

    With a train and a test outlet, ``train`` and ``test`` hold the same figures for each
    outlet alone (the rules tuned on ``train``, checked on ``test``).
    """

    source: str
    editorials: int = 0
    scores: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in KINDS})
    train: WebisReport | None = None
    test: WebisReport | None = None

    def add(
        self, gold: Mapping[str, Sequence[Interval]], pred: Mapping[str, list[Interval]]
    ) -> None:
        self.editorials += 1
        for kind in KINDS:
            g, p = list(gold.get(kind, ())), pred.get(kind, [])
            self.scores[kind].add(len(match_spans(p, g)), len(p), len(g))

    def as_dict(self, targets: Mapping[str, float] = TARGETS) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "editorials": self.editorials,
            "matching": "overlap >= half of the shorter span, one-to-one",
            "scores": {k: {**self.scores[k].as_dict(), "target_f1": targets[k]} for k in KINDS},
        }
        if self.train is not None and self.test is not None:
            out["train_outlet"] = self.train.as_dict()
            out["test_outlet"] = self.test.as_dict(HELD_OUT_TARGETS)
        return out


def score_extractions(
    source: str,
    pairs: Iterable[tuple[Editorial, Extraction]],
    train_outlet: str | None = None,
    test_outlet: str | None = None,
) -> WebisReport:
    """Score every pair; with both outlets named, each of them apart as well."""
    report = WebisReport(source)
    if train_outlet is not None and test_outlet is not None:
        report.train = WebisReport(f"{source} [{train_outlet}]")
        report.test = WebisReport(f"{source} [{test_outlet}]")
    for ed, x in pairs:
        pred = predictions(x)
        report.add(ed.gold, pred)
        if report.train is not None and ed.outlet == train_outlet:
            report.train.add(ed.gold, pred)
        if report.test is not None and ed.outlet == test_outlet:
            report.test.add(ed.gold, pred)
    return report


def evaluate_webis(
    root: Path,
    settings: Settings,
    workers: int = 1,
    *,
    train_outlet: str | None = None,
    test_outlet: str | None = None,
) -> WebisReport:
    """Run kg's extraction (as ``settings`` configure it) on every editorial under ``root``.

    With ``train_outlet`` and ``test_outlet`` (two different outlets under ``root``), only
    their editorials are read, and the report holds each outlet's figures apart as well.
    """
    from kg.extract import extract_many, load_nlp

    outlets: tuple[str, ...] | None = None
    if train_outlet is not None or test_outlet is not None:
        if train_outlet is None or test_outlet is None or train_outlet == test_outlet:
            raise InputError(
                str(root),
                "a cross-outlet score needs two different outlets",
                hint="name the outlet the rules were tuned on and the one to score them on",
            )
        outlets = (train_outlet, test_outlet)
    editorials = read_editorials(root, outlets)
    gazetteer = settings.gazetteer()
    extractions = extract_many(
        (editorial_article(e) for e in editorials),
        load_nlp(settings.model, gazetteer),
        gazetteer,
        settings.decisions(),
        workers=workers,
    )
    return score_extractions(
        str(root), zip(editorials, extractions, strict=True), train_outlet, test_outlet
    )


def _table(report: WebisReport, targets: Mapping[str, float], heading: str) -> list[str]:
    lines = [
        f"{heading}: {report.source} ({report.editorials} editorials; "
        "match = overlap >= half the shorter span, one-to-one)",
        f"{'kind':<14}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'pred':>7}{'gold':>7}{'target':>8}",
    ]
    for k in KINDS:
        s = report.scores[k]
        lines.append(
            f"{k:<14}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
            f"{s.true_positives:>7}{s.predicted:>7}{s.gold:>7}{targets[k]:>8.2f}"
        )
    return lines


def format_report(report: WebisReport) -> str:
    """A plain-text table of the per-kind figures (and of each outlet, when split)."""
    lines = _table(report, TARGETS, "Webis editorials")
    if report.train is not None and report.test is not None:
        lines += ["", *_table(report.train, TARGETS, "Tuned on (in-sample)")]
        lines += ["", *_table(report.test, HELD_OUT_TARGETS, "Scored on (held out)")]
    return "\n".join(lines)
