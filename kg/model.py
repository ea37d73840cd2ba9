"""Plain frozen dataclasses passed between the pipeline stages.

Nothing here imports spaCy, rdflib, pyoxigraph or pyvis: every stage can be
tested on its own by building these records by hand.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

#: Actor kinds. The first group are speakers; the second are things claims are about: models,
#: chips, rules, and places (cities, provinces, regions, US states: where something happens).
ACTOR_KINDS = (
    "state",
    "government_body",
    "company",
    "international_body",
    "person",
    "group",
    "anonymous",
    "organization",
    "model",
    "chip",
    "rule",
    "place",
)

STANCES = ("asserts", "denies", "questions", "predicts")
#: How a statement is attributed: ``reported`` (a source quoted or paraphrased), ``author``
#: (the voice of the text itself: the byline author, or the issuer of a statement or the outlet of
#: an unsigned editorial), ``attitude`` (an internal state attributed to someone: an intention, a
#: wish, a decision, a worry, a request, a stance toward a thing; not a proposition put forward,
#: so not a claim: kept apart in `Extraction.attitudes`).
ATTRIBUTIONS = ("reported", "author", "attitude")
EVIDENCE_KINDS = ("statistic", "document", "event", "testimony", "example")


_SPACE = re.compile(r"\s+")


def text_key(body: str) -> str:
    """The identity of a text, from its content: the sha256 (hex) of ``body`` in Unicode NFC
    with every run of whitespace folded to one space and the ends stripped.

    So the same text is one article wherever it was read from (two folders, two outlets that
    syndicate it, a file re-saved with other line breaks or composed accents); any other
    change of a character is another text.
    """
    folded = _SPACE.sub(" ", unicodedata.normalize("NFC", body)).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """One article as read from one source, before any NLP.

    ``text`` is the text exactly as read and as offsets index it (front matter included).
    ``key`` names the source: its URL when known, else its file's real path (``stdin:``
    and a hash for standard input, ``path#line`` or ``path#id`` for a JSON Lines record);
    the ``sha256`` of ``text`` tells whether the source changed since the last ingest.
    ``text_key`` is the identity of the text itself (kg.model.text_key of everything after
    the front matter): one text read from several sources is one article in the store,
    with one publication per source (syndication).
    """

    key: str
    text: str
    sha256: str
    source: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    genre: str | None = None  # news, opinion, analysis, statement, ...
    body_start: int = 0  # where the article body starts in ``text`` (after front matter)
    body_end: int = -1  # where it ends (before a trailing byline and bio); -1 = end of text
    byline: Span | None = None  # where the author's name stands in the text, if it does

    @property
    def body(self) -> str:
        end = len(self.text) if self.body_end < 0 else self.body_end
        return self.text[self.body_start : end]

    @cached_property
    def text_key(self) -> str:
        return text_key(self.text[self.body_start :])


@dataclass(frozen=True)
class Publication:
    """One source's copy of a text: where and how it was published.

    A text ingested from two folders, or syndicated by two outlets, is one article with two
    publications. ``sha256`` is that of the text as read from this source (front matter and
    all). When kg first saw it is provenance, kept in the meta graph (kg:firstSeen).
    """

    source_key: str
    sha256: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None

    @classmethod
    def of(cls, article: Article) -> Publication:
        return cls(
            source_key=article.key,
            sha256=article.sha256,
            title=article.title,
            outlet=article.outlet,
            date=article.date,
            url=article.url,
        )


@dataclass(frozen=True)
class Span:
    """A character span of the article text (Python code points, end exclusive)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    """A canonical actor (or artifact) known to the gazetteer or found in text."""

    id: str
    name: str
    kind: str
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    in_gazetteer: bool = False


@dataclass(frozen=True)
class Mention:
    """One occurrence of an actor in an article."""

    actor_id: str
    start: int
    end: int
    text: str
    how: str = ""  # how the surface form was resolved to the actor (kg.resolve.aliases)


@dataclass(frozen=True)
class Evidence:
    """Something offered in support of a claim: a figure, a document, an event, a quote, an example."""

    id: str
    kind: str
    span: Span
    confidence: float = 0.5
    entity: str | None = None  # gazetteer actor id a cited document or event names
    sentence: Span | None = None  # the sentence it stands in (shown with the evidence marked)


#: a frame's modality: what the proposition says of its event
MODALITIES = ("actual", "future", "possible", "able", "necessary")


