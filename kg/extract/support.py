"""Evidence a speaker offers for a claim, found by the words that offer it.

Evidence is what a speaker puts forward in support of a claim, and the text says so: "citing
X", "she pointed to X", "drawing on X", "a figure he offered as evidence that ...", "the report
shows that ...", "according to data from ...", "..., demonstrating that ...", "... is illegal
as the Act prohibits ...", "For example, ...", "One need look no further than ...", "numerous
examples of how ..., such as ...". Each finder here reads one such construction and yields the
item with what it is offered for (`RawEvidence.target`, else the direction of its claim,
`RawEvidence.reach`). A figure, a document or a name that merely stands in a sentence is not
evidence: no marker, no evidence.

The kind of an offered item comes from what it is (`kind_of`): a figure is a ``statistic``; a
report, study, filing, law or ruling a ``document``; what someone said ``testimony``; a
happening an ``event``; an instance given to illustrate an ``example``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from kg.extract.clauses import clause_root, is_past, is_statistic, numbers
from kg.extract.content import shown_clause
from kg.extract.docs import doc_text, sentence_index, sentence_of, sentences
from kg.extract.lexicon import (
    ANNOUNCE_WORDS,
    CITE_VERBS,
    EVENT_NOUNS,
    EVIDENCE_NOUNS,
    EVIDENCE_SOURCES,
    EVIDENCING_VERBS,
    EXAMPLE_NOUNS,
    EXAMPLE_OPENERS,
    FIRSTHAND_NOUNS,
    IMPERSONAL_VERBS,
    LAW_WORDS,
    PERSUADE_VERBS,
    RESEARCH_VERBS,
    RESEARCHERS,
    SAID_NOUNS,
    STAT_NOUNS,
    TESTIMONY_VERBS,
)
from kg.extract.mentions import ActorIndex
from kg.extract.raw import RawClaim, RawEvidence

_EDGE = " \t\n,;:—–-\"'“”‘’()"
_CITE: dict[str, set[str]] = {}
for _verb, *_prep in CITE_VERBS:
    _CITE.setdefault(_verb, set()).add(_prep[0] if _prep else "")
_DOCUMENT_WORDS = (EVIDENCE_SOURCES - STAT_NOUNS) | LAW_WORDS
_CLAUSE_DEPS = ("ccomp", "acl", "relcl", "advcl")


# --- spans and kinds -----------------------------------------------------------------------------


def _chars(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """The character span of tokens ``first``..``last`` (inclusive), edge punctuation trimmed."""
    text = doc_text(doc)
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE + ".!?":
        end -= 1
    return start, end


def _subtree(tok: Token) -> tuple[int, int]:
    return _chars(tok.doc, tok.left_edge.i, tok.right_edge.i)


def _phrase(tok: Token) -> tuple[int, int]:
    """A noun phrase without the appositions set off by commas ('a report of the Bureau, the
    body that ...' is 'a report of the Bureau')."""
    doc = tok.doc
    last = tok.right_edge.i
    for t in tok.subtree:
        if t.dep_ == "appos" and t.left_edge.i > tok.i and doc[t.left_edge.i - 1].text == ",":
            last = min(last, t.left_edge.i - 2)
    return _chars(doc, tok.left_edge.i, max(last, tok.i))


def _sent(tok: Token) -> tuple[int, int]:
    sent = sentence_of(tok)
    return sent.start_char, sent.end_char


def _that_clause(tok: Token) -> Token | None:
    """The clause a verb or noun of evidencing introduces ('shows that C', 'evidence that C'),
    not a question it raises ('shows why C', 'shows how C')."""
    for c in tok.children:
        if c.dep_ in ("ccomp", "acl") and c.pos_ in ("VERB", "AUX"):
            if any(t.tag_ in ("WRB", "WP", "WDT") for t in c.subtree if t.i < c.i):
                return None
            return c
    return None


def _bare_plural(noun: Token) -> bool:
    """'reports revealed that ...': press reports, the channel of a claim, not a document."""
    return noun.tag_ == "NNS" and not any(
        c.dep_ in ("det", "poss", "amod", "compound", "nummod", "prep") for c in noun.children
    )


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _conditional(tok: Token) -> bool:
    """The verb stands in a condition or a question ('if it draws on stockpiles')."""
    return any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether")
        for t in (tok, *tok.ancestors)
        for c in t.children
    )


