"""kg extract --output DIR (here, without a cluster): N-Quads shards with deterministic names,
each text's graph whole in one shard, that `kg import DIR` loads into the store a local ingest
makes (links built in one pass after the load) and that Oxigraph's own bulk loader
(`oxigraph load`, the server binary of the `oxigraph` package) accepts whole."""

from __future__ import annotations

import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.rdf.ontology import ARTICLE_GRAPH_PREFIX, LINKS_GRAPH
from kg.shards import REGISTRY
from kg.store.oxigraph import Store
from tests.cluster.quads import comparable
from tests.store.test_push import oxigraph_binary

pytestmark = [pytest.mark.model, pytest.mark.slow]  # extraction runs in this process

PARTS = ["part-00000.nq", "part-00001.nq", "part-00002.nq"]


@pytest.fixture(scope="module")
def shards(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out") / "shards"
    folder.mkdir()
    (folder / "part-00007.nq").write_text("stale\n", encoding="utf-8")  # an earlier run's
    result = CliRunner().invoke(
        main, ["extract", *map(str, inputs), "--output", str(folder), "--per-shard", "8"]
    )
    assert result.exit_code == 0, result.output
    assert "20 articles extracted, 1 copies, 0 failed" in result.stderr
    return folder


def graphs_by_shard(folder: Path) -> dict[str, set[str]]:
    """The shards each article graph has quads in."""
    where: dict[str, set[str]] = defaultdict(set)
    for path in folder.glob("*.nq"):
        for line in path.read_text(encoding="utf-8").splitlines():
            graph = line.rsplit(" ", 2)[-2]
            if graph.startswith("<" + ARTICLE_GRAPH_PREFIX):
                where[graph].add(path.name)
    return where


def test_shard_names_and_each_article_graph_whole_in_one_shard(shards: Path) -> None:
    assert sorted(p.name for p in shards.iterdir() if p.suffix == ".nq") == [*PARTS, REGISTRY]
    where = graphs_by_shard(shards)
    assert len(where) == 20  # one graph per text: the syndicated one is one graph
    assert all(len(names) == 1 for names in where.values())
    assert not list(shards.glob("*.tmp"))


def test_kg_import_of_the_folder_is_the_local_ingest(
    shards: Path, local_store: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["import", str(shards), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "from 4 files" in result.output
    links = {q for q in comparable(store) if q[3] == f"<{LINKS_GRAPH}>"}
    assert links  # the links graph was built after the load, as the local ingest has it
    assert comparable(store) == comparable(local_store)


def test_oxigraph_bulk_loader_accepts_the_shards(shards: Path, tmp_path: Path) -> None:
    """`oxigraph load` (the production server's loader) takes every shard; its dump holds
    the same quads as the shards."""
    location, dump = tmp_path / "oxigraph", tmp_path / "dump.nq"
    files = [str(shards / REGISTRY), *(str(shards / name) for name in PARTS)]
    binary = str(oxigraph_binary())
    loaded = subprocess.run(
        [binary, "load", "--location", str(location), "--file", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert loaded.returncode == 0, loaded.stderr
    dumped = subprocess.run(
        [binary, "dump", "--location", str(location), "--file", str(dump)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert dumped.returncode == 0, dumped.stderr
    expected = Store(tmp_path / "expected")
    got = Store(tmp_path / "got")
    try:
        for path in files:
            expected.bulk_import(Path(path), "nquads")
        got.bulk_import(dump, "nquads")
        assert len(got) > 20_000
        assert set(got.quads()) == set(expected.quads())
    finally:
        expected.close()
        got.close()
