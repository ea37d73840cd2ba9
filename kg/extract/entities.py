"""Named entities cleaned into actor names: what the statistical NER gets wrong in this domain.

The NER takes datelines ("NASHVILLE, TN —"), party tags ("R-WI-08"), fragments of titles
("Under Secretary of [Commerce for Industry and Security]", "the [Ranking] Member"),
demonyms ("American AI"), topics ("Synthetic Data") and modifiers of other nouns ("a
[Federal Register] notice") for names, and cuts names short ("House Foreign Affairs
[Subcommittee] on the Indo-Pacific"). `entity_name` reads the context of one entity and
returns the span that names an actor, or None; `entity_kind` types it from context first
(an apposition such as "a brokerage"), then from the name itself (kg.resolve.kinds), and
from the NER label last.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.extract.docs import doc_acronyms, doc_text, sentence_of
from kg.extract.lexicon import (
    APPOSITION_KINDS,
    DEMONYMS,
    NOT_ACTORS,
    PEOPLE_NOUNS,
    PLACE_NAMES,
    TERM_HEADS,
    TITLE_FRAGMENTS,
    TOPIC_NAMES,
    VENUE_NOUNS,
    WORKPLACE_KINDS,
)
from kg.resolve.kinds import ORG_HEADS, kind_from_name
from kg.resolve.names import TITLE_WORDS, lowercase_long_form

_BAD_ENT_CHARS = ("\n", "“", "”", '"', "—", "–")
#: "(R-WI-08)", "D-Mass.", "R-TN": a legislator's party and district, not a name
_PARTY_TAG = re.compile(r"^[RDI]-[A-Z][A-Za-z.]{1,5}(?:-\d{1,3})?$")
#: a dateline opening a paragraph: "NASHVILLE, TN—", "WASHINGTON, DC -", "Washington, D.C. –",
#: "BEIJING (Reuters) -"
_DATELINE = re.compile(
    r"[ \t]*[A-Z][A-Za-z.'’ ]{1,30}(?:,[ \t]*[A-Z][A-Za-z.]{0,12}(?:[ \t]+\d{1,2})?){0,2}[ \t]*"
    r"(?:\([^)\n]{1,40}\)[ \t]*)?(?:--|—|–|-)"
)
#: words a name may not start or end with (after trimming)
_EDGE_WORDS = frozenset(["of", "on", "the", "and", "for", "in", "at", "to", "&", "-", "a", "an"])
#: title heads whose "of X" names a portfolio, not an actor ("Secretary of Commerce")
_PORTFOLIO_TITLES = frozenset(["secretary", "minister", "undersecretary", "secretary-general"])
_CONNECTORS = frozenset(["of", "on", "the", "and", "for", "&"])
_MOTION = frozenset(["head", "travel", "fly", "go", "return", "arrive", "move", "come", "trip"])
#: verbs whose "at" names a target, not a place ("measures aimed at Beijing")
_AT_TARGET = frozenset(
    ["aim", "direct", "target", "point", "lash", "strike", "hit", "look", "jab", "swipe", "shoot"]
)
_LOCATIVE = frozenset(["in", "at", "near", "inside", "outside", "around", "across", "throughout"])
_TOPICS = frozenset(" ".join(words) for words in TOPIC_NAMES)
_PLACES = frozenset(" ".join(words) for words in PLACE_NAMES)


def paragraph_start(doc: Doc, char: int) -> int:
    """The character offset where the paragraph holding ``char`` starts."""
    return doc_text(doc).rfind("\n", 0, char) + 1


def in_dateline(span: Span) -> bool:
    """Whether ``span`` lies in the dateline opening its paragraph ("NASHVILLE, TN—...",
    "SHANGHAI, March 3 (Reuters) -")."""
    doc = span.doc
    start = paragraph_start(doc, span.start_char)
    if span.start_char - start > 40:
        return False
    m = _DATELINE.match(doc_text(doc), start)
    if m is None or span.start_char >= m.end():
        return False
    head = doc_text(doc)[start : m.end()]
    # a dateline is written in capitals or is "City, ST" / "City, D.C."; a sentence is not
    return any(w.isupper() and len(w) > 1 for w in re.findall(r"[A-Za-z.]+", head)) or ("," in head)


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article or lowercase word ("first", "119th") and trailing function words,
    possessives and punctuation."""
    while start < end and (
        doc[start].lower_ in ("the", "'s", "’s")
        or doc[start].lower_ in _EDGE_WORDS
        or (doc[start].is_lower and doc[start].is_alpha)
        or (doc[start].like_num and not doc[start].text[:1].isupper())
        or doc[start].is_punct
    ):
        start += 1
    while end > start and (
        doc[end - 1].lower_ in ("'s", "’s", "'", "’", ".", ",", ")", "(")
        or doc[end - 1].lower_ in _EDGE_WORDS
        or doc[end - 1].is_punct
    ):
        end -= 1
    return start, end


