"""`kg query` and `kg queries`: SPARQL over the store, saved analyst queries."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

# --- query ---------------------------------------------------------------------------------------
from kg.cli.app import (
    main,
    reports_errors,
    store_option,
    terminal_safe,
)
from kg.store.oxigraph import Cell, Results


def _cell_text(cell: Cell | None) -> str:
    return "" if cell is None else cell.value


def print_results(results: Results, fmt: str) -> None:
    if results.triples is not None:
        click.echo(results.triples, nl=False)
        return
    if fmt == "json":
        from kg.store.results import sparql_json

        click.echo(json.dumps(sparql_json(results), ensure_ascii=False, indent=2))
        return
    if results.boolean is not None:
        click.echo("true" if results.boolean else "false")
        return
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(results.variables)
        for row in results.rows:
            writer.writerow([_cell_text(c) for c in row])
        click.echo(buf.getvalue(), nl=False)
        return
    table = Table(show_lines=False, header_style="bold")
    for var in results.variables:
        table.add_column(Text(var), overflow="fold")
    for row in results.rows:  # Text: a value is never read as markup; escaped for the terminal
        table.add_row(*(Text(terminal_safe(_cell_text(c))) for c in row))
    console = Console(width=max(100, Console().width), soft_wrap=False)
    console.print(table)
    click.echo(f"{len(results.rows)} rows")


@main.command()
@click.argument("sparql", required=False)
@click.option(
    "--file",
    "-f",
    "query_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Read the query from a file.",
)
@click.option("--saved", "-s", help="Run a saved query by name (see `kg queries`).")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Saved query parameter, bound as an RDF term.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
)
@store_option
@reports_errors
def query(
    sparql: str | None,
    query_file: Path | None,
    saved: str | None,
    params: tuple[str, ...],
    fmt: str,
    store_path: Path,
) -> None:
    """Run SPARQL over the union of all article graphs.

    Give the query inline, with --file, or name a saved one with --saved and its
    parameters with --param. JSON output is SPARQL 1.1 results JSON.
    """
    from kg.store.oxigraph import open_store
    from kg.store.queries import parse_params, run_saved, run_sparql

    given = [x for x in (sparql, query_file, saved) if x]
    if len(given) != 1:
        raise click.UsageError("give exactly one of: a SPARQL string, --file FILE, --saved NAME")
    if params and not saved:
        raise click.UsageError("--param goes with --saved")
    with open_store(store_path, read_only=True) as store:
        if saved:
            results = run_saved(store, saved, parse_params(params))
        else:
            text = query_file.read_text(encoding="utf-8") if query_file else str(sparql)
            results = run_sparql(store, text)
    print_results(results, fmt)


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def queries(fmt: str) -> None:
    """List the saved queries: name, parameters and what each answers."""
    from kg.store.queries import saved_queries

    items = list(saved_queries().values())
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "name": q.name,
                        "params": [p.name for p in q.params],
                        "description": q.description,
                    }
                    for q in items
                ],
                indent=2,
            )
        )
        return
    for q in items:
        params = " ".join(f"{p.name}=" for p in q.params)
        click.echo(f"{q.name}\t{params or '-'}\t{q.description}")
