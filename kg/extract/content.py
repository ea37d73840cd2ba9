"""Content spans: what a cue verb, noun or phrase says, as doc character offsets.

`trim` cleans a span's edges; `content_of` finds the clause, object, intention or topic a cue
verb governs, cutting trailing adjuncts that are the writer's comment (`clause_chars`,
`_trailing_cut`); `rest_of_sentence`, `as_clause`, `after_colon`, `inverted_that_clause` and
`passive_or_relative_content` find content that stands before the cue or around it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract.docs import doc_text, sentence_of, subtree_chars
from kg.extract.lexicon import (
    AMOUNT_NOUNS,
    AS_NOUNS,
    ATTITUDE_VERBS,
    CHANNEL_NOUNS,
    CLAUSE_VERBS,
    CONCESSIVE_MARKS,
    CONTENT_PREPS,
    CUE_VERBS,
    EVIDENCE_NOUNS,
    EXAMPLE_NOUNS,
    FINDING_VERBS,
    HEARER_VERBS,
    MEDIA_NOUNS,
    NOT_CUE_VERBS,
    OBJECT_VERBS,
    PREP_VERBS,
    REPORT_VERBS,
    SAID_NOUNS,
    SOURCE_NOUNS,
    SPEECH_NOUNS,
    STAT_LABELS,
    TIME_LABELS,
    TO_VERBS,
    XCOMP_VERBS,
)
from kg.extract.quotes import quotations
from kg.extract.speakers import reporting_outer, subject_of

_EDGE_PUNCT = " \t\n,;:—–-\"'“”‘’…"


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


_REFLEXIVES = frozenset(["itself", "themselves", "himself", "herself", "myself", "ourselves"])
_PERCEPTION_VERBS = frozenset(["see", "watch", "hear", "notice", "feel", "witness"])


def _small_clause(comp: Token) -> bool:
    """An object with a participle, not a clause said or found: a state ('the agency found
    itself stuck with two briefs') or a perception ('nobody saw the crash coming'). A source
    showing or finding one is still a finding ('the survey shows the mayor leading')."""
    if comp.tag_ not in ("VBG", "VBN", "VB"):
        return False
    if any(c.dep_ in ("aux", "auxpass", "mark") for c in comp.children):
        return False
    subject = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in _REFLEXIVES:
        return True
    return comp.head.lemma_.lower() in _PERCEPTION_VERBS


def clause_chars(comp: Token) -> tuple[int, int]:
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
        outer = reporting_outer(t) if t.i > comp.i and t.head.i != comp.i else None
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
            (c.dep_ == "advcl" and (c.tag_ == "VBG" or first in CONCESSIVE_MARKS))
            or (c.dep_ == "prep" and first in CONCESSIVE_MARKS)
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


def acts_on_thing(verb: Token, lemma: str) -> bool:
    """The verb has a direct object after it that is a thing, not what is said nor the hearer
    ('BIS ... adds a new control on model weights', 'maintain the United States' lead'): it
    acts on that thing, so no clause before it is what it reports."""
    if lemma in HEARER_VERBS:
        return False  # '"...," she told reporters'
    return any(
        c.dep_ == "dobj"
        and c.i > verb.i
        and c.pos_ in ("NOUN", "PROPN")
        and c.lemma_.lower() not in _SAID_THINGS  # '"...," he repeated the warning'
        for c in verb.children
    )


#: objects that are what is said, not a thing acted on ('repeated the warning', 'argued the point')
_SAID_THINGS = SAID_NOUNS | SPEECH_NOUNS | {"point", "case", "argument"}


def content_of(verb: Token, lemma: str) -> tuple[int, int, str] | None:
    """The content a cue verb governs, as (start, end, kind).

    Kinds: ``clause`` (a proposition: 'said that the rules will work'), ``judgement`` (an
    object with what is said of it: 'called the vote a mistake', 'dismissed X as Y'),
    ``object`` (a bare noun phrase: 'criticised the decision'), ``intent`` (an infinitive:
    'vowed to retaliate', 'urged Congress to act'), ``topic`` ('warned of a slowdown').
    Only clauses and judgements are propositions; the rest are attitudes (`content_attribution`).
    """
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
    if not comps and lemma in CLAUSE_VERBS:
        comps = _that_clause_parsed_as_relative(verb)
    # the complement right of the verb, else one before it ('"...," she said')
    comp = next((c for c in comps if c.i > verb.i), comps[-1] if comps else None)
    if comp is not None and comp.i < verb.i and acts_on_thing(verb, lemma):
        comp = None  # '..., the ministry is adding new permit rules': no content before it
    if (
        comp is not None
        and lemma in CLAUSE_VERBS
        and (
            _is_clause(comp)
            or comp.i < verb.i
            or (len(list(comp.subtree)) >= 4 and not _small_clause(comp))
        )
    ):
        start, end = clause_chars(comp)
        if comp.dep_ == "relcl" and comp.left_edge.lower_ == "that":
            start = comp.left_edge.nbor().idx  # the complementiser read as a relative pronoun
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
                end = max(end, clause_chars(later)[1])
        return start, end, "clause"
    if (
        comp is not None
        and comp.i > verb.i
        and lemma in OBJECT_VERBS
        and comp.left_edge.lower_ in ("what", "whatever")
    ):
        start, end = clause_chars(comp)  # "condemned what he called a breach"
        return start, end, "object"
    xcomp = next((c for c in children if c.dep_ == "xcomp" and c.i > verb.i), None)
    obj = next((c for c in children if c.dep_ in ("dobj", "dative") and c.i > verb.i), None)
    predicate = False
    if obj is None and lemma in OBJECT_VERBS:
        # "called the members cowards" parsed with the object as a compound of the predicate
        obj = next((c for c in children if c.dep_ == "oprd" and c.i > verb.i), None)
        predicate = obj is not None
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
    shown = shown_clause(obj) if obj is not None and lemma in OBJECT_VERBS else None
    if shown is not None:
        return shown[0], shown[1], "clause"
    if (
        obj is not None
        and lemma in OBJECT_VERBS
        and obj.ent_type_ not in TIME_LABELS
        and obj.pos_ != "PRON"
        and not (lemma in HEARER_VERBS and _is_person_like(obj))
        and not _amount(obj)
        and not (lemma == "find" and not _finding(verb, obj))
    ):
        start, end = _phrase_chars(obj)
        kind = "judgement" if predicate else "object"
        if kind == "object" and lemma in FINDING_VERBS and _finding(verb, obj):
            kind = "finding"  # 'the study found 12 leaks'; not 'Hicks revealed the strategy'
        for c in children:  # "called her vote a mistake": the predicate belongs too
            if c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > obj.i and _predicate(c):
                end = max(end, subtree_chars(c)[1])
                kind = "judgement"
            elif c.dep_ == "prep" and c.i > obj.i and _judged(c, lemma, obj):
                end = max(end, _phrase_chars(c)[1])  # "mocked X for ...", "dismissed X as ..."
                kind = "judgement"
        return start, end, kind
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
                and pobj.ent_type_ not in TIME_LABELS
                and pobj.lemma_.lower() not in CHANNEL_NOUNS
            ):
                start, end = subtree_chars(pobj)
                # 'was accused of leaking the rules': a charge against the subject
                charged = lemma in HEARER_VERBS and prep.lower_ == "of" and pobj.tag_ == "VBG"
                return start, end, "judgement" if charged else "topic"
    return None


#: content kinds that put a proposition forward; the others record an attitude toward a thing,
#: an intention or a request
PROPOSITION_KINDS = frozenset(["clause", "judgement"])


def _that_clause_parsed_as_relative(verb: Token) -> list[Token]:
    """'She told reporters at a briefing that the rules would harm companies': the parser may
    hang the reported clause on the noun before it as a relative clause. A relative "that"
    fills a gap in its clause; one that the clause has no room for (it has its own subject,
    and "that" is read as an indirect object, or its object slot is filled too) is the
    complementiser of the verb's clause."""
    found = []
    for tok in verb.subtree:
        if (
            tok.dep_ != "relcl"
            or tok.i <= verb.i
            or sentence_of(tok).start != sentence_of(verb).start
        ):
            continue
        that = tok.left_edge
        if that.lower_ != "that" or that.head.i != tok.i:
            continue
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.i != that.i for c in tok.children)
        full = any(
            c.dep_ in ("dobj", "attr", "acomp", "ccomp", "oprd", "nsubjpass") and c.i != that.i
            for c in tok.children
        )  # no gap left for a relative pronoun to fill
        if own_subject and (that.dep_ == "dative" or (that.dep_ in ("dobj", "mark") and full)):
            found.append(tok)
    return found[:1]


def content_attribution(kind: str, lemma: str | None) -> str:
    """``reported`` for a proposition put forward, ``attitude`` for an internal state: a noun
    phrase, an infinitive or a topic as content ('criticised the decision', 'vowed to act'),
    or a clause under a verb of wishing or worrying ('hoped that ...', 'feared that ...').
    A noun phrase found, estimated or forecast is a proposition when a source publishing
    findings or a named finder counting something states it (kind ``finding``: 'the study found
    12 leaks'), not when a person reveals a plan."""
    if lemma is not None and lemma in ATTITUDE_VERBS:
        return "attitude"
    if kind in PROPOSITION_KINDS or kind == "finding":
        return "reported"  # 'the study found 12 leaks': a finding, whatever its form
    return "attitude"


def that_conjuncts(verb: Token, start: int, end: int) -> list[tuple[int, int]]:
    """A reported clause cut at each coordinated "that": 'She said that A and that B' reports two
    propositions, each a claim of its own, so each can be linked, agreed with or disputed on
    its own. Without a second "that" ('said that A and B') the clause stays whole."""
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if comp is None:
        return [(start, end)]
    doc = verb.doc
    cuts = []
    for c in comp.children:
        if c.dep_ != "conj" or c.i <= comp.i:
            continue
        that = next((g for g in c.children if g.dep_ == "mark" and g.lower_ == "that"), None)
        if that is None or that.i != c.left_edge.i or not start <= that.idx < end:
            continue
        before = that.i - 1
        while before > comp.i and (doc[before].dep_ == "cc" or doc[before].is_punct):
            before -= 1  # ', and' before the second "that"
        cuts.append((doc[before].idx + len(doc[before].text), that.idx))
    pieces = []
    for cut_end, next_start in cuts:
        pieces.append((start, cut_end))
        start = next_start
    pieces.append((start, end))
    return [(lo, hi) for lo, hi in pieces if hi > lo]


_SHOWING_NOUNS = EXAMPLE_NOUNS | EVIDENCE_NOUNS


def shown_clause(obj: Token) -> tuple[int, int] | None:
    """The proposition an object of examples or evidence stands for: 'noted several examples of
    how the firms evade the rules', 'cited evidence that the rules work' put forward that the
    firms evade the rules, that the rules work. The examples themselves are the evidence."""
    if obj.lemma_.lower() not in _SHOWING_NOUNS:
        return None
    for c in obj.children:
        clause: Token | None = None
        if c.dep_ in ("acl", "ccomp") and c.i > obj.i:
            if any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
                clause = c  # 'evidence that the rules work'
        elif c.dep_ == "prep" and c.lower_ == "of":
            clause = next(
                (
                    g
                    for g in c.children
                    if g.dep_ == "pcomp"
                    and any(h.dep_ == "advmod" and h.lower_ == "how" for h in g.children)
                ),
                None,
            )  # 'examples of how the firms evade the rules'
        if clause is None or not _is_clause(clause):
            continue
        start, end = clause_chars(clause)
        first = clause.left_edge
        if first.lower_ in ("how", "that") and first.i < clause.i:
            start = first.nbor().idx
        for t in clause.subtree:
            # '..., such as X': the instances are the examples offered, not the claim
            if (
                t.lower_ == "such"
                and clause.i < t.i < len(t.doc) - 1
                and t.nbor(-1).text == ","
                and t.nbor().lower_ == "as"
            ):
                end = min(end, t.nbor(-1).idx)
        return start, end
    return None


def _amount(obj: Token) -> bool:
    """'raised $5 million', 'raised money': a sum is what was done, not what was said."""
    return obj.ent_type_ in STAT_LABELS or obj.lemma_.lower() in AMOUNT_NOUNS


def _finding(verb: Token, obj: Token) -> bool:
    """'The study found 31 cases', 'she found the plan unworkable' report a finding;
    'they found a way' does not: the object needs a predicate, or the finder a source
    that publishes findings (a study, a poll), or a named person or body counting something."""
    if any(c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > obj.i for c in verb.children):
        return True
    subject, _ = subject_of(verb)
    if subject is None:
        return False
    if subject.lemma_.lower() in MEDIA_NOUNS:
        return True
    # a named finder states a finding when it counts something ('Lopez found 31 cases');
    # 'Hicks revealed the strategy' is an act
    named = any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in subject.subtree)
    return named and any(t.like_num or t.ent_type_ in STAT_LABELS for t in obj.subtree)


