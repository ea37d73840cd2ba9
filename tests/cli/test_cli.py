"""The command line, driven with click's CliRunner on real stores in tmp_path."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from kg.cli import main
from tests.helpers.golden import SAMPLE_ARTICLES
from tests.helpers.paths import CORPUS, ROOT

ARTICLES = sorted(CORPUS.glob("[0-9]*.md"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.model
def test_ingest_reports_bad_file_and_exits_nonzero(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00binary")
    store = str(tmp_path / "s")
    code, out, err = run("ingest", str(ARTICLES[0]), str(bad), "--store", store)
    assert code == 1
    assert f"{bad}: binary file" in err
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith("1 added, 0 updated, 0 unchanged, 1 failed")
    assert [line.split()[0] for line in out.splitlines()[2:]] == ["failed", "added"]
    code, out, err = run("ingest", str(ARTICLES[0]), "--store", store, "--format", "json")
    assert code == 0 and err.startswith("0 added, 0 updated, 1 unchanged, 0 failed")
    assert [(o["source"], o["status"]) for o in json.loads(out)] == [
        (str(ARTICLES[0]), "unchanged")
    ]


def test_query_saved_with_param(golden_store: Path) -> None:
    code, out, _ = run(
        "query",
        "--saved",
        "who-says-what-about",
        "--param",
        "actor=China",
        "--store",
        str(golden_store),
        "--format",
        "csv",
    )
    assert code == 0
    header, *rows = out.strip().splitlines()
    assert header == "speaker,stance,claim,headline,outlet,date"
    assert len(rows) >= 8


def test_query_json_is_sparql_results_json(golden_store: Path) -> None:
    code, out, _ = run(
        "query",
        "SELECT ?s WHERE { ?s a <https://schema.org/NewsArticle> }",
        "--store",
        str(golden_store),
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["head"]["vars"] == ["s"]
    assert len(data["results"]["bindings"]) == len(ARTICLES)
    assert data["results"]["bindings"][0]["s"]["type"] == "uri"


def test_query_errors_are_one_line(golden_store: Path, tmp_path: Path) -> None:
    code, _, err = run("query", "SELEKT nonsense", "--store", str(golden_store))
    assert code == 1 and err.startswith("Error: [E400] invalid SPARQL")
    code, _, err = run("query", "--saved", "top-speakers", "--store", str(tmp_path / "none"))
    assert code == 1 and "no store at" in err


def test_queries_lists_name_params_description() -> None:
    code, out, _ = run("queries", "--format", "tsv")
    assert code == 0
    header, *rows = out.strip().splitlines()
    assert header == "name\tparams\tdescription"
    lines = dict(line.split("\t", 1) for line in rows)
    assert lines["who-says-what-about"].startswith("actor=\t")
    assert lines["top-speakers"].startswith("-\t")


def test_stats_and_validate(golden_store: Path) -> None:
    code, out, _ = run("stats", "--store", str(golden_store), "--format", "json")
    assert code == 0
    stats = json.loads(out)
    assert stats["article_graphs"] == len(ARTICLES) and stats["statements"] > 100
    code, out, err = run("validate", "--store", str(golden_store))
    assert code == 0 and out == "" and err.strip().endswith("0 violations")


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_export_round_trips(golden_sample_store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    code, _, _ = run("export", "--store", str(golden_sample_store), "--format", fmt, "-o", str(out))
    assert code == 0
    ds = Dataset()
    ds.parse(out, format={"nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}[fmt])
    graphs = {str(g.identifier) for g in ds.graphs() if "/graph/article/" in str(g.identifier)}
    assert len(graphs) == SAMPLE_ARTICLES


@pytest.mark.model
def test_extract_jsonl_contract() -> None:
    code, out, _ = run("extract", str(ARTICLES[2]), "--format", "jsonl")
    assert code == 0
    rec = json.loads(out.strip().splitlines()[0])
    assert set(rec) >= {"file", "article", "actors", "claims", "evidence"}
    text = ARTICLES[2].read_text(encoding="utf-8")
    for claim in rec["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert claim["attribution"] in ("reported", "author")
        if claim["claimer"] and claim["claimer"]["start"] is not None:
            c = claim["claimer"]
            assert text[c["start"] : c["end"]]
    for actor in rec["actors"]:
        for m in actor["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]


def test_viz_writes_self_contained_html(golden_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    code, stdout, _ = run("viz", "--store", str(golden_store), "-o", str(out))
    assert code == 0 and out.exists()
    assert re.match(r"\d+ nodes, \d+ edges -> ", stdout)
    code, stdout, _ = run(
        "viz", "--store", str(golden_store), "-o", str(out), "--focus", "Beijing", "--depth", "1"
    )
    assert code == 0
    code, _, err = run("viz", "--store", str(golden_store), "-o", str(out), "--focus", "Atlantis")
    assert code == 1 and "no actor named 'Atlantis'" in err


def readme_sections() -> tuple[str, dict[str, str]]:
    """The README's tour: its introduction, and each command's text (the sections whose heading
    names `kg COMMAND`)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tour = readme.split("\n## A tour of the commands\n", 1)[1].split("\n## ", 1)[0]
    intro, *sections = re.split(r"^### ", tour, flags=re.M)
    by_command: dict[str, str] = {}
    for section in sections:
        heading = section.splitlines()[0]
        for name in re.findall(r"`kg ([a-z]+)", heading):
            by_command[name] = by_command.get(name, "") + section
    return intro, by_command


def test_every_command_and_option_is_documented_in_readme() -> None:
    """As datasette does: a command without a README section, or an option its section (or the
    tour's introduction) does not name, fails here."""
    intro, sections = readme_sections()
    missing = []
    for name, command in sorted(main.commands.items()):  # type: ignore[attr-defined]
        text = sections.get(name)
        if text is None:
            missing.append(f"kg {name}")
            continue
        for param in command.params:
            long = [o for o in param.opts if o.startswith("--")]
            if long and not any(o in text or o in intro for o in long):
                missing.append(f"kg {name} {long[0]}")
        code, out, _ = run(name, "--help")
        assert code == 0 and len(out) > 80
    assert missing == [], "not in the README's tour"


def test_the_readme_check_catches_an_undocumented_option() -> None:
    intro, sections = readme_sections()
    assert "--rank" in sections["stats"] and "--rank" not in intro
    assert "--no-such-option" not in sections["stats"] + intro


def test_the_cli_default_store_is_the_settings_default() -> None:
    from kg.cli.app import DEFAULT_STORE
    from kg.settings import DEFAULT_STORE as SETTINGS_DEFAULT

    assert Path(DEFAULT_STORE) == SETTINGS_DEFAULT


def test_python_dash_m_kg_works() -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "kg", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and "kg" in proc.stdout


@pytest.mark.model
def test_store_refuses_a_folder_of_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run("ingest", str(ARTICLES[0]), "--store", str(tmp_path))
    assert code == 1 and "not a kg store" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_export_to_an_unwritable_path_is_an_error(golden_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "kg.nq"
    code, _, err = run("export", "--store", str(golden_store), "-o", str(target))
    assert code == 1 and err.startswith("Error:") and "cannot write" in err
    assert not target.parent.exists()
