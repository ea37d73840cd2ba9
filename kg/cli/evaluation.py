"""`kg eval`: extraction scored against gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli.app import (
    main,
    make_settings,
    model_option,
    reports_errors,
)

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
@model_option
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

        report = evaluate_polnear(gold_dir, make_settings(model=model))
        click.echo(
            json.dumps(report.as_dict(), indent=2) if fmt == "json" else format_polnear(report)
        )
    if gold_webis is not None:
        from kg.evaluate.webis import evaluate_webis
        from kg.evaluate.webis import format_report as format_webis

        webis = evaluate_webis(gold_webis, make_settings(model=model))
        click.echo(json.dumps(webis.as_dict(), indent=2) if fmt == "json" else format_webis(webis))
