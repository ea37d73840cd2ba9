"""One actor count (issue 18): `kg stats` counts the actors `kg actors` lists, and every listed
actor has at least one mention (the claimer phrases of its statements included). Read from the
golden corpus store: no spaCy."""

from __future__ import annotations

from pathlib import Path

from kg.resolve.review import list_actors
from kg.store.oxigraph import Store


def test_stats_and_actors_agree_and_no_actor_has_zero_mentions(golden_store: Path) -> None:
    store = Store(golden_store, read_only=True)
    try:
        actors = list_actors(store)
        stats = store.stats()
    finally:
        store.close()
    assert stats.actors == len(actors) == len({a.id for a in actors})
    assert [a.id for a in actors if a.mentions == 0] == []
