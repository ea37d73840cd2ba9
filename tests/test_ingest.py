from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import iter_sources, read_path
from kg.ingest.text import parse_front_matter
from tests.conftest import CORPUS, SEED, need_shared


def test_front_matter_fields_and_body_offset() -> None:
    text = '---\ntitle: "A: title"\noutlet: Pacific Ledger\ndate: 2024-12-03\n---\nBody here.\n'
    fields, start = parse_front_matter(text, "x.md")
    assert fields == {"title": "A: title", "outlet": "Pacific Ledger", "date": "2024-12-03"}
    assert text[start:] == "Body here.\n"


def test_unclosed_front_matter_is_an_input_error() -> None:
    with pytest.raises(InputError, match="never closed"):
        parse_front_matter("---\ntitle: x\nauthor: y\n", "x.md")


def test_corpus_articles_have_metadata() -> None:
    for path in sorted(CORPUS.glob("[0-9]*.md")):
        art = read_path(path)
        assert art.title and art.outlet and art.author and art.date and art.url and art.genre
        assert art.text[art.body_start :].strip()
        assert art.key == art.url


def test_seed_byline_and_title() -> None:
    art = read_path(need_shared(SEED))
    assert art.author == "Daniel Reed"
    assert art.title == art.text.splitlines()[0].strip()  # the first line, read at run time
    assert art.byline is not None and art.text[art.byline.start : art.byline.end] == "Daniel Reed"
    bio = art.text.rstrip().rsplit("\n\n", 1)[1]  # the last paragraph is the author's bio
    assert "Daniel Reed" in bio and bio not in art.body


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t \n", "empty"),
        (b"\x00\x01binary\x00", "binary"),
        (b"caf\xe9 au lait", "UTF-8"),
        (b"---\ntitle: x\n---\n   \n", "no article text"),
    ],
)
def test_bad_files_raise_input_error_with_path(tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_path(bad)
    assert reason in exc.value.reason
    assert str(bad) in str(exc.value)


def test_folders_are_walked_and_unsupported_files_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One sentence here.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("Another one.", encoding="utf-8")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    found = list(iter_sources([tmp_path, tmp_path / "x.pdf", tmp_path / "missing.txt"]))
    names = sorted(Path(s.name).name for s in found if not isinstance(s, InputError))
    errors = [s for s in found if isinstance(s, InputError)]
    assert names == ["a.txt", "b.md"]
    assert len(errors) == 2
