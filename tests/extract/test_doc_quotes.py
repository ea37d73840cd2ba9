"""Quotations on hand-built Docs: runs broken by their attribution, speakers beside them, titles."""

from __future__ import annotations

import pytest

from tests.helpers.docs import extract_doc, make_doc

pytestmark = pytest.mark.spacy


def test_a_quotation_resumed_after_its_attribution_is_a_claim_of_the_same_speaker() -> None:
    doc = make_doc(
        '"The rules are clear," Ravi Sandhu said. "They will not change this year."',
        """
        "        ``   PUNCT  punct     10
        The      DT   DET    det       3
        rules    NNS  NOUN   nsubj     4   rule
        are      VBP  AUX    ccomp     10  be
        clear    JJ   ADJ    acomp     4
        ,        ,    PUNCT  punct     10
        "        ''   PUNCT  punct     10
        Ravi     NNP  PROPN  compound  9   -    B-PERSON
        Sandhu   NNP  PROPN  nsubj     10  -    I-PERSON
        said     VBD  VERB   ROOT      0   say
        .        .    PUNCT  punct     10
        "        ``   PUNCT  punct     16
        They     PRP  PRON   nsubj     16
        will     MD   AUX    aux       16
        not      RB   PART   neg       16
        change   VB   VERB   ROOT      0
        this     DT   DET    det       18  -    B-DATE
        year     NN   NOUN   npadvmod  16  -    I-DATE
        .        .    PUNCT  punct     16
        "        ''   PUNCT  punct     16
        """,
    )
    x = extract_doc(doc)
    # each sentence is a claim (issue 14); the second keeps the first one's speaker
    assert [c.span.text for c in x.claims] == [
        "The rules are clear",
        "They will not change this year",
    ]
    for c in x.claims:
        assert c.claimer is not None and c.claimer.text == "Ravi Sandhu"
        assert c.speaker == "person/ravi-sandhu"
    # a negated future is a prediction as written: the negation stays in the text it reads
    assert (x.claims[1].stance, x.claims[1].reading) == ("predicts", "")


def test_a_quotation_continued_by_a_pronoun_after_a_paragraph_break() -> None:
    doc = make_doc(
        'Mara Quentin spoke first.\n\n"We will appeal the ruling next week," she continued.',
        """
        Mara        NNP  PROPN  compound  2   -      B-PERSON
        Quentin     NNP  PROPN  nsubj     3   -      I-PERSON
        spoke       VBD  VERB   ROOT      0   speak
        first       RB   ADV    advmod    3   -      B-ORDINAL
        .           .    PUNCT  punct     3
        \\n\\n        _SP  SPACE  dep       5
        "           ``   PUNCT  punct     10
        We          PRP  PRON   nsubj     10
        will        MD   AUX    aux       10
        appeal      VB   VERB   ccomp     18
        the         DT   DET    det       12
        ruling      NN   NOUN   dobj      10
        next        JJ   ADJ    amod      14  -      B-DATE
        week        NN   NOUN   npadvmod  10  -      I-DATE
        ,           ,    PUNCT  punct     18
        "           ''   PUNCT  punct     18
        she         PRP  PRON   nsubj     18
        continued   VBD  VERB   ROOT      0   continue
        .           .    PUNCT  punct     18
        """,
    )
    assert next(s.text for s in doc.sents) == "Mara Quentin spoke first.\n\n"
    x = extract_doc(doc)
    assert [(c.span.text, c.pattern) for c in x.claims] == [
        ("We will appeal the ruling next week", "kg.quote.v4")
    ]
    (c,) = x.claims
    assert c.claimer is not None and c.claimer.text == "she"
    assert c.speaker == "person/mara-quentin" and c.stance == "predicts"
    assert c.cue is not None and c.cue.text == "continued"


def test_a_quoted_title_is_not_a_quotation() -> None:
    doc = make_doc(
        'The council screened the film "Silent Harbour" on Friday.',
        """
        The        DT   DET    det       2
        council    NN   NOUN   nsubj     3
        screened   VBD  VERB   ROOT      0   screen
        the        DT   DET    det       5
        film       NN   NOUN   dobj      3
        "          ``   PUNCT  punct     8
        Silent     NNP  PROPN  compound  8   -    B-WORK_OF_ART
        Harbour    NNP  PROPN  appos     5   -    I-WORK_OF_ART
        "          ''   PUNCT  punct     3
        on         IN   ADP    prep      3
        Friday     NNP  PROPN  pobj      10  -    B-DATE
        .          .    PUNCT  punct     3
        """,
    )
    assert extract_doc(doc).claims == ()
