"""The `kg` click group and the options and error handling every command shares."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kg import __version__
from kg import errors as E

if TYPE_CHECKING:
    from rich.console import Console

    from kg.settings import Settings

#: kg.settings.DEFAULT_STORE, spelled out so that starting the CLI does not import the settings
#: (and with them the gazetteer and rdflib); tests/cli checks the two agree
DEFAULT_STORE = "output/store"
F = TypeVar("F", bound=Callable[..., Any])


def __getattr__(name: str) -> Any:
    """`err_console`, the rich console on stderr, made on first use (rich is slow to import)."""
    if name == "err_console":
        from rich.console import Console

        console: Console = Console(stderr=True)
        globals()["err_console"] = console
        return console
    raise AttributeError(name)


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


#: C0 controls, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates
#: (which reorder what a terminal shows, "Trojan Source" style)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def terminal_safe(text: str) -> str:
    """Text from articles, file names or the store, safe to print on a terminal: control
    characters (escape sequences, bell, carriage return, newline) and bidi controls are shown
    as Python-style escapes (``\\x1b``, ``\\n``, ``\\u202e``) instead of acting on it."""
    return _UNSAFE.sub(_escape_char, text)


#: what the command line adds to a library error's hint, by code: the option or command that
#: fixes it (library hints speak of library concepts only; kg.errors)
CLI_HINTS = {
    E.ActorError.code: "`kg actors` lists the actors with their ids",
    E.ArticleNotFound.code: "`kg query --saved publications` lists them",
    E.EncodingError.code: "--encoding NAME reads it",
    E.LanguageError.code: "--any-language takes it anyway",
    E.TextFieldError.code: "--text-field NAME names the one with the text",
    E.ModelError.code: "--model NAME or KG_SPACY_MODEL chooses another",
    E.StoreNotFound.code: "`kg ingest PATH...` makes one; --store or KG_STORE names another",
    E.NotAStore.code: "--store names another",
    E.StoreBusy.code: "--store names another store",
    E.IngestLocked.code: "kg ingest --wait queues behind it",
    E.UnknownQuery.code: "`kg queries` lists them",
    E.ParameterError.code: "--param NAME=VALUE gives one; `kg queries` lists them",
    E.QueryTimeout.code: "kg serve --timeout sets the limit",
    E.ResultTooLarge.code: "kg serve --max-rows and --max-response set the caps",
    E.ValidationError.code: "`kg validate` checks a whole store",
    E.ViewError.code: "kg viz --topic, --since/--until choose the statements",
    E.OutputRequired.code: "--output FILE",
    E.FormatNotDetected.code: "--format names it",
    E.UpdateNeedsToken.code: "--token or KG_SERVE_TOKEN, with --allow-update",
    E.ListenError.code: "--port chooses another",
    E.ClusterError.code: "--scheduler or KG_SCHEDULER gives the address",
}


def scheduler_option(f: F) -> F:
    """--scheduler: run the extraction on a Dask cluster (else KG_SCHEDULER, else here)."""
    return click.option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        default=None,
        help="Dask scheduler: extract on that cluster (needs kg-aigeo[cluster]; "
        "default KG_SCHEDULER, else in this process).",
    )(f)


def describe(code: str, message: str, hint: str | None = None) -> str:
    """An error as the command line shows it: code, message, then the library's hint and the
    option that fixes it (CLI_HINTS) in one pair of parentheses."""
    hints = "; ".join(h for h in (hint, CLI_HINTS.get(code)) if h)
    return f"[{code}] {message}" + (f" ({hints})" if hints else "")


def reports_errors(f: F) -> F:
    """Print a KGError as one clear line on stderr and exit 1, never a traceback: its code,
    message and hint, then the option that fixes it (CLI_HINTS), escaped for the terminal."""

    @wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except E.KGError as exc:
            click.echo(
                terminal_safe("Error: " + describe(exc.code, exc.message, exc.hint)), err=True
            )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg: turn articles about AI geopolitics into a knowledge graph of who claims what,
    about whom, on what evidence, and where it was said."""


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
            metavar="NAME",
            help="JSON Lines: field with the text (default: the first of text, body, content, "
            "maintext, article, full_text, abstract, summary, description).",
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
    text_field: str | None,
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


def decisions_option(f: F) -> F:
    return click.option(
        "--decisions",
        "decisions_path",
        envvar="KG_DECISIONS",
        type=click.Path(dir_okay=False, path_type=Path),
        help="A decisions file under version control, applied on top of the store's own and "
        "kept in step with it (also KG_DECISIONS).",
    )(f)


def model_option(f: F) -> F:
    return click.option(
        "--model", envvar="KG_SPACY_MODEL", help="Installed spaCy pipeline to use (KG_SPACY_MODEL)."
    )(f)


def make_settings(
    store_path: Path | None = None,
    *,
    model: str | None = None,
    decisions: Path | None = None,
    scheduler: str | None = None,
) -> Settings:
    """The one Settings value of a command (KG_GAZETTEER names another gazetteer file;
    KG_SCHEDULER a Dask scheduler for the commands that extract)."""
    from kg.settings import Settings

    return Settings.from_env(
        store=store_path, model=model, decisions=decisions, scheduler=scheduler
    )
