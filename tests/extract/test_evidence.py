"""Evidence: each kind on short sentences written for these tests, linking, RDF and SHACL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.model import Article, Evidence, Extraction, Span
from kg.rdf.mapping import article_graphs
from kg.rdf.ontology import KG, SCHEMA, evidence_iri
from kg.resolve.gazetteer import Gazetteer
from tests.helpers.extraction import article, extract
from tests.helpers.shacl import full_validation

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.model


def run(nlp: Language, text: str, genre: str = "opinion") -> Extraction:
    return extract(article(text, genre), nlp)


def kinds(x: Extraction, kind: str) -> list[str]:
    return [e.span.text for e in x.evidence if e.kind == kind]


def supported_by(x: Extraction, snippet: str) -> list[str]:
    """Texts of the claims an evidence item containing ``snippet`` supports."""
    ev = next(e for e in x.evidence if snippet in e.span.text)
    return [c.span.text for c in x.claims if ev.id in c.evidence]


# --- kinds ---------------------------------------------------------------------------------------


def test_statistic_is_the_figure_with_what_it_counts(nlp: Language) -> None:
    x = run(
        nlp, "The curbs are working. In fact, exports of advanced chips fell 40% of their volume."
    )
    assert any("40% of their volume" in t for t in kinds(x, "statistic"))
    assert supported_by(x, "40%") == ["The curbs are working"]


def test_an_argument_unit_without_a_marker_backs_no_claim(nlp: Language) -> None:
    """No marker, no link: the figure stays evidence of the article, supporting nothing."""
    x = run(
        nlp,
        "Tariffs rarely work. The curbs are working. Exports of advanced chips fell 40% of their "
        "volume.",
    )
    assert any("40%" in t for t in kinds(x, "statistic"))
    assert supported_by(x, "40%") == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "Smuggling is the bigger hole. Officials familiar with the cases said that most servers "
        "pass through three countries.",
        "Smuggling is the bigger hole. The bureau runs on a budget of $90 million a year. "
        "Congress should pay for more inspectors.",
    ],
)
def test_a_paragraph_opened_by_a_claim_grounds_it(nlp: Language, paragraph: str) -> None:
    """A paragraph that opens with the author's claim and goes on with a testimony or a
    figure: the sentence right after the claim backs it."""
    x = run(nlp, paragraph)
    (ev,) = [e for e in x.evidence if e.kind in ("testimony", "statistic")]
    assert [c.span.text for c in x.claims if ev.id in c.evidence] == [
        "Smuggling is the bigger hole"
    ]


def test_a_figure_in_passing_is_not_a_statistic_in_opinion(nlp: Language) -> None:
    x = run(nlp, "The deaths of 3 people in the old case should shame the regulators.")
    assert kinds(x, "statistic") == []


def test_a_multiplier_is_a_statistic_in_opinion(nlp: Language) -> None:
    x = run(nlp, "Night nurses are 3.5 times more likely to quit than day nurses.")
    assert kinds(x, "statistic") == [
        "Night nurses are 3.5 times more likely to quit than day nurses"
    ]
    assert [c for c in x.claims if c.attribution == "author"] == []


def test_a_multiple_of_another_amount_is_a_statistic(nlp: Language) -> None:
    x = run(nlp, "Our small farms are exporting almost double that of the coastal regions.")
    assert len(kinds(x, "statistic")) == 1


def test_a_share_under_a_denied_modal_is_a_claim_and_a_statistic(nlp: Language) -> None:
    x = run(
        nlp, "Small councils cannot afford the luxury of spending 30% of their budget on audits."
    )
    (claim,) = [c for c in x.claims if c.attribution == "author"]
    assert "cannot afford" in claim.span.text
    (stat,) = [e for e in x.evidence if e.kind == "statistic"]
    assert stat.span.text == "30% of their budget"
    assert stat.id not in claim.evidence  # part of the claim, not evidence for it


def test_a_share_framing_the_clause_is_part_of_the_claim(nlp: Language) -> None:
    x = run(nlp, "With 2% of the world's farmland, we have built the fifth largest dairy trade.")
    assert kinds(x, "statistic") == []
    assert len([c for c in x.claims if c.attribution == "author"]) == 1


def test_a_cited_document_names_its_gazetteer_rule(nlp: Language) -> None:
    x = run(nlp, "Exporters now cite the AI Diffusion Rule in every filing.", genre="news")
    docs = [e for e in x.evidence if e.kind == "document"]
    assert docs and docs[0].entity == "ai-diffusion-rule"


def test_a_cited_event_names_the_chip(nlp: Language) -> None:
    x = run(
        nlp,
        "Traders said the curbs were working, pointing to the H100 export bans.",
        genre="news",
    )
    (event,) = [e for e in x.evidence if e.kind == "event"]
    assert event.span.text == "the H100 export bans" and event.entity == "h100"
    assert supported_by(x, "H100") == ["the curbs were working"]


def test_a_name_inside_a_claim_is_not_evidence(nlp: Language) -> None:
    x = run(
        nlp,
        "Rivals such as Brightwell and Quarry Ltd now sell chips like the H100 in 27 markets.",
        genre="news",
    )
    assert x.evidence == ()


def test_testimony_backs_the_author_claim_not_itself(nlp: Language) -> None:
    x = run(
        nlp,
        "The licensing system is too slow. Indeed, a senior trade official told reporters that "
        "the agency approved most licences after six months.",
    )
    testimony = kinds(x, "testimony")
    assert len(testimony) == 1 and "senior trade official told" in testimony[0]
    assert supported_by(x, "senior trade official") == ["The licensing system is too slow"]


def test_scare_quotes_are_not_testimony(nlp: Language) -> None:
    x = run(nlp, 'Their "safety" rules are really "alignment" rules in disguise.')
    assert kinds(x, "testimony") == []


@pytest.mark.parametrize(
    "text",
    [
        "Only a fool would argue that these tariffs protect farmers.",
        "Smuggling rings that analysts warn are growing deserve far more attention.",
    ],
)
def test_hypothetical_or_embedded_speech_is_the_authors_claim(nlp: Language, text: str) -> None:
    x = run(nlp, text)
    assert kinds(x, "testimony") == []
    assert [c.span.text for c in x.claims if c.attribution == "author"] == [text.rstrip(".")]


def test_anecdotes_are_examples_linked_by_their_marker(nlp: Language) -> None:
    x = run(
        nlp,
        "Tariffs rarely work. For example, in 2018 Washington imposed duties on steel from "
        "Canada. In 2019, the council paid Brightwell Ltd to build a depot.",
    )
    examples = kinds(x, "example")
    assert any(t.startswith("For example, in 2018 Washington imposed") for t in examples)
    assert any(t.startswith("In 2019, the council paid") for t in examples)
    assert supported_by(x, "in 2018") == ["Tariffs rarely work"]
    assert supported_by(x, "In 2019") == []  # no marker, no link


def test_past_judgement_before_an_anecdote_stays_a_claim(nlp: Language) -> None:
    """Narration runs on after an anecdote; the past-tense verdict before it is the claim."""
    x = run(
        nlp,
        "The subsidy scheme was a costly mistake. In 2019, the council paid Brightwell "
        "Ltd to build a depot that never opened. The depot stood empty for years.",
    )
    claims = [c.span.text for c in x.claims if c.attribution == "author"]
    assert claims == ["The subsidy scheme was a costly mistake"]
    examples = kinds(x, "example")
    assert any(t.startswith("In 2019, the council paid") for t in examples)
    assert "The depot stood empty for years" in examples


@pytest.mark.parametrize(
    "turn",
    [
        "But the depot never opened its doors to anyone.",
        "Did anyone at the council check the bill?",
    ],
)
def test_a_contrast_or_a_question_after_an_anecdote_is_the_authors(
    nlp: Language, turn: str
) -> None:
    """Past narration after a story runs on as the story, but a unit opened by a contrast
    ('But ...') or a question turns the argument: the author's claim."""
    x = run(nlp, "In 2019, the council paid Brightwell Ltd to build a depot. " + turn)
    claims = [c.span.text for c in x.claims if c.attribution == "author"]
    # the claim is the proposition, without the "But" that turned the argument to it
    assert claims == [turn.rstrip(".").removeprefix("But ")]


