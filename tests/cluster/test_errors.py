"""The scheduler path fails clearly: without the extra that installs the Dask client, with a
scheduler nobody runs, and a folder to import that holds no shards."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.cluster
from kg.cli import main
from kg.errors import ClusterError, ClusterUnavailable, InputError
from kg.pipeline import import_folder, ingest
from kg.settings import Settings
from kg.shards import write_shards
from kg.store.oxigraph import Store
from tests.helpers.articles import ARTICLE


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def no_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError


def test_without_the_extra_the_error_names_it(no_dask: None, article: Path, tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store", scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(ClusterUnavailable) as err:
        ingest([article], settings)
    assert "kg-aigeo[cluster]" in str(err.value)
    assert not (tmp_path / "store").exists()  # said before anything was read or written
    with pytest.raises(ClusterUnavailable):
        write_shards([article], settings, tmp_path / "shards")

    result = CliRunner().invoke(
        main,
        ["ingest", str(article), "--store", str(tmp_path / "s")],
        env={"KG_SCHEDULER": "tcp://127.0.0.1:8786"},
    )
    assert result.exit_code == 1
    assert "[E220]" in result.stderr and "kg-aigeo[cluster]" in result.stderr


def test_local_runs_do_not_need_dask(no_dask: None, tmp_path: Path) -> None:
    """Without a scheduler nothing imports the Dask client (an empty ingest runs no NLP)."""
    assert ingest([], Settings(store=tmp_path / "store")).outcomes == []


def test_a_scheduler_nobody_runs(
    article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed", reason="the dev extra installs distributed")
    monkeypatch.setattr(kg.cluster, "CONNECT_TIMEOUT", 2.0)
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = CliRunner().invoke(
        main,
        [
            "ingest",
            str(article),
            "--store",
            str(tmp_path / "s"),
            "--scheduler",
            f"tcp://127.0.0.1:{port}",
        ],
    )
    assert result.exit_code == 1
    assert (
        f"[{ClusterError.code}] cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"
        in result.stderr
    )
    assert "--scheduler or KG_SCHEDULER" in result.stderr


def test_importing_a_folder_without_shards(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    store = Store(tmp_path / "store")
    try:
        with pytest.raises(InputError, match="holds no N-Quads files"):
            import_folder(store, tmp_path / "empty")
    finally:
        store.close()
