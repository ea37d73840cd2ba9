"""One way to print data: every command that prints records takes `--format` the same way.

``table`` (the default) is for people: a plain-text table on standard output, every string
passed through `terminal_safe` (drawn here, not by rich: rich took longer to lay out 250 rows
than the query behind them). ``csv``, ``tsv``, ``json`` and ``jsonl`` are for programs: standard
output then holds nothing but the data, and any summary line goes to standard error.

Records are dataclasses or dicts. ``json`` and ``jsonl`` print them whole (nested values
kept); ``csv``, ``tsv`` and ``table`` print one flat row per record, in the columns a command
chooses (by default every field), with lists joined by "; ". SPARQL results (`Results`) go
through `print_results`, whose CSV, TSV and JSON are the bytes `kg serve` answers with
(kg.store.results), so a query gives the same file from the command line and the endpoint.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kg.cli.app import terminal_safe

if TYPE_CHECKING:
    from kg.store.oxigraph import Results

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("table", "csv", "tsv", "json", "jsonl")

FORMAT_HELP = (
    "table for people; csv, tsv, json or jsonl for programs (then standard output holds "
    "only the data)."
)


def format_option(
    *formats: str, default: str = "table", help: str | None = None
) -> Callable[[F], F]:
    """The `--format` option of a command that prints data (all of FORMATS unless narrowed)."""
    choices = formats or FORMATS
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help=help or FORMAT_HELP,
    )


@dataclass(frozen=True)
class Column:
    """A column of flat output: a field of the record, or a value computed from the record."""

    key: str
    value: Callable[[Any], Any] | None = None  # from the record as given; default: field `key`
    header: str | None = None  # a table's heading (csv and tsv name the column by its key)
    wrap: bool = False  # a table wraps this column's text (prose); others keep a line per row

    def get(self, record: Any) -> Any:
        if self.value is not None:
            return self.value(record)
        if isinstance(record, Mapping):
            return record.get(self.key)
        return getattr(record, self.key, None)


# --- records to values -------------------------------------------------------------------------


def as_dict(record: Any) -> dict[str, Any]:
    """A record (dataclass or mapping) as a plain dict for JSON."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return dataclasses.asdict(record)
    if isinstance(record, Mapping):
        return dict(record)
    raise TypeError(f"not a record: {type(record).__name__}")


