"""`kg export` then `kg import` gives back an isomorphic dataset, in every quad format.

On the golden sample (a few articles and every shared graph): the whole corpus goes through
N-Quads export and bulk import in tests/test_golden.py."""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import KGError
from kg.pipeline import import_file
from kg.store.oxigraph import Store
from kg.store.transfer import export_to


@cache  # the exported files are parsed once for the module; nothing changes a parsed dataset
def dataset(path: Path, fmt: str) -> Dataset:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ds = Dataset()
        ds.parse(path, format=fmt)
    return ds


def same_graph(a: Graph, b: Graph) -> bool:
    """Isomorphism; without blank nodes (kg writes none) that is equality of the triple sets,
    which is much cheaper to check than rdflib's canonical hashing."""
    if any(isinstance(t, BNode) for g in (a, b) for triple in g for t in triple):
        return isomorphic(a, b)
    return set(a) == set(b)


def same_dataset(a: Dataset, b: Dataset) -> bool:
    """Graph by graph isomorphism (named graphs matched by name)."""
    names_a = {g.identifier for g in a.graphs() if len(g)}
    names_b = {g.identifier for g in b.graphs() if len(g)}
    return names_a == names_b and all(same_graph(a.graph(n), b.graph(n)) for n in names_a)


@pytest.fixture(scope="module")
def exported(golden_sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    store = Store(golden_sample_store, read_only=True)
    for fmt, ext in (("nquads", "nq"), ("trig", "trig"), ("turtle", "ttl"), ("jsonld", "jsonld")):
        export_to(store, out / f"corpus.{ext}", fmt)
    return out


@pytest.mark.parametrize(("ext", "rdflib_format"), [("nq", "nquads"), ("trig", "trig")])
def test_round_trip_is_isomorphic(
    exported: Path, tmp_path: Path, ext: str, rdflib_format: str
) -> None:
    source = exported / f"corpus.{ext}"
    store = Store(tmp_path / "store")
    added = import_file(store, source)
    assert added == len(store) > 1000
    back = tmp_path / f"back.{ext}"
    export_to(store, back, {"nq": "nquads", "trig": "trig"}[ext])
    store.close()
    assert same_dataset(dataset(source, rdflib_format), dataset(back, rdflib_format))


def test_jsonld_import_keeps_the_named_graphs(exported: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    import_file(store, exported / "corpus.jsonld")
    back = tmp_path / "back.nq"
    export_to(store, back, "nquads")
    store.close()
    assert same_dataset(dataset(exported / "corpus.nq", "nquads"), dataset(back, "nquads"))


def test_turtle_goes_into_the_named_graph_given(exported: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    import_file(store, exported / "corpus.ttl", graph="urn:kg-test:imported")
    assert store.named_graphs() == ["urn:kg-test:imported"]
    got = Graph().parse(data=store.graph_ntriples("urn:kg-test:imported"), format="nt")
    store.close()
    assert same_graph(got, Graph().parse(exported / "corpus.ttl", format="turtle"))


def test_import_errors_name_the_file(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    bad = tmp_path / "bad.nq"
    bad.write_text("<urn:a> <urn:b> this is not rdf .\n", encoding="utf-8")
    with pytest.raises(KGError, match=r"bad\.nq is not valid"):
        import_file(store, bad)
    odd = tmp_path / "data.weird"
    odd.write_text("", encoding="utf-8")
    with pytest.raises(KGError, match="cannot tell the RDF format"):
        import_file(store, odd)
    with pytest.raises(KGError, match="no such file"):
        import_file(store, tmp_path / "missing.nq")
    store.close()


def test_cli_export_then_import(golden_sample_store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    dump = tmp_path / "all.nq"
    result = runner.invoke(main, ["export", "--store", str(golden_sample_store), "-o", str(dump)])
    assert result.exit_code == 0, result.output
    target = tmp_path / "copy"
    result = runner.invoke(main, ["import", str(dump), "--store", str(target)])
    assert result.exit_code == 0, result.output
    assert "quads added from" in result.output
    assert (
        Store(target, read_only=True).named_graphs()
        == Store(golden_sample_store, read_only=True).named_graphs()
    )
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix : <urn:> . :a :b", encoding="utf-8")
    result = runner.invoke(main, ["import", str(bad), "--store", str(target)])
    assert result.exit_code == 1 and "Error:" in result.output and "bad.ttl" in result.output
