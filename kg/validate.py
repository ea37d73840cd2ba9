"""SHACL validation (pyshacl) of each article graph with the registry and the ontology."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import SH

from kg.ontology import ACTORS_GRAPH, ARTICLE_GRAPH_PREFIX, ontology_path
from kg.rdf import ontology_graph
from kg.store import Store


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


def validate_graph(data: Graph, graph_name: str, shapes: Graph, ont: Graph) -> list[Violation]:
    _conforms, report, _text = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ont, inference="rdfs", allow_warnings=True
    )
    assert isinstance(report, Graph)
    out = []
    for result in report.subjects(predicate=SH.resultSeverity):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        out.append(Violation(graph_name, str(focus), str(path or ""), str(message or "")))
    return out


def validate_store(store: Store) -> ValidationReport:
    """Validate every article graph on its own, together with the actor registry."""
    shapes = _shapes()
    ont = ontology_graph()
    registry = Graph()
    registry.parse(data=store.graph_ntriples(str(ACTORS_GRAPH)), format="nt")
    report = ValidationReport()
    for graph in store.named_graphs():
        if not graph.startswith(ARTICLE_GRAPH_PREFIX):
            continue
        data = Graph()
        data.parse(data=store.graph_ntriples(graph), format="nt")
        data += registry
        report.graphs += 1
        report.violations.extend(validate_graph(data, graph, shapes, ont))
    return report
