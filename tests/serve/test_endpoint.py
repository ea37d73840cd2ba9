"""`kg serve` answered by real clients on 127.0.0.1: SPARQLWrapper, urllib, a second process."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper

from kg.errors import KGError
from kg.serve.endpoint import Endpoint, ServeConfig, negotiate
from kg.serve.http import KGServer, make_server
from kg.store.oxigraph import GraphWrite, Store
from kg.store.queries import run_saved

KG = "https://w3id.org/kg-aigeo/ont#"
COUNT_STATEMENTS = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{KG}Statement> }}"
SPEAKERS = f"""SELECT DISTINCT ?st ?name WHERE {{
  ?st a <{KG}Statement> ; <{KG}speaker>/<http://www.w3.org/2004/02/skos/core#prefLabel> ?name
}} ORDER BY ?st ?name LIMIT 50"""


def start(config: ServeConfig) -> tuple[KGServer, str]:
    server = make_server(config)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}"


def stop(server: KGServer) -> None:
    server.shutdown()
    server.server_close()


def get(url: str, accept: str | None = None) -> tuple[int, str, str]:
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode("utf-8")


def post(
    url: str, data: bytes, ctype: str, headers: dict[str, str] | None = None
) -> tuple[int, str]:
    req = urllib.request.Request(
        url, data=data, headers={"Content-Type": ctype, **(headers or {})}, method="POST"
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


@pytest.fixture(scope="module")
def store_copy(golden_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "store"
    shutil.copytree(golden_store, path)
    return path


@pytest.fixture(scope="module")
def expected(store_copy: Path) -> dict[str, object]:
    """What the store answers directly, to compare the endpoint's answers with."""
    store = Store(store_copy, read_only=True)
    statements = int(store.select(COUNT_STATEMENTS).rows[0][0].value)  # type: ignore[union-attr]
    speakers = [tuple(c.value for c in row) for row in store.select(SPEAKERS).rows]  # type: ignore[union-attr]
    claims_by = run_saved(store, "claims-by", {"actor": "Nvidia"})
    return {"statements": statements, "speakers": speakers, "claims_by": claims_by}


@pytest.fixture(scope="module")
def url(store_copy: Path) -> Iterator[str]:
    server, base = start(ServeConfig(store_copy, port=0, timeout=20, max_rows=2000))
    yield base
    stop(server)


def sparql(url: str, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def test_sparqlwrapper_select_json(url: str, expected: dict[str, object]) -> None:
    result = sparql(url, COUNT_STATEMENTS, JSON).queryAndConvert()
    assert isinstance(result, dict)
    assert int(result["results"]["bindings"][0]["n"]["value"]) == expected["statements"]
    rows = sparql(url, SPEAKERS, JSON).queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert [(b["st"]["value"], b["name"]["value"]) for b in rows] == expected["speakers"]


@pytest.mark.parametrize("method", [URLENCODED, POSTDIRECTLY])
def test_sparqlwrapper_post_form_and_direct(
    url: str, expected: dict[str, object], method: str
) -> None:
    client = sparql(url, COUNT_STATEMENTS, JSON)
    client.setMethod(POST)
    client.setRequestMethod(method)
    result = client.queryAndConvert()
    assert int(result["results"]["bindings"][0]["n"]["value"]) == expected["statements"]  # type: ignore[index]


def test_sparqlwrapper_select_xml(url: str, expected: dict[str, object]) -> None:
    doc = sparql(url, SPEAKERS, XML).queryAndConvert()
    results = doc.getElementsByTagName("result")  # type: ignore[union-attr]
    names = [
        b.getElementsByTagName("literal")[0].firstChild.data
        for r in results
        for b in r.getElementsByTagName("binding")
        if b.getAttribute("name") == "name"
    ]
    assert names == [name for _st, name in expected["speakers"]]  # type: ignore[attr-defined]


def test_sparqlwrapper_select_csv_and_tsv(url: str, expected: dict[str, object]) -> None:
    raw = sparql(url, SPEAKERS, CSV).queryAndConvert()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))  # type: ignore[union-attr]
    assert rows[0] == ["st", "name"]
    assert [tuple(r) for r in rows[1:]] == expected["speakers"]
    tsv = sparql(url, SPEAKERS, TSV).queryAndConvert().decode("utf-8")  # type: ignore[union-attr]
    lines = tsv.splitlines()
    assert lines[0] == "?st\t?name"
    first_st, first_name = expected["speakers"][0]  # type: ignore[index]
    assert lines[1] == f'<{first_st}>\t"{first_name}"'


