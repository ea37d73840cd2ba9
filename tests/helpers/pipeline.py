"""kg.pipeline's functions, imported when called.

kg.pipeline imports kg.extract (and so spaCy) at module level; a test module that imported it
at the top would bring spaCy into every test run while collecting (tests/conftest.py refuses
that). Calling these still imports spaCy: a test that uses them is marked `model` (ingest) or
`spacy` (import, commit, remove). Once kg.pipeline imports kg.extract lazily, test modules
can import kg.pipeline directly again and this module can go.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.model import Extraction
    from kg.pipeline import IngestReport
    from kg.resolve.gazetteer import Gazetteer
    from kg.settings import Settings
    from kg.store.oxigraph import Store


def ingest(paths: Iterable[str | Path], settings: Settings, **kwargs: Any) -> IngestReport:
    from kg.pipeline import ingest as run

    return run(paths, settings, **kwargs)


def import_file(store: Store, path: Path, fmt: str | None = None, graph: str | None = None) -> int:
    from kg.pipeline import import_file as run

    return run(store, path, fmt, graph)


def sync_registry(store: Store, gazetteer: Gazetteer) -> bool:
    from kg.pipeline import sync_registry as run

    return run(store, gazetteer)


def commit_extraction(store: Store, extraction: Extraction, gazetteer: Gazetteer) -> set[str]:
    from kg.pipeline import commit_extraction as run

    return run(store, extraction, gazetteer)
