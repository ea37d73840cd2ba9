"""Link refresh at scale: a bulk import of N synthetic claims (default 1,000,000) as N-Quads
shards through `kg.pipeline.import_folder`, which loads them with the bulk loader and then
builds the claim index and the links graph in one pass over the store.

Usage: python bench/bulk_links.py [--claims N] [--check]

Claims come from bench/merge_speed.py's generator (20 per article graph, 5% near duplicates
and 3% negations planted). Prints the load and the one-pass index build separately, the
links found and the recall of the planted pairs; --check also compares the links graph with
an independent full recomputation (`kg.links.refresh.check_links`, as `kg validate` does).
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from merge_speed import PLANTED, synthetic

import kg.pipeline
from kg.links import refresh
from kg.rdf.ontology import ARTICLE_GRAPH_PREFIX, LINKS_GRAPH
from kg.store.oxigraph import Store

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PER_ARTICLE = 20
PER_SHARD = 5000  # article graphs per shard


def write(folder: Path, claims: int) -> int:
    folder.mkdir(parents=True)
    made = synthetic(claims // PER_ARTICLE, PER_ARTICLE)
    quads = 0
    for start in range(0, len(made), PER_ARTICLE * PER_SHARD):
        lines = []
        for c in made[start : start + PER_ARTICLE * PER_SHARD]:
            graph = f"<{ARTICLE_GRAPH_PREFIX}bench-{c.iri.split('-')[0]}>"
            iri = f"<urn:bench:{c.iri}>"  # texts are lowercase letters and spaces: safe
            lines.append(f"{iri} <{RDF_TYPE}> <https://schema.org/Claim> {graph} .\n")
            lines.append(f'{iri} <https://schema.org/text> "{c.text}" {graph} .\n')
        quads += len(lines)
        (folder / f"part-{start // (PER_ARTICLE * PER_SHARD):05d}.nq").write_text("".join(lines))
    return quads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-links-"))
    timed: dict[str, float] = {}
    rebuild = refresh.refresh_links

    def timed_refresh(*a: object, **k: object) -> refresh.LinkReport:
        t0 = time.perf_counter()
        out = rebuild(*a, **k)  # type: ignore[arg-type]
        timed["links"] = time.perf_counter() - t0
        return out

    kg.pipeline.refresh_links = timed_refresh  # type: ignore[assignment]  # time the pass alone
    try:
        quads = write(work / "shards", args.claims)
        store = Store(work / "store")
        try:
            t0 = time.perf_counter()
            done = kg.pipeline.import_folder(store, work / "shards")
            total = time.perf_counter() - t0
            links = done.links
            print(f"{links.claims} claims, {quads} quads in {len(done.files)} shards")
            print(
                f"import_folder {total:.1f} s: bulk load and compaction "
                f"{total - timed['links']:.1f} s, one-pass index and links {timed['links']:.1f} s "
                f"(rebuilt={links.rebuilt})"
            )
            print(f"links: {links.same} same, {links.contradicts} contradicts")
            stored = refresh.stored_links(store)
            found = {(a, b) for a, _, b in stored} | {(b, a) for a, _, b in stored}
            planted = [(f"urn:bench:{k}", f"urn:bench:{v[0]}") for k, v in PLANTED.items()]
            hit = sum(1 for pair in planted if pair in found)
            print(f"planted pairs linked: {hit / max(1, len(planted)):.1%} of {len(planted)}")
            index = refresh.index_path(store)
            print(f"index file {index.stat().st_size / 2**20:.0f} MiB; links graph {LINKS_GRAPH}")
            if args.check:
                t0 = time.perf_counter()
                check = refresh.check_links(store)
                print(
                    f"check_links ({time.perf_counter() - t0:.1f} s): stored {check.stored}, "
                    f"expected {check.expected}, missing {check.missing}, stale {check.stale}"
                )
        finally:
            store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
