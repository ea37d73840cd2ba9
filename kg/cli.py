"""The `kg` command line: each command calls one library function and prints its result."""

from __future__ import annotations

import csv
import datetime as dt
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


def print_results(results: Results, fmt: str) -> None:
    if results.triples is not None:
        click.echo(results.triples, nl=False)
        return
    if fmt == "json":
        from kg.results import sparql_json

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
@click.option(
    "--rank", type=click.IntRange(0), default=0, help="Also rank the top N actors (analytics)."
)
@reports_errors
def stats(store_path: Path, fmt: str, rank: int) -> None:
    """Counts of what the store holds: quads, articles, statements, claims, actors, evidence.

    With --rank N: actors ranked by statements made, claims about them and centrality, and
    the communities of actors who make or share claims (printed after the counts).
    """
    from dataclasses import asdict

    from kg.store import open_store

    if rank:
        print_analytics(store_path, rank, fmt)
        return
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
    type=click.Choice(["nquads", "trig", "turtle", "ntriples", "jsonld", "gexf", "graphml"]),
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
    """Write the graph for a production triplestore: N-Quads/TriG keep the named graphs.

    gexf/graphml write the actor-claim network for Gephi and other graph tools (needs -o).
    """
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


# --- serve, import, push (SPARQL for analysts and production stores) -----------------------------


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7879, show_default=True)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1),
    default=30.0,
    show_default=True,
    help="Seconds per query.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(1),
    default=100_000,
    show_default=True,
    help="Row cap per query.",
)
@click.option("--allow-update", is_flag=True, help="Accept SPARQL UPDATE (needs --token).")
@click.option(
    "--token",
    envvar="KG_SERVE_TOKEN",
    help="Bearer token UPDATE requests must carry (KG_SERVE_TOKEN).",
)
@click.option("--verbose", "-v", is_flag=True, help="Log every request.")
@reports_errors
def serve(
    store_path: Path,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    allow_update: bool,
    token: str | None,
    verbose: bool,
) -> None:
    """SPARQL 1.1 endpoint at /sparql, saved queries at /queries/NAME, a query page at /.

    Read-only by default, so `kg ingest` can keep adding articles to the same store while
    it serves (each article shows up whole). --allow-update opens the store for writing
    (ingest must wait) and accepts UPDATE only with 'Authorization: Bearer TOKEN'.
    """
    from kg.serve import ServeConfig, make_server

    config = ServeConfig(
        store_path, host, port, timeout, max_rows, allow_update=allow_update, token=token
    )
    if allow_update and not token:
        raise click.UsageError("--allow-update needs --token (or KG_SERVE_TOKEN)")
    server = make_server(config, verbose=verbose)
    bound_host, bound_port = str(server.server_address[0]), server.server_address[1]
    mode = "read-write (UPDATE with token)" if allow_update else "read-only"
    click.echo(f"kg serve: http://{bound_host}:{bound_port}/ ({mode}); Ctrl-C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["nquads", "trig", "turtle", "ntriples", "jsonld", "rdfxml"]),
    help="RDF format (default: from the file extension).",
)
@click.option("--graph", help="Named graph IRI for the triples of a triple format.")
@reports_errors
def import_(file: Path, store_path: Path, fmt: str | None, graph: str | None) -> None:
    """Load an RDF file (e.g. a `kg export`) into the store with the bulk loader."""
    from kg.export import import_file
    from kg.store import open_store

    with open_store(store_path) as store:
        added = import_file(store, file, fmt, graph)
        total = len(store)
    click.echo(f"{added} quads added from {file}; the store holds {total} -> {store_path}")