def _named(tokens: Span | list[Token], index: ActorIndex, kinds: tuple[str, ...]) -> str | None:
    """The first gazetteer actor of one of ``kinds`` among the tokens, preferring rules."""
    hits = [
        hit[1]
        for t in tokens
        if (hit := index.actor_at(t)) is not None and hit[1].in_gazetteer and hit[1].kind in kinds
    ]
    hits.sort(key=lambda a: a.kind != "rule")
    return hits[0].id if hits else None


def kind_of(span: Span, index: ActorIndex) -> tuple[str, str | None]:
    """What an offered item is, and the gazetteer rule, chip or model it names.

    Figures make it a statistic; a statement testimony; a report, law or ruling a document
    (whatever figures it holds); a figure anything else; a clause or a happening an event;
    anything else an example.
    """
    head = span.root
    lemma = head.lemma_.lower()
    heads = [head, *(c for c in head.children if c.dep_ == "conj")]  # 'X and Y'
    lemmas = {h.lemma_.lower() for h in heads}
    rule = _named(span, index, ("rule",))
    if lemma in STAT_NOUNS:
        return "statistic", None
    if lemma in SAID_NOUNS:
        return "testimony", None
    if rule or lemmas & _DOCUMENT_WORDS or any(h.ent_type_ == "LAW" for h in heads):
        return "document", rule
    if numbers(span) or any(t.ent_type_ == "PERCENT" for t in span):
        return "statistic", None
    artifact = _named(span, index, ("rule", "chip", "model"))
    if lemma in EVENT_NOUNS or head.pos_ in ("VERB", "AUX"):
        return "event", artifact
    return "example", artifact


def _clause_kind(span: Span, root: Token) -> str:
    """What a clause offered as support is: a figure, a past happening, or an example."""
    if numbers(span) or any(t.ent_type_ == "PERCENT" for t in span):
        return "statistic"
    return "event" if is_past(root) else "example"


# --- the finders ---------------------------------------------------------------------------------


def cited(doc: Doc, index: ActorIndex) -> Iterator[RawEvidence]:
    """'Citing X, they wrote that C', 'She pointed to X', 'drawing on X': X grounds the claim.

    A participle hangs on the sentence's claim; a finite verb ('She pointed to X.') offers X
    for the claim its speaker made just before.
    """
    for tok in doc:
        if tok.pos_ != "VERB" or (lemma := tok.lemma_.lower()) not in _CITE:
            continue
        preps = _CITE[lemma]
        pp = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in preps), None)
        if pp is not None:
            obj = next((c for c in pp.children if c.dep_ == "pobj"), None)
        elif "" in preps:
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        else:
            obj = None
        if obj is None or obj.pos_ == "PRON" or _negated(tok) or _conditional(tok):
            continue
        if shown_clause(obj) is not None:
            continue  # 'cited evidence that C': C is the claim; the evidence goes unnamed
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lemma_.lower() in EVIDENCE_SOURCES:
            continue  # 'the report drew on 96 experts': how it was made, not a ground
        start, end = _phrase(obj)
        kind, entity = kind_of(doc[obj.left_edge.i : obj.right_edge.i + 1], index)
        participle = tok.tag_ == "VBG" and tok.dep_ in ("advcl", "acl", "xcomp", "pcomp")
        target = _as_evidence_target(tok) or (_sent(tok) if participle else None)
        yield RawEvidence(start, end, kind, 0.7, _sent(tok), entity, target, "back", "kg.cited.v1")


def _as_evidence_target(verb: Token) -> tuple[int, int] | None:
    """'offered X as evidence that C': the span of C."""
    for pp in verb.children:
        if pp.dep_ == "prep" and pp.lower_ == "as":
            noun = next((c for c in pp.children if c.dep_ == "pobj"), None)
            if noun is not None and noun.lemma_.lower() in EVIDENCE_NOUNS:
                clause = _that_clause(noun)
                if clause is not None:
                    return _subtree(clause)
    return None


