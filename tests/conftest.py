"""Shared fixtures: the real spaCy pipeline and a store built once from the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.settings import Settings
from tests.helpers.paths import CORPUS, SEED, need_shared


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from kg.extract import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the whole sample corpus (built once per test session)."""
    from kg.pipeline import ingest

    path = tmp_path_factory.mktemp("corpus") / "store"
    report = ingest([CORPUS], Settings(store=path))
    assert report.ok, report.failed
    return path


@pytest.fixture(scope="session")
def seed_extraction(nlp):  # type: ignore[no-untyped-def]
    from kg.extract import extract
    from kg.ingest import read_path

    return extract(read_path(need_shared(SEED)), nlp)
