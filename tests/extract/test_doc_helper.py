"""The hand-built Doc helper (tests/helpers/docs.py): it reads its tables strictly, and a Doc
rebuilt from the table of a real parse extracts exactly what the parse does."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from kg.ingest import read_path
from tests.helpers.docs import extract_doc, make_doc, table_of
from tests.helpers.paths import CORPUS

if TYPE_CHECKING:
    from spacy.language import Language

ROWS = """
    Nvidia  NNP  PROPN  nsubj  2  -    B-ORG#nvidia
    said    VBD  VERB   ROOT   0  say
    so      RB   ADV    advmod 2
    .       .    PUNCT  punct  2
    \\n\\n    _SP  SPACE  dep    4
    It      PRP  PRON   nsubj  7
    grew    VBD  VERB   ROOT   0  grow
    .       .    PUNCT  punct  7
"""


@pytest.mark.spacy
def test_rows_give_words_spaces_parse_lemmas_and_entities() -> None:
    doc = make_doc("Nvidia said so.\n\nIt grew.", ROWS)
    assert doc.text == "Nvidia said so.\n\nIt grew."
    assert [t.lemma_ for t in doc] == ["Nvidia", "say", "so", ".", "\n\n", "it", "grow", "."]
    assert [s.text for s in doc.sents] == ["Nvidia said so.\n\n", "It grew."]
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [("Nvidia", "ORG", "nvidia")]
    assert doc[0].head.text == "said" and doc[1].dep_ == "ROOT" and doc[5].head.text == "grew"
    assert make_doc(doc.text, table_of(doc)).to_json() == doc.to_json()


@pytest.mark.spacy
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Nvidia said so.\n\nIt grew!", "the text goes on|not next"),
        ("Nvidia  said so.\n\nIt grew.", "only one space"),
        ("Nvidia said no.\n\nIt grew.", "not next in the text"),
    ],
)
def test_rows_that_do_not_fit_the_text_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_doc(text, ROWS)


@pytest.mark.spacy
def test_an_inside_tag_must_continue_an_entity() -> None:
    with pytest.raises(ValueError, match="does not continue"):
        make_doc(
            "Nvidia said so.",
            "Nvidia NNP PROPN nsubj 2 - I-ORG\nsaid VBD VERB ROOT 0\n"
            "so RB ADV advmod 2\n. . PUNCT punct 2",
        )


@pytest.mark.parametrize(
    "text",
    [
        '"The ban is a mistake," said Pedro Alvarez, a trade lawyer.\n\nNvidia denied it.',
        "According to officials familiar with the talks, exports fell 40 percent last year.",
        read_path(sorted(CORPUS.glob("[0-9]*.md"))[0]).body,
    ],
    ids=["quotation", "according-to", "corpus-article"],
)
def test_a_doc_rebuilt_from_its_table_extracts_what_the_parse_does(
    nlp: Language, text: str
) -> None:
    from kg.extract import build_extraction
    from kg.ingest.text import parse_text

    parsed = nlp(text)
    article = parse_text(text, key="test", source="test", sha256="0" * 64)
    real = build_extraction(article, parsed, nlp)
    assert real.claims, "the text should hold claims for this test to mean something"
    rebuilt = extract_doc(make_doc(text, table_of(parsed)))
    assert replace(rebuilt, pipeline="") == replace(real, pipeline="")
