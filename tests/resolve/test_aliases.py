"""In-article resolution of names outside the gazetteer, on the real spaCy pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from kg.model import Article, Extraction
from kg.rdf.ontology import digest
from tests.helpers.extraction import extract

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.model


def art(text: str, key: str = "a") -> Article:
    return Article(key=key, text=text, sha256=digest(text, length=64), source=key)


def ids_for(x: Extraction, surface: str) -> set[str]:
    return {m.actor_id for m in x.mentions if m.text == surface}


def test_person_variants_are_one_actor(nlp: Language) -> None:
    x = extract(
        art(
            "Trade envoy Halvard Brennick said that the rules were fair. "
            "Later, Brennick said that talks would continue next month."
        ),
        nlp,
    )
    full, short = ids_for(x, "Halvard Brennick"), ids_for(x, "Brennick")
    assert full == short == {"person/halvard-brennick"}
    how = {m.how for m in x.mentions if m.text == "Brennick"}
    assert how == {"person name in article"}


def test_acronym_defined_in_text_is_the_long_form(nlp: Language) -> None:
    x = extract(
        art(
            "The Baltic Compute Alliance (BCA) published a report on Monday. "
            "The BCA said that demand for accelerators had doubled."
        ),
        nlp,
    )
    assert ids_for(x, "BCA") == ids_for(x, "Baltic Compute Alliance") != set()
    assert {m.how for m in x.mentions if m.text == "BCA"} == {"acronym defined in text"}


def test_same_new_name_in_two_articles_gets_one_iri(nlp: Language) -> None:
    a = extract(art("Halvard Brennick said that prices would rise.", "a"), nlp)
    b = extract(art("On Friday, Halvard Brennick said that prices would fall.", "b"), nlp)
    assert ids_for(a, "Halvard Brennick") == ids_for(b, "Halvard Brennick")


def test_ambiguous_surname_stays_separate(nlp: Language) -> None:
    x = extract(
        art(
            "Ines Varga said that exports rose. Tomas Varga said that imports fell. "
            "Varga said that the figures were preliminary."
        ),
        nlp,
    )
    full = ids_for(x, "Ines Varga") | ids_for(x, "Tomas Varga")
    assert len(full) == 2
    assert ids_for(x, "Varga") and not (ids_for(x, "Varga") & full)


def test_title_variant_resolves_to_gazetteer_person(nlp: Language) -> None:
    x = extract(art("Secretary Raimondo said that the rule would be revised."), nlp)
    assert "gina-raimondo" in {m.actor_id for m in x.mentions}
