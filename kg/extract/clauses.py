"""Argument units: clause-sized pieces of a sentence, each typed as what it does in an argument.

Opinion writing mixes the author's own assertions with the grounds offered for them: a figure
(``statistic``), what a source said (``testimony``), a narrated instance (``example``, an
anecdote). A sentence that makes two assertions ("..., but ...") holds two units, so sentences
are split at coordinated clauses with their own subject, at fronted or trailing adverbial
clauses ("Although ...", "..., because ...") and at semicolons.

Used by `kg.extract.author` (units of kind ``claim`` become author claims) and by
`kg.extract.evidence` (the other kinds become evidence) for opinion and analysis pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from kg.extract.docs import clause_root, doc_text, sentence_of
from kg.extract.lexicon import (
    ANNOUNCE_WORDS,
    AUTHOR_SUBJECTS,
    CONCESSIVE_MARKS,
    CONTRAST_OPENERS,
    CUE_VERBS,
    DATA_SOURCES,
    EXAMPLE_OPENERS,
    GENERIC_VOICES,
    MAGNITUDE_WORDS,
    MIND_VERBS,
    MULTIPLE_WORDS,
    PER_UNITS,
    PERCENT_WORDS,
    RESTRICTING_MARKS,
    SPLIT_MARKS,
    TESTIMONY_VERBS,
)
from kg.extract.unit_model import load_unit_model

_QUOTES = frozenset({'"', "“", "”"})
MIN_UNIT_WORDS = 4
_EDGE = " \t\n,;:—–-\"'“”‘’()"


@dataclass(frozen=True)
class Unit:
    """One argument unit: doc character offsets, its sentence, what it does."""

    start: int
    end: int
    sent: Span
    kind: str  # "claim" | "statistic" | "testimony" | "example"
    #: a claim that also gives a figure ('they cannot spend 30% of it on audits'): the author
    #: asserts something about the figure, and the figure is a statistic too
    gives_figure: bool = False


def has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in tok.children)


def misparsed_lead(root: Token) -> Token | None:
    """'The sale is expected to help a rival, threaten our security, and ...': the parser
    may make a later bare verb the root and the clause before it, with its own subject, that
    verb's complement. The clause before is the statement's real verb; None when the root
    is no such bare verb."""
    if root.tag_ != "VB" or has_subject(root):
        return None
    if any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return None
    return next(
        (c for c in root.children if c.dep_ == "ccomp" and c.i < root.i and has_subject(c)),
        None,
    )


def _is_split_head(tok: Token) -> bool:
    """A clause inside a sentence that makes its own assertion."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if _said(tok):
        return False  # inside what a source says: one testimony
    if tok.dep_ == "conj" and has_subject(tok) and tok.head.pos_ in ("VERB", "AUX"):
        # 'ensure that A and (that) B': both clauses are what one verb governs, one unit
        return not (_complement(tok) or _complement(tok.head))
    before = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
    after_comma = before is not None and before.text in (",", "--", "—", "–", "-")
    # ', which ...': a non-restrictive relative clause adds an assertion, unless the relative
    # word is its object or follows a preposition ('..., which we cannot ignore', '..., by
    # which they would commit ...'): then it says little without the noun it hangs on
    if tok.dep_ == "relcl" and after_comma and not _object_relative(tok):
        rest = tok.doc[tok.right_edge.i + 1 : sentence_of(tok).end]
        return all(t.is_punct or t.is_space for t in rest)  # only a trailing one
    if tok.dep_ == "advcl" and has_subject(tok):
        if tok.lemma_.lower() in TESTIMONY_VERBS:
            return False  # 'as the minister said, ...' introduces what follows
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if tok.i > tok.head.i and not after_comma and marks & RESTRICTING_MARKS:
            return False  # '... can be reinstated if the talks fail': one assertion
        return bool(marks & SPLIT_MARKS)
    return tok.dep_ == "ccomp" and _spliced(tok)