def _predicate(comp: Token) -> bool:
    """What is said of the object ('called the vote a mistake', 'found the plan to be
    flawed'), not the purpose an infinitive gives it ('announced steps to strengthen the
    controls'): an infinitive counts only when it is "to be" or "to have"."""
    if comp.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children):
        return True
    return comp.lemma_.lower() in ("be", "have")


def _judged(prep: Token, lemma: str, obj: Token) -> bool:
    """The ground or label of a judgement on the object: 'attacked X for Y', 'dismissed X
    as Y', 'accused X of Y'; not the "as" of an action the object names ('condemned the use
    of chips as leverage'), nor a "for" of time ('accept comments for 30 days')."""
    if prep.lower_ == "as" and obj.lemma_.lower() in AS_NOUNS:
        return False
    if prep.lower_ == "for" and any(
        c.dep_ == "pobj" and c.ent_type_ in TIME_LABELS for c in prep.children
    ):
        return False  # 'accept comments for 30 days': how long, not on what ground
    return prep.lower_ in ("for", "as") or (prep.lower_ == "of" and lemma in HEARER_VERBS)


def rest_of_sentence(verb: Token, sent: Span) -> tuple[int, int] | None:
    """The content of a parenthetical or trailing "X said": the rest of its sentence.

    A quotation closing just before the chunk is the content even when the parser
    split the sentence inside it.
    """
    doc = verb.doc
    chunk = [verb.i] + [
        t.i
        for c in verb.children
        if c.dep_ in ("nsubj", "aux", "advmod", "neg", "prt")
        # after a verb coordinated with the clause it reports, what follows tells when or how
        # it was said ('A, Jo Park said today as she unveiled ...')
        or (
            verb.dep_ in ("conj", "parataxis")
            and c.dep_ in ("advcl", "prep", "npadvmod")
            and c.i > verb.i
        )
        for t in c.subtree
    ]
    lo, hi = min(chunk), max(chunk)
    first, last = sent.start, sent.end
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        lo = name_before(doc, lo, first)  # 'A, Deputy Secretary Jo Park said': a misparse
    trailing = last - hi <= 3
    if verb.dep_ == "ROOT":
        # a complement after the verb is what content_of reads (or turned down: 'finds
        # itself trapped'), not content around the verb
        if not any(
            c.dep_ == "parataxis" or (c.dep_ == "ccomp" and c.i < verb.i) for c in verb.children
        ):
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


