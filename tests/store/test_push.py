"""`kg push` against a real Oxigraph server (the `oxigraph` PyPI package) started on 127.0.0.1."""

from __future__ import annotations

import importlib.metadata
import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store.oxigraph import GraphWrite, Store
from kg.store.transfer import graph_url, push

STATEMENTS = (
    "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE "
    "{ GRAPH ?g { ?s a <https://w3id.org/kg-aigeo/ont#Statement> } }"
)
QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def oxigraph_binary() -> Path:
    """The server binary the `oxigraph` wheel installs (dev extra), wherever its venv is."""
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    try:
        dist = importlib.metadata.distribution("oxigraph")
    except importlib.metadata.PackageNotFoundError:
        pytest.fail("the `oxigraph` package is missing: `pip install -e '.[dev]'` installs it")
    for f in dist.files or ():
        if f.name == "oxigraph":
            return Path(str(dist.locate_file(f))).resolve()
    pytest.fail("the `oxigraph` package has no server binary")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    log = location.parent / "oxigraph.log"
    log_fh = open(log, "wb")  # noqa: SIM115 - closed after the server stops
    proc = subprocess.Popen(
        [
            str(oxigraph_binary()),
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=log_fh,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):  # wait until it answers (not a timing assertion)
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(
                    f"oxigraph exited: {proc.stderr.read().decode() if proc.stderr else ''}"
                )
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)
    log_fh.close()


def count(base: str, query: str) -> int:
    url = base + "/query?" + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        data = json.load(resp)
    return int(data["results"]["bindings"][0]["n"]["value"])


def clear(base: str) -> None:
    req = urllib.request.Request(
        base + "/update",
        data=b"CLEAR ALL",
        headers={"Content-Type": "application/sparql-update"},
        method="POST",
    )
    urllib.request.urlopen(req, timeout=30).close()


@pytest.fixture
def store(golden_store: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "store"
    shutil.copytree(golden_store, path)
    s = Store(path)
    yield s
    s.close()


def test_pushed_data_is_queryable_on_oxigraph(oxigraph: str, store: Store) -> None:
    clear(oxigraph)
    report = push(store, oxigraph + "/store")
    assert report.ok, report.failed
    assert report.graphs == len(store.named_graphs())
    assert count(oxigraph, QUADS) == len(store) == report.triples
    local = store.select(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <https://w3id.org/kg-aigeo/ont#Statement> }"
    )
    assert count(oxigraph, STATEMENTS) == int(local.rows[0][0].value) > 0  # type: ignore[union-attr]


def test_repush_replaces_instead_of_duplicating(oxigraph: str, store: Store) -> None:
    clear(oxigraph)
    push(store, oxigraph + "/store")
    graph = next(g for g in store.named_graphs() if "/article/" in g)
    store.replace_graphs([GraphWrite(graph, "<urn:only> <urn:this> <urn:now> .")])
    report = push(store, oxigraph + "/store")
    assert report.ok
    assert count(oxigraph, QUADS) == len(store)
    in_graph = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    assert count(oxigraph, in_graph) == 1


def test_unreachable_endpoint_is_retried_then_reported(store: Store) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/store"  # nothing listens there
    graphs = store.named_graphs()[:2]
    report = push(store, endpoint, graphs=graphs, retries=2, backoff=0.01)
    assert [g for g, _ in report.failed] == graphs
    assert all("gave up after 2 retries" in reason for _, reason in report.failed)
    assert report.graphs == 0


def test_client_error_is_not_retried(oxigraph: str, store: Store) -> None:
    graphs = store.named_graphs()[:1]
    report = push(store, oxigraph + "/no-such-path", graphs=graphs, retries=3, backoff=5)
    assert len(report.failed) == 1 and "HTTP 404" in report.failed[0][1]
    assert report.retries == 0


def test_graph_url_quotes_the_iri() -> None:
    assert graph_url("http://h/store", "urn:a b") == "http://h/store?graph=urn%3Aa%20b"
    assert graph_url("http://h/gsp?x=1", "urn:g") == "http://h/gsp?x=1&graph=urn%3Ag"


def test_cli_push_prints_a_summary(oxigraph: str, golden_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "store"
    shutil.copytree(golden_store, path)
    args = ["push", "--store", str(path), "--endpoint"]
    result = CliRunner().invoke(main, [*args, oxigraph + "/store"])
    assert result.exit_code == 0, result.output
    assert "graphs (" in result.output and "0 failed" in result.output
    bad = CliRunner().invoke(main, [*args, "ftp://x"])
    assert bad.exit_code == 1 and "not an http(s) URL" in bad.output
