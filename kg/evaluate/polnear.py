"""Scoring kg's claim extraction against PolNeAR attribution annotations (brat standoff).

Layout: ``DIR/text/NAME.txt`` and ``DIR/attributions/NAME_ANNOTATOR.ann``. An ``.ann``
file has ``T`` lines (``ID<TAB>LABEL START END[;START END...]<TAB>TEXT``) for ``Source``,
``Cue`` and ``Content`` spans and ``E`` lines tying them into one attribution
(``Attribution:T4 Content:T3 Cue:T2 Source:T1``; ``Content2`` continues a content).

Decisions, so that figures are comparable between runs:

- An article annotated by several annotators is scored against one: the annotator whose
  file name sorts first. The report lists these choices.
- A discontinuous span is scored as its hull (first start to last end); kg predicts
  contiguous spans.
- An attribution without a ``Content`` span cannot be matched and is skipped.
- Claim content matching is `kg.evaluate.match.match_spans` (overlap >= half of the
  shorter span, one-to-one). Only reported claims are scored; the author's own claims
  (attribution kind ``author``) are not attributions in this gold.
- Claimer: on a matched claim, the predicted claimer mention is right when it overlaps
  any fragment of the gold ``Source``. When the gold has no source, the prediction is
  right only when it has no claimer mention either. Claimer accuracy is over all matched
  claims; joint claim+claimer F1 counts a true positive only when both are right.
- Nested claims: only the outermost is scored (see `scored_claims`).
- One attribution, several claims: kg makes a claim of each sentence of a quotation, and of
  a quotation resumed after its attribution ('"A," she said. "B."'), where PolNeAR annotates
  one attribution; such a run (`quotation_runs`: the later claims are quotations with the
  same claimer mention, no cue of their own or the same cue, close behind) is scored as one
  attribution, its hull.
- Cue F1 matches predicted cue spans to gold cue spans the same way as contents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.evaluate.match import PRF, Interval, match_spans, overlap
from kg.model import Article, Claim, Extraction, Span
from kg.settings import Settings

_ANNOTATOR_RE = re.compile(r"^(?P<name>.+)_(?P<annotator>[^_]+)\.ann$")


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution: spans are lists of (start, end) fragments."""

    content: tuple[Interval, ...]
    source: tuple[Interval, ...] = ()
    cue: tuple[Interval, ...] = ()

    @property
    def content_hull(self) -> Interval:
        return hull(self.content)


@dataclass(frozen=True)
class GoldArticle:
    name: str
    annotator: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass
class PolnearReport:
    """Figures of one evaluation run; ``as_dict`` is the JSON form."""

    gold_dir: str
    articles: int = 0
    claims: PRF = field(default_factory=PRF)
    joint: PRF = field(default_factory=PRF)
    cues: PRF = field(default_factory=PRF)
    claimer_correct: int = 0
    matched: int = 0
    gold_without_source: int = 0
    nested_unscored: int = 0
    annotators: dict[str, str] = field(default_factory=dict)  # article -> annotator used
    multi_annotated: list[str] = field(default_factory=list)

    @property
    def claimer_accuracy(self) -> float:
        return self.claimer_correct / self.matched if self.matched else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold_dir,
            "articles": self.articles,
            "gold_attributions": self.claims.gold,
            "gold_without_source": self.gold_without_source,
            "claim": self.claims.as_dict(),
            "claimer_accuracy": round(self.claimer_accuracy, 4),
            "claimer_correct": self.claimer_correct,
            "matched_claims": self.matched,
            "joint": self.joint.as_dict(),
            "nested_claims_not_scored": self.nested_unscored,
            "cue": self.cues.as_dict(),
            "annotator_choice": {a: self.annotators[a] for a in self.multi_annotated},
        }


def hull(spans: Iterable[Interval]) -> Interval:
    spans = list(spans)
    return min(s for s, _ in spans), max(e for _, e in spans)


# --- reading the gold ----------------------------------------------------------------------------


