"""Article identity comes from the text: one text is one article graph however many sources
hold it (two folders, syndicating outlets), each source a publication of it; the life cycle
of a source (copy, edit, remove) keeps the store as a fresh ingest of the same files gives it,
one transaction per source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.model import Article, Extraction
from kg.pipeline import IngestReport, ingest, remove_article
from kg.settings import Settings
from kg.store.oxigraph import GraphWrite, Store
from kg.store.queries import run_saved

BODY = (
    "Ines Kallas said that the new export rules will slow chip shipments to Asia. "
    "Officials argued that the rules were needed because earlier controls had been easy "
    "to avoid.\n"
)
OTHER = "Peter Lund said that the new export rules will not slow chip shipments to Asia.\n"
NEAR = "Mara Quentin said that the new export rules would slow chip shipments to Asia.\n"
EDITED = "Tomas Reyes said that the licence backlog has grown every month since March.\n"

pytestmark = pytest.mark.model  # every test here ingests


def front(outlet: str, url: str | None = None, title: str = "Export rules") -> str:
    lines = [f"title: {title}", f"outlet: {outlet}", "date: 2024-05-02"]
    if url:
        lines.append(f"url: {url}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def quads(path: Path) -> set[tuple[str, str, str, str]]:
    with_store = Store(path)
    try:
        return set(with_store.quads())
    finally:
        with_store.close()


def timeless(path: Path) -> set[tuple[str, str, str, str]]:
    """The quads without time stamps (first seen, generated, ended), which differ per run."""
    return {q for q in quads(path) if "XMLSchema#dateTime" not in q[2]}


def links(path: Path) -> list[str]:
    """The kinds of the derived claim links (kg.links.refresh) in the store."""
    from kg.links.refresh import stored_links

    s = Store(path)
    try:
        return sorted(p.rsplit("#", 1)[-1] for _, p, _ in stored_links(s))
    finally:
        s.close()


def saved(path: Path, name: str) -> list[dict[str, str]]:
    s = Store(path)
    try:
        res = run_saved(s, name, {})
    finally:
        s.close()
    return [
        {v: c.value for v, c in zip(res.variables, row, strict=True) if c is not None}
        for row in res.rows
    ]


def publications(path: Path) -> dict[str, set[str]]:
    """text key -> the source keys of its publications."""
    out: dict[str, set[str]] = {}
    for row in saved(path, "publications"):
        out.setdefault(row["textKey"], set()).add(row["source"])
    return out


def article_graphs(path: Path) -> list[str]:
    s = Store(path)
    try:
        return [g for g in s.named_graphs() if "/graph/article/" in g]
    finally:
        s.close()


def statuses(report: IngestReport) -> list[str]:
    """The outcomes' statuses, sorted (an unchanged source is reported when it is read, an
    extracted one when it is committed)."""
    return sorted(o.status for o in report.outcomes)


def test_same_text_from_two_folders_is_one_article(tmp_path: Path) -> None:
    x, y = tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt"
    for path in (x, y):
        path.parent.mkdir()
        path.write_text(BODY, encoding="utf-8")
    store = tmp_path / "store"
    assert statuses(ingest([x], Settings(store=store))) == ["added"]
    one = quads(store)
    report = ingest([y], Settings(store=store))
    assert statuses(report) == ["copy"] and report.outcomes[0].statements == 0
    assert len(article_graphs(store)) == 1
    assert list(publications(store).values()) == [{str(x.resolve()), str(y.resolve())}]
    added = quads(store) - one
    assert all("/publication/" in q[0] or q[1].endswith("workExample>") for q in added), added
    (row,) = saved(store, "articles")
    assert row["publications"] == "2" and row["statements"] == "2"
    assert saved(store, "shared-claims") == []  # one text is not two sources

    before = quads(store)
    assert statuses(ingest([x.parent, y.parent], Settings(store=store))) == ["unchanged"] * 2
    assert quads(store) == before


def test_copies_in_one_run_are_extracted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copies read while their text is still being extracted (the parse batch reads ahead)
    wait for it and are recorded as copies, not extracted again."""
    import kg.extract

    calls: list[str] = []
    real = kg.extract.build_extraction

    def counted(article: Article, *args: Any, **kw: Any) -> Extraction:
        calls.append(article.key)
        return real(article, *args, **kw)

    monkeypatch.setattr(kg.extract, "build_extraction", counted)
    paths = [tmp_path / f"{n}.md" for n in "abcd"]
    for i, path in enumerate(paths):
        path.write_text(front(f"Outlet {i}", f"https://o{i}.example/x") + BODY, "utf-8")
    report = ingest(paths, Settings(store=tmp_path / "store"))
    assert statuses(report) == ["added", "copy", "copy", "copy"]
    assert calls == ["https://o0.example/x"]
    assert len(publications(tmp_path / "store")) == 1


