"""N-Quads shards: an archive extracted into files that any quad store bulk-loads.

For archives too big for one `kg` store: `write_shards` extracts articles (here or on a Dask
cluster, kg.cluster) and writes what an ingest into an empty store would hold, as N-Quads:

- ``registry.nq``: the ontology and actor registry graphs with their records in the meta graph;
- ``part-00000.nq``, ``part-00001.nq``, ...: the article graphs, ``per_shard`` texts a file
  in input order (deterministic names), each text's graph whole in one shard with its
  provenance in the meta graph (extraction run, first-seen time of each publication).

A text read from several sources is one graph with one publication per source, as in a store
(kg.identity): the sources are read once first to learn every text's publications (their
keys only are kept), then read again to extract each text from its first source. The links
graph (kg.links) is derived: `kg.pipeline.import_folder` builds it in one pass after loading
the shards. A shard is written under a temporary name and renamed when whole, so a crash
leaves no partial ``part-*.nq``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from kg.cluster import (
    Batches,
    connect,
    distributed,
    extract_batch,
    extractor,
    lost_extraction,
    worker_gazetteer,
)
from kg.errors import InputError, KGError, OptionError, WriteError
from kg.ingest import ReadOptions, read_articles
from kg.model import Article, Extraction, ExtractionFailed, Publication
from kg.rdf.mapping import article_graphs, graph_record, ontology_graph, registry_graph, to_ntriples
from kg.rdf.ontology import ACTORS_GRAPH, META_GRAPH, ONTOLOGY_GRAPH, digest, publication_iri
from kg.rdf.publications import first_seen
from kg.rdf.shacl import check_article
from kg.resolve.decisions import Decisions
from kg.resolve.gazetteer import Gazetteer
from kg.settings import Settings

REGISTRY = "registry.nq"
SHARD = "part-{:05d}.nq"
SHARD_GLOB = "part-*.nq"
#: texts per shard: a shard of 1,000 articles is about 150,000 quads, 30 MB
PER_SHARD = 1000


@dataclass(frozen=True)
class ShardOutcome:
    """One source read: ``status`` extracted, copy (another source of a text extracted from
    its first one), duplicate (a source given twice) or failed."""

    source: str
    status: str
    shard: str | None = None
    statements: int = 0
    error: str | None = None
    hint: str | None = None
    code: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class ShardReport:
    shards: list[Path] = field(default_factory=list)  # registry first, then the parts
    outcomes: list[ShardOutcome] = field(default_factory=list)
    quads: int = 0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[ShardOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def nquads(ntriples: str, graph: str) -> str:
    """N-Triples lines (kg.rdf.mapping.to_ntriples) as N-Quads lines in ``graph``."""
    tail = f" <{graph}> .\n"
    return "".join(line[:-2].rstrip() + tail for line in ntriples.splitlines(keepends=True))


def registry_nquads(gazetteer: Gazetteer) -> str:
    """The ontology and actor registry graphs as `kg.pipeline.sync_registry` stores them."""
    out = []
    for graph_iri, graph, origin in (
        (ONTOLOGY_GRAPH, ontology_graph(), "kg.ttl"),
        (ACTORS_GRAPH, registry_graph(gazetteer), Path(gazetteer.path).name),
    ):
        nt = to_ntriples(graph)
        record = to_ntriples(graph_record(graph_iri, digest(nt, length=64), origin))
        out += [nquads(nt, str(graph_iri)), nquads(record, str(META_GRAPH))]
    return "".join(out)


@dataclass(frozen=True)
class Rendered:
    """One text as N-Quads, ready for a shard."""

    source: str
    nquads: str
    statements: int
    warnings: tuple[str, ...] = ()


def render(
    x: Extraction, publications: list[Publication], gazetteer: Gazetteer, when: datetime
) -> Rendered | ExtractionFailed:
    """An extracted text as an ingest into an empty store writes it: its graph (validated)
    with every publication, and its provenance in the meta graph, as N-Quads."""
    key = x.article.text_key
    try:
        graphs = article_graphs(x, gazetteer, generated_at=when, publications=publications)
        check_article(graphs.graph, gazetteer)
    except KGError as err:
        return ExtractionFailed(x.article, err.code, err.message, err.hint)
    meta = to_ntriples(graphs.meta) + "".join(
        to_ntriples(first_seen(publication_iri(p.source_key, key), when)) for p in publications
    )
    text = nquads(to_ntriples(graphs.graph), str(graphs.graph_iri)) + nquads(meta, str(META_GRAPH))
    return Rendered(x.article.source, text, len(x.claims), x.warnings)


def render_batch(
    items: list[tuple[Article, list[Publication]]],
    model: str,
    gazetteer_path: str | None,
    decisions: Decisions,
    when: datetime,
) -> list[Rendered | ExtractionFailed]:
    """Extract and render a batch on a cluster worker (the task Dask runs): only the N-Quads
    come back, so the client only writes files."""
    extracted = extract_batch([a for a, _ in items], model, gazetteer_path, decisions)
    gazetteer = Gazetteer.load(gazetteer_path) if gazetteer_path else Gazetteer.default()
    return [
        x if isinstance(x, ExtractionFailed) else render(x, pubs, gazetteer, when)
        for x, (_, pubs) in zip(extracted, items, strict=True)
    ]


def _lost(item: tuple[Article, list[Publication]], reason: str) -> ExtractionFailed:
    return lost_extraction(item[0], reason)


class _Writer:
    """Shards under temporary names, renamed when whole."""

    def __init__(self, folder: Path, per_shard: int) -> None:
        self.folder = folder
        self.per_shard = max(1, per_shard)
        self.index = -1
        self.count = 0
        self.file: IO[str] | None = None
        self.written: list[Path] = []

    @property
    def name(self) -> str:
        return SHARD.format(self.index)

    def write(self, text: str) -> str:
        if self.file is None or self.count >= self.per_shard:
            self.close()
            self.index += 1
            self.count = 0
            self.file = (self.folder / (self.name + ".tmp")).open("w", encoding="utf-8")
        self.file.write(text)
        self.count += 1
        return self.name

    def close(self) -> None:
        if self.file is None:
            return
        self.file.close()
        self.file = None
        final = self.folder / self.name
        os.replace(self.folder / (self.name + ".tmp"), final)
        self.written.append(final)


def _prepare(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in (*folder.glob(SHARD_GLOB), *folder.glob("part-*.nq.tmp")):
            old.unlink()  # the shards of an earlier run: the folder holds this run's set
    except OSError as exc:
        raise WriteError(f"cannot write shards to {folder}: {exc}") from None


def write_shards(
    paths: Iterable[str | Path],
    settings: Settings,
    folder: Path,
    *,
    per_shard: int = PER_SHARD,
    options: ReadOptions | None = None,
    workers: int = 1,
    progress: Callable[[ShardOutcome], None] | None = None,
    when: datetime | None = None,
) -> ShardReport:
    """Extract the articles ``paths`` lead to into N-Quads shards in ``folder`` (replacing the
    shards an earlier run left there); with ``settings.scheduler`` on that Dask cluster."""
    if settings.scheduler:  # a missing Dask client is said before anything is read
        distributed()
    paths = [str(p) for p in paths]
    if "-" in paths:
        raise OptionError(
            "standard input cannot be written to shards: the sources are read twice",
            hint="save it to a file first",
        )
    options = options or ReadOptions()
    if options.cache_dir is None:  # a URL is fetched once, for both passes
        options = replace(options, cache_dir=folder / ".fetched")
    when = (when or datetime.now(UTC)).replace(microsecond=0)
    report = ShardReport()

    def record(outcome: ShardOutcome) -> None:
        report.outcomes.append(outcome)
        if progress:
            progress(outcome)

    _prepare(folder)
    publications: dict[str, list[Publication]] = {}
    seen: set[str] = set()
    for item in read_articles(paths, options):
        if isinstance(item, Article) and item.key not in seen:
            seen.add(item.key)
            publications.setdefault(item.text_key, []).append(Publication.of(item))
    del seen

    gazetteer = settings.gazetteer()
    registry = folder / REGISTRY
    try:
        registry.write_text(registry_nquads(gazetteer), encoding="utf-8")
    except OSError as exc:
        raise WriteError(f"cannot write {registry}: {exc}") from None
    report.shards.append(registry)

    done: set[str] = set()  # texts extracted (or failed) in this run
    heard: set[str] = set()  # source keys met in the second pass

    def firsts(items: Iterable[Article | InputError]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                record(ShardOutcome(item.source, "failed", error=item.reason, code=item.code))
                continue
            pubs = publications.get(item.text_key)
            if item.key in heard or not pubs:
                record(ShardOutcome(item.source, "duplicate"))
            elif item.key == pubs[0].source_key and item.text_key not in done:
                done.add(item.text_key)
                yield item
            else:
                record(ShardOutcome(item.source, "copy"))
            heard.add(item.key)

    def consume(results: Iterable[Rendered | ExtractionFailed]) -> None:
        for r in results:
            if isinstance(r, ExtractionFailed):
                source = r.article.source
                record(ShardOutcome(source, "failed", error=r.message, hint=r.hint, code=r.code))
                continue
            report.quads += r.nquads.count("\n")
            shard = writer.write(r.nquads)
            record(ShardOutcome(r.source, "extracted", shard, r.statements, warnings=r.warnings))

    decisions = settings.decisions()
    writer = _Writer(folder, per_shard)
    todo = firsts(read_articles(paths, options))
    try:
        if settings.scheduler:  # extraction, mapping and validation all on the workers
            with connect(settings.scheduler) as client:
                args = (settings.model, worker_gazetteer(gazetteer), decisions, when)
                items = ((a, publications[a.text_key]) for a in todo)
                consume(Batches(client).run(items, render_batch, args, _lost))
        else:
            with extractor(settings, gazetteer, decisions, workers=workers) as extract:
                consume(
                    x
                    if isinstance(x, ExtractionFailed)
                    else render(x, publications[x.article.text_key], gazetteer, when)
                    for x in extract(todo)
                )
        writer.close()
    except OSError as exc:
        raise WriteError(f"cannot write shards to {folder}: {exc}") from None
    finally:
        if writer.file is not None:
            writer.file.close()
    report.quads += registry.read_text(encoding="utf-8").count("\n")
    report.shards += writer.written
    return report
