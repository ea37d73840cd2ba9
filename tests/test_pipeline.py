"""Ingest into a real store on disk: idempotent, replacing, and losing nothing on bad input."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.pipeline import ArticleOutcome, ingest
from kg.settings import Settings
from kg.store.oxigraph import Store
from tests.helpers.articles import http_server, write_synthetic
from tests.helpers.paths import CORPUS

ARTICLES = sorted(CORPUS.glob("[0-9]*.md"))


def quads(path: Path) -> set[tuple[str, str, str, str]]:
    store = Store(path)
    try:
        return set(store.quads())
    finally:
        store.close()


@pytest.mark.model
def test_reingest_unchanged_changes_zero_quads(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = ingest(ARTICLES[:3], Settings(store=store))
    assert first.count("added") == 3
    before = quads(store)
    again = ingest(ARTICLES[:3], Settings(store=store))
    assert again.count("unchanged") == 3 and again.count("added") == 0
    assert quads(store) == before


@pytest.mark.model
def test_changed_article_replaces_its_graph(tmp_path: Path) -> None:
    src = tmp_path / "a.md"
    shutil.copy(ARTICLES[0], src)
    store = tmp_path / "store"
    ingest([src], Settings(store=store))
    text = src.read_text(encoding="utf-8")
    src.write_text(text + "\nGina Raimondo said that the agency would publish new guidance.\n")
    report = ingest([src], Settings(store=store))
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


@pytest.mark.model
def test_bad_file_is_reported_and_others_still_ingested(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 \xff\xfe")
    store = tmp_path / "store"
    report = ingest([bad, ARTICLES[0], tmp_path / "missing.md"], Settings(store=store))
    assert report.count("added") == 1
    assert {Path(o.source).name for o in report.failed} == {"bad.txt", "missing.md"}
    assert all(o.error for o in report.failed)
    assert not report.ok


def test_no_blank_nodes_in_store(golden_store: Path) -> None:
    assert not any(q[0].startswith("_:") or q[2].startswith("_:") for q in quads(golden_store))


def test_one_named_graph_per_article(golden_store: Path) -> None:
    s = Store(golden_store)
    try:
        graphs = [g for g in s.named_graphs() if "/graph/article/" in g]
        assert len(graphs) == len(ARTICLES)
        assert any(g.endswith("/graph/meta") for g in s.named_graphs())
        assert any(g.endswith("/graph/actors") for g in s.named_graphs())
    finally:
        s.close()


def test_corpus_validates_against_shapes(golden_store: Path) -> None:
    from kg.rdf.shacl import validate_store

    s = Store(golden_store)
    try:
        report = validate_store(s)
    finally:
        s.close()
    assert report.graphs == len(ARTICLES)
    assert report.violations == []


# --- one graph across sources (issue 5) ----------------------------------------------------------

PLANTED_SAME = {
    "the updated controls would close loopholes that allowed advanced chips to reach china",
    "china remains one of the most important markets for nvidia",
    "the united states was abusing export control measures to maintain its technological hegemony",
}
PLANTED_CONTRADICTIONS = {
    ("export controls have slowed china's progress in artificial intelligence", "Lin Jian"),
    ("deepseek relied on smuggled nvidia chips to train its models", "Nvidia"),
    ("the gallium and germanium controls were aimed at the united states", "Shu Jueting"),
    ("us sanctions have held back huawei's ascend chip production", "Chen Hao"),
}


def test_planted_same_claim_pairs_are_one_claim(golden_store: Path) -> None:
    from kg.store.queries import run_saved

    s = Store(golden_store)
    try:
        rows = run_saved(s, "shared-claims", {}).rows
    finally:
        s.close()
    shared = {r[0].value: int(r[1].value) for r in rows if r[0] and r[1]}
    for claim in PLANTED_SAME:
        assert shared.get(claim) == 2, claim


def test_planted_contradictions_are_found_with_both_sources(golden_store: Path) -> None:
    from kg.store.queries import run_saved

    s = Store(golden_store)
    try:
        res = run_saved(s, "contradictions", {})
    finally:
        s.close()
    col = {v: i for i, v in enumerate(res.variables)}
    found = {(r[col["claim"]].value, r[col["speakerB"]].value) for r in res.rows}  # type: ignore[union-attr]
    assert found >= PLANTED_CONTRADICTIONS
    assert all(r[col["outletA"]] and r[col["outletB"]] for r in res.rows)


NEAR_A = "Ines Kallas said that the new export rules will slow chip shipments to Asia.\n"
NEAR_B = "Ines Kallas said that the new export rules would slow chip shipments to Asia.\n"
NEG_C = "Peter Lund said that the new export rules will not slow chip shipments to Asia.\n"


def links(path: Path) -> set[tuple[str, str, str]]:
    from kg.links.refresh import stored_links

    s = Store(path)
    try:
        return stored_links(s)
    finally:
        s.close()


@pytest.mark.model
def test_remove_leaves_no_trace_and_links_follow(tmp_path: Path) -> None:
    store = tmp_path / "store"
    a, b, c = (tmp_path / n for n in ("a.txt", "b.txt", "c.txt"))
    for path, text in ((a, NEAR_A), (b, NEAR_B), (c, NEG_C)):
        path.write_text(text, encoding="utf-8")
    ingest([a], Settings(store=store))
    before = quads(store)
    ingest([b, c], Settings(store=store))
    # a and b state one claim in near-identical words; c says it will not happen: a negated
    # future is c's prediction with the "not" kept in its text, which contradicts a and b
    assert {p.rsplit("#", 1)[1] for _, p, _ in links(store)} == {"sameClaimAs", "contradicts"}
    from kg.pipeline import remove_article
    from kg.store.queries import run_saved

    s = Store(store)
    try:
        rows = run_saved(s, "contradictions", {}).rows
    finally:
        s.close()
    # c contradicts what a states, and what b states in near-identical words
    assert len({(r[0].value, r[4].value) for r in rows if r[0] and r[4]}) == 2

    s = Store(store)
    try:
        remove_article(s, str(b))
        remove_article(s, str(c))
    finally:
        s.close()
    assert links(store) == set()
    assert quads(store) == before  # nothing of b or c is left, a is untouched


@pytest.mark.model
def test_remove_unknown_article_is_a_clear_error(tmp_path: Path) -> None:
    import pytest

    from kg.errors import ArticleNotFound
    from kg.pipeline import remove_article

    ingest([ARTICLES[0]], Settings(store=tmp_path / "store"))
    s = Store(tmp_path / "store")
    try:
        with pytest.raises(ArticleNotFound, match="no article"):
            remove_article(s, "https://nowhere.example/x")
    finally:
        s.close()


@pytest.mark.model
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

    report = ingest(paths(), Settings(store=tmp_path / "store"), progress=progress)
    assert report.count("added") == 30
    assert consumed_at_first_commit[0] < 30  # the first article went in before the last was read


@pytest.mark.model
def test_two_workers_give_the_same_graphs_as_one(tmp_path: Path) -> None:
    folder = write_synthetic(tmp_path / "items", 6)
    one, two = tmp_path / "one", tmp_path / "two"
    assert ingest([folder], Settings(store=one)).count("added") == 6
    assert ingest([folder], Settings(store=two), workers=2).count("added") == 6
    graphs = [{q for q in quads(p) if "/graph/article/" in q[3]} for p in (one, two)]
    assert graphs[0] == graphs[1] and graphs[0]


@pytest.mark.model
def test_fetched_urls_are_reingested_without_network(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with http_server() as base:
        first = ingest([f"{base}/plain.txt"], Settings(store=store))
    assert first.count("added") == 1, first.failed
    again = ingest([f"{base}/plain.txt"], Settings(store=store))  # the server is gone
    assert again.count("unchanged") == 1 and again.ok
    assert list((tmp_path / "store.ingest" / "fetched").glob("*.body"))


@pytest.mark.model
def test_a_later_ingest_links_its_claims_to_those_already_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second ingest relinks only its own claims, through the claim index file."""
    import kg.links.refresh
    from kg.links.refresh import stored_generation, stored_links

    first = tmp_path / "a.txt"
    first.write_text("Ines Varga said that the licence backlog has grown every month.\n")
    second = tmp_path / "b.txt"
    second.write_text("Tomas Reyes said that the licence backlog has grown sharply every month.\n")
    store_path = tmp_path / "store"
    ingest([first], Settings(store=store_path))
    assert (tmp_path / "store.ingest" / "claim-index.sqlite").is_file()
    store = Store(store_path)
    generation = stored_generation(store)
    store.close()
    assert generation is not None

    rebuilds: list[int] = []
    real = kg.links.refresh._rebuild

    def counted(*args: Any, **kwargs: Any) -> Any:
        rebuilds.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(kg.links.refresh, "_rebuild", counted)  # a spy: the real rebuild still runs
    ingest([second], Settings(store=store_path))
    assert rebuilds == []  # only the new article's claims were relinked
    store = Store(store_path)
    try:
        links = stored_links(store)
        assert [p.rsplit("#", 1)[-1] for _, p, _ in links] == ["sameClaimAs"]
        assert stored_generation(store) not in (None, generation)
    finally:
        store.close()
