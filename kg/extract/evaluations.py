"""Evaluation frames: what policy or decision a claim judges, and whether it judges it good or bad.

Two speakers rarely word a verdict on one policy alike ("it streamlines licensing and bolsters
leadership"; "these requirements would have stifled innovation"), and their words share nothing,
so kg.links also compares claims on their *evaluation*: a target and a valence.

- the *valence* comes from the claim's evaluative predicates: `HELP_VERBS` (strengthen,
  protect, streamline ...) are positive, `HARM_VERBS` (undermine, erode, stifle ...) negative;
  `BOOST_VERBS` (fuel, turbocharge, hand ...) are negative when what they act on, or who
  receives it, is an adversary's (`ADVERSARY_WORDS`), positive when it is a value
  (`VALUE_NOUNS`: "fuel innovation"), else they say nothing; an adversary's object flips a help
  or harm verb too ("weaken our adversaries"); "provide"/"bring" a value is positive; a verdict
  (kg.extract.frames: "worked", "paid off", "was a success" / "backfired", "was a failure",
  "a mistake"; "is doing its job") is positive or negative; a negation
  on the predicate flips it ("does not protect", "was not a failure"; "not only" is no negation). A claim whose
  predicates disagree has no evaluation.
- the *target* is the subject of those predicates (through conjoined verbs, "is expected to",
  and relative clauses: "the sale ..., which could undercut ..."), when it is a policy noun
  (`POLICY_NOUNS`, grouped: "requirement" and "rule" are one group). It is named by its group,
  the actor it names (a rule of the gazetteer) and the nouns that specify it ("the sale of AI
  chips to China": sale, {ai, chip, china}). A pronoun ("it"), a demonstrative ("these new
  requirements") or a definite noun that never says which policy it means ("the move", "this
  decision"; not "necessary measures") is resolved to the last policy named in the sentence before (then the one before that): one
  with a proper noun, or a gazetteer actor; nothing is guessed when there is none.

The evaluation is kept as a `kg.model.Frame` whose sense is `EVALUATION` (stored beside the
claim's frame): subject the target's group, subject actor its actor, object its nouns joined by
"+", predicate the cue lemmas, polarity the valence.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.frames import SENSES, STANDS_FOR, ActorOf, frame_lemma, predicate_name
from kg.extract.lexicon import (
    ADVERSARY_WORDS,
    BOOST_VERBS,
    HARM_VERBS,
    HELP_VERBS,
    POLICY_NOUNS,
    VALUE_NOUNS,
)
from kg.model import EVALUATION, VERDICT, Frame

#: policy noun -> its group (the first noun of its line in POLICY_NOUNS)
POLICY_GROUP = {noun: line[0] for line in POLICY_NOUNS for noun in line}
#: the group of nouns that never say which policy they mean ("the move", "this decision")
UNSPECIFIC = "decision"
_PRONOUNS = frozenset({"it", "this", "that", "these", "those"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
_DEFINITE = _DEMONSTRATIVES | {"the"}
_PROVIDE = frozenset({"provide", "bring", "offer", "deliver"})
#: prepositions whose object specifies a policy noun ("the sale of chips to China")
_SPECIFYING = frozenset({"of", "on", "to", "for", "against"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
#: how many sentences back a pronoun or "the move" looks for the policy it stands for
LOOK_BACK = 2
_NOT_PLURAL = ("ss", "us", "is")


def _owned_by_adversary(tok: Token) -> bool:
    """Whether the noun phrase headed by ``tok`` is an adversary's ("a global rival",
    "our adversaries' militaries", "an authoritarian competitor's industry"); not one it is
    only set against ("our competitiveness against rivals")."""
    words = [tok] + [
        t for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod") for t in c.subtree
    ]
    return any(frame_lemma(t) in ADVERSARY_WORDS or t.lower_ in ADVERSARY_WORDS for t in words)


def _negated(verb: Token) -> bool:
    for c in verb.children:
        if c.dep_ == "neg":
            nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
            if nxt is not None and nxt.lower_ == "only":  # "would not only harm ... but"
                continue
            return True
    return False


def _objects(verb: Token) -> list[Token]:
    """What the predicate acts on and who receives it ("hand an advantage to a rival")."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "dative", "attr")]
    for prep in verb.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in ("to", "for"):
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def valence(verb: Token, objects: list[Token] | None = None) -> str | None:
    """ "positive", "negative" or None: what the predicate ``verb`` says of its subject."""
    lemma = frame_lemma(verb)
    objects = _objects(verb) if objects is None else objects
    adversary = any(_owned_by_adversary(o) for o in objects)
    sign: int | None = None
    if lemma in HELP_VERBS:
        sign = -1 if adversary else 1
    elif lemma in HARM_VERBS:
        sign = 1 if adversary else -1
    elif lemma in BOOST_VERBS:
        if adversary:
            sign = -1
        elif any(frame_lemma(o) in VALUE_NOUNS for o in objects) and not any(
            c.dep_ == "poss" and c.pos_ == "PROPN" for o in objects for c in o.children
        ):  # "fuel innovation"; but whose is "Brazil's leadership" good for?
            sign = 1
    elif lemma in _PROVIDE and any(frame_lemma(o) in VALUE_NOUNS for o in objects):
        sign = -1 if adversary else 1
    else:
        sign = _verdict(verb)
    if sign is None:
        return None
    if _negated(verb):
        sign = -sign
    return "positive" if sign > 0 else "negative"