def test_news_narration_is_not_an_anecdote(nlp: Language) -> None:
    x = run(nlp, "In 2018, Washington imposed duties on steel from Canada.", genre="news")
    assert kinds(x, "example") == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The ministry has spent $41bn on its frigate fleet since 2009.", "$41bn"),
        ("Turnout in the river towns was 100 percent, as always.", "100 percent"),
        ("Support for the levy rose by 12 percentage points among farmers.", "12 percentage"),
        ("Most councils cannot spend 30% of their budget on audits.", "30% of their budget"),
        ("The inspectors work on a budget of $90 million a year at most.", "$90 million"),
    ],
)
def test_figures_the_ner_may_miss_are_statistics(nlp: Language, text: str, figure: str) -> None:
    assert any(figure in t for t in kinds(run(nlp, text), "statistic"))


@pytest.mark.parametrize(
    "text",
    [
        "The parliament could raise the enrichment cap to 60 percent next year.",
        "The city will pay $2 million for the new bridge over the canal.",
        "Three ministers sit on the board of the new agency.",
    ],
)
def test_a_forecast_a_sum_or_a_small_count_is_the_authors(nlp: Language, text: str) -> None:
    """A figure under an affirmative modal is a forecast; a sum or a small count in passing
    serves the author's point: the clause stays the author's claim."""
    x = run(nlp, text)
    assert kinds(x, "statistic") == []
    assert [c.span.text for c in x.claims if c.attribution == "author"] == [text.rstrip(".")]


