"""Actors an analyst can rely on (issue 18): no junk, the right kind, one node per entity.

Real-model tests on sentences written for them (names of people and bodies are invented
unless the gazetteer knows them).
"""

from __future__ import annotations

import pytest

from kg.model import Actor, Article, Extraction
from kg.rdf.ontology import digest
from tests.helpers.extraction import extract

pytestmark = pytest.mark.model


def run(nlp, text: str) -> Extraction:  # type: ignore[no-untyped-def]
    return extract(Article(key="t", text=text, sha256=digest(text, length=64), source="t"), nlp)


def names(x: Extraction) -> set[str]:
    return {a.name for a in x.actors}


def actor(x: Extraction, surface: str) -> Actor:
    """The actor of the mentions that hold a surface form of the text."""
    ids = {m.actor_id for m in x.mentions if surface in m.text}
    assert len(ids) == 1, (surface, ids)
    return next(a for a in x.actors if a.id in ids)


def speaker_of(x: Extraction, part: str) -> Actor | None:
    claim = next(c for c in x.claims if part in c.span.text)
    return next((a for a in x.actors if a.id == claim.speaker), None)


# --- junk out ---------------------------------------------------------------------------------


def test_dateline_and_party_tags_are_no_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "KNOXVILLE, TN — Senator Bill Hagerty (R-TN) said that the rules were too weak.\n\n"
        "Washington, D.C. – Representative Young Kim (R-CA-40) said that the rules would fail.",
    )
    assert not names(x) & {"KNOXVILLE", "TN", "R-TN", "R-CA-40", "D.C.", "Washington"}
    assert actor(x, "Bill Hagerty").kind == "person"


def test_portfolio_after_a_title_is_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "Under Secretary of Commerce for Industry and Security Alan Estevez said that the "
        "controls were working. Deputy Secretary of Defense Kathleen Hicks said that drones "
        "would arrive within two years.",
    )
    assert not any("Commerce for Industry" in n for n in names(x))
    assert actor(x, "Kathleen Hicks").kind == "person"


def test_unresolved_pronoun_leaves_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(nlp, "It said that the figures were wrong. They argued that prices would fall.")
    assert not {n.lower() for n in names(x)} & {"it", "they"}
    assert all(c.speaker is None for c in x.claims)


def test_demonyms_topics_and_modifiers_are_no_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "The plan will spread American AI technology abroad. Labs now train on Synthetic Data, "
        "and synthetic data is cheap. The agency will publish a Federal Register notice on "
        "Friday. Halvard Brennick pioneered Quantum Annealing, a field dedicated to hard "
        "optimisation problems.",
    )
    assert not names(x) & {
        "American AI",
        "Synthetic Data",
        "Federal Register",
        "Quantum Annealing",
    }


def test_titles_and_words_cut_from_names_are_no_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "The Ranking Member said that the sale was reckless. With your leave, Madam Deputy "
        "Speaker, I will now report to the House.",
    )
    assert not names(x) & {"Ranking", "Madam"}


# --- kinds ----------------------------------------------------------------------------------------


REGISTER_NOTICE = (
    "The Bureau of Industry and Security (BIS) is amending the Export Administration Regulations "
    "to implement Executive Order 14999 on Safe, Secure, and Trustworthy Development and Use of "
    "Quantum Computing. The rule adds controls under the Kestrel Quantum Exports Program "
    "(Program) and asks the National Telecommunications and Information Administration (NTIA) "
    "for comments. Officials at the NTIA said the controls would protect national security."
)


