"""`kg viz`: the interactive HTML view."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kg.cli.app import (
    main,
    reports_errors,
    store_option,
)


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
    from kg.graph.projection import build_graph
    from kg.graph.views import select_view
    from kg.store.oxigraph import open_store
    from kg.viz.html import write_html

    with open_store(store_path, read_only=True) as store:
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
