"""`kg ingest`, `kg extract`, `kg remove`: articles into the store (or onto stdout), and out again."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kg.cli.app import (
    decisions_option,
    describe,
    main,
    make_read_options,
    make_settings,
    model_option,
    read_options,
    reports_errors,
    scheduler_option,
    store_option,
    terminal_safe,
)
from kg.cli.output import Column, format_option, print_record, print_records

if TYPE_CHECKING:
    from kg.ingest import ReadOptions
    from kg.settings import Settings

#: a table leaves out the title and the error (each error is printed as it happens)
OUTCOME_COLUMNS = [
    Column("status"),
    Column("source"),
    Column("statements"),
    Column("evidence"),
    Column("actors"),
]


@main.command()
@click.argument("paths", nargs=-1, required=True)
@store_option
@model_option
@decisions_option
@click.option("--force", is_flag=True, help="Re-extract articles even when unchanged.")
@click.option(
    "--workers", type=click.IntRange(1, 16), default=1, show_default=True, help="Parse processes."
)
@click.option(
    "--wait", is_flag=True, help="If another ingest is writing to the store, wait for it."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@scheduler_option
@format_option()
@read_options
@reports_errors
def ingest(
    paths: tuple[str, ...],
    store_path: Path,
    model: str | None,
    decisions_path: Path | None,
    force: bool,
    workers: int,
    wait: bool,
    quiet: bool,
    scheduler: str | None,
    fmt: str,
    **read: Any,
) -> None:
    """Read articles and merge them into the store.

    PATHS are files (.txt/.md with optional front matter, .html, .pdf, .jsonl), folders
    (walked recursively), URLs (fetched once and kept beside the store) or - for standard
    input. Each text becomes one named graph, committed with its provenance in one
    transaction; the same text from another file or outlet is recorded as another
    publication of it, not extracted again. Unchanged articles are skipped; unreadable ones
    are reported one per line and the rest still go in (exit code 1 if anything failed).

    Prints one record per article read (source, status: added, updated, copy, unchanged or
    failed, title, counts, error); the summary line goes to standard error.

    With --scheduler (or KG_SCHEDULER) the extraction runs on that Dask cluster; reading,
    the store and its links stay here, exactly as without it.
    """
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kg.cli.app import err_console  # made on first use: rich is slow to import
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
            name = escape(terminal_safe(Path(outcome.source).name))
            progress.update(task, advance=1, description=name)
            lines = [terminal_safe(f"Warning: {outcome.source}: {w}") for w in outcome.warnings]
            if outcome.status == "failed":
                error = f"{outcome.source}: {outcome.error}"
                lines.append(
                    terminal_safe("Error: " + describe(outcome.code or "E100", error, outcome.hint))
                )
            for line in lines:
                if show:
                    progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
                else:
                    click.echo(line, err=True)

        report = run_ingest(
            paths,
            make_settings(store_path, model=model, decisions=decisions_path, scheduler=scheduler),
            force=force,
            progress=on_article,
            options=options,
            workers=workers,
            wait=wait,
        )
    added = report.count("added")
    statements = sum(o.statements for o in report.outcomes)
    evidence = sum(o.evidence for o in report.outcomes)
    copies = report.count("copy")  # a text already stored from another source: one more publication
    also = f"{copies} copies of stored texts, " if copies else ""
    print_records(
        report.outcomes,
        fmt,
        columns=OUTCOME_COLUMNS if fmt == "table" else None,
        summary=f"{added} added, {report.count('updated')} updated, {also}"
        f"{report.count('unchanged')} unchanged, {len(report.failed)} failed; "
        f"{statements} statements, {evidence} evidence items -> {store_path}",
    )
    if report.legacy:
        click.echo(
            f"Note: {report.legacy} articles in the store were written before articles were "
            "identified by their text; ingest their sources again to migrate them "
            "(`kg validate` names them)",
            err=True,
        )
    if not report.ok:
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True)
@format_option(
    "jsonl",
    "json",
    default="jsonl",
    help="jsonl (one object per line) or json (one array); an extraction is nested, so it has "
    "no table, csv or tsv form.",
)
@model_option
@scheduler_option
@click.option(
    "--output",
    "output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write N-Quads shards to this folder (registry.nq, part-00000.nq, ...) for "
    "`kg import DIR`, `oxigraph load` or QLever, instead of JSON on standard output.",
)
@click.option(
    "--per-shard",
    type=click.IntRange(1),
    default=1000,
    show_default=True,
    help="Articles per shard (with --output).",
)
@click.option(
    "--workers", type=click.IntRange(1, 16), default=1, show_default=True, help="Parse processes."
)
@read_options
@reports_errors
def extract(
    files: tuple[str, ...],
    fmt: str,
    model: str | None,
    scheduler: str | None,
    output: Path | None,
    per_shard: int,
    workers: int,
    **read: Any,
) -> None:
    """Print what is extracted from articles, without touching the store.

    One JSON object per article: file, article metadata, actors with mentions,
    claims with claimer, cue, stance and evidence ids, and evidence. Offsets are
    code points into the text exactly as read from the file. Output is JSON only
    (jsonl or json), printed as each article is done.

    With --output DIR, writes instead what an ingest into an empty store would hold, as
    N-Quads shards (one text's graph whole in one shard) for `kg import DIR` or a production
    store's bulk loader; the summary line goes to standard error. With --scheduler (or
    KG_SCHEDULER) the extraction runs on that Dask cluster.
    """
    from kg.errors import InputError
    from kg.jsonout import extraction_to_dict
    from kg.model import ExtractionFailed
    from kg.pipeline import extract_paths

    settings = make_settings(model=model, scheduler=scheduler)
    options = make_read_options(**read)
    if output is not None:
        _extract_shards(files, settings, output, per_shard, workers, options)
        return
    failed = False

    def records() -> Iterator[dict[str, Any]]:
        nonlocal failed
        for item in extract_paths(files, settings, options=options, workers=workers):
            if isinstance(item, InputError):
                click.echo(terminal_safe(f"Error: {item.source}: {item.reason}"), err=True)
                failed = True
                continue
            if isinstance(item, ExtractionFailed):
                error = f"{item.article.source}: {item.message}"
                line = "Error: " + describe(item.code, error, item.hint)
                click.echo(terminal_safe(line), err=True)
                failed = True
                continue
            for warning in item.warnings:
                click.echo(terminal_safe(f"Warning: {item.article.source}: {warning}"), err=True)
            yield extraction_to_dict(item)

    print_records(records(), fmt)
    if failed:
        sys.exit(1)


def _extract_shards(
    files: tuple[str, ...],
    settings: Settings,
    output: Path,
    per_shard: int,
    workers: int,
    options: ReadOptions,
) -> None:
    """`kg extract --output DIR`: the shards, a line per failure, a summary on stderr."""
    from kg.shards import ShardOutcome, write_shards

    def on_source(outcome: ShardOutcome) -> None:
        for warning in outcome.warnings:
            click.echo(terminal_safe(f"Warning: {outcome.source}: {warning}"), err=True)
        if outcome.status == "failed":
            error = f"{outcome.source}: {outcome.error}"
            line = "Error: " + describe(outcome.code or "E100", error, outcome.hint)
            click.echo(terminal_safe(line), err=True)

    report = write_shards(
        files,
        settings,
        output,
        per_shard=per_shard,
        options=options,
        workers=workers,
        progress=on_source,
    )
    click.echo(
        f"{report.count('extracted')} articles extracted, {report.count('copy')} copies, "
        f"{len(report.failed)} failed; {report.quads} quads in {len(report.shards)} files "
        f"-> {output}",
        err=True,
    )
    if report.failed:
        sys.exit(1)


@main.command()
@click.argument("article")
@store_option
@format_option()
@reports_errors
def remove(article: str, store_path: Path, fmt: str) -> None:
    """Remove an article's source (its file or source key), or a whole article (its text key).

    The article's graph, provenance and derived links go with its last source. Prints one
    report: the key removed and the claim links removed and added.
    """
    from kg.pipeline import remove_article
    from kg.store.oxigraph import open_store

    with open_store(store_path, create=False) as store:
        r = remove_article(store, article)
    print_record(
        {"key": r.key, "links_removed": r.links.removed, "links_added": r.links.added},
        fmt,
        sentence=f"removed {r.key}; links: {r.links.removed} removed, {r.links.added} added",
    )
