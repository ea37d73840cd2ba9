"""Comparing two claims' evaluations (kg.extract.evaluations): verdicts on one policy.

Two evaluations have the same target when both name the same gazetteer actor (the AI
Diffusion Rule), or neither names a different one and they are of one policy group ("rule",
"sale" ...) with at least `MIN_SHARED` specifying nouns in common, all of the shorter list
among the longer ("the sale of memory chips to Vietnam" / "the sale of fast memory chips to
Vietnam"; not "the sale of X10 chips" / "the sale of X100 chips"). Then the same valence is the same
claim, the opposite valence a contradiction.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from kg.model import EVALUATION, Frame

#: specifying nouns two targets without a shared actor must have in common
MIN_SHARED = 2


@dataclass(frozen=True)
class EvaluationMatch:
    kind: str  # "same" | "contradicts"
    score: float  # share of the longer target's nouns that the two have in common (1.0: one actor)
    why: str


def is_evaluation(frame: Frame) -> bool:
    return frame.sense == EVALUATION


def terms(frame: Frame) -> frozenset[str]:
    return frozenset(filter(None, frame.object.split("+")))


def describe(frame: Frame) -> str:
    """'rule ai+diffusion [ai-diffusion-rule]: negative (stifle)'."""
    what = " ".join(filter(None, [frame.subject, frame.object]))
    if frame.subject_actor:
        what += f" [{frame.subject_actor}]"
    return f"{what}: {frame.polarity} ({frame.predicate.replace('+', ', ')})"


def target_keys(frame: Frame) -> list[str]:
    """Bucket keys under which a claim's evaluation meets every evaluation of the same target."""
    keys = [f"@{frame.subject_actor}"] if frame.subject_actor else []
    found = sorted(terms(frame))
    keys.extend(f"{frame.subject}:{a}+{b}" for a, b in combinations(found, MIN_SHARED))
    return keys


def _same_target(a: Frame, b: Frame) -> float | None:
    if a.subject_actor and b.subject_actor:
        return 1.0 if a.subject_actor == b.subject_actor else None
    if a.subject != b.subject:
        return None
    ta, tb = terms(a), terms(b)
    shared = ta & tb
    if len(shared) < MIN_SHARED or not (ta <= tb or tb <= ta):
        return None
    return len(shared) / max(len(ta), len(tb))


def match_evaluations(xs: tuple[Frame, ...], ys: tuple[Frame, ...]) -> EvaluationMatch | None:
    """The relation of two claims' evaluations; evaluations that say both "same" and
    "contradicts" of one pair are no evidence: None."""
    found = []
    for a in xs:
        for b in ys:
            score = _same_target(a, b)
            if score is None:
                continue
            kind = "same" if a.polarity == b.polarity else "contradicts"
            found.append(EvaluationMatch(kind, score, f"evaluation: {describe(a)} ~ {describe(b)}"))
    if len({m.kind for m in found}) != 1:
        return None
    return min(found, key=lambda m: (-m.score, m.why))
