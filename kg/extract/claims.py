"""Claim patterns: small functions over a parsed Doc yielding `RawClaim` records.

Offsets here are doc character offsets; `kg.extract.extract` shifts them into the
article text. Patterns: reported speech, "according to", direct quotes with their
speaker (same sentence, the sentence before or after), nominal forms ("X's view
that ..."), and the author's own assertions in opinion writing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import (
    ACTION_VERBS,
    AMOUNT_NOUNS,
    ANONYMOUS_HEADS,
    ANONYMOUS_MARKERS,
    CLAUSE_VERBS,
    CONTENT_PREPS,
    CUE_ADJECTIVES,
    CUE_NOUNS,
    CUE_VERBS,
    DENY_VERBS,
    DOCUMENT_NOUNS,
    HEARER_VERBS,
    HEDGE_VERBS,
    HEDGE_WORDS,
    MEDIA_NOUNS,
    NOMINAL_KINDS,
    NOT_CLAIMERS,
    NOT_CUE_VERBS,
    OBJECT_VERBS,
    PEOPLE_NOUNS,
    PREDICT_VERBS,
    PREP_VERBS,
    PRONOUN_KINDS,
    QUESTION_VERBS,
    REPORT_VERBS,
    ROLE_NOUNS,
    SOURCE_DOCS,
    SOURCE_NOUNS,
    SPEECH_NOUNS,
    SPOKES_NOUNS,
    STAT_LABELS,
    TO_VERBS,
    XCOMP_VERBS,
)
from kg.extract.mentions import ActorIndex, resolve_reference
from kg.model import Actor
from kg.resolve.gazetteer import discovered_actor

_EDGE_PUNCT = " \t\n,;:—–-\"'“”‘’"
# doubled apostrophes ('' ... '', the NYT style) may enclose single ones ("it's")
# a straight quote mark opens before a word and closes after one: '"Cia" Price' does not
# make ' Price (D), shouted to the crowd. ' a quotation
# sloppy marks too: a curly opening closed by a straight mark, a paragraph opened by "”"
_QUOTE_RE = re.compile(
    r"“([^”]{12,}?)”|\"(?=\S)([^\"\n]{12,}?)(?<=\S)\"|''((?:[^'\n]|'(?!')){12,}?)''"
    r"|“([^”\"\n]{12,}?)\"|(?<![^\n])”([^”“\n]{12,}?)”"
)


@dataclass(frozen=True)
class Speaker:
    actor: Actor
    start: int  # doc char offsets of the speaker mention
    end: int
    text: str


@dataclass(frozen=True)
class RawClaim:
    start: int
    end: int
    attribution: str
    speaker: Speaker | None
    cue: tuple[int, int, str] | None
    sentence: tuple[int, int]
    stance: str
    hedged: bool
    negated_root: int | None  # doc token index of a negation to drop from the proposition
    pattern: str


def quotations(doc: Doc) -> list[tuple[int, int, int, int]]:
    """Quotations of four words or more: (open mark, content start, content end, close mark end).

    Curly, straight and doubled-apostrophe quote marks. A quotation may run over several
    paragraphs (each reopened with a quote mark); an opening mark inside a quotation that
    does not start a paragraph means the marks are unbalanced, and matching restarts there.
    Computed once per Doc.
    """
    cached = doc.user_data.get("kg_quotations")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    text = doc_text(doc)
    found = []
    pos = 0
    while (m := _QUOTE_RE.search(text, pos)) is not None:
        group = next(g for g in range(1, 6) if m.group(g) is not None)
        qs, qe = m.start(group), m.end(group)
        inner = text.find("“", qs, qe)
        while inner >= 0 and text[max(0, inner - 1)] == "\n":
            inner = text.find("“", inner + 1, qe)
        if inner >= 0:
            pos = inner
            continue
        if len(text[qs:qe].split()) >= 4 and not _is_title(text[qs:qe]):
            found.append((m.start(), qs, qe, m.end()))
        pos = m.end()
    doc.user_data["kg_quotations"] = found
    return found


def _turns(doc: Doc) -> list[tuple[int, int]]:
    """Spans of transcript turns ('NAME: what they said'), computed once per Doc."""
    cached = doc.user_data.get("kg_turns")
    if cached is None:
        cached = [
            (m.start(2), m.end(2))
            for m in _TURN_RE.finditer(doc_text(doc))
            if _is_turn_label(m.group(1))
        ]
        doc.user_data["kg_turns"] = cached
    return cached  # type: ignore[no-any-return]


def _is_turn_label(label: str) -> bool:
    """'LOPEZ', 'Maria Lopez' head a turn; 'Frustration with police' does not."""
    return all(w[0].isupper() for w in label.split())


def _is_title(quoted: str) -> bool:
    """'"The Art of the Deal"': a title in quote marks, not a quotation."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’]*", quoted) if len(w) > 3]
    return (
        bool(words)
        and all(w[0].isupper() for w in words)
        and not quoted.rstrip().endswith((".", "!", "?", ","))
    )


def _in_quotation(doc: Doc, char: int) -> bool:
    """Whether a char offset lies inside a quotation or a transcript turn."""
    spans = quotations(doc)
    starts = doc.user_data.get("kg_quotation_starts")
    if starts is None:
        starts = doc.user_data["kg_quotation_starts"] = [q[0] for q in spans]
    i = bisect_right(starts, char) - 1
    if i >= 0 and spans[i][1] <= char < spans[i][2]:
        return True
    return any(s <= char < e for s, e in _turns(doc))


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy rebuilds ``Doc.text`` from the tokens on every access."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text  # type: ignore[no-any-return]


