"""Gold split pairs and where the suspects rank them (kg.evaluate.splits), on hand-built
records: no spaCy. Names are invented."""

from __future__ import annotations

from pathlib import Path

from kg.evaluate.analyst_gold import AnalystGold, GoldActor, GoldDocument
from kg.evaluate.splits import review, split_pairs
from kg.model import Actor, Article, Extraction, Mention


def doc(name: str, actors: tuple[GoldActor, ...]) -> GoldDocument:
    return GoldDocument(name, Path(name), "", (), (), actors, (), ())


def extraction(actors: list[Actor], mentions: list[Mention]) -> Extraction:
    article = Article(key="k", text="", sha256="s", source="test")
    return Extraction(article, tuple(actors), tuple(mentions), (), ())


def test_a_gold_actor_on_two_kg_actors_is_a_split_in_and_across_articles() -> None:
    varga = GoldActor("Ines Varga", "person", ("Varga",))
    officials = GoldActor("officials (unnamed)", "anonymous", ("officials",))
    gold = AnalystGold(
        Path("g"), (doc("a.md", (varga, officials)), doc("b.md", (varga, officials))), ()
    )
    xa = extraction(
        [
            Actor("person/varga", "Varga", "person"),
            Actor("anonymous/a/officials", "officials", "anonymous"),
        ],
        [Mention("person/varga", 0, 5, "Varga")],
    )
    xb = extraction(
        [
            Actor("ines-varga", "Ines Varga", "person"),
            Actor("anonymous/b/officials", "officials", "anonymous"),
        ],
        [Mention("ines-varga", 0, 10, "Ines Varga"), Mention("ines-varga", 20, 22, "she")],
    )
    found = split_pairs([gold], {("g", "a.md"): xa, ("g", "b.md"): xb})
    # the person across articles is one split; unnamed sources of two articles are two groups
    assert found == {frozenset(("person/varga", "ines-varga")): "Ines Varga"}


def test_review_counts_the_pairs_among_the_first_lines() -> None:
    pairs = {frozenset(("a", "b")): "A", frozenset(("c", "d")): "C"}
    result = review(pairs, [("x", "y"), ("b", "a"), ("e", "f"), ("c", "d")], top=3)
    assert result.found == [frozenset(("a", "b"))]
    assert result.missed == [frozenset(("c", "d"))]
    assert result.precision == 1 / 3


def test_a_place_and_a_body_of_one_name_are_two_gold_actors() -> None:
    place = GoldActor("Harbour Hall", "place", ())
    body = GoldActor("Harbour Hall", "government body", ())
    gold = AnalystGold(Path("g"), (doc("a.md", (place,)), doc("b.md", (body,))), ())
    xa = extraction([Actor("place/harbour-hall", "Harbour Hall", "place")], [])
    xb = extraction([Actor("harbour-hall", "Harbour Hall", "government_body")], [])
    assert split_pairs([gold], {("g", "a.md"): xa, ("g", "b.md"): xb}) == {}