def _comma_after(tok: Token) -> bool:
    """The clause is set off by a comma (or dash) after it."""
    nxt = tok.right_edge.i + 1
    return nxt < len(tok.doc) and tok.doc[nxt].text in _SET_OFF


_SET_OFF = frozenset({",", "--", "—", "–", "-", ";"})


def _spliced(tok: Token) -> bool:
    """Two sentences joined by a comma ('Sanctions are starting to bite, the ruble is down'):
    the parser hangs the first under the second as its complement. Not what a source or the
    writer says or thinks ('It will fail, critics say', 'It is wrong, I think')."""
    head = tok.head
    if tok.i > head.i or not has_subject(tok) or not _comma_after(tok):
        return False
    if head.pos_ not in ("VERB", "AUX") or not has_subject(head):
        return False
    lemma = head.lemma_.lower()
    return lemma not in TESTIMONY_VERBS and lemma not in MIND_VERBS


_COMPLEMENT_MARKS = frozenset(["that", "whether"])


_RELATIVE_WORDS = frozenset(["which", "whom", "whose", "that", "who"])


def _object_relative(relcl: Token) -> bool:
    """The relative word is the object of the clause or of a preposition in it ('which we
    cannot ignore', 'by which they would commit'), and the clause has a subject of its own."""
    if not any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _RELATIVE_WORDS for c in relcl.children
    ):
        return False
    return any(
        t.lower_ in _RELATIVE_WORDS and t.dep_ in ("dobj", "pobj") and t.i < relcl.i
        for t in relcl.subtree
    )


def _complement(tok: Token) -> bool:
    """A clause introduced by "that" or "whether": the content of a verb or noun above it."""
    return any(c.dep_ == "mark" and c.lower_ in _COMPLEMENT_MARKS for c in tok.children)


def _clause_follows(colon: Token) -> bool:
    """After the colon comes a clause of its own (a verb with its subject), not a list or
    a noun phrase that completes the clause before ('one thing: profit')."""
    rest = colon.doc[colon.i + 1 : sentence_of(colon).end]
    return any(t.pos_ in ("VERB", "AUX") and has_subject(t) for t in rest)


def _said(tok: Token) -> bool:
    """The token lies inside what a verb of saying reports, not in a clause coordinated
    with that verb ('X said A, but B': B is not X's)."""
    child = tok
    for a in tok.ancestors:
        if a.lemma_.lower() in TESTIMONY_VERBS and a.pos_ == "VERB" and child.dep_ != "conj":
            return True
        child = a
    return False


def _pieces(sent: Span) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the units of a sentence.

    No cut falls inside a quotation, and none leaves a piece of fewer than
    ``MIN_UNIT_WORDS`` words ('even if he did' stays with its main clause).
    """
    quoted: set[int] = set()
    inside = False
    for tok in sent:
        if sum(tok.text.count(q) for q in _QUOTES) % 2 == 1:
            inside = not inside
        elif inside:
            quoted.add(tok.i)
    cuts = {sent.start, sent.end}
    for tok in sent:
        if tok.i in quoted:
            continue
        if tok.text == ";" or (tok.text == ":" and _clause_follows(tok)):
            cuts.add(tok.i + 1)
        if _is_split_head(tok):
            left, right = tok.left_edge.i, tok.right_edge.i + 1
            if tok.dep_ == "conj":
                # the coordinator and the comma before it open the new unit
                cc = [c for c in tok.head.children if c.dep_ == "cc" and c.i < tok.i]
                left = min([left, *(c.i for c in cc)])
            cuts.add(left)
            if right < sent.end and tok.dep_ != "conj":
                # what follows a second conjunct hangs on the first verb ('A, and B, as
                # expected'): no cut there
                cuts.add(right)
    bounds = sorted(c for c in cuts if sent.start <= c <= sent.end)
    alpha = [0]  # words before each token of the sentence
    for tok in sent:
        alpha.append(alpha[-1] + tok.is_alpha)

    def words(a: int, b: int) -> int:
        return alpha[b - sent.start] - alpha[a - sent.start]

    # drop cuts that leave a short piece, or that fall inside a quotation
    changed = True
    while changed and len(bounds) > 2:
        changed = False
        for k in range(1, len(bounds) - 1):
            a, c, b = bounds[k - 1], bounds[k], bounds[k + 1]
            short = min(words(a, c), words(c, b)) < MIN_UNIT_WORDS
            if short or c in quoted:
                del bounds[k]
                changed = True
                break
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    text = doc_text(doc)
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE + ".!":
        end -= 1
    return start, end


_QUESTION_NOUNS = frozenset(["question", "issue", "test", "puzzle", "mystery", "unknown"])
#: the words an indirect question opens with
QUESTION_WORDS = frozenset(
    ["whether", "if", "how", "what", "who", "whom", "when", "where", "why", "which"]
)


def open_question(span: Span) -> bool:
    """'The question is whether they will be American chips', 'The real test is how fast
    Beijing adapts': an open question the text or a quotation asks, no proposition. 'The
    question is not whether but when' answers one, and stays."""
    root = clause_root(span)
    if root.lemma_.lower() != "be" or any(c.dep_ == "neg" for c in root.children):
        return False
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in _QUESTION_NOUNS:
        return False
    if any(c.dep_ in ("acomp", "advcl") for c in root.children):
        return False  # 'The test is simple if firms comply': a claim with its condition
    return any(
        c.dep_ in ("ccomp", "attr", "xcomp")
        and c.i > root.i
        and c.left_edge.lower_ in QUESTION_WORDS
        for c in root.children
    )


