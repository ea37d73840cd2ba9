"""`kg serve` left running against hostile clients: queries that never end or eat memory,
SSRF through SERVICE, malformed requests, slow and idle connections, DNS rebinding.

The server is a real `kg serve` process on 127.0.0.1 (its port read from what it prints),
driven by raw sockets and urllib; nothing here asserts how long anything took.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest

KG = [sys.executable, "-m", "kg"]
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SORTED_CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?f"
TOKEN = "s3cret-t0ken"


@contextmanager
def kg_serve(store: Path, *flags: str) -> Iterator[tuple[str, subprocess.Popen[str], str]]:
    """A `kg serve` process: (base URL, the process, what it printed before serving)."""
    proc = subprocess.Popen(
        [*KG, "serve", "--store", str(store), "--port", "0", *flags],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    printed = ""
    try:
        assert proc.stderr is not None
        while True:
            line = proc.stderr.readline()
            if not line:
                pytest.fail(f"kg serve exited: {printed}")
            printed += line
            m = re.search(r"kg serve: (http://[\d.]+:\d+)/", line)
            if m:
                break
        yield m.group(1), proc, printed
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def get(url: str, headers: dict[str, str] | None = None, timeout: float = 60) -> tuple[int, str]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def query(base: str, sparql: str, **headers: str) -> tuple[int, str]:
    return get(f"{base}/sparql?{urllib.parse.urlencode({'query': sparql})}", headers)


def post(base: str, path: str, data: bytes, headers: dict[str, str]) -> tuple[int, str]:
    req = urllib.request.Request(base + path, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def raw(base: str, request: bytes, *, read_timeout: float = 30) -> bytes:
    """Send bytes on a fresh connection; everything the server sends until it closes."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=read_timeout) as s:
        chunks = []
        with contextlib.suppress(ConnectionError):  # answered and closed before it read all
            s.sendall(request)
        while True:
            try:
                chunk = s.recv(65536)
            except (TimeoutError, ConnectionError):
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def status_line(response: bytes) -> str:
    return response.split(b"\r\n", 1)[0].decode("latin-1")


def tree(proc: subprocess.Popen[str]) -> list[psutil.Process]:
    root = psutil.Process(proc.pid)
    return [root, *root.children(recursive=True)]


def cpu_seconds(procs: list[psutil.Process]) -> float:
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            continue
    return total


