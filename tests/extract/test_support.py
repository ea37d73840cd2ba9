"""Evidence offered by its words (kg.extract.support): each finder on sentences written for these
tests, the claim each item is linked to, and what is not evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from kg.model import Extraction
from tests.helpers.extraction import article, extract

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.model


def news(nlp: Language, text: str) -> Extraction:
    return extract(article(text, genre="news"), nlp)


def items(x: Extraction) -> list[tuple[str, str]]:
    return [(e.kind, e.span.text) for e in x.evidence]


def backs(x: Extraction, snippet: str) -> list[str]:
    """Texts of the claims the evidence item containing ``snippet`` supports."""
    ev = next(e for e in x.evidence if snippet in e.span.text)
    return [c.span.text for c in x.claims if ev.id in c.evidence]


def test_citing_statements_is_testimony_for_the_claim_it_hangs_on(nlp: Language) -> None:
    x = news(
        nlp,
        "Citing recent remarks by two trade ministers, the farmers' union wrote that the quota "
        "system hurts small growers.",
    )
    assert items(x) == [("testimony", "recent remarks by two trade ministers")]
    assert backs(x, "remarks") == ["the quota system hurts small growers"]


def test_what_a_speaker_points_to_backs_their_claim_before(nlp: Language) -> None:
    x = news(
        nlp,
        "Mara Quill said that the port had become the region's main hub. She pointed to the "
        "new container terminal, which handled 2 million boxes last year.",
    )
    ((kind, text),) = items(x)
    assert kind == "statistic" and text.startswith("the new container terminal")
    assert backs(x, "terminal") == ["the port had become the region's main hub"]


def test_a_figure_offered_as_evidence(nlp: Language) -> None:
    x = news(
        nlp,
        "The minister told farmers that the mills will process at most 40,000 tonnes this year, "
        "a figure she offered as evidence that the reform is working.",
    )
    assert items(x) == [("statistic", "at most 40,000 tonnes")]
    assert backs(x, "40,000")


@pytest.mark.parametrize(
    ("text", "item", "claim"),
    [
        (
            "The audit shows that the agency lost track of its trucks.",
            "The audit",
            "the agency lost track of its trucks",
        ),
        (
            "The council released a new study revealing that the river is cleaner than in 1990.",
            "a new study",
            "the river is cleaner than in 1990",
        ),
    ],
)
def test_a_document_backs_what_it_shows(nlp: Language, text: str, item: str, claim: str) -> None:
    x = news(nlp, text)
    assert ("document", item) in items(x)
    assert claim in backs(x, item)


@pytest.mark.parametrize(
    "text",
    [
        "The minister resigned after reports revealed that she had misled the committee.",
        "According to the report, the river is cleaner than in 1990.",
        "Rivals such as Brightwell now sell more boats, including the new ferries.",
        "The firm could survive if it draws on its cash reserves.",
        "The rules now apply to every dealer, as the new guidelines require.",
    ],
)
def test_no_marker_no_evidence(nlp: Language, text: str) -> None:
    """Press reports and a report named as a source are channels of a claim; names listed in
    a claim, a condition and conformity to a rule ground nothing."""
    assert news(nlp, text).evidence == ()


def test_a_document_that_is_clear_is_evidence(nlp: Language) -> None:
    x = news(nlp, "The audit is clear that the agency lost track of its trucks.")
    assert items(x) == [("document", "The audit")]


def test_a_past_happening_demonstrating_a_claim_is_an_event(nlp: Language) -> None:
    x = news(
        nlp,
        "Brightwell reportedly copied the design from its rival, demonstrating that the firm "
        "still depends on foreign engineering.",
    )
    assert items(x) == [("event", "Brightwell reportedly copied the design from its rival")]


def test_a_law_given_as_the_reason_is_a_document(nlp: Language) -> None:
    x = news(
        nlp,
        "The minister said the new levy is likely illegal as the Trade Act of 1974 prohibits "
        "any fee on licences.",
    )
    ((kind, text),) = items(x)
    assert kind == "document" and text.startswith("the Trade Act of 1974 prohibits")


def test_look_no_further_is_an_example_of_the_claim_before(nlp: Language) -> None:
    x = news(
        nlp,
        "The senator said that rivals are buying our parts for their drones. One need look "
        "no further than the drone that crashed near the border last spring.",
    )
    ((kind, text),) = items(x)
    assert kind == "example" and text.startswith("One need look no further")
    assert backs(x, "One need look") == ["rivals are buying our parts for their drones"]


def test_an_announced_series_illustrates_the_claim_before_it(nlp: Language) -> None:
    text = (
        "Open tools now spread faster than any rule can follow.\n\n"
        "Consider what has happened this spring. Brightwell released its planner to everyone. "
        "Quarry Ltd published the weights of its model."
    )
    x = extract(article(text), nlp)
    examples = [t for k, t in items(x) if k == "example"]
    assert examples == [
        "Brightwell released its planner to everyone",
        "Quarry Ltd published the weights of its model",
    ]
    for snippet in ("Brightwell", "Quarry"):
        assert backs(x, snippet) == ["Open tools now spread faster than any rule can follow"]


def test_such_as_after_examples_is_an_example(nlp: Language) -> None:
    x = news(
        nlp,
        "The senator listed numerous examples of how rivals exploit the loophole, such as the "
        "border drones and the harbour cameras.",
    )
    assert ("example", "such as the border drones and the harbour cameras") in items(x)


def test_an_impersonal_report_is_testimony(nlp: Language) -> None:
    x = news(
        nlp,
        "The senator said that rivals are buying our parts. It was widely reported that "
        "their drones used parts bought online.",
    )
    ((kind, text),) = items(x)
    assert kind == "testimony" and text.startswith("It was widely reported")
    assert backs(x, "widely reported") == ["rivals are buying our parts"]


def test_what_persuaded_a_speaker_is_their_testimony(nlp: Language) -> None:
    x = news(
        nlp,
        "My experience running the port authority has strengthened my belief that the harbour "
        "needs a second terminal.",
    )
    assert items(x) == [("testimony", "My experience running the port authority")]
    assert backs(x, "experience") == ["the harbour needs a second terminal"]


def test_a_figure_a_speaker_gives_after_a_claim_backs_it(nlp: Language) -> None:
    x = news(
        nlp,
        "Mara Quill argued that the quotas had failed. She said that the share of local grain "
        "had fallen from about 80% to about 45%.",
    )
    ((kind, text),) = items(x)
    assert kind == "statistic" and "80%" in text
    assert backs(x, "80%") == ["the quotas had failed"]
    # the figure is the speaker's claim as well
    assert any("80%" in c.span.text for c in x.claims)


BRIEF = (
    "Port authorities spent two years arguing about tariffs on grain. In March 2021 the harbour "
    "board raised its fees for the first time. The minister said that the fees would stay.\n\n"
    "The fee rise hurt small exporters. For example, in May 2021 three family mills closed their "
    "warehouses at the port."
)


def test_narration_in_a_brief_is_background_unless_offered(nlp: Language) -> None:
    brief = extract(article(BRIEF, genre="analysis"), nlp)
    opinion = extract(article(BRIEF, genre="opinion"), nlp)
    told = ("harbour board raised", "minister said")
    # in opinion writing every unit takes part in the argument; in a brief the narrated event
    # and the remark are background, and only what "For example" offers stays
    assert all(any(w in e.span.text for e in opinion.evidence) for w in told), items(opinion)
    assert not any(w in e.span.text for e in brief.evidence for w in told), items(brief)
    assert [k for k, t in items(brief) if "mills closed" in t] == ["example"]
    assert backs(brief, "mills closed") == ["The fee rise hurt small exporters"]
    linked = {e for c in brief.claims for e in c.evidence}
    assert {e.id for e in brief.evidence} == linked
