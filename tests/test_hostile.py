"""Hostile content is stored as text: it never breaks queries, exports or the HTML view,
and saved-query parameters cannot change the query they are bound into."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal

from kg.cli import main
from kg.model import Actor, Article, Claim, Extraction, Mention, Span
from kg.pipeline import commit_extraction, sync_registry
from kg.resolve.gazetteer import Gazetteer, discovered_actor
from kg.store.oxigraph import Store

SCRIPT = "<script>alert('kg')</script>"
IMG = '<img src=x onerror="alert(1)">'
BIDI = "Ahmed \u202eevil\u202c Noor"
CONTROL = "Bell\x07 and \x1b[31mred\x1b[0m"
LONG = "Zed " + "Long" * 2500  # a 10,004-character name
SPARQL_BREAK = '" } } ; DROP ALL ; #'
NAMES = (IMG, BIDI, CONTROL, LONG, "Quinn " + SPARQL_BREAK)
TITLE = f"{SCRIPT} & \"quoted\" 'title' </title>]]> \u2028"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def hostile_extraction() -> Extraction:
    """An article whose speakers and quotes are hostile strings, with true offsets."""
    parts: list[str] = []
    claims: list[Claim] = []
    actors: list[Actor] = []
    mentions: list[Mention] = []
    pos = 0
    for i, name in enumerate(NAMES):
        quote = f"the plan {i} is {SCRIPT}{IMG} and {BIDI} {CONTROL}"
        sentence = f"{name} said that {quote}."
        start = pos
        name_span = Span(start, start + len(name), name)
        q_start = start + len(name) + len(" said that ")
        actor = discovered_actor(name, "person")
        actors.append(actor)
        mention = Mention(actor.id, name_span.start, name_span.end, name)
        mentions.append(mention)
        claims.append(
            Claim(
                id=f"c{i}",
                span=Span(q_start, q_start + len(quote), quote),
                proposition=quote.lower(),
                attribution="reported",
                speaker=actor.id,
                claimer=mention,
                cue=Span(start + len(name) + 1, start + len(name) + 5, "said"),
                sentence=Span(start, start + len(sentence), sentence),
            )
        )
        parts.append(sentence)
        pos += len(sentence) + 2
    text = "\n\n".join(parts) + "\n"
    for c in claims:
        assert text[c.span.start : c.span.end] == c.span.text
    article = Article(
        key="https://hostile.example/a?<x>",
        text=text,
        sha256="0" * 64,
        source="hostile.md",
        title=TITLE,
        author=IMG,
        outlet=f"{BIDI} Times",
        date="2024-01-02",
        url="https://hostile.example/a?<x>",
    )
    return Extraction(article, tuple(actors), tuple(mentions), tuple(claims), (), "test")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "store"
    gazetteer = Gazetteer.default()
    store = Store(path)
    try:
        sync_registry(store, gazetteer)
        commit_extraction(store, hostile_extraction(), gazetteer)
    finally:
        store.close()
    return path


def quad_count(path: Path) -> int:
    store = Store(path)
    try:
        return len(store)
    finally:
        store.close()


@pytest.mark.parametrize("name", NAMES)
def test_saved_query_finds_each_hostile_speaker_by_exact_name(store_path: Path, name: str) -> None:
    code, out, err = run(
        "query", "--store", str(store_path), "--saved", "claims-by",
        "--param", f"actor={name}", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    rows = json.loads(out)["results"]["bindings"]
    assert len(rows) == 1
    assert rows[0]["headline"]["value"] == TITLE
    assert SCRIPT in rows[0]["claim"]["value"] and CONTROL in rows[0]["claim"]["value"]


@pytest.mark.parametrize(
    "value",
    [
        SPARQL_BREAK,
        '" . ?s ?p ?o } UNION { ?s ?p ?o . FILTER("1"="1',
        'x" } } INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
        "> } DELETE WHERE { ?s ?p ?o } #",
        "\\u0022) || true || (\\u0022",
        "Quinn",  # a prefix of a real name: matching is exact, never a pattern
    ],
)
def test_parameters_cannot_change_the_query(store_path: Path, value: str) -> None:
    before = quad_count(store_path)
    for saved in ("claims-by", "who-says-what-about", "positions-over-time"):
        code, out, err = run(
            "query", "--store", str(store_path), "--saved", saved,
            "--param", f"actor={value}", "--format", "json",
        )  # fmt: skip
        assert code == 0, err
        assert json.loads(out)["results"]["bindings"] == []
    code, out, _ = run(
        "query", "--store", str(store_path), "--saved", "evidence-for",
        "--param", f"text={value}", "--format", "json",
    )  # fmt: skip
    assert code == 0 and json.loads(out)["results"]["bindings"] == []
    assert quad_count(store_path) == before


def test_unknown_parameter_names_are_refused(store_path: Path) -> None:
    code, _, err = run(
        "query", "--store", str(store_path), "--saved", "claims-by",
        "--param", "actor=x", "--param", "label } ?s ?p ?o {=y",
    )  # fmt: skip
    assert code == 1 and "has no parameter" in err


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("nquads", "nquads"), ("trig", "trig")])
def test_exports_round_trip_with_every_string_intact(
    store_path: Path, tmp_path: Path, fmt: str, rdflib_format: str
) -> None:
    out = tmp_path / f"kg.{fmt}"
    code, _, err = run("export", "--store", str(store_path), "--format", fmt, "-o", str(out))
    assert code == 0, err
    ds = Dataset()
    ds.parse(out, format=rdflib_format)
    literals = {str(o) for _, _, o, _ in ds.quads() if isinstance(o, Literal)}
    assert TITLE in literals
    for name in NAMES:
        assert name in literals
    assert sum(1 for _ in ds.quads()) == quad_count(store_path)


def test_viz_writes_the_page_with_payloads_escaped(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.html"
    code, _, err = run("viz", "--store", str(store_path), "-o", str(out))
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    for raw in (SCRIPT, IMG, "</title>]]>"):
        assert raw not in html
    assert (
        "alert(&#x27;kg&#x27;)" in html
        or "\\u003cscript\\u003e" in html
        or "&lt;script&gt;" in html
    )


@pytest.mark.model
def test_hostile_article_ingested_end_to_end(tmp_path: Path) -> None:
    art = tmp_path / "hostile.md"
    art.write_text(
        f"---\ntitle: {TITLE.strip()}\noutlet: {BIDI} Times\n---\n"
        f"Mara Quentin said that {SCRIPT} would not run in anyone's browser. "
        f"Officials argued that {IMG} and {BIDI} are only text, and they said the "
        f"{CONTROL} sequence is harmless when it is stored as text in the graph.\n",
        encoding="utf-8",
    )
    store = str(tmp_path / "s")
    code, out, err = run("ingest", str(art), "--store", store)
    assert code == 0, err
    code, out, err = run("query", "--store", store, "--saved", "articles", "--format", "json")
    assert code == 0, err
    (row,) = json.loads(out)["results"]["bindings"]
    assert row["headline"]["value"] == TITLE.strip()
    assert row["outlet"]["value"] == f"{BIDI} Times"
    code, out, err = run("query", "--store", store, f'ASK {{ ?s ?p "{BIDI} Times" }}')
    assert code == 0 and out.strip() == "true"
