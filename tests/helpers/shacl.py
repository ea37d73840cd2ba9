"""The SHACL oracle: pyshacl with RDFS inference over the data and the whole ontology.

What `kg validate` ran before the fast path (kg.rdf.shacl.ArticleValidator) replaced it: about a
second per article. Tests check the fast path against it."""

from __future__ import annotations

from pyshacl import validate as shacl_validate
from rdflib import Graph

from kg.rdf.mapping import ontology_graph
from kg.rdf.shacl import Violation, _shapes, _violations


def full_validation(data: Graph, graph_name: str) -> list[Violation]:
    _conforms, report, _text = shacl_validate(
        data,
        shacl_graph=_shapes(),
        ont_graph=ontology_graph(),
        inference="rdfs",
        allow_warnings=True,
    )
    assert isinstance(report, Graph)
    return _violations(report, graph_name)