@pytest.mark.parametrize(
    "text",
    [
        'The export regime is failing. The trade minister said:"We have lost control of the licences."',
        'The export regime is failing. An inspector wrote;"Nobody checks the crates at the border."',
    ],
)
def test_a_quotation_opened_without_a_space_is_testimony(nlp: Language, text: str) -> None:
    """'X said:"We ...' with no space after the colon: the verb of saying and the quotation are
    still read apart, and what the source says is testimony, not the author's claim."""
    x = run(nlp, text)
    testimony = kinds(x, "testimony")
    assert len(testimony) == 1 and testimony[0].startswith(("The trade minister", "An inspector"))
    assert [c.span.text for c in x.claims if c.attribution == "author"] == [
        "The export regime is failing"
    ]


def test_unspaced_quotes_split_from_the_word_before(nlp: Language) -> None:
    doc = nlp.make_doc('She wrote:"Enough." He replied,"Never." It is 10:30 and 3:1.')
    words = [t.text for t in doc]
    assert words[:5] == ["She", "wrote", ":", '"', "Enough"]
    assert words[8:12] == ["replied", ",", '"', "Never"]
    assert "10:30" in words and "3:1" in words


@pytest.mark.parametrize(
    ("text", "statistic"),
    [
        ("Of the 80 licences requested, 62 were refused by the ministry.", True),
        ("Of the three reports, only one mentions the smuggling routes.", True),
        ("The northern fleet makes up two-thirds of the navy.", True),
        ("The inspectors questioned the exporter nine times during the audit.", False),
        ("Rebel groups attacked the border post twice in the winter.", False),
        ("Chip imports grew four times faster than the domestic output.", True),
        ("The agency now spends twice as much on audits as on licensing.", True),
    ],
)
def test_a_count_of_occurrences_is_not_a_multiplier(
    nlp: Language, text: str, statistic: bool
) -> None:
    """'N times' and 'twice' multiply an amount when a comparison follows ('four times faster',
    'twice as much'); after a verb alone they count how often something happened. A part
    counted out of a counted whole ('Of the 80 ..., 62 ...') or 'two-thirds of' gives a share."""
    assert bool(kinds(run(nlp, text), "statistic")) is statistic