# --- helpers -------------------------------------------------------------------------------------


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Strip punctuation, quote marks and white space from both ends of a char span.

    A closing quote mark is kept when the span opens a quotation it would otherwise leave
    unclosed ('... the "safety gap."').
    """
    text = doc_text(doc)
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    stop = end
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    if end > start and text[end - 1] == ".":
        end -= 1
    inner = text[start:end]
    unclosed = inner.count('"') % 2 == 1 or inner.count("“") > inner.count("”")
    if unclosed and end < stop:
        # keep the period and the quote mark that closes the quotation
        end = stop
        while end > start and text[end - 1] not in '"”':
            end -= 1
    return start, end


def _is_clause(comp: Token) -> bool:
    """A finite complement clause ('that the rules will work'), not 'itself trapped'."""
    if any(c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in comp.children):
        return True
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in comp.children)
    finite = comp.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") for c in comp.children
    )
    return has_subject and finite


def _subtree_chars(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)


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
    return _unresolved(subject, doc_key)


_DATELINE_RE = re.compile(r"[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:--|—|–)")


def _dateline(span: Span) -> bool:
    """'WASHINGTON -- The president said ...': a place heading the story, not a subject."""
    return (
        span.start == span.sent.start
        and span.text.isupper()
        and _DATELINE_RE.match(doc_text(span.doc), span.end_char) is not None
    )


def _unresolved(subject: Token, doc_key: str, any_noun: bool = False) -> Speaker | None:
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
        start, end = _subtree_chars(subject)  # "those close to him", "many of whom"
    else:
        left = min(
            (t for t in subject.lefts if t.dep_ != "punct"), key=lambda t: t.i, default=subject
        )
        start, end = left.left_edge.idx, subject.idx + len(subject.text)
        if subject.pos_ == "PROPN" or subject.ent_type_ == "PERSON":
            kind = "organization" if subject.ent_type_ in ("ORG", "NORP") else "person"
        else:
            lemma = subject.lemma_.lower()
            fallback = "person" if lemma in ROLE_NOUNS else "organization"
            fallback = "anonymous" if lemma in DOCUMENT_NOUNS else fallback
            kind = NOMINAL_KINDS.get(lemma, (fallback,))[0]
    text = doc_text(subject.doc)[start:end]
    return Speaker(_local_actor(text, kind, doc_key), start, end, text)


def _local_actor(text: str, kind: str, doc_key: str) -> Actor:
    """An actor named only in this article ('he', 'the campaign', 'HOST'), scoped to it."""
    base = discovered_actor(text, kind)
    return Actor(id=f"{kind}/{doc_key}-{base.id.split('/', 1)[1]}", name=text.strip(), kind=kind)


def _group(subject: Token, kind: str, doc_key: str, index: ActorIndex) -> Speaker:
    # the noun phrase up to the head and its compound/adjective modifiers
    phrase = [t for t in subject.lefts if t.dep_ in ("amod", "compound", "nmod", "nummod")]
    phrase_text = " ".join([t.text for t in phrase] + [subject.text])
    start, end = _subtree_chars(subject)
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


def stance_and_hedge(cue_lemma: str | None, content: list[Token]) -> tuple[str, bool, int | None]:
    """Stance toward the content, whether it is hedged, and a negation to drop."""
    ids = {t.i for t in content}
    roots = [t for t in content if t.head.i not in ids or t.head.i == t.i]
    root = roots[0] if roots else None
    negation = None
    if root is not None:
        for child in root.children:
            if child.dep_ == "neg":
                negation = child.i
                break
    hedged = any(t.lower_ in HEDGE_WORDS for t in content) or (cue_lemma in HEDGE_VERBS)
    if cue_lemma in DENY_VERBS:
        return "denies", hedged, None
    opens_with_whether = bool(content) and content[0].lower_ in ("whether", "if")
    if cue_lemma in QUESTION_VERBS or (cue_lemma is not None and opens_with_whether):
        return "questions", hedged, None
    if negation is not None:
        return "denies", hedged, negation
    # "will", and in reported speech its backshifted "would", mark a prediction
    future = ("will", "'ll", "would") if cue_lemma else ("will", "'ll")
    if cue_lemma in PREDICT_VERBS or any(
        t.lower_ in future and root is not None and t.head.i == root.i for t in content
    ):
        return "predicts", hedged, None
    return "asserts", hedged, None


def _claim(
    doc: Doc,
    start: int,
    end: int,
    *,
    speaker: Speaker | None,
    cue: tuple[int, int, str] | None,
    cue_lemma: str | None,
    sent: Span,
    pattern: str,
    attribution: str = "reported",
    min_tokens: int = 3,
) -> RawClaim | None:
    start, end = trim(doc, start, end)
    if end - start < (2 if min_tokens < 3 else 8):
        return None
    content = list(doc.char_span(start, end, alignment_mode="expand") or [])
    if content and content[0].lower_ in ("that",) and content[0].dep_ == "mark":
        start, end = trim(doc, content[0].idx + len(content[0].text), end)
        content = content[1:]
    if len(content) < min_tokens:
        return None
    stance, hedged, negation = stance_and_hedge(cue_lemma, content)
    if stance == "asserts" and (
        doc_text(doc)[start:end].endswith("?")
        or doc_text(doc)[end : end + 2].strip().startswith("?")
    ):
        stance = "questions"  # a question put by the claimer, not an assertion
    return RawClaim(
        start=start,
        end=end,
        attribution=attribution,
        speaker=speaker,
        cue=cue,
        sentence=(sent.start_char, sent.end_char),
        stance=stance,
        hedged=hedged,
        negated_root=negation,
        pattern=pattern,
    )


def _cue(verb: Token) -> tuple[int, int, str]:
    end_tok = verb
    for child in verb.children:
        if child.dep_ == "prt" and child.i == verb.i + 1:
            end_tok = child
    start = verb.idx
    end = end_tok.idx + len(end_tok.text)
    return start, end, doc_text(verb.doc)[start:end]


# --- patterns ------------------------------------------------------------------------------------


_CLIMB = frozenset(["conj", "xcomp", "advcl", "pcomp", "prep", "dep", "acomp"])


def _reporting_outer(verb: Token) -> Token | None:
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


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The claimer phrase of a cue verb and whether the verb is passive.

    A verb without its own subject borrows the subject of the verb it hangs off:
    "X said A and warned B", "X wants to say", "X tweeted, saying ...", "began by saying".
    """
    tok = verb
    outer = _reporting_outer(verb)
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
                and obj.ent_type_ not in _TIME_ENTS
            ):
                return obj, False  # (not 'spent months urging ...')
        tok = tok.head
    return None, False


