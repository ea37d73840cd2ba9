"""Every saved query returns rows on the sample corpus; parameters cannot change a query."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.model import Actor
from kg.store.oxigraph import Results, Store
from kg.store.queries import run_saved, saved_queries

PARAMS = {
    "who-says-what-about": {"actor": "China"},
    "claims-by": {"actor": "Nvidia"},
    "positions-over-time": {"actor": "Jensen Huang"},
    "evidence-for": {"text": "export"},
    "statement-provenance": {"text": "export controls have slowed"},
}


@pytest.fixture
def store(golden_store: Path) -> Iterator[Store]:
    s = Store(golden_store)
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
    government = run_saved(store, "who-says-what-about", {"actor": "the chinese government"})
    assert set(china.rows) == set(government.rows)
    # "Beijing" also names the city where a text only locates something (a place of its own,
    # issue 18): the state's statements and those about the city
    beijing = run_saved(store, "who-says-what-about", {"actor": "beijing"})
    assert set(china.rows) <= set(beijing.rows)
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
    with pytest.raises(QueryError, match="needs a value for its parameter 'actor'"):
        run_saved(store, "who-says-what-about", {})
    with pytest.raises(QueryError, match="no parameter"):
        run_saved(store, "top-speakers", {"actor": "x"})
    with pytest.raises(QueryError, match="no saved query"):
        run_saved(store, "nope", {})


# --- evidence queries (corpus/README.md, "Planted evidence") -------------------------------------


def _column(res: Results, name: str) -> list[str]:
    i = res.variables.index(name)
    return [cell.value if (cell := r[i]) else "" for r in res.rows]


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
    # each in the sentence it stands in, itself marked
    for evidence, sentence in zip(_column(res, "evidence"), _column(res, "sentence"), strict=True):
        assert f"[[{evidence}]]" in sentence
    every = run_saved(store, "evidence-for", {"text": ""})
    pairs = list(zip(_column(every, "evidence"), _column(every, "sentence"), strict=True))
    assert all(f"[[{e}]]" in s for e, s in pairs)
    assert any(len(s) > len(e) + 4 for e, s in pairs)


def _statements(res: Results) -> set[tuple[str, ...]]:
    """(speaker, claim text, outlet) of each row: one statement, as both queries name it (the
    same words can be stated in two articles, one with evidence and one without)."""
    return set(zip(*(_column(res, v) for v in ("speaker", "claim", "outlet")), strict=True))


def test_claims_with_no_evidence_have_none(store: Store) -> None:
    # by text and outlet: two articles may state the same text, one with evidence
    bare = run_saved(store, "claims-without-evidence", {})
    claims = set(zip(_column(bare, "claim"), _column(bare, "outlet"), strict=True))
    assert claims
    held = run_saved(store, "evidence-for", {"text": ""})
    backed = set(zip(_column(held, "claim"), _column(held, "outlet"), strict=True))
    assert backed
    assert not claims & backed


# --- actor lookup by kg:nameKey (labels lower-cased at ingest) -----------------------------------


def test_every_actor_label_has_its_name_key(store: Store) -> None:
    res = store.select(
        """PREFIX kg: <https://w3id.org/kg-aigeo/ont#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?x ?label ?key WHERE {
          { ?st kg:speaker ?x } UNION { ?st kg:about ?x }
          ?x skos:prefLabel|skos:altLabel ?label .
          OPTIONAL { ?x kg:nameKey ?key FILTER(?key = LCASE(STR(?label))) }
        }"""
    )
    assert res.rows
    missing = [(r[0].value, r[1].value) for r in res.rows if r[0] and r[1] and r[2] is None]
    assert not missing


@pytest.mark.parametrize(
    ("name", "actor", "variants"),
    [
        ("claims-by", "Nvidia", ["NVIDIA", "nvidia", "nViDiA"]),
        ("who-says-what-about", "China", ["PRC", "prc", "cHINA"]),
        ("positions-over-time", "Jensen Huang", ["JENSEN HUANG", "jensen huang"]),
    ],
)
def test_actor_lookup_by_name_or_alias_in_any_case(
    store: Store, name: str, actor: str, variants: list[str]
) -> None:
    expected = set(run_saved(store, name, {"actor": actor}).rows)
    assert expected
    for variant in variants:
        assert set(run_saved(store, name, {"actor": variant}).rows) == expected, variant


ODD = 'Ödön "Q" Back\\slash-İlke'


@pytest.fixture(scope="module")
def odd_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One hand-built article whose speaker (not in the gazetteer) has an odd-case name."""
    from kg.model import Article, Claim, Extraction, Mention, Span
    from kg.rdf.mapping import article_graphs, ontology_graph, to_ntriples
    from kg.rdf.ontology import ONTOLOGY_GRAPH
    from kg.resolve.gazetteer import Gazetteer
    from kg.store.oxigraph import GraphWrite

    text = "Odd said that the plan works."
    speaker = Actor("person/odd", ODD, "person", aliases=("THE ODD ONE",))
    claim = Claim(
        id="c14-28",
        span=Span(14, 28, text[14:28]),
        proposition="the plan works",
        attribution="reported",
        speaker="person/odd",
        claimer=Mention("person/odd", 0, 3, "Odd"),
        cue=Span(4, 8, "said"),
        sentence=Span(0, 29, text),
        pattern="reported_speech",
        confidence=0.8,
    )
    art = Article(key="https://example.org/odd", text=text, sha256="b" * 64, source="odd.txt")
    ext = Extraction(
        article=art,
        actors=(speaker,),
        mentions=(Mention("person/odd", 0, 3, "Odd"),),
        claims=(claim,),
        evidence=(),
        pipeline="test",
    )
    graphs = article_graphs(ext, Gazetteer.default())
    s = Store(tmp_path_factory.mktemp("odd") / "store")
    s.replace_graphs(
        [
            GraphWrite(str(graphs.graph_iri), to_ntriples(graphs.graph)),
            GraphWrite(str(ONTOLOGY_GRAPH), to_ntriples(ontology_graph())),  # stance labels
        ]
    )
    yield s
    s.close()


