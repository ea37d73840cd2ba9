"""Claim frames: a claim's words read as who/what does what to whom, with polarity and modality.

Two articles rarely word one proposition alike ("the rules have failed to cut shipments",
"shipments were not cut by the controls"), so kg.links compares claims on these frames as well
as on their words. A frame is read from the parse of the claim's own tokens:

- the *predicate* is the main verb of the claim, followed down through verbs that only carry it
  ("continue to", "managed to", "be able to": `CHAIN_VERBS`) and through verbs that negate it
  ("failed to", "ceased to": `NEGATING_VERBS`; "has yet to"); its particle is kept ("hold back");
  a copula ("X is Y") has the predicate "be" and the complement as object;
- the *subject* and *object* are the head lemmas of the nominal subject and of the direct object
  (else the complement, else the object of the first preposition), with the actor each names;
  "the flow of X" and "the use of X" stand for X; a passive is read as its active;
- *polarity* is negative when an odd number of negations bear on the predicate or the verbs it
  hangs from ("not", "never", "no longer", a negating verb); *modality* comes from a modal
  auxiliary (`MODAL_VERBS`: will/would -> future, may/might/could -> possible, can -> able,
  should/must -> necessary), else "actual";
- a verb of saying or thinking (`CLAUSE_VERBS`) is read through: the frame is its clause's;
  another verb whose only complement is a clause ("will ensure that ...") has no frame; a
  complement that stands for a verb (`PREDICATE_NOUNS`: "were a failure", "do their job") is
  read as that verb;
- the *sense* groups synonyms and opposites (`FRAME_ANTONYMS`): "reduce" has the sense "cut",
  "raise" the sense "cut" inverted, so a claim that the rules raised shipments and one that
  they cut them compare as opposites.

A clause that describes a named thing in passing ("Nvidia's H20, a chip that is weaker for
training"; "Acme, which makes routers") gives the claim one more frame, the named thing's.

No frame is read when the claim has no verb, or its subject is a pronoun or missing: such a
frame would match too much.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable

from spacy.tokens import Token

from kg.extract.lexicon import (
    CHAIN_VERBS,
    CLAUSE_VERBS,
    FRAME_ANTONYMS,
    MODAL_VERBS,
    NEGATING_VERBS,
    PREDICATE_NOUNS,
)
from kg.model import FRAME_SEP, Frame
from kg.numbers import is_name

#: actor id of the actor a token names, if any (kg.extract.mentions.ActorIndex.actor_at)
ActorOf = Callable[[Token], str | None]

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_WORD = re.compile(r"[a-z0-9]+(?:[.'-][a-z0-9]+)*")
_DIGIT = re.compile(r"[0-9]")
_OBJECTS = ("dobj", "attr", "acomp", "oprd")
_NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody"})
#: nouns that stand for the noun they govern through "of" ("the flow of technology", "a
#: handful of officers")
_LIGHT_NOUNS = frozenset(
    {"flow", "use", "sale", "sales", "export", "exports", "supply", "number", "year", "years"}
    | {"handful", "couple", "dozen", "dozens", "lot", "lots"}  # "a handful of officers"
)


def _senses() -> dict[str, tuple[str, bool]]:
    """verb (phrasal verbs joined by "_") -> (sense, inverse); the first line naming it wins."""
    out: dict[str, tuple[str, bool]] = {}
    for words in FRAME_ANTONYMS:
        line = " ".join(words)
        left, _, right = line.partition("|")
        same, opposite = left.split(), right.split()
        if not same:
            continue
        for verb in same:
            out.setdefault(verb, (same[0], False))
        for verb in opposite:
            out.setdefault(verb, (same[0], True))
    return out


SENSES = _senses()
MODALITY = {words[0]: words[1] for words in MODAL_VERBS if len(words) == 2}
#: complement noun (or verb_object) -> the verb it stands for ("be a failure" -> "fail")
STANDS_FOR = {words[0]: words[1] for words in PREDICATE_NOUNS if len(words) == 2}


def frame_lemma(tok: Token) -> str:
    """A token's lemma as frames store it: lower case, without the field separator."""
    return tok.lemma_.lower().replace(FRAME_SEP, "")


_PARTICLES = frozenset({"back", "up", "down", "out", "off", "away"})