def is_past(root: Token) -> bool:
    """Narrated in the past: 'was', 'signed', 'had been', not 'would', 'has shown'."""
    auxs = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    tags = {root.tag_} | {a.tag_ for a in auxs}
    if "MD" in tags:
        return False
    if any(a.lower_ in ("has", "have", "'ve", "'s") and a.tag_ != "VBD" for a in auxs):
        return False
    return "VBD" in tags


def _reported(span: Span) -> bool:
    """A source other than the author says something here (reported speech or a quotation)."""
    if span.text.rstrip().endswith("?"):
        return False
    if _as_source_says(span):
        return True
    for tok in span:
        if tok.pos_ == "VERB" and saying(tok):
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].lower_ in ("i", "we") and is_quotation(span):
                return False  # 'and I said, "..."': the author quoting themselves
            if not subj or subj[0].lower_ in AUTHOR_SUBJECTS or unasserted(tok):
                continue
            if _generic_voice(subj[0]):
                continue
            said = [c for c in tok.children if c.dep_ in ("ccomp",)]
            if said or tok.dep_ in ("parataxis", "ccomp", "advcl"):
                return True
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            return True
    return is_quotation(span) or ends_in_quotation(span)


def ends_in_quotation(span: Span) -> bool:
    """The unit closes on a quotation of four words or more that it opened ('the manual advises
    that "force yields unreliable results"', 'they called for a "war against the
    establishment'): the words that end it are a source's; a scare-quoted phrase is shorter."""
    inside, opened = False, -1
    run = (-1, -1)  # the last quotation: its opening mark and where it ends
    for tok in sentence_of(span[0]):
        if tok.i >= span.end:
            break
        if sum(tok.text.count(q) for q in _QUOTES) % 2 == 1:
            inside = not inside
            if inside:
                opened = tok.i
            else:
                run = (opened, tok.i)
        elif tok.is_alpha and not inside:
            run = (-1, -1)  # a word after the quotation closed: the unit ends on its own words
    if inside:
        run = (opened, span.end)
    start, end = run
    if start < span.start or _names_a_title(span.doc[start]):
        return False
    return sum(t.is_alpha for t in span.doc[start:end]) >= 4


#: words that give a quoted title or name, not a source's words ('a hearing titled "..."')
_NAMING_WORDS = frozenset(["title", "entitle", "call", "name", "dub", "headline", "label"])


