"""Ingest: read articles, extract, map to RDF and commit each article in one transaction.

Re-ingesting an unchanged article changes nothing (its text hash is already in the
store); a changed article replaces its own graph; an article that cannot be read
is reported and the others still go in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, KGError
from kg.extract import extract_many, load_nlp
from kg.ingest import read_articles
from kg.links import refresh_links
from kg.model import Article, Extraction
from kg.ontology import ACTORS_GRAPH, ONTOLOGY_GRAPH, digest
from kg.rdf import article_graphs, graph_record, ontology_graph, registry_graph, to_ntriples
from kg.resolve import Gazetteer
from kg.store import GraphWrite, Store
from kg.validate import check_article


@dataclass(frozen=True)
class ArticleOutcome:
    source: str
    status: str  # "added", "updated", "unchanged", "failed"
    title: str | None = None
    statements: int = 0
    evidence: int = 0
    actors: int = 0
    error: str | None = None


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


def commit_extraction(store: Store, extraction: Extraction, gazetteer: Gazetteer) -> None:
    graphs = article_graphs(extraction, gazetteer)
    check_article(graphs.graph, gazetteer)  # SHACL before commit: a bad graph is not written
    store.replace_graphs(
        [GraphWrite(str(graphs.graph_iri), to_ntriples(graphs.graph))],
        meta_subjects=tuple(str(s) for s in graphs.meta_subjects),
        meta_ntriples=to_ntriples(graphs.meta),
    )


def ingest(
    paths: Iterable[str | Path],
    store_path: str | Path,
    *,
    model: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest files and folders into the store at ``store_path``."""
    report = IngestReport()

    def record(outcome: ArticleOutcome) -> None:
        report.outcomes.append(outcome)
        if progress:
            progress(outcome)

    articles: list[Article] = []
    for item in read_articles(paths):
        if isinstance(item, InputError):
            record(ArticleOutcome(item.source, "failed", error=item.reason))
        else:
            articles.append(item)
    if not articles:
        return report

    nlp = load_nlp(model)
    gazetteer = Gazetteer.load()
    store = Store(store_path)
    try:
        sync_registry(store, gazetteer)
        pending: list[tuple[Article, bool]] = []
        for article in articles:
            previous = store.article_sha(article.key)
            if previous == article.sha256 and not force:
                record(ArticleOutcome(article.source, "unchanged", title=article.title))
                continue
            pending.append((article, previous is not None))
        existed = {a.key: was for a, was in pending}
        for extraction in extract_many((a for a, _ in pending), nlp):
            art = extraction.article
            try:
                commit_extraction(store, extraction, gazetteer)
            except KGError as err:
                record(ArticleOutcome(art.source, "failed", title=art.title, error=err.message))
                continue
            record(
                ArticleOutcome(
                    art.source,
                    "updated" if existed[art.key] else "added",
                    title=art.title,
                    statements=len(extraction.claims),
                    evidence=len(extraction.evidence),
                    actors=len(extraction.actors),
                )
            )
        if report.count("added") or report.count("updated"):
            refresh_links(store)  # the derived cross-article claim links (kg.links)
        store.flush()
    finally:
        store.close()
    return report


def extract_paths(
    paths: Iterable[str | Path], *, model: str | None = None
) -> Iterator[Extraction | InputError]:
    """Extract without touching the store: an Extraction per article or the error it raised."""
    articles: list[Article] = []
    for item in read_articles(paths):
        if isinstance(item, InputError):
            yield item
        else:
            articles.append(item)
    if articles:
        yield from extract_many(articles, load_nlp(model))
