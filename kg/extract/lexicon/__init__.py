"""The word lists extraction uses, kept as data: one plain-text file per list in this folder.

Each ``<name>.txt`` holds one entry a line. Lines starting with ``#`` are comments: the first
says what the list is for, a ``# Used by:`` line which modules read it. Entries are lowercase
lemmas unless the header says otherwise (spaCy labels, surface forms, `NOT_ACTORS`). Phrase
lists hold one phrase a line, words separated by spaces; `NOMINAL_KINDS` maps a noun to actor
kinds (``noun<TAB>kind kind``). Every file is read once, on import, into the frozensets, tuples
and dicts below. A few lists are unions of others (`CLAUSE_VERBS`, `CUE_VERBS`, `CUE_NOUNS`,
`SOURCE_NOUNS`, `QUOTE_CUES`): they are built here, and their files list only what they add.

To change a list, edit its file; to add one, add a file and a line here (and the test in
tests/extract/test_lexicon.py checks its header). Pronoun kinds live in `kg.resolve.names`
(actor identity needs them without spaCy) and are re-exported here.
"""

from __future__ import annotations

from importlib.resources import files

from kg.resolve.names import PRONOUN_KINDS

__all__ = ["PRONOUN_KINDS", "entries", "list_names"]


def entries(name: str) -> list[str]:
    """The entries of list ``name`` (its file ``<name>.txt``, lowercase), comments dropped."""
    text = files(__name__).joinpath(f"{name.lower()}.txt").read_text(encoding="utf-8")
    return [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]


def list_names() -> list[str]:
    """The names of every list kept as a file here, in upper case as the constants are named."""
    return sorted(
        p.name.removesuffix(".txt").upper()
        for p in files(__name__).iterdir()
        if p.name.endswith(".txt")
    )


def _words(name: str) -> frozenset[str]:
    return frozenset(entries(name))


def _phrases(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(line.split()) for line in entries(name))


def _kinds(name: str) -> dict[str, tuple[str, ...]]:
    return {word: tuple(kinds.split()) for word, kinds in (e.split("\t") for e in entries(name))}


# --- cues: what marks an attribution, and how its content hangs off it --------------------------
REPORT_VERBS = _words("REPORT_VERBS")
CLAUSE_VERBS = REPORT_VERBS | _words("CLAUSE_VERBS")
XCOMP_VERBS = _words("XCOMP_VERBS")
OBJECT_VERBS = _words("OBJECT_VERBS")
TO_VERBS = _words("TO_VERBS")
HEARER_VERBS = _words("HEARER_VERBS")
CONTENT_PREPS = _words("CONTENT_PREPS")
PREP_VERBS = _words("PREP_VERBS")
#: every verb that can cue an attribution
CUE_VERBS = CLAUSE_VERBS | XCOMP_VERBS | OBJECT_VERBS | PREP_VERBS | TO_VERBS
ACTION_VERBS = _words("ACTION_VERBS")
ATTITUDE_VERBS = _words("ATTITUDE_VERBS")
FINDING_VERBS = _words("FINDING_VERBS")
ATTITUDE_NOUNS = _words("ATTITUDE_NOUNS")
ATTITUDE_ADJECTIVES = _words("ATTITUDE_ADJECTIVES")
AMOUNT_NOUNS = _words("AMOUNT_NOUNS")
NOT_CUE_VERBS = _words("NOT_CUE_VERBS")
RAISING_VERBS = _words("RAISING_VERBS")
REPORT_NOUNS = _words("REPORT_NOUNS")
CUE_NOUNS = REPORT_NOUNS | _words("CUE_NOUNS")
LIGHT_VERBS = _words("LIGHT_VERBS")
CUE_ADJECTIVES = _words("CUE_ADJECTIVES")
QUOTE_VERBS = _words("QUOTE_VERBS")
#: the verbs that can introduce a quotation beside it
QUOTE_CUES = CUE_VERBS | QUOTE_VERBS
SPEECH_NOUNS = _words("SPEECH_NOUNS")
TESTIMONY_VERBS = _words("TESTIMONY_VERBS")