def flat(value: Any) -> str:
    """One cell of flat output: lists joined by '; ', mappings as JSON, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(flat(v) for v in value)
    if isinstance(value, Mapping) or dataclasses.is_dataclass(value):
        return json.dumps(as_dict(value), ensure_ascii=False, default=str)
    return str(value)


def _columns(first: Any) -> list[Column]:
    if dataclasses.is_dataclass(first) and not isinstance(first, type):
        return [Column(f.name) for f in dataclasses.fields(first)]
    return [Column(str(k)) for k in as_dict(first)]


def _json(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent, default=str)


def _tsv_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


# --- printing ----------------------------------------------------------------------------------


def print_records(
    records: Iterable[Any],
    fmt: str,
    *,
    columns: Sequence[Column] | None = None,
    title: str | None = None,
    summary: str | None = None,
    footer: Sequence[str] = (),
) -> None:
    """Print records in ``fmt``: one row (or JSON object) each.

    ``columns`` chooses the flat columns (csv, tsv, table; a header is shown in a table only,
    csv and tsv name each column by its key as JSON does); ``title`` and ``footer`` lines go
    with a table only (on standard output); ``summary`` goes to standard error in every format.
    json and jsonl stream: a generator of records is printed as it is produced.
    """
    if fmt == "jsonl":
        for record in records:
            click.echo(_json(as_dict(record)))
    elif fmt == "json":
        _print_json_array(as_dict(r) for r in records)
    elif fmt in ("csv", "tsv"):
        _print_delimited(iter(records), fmt, columns)
    elif fmt == "table":
        items = list(records)
        if title is not None:
            click.echo(terminal_safe(title))
        if items:
            cols = list(columns) if columns is not None else _columns(items[0])
            _print_table(
                [c.header or c.key for c in cols],
                [[c.get(r) for c in cols] for r in items],
                wrap=[c.wrap for c in cols],
            )
        for line in footer:
            click.echo(terminal_safe(line))
    else:
        raise click.UsageError(f"unknown format {fmt!r}")
    if summary is not None:
        click.echo(terminal_safe(summary), err=True)


def print_record(
    record: Any,
    fmt: str,
    *,
    sentence: str | Sequence[str] | None = None,
    columns: Sequence[Column] | None = None,
) -> None:
    """Print one record (a report, counts): json gives one object rather than an array.

    As a table it is the ``sentence`` a person reads (a report such as "removed X"), or without
    one a two-column table of field and value.
    """
    if fmt == "json":
        click.echo(_json(as_dict(record), indent=2))
    elif fmt == "table" and sentence is not None:
        for line in [sentence] if isinstance(sentence, str) else sentence:
            click.echo(terminal_safe(line))
    elif fmt == "table":
        cols = list(columns) if columns is not None else _columns(record)
        _print_table(None, [[c.header or c.key, c.get(record)] for c in cols], wrap=[False, True])
    else:
        print_records([record], fmt, columns=columns)


def print_results(results: Results, fmt: str) -> None:
    """SPARQL results: csv, tsv and json as `kg serve` sends them, jsonl one binding per line.

    CONSTRUCT and DESCRIBE results are N-Triples whatever the format; an ASK result is
    true or false (a table), the W3C boolean result (csv, tsv, json) or {"boolean": ...}.
    """
    from kg.store.results import render, sparql_json

    if results.triples is not None:
        click.echo(results.triples, nl=False)
    elif fmt == "table":
        if results.boolean is not None:
            click.echo("true" if results.boolean else "false")
            return
        _print_table(
            list(results.variables),
            [[c.value if c is not None else None for c in row] for row in results.rows],
            wrap=[True] * len(results.variables),
        )
        click.echo(f"{len(results.rows)} rows", err=True)
    elif fmt == "jsonl":
        data = sparql_json(results)
        lines = [data] if results.boolean is not None else data["results"]["bindings"]
        for line in lines:
            click.echo(_json({"boolean": line["boolean"]} if "boolean" in line else line))
    elif fmt == "json":
        click.echo(_json(sparql_json(results), indent=2))
    else:
        click.echo(render(results, fmt), nl=False)


def _print_json_array(items: Iterator[dict[str, Any]]) -> None:
    first = True
    for item in items:
        text = _json(item, indent=2).replace("\n", "\n  ")
        click.echo(("[\n  " if first else ",\n  ") + text, nl=False)
        first = False
    click.echo("[]" if first else "\n]")


def _print_delimited(records: Iterator[Any], fmt: str, columns: Sequence[Column] | None) -> None:
    first = next(records, None)
    if first is None and columns is None:
        return  # no records and no columns: nothing to name a header after
    cols = list(columns) if columns is not None else _columns(first)
    header = [c.key for c in cols]  # programs get the field names JSON has
    rows = _rows(first, records, cols)
    if fmt == "tsv":
        click.echo("\t".join(_tsv_cell(h) for h in header))
        for row in rows:
            click.echo("\t".join(_tsv_cell(cell) for cell in row))
        return
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180, like kg serve's CSV
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if buf.tell() > 1 << 16:
            click.echo(buf.getvalue(), nl=False)
            buf.seek(0)
            buf.truncate()
    click.echo(buf.getvalue(), nl=False)


def _rows(first: Any, rest: Iterator[Any], cols: Sequence[Column]) -> Iterator[list[str]]:
    if first is None:
        return
    yield [flat(c.get(first)) for c in cols]
    for record in rest:
        yield [flat(c.get(record)) for c in cols]


def _print_table(header: list[str] | None, rows: list[list[Any]], wrap: list[bool]) -> None:
    """A plain-text table on standard output: a header underlined column by column, numbers
    right-aligned, every string terminal-safe, no trailing blanks. Prose columns (``wrap``) are
    wrapped to fit the terminal (100 columns at least); the others keep a value on one line."""
    if not rows and header is None:
        return
    numeric = [
        any(r[i] is not None for r in rows)
        and all(_is_number(r[i]) for r in rows if r[i] is not None)
        for i in range(len(wrap))
    ]
    cells = [[terminal_safe(flat(cell)) for cell in row] for row in rows]
    titles = [terminal_safe(h) for h in header] if header is not None else None
    widths = _widths(cells, titles, wrap)
    lines: list[str] = []
    if titles is not None:
        lines.append(_line([[t] for t in titles], widths, [False] * len(widths)))
        lines.append(GAP.join("\u2500" * w for w in widths))
    for row in cells:
        parts = [
            textwrap.wrap(c, widths[i], break_on_hyphens=False) or [""] if wrap[i] else [c]
            for i, c in enumerate(row)
        ]
        lines.append(_line(parts, widths, numeric))
    click.echo("\n".join(lines))


GAP = "  "  # between two columns of a table


def _widths(cells: list[list[str]], titles: list[str] | None, wrap: list[bool]) -> list[int]:
    """Each column's width: its longest value, prose columns narrowed to fit the terminal (the
    narrowest first get what they need, the wider share what is left, 20 columns at least)."""
    count = len(wrap)
    natural = [
        max([_width(r[i]) for r in cells] + [_width(titles[i]) if titles is not None else 1])
        for i in range(count)
    ]
    room = max(100, shutil.get_terminal_size((100, 24)).columns) - len(GAP) * (count - 1)
    left = room - sum(n for n, w in zip(natural, wrap, strict=True) if not w)
    prose = sorted((natural[i], i) for i in range(count) if wrap[i])
    widths = list(natural)
    for k, (need, i) in enumerate(prose):
        fair = left // (len(prose) - k)
        widths[i] = need if need <= fair else max(fair, min(need, 20))
        left -= widths[i]
    return widths


def _line(parts: list[list[str]], widths: list[int], numeric: list[bool]) -> str:
    """One table row, as many lines as its tallest wrapped cell."""
    out = []
    for k in range(max(len(p) for p in parts)):
        texts = []
        for i, part in enumerate(parts):
            text = part[k] if k < len(part) else ""
            pad = " " * max(widths[i] - _width(text), 0)
            texts.append(pad + text if numeric[i] else text + pad)
        out.append(GAP.join(texts).rstrip())
    return "\n".join(out)


def _width(text: str) -> int:
    """Columns a string takes on a terminal: wide East Asian characters two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
