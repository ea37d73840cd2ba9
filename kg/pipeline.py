"""Ingest: read articles, extract, map to RDF and commit each article in one transaction.

An article is identified by its text, not by where it was read (kg.identity): the same text
from another file or outlet becomes another publication of the stored article, without being
extracted again. Re-ingesting an unchanged source changes nothing; a changed one replaces
what it held; an article that cannot be read is reported and the others still go in. A
crash (even SIGKILL) leaves every source either fully committed with its provenance or as
it was; re-running finishes the job.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from kg.cluster import Extractor, extractor
from kg.errors import ArticleNotFound, FormatError, InputError, KGError
from kg.identity import (
    changes,
    drop_text,
    held_by,
    legacy_articles,
    plan,
    stored_text,
    withdraw,
)
from kg.ingest import ReadOptions, read_articles
from kg.links.refresh import LinkReport, begin_change, links_pending, refresh_links
from kg.model import Article, Extraction, ExtractionFailed
from kg.rdf.mapping import graph_record, ontology_graph, registry_graph, to_ntriples
from kg.rdf.ontology import ACTORS_GRAPH, ONTOLOGY_GRAPH, digest
from kg.resolve.gazetteer import Gazetteer
from kg.settings import Settings
from kg.store.guard import check_rdfxml
from kg.store.lock import work_dir, writer_lock
from kg.store.oxigraph import IMPORT_FORMATS, GraphWrite, Store, is_rdfxml

#: Flush the store every this many commits: Oxigraph keeps writes in memory until a flush,
#: so without one resident memory grows with every article (measured: about 0.13 MB per
#: article of 150 triples, linearly, past 700 MB at 5,000 articles).
FLUSH_EVERY = 64


@dataclass(frozen=True)
class ArticleOutcome:
    source: str
    #: "added" (a new text, extracted), "updated" (what the source held changed), "copy" (a
    #: text already stored from another source: one more publication of it, nothing
    #: extracted), "unchanged", "failed"
    status: str
    title: str | None = None
    statements: int = 0
    evidence: int = 0
    actors: int = 0
    error: str | None = None  # why it failed
    hint: str | None = None  # what may fix it
    code: str | None = None  # the KGError code of the failure
    warnings: tuple[str, ...] = ()  # what extraction worked around (Extraction.warnings)


@dataclass
class IngestReport:
    outcomes: list[ArticleOutcome] = field(default_factory=list)
    #: articles the store still holds as written before content identity (re-ingest their
    #: sources to migrate them; `kg validate` names them)
    legacy: int = 0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[ArticleOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed


Progress = Callable[[ArticleOutcome], None]


def sync_registry(store: Store, gazetteer: Gazetteer) -> bool:
    """Write the ontology and actor registry graphs when they changed since the last ingest."""
    changed = False
    for graph_iri, graph, origin in (
        (ONTOLOGY_GRAPH, ontology_graph(), "kg.ttl"),
        (ACTORS_GRAPH, registry_graph(gazetteer), Path(gazetteer.path).name),
    ):
        nt = to_ntriples(graph)  # sorted lines: the same graph gives the same digest every run
        sha = digest(nt, length=64)
        if store.graph_sha(str(graph_iri)) == sha:
            continue
        store.replace_graphs(
            [GraphWrite(str(graph_iri), nt)],
            meta_subjects=(str(graph_iri),),
            meta_ntriples=to_ntriples(graph_record(graph_iri, sha, origin)),
        )
        changed = True
    return changed


def commit_extraction(store: Store, extraction: Extraction, gazetteer: Gazetteer) -> set[str]:
    """Validate and write one extracted article with its provenance, as its source's one
    change (kg.identity); returns the claims touched (for the link refresh)."""
    change, writes = changes(store, extraction.article, extraction, gazetteer, force=True)
    writes.apply(store)
    return set(change.touched)


def ingest(
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    force: bool = False,
    progress: Progress | None = None,
    options: ReadOptions | None = None,
    workers: int = 1,
    wait: bool = False,
) -> IngestReport:
    """Ingest files, folders, URLs and "-" into the store ``settings`` names, streaming.

    The store's analyst decisions (and those of ``settings.decisions_file``, which are then
    recorded with the store) apply to every article. Articles are read, extracted and
    committed one after another (``workers`` parse processes), so memory does not grow with
    the corpus; a text the store already holds from another source is not extracted again.
    One ingest writes to a store at a time (kg.store.lock); fetched URLs are kept in
    ``<store>.ingest/fetched`` for later runs. With ``settings.scheduler`` the extraction
    runs on that Dask cluster and everything else stays here, the same.
    """
    if settings.scheduler:  # a missing Dask client is said before anything is read
        from kg.cluster import distributed

        distributed()
    report = IngestReport()

    def record(outcome: ArticleOutcome) -> None:
        report.outcomes.append(outcome)
        if progress:
            progress(outcome)

    def failed(err: InputError) -> None:
        record(ArticleOutcome(err.source, "failed", error=err.reason, hint=err.hint, code=err.code))

    store_path = settings.store
    options = options or ReadOptions()
    if options.cache_dir is None:
        options = replace(options, cache_dir=work_dir(store_path) / "fetched")
    with writer_lock(store_path, wait=wait):
        decisions = settings.decisions()
        if settings.decisions_file is not None:
            settings.record(decisions)  # later ingests apply them without --decisions
        articles = _articles(read_articles(paths, options), failed)
        first = next(articles, None)
        if first is None:
            return report
        gazetteer = settings.gazetteer()
        with extractor(settings, gazetteer, decisions, workers=workers) as extract:
            _ingest_stream(
                chain([first], articles), store_path, extract, gazetteer, force, record, report
            )
    return report


def _ingest_stream(
    articles: Iterable[Article],
    store_path: Path,
    extract: Extractor,
    gazetteer: Gazetteer,
    force: bool,
    record: Callable[[ArticleOutcome], None],
    report: IngestReport,
) -> None:
    """Plan, extract and commit ``articles`` one by one (the writer lock is held)."""
    store = Store(store_path)
    try:
        sync_registry(store, gazetteer)
        unlinked = links_pending(store)  # a crash cut the last change short: finish it
        touched: set[str] = set()  # claims of the changed article graphs, before and after
        since: list[str | None] = []  # what begin_change returned, once something is written
        writes = 0

        def commit(article: Article, extraction: Extraction | None) -> None:
            nonlocal writes
            try:
                change, out = changes(store, article, extraction, gazetteer, force=force)
                if change.status != "unchanged":
                    if not since:
                        since.append(begin_change(store))
                    out.apply(store)
                    writes += 1
                    if writes % FLUSH_EVERY == 0:
                        store.flush()
            except KGError as err:
                record(_failed(ExtractionFailed(article, err.code, err.message, err.hint)))
                return
            touched.update(change.touched)
            x = extraction if change.extracted else None
            record(
                ArticleOutcome(
                    article.source,
                    change.status,
                    title=article.title,
                    statements=len(x.claims) if x else 0,
                    evidence=len(x.evidence) if x else 0,
                    actors=len(x.actors) if x else 0,
                    warnings=x.warnings if x else (),
                )
            )

        in_flight: set[str] = set()  # texts read for extraction, not yet committed

        def pending(items: Iterable[Article], later: list[Article]) -> Iterator[Article]:
            """The articles to extract; the others are recorded (or skipped) on the way.

            A text that another source of this run is being extracted from (read ahead in
            the parse batch, not stored yet) waits in ``later``, so a syndicated copy is
            recorded as one, not extracted again."""
            for article in items:
                action = plan(store, article, force=force)
                if action == "extract":
                    if article.text_key in in_flight and not force:
                        later.append(article)
                        continue
                    in_flight.add(article.text_key)
                    yield article
                elif action == "unchanged":
                    record(ArticleOutcome(article.source, "unchanged", title=article.title))
                else:
                    commit(article, None)

        batch: Iterable[Article] = articles
        while True:
            later: list[Article] = []
            for extraction in extract(pending(batch, later)):
                if isinstance(extraction, ExtractionFailed):
                    record(_failed(extraction))
                else:
                    commit(extraction.article, extraction)
                in_flight.discard(extraction.article.text_key)
            if not later:
                break
            batch = later  # copies now (or extracted, if their text failed to go in)
        if since or unlinked:  # a change, or one a crash cut short before its links
            refresh_links(store, touched, since=since[0] if since else None)
        report.legacy = legacy_articles(store)
        store.flush()
    finally:
        store.close()


def _failed(failure: ExtractionFailed) -> ArticleOutcome:
    article = failure.article
    return ArticleOutcome(
        article.source,
        "failed",
        title=article.title,
        error=failure.message,
        hint=failure.hint,
        code=failure.code,
    )


def _articles(
    items: Iterable[Article | InputError], on_error: Callable[[InputError], None]
) -> Iterator[Article]:
    """The articles among ``items``, passing each error to ``on_error`` as it comes."""
    for item in items:
        if isinstance(item, InputError):
            on_error(item)
        else:
            yield item


def extract_paths(
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    options: ReadOptions | None = None,
    workers: int = 1,
) -> Iterator[Extraction | ExtractionFailed | InputError]:
    """Extract without touching the store: an Extraction per article or the error it raised
    (on a cluster, an `ExtractionFailed` for an article the cluster could not extract).

    Streams like `ingest`; an error is yielded just after the extraction it was read beside.
    """
    errors: list[InputError] = []
    articles = _articles(read_articles(paths, options), errors.append)
    first = next(articles, None)
    yield from errors
    errors.clear()
    if first is None:
        return
    gazetteer = settings.gazetteer()
    with extractor(settings, gazetteer, settings.decisions(), workers=workers) as extract:
        for extraction in extract(chain([first], articles)):
            yield extraction
            yield from errors
            errors.clear()
    yield from errors


# --- import, remove --------------------------------------------------------------------------


def import_file(store: Store, path: Path, fmt: str | None = None, graph: str | None = None) -> int:
    """Load an RDF file into the store with Oxigraph's bulk loader; returns quads added.

    Quad formats (N-Quads, TriG) keep their named graphs, so importing a `kg export` gives back
    the same dataset; triples from triple formats go into ``graph`` (else the default graph).
    """
    if not path.is_file():
        raise InputError(str(path), "no such file")
    if fmt is not None and fmt not in IMPORT_FORMATS:
        raise FormatError(
            f"unknown import format {fmt!r}", hint="one of " + ", ".join(IMPORT_FORMATS)
        )
    if is_rdfxml(path, fmt):
        check_rdfxml(path)  # entity bombs and external entities never reach the loader
    if len(store):  # merged into existing data: the next link refresh rebuilds the claim index
        begin_change(store)  # (into an empty store, the export's own index generation holds)
    return store.bulk_import(path, fmt, graph)


@dataclass(frozen=True)
class FolderImport:
    files: list[Path]
    quads: int  # quads added
    links: LinkReport


def import_folder(store: Store, folder: Path) -> FolderImport:
    """Bulk-load a folder of shards (kg.shards: ``registry.nq`` then ``part-*.nq``; else every
    ``*.nq`` file in it, in name order), then build the claim index and links graph in one
    pass over the store."""
    from kg.shards import REGISTRY, SHARD_GLOB

    if not folder.is_dir():
        raise InputError(str(folder), "no such folder")
    files = [folder / REGISTRY] if (folder / REGISTRY).is_file() else []
    files += sorted(folder.glob(SHARD_GLOB)) or sorted(
        f for f in folder.glob("*.nq") if f.name != REGISTRY
    )
    if not files:
        raise InputError(str(folder), "holds no N-Quads files (*.nq)")
    begin_change(store)  # the links follow the import: cleared now, written back after
    before = len(store)
    for path in files:
        store.bulk_import(path, "nquads", optimize=False)
    store.optimize(f"imported {folder}")
    links = refresh_links(store)  # no touched set: a one-pass rebuild of index and links
    store.flush()
    return FolderImport(files, len(store) - before, links)


@dataclass(frozen=True)
class RemoveReport:
    key: str
    links: LinkReport


_TEXT_KEY = re.compile(r"^[0-9a-f]{64}$")


def article_key(store: Store, ref: str) -> str:
    """The source key an analyst means: a key as stored, a file (as it was when ingested: its
    real path, or the URL its front matter gives), or a text key (the whole article)."""
    candidates = [ref]
    if not ref.startswith(("http://", "https://", "stdin:")):
        candidates.append(os.path.realpath(ref))
        if Path(ref).is_file():
            from kg.ingest import read_path

            with suppress(InputError):  # unreadable now: it may still be stored by its path
                candidates.append(read_path(ref).key)
    for key in candidates:
        if held_by(store, key):
            return key
    if _TEXT_KEY.match(ref) and stored_text(store, ref) is not None:
        return ref
    raise ArticleNotFound(
        f"no article {ref!r} in the store",
        hint="give its file, its source key or its text key (kg:sourceKey, kg:textKey)",
    )


def remove_article(store: Store, ref: str) -> RemoveReport:
    """Remove one source (its publication; its text goes with the last one) or, given a text
    key, a whole article with all its publications, and refresh the derived links."""
    key = article_key(store, ref)
    writes = withdraw(store, key) or drop_text(store, key)
    assert writes is not None
    since = begin_change(store)
    writes.apply(store)
    return RemoveReport(key, refresh_links(store, writes.touched, since=since))
