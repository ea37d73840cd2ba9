"""The author's own assertions in opinion and analysis writing, one per clause.

Offsets are doc character offsets, as in `kg.extract.claims`. A sentence that makes two
assertions ("..., but ...") gives two claims; clauses that narrate an anecdote, report what
a source said or state a figure are evidence (`kg.extract.evidence`), not claims.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import accumulate, groupby

from spacy.tokens import Doc, Span, Token

from kg.extract.claims import make_claim
from kg.extract.clauses import (
    Unit,
    argument_units,
    clause_root,
    is_quotation,
    misparsed_lead,
    unasserted,
)
from kg.extract.docs import doc_text
from kg.extract.lexicon import (
    AUTHOR_SUBJECTS,
    BIO_ROLES,
    EVENT_VERBS,
    JOINED_MARKS,
    PROCEDURE_NOUNS,
    REQUEST_OPENERS,
    SELF_NOUNS,
    TEASER_NOUNS,
    TESTIMONY_VERBS,
)
from kg.extract.raw import PatternInput, RawClaim
from kg.extract.registry import claim_pattern
from kg.extract.talk import FIRST_PERSON, managing_talk


def _reporting(t: Token) -> bool:
    """A verb of saying that hands its clause to someone else: 'critics argue that ...',
    'X said ...'. Not 'I think ...' (the author's hedge), not an imperative ('Tell
    yourself ...'), not a verb with no clause to report ('victims rarely report crimes'),
    and not a verb of thinking or showing ('analysts agree that ...', 'the figures show
    ...'): an opinion writer uses those to make their own case."""
    if t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() not in TESTIMONY_VERBS:
        return False
    subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj or subj[0].lower_ in AUTHOR_SUBJECTS or unasserted(t):
        return False
    return t.dep_ == "parataxis" or any(c.dep_ in ("ccomp", "parataxis") for c in t.children)


def _reports(doc: Doc, start: int, end: int) -> bool:
    """The clause reports: it quotes a source, holds a verb reporting someone else's
    clause, or hangs under such a verb outside it ('X said that A before B': 'before B'
    is X's too). A scare-quoted phrase does not make a clause reported."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    if is_quotation(span) or any(_reporting(t) for t in span):
        return True
    root = clause_root(span)  # the clause's verb, not a coordinator that also hangs outside it
    child = root
    for a in root.ancestors:
        if child.dep_ != "conj" and _reporting(a):
            return True  # 'X said A, but B': B is coordinated with the verb, not said
        child = a
    return False


def _subheading(sent: Span) -> bool:
    """A verbless line standing alone as a paragraph ('Lessons from the border.'): a
    subheading, even when it ends with a full stop."""
    text = doc_text(sent.doc)
    own = sent.text
    start = sent.start_char + len(own) - len(own.lstrip())
    end = sent.start_char + len(own.rstrip())
    before = text[max(0, start - 3) : start].strip(" \t")
    after = text[end : end + 3].lstrip(" \t")
    alone = (not before or before.endswith("\n")) and (not after or after.startswith("\n"))
    return alone and not any(t.pos_ in ("VERB", "AUX") for t in sent)


_CONTACT = re.compile(r"\S@\S|https?://|www\.|\w+/\w+ \(|^@\w", re.IGNORECASE)


def _not_prose(sent: Span) -> bool:
    """Page furniture around an opinion piece, not the author's argument: a contact line or
    photo credit (an address, a handle, 'Agency/Photographer (...)'), or a shouted call to
    action in capitals ('FOLLOW US ON ...')."""
    text = sent.text
    if _CONTACT.search(text):
        return True
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _breaks_after(doc: Doc, pos: int) -> int:
    """``doc.text.count("\\n\\n", pos)``, up to 2, by bisection in positions found once."""
    found = doc.user_data.get("kg_blank_lines")
    if found is None:
        text = doc_text(doc)
        found = doc.user_data["kg_blank_lines"] = [m.start() for m in _BLANK.finditer(text)]
    k = bisect_left(found, pos)
    if k == len(found):
        return 0
    return 2 if bisect_left(found, found[k] + 2) < len(found) else 1  # counted without overlap


_BLANK = re.compile(r"(?=\n\n)")


def _bio(sent: Span) -> bool:
    """A line of the author's bio in the closing paragraphs: a person or 'he/she' is
    described by a role ('Jo Park is a columnist for ...', 'She is the author of ...')."""
    doc = sent.doc
    if _breaks_after(doc, sent.end_char) > 1:
        return False  # only the last two paragraphs hold a bio
    root = sent.root
    subj = [c for c in root.children if c.dep_ == "nsubj"]
    attr = [c for c in root.children if c.dep_ == "attr"]
    if root.lemma_ != "be" or not subj or not attr:
        return False
    person = subj[0].ent_type_ == "PERSON" or subj[0].lower_ in ("he", "she")
    return person and attr[0].lemma_.lower() in BIO_ROLES


class _Spans:
    """Spans, which may overlap one another: whether any overlaps a given one, by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        kept = sorted((s, e) for s, e in spans if e > s)
        self.starts = [s for s, _ in kept]
        self.reach = list(accumulate((e for _, e in kept), max))  # furthest end so far

    def overlap(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # the spans that start before ``end``
        return end > start and k > 0 and self.reach[k - 1] > start


AUTHOR = "kg.author.v4"
#: patterns whose claims are a quotation (`kg.extract.direct`)
_QUOTATION_PATTERNS = ("kg.quote", "kg.speaker_turn")


@claim_pattern(AUTHOR, confidence=0.5, order=10, stage="author")
def author_claims(given: PatternInput) -> Iterator[RawClaim]:
    """The author's own assertions: the ``claim`` units of the doc's prose sentences.

    A clause of condition, concession or cause belongs to the claim it introduces, as the
    analyst guidelines read a claim (`_with_their_conditions`): "If China keeps buying, its
    labs will catch up" is one claim, not the author asserting "If China keeps buying". The
    Webis editorials cut such clauses into units of their own, so this costs 0.009
    author-claim F1 there (0.798 -> 0.789 on the dev editorials); the analyst dev set and
    the corpus gold gain (end-to-end 0.909 -> 0.913 and 0.935 -> 0.938).

    Rhetorical questions count, with stance ``questions``. Headings, the title, list
    fragments, sentences already holding a reported claim (one of ``given.prior``), and
    clauses that put no proposition forward (`_no_proposition`: requests, the speaker managing
    the talk, the text describing itself, the issuer's own actions) do not. The speaker is
    left empty here; the caller knows who speaks the text.
    """
    doc, title = given.doc, given.title
    # a sentence that attributes only an attitude ('Beijing aims to lead ...') is the author's
    covered = _Spans(c.sentence for c in given.prior if c.attribution != "attitude")
    # claims found earlier that are a quotation or the author's ('I believe that ...'): theirs
    spoken = _Spans(
        (c.start, c.end)
        for c in given.prior
        if c.attribution == "author"
        or c.pattern.startswith(_QUOTATION_PATTERNS)
        # words in a sentence of their own after 'X stated:' are X's
        or (c.cue is not None and not c.sentence[0] <= c.cue[0] < c.sentence[1])
    )
    title_norm = (title or "").strip().lower()
    for units in _by_sentence(argument_units(doc)):
        sent = units[0].sent
        text = sent.text.strip()
        in_title = bool(title_norm) and sent.start_char < len(title_norm) + 2
        if len(sent) < 4 or (in_title and text.lower() in title_norm):
            continue
        if text.startswith("#") or not text.rstrip("\"”’') ").endswith((".", "!", "?")):
            continue  # headings and list fragments are not assertions
        if _subheading(sent) or _not_prose(sent) or _bio(sent):
            continue
        covered_sent = covered.overlap(sent.start_char, sent.end_char)
        for unit in _with_their_conditions(units):
            if unit.kind != "claim" or (covered_sent and _reports(doc, unit.start, unit.end)):
                continue  # the clause that reports someone else's claim is theirs
            start, end = _without_coordinators(doc, unit.start, unit.end)
            if spoken.overlap(start, end):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or _no_proposition(span, given):
                continue
            claim = make_claim(
                doc,
                start,
                end,
                speaker=None,
                cue=None,
                cue_lemma=None,
                sent=sent,
                pattern=AUTHOR,
                attribution="author",
            )
            if claim is None:
                continue
            tail = doc_text(doc)[end : sent.end_char].strip(" \t\n\"”’')")
            if tail == "?" or (not tail and doc_text(doc)[start:end].endswith("?")):
                claim = replace(claim, stance="questions")
            yield claim


_COORDINATOR = re.compile(r"^(?:and|but|or|so|yet)[\s,]+|[\s,;]+(?:and|but|or|so|yet)$", re.I)


def _without_coordinators(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A unit without the coordinator that joined it to the clause before or opens the next
    one ('and the rules failed' -> 'the rules failed'; 'Tariffs will raise prices, and' |
    'if ..., its labs will catch up')."""
    text = doc_text(doc)[start:end]
    for m in _COORDINATOR.finditer(text):
        if m.start() == 0 and m.end() < len(text):
            start += m.end()
        elif m.end() == len(text) and m.start() > 0:
            end -= len(text) - m.start()
    return start, end


def _mark(unit: Unit) -> Token | None:
    """The mark of a subordinator of condition, concession or cause the unit opens with ("if",
    "because"; "if" of "even if"), or None."""
    doc = unit.sent.doc
    span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
    words = [t for t in span if not t.is_punct] if span is not None else []
    if not words or words[0].lower_ not in JOINED_MARKS:
        return None
    mark = words[0]
    if mark.lower_ == "even":
        if len(words) < 2 or words[1].lower_ not in ("if", "though"):
            return None
        mark = words[1]
    return mark if mark.dep_ == "mark" else None


def _main_verb(mark: Token) -> Token | None:
    """The verb the marked clause hangs on, or None when the clause is no adverbial one."""
    clause = mark.head
    if clause.dep_ != "advcl" or clause.head.i == clause.i:
        return None
    return clause.head


def _inside(unit: Unit, tok: Token) -> bool:
    return unit.start <= tok.idx < unit.end


def _with_their_conditions(units: list[Unit]) -> list[Unit]:
    """The units of one sentence with each clause of condition, concession or cause joined to
    the claim it belongs to, as the parse says: the unit after it ('If China keeps buying,
    its labs will catch up'; 'Prices will rise, and if China keeps buying, its labs will catch
    up' joins the second clause only) or the one before ('... because firms lack compute').
    A unit that holds its main clause itself ('Although X, Y') stands as it is. With no claim
    to join, a condition asserts nothing and is dropped; a concession or a cause still puts
    its clause forward ('most had published one, although their depth varied')."""
    out: list[Unit] = []
    pending: list[tuple[Unit, Token, Token]] = []  # leading clauses waiting for their main one

    def alone(unit: Unit, mark: Token) -> None:
        if mark.lower_ not in ("if", "unless"):
            out.append(unit)

    for unit in units:
        mark = _mark(unit)
        main = _main_verb(mark) if mark is not None else None
        if mark is not None and main is not None and not _inside(unit, main):
            if main.idx > unit.start:
                pending.append((unit, mark, main))  # 'If A, although B, C': both wait for C
                continue
            last = out[-1] if out and not pending else None
            if last is not None and last.kind == "claim" and _inside(last, main):
                out[-1] = Unit(last.start, unit.end, last.sent, "claim", last.gives_figure)
            else:
                alone(unit, mark)
            continue
        if pending:
            if unit.kind == "claim" and all(_inside(unit, m) for _, _, m in pending):
                unit = Unit(pending[0][0].start, unit.end, unit.sent, "claim", unit.gives_figure)
            else:
                for p, p_mark, _ in pending:
                    alone(p, p_mark)
            pending = []
        out.append(unit)
    for p, p_mark, _ in pending:
        alone(p, p_mark)
    return out


def _by_sentence(units: list[Unit]) -> Iterator[list[Unit]]:
    """The units, a list per sentence, in order."""
    for _, group in groupby(units, key=lambda u: u.sent.start):
        yield list(group)


_LABEL = re.compile(r"^[A-Z][A-Z .'’-]{2,}:\s*")  # a transcript's speaker label
_DAY_WORDS = frozenset(["today", "tonight", "yesterday"])
_DAY_NAMES = re.compile(
    r"^(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
    r"march|april|may|june|july|august|september|october|november|december|this (?:morning|"
    r"afternoon|evening|week))\b",
    re.IGNORECASE,
)


def _no_proposition(span: Span, given: PatternInput) -> bool:
    """A clause of the text's own voice that puts no proposition forward: no verb at all
    ('Warren and Kim to Secretary Lutnick'); a request ('Start with the hardware', 'Let me
    outline ...'); the speaker managing the talk ('I want to thank ...', 'I'm here to talk
    about ...', 'We must consider ...'); the text describing itself ('This brief reviews ...',
    'Three conclusions follow'); the issuer's own actions and procedure, or an action of the
    day ('BIS plans to publish ...', 'The investigation will focus on ...', 'Today, X
    released a report'), which are events."""
    if not any(t.pos_ in ("VERB", "AUX") for t in span):
        return True
    words = _LABEL.sub("", span.text).split()  # 'THE VICE PRESIDENT: Thank you ...'
    if words and words[0].strip(",.:;!").lower() in REQUEST_OPENERS:
        return True
    root = clause_root(span)
    if _fragment(span, root):
        return True
    lemma = root.lemma_.lower()
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")]
    if (
        not subjects
        and root.tag_ == "VB"
        and not any(c.dep_ in ("aux", "auxpass") for c in root.children)
        and misparsed_lead(root) is None  # a statement's start read as a verb's complement
    ):
        return True  # an imperative: a request, not a claim
    # 'Madam Speaker, I shall make a statement': the parser may take the vocative for a
    # second subject; the pronoun is the one that speaks
    subject = next((s for s in subjects if s.lower_ in FIRST_PERSON), None)
    subject = subject or (subjects[0] if subjects else None)
    first = subject is not None and subject.lower_ in FIRST_PERSON
    if first and managing_talk(root, lemma):
        return True
    if subject is not None and _self_reference(subject, lemma):
        return True
    if _teaser(root):
        return True
    return _event(span, root, subject, given)


def _teaser(root: Token) -> bool:
    """'Still, there is an upside to all this', 'There is a catch': a sentence
    that announces what the next one says and says nothing itself. A teaser noun with a
    clause or an "of" of its own ('there is news that talks failed') says something."""
    if root.lemma_.lower() != "be" or not any(c.dep_ == "expl" for c in root.children):
        return False
    noun = next((c for c in root.children if c.dep_ in ("attr", "nsubj")), None)
    if noun is None or noun.lemma_.lower() not in TEASER_NOUNS:
        return False
    return not any(
        c.dep_ in ("acl", "relcl", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("of", "about"))
        for c in noun.children
    )


def _fragment(span: Span, root: Token) -> bool:
    """A piece of a sentence that asserts nothing on its own: a noun phrase cut off a list
    ('...; and the policies that seek to ...'), or a fronted condition or time clause whose
    main clause is a unit of its own ('Until the rules apply, ...', 'If talks fail, ...')."""
    outer = [
        t
        for t in span
        if (t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i)
        and t.dep_ not in ("cc", "punct")
    ]
    if not any(t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT" for t in outer) and any(
        t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") for t in outer
    ):
        return True
    if root.dep_ != "advcl" or root.head.i < span.end:
        return False
    marks = {c.lower_ for c in root.children if c.dep_ == "mark"}
    return bool(marks & _TIME_MARKS)


#: subordinators of a time clause: it sets when the main clause holds and asserts nothing
_TIME_MARKS = frozenset(["until", "till", "before", "after", "once"])


def _self_reference(subject: Token, lemma: str) -> bool:
    """'This brief reviews ...', 'this statement sets out ...', 'Three conclusions follow'."""
    head = subject.lemma_.lower()
    if head not in SELF_NOUNS:
        return False
    if lemma == "follow":
        return True
    return any(c.dep_ == "det" and c.lower_ in ("this", "these") for c in subject.children)


def _event(span: Span, root: Token, subject: Token | None, given: PatternInput) -> bool:
    """An action of the issuer or of its own procedure, or one done today: an event of the
    issuer's account, not a claim ('Commerce today issued a rule', 'BIS plans to publish a
    notice', 'The investigation will initially focus on ...')."""
    verb = root
    if verb.lemma_.lower() not in EVENT_VERBS:
        return False
    if any(_dates_the_act(t) for t in span if t.lower_ in _DAY_WORDS) or any(
        _DAY_NAMES.match(e.text) and _dates_the_act(e.root) for e in span.ents if e.label_ == "DATE"
    ):
        return True
    if subject is None:
        return False
    if subject.lower_ in FIRST_PERSON:
        return True
    head = subject.lemma_.lower()
    if head in PROCEDURE_NOUNS and any(
        c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in subject.children
    ):
        return True
    return _issuer_side(subject, given)


def _dates_the_act(day: Token) -> bool:
    """A day word that dates the act ('Commerce today issued', 'on Monday, X released'), not
    one that names a thing of the day ("Today's agreement focuses regulation on ...")."""
    return day.dep_ != "poss" and day.head.pos_ not in ("NOUN", "PROPN")


def _issuer_side(subject: Token, given: PatternInput) -> bool:
    """The subject names the issuer: its actor, an actor whose name the issuer's name holds
    ('Bureau of Industry and Security' of 'U.S. Department of Commerce, Bureau of Industry and
    Security'), or a definite noun its name holds ('the Committee')."""
    issuer = set(_name_words(given.issuer))
    if not issuer and given.voice is None:
        return False
    for tok in subject.subtree:
        hit = given.index.actor_at(tok)
        if hit is None:
            continue
        actor = hit[1]
        if given.voice is not None and actor.id == given.voice.id:
            return True
        words = _name_words(actor.name)
        if words and set(words) <= issuer:
            return True
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
    return definite and subject.pos_ in ("NOUN", "PROPN") and subject.lower_ in issuer


_NAME_FILLER = frozenset(["of", "the", "and", "for", "on", "u", "s", "us"])


def _name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _NAME_FILLER]
