"""The word lists of `kg.extract.lexicon`: data files with honest headers, shipped in the wheel."""

from __future__ import annotations

import configparser
import fnmatch
import re
from pathlib import Path

import pytest

from kg.extract import lexicon
from tests.helpers.paths import ROOT

pytestmark = pytest.mark.spacy  # importing kg.extract imports spaCy (tests/conftest.py)

LEXICON = ROOT / "kg" / "extract" / "lexicon"
FILES = sorted(LEXICON.glob("*.txt"))
#: lists whose entries are not lowercase lemmas
CASED = {"NOT_ACTORS", "STAT_LABELS", "TIME_LABELS", "CURRENCY_SIGNS", "DEMONYMS"}
#: lists of noun<TAB>kinds
KINDS = {"NOMINAL_KINDS", "APPOSITION_KINDS", "WORKPLACE_KINDS", "DESCRIPTOR_KINDS"}
#: lists built in kg/extract/lexicon/__init__.py from others, each with the lists it unites
DERIVED = {
    "CLAUSE_VERBS": ["REPORT_VERBS"],
    "CUE_VERBS": ["CLAUSE_VERBS", "XCOMP_VERBS", "OBJECT_VERBS", "PREP_VERBS", "TO_VERBS"],
    "CUE_NOUNS": ["REPORT_NOUNS"],
    "SOURCE_NOUNS": ["PEOPLE_NOUNS", "ROLE_NOUNS", "MEDIA_NOUNS", "NOMINAL_KINDS"],
    "QUOTE_CUES": ["CUE_VERBS", "QUOTE_VERBS"],
}


def users(name: str) -> list[str]:
    """The kg.extract modules whose source names ``name``."""
    pattern = re.compile(rf"\b{name}\b")
    return sorted(
        f"kg.extract.{p.stem}"
        for p in (ROOT / "kg" / "extract").glob("*.py")
        if pattern.search(p.read_text(encoding="utf-8"))
    )


def test_every_file_is_a_constant_and_every_constant_is_loaded() -> None:
    assert len(FILES) >= 60
    names = [p.stem.upper() for p in FILES]
    assert sorted(names) == lexicon.list_names()
    for name in names:
        value = getattr(lexicon, name)
        assert value, name
    assert set(DERIVED) <= set(dir(lexicon))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_header_says_what_the_list_is_for_and_who_uses_it(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    name = path.stem.upper()
    assert lines[0].startswith(f"# {name}: ") and len(lines[0]) > len(name) + 20
    used = [line for line in lines if line.startswith("# Used by: ")]
    assert len(used) == 1, "one '# Used by:' line"
    direct, _, through = used[0].removeprefix("# Used by: ").partition("; and through ")
    listed = [] if direct == "no module directly" else direct.split(", ")
    assert listed == users(name), f"{path.name}: update its '# Used by:' line"
    derived = sorted(d for d, parts in DERIVED.items() if name in parts)
    assert (through.split(", ") if through else []) == derived
    assert listed or derived, f"{name} is used by no module"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_entries_are_clean(path: Path) -> None:
    name = path.stem.upper()
    found = lexicon.entries(name)
    assert len(found) == len(set(found)), "duplicate entries"
    for entry in found:
        if name in KINDS:
            word, _, kinds = entry.partition("\t")
            assert word and kinds and not re.search(r"\s", word), entry
        elif isinstance(getattr(lexicon, name), tuple):  # phrases
            assert entry == " ".join(entry.split()), entry
        else:
            assert not re.search(r"\s", entry), entry
        if name not in CASED:
            assert entry == entry.lower(), entry


def test_loaded_values_keep_their_shapes() -> None:
    assert lexicon.NOMINAL_KINDS["company"] == ("company", "organization")
    assert lexicon.NOMINAL_KINDS["administration"] == ("government_body", "state")
    assert lexicon.EXAMPLE_OPENERS[0] == ("for", "example")
    assert ("this", "'s", "why") in lexicon.FORWARD_MARKERS
    assert "LLMs" in lexicon.NOT_ACTORS and "US$" in lexicon.CURRENCY_SIGNS
    assert lexicon.REPORT_VERBS < lexicon.CLAUSE_VERBS < lexicon.CUE_VERBS < lexicon.QUOTE_CUES
    assert lexicon.REPORT_NOUNS < lexicon.CUE_NOUNS
    assert frozenset(lexicon.NOMINAL_KINDS) < lexicon.SOURCE_NOUNS
    assert lexicon.SPEAKING_ROLES < lexicon.SPOKES_NOUNS
    assert lexicon.PRONOUN_KINDS["they"]  # re-exported from kg.resolve.names


def test_the_two_lists_of_saying_verbs_stay_distinct() -> None:
    """Reported speech in news (REPORT_VERBS, with thinking and finding) is wider than the
    testimony an opinion writer hands to a source (TESTIMONY_VERBS): not merged on purpose."""
    assert {"think", "believe", "show", "find", "expect"} <= lexicon.REPORT_VERBS
    assert not {"think", "believe", "show", "find", "expect"} & lexicon.TESTIMONY_VERBS
    assert {"elaborate", "proclaim"} == lexicon.TESTIMONY_VERBS - lexicon.REPORT_VERBS


def test_the_wheel_ships_the_lists() -> None:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    globs = [g.strip() for g in cfg["options.package_data"]["kg"].split(",")]
    for path in FILES:
        rel = path.relative_to(ROOT / "kg").as_posix()
        assert any(fnmatch.fnmatch(rel, g) for g in globs), rel
