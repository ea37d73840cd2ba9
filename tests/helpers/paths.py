"""Where the tests find the repository, the sample corpus and the third-party data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
GOLDEN = ROOT / "tests" / "golden"
SHARED = ROOT.parent / "shared" / "data"
SEED = SHARED / "seed" / "great-silicon-wall.txt"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"third-party data not available: {path} (see ../shared/data/README.md)")
    return path