def _open_paren_cut(doc: Doc, start: int, end: int) -> int:
    """Where a name the NER ran into an unclosed parenthesis should end: "[American AI Exports
    Program (Program]", "[Artificial Intelligence (AI]" end before the "("."""
    depth, cut = 0, end
    for tok in doc[start:end]:
        if tok.text == "(":
            if depth == 0:
                cut = tok.i
            depth += 1
        elif tok.text == ")":
            depth = max(0, depth - 1)
    return cut if depth > 0 else end


#: endings of common nouns that a person's name never has ("Trustworthy [Development]" of an
#: order's title, "Digital [Transformation]" taken for a person)
_NOUN_ENDINGS = ("ment", "tion", "sion", "ness", "ism", "ology")


def _common_noun_person(span: Span) -> bool:
    return span.label_ == "PERSON" and any(
        len(t.text) > 6 and t.lower_.endswith(_NOUN_ENDINGS) for t in span
    )


def _titled_person(doc: Doc, start: int, end: int) -> Span | None:
    """'[Representatives Ines Varga]' taken for an organisation: titles, then a person's name
    of two or three capitalised words."""
    k = start
    while k < end and doc[k].lower_.strip(".") in TITLE_WORDS:
        k += 1
    rest = doc[k:end]
    if k == start or not 2 <= len(rest) <= 3 or not all(t.is_title and t.is_alpha for t in rest):
        return None
    if rest[-1].lower_ in ORG_HEADS or any(t.lower_ in TITLE_WORDS for t in rest):
        return None
    span = doc[k:end]
    span.label_ = "PERSON"
    return span


def _portfolio(doc: Doc, start: int) -> bool:
    """'Secretary of [Commerce]', 'Under Secretary of [Commerce for Industry and Security]'."""
    if start < 2 or doc[start - 1].lower_ != "of":
        return False
    return doc[start - 2].lower_ in _PORTFOLIO_TITLES


def _person_after_portfolio(span: Span) -> Span | None:
    """'[Defense Kathleen Hicks]' after 'Secretary of': the person named after the portfolio."""
    words = [t for t in span if t.is_alpha]
    if len(span) >= 3 and len(words) == len(span) and all(t.is_title for t in span[-2:]):
        return span[-2:]
    return None


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text or tok.like_num)


def _extended(doc: Doc, start: int, end: int) -> int:
    """A body's name runs on past where the NER stopped: "[House] Select Committee", "[Geneva
    Forum] on Digital Policy", "[Lakeshore Center for Technology] and Society", "Subcommittee
    on the Indo-Pacific". It does not take in a rule ("the Council on the AI Act") or another
    known name after "and"; "Committee on Banking, Housing, and Urban Affairs", cut at its
    commas by the NER, is left to the gazetteer."""
    sent_end = sentence_of(doc[start]).end
    # capitalised words up to an organisation head noun: "House" + "Select Committee"
    k = end
    while k < sent_end and doc[k].is_title and doc[k].is_alpha and not doc[k].ent_type_:
        k += 1
    if k > end and doc[k - 1].lower_ in ORG_HEADS:
        end = k
    body = doc[end - 1].lower_ in ORG_HEADS or any(
        t.lower_ in ("for", "of", "on") for t in doc[start:end]
    )
    while body and end < sent_end and doc[end].lower_ in ("on", "for", "of", "and", "&"):
        joiner = doc[end]
        k = end + 1
        if k < sent_end and doc[k].lower_ == "the" and joiner.lower_ != "and":
            k += 1
        if k >= sent_end or not _capitalised(doc[k]) or doc[k].ent_type_ == "LAW":
            break
        if doc[k].ent_id_ and joiner.lower_ in ("and", "&"):
            break
        while k < sent_end and (
            _capitalised(doc[k])
            or (doc[k].text == "-" and k + 1 < sent_end and _capitalised(doc[k + 1]))
        ):
            k += 1
        end = k
    return end