#: what someone issues or files to speak through ("a statement", "legal papers", "tweets")
_ISSUED = frozenset(["statement", "paper", "letter", "tweet", "post", "memo", "ad", "filing"])
#: where someone speaks ("she said at a news conference announcing ...")
_OCCASIONS = frozenset(["conference", "briefing", "speech", "interview", "rally", "event"])


def _issuer(noun: Token) -> Token | None:
    """Who speaks through a document or at an occasion: 'X issued a statement calling ...',
    'X sent a series of tweets attacking ...', 'X spoke at a briefing announcing ...' -> the
    subject of the verb the document is the object of, or the occasion an adjunct of."""
    lemma = noun.lemma_.lower()
    if lemma not in _ISSUED and lemma not in _OCCASIONS:
        return None
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head  # "a series of tweets"
    at = noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB"
    if lemma in _OCCASIONS and at:
        verb = noun.head.head  # "she said at a news conference announcing ..."
    elif lemma in _ISSUED and noun.dep_ == "dobj":
        verb = noun.head
    else:
        return None
    subject, passive = _subject(verb)
    return None if passive else subject


_TIME_ENTS = frozenset(["DATE", "TIME", "CARDINAL", "ORDINAL"])


def _clause_chars(comp: Token) -> tuple[int, int]:
    """A complement clause's span, stopping before a conjoined cue verb.

    "X said A and called B a mistake": B is a claim of its own, not part of A.
    "X said that A, and that B" keeps both clauses.
    """
    cut = comp.right_edge.i + 1
    for c in comp.children:
        if (
            c.dep_ == "conj"
            and c.i > comp.i
            and c.lemma_.lower() in CUE_VERBS
            and not any(g.dep_ == "mark" for g in c.children)
        ):
            cc = [g.i for g in comp.children if g.dep_ in ("cc", "punct") and comp.i < g.i < c.i]
            cut = min(cut, c.left_edge.i, *cc) if cc else min(cut, c.left_edge.i)
    for t in comp.subtree:
        outer = _reporting_outer(t) if t.i > comp.i and t.head.i != comp.i else None
        if outer is not None and outer.i == comp.head.i:
            # deeper: 'said she thinks A should go but said B'
            cc = [g.i for g in t.head.children if g.dep_ == "cc" and g.i < t.i]
            cut = min(cut, t.left_edge.i, *cc)
    cut = min(cut, _trailing_cut(comp))
    doc = comp.doc
    while cut - 1 > comp.i and doc[cut - 1].dep_ == "cc":
        cut -= 1  # "... should be released but [said ...]"
    last = doc[max(comp.left_edge.i, cut - 1)]
    return comp.left_edge.idx, last.idx + len(last.text)


#: subordinators of a trailing concession or contrast, which the writer adds to a report
_CONCESSIVE = frozenset(["though", "although", "while", "whereas", "despite", "aside", "even"])
_BREAKS = frozenset([",", ";", "(", "—", "–", "--"])