@pytest.fixture(scope="module")
def store(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hardening") / "store"
    shutil.copytree(corpus_store, path)
    return path


# --- 1. a query past its deadline stops --------------------------------------------------------


def test_timed_out_queries_stop_and_the_endpoint_keeps_answering(store: Path) -> None:
    with kg_serve(store, "--timeout", "1", "--workers", "12") as (base, proc, _):
        results: list[tuple[int, str]] = []
        hostile = [
            threading.Thread(target=lambda q=q: results.append(query(base, q)))
            for q in [CROSS, SORTED_CROSS] * 4
        ]
        for t in hostile:
            t.start()
        during = [query(base, "ASK {}") for _ in range(5)]  # while they run
        for t in hostile:
            t.join()
        assert all(code == 200 and '"boolean": true' in body for code, body in during), during
        assert len(results) == 8
        assert all(code == 503 for code, _ in results), results
        assert all("timed out" in body or "more memory" in body for _, body in results)
        # past their deadlines the hostile queries use no CPU: their workers are gone
        procs = tree(proc)
        before = cpu_seconds(procs)
        time.sleep(1.5)
        assert cpu_seconds(procs) - before < 0.5
        _, body = get(base + "/status")
        pool = json.loads(body)["pool"]
        assert pool["busy"] == 0 and pool["timed_out"] + pool["memory_killed"] >= 8
        assert query(base, "ASK {}")[0] == 200


def test_a_query_past_its_memory_cap_is_stopped(store: Path) -> None:
    with kg_serve(store, "--timeout", "30", "--query-memory", "64") as (base, proc, _):
        code, body = query(base, SORTED_CROSS)
        assert code == 503 and "more memory than the server allows for one query (64 MB)" in body
        assert all(p.memory_info().rss < 1024**3 for p in tree(proc))
        assert query(base, "ASK {}")[0] == 200


def test_one_huge_group_concat_row_is_capped(store: Path) -> None:
    big = "SELECT (GROUP_CONCAT(STR(?o)) AS ?x) WHERE { ?s ?p ?o VALUES ?k { 1 2 3 } }"
    with kg_serve(store, "--max-response", "1") as (base, _, _):
        code, body = query(base, big)
        assert code == 422 and "larger than 1 MB" in body and "--max-response" in body
        code, body = query(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert code == 200


# --- 2. SERVICE and LOAD -----------------------------------------------------------------------


@contextmanager
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A local port that records every connection (what a SERVICE call would hit)."""
    seen: list[bytes] = []
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(1)
                try:
                    seen.append(conn.recv(4096))
                except OSError:
                    seen.append(b"")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], seen
    finally:
        stop.set()
        thread.join()
        server.close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


SERVICE_FORMS: list[Callable[[str], str]] = [
    lambda url: f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    lambda url: f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    lambda url: f"SELECT * WHERE {{ ?x ?y ?z .SERVICE <{url}> {{ ?s ?p ?o }} }}",
    lambda url: f'SELECT * WHERE {{ BIND("#" AS ?h) # "\nSERVICE <{url}> {{ ?s ?p ?o }} }}',
]


def test_service_is_refused_and_nothing_is_sent(store: Path) -> None:
    with listener() as (port, seen), kg_serve(store) as (base, _, _):
        answers = set()
        for target in (port, closed_port()):
            url = f"http://127.0.0.1:{target}/x"
            for form in SERVICE_FORMS:
                text = form(url)
                code, body = query(base, text)  # GET
                assert code == 400, body
                assert "--allow-service" in body
                answers.add(body.replace(str(target), "PORT"))
                code, body = post(  # a form POST, as a page on another origin can send
                    base,
                    "/sparql",
                    urllib.parse.urlencode({"query": text}).encode(),
                    {"Content-Type": "application/x-www-form-urlencoded"},
                )
                assert code == 400 and "--allow-service" in body
        assert seen == [], "the endpoint connected to the listener"
        assert len(answers) == 1  # an open and a closed port get the same answer
        # words that only look like the keyword still run
        fine = 'SELECT ?service WHERE { BIND("SERVICE LOAD" AS ?service) } # SERVICE'
        assert query(base, fine)[0] == 200


def test_load_is_refused_even_with_the_token(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "rw"
    shutil.copytree(store, path)
    with listener() as (port, seen):
        flags = ("--allow-update", "--token", TOKEN)
        with kg_serve(path, *flags) as (base, _, _):
            update = f"LOAD <http://127.0.0.1:{port}/data.ttl> INTO GRAPH <urn:g>".encode()
            auth = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}
            code, body = post(base, "/update", update, auth)
            assert code == 400 and "LOAD is off" in body and "--allow-service" in body
        assert seen == []


def test_allow_service_lets_it_through_without_port_detail(store: Path) -> None:
    with listener() as (port, seen), kg_serve(store, "--allow-service") as (base, _, printed):
        assert "--allow-service" in printed and "Warning" in printed
        code, body = query(base, SERVICE_FORMS[0](f"http://127.0.0.1:{port}/x"))
        assert seen, "SERVICE was allowed but no request went out"
        code2, body2 = query(base, SERVICE_FORMS[0](f"http://127.0.0.1:{closed_port()}/x"))
        assert code == code2 and body == body2  # open or closed: the same answer
        assert "os error" not in body and "refused" not in body.lower()


# --- 3. malformed requests, slow and idle connections ------------------------------------------


def test_bad_content_lengths_are_400_and_close(store: Path) -> None:
    with kg_serve(store) as (base, _, _):
        host = base.removeprefix("http://")
        for length in ("-1", "abc", "1e3", "+5", "0x10", "٣"):
            req = (
                f"POST /sparql HTTP/1.1\r\nHost: {host}\r\n"
                "Content-Type: application/sparql-query\r\n"
                f"Content-Length: {length}\r\n\r\nASK {{}}"
            ).encode()
            resp = raw(base, req)
            assert status_line(resp) == "HTTP/1.1 400 Bad Request", (length, resp[:200])
            assert b"Connection: close" in resp
            assert resp.count(b"HTTP/1.1 ") == 1  # the body was not read as a next request
        big = (
            f"POST /sparql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query\r\n"
            f"Content-Length: {200 * 1024 * 1024}\r\n\r\nASK {{}}"
        ).encode()
        assert status_line(raw(base, big)) == "HTTP/1.1 413 Request Entity Too Large"


def test_chunked_bodies_are_read_as_one_body(store: Path) -> None:
    with kg_serve(store) as (base, _, _):
        host = base.removeprefix("http://")
        head = (
            f"POST /sparql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query\r\n"
            "Accept: application/sparql-results+json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        chunks = "3\r\nASK\r\n3;ext=1\r\n {}\r\n0\r\n\r\n"
        follow = (
            f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        resp = raw(base, (head + chunks + follow).encode())
        assert resp.count(b"HTTP/1.1 200 OK") == 2, resp  # both requests, in order
        assert resp.count(b'"boolean": true') == 2
        huge = head + "".join(f"{0x10000:x}\r\n" + "#" * 0x10000 + "\r\n" for _ in range(20))
        assert status_line(raw(base, huge.encode())) == "HTTP/1.1 413 Request Entity Too Large"
        both = head.replace("\r\n\r\n", "\r\nContent-Length: 6\r\n\r\n") + chunks
        assert status_line(raw(base, both.encode())) == "HTTP/1.1 400 Bad Request"


def test_a_non_ascii_bearer_token_is_a_401(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "rw"
    shutil.copytree(store, path)
    with kg_serve(path, "--allow-update", "--token", TOKEN) as (base, _, _):
        host = base.removeprefix("http://")
        body = b"INSERT DATA { <urn:a> <urn:b> <urn:c> }"
        for token in ("s3cret-t\xf6ken".encode("latin-1"), "тoken".encode(), b"\xff\xfe"):
            req = (
                (
                    f"POST /update HTTP/1.1\r\nHost: {host}\r\n"
                    f"Content-Type: application/sparql-update\r\nContent-Length: {len(body)}\r\n"
                    "Connection: close\r\n"
                ).encode()
                + b"Authorization: Bearer "
                + token
                + b"\r\n\r\n"
                + body
            )
            resp = raw(base, req, read_timeout=5)
            assert status_line(resp) == "HTTP/1.1 401 Unauthorized", resp[:300]


def test_idle_and_slow_connections_are_closed(store: Path) -> None:
    from kg.serve.endpoint import ServeConfig
    from kg.serve.http import make_server

    config = ServeConfig(store, port=0, idle_timeout=1.0, request_timeout=2.0, max_connections=4)
    server = make_server(config)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    base = f"http://{host}:{port}"
    try:
        with socket.create_connection((host, port), timeout=20) as idle:
            assert idle.recv(1) == b""  # closed by the server, not by our timeout
        with socket.create_connection((host, port), timeout=20) as slow:
            slow.sendall(b"GET / HTTP/1.1\r\n")
            closed = False
            for _ in range(30):  # one header byte every 0.3 s: never finishes a request
                try:
                    slow.sendall(b"X")
                    slow.settimeout(0.3)
                    if slow.recv(1) == b"":
                        closed = True
                        break
                except TimeoutError:
                    continue
                except OSError:
                    closed = True
                    break
            assert closed, "a request sent one byte at a time kept its connection"
        held = [socket.create_connection((host, port), timeout=20) for _ in range(4)]
        try:
            time.sleep(0.2)  # let the server take them in
            resp = raw(base, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", read_timeout=10)
            assert status_line(resp) == "HTTP/1.1 503 Service Unavailable"
        finally:
            for s in held:
                s.close()
        for _ in range(100):  # the slots come back (not a timing assertion)
            if get(base + "/sparql?query=ASK%7B%7D")[0] == 200:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the server did not take connections again")
    finally:
        server.shutdown()
        server.server_close()


# --- 4. Host header, /status -------------------------------------------------------------------


def test_host_header_must_name_this_server(store: Path) -> None:
    with kg_serve(store) as (base, _, _):
        port = base.rsplit(":", 1)[1]
        ask = "/sparql?query=ASK%7B%7D"
        for host in (f"localhost:{port}", f"127.0.0.1:{port}", "localhost"):
            assert get(base + ask, {"Host": host})[0] == 200
        for host in (f"attacker.example:{port}", "rebind.attacker.example", f"[::2]:{port}"):
            code, body = get(base + ask, {"Host": host})
            assert code == 421 and "DNS rebinding" in body and "--host" in body
        code, body = get(base + "/status")
        info = json.loads(body)
        assert info["store"] == store.name and str(store) not in body
        assert str(store.parent) not in body


def test_opening_the_endpoint_on_purpose_warns_and_takes_any_host(store: Path) -> None:
    with kg_serve(store, "--host", "0.0.0.0") as (base, _, printed):
        assert "Warning: kg serve listens on 0.0.0.0" in printed
        port = base.rsplit(":", 1)[1]
        code, _ = get(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", {"Host": "kg.lab.example"})
        assert code == 200


# --- the SERVICE check on its own --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sparql", "found"),
    [
        ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", "SERVICE"),
        ("select * where { Service Silent ?endpoint { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { ?s ?p ?o .SERVICE <http://x/> {} }", "SERVICE"),
        ('SELECT * WHERE { ?s ?p "a\\"b" SERVICE <http://x/> {} }', "SERVICE"),
        ("SELECT * WHERE { ?s ?p <http://x/\\u0023#> SERVICE <http://x/> {} }", "SERVICE"),
        ("SELECT * WHERE { ?s ?p ?o FILTER(?a <?b) SERVICE ?x { } }", "SERVICE"),
        ("SELECT * WHERE { ?s ?p '''x''' SERVICE <http://x/> {} }", "SERVICE"),
        ("LOAD SILENT <http://x/> INTO GRAPH <urn:g>", "LOAD"),
        ("SELECT ?service WHERE { ?service a <https://schema.org/Service> }", None),
        ('SELECT * WHERE { ?s ex:LOAD "SERVICE" ; :service ?o } # SERVICE <http://x/>', None),
        ('SELECT * WHERE { ?s ?p """ SERVICE <http://x/> {} """ }', None),
        ("ASK {}", None),
    ],
)
def test_the_check_reads_queries_as_sparql_does(sparql: str, found: str | None) -> None:
    from kg.serve.guard import federated

    assert federated(sparql) == found
