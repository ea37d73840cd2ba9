"""Genre inference (kg.ingest.genre, kg.genres): what kind of text an article is when its source
does not say, from HTML metadata and the conventions of its first lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import genres
from kg.ingest import read_path
from kg.ingest.genre import from_metadata, from_text, infer, jsonld_types
from kg.ingest.text import parse_text


@pytest.mark.parametrize(
    ("name", "genre"),
    [
        ("Op-Ed", "opinion"),
        ("OpinionNewsArticle", "opinion"),
        ("AnalysisNewsArticle", "analysis"),
        ("Report", "analysis"),
        ("NewsArticle", "news"),
        ("Press Release", "statement"),
        ("fact_sheet", "statement"),
        ("Editorials", "editorial"),
        ("remarks", "speech"),
        ("article", None),
        ("Technology", None),
        ("", None),
    ],
)
def test_genre_names_are_read_as_one_genre(name: str, genre: str | None) -> None:
    assert genres.normalize(name) == genre


def test_only_news_and_unknown_genres_have_no_voice_of_their_own() -> None:
    assert genres.voiced("news") is False
    assert genres.voiced("Press Release") is True
    assert all(genres.voiced(g) for g in genres.VOICED)
    assert genres.voiced("Sports") is None


@pytest.mark.parametrize(
    ("title", "head", "genre", "speaker"),
    [
        ("FACT SHEET: Port security in the age of drones", "", "statement", None),
        ("Opinion | The harbour needs a second crane", "", "opinion", None),
        ("Statement by Minister Ana Ruiz on the ferry strike", "", "statement", "Ana Ruiz"),
        (
            "Opening statement of Chairman Pedro Alvarez, hearing on ports",
            "",
            "speech",
            "Pedro Alvarez",
        ),
        ("Remarks by the Mayor at the harbour festival", "", "speech", None),
        ("Testimony of Dr. Jane Roe before the Transport Committee", "", "speech", "Jane Roe"),
        ("Statement by the Harbour Committee", "", "statement", None),
        (None, "FOR IMMEDIATE RELEASE\n\nThe port authority said ...", "statement", None),
        (None, "By the Editorial Board\n\nThe harbour plan is a mistake.", "editorial", None),
        (None, "LISBON (Reuters) - The port reopened on Monday.", "news", None),
        ("Port reopens after strike", "The port reopened on Monday.", None, None),
    ],
)
def test_genre_from_the_first_lines(
    title: str | None, head: str, genre: str | None, speaker: str | None
) -> None:
    assert from_text(title, head) == (genre, speaker)


def test_inferred_genre_and_speaker_fill_only_what_the_source_left_out() -> None:
    text = "# Statement by Minister Ana Ruiz on the ferry strike\n\nThe strike hurts the islands.\n"
    article = infer(parse_text(text, key="k", source="s", sha256="0" * 64))
    assert (article.genre, article.author) == ("statement", "Ana Ruiz")
    given = "---\ntype: news\nauthor: Jo Park\n---\n" + text
    kept = infer(parse_text(given, key="k", source="s", sha256="0" * 64))
    assert (kept.genre, kept.author) == ("news", "Jo Park")


def test_json_ld_types_and_sections_name_the_genre() -> None:
    html = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
        '[{"@type": "WebPage"}, {"@type": ["OpinionNewsArticle", "NewsArticle"]}]}</script>'
        '<script type="application/ld+json">not json</script>'
    )
    types = jsonld_types(html)
    assert types == ["WebPage", "OpinionNewsArticle", "NewsArticle"]
    assert from_metadata(types) == "opinion"
    assert from_metadata(["article", "Editorials"]) == "editorial"
    assert from_metadata(["article", "World"]) is None


def test_html_page_gets_its_genre_from_its_metadata(tmp_path: Path) -> None:
    body = "".join(
        f"<p>The harbour plan will cost the city more than it admits, paragraph {i}.</p>"
        for i in range(6)
    )
    page = tmp_path / "oped.html"
    page.write_text(
        "<!doctype html><html><head><title>Harbour</title>"
        '<meta property="article:section" content="Opinion">'
        '<script type="application/ld+json">{"@type": "OpinionNewsArticle", '
        '"author": {"@type": "Person", "name": "Jo Park"}}</script>'
        f"</head><body><article><h1>The harbour plan</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    assert read_path(page).genre == "opinion"