@pytest.mark.parametrize(
    "actor", [ODD, ODD.upper(), ODD.lower(), "the odd one", "The Odd One", "unattributed SOURCE"]
)
def test_odd_case_names_still_match(odd_store: Store, actor: str) -> None:
    res = run_saved(odd_store, "claims-by", {"actor": actor})
    if actor.lower() == "unattributed source":
        assert res.rows == ()  # every claim here has a named speaker
    else:
        assert [r[2].value for r in res.rows if r[2]] == ["the plan works"]


def test_a_name_that_is_not_a_label_matches_nothing(odd_store: Store) -> None:
    for actor in ("", "Ödön", "ODD", ODD + " "):
        assert run_saved(odd_store, "claims-by", {"actor": actor}).rows == ()


ACME = Actor("org/acme", "Acme Corporation", "company")


def test_a_merged_actor_keeps_name_keys_for_its_old_labels() -> None:
    """`kg actors merge` rewrites article graphs: the old labels become aliases, with keys."""
    from rdflib import Graph, Literal

    from kg.rdf.mapping import actor_triples, remap_actor, to_ntriples
    from kg.rdf.ontology import KG, entity_iri

    g = Graph()
    actor_triples(g, Actor("org/acme-corp", "ACME Corp", "company", aliases=("Acme",)))
    g.remove((None, KG.nameKey, None))  # as stored before kg:nameKey existed
    graph = "https://example.org/graph/article/x"
    merged = Graph().parse(
        data=remap_actor(graph, to_ntriples(g), str(entity_iri("org/acme-corp")), ACME),
        format="nt",
    )
    keys = {str(o) for o in merged.objects(entity_iri(ACME.id), KG.nameKey)}
    assert keys == {"acme corporation", "acme corp", "acme"}
    assert (entity_iri("org/acme-corp"), KG.nameKey, Literal("acme corp")) not in merged
