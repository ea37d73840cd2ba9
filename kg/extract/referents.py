"""Who a claimer phrase the patterns could not name refers to, or that it refers to no actor.

The claim patterns (kg.extract.speakers, kg.extract.direct) give every claimer an actor,
named or not. Before a claimer becomes an actor of the article, `vet_speaker` applies the
analyst's rules for actors (../shared/data/analyst-gold/GUIDELINES.md, issue 18):

- a pronoun the patterns left unresolved ("it", "they", "we") is a mention of someone, never
  an actor of its own: the claim keeps no speaker;
- a noun phrase with no referent ("the aim", "The numbers", "Evidence", "his team") is no
  actor either;
- a descriptor or title the text uses for an actor it names ("the Act" after the AI Act,
  "the center" after the Center for AI Standards and Innovation, "The person" after "A person
  familiar with procurement at ...", "THE VICE PRESIDENT" in JD Vance's transcript) is that actor;
- a document with an owner ("the company's annual report", "that report" after "DeepSeek's
  own technical report") speaks for the owner; unnamed documents in the plural ("reports",
  "industry estimates") are anonymous sources; other documents speak themselves ("the
  letter"), but figures do not ("The numbers show");
- an unnamed role-holder of a body the text names ("An official at the agency") is that body;
- "the lawmakers", "The Members" after two or more people named together are those people,
  one group actor named after them ("Gregory W. Meeks and Raja Krishnamoorthi");
- other unnamed people ("analysts in Washington", "Officials familiar with the matter",
  "Some researchers") are anonymous sources of the article, named by their phrase without
  quantifiers; groups of bodies ("allied governments") are groups of the article. Two such
  phrases with the same head ("researchers" of two labs) are two actors unless the whole
  phrase is the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from kg.extract.docs import doc_text, sentence_of
from kg.extract.lexicon import (
    ANONYMOUS_HEADS,
    AUTHORED_DOCUMENTS,
    DATA_NOUNS,
    DOCUMENT_NOUNS,
    GROUP_QUANTIFIERS,
    MEDIA_NOUNS,
    NOMINAL_KINDS,
    NOT_ACTORS,
    PEOPLE_NOUNS,
    PRONOUN_KINDS,
    PUBLISH_VERBS,
    ROLE_NOUNS,
    SOURCE_DOCS,
    SPEAKS_FOR_ROLES,
    STANDALONE_PRONOUNS,
    UNNAMED_PEOPLE,
)
from kg.extract.mentions import ActorIndex
from kg.extract.speakers import Speaker
from kg.model import Actor, Claim, Mention
from kg.resolve.gazetteer import discovered_actor, normalize_name
from kg.resolve.kinds import name_head
from kg.resolve.names import TITLE_WORDS

_PRONOUNS = STANDALONE_PRONOUNS | frozenset(PRONOUN_KINDS)
_DOCUMENTS = DOCUMENT_NOUNS | SOURCE_DOCS | AUTHORED_DOCUMENTS
_REFERRING = PEOPLE_NOUNS | ROLE_NOUNS | MEDIA_NOUNS | frozenset(NOMINAL_KINDS)
_DEFINITE = frozenset(["the", "this", "that", "these", "those"])
#: bodies an unnamed role-holder speaks for
_BODIES = ("government_body", "company", "organization", "international_body")
#: what may stand between two people named together ("Ada Brink (D-OR) and Tomas Ruiz",
#: "Vale (R-TX), along with Representatives Ines Kallas (R-OH-04), Chair of the House
#: Shipping Committee ...,"): titles, parentheses, commas, "and"
_JOINED_GAP = re.compile(
    r"^(?:[\s,]|\([^()\n]{0,40}\)|\band\b|\balong with\b|\bof\b|\bthe\b"
    r"|\bon\b|\bfor\b|[A-Z][\w.’'-]*)*$"
)
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee", "eer")
_MEMO = "vetted speakers"
_SPOKE = "speakers so far"  # every vetted speaker, where it spoke
#: how a mention was resolved (kg.model.Mention.how) when it names people named together
JOINT_GROUP = "people named together"
#: ... when it is the claimer phrase of a statement
CLAIMER = "claimer phrase"


def _lemma(tok: Token) -> str:
    """The lower-case lemma, also of a capitalised plural the lemmatizer leaves ("Members")."""
    lemma = tok.lemma_.lower()
    if tok.tag_ == "NNPS" and lemma == tok.lower_ and lemma.endswith("s"):
        lemma = lemma[:-1]
    return lemma


def _agentive(lemma: str) -> bool:
    """A noun for people by what they do ("workers", "exporters", "users"), not a figure."""
    return lemma.endswith(_AGENT_ENDINGS) and lemma not in _DOCUMENTS and lemma not in DATA_NOUNS


def _qualified(head: Token) -> bool:
    """'Those close to the governor', 'some in the industry': a pronoun made a description by
    what follows it (not 'many of whom', which points back)."""
    for child in head.rights:
        if child.dep_ in ("amod", "acl", "relcl") or (
            child.dep_ == "prep" and not any(t.tag_ in ("WP", "WDT") for t in child.subtree)
        ):
            return True
    return False


def _unnamed(text: str, kind: str, doc_key: str, index: ActorIndex) -> Actor:
    """An unnamed source or group: the gazetteer's collective when it knows the phrase
    ("analysts", "US officials"), else one scoped to the article."""
    known = index.gazetteer.discovered(text, kind)
    return known if known.in_gazetteer else _scoped(text, kind, doc_key)


def _scoped(text: str, kind: str, doc_key: str) -> Actor:
    """An actor named only in this article, its id scoped to the article."""
    base = discovered_actor(text, kind)
    return Actor(id=f"{kind}/{doc_key}/{base.id.split('/', 1)[1]}", name=text, kind=kind)


def _heads(actor: Actor, form: str) -> set[str]:
    """The words a descriptor may take from a name: its head and last word ("Center for AI
    Standards and Innovation" -> center, innovation); for an unnamed source, its first word
    ("person familiar with ..." -> person)."""
    words = normalize_name(form).split()
    if actor.kind == "anonymous":
        words = [w for w in words if w not in GROUP_QUANTIFIERS]
        return {words[0]} if words else set()
    return {name_head(form), words[-1]} if len(words) >= 2 else set()


def _descriptor_target(
    word: str, before: int, index: ActorIndex, kinds: tuple[str, ...] | None = None
) -> Actor | None:
    """The last actor before doc offset ``before`` with ``word`` as the head of one of its
    names ("the Act" -> EU AI Act via "AI Act"); unnamed sources the claimers of this article
    introduced count too ("The person")."""
    word = word.lower()
    candidates: list[tuple[int, str, Actor]] = []
    for mention in index.mentions:
        actor = index.actors.get(mention.actor_id)
        if actor is not None and mention.start - index.offset < before:
            candidates.append((mention.start - index.offset, mention.text, actor))
    for start, actor in index.memo.get(_MEMO, []):
        if start < before:
            candidates.append((start, actor.name, actor))
    for _start, text, actor in sorted(candidates, key=lambda c: c[0], reverse=True):
        if kinds and actor.kind not in kinds:
            continue
        if word in _heads(actor, text) or word in _heads(actor, actor.name):
            return actor
    return None


def _title_target(words: list[str], author: Actor | None, index: ActorIndex) -> Actor | None:
    """'THE VICE PRESIDENT', 'the President': the person the article names with that title, or
    the author when one of the author's known names starts with it."""
    title = " ".join(w.lower() for w in words if w.lower() != "the")
    if not title:
        return None
    for mention in reversed(index.mentions):
        actor = index.actors.get(mention.actor_id)
        if (
            actor is not None
            and actor.kind == "person"
            and mention.text.lower().startswith(title + " ")
        ):
            return actor
    forms = (author.name, *author.aliases) if author is not None else ()
    if any(f.lower().startswith(title + " ") for f in forms):
        return author
    return None


def _owner(head: Token, index: ActorIndex) -> Actor | None:
    """The actor that owns a document: "Nvidia's own filings", "the company's report"."""
    for child in head.children:
        if child.dep_ == "poss":
            hit = index.actor_at(child)
            if hit is not None:
                return hit[1]
            kinds = NOMINAL_KINDS.get(child.lemma_.lower())
            if kinds:
                return index.last_before(child.idx, kinds)
    return None


def _publisher(head: Token, index: ActorIndex) -> Actor | None:
    """Who put a document out: "X released a new report finding that ...", "a report
    published by X"."""
    verb = head.head
    if verb.i == head.i or verb.lemma_.lower() not in PUBLISH_VERBS:
        return None
    if head.dep_ == "dobj":
        who = [c for c in verb.children if c.dep_ == "nsubj"]
    elif head.dep_ == "nsubjpass":
        who = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
    else:
        return None
    for tok in who:
        hit = index.actor_at(tok)
        if (hit is not None and hit[1].kind != "person") or (hit is not None and len(who) == 1):
            return hit[1]
    return None


def _earlier_owner(head: Token, index: ActorIndex) -> Actor | None:
    """'that report' after "DeepSeek's own technical report": the owner of the last document
    of the same noun before it."""
    lemma = _lemma(head)
    for tok in reversed(head.doc[max(0, head.i - 400) : head.i]):
        if tok.pos_ == "NOUN" and _lemma(tok) == lemma:
            owner = _owner(tok, index)
            if owner is not None:
                return owner
    return None


def _body_of_role(head: Token, index: ActorIndex) -> Actor | None:
    """'An official at the agency', 'a spokesperson for the ministry', 'a ministry
    spokesperson': the body a role-holder the text does not name speaks for."""
    for mod in head.lefts:
        if mod.dep_ != "compound":
            continue
        hit = index.actor_at(mod)  # "a Commerce Department spokesperson"
        if hit is not None and hit[1].kind in _BODIES:
            return hit[1]
        kinds = NOMINAL_KINDS.get(mod.lemma_.lower())  # "a ministry spokesperson"
        if kinds and mod.pos_ in ("NOUN", "PROPN"):
            body = index.last_before(mod.idx, tuple(k for k in kinds if k in _BODIES))
            if body is not None:
                return body
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("at", "of", "from", "for", "with"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            hit = index.actor_at(obj)
            if hit is not None and hit[1].kind in _BODIES:
                return hit[1]
            kinds = NOMINAL_KINDS.get(obj.lemma_.lower())
            if kinds and any(c.lower_ in _DEFINITE for c in obj.lefts):
                body = index.last_before(obj.idx, tuple(k for k in kinds if k in _BODIES))
                if body is not None:
                    return body
    return None


def _named_together(before: int, index: ActorIndex, doc: Doc) -> list[Actor]:
    """The people last named together before doc offset ``before`` ("Representatives Gregory
    W. Meeks and Raja Krishnamoorthi"): two or more persons in one sentence with nothing but
    titles, parentheses, commas and "and" between them."""
    text = doc_text(doc)
    people = [
        (m.start - index.offset, m.end - index.offset, index.actors[m.actor_id])
        for m in index.mentions
        if m.actor_id in index.actors
        and index.actors[m.actor_id].kind == "person"
        and m.end - index.offset <= before
    ]
    people.sort(key=lambda p: p[0])
    best: list[Actor] = []
    chain: list[tuple[int, int, Actor]] = []
    for start, end, actor in people:
        if chain:
            gap = text[chain[-1][1] : start]
            same = sentence_of(doc.char_span(start, end, alignment_mode="expand") or doc[:1])
            joined = (
                len(gap) <= 200
                and "\n" not in gap
                and _JOINED_GAP.match(gap) is not None
                and same.start_char <= chain[0][0]
            )
            if not joined:
                chain = []
        chain.append((start, end, actor))
        members = list({a.id: a for _, _, a in chain}.values())
        if len(members) >= 2:
            best = members
    return best


def _joint_group(members: list[Actor], doc_key: str) -> Actor:
    names = [a.name for a in members]
    label = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return _scoped(label, "group", doc_key)


def _group_name(span: Span, clauses: bool = True) -> str:
    """The phrase of an unnamed group without its leading quantifiers ("Some analysts" ->
    "analysts") and trailing punctuation, with what qualifies its head right after it
    ("countries of concern", "Officials familiar with the matter", "analysts in Washington")."""
    head = span.root
    end = head.i + 1  # not the relative clause: "Researchers [who want to ...]"
    for child in head.rights:
        deps = ("prep", "amod", "acl") if clauses else ("prep",)
        if child.dep_ in deps and child.i == end:
            right = child.right_edge.i + 1
            if right - head.i <= 14:
                end = right
    tokens = list(span.doc[span.start : end])
    while tokens and (tokens[0].lower_ in GROUP_QUANTIFIERS or tokens[0].like_num):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return span.text
    return doc_text(span.doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def claimer_mentions(claims: Sequence[Claim], mentions: Sequence[Mention]) -> list[Mention]:
    """The claimer phrases of speakers the text names nowhere else ("A person familiar with
    ...", "The person", "Industry insiders"), as their mentions, so that every actor with a
    statement is mentioned where it speaks. An actor the text names keeps its names: "the
    company" or "she" for Nvidia or Gina Raimondo is a reference to it, not one of its names."""
    named = {m.actor_id for m in mentions}
    seen: set[tuple[str, int, int]] = set()
    out = []
    for claim in claims:
        who = claim.claimer
        if who is None or claim.speaker is None or who.actor_id != claim.speaker:
            continue
        if who.actor_id in named or (who.actor_id, who.start, who.end) in seen:
            continue
        if who.text.lower() in _PRONOUNS:
            continue
        seen.add((who.actor_id, who.start, who.end))
        out.append(Mention(who.actor_id, who.start, who.end, who.text, how=who.how or CLAIMER))
    return out


def regroup(index: ActorIndex, doc: Doc, doc_key: str) -> None:
    """Mentions of a generic group the gazetteer knows, written with "the" ("the lawmakers")
    right after two or more people named together, are mentions of those people as one group
    (the same group `vet_speaker` gives such a claimer)."""
    text = doc_text(doc)
    for k, mention in enumerate(index.mentions):
        actor = index.actors.get(mention.actor_id)
        start = mention.start - index.offset
        if actor is None or actor.kind != "group" or not actor.in_gazetteer:
            continue
        if not text[max(0, start - 4) : start].lower().endswith("the "):
            continue
        members = _named_together(start, index, doc)
        if not members:
            continue
        index.reassign(k, _joint_group(members, doc_key), JOINT_GROUP)


def vet_speaker(
    speaker: Speaker, doc: Doc, index: ActorIndex, doc_key: str, author: Actor | None = None
) -> Speaker | None:
    """The speaker as an actor of the article, or None when the phrase names no actor."""
    found = _vet(speaker, doc, index, doc_key, author)
    if found is not None and found.actor.id not in index.actors:
        index.memo.setdefault(_MEMO, []).append((speaker.start, found.actor))
    if found is not None:
        index.memo.setdefault(_SPOKE, []).append((speaker.start, found.actor))
    return found


def _vet(
    speaker: Speaker, doc: Doc, index: ActorIndex, doc_key: str, author: Actor | None
) -> Speaker | None:
    actor = speaker.actor
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    words = re.findall(r"[\w’'-]+", speaker.text)
    if span is None or not words:
        return None
    in_phrase = any((hit := index.actor_at(t)) is not None and hit[1].id == actor.id for t in span)
    if in_phrase and actor.kind != "group":
        return speaker  # a name the phrase gives ("Nvidia", "a MOFCOM spokesperson")
    head = span.root
    lemma = _lemma(head)
    first = span[0]

    def to(target: Actor) -> Speaker:
        return Speaker(target, speaker.start, speaker.end, speaker.text)

    definite = first.lower_ in _DEFINITE or any(
        c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.lefts
    )
    if definite and head.pos_ in ("NOUN", "PROPN") and len(span) <= 3:
        # "the department", "The administration", "the spokesperson": the actor the text
        # named with that head or title, before the last actor of a compatible kind
        if all(w.lower() in TITLE_WORDS or w.lower() in _DEFINITE for w in words):
            titled = _title_target(words, author, index)
            if titled is not None:
                return to(titled)
        if head.tag_ in ("NN", "NNP"):
            described = _descriptor_target(head.text, speaker.start, index)
            if described is not None:
                return to(described)

    plural = head.tag_ in ("NNS", "NNPS")
    if plural and definite and (lemma in PEOPLE_NOUNS or lemma == "member"):
        members = _named_together(speaker.start, index, doc)
        if members:
            return to(_joint_group(members, doc_key))  # "the lawmakers" after naming them
    if actor.in_gazetteer or actor.id in index.actors:
        return speaker
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        # '"...," they wrote' just after a group spoke: that group again
        plural = words[0].lower() in ("they", "them")
        return to(group) if plural and (group := _last_group(speaker.start, index)) else None
    if all(w in NOT_ACTORS or w.lower() in _DEFINITE | {"a", "an"} for w in words):
        return None  # "AI", "the AI"
    if head.pos_ in ("PRON", "DET") and _qualified(head):
        return to(_unnamed(_group_name(span), "anonymous", doc_key, index))  # "Those close to him"
    if head.pos_ == "PRON" or (first.tag_ == "PRP$" and lemma not in _DOCUMENTS):
        return None  # "many of whom", "his team"
    if all(w.lower() in TITLE_WORDS or w.lower() == "the" for w in words):
        target = _title_target(words, author, index)
        return to(target) if target is not None else speaker
    if lemma in _DOCUMENTS or head.lower_ in _DOCUMENTS:
        return _document(speaker, span, index, doc_key)
    if any(t.like_num for t in span) and plural:
        return None  # "Around 100 companies", "at least 10 governments": a count, no referent
    if lemma in SPEAKS_FOR_ROLES:
        body = _body_of_role(head, index)
        if body is not None:
            return to(body)
        if not plural and not definite:  # "a spokesperson": one unnamed person, not a group
            return to(_unnamed(_group_name(span), "anonymous", doc_key, index))
    if definite and head.pos_ in ("NOUN", "PROPN"):
        kinds = NOMINAL_KINDS.get(lemma)
        named = _descriptor_target(head.text, speaker.start, index, kinds)
        if named is None and lemma != head.lower_:
            named = _descriptor_target(lemma, speaker.start, index, kinds)
        if named is not None:
            return to(named)
    if (lemma in UNNAMED_PEOPLE or lemma in ANONYMOUS_HEADS) and not definite:
        return to(
            _unnamed(_group_name(span), "anonymous", doc_key, index)
        )  # "A person familiar with"
    if plural or (lemma in PEOPLE_NOUNS and head.tag_ != "NN"):
        if lemma in UNNAMED_PEOPLE or lemma in ANONYMOUS_HEADS:
            return to(_unnamed(_group_name(span), "anonymous", doc_key, index))
        if lemma in PEOPLE_NOUNS or lemma in NOMINAL_KINDS or lemma == "member":
            return to(_unnamed(_group_name(span), "group", doc_key, index))
        if lemma in ("government", "country", "state") or (_agentive(lemma) and len(span) > 1):
            return to(_unnamed(_group_name(span), "group", doc_key, index))  # "many dock workers"
        return None  # "The rules", "prices"
    if head.pos_ == "NOUN" and lemma not in _REFERRING:
        return None  # "the aim", "Evidence", "the way"
    if head.pos_ == "PROPN" and len(words) == 1:
        named = _descriptor_target(head.text, speaker.start, index, ("person",))
        if named is not None:
            return to(named)  # "Hicks" after "Kathleen Hicks"
        if head.is_sent_start and head.is_title and not head.ent_type_:
            return None  # "Evidence indicates ...": a capitalised word, not a name
    return speaker


_GROUP_REACH = 1000  # chars back from "they" within which a group that spoke is its referent


def _last_group(before: int, index: ActorIndex) -> Actor | None:
    """The group of people that last spoke (a claimer vetted as a group: 'the lawmakers',
    'Meeks and Krishnamoorthi') shortly before doc offset ``before``."""
    spoke = [
        (start, actor)
        for start, actor in index.memo.get(_SPOKE, [])
        if before - _GROUP_REACH <= start < before
    ]
    if not spoke:
        return None
    _, last = max(spoke, key=lambda hit: hit[0])
    return last if last.kind == "group" else None


def _document(speaker: Speaker, span: Span, index: ActorIndex, doc_key: str) -> Speaker | None:
    """A document as a claimer: its owner, the named document it refers back to, an anonymous
    source (unnamed documents in the plural), or no actor."""
    head = span.root
    lemma = _lemma(head)
    first = span[0]

    def to(target: Actor) -> Speaker:
        return Speaker(target, speaker.start, speaker.end, speaker.text)

    owner = _owner(head, index) or _publisher(head, index)
    if owner is not None:
        return to(owner)
    named = _descriptor_target(head.lower_, speaker.start, index)
    if named is None and head.lower_ != lemma:
        named = _descriptor_target(lemma, speaker.start, index)
    if named is None and first.lower_ in _DEFINITE:
        named = _earlier_owner(head, index)
    if named is not None:
        return to(named)
    if first.lower_ in _DEFINITE and lemma in DATA_NOUNS:
        return None  # "The numbers show": figures, not a source
    if head.tag_ in ("NNS", "NNPS"):
        return to(_unnamed(_group_name(span, clauses=False), "anonymous", doc_key, index))
    return speaker  # "the letter reads": a document nobody is named for speaks itself