def offered_as_evidence(doc: Doc, index: ActorIndex) -> Iterator[RawEvidence]:
    """'X, a figure he offered as evidence that C', 'X is proof that C'."""
    for tok in doc:
        if tok.lemma_.lower() not in EVIDENCE_NOUNS or tok.pos_ != "NOUN":
            continue
        clause = _that_clause(tok)
        target = _subtree(clause) if clause is not None else None
        head = tok.head
        item: Token | None = None
        if tok.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ == "VERB":
            verb = head.head
            if _negated(verb):
                continue
            item = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if item is None and verb.dep_ == "relcl":
                item = verb.head  # 'a figure he offered as evidence'
        elif tok.dep_ == "attr" and head.lemma_ == "be" and not _negated(head):
            item = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if item is None or item.pos_ == "PRON":
            continue
        if item.lemma_.lower() in STAT_NOUNS and item.dep_ in ("npadvmod", "appos", "attr"):
            figure = _figure_before(item)
            if figure is not None:
                start, end = figure
                yield RawEvidence(
                    start,
                    end,
                    "statistic",
                    0.8,
                    _sent(tok),
                    None,
                    target,
                    "back",
                    "kg.offered_as_evidence.v1",
                )
                continue
        if item.i <= tok.i <= item.right_edge.i:  # the item's subtree holds the evidence noun
            start, end = _chars(doc, item.left_edge.i, item.i)
        else:
            start, end = _subtree(item)
        kind, entity = kind_of(doc[item.left_edge.i : item.i + 1], index)
        yield RawEvidence(
            start,
            end,
            kind,
            0.8,
            _sent(tok),
            entity,
            target,
            "back",
            "kg.offered_as_evidence.v1",
        )


def _figure_before(noun: Token) -> tuple[int, int] | None:
    """'..., 200,000 chips this year, a figure he offered ...': what the figure counts."""
    sent = sentence_of(noun)
    for t in reversed(noun.doc[sent.start : noun.left_edge.i]):
        if t.like_num and t.ent_type_ not in ("DATE", "TIME", "ORDINAL"):
            counted = t.head if t.dep_ in ("nummod", "compound", "quantmod") else t
            while (
                counted.dep_ in ("nummod", "compound", "quantmod") and counted.head.i != counted.i
            ):
                counted = counted.head
            left = min(counted.left_edge.i, t.left_edge.i)
            prep = counted.head if counted.dep_ == "pobj" else None
            if prep is not None and prep.lower_ == "at":
                left = prep.i  # 'at most 200,000 chips'
            last = max(counted.right_edge.i, t.i)
            return _chars(noun.doc, left, last)
    return None


def findings(doc: Doc, index: ActorIndex) -> Iterator[RawEvidence]:
    """'The report shows that C', 'a new study revealing that C', 'The data are clear that C':
    the document or the data ground C.

    'According to the report, C' is not one: there the report is the channel of C, the source
    a reporter names, as a statement would be.
    """
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("NOUN", "PROPN") and lemma in EVIDENCE_SOURCES and not _bare_plural(tok):
            for verb in tok.children:  # 'a report revealing that', 'a study that found that'
                if verb.dep_ in ("acl", "relcl") and verb.lemma_.lower() in EVIDENCING_VERBS:
                    clause = _that_clause(verb)
                    if clause is not None and not _negated(verb):
                        yield _source(doc, tok, verb.left_edge.i - 1, index, _subtree(clause))
        if lemma not in EVIDENCING_VERBS and not (lemma == "be" and _clear(tok)):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if (
            subj is None
            or subj.lemma_.lower() not in EVIDENCE_SOURCES
            or subj.pos_ not in ("NOUN", "PROPN")
            or _bare_plural(subj)
        ):
            continue
        clause = _that_clause(tok) or next(
            (c for t in tok.children if t.dep_ == "acomp" for c in t.children if c.dep_ == "ccomp"),
            None,
        )
        if clause is None or _negated(tok):
            continue
        yield _source(doc, subj, subj.right_edge.i, index, _subtree(clause))


def _clear(be: Token) -> bool:
    return any(c.dep_ == "acomp" and c.lemma_ in ("clear", "evident", "plain") for c in be.children)


def _source(
    doc: Doc, noun: Token, last: int, index: ActorIndex, target: tuple[int, int]
) -> RawEvidence:
    start, end = _phrase(noun)
    if last < noun.right_edge.i:
        start, end = _chars(doc, noun.left_edge.i, max(noun.i, last))
    span = doc[noun.left_edge.i : noun.i + 1]
    kind, entity = kind_of(span, index)
    if kind not in ("statistic", "document"):
        kind = "document"
    return RawEvidence(start, end, kind, 0.7, _sent(noun), entity, target, "", "kg.findings.v1")


