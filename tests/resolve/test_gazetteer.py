import tomllib

import pytest

from kg.rdf.ontology import ontology_path
from kg.resolve.gazetteer import Gazetteer, discovered_actor, normalize_name


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("Nvidia Corp.", "nvidia"),
        ("the Commerce Department", "commerce department"),
        ("Huawei’s", "huawei"),
        ("Alibaba Group Holding Ltd.", "alibaba"),
        ("U.S.", "us"),
    ],
)
def test_normalize_name(raw: str, norm: str) -> None:
    assert normalize_name(raw) == norm


def test_beijing_and_china_are_one_actor() -> None:
    gaz = Gazetteer.default()
    china = gaz.lookup("China")
    assert china is not None and china.kind == "state"
    assert gaz.lookup("Beijing") == china


def test_company_suffix_variants_resolve() -> None:
    gaz = Gazetteer.default()
    nvidia = gaz.lookup("Nvidia")
    assert nvidia is not None and nvidia.kind == "company"
    assert gaz.lookup("Nvidia Corp.") == nvidia


def test_gazetteer_is_consistent() -> None:
    with open(ontology_path("gazetteer.toml"), "rb") as fh:
        entries = tomllib.load(fh)["actor"]
    seen: dict[str, str] = {}
    for e in entries:
        assert e.get("wikidata", "") == "" or e["wikidata"].startswith("Q"), e["id"]
        for form in (e["label"], *e.get("aliases", [])):
            assert form not in seen, f"{form!r} names both {seen[form]} and {e['id']}"
            seen[form] = e["id"]
        assert e["label"] not in e.get("aliases", [])


def test_discovered_actor_ids_are_stable() -> None:
    a = discovered_actor("Acme Robotics Inc.", "organization")
    b = discovered_actor("the Acme Robotics", "organization")
    assert a.id == b.id == "organization/acme-robotics"


# --- names outside the gazetteer (issue 5) -------------------------------------------------------

from pathlib import Path  # noqa: E402

from kg.resolve.decisions import Decisions, Merge  # noqa: E402
from kg.resolve.names import defined_acronyms, fuzzy_lookup, strip_title  # noqa: E402


def test_strip_title() -> None:
    assert strip_title("Commerce Secretary Gina Raimondo") == "Gina Raimondo"
    assert strip_title("Secretary Raimondo") == "Raimondo"
    assert strip_title("Raimondo") == "Raimondo"


def test_defined_acronyms_need_matching_initials() -> None:
    text = (
        "On Tuesday the Office of Compute Oversight (OCO) said so. "
        "Sales of the chip (X9) rose. The Tallinn Robotics Guild (TRG) agreed."
    )
    found = defined_acronyms(text)
    assert found["OCO"].endswith("Office of Compute Oversight")
    assert found["TRG"] == "Tallinn Robotics Guild"
    assert "X9" not in found


def test_fuzzy_lookup_respects_threshold_and_kind() -> None:
    gaz = Gazetteer.default()
    hit = fuzzy_lookup(gaz, "Gina Raimundo", "person")
    assert hit is not None and hit[0].id == "gina-raimondo"
    assert fuzzy_lookup(gaz, "Gina Raimundo", "state") is None  # wrong kind
    assert fuzzy_lookup(gaz, "Metal", "organization") is None  # too short to guess
    assert fuzzy_lookup(gaz, "Quantum Harbor Labs", "organization") is None


def test_decisions_round_trip_and_chains(tmp_path: Path) -> None:
    d = Decisions(
        merges=(
            Merge("person/a", "person/b", "B", "person", "same", "2025-01-01"),
            Merge("person/b", "gina-raimondo", "Gina Raimondo", "person"),
        ),
        distinct=(("organization/x", "organization/y"),),
        path=str(tmp_path / "decisions.toml"),
    )
    Path(d.path).write_text(d.to_toml(), encoding="utf-8")
    back = Decisions.load(d.path)
    assert back.merges == d.merges and back.distinct == d.distinct
    target = back.target("person/a")
    assert target is not None and target.into == "gina-raimondo"
    assert back.kept_apart("organization/y", "organization/x")
    assert Decisions.load(tmp_path / "missing.toml").merges == ()


def test_bad_decisions_file_is_a_clear_error(tmp_path: Path) -> None:
    from kg.resolve.decisions import DecisionsError

    bad = tmp_path / "d.toml"
    bad.write_text("[[merge]]\nactor = 'x'\n", encoding="utf-8")
    with pytest.raises(DecisionsError, match="not valid"):
        Decisions.load(bad)


def test_group_phrase_resolves_to_gazetteer_group_case_insensitively() -> None:
    gaz = Gazetteer.default()
    assert gaz.discovered("Analysts", "group").id == "analysts"
    assert gaz.discovered("Analysts", "person").id == "person/analysts"
    assert discovered_actor("Analysts", "group").id == "group/analysts"  # no gazetteer, no lookup


# --- issue 18: places, news organisations, acronyms with function words --------------------------


def test_capitals_name_their_state_and_a_place() -> None:
    gaz = Gazetteer.default()
    assert gaz.lookup("Beijing") == gaz.get("china")
    place = gaz.place_named("Beijing", "china")
    assert place is not None and place.kind == "place" and place.id == "place/beijing"
    assert gaz.place_named("Beijing", "united-states") is None  # only the entry's own form
    assert gaz.place_named("China", "china") is None  # a country is never only a place
    west = gaz.place_named("West", "western-governments")  # the ruler drops a leading "the"
    assert west is not None and west.name == "the West"


def test_news_organisations_are_flagged_organizations() -> None:
    gaz = Gazetteer.default()
    reuters = gaz.lookup("Reuters")
    assert reuters is not None and reuters.kind == "organization" and gaz.is_news(reuters.id)
    assert not gaz.is_news("nvidia")


def test_administrations_and_eu_institutions_have_their_own_kinds() -> None:
    gaz = Gazetteer.default()
    assert gaz.lookup("Trump Administration") == gaz.get("trump-administration")
    assert gaz.get("trump-administration").kind == "government_body"  # type: ignore[union-attr]
    assert gaz.lookup("the Biden administration") != gaz.get("united-states")
    for name in ("European Commission", "European Parliament", "European AI Office"):
        found = gaz.lookup(name)
        assert found is not None and found.kind == "international_body", name
    assert gaz.lookup("analysts").kind == "anonymous"  # type: ignore[union-attr]


def test_a_place_form_must_be_a_name_of_its_entry(tmp_path: Path) -> None:
    from kg.errors import GazetteerError

    path = tmp_path / "g.toml"
    path.write_text(
        '[[actor]]\nid = "x"\nlabel = "Xland"\nkind = "state"\naliases = ["Xcity"]\n'
        'wikidata = ""\nplaces = ["Ycity"]\n',
        encoding="utf-8",
    )
    with pytest.raises(GazetteerError, match="Ycity"):
        Gazetteer.load(path)


def test_acronym_may_take_the_initials_of_function_words() -> None:
    found = defined_acronyms("The U.S. Department of Commerce (DOC) said so.")
    assert found["DOC"] == "Department of Commerce"
