"""Ingest: read articles, extract, map to RDF and commit each article in one transaction.

Re-ingesting an unchanged article changes nothing (its text hash is already in the
store); a changed article replaces its own graph; an article that cannot be read
is reported and the others still go in. A crash (even SIGKILL) leaves every article
either fully committed with its provenance or absent; re-running finishes the job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from kg.errors import InputError, KGError
from kg.extract import extract_many, load_nlp
from kg.ingest import ReadOptions, read_articles
from kg.links.refresh import LinkReport, begin_change, claims_in_graph, refresh_links
from kg.model import Article, Extraction
from kg.rdf.mapping import article_graphs, graph_record, ontology_graph, registry_graph, to_ntriples
from kg.rdf.ontology import ACTORS_GRAPH, ONTOLOGY_GRAPH, article_graph_iri, digest
from kg.rdf.shacl import check_article
from kg.resolve.gazetteer import Gazetteer
from kg.settings import Settings
from kg.store.lock import work_dir, writer_lock
from kg.store.oxigraph import IMPORT_FORMATS, GraphWrite, Store

#: Flush the store every this many commits: Oxigraph keeps writes in memory until a flush,
#: so without one resident memory grows with every article (measured: about 0.13 MB per
#: article of 150 triples, linearly, past 700 MB at 5,000 articles).
FLUSH_EVERY = 64


@dataclass(frozen=True)
class ArticleOutcome:
    source: str
    status: str  # "added", "updated", "unchanged", "failed"
    title: str | None = None
    statements: int = 0
    evidence: int = 0
    actors: int = 0
    error: str | None = None
    warnings: tuple[str, ...] = ()  # what extraction worked around (Extraction.warnings)


@dataclass
class IngestReport:
    outcomes: list[ArticleOutcome] = field(default_factory=list)

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
        nt = to_ntriples(graph)
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
    """Validate and write one article's graph with its provenance; returns its claim IRIs."""
    graphs = article_graphs(extraction, gazetteer)
    check_article(graphs.graph, gazetteer)  # SHACL before commit: a bad graph is not written
    store.replace_graphs(
        [GraphWrite(str(graphs.graph_iri), to_ntriples(graphs.graph))],
        meta_subjects=tuple(str(s) for s in graphs.meta_subjects),
        meta_ntriples=to_ntriples(graphs.meta),
    )
    return graphs.claims()


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
    recorded with the store) apply to every article. Articles are read, extracted and committed one after another (``workers`` parse
    processes), so memory does not grow with the corpus. One ingest writes to a store at a
    time (kg.store.lock); fetched URLs are kept in ``<store>.ingest/fetched`` for later runs.
    """
    report = IngestReport()

    def record(outcome: ArticleOutcome) -> None:
        report.outcomes.append(outcome)
        if progress:
            progress(outcome)

    def failed(err: InputError) -> None:
        hint = f" ({err.hint})" if err.hint else ""
        record(ArticleOutcome(err.source, "failed", error=err.reason + hint))

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
        nlp = load_nlp(settings.model, gazetteer)
        store = Store(store_path)
        try:
            sync_registry(store, gazetteer)
            existed: dict[str, bool] = {}

            def pending() -> Iterator[Article]:
                for article in chain([first], articles):
                    previous = store.article_sha(article.key)
                    if previous == article.sha256 and not force:
                        record(ArticleOutcome(article.source, "unchanged", title=article.title))
                        continue
                    existed[article.key] = previous is not None
                    yield article

            touched: set[str] = set()  # claims of the changed article graphs, before and after
            since: str | None = None
            for done, extraction in enumerate(
                extract_many(pending(), nlp, gazetteer, decisions, workers=workers), 1
            ):
                if done % FLUSH_EVERY == 0:
                    store.flush()
                art = extraction.article
                was_there = existed.pop(art.key, False)
                if done == 1:
                    since = begin_change(store)
                if was_there:  # its old claims may lose their links
                    touched |= claims_in_graph(store, str(article_graph_iri(art.key)))
                try:
                    touched |= commit_extraction(store, extraction, gazetteer)
                except KGError as err:
                    record(ArticleOutcome(art.source, "failed", title=art.title, error=err.message))
                    continue
                record(
                    ArticleOutcome(
                        art.source,
                        "updated" if was_there else "added",
                        title=art.title,
                        statements=len(extraction.claims),
                        evidence=len(extraction.evidence),
                        actors=len(extraction.actors),
                        warnings=extraction.warnings,
                    )
                )
            if report.count("added") or report.count("updated"):
                refresh_links(store, touched, since=since)  # derived claim links (kg.links.refresh)
            store.flush()
        finally:
            store.close()
    return report


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
) -> Iterator[Extraction | InputError]:
    """Extract without touching the store: an Extraction per article or the error it raised.

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
    nlp = load_nlp(settings.model, gazetteer)
    extractions = extract_many(
        chain([first], articles), nlp, gazetteer, settings.decisions(), workers=workers
    )
    for extraction in extractions:
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
        raise KGError(f"no such file: {path}")
    if fmt is not None and fmt not in IMPORT_FORMATS:
        raise KGError(f"unknown import format {fmt!r}", hint="one of " + ", ".join(IMPORT_FORMATS))
    if len(store):  # merged into existing data: the next link refresh rebuilds the claim index
        begin_change(store)  # (into an empty store, the export's own index generation holds)
    return store.bulk_import(path, fmt, graph)


class RemoveError(KGError):
    code = "E060"


@dataclass(frozen=True)
class RemoveReport:
    key: str
    links: LinkReport


def article_key(store: Store, ref: str) -> str:
    """The source key an analyst means: a key as stored, or a file whose article is stored."""
    if store.article_sha(ref) is not None:
        return ref
    path = Path(ref)
    if path.is_file():
        from kg.ingest import read_path

        key = read_path(path).key
        if store.article_sha(key) is not None:
            return key
    raise RemoveError(
        f"no article {ref!r} in the store",
        hint="give its file or source key (`kg query --saved articles`, kg:sourceKey)",
    )


def remove_article(store: Store, ref: str) -> RemoveReport:
    key = article_key(store, ref)
    touched = claims_in_graph(store, str(article_graph_iri(key)))
    since = begin_change(store)
    store.remove_article(key)
    return RemoveReport(key, refresh_links(store, touched, since=since))