# --- stance ---------------------------------------------------------------------------------------
DENY_VERBS = _words("DENY_VERBS")
QUESTION_VERBS = _words("QUESTION_VERBS")
ASKING_VERBS = _words("ASKING_VERBS")
FACTIVE_VERBS = _words("FACTIVE_VERBS")
AS_NOUNS = _words("AS_NOUNS")
PREDICT_VERBS = _words("PREDICT_VERBS")
FUTURE_PREDICATES = _words("FUTURE_PREDICATES")
VIEW_VERBS = _words("VIEW_VERBS")
PUBLISH_VERBS = _words("PUBLISH_VERBS")
CONSEQUENCE_VERBS = _words("CONSEQUENCE_VERBS")
HEDGE_VERBS = _words("HEDGE_VERBS")
HEDGE_WORDS = _words("HEDGE_WORDS")

# --- content edges --------------------------------------------------------------------------------
CONCESSIVE_MARKS = _words("CONCESSIVE_MARKS")
CHANNEL_NOUNS = _words("CHANNEL_NOUNS")

# --- claimers -------------------------------------------------------------------------------------
PEOPLE_NOUNS = _words("PEOPLE_NOUNS")
ANONYMOUS_MARKERS = _words("ANONYMOUS_MARKERS")
ANONYMOUS_HEADS = _words("ANONYMOUS_HEADS")
SPOKES_NOUNS = _words("SPOKES_NOUNS")
SPEAKING_ROLES = _words("SPEAKING_ROLES")
NOMINAL_KINDS = _kinds("NOMINAL_KINDS")
DESCRIPTOR_KINDS = _kinds("DESCRIPTOR_KINDS")
PERSON_PRONOUNS = _words("PERSON_PRONOUNS")
FIRST_SECOND_PRONOUNS = _words("FIRST_SECOND_PRONOUNS")
ROLE_NOUNS = _words("ROLE_NOUNS")
MEDIA_NOUNS = _words("MEDIA_NOUNS")
#: nouns that can stand for a claimer when no actor is recognised
SOURCE_NOUNS = PEOPLE_NOUNS | ROLE_NOUNS | MEDIA_NOUNS | frozenset(NOMINAL_KINDS)
SOURCE_DOCS = _words("SOURCE_DOCS")
FINDING_NOUNS = _words("FINDING_NOUNS")
DOCUMENT_NOUNS = _words("DOCUMENT_NOUNS")
ISSUED_NOUNS = _words("ISSUED_NOUNS")
OCCASION_NOUNS = _words("OCCASION_NOUNS")
NOT_CLAIMERS = _words("NOT_CLAIMERS")
NOT_ACTORS = _words("NOT_ACTORS")

# --- names: what the NER takes for an actor's name and is not (kg.extract.entities) ---------------
DEMONYMS = _words("DEMONYMS")
TITLE_FRAGMENTS = _words("TITLE_FRAGMENTS")
TOPIC_NAMES = _phrases("TOPIC_NAMES")
TERM_HEADS = _words("TERM_HEADS")
APPOSITION_KINDS = _kinds("APPOSITION_KINDS")
VENUE_NOUNS = _words("VENUE_NOUNS")
PORTFOLIO_WORDS = _words("PORTFOLIO_WORDS")
WORKPLACE_KINDS = _kinds("WORKPLACE_KINDS")
PLACE_NAMES = _phrases("PLACE_NAMES")

# --- claimer phrases that name no actor, or an unnamed one (kg.extract.referents) -----------------
UNNAMED_PEOPLE = _words("UNNAMED_PEOPLE")
GROUP_QUANTIFIERS = _words("GROUP_QUANTIFIERS")
STANDALONE_PRONOUNS = _words("STANDALONE_PRONOUNS")
AUTHORED_DOCUMENTS = _words("AUTHORED_DOCUMENTS")
DATA_NOUNS = _words("DATA_NOUNS")
SPEAKS_FOR_ROLES = _words("SPEAKS_FOR_ROLES")

