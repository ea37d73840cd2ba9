"""Crashes and concurrency: SIGKILL an ingest at chosen points, run two at once.

After every kill the store opens, each article graph is either exactly the one a clean
run produces or absent (with its provenance present exactly when it is), and a final
`kg ingest` completes the job. Each run is killed after a seeded number of committed articles
(plus a seeded delay, cut short a few commits later), so whether a trial leaves a partial store
never depends on how fast the machine is; the seed is printed on failure, to replay a trial.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store.oxigraph import Store
from tests.helpers.articles import write_synthetic
from tests.helpers.ingest_server import KILL_MARGIN, IngestServer

pytestmark = [pytest.mark.model, pytest.mark.slow]

ARTICLES = 40
FLUSH_EVERY = 8  # instead of kg.pipeline's 64, so that the runs cross several flushes
TRIALS = 10
SEED = int(os.environ.get("KG_CRASH_SEED", "8"))
ARTICLE_GRAPH = "/graph/article/"
Quad = tuple[str, str, str, str]


def kg_ingest(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "ingest", "--quiet", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def article_graphs(path: Path) -> tuple[dict[str, set[Quad]], dict[str, set[str]]]:
    """Quads per article graph, and the meta-graph predicates each article graph has."""
    graphs: dict[str, set[Quad]] = defaultdict(set)
    meta: dict[str, set[str]] = defaultdict(set)
    store = Store(path)  # must open after any crash
    try:
        for q in store.quads():
            if ARTICLE_GRAPH in q[3]:
                graphs[q[3]].add(q)
            elif q[3].endswith("/graph/meta>") and ARTICLE_GRAPH in q[0]:
                meta[q[0]].add(q[1])
    finally:
        store.close()
    return dict(graphs), dict(meta)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic(tmp_path_factory.mktemp("synthetic") / "items", ARTICLES)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IngestServer]:
    with IngestServer(tmp_path_factory.mktemp("server") / "server.log") as running:
        yield running


@pytest.fixture(scope="module")
def reference(
    corpus: Path, server: IngestServer, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, set[Quad]]:
    """What a clean run stores, per article graph."""
    path = tmp_path_factory.mktemp("reference") / "store"
    ended = server.run(path, [corpus], flush_every=FLUSH_EVERY)
    assert ended.code == 0, server.log.read_text()
    graphs, meta = article_graphs(path)
    assert len(graphs) == ARTICLES and set(meta) == set(graphs)
    return graphs


def kill_points(rng: random.Random) -> list[int]:
    """After how many commits each trial is killed: spread over the run, one just before a
    periodic flush of the store and one after the last article (in the link refresh, or too
    late)."""
    spread = rng.sample(range(1, ARTICLES - KILL_MARGIN), TRIALS - 2)
    return [*spread, FLUSH_EVERY - 1, ARTICLES]


def test_sigkill_at_chosen_points_never_leaves_half_an_article(
    corpus: Path, server: IngestServer, reference: dict[str, set[Quad]], tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    partial: list[Path] = []  # stores a kill left with some articles but not all
    for trial, after in enumerate(kill_points(rng)):
        store = tmp_path / f"store-{trial}"
        jitter = rng.uniform(0.0, 0.2)
        ended = server.run(
            store, [corpus], kill_after=after, jitter=jitter, flush_every=FLUSH_EVERY
        )
        where = f"seed {SEED}, trial {trial}, killed {jitter:.2f} s after commit {after}"
        assert ended.signal == signal.SIGKILL or (ended.code == 0 and after == ARTICLES), (
            f"{where}: {ended}\n{server.log.read_text()[-2000:]}"
        )
        graphs, meta = article_graphs(store)
        for graph, quads in graphs.items():
            assert quads == reference[graph], f"article graph {graph} is partial ({where})"
        assert set(meta) == set(graphs), f"provenance without its graph or back ({where})"
        assert len({frozenset(p) for p in meta.values()}) <= 1, f"partial provenance ({where})"
        if after < ARTICLES:
            assert after <= len(graphs) <= after + KILL_MARGIN, f"{len(graphs)} graphs ({where})"
            partial.append(store)
    assert partial
    proc = kg_ingest(str(corpus), "--store", str(partial[-1]))
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    assert "0 updated" in err.decode() and " 0 failed" in err.decode()  # the summary line
    graphs, meta = article_graphs(partial[-1])
    assert graphs == reference
    assert set(meta) == set(reference)


def test_two_ingests_on_one_store_serialise_or_fail_cleanly(
    corpus: Path, server: IngestServer, tmp_path: Path
) -> None:
    """The first run holds the writer lock (it waits after its first commit until the gate
    opens) while a second one is refused and a third one queues behind it."""
    store = tmp_path / "store"
    gate = tmp_path / "gate"
    first = server.start(store, [corpus], gate=gate)
    try:
        lock = tmp_path / "store.ingest" / "lock"
        for _ in range(12000):  # the first run writes its pid there once it holds the lock
            if lock.exists() and lock.read_text() == str(first):
                break
            time.sleep(0.01)
        else:
            pytest.fail(f"the first ingest never took the lock\n{server.log.read_text()}")
        busy = kg_ingest(str(corpus), "--store", str(store))
        _, err = busy.communicate(timeout=120)
        assert busy.returncode == 1
        assert f"another kg ingest (pid {first}) is writing to the store" in err.decode()
        assert "Traceback" not in err.decode()
        queued = kg_ingest(str(corpus), "--store", str(store), "--wait")
    finally:
        gate.touch()
    ended = server.wait()
    _, err = queued.communicate(timeout=600)
    assert ended.code == 0, server.log.read_text()
    assert queued.returncode == 0, err.decode()
    # it waited for the first run: everything was already in
    assert err.decode().startswith(f"0 added, 0 updated, {ARTICLES} unchanged, 0 failed")
