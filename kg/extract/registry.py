"""Claim patterns under versioned names, registered as spaCy registers its components.

A claim pattern is a function that reads one parsed article (a `PatternInput`) and yields
`kg.extract.raw.RawClaim` records. It registers itself under a versioned name,
``namespace.name.vN`` ("kg.reported_speech.v1"), with the confidence its claims get. The name
travels with every claim it finds: `RawClaim.pattern`, `kg.model.Claim.pattern` and the stored
``kg:pattern`` literal, so a graph says which version of which pattern made each statement.

Stages and order
----------------
`kg.extract.build.build_extraction` runs the patterns in three stages; inside a stage, in
ascending ``order`` (unique within the stage; earlier patterns win ties between claims of the
same content, so order matters):

1. ``attribution``: patterns that read the Doc alone (speaker turns, reported speech,
   "according to", a source a sentence stands in, nominal forms, stance adjectives). Their
   claims are then reduced to one per content and quotations broken by their attribution
   are joined.
2. ``quotation``: patterns given the claims of stage 1 (``PatternInput.prior``): direct
   quotations not yet claimed, with their speaker. The result is merged again.
3. ``author``: only in opinion and analysis writing with a byline, given every claim so far:
   the author's own assertions.
4. ``rebuttal``: given every claim so far, denials that point back at one of them ("X rejected
   that account", kg.extract.rebuttals); a rebuttal replaces the claims found in its pointing
   words.

A pattern may label its claims with more than one name when it finds one thing in several
ways with different reliability (a quotation whose speaker is named in its own sentence, or
only in the sentence before): each such name is a *variant*, declared with its own confidence.
Every name a claim carries is checked when the claim is yielded: a name that was not declared
is an error (`kg.errors.PatternError`), never a default confidence.

How to add a pattern
--------------------
1. Write a function in a module of ``kg/extract/`` (spaCy is allowed there)::

       @claim_pattern("kg.warning_noun.v1", confidence=0.6, order=70)
       def warning_nouns(given: PatternInput) -> Iterator[RawClaim]:
           for tok in given.doc:
               ...
               claim = make_claim(given.doc, start, end, speaker=..., cue=..., cue_lemma=...,
                                  sent=sentence_of(tok), pattern="kg.warning_noun.v1")
               if claim:
                   yield claim

   The function takes a `kg.extract.raw.PatternInput` and yields `kg.extract.raw.RawClaim`s.
   Build claims with `kg.extract.claims.make_claim` (it trims the span and sets the stance)
   and find the claimer with `kg.extract.speakers.speaker_of`. Offsets are doc character
   offsets.
2. Pick the stage (``stage="attribution"`` is the default) and an ``order`` not yet taken
   in it; pass ``variants={"kg.other_name.v1": 0.5}`` for any further names its claims carry.
3. Import the module in `kg.extract.build` (importing it registers the pattern), and add
   tests on short sentences written for them in ``tests/extract/``.
4. Changing what an existing pattern finds means a new version (``.v2``): the stored
   ``kg:pattern`` literals of earlier ingests keep naming the version that made them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from kg.errors import PatternError
from kg.extract.raw import PatternInput, RawClaim

#: the stages, in the order `build_extraction` runs them
STAGES = ("attribution", "quotation", "author", "rebuttal")

_NAME = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.v[0-9]+")


PatternFunc = Callable[[PatternInput], Iterable[RawClaim]]


@dataclass(frozen=True)
class ClaimPattern:
    """One registered pattern: its function, names, confidences and place in the run."""

    name: str
    func: PatternFunc
    confidence: float
    stage: str
    order: int
    variants: Mapping[str, float] = field(default_factory=dict)

    @property
    def names(self) -> frozenset[str]:
        """Every name the pattern's claims may carry: its own and its variants'."""
        return frozenset([self.name, *self.variants])

    def run(self, given: PatternInput) -> Iterable[RawClaim]:
        """The pattern's claims; a claim labelled with an undeclared name is an error."""
        names = self.names
        for claim in self.func(given):
            if claim.pattern not in names:
                raise PatternError(
                    f"pattern {self.name!r} yielded a claim named {claim.pattern!r}",
                    hint=f"declare it: variants={{{claim.pattern!r}: confidence}}",
                )
            yield claim


