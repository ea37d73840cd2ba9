"""Articles in the store: one text, several publications; what one source changes, in one write.

An article's identity is its content (`Article.text_key`): its named graph, the article node
and every statement, evidence item and anchor in it have IRIs minted from that key, so the
same text read from two folders, or syndicated by two outlets, is one article graph. Each
source holding the text is a publication in that graph (kg.rdf.publications), keyed by the
source key (its URL, else the file's real path).

What one source does to the store, planned from what is stored and written as one
transaction (`Store.replace_graphs`), so a crash leaves the store before or after it:

- a new text: extract it, write its graph with this source as its one publication;
- a text already stored from another source: add this source as a publication, extract
  nothing (status ``copy``);
- the same source, same text as read: nothing (``unchanged``);
- the source now holds another text (an edited file): it leaves the old text's graph, which is
  dropped if no other source still holds it, else kept for those sources; it joins the new one;
- the source the graph was extracted from changes only outside the text (its front matter):
  the offsets no longer index any stored source's text, so the text is extracted again from it;
- `withdraw` (``kg remove``): the source leaves its text, and the text goes with its last one.

Stores written before this identity (article graphs keyed by the source, `kg:sourceKey` in the
meta graph) are migrated source by source: ingesting a source again replaces its old graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from kg.errors import StoreError
from kg.model import Article, Extraction, Publication
from kg.rdf.mapping import article_graphs, to_ntriples
from kg.rdf.ontology import (
    KG,
    META_GRAPH,
    SCHEMA,
    article_graph_iri,
    publication_iri,
)
from kg.rdf.publications import TextGraph, claims_in, first_seen, read_text_graph
from kg.rdf.shacl import check_article
from kg.resolve.gazetteer import Gazetteer
from kg.store.oxigraph import GraphWrite, Store

PROV_GENERATED_BY = "http://www.w3.org/ns/prov#wasGeneratedBy"

_HELD = f"""SELECT ?key ?g ?pub ?sha ?tk WHERE {{ GRAPH ?g {{
  ?art <{SCHEMA.workExample}> ?pub ; <{KG.textKey}> ?tk .
  ?pub <{KG.sourceKey}> ?key ; <{KG.sha256}> ?sha }} }}"""
# before content identity: one graph per source, keyed in the meta graph by kg:sourceKey
_LEGACY = f"""SELECT ?key ?g ?art ?sha WHERE {{ GRAPH <{META_GRAPH}> {{
  ?art <{KG.sourceKey}> ?key ; <{KG.articleGraph}> ?g ; <{KG.sha256}> ?sha }} }}"""
_LEGACY_COUNT = f"""SELECT (COUNT(DISTINCT ?art) AS ?n) WHERE {{ GRAPH <{META_GRAPH}> {{
  ?art <{KG.sourceKey}> ?key }} }}"""


@dataclass(frozen=True)
class Held:
    """What the store holds of one source: a publication of a text, or a legacy article graph."""

    graph: str
    node: str  # the publication (legacy: the article node)
    sha256: str
    text_key: str | None = None  # None for a legacy graph


@dataclass
class Writes:
    """Graph writes, drops and meta-graph records that go into the store in one transaction."""

    graphs: list[GraphWrite] = field(default_factory=list)
    drop: list[str] = field(default_factory=list)
    meta_subjects: list[str] = field(default_factory=list)
    meta_ntriples: str = ""
    touched: set[str] = field(default_factory=set)  # claims of changed graphs, before and after

    def apply(self, store: Store) -> None:
        store.replace_graphs(
            self.graphs,
            meta_subjects=tuple(dict.fromkeys(self.meta_subjects)),
            meta_ntriples=self.meta_ntriples,
            drop=tuple(self.drop),
        )


@dataclass(frozen=True)
class Change:
    """What ingesting one source did: ``status`` is added, updated, copy or unchanged."""

    status: str
    text_key: str
    extracted: bool
    touched: frozenset[str] = frozenset()


# --- reading the store ---------------------------------------------------------------------------


def held_by(store: Store, source_key: str) -> list[Held]:
    """Every record of ``source_key`` in the store (normally one)."""
    from kg.store.oxigraph import term_for

    key = {"key": term_for(source_key)}
    out = [
        Held(g.value, pub.value, sha.value, tk.value)
        for _, g, pub, sha, tk in store.select(_HELD, key, union=False).rows
        if g and pub and sha and tk
    ]
    out += [
        Held(g.value, art.value, sha.value)
        for _, g, art, sha in store.select(_LEGACY, key, union=False).rows
        if g and art and sha
    ]
    return out


def stored_text(store: Store, text_key: str) -> TextGraph | None:
    """The stored graph of a text, with its publications (None if the text is not stored)."""
    return read_text_graph(store.graph_ntriples(str(article_graph_iri(text_key))), text_key)


def legacy_articles(store: Store) -> int:
    """How many articles the store holds in the layout before content identity."""
    rows = store.select(_LEGACY_COUNT, union=False).rows
    return int(rows[0][0].value) if rows and rows[0][0] else 0


def _publications(store: Store, graph: str) -> list[str]:
    res = store.select(
        f"SELECT ?p WHERE {{ GRAPH <{graph}> {{ ?a <{SCHEMA.workExample}> ?p }} }}", union=False
    )
    return [r[0].value for r in res.rows if r[0] is not None]


def _runs(store: Store, graph: str) -> list[str]:
    res = store.select(
        f"SELECT ?run WHERE {{ GRAPH <{META_GRAPH}> {{ <{graph}> <{PROV_GENERATED_BY}> ?run }} }}",
        union=False,
    )
    return [r[0].value for r in res.rows if r[0] is not None]


# --- planning ------------------------------------------------------------------------------------


def _anchored(text: TextGraph, article: Article) -> bool:
    """Once ``article``'s source holds it, does a source still hold the text the stored graph's
    offsets index?"""
    return text.sha256 == article.sha256 or any(
        p.sha256 == text.sha256 for p in text.publications if p.source_key != article.key
    )


def plan(store: Store, article: Article, *, force: bool = False) -> str:
    """``unchanged``, ``copy`` (record the source, extract nothing) or ``extract``."""
    graph = str(article_graph_iri(article.text_key))
    if not force and any(
        h.graph == graph and h.sha256 == article.sha256 and h.text_key is not None
        for h in held_by(store, article.key)
    ):
        return "unchanged"
    text = stored_text(store, article.text_key)
    if force or text is None or not _anchored(text, article):
        return "extract"
    return "copy"


def _drop(store: Store, graph: str, node: str, claims: set[str], out: Writes) -> None:
    """Drop an article graph with its provenance (graph, article, runs, publications)."""
    out.touched |= claims
    out.drop.append(graph)
    out.meta_subjects += [graph, node, *_runs(store, graph), *_publications(store, graph)]


def _leave(store: Store, source_key: str, held: Held, out: Writes) -> None:
    """The writes that take ``source_key`` out of the text it held (or drop its legacy graph).

    A text that other sources still hold keeps its graph; only its publications (and the
    description of its lead) change, so it is not validated again."""
    if held.text_key is None:
        _drop(store, held.graph, held.node, claims_in(store.graph_ntriples(held.graph)), out)
        return
    text = stored_text(store, held.text_key)
    if text is None:
        return
    rest = [p for p in text.publications if p.source_key != source_key]
    if not rest:
        _drop(store, held.graph, str(text.node), text.claims(), out)
        return
    out.graphs.append(GraphWrite(held.graph, to_ntriples(text.with_publications(rest))))
    out.meta_subjects.append(held.node)  # its kg:firstSeen


def changes(
    store: Store,
    article: Article,
    extraction: Extraction | None,
    gazetteer: Gazetteer,
    *,
    force: bool = False,
    when: datetime | None = None,
) -> tuple[Change, Writes]:
    """What ingesting ``article`` changes, as writes for one transaction (not yet applied).

    ``extraction`` is the article extracted, or None where `plan` said ``copy``; planned again
    here, so an extraction is dropped if another source of the same run stored the text first.
    """
    when = (when or datetime.now(UTC)).replace(microsecond=0)
    action = plan(store, article, force=force)
    key = article.text_key
    if action == "unchanged":
        return Change("unchanged", key, False), Writes()
    if action == "extract" and extraction is None:
        raise StoreError(f"{article.source}: the text must be extracted before it is stored")
    held = held_by(store, article.key)
    graph = str(article_graph_iri(key))
    text = stored_text(store, key)
    previous = {p.source_key: p for p in text.publications} if text else {}
    mine = previous.pop(article.key, None)
    pubs = [*previous.values(), Publication.of(article)]
    out = Writes()
    if action == "extract":
        assert extraction is not None
        graphs = article_graphs(extraction, gazetteer, generated_at=when, publications=pubs)
        check_article(graphs.graph, gazetteer)  # SHACL before commit: a bad graph is not written
        out.graphs.append(GraphWrite(graph, to_ntriples(graphs.graph)))
        out.meta_subjects += [str(s) for s in graphs.meta_subjects]
        out.meta_subjects += _runs(store, graph)  # earlier extractions of the text
        out.meta_ntriples = to_ntriples(graphs.meta)
        out.touched |= graphs.claims()
        if text is not None:
            out.touched |= text.claims()
        status = "added" if text is None and not held else "updated"
    else:
        assert text is not None
        new = text.with_publications(pubs)
        check_article(new, gazetteer)
        out.graphs.append(GraphWrite(graph, to_ntriples(new)))
        status = "updated" if held else "copy"
    if mine is None:  # the source joins the text: when it was first seen, in the meta graph
        node = publication_iri(article.key, key)
        out.meta_ntriples += to_ntriples(first_seen(node, when))
    for h in held:
        if h.text_key is None or h.graph != graph:
            _leave(store, article.key, h, out)
    return Change(status, key, action == "extract", frozenset(out.touched)), out


def withdraw(store: Store, source_key: str) -> Writes | None:
    """The writes that remove one source (None if the store holds nothing of it)."""
    held = held_by(store, source_key)
    if not held:
        return None
    out = Writes()
    for h in held:
        _leave(store, source_key, h, out)
    return out


def drop_text(store: Store, text_key: str) -> Writes | None:
    """The writes that remove a text with all its publications (None if it is not stored)."""
    text = stored_text(store, text_key)
    if text is None:
        return None
    out = Writes()
    _drop(store, str(article_graph_iri(text_key)), str(text.node), text.claims(), out)
    return out
