"""One output helper: every command that prints data takes --format table|csv|tsv|json|jsonl the
same way; json parses; csv, tsv, json and jsonl hold the same records; query results are the
endpoint's bytes; a table is terminal-safe."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.cli.output import FORMATS, Column, print_record, print_records
from kg.store.oxigraph import open_store
from kg.store.queries import run_saved
from kg.store.results import render, sparql_json
from tests.helpers.golden import SAMPLE_ARTICLES

#: every listing command, with the arguments it needs on the corpus store
LISTINGS = {
    "query": ["query", "--saved", "top-speakers"],
    "queries": ["queries"],
    "stats": ["stats"],
    "stats --rank": ["stats", "--rank", "3"],
    "actors": ["actors", "--top", "5"],
    "actors --suspect": ["actors", "--suspect", "--top", "3"],
    "timeline": ["timeline", "Raimondo"],
    "validate": ["validate"],
}
NEEDS_STORE = set(LISTINGS) - {"queries"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def records(fmt: str, out: str) -> list[Any]:
    """What a program reads from the output in ``fmt``: one item per record."""
    if fmt == "json":
        data = json.loads(out)
        if isinstance(data, dict) and "head" in data:  # SPARQL results JSON
            return list(data["results"]["bindings"])
        return data if isinstance(data, list) else [data]
    if fmt == "jsonl":
        return [json.loads(line) for line in out.splitlines()]
    rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
    return rows[1:]  # after the header


@pytest.mark.parametrize("name", list(LISTINGS))
def test_every_listing_command_takes_every_format(
    name: str, golden_store: Path, golden_sample_store: Path
) -> None:
    path = golden_sample_store if name == "validate" else golden_store  # validate: per article
    store = ["--store", str(path)] if name in NEEDS_STORE else []
    seen = {}
    for fmt in FORMATS:
        code, out, err = run(*LISTINGS[name], *store, "--format", fmt)
        assert code == 0, (fmt, err)
        assert "Traceback" not in err
        if fmt == "table":
            assert name == "validate" or out.strip(), "an empty table"
            continue
        seen[fmt] = records(fmt, out)
    counts = {fmt: len(items) for fmt, items in seen.items()}
    assert len(set(counts.values())) == 1, counts  # the same records in every format
    if name != "validate":  # a conforming store has no violations to list
        assert counts["json"] >= 1
    assert seen["json"] == seen["jsonl"]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_query_output_is_the_endpoints(fmt: str, golden_store: Path) -> None:
    """kg query and kg serve write SPARQL results through one serialiser (kg.store.results)."""
    args = ["query", "--saved", "who-says-what-about", "--param", "actor=China"]
    result = CliRunner().invoke(main, [*args, "--store", str(golden_store), "--format", fmt])
    assert result.exit_code == 0
    out = result.stdout_bytes.decode("utf-8")  # .stdout would turn CSV's CRLF into LF
    with open_store(golden_store, read_only=True) as store:
        results = run_saved(store, "who-says-what-about", {"actor": "China"})
    assert len(results.rows) >= 8
    if fmt == "json":
        assert json.loads(out) == sparql_json(results)
    else:
        assert out == render(results, fmt)


def test_a_listing_without_records_is_still_well_formed(golden_sample_store: Path) -> None:
    store = ["--store", str(golden_sample_store)]
    code, out, _ = run("validate", *store, "--format", "json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run("validate", *store, "--format", "csv")
    assert code == 0 and out == "graph,focus,path,message\n"  # CRLF, read back as LF
    code, out, err = run("validate", *store)
    assert (
        code == 0
        and out == ""
        and err.startswith(f"{SAMPLE_ARTICLES} article graphs checked, 0 violations")
    )


def test_json_records_keep_nested_values_and_flat_ones_join_them(golden_store: Path) -> None:
    store = ["--store", str(golden_store)]
    _, out, _ = run("actors", *store, "--top", "1", "--format", "json")
    (china,) = json.loads(out)
    assert china["id"] == "china" and china["mentions"] >= 100
    assert {"form", "method", "mentions", "articles"} <= set(china["aliases"][0])
    _, out, _ = run("actors", *store, "--top", "1", "--format", "csv")
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["id"] == "china" and "Beijing x" in row["aliases"] and "; " in row["aliases"]
    _, out, _ = run("timeline", "Raimondo", *store, "--format", "jsonl")
    first = json.loads(out.splitlines()[0])
    assert first["actor"] == "Gina Raimondo" and isinstance(first["hedged"], bool)


# --- commands that write: ingest, remove, merge, split, push ----------------------------------

A = "Trade envoy Halvard Brennick said that the tariff talks had stalled.\n"
B = "Brennick said that the tariff talks would resume in spring.\n"


@pytest.fixture()
def small(tmp_path: Path) -> tuple[Path, list[Path]]:
    files = []
    for name, text in (("a.txt", A), ("b.txt", B)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    return tmp_path / "store", files


@pytest.mark.model
def test_ingest_prints_one_record_per_article_in_every_format(
    small: tuple[Path, list[Path]],
) -> None:
    store, files = small
    code, out, err = run("ingest", *map(str, files), "--store", str(store), "--format", "json")
    assert code == 0
    assert [(o["source"], o["status"]) for o in json.loads(out)] == [
        (str(f), "added") for f in files
    ]
    assert err.startswith("2 added, 0 updated, 0 unchanged, 0 failed")
    for fmt in FORMATS:
        code, out, err = run("ingest", *map(str, files), "--store", str(store), "--format", fmt)
        assert code == 0 and "2 unchanged" in err, fmt
        if fmt != "table":
            assert len(records(fmt, out)) == 2, fmt
        else:
            assert [line.split()[:2] for line in out.splitlines()[2:]] == [
                ["unchanged", str(f)] for f in files
            ]


@pytest.mark.model
def test_reports_are_one_record(small: tuple[Path, list[Path]]) -> None:
    store, files = small
    s = ["--store", str(store)]
    assert run("ingest", *map(str, files), *s)[0] == 0
    code, out, _ = run(
        "merge", "person/halvard-brennick", "person/brennick", *s, "--format", "json"
    )
    assert code == 0
    merged = json.loads(out)
    assert (merged["keep"], merged["other"], merged["graphs"]) == (
        "person/halvard-brennick",
        "person/brennick",
        1,
    )
    code, out, _ = run("split", "person/halvard-brennick", "person/brennick", *s)
    assert code == 0 and out.startswith("person/halvard-brennick and person/brennick kept apart")
    code, out, _ = run("remove", str(files[1]), *s, "--format", "jsonl")
    assert code == 0
    assert set(json.loads(out)) == {"key", "links_removed", "links_added"}
    code, out, err = run(
        "push", *s, "--endpoint", "http://127.0.0.1:9/store", "--retries", "0", "--format", "csv"
    )
    assert code == 1 and "Error: " in err
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["graphs"] == "0" and row["failed"].count("http") >= 1


# --- the helper itself -------------------------------------------------------------------------

HOSTILE = {"name": "red\x1b[31m text\u202e", "n": 7, "tags": ["a", "b"], "ok": True}


def test_a_table_escapes_control_characters_and_json_keeps_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    print_records([HOSTILE], "table")
    table = capsys.readouterr().out
    assert "\x1b" not in table and "\u202e" not in table
    assert "red\\x1b[31m text\\u202e" in table and "a; b" in table and "true" in table
    print_records([HOSTILE], "json")
    assert json.loads(capsys.readouterr().out) == [HOSTILE]


def test_a_table_wraps_prose_right_aligns_numbers_and_has_no_trailing_blanks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    long = " ".join(["word"] * 80)
    rows = [{"id": "x", "n": 5, "text": long}, {"id": "longer-id", "n": 12345, "text": "short"}]
    print_records(
        rows, "table", columns=[Column("id"), Column("n"), Column("text", wrap=True)], title="T"
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "T" and lines[1].split() == ["id", "n", "text"]
    assert all(len(line) <= 100 and line == line.rstrip() for line in lines)
    assert lines[3].startswith("x              5  word word")
    assert lines[-1] == "longer-id  12345  short"
    assert sum(line.count("word") for line in lines) == 80


def test_one_record_is_an_object_in_json_and_a_sentence_or_two_columns_as_a_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    print_record({"a": 1, "b": "two"}, "json")
    assert json.loads(capsys.readouterr().out) == {"a": 1, "b": "two"}
    print_record({"a": 1, "b": "two"}, "table", sentence="one and two")
    assert capsys.readouterr().out == "one and two\n"
    print_record({"a": 1, "b": "two"}, "table")
    assert capsys.readouterr().out.splitlines() == ["a  1", "b  two"]
    print_record({"a": 1, "b": "two"}, "tsv")
    assert capsys.readouterr().out == "a\tb\n1\ttwo\n"


def test_tsv_escapes_tabs_and_newlines(capsys: pytest.CaptureFixture[str]) -> None:
    print_records([{"x": "a\tb\nc\\d"}], "tsv")
    assert capsys.readouterr().out == "x\na\\tb\\nc\\\\d\n"
