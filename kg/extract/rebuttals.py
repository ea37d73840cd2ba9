"""Rebuttals: a denial that points back at a claim made before ("The embassy rejected that account").

"The secretary argued that the licence regime has cut shipments. The embassy rejected that
account" is a dispute: the embassy denies what the secretary asserted. Read as reported speech,
the second sentence would be the embassy denying a claim whose text is "that account". This
pattern (stage ``rebuttal``, run last, given every claim found before) reads it instead as the
embassy denying the secretary's claim:

- a verb of `REBUTTAL_VERBS` (reject, dispute, deny, dismiss, refute ...) whose direct object
  points back: a demonstrative pronoun ("disputes that"), or a noun of `POINTER_NOUNS` with a
  determiner that points back ("that account", "the report", "these claims", "his claim") and
  no content of its own ("the claim that X" states X: reported speech, not a rebuttal); "call"
  counts only with a word of `FALSE_WORDS` ("called the claim false");
- the claim pointed at is the nearest claim before the verb, within `MAX_SENTENCES_BACK`
  sentences and in the same paragraph (or the sentence just before), that asserts or predicts
  something, with a known speaker other than the rebutter; an accusation, allegation or charge
  must name the rebutter ("Beijing dismissed the accusations" answers a claim about China).
  None, and nothing is yielded (a wrong dispute is worse than a missing one).

The rebuttal comes out as a claim over the pointing words ("that account") with stance
``denies``, the rebutter as claimer, and ``refers_to`` the claim pointed at: `kg.extract.build`
gives it that claim's proposition (one claim node, asserted by one speaker and denied by the
other) and records the link (`kg.model.Claim.rebuts`, ``kg:rebuts`` in the graph). Claims other
patterns found in the pointing words ("that account", "the report as groundless") are dropped.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.claims import verb_cue
from kg.extract.docs import sentence_index, sentence_of
from kg.extract.lexicon import FALSE_WORDS, POINTER_NOUNS, REBUTTAL_VERBS
from kg.extract.raw import PatternInput, RawClaim
from kg.extract.registry import claim_pattern
from kg.extract.speakers import speaker_of, unresolved

REBUTTAL = "kg.rebuttal.v1"
MAX_SENTENCES_BACK = 3
_POINTER_PRONOUNS = frozenset({"that", "this", "these", "those"})
_POINTER_DETS = frozenset({"that", "this", "these", "those", "the", "such"})
_POSSESSIVES = frozenset({"his", "her", "its", "their"})
#: children that give a pointer noun content of its own ("the claim that X", "reports of X")
_CONTENT_DEPS = frozenset({"acl", "relcl", "ccomp", "prep", "appos"})
#: pointer nouns that answer a claim made against the rebutter
_AGAINST = frozenset({"accusation", "allegation", "charge"})


def _pointer(verb: Token) -> Token | None:
    """The direct object of ``verb`` when it points back at a claim, else None."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    if obj.lower_ in _POINTER_PRONOUNS and not any(True for _ in obj.children):
        return obj  # "disputes that" (tagged a pronoun, determiner or conjunction)
    if obj.lemma_.lower() not in POINTER_NOUNS:
        return None
    if any(c.dep_ in _CONTENT_DEPS for c in obj.children):
        return None
    determiners = [c for c in obj.children if c.dep_ in ("det", "poss") and c.i < obj.i]
    if any(
        d.lower_ in _POINTER_DETS or d.lower_ in _POSSESSIVES or d.ent_type_ for d in determiners
    ):
        return obj
    return None


def _calls_false(verb: Token) -> bool:
    """'called the claim false', 'called it baseless', 'dismissed the report as groundless'."""
    for c in verb.children:
        if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and c.lemma_.lower() in FALSE_WORDS:
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ == "as"
            and any(g.lemma_.lower() in FALSE_WORDS for g in c.subtree)
        ):
            return True
    return False


def _pointer_span(obj: Token) -> tuple[int, int]:
    """Doc chars of the pointing words: the determiner/possessive and adjectives with the noun."""
    first = min([obj, *(c for c in obj.children if c.i < obj.i)], key=lambda t: t.i)
    return first.idx, obj.idx + len(obj.text)


def _antecedent(given: PatternInput, verb: Token, pointer: Token, rebutter: str) -> RawClaim | None:
    """The nearest earlier claim, within reach, that another known speaker asserts or predicts."""
    here = sentence_index(given.doc, verb.i)
    text = given.doc.text
    for claim in sorted(given.prior, key=lambda c: c.end, reverse=True):
        if claim.end > verb.idx or claim.refers_to is not None:
            continue
        back = here - sentence_index(given.doc, _token_at(given, claim.start))
        if back > MAX_SENTENCES_BACK or (back > 1 and "\n\n" in text[claim.end : verb.idx]):
            break
        if claim.stance not in ("asserts", "predicts") or claim.speaker is None:
            continue
        if claim.speaker.actor.id == rebutter:
            continue
        if pointer.lemma_.lower() in _AGAINST and rebutter not in _actors_in(given, claim):
            continue
        return claim
    return None


def _actors_in(given: PatternInput, claim: RawClaim) -> set[str]:
    span = given.doc.char_span(claim.start, claim.end, alignment_mode="expand")
    return {hit[1].id for t in (span or []) if (hit := given.index.actor_at(t)) is not None}


def _token_at(given: PatternInput, char: int) -> int:
    span = given.doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


@claim_pattern(REBUTTAL, confidence=0.6, order=10, stage="rebuttal")
def rebuttals(given: PatternInput) -> Iterator[RawClaim]:
    """Denials that point back at an earlier claim of another speaker (see the module)."""
    for verb in given.doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in REBUTTAL_VERBS:
            continue
        obj = _pointer(verb)
        if obj is None:
            continue
        if verb.lemma_.lower() == "call" and not _calls_false(verb):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        speaker = speaker_of(subject, given.index, given.doc_key) or unresolved(
            subject, given.doc_key, any_noun=True
        )
        if speaker is None:
            continue
        target = _antecedent(given, verb, obj, speaker.actor.id)
        if target is None:
            continue
        start, end = _pointer_span(obj)
        sent = sentence_of(verb)
        yield RawClaim(
            start=start,
            end=end,
            attribution="reported",
            speaker=speaker,
            cue=verb_cue(verb),
            sentence=(sent.start_char, sent.end_char),
            stance="denies",
            hedged=False,
            negated_root=None,
            pattern=REBUTTAL,
            refers_to=target,
        )
