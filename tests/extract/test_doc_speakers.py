"""Who speaks, on hand-built Docs: the parse is fixed here, so only kg's rules are under test.

Each Doc is the small pipeline's parse of the sentence (tests/helpers/docs.py), with the entity
layer corrected where the statistical NER errs and the test is about the rule, not the NER.
"""

from __future__ import annotations

import pytest

from kg.model import Claim, Extraction
from tests.helpers.docs import extract_doc, make_doc

pytestmark = pytest.mark.spacy


def only(x: Extraction) -> Claim:
    assert len(x.claims) == 1, [(c.pattern, c.span.text) for c in x.claims]
    return x.claims[0]


def claimer(c: Claim) -> str | None:
    return c.claimer.text if c.claimer else None


def test_a_named_speaker_before_a_that_clause() -> None:
    doc = make_doc(
        "Trade Minister Ola Brandt said that the new licences would slow chip exports.",
        """
        Trade      NNP  PROPN  compound  2
        Minister   NNP  PROPN  compound  4
        Ola        NNP  PROPN  compound  4   -        B-PERSON
        Brandt     NNP  PROPN  nsubj     5   -        I-PERSON
        said       VBD  VERB   ROOT      0   say
        that       IN   SCONJ  mark      11
        the        DT   DET    det       9
        new        JJ   ADJ    amod      9
        licences   NNS  NOUN   nsubj     11  licence
        would      MD   AUX    aux       11
        slow       VB   VERB   ccomp     5
        chip       NN   NOUN   compound  13
        exports    NNS  NOUN   dobj      11  export
        .          .    PUNCT  punct     5
        """,
    )
    c = only(extract_doc(doc))
    assert c.span.text == "the new licences would slow chip exports"
    assert claimer(c) == "Ola Brandt" and c.speaker == "person/ola-brandt"
    assert c.cue is not None and c.cue.text == "said"
    assert (c.pattern, c.stance, c.attribution) == ("kg.reported_speech.v5", "predicts", "reported")


PRONOUN_TEXT = "Ines Okafor toured the harbour on Monday. She said that the cranes were too old."
PRONOUN_ROWS = """
    Ines      NNPS  PROPN  compound  2   -      {ent}
    Okafor    NNP   PROPN  nsubj     3   -      {ent2}
    toured    VBD   VERB   ROOT      0   tour
    the       DT    DET    det       5
    harbour   NN    NOUN   dobj      3
    on        IN    ADP    prep      3
    Monday    NNP   PROPN  pobj      6   -      B-DATE
    .         .     PUNCT  punct     3
    She       PRP   PRON   nsubj     10
    said      VBD   VERB   ROOT      0   say
    that      IN    SCONJ  mark      14
    the       DT    DET    det       13
    cranes    NNS   NOUN   nsubj     14  crane
    were      VBD   AUX    ccomp     10  be
    too       RB    ADV    advmod    16
    old       JJ    ADJ    acomp     14
    .         .     PUNCT  punct     10
"""


def test_a_pronoun_speaks_for_the_last_person_named() -> None:
    doc = make_doc(PRONOUN_TEXT, PRONOUN_ROWS.format(ent="B-PERSON", ent2="I-PERSON"))
    c = only(extract_doc(doc))
    assert claimer(c) == "She" and c.speaker == "person/ines-okafor"


def test_a_pronoun_with_no_person_before_it_is_a_claimer_but_no_actor() -> None:
    """The small model tags "Ines Okafor" as a place: then nobody named can be "she". A
    pronoun is never an actor (issue 18): the claimer stands in the text, no one speaks."""
    doc = make_doc(PRONOUN_TEXT, PRONOUN_ROWS.format(ent="B-LOC", ent2="I-LOC"))
    x = extract_doc(doc)
    c = only(x)
    assert claimer(c) == "She" and c.speaker is None
    assert all(not a.id.endswith("-she") for a in x.actors)


