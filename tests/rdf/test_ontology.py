from rdflib import RDF, Graph, URIRef

from kg.rdf.ontology import KG, ONT_BASE, ontology_path


def _ttl_terms() -> set[str]:
    g = Graph()
    g.parse(ontology_path("kg.ttl"), format="turtle")
    terms = set()
    for s, _p, _o in g:
        if isinstance(s, URIRef) and str(s).startswith(ONT_BASE):
            terms.add(str(s)[len(ONT_BASE) :])
    return terms


def _code_terms() -> set[str]:
    return set(KG.__annotations__)


def test_every_turtle_term_is_in_code() -> None:
    assert _ttl_terms() - _code_terms() == set()


def test_every_code_term_is_defined_in_turtle() -> None:
    assert _code_terms() - _ttl_terms() == set()


def test_unknown_term_is_rejected() -> None:
    import pytest

    with pytest.raises(AttributeError):
        _ = KG.Speaker  # a typo of kg:speaker


def test_every_term_has_a_type() -> None:
    g = Graph()
    g.parse(ontology_path("kg.ttl"), format="turtle")
    for name in _code_terms():
        assert (URIRef(ONT_BASE + name), RDF.type, None) in g, name


def test_shapes_parse() -> None:
    g = Graph()
    g.parse(ontology_path("shapes.ttl"), format="turtle")
    assert len(g) > 20
