"""Removing an article: its graph, its provenance and whatever only it supported.

Everything an article contributes lives in its own named graph (statements, claims as
it states them, evidence, actors found only in it, how its names were resolved) or in
its provenance records in the meta graph; both go in one transaction. The derived
links graph is then recomputed (kg.links), so links that only its claims supported go
too. Gazetteer actors and analyst decisions are not article data and stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError
from kg.links import LinkReport, begin_change, claims_in_graph, refresh_links
from kg.ontology import article_graph_iri
from kg.store import Store


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