def test_regulatory_notices_give_whole_names_of_the_right_kind(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(nlp, REGISTER_NOTICE)
    # the name the text defines an acronym for is one actor, however the NER cut it, and the
    # acronym is of the kind the long form's words say
    ntia = actor(x, "NTIA")
    assert (ntia.name, ntia.kind) == (
        "National Telecommunications and Information Administration",
        "government_body",
    )
    assert "The Information" not in names(x)  # no outlet inside an agency's name
    assert not any("Telecommunications" in n for n in names(x) - {ntia.name})
    # an unclosed parenthesis is no part of a name; a title's common nouns are no person
    assert "Kestrel Quantum Exports Program" in names(x)
    assert not any("(" in n for n in names(x))
    assert not any(a.kind == "person" for a in x.actors), [(a.name, a.kind) for a in x.actors]
    assert speaker_of(x, "would protect national security") == ntia


def test_kind_from_apposition_then_name(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "Orrin Dahl, an analyst at Fjordline Capital, said that demand was falling. The Nordic "
        "Trade Oversight Committee said that exports had doubled. Under the Baltic Wafer "
        "Export Act, licences are required.",
    )
    assert actor(x, "Fjordline Capital").kind == "company"
    assert actor(x, "Nordic Trade Oversight Committee").kind == "government_body"
    assert actor(x, "Baltic Wafer Export Act").kind == "rule"


def test_kind_from_a_descriptor_before_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "Last year, the research firm Kestrelight found a die inside the processor. TSMC said "
        "that it had notified the customer, a Chinese company called Vornex, last week. The men "
        "misled suppliers, including Brellor Systems and Quintex, about the equipment.",
    )
    for name in ("Kestrelight", "Vornex", "Brellor Systems", "Quintex"):
        assert actor(x, name).kind == "company", name


def test_known_rule_inside_a_longer_name(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(nlp, "Under the Baltic Chip Security Act, exporters must keep records for a year.")
    assert actor(x, "Baltic Chip Security Act").kind == "rule"
    assert "chip-security-act" not in {a.id for a in x.actors}


def test_capital_is_a_place_where_it_only_locates(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "Beijing said that the controls would backfire. At a briefing in Beijing, a spokesperson "
        "said that talks would continue. Officials in Washington said that the rules would stay.",
    )
    kinds = {m.text: a.kind for a in x.actors for m in x.mentions if m.actor_id == a.id}
    by_start = sorted((m.start, m.actor_id) for m in x.mentions if m.text == "Beijing")
    assert [aid for _, aid in by_start] == ["china", "place/beijing"]
    assert kinds["Washington"] == "state"


def test_a_building_where_people_meet_is_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "The decision came days after Mara Oduya met with President Trump at the White House. "
        "The White House said that the rule would stay. The measures aimed at Beijing were "
        "tightened.",
    )
    by_start = sorted((m.start, m.actor_id) for m in x.mentions if m.text == "White House")
    assert [aid for _, aid in by_start] == ["place/white-house", "white-house"]
    assert actor(x, "Beijing").id == "china"


def test_the_council_beside_an_eu_institution_is_the_council_of_the_eu(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "Ministers welcomed the deal struck by the European Parliament and the Council on the "
        "Artificial Intelligence Act. The Council on Foreign Relations said that it was late.",
    )
    by_start = sorted((m.start, m.actor_id) for m in x.mentions if m.text.startswith("Council"))
    assert by_start[0][1] == "council-of-the-eu"
    assert actor(x, "Council on Foreign Relations").id != "council-of-the-eu"


def test_news_wire_forms(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "SHANGHAI, March 3 (Reuters) - China's commerce ministry said on Monday that it would "
        'add 15 firms to its control list. "We firmly oppose the measures," a ministry '
        "spokesperson told reporters. Analysts at Vantorell said that the curbs would hurt. "
        "The PRC's commerce ministry later told CNBC that talks would continue.",
    )
    ids = {a.id for a in x.actors}
    assert "shanghai" not in ids and "place/shanghai" not in ids  # the dateline city
    assert actor(x, "China's commerce ministry").id == "mofcom"
    assert actor(x, "PRC's commerce ministry").id == "mofcom"
    assert speaker_of(x, "We firmly oppose").id == "mofcom"  # type: ignore[union-attr]
    assert actor(x, "Vantorell").kind == "company"
    assert actor(x, "CNBC").id == "cnbc"


def test_us_states_cities_and_based_forms_are_places(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "Texas Gov. Mara Oduya banned the app on state devices. Officials in Austin said that "
        "other states would follow. Tomas Reyes, a manager at a Lisbon-based fund, said that "
        "Beijing-backed funds were buying.",
    )
    assert actor(x, "Texas").kind == "place"
    assert actor(x, "Austin").kind == "place"
    assert actor(x, "Lisbon").kind == "place"
    assert actor(x, "Beijing").id == "china"  # backed by Beijing: the state acts


