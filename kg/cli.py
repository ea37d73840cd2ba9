"""The `kg` command line: each command calls one library function and prints its result."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from kg import __version__
from kg.errors import KGError
from kg.store import Cell, Results

DEFAULT_STORE = "output/store"
F = TypeVar("F", bound=Callable[..., Any])

err_console = Console(stderr=True)


def store_option(f: F) -> F:
    return click.option(
        "--store",
        "store_path",
        envvar="KG_STORE",
        default=DEFAULT_STORE,
        show_default=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="Store directory (also KG_STORE).",
    )(f)


def reports_errors(f: F) -> F:
    """Print a KGError as one clear line on stderr and exit 1, never a traceback."""

    @wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except KGError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg: turn articles about AI geopolitics into a knowledge graph of who claims what,
    about whom, on what evidence, and where it was said."""


# --- ingest / extract ----------------------------------------------------------------------------


def read_options(f: F) -> F:
    """The options that say how to read articles."""
    options: list[Callable[[Any], Any]] = [
        click.option(
            "--include", multiple=True, metavar="GLOB", help="In folders, only matching files."
        ),
        click.option(
            "--exclude",
            multiple=True,
            metavar="GLOB",
            help="In folders, skip matching files/folders.",
        ),
        click.option(
            "--text-field",
            default="text",
            show_default=True,
            help="JSON Lines: field with the text.",
        ),
        click.option(
            "--field",
            "fields",
            multiple=True,
            metavar="KEY=NAME",
            help="JSON Lines: field NAME holds KEY (title, author, date, url, outlet, type, id).",
        ),
        click.option("--outlet", help="Outlet for every article read (overrides what is found)."),
        click.option(
            "--date", help="Date YYYY-MM-DD for every article read (overrides what is found)."
        ),
        click.option("--encoding", help="Read text files in this encoding instead of UTF-8."),
        click.option(
            "--any-language", is_flag=True, help="Do not refuse text that is not English."
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(0.1),
            default=20.0,
            show_default=True,
            help="URL fetch timeout, seconds.",
        ),
        click.option("--refetch", is_flag=True, help="Fetch URLs again even when already fetched."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def make_read_options(
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    text_field: str,
    fields: tuple[str, ...],
    outlet: str | None,
    date: str | None,
    encoding: str | None,
    any_language: bool,
    timeout: float,
    refetch: bool,
) -> Any:
    from kg.ingest import ReadOptions

    mapping = {}
    for pair in fields:
        key, sep, name = pair.partition("=")
        if not sep or not name:
            raise click.UsageError(f"--field {pair!r} is not KEY=NAME")
        mapping[key.strip()] = name.strip()
    return ReadOptions(
        include=include,
        exclude=exclude,
        text_field=text_field,
        fields=mapping,
        outlet=outlet,
        date=date,
        encoding=encoding,
        any_language=any_language,
        timeout=timeout,
        refetch=refetch,
        stdin=sys.stdin.buffer,
    )


@main.command()
@click.argument("paths", nargs=-1, required=True)
@store_option
@click.option("--model", envvar="KG_SPACY_MODEL", help="Installed spaCy pipeline to use.")
@click.option("--force", is_flag=True, help="Re-extract articles even when unchanged.")
@click.option(
    "--workers", type=click.IntRange(1, 16), default=1, show_default=True, help="Parse processes."
)
@click.option(
    "--wait", is_flag=True, help="If another ingest is writing to the store, wait for it."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@read_options
@reports_errors
def ingest(
    paths: tuple[str, ...],
    store_path: Path,
    model: str | None,
    force: bool,
    workers: int,
    wait: bool,
    quiet: bool,
    **read: Any,
) -> None:
    """Read articles and merge them into the store.

    PATHS are files (.txt/.md with optional front matter, .html, .pdf, .jsonl), folders
    (walked recursively), URLs (fetched once and kept beside the store) or - for standard
    input. Each article becomes one named graph, committed with its provenance in one
    transaction. Unchanged articles are skipped; unreadable ones are reported one per line
    and the rest still go in (exit code 1 if anything failed).
    """
    from kg.pipeline import ArticleOutcome
    from kg.pipeline import ingest as run_ingest

    options = make_read_options(**read)
    show = not quiet and err_console.is_terminal
    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=err_console,
        disable=not show,
        transient=True,
    )
    with progress:
        task = progress.add_task("", total=None)

        def on_article(outcome: ArticleOutcome) -> None:
            progress.update(task, advance=1, description=Path(outcome.source).name)
            if outcome.status == "failed":
                line = f"Error: {outcome.source}: {outcome.error}"
                if show:
                    progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
                else:
                    click.echo(line, err=True)

        report = run_ingest(
            paths,
            store_path,
            model=model,
            force=force,
            progress=on_article,
            options=options,
            workers=workers,
            wait=wait,
        )
    added = report.count("added")
    statements = sum(o.statements for o in report.outcomes)
    evidence = sum(o.evidence for o in report.outcomes)
    click.echo(
        f"{added} added, {report.count('updated')} updated, {report.count('unchanged')} unchanged, "
        f"{len(report.failed)} failed; {statements} statements, {evidence} evidence items -> {store_path}"
    )
    if not report.ok:
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True
)
@click.option("--model", envvar="KG_SPACY_MODEL", help="Installed spaCy pipeline to use.")
@reports_errors
def extract(files: tuple[str, ...], fmt: str, model: str | None) -> None:
    """Print what is extracted from articles, without touching the store.

    One JSON object per article: file, article metadata, actors with mentions,
    claims with claimer, cue, stance and evidence ids, and evidence. Offsets are
    code points into the text exactly as read from the file.
    """
    from kg.errors import InputError
    from kg.jsonout import extraction_to_dict
    from kg.pipeline import extract_paths

    records = []
    failed = False
    for item in extract_paths(files, model=model):
        if isinstance(item, InputError):
            click.echo(f"Error: {item.source}: {item.reason}", err=True)
            failed = True
            continue
        rec = extraction_to_dict(item)
        if fmt == "jsonl":
            click.echo(json.dumps(rec, ensure_ascii=False))
        else:
            records.append(rec)
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(1)


# --- query ---------------------------------------------------------------------------------------


def _cell_text(cell: Cell | None) -> str:
    return "" if cell is None else cell.value


def _sparql_json(results: Results) -> dict[str, Any]:
    if results.boolean is not None:
        return {"head": {}, "boolean": results.boolean}
    bindings = []
    for row in results.rows:
        b: dict[str, Any] = {}
        for var, cell in zip(results.variables, row, strict=True):
            if cell is None:
                continue
            term: dict[str, Any] = {"type": cell.kind, "value": cell.value}
            if cell.lang:
                term["xml:lang"] = cell.lang
            elif cell.datatype and cell.kind == "literal" and not cell.datatype.endswith("#string"):
                term["datatype"] = cell.datatype
            b[var] = term
        bindings.append(b)
    return {"head": {"vars": list(results.variables)}, "results": {"bindings": bindings}}


def print_results(results: Results, fmt: str) -> None:
    if results.triples is not None:
        click.echo(results.triples, nl=False)
        return
    if fmt == "json":
        click.echo(json.dumps(_sparql_json(results), ensure_ascii=False, indent=2))
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
        table.add_column(var, overflow="fold")
    for row in results.rows:
        table.add_row(*(_cell_text(c) for c in row))
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
    from kg.queries import parse_params, run_saved, run_sparql
    from kg.store import open_store

    given = [x for x in (sparql, query_file, saved) if x]
    if len(given) != 1:
        raise click.UsageError("give exactly one of: a SPARQL string, --file FILE, --saved NAME")
    if params and not saved:
        raise click.UsageError("--param goes with --saved")
    with open_store(store_path, create=False) as store:
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
    from kg.queries import saved_queries

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


# --- store ---------------------------------------------------------------------------------------


@main.command()
@store_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@reports_errors
def stats(store_path: Path, fmt: str) -> None:
    """Counts of what the store holds: quads, articles, statements, claims, actors, evidence."""
    from dataclasses import asdict

    from kg.store import open_store

    with open_store(store_path, create=False) as store:
        s = store.stats()
    if fmt == "json":
        click.echo(json.dumps(asdict(s)))
        return
    for key, value in asdict(s).items():
        click.echo(f"{key:>15}  {value}")


@main.command()
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["nquads", "trig", "turtle", "ntriples", "jsonld"]),
    default="nquads",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
