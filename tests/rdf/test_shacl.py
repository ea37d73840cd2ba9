"""SHACL: the fast per-article check (ingest and `kg validate`) agrees with the full validation
(pyshacl with RDFS inference over article, whole registry and ontology: tests/helpers/shacl.py)
and names the node."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.errors import ValidationError
from kg.rdf.mapping import registry_graph, to_ntriples
from kg.rdf.ontology import ACTORS_GRAPH, ARTICLE_GRAPH_PREFIX, KG
from kg.rdf.shacl import (
    ArticleValidator,
    ValidationReport,
    Violation,
    check_article,
    validate_store,
)
from kg.resolve.gazetteer import Gazetteer
from kg.store.oxigraph import GraphWrite, Store, open_store
from tests.helpers.paths import GOLDEN
from tests.helpers.shacl import full_validation


def golden_article() -> Graph:
    g = Graph(identifier=URIRef(ARTICLE_GRAPH_PREFIX + "golden"))
    g.parse(GOLDEN / "article.nt", format="nt")
    return g


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture(scope="module")
def validator(gazetteer: Gazetteer) -> ArticleValidator:
    return ArticleValidator(registry_graph(gazetteer))


@pytest.fixture(scope="module")
def articles(golden_store: Path) -> list[Graph]:
    store = Store(golden_store, read_only=True)
    out = []
    for name in store.named_graphs():
        if name.startswith(ARTICLE_GRAPH_PREFIX):
            g = Graph(identifier=URIRef(name))
            g.parse(data=store.graph_ntriples(name), format="nt")
            out.append(g)
    return out


def broken(article: Graph) -> tuple[Graph, URIRef]:
    """A copy of an article graph where one statement lost its speaker."""
    g = Graph(identifier=article.identifier)
    g += article
    statement = next(iter(sorted(g.subjects(RDF.type, KG.Statement))))
    assert isinstance(statement, URIRef)
    g.remove((statement, KG.speaker, None))
    return g, statement


def test_every_corpus_article_conforms(validator: ArticleValidator, articles: list[Graph]) -> None:
    assert articles
    for g in articles:
        assert validator.violations(g, str(g.identifier)) == []


def test_fast_check_agrees_with_the_full_validation(
    validator: ArticleValidator, articles: list[Graph], gazetteer: Gazetteer
) -> None:
    g, statement = broken(articles[0])
    fast = validator.violations(g, "g")
    data = Graph()
    data += g
    data += registry_graph(gazetteer)
    full = full_validation(data, "g")
    assert fast == full
    assert [v.focus for v in fast] == [str(statement)]
    assert fast[0].path == str(KG.speaker)


def test_wrong_class_is_caught_through_the_subclass_hierarchy(
    validator: ArticleValidator, articles: list[Graph]
) -> None:
    g = Graph(identifier=articles[0].identifier)
    g += articles[0]
    statement = next(iter(sorted(g.subjects(RDF.type, KG.Statement))))
    claim = g.value(statement, KG.states)
    g.set((statement, KG.speaker, claim))  # a claim is not a kg:Entity
    found = validator.violations(g, "g")
    assert any(v.focus == str(statement) and v.path == str(KG.speaker) for v in found)


def test_check_article_raises_with_the_article_and_node(
    articles: list[Graph], gazetteer: Gazetteer
) -> None:
    check_article(articles[0], gazetteer)  # conforming: no error
    g, statement = broken(articles[0])
    with pytest.raises(ValidationError) as err:
        check_article(g, gazetteer)
    message = str(err.value)
    assert str(g.identifier) in message and str(statement) in message
    assert "not committed" in message and "exactly one speaker" in message


def _validate(path: Path, registry: Graph, article: Graph) -> ValidationReport:
    with open_store(path) as store:
        store.replace_graphs(
            [
                GraphWrite(str(ACTORS_GRAPH), to_ntriples(registry)),
                GraphWrite(str(article.identifier), to_ntriples(article)),
            ]
        )
        return validate_store(store)


def _found(violations: list[Violation]) -> set[tuple[str, str, str]]:
    return {(v.focus, v.path, v.message) for v in violations}


def test_validate_store_agrees_with_the_oracle(tmp_path: Path, gazetteer: Gazetteer) -> None:
    """`kg validate`'s path on a small store (no corpus ingest): a conforming article, then one
    statement without a speaker and a registry actor whose alias is its preferred label."""
    registry = registry_graph(gazetteer)
    good = golden_article()
    report = _validate(tmp_path / "good", registry, good)
    assert report.graphs == 1 and report.conforms
    assert full_validation(good + registry, "g") == []

    bad, statement = broken(good)
    actor = next(iter(sorted(registry.subjects(KG.inGazetteer, None))))
    label = registry.value(actor, SKOS.prefLabel)
    assert isinstance(label, Literal)
    registry.add((actor, SKOS.altLabel, label))
    report = _validate(tmp_path / "bad", registry, bad)
    oracle = full_validation(bad + registry, "g")
    assert _found(report.violations) == _found(oracle)
    assert {(v.graph, v.focus) for v in report.violations} == {
        (str(bad.identifier), str(statement)),
        (str(ACTORS_GRAPH), str(actor)),
    }
