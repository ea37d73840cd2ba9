"""`kg extract` and `kg ingest` report a paragraph the extractor had to cut into sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

pytestmark = pytest.mark.model


def long_paragraph(path: Path) -> Path:
    body = ", ".join(f"officials in city {i} said that the rules would hold" for i in range(60))
    path.write_text(f"---\ntitle: One long paragraph\n---\n{body}\n", encoding="utf-8")
    return path


def test_extract_and_ingest_print_the_warning(tmp_path: Path) -> None:
    article = long_paragraph(tmp_path / "long.md")
    result = CliRunner().invoke(main, ["extract", str(article)], catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["claims"]  # still extracted
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Warning: {article}: ") and "tokens without a sentence end" in line
    store = str(tmp_path / "store")
    result = CliRunner().invoke(main, ["ingest", str(article), "--store", store, "-q"])
    assert result.exit_code == 0, result.output
    assert f"Warning: {article}: " in result.stderr
    assert "1 added" in result.stderr