def _published_in(span: Span) -> bool:
    """'published in the [Federal Register]': a publication, not an actor."""
    root = span.root
    prep = root.head
    return (
        root.dep_ == "pobj"
        and prep.lower_ in ("in", "on")
        and prep.head.lemma_.lower() in ("publish", "print", "appear", "post", "list")
    )


def _modifies_common_noun(span: Span) -> bool:
    """'a [Federal Register] notice', 'the [Horizon Europe] programmes': the name modifies a
    common noun that is not a people noun, so the phrase is about that thing, not the name."""
    doc = span.doc
    if (
        span.start > 0
        and span.end < len(doc)
        and doc[span.start - 1].lower_ in ("a", "an")
        and doc[span.end].pos_ == "NOUN"
        and doc[span.end].is_lower
    ):
        head = doc[span.end]  # "a Federal Register notice", whatever the parser made of it
        return head.lemma_.lower() not in PEOPLE_NOUNS | frozenset(APPOSITION_KINDS)
    root = span.root
    head = root.head
    if root.dep_ not in ("compound", "nmod", "amod") or head.i < span.end or head.i == root.i:
        return False
    if head.pos_ != "NOUN" or head.i != span.end:
        return False
    lemma = head.lemma_.lower()
    return lemma not in PEOPLE_NOUNS and lemma not in APPOSITION_KINDS


def _title_fragment(span: Span) -> bool:
    """'Ranking' of 'Ranking Member', 'Madam' of 'Madam Deputy Speaker', 'Chairwoman'."""
    words = [t.lower_ for t in span if not t.is_punct]
    return bool(words) and all(w in TITLE_WORDS or w in TITLE_FRAGMENTS for w in words)


