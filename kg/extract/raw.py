"""The records claim patterns work with: what a pattern reads (`PatternInput`) and what it
yields (`RawClaim`), in doc character offsets. `kg.extract.build` turns raw claims into
`kg.model.Claim`s; `kg.extract.registry` runs the patterns."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from kg.extract.mentions import ActorIndex
from kg.extract.speakers import Speaker
from kg.model import Actor


@dataclass(frozen=True)
class RawClaim:
    """A claim as a pattern finds it: doc character offsets, before the article's offsets,
    ids and actors are attached (`kg.extract.build` turns it into a `kg.model.Claim`)."""

    start: int
    end: int
    attribution: str
    speaker: Speaker | None
    cue: tuple[int, int, str] | None
    sentence: tuple[int, int]
    stance: str
    hedged: bool
    negated_root: int | None  # doc token index of a negation to drop from the proposition
    pattern: str  # the versioned name of the pattern that found it
    #: a rebuttal ("X rejected that account"): the claim it points back to, whose proposition
    #: it states with the stance "denies" (kg.extract.rebuttals)
    refers_to: RawClaim | None = None


@dataclass(frozen=True)
class PatternInput:
    """What a pattern reads: the parsed article and what earlier stages found."""

    doc: Doc
    index: ActorIndex  # the article's actor mentions
    doc_key: str  # short key of the article, scoping actors named only in it ("he")
    title: str | None = None
    prior: tuple[RawClaim, ...] = ()  # claims of the earlier stages, in text order
    genre: str | None = None  # the genre as kg.genres reads it (None: unknown)
    #: who speaks the text's own sentences (the author stage): the actor, and the names the
    #: issuer goes by in the source's metadata (author, outlet), to tell its own actions apart
    voice: Actor | None = None
    issuer: str = ""


@dataclass(frozen=True)
class RawEvidence:
    """An evidence item as a finder finds it, in doc character offsets.

    ``target`` is the span of what it is offered for (the that-clause of "the report shows
    that ...", the sentence a "citing X" hangs on): it supports the claims there. ``reach``
    says where else to look when no claim lies there: ``"back"`` (the claims just before,
    "For example, ..."), ``"around"`` (an argument unit of opinion writing: the claims its
    discourse markers point to) or ``""``: nowhere. No marker, no link
    (`kg.extract.linking`).
    """

    start: int
    end: int
    kind: str
    confidence: float
    sentence: tuple[int, int]
    entity: str | None = None  # the gazetteer actor a document or event names
    target: tuple[int, int] | None = None
    reach: str = ""
    finder: str = ""  # the versioned name of the finder that found it