def shown_by_clause(doc: Doc, index: ActorIndex) -> Iterator[RawEvidence]:
    """'E, demonstrating that C' and 'E. This shows that C': the happening E grounds C."""
    sents = sentences(doc)
    text = doc_text(doc)
    for tok in doc:
        if tok.lemma_.lower() not in EVIDENCING_VERBS or tok.pos_ != "VERB" or _negated(tok):
            continue
        clause = _that_clause(tok)
        if clause is None:
            continue
        target = _subtree(clause)
        main = tok.head
        if tok.tag_ == "VBG" and tok.dep_ == "advcl" and main.i < tok.i:
            # 'E, demonstrating that C': E is the main clause up to the participle
            first = main.left_edge.i
            last = tok.left_edge.i - 1
            if last <= first:
                continue
            span = doc[first : last + 1]
            start, end = _chars(doc, first, last)
            yield RawEvidence(
                start,
                end,
                _clause_kind(span, main),
                0.6,
                _sent(tok),
                None,
                target,
                "",
                "kg.shown_by_clause.v1",
            )
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ not in ("this", "that", "these", "which", "it"):
            continue
        si = sentence_index(doc, tok.i)
        if subj.i != sents[si].start or si == 0:
            continue
        prev = sents[si - 1]
        if "\n\n" in text[prev.start_char : sents[si].start_char]:
            continue
        start, end = _chars(doc, prev.start, prev.end - 1)
        root = prev.root
        yield RawEvidence(
            start,
            end,
            _clause_kind(prev, root),
            0.55,
            (prev.start_char, prev.end_char),
            None,
            target,
            "",
            "kg.shown_by_clause.v1",
        )


def grounds_in_law(doc: Doc, index: ActorIndex) -> Iterator[RawEvidence]:
    """'C is illegal as the Act prohibits X': a law, rule or report given as the reason."""
    for tok in doc:
        if tok.dep_ != "advcl" or tok.pos_ not in ("VERB", "AUX"):
            continue
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if not marks & {"as", "because", "since"}:
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        span = doc[subj.left_edge.i : subj.i + 1]
        kind, entity = kind_of(span, index)
        if kind != "document":
            continue
        if "as" in marks and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children):
            continue  # '..., as the rules require': conformity, not a reason
        mark = next(c for c in tok.children if c.dep_ == "mark")
        start, end = _chars(doc, mark.i + 1, tok.right_edge.i)
        yield RawEvidence(
            start,
            end,
            "document",
            0.6,
            _sent(tok),
            entity,
            _sent(tok),
            "",
            "kg.grounds_in_law.v1",
        )


def _opener(sent: Span) -> tuple[str, ...] | None:
    words = tuple(t.lower_ for t in sent if not t.is_punct and not t.is_space)
    for opener in EXAMPLE_OPENERS:
        if words[: len(opener)] == opener:
            return opener
    return None