def test_syndicated_copy_is_a_second_publication_counted_once(tmp_path: Path) -> None:
    wire = tmp_path / "wire.md"
    wire.write_text(front("Pacific Wire", "https://wire.example/rules") + BODY, encoding="utf-8")
    paper = tmp_path / "paper.md"
    paper.write_text(
        front("Harbour Ledger", "https://ledger.example/rules", "Rules to slow shipments") + BODY,
        encoding="utf-8",
    )
    other = tmp_path / "other.md"
    other.write_text(front("Meridian Post", "https://meridian.example/n") + OTHER, encoding="utf-8")
    store = tmp_path / "store"
    report = ingest([wire, paper, other], Settings(store=store))
    assert statuses(report) == ["added", "added", "copy"]
    assert len(article_graphs(store)) == 2
    pubs = saved(store, "publications")
    assert {(p["outlet"], p["source"], p["headline"]) for p in pubs} >= {
        ("Pacific Wire", "https://wire.example/rules", "Export rules"),
        ("Harbour Ledger", "https://ledger.example/rules", "Rules to slow shipments"),
    }
    articles = {r["outlet"]: r for r in saved(store, "articles")}
    assert articles["Pacific Wire"]["outlets"] == "Harbour Ledger | Pacific Wire"
    assert articles["Pacific Wire"]["publications"] == "2"
    # the denial in the third article contradicts the syndicated text: one pair, not two,
    # and the syndicated side lists both its outlets
    rows = saved(store, "contradictions")
    assert len(rows) == 1
    sides = {rows[0]["outletA"], rows[0]["outletB"]}
    assert sides == {"Pacific Wire | Harbour Ledger", "Meridian Post"} or sides == {
        "Harbour Ledger | Pacific Wire",
        "Meridian Post",
    }