class Registry:
    """Claim patterns by name; `REGISTRY` is the one `build_extraction` runs."""

    def __init__(self) -> None:
        self._patterns: dict[str, ClaimPattern] = {}
        self._confidence: dict[str, float] = {}  # every name, variants included

    def register(self, pattern: ClaimPattern) -> ClaimPattern:
        """Add a pattern; a malformed or taken name, stage or order is an error.

        Registering the same function again (a module reloaded) replaces it.
        """
        for name, conf in [(pattern.name, pattern.confidence), *pattern.variants.items()]:
            if not _NAME.fullmatch(name):
                raise PatternError(
                    f"pattern name {name!r} is not versioned",
                    hint="name patterns namespace.name.vN, e.g. 'kg.reported_speech.v1'",
                )
            if not 0.0 <= conf <= 1.0:
                raise PatternError(f"pattern {name!r}: confidence {conf} is not in [0, 1]")
        if pattern.stage not in STAGES:
            raise PatternError(
                f"pattern {pattern.name!r}: unknown stage {pattern.stage!r}",
                hint=f"one of {', '.join(STAGES)}",
            )
        old = self._owner_of(pattern)
        if old is not None and _qualname(old.func) != _qualname(pattern.func):
            raise PatternError(
                f"pattern {pattern.name!r}: a name is already registered by {old.name!r}"
            )
        if old is not None:
            self.remove(old.name)
        clash = next(
            (
                p
                for p in self._patterns.values()
                if p.stage == pattern.stage and p.order == pattern.order
            ),
            None,
        )
        if clash is not None:
            raise PatternError(
                f"pattern {pattern.name!r}: order {pattern.order} in stage {pattern.stage!r} "
                f"is taken by {clash.name!r}"
            )
        self._patterns[pattern.name] = pattern
        self._confidence[pattern.name] = pattern.confidence
        self._confidence.update(pattern.variants)
        return pattern

    def remove(self, name: str) -> None:
        """Drop a pattern (and its variants) by its own name."""
        pattern = self.get(name)
        del self._patterns[name]
        for n in pattern.names:
            self._confidence.pop(n, None)

    def get(self, name: str) -> ClaimPattern:
        """The pattern registered under ``name`` (its own name, not a variant's)."""
        try:
            return self._patterns[name]
        except KeyError:
            raise _unknown(name, self._patterns) from None

    def confidence(self, name: str) -> float:
        """The confidence of claims carrying ``name`` (a pattern's or a variant's)."""
        try:
            return self._confidence[name]
        except KeyError:
            raise _unknown(name, self._confidence) from None

    def names(self) -> dict[str, float]:
        """Every registered name, variants included, with its confidence."""
        return dict(self._confidence)

    def stage(self, stage: str) -> list[ClaimPattern]:
        """The patterns of one stage, in the order they run."""
        if stage not in STAGES:
            raise PatternError(f"unknown stage {stage!r}", hint=f"one of {', '.join(STAGES)}")
        return sorted((p for p in self._patterns.values() if p.stage == stage), key=_order)

    def run(self, stage: str, given: PatternInput) -> list[RawClaim]:
        """The claims of every pattern of ``stage``, pattern after pattern."""
        return [claim for pattern in self.stage(stage) for claim in pattern.run(given)]

    def _owner_of(self, pattern: ClaimPattern) -> ClaimPattern | None:
        """A registered pattern holding one of ``pattern``'s names."""
        for p in self._patterns.values():
            if p.names & pattern.names:
                return p
        return None


def _order(pattern: ClaimPattern) -> int:
    return pattern.order


def _qualname(func: Callable[..., object]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def _unknown(name: str, known: Mapping[str, object]) -> PatternError:
    return PatternError(
        f"no extraction pattern is registered as {name!r}",
        hint="registered: " + ", ".join(sorted(known)),
    )


#: the patterns `kg.extract.build.build_extraction` runs (filled as the pattern modules load)
REGISTRY = Registry()


def claim_pattern(
    name: str,
    *,
    confidence: float,
    order: int,
    stage: str = "attribution",
    variants: Mapping[str, float] | None = None,
    registry: Registry | None = None,
) -> Callable[[PatternFunc], PatternFunc]:
    """Register the decorated function as a claim pattern (see the module docstring)."""

    def register(func: PatternFunc) -> PatternFunc:
        (registry or REGISTRY).register(
            ClaimPattern(name, func, confidence, stage, order, dict(variants or {}))
        )
        return func

    return register


def confidence(name: str) -> float:
    """The confidence of claims carrying the pattern name ``name`` in `REGISTRY`."""
    return REGISTRY.confidence(name)
