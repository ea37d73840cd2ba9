"""Who speaks: the claimer a subject phrase, a source phrase or a cue noun's owner names.

`speaker_of` resolves a subject noun phrase to an actor (a named actor, a pronoun or a role
noun resolved to an earlier actor, a group, an anonymous source, or an actor scoped to the
article); `subject_of` finds the claimer phrase of a cue verb; `owner_of` the claimer of a cue
noun. Who speaks a quotation is found in `kg.extract.direct`.
Offsets are doc character offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.docs import doc_text, sentence_of, subtree_chars
from kg.extract.lexicon import (
    ANONYMOUS_HEADS,
    ANONYMOUS_MARKERS,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    ISSUED_NOUNS,
    LAW_WORDS,
    LIGHT_VERBS,
    NOMINAL_KINDS,
    NOT_CLAIMERS,
    OCCASION_NOUNS,
    PEOPLE_NOUNS,
    PERSON_PRONOUNS,
    PRONOUN_KINDS,
    REPORT_VERBS,
    ROLE_NOUNS,
    SOURCE_NOUNS,
    SPEAKING_ROLES,
    SPOKES_NOUNS,
    TIME_LABELS,
)
from kg.extract.mentions import ActorIndex
from kg.model import Actor
from kg.resolve.gazetteer import discovered_actor
from kg.resolve.names import lowercase_long_form


@dataclass(frozen=True)
class Speaker:
    actor: Actor
    start: int  # doc char offsets of the speaker mention
    end: int
    text: str


def speaker_of(subject: Token, index: ActorIndex, doc_key: str) -> Speaker | None:
    """The actor a subject noun phrase refers to: a named actor, a pronoun, a group or anonymous.

    The returned mention always lies inside the subject phrase (or is the relative pronoun
    itself), whatever actor it resolves to.
    """
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        # "the senator, who said ..." -> the noun the relative clause hangs off
        antecedent = speaker_of(subject.head.head, index, doc_key)
        if antecedent is None or subject.lower_ == "that":
            return antecedent
        return Speaker(antecedent.actor, subject.idx, subject.idx + len(subject.text), subject.text)
    joint = _joint_speaker(subject, index, doc_key)
    if joint is not None:
        return joint
    # a named actor inside the subject phrase, preferring the head and its appositions
    candidates = []
    verb = subject.head
    # names inside a clause on the subject ("the governor, speaking in Iowa,") are not it
    clauses = {t.i for c in subject.children if c.dep_ in ("acl", "relcl") for t in c.subtree}
    for tok in subject.subtree:
        if subject.i < verb.i < tok.i:
            break  # the parser ran the subject past its verb ("a majority expect X to ... Y's")
        if tok.i in clauses:
            continue
        hit = index.actor_at(tok)
        if hit and not _dateline(hit[0]):
            candidates.append(hit)
    head_hit = index.actor_at(subject)
    if head_hit and _dateline(head_hit[0]):
        head_hit = None  # "WASHINGTON -- President X, ..., said": the apposition speaks
    people_head = subject.lemma_.lower() in PEOPLE_NOUNS or subject.lower_ in PEOPLE_NOUNS
    words = {t.lower_ for t in subject.subtree} | {t.lemma_.lower() for t in subject.subtree}
    if head_hit:
        span, actor = head_hit
        return Speaker(actor, span.start_char, span.end_char, span.text)
    if people_head and words & ANONYMOUS_MARKERS:
        return _group(subject, "anonymous", doc_key, index)
    for span, actor in candidates:
        if actor.kind in ("person",) and not people_head:
            return Speaker(actor, span.start_char, span.end_char, span.text)
    if candidates:
        span, actor = candidates[0]
        speaks_for = not people_head or subject.lemma_.lower() in SPOKES_NOUNS
        if speaks_for and actor.kind not in ("model", "chip", "rule"):
            return Speaker(actor, span.start_char, span.end_char, span.text)
        # an appositive name ("a spokesperson, Lin Jian,") names the speaker
        for span, actor in candidates:
            if actor.kind == "person":
                return Speaker(actor, span.start_char, span.end_char, span.text)
    resolved = resolve_reference(subject, index)
    if resolved:
        return Speaker(resolved, subject.idx, subject.idx + len(subject.text), subject.text)
    if people_head and subject.lemma_.lower() in ANONYMOUS_HEADS:
        return _group(subject, "anonymous", doc_key, index)  # "sources said", "a source close to"
    if people_head:
        return _group(subject, "group", doc_key, index)
    return unresolved(subject, doc_key)


_DATELINE_RE = re.compile(r"[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:--|—|–)")
#: 'Washington, D.C. –', 'Nashville, Tenn. —': a place, its state, then a dash
_PLACE_DATELINE_RE = re.compile(
    r"(?:,[ \t]*[A-Z][A-Za-z.]*(?:[ \t][A-Z][A-Za-z.]*)?)?[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?"
    r"(?:--|—|–)"
)


def _dateline(span: Span) -> bool:
    """'WASHINGTON -- The president said ...', 'Washington, D.C. – Senator X said': a place
    heading the story, not a subject."""
    if span.start != sentence_of(span).start:
        return False
    text = doc_text(span.doc)
    if span.text.isupper() and _DATELINE_RE.match(text, span.end_char) is not None:
        return True
    place = span.label_ in ("GPE", "LOC") or all(t.ent_type_ in ("GPE", "LOC") for t in span)
    return place and _PLACE_DATELINE_RE.match(text, span.end_char) is not None


def unresolved(subject: Token, doc_key: str, any_noun: bool = False) -> Speaker | None:
    """A claimer named only by a pronoun, a title or a name the NER missed.

    The mention keeps its span; the actor is scoped to the article, since "he" or
    "the campaign" in one article is not the same actor as in another.
    """
    if subject.lower_ in NOT_CLAIMERS:
        return None
    if subject.pos_ in ("ADJ", "DET") and subject.lower_ in PRONOUN_KINDS:
        pass  # "many of whom say", "those close to him say": a quantifier standing alone
    elif subject.pos_ not in ("PRON", "PROPN", "NOUN"):
        return None
    if subject.pos_ == "NOUN" and not any_noun and subject.lemma_.lower() not in SOURCE_NOUNS:
        return None  # "the ban could push buyers away": a ban claims nothing
    if subject.pos_ in ("PRON", "ADJ", "DET"):
        kind = PRONOUN_KINDS.get(subject.lower_)
        if kind is None:
            return None
        start, end = subtree_chars(subject)  # "those close to him", "many of whom"
    else:
        left = min(
            (t for t in subject.lefts if t.dep_ != "punct"), key=lambda t: t.i, default=subject
        )
        start, end = left.left_edge.idx, subject.idx + len(subject.text)
        if subject.pos_ == "PROPN" and _names_a_rule(subject):
            return None  # 'the October 7 IFR ... to address concerns': a rule says nothing
        if subject.pos_ == "PROPN" or subject.ent_type_ == "PERSON":
            kind = "organization" if subject.ent_type_ in ("ORG", "NORP") else "person"
        else:
            lemma = subject.lemma_.lower()
            fallback = "person" if lemma in ROLE_NOUNS else "organization"
            fallback = "anonymous" if lemma in DOCUMENT_NOUNS else fallback
            kind = NOMINAL_KINDS.get(lemma, (fallback,))[0]
    text = doc_text(subject.doc)[start:end]
    return Speaker(local_actor(text, kind, doc_key), start, end, text)


def _names_a_rule(subject: Token) -> bool:
    """An abbreviation the text defines for a rule or law in lower case ('interim final
    rule (IFR)')."""
    long_form = lowercase_long_form(subject.text, doc_text(subject.doc))
    return long_form is not None and long_form.split()[-1] in LAW_WORDS


def local_actor(text: str, kind: str, doc_key: str) -> Actor:
    """An actor named only in this article ('he', 'the campaign', 'HOST'), scoped to it."""
    base = discovered_actor(text, kind)
    return Actor(id=f"{kind}/{doc_key}-{base.id.split('/', 1)[1]}", name=text.strip(), kind=kind)


def _joint_speaker(subject: Token, index: ActorIndex, doc_key: str) -> Speaker | None:
    """'Meeks and Krishnamoorthi warn that ...': people named together as one subject speak
    as one group (named as `kg.extract.referents` names a group of people named together)."""
    conjuncts = [subject, *subject.conjuncts]
    if len(conjuncts) < 2 or not any(
        c.dep_ == "cc" and c.lower_ == "and" for c in subject.children
    ):
        return None
    members: dict[str, Actor] = {}
    spans = []
    for tok in conjuncts:
        hit = index.actor_at(tok)
        if hit is None or hit[1].kind != "person":
            return None
        members.setdefault(hit[1].id, hit[1])
        spans.append(hit[0])
    if len(members) < 2:
        return None
    names = [a.name for a in members.values()]
    label = ", ".join(names[:-1]) + " and " + names[-1]
    base = discovered_actor(label, "group")
    actor = Actor(id=f"group/{doc_key}/{base.id.split('/', 1)[1]}", name=label, kind="group")
    start = min(sp.start_char for sp in spans)
    end = max(sp.end_char for sp in spans)
    return Speaker(actor, start, end, doc_text(subject.doc)[start:end])


def _group(subject: Token, kind: str, doc_key: str, index: ActorIndex) -> Speaker:
    # the noun phrase up to the head and its compound/adjective modifiers
    phrase = [t for t in subject.lefts if t.dep_ in ("amod", "compound", "nmod", "nummod")]
    phrase_text = " ".join([t.text for t in phrase] + [subject.text])
    start, end = subtree_chars(subject)
    if kind == "anonymous":
        text = doc_text(subject.doc)[start:end]
        actor = discovered_actor(text, "anonymous")
        actor = Actor(
            id=f"anonymous/{doc_key}/{actor.id.split('/', 1)[1]}",
            name=text.strip(),
            kind="anonymous",
        )
    else:
        actor = index.gazetteer.discovered(phrase_text, "group")
    return Speaker(actor, start, end, doc_text(subject.doc)[start:end])


def resolve_reference(token: Token, index: ActorIndex) -> Actor | None:
    """A pronoun or nominal ('he', 'the company') resolved to the last compatible actor."""
    lower = token.lower_
    if lower in PERSON_PRONOUNS:
        return index.last_before(token.idx, ("person",))
    if lower == "it" and token.dep_ == "nsubj":
        return _speaking_it(token, index)
    definite = any(c.lower_ in ("the", "this", "that") for c in token.lefts) or any(
        # "the world's largest contract chipmaker": a superlative description of one actor
        c.dep_ == "poss"
        and c.lower_ in ("world", "country", "nation", "industry", "region")
        and any(d.lower_ == "the" for d in c.lefts)
        for c in token.lefts
    )
    if definite and token.lemma_.lower() in SPEAKING_ROLES:
        return _last_spokesperson(token, index)
    if token.pos_ == "NOUN" and definite:
        kinds = NOMINAL_KINDS.get(token.lemma_.lower())
        if kinds:
            return index.last_before(token.idx, kinds)
    return None


def _speaking_it(token: Token, index: ActorIndex) -> Actor | None:
    """ "it" that says something is the body that spoke last: in the clause a body reports
    ('Anthropic said that it would sign, arguing ...'), the body; as the subject of a saying
    verb at the head of a sentence ('The department issued guidance. It also cautioned
    companies that ...'), the body that is the previous sentence's subject. Anything else
    ("it" for a rule, a chip, a plan) is left unresolved."""
    for verb in token.head.ancestors:
        if verb.lemma_.lower() in REPORT_VERBS and verb.pos_ in ("VERB", "AUX"):
            outer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if outer is None or outer.i == token.i:
                return None
            hit = index.actor_at(outer)
            return hit[1] if hit is not None and hit[1].kind in _SPEAKS_FOR else None
    verb = token.head
    sent = sentence_of(token)
    if verb.lemma_.lower() not in CUE_VERBS or token.i != sent.start or sent.start == 0:
        return None
    before = sentence_of(token.doc[sent.start - 1])
    subject = next((t for t in before if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
    hit = index.actor_at(subject) if subject is not None else None
    return hit[1] if hit is not None and hit[1].kind in _SPEAKS_FOR else None


_SPOKES_WINDOW = 5  # tokens either side of an earlier role noun where its name may stand


_SPEAKS_FOR = ("government_body", "company", "international_body", "organization", "state")


def _last_spokesperson(token: Token, index: ActorIndex) -> Actor | None:
    """'the spokesperson' -> the person last introduced in that role ('Shu Jueting, a MOFCOM
    spokesperson' or 'MOFCOM spokesperson Shu Jueting'), else the body the role spoke for
    ('a MOFCOM spokesperson'); None when the role was never introduced with either."""
    introduced = index.memo.get("spokespersons")
    if introduced is None:  # every role noun that names its speaker, found once per article
        doc = token.doc
        introduced = [
            (t.i, actor)
            for t in doc
            if t.lemma_.lower() in SPEAKING_ROLES and (actor := _role_actor(t, index))
        ]
        index.memo["spokespersons"] = introduced
    k = bisect_left(introduced, token.i, key=lambda hit: hit[0])
    return introduced[k - 1][1] if k else None


def _role_actor(role: Token, index: ActorIndex) -> Actor | None:
    """The person a role noun introduces, else the body it speaks for: the actors within
    `_SPOKES_WINDOW` tokens of it in its sentence."""
    doc = role.doc
    sent = sentence_of(role)
    lo = max(sent.start, role.i - _SPOKES_WINDOW)
    hi = min(sent.end, role.i + _SPOKES_WINDOW + 1)
    near = [hit for tok in doc[lo:hi] if (hit := index.actor_at(tok))]
    for kinds in (("person",), _SPEAKS_FOR):
        found = [a for _, a in near if a.kind in kinds]
        if found:
            return found[0]
    return None


_CLIMB = frozenset(["conj", "xcomp", "advcl", "pcomp", "prep", "dep", "acomp"])


def reporting_outer(verb: Token) -> Token | None:
    """The past saying verb whose reported clause the parser hung a conjoined past verb in:
    'X said she thinks A should go but said B' -> the first "said" (``verb`` the second)."""
    if (
        verb.dep_ != "conj"
        or verb.tag_ != "VBD"
        or verb.head.tag_ == "VBD"
        or verb.head.dep_ not in ("ccomp", "conj", "xcomp")
        or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    ):
        return None
    return next(
        (
            a
            for a in verb.head.ancestors
            if a.lemma_.lower() in REPORT_VERBS and a.tag_ == "VBD" and a.i < verb.i
        ),
        None,
    )


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The claimer phrase of a cue verb and whether the verb is passive.

    A verb without its own subject borrows the subject of the verb it hangs off:
    "X said A and warned B", "X wants to say", "X tweeted, saying ...", "began by saying".
    """
    tok = verb
    outer = reporting_outer(verb)
    if outer is not None:
        # "X said he would review it and warned Y": the parser hangs "warned" inside the
        # reported clause ("would review"); a past cue verb beside a past "said" is X's own
        tok = outer
    elif (
        verb.dep_ == "ccomp"
        and verb.i > 0
        and verb.doc[verb.i - 1].dep_ == "cc"
        and verb.head.lemma_.lower() in REPORT_VERBS
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
    ):
        # "X said A but said B", the second "said" parsed as part of what X said
        tok = verb.head
    if (
        verb.tag_ == "VBN"
        and verb.dep_ == "advcl"
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)
    ):
        # 'Asked about X, she ...': she was asked; the asker is unnamed or the agent
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        return pobj, True
    for _ in range(5):
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            # "The Latest: Trump urges ..." -> the subject nearest before the verb
            before = [c for c in subjects if c.i < tok.i]
            return (before[-1] if before else subjects[0]), False
        for c in tok.children:
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None), True
        if any(c.dep_ == "nsubjpass" for c in tok.children):
            return None, True
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
            issuer = _issuer(tok.head)
            if issuer is not None:
                return issuer, False  # "X issued a statement calling ...": X speaks
            return tok.head, False  # "a tweet attacking ...", "Trump, criticizing ..."
        if tok.dep_ not in _CLIMB or tok.head.i == tok.i:
            break
        if tok.tag_ == "VBG" and tok.dep_ in ("xcomp", "oprd", "advcl"):
            # 'left many nations feeling that ...', 'heard her saying ...': the object right
            # before the participle (not 'She left the room, saying ...')
            obj = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
            if (
                obj is not None
                and obj.right_edge.i + 1 == tok.i
                and obj.ent_type_ not in TIME_LABELS
            ):
                return obj, False  # (not 'spent months urging ...')
        tok = tok.head
    return None, False


def _issuer(noun: Token) -> Token | None:
    """Who speaks through a document or at an occasion: 'X issued a statement calling ...',
    'X sent a series of tweets attacking ...', 'X spoke at a briefing announcing ...' -> the
    subject of the verb the document is the object of, or the occasion an adjunct of."""
    lemma = noun.lemma_.lower()
    if lemma not in ISSUED_NOUNS and lemma not in OCCASION_NOUNS:
        return None
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head  # "a series of tweets"
    at = noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB"
    if lemma in OCCASION_NOUNS and at:
        verb = noun.head.head  # "she said at a news conference announcing ..."
    elif lemma in ISSUED_NOUNS and noun.dep_ == "dobj":
        verb = noun.head
    else:
        return None
    subject, passive = subject_of(verb)
    return None if passive else subject


def owner_of(noun: Token) -> Token | None:
    """Whose claim a cue noun is: its possessor, an agent ("by X"), or the subject of a
    light verb it is the object of ("she made the case for ...")."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if noun.dep_ in ("dobj", "attr") and noun.head.lemma_.lower() in LIGHT_VERBS | CUE_VERBS:
        subject, passive = subject_of(noun.head)
        return None if passive else subject
    return None


def may_refer(pronoun: Token, actor: Actor) -> bool:
    """Whether a possessive pronoun can stand for ``actor`` ("his" a person, "its" not)."""
    lower = pronoun.lower_
    if lower == "their":
        return True
    if lower in ("his", "her", "my"):
        return actor.kind == "person"
    return actor.kind != "person"


def clause_speaker(noun: Token, index: ActorIndex, doc_key: str) -> Speaker | None:
    """The speaker named by the subject of the verb a noun phrase hangs off."""
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject, passive = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else (None, False)
    if subject is None or passive:
        return None
    return speaker_of(subject, index, doc_key)
