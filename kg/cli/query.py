"""`kg query` and `kg queries`: SPARQL over the store, saved analyst queries."""

from __future__ import annotations

from pathlib import Path

import click

# --- query ---------------------------------------------------------------------------------------
from kg.cli.app import (
    main,
    reports_errors,
    store_option,
)
from kg.cli.output import Column, format_option, print_records, print_results


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
@format_option()
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
    parameters with --param. csv, tsv and json are the SPARQL 1.1 result formats, the same
    bytes `kg serve` answers with; jsonl is one SPARQL JSON binding per line.
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
@format_option()
def queries(fmt: str) -> None:
    """List the saved queries: name, parameters and what each answers."""
    from kg.store.queries import saved_queries

    print_records(
        [
            {"name": q.name, "params": [p.name for p in q.params], "description": q.description}
            for q in saved_queries().values()
        ],
        fmt,
        columns=[
            Column("name"),
            Column("params", lambda q: " ".join(f"{p}=" for p in q["params"]) or "-"),
            Column("description", wrap=True),
        ],
    )
