"""Content spans and stance on hand-built Docs: denial, negation, hedges, where content stops."""

from __future__ import annotations

import pytest

from kg.model import Claim
from tests.helpers.docs import extract_doc, make_doc

pytestmark = pytest.mark.spacy

CONTROLS = """
    {first}    NNP  PROPN  compound  2   -       B-PERSON{id}
    {last}     NNP  PROPN  nsubj     3   -       I-PERSON{id}
    {verb}     VBD  VERB   ROOT      0   {lemma}
    that       IN   SCONJ  mark      {head}
    the        DT   DET    det       7
    export     NN   NOUN   compound  7
    controls   NNS  NOUN   nsubj     {head}  control
    had        VBD  AUX    aux       {head}  have
    {negation}
    slowed     VBN  VERB   ccomp     3   slow
    Chinese    JJ   ADJ    amod      {research}  -  B-NORP
    research   NN   NOUN   dobj      {head}
    .          .    PUNCT  punct     3
"""


def controls(speaker: str, verb: str, *, negated: bool = False) -> Claim:
    """'<speaker> <verb> that the export controls had [not] slowed Chinese research.'"""
    first, last = speaker.split()
    lemma = {"said": "say", "denied": "deny"}[verb]
    head, research = (10, 12) if negated else (9, 11)
    rows = CONTROLS.format(
        first=first,
        last=last,
        verb=verb,
        lemma=lemma,
        head=head,
        research=research,
        id="#lin-jian" if speaker == "Lin Jian" else "",
        negation=f"not  RB  PART  neg  {head}" if negated else "",
    )
    not_ = "not " if negated else ""
    text = f"{speaker} {verb} that the export controls had {not_}slowed Chinese research."
    x = extract_doc(make_doc(text, rows))
    assert len(x.claims) == 1, [c.span.text for c in x.claims]
    return x.claims[0]


def test_a_denial_keeps_the_proposition_it_denies() -> None:
    said = controls("Ola Brandt", "said")
    denied = controls("Lin Jian", "denied")
    assert (said.stance, denied.stance) == ("asserts", "denies")
    assert (
        said.proposition == denied.proposition == "the export controls had slowed chinese research"
    )
    assert denied.speaker == "lin-jian" and denied.cue is not None and denied.cue.text == "denied"


def test_negated_content_is_a_denial_of_the_positive_proposition() -> None:
    negated = controls("Ola Brandt", "said", negated=True)
    assert negated.span.text == "the export controls had not slowed Chinese research"
    assert negated.stance == "denies"
    assert negated.proposition == controls("Ola Brandt", "said").proposition


def test_a_hedge_in_the_content_marks_the_claim_hedged() -> None:
    hedged = make_doc(
        "Analysts said that the ban will reportedly push buyers toward other suppliers.",
        """
        Analysts     NNS  NOUN   nsubj   2   analyst
        said         VBD  VERB   ROOT    0   say
        that         IN   SCONJ  mark    8
        the          DT   DET    det     5
        ban          NN   NOUN   nsubj   8
        will         MD   AUX    aux     8
        reportedly   RB   ADV    advmod  8
        push         VB   VERB   ccomp   2
        buyers       NNS  NOUN   dobj    8   buyer
        toward       IN   ADP    prep    8
        other        JJ   ADJ    amod    12
        suppliers    NNS  NOUN   pobj    10  supplier
        .            .    PUNCT  punct   2
        """,
    )
    plain = make_doc(
        "Analysts said that the ban will push buyers toward other suppliers.",
        """
        Analysts     NNS  NOUN   nsubj   2   analyst
        said         VBD  VERB   ROOT    0   say
        that         IN   SCONJ  mark    7
        the          DT   DET    det     5
        ban          NN   NOUN   nsubj   7
        will         MD   AUX    aux     7
        push         VB   VERB   ccomp   2
        buyers       NNS  NOUN   dobj    7   buyer
        toward       IN   ADP    prep    7
        other        JJ   ADJ    amod    11
        suppliers    NNS  NOUN   pobj    9   supplier
        .            .    PUNCT  punct   2
        """,
    )
    (h,) = extract_doc(hedged).claims
    (p,) = extract_doc(plain).claims
    assert (h.hedged, p.hedged) == (True, False)
    assert h.speaker == p.speaker == "analysts"


def test_content_stops_before_a_trailing_participle() -> None:
    doc = make_doc(
        "The ministry said that the rules would apply from March, citing security concerns.",
        """
        The        DT   DET    det       2
        ministry   NN   NOUN   nsubj     3
        said       VBD  VERB   ROOT      0   say
        that       IN   SCONJ  mark      8
        the        DT   DET    det       6
        rules      NNS  NOUN   nsubj     8   rule
        would      MD   AUX    aux       8
        apply      VB   VERB   ccomp     3
        from       IN   ADP    prep      8
        March      NNP  PROPN  pobj      9   -        B-DATE
        ,          ,    PUNCT  punct     8
        citing     VBG  VERB   advcl     8   cite
        security   NN   NOUN   compound  14
        concerns   NNS  NOUN   dobj      12  concern
        .          .    PUNCT  punct     3
        """,
    )
    (c,) = extract_doc(doc).claims
    assert c.span.text == "the rules would apply from March"
    assert c.claimer is not None and c.claimer.text == "The ministry"
    assert c.stance == "predicts"


def test_a_parenthetical_said_keeps_the_whole_sentence() -> None:
    doc = make_doc(
        "The rules, Ines Okafor said, will apply from March.",
        """
        The      DT   DET    det        2
        rules    NNS  NOUN   nsubj      9   rule
        ,        ,    PUNCT  punct      6
        Ines     NNP  PROPN  compound   5   -     B-PERSON
        Okafor   NNP  PROPN  nsubj      6   -     I-PERSON
        said     VBD  VERB   parataxis  9   say
        ,        ,    PUNCT  punct      6
        will     MD   AUX    aux        9
        apply    VB   VERB   ROOT       0
        from     IN   ADP    prep       9
        March    NNP  PROPN  pobj       10  -     B-DATE
        .        .    PUNCT  punct      9
        """,
    )
    (c,) = extract_doc(doc).claims
    assert c.span.text == "The rules, Ines Okafor said, will apply from March"
    assert c.pattern == "kg.content_first.v4" and c.speaker == "person/ines-okafor"
