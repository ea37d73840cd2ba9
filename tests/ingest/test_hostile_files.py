"""Files that try to stop a run: compression bombs, FIFOs, unreadable paths, impossible dates,
and names that carry terminal escapes. Each is that file's error line; the rest goes in."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import InputError
from tests.helpers.articles import ARTICLE, ARTICLE_2

KG = [sys.executable, "-m", "kg"]


def ingest(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["ingest", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def errors(stderr: str) -> list[str]:
    """The error lines, without their code: 'Error: [E100] path: reason' -> 'Error: path: reason'."""
    lines = [line for line in stderr.splitlines() if line.startswith("Error:")]
    return [re.sub(r"^Error: \[E\d{3}\] ", "Error: ", line) for line in lines]


# --- PDF compression bombs ---------------------------------------------------------------------


def raw_pdf(content: bytes, filters: bytes = b"/FlateDecode") -> bytes:
    """A one-page PDF whose content stream is ``content`` under ``filters``, with a true xref."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(content), filters)
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


SHOWN = b"BT /F1 12 Tf 72 720 Td (" + ARTICLE.split(".")[0].encode() + b".) Tj ET\n"


def flate_bomb(megabytes: int) -> bytes:
    """A PDF of a few KB whose content stream inflates to ``megabytes`` MB of spaces."""
    packer = zlib.compressobj(9)
    parts = [packer.compress(SHOWN)]
    blank = b" " * (1 << 20)
    parts.extend(packer.compress(blank) for _ in range(megabytes))
    parts.append(packer.flush())
    return raw_pdf(b"".join(parts))


@pytest.mark.model
def test_a_pdf_bomb_is_that_files_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.ingest.pdf.MAX_INFLATED", 4 * 1024 * 1024, raising=False)
    bomb = tmp_path / "report.pdf"
    bomb.write_bytes(flate_bomb(40))  # 40 MB from about 40 KB
    assert len(bomb.read_bytes()) < 100_000
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    code, _out, err = ingest(str(bomb), str(good), "--store", str(tmp_path / "s"))
    assert code == 1
    (line,) = errors(err)
    assert "report.pdf" in line and "inflate past 4 MB, the cap per PDF" in line
    assert "1 added, 0 updated, 0 unchanged, 1 failed" in err


@pytest.mark.parametrize(
    ("filters", "content"),
    [
        (b"/FlateDecode", zlib.compress(SHOWN + b" " * (6 << 20))),
        (b"/RunLengthDecode", bytes([129, 0x20]) * (50 << 10) + b"\x80"),
        (b"[/FlateDecode /RunLengthDecode]", zlib.compress(bytes([129, 0x20]) * (50 << 10))),
    ],
)
def test_every_decoder_counts_against_the_cap(filters: bytes, content: bytes) -> None:
    from kg.ingest.pdf import parse_pdf

    data = raw_pdf(content, filters)
    with pytest.raises(InputError, match="inflate past 1 MB"):
        parse_pdf(data, key="k", source="bomb.pdf", max_inflated=1 << 20)


def test_an_ordinary_pdf_reads_under_the_cap() -> None:
    from kg.ingest.pdf import parse_pdf

    article = parse_pdf(raw_pdf(zlib.compress(SHOWN)), key="k", source="ok.pdf")
    assert article.text.startswith("The trade ministry said")


# --- FIFOs and unreadable paths ------------------------------------------------------------------