def _trailing_cut(head: Token) -> int:
    """Where a content phrase ends before a trailing adjunct set off by punctuation.

    '... in 2012, arguing that ...', '..., though she noted ...', '...; they only
    learned ...', '... (they want ...)', 'the critic, who ...': the adjunct is a comment
    of the writer or a claim of its own, not part of the reported content.
    """
    doc = head.doc
    cut = head.right_edge.i + 1
    for c in head.children:
        if c.i <= head.i:
            continue
        before = c.left_edge.i - 1
        if before <= head.i or doc[before].text not in _BREAKS:
            continue
        first = c.left_edge.lower_
        trailing = (
            (c.dep_ == "advcl" and (c.tag_ == "VBG" or first in _CONCESSIVE))
            or (c.dep_ == "prep" and first in _CONCESSIVE)
            or c.dep_ == "parataxis"
            or (c.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN"))
            or doc[before].text in (";", "(")
        )
        if trailing:
            cut = min(cut, before)
    return cut


def _phrase_chars(head: Token) -> tuple[int, int]:
    """A noun or verb phrase's span without a trailing adjunct (see `_trailing_cut`)."""
    cut = _trailing_cut(head)
    last = head.doc[max(head.left_edge.i, cut - 1)]
    return head.left_edge.idx, last.idx + len(last.text)


def _is_person_like(tok: Token) -> bool:
    return tok.ent_type_ in ("PERSON", "NORP", "ORG") or tok.lemma_.lower() in SOURCE_NOUNS


#: the channel one speaks on, not the topic ("spoke on a conference call", "on camera")
_CHANNELS = frozenset(
    [
        "call",
        "conference",
        "briefing",
        "podcast",
        "program",
        "programme",
        "show",
        "camera",
        "television",
        "radio",
        "phone",
        "record",
        "stage",
        "air",
        "line",
        "panel",
        "broadcast",
    ]
)


def _content_of(verb: Token, lemma: str) -> tuple[int, int, str] | None:
    """The content a cue verb governs, as (start, end, kind)."""
    children = list(verb.children)
    comps = [c for c in children if c.dep_ == "ccomp"]
    if not comps and lemma in REPORT_VERBS:
        # the parser sometimes hangs a reported clause as an adverbial: 'said after the
        # vote he would resign' -> a finite clause with its own subject and no "if/when"
        comps = [
            c
            for c in children
            if c.dep_ == "advcl"
            and c.i > verb.i
            and not any(g.dep_ == "mark" for g in c.children)
            and _is_clause(c)
        ]
    # the complement right of the verb, else one before it ('"...," she said')
    comp = next((c for c in comps if c.i > verb.i), comps[-1] if comps else None)
    if (
        comp is not None
        and lemma in CLAUSE_VERBS
        and (_is_clause(comp) or comp.i < verb.i or len(list(comp.subtree)) >= 4)
    ):
        start, end = _clause_chars(comp)
        for later in comps:
            # 'believe [the level of X] shows Y': a subjectless second complement is the
            # rest of the same clause, its subject parsed as the first complement
            if (
                later.i > comp.i
                and later.lemma_.lower() not in REPORT_VERBS  # 'said A but said B'
                and not any(
                    g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in later.children
                )
            ):
                end = max(end, _clause_chars(later)[1])
        return start, end, "clause"
    if (
        comp is not None
        and comp.i > verb.i
        and lemma in OBJECT_VERBS
        and comp.left_edge.lower_ in ("what", "whatever")
    ):
        start, end = _clause_chars(comp)  # "condemned what he called a breach"
        return start, end, "object"
    xcomp = next((c for c in children if c.dep_ == "xcomp" and c.i > verb.i), None)
    obj = next((c for c in children if c.dep_ in ("dobj", "dative") and c.i > verb.i), None)
    if obj is None and lemma in OBJECT_VERBS:
        # "called the members cowards" parsed with the object as a compound of the predicate
        obj = next((c for c in children if c.dep_ == "oprd" and c.i > verb.i), None)
    if xcomp is not None and lemma in XCOMP_VERBS and xcomp.pos_ in ("VERB", "AUX"):
        start, end = _phrase_chars(xcomp)
        on = next(
            (
                c
                for c in children
                if c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i < xcomp.i
            ),
            None,
        )
        if obj is not None and obj.i < xcomp.i:
            start = obj.left_edge.idx  # "urged Congress to act"
        elif on is not None and on.i == verb.i + 1 and any(g.dep_ == "pobj" for g in on.children):
            start = next(
                g for g in on.children if g.dep_ == "pobj"
            ).left_edge.idx  # "called on X to"
        return start, end, "intent"
    if (
        obj is not None
        and lemma in OBJECT_VERBS
        and obj.ent_type_ not in _TIME_ENTS
        and obj.pos_ != "PRON"
        and not (lemma in HEARER_VERBS and _is_person_like(obj))
        and not _amount(obj)
        and not (lemma == "find" and not _finding(verb, obj))
    ):
        start, end = _phrase_chars(obj)
        for c in children:  # "called her vote a mistake": the predicate belongs too
            if c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > obj.i:
                end = max(end, _subtree_chars(c)[1])
            elif c.dep_ == "prep" and c.i > obj.i and _judged(c, lemma):
                end = max(end, _phrase_chars(c)[1])  # "mocked X for ...", "dismissed X as ..."
        return start, end, "object"
    if lemma in PREP_VERBS or lemma in TO_VERBS:
        for prep in children:
            if prep.dep_ != "prep" or prep.i < verb.i:
                continue
            to = prep.lower_ == "to" and lemma in TO_VERBS
            if not to and (prep.lower_ not in CONTENT_PREPS or lemma not in PREP_VERBS):
                continue
            pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
            if (
                pobj is not None
                and pobj.ent_type_ not in _TIME_ENTS
                and pobj.lemma_.lower() not in _CHANNELS
            ):
                start, end = _subtree_chars(pobj)
                return start, end, "topic"
    return None


def _amount(obj: Token) -> bool:
    """'raised $5 million', 'raised money': a sum is what was done, not what was said."""
    return obj.ent_type_ in STAT_LABELS or obj.lemma_.lower() in AMOUNT_NOUNS


def _finding(verb: Token, obj: Token) -> bool:
    """'The study found 31 cases', 'she found the plan unworkable' report a finding;
    'they found a way' does not: the object needs a predicate, or the finder a source
    that publishes findings (a study, a poll, a named person or body)."""
    if any(c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > obj.i for c in verb.children):
        return True
    subject, _ = _subject(verb)
    return subject is not None and (
        subject.lemma_.lower() in MEDIA_NOUNS
        or any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in subject.subtree)
    )


def _judged(prep: Token, lemma: str) -> bool:
    """The ground or label of a judgement on the object: 'attacked X for Y', 'dismissed X
    as Y', 'accused X of Y'."""
    return prep.lower_ in ("for", "as") or (prep.lower_ == "of" and lemma in HEARER_VERBS)


def _around(verb: Token, sent: Span) -> tuple[int, int] | None:
    """The content of a parenthetical or trailing "X said": the rest of its sentence.

    A quotation closing just before the chunk is the content even when the parser
    split the sentence inside it.
    """
    doc = verb.doc
    chunk = [verb.i] + [
        t.i
        for c in verb.children
        if c.dep_ in ("nsubj", "aux", "advmod", "neg", "prt")
        for t in c.subtree
    ]
    lo, hi = min(chunk), max(chunk)
    first, last = sent.start, sent.end
    trailing = last - hi <= 3
    if verb.dep_ == "ROOT":
        if not any(c.dep_ in ("parataxis", "ccomp") for c in verb.children):
            return None
    elif verb.dep_ != "parataxis" and not (
        verb.dep_ in ("ccomp", "advcl", "conj") and verb.head.i < verb.i and trailing
    ):
        return None
    for _, qs, qe, q_close in quotations(doc):
        if 0 <= doc[lo].idx - q_close <= 3:
            return qs, qe
    if lo - first >= 2 and trailing:
        return sent.start_char, doc[lo].idx
    if lo - first < 2 and last - hi > 3:
        return doc[hi].idx + len(doc[hi].text), sent.end_char
    return sent.start_char, sent.end_char


