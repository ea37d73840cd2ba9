"""Attribution patterns of `kg.extract.claims` on short sentences written for these tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from kg.model import Claim, Extraction
from tests.helpers.extraction import attitude_with, claim_with, run

if TYPE_CHECKING:
    from spacy.language import Language


def texts(x: Extraction) -> list[str]:
    return [c.span.text for c in x.claims]


def claimer(c: Claim) -> str | None:
    return c.claimer.text if c.claimer else None


# --- quotations ----------------------------------------------------------------------------------


def test_doubled_apostrophe_quotation_may_hold_an_apostrophe(nlp: Language) -> None:
    x = run(nlp, "''Officials think it's over. It isn't,'' said Maria Lopez, a trade lawyer.")
    c = claim_with(x, "Officials think")
    # each sentence of a quotation is its own claim ('It isn't' alone is too short to be one)
    assert c.span.text == "Officials think it's over"
    assert claimer(c) == "Maria Lopez"
    # the verb inside the quotation is part of it, not a claim of "Officials"
    assert all(cl.cue is None or cl.cue.text != "think" for cl in x.claims)


def test_quotation_run_broken_by_a_long_apposition_keeps_its_speaker(nlp: Language) -> None:
    x = run(
        nlp,
        '"The ban is a mistake," said Pedro Alvarez, a trade lawyer who has advised chip firms '
        'in Taiwan for a decade. "It will hurt American companies first."',
    )
    c = claim_with(x, "The ban is a mistake")
    assert c.span.text == "The ban is a mistake"  # the next sentence is a claim of its own
    assert claimer(c) == "Pedro Alvarez"
    d = claim_with(x, "It will hurt American companies first")
    assert claimer(d) == "Pedro Alvarez" and d.stance == "predicts"


def test_paragraph_quotation_after_a_group_goes_to_the_named_person(nlp: Language) -> None:
    # a quotation is one voice: after 'witnesses agreed that ...' it is the senator's, who
    # leads the paragraph, not the witnesses'
    x = run(
        nlp,
        "Senator Jane Roe opened the hearing on Tuesday and questioned two trade officials. "
        "Under her questioning, witnesses agreed that the licensing system needs an overhaul."
        '\n\n"We keep selling our best machines to our rivals. That has to stop now."',
    )
    assert claimer(claim_with(x, "the licensing system needs")) == "witnesses"
    assert claimer(claim_with(x, "We keep selling our best machines")) == "Jane Roe"
    # with no person in the paragraph the group keeps it
    y = run(
        nlp,
        "Two trade officials testified on Tuesday. "
        "The officials agreed that the licensing system needs an overhaul."
        '\n\n"We keep selling our best machines to our rivals. That has to stop now."',
    )
    assert claimer(claim_with(y, "We keep selling our best machines")) == "The officials"


def test_quoted_nickname_does_not_shift_the_quotations(nlp: Language) -> None:
    x = run(
        nlp,
        '"Tonight belongs to the harbour workers," council member Ana "Nan" Ruiz told the hall. '
        '"We have to prove that we can deliver."',
    )
    c = claim_with(x, "Tonight belongs to the harbour workers")
    d = claim_with(x, "We have to prove that we can deliver")
    assert c.span.text == "Tonight belongs to the harbour workers"
    assert claimer(c) is not None and "Ruiz" in claimer(c)  # type: ignore[operator]
    assert claimer(d) == claimer(c)


def test_sloppy_quote_marks(nlp: Language) -> None:
    x = run(
        nlp,
        "Ines Okafor wrote to us.\n\n”The mayor is wrong about the port. He has no plan at all.”"
        " ― Ines Okafor",
    )
    c = claim_with(x, "The mayor is wrong about the port")
    d = claim_with(x, "He has no plan at all")
    assert c.span.text == "The mayor is wrong about the port"
    assert claimer(c) == claimer(d) == "Ines Okafor"


def test_quotation_verb_beside_a_quotation(nlp: Language) -> None:
    x = run(
        nlp,
        'Maria Lopez spoke first.\n\n"We will appeal the ruling next week," she continued.\n\n'
        '"The harbour has never been busier than this spring," the letter reads.',
    )
    assert claimer(claim_with(x, "We will appeal")) == "she"
    assert claimer(claim_with(x, "The harbour has never been busier")) == "the letter"


# --- transcripts, colons, headings ---------------------------------------------------------------


def test_quoted_transcript_turns(nlp: Language) -> None:
    x = run(
        nlp,
        '"HOST: Do you think the export rules will hold up in court next year?\n\n'
        '"LOPEZ: I think they will, because the statute is very clear on this point.',
    )
    c = claim_with(x, "I think they will")
    assert claimer(c) == "LOPEZ" and c.pattern == "kg.speaker_turn.v2"
    assert all(claimer(cl) != "I" for cl in x.claims)


def test_a_sentence_label_is_not_a_transcript_turn(nlp: Language) -> None:
    x = run(nlp, "Anger over fares: Commuters say the new tickets cost far too much.")
    c = claim_with(x, "the new tickets cost far too much")
    assert claimer(c) == "Commuters"


def test_colon_at_paragraph_end_introduces_the_next_paragraph(nlp: Language) -> None:
    x = run(
        nlp,
        "The Harbour Gazette reports:\n\nThe talks collapsed after the second day of meetings.",
    )
    c = claim_with(x, "The talks collapsed")
    assert claimer(c) is not None and "Harbour Gazette" in claimer(c)  # type: ignore[operator]


def test_inverted_said_with_colon(nlp: Language) -> None:
    x = run(nlp, 'The lawyers were blunt. Said Maria Lopez: "The rules will not last the year."')
    c = claim_with(x, "The rules will not last the year")
    assert claimer(c) == "Maria Lopez"


# --- what is not an attribution ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The video was released on Tuesday.",  # an act, passive, nobody named
        "The campaign raised $5 million in June.",  # a sum is not content
        "They found a way around the export rules.",  # no finding reported
        "The minister spoke to reporters in Geneva on Monday.",  # the hearer
        "She gave a lecture in Berlin, where she spoke last year.",  # a place
    ],
)
def test_acts_are_not_attributions(nlp: Language, text: str) -> None:
    assert texts(run(nlp, text)) == []


def test_a_study_finding_is_an_attribution(nlp: Language) -> None:
    c = claim_with(run(nlp, "The study found 12 leaks in the old pipes."), "12 leaks")
    assert claimer(c) == "The study"


def test_seeming_has_no_claimer_unless_it_is_saying(nlp: Language) -> None:
    x = run(nlp, "Maria Lopez seems to have left the talks for good.")
    assert claimer(attitude_with(x, "to have left the talks")) is None
    y = run(nlp, "Maria Lopez seemed to suggest that the talks would resume.")
    assert claimer(claim_with(y, "the talks would resume")) == "Maria Lopez"


def test_being_asked_borrows_no_claimer(nlp: Language) -> None:
    x = run(nlp, "Asked about the tariffs, the minister declined to comment on the plan.")
    assert claimer(attitude_with(x, "the tariffs")) is None


# --- claimers ------------------------------------------------------------------------------------


def test_issuer_of_a_statement_claims(nlp: Language) -> None:
    x = run(nlp, "Nvidia issued a statement calling the new rules unworkable.")
    assert claimer(claim_with(x, "the new rules unworkable")) == "Nvidia"


def test_speaker_at_an_occasion_claims(nlp: Language) -> None:
    x = run(
        nlp,
        "Ana Ruiz appeared at a press briefing explaining that her agency would audit the port.",
    )
    assert claimer(claim_with(x, "her agency would audit the port")) == "Ana Ruiz"


def test_participle_after_an_object_takes_the_object(nlp: Language) -> None:
    x = run(nlp, "The verdict left many dock workers feeling that the court was biased.")
    assert claimer(claim_with(x, "the court was biased")) == "many dock workers"


def test_second_said_keeps_the_first_subject(nlp: Language) -> None:
    x = run(
        nlp,
        "Port director Ana Ruiz said Friday that she thinks the ferry should be sold but said "
        '"the price is the problem."',
    )
    assert claimer(claim_with(x, "the price is the problem")) == "Ana Ruiz"
    assert "she thinks the ferry should be sold" in texts(x)  # without "but said ..."


def test_source_in_a_statement_or_a_poll(nlp: Language) -> None:
    x = run(nlp, "In a statement, port director Ana Ruiz sounded calmer about the strike.")
    c = claim_with(x, "sounded calmer")
    assert c.pattern == "kg.source_in.v1" and claimer(c) == "Ana Ruiz"
    y = run(nlp, "In the survey, two thirds of the dock workers earned less than last year.")
    assert claimer(claim_with(y, "earned less than last year")) == "the survey"


# --- content boundaries --------------------------------------------------------------------------


def test_content_stops_before_a_trailing_participle(nlp: Language) -> None:
    x = run(
        nlp,
        "The senator said the rules were too weak, arguing that chip firms would find ways "
        "around them.",
    )
    assert "the rules were too weak" in texts(x)
    assert claim_with(x, "chip firms would find ways").span.text.startswith("chip firms")


def test_judgement_keeps_its_ground(nlp: Language) -> None:
    x = run(nlp, "Maria Lopez mocked Pedro Alvarez for skipping the vote on the bill.")
    assert (
        claim_with(x, "Pedro Alvarez").span.text
        == "Pedro Alvarez for skipping the vote on the bill"
    )


def test_free_relative_is_the_object_of_a_judgement(nlp: Language) -> None:
    x = run(nlp, "Ana Ruiz denounced what she called a cynical raid on the pension fund.")
    c = attitude_with(x, "what she called")
    assert claimer(c) == "Ana Ruiz" and c.cue is not None and c.cue.text == "denounced"


def test_call_on_keeps_the_addressee(nlp: Language) -> None:
    x = run(nlp, "Maria Lopez called on Congress to pass the bill before the recess.")
    assert attitude_with(x, "to pass the bill").span.text.startswith("Congress")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "As several engineers have noted, the bridge can carry twice the load.",
            "the bridge can carry twice the load",
        ),
        (
            "As Ana Ruiz put it, the ferry is the slowest way to cross the bay.",
            "the ferry is the slowest way to cross the bay",
        ),
        (
            "The rules will not apply to small firms, as the minister noted.",
            "The rules will not apply to small firms",
        ),
    ],
)
def test_as_clause_of_saying(nlp: Language, text: str, content: str) -> None:
    c = claim_with(run(nlp, text), content)
    assert c.span.text == content and c.claimer is not None


def test_as_clause_of_anything_else_is_no_claim(nlp: Language) -> None:
    assert texts(run(nlp, "As she walked in, the crowd cheered loudly.")) == []


def test_possessive_owner_of_a_claim_noun(nlp: Language) -> None:
    x = run(nlp, "Pedro Alvarez spoke last. His claim that the rules would fail drew laughs.")
    c = claim_with(x, "the rules would fail")
    assert claimer(c) == "His" and c.speaker == "person/pedro-alvarez"


def test_possessive_owner_defers_to_the_subject_it_points_back_to(nlp: Language) -> None:
    x = run(nlp, "Ana Ruiz doubled down on her attacks on the ferry company.")
    assert claimer(attitude_with(x, "the ferry company")) == "Ana Ruiz"


def test_that_clause_hung_above_the_saying_verb(nlp: Language) -> None:
    x = run(
        nlp,
        "Ana Ruiz continues to claim, most recently in a long interview with Sky News, that she "
        "truly wants to keep the port.",
    )
    c = claim_with(x, "she truly wants to keep the port")
    assert claimer(c) == "Ana Ruiz" and c.cue is not None and c.cue.text == "claim"


def test_named_source_after_a_quotation_beats_the_sentence_before(nlp: Language) -> None:
    x = run(
        nlp,
        "Harbour officials have praised the new cranes, and a person close to the port board "
        'said that the budget had doubled.\n\n"The cranes will pay for themselves within a '
        'decade." The line came from Ines Okafor, a shipping analyst at Tidewater Research.',
    )
    c = claim_with(x, "The cranes will pay for themselves")
    assert claimer(c) == "Ines Okafor" and c.pattern == "kg.quote_next_sentence.v2"


def test_channel_is_not_the_topic(nlp: Language) -> None:
    x = run(nlp, "Ana Ruiz spoke to reporters on a conference call on Monday.")
    assert texts(x) == []


def test_time_object_is_not_the_subject_of_a_participle(nlp: Language) -> None:
    x = run(nlp, "Officials in Lisbon have spent months urging the port to cut its fees.")
    assert claimer(attitude_with(x, "to cut its fees")) is not None


# --- sources that are documents or figures ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "According to industry estimates, cloud providers bought half of the accelerators "
            "sold last year.",
            "industry estimates",
        ),
        ("The study found that smaller labs rent most of their compute abroad.", "The study"),
    ],
)
def test_a_document_or_figure_without_an_author_is_an_unnamed_source(
    nlp: Language, text: str, source: str
) -> None:
    x = run(nlp, text)
    c = x.claims[0]
    assert c.claimer is not None and c.claimer.text == source
    kinds = {a.id: a.kind for a in x.actors}
    assert kinds[c.speaker or ""] == "anonymous"  # not an organization named "industry estimates"


def test_a_named_body_behind_a_report_is_still_the_source(nlp: Language) -> None:
    x = run(nlp, "A Commerce Department report said that chip exports to the region tripled.")
    c = claim_with(x, "chip exports")
    kinds = {a.id: a.kind for a in x.actors}
    assert c.claimer is not None and kinds[c.speaker or ""] == "government_body"


# --- issue 14: quotations sentence by sentence, inverted and dateline speakers, stance pairs ------


def test_each_sentence_of_a_quotation_is_a_claim(nlp: Language) -> None:
    x = run(
        nlp,
        "“The port rules are failing. Shippers are moving their cargo to Rotterdam,” "
        "said Deputy Minister of Transport Lena Fischer.",
    )
    assert texts(x) == [
        "The port rules are failing",
        "Shippers are moving their cargo to Rotterdam",
    ]
    assert all("Lena Fischer" in (claimer(c) or "") for c in x.claims)


def test_a_mixed_case_dateline_is_no_speaker(nlp: Language) -> None:
    x = run(
        nlp,
        "Hamburg, Germany – Senator Lena Fischer released the following statement:\n\n"
        "“The port rules are failing the shippers who depend on them.”",
    )
    assert claimer(claim_with(x, "The port rules are failing")) == "Lena Fischer"


def test_a_second_negation_keeps_the_text_as_said(nlp: Language) -> None:
    x = run(nlp, "Lena Fischer said the port should not be run from Berlin, not from Brussels.")
    c = claim_with(x, "should not be run")
    assert c.stance == "asserts"  # denying 'should be run from Berlin, not from Brussels' misreads
    one = claim_with(run(nlp, "Lena Fischer said the port should not be run from Berlin."), "port")
    assert one.stance == "denies" and "not" not in one.proposition.split()
    assert one.reading == "the port should be run from Berlin"  # what it denies, as written
    assert c.reading == ""  # asserted: the text as written reads right
    short = run(nlp, "Lena Fischer said the tariff hasn't helped the port.")
    assert claim_with(short, "helped the port").reading == "the tariff has helped the port"


def test_a_negated_future_is_a_prediction_as_written(nlp: Language) -> None:
    # the modality of the content's own predicate decides: 'would not V' in reported speech
    # is a prediction, its negation kept in the text (it denies nothing)
    x = run(nlp, "Lena Fischer said the tariff wouldn't help the port.")
    c = claim_with(x, "help the port")
    assert (c.stance, c.reading) == ("predicts", "")
    y = run(nlp, "The harbour board said that the new fees will not change before 2030.")
    assert claim_with(y, "fees will not change").stance == "predicts"


def test_future_predicates_and_consequences_are_predictions(nlp: Language) -> None:
    said = "Lena Fischer said"
    cases = {
        f"{said} the port is likely to lose most of its traffic.": "likely to lose",
        f"{said} smaller harbours stand to gain the most from the closure.": "stand to gain",
        f"{said} the canal promises large savings for shipping firms.": "promises large",
        f"{said} the new fees could hurt the fishing fleet badly.": "could hurt",
        f"{said} the fleet did not expect the fees to have a large effect.": "did not expect",
        f"{said} the harbour expected to reopen the north quay in the spring.": "to reopen",
        '"There is always a backlog, and the ferries will add to it," Lena Fischer said.': (
            "ferries will"
        ),
    }
    for text, part in cases.items():
        assert claim_with(run(nlp, text), part).stance == "predicts", text


def test_past_ability_and_counterfactuals_are_not_predictions(nlp: Language) -> None:
    said = "Lena Fischer said"
    cases = {
        f"{said} the old rules would have ruined the fishing fleet.": "would have ruined",
        f"{said} the new cranes could lift twice the weight of the old ones.": "could lift",
    }
    for text, part in cases.items():
        assert claim_with(run(nlp, text), part).stance != "predicts", text


def test_expected_to_is_a_prediction(nlp: Language) -> None:
    x = run(nlp, "Lena Fischer said the new tariff is expected to double shipping costs.")
    assert claim_with(x, "expected to double").stance == "predicts"


def test_a_plan_revealed_is_no_claim_a_count_found_is(nlp: Language) -> None:
    x = run(nlp, "Lena Fischer revealed the strategy at a port conference in Hamburg.")
    assert not any("the strategy" in c.span.text for c in x.claims)
    y = run(nlp, "The study found 31 unsafe cranes in the port.")
    assert claim_with(y, "31 unsafe cranes").attribution == "reported"


def test_a_turn_s_thanks_are_no_claim_its_sentences_are_claims(nlp: Language) -> None:
    x = run(
        nlp,
        "FISCHER: Thank you for the kind welcome. The port rules are failing. "
        "Shippers are moving their cargo to Rotterdam.",
    )
    assert texts(x) == [
        "The port rules are failing",
        "Shippers are moving their cargo to Rotterdam",
    ]


@pytest.mark.parametrize(
    "text",
    [
        '"In light of this, we urge you to state publicly that the ferry rules will not change,"'
        " the senators wrote.",
        'Ms Quill said: "I ask my colleagues to back the ferry bill before the recess."',
    ],
)
def test_a_first_person_request_is_no_claim(nlp: Language, text: str) -> None:
    # 'we urge you to ...' asks; the proposition inside the request is nobody's claim
    assert run(nlp, text).claims == ()


def test_urging_reported_keeps_the_reported_claim(nlp: Language) -> None:
    x = run(nlp, "The senators urged the secretary to state that the rules will not change.")
    assert claimer(claim_with(x, "the rules will not change")) == "The senators"


def test_people_named_together_as_a_subject_speak_as_one_group(nlp: Language) -> None:
    x = run(
        nlp,
        "Senator Jane Miller and Senator David Clark wrote to the harbour board on Monday. "
        "Miller and Clark warned that the new fees would ruin the fishing fleet.\n\n"
        '"The board has ignored the fleet for a decade and the port is paying the price for '
        'it now," they wrote.',
    )
    c = claim_with(x, "the new fees would ruin")
    names = {a.id: a.name for a in x.actors}
    assert names[c.speaker or ""] == "Jane Miller and David Clark"
    assert claimer(c) == "Miller and Clark"
    # "they" just after the group spoke is that group
    assert claim_with(x, "The board has ignored the fleet").speaker == c.speaker


# --- lists a speaker announces ------------------------------------------------------------------

LISTED_FINDINGS = """The Nordic Trade Council finds the following:

