"""The kind of a new name from its words (kg.resolve.kinds) and the word lists it reads."""

from __future__ import annotations

import re

import pytest

from kg.resolve import lexicon
from kg.resolve.kinds import event_name, kind_from_name, name_head
from tests.helpers.paths import ROOT


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("Bureau of Industry and Security", "bureau"),
        ("Center for AI Standards and Innovation", "center"),
        ("Geneva Forum on Digital Policy", "forum"),
        ("Pearl River Securities", "securities"),
        ("Export Control Reform Act", "act"),
    ],
)
def test_name_head(name: str, head: str) -> None:
    assert name_head(name) == head


@pytest.mark.parametrize(
    ("name", "default", "kind"),
    [
        ("Export Control Reform Act", "organization", "rule"),
        ("Global AI Governance Initiative", "organization", "rule"),
        ("Unverified List", "organization", "rule"),
        ("Committee to Protect Journalists", "organization", "organization"),
        ("Nordic Trade Oversight Committee", "organization", "government_body"),
        ("House Select Committee on Shipping", "organization", "government_body"),
        ("Securities and Exchange Commission", "organization", "government_body"),
        ("Ministry of Economic Affairs", "organization", "government_body"),
        ("Bipartisan House AI Task Force", "organization", "government_body"),
        ("Fjordline Capital", "organization", "company"),
        ("Ellison & Park", "organization", "company"),
        ("Institute for Strategic Compute Studies", "organization", "organization"),
        ("Kestrel Semiconductor Research", "organization", "organization"),
        ("Pearl River Delta", "state", "place"),
        ("Halvard Brennick", "person", "person"),
        ("Sophgo", "organization", "organization"),
        ("Executive Order 14999", "organization", "rule"),  # an order by its number
        ("E.O. 14321", "organization", "rule"),
        ("EO 13526", "person", "rule"),
        ("Order No. 9", "person", "rule"),
        ("Orderly Markets Group", "organization", "organization"),  # no number: not an order
        ("Quantum Safety Roadmap", "organization", "rule"),
        ("Advanced Computing IFR", "organization", "rule"),  # an interim final rule
    ],
)
def test_kind_from_name(name: str, default: str, kind: str) -> None:
    assert kind_from_name(name, default) == kind


def test_events_are_named_by_their_head() -> None:
    assert event_name("World Artificial Intelligence Conference")
    assert event_name("AI Action Summit")
    assert not event_name("Geneva Forum on Digital Policy")


LISTS = sorted((ROOT / "kg" / "resolve" / "lexicon").glob("*.txt"))


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.stem)
def test_word_lists_say_what_they_are_for_and_are_used(path) -> None:  # type: ignore[no-untyped-def]
    lines = path.read_text(encoding="utf-8").splitlines()
    name = path.stem.upper()
    assert lines[0].startswith(f"# {name}: ") and len(lines[0]) > len(name) + 20
    assert lines[1].startswith("# Used by: ")
    users = lines[1].removeprefix("# Used by: ").split(", ")
    for user in users:
        source = (ROOT / (user.replace(".", "/") + ".py")).read_text(encoding="utf-8")
        assert re.search(rf"\b{name}\b", source), (name, user)
    found = lexicon.entries(name)
    assert found and len(found) == len(set(found))
    assert all(e == e.lower() and not re.search(r"\s", e) for e in found)
    assert name in lexicon.list_names()