def name_before(doc: Doc, lo: int, first: int) -> int:
    """Where a name standing right before a subjectless saying verb starts, when a comma sets
    it off ('..., Deputy Secretary of Defense Jo Park said'): the parser hung it on the
    clause before, but it names who speaks."""
    k = lo
    while k - 1 > first and (
        doc[k - 1].pos_ == "PROPN"
        or (doc[k - 1].lower_ in ("of", "the", "for") and doc[k - 2].pos_ == "PROPN")
    ):
        k -= 1
    return k if k < lo and doc[k - 1].text == "," else lo


def inverted_that_clause(verb: Token) -> tuple[int, int, str] | None:
    """'X continues to insist, most recently in an interview, that Y': the parser hung the
    "that"-clause on the verb above the saying verb (or made it the root); it is the content."""
    sent = sentence_of(verb)
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


def as_clause(verb: Token) -> tuple[int, int] | None:
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
    sent, doc = sentence_of(verb), verb.doc
    lo, hi = verb.left_edge.i, verb.right_edge.i
    if lo == sent.start:
        return doc[hi].idx + len(doc[hi].text), sent.end_char
    if hi >= sent.end - 2:
        return sent.start_char, doc[lo].idx
    return sent.start_char, sent.end_char


def after_colon(verb: Token) -> tuple[int, int] | None:
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