def test_a_fifo_among_the_articles_is_skipped_with_a_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.md").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(folder / "b-pipe.md")  # nobody ever writes to it: reading it would block forever
    (folder / "c-good.md").write_text(ARTICLE_2, encoding="utf-8")
    proc = subprocess.run(
        [*KG, "ingest", str(folder), str(folder / "b-pipe.md"), "--store", str(tmp_path / "s")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    lines = errors(proc.stderr)
    assert len(lines) == 2 and all(
        "b-pipe.md: a named pipe (FIFO), not a regular" in x for x in lines
    )
    assert "2 added, 0 updated, 0 unchanged, 2 failed" in proc.stderr
    assert "Traceback" not in proc.stderr


def _without_dac_override() -> list[str]:
    """A command prefix that runs without the capability that lets root read any file, so
    permission bits apply to root too (util-linux setpriv); skip where there is none."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0:
        return []
    if setpriv is None:
        pytest.skip("running as root and no setpriv to drop CAP_DAC_OVERRIDE")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]


def test_permission_denied_is_one_line_per_path(tmp_path: Path) -> None:
    prefix = _without_dac_override()
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "inside.md").write_text(ARTICLE_2, encoding="utf-8")
    (folder / "good.md").write_text(ARTICLE, encoding="utf-8")
    (folder / "closed.md").write_text(ARTICLE_2, encoding="utf-8")
    (folder / "closed.md").chmod(0)
    (folder / "locked").chmod(0)
    probe = subprocess.run([*prefix, "cat", str(folder / "closed.md")], capture_output=True)
    if probe.returncode == 0:
        pytest.skip("permission bits do not stop this user here")
    try:
        proc = subprocess.run(
            [
                *prefix,
                *KG,
                "ingest",
                str(folder / "locked" / "inside.md"),  # a path under a folder it cannot enter
                str(folder),  # a walk that meets an unreadable file and folder
                "--store",
                str(tmp_path / "s"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        (folder / "locked").chmod(0o755)
        (folder / "closed.md").chmod(0o644)
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = errors(proc.stderr)
    assert {line.split(": ")[1] for line in lines} == {
        str(folder / "locked" / "inside.md"),
        str(folder / "closed.md"),
        str(folder / "locked"),
    }
    assert all(line.endswith("permission denied") for line in lines), lines
    assert "1 added, 0 updated, 0 unchanged, 3 failed" in proc.stderr


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("date", "reason"),
    [
        ("2023-02-30", "front matter date '2023-02-30' is not a real date (day is out of range"),
        ("0000-00-00", "front matter date '0000-00-00' is not a real date"),
        ("2023-13-01", "front matter date '2023-13-01' is not a real date"),
        ("2023-01-01<script>", "front matter date '2023-01-01<script>' is not YYYY-MM-DD"),
        ("2023-01-01 or later", "is not YYYY-MM-DD"),
    ],
)
def test_impossible_dates_are_that_articles_error(tmp_path: Path, date: str, reason: str) -> None:
    bad = tmp_path / "dated.md"
    bad.write_text(f"---\ndate: {date}\n---\n{ARTICLE}", encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text(ARTICLE_2, encoding="utf-8")
    code, _out, err = ingest(str(bad), str(good), "--store", str(tmp_path / "s"))
    assert code == 1
    (line,) = errors(err)
    assert line.startswith(f"Error: {bad}: ") and reason in line
    assert "Traceback" not in err and "SHACL" not in err and "rdflib" not in err
    assert "1 added, 0 updated, 0 unchanged, 1 failed" in err


@pytest.mark.model
def test_iso_timestamps_keep_their_day(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "a", "text": ARTICLE, "date": "2024-02-14T08:00:00Z"},
        {"id": "b", "text": ARTICLE_2, "date": "2024-02-30"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = str(tmp_path / "s")
    code, _, err = ingest(str(feed), "--store", store)
    assert code == 1
    (line,) = errors(err)
    assert "feed.jsonl:2: date '2024-02-30' is not a real date" in line
    result = CliRunner().invoke(
        main, ["query", "--store", store, "--saved", "articles", "--format", "json"]
    )
    (row,) = json.loads(result.stdout)["results"]["bindings"]
    assert row["date"]["value"] == "2024-02-14"


def test_date_option_must_be_a_real_day(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text(ARTICLE, encoding="utf-8")
    code, _, err = ingest(str(good), "--date", "2023-02-29", "--store", str(tmp_path / "s"))
    assert code == 1 and "date '2023-02-29' is not a real date" in err


# --- terminal escapes --------------------------------------------------------------------------

ESCAPES = "\x1b[2J\x1b]0;owned\x07\r"


def test_control_characters_in_names_are_escaped_in_error_lines(tmp_path: Path) -> None:
    bad = tmp_path / f"evil{ESCAPES}name.md"
    bad.write_text("", encoding="utf-8")
    code, _, err = ingest(str(bad), "--store", str(tmp_path / "s"))
    assert code == 1
    assert "\x1b" not in err and "\x07" not in err and "\r" not in err
    assert "evil\\x1b[2J\\x1b]0;owned\\x07\\rname.md: no text" in err


@pytest.mark.model
def test_control_characters_in_titles_are_escaped_in_query_tables(tmp_path: Path) -> None:
    art = tmp_path / "feed.jsonl"  # JSON carries any character in a title
    record = {"id": "a", "text": ARTICLE, "title": f"Rules{ESCAPES}[red]x[/red] [/oops]"}
    art.write_text(json.dumps(record) + "\n", encoding="utf-8")
    store = str(tmp_path / "s")
    code, _, err = ingest(str(art), "--store", store)
    assert code == 0, err
    headline = "SELECT DISTINCT ?title WHERE { ?a <https://schema.org/headline> ?title }"
    result = CliRunner().invoke(main, ["query", "--store", store, headline])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Rules\\x1b[2J" in result.stdout and "[red]x[/red] [/oops]" in result.stdout
    raw = CliRunner().invoke(main, ["query", "--store", store, headline, "--format", "json"])
    (row,) = json.loads(raw.stdout)["results"]["bindings"]
    assert "Rules\x1b[2J\x1b]0;owned\x07" in row["title"]["value"]  # stored as read: only
    # the terminal view escapes (the reader folds whitespace, \r included)
