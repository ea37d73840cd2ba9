"""The golden corpus store (tests/golden/corpus.nq) is what an ingest of corpus/ gives today."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.golden import REGENERATE, difference, quad_lines, store_lines
from tests.helpers.paths import GOLDEN_CORPUS


@pytest.mark.slow  # a real ingest of corpus/ (~10 s)
def test_a_fresh_corpus_ingest_equals_the_golden_file(corpus_store: Path, tmp_path: Path) -> None:
    missing, extra = difference(quad_lines(GOLDEN_CORPUS), store_lines(corpus_store, tmp_path))
    if missing or extra:
        sample = [f"- {x}" for x in missing[:5]] + [f"+ {x}" for x in extra[:5]]
        raise AssertionError(
            f"{GOLDEN_CORPUS.name} no longer matches an ingest of corpus/: {len(missing)} quads "
            f"only in the file, {len(extra)} only in the ingest (timestamps and registry "
            "digests ignored). If the extractor or the mapping changed on purpose, regenerate "
            f"it with `{REGENERATE}` and review the diff.\n" + "\n".join(sample)
        )


def test_the_golden_store_loads_every_quad(golden_store: Path, tmp_path: Path) -> None:
    assert store_lines(golden_store, tmp_path) == quad_lines(GOLDEN_CORPUS)