@pytest.mark.parametrize(
    ("text", "testimony"),
    [
        (
            'The customs code plainly requires that "every crate be opened and weighed at the port".',
            True,
        ),
        ('The smugglers have called for a "free passage for every ship that pays the toll', True),
        ('Their "safety" rules are really "alignment" rules for the big labs.', False),
        ('The board called the plan "a bold and necessary reform" in its weekly letter.', False),
        ('The committee opened a hearing titled "Chips and the Long Road Ahead".', False),
        ('Last year she published a pamphlet called "The End of the Export Era', False),
    ],
)
def test_a_unit_that_ends_on_a_quotation_is_testimony(
    nlp: Language, text: str, testimony: bool
) -> None:
    """A clause that closes on a quotation of several words it opened hands its end to a
    source; scare quotes, or a quotation the clause goes on after, leave it the author's."""
    assert bool(kinds(run(nlp, text), "testimony")) is testimony


# --- clause-sized author claims ------------------------------------------------------------------


def test_two_assertions_in_one_sentence_are_two_claims(nlp: Language) -> None:
    x = run(nlp, "Export controls slow rivals down, but they also push them to build their own.")
    claims = [c.span.text for c in x.claims if c.attribution == "author"]
    assert claims == [
        "Export controls slow rivals down",
        "they also push them to build their own",
    ]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        (
            "Sanctions are starting to bite, the currency is falling fast.",
            ["Sanctions are starting to bite", "the currency is falling fast"],
        ),
        (
            "The embargo is not broken, it is working exactly as its authors intended.",
            ["The embargo is not broken", "it is working exactly as its authors intended"],
        ),
        ("The embargo is failing badly, I think.", ["The embargo is failing badly"]),
    ],
)
def test_two_sentences_joined_by_a_comma_are_two_claims(
    nlp: Language, text: str, claims: list[str]
) -> None:
    """A comma splice makes two assertions (the parser hangs the first under the second); the
    writer's own 'I think' after a comma stays with the clause it hedges."""
    x = run(nlp, text)
    assert [c.span.text for c in x.claims if c.attribution == "author"] == claims


@pytest.mark.parametrize(
    ("text", "testimony"),
    [
        ("Some argue that the export rules will only slow the rivals down.", False),
        ("Critics say the new licensing rules are far too weak.", False),
        ("Many analysts claim that the new licensing rules are far too weak.", False),
        ("A senior trade official said the new licensing rules were far too weak.", True),
    ],
)
def test_a_view_invoked_is_not_testimony(nlp: Language, text: str, testimony: bool) -> None:
    """'Some argue ...', 'Critics say ...' invoke a position the author then argues with; a
    source the writer cites is testimony. Neither is the author's own claim."""
    x = run(nlp, text)
    assert bool(kinds(x, "testimony")) is testimony
    assert [c for c in x.claims if c.attribution == "author"] == []


def test_one_sources_clauses_in_a_sentence_are_one_testimony(nlp: Language) -> None:
    x = run(
        nlp,
        "The tariffs hurt farmers, the minister admitted in March, and she said that the "
        "losses would grow.",
    )
    assert kinds(x, "testimony") == [
        "The tariffs hurt farmers, the minister admitted in March, and she said that the "
        "losses would grow"
    ]


