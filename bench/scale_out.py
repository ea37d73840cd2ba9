"""Scale-out throughput: words/s of a whole `kg ingest` (read, extract, commit, links) run
locally with --workers 1 and 2, and through a local Dask cluster of 1 and 2 single-threaded
worker processes, on the same synthetic articles, in one run.

Usage: python bench/scale_out.py [--articles N] [--configs local1 local2 dask1 dask2 ...]
(default 2,000 articles made from corpus/: each a corpus article with its paragraphs rotated
and a first line of its own, so every text is new to the store).

Every configuration ingests into a fresh store after an untimed warm-up ingest of 8 other
articles (the pipeline loaded in this process or on the workers; spaCy's --workers 2 starts
its parse processes within every run, and that is what a local run costs). The cluster is
started before the clock. ``shards-local1`` and ``shards-dask2`` time `kg extract --output`
instead (no store: extraction, mapping and validation on the workers, the client writes files).
Target: the Dask path at 2 workers within 0.85x of local --workers 2.
Also prints the per-article figures the README's ten-million-article estimate uses: words,
seconds per article per worker, quads, store bytes and N-Quads bytes. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from kg.ingest import iter_sources, read_source
from kg.model import Article
from kg.pipeline import ingest
from kg.settings import Settings
from kg.shards import write_shards
from kg.store.oxigraph import Store

ROOT = Path(__file__).resolve().parent.parent


def corpus_articles() -> list[Article]:
    sources = iter_sources([str(ROOT / "corpus")])
    return [read_source(s) for s in sources if not isinstance(s, Exception)]


def synthesize(folder: Path, n: int, offset: int = 0) -> int:
    """``n`` articles written to ``folder``; returns their words (article bodies)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = corpus_articles()
    words = 0
    for i in range(offset, offset + n):
        art = base[i % len(base)]
        paragraphs = [p for p in art.body.split("\n\n") if p.strip()]
        turn = (i // len(base)) % max(1, len(paragraphs))
        body = f"Dispatch {i} from the wire desk.\n\n" + "\n\n".join(
            paragraphs[turn:] + paragraphs[:turn]
        )
        words += len(body.split())
        head = f'---\ntitle: "{art.title} ({i})"\noutlet: {art.outlet}\ndate: {art.date}\n---\n\n'
        (folder / f"a{i:06d}.md").write_text(head + body + "\n", encoding="utf-8")
    return words


@contextmanager
def dask_cluster(workers: int) -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        memory_limit=0,
    ) as cluster:
        yield cluster.scheduler_address


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def run(config: str, work: Path, articles: Path, warm: Path) -> float:
    """``local1``/``local2``/``dask1``/``dask2``: `kg ingest` into a store; with a
    ``shards-`` prefix, `kg extract --output DIR` (N-Quads shards, no store)."""
    workers = int(config[-1])
    cluster = dask_cluster(workers) if "dask" in config else nullcontext(None)
    with cluster as address:
        local = 1 if address else workers
        if config.startswith("shards-"):
            settings = Settings(scheduler=address)
            write_shards([warm], settings, work / f"warm-{config}", workers=local)
            start = time.perf_counter()
            shards = write_shards([articles], settings, work / config, workers=local)
            seconds = time.perf_counter() - start
            assert not shards.failed, shards.failed[:3]
            return seconds
        ingest([warm], Settings(store=work / f"warm-{config}", scheduler=address), workers=local)
        start = time.perf_counter()
        report = ingest([articles], Settings(store=work / config, scheduler=address), workers=local)
        seconds = time.perf_counter() - start
    assert report.ok, report.failed[:3]
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--configs", nargs="+", default=["local1", "local2", "dask1", "dask2"])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-scale-"))
    try:
        words = synthesize(work / "articles", args.articles)
        synthesize(work / "warm", 8, offset=args.articles)
        print(f"{args.articles} articles, {words} words ({words / args.articles:.0f} per article)")
        rates: dict[str, float] = {}
        for config in args.configs:
            seconds = run(config, work, work / "articles", work / "warm")
            rates[config] = words / seconds
            print(
                f"{config:7s} {seconds:8.1f} s  {rates[config]:8.0f} words/s  "
                f"{seconds / args.articles * int(config[-1]):.3f} worker-s per article",
                flush=True,
            )
        if "dask2" in rates and "local2" in rates:
            print(f"dask2 / local2 = {rates['dask2'] / rates['local2']:.2f} (target >= 0.85)")
        first = work / next(c for c in args.configs if not c.startswith("shards-"))
        store = Store(first)
        try:
            quads = len(store)
            with (work / "dump.nq").open("wb") as out:
                store.dump(out, "nquads")
        finally:
            store.close()
        n = args.articles
        print(
            f"per article: {quads / n:.0f} quads, {du(first) / n / 1024:.1f} KiB of store "
            f"({first.name}), {(work / 'dump.nq').stat().st_size / n / 1024:.1f} KiB of N-Quads"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