def _names_a_title(mark: Token) -> bool:
    """The quotation opened at ``mark`` follows 'titled', 'called', 'named' (a comma or colon
    between allowed): it names a work or a thing."""
    k = mark.i - 1
    while k >= 0 and mark.doc[k].text in (",", ":"):
        k -= 1
    return k >= 0 and mark.doc[k].lemma_.lower() in _NAMING_WORDS


_QUANTIFIERS = frozenset({"some", "many", "few", "several", "most"})


def _generic_voice(subject: Token) -> bool:
    """A view invoked, not a source cited: 'Some argue ...', 'Critics say ...', 'many
    analysts claim ...'. What the author then does with it is the author's argument."""
    mods = [c for c in subject.children if c.dep_ in ("det", "amod", "poss", "compound", "nummod")]
    if subject.lower_ in GENERIC_VOICES and not mods:
        return True
    return subject.tag_ == "NNS" and any(c.lower_ in _QUANTIFIERS for c in mods)


def saying(verb: Token) -> bool:
    """A verb of saying: 'said', 'wrote', and 'pointed out'."""
    lemma = verb.lemma_.lower()
    if lemma in TESTIMONY_VERBS:
        return True
    return lemma == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


def _as_source_says(span: Span) -> bool:
    """'As Greenpeace notes, one of the tests ...': the clause is handed to a source (the
    parser often reads the verb as a plural noun, so the words decide)."""
    if len(span) < 4 or span[0].lower_ != "as":
        return False
    for tok in span[1:8]:
        if tok.text == ",":
            before = tok.nbor(-1)
            if any(t.lower_ in AUTHOR_SUBJECTS for t in span[1 : before.i - span.start]):
                return False  # 'As I said, ...': the author quoting themselves
            return before.i > span.start + 1 and before.lemma_.lower() in TESTIMONY_VERBS
    return False


def unasserted(verb: Token) -> bool:
    """Speech that no one is reported to have made: hypothetical or denied ('only a fool
    would argue ...', 'it is not saying ...'), or tucked into a noun phrase ('gangs that
    experts warn are ...'), where the clause asserts something else."""
    if verb.dep_ in ("relcl", "acl"):
        return True
    return any((c.dep_ == "aux" and c.tag_ == "MD") or c.dep_ == "neg" for c in verb.children)


_QUOTED_RE = re.compile(r'"([^"]*)"|“([^”]*)”')


def is_quotation(span: Span) -> bool:
    """A quoted sentence, not a scare-quoted phrase: it takes most of the unit, follows a
    colon or comma, or opens the unit (a quotation that runs on into the next sentence)."""
    text = span.text.strip()
    if text[:1] in ('"', "“") and text.count('"') % 2 == 1 and len(text.split()) >= 4:
        return True
    for m in _QUOTED_RE.finditer(text):
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        if len(inner.split()) < 4:
            continue
        before = text[: m.start()].rstrip()
        if len(inner) >= 0.6 * len(text) or before.endswith((":", ",")):
            return True
    return False