def test_a_second_source_in_the_sentence_is_testimony_of_its_own(nlp: Language) -> None:
    x = run(
        nlp,
        "A senior trade official said the agency approved most licences late, and the ministry "
        "confirmed that the backlog was growing.",
    )
    assert len(kinds(x, "testimony")) == 2


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("The sanctions could return within weeks if the talks fail.", 1),
        ("If the talks fail, the sanctions could return within weeks.", 2),
        ("The sanctions could return within weeks, if the talks fail.", 2),
    ],
)
def test_a_condition_is_a_unit_but_stays_with_its_claim(
    nlp: Language, text: str, units: int
) -> None:
    """A condition trailing its main clause with no comma narrows that one assertion; a
    fronted or comma-set one is an argument unit of its own (as Webis cuts them). Either way
    it stays with the claim it belongs to (GUIDELINES.md): one claim, the whole sentence."""
    from kg.extract.clauses import argument_units

    assert len(argument_units(nlp(text))) == units
    x = run(nlp, text)
    claims = [c.span.text for c in x.claims if c.attribution == "author"]
    assert claims == [text.rstrip(".")]


def test_a_rhetorical_question_is_a_claim_that_questions(nlp: Language) -> None:
    x = run(nlp, "Why would anyone trust these promises from the ministry?")
    (claim,) = [c for c in x.claims if c.attribution == "author"]
    assert claim.stance == "questions"


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("Critics argue that the new export rules will fail.", True),
        ('The minister put it bluntly: "we will never accept these terms from anyone."', True),
        ("I think the new export rules will fail.", False),
        ("Most economists agree that the new export rules will fail.", False),
        ("The latest trade figures show that the new export rules fail.", False),
        ("Tell your members that the new export rules will fail.", False),
        ("Farmers rarely report their losses to the agency.", False),
        ('Their "smart" rules remain easy to evade for any smuggler.', False),
    ],
)
def test_only_a_clause_handed_to_a_source_is_not_the_authors(
    nlp: Language, text: str, reported: bool
) -> None:
    """In a sentence that holds a reported claim, the author keeps the clauses that neither
    quote a source nor hang on a verb reporting someone else's clause."""
    from kg.extract.author import _reports

    doc = nlp(text)
    assert _reports(doc, 0, len(text.rstrip("."))) is reported


def test_a_verbless_line_alone_is_a_subheading(nlp: Language) -> None:
    x = run(
        nlp, "Export rules keep failing.\n\nLessons from the border.\n\nThe agency needs staff."
    )
    claims = [c.span.text for c in x.claims if c.attribution == "author"]
    assert claims == ["Export rules keep failing", "The agency needs staff"]


def test_page_furniture_is_not_a_claim(nlp: Language) -> None:
    x = run(
        nlp,
        "Export rules keep failing.\n\nWrite to the desk at letters@example.org with your "
        "views.\n\nJOIN OUR READERS ON THE FORUM FOR MORE DEBATE.\n\nThe agency needs staff.",
    )
    claims = [c.span.text for c in x.claims if c.attribution == "author"]
    assert claims == ["Export rules keep failing", "The agency needs staff"]


def test_a_closing_bio_and_the_title_are_not_claims(nlp: Language) -> None:
    text = (
        "Tariffs fail. Farmers pay.\n\nExport rules keep failing.\n\n"
        "The agency needs staff.\n\nMara Quill is a columnist for a farming weekly."
    )
    x = extract(
        Article(
            key="t:bio",
            text=text,
            sha256="0" * 64,
            source="t",
            title="Tariffs fail. Farmers pay.",
            author="Mara Quill",
            genre="opinion",
        ),
        nlp,
    )
    claims = [c.span.text for c in x.claims if c.attribution == "author"]
    assert claims == ["Export rules keep failing", "The agency needs staff"]


def test_a_clause_coordinated_with_a_verb_of_saying_is_not_said(
    nlp: Language,
) -> None:
    x = run(nlp, "The minister said that the plan works, but the farmers have lost their land.")
    claims = [c.span.text for c in x.claims if c.attribution == "author"]
    assert claims == ["the farmers have lost their land"]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("The plan has one flaw: the ministry cannot pay for it.", 2),
        ("The plan misses what matters most: money, staff and time.", 1),
    ],
)
def test_a_colon_splits_only_before_a_clause(nlp: Language, text: str, units: int) -> None:
    x = run(nlp, text)
    assert len([c for c in x.claims if c.attribution == "author"]) == units


