"""kg ingest / kg extract --output through a real Dask cluster (`dask scheduler` and two
`dask worker` processes on 127.0.0.1): the same store as a local ingest, quad for quad, and
nothing lost or doubled when a worker is killed mid-run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.cluster
from kg.cli import main
from kg.pipeline import ArticleOutcome, ingest
from kg.settings import Settings
from tests.cluster.local import Cluster, local_cluster
from tests.cluster.quads import comparable

pytestmark = [pytest.mark.model, pytest.mark.slow]  # the local reference ingest loads the pipeline


def test_ingest_on_cluster_equals_local_ingest(
    cluster: Cluster, inputs: list[Path], local_store: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    args = ["ingest", *map(str, inputs), "--store", str(store), "--scheduler", cluster.address]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (
        "20 added" in result.stderr and "1 copies" in result.stderr and "0 failed" in result.stderr
    )
    assert comparable(store) == comparable(local_store)

    again = ingest(inputs, Settings(store=store, scheduler=cluster.address))  # idempotent
    assert {o.status for o in again.outcomes} == {"unchanged"}
    assert comparable(store) == comparable(local_store)


def test_shards_extracted_on_cluster_import_as_local_ingest(
    cluster: Cluster, inputs: list[Path], local_store: Path, tmp_path: Path
) -> None:
    shards, store = tmp_path / "shards", tmp_path / "store"
    runner = CliRunner()
    made = runner.invoke(
        main,
        ["extract", *map(str, inputs), "--output", str(shards), "--per-shard", "5"],
        env={"KG_SCHEDULER": cluster.address},
    )
    assert made.exit_code == 0, made.output
    assert sorted(p.name for p in shards.glob("*.nq")) == [
        "part-00000.nq",
        "part-00001.nq",
        "part-00002.nq",
        "part-00003.nq",
        "registry.nq",
    ]
    loaded = runner.invoke(main, ["import", str(shards), "--store", str(store)])
    assert loaded.exit_code == 0, loaded.output
    assert comparable(store) == comparable(local_store)


def test_a_worker_killed_mid_run_loses_nothing(
    inputs: list[Path], local_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kg.cluster, "BATCH", 1)  # many small tasks: some are on the killed worker
    seen: list[ArticleOutcome] = []
    with local_cluster(tmp_path / "dask", workers=2) as running:

        def on_article(outcome: ArticleOutcome) -> None:
            seen.append(outcome)
            if len(seen) == 2:
                running.kill_worker(0)

        report = ingest(
            inputs,
            Settings(store=tmp_path / "store", scheduler=running.address),
            progress=on_article,
        )
        assert running.workers[0].returncode is not None  # it really died mid-run
    assert report.ok, report.failed
    sources = [o.source for o in report.outcomes]
    assert len(sources) == len(set(sources)) == 21  # each source once: none lost, none doubled
    assert comparable(tmp_path / "store") == comparable(local_store)