def numbers(span: Span) -> list[Token]:
    """Number tokens that count or measure something (not years or dates)."""
    out = []
    for t in span:
        if t.ent_type_ in ("DATE", "TIME", "ORDINAL"):
            continue
        if t.i > 0 and t.nbor(-1).text == "#":
            continue  # '#1 form': a rank, not a figure
        # '100 percent' the NER missed; '$41bn'
        pct = t.like_num and t.i + 1 < len(t.doc) and t.nbor().lower_ in PERCENT_WORDS
        if (
            t.lower_ in MAGNITUDE_WORDS
            or pct
            or _abbreviated(t)
            or (t.like_num and t.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL", "PERCENT"))
        ):
            out.append(t)
    return out


_ABBREVIATED = re.compile(r"^\d[\d.,]*(?:bn|m|tn|k)$", re.IGNORECASE)


def _abbreviated(tok: Token) -> bool:
    """A figure written with its magnitude: '41bn', '$170m', '3.5tn'."""
    return _ABBREVIATED.match(tok.text) is not None


def is_statistic(span: Span, root: Token) -> bool:
    """A figure is the point of the unit: a percentage, a share, a ratio, a large count
    that is the subject or object of the clause, or a pile of figures. A sum or a small
    count in passing ('the debt, at $18 trillion, ...', 'hacked 40 accounts') serves the
    author's own point, and a figure under a modal ('Congress must spend $20 million',
    'it could reach 60 percent') is a demand or a forecast. A denied modal keeps a
    percentage ('they cannot spend 30% of it on audits' still gives the share)."""
    ents = {t.ent_type_ for t in span if t.ent_type_}
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in root.children)
    if modal:
        return False  # 'it could reach 60 percent': a forecast or a demand
    if "PERCENT" in ents or any(t.lower_ in PERCENT_WORDS for t in span):
        percents = [t for t in span if t.ent_type_ == "PERCENT" or t.lower_ in PERCENT_WORDS]
        if all(_framing(t, root) for t in percents):
            return False  # 'With 1% of the world's people, we built ...': the claim's frame
        return bool(numbers(span)) or "PERCENT" in ents
    if modal:
        return False  # 'we cannot spend $20 million': not a figure given as such
    counted = numbers(span)
    ranked = any(
        t.ent_type_ == "ORDINAL" and t.i + 1 < span.end and t.nbor().tag_ == "JJS" for t in span
    )
    share = any(_share(t) for t in span) or _partitive(root)
    if ranked or share:
        return True  # 'the third largest producer', 'two-thirds of the navy'
    if any(_multiple(t, root) for t in span):
        return True  # 'raising almost double that of France'
    if not counted:
        return False
    if any(_ratio(t) for t in counted):
        return True  # '7.4 times more likely' compares figures
    big = any(
        (
            t.lower_ in MAGNITUDE_WORDS
            or (t.text.replace(",", "").isdigit() and len(t.text) > 3)
            or _abbreviated(t)
        )
        and _central(t, root)
        for t in counted
    )
    rate = any(_rate(t) for t in counted) and not _passing_rate(span, root)
    return big or len(counted) >= 3 or rate


def _other_predicate(root: Token, span: Span) -> bool:
    """The clause goes on to a coordinated predicate that gives no figure ('X runs on $5
    million a year and has only two inspectors abroad'): a sum in passing then serves a point
    the unit makes beyond it."""
    for conj in root.children:
        if (
            conj.dep_ != "conj"
            or conj.pos_ not in ("VERB", "AUX")
            or not span.start <= conj.i < span.end
        ):
            continue
        words = [t for t in conj.subtree if span.start <= t.i < span.end]
        if not any(t.ent_type_ == "MONEY" or t.lower_ in PERCENT_WORDS for t in words):
            return True
    return False


_PARTS = ("half", "third", "quarter", "fifth", "tenth")
_PLURAL_PARTS = frozenset(["thirds", "quarters", "fifths", "tenths"])


def _share(tok: Token) -> bool:
    """A share in words: 'two-thirds of the navy', 'half of Russians', 'a quarter of the
    budget', 'one in six men' (not 'the first half of 2014', a date)."""
    if tok.ent_type_ in ("DATE", "TIME"):
        return False
    if tok.lower_.endswith(("-thirds", "-quarters", "-fifths")):
        return True
    doc = tok.doc
    if tok.lower_ in _PLURAL_PARTS and tok.i > 0:
        # 'two thirds', and 'two-thirds' as the tokenizer splits it ('two', '-', 'thirds')
        count = doc[tok.i - 1]
        if count.text in ("-", "–") and tok.i > 1:
            count = doc[tok.i - 2]
        if count.like_num and count.ent_type_ not in ("DATE", "TIME"):
            return True
    if tok.i + 2 >= len(doc):
        return False
    nxt = doc[tok.i + 1]
    if tok.lower_ in _PARTS and nxt.lower_ == "of":
        before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
        return tok.lower_ == "half" or before in ("a", "one")
    return tok.like_num and nxt.lower_ == "in" and doc[tok.i + 2].like_num