def test_sparqlwrapper_ask_and_construct(url: str, store_copy: Path) -> None:
    ask = sparql(url, f"ASK {{ ?s a <{KG}Statement> }}", JSON).queryAndConvert()
    assert ask["boolean"] is True  # type: ignore[index]
    ask = sparql(url, "ASK { ?s a <urn:nothing> }", XML).queryAndConvert()
    assert ask.getElementsByTagName("boolean")[0].firstChild.data == "false"  # type: ignore[union-attr]
    construct = f"CONSTRUCT {{ ?st <{KG}speaker> ?who }} WHERE {{ ?st <{KG}speaker> ?who }}"
    turtle = sparql(url, construct, TURTLE).queryAndConvert()
    got = Graph().parse(data=turtle, format="turtle")  # type: ignore[arg-type]
    direct = Store(store_copy, read_only=True).select(construct).triples
    assert got.isomorphic(Graph().parse(data=direct, format="nt"))
    assert len(got) > 100


def test_describe_as_ntriples(url: str) -> None:
    q = urllib.parse.quote(f"DESCRIBE ?s WHERE {{ ?s a <{KG}Statement> }} LIMIT 1")
    status, ctype, body = get(f"{url}/sparql?query={q}", "application/n-triples")
    assert status == 200 and ctype.startswith("application/n-triples")
    assert len(Graph().parse(data=body, format="nt")) >= 5


@pytest.mark.parametrize(
    ("accept", "fmt", "ctype"),
    [
        ("application/sparql-results+json", None, "application/sparql-results+json"),
        ("application/sparql-results+xml", None, "application/sparql-results+xml"),
        ("text/csv;q=0.5, text/tab-separated-values", None, "text/tab-separated-values"),
        ("*/*", None, "application/sparql-results+json"),
        ("text/html", "csv", "text/csv"),
    ],
)
def test_content_negotiation(url: str, accept: str, fmt: str | None, ctype: str) -> None:
    q = urllib.parse.quote(COUNT_STATEMENTS)
    extra = f"&format={fmt}" if fmt else ""
    status, got, _ = get(f"{url}/sparql?query={q}{extra}", accept)
    assert status == 200
    assert got.startswith(ctype)


def test_unacceptable_type_is_406(url: str) -> None:
    status, _, body = get(f"{url}/sparql?query={urllib.parse.quote(COUNT_STATEMENTS)}", "image/png")
    assert status == 406
    assert "application/sparql-results+json" in body


def test_negotiate_prefers_higher_q() -> None:
    assert negotiate("text/csv;q=0.2, application/sparql-results+xml;q=0.9", None) == ("xml", None)
    assert negotiate("application/n-triples, text/turtle;q=0.1", None) == (None, "ntriples")


def test_saved_query_by_name_with_parameter(url: str, expected: dict[str, object]) -> None:
    status, ctype, body = get(f"{url}/queries/claims-by?actor=Nvidia")
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    data = json.loads(body)
    want = expected["claims_by"]
    assert data["head"]["vars"] == list(want.variables)  # type: ignore[attr-defined]
    assert len(data["results"]["bindings"]) == len(want.rows) > 0  # type: ignore[attr-defined]


