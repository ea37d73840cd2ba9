"""Webis editorials scoring: the layout, the label mapping, the CLI, and floors on the dev set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import InputError
from kg.evaluate.match import PRF
from kg.evaluate.webis import (
    Editorial,
    WebisReport,
    format_report,
    read_editorial,
    read_editorials,
)

#: Floors a little under what the rules reach on the dev editorials (see the README section).
FLOORS = {"statistic": 0.65, "testimony": 0.655, "example": 0.47, "author_claim": 0.795}


def _seg(n: int, text: str, label: str) -> dict[str, object]:
    return {"number": n, "text": text, "label": label}


EDITORIAL = {
    "paragraphs": [
        [_seg(1, "Chips and walls.", "title")],
        [
            _seg(2, "Walls rarely hold", "assumption"),
            _seg(3, ".", "no-unit"),
            _seg(4, "Exports fell 40 percent last year", "statistics"),
            _seg(5, ".", "no-unit"),
        ],
        [
            _seg(6, "A trade official told me the licences were slow", "testimony"),
            _seg(7, ".", "no-unit"),
            _seg(8, "In 2019, the ministry banned three suppliers", "anecdote"),
            _seg(9, ".", "no-unit"),
            _seg(10, "Everyone knows trade matters", "common-ground"),
            _seg(11, ".", "no-unit"),
        ],
    ]
}


@pytest.fixture
def webis_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "webis" / "outlet"
    folder.mkdir(parents=True)
    (folder / "001-walls.json").write_text(json.dumps(EDITORIAL), encoding="utf-8")
    return tmp_path / "webis"


def test_text_is_rebuilt_with_spaces_and_blank_lines(webis_dir: Path) -> None:
    ed = read_editorial(webis_dir / "outlet" / "001-walls.json")
    assert ed.text.startswith("Chips and walls.\n\nWalls rarely hold . Exports fell 40 percent")
    assert ed.title == "Chips and walls."
    for kind, label_text in (
        ("author_claim", "Walls rarely hold"),
        ("statistic", "Exports fell 40 percent last year"),
        ("testimony", "A trade official told me the licences were slow"),
        ("example", "In 2019, the ministry banned three suppliers"),
    ):
        ((s, e),) = ed.gold[kind]
        assert ed.text[s:e] == label_text
    # common-ground, title and no-unit are gold for no kind
    assert sum(len(v) for v in ed.gold.values()) == 4


def test_scoring_is_per_kind_and_one_to_one() -> None:
    ed = Editorial("x", "a" * 100, None, {"statistic": ((0, 10),), "author_claim": ((20, 40),)})
    report = WebisReport("x")
    report.add(ed.gold, {"statistic": [(2, 8), (3, 9)], "author_claim": [(60, 80)]})
    stat = report.scores["statistic"]
    assert (stat.true_positives, stat.predicted, stat.gold) == (1, 2, 1)
    assert report.scores["author_claim"].true_positives == 0
    assert report.as_dict()["scores"]["statistic"]["precision"] == 0.5
    assert "statistic" in format_report(report)


def test_bad_folders_and_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such directory"):
        read_editorials(tmp_path / "missing")
    with pytest.raises(InputError, match="holds no editorial"):
        read_editorials(tmp_path)
    (tmp_path / "bad.json").write_text('{"paras": []}', encoding="utf-8")
    with pytest.raises(InputError, match="not a Webis editorial"):
        read_editorials(tmp_path)


@pytest.mark.model
def test_cli_eval_prints_text_and_json(webis_dir: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["eval", "--gold-webis", str(webis_dir)])
    assert res.exit_code == 0, res.output
    assert "author_claim" in res.output and "1 editorials" in res.output
    res = runner.invoke(main, ["eval", "--gold-webis", str(webis_dir), "--format", "json"])
    data = json.loads(res.output)
    assert data["editorials"] == 1
    assert data["scores"]["statistic"]["gold"] == 1
    assert data["scores"]["statistic"]["true_positives"] == 1
    res = runner.invoke(main, ["eval", "--gold-webis", str(webis_dir / "nope")])
    assert res.exit_code == 1 and "Error:" in res.output and "no such directory" in res.output


@pytest.mark.model
@pytest.mark.shared_data
@pytest.mark.slow
def test_dev_editorials_hold_the_floors(webis_dev_report: dict[str, Any]) -> None:
    """`evaluate_webis` on the dev set, run beside the suite (tests/helpers/dev_eval.py)."""
    d = webis_dev_report
    assert d["editorials"] == 181
    # F1 from the counts, unrounded
    f1 = {k: PRF(s["true_positives"], s["predicted"], s["gold"]).f1 for k, s in d["scores"].items()}
    for kind, floor in FLOORS.items():
        assert f1[kind] >= floor, (kind, f1[kind], json.dumps(d["scores"], indent=1))