def test_shared_claims_count_texts_not_copies(tmp_path: Path) -> None:
    """Two outlets with the same text are one source of a claim; a third text is another."""
    a, b, c = (tmp_path / f"{n}.md" for n in "abc")
    a.write_text(front("Pacific Wire", "https://wire.example/1") + BODY, encoding="utf-8")
    b.write_text(front("Harbour Ledger", "https://ledger.example/1") + BODY, encoding="utf-8")
    c.write_text(
        front("Meridian Post", "https://meridian.example/1")
        + "Mara Quentin said that the new export rules will slow chip shipments to Asia.\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    ingest([a, b], Settings(store=store))
    assert saved(store, "shared-claims") == []
    ingest([c], Settings(store=store))
    (row,) = saved(store, "shared-claims")
    assert row["articles"] == "2"
    assert set(row["outlets"].split(" | ")) == {"Pacific Wire", "Harbour Ledger", "Meridian Post"}


def test_life_cycle_edit_and_remove_keep_the_store_as_a_fresh_ingest_gives_it(
    tmp_path: Path,
) -> None:
    x, y, z = tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt", tmp_path / "z.txt"
    for path, text in ((x, BODY), (y, BODY), (z, NEAR)):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    assert statuses(ingest([x, y, z], Settings(store=store))) == ["added", "added", "copy"]
    old_text = next(k for k, v in publications(store).items() if str(x.resolve()) in v)
    assert links(store) == ["sameClaimAs"]  # z's claim is a near duplicate of the text's

    # x is edited: it leaves the old text, which y still holds and keeps; x gets a new text
    x.write_text(EDITED, encoding="utf-8")
    report = ingest([x, y, z], Settings(store=store))
    assert statuses(report) == ["unchanged", "unchanged", "updated"]
    pubs = publications(store)
    assert pubs[old_text] == {str(y.resolve())} and links(store) == ["sameClaimAs"]
    assert len(pubs) == 3 and {str(x.resolve())} in pubs.values()
    fresh = tmp_path / "fresh"
    ingest([x, y, z], Settings(store=fresh))
    assert timeless(store) == timeless(fresh)

    # y is removed (by its file): the old text goes with its last publication
    s = Store(store)
    try:
        assert remove_article(s, str(y)).key == str(y.resolve())
    finally:
        s.close()
    again = tmp_path / "again"
    ingest([x, z], Settings(store=again))
    assert timeless(store) == timeless(again)
    assert old_text not in publications(store) and links(store) == []

    # removing the last source of every text leaves no article, provenance or link behind
    s = Store(store)
    try:
        remove_article(s, str(x))
        remove_article(s, str(z.resolve()))
    finally:
        s.close()
    assert article_graphs(store) == []
    left = quads(store)
    assert not any(
        part in q[0] for q in left for part in ("/article/", "/publication/", "/run/")
    ), sorted(q for q in left if "/graph/meta" in q[3])[:5]
    assert not any("/graph/links" in q[3] for q in left)


def test_source_that_joins_a_stored_text_after_an_edit_is_a_copy(tmp_path: Path) -> None:
    x, y = tmp_path / "x.txt", tmp_path / "y.txt"
    x.write_text(BODY, encoding="utf-8")
    y.write_text(OTHER, encoding="utf-8")
    store = tmp_path / "store"
    ingest([x, y], Settings(store=store))
    y.write_text(BODY, encoding="utf-8")  # y now holds x's text: its own old text goes
    report = ingest([y], Settings(store=store))
    assert statuses(report) == ["updated"] and report.outcomes[0].statements == 0
    assert list(publications(store).values()) == [{str(x.resolve()), str(y.resolve())}]
    assert len(article_graphs(store)) == 1


def test_front_matter_change_of_the_lead_re_extracts_of_another_source_only_records(
    tmp_path: Path,
) -> None:
    """The graph's offsets index its lead publication's text: a change in front of the body
    there shifts them, so the text is extracted again; elsewhere only the record changes."""
    lead, copy = tmp_path / "a.md", tmp_path / "b.md"
    lead.write_text(front("Pacific Wire") + BODY, encoding="utf-8")
    copy.write_text(front("Harbour Ledger") + BODY, encoding="utf-8")
    store = tmp_path / "store"
    assert statuses(ingest([lead, copy], Settings(store=store))) == ["added", "copy"]

    copy.write_text(front("Harbour Ledger", title="A longer headline here") + BODY, "utf-8")
    report = ingest([copy], Settings(store=store))
    assert statuses(report) == ["updated"] and report.outcomes[0].statements == 0
    heads = {p["outlet"]: p["headline"] for p in saved(store, "publications")}
    assert heads["Harbour Ledger"] == "A longer headline here"

    lead.write_text(front("Pacific Wire", title="Export rules, revised") + BODY, "utf-8")
    report = ingest([lead], Settings(store=store))
    assert statuses(report) == ["updated"] and report.outcomes[0].statements == 2
    text = lead.read_text(encoding="utf-8")
    s = Store(store)
    try:
        starts = s.select(
            "SELECT ?s ?x WHERE { ?st <https://w3id.org/kg-aigeo/ont#anchor> ?sel . "
            "?sel <http://www.w3.org/ns/oa#start> ?s ; <http://www.w3.org/ns/oa#exact> ?x }"
        ).rows
    finally:
        s.close()
    assert starts and all(text[int(s.value) :].startswith(x.value) for s, x in starts)  # type: ignore[union-attr]
    (row,) = saved(store, "articles")
    assert row["headline"] == "Export rules, revised" and row["publications"] == "2"


def test_each_source_is_one_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Moving a source from a text that another source keeps to a new text is one write."""
    x, y = tmp_path / "x.txt", tmp_path / "y.txt"
    x.write_text(BODY, encoding="utf-8")
    y.write_text(BODY, encoding="utf-8")
    store = tmp_path / "store"
    ingest([x, y], Settings(store=store))
    x.write_text(EDITED, encoding="utf-8")
    writes: list[tuple[list[str], tuple[str, ...]]] = []
    real = Store.replace_graphs

    def spy(self: Store, graphs: list[GraphWrite], **kw: Any) -> None:
        if any("/graph/article/" in w.graph for w in graphs) or kw.get("drop"):
            writes.append(([w.graph for w in graphs], kw.get("drop", ())))
        return real(self, graphs, **kw)

    monkeypatch.setattr(Store, "replace_graphs", spy)
    ingest([x], Settings(store=store))
    assert len(writes) == 1  # the new text's graph and the old one's republication together
    assert len(writes[0][0]) == 2 and writes[0][1] == ()


def test_remove_takes_a_text_key_for_the_whole_article(tmp_path: Path) -> None:
    x, y = tmp_path / "x.txt", tmp_path / "y.txt"
    x.write_text(BODY, encoding="utf-8")
    y.write_text(BODY, encoding="utf-8")
    store = tmp_path / "store"
    ingest([x, y], Settings(store=store))
    (key,) = publications(store)
    s = Store(store)
    try:
        assert remove_article(s, key).key == key
    finally:
        s.close()
    assert article_graphs(store) == [] and publications(store) == {}


# --- stores written before content identity -------------------------------------------------------


def _legacy(store: Path, source_key: str) -> None:
    """Rewrite the store's one article into the old layout: graph and IRIs from the source key,
    kg:sourceKey on the article (and in the meta graph), no text key, no publications."""
    from rdflib import Graph, Literal, URIRef

    from kg.rdf.mapping import to_ntriples
    from kg.rdf.ontology import KG, META_GRAPH, SCHEMA, article_graph_iri, article_iri
    from kg.store.oxigraph import GraphWrite

    s = Store(store)
    try:
        (graph,) = [g for g in s.named_graphs() if "/graph/article/" in g]
        g = Graph()
        g.parse(data=s.graph_ntriples(graph), format="nt")
        (old,) = g.subjects(KG.textKey, None)
        new = article_iri(source_key)
        pubs = set(g.objects(old, SCHEMA.workExample))
        out = Graph()
        for a, p, o in g:
            if a in pubs or p in (KG.textKey, SCHEMA.workExample):
                continue
            out.add((new if a == old else a, p, new if o == old else o))
        out.add((new, KG.sourceKey, Literal(source_key)))
        sha = str(g.value(old, KG.sha256))
        legacy_graph = str(article_graph_iri(source_key))
        meta = Graph()
        meta.add((new, KG.sourceKey, Literal(source_key)))
        meta.add((new, KG.sha256, Literal(sha)))
        meta.add((new, KG.articleGraph, URIRef(legacy_graph)))
        runs = s.select(
            f"SELECT ?r WHERE {{ GRAPH <{META_GRAPH}> {{ <{graph}> "
            "<http://www.w3.org/ns/prov#wasGeneratedBy> ?r } }"
        ).rows
        s.replace_graphs(
            [GraphWrite(legacy_graph, to_ntriples(out))],
            meta_subjects=(graph, str(old), *(str(p) for p in pubs), *(r[0].value for r in runs)),  # type: ignore[union-attr]
            meta_ntriples=to_ntriples(meta),
            drop=(graph,),
        )
    finally:
        s.close()


def test_a_store_from_before_is_migrated_source_by_source(tmp_path: Path) -> None:
    from kg.rdf.shacl import validate_store

    x, y = tmp_path / "x.txt", tmp_path / "y.txt"
    x.write_text(BODY, encoding="utf-8")
    y.write_text(OTHER, encoding="utf-8")
    store = tmp_path / "store"
    ingest([x], Settings(store=store))
    _legacy(store, str(x.resolve()))
    report = ingest([y], Settings(store=store))
    assert report.legacy == 1  # x is still in the old layout: the CLI says to re-ingest it
    s = Store(store)
    try:
        found = validate_store(s).violations
    finally:
        s.close()
    assert any("re-ingest" in v.message for v in found)

    report = ingest([x, y], Settings(store=store))
    assert statuses(report) == ["unchanged", "updated"] and report.legacy == 0
    fresh = tmp_path / "fresh"
    ingest([x, y], Settings(store=fresh))
    assert timeless(store) == timeless(fresh)  # nothing of the old layout is left


def test_remove_finds_a_source_of_the_old_layout(tmp_path: Path) -> None:
    x = tmp_path / "x.txt"
    x.write_text(BODY, encoding="utf-8")
    store = tmp_path / "store"
    ingest([x], Settings(store=store))
    _legacy(store, str(x.resolve()))
    s = Store(store)
    try:
        remove_article(s, str(x))
    finally:
        s.close()
    assert article_graphs(store) == []