def _inverted_that_clause(verb: Token) -> tuple[int, int, str] | None:
    """'X continues to insist, most recently in an interview, that Y': the parser hung the
    "that"-clause on the verb above the saying verb (or made it the root); it is the content."""
    sent = verb.sent
    mark = next(
        (t for t in verb.doc[verb.i + 1 : sent.end] if t.dep_ == "mark" and t.lower_ == "that"),
        None,
    )
    if mark is None:
        return None
    clause = mark.head
    ancestors = set(verb.ancestors)
    if clause in ancestors or (clause.head in ancestors and clause.head.i < verb.i):
        last = clause.right_edge
        return mark.idx + len(mark.text), last.idx + len(last.text), "clause"
    return None


def _as_clause(verb: Token) -> tuple[int, int] | None:
    """'As experts have pointed out, X', 'X, as she put it, Y', '..., as the minister noted.'
    -> the rest of the sentence, when ``verb`` is a saying verb (or 'put it') in an
    "as"-clause on it."""
    if verb.dep_ != "advcl" or not any(
        c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children
    ):
        return None
    lemma = verb.lemma_.lower()
    put_it = lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)
    if not put_it and lemma not in CLAUSE_VERBS - NOT_CUE_VERBS:
        return None
    sent, doc = verb.sent, verb.doc
    lo, hi = verb.left_edge.i, verb.right_edge.i
    if lo == sent.start:
        return doc[hi].idx + len(doc[hi].text), sent.end_char
    if hi >= sent.end - 2:
        return sent.start_char, doc[lo].idx
    return sent.start_char, sent.end_char


