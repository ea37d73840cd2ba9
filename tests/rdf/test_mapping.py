"""The RDF mapping on a hand-built Extraction (no spaCy): golden graph, no blank nodes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from rdflib import RDF, BNode, Graph
from rdflib.compare import isomorphic

from kg.model import Actor, Article, Claim, Evidence, Extraction, Mention, Span
from kg.rdf.mapping import article_graphs
from kg.rdf.ontology import KG, OA, SCHEMA
from kg.rdf.publications import DESCRIPTION
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


def test_evidence_keeps_the_sentence_it_stands_in() -> None:
    x = extraction()
    ev = replace(x.evidence[0], sentence=Span(0, 51, TEXT))
    g = article_graphs(replace(x, evidence=(ev,)), Gazetteer.default(), generated_at=WHEN).graph
    (node,) = g.subjects(RDF.type, KG.Statistic)
    (selector,) = g.objects(node, KG.sentenceAnchor)
    assert str(g.value(selector, OA.exact)) == TEXT
    # without one (the golden file's evidence) no sentence anchor is written
    plain = article_graphs(x, Gazetteer.default(), generated_at=WHEN).graph
    (node,) = plain.subjects(RDF.type, KG.Statistic)
    assert plain.value(node, KG.sentenceAnchor) is None


def test_no_blank_nodes_and_deterministic_iris() -> None:
    a = article_graphs(extraction(), Gazetteer.default(), generated_at=WHEN)
    b = article_graphs(extraction(), Gazetteer.default(), generated_at=WHEN)
    for g in (a.graph, a.meta):
        assert not any(isinstance(t, BNode) for triple in g for t in triple)
    assert set(a.graph) == set(b.graph)
    assert set(a.meta) == set(b.meta)


def test_same_proposition_same_claim_iri_across_articles() -> None:
    x = extraction()
    other_text = TEXT + "\nThe figures were published on Monday.\n"
    other = replace(x, article=replace(x.article, key="https://example.org/a2", text=other_text))
    ga = article_graphs(x, Gazetteer.default()).graph
    gb = article_graphs(other, Gazetteer.default()).graph
    claims_a = set(ga.subjects(RDF.type, SCHEMA.Claim))
    statements_a = set(ga.subjects(RDF.type, KG.Statement))
    statements_b = set(gb.subjects(RDF.type, KG.Statement))
    assert len(claims_a) == 1
    assert claims_a == set(gb.subjects(RDF.type, SCHEMA.Claim))
    assert statements_a.isdisjoint(statements_b)  # one statement per article


def test_identity_comes_from_the_text_not_the_source() -> None:
    """The same text under another source key (another folder, another outlet) is the same
    article graph, statements and anchors; only its publication differs."""
    x = extraction()
    copy = replace(
        x,
        article=replace(
            x.article, key="/elsewhere/a1.txt", outlet="Harbour Wire", url=None, sha256="b" * 64
        ),
    )
    ga = article_graphs(x, Gazetteer.default(), generated_at=WHEN)
    gb = article_graphs(copy, Gazetteer.default(), generated_at=WHEN)
    assert ga.graph_iri == gb.graph_iri
    pubs = {g: set(g.graph.subjects(RDF.type, KG.Publication)) for g in (ga, gb)}
    assert pubs[ga].isdisjoint(pubs[gb]) and len(pubs[ga]) == len(pubs[gb]) == 1
    without_pubs = [
        {t for t in g.graph if not ({t[0], t[2]} & pubs[g]) and t[1] not in DESCRIPTION}
        for g in (ga, gb)
    ]
    assert without_pubs[0] - {t for t in without_pubs[0] if t[1] == KG.sha256} == without_pubs[
        1
    ] - {t for t in without_pubs[1] if t[1] == KG.sha256}


def test_whitespace_and_composed_accents_do_not_change_the_text_key() -> None:
    from kg.model import text_key

    assert text_key("Caf\u00e9 said  that\n\nprices rose.\n") == text_key(
        "Cafe\u0301 said that prices rose."
    )
    assert text_key("Prices rose.") != text_key("Prices fell.")
    front = "---\ntitle: A\n---\n"
    art = Article(key="k", text=front + "Prices rose.", sha256="0" * 64, source="s",
                  body_start=len(front))  # fmt: skip
    assert art.text_key == text_key("Prices rose.")


def test_ntriples_are_sorted_and_the_same_for_the_same_graph() -> None:
    """rdflib writes N-Triples lines in no fixed order; a digest of them (the registry sync)
    must not change when the graph does not. A literal may hold a line separator."""
    from rdflib import Literal, URIRef

    from kg.rdf.mapping import to_ntriples

    triples = [
        (URIRef(f"http://example.org/s{i}"), URIRef("http://example.org/p"), Literal(f"v{i}"))
        for i in range(50)
    ]
    triples.append((triples[0][0], triples[0][1], Literal("one\u2028two\x85three")))
    a, b = Graph(), Graph()
    for t in triples:
        a.add(t)
    for t in reversed(triples):
        b.add(t)
    text = to_ntriples(a)
    assert text == to_ntriples(b)
    lines = text.split("\n")[:-1]
    assert lines == sorted(lines) and len(lines) == len(triples)
    assert set(Graph().parse(data=text, format="nt")) == set(a)


def test_registry_digest_does_not_depend_on_the_hash_seed() -> None:
    """The ontology and registry graphs are rewritten only when their digest changes; with
    rdflib's line order that digest changed from one run to the next (PYTHONHASHSEED)."""
    import os
    import subprocess
    import sys

    code = (
        "import hashlib; from kg.rdf.mapping import registry_graph, to_ntriples; "
        "from kg.resolve.gazetteer import Gazetteer; "
        "print(hashlib.sha256(to_ntriples(registry_graph(Gazetteer.default())).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_an_attitude_is_no_claim_in_the_graph() -> None:
    """'Nvidia vowed to appeal': an attitude keeps its holder, text and anchor, but states no
    schema:Claim and is no kg:Statement, so nothing that reads claims reads it."""
    text = TEXT + " Nvidia vowed to appeal the ruling."
    start = text.index("to appeal")
    attitude = Claim(
        id=f"c{start}-{len(text) - 1}",
        span=Span(start, len(text) - 1, text[start:-1]),
        proposition="to appeal the ruling",
        attribution="attitude",
        speaker="nvidia",
        claimer=Mention("nvidia", 52, 58, "Nvidia"),
        cue=Span(59, 64, "vowed"),
        sentence=Span(52, len(text), text[52:]),
        pattern="kg.reported_speech.v1",
        confidence=0.8,
    )
    x = extraction()
    x = replace(x, article=replace(x.article, text=text), attitudes=(attitude,))
    g = article_graphs(x, Gazetteer.default(), generated_at=WHEN).graph
    (node,) = g.subjects(RDF.type, KG.Attitude)
    assert str(g.value(node, SCHEMA.text)) == "to appeal the ruling"
    assert str(g.value(node, KG.holder)).endswith("/nvidia")
    assert str(g.value(node, KG.cue)) == "vowed"
    assert (node, RDF.type, KG.Statement) not in g
    assert g.value(node, KG.states) is None and g.value(node, KG.speaker) is None
    claims = {str(t) for c in g.subjects(RDF.type, SCHEMA.Claim) for t in g.objects(c, SCHEMA.text)}
    assert claims == {"sales to china fell 13% last year"}
    assert len(set(g.subjects(RDF.type, KG.Statement))) == 1


def test_a_statement_s_text_reads_right_with_its_stance() -> None:
    x = extraction()
    plain = x.claims[0]
    denial = replace(plain, stance="denies", reading="sales to China rose 13% last year")
    for claim, text in ((plain, plain.span.text), (denial, "sales to China rose 13% last year")):
        g = article_graphs(replace(x, claims=(claim,)), Gazetteer.default(), generated_at=WHEN)
        assert [str(o) for o in g.graph.objects(None, KG.claimText)] == [text]
