"""The inputs of the scale-out tests (the sample corpus and a few articles written here, one of
them syndicated by two outlets) and their local ingest, the reference every other path must
give back quad for quad."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.settings import Settings
from tests.cluster.local import Cluster, local_cluster
from tests.helpers.articles import ARTICLE, ARTICLE_2
from tests.helpers.paths import CORPUS


def front(title: str, outlet: str, date: str) -> str:
    return f'---\ntitle: "{title}"\noutlet: {outlet}\ndate: {date}\ntype: news\n---\n\n'


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """corpus/ and a folder of three sources: one article, and one text from two outlets."""
    extra = tmp_path_factory.mktemp("extra")
    (extra / "licences.md").write_text(
        front("Licence rules widened", "The Harbour Ledger", "2025-02-01") + ARTICLE,
        encoding="utf-8",
    )
    (extra / "centres-a.md").write_text(
        front("Council funds safety centres", "The Harbour Ledger", "2025-03-04") + ARTICLE_2,
        encoding="utf-8",
    )
    (extra / "centres-b.md").write_text(
        front("Three centres to test models", "Northern Wire", "2025-03-05") + ARTICLE_2,
        encoding="utf-8",
    )
    return [CORPUS, extra]


@pytest.fixture(scope="session")
def local_store(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store a local ingest of ``inputs`` makes (the laptop path, unchanged)."""
    from kg.pipeline import ingest

    path = tmp_path_factory.mktemp("local") / "store"
    report = ingest(inputs, Settings(store=path))
    assert report.ok, report.failed
    assert report.count("copy") == 1  # the syndicated text is extracted once
    return path


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """A scheduler and two single-threaded workers on 127.0.0.1, stopped after the module."""
    with local_cluster(tmp_path_factory.mktemp("dask"), workers=2) as running:
        yield running