def _after_colon(verb: Token) -> tuple[int, int] | None:
    """'X added: ...' -> the rest of the paragraph after the colon."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and doc[i].dep_ in ("prt", "advmod", "npadvmod") and doc[i].head == verb:
        i += 1
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.left_edge.i == i), None)
    if subject is not None:
        i = subject.right_edge.i + 1  # 'Said Ellis: ...'

    if i + 1 >= len(doc) or doc[i].text != ":":
        return None
    i += 1
    while i < len(doc) and doc[i].is_space:
        i += 1  # 'The paper reports:' with the words in the next paragraph
    if i >= len(doc):
        return None
    start = doc[i].idx
    end = doc_text(doc).find("\n", start)
    end = len(doc_text(doc)) if end < 0 else end
    for _, qs, qe, _ in quotations(doc):  # a quotation running over paragraphs
        if abs(qs - start) <= 1:
            return qs, qe
    return start, end


def speaker_turns(doc: Doc, index: ActorIndex, doc_key: str) -> Iterator[RawClaim]:
    """Interview transcripts and headline labels: 'NAME: what they said' at a line start."""
    for m in _TURN_RE.finditer(doc_text(doc)):
        label = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if label is None:
            continue
        hit = next((h for t in label if (h := index.actor_at(t)) is not None), None)
        speaker: Speaker | None = None
        if hit is not None and hit[1].kind == "person":
            span, actor = hit
            speaker = Speaker(actor, span.start_char, span.end_char, span.text)
        elif (m.group(1).isupper() and len(m.group(1)) > 2) or label.root.ent_type_ in (
            "PERSON",
            "ORG",
        ):  # 'PENCE: ...' in a transcript, 'Pence: ...' heading a story
            # the label itself, whatever the tagger made of it ('LOPEZ' as an adjective)
            text = m.group(1)
            speaker = Speaker(_local_actor(text, "person", doc_key), m.start(1), m.end(1), text)
        else:
            continue
        if speaker is None:
            continue
        start, end = m.start(2), m.end(2)
        sent = doc.char_span(start, end, alignment_mode="expand")
        if sent is None:
            continue
        claim = _claim(
            doc,
            start,
            end,
            speaker=speaker,
            cue=(m.end(1), m.end(1) + 1, ":"),
            cue_lemma=None,
            sent=sent,
            pattern="speaker_turn",
        )
        if claim:
            yield claim


def _passive_or_relative_content(verb: Token) -> tuple[int, int, str] | None:
    """Content that stands before the cue verb.

    Passive: 'the plan was described as reckless', 'X is thought to be able to ...' ->
    the subject with its predicate. Relative clause: 'a rule that the minister called
    unworkable' -> the noun phrase the clause describes.
    """
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is not None:
        start = subj.left_edge.idx
        end = verb.idx + len(verb.text)
        for c in verb.children:
            if c.dep_ in ("oprd", "xcomp", "prep", "ccomp") and c.i > verb.i and c.lower_ != "by":
                end = max(end, _subtree_chars(c)[1])
        return start, end, "object"
    if verb.dep_ == "relcl" and not any(
        (c.dep_ in ("dobj", "ccomp") and c.i > verb.i)
        or c.lower_ in ("where", "when", "why", "how")  # 'the city where she spoke'
        for c in verb.children
    ):
        head = verb.head
        if head.pos_ in ("NOUN", "PROPN"):
            start, end = _subtree_chars(head)
            return start, end, "object"
    return None


def _that_clause(verb: Token) -> bool:
    """Whether a verb governs a "that"-clause ('the video shows that ...')."""
    return any(
        c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        for c in verb.children
    )


def _seeming(verb: Token) -> bool:
    """'X seems/appears to V': an impression without a claimer, unless V is itself a verb
    of saying or thinking ('she appeared to suggest ...', 'he seems to think ...')."""
    if verb.lemma_.lower() not in _RAISING - {"be"}:
        return False
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    return xcomp is not None and xcomp.lemma_.lower() not in CUE_VERBS


#: verbs whose subject "it" stands for the clause that follows, not for a claimer
_RAISING = frozenset(["be", "appear", "seem"])


def reported_speech(doc: Doc, index: ActorIndex, doc_key: str) -> Iterator[RawClaim]:
    """'X said/warned/denied that ...', 'X urged Y to ...', 'X cited ...', 'X warned of ...',
    and the content-first or parenthetical forms ('"...," X said'; 'A, X said, B')."""
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        lemma = verb.lemma_.lower()
        as_said = _as_clause(verb)  # 'As X noted, ...', 'as X put it'
        known = lemma in CUE_VERBS or as_said is not None
        if not known and not _that_clause(verb):
            continue
        if _in_quotation(doc, verb.idx):
            continue  # inside a quotation, the quotation as a whole is the claim
        subject, passive = _subject(verb)
        if subject is not None and subject.lower_ == "it" and subject.head.lemma_ in _RAISING:
            subject = None  # "it appeared that ...", "it is worth noting that ...": nobody
        impersonal = _seeming(verb)
        if impersonal:
            subject = None  # "X seems to have left": how it looks to the writer, not X's claim
        speaker = speaker_of(subject, index, doc_key) if subject is not None else None
        if speaker is None and subject is not None and lemma in REPORT_VERBS:
            # whoever "says that ..." is a claimer, whatever the noun ("the fund predicted")
            speaker = _unresolved(subject, doc_key, any_noun=True)
        if not known and (speaker is None or lemma in NOT_CUE_VERBS):
            continue
        sent = verb.sent
        found = _content_of(verb, lemma if known else "say") if as_said is None else None
        if found is None and known and as_said is None:
            found = _passive_or_relative_content(verb) or _inverted_that_clause(verb)
        if found is not None:
            start, end, kind = found
            pattern = "reported_speech"

            if speaker is None and passive and lemma in ACTION_VERBS:
                continue  # 'it was released on Tuesday': an act, and nobody said anything
            if speaker is None and not passive and kind != "clause" and not impersonal:
                continue  # "the rule covers chips": no claimer, no attribution
        elif as_said is not None and speaker is not None and not passive:
            start, end = as_said
            pattern = "content_first"
            kind = "clause"
        elif (colon := _after_colon(verb)) is not None and speaker is not None:
            start, end = colon  # 'Scott added: ...'
            pattern = "reported_speech"
            kind = "clause"
        elif lemma in REPORT_VERBS and speaker is not None and not passive:
            # content first or around: '"The controls failed," said Lin Jian.' or
            # 'The rules, she said, will hold.' -> the sentence without the "X said" chunk
            around = _around(verb, sent)
            if around is None:
                continue
            start, end = around
            pattern = "content_first"
            kind = "clause"
        else:
            continue
        claim = _claim(
            doc,
            start,
            end,
            speaker=speaker,
            cue=_cue(verb),
            cue_lemma=lemma,
            sent=sent,
            pattern=pattern,
            min_tokens=1 if kind in ("object", "topic") else 3,
        )
        if claim:
            yield claim


def according_to(doc: Doc, index: ActorIndex, doc_key: str) -> Iterator[RawClaim]:
    """'According to X, ...' and '..., according to X.'"""
    for tok in doc:
        if tok.lower_ != "according":
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
        if to is None:
            continue
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        speaker = speaker_of(pobj, index, doc_key) if pobj is not None else None
        if speaker is None and pobj is not None:  # "according to federal statistics"
            speaker = _unresolved(pobj, doc_key, any_noun=True)
        phrase_end_tok = (pobj or to).right_edge
        claim = _around_phrase(
            tok.idx,
            phrase_end_tok.idx + len(phrase_end_tok.text),
            speaker=speaker,
            cue=(tok.idx, to.idx + len(to.text), doc_text(doc)[tok.idx : to.idx + 2]),
            cue_lemma="according",
            sent=tok.sent,
            pattern="according_to",
        )
        if claim:
            yield claim


def _around_phrase(
    phrase_start: int,
    phrase_end: int,
    *,
    speaker: Speaker | None,
    cue: tuple[int, int, str],
    cue_lemma: str,
    sent: Span,
    pattern: str,
) -> RawClaim | None:
    """A claim whose content is its sentence on the longer side of a source phrase."""
    before = (sent.start_char, phrase_start)
    after = (phrase_end, sent.end_char)
    start, end = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
    return _claim(
        sent.doc,
        start,
        end,
        speaker=speaker,
        cue=cue,
        cue_lemma=cue_lemma,
        sent=sent,
        pattern=pattern,
    )


#: documents that speak for themselves: in "In this poll, X leads", the poll is the source
_FINDINGS = frozenset(["poll", "survey", "study", "report"])


def source_in(doc: Doc, index: ActorIndex, doc_key: str) -> Iterator[RawClaim]:
    """'In a statement, the ministry ...', 'In this poll, X leads by 5 points', '..., in his
    book.': a sentence whose source is the document or speech it stands in.

    Only when the sentence's own verb is not a saying verb: 'In a statement, X said ...'
    is X's claim, found by `reported_speech`.
    """
    for tok in doc:
        if tok.lower_ != "in" or tok.dep_ != "prep" or tok.head.dep_ != "ROOT":
            continue
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() not in SOURCE_DOCS:
            continue
        verb = tok.head
        if verb.lemma_.lower() in CUE_VERBS or _in_quotation(doc, tok.idx):
            continue
        sent = tok.sent
        end_tok = pobj.right_edge
        # the phrase opens the sentence or closes it, set off by a comma
        opens = tok.i == sent.start and end_tok.i + 1 < sent.end and doc[end_tok.i + 1].text == ","
        closes = tok.i > sent.start and doc[tok.i - 1].text == "," and end_tok.i + 2 >= sent.end
        if not (opens or closes):
            continue
        owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
        if owner is None and pobj.lemma_.lower() not in _FINDINGS:
            # 'In a statement, the senator was more cautious': the senator speaks in it
            subject, passive = _subject(verb)
            if subject is not None and not passive:
                owner = subject
        speaker = speaker_of(owner or pobj, index, doc_key)
        if speaker is None:
            speaker = _unresolved(owner or pobj, doc_key, any_noun=True)
        claim = _around_phrase(
            tok.idx,
            end_tok.idx + len(end_tok.text),
            speaker=speaker,
            cue=(tok.idx, tok.idx + len(tok.text), tok.text),
            cue_lemma="in",
            sent=sent,
            pattern="source_in",
        )
        if claim:
            yield claim


_LIGHT_VERBS = frozenset(
    [
        "make",
        "have",
        "issue",
        "give",
        "express",
        "voice",
        "raise",
        "offer",
        "deliver",
        "release",
        "float",
        "repeat",
        "reiterate",
        "renew",
        "lodge",
        "file",
        "level",
        "publish",
        "send",
        "post",
    ]
)


def _owner(noun: Token) -> Token | None:
    """Whose claim a cue noun is: its possessor, an agent ("by X"), or the subject of a
    light verb it is the object of ("she made the case for ...")."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if noun.dep_ in ("dobj", "attr") and noun.head.lemma_.lower() in _LIGHT_VERBS | CUE_VERBS:
        subject, passive = _subject(noun.head)
        return None if passive else subject
    return None