def predicate_name(verb: Token) -> str:
    """A verb's lemma with its particle ("hold back")."""
    particles = [
        c
        for c in verb.children
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in _PARTICLES)
    ]
    return " ".join([frame_lemma(verb), *(frame_lemma(p) for p in particles)])


def _negated(tok: Token, inside: set[int]) -> list[str]:
    """The negation words of the claim bearing on ``tok`` ("not", "never", "no" of "no longer")."""
    found = []
    for c in tok.children:
        if c.i not in inside:
            continue
        if c.dep_ == "neg" or (c.lower_ in _NEGATIONS and c.dep_ == "advmod"):
            found.append(c.lower_)
        elif (
            c.dep_ == "advmod"
            and c.lower_ in ("longer", "more")  # "no longer"
            and any(n.lower_ == "no" and n.i in inside for n in c.children)
        ):
            found.append(f"no {c.lower_}")
    return found


def _modal(tok: Token, inside: set[int]) -> str | None:
    for c in tok.children:
        if c.i not in inside:
            continue
        if c.dep_ == "aux" and c.lower_.strip("'") in MODALITY:
            return MODALITY[c.lower_.strip("'")]
        if c.dep_ == "aux" and c.lower_ in ("going",):  # "is going to cut"
            return "future"
    return None


def _xcomp(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)


def _follow(root: Token, inside: set[int]) -> tuple[Token, list[str], str, list[Token]]:
    """From the claim's root down to its predicate: (predicate, negation words, modality,
    the verbs passed on the way, the predicate last)."""
    negations: list[str] = []
    modality = "actual"
    chain = [root]
    verb = root
    for _ in range(4):
        negations += _negated(verb, inside)
        modality = _modal(verb, inside) or modality
        lemma = frame_lemma(verb)
        nxt = _xcomp(verb)
        if lemma == "be":  # "be able to X", "be going to X"
            adj = next((c for c in verb.children if c.dep_ == "acomp"), None)
            if adj is not None and adj.lower_ == "able" and _xcomp(adj) is not None:
                modality = "able" if modality == "actual" else modality
                nxt = _xcomp(adj)
            elif adj is not None and adj.lower_ == "unable" and _xcomp(adj) is not None:
                negations.append("unable to")
                modality = "able" if modality == "actual" else modality
                nxt = _xcomp(adj)
        if nxt is None:
            break
        if lemma in NEGATING_VERBS:
            negations.append(f"{verb.text.lower()} to")
        elif lemma == "have" and any(c.lower_ == "yet" for c in verb.children):
            negations.append("yet to")
        elif lemma not in CHAIN_VERBS and lemma != "be":
            break
        verb = nxt
        chain.append(verb)
    return verb, negations, modality, chain


def _head_noun(tok: Token) -> Token:
    """'the flow of U.S. technology' -> technology; else the token itself."""
    if tok.lower_ in _LIGHT_NOUNS or tok.lemma_.lower() in _LIGHT_NOUNS:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
    return tok


def _phrase_actor(tok: Token, actor_of: ActorOf) -> str | None:
    """The actor the noun phrase headed by ``tok`` names: the possessor of a common noun ("the
    CCP's civil-military fusion" is the CCP's), else the head itself ("Nvidia's H20" is the
    H20), else a compound or modifier of it ("Huawei's production" is about Huawei)."""
    if tok.pos_ != "PROPN":
        for c in tok.children:
            if c.dep_ == "poss" and (owner := actor_of(c)):
                return owner
    found = actor_of(tok)
    if found:
        return found
    for c in tok.children:
        if c.dep_ in ("compound", "poss", "nmod", "amod"):
            found = actor_of(c)
            if found:
                return found
    return None


def _argument(verb: Token, deps: Iterable[str]) -> Token | None:
    wanted = tuple(deps)
    return next((c for c in verb.children if c.dep_ in wanted), None)


def _object(verb: Token) -> Token | None:
    obj = _argument(verb, _OBJECTS)
    if obj is not None:
        return obj
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ != "by":
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _root(tokens: list[Token]) -> Token | None:
    """The token of ``tokens`` the others hang from (the first verb among several roots)."""
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i == t.i or t.head.i not in inside]
    verbs = [t for t in roots if t.pos_ in ("VERB", "AUX")]
    if verbs:
        # a claim running on after a colon ("X rejected that account: the rules failed to ...")
        # is the clause after it
        return verbs[-1] if len(verbs) > 1 and any(t.text == ":" for t in tokens) else verbs[0]
    return None


