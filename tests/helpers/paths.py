"""Where the tests find the repository, the sample corpus and the third-party data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
GOLDEN = ROOT / "tests" / "golden"
#: `kg export` of an ingest of CORPUS (regenerate with `make golden`)
GOLDEN_CORPUS = GOLDEN / "corpus.nq"


def _shared_data() -> Path:
    """``$KG_SHARED_DATA``, else the nearest ``shared/data`` beside the checkout or above it
    (a git worktree under ``wt/NAME`` finds the same folder as the main checkout)."""
    if os.environ.get("KG_SHARED_DATA"):
        return Path(os.environ["KG_SHARED_DATA"])
    for parent in ROOT.parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared" / "data"
    return ROOT.parent / "shared" / "data"


SHARED = _shared_data()
SEED = SHARED / "seed" / "great-silicon-wall.txt"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"third-party data not available: {path} (see ../shared/data/README.md)")
    return path