def test_a_spokesperson_of_no_named_body_is_one_unnamed_person(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(nlp, "A spokesperson said that the licences would be reviewed within weeks.")
    speaker = speaker_of(x, "the licences would be reviewed")
    assert speaker is not None and speaker.kind == "anonymous"


def test_a_superlative_description_is_the_company_named_before(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "TSMC said on Thursday that it would build a third plant. The world's largest contract "
        "chipmaker said that demand for AI chips remained strong.",
    )
    assert speaker_of(x, "demand for AI chips").id == "tsmc"  # type: ignore[union-attr]
    assert [a.id for a in x.actors if a.kind == "company"] == ["tsmc"]


def test_unnamed_sources_are_anonymous_and_kept_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "Researchers at Fjordline Labs said that the model was unsafe. Researchers at Kestrel "
        "Works said that the model was safe. A person familiar with the talks said that a deal "
        "was close. The person said that it would be signed in May.",
    )
    a = speaker_of(x, "the model was unsafe")
    b = speaker_of(x, "the model was safe")
    assert a is not None and b is not None and a.id != b.id
    assert a.kind == b.kind == "anonymous"  # researchers at a lab do not speak for it
    first, second = speaker_of(x, "a deal was close"), speaker_of(x, "it would be signed")
    assert first is not None and first == second and first.kind == "anonymous"
    assert first.name.startswith("person familiar with the talks")


# --- one node per entity --------------------------------------------------------------------------


def test_descriptors_go_to_the_actor_the_text_named(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "The Baltic Wafer Export Act passed in May. The Act says that exporters must keep "
        "records. Nvidia published its annual report on Monday. The company's annual report "
        "said that sales in China fell.",
    )
    assert speaker_of(x, "exporters must keep records") == actor(x, "Baltic Wafer Export Act")
    nvidia = speaker_of(x, "sales in China fell")
    assert nvidia is not None and nvidia.id == "nvidia"


def test_people_named_together_then_the_lawmakers(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "Representatives Ines Varga and Tomas Holm wrote to the Commerce Department on Monday. "
        "The lawmakers said that the licences should be revoked.",
    )
    group = speaker_of(x, "the licences should be revoked")
    assert group is not None and group.kind == "group"
    assert group.name == "Ines Varga and Tomas Holm"


def test_every_speaker_is_mentioned(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(nlp, "Industry insiders said that the queue for licences was growing.")
    spoken = {c.speaker for c in x.claims if c.speaker}
    assert spoken and spoken <= {m.actor_id for m in x.mentions}


def test_the_trade_representative_by_its_full_title(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "The United States Trade Representative has determined that the subsidies are "
        "unreasonable and burden American commerce.",
    )
    assert speaker_of(x, "the subsidies are unreasonable").id == "ustr"
    assert "United States" not in names(x)


def test_the_public_and_an_order_s_abbreviation_are_no_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "The agency asked the public for comments on the E.O. and its effect on exports. "
        "The National Science Foundation said the grants would continue.",
    )
    assert not {"the public", "the E.O.", "The public"} & names(x), names(x)
    assert actor(x, "National Science Foundation").kind == "government_body"


def test_terms_a_notice_defines_are_no_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "The rule adds controls on semiconductor manufacturing equipment (SME) shipped to "
        "foundries in Macau. Exporters must find the Export Control Classification Number "
        "(ECCN) of each item, and the Data Center Validated End User program stays open. "
        "The Bureau of Industry and Security (BIS) will review licences.",
    )
    found = names(x)
    assert not {"SME", "ECCN", "Export Control Classification Number"} & found, found
    assert not any(n.endswith("End User") for n in found), found
    assert actor(x, "BIS").kind == "government_body"  # an acronym of a body stays one


def test_a_rule_the_text_abbreviates_is_no_claimer(nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        nlp,
        "The agency issued an interim final rule (IFR) on Monday. The IFR seeks to address "
        "concerns about diversion to third countries.",
    )
    assert not [c for c in (*x.claims, *x.attitudes) if c.claimer is not None], [
        (c.span.text, c.claimer) for c in (*x.claims, *x.attitudes)
    ]
    assert not any("IFR" in n for n in names(x)), names(x)