def frame_of(tokens: list[Token], actor_of: ActorOf) -> Frame | None:
    """The frame of a claim whose words are ``tokens`` (in order, one Doc), or None."""
    found = frames_of(tokens, actor_of)
    return found[0] if found else None


def frames_of(tokens: list[Token], actor_of: ActorOf) -> tuple[Frame, ...]:
    """The frames of a claim whose words are ``tokens`` (in order, one Doc): the frame of its
    predicate, then one for each predicate coordinated with it that shares its subject ("the
    bureau runs on a small budget and has few officers"); empty when the first has none."""
    tokens = [t for t in tokens if not t.is_space]
    if not tokens:
        return ()
    root = _root(tokens)
    if root is None:
        return ()
    inside = {t.i for t in tokens}
    predicate, negations, modality, chain = _follow(root, inside)
    clause = next((c for c in predicate.children if c.dep_ == "ccomp" and c.i in inside), None)
    if frame_lemma(predicate) in CLAUSE_VERBS and _argument(predicate, ("dobj",)) is None:
        # "the agency said that the rules cut shipments": the event is the clause's; a verb of
        # saying is never the event ("X said ..." and "X said ..." are not one claim)
        if clause is None:
            return ()
        return frames_of([t for t in clause.subtree if t.i in inside], actor_of)
    if clause is not None and _argument(predicate, _OBJECTS) is None:
        return ()  # "will ensure that ...", "the question is whether ...": no event of its own
    # the subject may hang from any verb of the chain ("X has failed to cut": X on "failed")
    subject = next((s for v in reversed(chain) if (s := _argument(v, _SUBJECTS)) is not None), None)
    if subject is None or subject.i not in inside or subject.pos_ == "PRON":
        return ()
    passive = subject.dep_ == "nsubjpass"
    first = _frame(predicate, subject, passive, negations, modality, inside, actor_of)
    if first is None:
        return ()
    conjuncts = _conjuncts(chain, subject, negations, inside)
    described = _descriptions(tokens, inside, actor_of)
    if not conjuncts and not described:
        return (first,)
    more = []
    for conj in conjuncts:
        verb, negs, modal, _ = _follow(conj, inside)
        if modal == "actual":
            modal = modality  # "will cut A and raise B": the auxiliary is the first verb's
        passive = any(t.dep_ == "auxpass" for v in (conj, verb) for t in v.children)
        frame = _frame(verb, subject, passive, negs, modal, inside, actor_of)
        if frame is not None:
            more.append(_with_numbers(frame, _numbers(conj.subtree, inside)))
    for clause_verb, frame in described:
        more.append(_with_numbers(frame, _numbers(clause_verb.subtree, inside)))
    others = {t.i for c in conjuncts for t in c.subtree}
    others |= {t.i for v, _ in described for t in v.subtree}
    own = _numbers((t for t in root.subtree if t.i not in others), inside)
    return (_with_numbers(first, own), *more)


_RELATIVES = frozenset({"that", "which", "who"})


def _descriptions(
    tokens: list[Token], inside: set[int], actor_of: ActorOf
) -> list[tuple[Token, Frame]]:
    """Frames of the clauses that describe a named thing in passing, which the claim asserts
    too: an apposition with a relative clause ("Nvidia's H20, a chip that is weaker for
    training": the chip, the H20, is weaker) and a relative clause set off by a comma ("Acme,
    which makes routers"; not after the object of a preposition, where "which" is as often the
    whole phrase's: "the sale of chips to China, which ..."). A restrictive clause ("chips that are weaker") picks things out
    and asserts nothing of them. The frame's subject is the describing noun (else the name),
    its actor the named thing's."""
    found = []
    for verb in tokens:
        if verb.dep_ != "relcl" or verb.pos_ not in ("VERB", "AUX") or verb.head.i not in inside:
            continue
        pronoun = _argument(verb, ("nsubj",))
        if pronoun is None or pronoun.lower_ not in _RELATIVES or pronoun.i >= verb.i:
            continue
        noun = verb.head
        if noun.dep_ == "appos" and any(
            c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children
        ):
            named = noun.head  # "H20, a chip that ..."
        elif (
            pronoun.lower_ != "that"
            and noun.dep_ != "pobj"  # "the sale of chips to China, which": often the sale
            and noun.i + 1 == pronoun.i - 1
            and noun.doc[noun.i + 1].text == ","
        ):
            named = noun  # "Acme, which ..."
        else:
            continue
        actor = _phrase_actor(named, actor_of)
        if actor is None or named.i not in inside:
            continue
        predicate, negations, modality, _ = _follow(verb, inside)
        frame = _frame(predicate, noun, False, negations, modality, inside, actor_of)
        if frame is not None:
            found.append((verb, dataclasses.replace(frame, subject_actor=actor)))
    return found