def _verdict(verb: Token) -> int | None:
    """+1 or -1 when the predicate is a verdict on its subject (the sense VERDICT): a verdict
    verb ("worked", "paid off", "backfired"; not "failed to cut", "worked with allies"), a
    verdict noun after "be" ("was a failure", "has been a success") or a verdict idiom ("is
    doing its job"); else None."""
    lemma = frame_lemma(verb)
    children = list(verb.children)
    if lemma == "be":
        nouns = [frame_lemma(c) for c in children if c.dep_ == "attr"]
        if not nouns:
            return None
    elif any(c.dep_ == "dobj" for c in children):
        nouns = [f"{lemma}_{frame_lemma(c)}" for c in children if c.dep_ == "dobj"]
    elif any(c.dep_ in ("xcomp", "ccomp") for c in children):
        return None  # "failed to cut", "worked to ensure": the verb of an event, no verdict
    elif any(c.dep_ in ("prep", "dative") and c.lower_ not in _VERDICT_PREPS for c in children):
        return None  # "worked with allies", "failed at the border"
    else:  # the verb itself
        nouns = []
    names = [STANDS_FOR[n] for n in nouns if n in STANDS_FOR] if nouns else [predicate_name(verb)]
    for name in names:
        sense, inverse = SENSES.get(name.replace(" ", "_"), (name, False))
        if sense == VERDICT:
            return -1 if inverse else 1
    return None


#: prepositions a verdict verb may take ("worked as intended", "failed in its aim")
_VERDICT_PREPS = frozenset({"as", "in", "by"})


def _relative_head(tok: Token) -> Token:
    """What a relative clause is about: the noun it hangs from, or the policy noun whose
    phrase that noun ends ("the sale of chips to China, which could ...": the sale)."""
    if _group(tok) is not None:
        return tok
    up = tok
    for _ in range(2):
        if up.dep_ != "pobj" or up.head.dep_ != "prep":
            break
        up = up.head.head
        if _group(up) is not None:
            return up
    return tok


def _predicates(tokens: list[Token]) -> list[tuple[Token, Token, list[Token] | None]]:
    """The claim's predicates: (predicate, verb whose subject it shares, its objects or None
    for the verb's own). A verb coordinated with a noun it was read as modifying ("could
    turbocharge X and undercut American leadership" parsed as "undercut leadership", an
    adjective) is a predicate too, with that noun its object."""
    out: list[tuple[Token, Token, list[Token] | None]] = []
    for tok in tokens:
        if tok.pos_ in ("VERB", "AUX"):
            out.append((tok, tok, None))
        elif (
            tok.dep_ == "amod"
            and (frame_lemma(tok) in HARM_VERBS or frame_lemma(tok) in HELP_VERBS)
            and tok.i > 0
            and tok.doc[tok.i - 1].lower_ in ("and", "or")
            and tok.head.dep_ == "conj"
            and tok.head.head.pos_ == "VERB"
        ):
            out.append((tok, tok.head.head, [tok.head]))
    return out


def _subject(verb: Token) -> Token | None:
    """The subject of a predicate, through conjoined verbs, "is expected to" and relative
    clauses ("the sale, which could undercut ...": the sale)."""
    tok = verb
    for _ in range(4):
        subj = next((c for c in tok.children if c.dep_ in _SUBJECTS), None)
        if subj is not None:
            if subj.tag_ == "WDT" and tok.dep_ == "relcl":  # "which", "that"
                return _relative_head(tok.head)
            return subj
        if tok.dep_ == "relcl":
            return _relative_head(tok.head)
        # "It streamlines X, bolsters Y and provides Z" parsed with the first verb as a clause
        # of the second: the predicates of a list share the first one's subject
        first = next(
            (c for c in tok.children if c.dep_ in ("ccomp", "advcl") and c.i < tok.i), None
        )
        if first is not None and tok.doc[tok.i - 1].text == ",":
            return next((c for c in first.children if c.dep_ in _SUBJECTS), None)
        if tok.dep_ in ("conj", "xcomp") and tok.head.pos_ in ("VERB", "AUX"):
            tok = tok.head
            continue
        return None
    return None


