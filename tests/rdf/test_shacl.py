"""SHACL at ingest: the fast per-article check agrees with `kg validate` and names the node."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.errors import ValidationError
from kg.rdf.mapping import ontology_graph, registry_graph
from kg.rdf.ontology import ARTICLE_GRAPH_PREFIX, KG
from kg.rdf.shacl import ArticleValidator, _shapes, check_article, validate_graph
from kg.resolve.gazetteer import Gazetteer
from kg.store.oxigraph import Store


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
    full = validate_graph(data, "g", _shapes(), ontology_graph())
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
