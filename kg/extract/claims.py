"""Claim patterns: small functions over a parsed Doc yielding `RawClaim` records (`kg.extract.raw`).

Offsets here are doc character offsets; `kg.extract.build` shifts them into the article text.
`make_claim` builds a RawClaim from a content span (trimmed, with its stance and hedging).
Patterns here: reported speech ('X said that ...', '"...," X said'), "according to", a
sentence standing in a source ("In a statement, ..."), nominal forms ("X's view that ...") and
stance adjectives ("X is critical of ..."). Direct speech (transcript turns, quotations) is in
`kg.extract.direct`, the author's own assertions in `kg.extract.author`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract.clauses import (
    QUESTION_WORDS,
    clause_root,
    is_past,
    misparsed_lead,
    open_question,
)
from kg.extract.content import (
    acts_on_thing,
    after_colon,
    as_clause,
    clause_chars,
    content_attribution,
    content_of,
    inverted_that_clause,
    name_before,
    passive_or_relative_content,
    rest_of_sentence,
    that_conjuncts,
    trim,
)
from kg.extract.docs import doc_text, sentence_of, subtree_chars
from kg.extract.lexicon import (
    ACTION_VERBS,
    ASKING_VERBS,
    ATTITUDE_ADJECTIVES,
    ATTITUDE_NOUNS,
    CONSEQUENCE_VERBS,
    CONTENT_PREPS,
    CUE_ADJECTIVES,
    CUE_NOUNS,
    CUE_VERBS,
    DENY_VERBS,
    EVENT_VERBS,
    FACTIVE_VERBS,
    FINDING_NOUNS,
    FUTURE_PREDICATES,
    HEDGE_VERBS,
    HEDGE_WORDS,
    NOT_CUE_VERBS,
    PREDICT_VERBS,
    QUESTION_VERBS,
    RAISING_VERBS,
    REPORT_VERBS,
    REQUEST_VERBS,
    SOURCE_DOCS,
    TIME_LABELS,
)
from kg.extract.mentions import ActorIndex
from kg.extract.quotes import in_quotation
from kg.extract.raw import PatternInput, RawClaim
from kg.extract.registry import claim_pattern
from kg.extract.speakers import (
    Speaker,
    clause_speaker,
    may_refer,
    owner_of,
    speaker_of,
    subject_of,
    unresolved,
)
from kg.extract.talk import talk_about_talk

_NEGATIONS = frozenset(
    ["not", "n't", "n’t", "never", "no", "none", "neither", "nor", "cannot", "nothing", "nobody"]
)


_NOT_ROOTS = frozenset(["cc", "punct", "mark", "intj"])


def _forward_pointer(content: list[Token]) -> bool:
    """ "the following", "the following points": words that point to a list after them, whose
    items are the claims (kg.extract.lists), not a proposition of their own."""
    words = [t.lower_ for t in content if not t.is_punct]
    return 1 <= len(words) <= 3 and "following" in words[:2] and words[0] in ("the", "following")


#: verbs whose indirect question is the speaker's doubt about a proposition ("questioned
#: whether the rules work"), a claim with the stance "questions"
_DOUBTING = QUESTION_VERBS - ASKING_VERBS


def _asks(content: list[Token], root: Token | None, withheld: bool = False) -> bool:
    """The content is an indirect question: it opens with "whether" or "if" of the clause's
    own head ("whether the rules work"; "if China retaliates, prices will rise" opens with the
    "if" of a clause inside it: a conditional claim); or with another question word, where the
    speaker withholds the answer ("declined to say when ...", "would not say who ...") or the
    cue is no factive verb ("could confirm where the chips end up"). "explained how the firms
    evaded the rules" puts that forward: no question."""
    if not content or root is None:
        return False
    first = content[0]
    if first.i != root.i and first.head.i != root.i:
        return False
    if first.lower_ in ("whether", "if"):
        return True
    return withheld and first.lower_ in QUESTION_WORDS


def _withholds(doc: Doc, cue: tuple[int, int, str] | None) -> bool:
    """Whether the cue verb is negated or refused ('would not say', 'declined to say', 'did not
    specify'), asks ('asked who ...'), or is no factive verb: its question is left open."""
    if cue is None:
        return False
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None:
        return False
    verb = span.root
    if verb.lemma_.lower() not in FACTIVE_VERBS:
        return True
    if verb.lemma_.lower() in ASKING_VERBS or any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head if verb.dep_ == "xcomp" else None
    return head is not None and (
        head.lemma_.lower() in ("decline", "refuse") or any(c.dep_ == "neg" for c in head.children)
    )


