"""`kg eval`: extraction scored against gold annotations."""

from __future__ import annotations

import dataclasses
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
    "--train-outlet",
    help="With --gold-webis: the outlet (folder name) the rules were tuned on; scored apart.",
)
@click.option(
    "--test-outlet",
    help="With --gold-webis: an outlet the rules were not tuned on, scored apart "
    "(only these two outlets' editorials are read).",
)
@click.option(
    "--gold-analyst",
    "gold_analyst",
    type=click.Path(file_okay=False, path_type=Path),
    help="Analyst gold folder (NAME.gold.json beside NAME.md or one folder down, pairs.json): "
    "score claims, speakers, stances, actors, evidence and (with --store) pairs.",
)
@click.option(
    "--store",
    "store_path",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --gold-analyst: a store holding the same articles, to score pairs.json.",
)
@click.option(
    "--details",
    is_flag=True,
    help="With --gold-analyst: list every miss, false positive and wrong speaker or actor.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@model_option
@reports_errors
def eval_(
    gold_dir: Path | None,
    gold_webis: Path | None,
    train_outlet: str | None,
    test_outlet: str | None,
    gold_analyst: Path | None,
    store_path: Path | None,
    details: bool,
    fmt: str,
    model: str | None,
) -> None:
    """Score extraction against gold annotations.

    --gold: claim content P/R/F1, claimer accuracy on matched claims, joint claim+claimer
    F1 and cue F1 (PolNeAR layout). --gold-webis: P/R/F1 per evidence kind and for the
    author's claims (Webis editorials layout); with --train-outlet X --test-outlet Y, each
    outlet apart as well (tune on X, read Y as unseen text). --gold-analyst: end-to-end claim+speaker
    F1, claims, speakers, stances, not_claims, actors, evidence and links, and with
    --store the same-claim and contradiction pairs (docs/annotating.md).
    """
    if gold_dir is None and gold_webis is None and gold_analyst is None:
        raise click.UsageError(
            "give a gold folder: --gold DIR (attributions), --gold-webis DIR or --gold-analyst DIR"
        )
    if (store_path is not None or details) and gold_analyst is None:
        raise click.UsageError("--store and --details go with --gold-analyst")
    if train_outlet is not None or test_outlet is not None:
        if gold_webis is None:
            raise click.UsageError("--train-outlet and --test-outlet go with --gold-webis")
        if train_outlet is None or test_outlet is None or train_outlet == test_outlet:
            raise click.UsageError("give two different outlets: --train-outlet X --test-outlet Y")
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

        webis = evaluate_webis(
            gold_webis,
            make_settings(model=model),
            train_outlet=train_outlet,
            test_outlet=test_outlet,
        )
        click.echo(json.dumps(webis.as_dict(), indent=2) if fmt == "json" else format_webis(webis))
    if gold_analyst is not None:
        from kg.evaluate.analyst import evaluate_analyst
        from kg.evaluate.analyst_report import format_report as format_analyst

        settings = make_settings(store_path, model=model)
        analyst = evaluate_analyst(gold_analyst, settings, pairs=store_path is not None)
        if fmt == "json":
            out = analyst.as_dict()
            if details:
                out["findings"] = [dataclasses.asdict(f) for f in analyst.findings]
            click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        else:
            click.echo(format_analyst(analyst, details=details))