# --- opinion writing: argument units and the author's own claims ----------------------------------
BACKGROUND_GENRES = _words("BACKGROUND_GENRES")
AUTHOR_SUBJECTS = _words("AUTHOR_SUBJECTS")
GENERIC_VOICES = _words("GENERIC_VOICES")
EVENT_VERBS = _words("EVENT_VERBS")
DISCOURSE_VERBS = _words("DISCOURSE_VERBS")
TEASER_NOUNS = _words("TEASER_NOUNS")
PROCEDURE_NOUNS = _words("PROCEDURE_NOUNS")
SELF_NOUNS = _words("SELF_NOUNS")
EVIDENCE_SUBJECTS = _words("EVIDENCE_SUBJECTS")
INFERENCE_VERBS = _words("INFERENCE_VERBS")
REQUEST_OPENERS = _words("REQUEST_OPENERS")
REQUEST_VERBS = _words("REQUEST_VERBS")
BIO_ROLES = _words("BIO_ROLES")
SPLIT_MARKS = _words("SPLIT_MARKS")
JOINED_MARKS = _words("JOINED_MARKS")
RESTRICTING_MARKS = _words("RESTRICTING_MARKS")
CONTRAST_OPENERS = _words("CONTRAST_OPENERS")
MIND_VERBS = _words("MIND_VERBS")
EXAMPLE_OPENERS = _phrases("EXAMPLE_OPENERS")
DATA_SOURCES = _words("DATA_SOURCES")

# --- evidence -------------------------------------------------------------------------------------
STAT_LABELS = _words("STAT_LABELS")
TIME_LABELS = _words("TIME_LABELS")
MAGNITUDE_WORDS = _words("MAGNITUDE_WORDS")
MULTIPLE_WORDS = _words("MULTIPLE_WORDS")
PERCENT_WORDS = _words("PERCENT_WORDS")
PER_UNITS = _words("PER_UNITS")
CURRENCY_SIGNS = _words("CURRENCY_SIGNS")
LAW_WORDS = _words("LAW_WORDS")
EVENT_NOUNS = _words("EVENT_NOUNS")
BACKWARD_MARKERS = _phrases("BACKWARD_MARKERS")
FORWARD_MARKERS = _phrases("FORWARD_MARKERS")
SHOW_VERBS = _words("SHOW_VERBS")
CITE_VERBS = _phrases("CITE_VERBS")
EVIDENCE_NOUNS = _words("EVIDENCE_NOUNS")
EVIDENCING_VERBS = _words("EVIDENCING_VERBS")
EVIDENCE_SOURCES = _words("EVIDENCE_SOURCES")
STAT_NOUNS = _words("STAT_NOUNS")
SAID_NOUNS = _words("SAID_NOUNS")
EXAMPLE_NOUNS = _words("EXAMPLE_NOUNS")
ANNOUNCE_WORDS = _words("ANNOUNCE_WORDS")
RESEARCHERS = _words("RESEARCHERS")
RESEARCH_VERBS = _words("RESEARCH_VERBS")
IMPERSONAL_VERBS = _words("IMPERSONAL_VERBS")
PERSUADE_VERBS = _words("PERSUADE_VERBS")
FIRSTHAND_NOUNS = _words("FIRSTHAND_NOUNS")

# --- claim frames (kg.extract.frames) and rebuttals (kg.extract.rebuttals) ------------------------
FRAME_ANTONYMS = _phrases("FRAME_ANTONYMS")
NEGATING_VERBS = _words("NEGATING_VERBS")
CHAIN_VERBS = _words("CHAIN_VERBS")
MODAL_VERBS = _phrases("MODAL_VERBS")
PREDICATE_NOUNS = _phrases("PREDICATE_NOUNS")
REBUTTAL_VERBS = _words("REBUTTAL_VERBS")
POINTER_NOUNS = _words("POINTER_NOUNS")
FALSE_WORDS = _words("FALSE_WORDS")

# --- evaluation frames (kg.extract.evaluations) ------------------------------------------------
HELP_VERBS = _words("HELP_VERBS")
HARM_VERBS = _words("HARM_VERBS")
BOOST_VERBS = _words("BOOST_VERBS")
ADVERSARY_WORDS = _words("ADVERSARY_WORDS")
VALUE_NOUNS = _words("VALUE_NOUNS")
POLICY_NOUNS = _phrases("POLICY_NOUNS")
