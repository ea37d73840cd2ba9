"""The `kg` command line: each command calls one library function and prints its result.

Commands live in modules by theme and register on the click group in `kg.cli.app`.
"""

from kg.cli import actors, evaluation, ingest, query, store, viz  # noqa: F401 (register commands)
from kg.cli.app import main

__all__ = ["main"]