def test_saved_query_errors_are_clear(url: str) -> None:
    status, _, body = get(f"{url}/queries/claims-by")
    assert status == 400 and "actor" in body
    status, _, body = get(f"{url}/queries/no-such-query")
    assert status == 404 and "no saved query named 'no-such-query'" in body
    status, _, body = get(f"{url}/queries")
    assert status == 200 and any(q["name"] == "claims-by" for q in json.loads(body))


def test_bad_sparql_is_400_with_the_parser_message(url: str) -> None:
    status, _, body = get(f"{url}/sparql?query=SELEKT")
    assert status == 400 and "invalid SPARQL" in body
    status, _, body = get(f"{url}/sparql")
    assert status == 400 and "no query" in body


def test_row_cap_is_a_clear_error(url: str) -> None:
    q = urllib.parse.quote("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    status, _, body = get(f"{url}/sparql?query={q}")
    assert status == 422
    assert "more than 2000 rows" in body and "--max-rows" in body


def test_timeout_is_a_clear_error(store_copy: Path) -> None:
    endpoint = Endpoint(ServeConfig(store_copy, timeout=0.2, max_rows=10**9))
    try:
        resp = endpoint.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    finally:
        endpoint.close()
    assert resp.status == 503
    assert b"timed out" in resp.body and b"0.2 s" in resp.body


def test_update_is_refused_when_read_only(url: str) -> None:
    client = SPARQLWrapper(url + "/sparql")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    status, body = post(url + "/sparql", client.queryString.encode(), "application/sparql-update")
    assert status == 403 and "read-only" in body
    status, body = post(url + "/update", b"update=CLEAR+ALL", "application/x-www-form-urlencoded")
    assert status == 403


def test_update_needs_the_flag_and_the_token(store_copy: Path, tmp_path: Path) -> None:
    with pytest.raises(KGError, match="token"):
        Endpoint(ServeConfig(store_copy, allow_update=True))
    path = tmp_path / "rw"
    shutil.copytree(store_copy, path)
    server, base = start(ServeConfig(path, port=0, allow_update=True, token="s3cret-token"))
    try:
        insert = b"INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 'c' } }"
        status, _ = post(base + "/update", insert, "application/sparql-update")
        assert status == 401
        wrong = {"Authorization": "Bearer nope"}
        status, _ = post(base + "/update", insert, "application/sparql-update", wrong)
        assert status == 401
        right = {"Authorization": "Bearer s3cret-token"}
        status, _ = post(base + "/update", insert, "application/sparql-update", right)
        assert status == 204
        ask = sparql(base, "ASK { <urn:a> <urn:b> 'c' }", JSON).queryAndConvert()
        assert ask["boolean"] is True  # type: ignore[index]
    finally:
        stop(server)


def test_html_page_escapes_and_loads_nothing_external(url: str) -> None:
    evil = 'SELECT ("<script>alert(1)</script>" AS ?x) WHERE {}'
    status, ctype, body = get(f"{url}/?query={urllib.parse.quote(evil)}")
    assert status == 200 and ctype.startswith("text/html")
    assert "<script" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "src=" not in body and "<link" not in body and "http://" not in body.split("<body>")[0]


def test_html_page_runs_a_saved_query(url: str, expected: dict[str, object]) -> None:
    status, _, body = get(f"{url}/?saved=claims-by")
    assert status == 200 and 'name="actor"' in body
    status, _, body = get(f"{url}/?saved=claims-by&run=1&actor=Nvidia")
    rows = len(expected["claims_by"].rows)  # type: ignore[attr-defined]
    assert f"<p>{rows} rows" in body
    assert body.count("<tr>") == rows + 1


LOAD_CLIENT = textwrap.dedent(
    """
    import json, sys, urllib.parse, urllib.request
    from concurrent.futures import ThreadPoolExecutor
    base, query, want = sys.argv[1], sys.argv[2], int(sys.argv[3])
    def one(i):
        if i % 2:
            url = base + "/sparql?" + urllib.parse.urlencode({"query": query})
        else:
            url = base + "/queries/top-speakers"
        with urllib.request.urlopen(url, timeout=60) as r:
            data = json.load(r)
        if i % 2:
            return int(data["results"]["bindings"][0]["n"]["value"]) == want
        return len(data["results"]["bindings"]) > 0
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(one, range(80)))
    print(json.dumps({"requests": len(results), "correct": sum(results)}))
    """
)


def test_bounded_concurrent_load_from_a_second_process(
    url: str, expected: dict[str, object]
) -> None:
    out = subprocess.run(
        [sys.executable, "-c", LOAD_CLIENT, url, COUNT_STATEMENTS, str(expected["statements"])],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert json.loads(out.stdout) == {"requests": 80, "correct": 80}


WRITER = textwrap.dedent(
    """
    import sys
    from kg.store.oxigraph import GraphWrite, Store
    path, n = sys.argv[1], int(sys.argv[2])
    store = Store(path)
    for i in range(n):
        size = 40 + (i * 37) % 200
        g = f"urn:kg-test:article/{i}"
        nt = "\\n".join(f'<urn:kg-test:s{i}-{j}> <urn:kg-test:p> "v{j}" .' for j in range(size))
        store.replace_graphs(
            [GraphWrite(g, nt)],
            meta_subjects=(g,),
            meta_ntriples=f"<{g}> <urn:kg-test:size> {size} .",
        )
    store.close()
    """
)
CONSISTENCY = """SELECT ?g ?size (COUNT(?s) AS ?n) WHERE {
  GRAPH <https://w3id.org/kg-aigeo/id/graph/meta> { ?g <urn:kg-test:size> ?size }
  OPTIONAL { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g ?size"""
ORPHANS = """SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s <urn:kg-test:p> ?o }
  FILTER NOT EXISTS { GRAPH <https://w3id.org/kg-aigeo/id/graph/meta> { ?g ?x ?y } } }"""


def test_answers_while_another_process_writes(tmp_path: Path) -> None:
    """Ingest's write path (one transaction per article graph + its meta record) in a second
    process: the server never errors, the writer never meets a lock, and every answer shows
    each graph whole (its triple count equals the size recorded with it) or not at all."""
    path = tmp_path / "store"
    seed = Store(path)
    seed.replace_graphs([GraphWrite("urn:kg-test:seed", "<urn:a> <urn:b> <urn:c> .")])
    seed.close()
    server, base = start(ServeConfig(path, port=0, refresh=0.05))
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), "150"],
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: set[int] = set()
    checks = after_writer = 0
    try:
        while True:
            running = writer.poll() is None
            status, _, body = get(f"{base}/sparql?query={urllib.parse.quote(CONSISTENCY)}")
            assert status == 200, body
            rows = json.loads(body)["results"]["bindings"]
            for row in rows:
                assert row["size"]["value"] == row["n"]["value"], row
            status, _, body = get(f"{base}/sparql?query={urllib.parse.quote(ORPHANS)}")
            assert status == 200
            assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "0"
            seen.add(len(rows))
            checks += 1
            if not running and len(rows) == 150:
                break
            if not running:
                after_writer += 1
                assert after_writer < 400, f"the server still shows {len(rows)} of 150 graphs"
                time.sleep(0.05)  # the last snapshot is being opened
    finally:
        if writer.poll() is None:
            writer.kill()
        _, err = writer.communicate()
        stop(server)
    assert writer.returncode == 0, err
    assert len(seen) >= 2, "the server never saw the store change"


def test_cli_serve_refuses_bad_setups(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["serve", "--store", str(tmp_path / "none"), "--port", "0"])
    assert result.exit_code == 1 and "no store at" in result.output
    result = runner.invoke(main, ["serve", "--store", str(tmp_path), "--allow-update"])
    assert result.exit_code == 2 and "--allow-update needs --token" in result.output
