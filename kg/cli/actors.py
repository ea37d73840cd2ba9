"""`kg actors`, `kg merge`, `kg split`, `kg timeline`: one actor per real entity, reviewed by an analyst."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kg.cli.app import (
    decisions_option,
    main,
    make_settings,
    reports_errors,
    store_option,
)
from kg.cli.output import Column, format_option, print_record, print_records


def _aliases(actor: dict[str, Any]) -> list[str]:
    return [f"{x['form']} x{x['mentions']} [{x['method']}]" for x in actor["aliases"]]


ACTOR_COLUMNS = [
    Column("id"),
    Column("label"),
    Column("kind"),
    Column("mentions"),
    Column("articles"),
    Column("statements"),
    Column("aliases", _aliases, wrap=True),
]
SUSPECT_COLUMNS = [
    Column("a", lambda p: p["a"]["id"]),
    Column("b", lambda p: p["b"]["id"]),
    Column("reason"),
    Column("score", lambda p: round(p["score"])),
    Column("evidence", wrap=True),
]


@main.command()
@store_option
@decisions_option
@click.option("--suspect", is_flag=True, help="Show pairs of actors that are likely the same.")
@click.option("--top", type=click.IntRange(1), help="Only the first N actors.")
@format_option()
@reports_errors
def actors(
    store_path: Path, decisions_path: Path | None, suspect: bool, top: int | None, fmt: str
) -> None:
    """List actors with aliases, mention counts and how each alias was resolved.

    One record per actor (id, label, kind, mentions, articles, statements, aliases with the
    form, mentions and method of each); with --suspect one per likely pair (a, b, reason,
    score), the actors in full in json and jsonl.
    """
    from dataclasses import asdict

    from kg.resolve.review import list_actors, suspects
    from kg.store.oxigraph import open_store

    def record(actor: Any) -> dict[str, Any]:
        return {**asdict(actor), "mentions": actor.mentions}

    with open_store(store_path, read_only=True) as store:
        if suspect:
            decisions = make_settings(store_path, decisions=decisions_path).decisions()
            pairs = suspects(store, decisions)[:top]
            print_records(
                [{**asdict(p), "a": record(p.a), "b": record(p.b)} for p in pairs],
                fmt,
                columns=SUSPECT_COLUMNS,
            )
            return
        items = list_actors(store)[:top]
    print_records([record(a) for a in items], fmt, columns=ACTOR_COLUMNS)


@main.command()
@click.argument("keep")
@click.argument("other")
@store_option
@decisions_option
@click.option("--note", default="", help="Why: kept with the decision.")
@format_option()
@reports_errors
def merge(
    keep: str, other: str, store_path: Path, decisions_path: Path | None, note: str, fmt: str
) -> None:
    """Record that OTHER is the same actor as KEEP (ids, labels or aliases) and apply it.

    Prints one report: the ids kept and merged, the article graphs rewritten and the files
    the decision was recorded in.
    """
    from kg.resolve.review import merge as merge_actors
    from kg.store.oxigraph import open_store

    with open_store(store_path, create=False) as store:
        settings = make_settings(store_path, decisions=decisions_path)
        r = merge_actors(store, keep, other, settings, note)
    print_record(
        r,
        fmt,
        sentence=f"{r.other} -> {r.keep}; {r.graphs} article graphs rewritten; "
        f"recorded in {', '.join(r.decisions)}",
    )


@main.command()
@click.argument("a")
@click.argument("b")
@store_option
@decisions_option
@format_option()
@reports_errors
def split(a: str, b: str, store_path: Path, decisions_path: Path | None, fmt: str) -> None:
    """Record that actors A and B are distinct (undoing a merge); later ingests keep them apart.

    Prints one report: the two ids, the files the decision was recorded in and the articles
    to re-ingest with --force (reingest).
    """
    from kg.resolve.review import split as split_actors
    from kg.store.oxigraph import open_store

    with open_store(store_path, create=False) as store:
        r = split_actors(store, a, b, make_settings(store_path, decisions=decisions_path))
    lines = [f"{r.keep} and {r.other} kept apart; recorded in {', '.join(r.decisions)}"]
    if r.reingest:
        lines.append("re-ingest these articles with --force to apply it:")
        lines += [f"  {key}" for key in r.reingest]
    print_record(r, fmt, sentence=lines)


@main.command()
@click.argument("actor")
@store_option
@format_option()
@reports_errors
def timeline(actor: str, store_path: Path, fmt: str) -> None:
    """An actor's statements by date, with stance (the actor by id, name or alias).

    One record per statement: actor, date, stance, hedged, text, outlet, headline.
    """
    from dataclasses import asdict

    from kg.graph.timeline import timeline as actor_timeline
    from kg.store.oxigraph import open_store

    with open_store(store_path, read_only=True) as store:
        label, entries = actor_timeline(store, actor, make_settings(store_path).gazetteer())
    print_records(
        [{"actor": label, **asdict(e)} for e in entries],
        fmt,
        columns=TIMELINE_COLUMNS if fmt == "table" else None,
        title=f"{label}: {len(entries)} statements",
    )


#: a table shows the date (? when unknown), the stance with ", hedged", the text and the outlet
TIMELINE_COLUMNS = [
    Column("date", lambda e: e["date"] or "?"),
    Column("stance", lambda e: e["stance"] + (", hedged" if e["hedged"] else "")),
    Column("text", wrap=True),
    Column("outlet", wrap=True),
]