def _may_refer(pronoun: Token, actor: Actor) -> bool:
    """Whether a possessive pronoun can stand for ``actor`` ("his" a person, "its" not)."""
    lower = pronoun.lower_
    if lower == "their":
        return True
    if lower in ("his", "her", "my"):
        return actor.kind == "person"
    return actor.kind != "person"


def _clause_speaker(noun: Token, index: ActorIndex, doc_key: str) -> Speaker | None:
    """The speaker named by the subject of the verb a noun phrase hangs off."""
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject, passive = _subject(verb) if verb.pos_ in ("VERB", "AUX") else (None, False)
    if subject is None or passive:
        return None
    return speaker_of(subject, index, doc_key)


def nominal_claims(doc: Doc, index: ActorIndex, doc_key: str) -> Iterator[RawClaim]:
    """ "X's view that ...", "the ministry's claim that ...", "her call for ...",
    "questions about ..."."""
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in CUE_NOUNS:
            continue
        if _in_quotation(doc, noun.idx):
            continue
        content: tuple[int, int] | None = None
        for c in noun.children:
            if c.dep_ in ("acl", "ccomp", "appos") and any(
                g.lower_ == "that" and g.dep_ == "mark" for g in c.children
            ):
                content = _subtree_chars(c)
                break
            if (
                c.dep_ == "acl"
                and c.pos_ == "VERB"
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            ):
                content = _subtree_chars(c)  # "her plan to cut taxes"
                break
            if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS and c.i == noun.i + 1:
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None and pobj.ent_type_ not in _TIME_ENTS:
                    content = _subtree_chars(pobj)
                    break
        if content is None:
            continue
        owner = _owner(noun)
        speaker = speaker_of(owner, index, doc_key) if owner is not None else None
        if speaker is None:
            continue  # "questions about X" with nobody asking: not a claim of anyone
        if owner is not None and owner.tag_ == "PRP$":
            # 'Trump doubled down on his attacks': the clause's subject, when the possessive
            # can point back to it, names the claimer
            named = _clause_speaker(noun, index, doc_key)
            if named is not None and _may_refer(owner, named.actor):
                speaker = named
        claim = _claim(
            doc,
            content[0],
            content[1],
            speaker=speaker,
            cue=(noun.idx, noun.idx + len(noun.text), noun.text),
            cue_lemma=noun.lemma_.lower(),
            sent=noun.sent,
            pattern="nominal",
            min_tokens=1,
        )
        if claim:
            yield claim


def stance_adjectives(doc: Doc, index: ActorIndex, doc_key: str) -> Iterator[RawClaim]:
    """'X is critical of ...', 'X was sure that ...', 'X is worried about ...'."""
    for adj in doc:
        if adj.pos_ != "ADJ" or adj.lower_ not in CUE_ADJECTIVES or adj.dep_ not in ("acomp",):
            continue
        if _in_quotation(doc, adj.idx):
            continue
        content: tuple[int, int] | None = None
        for c in adj.children:
            if c.dep_ in ("ccomp", "xcomp") and c.i > adj.i:
                content = _clause_chars(c) if c.dep_ == "ccomp" else _subtree_chars(c)
                break
            if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS and c.i > adj.i:
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    content = _subtree_chars(pobj)
                    break
        if content is None:
            continue
        subject, _ = _subject(adj.head)
        speaker = speaker_of(subject, index, doc_key) if subject is not None else None
        claim = _claim(
            doc,
            content[0],
            content[1],
            speaker=speaker,
            cue=(adj.idx, adj.idx + len(adj.text), adj.text),
            cue_lemma=adj.lower_,
            sent=adj.sent,
            pattern="stance_adjective",
            min_tokens=1,
        )
        if claim:
            yield claim


# a transcript may quote each turn: '"NAME: what they said' (the mark is often left open)
_TURN_RE = re.compile(r"^[\"“]?([A-Z][A-Za-z.'\- ]{1,30}):[ \t]+(\S[^\n]{10,})$", re.MULTILINE)
_FIRST_SECOND = frozenset(["i", "we", "you", "me", "us"])
# blanks include the no-break space, which often glues the dash to the quote mark
_DASH_NAME_RE = re.compile(r"[^\S\n]*[,.]?[^\S\n]*[—―–-]{1,2}[^\S\n]*(?=[A-Z])")


#: verbs that introduce a quotation only beside one ('"...," she continued.', 'the letter reads')
_QUOTE_VERBS = frozenset(["continue", "interject", "go", "begin", "chime", "laugh", "sigh", "read"])
_QUOTE_CUES = CUE_VERBS | _QUOTE_VERBS


def _speaker_in(
    tokens: list[Token], index: ActorIndex, doc_key: str
) -> tuple[Speaker, Token] | None:
    """The first saying verb among ``tokens`` (outside quotations) with a third-person claimer."""
    for tok in tokens:
        lemma = tok.lemma_.lower()
        if lemma not in _QUOTE_CUES or tok.pos_ not in ("VERB", "AUX"):
            continue
        if _in_quotation(tok.doc, tok.idx):
            continue
        subject, _ = _subject(tok)
        if subject is not None and subject.lower_ not in _FIRST_SECOND:
            speaker = speaker_of(subject, index, doc_key)
            if speaker:
                return speaker, tok
    return None


