"""The golden corpus store: `kg export` of an ingest of corpus/, kept as sorted N-Quads.

Store, query, graph, viz and serve tests load it (milliseconds) instead of running spaCy over the
corpus. A `model` test (tests/test_golden.py) checks that a fresh ingest still gives the same quads,
so the file cannot drift from the extractor; `make golden` (python -m tests.golden.regenerate)
rewrites it. Nothing here imports spaCy: only `ingest_corpus` does, when called.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from kg.store.oxigraph import Store
from tests.helpers.paths import CORPUS, GOLDEN_CORPUS

REGENERATE = "make golden  (or: .venv/bin/python -m tests.golden.regenerate)"

#: values that legitimately differ between two ingests of the same corpus: when things happened
#: (every xsd:dateTime in the meta graph: prov:generatedAtTime, prov:endedAtTime, kg:firstSeen),
#: and the digests of the ontology and actor registry graphs (their N-Triples are written in set
#: order, which changes with the process's hash seed)
_WHEN = re.compile(
    r'^(.* )"[^"]*"(\^\^<http://www\.w3\.org/2001/XMLSchema#dateTime> <[^>]*/graph/meta> \.)$'
)
_REGISTRY_SHA = re.compile(
    r'^(<[^>]*/graph/(?:actors|ontology)> <https://w3id\.org/kg-aigeo/ont#sha256> )"[0-9a-f]*"'
)


def normalise(line: str) -> str:
    """One N-Quads line with its volatile value (a timestamp, a registry digest) blanked."""
    if m := _WHEN.match(line):
        return f'{m.group(1)}"*"{m.group(2)}'
    if m := _REGISTRY_SHA.match(line):
        return f'{m.group(1)}"*"{line[m.end() :]}'
    return line


def quad_lines(path: Path) -> list[str]:
    """The non-empty lines of an N-Quads file, sorted and without duplicates."""
    with open(path, encoding="utf-8") as fh:
        return sorted({line.rstrip("\n") for line in fh if line.strip()})


def store_lines(store_path: Path, work: Path) -> list[str]:
    """The store's quads as sorted N-Quads lines (via `kg export`'s own writer)."""
    from kg.store.transfer import export_to

    out = work / "export.nq"
    store = Store(store_path, read_only=True)
    try:
        export_to(store, out, "nquads")
    finally:
        store.close()
    return quad_lines(out)


def difference(expected: Iterable[str], got: Iterable[str]) -> tuple[list[str], list[str]]:
    """(missing, extra): normalised lines only in ``expected``, only in ``got``."""
    want = {normalise(x) for x in expected}
    have = {normalise(x) for x in got}
    return sorted(want - have), sorted(have - want)


#: how many article graphs the sample store keeps
SAMPLE_ARTICLES = 3
_ARTICLE_GRAPH = re.compile(r"<[^>]*/graph/article/[^>]*> \.$")


def sample_lines(lines: list[str], articles: int = SAMPLE_ARTICLES) -> list[str]:
    """The quads of the first ``articles`` article graphs (in IRI order) and of every other graph."""
    graphs = sorted({m.group(0) for line in lines if (m := _ARTICLE_GRAPH.search(line))})
    drop = set(graphs[articles:])
    return [
        line
        for line in lines
        if (m := _ARTICLE_GRAPH.search(line)) is None or m.group(0) not in drop
    ]


def load_sample(store_path: Path, work: Path) -> Path:
    """A new store holding the golden quads of SAMPLE_ARTICLES article graphs and the shared graphs,
    its links graph recomputed for the claims it keeps (as `kg remove` of the others would)."""
    from kg.links.refresh import refresh_links

    part = work / "sample.nq"
    part.write_text(
        "".join(f"{x}\n" for x in sample_lines(quad_lines(GOLDEN_CORPUS))), encoding="utf-8"
    )
    load_golden(store_path, part)
    store = Store(store_path)
    try:
        refresh_links(store)
    finally:
        store.close()
    return store_path


def load_golden(store_path: Path, source: Path = GOLDEN_CORPUS) -> Path:
    """A new store at ``store_path`` holding the golden quads (Oxigraph's bulk loader)."""
    store = Store(store_path)
    try:
        store.bulk_import(source, "nquads")
    finally:
        store.close()
    return store_path


def ingest_corpus(store_path: Path) -> None:
    """Ingest corpus/ into a new store, as `kg ingest corpus/` does (loads spaCy)."""
    from kg.pipeline import ingest
    from kg.settings import Settings

    report = ingest([CORPUS], Settings(store=store_path))
    if not report.ok:
        raise RuntimeError(f"the corpus did not ingest cleanly: {report.failed}")