def _content_root(content: list[Token]) -> Token | None:
    ids = {t.i for t in content}
    roots = [t for t in content if t.head.i not in ids or t.head.i == t.i]
    # a clause cut from a longer sentence ('and no amount of paperwork will change that')
    # hangs its conjunction off the verb before it: the clause's own head is its root
    return next((t for t in roots if t.dep_ not in _NOT_ROOTS), roots[0] if roots else None)


def stance_and_hedge(cue_lemma: str | None, content: list[Token]) -> tuple[str, bool, int | None]:
    """Stance toward the content, whether it is hedged, and a negation to drop."""
    root = _content_root(content)
    negation = None
    if root is not None:
        for child in root.children:
            if child.dep_ == "neg":
                negation = child.i
                break
    hedged = any(t.lower_ in HEDGE_WORDS for t in content) or (cue_lemma in HEDGE_VERBS)
    if cue_lemma in DENY_VERBS:
        return "denies", hedged, None
    if cue_lemma in QUESTION_VERBS or (cue_lemma is not None and _asks(content, root)):
        return "questions", hedged, None
    if _predicted(cue_lemma, root, content):
        # a prediction keeps its negation in the text ('the rules will not change'): the
        # speaker predicts that, and denies nothing
        return "predicts", hedged, None
    if negation is not None and not any(
        t.i != negation and t.lower_ in _NEGATIONS for t in content
    ):
        # the proposition without its negation, denied; a second negation left in it would make
        # the pair read wrong ('denies: decided in Washington, not in Beijing'), so then the text
        # stays as said, asserted
        return "denies", hedged, negation
    return "asserts", hedged, None


_FUTURE = ("will", "'ll", "’ll", "wo", "shall")


def _predicted(cue_lemma: str | None, root: Token | None, content: list[Token]) -> bool:
    """Whether the content is about the future: the modality of its main predicate (not of
    the verb that reports it) decides. "will" (in reported speech also its backshifted
    "would", but not the counterfactual "would have stifled"), a conjoined clause in the
    future ('there is a window, and buyers will use it'), a predicate that looks ahead ('is
    likely to', 'stands to gain', 'promises benefits', 'is expected to'), or "could"/"might"
    with a verb of consequence ('the ban could hurt sales')."""
    if cue_lemma in PREDICT_VERBS:
        return True
    if root is None or not content:
        return False
    root = misparsed_lead(root) or root
    reported = cue_lemma is not None
    future = (*_FUTURE, "would") if reported else _FUTURE
    if _future_aux(root, future) or _foreseen(root, future, reported):
        return True
    ids = {t.i for t in content}
    if any(
        c.dep_ == "conj"
        and c.i in ids
        and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)
        and _future_aux(c, future)
        for c in root.children
    ):
        return True
    return (
        root.lemma_.lower() in CONSEQUENCE_VERBS
        and any(c.dep_ == "aux" and c.lower_ in ("could", "might") for c in root.children)
        and not any(c.dep_ == "neg" for c in root.children)
    )


