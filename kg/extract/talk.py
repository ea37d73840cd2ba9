"""Sentences that manage the talk itself, not the world: 'I want to thank ...', 'I'd like to
make four points', 'I'm here to talk about ...', 'You and I spoke about this plan'. With a
first-person subject they put no proposition forward: no claim, in the author's voice
(kg.extract.author) or in a quotation (kg.extract.claims)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.docs import clause_root
from kg.extract.lexicon import DISCOURSE_VERBS

FIRST_PERSON = frozenset(["i", "we"])
_SPEECH_OBJECTS = frozenset(
    ["statement", "point", "remark", "comment", "case", "announcement", "observation", "speech"]
)

_BE_FORMS = frozenset(["am", "are", "'m", "’m", "'re", "’re"])  # the tagger may not lemmatise "’m"


def managing_talk(root: Token, lemma: str) -> bool:
    """'I want to thank ...', 'I'd like to make four points', 'I look forward to ...', 'I
    shall make a statement', 'I'm here to talk about ...', 'We must consider ...'."""
    if lemma == "make":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _SPEECH_OBJECTS for c in root.children)
    if lemma in DISCOURSE_VERBS:
        return True
    if (
        lemma == "be" or root.lower_ in _BE_FORMS
    ):  # "I'm here to talk about ...", "I'm not here to ..."
        here = any(c.lower_ == "here" for c in root.children)
        purpose = any(
            t.tag_ == "VB" and t.lemma_.lower() in DISCOURSE_VERBS
            for t in root.subtree
            if t.dep_ in ("xcomp", "advcl", "acl", "relcl")
        )
        return here and purpose
    return False


def talk_about_talk(span: Span) -> bool:
    """A sentence whose first-person subject (alone or joined: 'You and I') manages the talk."""
    root = clause_root(span)
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    first = any(t.lower_ in FIRST_PERSON for s in subjects for t in (s, *s.conjuncts))
    return first and managing_talk(root, root.lemma_.lower())
