"""Federated SPARQL off by default: find `SERVICE` and `LOAD` in a query before it runs.

A query that names `SERVICE <http://127.0.0.1:PORT/>` makes the endpoint send an HTTP
request wherever it says, also when a page on another origin submits the form, and its
error message tells which local ports answer. `LOAD <url>` fetches a URL into the store.
So `kg serve` refuses both unless started with `--allow-service`.

The check reads the query as SPARQL's tokenizer does (comments, short and long strings,
IRIs with their escapes, variables, prefixed names) and looks for the keywords among the
bare words, so `?service`, `ex:Service`, `<https://schema.org/Service>` and `"LOAD"` pass.
When in doubt it refuses: a word run together with dots (`?o .SERVICE`) counts. The worker
processes also run without a network (kg.serve.workers), so a miss would reach nothing.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<long>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
  | (?P<short>"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]*)
  | (?P<name>[\w.\-:%\\\u00b7]+)
  | (?P<other>.)
    """,
    re.X | re.S,
)
_PARTS = re.compile(r"[A-Za-z]+")


def keywords(sparql: str) -> set[str]:
    """The bare words of a query, upper-cased (keywords and anything that may be one)."""
    found: set[str] = set()
    for m in _TOKEN.finditer(sparql):
        if m.lastgroup != "name":
            continue
        word = m.group()
        if ":" in word:  # a prefixed name (ex:Service, :LOAD), never a keyword
            continue
        found.update(part.upper() for part in _PARTS.findall(word))
    return found


def federated(sparql: str) -> str | None:
    """`SERVICE` or `LOAD` if the query or update uses it, else None."""
    words = keywords(sparql)
    for keyword in ("SERVICE", "LOAD"):
        if keyword in words:
            return keyword
    return None
