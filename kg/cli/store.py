"""`kg stats`, `kg export`, `kg import`, `kg push`, `kg validate`, `kg serve`: the store and its endpoints."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.app import (
    main,
    reports_errors,
    store_option,
    terminal_safe,
)
from kg.cli.output import Column, format_option, print_record, print_records

# --- store ---------------------------------------------------------------------------------------


@main.command()
@store_option
@format_option()
@click.option(
    "--rank", type=click.IntRange(0), default=0, help="Also rank the top N actors (analytics)."
)
@reports_errors
def stats(store_path: Path, fmt: str, rank: int) -> None:
    """Counts of what the store holds: quads, articles, statements, claims, actors, evidence.

    With --rank N: actors ranked by statements made, claims about them and centrality, and
    the communities of actors who make or share claims (one record per ranked actor, with
    the number of its community; a table lists the largest communities after the ranking).
    """
    from kg.store.oxigraph import open_store

    if rank:
        print_analytics(store_path, rank, fmt)
        return
    with open_store(store_path, read_only=True) as store:
        s = store.stats()
    print_record(s, fmt)


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
    from kg.graph.analytics import NETWORK_FORMATS, export_network
    from kg.store.oxigraph import open_store
    from kg.store.transfer import export_to

    with open_store(store_path, read_only=True) as store:
        if fmt in NETWORK_FORMATS:
            export_network(store, output, fmt)
        else:
            export_to(store, output, fmt)


@main.command()
@store_option
@format_option()
@reports_errors
def validate(store_path: Path, fmt: str) -> None:
    """Check every article graph against the SHACL shapes (ontology/shapes.ttl), and the
    links graph against the claims in the store.

    One record per violation (graph, focus node, path, message); the count of graphs checked
    and of violations goes to standard error. Exit code 1 if anything is violated.
    """
    from kg.links.refresh import check_links
    from kg.rdf.ontology import LINKS_GRAPH
    from kg.rdf.shacl import Violation, validate_store
    from kg.store.oxigraph import open_store

    with open_store(store_path, read_only=True) as store:
        report = validate_store(store)
        links = check_links(store)
    violations = list(report.violations)
    if not links.ok:
        message = (
            f"out of date: {links.missing} links missing, {links.stale} links no claims support "
            "(an interrupted ingest or remove); the next kg ingest or kg remove rebuilds it"
        )
        violations.append(Violation(str(LINKS_GRAPH), str(LINKS_GRAPH), "", message))
    print_records(
        violations,
        fmt,
        columns=[Column("graph"), Column("focus"), Column("path"), Column("message", wrap=True)],
        summary=f"{report.graphs} article graphs checked, {len(violations)} violations",
    )
    if violations:
        sys.exit(1)


# --- serve, import, push (SPARQL for analysts and production stores) -----------------------------


@main.command()
@store_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; any but a loopback one opens the endpoint to the network.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=7879, show_default=True)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1),
    default=30.0,
    show_default=True,
    help="Seconds per query; then it is stopped (its worker process killed).",
)
@click.option(
    "--max-rows",
    type=click.IntRange(1),
    default=100_000,
    show_default=True,
    help="Row cap per query.",
)
@click.option(
    "--max-response",
    type=click.IntRange(1),
    default=64,
    show_default=True,
    metavar="MB",
    help="Size cap of one response (bounds a single huge GROUP_CONCAT row too).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=16,
    show_default=True,
    help="Queries that may run at once, each in its own process.",
)
@click.option(
    "--query-memory",
    type=click.IntRange(16),
    default=512,
    show_default=True,
    metavar="MB",
    help="Memory one query may use before it is stopped.",
)
@click.option(
    "--total-memory",
    type=click.IntRange(16),
    default=2048,
    show_default=True,
    metavar="MB",
    help="Memory all running queries may use together; past it the largest is stopped.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Allow federated SERVICE and LOAD (the endpoint then sends requests where a query says).",
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
    max_response: int,
    workers: int,
    query_memory: int,
    total_memory: int,
    allow_service: bool,
    allow_update: bool,
    token: str | None,
    verbose: bool,
) -> None:
    """SPARQL 1.1 endpoint at /sparql, saved queries at /queries/NAME, a query page at /.

    Read-only by default, so `kg ingest` can keep adding articles to the same store while
    it serves (each article shows up whole). Each query runs in a worker process that is
    killed at --timeout or past its memory cap; SERVICE and LOAD are refused unless
    --allow-service. --allow-update opens the store for writing (ingest must wait) and
    accepts UPDATE only with 'Authorization: Bearer TOKEN'.
    """
    from kg.serve.endpoint import ServeConfig
    from kg.serve.http import is_loopback, make_server

    mb = 1024 * 1024
    config = ServeConfig(
        store_path,
        host,
        port,
        timeout,
        max_rows,
        workers=workers,
        allow_update=allow_update,
        token=token,
        allow_service=allow_service,
        max_response=max_response * mb,
        query_memory=query_memory * mb,
        total_memory=total_memory * mb,
    )
    if allow_update and not token:
        raise click.UsageError("--allow-update needs --token (or KG_SERVE_TOKEN)")
    server = make_server(config, verbose=verbose)
    bound_host, bound_port = str(server.server_address[0]), server.server_address[1]
    mode = "read-write (UPDATE with token)" if allow_update else "read-only"
    if not is_loopback(host):
        click.echo(
            f"Warning: kg serve listens on {host}: anyone who can reach this machine can "
            "query the store, and the Host header is not checked",
            err=True,
        )
    if allow_service:
        click.echo(
            "Warning: --allow-service: queries can make this server send requests to any "
            "address it can reach, including this machine's own ports",
            err=True,
        )
    click.echo(f"kg serve: http://{bound_host}:{bound_port}/ ({mode}); Ctrl-C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command(name="import")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
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
    """Load an RDF file (e.g. a `kg export`) into the store with the bulk loader.

    FILE may be a folder of N-Quads shards (`kg extract --output DIR`): every shard is
    loaded, then the claim links are computed in one pass over the store.
    """
    from kg.pipeline import import_file, import_folder
    from kg.store.oxigraph import open_store

    with open_store(store_path) as store:
        if file.is_dir():
            done = import_folder(store, file)
            total = len(store)
            click.echo(
                f"{done.quads} quads added from {len(done.files)} files in {file}; "
                f"links: {done.links.same} same, {done.links.contradicts} contradicts; "
                f"the store holds {total} -> {store_path}"
            )
            return
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
@format_option()
@reports_errors
def push(
    store_path: Path,
    endpoint: str,
    graphs: tuple[str, ...],
    retries: int,
    token: str | None,
    fmt: str,
) -> None:
    """PUT each named graph to a triplestore (SPARQL 1.1 Graph Store HTTP Protocol).

    PUT replaces a graph, so pushing again updates rather than duplicates. Prints one report
    (endpoint, graphs and triples pushed, retries, the graphs that failed and why).
    """
    from kg.store.oxigraph import open_store
    from kg.store.transfer import push as run_push

    with open_store(store_path, read_only=True) as store:
        report = run_push(
            store, endpoint, graphs=list(graphs) or None, token=token, retries=retries
        )
    for graph, reason in report.failed:
        click.echo(terminal_safe(f"Error: {graph}: {reason}"), err=True)
    if report.stopped:
        click.echo(
            terminal_safe(f"Error: {report.stopped}; {report.not_sent} graphs not sent"), err=True
        )
    print_record(
        {
            "endpoint": report.endpoint,
            "graphs": report.graphs,
            "triples": report.triples,
            "retries": report.retries,
            "not_sent": report.not_sent,
            "failed": [{"graph": g, "reason": r} for g, r in report.failed],
        },
        fmt,
        sentence=f"{report.graphs} graphs ({report.triples} triples) pushed to "
        f"{report.endpoint}, {len(report.failed)} failed, {report.not_sent} not sent, "
        f"{report.retries} retries",
        columns=[
            Column("endpoint"),
            Column("graphs"),
            Column("triples"),
            Column("retries"),
            Column("not_sent", header="not sent"),
            Column(
                "failed",
                lambda r: [f"{f['graph']}: {f['reason']}" for f in r["failed"]],
                wrap=True,
            ),
        ],
    )
    if not report.ok:
        sys.exit(1)


def print_analytics(store_path: Path, top: int, fmt: str) -> None:
    """`kg stats --rank N`: actors ranked by statements made, claims about them, centrality."""
    from kg.graph.analytics import analyse
    from kg.store.oxigraph import open_store

    with open_store(store_path, read_only=True) as store:
        result = analyse(store, top)
    communities = []
    for i, comm in enumerate(result.communities[:5]):
        names = ", ".join(result.labels[a] for a in comm[:12])
        communities.append(f"community {i}: {names}{' ...' if len(comm) > 12 else ''}")
    print_records(
        result.ranking,
        fmt,
        columns=[
            Column("id"),
            Column("label", header="actor", wrap=True),
            Column("kind"),
            Column("statements", header="said"),
            Column("claims_about", header="about"),
            Column("centrality"),
            Column("community"),
        ],
        footer=communities,
    )