# --- linking across discourse markers ------------------------------------------------------------


def test_forward_marker_links_to_the_next_sentence(nlp: Language) -> None:
    x = run(
        nlp,
        "Regulators should act now. Chip smuggling rose 75% in the last year. "
        "This is why the licence rules must change.",
    )
    assert supported_by(x, "75%") == ["This is why the licence rules must change"]


def test_backward_marker_links_to_the_claim_before(nlp: Language) -> None:
    x = run(
        nlp,
        "Sanctions can backfire.\n\nFor example, Moscow built its own payment network after 2014.",
    )
    assert supported_by(x, "payment network") == []  # another paragraph: out of reach
    y = run(
        nlp,
        "Sanctions can backfire. For example, Moscow built its own payment network after 2014.",
    )
    assert supported_by(y, "payment network") == ["Sanctions can backfire"]


def test_evidence_offered_for_evidence_joins_its_claim(nlp: Language) -> None:
    """An item reaching back to a claim that is itself offered as grounds supports what those
    grounds support, not the grounds."""
    x = run(
        nlp,
        "Harbor City – Today, Senator Ada Brook questioned officials at a hearing on chip "
        "exports.\n\n“Rival states keep buying our parts for their weapons. We are now seeing a "
        "worrying pattern where rival navies put American chips in their drones. One need look "
        "no further than the drone that crashed near the Norfolk base last spring. It was widely "
        "reported that the drone carried processors made in Ohio. We must close these gaps.”\n",
        genre="statement",
    )
    pattern = "We are now seeing a worrying pattern where rival navies put American chips in"
    assert [c[: len(pattern)] for c in supported_by(x, "Norfolk base")] == [pattern]
    assert [c[: len(pattern)] for c in supported_by(x, "widely reported")] == [pattern]


def test_a_quoted_unit_is_not_testimony_for_a_claim_in_the_same_quotation(nlp: Language) -> None:
    """A sentence of one speaker's quotation is that speaker's word, not someone else's
    offered for the author's claim the same quotation holds; outside it, it is."""
    from kg.extract.linking import link_evidence
    from kg.extract.raw import RawEvidence

    text = (
        "“The Department will build a simple, open licensing system with partner countries. "
        "We also reject the old team’s costly licence rules.”"
    )
    doc = nlp(text)
    first, second = list(doc.sents)[:2]
    author = Claimish(first.start_char + 1, first.end_char - 1, "author")
    quoted = Claimish(1, len(text) - 1, "reported")
    unit = RawEvidence(
        second.start_char, second.end_char - 2, "testimony", 0.5, (0, len(text)), reach="around"
    )
    assert link_evidence([author], [unit], doc) == {0: [0]}
    assert link_evidence([author, quoted], [unit], doc) == {}


@dataclass(frozen=True)
class Claimish:
    start: int
    end: int
    attribution: str

    @property
    def sentence(self) -> tuple[int, int]:
        return (self.start, self.end)


def test_free_evidence_is_kept_in_the_article(nlp: Language) -> None:
    x = run(nlp, "Drawing on the H100 export bans, the team built a new supply map.", genre="news")
    assert x.claims == ()
    (ev,) = x.evidence
    g = article_graphs(x, Gazetteer.default()).graph
    node = evidence_iri(x.article.text_key, ev.id)
    assert (node, RDF.type, KG.Event) in g
    assert (node, KG.inArticle, None) in g
    assert (node, KG.supports, None) not in g
    assert (node, KG.about, None) in g


# --- RDF and SHACL -------------------------------------------------------------------------------