#: prepositions of place: after "found", where a thing is, not what was found about it
_WHERE_PREPS = frozenset({"at", "in", "on", "from", "via", "through", "under", "within"})


def _not_said_of(c: Token, lemma: str) -> bool:
    """A dependent of a passive cue that tells where a thing is or the name it goes by, not
    what is said of it: 'the draft is found at https://...', 'the statute may be cited as the
    Harbour Freight Act'."""
    if c.dep_ != "prep":
        return False
    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
    if obj is None:
        return False
    if c.lower_ == "as":
        return obj.pos_ == "PROPN"
    return lemma == "find" and c.lower_ in _WHERE_PREPS


def passive_or_relative_content(verb: Token) -> tuple[int, int, str] | None:
    """Content that stands before the cue verb.

    Passive: 'the plan was described as reckless', 'X is thought to be able to ...' ->
    the subject with its predicate. Relative clause: 'a rule that the minister called
    unworkable' -> the noun phrase the clause describes.
    """
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is not None:
        if any(c.dep_ == "aux" and c.lower_ == "shall" for c in verb.children):
            return None  # 'capacity shall be calculated as ...': a provision, nobody reports
        start = subj.left_edge.idx
        end = verb.idx + len(verb.text)
        lemma = verb.lemma_.lower()
        aside = False
        for c in verb.children:
            if c.dep_ in ("oprd", "xcomp", "prep", "ccomp") and c.i > verb.i and c.lower_ != "by":
                if _not_said_of(c, lemma):
                    aside = True
                else:
                    end = max(end, subtree_chars(c)[1])
        if aside and end == verb.idx + len(verb.text):
            return None  # a place or a name, and nothing said of the subject
        return start, end, "judgement"  # the subject with what is said of it
    if verb.dep_ == "relcl" and not any(
        (c.dep_ in ("dobj", "ccomp") and c.i > verb.i)
        or c.lower_ in ("where", "when", "why", "how")  # 'the city where she spoke'
        for c in verb.children
    ):
        head = verb.head
        if head.pos_ in ("NOUN", "PROPN"):
            start, end = subtree_chars(head)
            # 'a rule that the minister called unworkable' says something of the rule;
            # 'the edge the United States maintains' only names a thing
            judged = any(c.dep_ in ("oprd", "xcomp", "acomp") for c in verb.children)
            return start, end, "judgement" if judged else "object"
    return None