def _partitive(root: Token) -> bool:
    """A part counted out of a counted whole: 'Of the 40 reactors, 12 are offline', 'of the 300
    applicants, only nine were hired'. The subject is a number, a fronted 'of' phrase counts
    the whole."""
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not subject.like_num or subject.ent_type_ in ("DATE", "TIME"):
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and c.i < subject.i
        and any(t.like_num and t.ent_type_ not in ("DATE", "TIME") for t in c.subtree)
        for c in root.children
    )


def _framing(tok: Token, root: Token) -> bool:
    """The figure stands in a prepositional phrase fronted before the clause's verb ('With 1%
    of the world's population, we ...'): it frames the assertion, it is not its point."""
    node = tok
    while node.head.i != node.i and node.head.i != root.i:
        node = node.head
    return node.dep_ == "prep" and node.i < root.i


def gives_figure(span: Span, root: Token) -> bool:
    """A denied modal over a share ('they cannot afford to spend 30% of it on audits'): the
    clause asserts what cannot be, and the share it names is a figure offered as well."""
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in root.children)
    denied = any(c.dep_ == "neg" for c in root.children)
    percents = [t for t in span if t.ent_type_ == "PERCENT"]
    if modal and denied and any(not _framing(t, root) for t in percents):
        return True
    # 'X runs on $5 million a year and has only two inspectors': the rate is a figure offered
    return not modal and _passing_rate(span, root)


def _passing_rate(span: Span, root: Token) -> bool:
    """A sum given as a rate in passing, in a clause that goes on to another predicate."""
    return any(_rate(t) and not _central(t, root) for t in numbers(span)) and _other_predicate(
        root, span
    )


#: what follows 'N times' when it multiplies an amount
_COMPARED = frozenset(
    ["more", "less", "fewer", "as", "the", "that", "what", "its", "their", "his", "her"]
)


def _how_often(tok: Token, root: Token) -> bool:
    return tok.dep_ == "advmod" and tok.head.i == root.i and tok.head.pos_ in ("VERB", "AUX")


def _multiple(tok: Token, root: Token) -> bool:
    """A multiple compared with another amount: 'almost double that of France', 'twice as
    many', 'half of all exports' as the object or complement of the clause."""
    if tok.lower_ not in MULTIPLE_WORDS:
        return False
    doc = tok.doc
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if after is not None and after.text in ("-", "–"):
        return False  # 'half-built', 'double-edged': part of a compound word
    # 'twice braved the threat', 'was attacked twice': how often, not how much
    if _how_often(tok, root) and (
        after is None or (after.lower_ not in _COMPARED and after.tag_ not in ("JJR", "RBR"))
    ):
        return False
    node = tok
    while (
        node.dep_ in ("advmod", "amod", "npadvmod", "quantmod", "nummod") and node.head.i != root.i
    ):
        node = node.head
    return node.head.i == root.i and node.dep_ in ("dobj", "attr", "npadvmod", "advmod", "nsubj")


def _rate(tok: Token) -> bool:
    """A sum given as a rate: '$200 million a year', '$6,000 per person'."""
    if tok.ent_type_ != "MONEY":
        return False
    rest = tok.doc[tok.i + 1 : tok.i + 4]
    return any(
        t.lower_ in ("a", "an", "per") and t.i + 1 < len(t.doc) and t.nbor().lemma_ in PER_UNITS
        for t in rest
    ) or any(t.lower_ == "annually" for t in rest)