@main.command()
@store_option
@click.option(
    "--endpoint",
    required=True,
    help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph).",
)
@click.option("--graph", "graphs", multiple=True, help="Only this named graph (repeatable).")
@click.option("--retries", type=click.IntRange(0), default=3, show_default=True)
@click.option(
    "--token", envvar="KG_PUSH_TOKEN", help="Bearer token for the endpoint (KG_PUSH_TOKEN)."
)
@reports_errors
def push(
    store_path: Path, endpoint: str, graphs: tuple[str, ...], retries: int, token: str | None
) -> None:
    """PUT each named graph to a triplestore (SPARQL 1.1 Graph Store HTTP Protocol).

    PUT replaces a graph, so pushing again updates rather than duplicates.
    """
    from kg.push import push as run_push
    from kg.store import open_store

    with open_store(store_path, create=False) as store:
        report = run_push(
            store, endpoint, graphs=list(graphs) or None, token=token, retries=retries
        )
    for graph, reason in report.failed:
        click.echo(f"Error: {graph}: {reason}", err=True)
    click.echo(
        f"{report.graphs} graphs ({report.triples} triples) pushed to {report.endpoint}, "
        f"{len(report.failed)} failed, {report.retries} retries"
    )
    if not report.ok:
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
@click.option(
    "--focus", help="Only what this actor (name or alias) says and what is said about it."
)
@click.option(
    "--depth",
    type=click.IntRange(1, 6),
    default=1,
    show_default=True,
    help="With --focus: 2 adds what the actors met at depth 1 say and have said about them.",
)
@click.option("--topic", help="Only statements on a topic (see the page's Topic filter) or words.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only articles from this date.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Only articles up to this date.")
@click.option(
    "--top", type=click.IntRange(1), help="Only the N most important actors and their statements."
)
@click.option(
    "--max-nodes",
    type=click.IntRange(10),
    default=2000,
    show_default=True,
    help="A larger view is cut to the most important actors that fit, with a note in the page.",
)
@click.option("--title", default="kg: who claims what", show_default=True)
@reports_errors
def viz(
    store_path: Path,
    output: Path,
    focus: str | None,
    depth: int,
    topic: str | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    top: int | None,
    max_nodes: int,
    title: str,
) -> None:
    """Write a self-contained interactive HTML graph that opens offline."""
    from kg.graph import build_graph
    from kg.store import open_store
    from kg.views import select_view
    from kg.viz import write_html

    with open_store(store_path, create=False) as store:
        graph = build_graph(store)
    view = select_view(
        graph,
        focus_on=focus,
        depth=depth,
        topic=topic,
        since=since.date() if since else None,
        until=until.date() if until else None,
        top_n=top,
        max_nodes=max_nodes,
    )
    result = write_html(view.graph, output, title=title, scope=view.scope, note=view.note)
    if view.note:
        click.echo(f"Note: {view.note}", err=True)
    click.echo(f"{result.nodes} nodes, {result.edges} edges -> {result.path} ({view.scope})")


# --- one graph across sources: actors, merges, removal, analytics (issue 5) -----------------------


def decisions_option(f: F) -> F:
    return click.option(
        "--decisions",
        "decisions_path",
        envvar="KG_DECISIONS",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Analyst decisions file (default ontology/decisions.toml; also KG_DECISIONS).",
    )(f)


def _decisions(path: Path | None) -> Any:
    from kg.resolve import Decisions

    return Decisions.load(path)


