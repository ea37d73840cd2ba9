"""Crashes and concurrency: SIGKILL `kg ingest` at random moments, run two at once.

After every kill the store opens, each article graph is either exactly the one a clean
run produces or absent (with its provenance present exactly when it is), and a final
re-run completes the job. The kill moments come from a seeded generator (printed on
failure), so a failing trial can be replayed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.store.oxigraph import Store
from tests.helpers.articles import write_synthetic

ARTICLES = 100
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


@dataclass(frozen=True)
class Reference:
    graphs: dict[str, set[Quad]]  # what a clean run stores, per article graph
    seconds: float  # how long a clean run takes here (kill moments are drawn within it)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Reference:
    path = tmp_path_factory.mktemp("reference") / "store"
    start = time.monotonic()
    proc = kg_ingest(str(corpus), "--store", str(path))
    _out, err = proc.communicate(timeout=600)
    seconds = time.monotonic() - start
    assert proc.returncode == 0, err.decode()
    assert err.decode().startswith(f"{ARTICLES} added")  # the summary line
    graphs, meta = article_graphs(path)
    assert len(graphs) == ARTICLES and set(meta) == set(graphs)
    return Reference(graphs, seconds)


def test_sigkill_at_random_points_never_leaves_half_an_article(
    corpus: Path, reference: Reference, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    partial: list[Path] = []  # stores a kill left with some articles but not all
    for trial in range(TRIALS):
        store = tmp_path / f"store-{trial}"
        delay = rng.uniform(0.15, 0.95) * reference.seconds
        proc = kg_ingest(str(corpus), "--store", str(store))
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.communicate()
        if not (store / "CURRENT").exists():
            continue  # killed before the store was created
        graphs, meta = article_graphs(store)
        where = f"seed {SEED}, trial {trial}, killed after {delay:.2f} s"
        for graph, quads in graphs.items():
            assert quads == reference.graphs[graph], f"article graph {graph} is partial ({where})"
        assert set(meta) == set(graphs), f"provenance without its graph or back ({where})"
        assert len({frozenset(p) for p in meta.values()}) <= 1, f"partial provenance ({where})"
        if 0 < len(graphs) < ARTICLES:
            partial.append(store)
    assert partial, "no kill landed mid-run: widen the delays"
    proc = kg_ingest(str(corpus), "--store", str(partial[-1]))
    _out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    assert "0 updated" in err.decode() and " 0 failed" in err.decode()  # the summary line
    graphs, meta = article_graphs(partial[-1])
    assert graphs == reference.graphs
    assert set(meta) == set(reference.graphs)


def test_two_ingests_on_one_store_serialise_or_fail_cleanly(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    lock = tmp_path / "store.ingest" / "lock"
    first = kg_ingest(str(corpus), "--store", str(store))
    try:
        for _ in range(600):  # until the first run holds the writer lock
            if lock.exists() and lock.read_text() == str(first.pid):
                break
            time.sleep(0.05)
        else:
            pytest.fail("the first ingest never took the lock")
        busy = kg_ingest(str(corpus), "--store", str(store))
        _, err = busy.communicate(timeout=60)
        assert busy.returncode == 1
        assert f"another kg ingest (pid {first.pid}) is writing to the store" in err.decode()
        assert "Traceback" not in err.decode()
        queued = kg_ingest(str(corpus), "--store", str(store), "--wait")
        _out, err = queued.communicate(timeout=300)
        first.communicate(timeout=300)
        assert first.returncode == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate()
    assert queued.returncode == 0, err.decode()
    # it waited for the first run: everything was already in
    assert err.decode().startswith(f"0 added, 0 updated, {ARTICLES} unchanged, 0 failed")
