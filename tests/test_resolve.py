import tomllib

import pytest

from kg.ontology import ontology_path
from kg.resolve import Gazetteer, discovered_actor, normalize_name


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
    gaz = Gazetteer.load()
    china = gaz.lookup("China")
    assert china is not None and china.kind == "state"
    assert gaz.lookup("Beijing") == china


def test_company_suffix_variants_resolve() -> None:
    gaz = Gazetteer.load()
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
