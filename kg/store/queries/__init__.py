"""Saved analyst queries (the .rq files beside this module) and running SPARQL on a store.

A saved query starts with comment lines: `# name:`, `# description:` and one
`# param: NAME KIND HELP` per parameter (KIND: literal, iri, integer, date).
Parameters are bound as RDF terms by the store, never pasted into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import ParameterError, QueryError, UnknownQuery
from kg.store.oxigraph import Results, Store, term_for

QUERY_DIR = Path(__file__).resolve().parent
PARAM_KINDS = ("literal", "iri", "integer", "date")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    help: str


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    sparql: str
    path: Path


def parse_saved(text: str, path: Path) -> SavedQuery:
    name = description = None
    params: list[Param] = []
    for line in text.splitlines():
        m = re.match(r"#\s*(name|description|param):\s*(.*)$", line.strip())
        if not m:
            continue
        field, value = m.group(1), m.group(2).strip()
        if field == "name":
            name = value
        elif field == "description":
            description = value
        else:
            parts = value.split(None, 2)
            if len(parts) < 2 or parts[1] not in PARAM_KINDS:
                raise QueryError(f"{path.name}: bad param line {value!r}")
            params.append(Param(parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    if not name or not description:
        raise QueryError(f"{path.name}: a saved query needs '# name:' and '# description:' lines")
    return SavedQuery(name, description, tuple(params), text, path)


@lru_cache(maxsize=1)
def saved_queries() -> dict[str, SavedQuery]:
    out = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        q = parse_saved(path.read_text(encoding="utf-8"), path)
        out[q.name] = q
    return out


def get_saved(name: str) -> SavedQuery:
    queries = saved_queries()
    if name not in queries:
        raise UnknownQuery(
            f"no saved query named {name!r}", hint="the saved queries: " + ", ".join(queries)
        )
    return queries[name]


def parse_params(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """['actor=China'] -> {'actor': 'China'}."""
    out: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise ParameterError(f"parameter {pair!r} is not NAME=VALUE")
        key, value = pair.split("=", 1)
        out[key.strip()] = value
    return out


def run_saved(store: Store, name: str, values: dict[str, str], **limits: Any) -> Results:
    """Run a saved query with its parameters bound as RDF terms; parameter columns are dropped.

    ``limits`` go to `Store.evaluate` (max_rows, deadline, triples_format) for `kg serve`.
    """
    query = get_saved(name)
    known = {p.name: p for p in query.params}
    unknown = set(values) - set(known)
    if unknown:
        raise ParameterError(
            f"saved query {name!r} has no parameter {sorted(unknown)[0]!r}",
            hint="its parameters: " + (", ".join(known) or "none"),
        )
    missing = [p.name for p in query.params if p.name not in values]
    if missing:
        raise ParameterError(
            f"saved query {name!r} needs a value for its parameter {missing[0]!r}",
            hint=known[missing[0]].help,
        )
    bindings = {k: term_for(v, known[k].kind) for k, v in values.items()}
    results = store.evaluate(query.sparql, bindings, **limits)
    keep = [i for i, v in enumerate(results.variables) if v not in known]
    return Results(
        tuple(results.variables[i] for i in keep),
        tuple(tuple(row[i] for i in keep) for row in results.rows),
        boolean=results.boolean,
        triples=results.triples,
    )


def run_sparql(store: Store, sparql: str) -> Results:
    return store.select(sparql)