def _before_title(span: Span) -> bool:
    """'[House Foreign Affairs] Vice Ranking Member Gabe Amo': a name cut short before a title."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is None or not nxt.is_title:
        return False
    if nxt.lower_ not in TITLE_WORDS and nxt.lower_ not in TITLE_FRAGMENTS:
        return False
    return span[-1].lower_ not in ORG_HEADS


def _demonym_phrase(span: Span) -> bool:
    """'American AI', 'Emirati', 'Chinese': a demonym with nothing but generic words."""
    words = [t.text for t in span]
    return words[0] in DEMONYMS and all(w in NOT_ACTORS or w in DEMONYMS for w in words[1:])


def _topic(span: Span) -> bool:
    """'Synthetic Data', 'Mechanistic Interpretability': a field or technique, written in capitals
    (the list of topic names, or the same words in lower case elsewhere in the text)."""
    text = span.text
    if text.lower() in _TOPICS:
        return True
    if len(span) < 2 or not all(t.is_alpha for t in span):
        return False
    lower = text.lower()
    return re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", doc_text(span.doc)) is not None


def _appositive_noun(span: Span) -> Token | None:
    """The head noun of an apposition that describes the name ("Mechanistic Interpretability,
    a field dedicated to ...", "TechInsights, a research firm")."""
    root = span.root
    for child in root.children:
        if (
            child.dep_ == "appos"
            and child.pos_ == "NOUN"
            and child.i > span.end
            and any(c.lower_ in ("a", "an", "the") for c in child.lefts)
        ):
            return child
    return None


def _descriptor_noun(span: Span) -> Token | None:
    """The noun that says what a name is when it comes before it: "the research firm
    [TechInsights]", "a Chinese company called [Sophgo]", "suppliers, including [Dell] and
    Supermicro"."""
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "including Dell and [Supermicro]"
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < span.start:
        return head
    if root.dep_ == "oprd" and head.lemma_.lower() in ("call", "name") and head.dep_ == "acl":
        return head.head if head.head.pos_ == "NOUN" else None
    if root.dep_ == "pobj" and head.lower_ in ("including", "like") and head.head.pos_ == "NOUN":
        return head.head
    if (
        root.dep_ == "pobj"
        and head.lower_ == "as"
        and head.i > 0
        and span.doc[head.i - 1].lower_ == "such"  # "chipmakers such as [Nvidia]"
        and head.head.pos_ == "NOUN"
    ):
        return head.head
    return None


def hyphen_modifier(span: Span) -> bool:
    """'[Lisbon]-based fund', 'a [Beijing]-headquartered firm': a place where something is,
    written into one word with it."""
    doc = span.doc
    end = span.end
    return (
        end + 1 < len(doc)
        and doc[end].text in ("-", "‐", "‑")
        and doc[end].whitespace_ == ""
        and span[-1].whitespace_ == ""
        and doc[end + 1].lower_ in ("based", "headquartered", "born", "listed")
    )


def locative(span: Span) -> bool:
    """Whether the text only locates something at ``span``: "a conference in Beijing", "told
    reporters in Beijing", "the Paris summit", "visit Beijing" -- not "officials in Washington",
    "policy in Washington" or "a response from Beijing", where the place acts. A place after
    a verb ("decisions taken in Washington") is left to the state, too often political, unless
    the verb happens *at* it ("met at the White House")."""
    if hyphen_modifier(span):
        return True  # "a Lisbon-based fund"
    root = span.root
    head = root.head
    if root.dep_ == "dobj" and head.lemma_.lower() in ("visit", "tour"):
        return True
    if root.dep_ == "compound" and head.pos_ == "NOUN" and head.i == span.end:
        return head.lemma_.lower() in VENUE_NOUNS  # "the Paris summit"
    owner = head.head
    if root.dep_ == "pobj" and head.lower_ == "to" and owner.lemma_.lower() in _MOTION:
        return True  # "Huang heads to Beijing"
    if (
        root.dep_ == "pobj"
        and head.lower_ == "at"
        and owner.pos_ in ("VERB", "AUX")
        and owner.lemma_.lower() not in _AT_TARGET
    ):
        return True  # "met with President Trump at the White House", not "aimed at Beijing"
    if root.dep_ != "pobj" or head.lower_ not in _LOCATIVE:
        return False
    return owner.pos_ in ("NOUN", "PROPN") and owner.lemma_.lower() in VENUE_NOUNS


def longer_rule(ent: Span) -> Span | None:
    """A rule the gazetteer knows written inside a longer name: "GAIN [AI Act]", "the Baltic
    [Chip Security Act]" (capitalised words right before it, none of them known or a title)."""
    doc = ent.doc
    start = ent.start
    while start > 0:
        tok = doc[start - 1]
        if tok.ent_id_ or not (tok.is_title or tok.is_upper) or not tok.is_alpha:
            break
        if tok.lower_ in TITLE_WORDS or tok.lower_ in _EDGE_WORDS or tok.is_sent_start:
            break
        start -= 1
    if start == ent.start:
        return None
    span = doc[start : ent.end]
    span.label_ = "LAW"
    return span


def entity_name(ent: Span) -> Span | None:
    """The part of a statistical entity that names an actor, or None when it names none."""
    if any(c in ent.text for c in _BAD_ENT_CHARS) or len(ent.text) > 80:
        # "WASHINGTON - The": cut at the dash; a dateline is then dropped below
        cut = next((t.i for t in ent if t.text in ("-", "—", "–", "--")), None)
        if cut is None or cut == ent.start:
            return None
        ent = ent.doc[ent.start : cut]
    doc = ent.doc
    if _portfolio(doc, ent.start):
        person = _person_after_portfolio(ent)
        if person is None:
            return None
        span = doc[person.start : person.end]
        span.label_ = "PERSON"
        return span
    start, end = _trimmed(doc, ent.start, ent.end)
    if start >= end:
        return None
    titled = _titled_person(doc, start, end)
    if titled is not None:
        return titled
    if ent.label_ == "ORG":
        end = _extended(doc, start, end)
    cut = _open_paren_cut(doc, start, end)
    if cut < end:
        start, end = _trimmed(doc, start, cut)
        if start >= end:
            return None
    span = doc[start:end]
    span.label_ = ent.label_
    if _common_noun_person(span):
        if kind_from_name(span.text, "") not in ("company", "government_body", "organization"):
            return None
        span.label_ = "ORG"  # "Office of [Digital Development]": a body after all
    text = span.text
    if (
        text in NOT_ACTORS
        or text.removeprefix("the ").removeprefix("The ") in NOT_ACTORS  # 'the E.O.'
        or _term(span)
        or _PARTY_TAG.match(text)
        or in_dateline(span)
        or _title_fragment(span)
        or _demonym_phrase(span)
    ):
        return None
    if ent.label_ == "ORG" and (_before_title(span) or _topic(span) or _published_in(span)):
        return None
    if ent.label_ in ("ORG", "GPE") and _modifies_common_noun(span):
        return None
    appos = _appositive_noun(span)
    if (
        appos is not None
        and appos.lemma_.lower() not in APPOSITION_KINDS
        and appos.lemma_.lower() not in PEOPLE_NOUNS
        and ent.label_ != "PERSON"
    ):
        return None  # "Mechanistic Interpretability, a field dedicated to ..."
    return span


def _workplace_of(span: Span) -> str | None:
    """The kind of the body a name is when people work there: "analysts at [Bernstein]",
    "an economist with [Kestrel]" (kg.extract.lexicon WORKPLACE_KINDS)."""
    root = span.root
    head = root.head
    if root.dep_ != "pobj" or head.lower_ not in ("at", "with") or head.head.pos_ != "NOUN":
        return None
    kinds = WORKPLACE_KINDS.get(head.head.lemma_.lower())
    return kinds[0] if kinds else None


def entity_kind(span: Span, default: str) -> str:
    """The kind of a name the gazetteer does not know: an apposition that says what it is
    ("Pearl River Securities, a brokerage"), then the words of the name ("... Committee",
    "... Act"), then ``default`` (from the NER label)."""
    for noun in (_appositive_noun(span), _descriptor_noun(span)):
        kinds = APPOSITION_KINDS.get(noun.lemma_.lower()) if noun is not None else None
        if kinds:
            return kinds[0]
    if span.label_ == "GPE" and span.text.lower().removeprefix("the ") in _PLACES:
        return "place"  # "Texas", "Guangdong": a US state or a province is a place
    workplace = _workplace_of(span)
    if workplace is not None and not kind_from_name(span.text, ""):
        return workplace  # the name's own words first ("analysts at Danube Equity Research")
    if default == "person":
        # "[Fjordline Labs]" taken for a person, "[Order 14320]", "[Control List]": a body's or a
        # rule's head word outweighs the NER label
        kind = kind_from_name(span.text, default)
        return kind if kind in ("company", "government_body", "organization", "rule") else default
    return kind_from_name(span.text, default)


def _term(span: Span) -> bool:
    """A technical or regulatory term, not an actor: a name ending in a term's head word
    ("Export Control Classification Number", "Gallium Oxide"); an acronym the text defines
    for words in lower case ("semiconductor manufacturing equipment (SME)")."""
    if span.label_ != "ORG" or any(t.lower_ in ORG_HEADS for t in span):
        return False  # 'Rhode Island School of Design' names a body
    last = span[-1].lower_
    if last in TERM_HEADS or last.split("-")[-1] in TERM_HEADS:
        return True
    if len(span) != 1:
        return False
    text = doc_text(span.doc)
    long_form = doc_acronyms(span.doc).get(span.text)  # 'ECCN' for '... Number (ECCN)'
    if long_form is not None and long_form.split()[-1].lower() in TERM_HEADS:
        return True
    return lowercase_long_form(span.text, text) is not None