def _parse_offsets(field_text: str) -> tuple[Interval, ...]:
    spans = []
    for part in field_text.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def parse_ann(text: str, where: str) -> list[GoldAttribution]:
    """The attributions of one ``.ann`` file."""
    spans: dict[str, tuple[str, tuple[Interval, ...]]] = {}
    events: list[list[tuple[str, str]]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        try:
            if line.startswith("T"):
                label, _, offsets = parts[1].partition(" ")
                spans[parts[0]] = (label, _parse_offsets(offsets))
            elif line.startswith("E"):
                events.append([tuple(arg.split(":", 1)) for arg in parts[1].split()])  # type: ignore[misc]
        except (IndexError, ValueError):
            raise InputError(where, f"line {lineno} is not brat standoff: {line[:60]!r}") from None
    out = []
    for args in events:
        roles: dict[str, list[Interval]] = {"Content": [], "Source": [], "Cue": []}
        for role, ref in args:
            base = role.rstrip("0123456789")
            if base in roles and ref in spans:
                roles[base].extend(spans[ref][1])
        if roles["Content"]:
            out.append(
                GoldAttribution(
                    content=tuple(roles["Content"]),
                    source=tuple(roles["Source"]),
                    cue=tuple(roles["Cue"]),
                )
            )
    return out


def read_gold(gold_dir: str | Path) -> Iterator[GoldArticle]:
    """The gold articles of a PolNeAR-layout folder, one annotator each (first by name)."""
    root = Path(gold_dir)
    text_dir, ann_dir = root / "text", root / "attributions"
    for folder in (root, text_dir, ann_dir):
        if not folder.is_dir():
            raise InputError(
                str(root),
                f"no folder {folder.name}/ here" if folder is not root else "not a folder",
                hint="expected DIR/text/*.txt and DIR/attributions/*.ann (the PolNeAR layout)",
            )
    by_article: dict[str, list[tuple[str, Path]]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        m = _ANNOTATOR_RE.match(ann.name)
        name, annotator = (m["name"], m["annotator"]) if m else (ann.stem, "")
        if not (text_dir / f"{name}.txt").exists() and (text_dir / f"{ann.stem}.txt").exists():
            name, annotator = ann.stem, ""
        by_article.setdefault(name, []).append((annotator, ann))
    if not by_article:
        raise InputError(
            str(ann_dir), "no .ann files", hint="expected brat standoff files NAME_ANNOTATOR.ann"
        )
    for name, files in sorted(by_article.items()):
        txt = text_dir / f"{name}.txt"
        if not txt.exists():
            raise InputError(str(files[0][1]), f"no text file {txt.name} in {text_dir}")
        annotator, ann = files[0]
        text = txt.read_text(encoding="utf-8")
        attributions = parse_ann(ann.read_text(encoding="utf-8"), str(ann))
        for att in attributions:
            for s, e in att.content + att.source + att.cue:
                if not 0 <= s < e <= len(text):
                    raise InputError(str(ann), f"span {s}-{e} lies outside {txt.name}")
        yield GoldArticle(
            name=name,
            annotator=annotator if len(files) == 1 else f"{annotator} (of {len(files)})",
            text=text,
            attributions=tuple(attributions),
        )


# --- scoring -------------------------------------------------------------------------------------


def gold_article_to_article(gold: GoldArticle) -> Article:
    from kg.ingest import sha256_text

    return Article(
        key=f"polnear:{gold.name}",
        text=gold.text,
        sha256=sha256_text(gold.text),
        source=gold.name,
        genre="news",
    )


def scored_claims(extraction: Extraction) -> tuple[list[Claim], int]:
    """The claims this gold scores, and how many nested claims were left out.

    Reported claims only (not the author's own), and only the outermost of nested
    ones: PolNeAR is univocal (a token belongs to at most one attribution), so in
    "Reuters reported that officials said X" only one level can be gold, and it is
    annotated on the outer one.
    """
    # attitudes ('X wants to ...') are attributions in PolNeAR, which annotates internal states
    reported = [c for c in (*extraction.claims, *extraction.attitudes) if c.attribution != "author"]

    def nested(c: Claim) -> bool:
        return any(
            o.span.start <= c.span.start
            and c.span.end <= o.span.end
            and (o.span.start, o.span.end) != (c.span.start, c.span.end)
            for o in reported
        )

    outer = [c for c in reported if not nested(c)]
    return quotation_runs(outer), len(reported) - len(outer)


_RUN_GAP = 300  # characters between two claims of one quotation run at most


def quotation_runs(claims: list[Claim]) -> list[Claim]:
    """Claims that are one attribution in PolNeAR's terms joined into one claim: a claim is
    joined to the one before when it is a quotation (pattern ``kg.quote...``) with the same
    claimer mention, no cue or the same cue, and starts at most `_RUN_GAP` characters after
    it. The joined claim spans both (the hull), with the first one's claimer and cue."""
    out: list[Claim] = []
    for c in sorted(claims, key=lambda c: (c.span.start, c.span.end)):
        last = out[-1] if out else None
        if (
            last is not None
            and c.pattern.startswith(("kg.quote", "kg.speaker_turn"))
            and c.claimer is not None
            and last.claimer is not None
            and (c.claimer.start, c.claimer.end) == (last.claimer.start, last.claimer.end)
            and (c.cue is None or c.cue == last.cue)
            and 0 <= c.span.start - last.span.end <= _RUN_GAP
        ):
            out[-1] = replace(last, span=Span(last.span.start, c.span.end, ""))
        else:
            out.append(c)
    return out


@dataclass(frozen=True)
class ArticleScore:
    """Per-article matching, kept for error analysis."""

    gold: GoldArticle
    claims: list[Claim]
    pairs: list[tuple[int, int]]  # (claim index, gold index)
    claimer_ok: dict[int, bool]  # claim index -> claimer right


def claimer_right(claim: Claim, gold: GoldAttribution) -> bool:
    if not gold.source:
        return claim.claimer is None
    if claim.claimer is None:
        return False
    mention = (claim.claimer.start, claim.claimer.end)
    return any(overlap(mention, s) > 0 for s in gold.source)


def score_article(gold: GoldArticle, extraction: Extraction, report: PolnearReport) -> ArticleScore:
    claims, nested = scored_claims(extraction)
    report.nested_unscored += nested
    predicted = [(c.span.start, c.span.end) for c in claims]
    golds = [g.content_hull for g in gold.attributions]
    pairs = match_spans(predicted, golds)
    ok = {i: claimer_right(claims[i], gold.attributions[j]) for i, j in pairs}
    report.claims.add(len(pairs), len(predicted), len(golds))
    report.joint.add(sum(ok.values()), len(predicted), len(golds))
    report.matched += len(pairs)
    report.claimer_correct += sum(ok.values())
    report.gold_without_source += sum(1 for g in gold.attributions if not g.source)
    pred_cues = [(c.cue.start, c.cue.end) for c in claims if c.cue is not None]
    gold_cues = [hull(g.cue) for g in gold.attributions if g.cue]
    report.cues.add(len(match_spans(pred_cues, gold_cues)), len(pred_cues), len(gold_cues))
    report.articles += 1
    report.annotators[gold.name] = gold.annotator
    if "(of " in gold.annotator:
        report.multi_annotated.append(gold.name)
    return ArticleScore(gold, claims, pairs, ok)


def evaluate_scores(
    gold_dir: str | Path, settings: Settings, workers: int = 1
) -> tuple[PolnearReport, list[ArticleScore]]:
    """Run kg's extraction over every gold article and score it; also per-article details."""
    from kg.extract import extract_many, load_nlp

    golds = list(read_gold(gold_dir))
    report = PolnearReport(gold_dir=str(gold_dir))
    gazetteer = settings.gazetteer()
    nlp = load_nlp(settings.model, gazetteer)
    articles = [gold_article_to_article(g) for g in golds]
    extractions = extract_many(articles, nlp, gazetteer, settings.decisions(), workers=workers)
    details = []
    for gold, extraction in zip(golds, extractions, strict=True):
        details.append(score_article(gold, extraction, report))
    return report, details


def evaluate_polnear(gold_dir: str | Path, settings: Settings) -> PolnearReport:
    """Score kg's extraction against the PolNeAR-layout gold in ``gold_dir``."""
    return evaluate_scores(gold_dir, settings)[0]


def format_report(report: PolnearReport) -> str:
    """The report as a few lines of text."""

    def row(name: str, prf: PRF) -> str:
        return (
            f"{name:<22} P {prf.precision:.3f}  R {prf.recall:.3f}  F1 {prf.f1:.3f}"
            f"   (tp {prf.true_positives}, predicted {prf.predicted}, gold {prf.gold})"
        )

    lines = [
        f"gold: {report.gold_dir}",
        f"articles: {report.articles}, gold attributions: {report.claims.gold} "
        f"({report.gold_without_source} without a source)",
        row("claim content", report.claims),
        f"{'claimer accuracy':<22} {report.claimer_accuracy:.3f}"
        f"   ({report.claimer_correct} of {report.matched} matched claims)",
        row("joint claim+claimer", report.joint),
        row("cue", report.cues),
        f"nested claims not scored (the gold is univocal): {report.nested_unscored}",
    ]
    if report.multi_annotated:
        lines.append("several annotators; scored against the first by file name:")
        lines.extend(f"  {n}: {report.annotators[n]}" for n in report.multi_annotated)
    return "\n".join(lines)