**(1)**
Export licences for advanced accelerators have grown slower to obtain every year since 2029.

**(2)**
Smaller exporters carry most of the cost of that delay.

3. The licence backlog harms allied research programmes.

The council meets again in May to review the licence backlog and other matters.
"""


def test_each_item_of_an_announced_list_is_a_claim_of_the_announcer(nlp: Language) -> None:
    x = run(nlp, LISTED_FINDINGS)
    items = [c for c in x.claims if c.pattern == "kg.list_items.v1"]
    assert [c.span.text for c in items] == [
        "Export licences for advanced accelerators have grown slower to obtain every year since 2029",
        "Smaller exporters carry most of the cost of that delay",
        "The licence backlog harms allied research programmes",
    ]
    assert {claimer(c) for c in items} == {"Nordic Trade Council"}
    # the pointer is no claim, and prose after the list is not an item
    assert not any(c.span.text.lower().startswith("the following") for c in x.claims)
    assert not any("meets again" in c.span.text for c in items)


def test_a_colon_without_a_forward_pointer_announces_no_list(nlp: Language) -> None:
    x = run(nlp, LISTED_FINDINGS.replace("finds the following:", "met on Monday:"))
    assert not any(c.pattern == "kg.list_items.v1" for c in x.claims)


# --- what regulatory and legal texts hold that is not a claim ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # the name a law goes by, a place to read a draft, a provision: nobody reports anything
        "The statute may be cited as the Secure Compute Partnerships Act.",
        "The draft guidance can be found at https://example.gov/drafts/compute.pdf today.",
        "Installed compute shall be calculated as the peak number of operations per second.",
        # a verb of saying with a thing as its object acts on it ('is adding new licence
        # requirements'): the clause the parser hangs before it is not what it reports
        "In light of these risks, which the ministry has determined are serious, the ministry "
        "is adding new licence requirements for exports.",
    ],
)
def test_regulatory_sentences_are_not_attributions(nlp: Language, text: str) -> None:
    x = run(nlp, text)
    assert x.claims == (), [(c.pattern, c.span.text) for c in x.claims]


def test_a_passive_judgement_still_says_something_of_its_subject(nlp: Language) -> None:
    x = run(nlp, "The levy was described as unlawful by two trade lawyers in Geneva.")
    assert [c.span.text for c in x.claims] == ["The levy was described as unlawful"]


@pytest.mark.parametrize(
    "text",
    [
        'The changes follow a rule released by the bureau on May 2, "Controls on Advanced '
        'Memory Packaging Equipment," which tightened licensing.',
        "The agency is seeking comments on the order it will issue under Executive Order "
        '14999, "Promoting the Sale of American Cloud Services Abroad."',
    ],
)
def test_a_quoted_title_with_its_comma_inside_is_not_a_quotation(nlp: Language, text: str) -> None:
    x = run(nlp, text)
    assert x.claims == (), [(c.pattern, c.span.text) for c in x.claims]


def test_a_quoted_sentence_in_capitals_is_still_a_quotation(nlp: Language) -> None:
    y = run(nlp, '"We Will Not Back Down Now," the minister told reporters in Geneva.')
    assert [c.span.text for c in y.claims] == ["We Will Not Back Down Now"]


# --- states, perceptions and means are no sayings -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The harbour board found itself stuck between two rival port plans.",
        "Few traders saw the collapse coming until it was already in the papers.",
        "You will not win the trust of farmers by insisting that the new levy is painless.",
    ],
)
def test_states_perceptions_and_means_are_not_attributions(nlp: Language, text: str) -> None:
    x = run(nlp, text)
    assert [c for c in x.claims if c.attribution != "author"] == [], texts(x)


def test_a_source_showing_a_state_and_a_named_means_still_report(nlp: Language) -> None:
    poll = run(nlp, "The poll shows Clinton leading Trump by three points in Ohio.")
    assert texts(poll) == ["Clinton leading Trump by three points in Ohio"]
    said = run(nlp, "Kessler angered Beijing by saying that the controls were working.")
    assert claimer(claim_with(said, "the controls were working")) == "Kessler"


def test_a_saying_verb_whose_object_is_what_was_said_still_reports(nlp: Language) -> None:
    x = run(nlp, '"The export rules are failing," Kessler repeated the warning.')
    c = claim_with(x, "The export rules are failing")
    assert c.span.text == "The export rules are failing" and claimer(c) == "Kessler"
