"""Whose voice a text is (kg.extract.voice): author claims by genre, on short texts written for
these tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from kg.model import Extraction
from tests.helpers.extraction import claim_with, run

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.model

BODY = (
    "The new ferry rules will cut crossings to the islands by half. "
    "Island businesses depend on daily freight."
)


def author_claims(x: Extraction) -> list[str]:
    return [c.span.text for c in x.claims if c.attribution == "author"]


def speaker_name(x: Extraction, text: str) -> str:
    claim = next(c for c in x.claims if c.span.text == text)
    return next(a.name for a in x.actors if a.id == claim.speaker)


def test_news_narration_is_no_claim(nlp: Language) -> None:
    x = run(nlp, BODY, type="news", author="Jo Park", outlet="Harbour Ledger")
    assert author_claims(x) == []


def test_a_statement_is_its_issuer_s_voice(nlp: Language) -> None:
    x = run(nlp, BODY, type="statement", outlet="Harbour Workers Union (press release)")
    assert "The new ferry rules will cut crossings to the islands by half" in author_claims(x)
    text = "The new ferry rules will cut crossings to the islands by half"
    assert speaker_name(x, text) == "Harbour Workers Union"


def test_an_unsigned_editorial_speaks_for_its_outlet(nlp: Language) -> None:
    x = run(nlp, BODY, type="editorial", outlet="Harbour Ledger")
    assert speaker_name(x, "Island businesses depend on daily freight") == "Harbour Ledger"


def test_a_signed_opinion_is_its_author_s(nlp: Language) -> None:
    x = run(nlp, BODY, type="opinion", author="Jo Park", outlet="Harbour Ledger")
    assert speaker_name(x, "Island businesses depend on daily freight") == "Jo Park"


def test_opinion_with_nobody_to_speak_for_it_warns(nlp: Language) -> None:
    x = run(nlp, BODY, type="opinion")
    assert author_claims(x) == []
    assert any("no author and no outlet" in w for w in x.warnings)


STATEMENT = (
    "The Harbour Workers Union today released its annual safety report. "
    "I want to thank the crews who kept the ferries running. "
    "Let me outline our three concerns. "
    "The new rules will cut crossings by half, although freight demand is rising. "
    "If the council keeps the timetable, island shops will close."
)


def test_a_statement_s_own_actions_and_talk_are_no_claims(nlp: Language) -> None:
    x = run(nlp, STATEMENT, type="statement", outlet="Harbour Workers Union")
    texts = author_claims(x)
    assert not any("released" in t for t in texts)  # the issuer's action of the day: an event
    assert not any("thank" in t for t in texts)  # the speaker managing the talk
    assert not any("outline" in t for t in texts)  # a request
    assert any("cut crossings by half" in t for t in texts)  # a claim about the world


def test_what_evidence_shows_is_the_voice_s_claim(nlp: Language) -> None:
    text = "Evidence indicates that the ferry operator cut safety checks to save money."
    x = run(nlp, text, type="statement", outlet="Harbour Workers Union")
    c = next(c for c in x.claims if "ferry operator cut safety checks" in c.span.text)
    assert c.attribution == "author"
    assert speaker_name(x, c.span.text) == "Harbour Workers Union"
    news = run(nlp, text, type="news", author="Jo Park", outlet="Harbour Ledger")
    assert not any(c.attribution == "author" for c in news.claims)


def test_a_speaker_saying_why_they_are_here_makes_no_claim(nlp: Language) -> None:
    text = "I’m here to talk about the ferries. The new rules will cut crossings by half."
    x = run(nlp, text, type="speech", author="Jo Park")
    assert author_claims(x) == ["The new rules will cut crossings by half"]


def test_a_conclusion_drawn_in_a_participle_is_the_voice_s(nlp: Language) -> None:
    text = (
        "The operator skipped the spring inspections, demonstrating that its safety plan is void."
    )
    x = run(nlp, text, type="opinion", author="Jo Park")
    c = next(c for c in x.claims if "safety plan is void" in c.span.text)
    assert c.attribution == "author" and speaker_name(x, c.span.text) == "Jo Park"


def test_a_release_whose_headline_opens_with_a_person_speaks_for_them(nlp: Language) -> None:
    text = (
        "Today, Senator Marta Quill released a review of the ferry authority. Quill found that "
        "the authority ignored safety reports for years.\n\n"
        "The new ferry rules will cut crossings to the islands by half."
    )
    x = run(
        nlp,
        text,
        type="statement",
        title="Senator Quill Releases Review of Ferry Authority",
        outlet="Harbour Committee (press release)",
    )
    claim = next(c for c in x.claims if c.span.text.startswith("The new ferry rules"))
    # the committee's page reports the senator: her claim, not the committee's own
    assert claim.attribution == "reported"
    assert speaker_name(x, claim.span.text) == "Marta Quill"
    # a headline with two people speaks for no one of them: the issuer keeps the voice
    y = run(
        nlp,
        text,
        type="statement",
        title="Quill and Fenwick Urge Ferry Authority to Publish Safety Reports",
        outlet="Harbour Committee (press release)",
    )
    other = next(c for c in y.claims if c.span.text.startswith("The new ferry rules"))
    assert other.attribution == "author"


@pytest.mark.parametrize(
    ("title", "who"),
    [
        ("Chairman Quill Delivers Remarks at Ferry Hearing", "Marta Quill"),
        ("Marta Quill Statement on Ferry Rules", "Marta Quill"),
        ("Quill's Office Welcomes Ferry Review", None),
        ("Quill and Fenwick Urge Ferry Authority to Act", None),
        ("Quill, Fenwick Urge Ferry Authority to Act", None),
        ("Ferry Authority Answers Quill", None),
    ],
)
def test_headline_person(title: str, who: str | None) -> None:
    from kg.extract.voice import headline_person
    from kg.resolve.gazetteer import discovered_actor

    known = [discovered_actor("Harbour Committee", "government_body")]
    known.append(discovered_actor("Marta Quill", "person"))
    found = headline_person(title, known)
    assert (found.name if found else None) == who


def test_a_vocative_does_not_hide_the_speaker_managing_the_talk(nlp: Language) -> None:
    # the parser takes 'Mr Speaker' for a subject beside 'I': still the speaker managing the talk
    text = "With permission, Mr Deputy Speaker, I will make a statement on the ferry rules. " + BODY
    x = run(nlp, text, type="speech", author="Marta Quill")
    claims = author_claims(x)
    assert "The new ferry rules will cut crossings to the islands by half" in claims
    assert not any("make a statement" in c for c in claims)


def test_a_view_nobody_is_named_to_hold_is_the_statement_s_own(nlp: Language) -> None:
    # 'X is expected to V' in a statement: the issuer's prediction, not an unnamed other's
    x = run(
        nlp,
        "The harbour board voted on Monday to close the north quay. The closure is expected "
        "to cut the fishing fleet's catch and raise prices at the market.",
        type="statement",
        outlet="Harbour Workers Union (press release)",
    )
    c = claim_with(x, "expected to cut")
    assert (c.attribution, c.stance) == ("author", "predicts")


def test_a_quotation_after_a_colon_is_a_claim_per_sentence_of_its_speaker(
    nlp: Language,
) -> None:
    x = run(
        nlp,
        "Harbour master Ilse Brandt ordered the quay closed, stating:\n\n"
        "\u201cThe old cranes will fail within a year. We also reject the board's "
        "plan to sell the quay to a private operator.\u201d",
        type="statement",
        outlet="Harbour Workers Union (press release)",
    )
    first = claim_with(x, "The old cranes will fail")
    second = claim_with(x, "We also reject the board")
    assert first.span.text == "The old cranes will fail within a year"
    for c in (first, second):
        assert c.claimer is not None and c.claimer.text == "Ilse Brandt"
    # the statement's own voice does not claim its speaker's words a second time
    assert [c.attribution for c in x.claims if "old cranes" in c.span.text] == ["reported"]


def test_a_release_from_the_offices_of_two_members_speaks_for_them(nlp: Language) -> None:
    x = run(
        nlp,
        "On Monday, Ranking Member Jane Miller (D-OR) and Vice Ranking Member David Clark "
        "(D-WA) challenged the harbour board over its new fees. The Members write that the new "
        "fees are unlawful. The fees are a tax on the fleet.",
        type="statement",
        outlet="Harbour Council, offices of Reps. Jane Miller and David Clark (press release)",
    )
    c = claim_with(x, "a tax on the fleet")
    assert c.attribution == "author"
    names = {a.id: a.name for a in x.actors}
    assert names[c.speaker or ""] == "Jane Miller and David Clark"
    # the same group as 'The Members' who write
    assert claim_with(x, "fees are unlawful").speaker == c.speaker


def test_a_report_the_issuer_releases_speaks_for_the_issuer(nlp: Language) -> None:
    body = (
        "On Tuesday, the Harbour Workers Union released a new report finding that the north "
        "quay cranes were sold below their value."
    )
    own = run(nlp, body, type="statement", outlet="Harbour Workers Union (press release)")
    assert claim_with(own, "cranes were sold").attribution == "author"
    # in the news, the union's report speaks for the union, a reported claim
    news = run(nlp, body, type="news", author="Jo Park", outlet="Harbour Ledger")
    c = claim_with(news, "cranes were sold")
    names = {a.id: a.name for a in news.actors}
    assert c.attribution == "reported"
    assert "Harbour Workers Union" in names[c.speaker or ""]


def test_a_statement_misparsed_as_a_command_is_still_the_issuer_s_claim() -> None:
    """The parser may make the second of three verbs the root and the clause before it its
    complement ('The sale is expected to help ..., threaten ...'): no imperative, no report,
    the issuer's claim."""
    from tests.helpers.docs import extract_doc, make_doc

    text = "The sale is expected to help a rival, threaten our security, and weaken our alliances."
    rows = """
    The         DT     DET    det        2
    sale        NN     NOUN   nsubjpass  4
    is          VBZ    AUX    auxpass    4    be
    expected    VBN    VERB   ccomp      10   expect
    to          TO     PART   aux        6
    help        VB     VERB   xcomp      4
    a           DT     DET    det        8
    rival       NN     NOUN   dobj       6
    ,           ,      PUNCT  punct      10
    threaten    VB     VERB   ROOT       0
    our         PRP$   PRON   poss       12
    security    NN     NOUN   dobj       10
    ,           ,      PUNCT  punct      10
    and         CC     CCONJ  cc         10
    weaken      VB     VERB   conj       10
    our         PRP$   PRON   poss       17
    alliances   NNS    NOUN   dobj       15   alliance
    .           .      PUNCT  punct      10
    """
    x = extract_doc(
        make_doc(text, rows), type="statement", outlet="Harbour Workers Union (press release)"
    )
    (claim,) = x.claims
    assert claim.attribution == "author" and claim.span.text.startswith("The sale is expected")
    assert claim.stance == "predicts"  # "is expected to" looks ahead, whatever the root


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "If China keeps buying chips from Nvidia, its labs will catch up within two years.",
            "If China keeps buying chips from Nvidia, its labs will catch up within two years",
        ),
        (
            "Because firms have limited compute, they cannot train frontier models at home.",
            "Because firms have limited compute, they cannot train frontier models at home",
        ),
        (
            "Smugglers will find new routes through third countries even if the rules pass.",
            "Smugglers will find new routes through third countries even if the rules pass",
        ),
    ],
)
def test_a_condition_or_a_cause_stays_with_the_author_s_claim(
    nlp: Language, text: str, claim: str
) -> None:
    """GUIDELINES.md: "Conditions stay with their claim"; a cause belongs to the claim it
    introduces. The author never asserts "If China keeps buying chips" alone."""
    x = run(nlp, text, type="opinion", author="Mara Quill")
    assert author_claims(x) == [claim]