def examples(doc: Doc, index: ActorIndex) -> Iterator[RawEvidence]:
    """Instances given to illustrate what came before.

    'For example, E.', 'One need look no further than E.': the sentence is an example of the
    claim before it. 'Consider what happened next.' (or a sentence ending in a colon)
    announces a series: each sentence after it in the paragraph is an example of the claim
    before the announcement. 'X, for example, did E': the clause is the example. 'numerous
    examples of how C, such as E': E illustrates C (without such a noun, 'such as' and
    'including' list what a claim is about, and give no evidence).
    """
    sents = sentences(doc)
    text = doc_text(doc)

    def same_paragraph(a: Span, b: Span) -> bool:
        return "\n\n" not in text[a.start_char : b.start_char]

    k = 0
    while k < len(sents):
        sent = sents[k]
        opener = _opener(sent)
        words = [t.lower_ for t in sent if not t.is_punct and not t.is_space]
        announces = opener is not None and (
            (len(words) > len(opener) and words[len(opener)] in ANNOUNCE_WORDS)
            or sent.text.rstrip().endswith(":")
        )
        if announces and k > 0:
            # what the series illustrates: the sentence before the announcement, which may
            # close the paragraph before ('... by anyone.\n\nConsider what happened.')
            before = sents[k - 1]
            target = (before.start_char, before.end_char)
            j = k + 1
            while j < len(sents) and same_paragraph(sents[j - 1], sents[j]):
                s = sents[j]
                start, end = _chars(doc, s.start, s.end - 1)
                yield RawEvidence(
                    start,
                    end,
                    "example",
                    0.6,
                    (s.start_char, s.end_char),
                    None,
                    target,
                    "",
                    "kg.examples.v1",
                )
                j += 1
            k = j
            continue
        if opener is not None and not announces:
            start, end = _chars(doc, sent.start, sent.end - 1)
            kind = "statistic" if opener[0] != "consider" and _is_figure(sent) else "example"
            yield RawEvidence(
                start,
                end,
                kind,
                0.6,
                (sent.start_char, sent.end_char),
                None,
                None,
                "back",
                "kg.examples.v1",
            )
        k += 1
    for tok in doc:
        if (
            tok.lower_ in ("for",)
            and tok.i + 1 < len(doc)
            and doc[tok.i + 1].lower_
            in (
                "example",
                "instance",
            )
        ):
            verb = tok.head
            sent = sentence_of(tok)
            main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
            if tok.i == sent.start or verb.pos_ not in ("VERB", "AUX") or not main:
                continue  # an opener (above), or 'when it thinks about, for example, a formula'
            start, end = _subtree(verb)
            yield RawEvidence(
                start,
                end,
                _clause_kind(doc[verb.left_edge.i : verb.right_edge.i + 1], verb),
                0.55,
                _sent(tok),
                None,
                None,
                "back",
                "kg.examples.v1",
            )
        elif tok.lower_ in ("such", "including", "like") and _after_example_noun(tok):
            cue = tok.i
            head = doc[cue + 1] if tok.lower_ == "such" and cue + 1 < len(doc) else tok
            pobj = next((c for c in head.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            start, end = _chars(doc, cue, pobj.right_edge.i)
            yield RawEvidence(
                start,
                end,
                "example",
                0.6,
                _sent(tok),
                _named(doc[cue : pobj.right_edge.i + 1], index, ("rule", "chip", "model")),
                _sent(tok),
                "",
                "kg.examples.v1",
            )


def _after_example_noun(tok: Token) -> bool:
    sent = sentence_of(tok)
    return any(t.lemma_.lower() in EXAMPLE_NOUNS for t in tok.doc[sent.start : tok.i])


def _is_figure(sent: Span) -> bool:
    return any(t.ent_type_ == "PERCENT" for t in sent)


def released_findings(doc: Doc, index: ActorIndex) -> Iterator[RawEvidence]:
    """'X released a report on Y. X determined that C.': the report grounds its findings."""
    sents = sentences(doc)
    text = doc_text(doc)
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "dobj":
            continue
        if tok.lemma_.lower() not in _DOCUMENT_WORDS:
            continue
        if tok.head.lemma_.lower() not in ("release", "publish", "issue", "unveil", "produce"):
            continue
        if any(c.dep_ in ("acl", "relcl") for c in tok.children):
            continue  # 'a report revealing that ...': `findings`
        si = sentence_index(doc, tok.i)
        if si + 1 >= len(sents) or "\n\n" in text[sents[si].start_char : sents[si + 1].start_char]:
            continue
        nxt = sents[si + 1]
        verb = next(
            (
                t
                for t in nxt
                if t.lemma_.lower() in ("determine", "find", "conclude", "reveal", "show")
                and _that_clause(t) is not None
            ),
            None,
        )
        if verb is None:
            continue
        clause = _that_clause(verb)
        assert clause is not None
        start, end = _phrase(tok)
        _, entity = kind_of(doc[tok.left_edge.i : tok.i + 1], index)
        yield RawEvidence(
            start,
            end,
            "document",
            0.55,
            _sent(tok),
            entity,
            _subtree(clause),
            "",
            "kg.released_findings.v1",
        )


def research(doc: Doc, index: ActorIndex) -> Iterator[RawEvidence]:
    """In argument writing, 'Researchers have documented that C': a finding the author offers
    for the claim before it (in news, the researchers' own claim)."""
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in RESEARCH_VERBS or _negated(tok):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lemma_.lower() not in RESEARCHERS or _that_clause(tok) is None:
            continue
        start, end = _subtree(tok)
        yield RawEvidence(
            start, end, "document", 0.55, _sent(tok), None, None, "back", "kg.research.v1"
        )


def impersonal(doc: Doc, index: ActorIndex) -> Iterator[RawEvidence]:
    """'It was widely reported that E', 'It has been documented that E': what others have said
    or found, offered for the claim just before."""
    for tok in doc:
        if tok.lemma_.lower() not in IMPERSONAL_VERBS or tok.tag_ != "VBN" or _negated(tok):
            continue
        if not any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in tok.children):
            continue
        if not any(c.dep_ == "auxpass" for c in tok.children) or _that_clause(tok) is None:
            continue
        start, end = _subtree(tok)
        kind = "testimony" if tok.lemma_.lower() in TESTIMONY_VERBS else "document"
        yield RawEvidence(start, end, kind, 0.6, _sent(tok), None, None, "back", "kg.impersonal.v1")


def persuaded(doc: Doc, index: ActorIndex) -> Iterator[RawEvidence]:
    """'My experience at X has strengthened my belief that C', 'The crisis convinced me that
    C': what persuaded the speaker grounds C."""
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in PERSUADE_VERBS or _negated(tok):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON":
            continue
        clause = _that_clause(tok)
        if clause is None:  # 'strengthened my belief that C'
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            clause = _that_clause(obj) if obj is not None else None
        if clause is None:
            continue
        start, end = _phrase(subj)
        kind, entity = kind_of(tok.doc[subj.left_edge.i : subj.i + 1], index)
        if subj.lemma_.lower() in FIRSTHAND_NOUNS:
            kind = "testimony"  # what the speaker has seen and done
        yield RawEvidence(
            start, end, kind, 0.6, _sent(tok), entity, _subtree(clause), "", "kg.persuaded.v1"
        )


FINDERS = (
    offered_as_evidence,
    cited,
    findings,
    shown_by_clause,
    grounds_in_law,
    released_findings,
    impersonal,
    persuaded,
    examples,
)


def speaker_figures(doc: Doc, claims: Sequence[RawClaim]) -> Iterator[RawEvidence]:
    """'Huang argued that C. He said that the share had fallen from 95% to 50%.': a figure a
    speaker gives right after a claim of theirs is offered for it (and stays a claim); a
    forecast is no figure offered, but a claim of its own."""
    text = doc_text(doc)
    ordered = sorted(
        (c for c in claims if c.attribution == "reported" and c.speaker is not None),
        key=lambda c: (c.start, c.end),
    )
    outer: list[RawClaim] = []  # claims not nested in the one before
    for c in ordered:
        if not outer or c.start >= outer[-1].end:
            outer.append(c)
    for prev, cur in pairwise(outer):
        assert prev.speaker is not None and cur.speaker is not None
        if prev.speaker.actor.id != cur.speaker.actor.id:
            continue
        gap = sentence_index(doc, _token_at(doc, cur.start)) - sentence_index(
            doc, _token_at(doc, prev.start)
        )
        if gap not in (0, 1) or "\n\n" in text[prev.end : cur.start]:
            continue
        if not _figure_point(doc, cur.start, cur.end) or _figure_point(doc, prev.start, prev.end):
            continue
        if cur.stance == "predicts":
            continue  # a forecast ('the market is heading toward $50 billion') is a claim of its own
        yield RawEvidence(
            cur.start,
            cur.end,
            "statistic",
            0.55,
            cur.sentence,
            None,
            (prev.start, prev.end),
            "",
            "kg.speaker_figure.v1",
        )


def _token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else 0


def _figure_point(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and is_statistic(span, clause_root(span))


#: finders that read argument writing only
ARGUMENT_FINDERS = (research,)


def offered_evidence(
    doc: Doc, index: ActorIndex, argument: bool = False, claims: Sequence[RawClaim] = ()
) -> list[RawEvidence]:
    """Every item the text offers as support, finder after finder (in `FINDERS` order, then
    `ARGUMENT_FINDERS` in ``argument`` writing), then the figures speakers give for their
    ``claims`` (`speaker_figures`)."""
    finders = FINDERS + ARGUMENT_FINDERS if argument else FINDERS
    found = [ev for finder in finders for ev in finder(doc, index)]
    return [*found, *speaker_figures(doc, claims)]
