"""A crash between an article change and the links refresh: `kg validate` notices the links
graph is out of date, and the next writing command finishes the refresh.

The crash is a refresh that raises: everything committed before it stays committed, exactly
as after a SIGKILL at that moment (each write is its own transaction).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.pipeline
from kg.cli import main
from kg.links.refresh import read_claims, stored_generation, stored_links
from kg.links.similarity import ClaimIndex, find_links
from kg.rdf.ontology import KG
from kg.store.oxigraph import Store
from tests.helpers.paths import CORPUS


class Crash(Exception):
    pass


def crash(*args: object, **kwargs: object) -> None:
    raise Crash("killed just before the links refresh")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if isinstance(result.exception, Crash):
        return -1, result.stdout, result.stderr
    return result.exit_code, result.stdout, result.stderr


def links_of(path: Path) -> set[tuple[str, str, str]]:
    store = Store(path, read_only=True)
    try:
        return stored_links(store)
    finally:
        store.close()


def state(path: Path) -> tuple[bool, bool]:
    """(links graph equal to a full recomputation from the claims, a refresh pending)."""
    store = Store(path, read_only=True)
    try:
        index = ClaimIndex()
        index.add_many(read_claims(store).values())
        kinds = {"same": str(KG.sameClaimAs), "contradicts": str(KG.contradicts)}
        expected = {(link.a, kinds[link.kind], link.b) for link in find_links(index)}
        return stored_links(store) == expected, stored_generation(store) is None
    finally:
        store.close()


@pytest.fixture
def store(corpus_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store"
    shutil.copytree(corpus_store, path)
    return path


@pytest.mark.model
def test_ingest_killed_before_the_refresh_is_finished_by_the_rerun(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for article in sorted(CORPUS.glob("*.md"))[:6]:  # six articles, links among them
        shutil.copy(article, folder)
    path = tmp_path / "store"
    with monkeypatch.context() as patch:
        patch.setattr(kg.pipeline, "refresh_links", crash)
        code, _, _ = run("ingest", str(folder), "--store", str(path))
    assert code == -1
    assert links_of(path) == set()  # every article is in, the links never came
    assert state(path) == (False, True)

    code, out, err = run("validate", "--store", str(path), "--format", "jsonl")
    assert code == 1
    (violation,) = [json.loads(line) for line in out.splitlines()]
    assert violation["graph"].endswith("graph/links")
    missing = re.match(
        r"out of date: (\d+) links missing, 0 links no claims support", violation["message"]
    )
    assert missing is not None and int(missing[1]) > 0, violation["message"]
    assert err.strip().endswith("6 article graphs checked, 1 violations")

    code, _, err = run("ingest", str(folder), "--store", str(path))
    assert code == 0, err
    assert "0 added, 0 updated, 6 unchanged" in err
    assert state(path) == (True, False)
    assert len(links_of(path)) == int(missing[1])  # the rerun made the missing links


def test_remove_killed_in_the_refresh_is_finished_by_the_next_command(
    store: Path, corpus_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = sorted(CORPUS.glob("*.md"))
    victim = next(a for a in articles if _has_links(store, a))  # removing it drops links
    other = next(a for a in articles if a != victim)
    with monkeypatch.context() as patch:
        patch.setattr(kg.pipeline, "refresh_links", crash)
        code, _, _ = run("remove", str(victim), "--store", str(store))
    assert code == -1
    assert links_of(store) == links_of(corpus_store)  # stale: links to a removed article's claims
    assert state(store) == (False, True)

    code, _, err = run("ingest", str(other), "--store", str(store))  # changes nothing
    assert code == 0, err
    assert "0 added, 0 updated, 1 unchanged" in err
    assert state(store) == (True, False)
    assert links_of(store) < links_of(corpus_store)


def _has_links(path: Path, article: Path) -> bool:
    from kg.ingest import read_path
    from kg.links.refresh import claims_in_graph
    from kg.rdf.ontology import article_graph_iri

    store = Store(path, read_only=True)
    try:
        graph = str(article_graph_iri(read_path(article).text_key))
        claims = claims_in_graph(store, graph)
        return any(a in claims or b in claims for a, _, b in stored_links(store))
    finally:
        store.close()
