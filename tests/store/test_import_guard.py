"""`kg import` refuses RDF/XML entity tricks before Oxigraph's loader sees them, and still
loads the plain abbreviation entities ontology editors write."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store.oxigraph import Store

RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"'


def laughs(levels: int) -> bytes:
    """Each entity ten of the one before: 3 * 10**levels characters from a few hundred bytes."""
    decls = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels + 1)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(decls) + "\n]>\n"
        f'<rdf:RDF {RDF}><rdf:Description rdf:about="http://example.org/a">'
        f"<ex:p>&l{levels};</ex:p></rdf:Description></rdf:RDF>\n"
    ).encode()


def document(doctype: str, body: str) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{doctype}\n]>\n<rdf:RDF {RDF}>'
        f'<rdf:Description rdf:about="http://example.org/a">{body}</rdf:Description></rdf:RDF>\n'
    ).encode()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def quads(path: Path) -> int:
    if not (path / "CURRENT").exists():
        return 0
    store = Store(path, read_only=True)
    try:
        return len(store)
    finally:
        store.close()


CASES = {
    "billion-laughs": (laughs(6), "refers to entities"),
    "nested-through-char-ref": (
        document('<!ENTITY a "x"><!ENTITY b "&#38;a;&#38;a;">', "<ex:p>&b;</ex:p>"),
        "refers to entities",
    ),
    "bracket-in-value": (
        document('<!ENTITY a "]>"><!ENTITY b "&a;&a;">', "<ex:p>&b;</ex:p>"),
        "refers to entities",
    ),
    "external-file": (
        document('<!ENTITY e SYSTEM "file:///etc/hostname">', "<ex:p>&e;</ex:p>"),
        "entity &e; is external",
    ),
    "parameter-entity": (document('<!ENTITY % p "x"> %p;', "<ex:p>x</ex:p>"), "parameter"),
    "wide-expansion": (
        document(f'<!ENTITY w "{"w" * 20_000}">', "<ex:p>" + "&w;" * 500 + "</ex:p>"),
        "expand past 1 MB",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_entity_tricks_are_refused_before_loading(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if importlib.util.find_spec("kg.store.guard"):
        monkeypatch.setattr("kg.store.guard.MAX_EXPANSION", 1024 * 1024)
    data, reason = CASES[name]
    path = tmp_path / "data.rdf"
    path.write_bytes(data)
    store = tmp_path / "store"
    code, _, err = run("import", str(path), "--store", str(store))
    assert code == 1, err
    assert "refused before loading" in err and reason in err, err
    assert "Traceback" not in err
    assert quads(store) == 0


def test_plain_abbreviation_entities_still_load(tmp_path: Path) -> None:
    path = tmp_path / "onto.rdf"
    path.write_bytes(
        document(
            '<!ENTITY ex "http://example.org/"><!-- an abbreviation, as editors write -->',
            '<ex:p rdf:resource="&ex;b"/><ex:q>five &amp; six</ex:q>',
        )
    )
    code, out, err = run(
        "import", str(path), "--store", str(tmp_path / "store"), "--graph", "urn:g"
    )
    assert code == 0, err
    assert out.startswith("2 quads added")
    store = Store(tmp_path / "store", read_only=True)
    try:
        res = store.select(
            "ASK { <http://example.org/a> <http://example.org/p> <http://example.org/b> }"
        )
        assert res.boolean is True
    finally:
        store.close()