@reports_errors
def export(store_path: Path, fmt: str, output: Path | None) -> None:
    """Write the graph for a production triplestore: N-Quads/TriG keep the named graphs."""
    from kg.export import export_to
    from kg.store import open_store

    with open_store(store_path, create=False) as store:
        export_to(store, output, fmt)


@main.command()
@store_option
@reports_errors
def validate(store_path: Path) -> None:
    """Check every article graph against the SHACL shapes (ontology/shapes.ttl)."""
    from kg.store import open_store
    from kg.validate import validate_store

    with open_store(store_path, create=False) as store:
        report = validate_store(store)
    for v in report.violations:
        click.echo(f"{v.graph}: {v.focus} {v.path}: {v.message}")
    click.echo(f"{report.graphs} article graphs checked, {len(report.violations)} violations")
    if not report.conforms:
        sys.exit(1)


@main.command()
@store_option
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("output/graph.html"),
    show_default=True,
)
@click.option("--focus", help="Only the neighbourhood of this actor (name or alias).")
@click.option(
    "--depth", type=click.IntRange(1, 6), default=2, show_default=True, help="Hops around --focus."
)
@click.option(
    "--top", type=click.IntRange(1), help="Only the N most connected actors and their statements."
)
@click.option("--title", default="kg: who claims what", show_default=True)
@reports_errors
def viz(
    store_path: Path, output: Path, focus: str | None, depth: int, top: int | None, title: str
) -> None:
    """Write a self-contained interactive HTML graph that opens offline."""
    from kg.graph import build_graph
    from kg.graph import focus as focus_graph
    from kg.graph import top as top_graph
    from kg.store import open_store
    from kg.viz import write_html

    with open_store(store_path, create=False) as store:
        graph = build_graph(store)
    if focus:
        graph = focus_graph(graph, focus, depth)
    if top:
        graph = top_graph(graph, top)
    output.parent.mkdir(parents=True, exist_ok=True)
    result = write_html(graph, output, title=title)
    click.echo(f"{result.nodes} nodes, {result.edges} edges -> {result.path}")


if __name__ == "__main__":  # pragma: no cover
    main()