def test_a_concession_after_narration_is_still_put_forward(nlp: Language) -> None:
    x = run(
        nlp,
        "By the time of the summit, most states had published a framework, although their "
        "depth varied widely.",
        type="opinion",
        author="Mara Quill",
    )
    assert author_claims(x) == ["although their depth varied widely"]


@pytest.mark.parametrize(
    "first",
    [
        "I am queuing at the border post with two hundred other drivers.",
        "I have come back to the port where my father worked for thirty years.",
    ],
)
def test_what_happens_to_the_writer_now_is_an_anecdote(nlp: Language, first: str) -> None:
    x = run(nlp, first + " The new checks are a farce.", type="opinion", author="Mara Quill")
    assert author_claims(x) == ["The new checks are a farce"]
    assert [e.kind for e in x.evidence] == ["example"]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # the condition belongs to the clause after it, not to the one before "and"
        (
            "Tariffs will raise prices, and if Beijing keeps buying chips, its labs will catch up.",
            ["Tariffs will raise prices", "if Beijing keeps buying chips, its labs will catch up"],
        ),
        # a unit holding its concession and its main clause stands as it is
        (
            "Although the controls tightened, Beijing kept buying, and the rules failed.",
            ["Although the controls tightened, Beijing kept buying", "the rules failed"],
        ),
        # two leading clauses both wait for the claim they belong to
        (
            "If Beijing keeps buying chips, although the controls tighten, its labs will catch up.",
            [
                "If Beijing keeps buying chips, although the controls tighten, its labs will catch up"
            ],
        ),
    ],
)
def test_a_condition_joins_the_clause_the_parse_hangs_it_on(
    nlp: Language, text: str, claims: list[str]
) -> None:
    assert author_claims(run(nlp, text, type="opinion", author="Mara Quill")) == claims