def _nouns(tok: Token) -> list[Token]:
    """The nouns that specify a policy noun: its compounds and proper-noun modifiers, and the
    objects of its specifying prepositions with theirs ("the sale of memory
    chips to Vietnam": memory, chips, Vietnam)."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("compound", "nmod") or (c.dep_ == "amod" and c.pos_ == "PROPN"):
            out.extend(t for t in c.subtree if t.pos_ in ("NOUN", "PROPN"))
        elif c.dep_ == "prep" and c.lower_ in _SPECIFYING:
            for pobj in c.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                    out.append(pobj)
                    out.extend(
                        t
                        for t in pobj.children
                        if t.dep_ in ("compound", "nmod", "amod") and t.pos_ in ("NOUN", "PROPN")
                    )
    return sorted(out, key=lambda t: t.i)


def _terms(tok: Token) -> frozenset[str]:
    nouns = _nouns(tok)
    out = set()
    for n in nouns:
        lemma = frame_lemma(n)
        if lemma == "intelligence" and n.i > 0 and n.doc[n.i - 1].lower_ == "artificial":
            lemma = "ai"
        elif lemma == "artificial":
            continue
        elif (
            n.pos_ == "PROPN"
            and len(lemma) > 4
            and lemma.endswith("s")
            and not lemma.endswith(_NOT_PLURAL)
        ):
            lemma = lemma[:-1]  # a proper noun keeps its plural: "Chip Exports"
        out.add(lemma)
    return frozenset(out)


def _named(tok: Token, actor_of: ActorOf) -> bool:
    """Whether a policy noun phrase says which policy it is: a gazetteer actor, or a proper noun
    in the head, its modifiers or its specifying objects."""
    if actor_of(tok) or tok.pos_ == "PROPN":
        return True
    modifiers = [c for c in tok.children if c.dep_ in ("compound", "nmod", "amod", "poss")]
    return any(t.pos_ == "PROPN" for t in modifiers) or any(t.pos_ == "PROPN" for t in _nouns(tok))


def _group(tok: Token) -> str | None:
    return POLICY_GROUP.get(frame_lemma(tok)) if tok.pos_ in ("NOUN", "PROPN") else None


def _candidate(tok: Token, actor_of: ActorOf) -> bool:
    """A named policy noun heading its phrase (not "export" in "export controls")."""
    group = _group(tok)
    return (
        group is not None
        and group != UNSPECIFIC
        and tok.dep_ not in ("compound", "amod", "nmod", "poss")
        and _named(tok, actor_of)
    )


def _antecedent(sent: Span, actor_of: ActorOf) -> Token | None:
    """The policy a pronoun or "the move" stands for: the last named policy noun of the
    sentences before ``sent`` (nearest first)."""
    doc = sent.doc
    start = sent.start
    for _ in range(LOOK_BACK):
        if start == 0:
            return None
        before = doc[start - 1].sent
        found = [t for t in before if _candidate(t, actor_of)]
        # a policy inside another's phrase ("a rule on chip exports") is not the one meant
        heads = [t for t in found if not any(a in found for a in t.ancestors)]
        if heads:
            return heads[-1]
        start = before.start
    return None


def target_of(subject: Token, actor_of: ActorOf) -> Token | None:
    """The policy noun a predicate's subject stands for (itself, or what it refers back to)."""
    lower = subject.lower_
    if subject.pos_ == "PRON" or lower in _PRONOUNS:
        return _antecedent(subject.sent, actor_of) if lower in _PRONOUNS else None
    group = _group(subject)
    if group is None:
        return None
    demonstrative = any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in subject.children)
    if group == UNSPECIFIC and not any(
        c.dep_ == "det" and c.lower_ in _DEFINITE for c in subject.children
    ):
        return None  # "necessary measures", "a step": no policy named before is meant
    if group == UNSPECIFIC or (demonstrative and not _named(subject, actor_of)):
        return _antecedent(subject.sent, actor_of)
    return subject if _named(subject, actor_of) else None


def evaluation_of(tokens: list[Token], actor_of: ActorOf) -> Frame | None:
    """The evaluation of a claim whose words are ``tokens`` (in order, one Doc), or None."""
    inside = {t.i for t in tokens}
    found: dict[int, tuple[Token, list[tuple[str, str]]]] = {}
    for verb, governor, objects in _predicates(tokens):
        sign = valence(verb, objects)
        if sign is None:
            continue
        subject = _subject(governor)
        if subject is None or subject.i not in inside:
            continue
        target = target_of(subject, actor_of)
        if target is None:
            continue
        found.setdefault(target.i, (target, []))[1].append((sign, frame_lemma(verb)))
    if not found:
        return None
    target, cues = found[min(found)]
    signs = {s for s, _ in cues}
    if len(signs) != 1:
        return None  # praise and blame of one target: no verdict
    group = _group(target) or ""
    terms = _terms(target) - {frame_lemma(target)}
    return Frame(
        subject=group,
        subject_actor=actor_of(target),
        predicate="+".join(dict.fromkeys(v for _, v in cues)),
        sense=EVALUATION,
        object="+".join(sorted(t.replace("+", "") for t in terms)),
        polarity=signs.pop(),
    )
