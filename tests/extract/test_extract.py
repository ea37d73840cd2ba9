"""Extraction patterns on short texts, with the real (small) spaCy pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from kg.model import Claim, Extraction
from tests.helpers.extraction import attitude_with, claim_with, run

if TYPE_CHECKING:
    from spacy.language import Language


def only(x: Extraction, pattern: str | None = None) -> Claim:
    claims = [c for c in x.claims if pattern is None or c.pattern == pattern]
    assert len(claims) == 1, [(c.pattern, c.span.text) for c in x.claims]
    return claims[0]


def only_attitude(x: Extraction):  # type: ignore[no-untyped-def]
    """The one attitude of an extraction that holds no claim."""
    assert x.claims == (), [(c.pattern, c.span.text) for c in x.claims]
    assert len(x.attitudes) == 1, [(c.pattern, c.span.text) for c in x.attitudes]
    assert x.attitudes[0].attribution == "attitude"
    return x.attitudes[0]


def test_reported_speech_speaker_first(nlp: Language) -> None:
    x = run(nlp, "Commerce Secretary Gina Raimondo said that the new rules would close loopholes.")
    c = only(x)
    assert c.span.text == "the new rules would close loopholes"
    assert c.claimer is not None and c.claimer.text.endswith("Gina Raimondo")
    assert c.speaker == "gina-raimondo"
    assert c.cue is not None and c.cue.text == "said"
    assert c.stance == "predicts"
    assert c.attribution == "reported"


def test_offsets_index_the_file_text(nlp: Language) -> None:
    x = run(
        nlp, "Nvidia warned that sales to China would fall sharply.", title="T", date="2024-01-02"
    )
    c = only(x)
    assert x.article.text[c.span.start : c.span.end] == c.span.text
    assert c.claimer and x.article.text[c.claimer.start : c.claimer.end] == "Nvidia"


def test_according_to(nlp: Language) -> None:
    x = run(nlp, "According to the Bureau of Industry and Security, the rule covers 140 entities.")
    c = only(x)
    assert c.span.text == "the rule covers 140 entities"
    assert c.speaker == "bis" or (c.claimer and "Bureau" in c.claimer.text)
    # the figure is the claim's own wording and the bureau its source: neither backs it
    assert x.evidence == () and c.evidence == ()


def test_quote_with_speaker_after(nlp: Language) -> None:
    x = run(
        nlp, '"The controls have failed to stop Chinese progress," said Lin Jian, a spokesperson.'
    )
    c = only(x)
    assert c.span.text == "The controls have failed to stop Chinese progress"
    assert c.claimer is not None and c.claimer.text == "Lin Jian"


def test_quote_with_speaker_in_previous_sentence(nlp: Language) -> None:
    text = (
        "Dario Amodei, chief executive of Anthropic, was blunt. "
        '"Export controls are working, and they must be tightened further."'
    )
    c = only(run(nlp, text))
    assert c.pattern == "kg.quote_prev_sentence.v3"
    assert c.claimer is not None and c.claimer.text == "Dario Amodei"


def test_denial_keeps_the_proposition(nlp: Language) -> None:
    a = only(run(nlp, "Alan Estevez said that export controls have slowed China's progress."))
    b = only(run(nlp, "Lin Jian denied that export controls have slowed China's progress."))
    assert (a.stance, b.stance) == ("asserts", "denies")
    assert a.proposition == b.proposition


def test_negated_claim_is_a_denial_of_the_positive_proposition(nlp: Language) -> None:
    a = only(run(nlp, "Kessler said that US sanctions have held back Huawei's chip production."))
    b = only(
        run(nlp, "Chen Hao said that US sanctions have not held back Huawei's chip production.")
    )
    assert b.stance == "denies"
    assert a.proposition == b.proposition


def test_pronoun_speaker_resolves_to_last_person(nlp: Language) -> None:
    text = "Gina Raimondo visited the plant on Monday. She said that the rules would be enforced."
    c = only(run(nlp, text))
    assert c.claimer is not None and c.claimer.text == "She"
    assert c.speaker is not None and "raimondo" in c.speaker


def test_anonymous_source(nlp: Language) -> None:
    x = run(
        nlp, "Officials familiar with the matter said that the talks had stalled over licences."
    )
    c = only(x)
    speaker = next(a for a in x.actors if a.id == c.speaker)
    assert speaker.kind == "anonymous"


def test_hedging(nlp: Language) -> None:
    c = only(run(nlp, "Analysts said that the ban could reportedly push buyers toward Huawei."))
    assert c.hedged


def test_author_claims_in_opinion_writing(nlp: Language) -> None:
    text = "Export controls are a blunt tool.\n\nWhy would anyone expect otherwise?\n\nA Heading\n"
    x = run(nlp, text, title="Op", author="Elena Vasquez", type="opinion")
    # a rhetorical question is the author's too, with stance "questions"; a heading is not
    assert [c.span.text for c in x.claims] == [
        "Export controls are a blunt tool",
        "Why would anyone expect otherwise?",
    ]
    c, q = x.claims
    assert c.attribution == "author" and c.speaker == "person/elena-vasquez"
    assert (c.stance, q.stance) == ("asserts", "questions")


def test_news_has_no_author_claims(nlp: Language) -> None:
    x = run(nlp, "Export controls are a blunt tool.", title="N", author="A B", type="news")
    assert x.claims == ()


@pytest.mark.spacy
def test_normalize_proposition() -> None:
    from kg.extract import normalize_proposition

    assert normalize_proposition(["China", "’s", "chips", "are", "n't", "ready", "."]) == (
        "china's chips aren't ready"
    )


# --- attribution patterns (issue 3): each on a short sentence written for the test ----------


def test_object_of_a_cue_verb_is_the_content(nlp: Language) -> None:
    # a noun phrase is no proposition: an attitude toward a thing, not a claim
    c = only_attitude(run(nlp, "Senator Maria Lopez criticized the new licensing regime for GPUs."))
    assert c.span.text == "the new licensing regime for GPUs"
    assert c.claimer is not None and c.claimer.text == "Maria Lopez"
    assert c.cue is not None and c.cue.text == "criticized"


def test_infinitive_complement_is_an_intention(nlp: Language) -> None:
    c = only_attitude(run(nlp, "Pedro Alvarez vowed to double domestic chip production by 2030."))
    assert c.span.text.startswith("to double domestic chip production")
    assert c.claimer is not None and c.claimer.text == "Pedro Alvarez"
    assert c.stance == "predicts" or c.stance == "asserts"


def test_topic_after_a_preposition(nlp: Language) -> None:
    c = only_attitude(run(nlp, "Pedro Alvarez warned of a glut in memory chips."))
    assert c.span.text == "a glut in memory chips"


def test_hearer_is_not_the_content(nlp: Language) -> None:
    x = run(nlp, "Pedro Alvarez told reporters that the licences would be reviewed yearly.")
    c = only(x)
    assert c.span.text == "the licences would be reviewed yearly"


def test_parenthetical_said_keeps_the_whole_sentence(nlp: Language) -> None:
    c = only(run(nlp, "The new rules, Pedro Alvarez said, will slow the smuggling of GPUs."))
    assert "will slow the smuggling of GPUs" in c.span.text
    assert c.claimer is not None and c.claimer.text == "Pedro Alvarez"


def test_subject_of_a_participle_is_the_claimer(nlp: Language) -> None:
    x = run(nlp, "Pedro Alvarez spoke for an hour on Monday, criticizing the new tariffs.")
    c = attitude_with(x, "the new tariffs")
    assert c.claimer is not None and c.claimer.text == "Pedro Alvarez"


def test_unknown_claimer_keeps_its_mention(nlp: Language) -> None:
    x = run(nlp, "The senator argued that the subsidy program had failed.")
    c = only(x)
    assert c.claimer is not None and c.claimer.text == "The senator"
    speaker = next(a for a in x.actors if a.id == c.speaker)
    assert speaker.kind == "person"


def test_inanimate_subject_is_not_a_claimer(nlp: Language) -> None:
    assert run(nlp, "The tariff could push buyers toward other suppliers.").claims == ()


def test_relative_pronoun_claimer(nlp: Language) -> None:
    x = run(nlp, "Pedro Alvarez, who said the plan would fail, left the meeting early.")
    c = claim_with(x, "the plan would fail")
    assert c.claimer is not None and c.claimer.text == "who"
    assert c.speaker is not None and "alvarez" in c.speaker


def test_nominal_cue_with_its_owner(nlp: Language) -> None:
    x = run(nlp, "Pedro Alvarez's call for tighter export controls drew applause.")
    c = only_attitude(x)
    assert c.span.text == "tighter export controls"
    assert c.claimer is not None and c.claimer.text == "Pedro Alvarez"
    assert c.pattern == "kg.nominal.v2"


def test_attitude_adjective(nlp: Language) -> None:
    x = run(nlp, "Pedro Alvarez was critical of the licensing regime.")
    c = only_attitude(x)
    assert c.span.text == "the licensing regime"
    assert c.claimer is not None and c.claimer.text == "Pedro Alvarez"


def test_colon_introduces_the_content(nlp: Language) -> None:
    x = run(nlp, "Pedro Alvarez added: the licences will be reviewed every single year.")
    c = only(x)
    assert c.span.text == "the licences will be reviewed every single year"


def test_transcript_turns(nlp: Language) -> None:
    text = "HOST: Do you think the ban on chip exports works?\n\nALVAREZ: It works well for now, and it will hold.\n"
    x = run(nlp, text)
    turns = [c for c in x.claims if c.pattern == "kg.speaker_turn.v2"]
    assert [c.claimer.text for c in turns if c.claimer] == ["HOST", "ALVAREZ"]
    assert turns[0].stance == "questions"
    assert len(x.claims) == 2, "a cue verb inside a turn is not a claim of its own"


def test_quote_then_dash_and_name(nlp: Language) -> None:
    text = "Readers wrote in.\n\n“Chips are the new oil of this century.” ― Maria Lopez\n"
    c = claim_with(run(nlp, text), "Chips are the new oil")
    assert c.claimer is not None and c.claimer.text == "Maria Lopez"


def test_quotation_resumed_in_a_new_sentence_is_a_claim_with_the_same_speaker(
    nlp: Language,
) -> None:
    text = "“The rules work as designed,” Pedro Alvarez said. “They will stay in place for years.”"
    x = run(nlp, text)
    assert [c.span.text for c in x.claims] == [
        "The rules work as designed",
        "They will stay in place for years",
    ]
    assert {c.claimer.text for c in x.claims if c.claimer} == {"Pedro Alvarez"}


def test_quotation_broken_inside_its_sentence_is_one_claim(nlp: Language) -> None:
    text = "“The rules,” Pedro Alvarez said, “will stay in place for years.”"
    c = only(run(nlp, text))
    assert c.span.text.startswith("The rules")
    assert c.span.text.endswith("will stay in place for years")


def test_continued_quotation_keeps_its_speaker(nlp: Language) -> None:
    text = (
        "Pedro Alvarez said the rules were working and would stay.\n\n"
        "“We have tested them for two years, and they hold up well.”"
    )
    c = claim_with(run(nlp, text), "We have tested them")
    assert c.speaker is not None and "alvarez" in c.speaker


def test_first_person_inside_a_quote_is_not_a_claimer(nlp: Language) -> None:
    text = "“I think the controls are working, and I know they hold,” Pedro Alvarez said."
    c = only(run(nlp, text))
    assert c.claimer is not None and c.claimer.text == "Pedro Alvarez"


def test_nested_attribution_keeps_both_levels(nlp: Language) -> None:
    x = run(nlp, "Reuters reported that officials said the talks had stalled over licences.")
    outer = claim_with(x, "officials said")
    inner = next(c for c in x.claims if c.span.text == "the talks had stalled over licences")
    assert outer.claimer is not None and outer.claimer.text == "Reuters"
    speaker = next(a for a in x.actors if a.id == inner.speaker)
    assert speaker.kind == "anonymous"


def test_passive_without_agent_has_no_claimer(nlp: Language) -> None:
    c = only(run(nlp, "Pedro Alvarez was accused of leaking the draft rules."))
    assert c.claimer is None
    assert c.span.text == "leaking the draft rules"


def test_speaker_in_the_sentence_after_a_closing_quote(nlp: Language) -> None:
    x = run(
        nlp, "“The export rules will hold for many years to come.” Pedro Alvarez said on Monday."
    )
    c = only(x)
    assert c.pattern == "kg.quote.v4"
    assert c.claimer is not None and c.claimer.text == "Pedro Alvarez"
    assert c.cue is not None and c.cue.text == "said"


def test_according_to_an_unnamed_source(nlp: Language) -> None:
    c = only(run(nlp, "According to customs statistics, chip imports rose sharply last year."))
    assert c.span.text == "chip imports rose sharply last year"
    assert c.claimer is not None and "statistics" in c.claimer.text


def test_quoted_title_is_not_a_quotation(nlp: Language) -> None:
    text = "Pedro Alvarez wrote a book. “The Long Road Back To Silicon Valley” sold well."
    assert [c.span.text for c in run(nlp, text).claims if c.pattern.startswith("kg.quote")] == []


def test_speaker_introduced_in_the_next_sentence(nlp: Language) -> None:
    text = (
        "“The controls have failed to stop progress in every way.” "
        "That was Lin Jian, a spokesperson, speaking on Monday."
    )
    c = only(run(nlp, text))
    assert c.pattern == "kg.quote_next_sentence.v2"
    assert c.claimer is not None and c.claimer.text == "Lin Jian"


def test_next_sentence_naming_someone_else_is_not_the_speaker(nlp: Language) -> None:
    text = (
        "“The controls have failed to stop progress in every way.” "
        "Lin Jian later said the talks would resume."
    )
    x = run(nlp, text)
    assert not [c for c in x.claims if c.pattern == "kg.quote_next_sentence.v2"]


def test_the_spokesperson_is_the_person_introduced_in_that_role(nlp: Language) -> None:
    text = (
        "The Ministry of Commerce held a briefing on Tuesday. Ministry spokesperson Hua Lanfen "
        "said that the new licences would be granted quickly.\n\n"
        "Senator Ruth Okafor criticised the plan in Washington.\n\n"
        "The spokesperson said that the ministry would publish guidance for exporters."
    )
    x = run(nlp, text)
    claim = next(c for c in x.claims if "publish guidance" in c.proposition)
    names = {a.id: a.name for a in x.actors}
    assert names[claim.speaker or ""] == "Hua Lanfen"  # not the senator mentioned last
    assert claim.claimer is not None and claim.claimer.text == "spokesperson"  # its own span


def test_the_spokesperson_of_an_unnamed_role_is_the_body_it_spoke_for(nlp: Language) -> None:
    text = (
        "A MOFCOM spokesperson said that the measures were lawful.\n\n"
        "The spokesperson said that China would protect the rights of its companies."
    )
    x = run(nlp, text)
    claim = next(c for c in x.claims if "protect the rights" in c.proposition)
    assert claim.speaker == "mofcom"


def test_quantifier_subject_is_a_group_claimer(nlp: Language) -> None:
    x = run(nlp, "Those close to the governor say that she will run again.")
    c = only(x)
    assert c.span.text == "she will run again"
    assert c.claimer is not None and c.claimer.text == "Those close to the governor"


def test_relative_quantifier_subject(nlp: Language) -> None:
    x = run(nlp, "The farmers, many of whom say the drought is getting worse, want help.")
    c = only(x)
    assert c.span.text == "the drought is getting worse"
    assert c.claimer is not None and c.claimer.text == "many of whom"


def test_called_with_predicate_parsed_as_compound(nlp: Language) -> None:
    x = run(nlp, "The mayor called the council members cowards.")
    c = only(x)
    assert c.span.text == "the council members cowards"
    assert c.claimer is not None and c.claimer.text == "The mayor"


def test_dateline_is_not_the_claimer(nlp: Language) -> None:
    text = (
        "WASHINGTON -- President Biden, opening a new library on Saturday, said it would "
        "tell a national story."
    )
    c = only(run(nlp, text))
    assert c.claimer is not None and c.claimer.text.endswith("Biden")


def test_subject_stops_at_its_verb(nlp: Language) -> None:
    text = (
        "A majority of voters expect Clinton to win the debate, 40 percent to Trump's 30 percent."
    )
    c = only(run(nlp, text))
    assert c.claimer is not None and c.claimer.text.startswith("A majority")


def test_quotation_broken_by_its_attribution_is_one_claim(nlp: Language) -> None:
    text = (
        '"The rain came too late for the wheat crop," the minister said, '
        '"and the harvest will be small this year."'
    )
    c = only(run(nlp, text))
    assert c.span.text.startswith("The rain came")
    assert c.span.text.endswith("small this year")
    assert c.claimer is not None and c.claimer.text == "the minister"


def test_a_second_cue_after_the_quotation_is_its_own_claim(nlp: Language) -> None:
    text = (
        '"The rain came too late for the wheat crop," the minister said, '
        "adding that the harvest would be small."
    )
    x = run(nlp, text)
    assert sorted(c.cue.text for c in x.claims if c.cue) == ["adding", "said"]


def test_dash_speaker_after_a_no_break_space(nlp: Language) -> None:
    text = (
        "Voters shared their views.\n\n"
        "“The new road has made my commute much shorter.” ― Maria Lopez\n\n"
        "“Nobody asked us before they built the road through the park.”\u00a0― Daniel Kim."
    )
    x = run(nlp, text)
    speakers = {c.span.text[:6]: c.claimer.text for c in x.claims if c.claimer}
    assert speakers == {"The ne": "Maria Lopez", "Nobody": "Daniel Kim"}


def test_same_content_keeps_the_claim_with_a_claimer(nlp: Language) -> None:
    c = only(run(nlp, "A clerk who takes a few dollars is held accountable, the senator said."))
    assert c.claimer is not None and c.claimer.text == "the senator"
    assert c.cue is not None and c.cue.text == "said"


def test_expletive_it_is_not_a_claimer(nlp: Language) -> None:
    for text in (
        "It is worth noting that the bridge was built in two years.",
        "Often, it appeared that the mayor was unable to answer.",
    ):
        c = only(run(nlp, text))
        assert c.claimer is None, text


def test_conjoined_cue_and_clause_on_the_subject(nlp: Language) -> None:
    text = (
        "The governor, speaking to farmers in Iowa, said he would order a review of the dams "
        "and warned against more cuts to the budget."
    )
    x = run(nlp, text)
    claimers = {c.cue.text: c.claimer.text for c in x.claims if c.cue and c.claimer}
    assert claimers["said"] == "The governor"
    # 'warned against more cuts': a noun phrase, so an attitude, with the same holder
    holders = {c.cue.text: c.claimer.text for c in x.attitudes if c.cue and c.claimer}
    assert holders["warned"] == "The governor"
