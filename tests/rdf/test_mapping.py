"""The RDF mapping on a hand-built Extraction (no spaCy): golden graph, no blank nodes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from rdflib import RDF, BNode, Graph
from rdflib.compare import isomorphic

from kg.model import Actor, Article, Claim, Evidence, Extraction, Mention, Span
from kg.rdf.mapping import article_graphs
from kg.rdf.ontology import KG, SCHEMA
from kg.resolve.gazetteer import Gazetteer

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "article.nt"
TEXT = "Nvidia said that sales to China fell 13% last year."


def extraction() -> Extraction:
    art = Article(
        key="https://example.org/a1",
        text=TEXT,
        sha256="a" * 64,
        source="a1.txt",
        title="Sales fall",
        outlet="Pacific Ledger",
        date="2025-01-02",
        url="https://example.org/a1",
        genre="news",
    )
    nvidia = Actor("nvidia", "Nvidia", "company", in_gazetteer=True)
    china = Actor("china", "China", "state", in_gazetteer=True)
    ev = Evidence("e37-40", "statistic", Span(37, 40, "13%"), 0.7)
    claim = Claim(
        id="c17-50",
        span=Span(17, 50, TEXT[17:50]),
        proposition="sales to china fell 13% last year",
        attribution="reported",
        speaker="nvidia",
        claimer=Mention("nvidia", 0, 6, "Nvidia"),
        cue=Span(7, 11, "said"),
        sentence=Span(0, 51, TEXT),
        about=("china",),
        evidence=("e37-40",),
        pattern="reported_speech",
        confidence=0.8,
    )
    return Extraction(
        article=art,
        actors=(nvidia, china),
        mentions=(Mention("nvidia", 0, 6, "Nvidia"), Mention("china", 26, 31, "China")),
        claims=(claim,),
        evidence=(ev,),
        pipeline="en_test-1.0",
    )


WHEN = datetime(2025, 1, 3, tzinfo=UTC)


def test_article_graph_matches_golden() -> None:
    graphs = article_graphs(extraction(), Gazetteer.default(), generated_at=WHEN)
    expected = Graph().parse(GOLDEN, format="nt")
    assert isomorphic(graphs.graph, expected)


def test_no_blank_nodes_and_deterministic_iris() -> None:
    a = article_graphs(extraction(), Gazetteer.default(), generated_at=WHEN)
    b = article_graphs(extraction(), Gazetteer.default(), generated_at=WHEN)
    for g in (a.graph, a.meta):
        assert not any(isinstance(t, BNode) for triple in g for t in triple)
    assert set(a.graph) == set(b.graph)
    assert set(a.meta) == set(b.meta)


def test_same_proposition_same_claim_iri_across_articles() -> None:
    x = extraction()
    other = replace(x, article=replace(x.article, key="https://example.org/a2"))
    ga = article_graphs(x, Gazetteer.default()).graph
    gb = article_graphs(other, Gazetteer.default()).graph
    claims_a = set(ga.subjects(RDF.type, SCHEMA.Claim))
    statements_a = set(ga.subjects(RDF.type, KG.Statement))
    statements_b = set(gb.subjects(RDF.type, KG.Statement))
    assert len(claims_a) == 1
    assert claims_a == set(gb.subjects(RDF.type, SCHEMA.Claim))
    assert statements_a.isdisjoint(statements_b)  # one statement per article