def _dash_speaker(doc: Doc, q_close: int, index: ActorIndex, doc_key: str) -> Speaker | None:
    """'"...." ― Jane Roe' : a name after a dash right behind the quotation."""
    m = _DASH_NAME_RE.match(doc_text(doc), q_close)
    if m is None:
        return None
    tok_span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
    if tok_span is None:
        return None
    tok = tok_span[0]
    hit = index.actor_at(tok)
    if hit:
        span, actor = hit
        return Speaker(actor, span.start_char, span.end_char, span.text)
    return _unresolved(tok if tok.dep_ != "compound" else tok.head, doc_key)


def quotes(doc: Doc, index: ActorIndex, doc_key: str, prior: list[RawClaim]) -> Iterator[RawClaim]:
    """Direct quotations not already a claim, and their speaker.

    The speaker is, in order: a saying verb in the quotation's own sentence; a name
    after a dash behind it; the speaker of a quotation or claim ending just before it
    (a quotation continued over paragraphs); the subject of the sentence before; a
    person named in a sentence after that speaks of the quotation.
    """
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    claims = sorted(prior, key=lambda c: c.end)
    for q_open, qs, qe, q_close in quotations(doc):
        if any(min(qe, c.end) - max(qs, c.start) > 0.5 * (qe - qs) for c in prior):
            continue
        first = max(0, bisect_right(starts, q_open) - 1)
        last = max(first, bisect_right(starts, max(q_open, q_close - 1)) - 1)
        outside = [
            t for i in range(first, last + 1) for t in sents[i] if not (q_open <= t.idx < q_close)
        ]
        found = _speaker_in(outside, index, doc_key)
        cue = None
        pattern = "quote"
        speaker: Speaker | None = None
        if found:
            speaker, verb = found
            cue = _cue(verb)
        if (
            speaker is None
            and last + 1 < len(sents)
            and sents[last + 1].start_char - q_close <= 3
            and "\n" not in doc_text(doc)[q_close : sents[last + 1].start_char]
        ):
            # '"...," she said.' split by the parser after the closing mark
            after = sents[last + 1]
            found = _speaker_in(list(after)[:6], index, doc_key) if len(after) <= 20 else None
            if found and _content_of(found[1], found[1].lemma_.lower()) is None:
                speaker, verb = found
                cue = _cue(verb)
        if speaker is None:
            speaker = _dash_speaker(doc, q_close, index, doc_key)
        if (
            speaker is None
            and last + 1 < len(sents)
            and not doc_text(doc)[q_close : sents[last].end_char].strip()
        ):
            # 'The warning came from X, ...' names the speaker outright: before any guess
            speaker = _introduced_speaker(sents[last + 1], index, doc_key)
            pattern = "quote_next_sentence"
        before = doc_text(doc)[sents[first].start_char : q_open].strip()
        if speaker is None and not before:
            previous = [c for c in claims if c.end <= q_open and c.speaker is not None]
            if previous and q_open - previous[-1].end <= 200 and first > 0:
                gap = doc_text(doc)[previous[-1].end : q_open]
                if gap.count("\n") <= 3 and len(gap.split()) <= 12:
                    # the main claim of that sentence, not one nested in its attribution
                    # ('"A," said X, who leads Y.' -> X)
                    same = [c for c in previous if c.sentence == previous[-1].sentence]
                    speaker = min(same, key=lambda c: c.start).speaker
                    pattern = "quote_prev_sentence"
        if speaker is None and not before and first > 0:
            prev = sents[first - 1]
            if not _in_quotation(doc, prev.start_char) and not _in_quotation(
                doc, prev.end_char - 2
            ):
                speaker = _subject_speaker(prev, index, doc_key)
                pattern = "quote_prev_sentence"
        if speaker is None:
            continue
        claim = _claim(
            doc,
            qs,
            qe,
            speaker=speaker,
            cue=cue,
            cue_lemma=None,
            sent=doc[sents[first].start : sents[last].end],
            pattern=pattern,
        )
        if claim:
            claims.append(claim)
            yield claim


def _subject_speaker(sent: Span, index: ActorIndex, doc_key: str) -> Speaker | None:
    """'Dario Amodei, chief executive of Anthropic, was blunt.' -> the root's subject."""
    found = _speaker_in(list(sent), index, doc_key)
    if found:
        return found[0]
    root = sent.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in _FIRST_SECOND:
        return None
    speaker = speaker_of(subject, index, doc_key)
    if speaker and speaker.actor.kind in (
        "person",
        "company",
        "government_body",
        "state",
        "international_body",
        "organization",
        "group",
        "anonymous",
    ):
        return speaker
    return None


def _introduced_speaker(sent: Span, index: ActorIndex, doc_key: str) -> Speaker | None:
    """'The warning came from Mao Ning, a spokesperson.' -> the person it names."""
    # the sentence must be about the quotation: its subject is a word for it ("the
    # warning", "that"), not a new statement that happens to name someone
    subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not (
        subject.lemma_.lower() in SPEECH_NOUNS or subject.lower_ in ("that", "this", "those")
    ):
        return None
    for tok in sent:
        hit = index.actor_at(tok)
        if hit and hit[1].kind == "person":
            span, actor = hit
            return Speaker(actor, span.start_char, span.end_char, span.text)
    # 'came from NAME' with a name the NER took for something else
    source = next(
        (t for t in sent if t.dep_ == "pobj" and t.head.lower_ == "from" and t.pos_ == "PROPN"),
        None,
    )
    if source is not None and source.head.head.i == sent.root.i:
        return _unresolved(source, doc_key)
    return None