def _conjuncts(
    chain: list[Token], subject: Token, negations: list[str], inside: set[int]
) -> list[Token]:
    """The verbs coordinated with the claim's predicate chain that share its subject (no
    subject of their own) and its form: the same tag ("runs ... and has"), or an auxiliary of
    their own ("has few officers and cannot check"); a verb of another form hangs there by a
    misparse ("restrict X's ability to obtain A, develop B"). None when the first predicate is
    negated, since "did not cut A and raise B" does not say whether the negation reaches B."""
    if negations:
        return []
    return [
        c
        for v in chain
        for c in v.children
        if c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and c.i in inside
        and c.i > subject.i
        and _argument(c, _SUBJECTS) is None
        and (c.tag_ == v.tag_ or any(a.dep_ == "aux" for a in c.children))
    ]


def _numbers(tokens: Iterable[Token], inside: set[int]) -> tuple[str, ...]:
    """The numbers among ``tokens`` (the words with a digit, cut as kg.links.similarity.words
    cuts them: "10,000" is 10 and 000; not a name such as "H20", kg.numbers), sorted, once each."""
    found = {
        w
        for t in tokens
        if t.i in inside
        for w in _WORD.findall(t.lower_)
        if _DIGIT.search(w) and not is_name(w)
    }
    return tuple(sorted(found))


def _with_numbers(frame: Frame, numbers: tuple[str, ...]) -> Frame:
    return dataclasses.replace(frame, numbers=numbers)


def _frame(
    predicate: Token,
    subject: Token,
    passive: bool,
    negations: list[str],
    modality: str,
    inside: set[int],
    actor_of: ActorOf,
) -> Frame | None:
    """The frame of ``predicate`` with ``subject`` (a passive read as its active)."""
    negations = list(negations)
    obj = _object(predicate)
    if passive:  # "shipments were cut by the rules": the rules cut shipments
        agent = next(
            (
                pobj
                for prep in predicate.children
                if prep.dep_ == "agent"
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ),
            None,
        )
        obj, subject = subject, agent  # type: ignore[assignment]
        if subject is None:
            return None
    if obj is not None and (obj.i not in inside or obj.pos_ == "PRON"):
        obj = None
    for arg in (subject, obj):  # "no country can match", "the US has no edge"
        if arg is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in arg.children):
            negations.append("no")
    name = predicate_name(predicate)
    if obj is not None and not passive:  # "were a failure" -> "failed", "do their job" -> "work"
        noun = frame_lemma(obj)
        stands = STANDS_FOR.get(noun if name == "be" else f"{name}_{noun}")
        if stands is not None:
            name, obj = stands, None
    sense, inverse = SENSES.get(name.replace(" ", "_"), (name, False))
    subj_head = _head_noun(subject)
    obj_head = _head_noun(obj) if obj is not None else None
    return Frame(
        subject=frame_lemma(subj_head),
        predicate=name,
        sense=sense,
        object=frame_lemma(obj_head) if obj_head is not None else "",
        subject_actor=_phrase_actor(subj_head, actor_of),
        object_actor=_phrase_actor(obj_head, actor_of) if obj_head is not None else None,
        inverse=inverse,
        polarity="negative" if len(negations) % 2 else "positive",
        modality=modality,
        negation=" ".join(negations).replace(FRAME_SEP, ""),
    )
