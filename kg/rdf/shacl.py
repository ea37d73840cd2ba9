"""SHACL validation (pyshacl) of each article graph with the actor registry.

One path: `ArticleValidator` checks an article graph with the registry triples of the actors it
names, every rdf:type closed over the ontology's subclass hierarchy up front, so pyshacl runs
without inference on a few hundred triples. Ingest runs it on each article before committing
it (`check_article`) and `kg validate` on every stored graph (`validate_store`). The slow
reference (pyshacl with RDFS inference over article, whole registry and ontology) is
tests/helpers/shacl.py, the oracle both are checked against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg.errors import ValidationError
from kg.rdf.mapping import ontology_graph, registry_graph
from kg.rdf.ontology import ACTORS_GRAPH, ARTICLE_GRAPH_PREFIX, ontology_path
from kg.resolve.gazetteer import Gazetteer
from kg.store.oxigraph import Store


@dataclass(frozen=True)
class Violation:
    graph: str
    focus: str
    path: str
    message: str


@dataclass
class ValidationReport:
    graphs: int = 0
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations


def _shapes() -> Graph:
    g = Graph()
    g.parse(ontology_path("shapes.ttl"), format="turtle")
    return g


def _violations(report: Graph, graph_name: str) -> list[Violation]:
    out = []
    for result in report.subjects(predicate=SH.resultSeverity):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        out.append(Violation(graph_name, str(focus), str(path or ""), str(message or "")))
    return out


def validate_store(store: Store) -> ValidationReport:
    """Validate every article graph of the store, each with the registry triples of the actors
    it names, and the actor registry itself (whose violations name the registry graph)."""
    registry = Graph()
    registry.parse(data=store.graph_ntriples(str(ACTORS_GRAPH)), format="nt")
    validator = ArticleValidator(registry)
    report = ValidationReport()
    report.violations.extend(validator.violations(registry, str(ACTORS_GRAPH)))
    for graph in store.named_graphs():
        if not graph.startswith(ARTICLE_GRAPH_PREFIX):
            continue
        data = Graph()
        data.parse(data=store.graph_ntriples(graph), format="nt")
        report.graphs += 1
        report.violations.extend(validator.violations(data, graph))
    return report


# --- ingest-time validation ----------------------------------------------------------------------


class ArticleValidator:
    """Validates one article graph before it is committed, fast enough to run on every ingest.

    Handing pyshacl the article, the whole registry and the ontology with RDFS inference takes
    about a second per article. Here the shapes are parsed once, the registry is indexed by
    subject once, and the data graph is the article plus the registry triples of the nodes it
    mentions, with every rdf:type closed over the ontology's subclass hierarchy up front, so
    pyshacl runs without inference on a few hundred triples (the tests check both agree).
    """

    def __init__(self, registry: Graph) -> None:
        self.shapes = _shapes()
        ont = ontology_graph()
        self.supers: dict[URIRef, set[URIRef]] = {}
        for cls in set(ont.subjects(RDF.type, OWL.Class)) | set(ont.subjects(RDFS.subClassOf)):
            if isinstance(cls, URIRef):
                self.supers[cls] = {
                    c for c in ont.transitive_objects(cls, RDFS.subClassOf) if isinstance(c, URIRef)
                }
        self.registry: dict[URIRef, list[tuple[Any, Any, Any]]] = {}
        for s, p, o in registry:
            if isinstance(s, URIRef):
                self.registry.setdefault(s, []).append((s, p, o))

    def violations(self, article: Graph, graph_name: str) -> list[Violation]:
        data = Graph()
        for triple in article:
            data.add(triple)
        for node in {o for o in article.objects() if isinstance(o, URIRef)}:
            for triple in self.registry.get(node, ()):
                data.add(triple)
        for s, cls in list(data.subject_objects(RDF.type)):
            for sup in self.supers.get(cls, ()):  # type: ignore[call-overload]
                data.add((s, RDF.type, sup))
        _conforms, report, _text = shacl_validate(
            data, shacl_graph=self.shapes, inference="none", allow_warnings=True, inplace=True
        )
        assert isinstance(report, Graph)
        return _violations(report, graph_name)


_validator: tuple[Gazetteer, ArticleValidator] | None = None


def check_article(article: Graph, gazetteer: Gazetteer) -> None:
    """Raise ValidationError naming the article and each offending node if the graph breaks a
    shape; the validator is built once per gazetteer (i.e. once per ingest run)."""
    global _validator
    if _validator is None or _validator[0] is not gazetteer:
        _validator = (gazetteer, ArticleValidator(registry_graph(gazetteer)))
    found = _validator[1].violations(article, str(article.identifier))
    if found:
        details = "; ".join(f"{v.focus} {v.path}: {v.message}".strip() for v in found[:5])
        more = f" (and {len(found) - 5} more)" if len(found) > 5 else ""
        raise ValidationError(
            f"graph {article.identifier} breaks the SHACL shapes, not committed: {details}{more}",
            hint="the shapes are in ontology/shapes.ttl",
        )