def test_a_quotation_then_said_and_a_name() -> None:
    doc = make_doc(
        '"The tariffs will hurt farmers first," said Tomas Vell, a trade lawyer.',
        """
        "         ``   PUNCT  punct     10
        The       DT   DET    det       3
        tariffs   NNS  NOUN   nsubj     5   tariff
        will      MD   AUX    aux       5
        hurt      VB   VERB   ccomp     10
        farmers   NNS  NOUN   dobj      5   farmer
        first     RB   ADV    advmod    5   -       B-ORDINAL
        ,         ,    PUNCT  punct     10
        "         ''   PUNCT  punct     10
        said      VBD  VERB   ROOT      0   say
        Tomas     NNP  PROPN  compound  12  -       B-PERSON
        Vell      NNP  PROPN  nsubj     10  -       I-PERSON
        ,         ,    PUNCT  punct     12
        a         DT   DET    det       16
        trade     NN   NOUN   compound  16
        lawyer    NN   NOUN   appos     12
        .         .    PUNCT  punct     10
        """,
    )
    c = only(extract_doc(doc))
    assert c.span.text == "The tariffs will hurt farmers first"
    assert claimer(c) == "Tomas Vell" and c.speaker == "person/tomas-vell"


def test_unnamed_officials_are_an_anonymous_source() -> None:
    doc = make_doc(
        "Officials familiar with the talks said that the licence queue had grown.",
        """
        Officials  NNS  NOUN   nsubj     6   official
        familiar   JJ   ADJ    amod      1
        with       IN   ADP    prep      2
        the        DT   DET    det       5
        talks      NNS  NOUN   pobj      3   talk
        said       VBD  VERB   ROOT      0   say
        that       IN   SCONJ  mark      12
        the        DT   DET    det       10
        licence    NN   NOUN   compound  10
        queue      NN   NOUN   nsubj     12
        had        VBD  AUX    aux       12  have
        grown      VBN  VERB   ccomp     6   grow
        .          .    PUNCT  punct     6
        """,
    )
    x = extract_doc(doc)
    c = only(x)
    assert claimer(c) == "Officials familiar with the talks"
    assert [(a.id, a.kind) for a in x.actors] == [(c.speaker, "anonymous")]


@pytest.mark.parametrize(("name", "actor"), [("Nvidia", "nvidia"), ("Beijing", "china")])
def test_the_gazetteer_id_on_an_entity_names_the_speaker(name: str, actor: str) -> None:
    label = "ORG" if actor == "nvidia" else "GPE"
    doc = make_doc(
        f"{name} said that the new checks were unfair.",
        f"""
        {name}  NNP  PROPN  nsubj  2  -  B-{label}#{actor}
        said    VBD  VERB   ROOT   0  say
        that    IN   SCONJ  mark   7
        the     DT   DET    det    6
        new     JJ   ADJ    amod   6
        checks  NNS  NOUN   nsubj  7  check
        were    VBD  AUX    ccomp  2  be
        unfair  JJ   ADJ    acomp  7
        .       .    PUNCT  punct  2
        """,
    )
    x = extract_doc(doc)
    c = only(x)
    assert claimer(c) == name and c.speaker == actor
    assert [(m.text, m.actor_id) for m in x.mentions] == [(name, actor)]


def test_according_to_names_the_source_and_a_figure_in_the_claim_is_not_evidence() -> None:
    doc = make_doc(
        "According to Lena Hart, the new rules cover 140 firms.",
        """
        According  VBG  VERB   prep      9   accord
        to         IN   ADP    prep      1
        Lena       NNP  PROPN  compound  4   -      B-PERSON
        Hart       NNP  PROPN  pobj      2   -      I-PERSON
        ,          ,    PUNCT  punct     9
        the        DT   DET    det       8
        new        JJ   ADJ    amod      8
        rules      NNS  NOUN   nsubj     9   rule
        cover      VBP  VERB   ROOT      0
        140        CD   NUM    nummod    11  -      B-CARDINAL
        firms      NNS  NOUN   dobj      9   firm
        .          .    PUNCT  punct     9
        """,
    )
    x = extract_doc(doc)
    c = only(x)
    assert (c.span.text, c.pattern) == ("the new rules cover 140 firms", "kg.according_to.v1")
    assert claimer(c) == "Lena Hart" and c.cue is not None and c.cue.text == "According to"
    # the figure is part of what Lena Hart claims, not evidence she offers for it (issue 19)
    assert x.evidence == () and c.evidence == ()