def _ratio(tok: Token) -> bool:
    """A multiplier: 'three times more likely', '2.5 times the cost', 'four times a week';
    not a count of occurrences ('she was questioned six times', 'shot 12 times in a year')."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "times":
        return False
    if tok.i + 2 >= len(doc):
        return False
    after = doc[tok.i + 2]
    if after.tag_ in ("JJR", "RBR") or after.lower_ in _COMPARED:
        return True  # 'times more likely', 'times as many', 'times the cost'
    return (
        after.lower_ in ("a", "an", "per")
        and after.i + 1 < len(doc)
        and (after.nbor().lemma_ in PER_UNITS)
    )


def _central(tok: Token, root: Token) -> bool:
    """The number counts the subject or object of the clause, not something in passing."""
    noun = tok.head if tok.dep_ in ("nummod", "compound", "quantmod") else tok
    while noun.dep_ in ("nummod", "compound", "quantmod") and noun.head.i != noun.i:
        noun = noun.head
    return noun.head.i == root.i and noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "npadvmod")


def _data_source(span: Span) -> bool:
    return any(t.lemma_.lower() in DATA_SOURCES for t in span)


def _now_lived(root: Token) -> bool:
    """What is happening to the writer as they write, or has just happened: 'I am queuing at
    the border post', 'I have come back to the port' (not what they say or think about it)."""
    lemma = root.lemma_.lower()
    if lemma in ("be", "have", "become", "get") or lemma in CUE_VERBS:
        return False
    auxs = {c.lower_ for c in root.children if c.dep_ == "aux"}
    return (root.tag_ == "VBG" and bool(auxs & {"am", "'m"})) or (
        root.tag_ == "VBN" and bool(auxs & {"have", "'ve"})
    )


def _lived(root: Token) -> bool:
    """The writer tells what happened to them: 'I was very scared', 'I couldn't move', 'I am
    queuing at the border post'; not their stance ('I thought ...', 'I would argue ...'), what
    they could or would do ('I could afford to ...'), nor the present of a speech ('Today I
    update the House', 'I'm here to talk about ...')."""
    if not any(c.dep_ == "nsubj" and c.lower_ == "i" for c in root.children):
        return False
    if root.lemma_.lower() in MIND_VERBS:
        return False
    modals = [c for c in root.children if c.dep_ == "aux" and c.tag_ == "MD"]
    if not modals:
        return is_past(root) or _now_lived(root)
    denied = any(c.dep_ == "neg" for c in root.children)
    return denied and all(m.lower_ == "could" for m in modals)


def _example(span: Span, root: Token) -> str | None:
    """An anecdote: ``"example"`` for a specific happening narrated in the past or an explicit
    illustration, ``"example?"`` for past narration that only its neighbours can settle."""
    words = [t.lower_ for t in span if not t.is_punct and not t.is_space]
    for opener in EXAMPLE_OPENERS:
        if tuple(words[: len(opener)]) == opener:
            rest = words[len(opener) : len(opener) + 1]
            if (rest and rest[0] in ANNOUNCE_WORDS) or span.text.rstrip().endswith(":"):
                return None  # 'Consider what happened next.': the examples follow
            return "example"
    turn = bool(words) and words[0] in CONTRAST_OPENERS | CONCESSIVE_MARKS
    asked = sentence_of(span).text.rstrip(" \n\"'”’)").endswith("?")
    if _lived(root) and not turn and not asked:
        return "example"
    if turn:
        # 'But the reform did nothing for them', 'Although the talks were unprecedented':
        # the author's turn or concession, not a story
        return None
    if asked:
        return None  # 'Did the ban ever work?': a question argues, it does not narrate
    if not is_past(root):
        return "claim?"  # a claim, unless it narrates in the present (`_learned`)
    specific = any(
        t.ent_type_ in ("DATE", "PERSON", "GPE", "ORG", "TIME", "CARDINAL") for t in span
    )
    first = any(t.lower_ in ("i", "me", "my") for t in span)
    # 'the policy was a failure', 'it did not work': more often a judgement than a story
    judgement = root.lemma_ == "be" or any(c.dep_ in ("neg", "acomp") for c in root.children)
    if (specific or first) and not judgement:
        return "example~"  # an anecdote, unless it is a judgement with a date or name (`_learned`)
    return "example?"


def classify(span: Span, sent: Span, in_quote: bool = False) -> str:
    """The kind of one unit; ``in_quote``: its sentence continues a quotation."""
    root = clause_root(span)
    reported = in_quote or _reported(span)
    statistic = is_statistic(span, root)
    percent = any(t.ent_type_ == "PERCENT" for t in span)
    if statistic and (not reported or percent or _data_source(span)):
        return "statistic"
    if reported:
        return "testimony"
    return _learned(span, _example(span, root))


