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
    score_extractions,
)
from kg.model import Article, Evidence, Extraction, Span

#: Floors a little under what the extraction reaches on the dev editorials (see the README
#: section): 0.671 / 0.707 / 0.510 / 0.789, and each outlet alone (the cross-outlet figures of
#: issue 19): Al Jazeera 0.644 / 0.705 / 0.528 / 0.784, Fox News 0.701 / 0.709 / 0.479 / 0.795
#: (with the unit model deciding the open anecdote/claim cases). Author claims keep their
#: clauses of condition, concession and cause as the analyst guidelines ask; Webis cuts them
#: into units of their own, which cost 0.009 here (0.798 before).
FLOORS = {"statistic": 0.665, "testimony": 0.70, "example": 0.50, "author_claim": 0.78}
OUTLET_FLOORS = {
    "aljazeera": {"statistic": 0.635, "testimony": 0.70, "example": 0.52, "author_claim": 0.78},
    "foxnews": {"statistic": 0.695, "testimony": 0.70, "example": 0.47, "author_claim": 0.79},
}


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


def _two_outlets(root: Path) -> Path:
    for outlet in ("north", "south"):
        folder = root / outlet
        folder.mkdir(parents=True)
        (folder / f"001-{outlet}.json").write_text(json.dumps(EDITORIAL), encoding="utf-8")
    return root


def test_outlets_are_the_folders_and_can_be_picked(tmp_path: Path) -> None:
    root = _two_outlets(tmp_path / "webis")
    assert [e.outlet for e in read_editorials(root)] == ["north", "south"]
    assert [e.name for e in read_editorials(root, ["south"])] == ["001-south"]
    with pytest.raises(InputError, match="no editorials of outlet 'west'") as err:
        read_editorials(root, ["north", "west"])
    assert err.value.hint == "outlets here: north, south"


def test_a_split_scores_each_outlet_apart(tmp_path: Path) -> None:
    north, south = read_editorials(_two_outlets(tmp_path / "webis"))
    ((s, e),) = north.gold["statistic"]

    def found(ed: Editorial, spans: list[tuple[int, int]]) -> Extraction:
        article = Article(key=ed.name, text=ed.text, sha256="0" * 64, source=ed.name)
        evidence = tuple(Evidence(f"e{a}", "statistic", Span(a, b, ed.text[a:b])) for a, b in spans)
        return Extraction(article, (), (), (), evidence)

    pairs = [(north, found(north, [(s, e)])), (south, found(south, []))]
    report = score_extractions("x", pairs, "north", "south")
    assert report.train is not None and report.test is not None
    assert report.scores["statistic"].true_positives == 1
    assert (report.train.editorials, report.train.scores["statistic"].f1) == (1, 1.0)
    assert (report.test.editorials, report.test.scores["statistic"].recall) == (1, 0.0)
    d = report.as_dict()
    assert d["test_outlet"]["scores"]["statistic"]["target_f1"] == 0.60
    assert d["train_outlet"]["editorials"] == 1
    text = format_report(report)
    assert "Tuned on (in-sample)" in text and "Scored on (held out)" in text
    assert "train_outlet" not in score_extractions("x", pairs).as_dict()


def test_cli_outlet_options_need_webis_and_two_outlets(tmp_path: Path) -> None:
    runner = CliRunner()
    for args in (
        ["--gold-analyst", str(tmp_path), "--train-outlet", "a", "--test-outlet", "b"],
        ["--gold-webis", str(tmp_path), "--train-outlet", "a"],
        ["--gold-webis", str(tmp_path), "--train-outlet", "a", "--test-outlet", "a"],
    ):
        res = runner.invoke(main, ["eval", *args])
        assert res.exit_code == 2, res.output
        assert "outlet" in res.output


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
    """`evaluate_webis` on the dev set, every editorial and each outlet apart, run beside the
    suite (tests/helpers/dev_eval.py)."""
    d = webis_dev_report
    assert d["editorials"] == 181
    train, test = d["train_outlet"], d["test_outlet"]
    assert (train["editorials"], test["editorials"]) == (96, 85)
    for part, floors in (
        (d, FLOORS),
        (train, OUTLET_FLOORS["aljazeera"]),
        (test, OUTLET_FLOORS["foxnews"]),
    ):
        for kind, floor in floors.items():
            s = part["scores"][kind]
            # F1 from the counts, unrounded
            f1 = PRF(s["true_positives"], s["predicted"], s["gold"]).f1
            assert f1 >= floor, (part["source"], kind, f1, json.dumps(part["scores"], indent=1))