def _future_aux(verb: Token, future: tuple[str, ...]) -> bool:
    """'will V' (also when the auxiliary stands before a quotation that starts at V), but not
    the counterfactual 'would have V-ed'."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not any(a.lower_ in future for a in aux):
        return False
    return not (
        any(a.lower_ == "would" for a in aux)
        and any(a.lemma_.lower() == "have" for a in aux)
        and verb.tag_ == "VBN"
    )


def _foreseen(root: Token, future: tuple[str, ...], reported: bool = False) -> bool:
    """'X is expected to V', 'X expects to V', 'X did not expect the rules to have an effect',
    'X is likely (about, set) to V', 'X stands to gain', 'AI promises benefits', 'it is clear
    (certain) that X will V' and 'the rules make clear that X will V': a prediction although
    the main verb is in the present."""
    lemma = root.lemma_.lower()
    kids = list(root.children)
    if lemma == "expect":
        passive = any(c.dep_ == "auxpass" for c in kids)
        if passive:
            return any(c.dep_ == "xcomp" for c in kids)
        return any(c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VB" for c in kids)
    present = root.tag_ in ("VBZ", "VBP") or reported
    if lemma == "head" and root.tag_ == "VBG":
        # 'the market is heading toward $50 billion', 'talks were heading for collapse'
        return any(c.dep_ == "prep" and c.lower_ in ("toward", "towards", "for") for c in kids)
    if lemma == "promise":
        return present and any(c.dep_ == "dobj" for c in kids)
    if lemma == "stand":
        return present and any(
            c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children) for c in kids
        )
    if (
        lemma == "be"
        and present
        and any(c.dep_ in ("acomp", "attr") and c.lower_ in FUTURE_PREDICATES for c in kids)
        and any(g.dep_ == "xcomp" for c in kids for g in (c, *c.children))
    ):
        return True
    if lemma == "make" and any(c.lower_ in ("clear", "certain") for c in kids):
        return any(
            c.dep_ in ("ccomp", "csubj") and _future_aux(c, future)
            for t in (root, *kids)
            for c in t.children
        )
    if lemma != "be" or not any(
        c.dep_ == "expl" or (c.dep_ == "nsubj" and c.lower_ == "it") for c in kids
    ):
        return False
    return any(c.dep_ == "ccomp" and _future_aux(c, future) for c in kids)


def _request(content: list[Token]) -> bool:
    """'We urge you to clarify that ...', 'I ask my colleagues to back it': a first-person
    request to an addressee, which puts no proposition forward (whatever its infinitive holds)."""
    ids = {t.i for t in content}
    root = next((t for t in content if t.head.i not in ids or t.head.i == t.i), None)
    if root is None or root.lemma_.lower() not in REQUEST_VERBS:
        return False
    deps = {c.dep_: c for c in root.children}
    subject = deps.get("nsubj")
    return (
        subject is not None
        and subject.lower_ in ("i", "we")
        and "dobj" in deps
        and any(c.dep_ in ("xcomp", "ccomp") for c in root.children)
    )


def _asks_hearer(doc: Doc, content: list[Token], end: int) -> bool:
    """A request put as a question to the one spoken to ('Can you explain why ...?', 'Will
    you commit to ...?'): it asks for an act and puts no proposition forward. Its last
    sentence has "you" as subject after the modal it inverts; 'Do you think X works?' still
    questions X."""
    if not (
        doc_text(doc)[end - 1 : end + 2].strip().startswith("?") or doc_text(doc)[end - 1] == "?"
    ):
        return False
    last = content[-1].sent
    for tok in last:
        if tok.lower_ != "you" or tok.dep_ != "nsubj" or tok.i < content[0].i:
            continue
        if any(c.dep_ == "aux" and c.tag_ == "MD" and c.i < tok.i for c in tok.head.children):
            return True
    return False


def make_claim(
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
    """The claim whose content is ``doc`` chars [start, end), trimmed; None when too short.

    A leading "that" is dropped; the stance and hedging come from the cue and the content,
    and content that is a question gets the stance ``questions``.
    """
    start, end = trim(doc, start, end)
    if end - start < (2 if min_tokens < 3 else 8):
        return None
    content = list(doc.char_span(start, end, alignment_mode="expand") or [])
    if content and content[0].lower_ in ("that",) and content[0].dep_ == "mark":
        start, end = trim(doc, content[0].idx + len(content[0].text), end)
        content = content[1:]
    if (
        len(content) < min_tokens
        or _request(content)
        or _forward_pointer(content)
        or _asks_hearer(doc, content, end)
        or open_question(doc[content[0].i : content[-1].i + 1])
        or (cue_lemma is None and talk_about_talk(doc[content[0].i : content[-1].i + 1]))
    ):
        return None
    cut = own_act_conjunct(doc[content[0].i : content[-1].i + 1])
    if cut is not None:  # "Demand keeps rising, and we are opening an office today"
        start, end = trim(doc, start, cut)
        content = list(doc.char_span(start, end, alignment_mode="expand") or [])
        if len(content) < min_tokens:
            return None
    stance, hedged, negation = stance_and_hedge(cue_lemma, content)
    if (
        cue_lemma is not None
        and cue_lemma not in _DOUBTING
        and _asks(content, _content_root(content), _withholds(doc, cue))
    ):
        stance, negation = "questions", None
        # 'declined to say when it would be published', 'asked if she would speak': a question
        # asked or left open puts no proposition forward
        attribution = "attitude"
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


def verb_cue(verb: Token) -> tuple[int, int, str]:
    """The cue of a verb with its particle ('pointed out'): doc chars and text."""
    end_tok = verb
    for child in verb.children:
        if child.dep_ == "prt" and child.i == verb.i + 1:
            end_tok = child
    start = verb.idx
    end = end_tok.idx + len(end_tok.text)
    return start, end, doc_text(verb.doc)[start:end]


# --- patterns ------------------------------------------------------------------------------------

REPORTED_SPEECH = "kg.reported_speech.v5"
CONTENT_FIRST = "kg.content_first.v4"
ACCORDING_TO = "kg.according_to.v1"
SOURCE_IN = "kg.source_in.v1"
NOMINAL = "kg.nominal.v2"
#: 0.5 as before registration, when the name was missing from the confidence table
STANCE_ADJECTIVE = "kg.stance_adjective.v2"


def _that_clause(verb: Token) -> bool:
    """Whether a verb governs a "that"-clause ('the video shows that ...')."""
    return any(
        c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        for c in verb.children
    )


def _seeming(verb: Token) -> bool:
    """'X seems/appears to V': an impression without a claimer, unless V is itself a verb
    of saying or thinking ('she appeared to suggest ...', 'he seems to think ...')."""
    if verb.lemma_.lower() not in RAISING_VERBS - {"be"}:
        return False
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    return xcomp is not None and xcomp.lemma_.lower() not in CUE_VERBS


def _inverted_speaker(verb: Token, index: ActorIndex) -> Speaker | None:
    """'"...," said Under Secretary of Commerce Alan Estevez': the person named right after a
    saying verb that the parser left without a subject (it read 'Under' as a preposition)."""
    sent = sentence_of(verb)
    for tok in verb.doc[verb.i + 1 : min(sent.end, verb.i + 13)]:
        if tok.is_punct and tok.text not in ("-", "–", "—", "'", "’"):
            break
        hit = index.actor_at(tok)
        if hit is not None and hit[1].kind == "person":
            span, actor = hit
            return Speaker(actor, span.start_char, span.end_char, span.text)
    return None


def _named_before(verb: Token, index: ActorIndex) -> Speaker | None:
    """'A, Deputy Secretary Jo Park said today': the person named right before a saying verb
    that the parser left without a subject of its own (it took the first clause's)."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    start = name_before(verb.doc, verb.i, sentence_of(verb).start)
    for tok in reversed(verb.doc[start : verb.i]):
        hit = index.actor_at(tok)
        if hit is not None and hit[1].kind == "person":
            span, actor = hit
            return Speaker(actor, span.start_char, span.end_char, span.text)
    return None


_THING_PRONOUNS = frozenset(["it", "this", "that", "which"])
_SELF_PRONOUNS = frozenset(["i", "we", "he", "she", "it", "they"])


def announced_act(span: Span) -> bool:
    """'X announced that he approved the sale' as a sentence of its own (in a quotation):
    the account of an act, not a claim."""
    root = clause_root(span)
    if root.lemma_.lower() != "announce":
        return False
    comp = next((c for c in root.children if c.dep_ == "ccomp"), None)
    if comp is None:
        return False
    return own_act(span.doc, comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text))


#: verbs of acting: what a speaker does, told as news, not a proposition
_ACT_VERBS = ACTION_VERBS | EVENT_VERBS
#: words that date an act to the day it is told: "we are opening a second office today"
_NOW_WORDS = frozenset(["today", "now", "tonight"])


def own_act_conjunct(span: Span) -> int | None:
    """ "Demand keeps rising, and we are opening a second office today": a clause coordinated
    after a claim that tells the speaker's own act, done now or done, is an event of the
    speaker's account. Returns the char offset where the claim ends (the "and" before that
    clause), or None when there is no such clause."""
    root = clause_root(span)
    for conj in root.children:
        if conj.dep_ != "conj" or conj.pos_ not in ("VERB", "AUX") or conj.i < span.start:
            continue
        subject = next((c for c in conj.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ not in ("we", "i"):
            continue
        if conj.lemma_.lower() not in _ACT_VERBS:
            continue
        dated = any(c.lower_ in _NOW_WORDS for c in conj.children)
        if not (dated or is_past(conj)):
            continue
        cc = [c for c in root.children if c.dep_ == "cc" and c.i < conj.i]
        start = cc[-1] if cc else conj.left_edge
        return start.idx if start.idx > span.start_char else None
    return None


def own_act(doc: Doc, start: int, end: int) -> bool:
    """An announced clause that tells the announcer's own act, done: a pronoun subject and a
    verb of acting in the past ('announced that he approved the sale', 'that it had signed')."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = clause_root(span)
    if root.lemma_.lower() not in _ACT_VERBS or not is_past(root):
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in _SELF_PRONOUNS for c in root.children)


@claim_pattern(REPORTED_SPEECH, confidence=0.8, order=20, variants={CONTENT_FIRST: 0.75})
def reported_speech(given: PatternInput) -> Iterator[RawClaim]:
    """'X said/warned/denied that ...', 'X urged Y to ...', 'X cited ...', 'X warned of ...',
    and, as `CONTENT_FIRST`, the content-first or parenthetical forms ('"...," X said';
    'A, X said, B'; 'As X noted, ...'; 'X added: ...' is reported speech)."""
    doc, index, doc_key = given.doc, given.index, given.doc_key
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        lemma = verb.lemma_.lower()
        as_said = as_clause(verb)  # 'As X noted, ...', 'as X put it'
        known = lemma in CUE_VERBS or as_said is not None
        if not known and not _that_clause(verb):
            continue
        if in_quotation(doc, verb.idx):
            continue  # inside a quotation, the quotation as a whole is the claim
        subject, passive = subject_of(verb)
        if subject is not None and subject.lower_ == "it" and subject.head.lemma_ in RAISING_VERBS:
            subject = None  # "it appeared that ...", "it is worth noting that ...": nobody
        impersonal = _seeming(verb)
        if impersonal:
            subject = None  # "X seems to have left": how it looks to the writer, not X's claim
        speaker = speaker_of(subject, index, doc_key) if subject is not None else None
        if subject is None and not passive and not impersonal and lemma in REPORT_VERBS:
            speaker = _inverted_speaker(verb, index)
        if verb.dep_ == "conj" and lemma in REPORT_VERBS:
            speaker = _named_before(verb, index) or speaker
        if speaker is None and subject is not None and lemma in REPORT_VERBS:
            # whoever "says that ..." is a claimer, whatever the noun ("the fund predicted")
            speaker = unresolved(subject, doc_key, any_noun=True)
        if not known and (speaker is None or lemma in NOT_CUE_VERBS):
            continue
        if lemma in NOT_CUE_VERBS and subject is not None and subject.lower_ in _THING_PRONOUNS:
            continue  # 'it would mean paralyzing X': a consequence, nobody speaks
        sent = sentence_of(verb)
        colon = None
        found = content_of(verb, lemma if known else "say") if as_said is None else None
        if found is None and known and as_said is None:
            found = passive_or_relative_content(verb) or inverted_that_clause(verb)
        if found is not None:
            start, end, kind = found
            pattern = REPORTED_SPEECH

            if speaker is None and passive and lemma in ACTION_VERBS:
                continue  # 'it was released on Tuesday': an act, and nobody said anything
            if speaker is None and not passive and kind != "clause" and not impersonal:
                continue  # "the rule covers chips": no claimer, no attribution
            if (
                (speaker is None or (subject is not None and subject.lower_ in ("you", "one")))
                and verb.tag_ == "VBG"
                and verb.dep_ == "pcomp"
                and verb.head.lower_ in ("by", "without")
            ):
                continue  # 'you win no trust by insisting that ...': a means, not a saying
            if lemma == "announce" and own_act(doc, start, end):
                continue  # 'X announced that he approved the sale': an act, told as news
        elif as_said is not None and speaker is not None and not passive:
            start, end = as_said
            pattern = CONTENT_FIRST
            kind = "clause"
        elif (colon := after_colon(verb)) is not None and speaker is not None:
            start, end = colon  # 'Scott added: ...'
            pattern = REPORTED_SPEECH
            kind = "clause"
        elif (
            lemma in REPORT_VERBS
            and speaker is not None
            and not passive
            and not acts_on_thing(verb, lemma)
        ):
            # content first or around: '"The controls failed," said Lin Jian.' or
            # 'The rules, she said, will hold.' -> the sentence without the "X said" chunk
            around = rest_of_sentence(verb, sent)
            if around is None:
                continue
            start, end = around
            pattern = CONTENT_FIRST
            kind = "clause"
        else:
            continue
        quoted = colon is not None and bool(
            set(doc_text(doc)[max(0, start - 1) : start + 1]) & _OPENING_QUOTES
        )
        pieces = (
            that_conjuncts(verb, start, end)
            if pattern == REPORTED_SPEECH and kind == "clause" and colon is None
            else [(start, end)]
        )
        for lo, hi, where in (
            piece for a, b in pieces for piece in _by_sentence(doc, a, b, sent, quoted)
        ):
            claim = make_claim(
                doc,
                lo,
                hi,
                speaker=speaker,
                cue=verb_cue(verb),
                cue_lemma=lemma,
                sent=where,
                pattern=pattern,
                attribution=content_attribution(kind, lemma),
                min_tokens=1 if kind in ("object", "topic", "finding") else 3,
            )
            if claim:
                yield claim


_OPENING_QUOTES = frozenset("\"“‘'")


def _by_sentence(
    doc: Doc, start: int, end: int, sent: Span, split: bool
) -> Iterator[tuple[int, int, Span]]:
    """The content chars [start, end) with the sentence it stands in; with ``split``, a
    quotation after a colon ('Kessler said: "A. B."'), a piece per sentence, as each sentence
    of a quotation is a claim of its own (`kg.extract.direct`). Unquoted words after a colon
    stay one claim, as PolNeAR marks them (splitting them cost 0.004 joint F1 there)."""
    if not split:
        yield start, end, sent
        return
    for s in doc.sents:
        lo, hi = max(start, s.start_char), min(end, s.end_char)
        if hi > lo:
            yield lo, hi, s


@claim_pattern(ACCORDING_TO, confidence=0.8, order=30)
def according_to(given: PatternInput) -> Iterator[RawClaim]:
    """'According to X, ...' and '..., according to X.'"""
    doc, index, doc_key = given.doc, given.index, given.doc_key
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
            speaker = unresolved(pobj, doc_key, any_noun=True)
        phrase_end_tok = (pobj or to).right_edge
        claim = _around_phrase(
            tok.idx,
            phrase_end_tok.idx + len(phrase_end_tok.text),
            speaker=speaker,
            cue=(tok.idx, to.idx + len(to.text), doc_text(doc)[tok.idx : to.idx + 2]),
            cue_lemma="according",
            sent=sentence_of(tok),
            pattern=ACCORDING_TO,
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
    return make_claim(
        sent.doc,
        start,
        end,
        speaker=speaker,
        cue=cue,
        cue_lemma=cue_lemma,
        sent=sent,
        pattern=pattern,
    )


@claim_pattern(SOURCE_IN, confidence=0.7, order=40)
def source_in(given: PatternInput) -> Iterator[RawClaim]:
    """'In a statement, the ministry ...', 'In this poll, X leads by 5 points', '..., in his
    book.': a sentence whose source is the document or speech it stands in.

    Only when the sentence's own verb is not a saying verb: 'In a statement, X said ...'
    is X's claim, found by `reported_speech`.
    """
    doc, index, doc_key = given.doc, given.index, given.doc_key
    for tok in doc:
        if tok.lower_ != "in" or tok.dep_ != "prep" or tok.head.dep_ != "ROOT":
            continue
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() not in SOURCE_DOCS:
            continue
        verb = tok.head
        if verb.lemma_.lower() in CUE_VERBS or in_quotation(doc, tok.idx):
            continue
        sent = sentence_of(tok)
        end_tok = pobj.right_edge
        # the phrase opens the sentence or closes it, set off by a comma
        opens = tok.i == sent.start and end_tok.i + 1 < sent.end and doc[end_tok.i + 1].text == ","
        closes = tok.i > sent.start and doc[tok.i - 1].text == "," and end_tok.i + 2 >= sent.end
        if not (opens or closes):
            continue
        owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
        if owner is None and pobj.lemma_.lower() not in FINDING_NOUNS:
            # 'In a statement, the senator was more cautious': the senator speaks in it
            subject, passive = subject_of(verb)
            if subject is not None and not passive:
                owner = subject
        speaker = speaker_of(owner or pobj, index, doc_key)
        if speaker is None:
            speaker = unresolved(owner or pobj, doc_key, any_noun=True)
        claim = _around_phrase(
            tok.idx,
            end_tok.idx + len(end_tok.text),
            speaker=speaker,
            cue=(tok.idx, tok.idx + len(tok.text), tok.text),
            cue_lemma="in",
            sent=sent,
            pattern=SOURCE_IN,
        )
        if claim:
            yield claim


@claim_pattern(NOMINAL, confidence=0.65, order=50)
def nominal_claims(given: PatternInput) -> Iterator[RawClaim]:
    """ "X's view that ...", "the ministry's claim that ...", "her call for ...",
    "questions about ..."."""
    doc, index, doc_key = given.doc, given.index, given.doc_key
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in CUE_NOUNS:
            continue
        if in_quotation(doc, noun.idx):
            continue
        content: tuple[int, int] | None = None
        kind = "clause"
        for c in noun.children:
            if c.dep_ in ("acl", "ccomp", "appos") and any(
                g.lower_ == "that" and g.dep_ == "mark" for g in c.children
            ):
                content = subtree_chars(c)
                break
            if (
                c.dep_ == "acl"
                and c.pos_ == "VERB"
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            ):
                content, kind = subtree_chars(c), "intent"  # "her plan to cut taxes"
                break
            if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS and c.i == noun.i + 1:
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None and pobj.ent_type_ not in TIME_LABELS:
                    content, kind = subtree_chars(pobj), "topic"
                    break
        if content is None:
            continue
        owner = owner_of(noun)
        speaker = speaker_of(owner, index, doc_key) if owner is not None else None
        if speaker is None:
            continue  # "questions about X" with nobody asking: not a claim of anyone
        if owner is not None and owner.tag_ == "PRP$":
            # 'Trump doubled down on his attacks': the clause's subject, when the possessive
            # can point back to it, names the claimer
            named = clause_speaker(noun, index, doc_key)
            if named is not None and may_refer(owner, named.actor):
                speaker = named
        claim = make_claim(
            doc,
            content[0],
            content[1],
            speaker=speaker,
            cue=(noun.idx, noun.idx + len(noun.text), noun.text),
            cue_lemma=noun.lemma_.lower(),
            sent=sentence_of(noun),
            pattern=NOMINAL,
            attribution="attitude"
            if kind != "clause" or noun.lemma_.lower() in ATTITUDE_NOUNS
            else "reported",
            min_tokens=1,
        )
        if claim:
            yield claim


@claim_pattern(STANCE_ADJECTIVE, confidence=0.5, order=60)
def stance_adjectives(given: PatternInput) -> Iterator[RawClaim]:
    """'X is critical of ...', 'X was sure that ...', 'X is worried about ...'."""
    doc, index, doc_key = given.doc, given.index, given.doc_key
    for adj in doc:
        if adj.pos_ != "ADJ" or adj.lower_ not in CUE_ADJECTIVES or adj.dep_ not in ("acomp",):
            continue
        if in_quotation(doc, adj.idx):
            continue
        content: tuple[int, int] | None = None
        clause = False
        for c in adj.children:
            if c.dep_ in ("ccomp", "xcomp") and c.i > adj.i:
                clause = c.dep_ == "ccomp"
                content = clause_chars(c) if clause else subtree_chars(c)
                break
            if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS and c.i > adj.i:
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    content = subtree_chars(pobj)
                    break
        if content is None:
            continue
        subject, _ = subject_of(adj.head)
        speaker = speaker_of(subject, index, doc_key) if subject is not None else None
        claim = make_claim(
            doc,
            content[0],
            content[1],
            speaker=speaker,
            cue=(adj.idx, adj.idx + len(adj.text), adj.text),
            cue_lemma=adj.lower_,
            sent=sentence_of(adj),
            pattern=STANCE_ADJECTIVE,
            # 'sure that ...' puts a proposition forward; 'critical of X', 'eager to ...',
            # 'worried that ...' record an attitude
            attribution="reported"
            if clause and adj.lower_ not in ATTITUDE_ADJECTIVES
            else "attitude",
            min_tokens=1,
        )
        if claim:
            yield claim