#: the learned judge settles what the rules leave open (`kg.extract.unit_model`); off, the
#: rules alone decide (for the cost figure in bench/)
LEARNED = True
#: how sure the model must be to make an anecdote of a present-tense unit the rules read as
#: a claim; None: never (at 0.7 it lost more author claims than it found anecdotes on Webis)
PROMOTE: float | None = None
#: below this, past narration the rules take for an anecdote for its date, name or first
#: person is the author's claim after all ('In 2019, Congress misread the threat'); None: never
DEMOTE: float | None = 0.3


def _learned(span: Span, rule: str | None) -> str:
    """The rules' reading, with the open cases settled by the unit model: past narration the
    rules cannot place (``example?``) is an anecdote when the model says so, else it waits for
    its neighbours (`_settle`); a present-tense unit (``claim?``) is an anecdote only when the
    model is sure ('A customs officer opens a crate and finds ...')."""
    if rule is None:
        return "claim"
    if rule == "example~":
        if DEMOTE is None or not LEARNED or _tells_speech(span):
            return "example"
        return "claim" if _p(span) < DEMOTE else "example"
    if rule not in ("example?", "claim?"):
        return rule
    if rule == "claim?":
        return "example" if PROMOTE is not None and LEARNED and _p(span) >= PROMOTE else "claim"
    if LEARNED and _p(span) >= load_unit_model().threshold:
        return "example"
    return rule


def _tells_speech(span: Span) -> bool:
    """'The senators warned that ...', 'Chairman X noted ...': narration of what someone
    said, as statements and releases tell it, is never the author's own claim; the model,
    trained on editorial units, is not asked."""
    return any(t.pos_ == "VERB" and t.lemma_.lower() in CUE_VERBS for t in span)


def _p(span: Span) -> float:
    return load_unit_model().probability(span)


def argument_units(doc: Doc) -> list[Unit]:
    """Every clause-sized unit of the doc with its kind, in text order (computed once per Doc:
    the author pattern and the evidence finders both read them)."""
    cached = doc.user_data.get("kg_argument_units")
    if cached is None:
        cached = doc.user_data["kg_argument_units"] = _argument_units(doc)
    return list(cached)


def _argument_units(doc: Doc) -> list[Unit]:
    units: list[Unit] = []
    open_quote = False  # a straight-quoted passage runs on from an earlier sentence
    for sent in doc.sents:
        if "\n" in doc_text(doc)[max(0, sent.start_char - 2) : sent.start_char]:
            open_quote = False
        marks = [ch for ch in sent.text if ch in _QUOTES]
        in_quote = open_quote
        open_quote = (open_quote + marks.count('"')) % 2 == 1 or ("“" in marks and marks[-1] == "“")
        for a, b in _pieces(sent):
            span = doc[a:b]
            if not any(t.is_alpha for t in span):
                continue
            start, end = _trim(doc, span.start_char, span.end_char)
            if end <= start:
                continue
            kind = classify(span, sent, in_quote)
            figure = kind == "claim" and gives_figure(span, clause_root(span))
            units.append(Unit(start, end, sent, kind, figure))
    for _ in range(2):  # a story runs on: settle twice so a chain of narration follows it
        units = [_settle(units, i) for i in range(len(units))]
    return [
        u if u.kind != "example?" else Unit(u.start, u.end, u.sent, "claim", u.gives_figure)
        for u in units
    ]


def _settle(units: list[Unit], i: int) -> Unit:
    """Past narration right after an anecdote in the same paragraph continues the story.
    Narration before one does not: it is more often the judgement the anecdote then
    illustrates ('The reform was a disaster. In 2010, ...')."""
    unit = units[i]
    if unit.kind != "example?" or i == 0 or units[i - 1].kind != "example":
        return unit
    if "\n\n" in doc_text(unit.sent.doc)[units[i - 1].start : unit.start]:
        return unit
    return Unit(unit.start, unit.end, unit.sent, "example")