def test_testimony_is_attributed_to_its_anonymous_source(nlp: Language) -> None:
    x = run(
        nlp,
        "The licensing system is too slow. Officials familiar with the reviews said that "
        "most licences took six months.",
    )
    g = article_graphs(x, Gazetteer.default()).graph
    (ev,) = [e for e in x.evidence if e.kind == "testimony"]
    sources = list(g.objects(evidence_iri(x.article.text_key, ev.id), PROV.wasAttributedTo))
    assert len(sources) == 1
    assert (sources[0], RDF.type, KG.AnonymousSource) in g


def _violations(g: Graph) -> list[str]:
    return [v.message for v in full_validation(g, "test")]


def test_shapes_accept_extracted_evidence_and_reject_broken_items(nlp: Language) -> None:
    x = run(nlp, "The curbs are working. Exports of advanced chips fell 40% of their volume.")
    g = article_graphs(x, Gazetteer.default()).graph
    assert _violations(g) == []
    node = URIRef("https://example.org/ev/broken")
    g.add((node, RDF.type, KG.Evidence))
    g.add((node, SCHEMA.text, Literal("a figure")))
    messages = " ".join(_violations(g))
    assert "one of the kinds" in messages
    g.add((node, RDF.type, KG.Statistic))
    assert "exactly one text anchor" in " ".join(_violations(g))


def test_evidence_model_defaults() -> None:
    ev = Evidence("e1-3", "statistic", Span(1, 3, "5%"))
    assert ev.entity is None and ev.confidence == 0.5


def test_what_the_writer_lived_through_is_an_anecdote_not_their_stance(nlp: Language) -> None:
    x = run(
        nlp,
        "The ferry strike hurt the islands. I was stuck on the quay for two days. I could not "
        "reach my mother. I slept on a bench with my brother. I think the union went too far. "
        "I would argue that the ministry failed too. Today I speak for the islanders.",
    )
    told = kinds(x, "example")
    for lived in ("stuck on the quay", "could not reach", "slept on a bench"):
        assert any(lived in t for t in told), told
    assert not any("speak for" in t for t in told), told  # the present of a speech
    stance = [c.span.text for c in x.claims if c.attribution == "author"]
    assert any("union went too far" in c for c in stance), stance
    assert any("ministry failed" in c for c in stance), stance
    assert not any("union" in t or "ministry" in t for t in told), told


def test_as_a_source_notes_and_pointed_out_hand_the_clause_to_the_source(nlp: Language) -> None:
    x = run(
        nlp,
        "The harbour is a trap. As the fishermen's union notes, one of these boats carried "
        "twice its legal load. A sailor rightly pointed out on the radio that the quay was "
        "flooded. As I said, the harbour needs a wall.",
    )
    told = kinds(x, "testimony")
    assert any("union notes" in t for t in told), told
    assert any("pointed out" in t for t in told), told
    assert not any("As I said" in t for t in told), told


def test_a_share_in_words_is_a_statistic(nlp: Language) -> None:
    x = run(
        nlp,
        "The reform failed the valley. Around half of the farmers did not sell their grain. "
        "Nearly one in six mills is not working. In the first half of 2014 the mills were quiet.",
    )
    stats = kinds(x, "statistic")
    assert any("half of the farmers" in t for t in stats), stats
    assert any("one in six" in t for t in stats), stats
    assert not any("first half" in t for t in stats), stats


def test_a_rate_in_passing_before_another_predicate_is_the_authors_claim(nlp: Language) -> None:
    """'X runs on $N a year and has only ...': the clause says more than its figure, so it is
    the author's claim, and the rate is a statistic offered within it."""
    text = (
        "The agency runs on a budget of $90 million a year and has only a few inspectors "
        "stationed overseas to follow the shipments."
    )
    x = run(nlp, text)
    assert [c.span.text for c in x.claims if c.attribution == "author"] == [text.rstrip(".")]
    assert any("$90 million" in t for t in kinds(x, "statistic"))
    # the figure the point of the clause, another predicate or not: a statistic
    x = run(nlp, "The programme costs $400 million a year and employs few people.")
    assert [c for c in x.claims if c.attribution == "author"] == []
