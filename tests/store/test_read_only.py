"""Read commands open a read-only snapshot and never take a lock: a long `kg push` against a
failing server, or any writer, does not hold up queries or ingests. Push counts its real
retries and stops early when the server keeps failing."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store.oxigraph import Store
from kg.store.transfer import push
from tests.helpers.articles import ARTICLE

KG = [sys.executable, "-m", "kg"]


@pytest.fixture
def store(golden_sample_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store"
    shutil.copytree(golden_sample_store, path)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Failing(BaseHTTPRequestHandler):
    """A Graph Store endpoint that answers every PUT with 503, once the test lets it."""

    puts: ClassVar[list[float]] = []
    answer = threading.Event()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        Failing.puts.append(time.monotonic())
        Failing.answer.wait(timeout=50)
        body = b"overloaded"
        self.send_response(503)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def failing() -> Iterator[str]:
    Failing.puts = []
    Failing.answer.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store"
    Failing.answer.set()
    server.shutdown()
    server.server_close()


READS = [
    ["stats"],
    ["stats", "--rank", "3"],
    ["query", "ASK { ?s ?p ?o }"],
    ["query", "--saved", "top-speakers", "--format", "csv"],
    ["export", "--format", "nquads"],
    ["actors", "--top", "3"],
    ["actors", "--suspect"],
    ["timeline", "Nvidia"],
    ["validate"],
]


@pytest.mark.parametrize("args", READS, ids=lambda a: " ".join(a[:2]))
def test_read_commands_run_while_a_writer_holds_the_store(store: Path, args: list[str]) -> None:
    writer = Store(store)  # holds the store's write lock, as an ingest or an UPDATE does
    try:
        result = CliRunner().invoke(main, [*args, "--store", str(store)])
    finally:
        writer.close()
    assert "in use by another kg process" not in result.output
    assert result.exit_code == 0, result.output


def test_viz_runs_while_a_writer_holds_the_store(store: Path, tmp_path: Path) -> None:
    writer = Store(store)
    try:
        out = tmp_path / "g.html"
        result = CliRunner().invoke(main, ["viz", "--store", str(store), "-o", str(out)])
    finally:
        writer.close()
    assert result.exit_code == 0, result.output
    assert out.exists()


@pytest.mark.model  # the ingest runs in a child process
@pytest.mark.slow
def test_a_push_to_a_failing_server_holds_up_neither_ingest_nor_query(
    store: Path, failing: str, tmp_path: Path
) -> None:
    pusher = subprocess.Popen(
        [*KG, "push", "--store", str(store), "--endpoint", failing, "--retries", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(600):  # until the push is under way (not a timing assertion)
            if Failing.puts:
                break
            time.sleep(0.05)
        article = tmp_path / "new.md"
        article.write_text(ARTICLE, encoding="utf-8")
        ingest = subprocess.run(
            [*KG, "ingest", str(article), "--store", str(store)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        query = subprocess.run(
            [*KG, "query", "ASK { ?s ?p ?o }", "--store", str(store)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert pusher.poll() is None  # still waiting for its first answer
        Failing.answer.set()
        out, err = pusher.communicate(timeout=300)
    finally:
        if pusher.poll() is None:
            pusher.kill()
        pusher.communicate()
    assert ingest.returncode == 0, ingest.stderr
    assert "1 added" in ingest.stderr, ingest.stderr
    assert query.returncode == 0 and query.stdout.strip() == "true", query.stderr
    # two graphs used up their retries (3 attempts each), then the push stopped
    assert len(Failing.puts) == 6
    assert pusher.returncode == 1
    assert "stopped after 2 graphs in a row failed: the server keeps failing" in err
    assert ", 2 failed, " in out and " not sent, 4 retries" in out


def test_push_reports_the_retries_it_spent(store: Path) -> None:
    s = Store(store, read_only=True)
    try:
        graphs = s.named_graphs()
        endpoint = f"http://127.0.0.1:{free_port()}/store"  # nothing listens there
        report = push(s, endpoint, retries=2, backoff=0.01)
    finally:
        s.close()
    assert report.retries == 4  # 2 per graph, for the 2 graphs tried
    assert [g for g, _ in report.failed] == graphs[:2]
    assert report.not_sent == len(graphs) - 2 > 0
    assert report.stopped and not report.ok