@dataclass(frozen=True)
class Frame:
    """A claim normalised to who/what does what to whom, for comparing claims across articles.

    Read from the parse of the claim's words (kg.extract.frames): the head lemma of the
    subject and of the object (with the actor each names, when one does), the predicate's
    lemma with its particle ("hold back"), and the *sense*: the first verb of the antonym
    group the predicate belongs to (cut for "raise", ``inverse`` True), so "cut" and "raise"
    compare as opposites. ``polarity`` is "negative" when the event is negated ("not",
    "never", "no longer", "failed to", "has yet to": ``negation`` keeps the words).
    Passives are read as actives ("shipments were cut by the rules": subject rule).
    ``numbers`` are the numbers of the frame's own clause when the claim has several
    predicates ("runs on $200 million and has few officers": none for "has few officers");
    None when the frame is the claim's only one, whose numbers are the claim's.
    """

    subject: str
    predicate: str
    sense: str
    object: str = ""
    subject_actor: str | None = None
    object_actor: str | None = None
    inverse: bool = False
    polarity: str = "positive"  # "positive" | "negative"
    modality: str = "actual"  # one of MODALITIES
    negation: str = ""
    numbers: tuple[str, ...] | None = None

    @property
    def key(self) -> str:
        """All fields in one line (stored as kg:frameKey; kg.links reads frames from it); a
        frame with numbers of its own has an eleventh field, them joined by "+"."""
        own = [] if self.numbers is None else ["+".join(self.numbers)]
        return FRAME_SEP.join(
            [
                self.subject,
                self.subject_actor or "",
                self.predicate,
                self.sense,
                "1" if self.inverse else "0",
                self.object,
                self.object_actor or "",
                self.polarity,
                self.modality,
                self.negation,
                *own,
            ]
        )

    @classmethod
    def from_key(cls, key: str) -> Frame | None:
        """The frame a `key` line describes (None when it is not one)."""
        parts = key.split(FRAME_SEP)
        if len(parts) not in (10, 11):
            return None
        subj, subj_actor, pred, sense, inv, obj, obj_actor, polarity, modality, neg = parts[:10]
        numbers = tuple(filter(None, parts[10].split("+"))) if len(parts) == 11 else None
        return cls(
            subject=subj,
            predicate=pred,
            sense=sense,
            object=obj,
            subject_actor=subj_actor or None,
            object_actor=obj_actor or None,
            inverse=inv == "1",
            polarity=polarity,
            modality=modality,
            negation=neg,
            numbers=numbers,
        )


FRAME_SEP = "|"
#: the sense of a frame that is a claim's evaluation of a policy (kg.extract.evaluations), not an event
EVALUATION = "=evaluation"
#: the sense of verdict predicates ("succeed", "work", "pay off" / "fail", "backfire"; "be a
#: failure", "do its job"): the first verb of their line in kg.extract's FRAME_ANTONYMS
VERDICT = "succeed"


@dataclass(frozen=True)
class Claim:
    """One statement of a claim in an article: who said what, how, where.

    ``text`` is the claim content as it stands in the article (``span``);
    ``proposition`` is its normalised form, shared by every article that states
    the same thing. Text and stance read right together: a negation in the content stays
    in both ("the sale would not harm security", ``asserts``); ``denies`` is the stance of
    a speaker rejecting the proposition as written ("X denied that the firm broke the rules").
    """

    id: str
    span: Span
    proposition: str
    attribution: str  # "reported" | "author" | "attitude" (see ATTRIBUTIONS)
    speaker: str | None  # actor id of the claimer, None when unknown
    claimer: Mention | None  # where the claimer stands in the text (None if not in the text)
    cue: Span | None
    sentence: Span
    stance: str = "asserts"
    hedged: bool = False
    confidence: float = 0.5
    about: tuple[str, ...] = ()  # actor ids mentioned in the claim content
    evidence: tuple[str, ...] = ()  # evidence ids
    pattern: str = ""  # which extractor found it
    #: the text as the stance reads it: empty when that is the text as written (``span``);
    #: for a denial read off a negation ("would not harm", ``denies``) the text without it
    #: ("would harm"), so that stance and text never say the opposite of the article
    reading: str = ""
    frame: Frame | None = None  # the proposition as who/what does what to whom, when parsed
    #: the frames of the predicates coordinated with the frame's ("X has few officers and
    #: cannot check ..."): the claim states each event, so each one may match another claim
    more_frames: tuple[Frame, ...] = ()
    #: the policy the proposition judges and whether good or bad (a Frame of sense EVALUATION)
    evaluation: Frame | None = None
    #: a rebuttal ("X rejected that account"): the id of the claim in this article it points
    #: back to; the rebuttal states that claim's proposition with the stance "denies"
    rebuts: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article.

    ``claims`` are propositions someone puts forward; ``attitudes`` are internal states
    attributed to someone ("X wants to ...", "X criticised the decision"), records of the same
    shape with attribution ``attitude``: research corpora such as PolNeAR count them as
    attributions, analysts do not count them as claims, and the graph keeps them apart.
    """

    article: Article
    actors: tuple[Actor, ...]
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]
    evidence: tuple[Evidence, ...]
    pipeline: str = ""  # spaCy pipeline name and version
    #: what the extractor had to work around in this article (a sentence too long, cut),
    #: for the caller to report; the library never prints
    warnings: tuple[str, ...] = ()
    attitudes: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class ExtractionFailed:
    """An article that could not be extracted where the work ran (a cluster worker), by name:
    the error's code, message and hint, so the caller reports it and goes on."""

    article: Article
    code: str
    message: str
    hint: str | None = None
