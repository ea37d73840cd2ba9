"""Which spans are claims: fragments, noun phrases, asides and questions are not (issue 14).

Sentences written for these tests; the real model parses them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from kg.model import Extraction
from tests.helpers.extraction import article, extract
from tests.helpers.extraction import run as run_plain

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.model


def run(nlp: Language, text: str, genre: str = "opinion") -> Extraction:
    return extract(article(text, genre), nlp)


def texts(x: Extraction) -> list[str]:
    return [c.span.text for c in x.claims]


# --- the author's clauses ------------------------------------------------------------------------


def test_two_that_clauses_of_one_verb_are_one_claim(nlp: Language) -> None:
    x = run(
        nlp,
        "The agency must act quickly by ensuring that its rules cover every new chip and that "
        "smugglers cannot easily evade them.",
    )
    assert len(texts(x)) == 1
    assert "and that smugglers cannot easily evade them" in texts(x)[0]


def test_a_relative_clause_on_its_object_stays_with_its_clause(nlp: Language) -> None:
    x = run(
        nlp, "The fast spread of these tools creates serious dangers, which nobody should dismiss."
    )
    assert texts(x) == [
        "The fast spread of these tools creates serious dangers, which nobody should dismiss"
    ]


def test_a_noun_phrase_after_a_semicolon_is_no_claim(nlp: Language) -> None:
    x = run(
        nlp,
        "The rules rest on worries about rival efforts to build a closed supply chain; and "
        "rival fusion policies that seek to turn civilian research to military ends.",
    )
    assert not any(t.startswith("and rival fusion policies") for t in texts(x))


def test_a_fronted_time_clause_is_no_claim_of_its_own(nlp: Language) -> None:
    x = run(nlp, "Until the new law is fully in force, we will help firms prepare for its rules.")
    assert "Until the new law is fully in force" not in texts(x)
    assert any("we will help firms prepare" in t for t in texts(x))


# --- reported speech -----------------------------------------------------------------------------


def test_an_announced_measure_is_no_claim(nlp: Language) -> None:
    x = run_plain(
        nlp,
        "The ministry dropped the old licence rule on Monday, while announcing new steps to "
        "tighten controls on memory chips.",
    )
    assert not any("new steps to tighten" in t for t in texts(x))


def test_the_use_of_a_thing_as_something_is_no_judgement(nlp: Language) -> None:
    x = run_plain(
        nlp,
        "Two senators sent a letter to the minister condemning the cabinet's use of chip "
        "licences as bargaining leverage in the tariff talks.",
    )
    assert not any("bargaining leverage" in t for t in texts(x))


def test_an_announced_act_of_the_announcer_is_no_claim(nlp: Language) -> None:
    x = run_plain(nlp, "The governor announced on Friday that he signed the lease of the port.")
    assert not any("signed the lease" in t for t in texts(x))


def test_an_indirect_question_is_no_claim(nlp: Language) -> None:
    x = run_plain(
        nlp, "At lunch the minister leaned over and asked if I wanted to say a few words."
    )
    assert not any("say a few words" in t for t in texts(x))


def test_a_consequence_that_it_would_mean_has_no_speaker(nlp: Language) -> None:
    x = run(
        nlp,
        "To ban these tools now would not only help the largest firms, it would mean crippling "
        "a young industry.",
    )
    assert all(c.attribution == "author" for c in x.claims)
    assert len(x.claims) == 1


# --- quotations ----------------------------------------------------------------------------------


def test_a_question_put_to_the_witness_is_no_claim(nlp: Language) -> None:
    x = run_plain(
        nlp,
        "Senator Ada Brook asked the minister, “The old licences failed us. Can you explain to "
        "this committee why the new plan is better?”",
    )
    assert not any("Can you explain" in t for t in texts(x))
    assert any("The old licences failed us" in t for t in texts(x))


def test_an_editors_bracket_does_not_cut_a_quoted_sentence(nlp: Language) -> None:
    x = run_plain(
        nlp,
        "Senator Ada Brook said, “We used to fine a company and hope [the Treasury] would "
        "follow up with sanctions. That never worked.”",
    )
    assert any(t.startswith("We used to fine a company") and "sanctions" in t for t in texts(x))
    assert not any(t.startswith("[the Treasury]") for t in texts(x))


def test_a_quotation_is_not_also_cut_short_as_reported_speech(nlp: Language) -> None:
    x = run_plain(
        nlp,
        "“This review shows our resolve to protect workers, build stronger supply chains, and "
        "back new plants,” said Trade Minister Lena Ward.",
    )
    hits = [t for t in texts(x) if t.startswith("This review shows")]
    assert len(hits) == 1 and "back new plants" in hits[0]


def test_a_name_set_off_before_a_trailing_said_speaks_the_clause_before(nlp: Language) -> None:
    x = run_plain(
        nlp,
        "Speed and scale remain central to the navy's edge as it faces hard new threats "
        "at sea, Deputy Secretary of the Navy Laura Chen said today as she unveiled the "
        "department's new drone plan.",
    )
    hits = [c for c in x.claims if c.span.text.startswith("Speed and scale remain")]
    assert len(hits) == 1
    assert hits[0].span.text.endswith("threats at sea")
    assert hits[0].claimer is not None and hits[0].claimer.text == "Laura Chen"


def test_a_letter_quoted_over_paragraphs_in_straight_marks_is_quoted(nlp: Language) -> None:
    x = run_plain(
        nlp,
        "Two senators wrote to the minister on Monday. The senators write:\n\n"
        '"For a decade the export rules kept our lead in chips safe.\n\n'
        '"This decision will weaken that lead and hurt our national security. The new fee '
        "is likely unlawful as well.\n\n"
        '"We ask you to reverse it."\n',
    )
    for start in ("This decision will weaken that lead", "The new fee is likely unlawful"):
        hits = [c for c in x.claims if c.span.text.startswith(start)]
        assert hits and hits[0].pattern.startswith("kg.quote"), [
            (c.pattern, c.span.text) for c in x.claims
        ]


def test_a_quoted_sentence_telling_an_announced_act_is_no_claim(nlp: Language) -> None:
    x = run_plain(
        nlp,
        "Senator Ada Brook wrote to the governor on Monday.\n\n"
        '"Only a day after the warning, the governor announced that he signed the lease of '
        'the port. This choice will weaken our security."',
    )
    assert not any("announced that he signed" in t for t in texts(x))
    assert any(t.startswith("This choice will weaken our security") for t in texts(x))


# --- what a speaker does is no claim -----------------------------------------------------------


def test_the_speakers_own_act_coordinated_after_a_quoted_claim_is_left_out(nlp: Language) -> None:
    x = run_plain(
        nlp,
        '"Demand for advanced accelerators keeps rising, and we are opening a second licence office '
        "today to keep up with it,\" said Lena Marsh, the agency's director.",
    )
    assert "Demand for advanced accelerators keeps rising" in texts(x)
    assert not any("opening a second licence office" in t for t in texts(x))


def test_a_coordinated_clause_that_is_no_act_of_the_speaker_stays(nlp: Language) -> None:
    x = run_plain(
        nlp,
        '"Demand for advanced accelerators keeps rising, and we expect prices to climb further '
        "next year,\" said Lena Marsh, the agency's director.",
    )
    assert any("we expect prices to climb" in t for t in texts(x))


def test_a_teaser_that_announces_the_next_sentence_is_no_claim(nlp: Language) -> None:
    x = run(
        nlp,
        "The new licence rules slow exports of advanced chips. However, there is a catch in this "
        "arrangement. Smugglers now route orders through third countries.",
    )
    assert not any("there is a catch" in t for t in texts(x))
    assert any("Smugglers now route orders" in t for t in texts(x))


def test_a_thing_of_the_day_is_no_act_of_the_day(nlp: Language) -> None:
    x = run(
        nlp,
        "Today's agreement focuses the controls on the riskiest chips and gives exporters legal certainty. "
        "Today the ministry issued the new licence rules.",
        genre="statement",
    )
    assert any(t.startswith("Today's agreement focuses the controls") for t in texts(x))
    assert not any("issued the new licence rules" in t for t in texts(x))  # an event


# --- examples and evidence of a proposition --------------------------------------------------------


def test_examples_of_how_something_happens_put_that_forward(nlp: Language) -> None:
    x = run(
        nlp,
        "Senator Ruth Alvarez noted several examples of how Chinese buyers are obtaining "
        "restricted accelerators through resellers, such as a shipment seized in Malaysia.",
        genre="news",
    )
    assert texts(x) == ["Chinese buyers are obtaining restricted accelerators through resellers"], (
        texts(x)
    )
    assert x.claims[0].attribution == "reported"
    # the instances are the examples offered for it, not part of the claim
    assert any("shipment seized in Malaysia" in e.span.text for e in x.evidence)


def test_evidence_that_something_is_so_puts_that_forward_and_names_no_evidence(
    nlp: Language,
) -> None:
    x = run(
        nlp,
        "The trade ministry cited evidence that smuggling of advanced chips has grown since 2023.",
        genre="news",
    )
    assert texts(x) == ["smuggling of advanced chips has grown since 2023"], texts(x)
    assert not any(e.span.text.startswith("evidence") for e in x.evidence)


def test_examples_in_a_report_stay_an_object_not_a_claim(nlp: Language) -> None:
    x = run(nlp, "The senator noted the examples in the committee report.", genre="news")
    assert texts(x) == []


# --- indirect questions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The company declined to say whether it would build another chip for the Chinese market.",
        "A ministry spokesperson would not say when the new licensing rules would be published.",
        "Officials declined to say who would lead the review of the export regime.",
    ],
)
def test_a_question_left_open_is_no_claim(nlp: Language, sentence: str) -> None:
    assert texts(run(nlp, sentence, genre="news")) == []


def test_a_doubt_about_a_proposition_is_a_claim_that_questions_it(nlp: Language) -> None:
    x = run(
        nlp,
        "The trade ministry questioned whether the controls would slow Chinese research.",
        genre="news",
    )
    assert [(c.span.text, c.stance) for c in x.claims] == [
        ("whether the controls would slow Chinese research", "questions")
    ]


def test_a_reported_conditional_is_a_prediction_not_a_question(nlp: Language) -> None:
    x = run(nlp, "Wang Hao said if Beijing retaliates, memory prices will rise sharply.", "news")
    assert [(c.span.text, c.stance) for c in x.claims] == [
        ("if Beijing retaliates, memory prices will rise sharply", "predicts")
    ]


# --- a saying inside the same speaker's claim --------------------------------------------------------


def test_an_expectation_inside_the_speakers_own_claim_is_no_second_claim(nlp: Language) -> None:
    x = run(
        nlp,
        "Lumen Micro said in a filing that it did not expect the new licence terms to have a "
        "material effect on its quarterly revenue.",
        genre="news",
    )
    assert texts(x) == [
        "it did not expect the new licence terms to have a material effect on its quarterly revenue"
    ], texts(x)


def test_another_named_speaker_reported_inside_a_claim_keeps_both_levels(nlp: Language) -> None:
    x = run(
        nlp,
        "The Straits Ledger reported that customs officials said the seized servers held "
        "restricted accelerators.",
        genre="news",
    )
    assert "the seized servers held restricted accelerators" in texts(x), texts(x)
    assert len(texts(x)) == 2, texts(x)


def test_a_for_of_time_after_an_object_is_no_ground_of_a_judgement(nlp: Language) -> None:
    x = run(
        nlp,
        "People briefed on the plan said that the agency would accept written objections to the "
        "draft for 45 days before it took effect.",
        genre="news",
    )
    assert texts(x) == [
        "the agency would accept written objections to the draft for 45 days before it took effect"
    ], texts(x)


def test_two_reported_that_clauses_are_two_claims(nlp: Language) -> None:
    x = run(
        nlp,
        "A ministry spokesperson argued that Washington was turning trade into a weapon and that "
        "the new rules would disrupt the memory chip supply chain.",
        genre="news",
    )
    assert [(c.span.text, c.stance) for c in x.claims] == [
        ("Washington was turning trade into a weapon", "asserts"),
        ("the new rules would disrupt the memory chip supply chain", "predicts"),
    ]
    assert len({c.speaker for c in x.claims}) == 1


def test_one_that_with_two_coordinated_clauses_stays_one_claim(nlp: Language) -> None:
    x = run(nlp, "Dana Whitfield said that the rules will hold and prices will rise.", "news")
    assert texts(x) == ["the rules will hold and prices will rise"]


def test_a_reported_clause_the_parser_hung_on_a_noun_is_still_reported(nlp: Language) -> None:
    # the parser reads "briefing that ..." as a relative clause with "that" as its object
    x = run(
        nlp,
        "She told reporters at a regular briefing that the rules would harm companies in both "
        "countries and disrupt global supply chains.",
        genre="news",
    )
    assert texts(x) == [
        "the rules would harm companies in both countries and disrupt global supply chains"
    ], texts(x)


def test_a_relative_clause_with_its_gap_stays_no_claim(nlp: Language) -> None:
    x = run(nlp, "She told reporters about the chips that Nvidia sold to Chinese firms.", "news")
    assert not any("Nvidia sold" in t for t in texts(x)), texts(x)


# --- open questions ----------------------------------------------------------------------------------


def test_an_open_question_the_author_asks_is_no_claim(nlp: Language) -> None:
    x = run(
        nlp, "Beijing will keep buying accelerators. The real test is how fast its firms adapt."
    )
    assert texts(x) == ["Beijing will keep buying accelerators"], texts(x)


def test_an_open_question_in_a_quotation_is_no_claim_but_its_answer_is(nlp: Language) -> None:
    x = run(
        nlp,
        '"The question is not whether Europe will have its own models. The question is '
        'whether anyone will use them," Dalia Moreau said.',
        genre="news",
    )
    assert texts(x) == ["The question is not whether Europe will have its own models"], texts(x)


def test_a_figure_heading_somewhere_is_a_forecast_not_evidence(nlp: Language) -> None:
    x = run(
        nlp,
        "Mira Sato said that India remains a vital market for the firm. She told investors that "
        "the Indian market for data-centre chips was heading toward about $9 billion a year.",
        genre="news",
    )
    assert [c.stance for c in x.claims] == ["asserts", "predicts"], [
        (c.span.text, c.stance) for c in x.claims
    ]
    assert not x.evidence


# --- sentence ends and talk about the talk -------------------------------------------------------


def test_an_ellipsis_before_a_new_sentence_ends_the_quoted_claim(nlp: Language) -> None:
    x = run(
        nlp,
        '"Licensing decisions belong in Brussels, not Shanghai… It is time for ministers to say '
        'so plainly," the rapporteur said.',
        genre="news",
    )
    assert "Licensing decisions belong in Brussels, not Shanghai" in texts(x), texts(x)


def test_an_ellipsis_before_a_name_does_not_end_the_sentence(nlp: Language) -> None:
    x = run(nlp, '"The rules were meant to protect… Europe\'s chip makers," Ana Ruiz said.', "news")
    assert texts(x) == ["The rules were meant to protect… Europe's chip makers"], texts(x)


def test_talk_about_the_talk_in_a_quotation_is_no_claim(nlp: Language) -> None:
    x = run(
        nlp,
        '"You and I spoke about this licensing plan last spring. It has failed to stop the '
        'smugglers," the senator told the witness.',
        genre="news",
    )
    assert texts(x) == ["It has failed to stop the smugglers"], texts(x)


def test_every_sentence_of_a_quotation_said_by_an_unnamed_role_is_a_claim(nlp: Language) -> None:
    x = run(
        nlp,
        '"The audit found no smuggled servers. The rules are working," the inspector said.',
        genre="news",
    )
    assert texts(x) == ["The audit found no smuggled servers", "The rules are working"], texts(x)
    assert len({c.speaker for c in x.claims}) == 1


# --- "it" that speaks ------------------------------------------------------------------------------


def test_it_in_the_clause_a_body_reports_is_that_body(nlp: Language) -> None:
    x = run(
        nlp,
        "Lumen Micro said on Monday that it would sign the code, arguing that the code would make "
        "audits simpler.",
        genre="news",
    )
    assert [c.span.text for c in x.claims][-1] == "the code would make audits simpler"
    assert {c.speaker for c in x.claims} == {"organization/lumen-micro"}, [
        c.speaker for c in x.claims
    ]


def test_it_saying_something_after_a_body_did_something_is_that_body(nlp: Language) -> None:
    x = run(
        nlp,
        "The Ministry of Trade issued new guidance on Tuesday. It also warned exporters that "
        "reselling the chips could carry legal risk.",
        genre="news",
    )
    ministry = [a.id for a in x.actors if "ministry" in a.name.lower()]
    assert [c.speaker for c in x.claims] == ministry, ([c.speaker for c in x.claims], x.actors)


def test_it_for_a_rule_stays_unresolved(nlp: Language) -> None:
    x = run(nlp, "The rule took effect in May. It says that exporters must apply.", genre="news")
    assert [c.speaker for c in x.claims] == [None]


# --- what the review found too broad ------------------------------------------------------------------


def test_a_question_noun_with_a_verdict_and_a_condition_is_a_claim(nlp: Language) -> None:
    x = run(nlp, "Analysts said the issue is serious when exports rise.", genre="news")
    assert texts(x) == ["the issue is serious when exports rise"], texts(x)


def test_a_factive_verb_puts_its_how_clause_forward(nlp: Language) -> None:
    x = run(nlp, "Lumen Micro explained how rival firms evaded the export controls.", "news")
    assert [(c.attribution, c.stance) for c in x.claims] == [("reported", "asserts")]


def test_a_question_a_verb_of_checking_leaves_open_is_no_claim(nlp: Language) -> None:
    x = run(nlp, "The agency confirmed where the servers ended up.", "news")
    assert texts(x) == [], texts(x)


def test_a_claim_before_a_misparsed_second_saying_stays(nlp: Language) -> None:
    x = run(nlp, "Police said the suspect was shot twice and questioned six times.", "news")
    assert "the suspect was shot twice" in texts(x), texts(x)
