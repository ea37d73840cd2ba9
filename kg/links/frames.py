"""Comparing two claims' frames (kg.model.Frame, read at extraction by kg.extract.frames).

Two frames describe the same event when their predicates have the same sense (synonyms and
opposites grouped at extraction), their subjects name the same thing and so do their objects:
the same actor, or the same head noun up to the noun groups in ``noun_groups.txt`` beside this
module ("rule", "control", "sanction", "regime" ...). Then:

- same direction (both "cut", or both "raise") and the same polarity: the same claim;
- same direction and opposite polarity ("cut" / "failed to cut"): a contradiction;
- opposite directions ("cut" / "raise"), both affirmed: a contradiction; an opposite that is
  negated ("did not raise") neither repeats nor contradicts "cut", so no link.

A contradiction also needs the same modality, and not a mere possibility ("will cut" and "did
not cut" can both be true, and so can "may cut" and "may not cut"); the same claim needs the
same kind of modality (what is, what may or will be, what should be). A frame whose subject or
object names two different actors is never the same event.

A verdict on a policy (`is_policy_verdict`: the sense `VERDICT`, no object, a subject of the
policy group) is compared like any frame; kg.links.similarity asks no shared words of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from kg.model import VERDICT, Frame


@lru_cache(maxsize=1)
def noun_groups() -> dict[str, str]:
    """noun lemma -> the first noun of its group (one group a line in noun_groups.txt)."""
    text = files("kg.links").joinpath("noun_groups.txt").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        for word in words:
            out.setdefault(word, words[0])
    return out


def noun_class(lemma: str) -> str:
    return noun_groups().get(lemma, lemma)


def same_thing(lemma_a: str, actor_a: str | None, lemma_b: str, actor_b: str | None) -> bool:
    if actor_a and actor_b:
        # two named actors: the same one, whatever the head noun ("Huawei" / "the company")
        return actor_a == actor_b
    if not lemma_a and not lemma_b:
        return True
    return bool(lemma_a) and noun_class(lemma_a) == noun_class(lemma_b)


@dataclass(frozen=True)
class FrameMatch:
    kind: str  # "same" | "contradicts"
    why: str  # a sentence for the side panel


def describe(frame: Frame) -> str:
    """'rule | cut | shipment (negative: failed to)'."""
    parts = [frame.subject, frame.predicate]
    if frame.object:
        parts.append(frame.object)
    text = " | ".join(parts)
    notes = []
    if frame.polarity == "negative":
        notes.append("negated" + (f": {frame.negation}" if frame.negation else ""))
    if frame.modality != "actual":
        notes.append(frame.modality)
    return text + (f" ({', '.join(notes)})" if notes else "")


#: the noun groups (``noun_groups.txt``) of policies, which a verdict may judge
POLICY_CLASSES = frozenset({"control"})


def is_policy_verdict(frame: Frame) -> bool:
    """Whether a frame is a verdict on a policy: "the controls failed", "the sanctions were a
    success" (no object: "the firm succeeded in X" says something else)."""
    return (
        frame.sense == VERDICT and not frame.object and noun_class(frame.subject) in POLICY_CLASSES
    )


def match_frames(a: Frame, b: Frame) -> FrameMatch | None:
    """How two frames relate: the same claim, a contradiction, or nothing (None)."""
    if a.sense != b.sense or not a.sense:
        return None
    if not same_thing(a.subject, a.subject_actor, b.subject, b.subject_actor):
        return None
    if not same_thing(a.object, a.object_actor, b.object, b.object_actor):
        return None
    if _MODAL_KIND.get(a.modality, a.modality) != _MODAL_KIND.get(b.modality, b.modality):
        return None
    both = f"{describe(a)} ~ {describe(b)}"
    if a.inverse == b.inverse and a.polarity == b.polarity:
        return FrameMatch("same", f"same frame: {both}")
    if a.modality != b.modality or a.modality == "possible":
        return None
    if a.inverse == b.inverse:
        return FrameMatch("contradicts", f"same frame, opposite polarity: {both}")
    if a.polarity == b.polarity == "positive":
        return FrameMatch("contradicts", f"opposite predicates: {both}")
    return None


#: modalities that count as one kind when two frames are compared for the same claim
_MODAL_KIND = {"future": "potential", "possible": "potential", "able": "potential"}


def match_frame_sets(
    xs: tuple[Frame, ...],
    ys: tuple[Frame, ...],
    comparable: Callable[[Frame, Frame], bool] | None = None,
) -> FrameMatch | None:
    """The relation of two claims' frames (a claim stated in several articles may have several,
    and a claim with coordinated predicates one for each) among the pairs ``comparable``
    allows; frames that say both "same" and "contradicts" of one pair are no evidence: None."""
    found = [
        m
        for x in xs
        for y in ys
        if (comparable is None or comparable(x, y)) and (m := match_frames(x, y)) is not None
    ]
    kinds = {m.kind for m in found}
    if len(kinds) != 1:
        return None
    return min(found, key=lambda m: m.why)
