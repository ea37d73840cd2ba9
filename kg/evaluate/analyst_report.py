"""The figures of an analyst-gold run: counts, the measures derived from them, text and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.evaluate.match import PRF

#: Targets from issue 14 (on the dev set).
TARGETS = {
    "end_to_end_f1": 0.85,
    "claim_precision": 0.90,
    "claim_recall": 0.85,
    "speaker_accuracy": 0.92,
    "stance_accuracy": 0.95,
    "reversed_readings": 0,
    "not_claims_hit": 3,
}


@dataclass(frozen=True)
class Finding:
    """One scoring decision worth a look: a missed claim, a wrong speaker, a wrong actor..."""

    article: str
    what: str  # FALSE-POS, NOT-CLAIM, MISSED, SPEAKER, STANCE, ACTOR-WRONG, EVIDENCE-FP, ...
    text: str
    note: str = ""


@dataclass
class AnalystReport:
    """Counts of one run; the figures are derived from them; ``as_dict`` is the JSON form."""

    gold_dir: str
    articles: int = 0
    missing: int = 0  # gold articles without an extraction
    gold_claims: int = 0  # non-optional
    optional_claims: int = 0
    predicted: int = 0
    optional_matched: int = 0
    matched: int = 0
    speaker_right: int = 0
    stance_right: int = 0
    reversed: int = 0
    not_claim_hits: int = 0
    actors_predicted: int = 0
    actors_right: int = 0
    kinds_right: int = 0
    splits: int = 0
    actors_gold: int = 0
    actors_found: int = 0
    evidence_predicted: int = 0
    evidence_gold: int = 0
    evidence_span: int = 0
    evidence_kind: int = 0
    links: int = 0
    links_right: int = 0
    evidence_supported: int = 0
    links_reached: int = 0
    pairs_scored: bool = False
    pairs_total: dict[str, int] = field(default_factory=lambda: {"same_claim": 0, "contradicts": 0})
    pairs_found: dict[str, int] = field(default_factory=lambda: {"same_claim": 0, "contradicts": 0})
    contradiction_rows: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def claims(self) -> PRF:
        return PRF(self.matched, self.predicted - self.optional_matched, self.gold_claims)

    @property
    def end_to_end(self) -> PRF:
        return PRF(self.speaker_right, self.predicted - self.optional_matched, self.gold_claims)

    @property
    def evidence(self) -> PRF:
        return PRF(self.evidence_kind, self.evidence_predicted, self.evidence_gold)

    @property
    def speaker_accuracy(self) -> float:
        return _ratio(self.speaker_right, self.matched)

    @property
    def stance_accuracy(self) -> float:
        return _ratio(self.stance_right, self.matched)

    @property
    def actor_precision(self) -> float:
        return _ratio(self.actors_right, self.actors_predicted)

    @property
    def kind_accuracy(self) -> float:
        return _ratio(self.kinds_right, self.actors_right)

    @property
    def link_precision(self) -> float:
        return _ratio(self.links_right, self.links)

    @property
    def link_recall(self) -> float:
        return _ratio(self.links_reached, self.evidence_supported)

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold_dir,
            "articles": self.articles,
            "missing_predictions": self.missing,
            "gold_claims": self.gold_claims,
            "optional_gold_claims": self.optional_claims,
            "predicted_claims": self.predicted,
            "predicted_on_optional": self.optional_matched,
            "claim": self.claims.as_dict(),
            "end_to_end": self.end_to_end.as_dict(),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "speaker_right": self.speaker_right,
            "stance_accuracy": round(self.stance_accuracy, 4),
            "stance_right": self.stance_right,
            "reversed_readings": self.reversed,
            "not_claims_hit": self.not_claim_hits,
            "actors": {
                "precision": round(self.actor_precision, 4),
                "right": self.actors_right,
                "predicted": self.actors_predicted,
                "kind_accuracy": round(self.kind_accuracy, 4),
                "kind_right": self.kinds_right,
                "split": self.splits,
                "gold_found": self.actors_found,
                "gold": self.actors_gold,
            },
            "evidence": {**self.evidence.as_dict(), "span_only": self.evidence_span},
            "evidence_links": {
                "precision": round(self.link_precision, 4),
                "recall": round(self.link_recall, 4),
                "right": self.links_right,
                "predicted": self.links,
                "reached": self.links_reached,
                "supported_gold": self.evidence_supported,
            },
            "pairs": {
                "scored": self.pairs_scored,
                **{
                    k: {"found": self.pairs_found[k], "total": self.pairs_total[k]}
                    for k in self.pairs_total
                },
                "contradiction_rows": self.contradiction_rows,
            },
            "targets": TARGETS,
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def format_report(report: AnalystReport, details: bool = False) -> str:
    """The report as a few lines of text (and every finding when ``details``)."""
    c, e2e, ev = report.claims, report.end_to_end, report.evidence

    def prf(m: PRF) -> str:
        return f"P {m.precision:.3f}  R {m.recall:.3f}  F1 {m.f1:.3f}"

    if report.pairs_scored:
        pairs = (
            f"same_claim {report.pairs_found['same_claim']}/{report.pairs_total['same_claim']}, "
            f"contradicts {report.pairs_found['contradicts']}/{report.pairs_total['contradicts']}"
            f"   (the contradictions query returns {report.contradiction_rows} rows)"
        )
    else:
        total = sum(report.pairs_total.values())
        pairs = f"not scored: {total} pairs in the gold; give --store STORE holding these articles"
    t = TARGETS
    lines = [
        f"analyst gold: {report.gold_dir} ({report.articles} articles"
        + (f", {report.missing} without extraction" if report.missing else "")
        + f"; {report.gold_claims} gold claims and {report.optional_claims} optional; "
        f"{report.predicted} predicted, {report.optional_matched} on optional gold, left out)",
        f"{'end-to-end claim+speaker':<25} {prf(e2e)}   ({e2e.true_positives} right"
        f"; target F1 >= {t['end_to_end_f1']:.2f})",
        f"{'claims':<25} {prf(c)}   ({c.true_positives} matched of {c.predicted} scored"
        f" predictions, {c.gold} gold; target P >= {t['claim_precision']:.2f}"
        f", R >= {t['claim_recall']:.2f})",
        f"{'speaker accuracy':<25} {report.speaker_accuracy:.3f}   ({report.speaker_right} of"
        f" {report.matched} matched claims; target >= {t['speaker_accuracy']:.2f})",
        f"{'stance accuracy':<25} {report.stance_accuracy:.3f}   ({report.stance_right} of"
        f" {report.matched}; {report.reversed} reversed readings; target >="
        f" {t['stance_accuracy']:.2f}, 0 reversed)",
        f"{'not_claims hit':<25} {report.not_claim_hits}   (predicted claims assigned to a"
        f" not_claim; target <= {t['not_claims_hit']})",
        f"{'actors':<25} P {report.actor_precision:.3f}   ({report.actors_right} of"
        f" {report.actors_predicted} right); kind accuracy {report.kind_accuracy:.3f}"
        f" ({report.kinds_right} of {report.actors_right}); {report.splits} gold actors split;"
        f" {report.actors_found} of {report.actors_gold} gold actors found",
        f"{'evidence with kind':<25} {prf(ev)}   ({ev.true_positives} right of {ev.predicted}"
        f" predicted, {ev.gold} gold; {report.evidence_span} on span alone)",
        f"{'evidence links':<25} P {report.link_precision:.3f}   ({report.links_right} of"
        f" {report.links}); R {report.link_recall:.3f} ({report.links_reached} of"
        f" {report.evidence_supported} gold items that support a claim)",
        f"{'pairs':<25} {pairs}",
    ]
    if details:
        lines.append("")
        lines.extend(
            f"  {f.article[:28]:<28} {f.what:<12} {f.text[:90]!r}"
            + (f"  ({f.note})" if f.note else "")
            for f in report.findings
        )
    return "\n".join(lines)
