"""`kg actors`, `kg merge`, `kg split`, `kg timeline`: one actor per real entity, reviewed by an analyst."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli.app import (
    decisions_option,
    main,
    make_settings,
    reports_errors,
    store_option,
)


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

    from kg.resolve.review import list_actors, suspects
    from kg.store.oxigraph import open_store

    with open_store(store_path, read_only=True) as store:
        if suspect:
            pairs = suspects(
                store, make_settings(store_path, decisions=decisions_path).decisions()
            )[:top]
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
    from kg.resolve.review import merge as merge_actors
    from kg.store.oxigraph import open_store

    with open_store(store_path, create=False) as store:
        settings = make_settings(store_path, decisions=decisions_path)
        r = merge_actors(store, keep, other, settings, note)
    click.echo(
        f"{r.other} -> {r.keep}; {r.graphs} article graphs rewritten; recorded in {', '.join(r.decisions)}"
    )


@main.command()
@click.argument("a")
@click.argument("b")
@store_option
@decisions_option
@reports_errors
def split(a: str, b: str, store_path: Path, decisions_path: Path | None) -> None:
    """Record that actors A and B are distinct (undoing a merge); later ingests keep them apart."""
    from kg.resolve.review import split as split_actors
    from kg.store.oxigraph import open_store

    with open_store(store_path, create=False) as store:
        r = split_actors(store, a, b, make_settings(store_path, decisions=decisions_path))
    click.echo(f"{r.keep} and {r.other} kept apart; recorded in {', '.join(r.decisions)}")
    if r.reingest:
        click.echo("re-ingest these articles with --force to apply it:")
        for key in r.reingest:
            click.echo(f"  {key}")


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

    from kg.graph.analytics import timeline as actor_timeline
    from kg.store.oxigraph import open_store

    with open_store(store_path, read_only=True) as store:
        label, entries = actor_timeline(store, actor, make_settings(store_path).gazetteer())
    if fmt == "json":
        click.echo(json.dumps({"actor": label, "statements": [asdict(e) for e in entries]}))
        return
    click.echo(f"{label}: {len(entries)} statements")
    for e in entries:
        hedge = ", hedged" if e.hedged else ""
        click.echo(f"{e.date or '?':<10}  {e.stance}{hedge}  {e.text}  ({e.outlet})")
