"""Publications in RDF: the sources an article's text was read from, kept in its own graph.

An article is a text (one named graph, IRIs from its content key); each source holding that
text is a `kg:Publication` linked from the article by `schema:workExample`, with its publisher
(outlet), URL, date, title, source key and the sha256 of the text as read there; when kg first
saw it is provenance, in the meta graph (kg:firstSeen), so the article graph stays a function
of its inputs and two stores merge by set union. The article node's own headline, kg:outlet,
date and URL describe its *lead* publication: one whose text the graph was extracted from (same
sha256) if still stored, the smallest source key among them or, if none is, among all. So
queries that show one outlet per article keep doing so, and queries that count sources count
the text once while listing every publisher.

Pure rdflib: the store hands over N-Triples and takes them back (kg.identity).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from rdflib import RDF, XSD, Graph, Literal, URIRef

from kg.model import Publication
from kg.rdf.ontology import (
    KG,
    META_GRAPH,
    SCHEMA,
    article_graph_iri,
    article_iri,
    publication_iri,
)

#: the article node's properties that describe its lead publication
DESCRIPTION = (SCHEMA.headline, KG.outlet, SCHEMA.datePublished, SCHEMA.url)


def lead(publications: Iterable[Publication], text_sha256: str) -> Publication | None:
    """The publication that describes the article: one whose text its offsets index, else
    any; the smallest source key among them, so the choice does not depend on ingest order."""
    pubs = list(publications)
    if not pubs:
        return None
    return min(pubs, key=lambda p: (p.sha256 != text_sha256, p.source_key))


def describe(g: Graph, article: URIRef, pub: Publication) -> None:
    """The article node's headline, outlet, date and URL, from its lead publication."""
    if pub.title:
        g.add((article, SCHEMA.headline, Literal(pub.title)))
    if pub.outlet:
        g.add((article, KG.outlet, Literal(pub.outlet)))
    if pub.date:
        g.add((article, SCHEMA.datePublished, Literal(pub.date, datatype=XSD.date)))
    if pub.url:
        g.add((article, SCHEMA.url, Literal(pub.url, datatype=XSD.anyURI)))


def add_publication(g: Graph, article: URIRef, text_key: str, pub: Publication) -> URIRef:
    node = publication_iri(pub.source_key, text_key)
    g.add((article, SCHEMA.workExample, node))
    g.add((node, RDF.type, KG.Publication))
    g.add((node, KG.sourceKey, Literal(pub.source_key)))
    g.add((node, KG.sha256, Literal(pub.sha256)))
    if pub.outlet:
        g.add((node, SCHEMA.publisher, Literal(pub.outlet)))
    if pub.title:
        g.add((node, SCHEMA.headline, Literal(pub.title)))
    if pub.date:
        g.add((node, SCHEMA.datePublished, Literal(pub.date, datatype=XSD.date)))
    if pub.url:
        g.add((node, SCHEMA.url, Literal(pub.url, datatype=XSD.anyURI)))
    return node


def publish(
    g: Graph, article: URIRef, text_key: str, text_sha256: str, pubs: Iterable[Publication]
) -> None:
    """Add the publications of an article and describe it by its lead one."""
    pubs = sorted(pubs, key=lambda p: p.source_key)
    for pub in pubs:
        add_publication(g, article, text_key, pub)
    first = lead(pubs, text_sha256)
    if first is not None:
        describe(g, article, first)


def first_seen(node: URIRef, when: datetime) -> Graph:
    """The meta-graph record of when kg first saw a publication (UTC, to the second)."""
    g = Graph(identifier=META_GRAPH)
    stamp = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    g.add((node, KG.firstSeen, Literal(stamp, datatype=XSD.dateTime)))
    return g


def _text(g: Graph, node: URIRef, prop: URIRef) -> str | None:
    value = g.value(node, prop)
    return str(value) if value is not None else None


def publications(g: Graph, article: URIRef) -> list[Publication]:
    """The publications of ``article`` as stored in its graph ``g``."""
    out = []
    for node in g.objects(article, SCHEMA.workExample):
        if not isinstance(node, URIRef):
            continue
        out.append(
            Publication(
                source_key=_text(g, node, KG.sourceKey) or "",
                sha256=_text(g, node, KG.sha256) or "",
                title=_text(g, node, SCHEMA.headline),
                outlet=_text(g, node, SCHEMA.publisher),
                date=_text(g, node, SCHEMA.datePublished),
                url=_text(g, node, SCHEMA.url),
            )
        )
    return sorted(out, key=lambda p: p.source_key)


def republish(g: Graph, article: URIRef, text_key: str, pubs: Iterable[Publication]) -> Graph:
    """A copy of an article graph with ``pubs`` as its publications (and the description of
    its lead), the extraction left as it is: for a source that joins or leaves a stored text."""
    old = {n for n in g.objects(article, SCHEMA.workExample) if isinstance(n, URIRef)}
    out = Graph(identifier=g.identifier)
    for s, p, o in g:
        if s in old or (s == article and (p == SCHEMA.workExample or p in DESCRIPTION)):
            continue
        out.add((s, p, o))
    sha = g.value(article, KG.sha256)
    publish(out, article, text_key, str(sha) if sha is not None else "", pubs)
    return out


@dataclass(frozen=True)
class TextGraph:
    """An article graph as stored: its text key, the sha256 of the text its offsets index
    (that of the source it was extracted from) and its publications."""

    key: str
    graph: Graph
    sha256: str
    publications: tuple[Publication, ...]

    @property
    def node(self) -> URIRef:
        return article_iri(self.key)

    def claims(self) -> set[str]:
        return claims_in(self.graph)

    def with_publications(self, pubs: Iterable[Publication]) -> Graph:
        return republish(self.graph, self.node, self.key, pubs)


def read_text_graph(ntriples: str, text_key: str) -> TextGraph | None:
    """An article graph from the N-Triples the store holds for it (None if empty)."""
    if not ntriples.strip():
        return None
    g = Graph(identifier=article_graph_iri(text_key))
    g.parse(data=ntriples, format="nt")
    node = article_iri(text_key)
    sha = g.value(node, KG.sha256)
    return TextGraph(text_key, g, str(sha) if sha is not None else "", tuple(publications(g, node)))


def claims_in(graph: Graph | str) -> set[str]:
    """The claims an article graph (or its N-Triples) states."""
    if isinstance(graph, str):
        graph = Graph().parse(data=graph, format="nt")
    return {str(c) for c in graph.subjects(RDF.type, SCHEMA.Claim)}
