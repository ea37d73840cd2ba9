"""Every saved query returns rows on the sample corpus; parameters cannot change a query."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.queries import run_saved, saved_queries
from kg.store import Results, Store

PARAMS = {
    "who-says-what-about": {"actor": "China"},
    "claims-by": {"actor": "Nvidia"},
    "positions-over-time": {"actor": "Jensen Huang"},
    "evidence-for": {"text": "export"},
    "statement-provenance": {"text": "export controls have slowed"},
}


@pytest.fixture
def store(corpus_store: Path) -> Iterator[Store]:
    s = Store(corpus_store)
    yield s
    s.close()


def test_there_are_at_least_eight_saved_queries() -> None:
    assert len(saved_queries()) >= 8


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_saved_query_returns_rows(store: Store, name: str) -> None:
    results = run_saved(store, name, PARAMS.get(name, {}))
    assert results.rows, f"{name} returned no rows on the sample corpus"


def test_who_says_what_about_china_is_alias_aware(store: Store) -> None:
    china = run_saved(store, "who-says-what-about", {"actor": "China"})
    beijing = run_saved(store, "who-says-what-about", {"actor": "beijing"})
    assert set(china.rows) == set(beijing.rows)
    speakers = {r[0].value for r in china.rows if r[0]}
    assert {"Gina Raimondo", "Lin Jian"} <= speakers
    assert len({r[4].value for r in china.rows if r[4]}) >= 3  # several outlets


def test_contradictions_are_found_across_sources(store: Store) -> None:
    res = run_saved(store, "contradictions", {})
    claims = {r[0].value for r in res.rows if r[0]}
    assert "export controls have slowed china's progress in artificial intelligence" in claims
    assert "us sanctions have held back huawei's ascend chip production" in claims
    assert "the gallium and germanium controls were aimed at the united states" in claims


def test_same_claim_from_two_outlets_is_one_claim(store: Store) -> None:
    res = run_saved(store, "shared-claims", {})
    shared = {r[0].value: r[1].value for r in res.rows if r[0] and r[1]}
    claim = "the updated controls would close loopholes that allowed advanced chips to reach china"
    assert shared.get(claim) == "2"


@pytest.mark.parametrize(
    "payload",
    [
        'China" } } SELECT * WHERE { ?s ?p ?o } #',
        'China" . ?x ?y ?z . FILTER(true) #',
        "> DROP ALL ; <",
    ],
)
def test_parameters_cannot_change_the_query(store: Store, payload: str) -> None:
    before = len(store)
    res = run_saved(store, "who-says-what-about", {"actor": payload})
    assert res.rows == ()
    assert len(store) == before


def test_unknown_and_missing_parameters_are_clear_errors(store: Store) -> None:
    with pytest.raises(QueryError, match="needs --param actor"):
        run_saved(store, "who-says-what-about", {})
    with pytest.raises(QueryError, match="no parameter"):
        run_saved(store, "top-speakers", {"actor": "x"})
    with pytest.raises(QueryError, match="no saved query"):
        run_saved(store, "nope", {})


# --- evidence queries (corpus/README.md, "Planted evidence") -------------------------------------


def _column(res: Results, name: str) -> list[str]:
    i = res.variables.index(name)
    return [r[i].value if r[i] else "" for r in res.rows]


def test_claims_backed_only_by_anonymous_sources(store: Store) -> None:
    res = run_saved(store, "claims-backed-only-by-anonymous", {})
    rows = set(zip(_column(res, "claim"), _column(res, "source"), strict=True))
    smuggling = (
        "Smuggling is the bigger hole in the regime",
        "Officials familiar with the investigations",
    )
    assert smuggling in rows
    # every listed claim rests on testimony only
    for claim, _ in rows:
        assert set(_column(run_saved(store, "evidence-for", {"text": claim}), "kind")) == {
            "Testimony"
        }
    # a claim resting on a figure is not listed
    weak = set(_column(run_saved(store, "evidence-for", {"text": "weak point"}), "kind"))
    assert "Statistic" in weak
    assert not any("weak point" in c for c, _ in rows)


def test_evidence_behind_a_claim_is_typed(store: Store) -> None:
    res = run_saved(store, "evidence-for", {"text": "bigger hole"})
    kinds = set(zip(_column(res, "kind"), _column(res, "evidence"), strict=True))
    assert len(kinds) == 1
    ((kind, text),) = kinds
    assert kind == "Testimony" and text.startswith("Officials familiar with the investigations")


def test_claims_with_no_evidence_have_none(store: Store) -> None:
    claims = set(_column(run_saved(store, "claims-without-evidence", {}), "claim"))
    assert claims
    backed = set(_column(run_saved(store, "evidence-for", {"text": ""}), "claim"))
    assert backed
    assert not claims & backed
