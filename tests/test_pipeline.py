"""Ingest into a real store on disk: idempotent, replacing, and losing nothing on bad input."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from kg.pipeline import ArticleOutcome, ingest
from kg.store import Store
from tests.conftest import CORPUS
from tests.ingest_samples import http_server, write_synthetic

ARTICLES = sorted(CORPUS.glob("[0-9]*.md"))


def quads(path: Path) -> set[tuple[str, str, str, str]]:
    store = Store(path)
    try:
        return set(store.quads())
    finally:
        store.close()


def test_reingest_unchanged_changes_zero_quads(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = ingest(ARTICLES[:3], store)
    assert first.count("added") == 3
    before = quads(store)
    again = ingest(ARTICLES[:3], store)
    assert again.count("unchanged") == 3 and again.count("added") == 0
    assert quads(store) == before


def test_changed_article_replaces_its_graph(tmp_path: Path) -> None:
    src = tmp_path / "a.md"
    shutil.copy(ARTICLES[0], src)
    store = tmp_path / "store"
    ingest([src], store)
    text = src.read_text(encoding="utf-8")
    src.write_text(text + "\nGina Raimondo said that the agency would publish new guidance.\n")
    report = ingest([src], store)
    assert report.count("updated") == 1
    s = Store(store)
    try:
        rows = s.select(
            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }"
        ).rows
        assert rows[0][0] is not None and rows[0][0].value == "1"
        graphs = [g for g in s.named_graphs() if "/graph/article/" in g]
        assert len(graphs) == 1
        found = s.select(
            'ASK { ?sel <http://www.w3.org/ns/oa#exact> "the agency would publish new guidance" }'
        )
        assert found.boolean
    finally:
        s.close()


def test_bad_file_is_reported_and_others_still_ingested(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 \xff\xfe")
    store = tmp_path / "store"
    report = ingest([bad, ARTICLES[0], tmp_path / "missing.md"], store)
    assert report.count("added") == 1
    assert {Path(o.source).name for o in report.failed} == {"bad.txt", "missing.md"}
    assert all(o.error for o in report.failed)
    assert not report.ok


def test_no_blank_nodes_in_store(corpus_store: Path) -> None:
    assert not any(q[0].startswith("_:") or q[2].startswith("_:") for q in quads(corpus_store))


def test_one_named_graph_per_article(corpus_store: Path) -> None:
    s = Store(corpus_store)
    try:
        graphs = [g for g in s.named_graphs() if "/graph/article/" in g]
        assert len(graphs) == len(ARTICLES)
        assert any(g.endswith("/graph/meta") for g in s.named_graphs())
        assert any(g.endswith("/graph/actors") for g in s.named_graphs())
    finally:
        s.close()


def test_corpus_validates_against_shapes(corpus_store: Path) -> None:
    from kg.validate import validate_store

    s = Store(corpus_store)
    try:
        report = validate_store(s)
    finally:
        s.close()
    assert report.graphs == len(ARTICLES)
    assert report.violations == []


def test_ingest_streams_committing_before_all_inputs_are_read(tmp_path: Path) -> None:
    folder = write_synthetic(tmp_path / "items", 30)
    files = sorted(folder.iterdir())
    consumed: list[Path] = []
    consumed_at_first_commit: list[int] = []

    def paths() -> Iterator[Path]:
        for f in files:
            consumed.append(f)
            yield f

    def progress(outcome: ArticleOutcome) -> None:
        if outcome.status == "added" and not consumed_at_first_commit:
            consumed_at_first_commit.append(len(consumed))

    report = ingest(paths(), tmp_path / "store", progress=progress)
    assert report.count("added") == 30
    assert consumed_at_first_commit[0] < 30  # the first article went in before the last was read


def test_two_workers_give_the_same_graphs_as_one(tmp_path: Path) -> None:
    folder = write_synthetic(tmp_path / "items", 6)
    one, two = tmp_path / "one", tmp_path / "two"
    assert ingest([folder], one).count("added") == 6
    assert ingest([folder], two, workers=2).count("added") == 6
    graphs = [{q for q in quads(p) if "/graph/article/" in q[3]} for p in (one, two)]
    assert graphs[0] == graphs[1] and graphs[0]


def test_fetched_urls_are_reingested_without_network(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with http_server() as base:
        first = ingest([f"{base}/plain.txt"], store)
    assert first.count("added") == 1, first.failed
    again = ingest([f"{base}/plain.txt"], store)  # the server is gone
    assert again.count("unchanged") == 1 and again.ok
    assert list((tmp_path / "store.ingest" / "fetched").glob("*.body"))