@main.command()
@store_option
@decisions_option
@click.option("--suspect", is_flag=True, help="Show pairs of actors that are likely the same.")
@click.option("--top", type=click.IntRange(1), help="Only the first N actors.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@reports_errors
def actors(
    store_path: Path, decisions_path: Path | None, suspect: bool, top: int | None, fmt: str
) -> None:
    """List actors with aliases, mention counts and how each alias was resolved."""
    from dataclasses import asdict

    from kg.actors import list_actors, suspects
    from kg.store import open_store

    with open_store(store_path, create=False) as store:
        if suspect:
            pairs = suspects(store, _decisions(decisions_path))[:top]
            if fmt == "json":
                click.echo(json.dumps([asdict(p) for p in pairs], ensure_ascii=False, indent=2))
            for p in pairs if fmt == "table" else []:
                click.echo(f"{p.a.id}\t{p.b.id}\t{p.reason} ({p.score:.0f})")
            return
        items = list_actors(store)[:top]
    if fmt == "json":
        click.echo(json.dumps([asdict(a) for a in items], ensure_ascii=False, indent=2))
        return
    for a in items:
        forms = "; ".join(f"{x.form} x{x.mentions} [{x.method}]" for x in a.aliases)
        click.echo(
            f"{a.id}\t{a.label}\t{a.kind}\t{a.mentions} mentions, {a.articles} articles, "
            f"{a.statements} statements\t{forms}"
        )


@main.command()
@click.argument("keep")
@click.argument("other")
@store_option
@decisions_option
@click.option("--note", default="", help="Why: kept with the decision.")
@reports_errors
def merge(keep: str, other: str, store_path: Path, decisions_path: Path | None, note: str) -> None:
    """Record that OTHER is the same actor as KEEP (ids, labels or aliases) and apply it."""
    from kg.actors import merge as merge_actors
    from kg.store import open_store

    with open_store(store_path, create=False) as store:
        r = merge_actors(store, keep, other, _decisions(decisions_path), note)
    click.echo(
        f"{r.other} -> {r.keep}; {r.graphs} article graphs rewritten; recorded in {r.decisions}"
    )


@main.command()
@click.argument("a")
@click.argument("b")
@store_option
@decisions_option
@reports_errors
def split(a: str, b: str, store_path: Path, decisions_path: Path | None) -> None:
    """Record that actors A and B are distinct (undoing a merge); later ingests keep them apart."""
    from kg.actors import split as split_actors
    from kg.store import open_store

    with open_store(store_path, create=False) as store:
        r = split_actors(store, a, b, _decisions(decisions_path))
    click.echo(f"{r.keep} and {r.other} kept apart; recorded in {r.decisions}")
    if r.reingest:
        click.echo("re-ingest these articles with --force to apply it:")
        for key in r.reingest:
            click.echo(f"  {key}")


@main.command()
@click.argument("article")
@store_option
@reports_errors
def remove(article: str, store_path: Path) -> None:
    """Remove an article (its file or source key): its graph, provenance and derived links."""
    from kg.remove import remove_article
    from kg.store import open_store

    with open_store(store_path, create=False) as store:
        r = remove_article(store, article)
    click.echo(f"removed {r.key}; links: {r.links.removed} removed, {r.links.added} added")


@main.command()
@click.argument("actor")
@store_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@reports_errors
def timeline(actor: str, store_path: Path, fmt: str) -> None:
    """An actor's statements by date, with stance (the actor by id, name or alias)."""
    from dataclasses import asdict

    from kg.analytics import timeline as actor_timeline
    from kg.store import open_store

    with open_store(store_path, create=False) as store:
        label, entries = actor_timeline(store, actor)
    if fmt == "json":
        click.echo(json.dumps({"actor": label, "statements": [asdict(e) for e in entries]}))
        return
    click.echo(f"{label}: {len(entries)} statements")
    for e in entries:
        hedge = ", hedged" if e.hedged else ""
        click.echo(f"{e.date or '?':<10}  {e.stance}{hedge}  {e.text}  ({e.outlet})")


def print_analytics(store_path: Path, top: int, fmt: str) -> None:
    """`kg stats --rank N`: actors ranked by statements made, claims about them, centrality."""
    from dataclasses import asdict

    from kg.analytics import analyse
    from kg.store import open_store

    with open_store(store_path, create=False) as store:
        result = analyse(store, top)
    if fmt == "json":
        click.echo(json.dumps(asdict(result), ensure_ascii=False))
        return
    click.echo(f"{'actor':<40} {'kind':<16} said  about  centrality  community")
    for r in result.ranking:
        click.echo(
            f"{r.label[:40]:<40} {r.kind:<16} {r.statements:>4}  {r.claims_about:>5}"
            f"  {r.centrality:>10.4f}  {r.community:>9}"
        )
    for i, comm in enumerate(result.communities[:5]):
        names = ", ".join(result.labels[a] for a in comm[:12])
        click.echo(f"community {i}: {names}{' ...' if len(comm) > 12 else ''}")


# --- eval ----------------------------------------------------------------------------------------


@main.command("eval")
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(path_type=Path),
    help="Gold attributions in brat standoff (DIR/text/*.txt, DIR/attributions/*.ann): "
    "score claims and claimers.",
)
@click.option(
    "--gold-webis",
    "gold_webis",
    type=click.Path(file_okay=False, path_type=Path),
    help="Webis editorials folder: score evidence kinds and author claims.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--model", envvar="KG_SPACY_MODEL", help="Installed spaCy pipeline to use.")
@reports_errors
def eval_(gold_dir: Path | None, gold_webis: Path | None, fmt: str, model: str | None) -> None:
    """Score extraction against gold annotations.

    --gold: claim content P/R/F1, claimer accuracy on matched claims, joint claim+claimer
    F1 and cue F1 (PolNeAR layout). --gold-webis: P/R/F1 per evidence kind and for the
    author's claims (Webis editorials layout).
    """
    if gold_dir is None and gold_webis is None:
        raise click.UsageError("give a gold folder: --gold DIR (attributions) or --gold-webis DIR")
    if gold_dir is not None:
        from kg.evaluate.polnear import evaluate_polnear
        from kg.evaluate.polnear import format_report as format_polnear

        report = evaluate_polnear(gold_dir, model=model)
        click.echo(
            json.dumps(report.as_dict(), indent=2) if fmt == "json" else format_polnear(report)
        )
    if gold_webis is not None:
        from kg.evaluate.webis import evaluate_webis
        from kg.evaluate.webis import format_report as format_webis
        from kg.extract import load_nlp

        webis = evaluate_webis(gold_webis, load_nlp(model))
        click.echo(json.dumps(webis.as_dict(), indent=2) if fmt == "json" else format_webis(webis))


if __name__ == "__main__":  # pragma: no cover
    main()
