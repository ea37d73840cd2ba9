"""Actor mentions on hand-built Docs: which entities become actors, trimmed how, one per person.

The entity layer is given by hand, so each test says exactly which spans the NER marked.
"""

from __future__ import annotations

import pytest

from tests.helpers.docs import extract_doc, make_doc

pytestmark = pytest.mark.spacy


def test_a_leading_the_and_a_possessive_are_trimmed_from_the_mention() -> None:
    doc = make_doc(
        "The Harbour Ledger's editor said that the port would close.",
        """
        The       DT   DET    det       3   -   B-ORG
        Harbour   NNP  PROPN  compound  3   -   I-ORG
        Ledger    NNP  PROPN  poss      5   -   I-ORG
        's        POS  PART   case      3   -   I-ORG
        editor    NN   NOUN   nsubj     6
        said      VBD  VERB   ROOT      0   say
        that      IN   SCONJ  mark      11
        the       DT   DET    det       9
        port      NN   NOUN   nsubj     11
        would     MD   AUX    aux       11
        close     VB   VERB   ccomp     6
        .         .    PUNCT  punct     6
        """,
    )
    x = extract_doc(doc)
    assert [(m.text, m.start, m.end) for m in x.mentions] == [("Harbour Ledger", 4, 18)]
    assert [(a.id, a.kind) for a in x.actors] == [("organization/harbour-ledger", "organization")]


FIRMS = """
    Firms   NNS  NOUN   nsubj  5   firm
    that    WDT  PRON   nsubj  3
    use     VBP  VERB   relcl  1
    {term}  NNP  PROPN  dobj   3   -   B-ORG
    said    VBD  VERB   ROOT   0   say
    that    IN   SCONJ  mark   9
    their   PRP$ PRON   poss   8
    costs   NNS  NOUN   nsubj  9   cost
    fell    VBD  VERB   ccomp  5   fall
    .       .    PUNCT  punct  5
"""


@pytest.mark.parametrize(("term", "actor"), [("AI", None), ("Quorra", "organization/quorra")])
def test_a_generic_term_the_ner_took_for_a_name_is_no_actor(term: str, actor: str | None) -> None:
    doc = make_doc(f"Firms that use {term} said that their costs fell.", FIRMS.format(term=term))
    x = extract_doc(doc)
    # ("Firms that use ..." speak: a group, mentioned where it speaks since issue 18)
    assert [m.actor_id for m in x.mentions if m.text == term] == ([actor] if actor else [])


@pytest.mark.parametrize(("end", "kept"), [("", False), (".", True)])
def test_an_entity_in_a_heading_is_no_actor(end: str, kept: bool) -> None:
    """A short line without a full stop is a heading, where the NER invents organisations."""
    doc = make_doc(
        f"Harbour Ledger Weekly{end}\n\nThe port said that it would close.",
        f"""
        Harbour   NNP  PROPN  compound  3   -   B-ORG
        Ledger    NNP  PROPN  compound  3   -   I-ORG
        Weekly    NNP  PROPN  ROOT      0   -   I-ORG
        {".  .  PUNCT  punct  3" if end else ""}
        \\n\\n      _SP  SPACE  dep       {4 if end else 3}
        The       DT   DET    det       {7 if end else 6}
        port      NN   NOUN   nsubj     {8 if end else 7}
        said      VBD  VERB   ROOT      0   say
        that      IN   SCONJ  mark      {12 if end else 11}
        it        PRP  PRON   nsubj     {12 if end else 11}
        would     MD   AUX    aux       {12 if end else 11}
        close     VB   VERB   ccomp     {8 if end else 7}
        .         .    PUNCT  punct     {8 if end else 7}
        """,
    )
    x = extract_doc(doc)
    assert [m.text for m in x.mentions] == (["Harbour Ledger Weekly"] if kept else [])


def test_a_surname_after_the_full_name_is_the_same_person() -> None:
    doc = make_doc(
        "Halvard Brennick said that prices would rise. Brennick added that wages would follow.",
        """
        Halvard    NNP  PROPN  compound  2   -      B-PERSON
        Brennick   NNP  PROPN  nsubj     3   -      I-PERSON
        said       VBD  VERB   ROOT      0   say
        that       IN   SCONJ  mark      7
        prices     NNS  NOUN   nsubj     7   price
        would      MD   AUX    aux       7
        rise       VB   VERB   ccomp     3
        .          .    PUNCT  punct     3
        Brennick   NNP  PROPN  nsubj     10  -      B-PERSON
        added      VBD  VERB   ROOT      0   add
        that       IN   SCONJ  mark      14
        wages      NNS  NOUN   nsubj     14  wage
        would      MD   AUX    aux       14
        follow     VB   VERB   ccomp     10
        .          .    PUNCT  punct     10
        """,
    )
    x = extract_doc(doc)
    assert [(m.text, m.actor_id) for m in x.mentions] == [
        ("Halvard Brennick", "person/halvard-brennick"),
        ("Brennick", "person/halvard-brennick"),
    ]
    assert [c.speaker for c in x.claims] == ["person/halvard-brennick"] * 2
    assert [a.id for a in x.actors] == ["person/halvard-brennick"]
