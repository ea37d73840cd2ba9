"""Handing the graph to production stores: `kg export` (N-Quads/TriG keep every graph,
Turtle/N-Triples/JSON-LD the union) and `kg push` (SPARQL 1.1 Graph Store HTTP Protocol)."""

from __future__ import annotations

import io
import os
import sys
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import quote, urlsplit

from rdflib import Dataset

from kg.errors import FormatError, PushError, WriteError
from kg.store.oxigraph import EXPORT_FORMATS, Store

FORMATS = tuple(EXPORT_FORMATS)


def export_to(store: Store, path: Path | None, fmt: str = "nquads") -> None:
    """Write the store to a file (atomically), or to standard output when ``path`` is None."""
    if path is None:
        export(store, sys.stdout.buffer, fmt)
        sys.stdout.buffer.flush()
        return
    tmp = path.with_name(path.name + ".part")
    try:
        with open(tmp, "wb") as fh:
            export(store, fh, fmt)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None


def export(store: Store, out: IO[bytes], fmt: str = "nquads") -> None:
    """Write the store to ``out``; JSON-LD keeps the named graphs (via rdflib)."""
    if fmt not in EXPORT_FORMATS:
        raise FormatError(f"unknown export format {fmt!r}", hint="one of " + ", ".join(FORMATS))
    if fmt != "jsonld":
        store.dump(out, fmt)
        return
    buf = io.BytesIO()
    store.dump(buf, "nquads")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's own default_context
        ds = Dataset()
        ds.parse(data=buf.getvalue().decode("utf-8"), format="nquads")
        out.write(ds.serialize(format="json-ld", encoding="utf-8"))


# --- push (kg push) -----------------------------------------------------------------------------
# `kg push`: send the store's named graphs to a triplestore over the SPARQL 1.1 Graph Store
# HTTP Protocol.
#
# Each graph goes as one `PUT ?graph=IRI` with its N-Triples: PUT replaces the graph on the
# server, so pushing again after a re-ingest updates the server instead of duplicating data.
# Connection failures, 429 and 5xx answers are retried with exponential backoff; other
# answers (a wrong URL, a refused login) fail that graph at once. When the server keeps
# failing (``give_up_after`` graphs in a row used up their retries), the push stops instead
# of spending the backoff on every remaining graph. A summary says what arrived, how many
# retries it took, and what was not sent.


@dataclass
class PushReport:
    endpoint: str
    graphs: int = 0
    triples: int = 0
    retries: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    not_sent: int = 0  # graphs left out after the push stopped early
    stopped: str | None = None  # why it stopped early

    @property
    def ok(self) -> bool:
        return not self.failed and not self.not_sent


RETRY_STATUS = {429, 500, 502, 503, 504}
GIVE_UP_AFTER = 2  # graphs in a row that used up their retries before the push stops


def graph_url(endpoint: str, graph: str) -> str:
    sep = "&" if "?" in endpoint else "?"
    return f"{endpoint}{sep}graph={quote(graph, safe='')}"


def put_graph(
    url: str,
    body: bytes,
    *,
    token: str | None = None,
    retries: int = 3,
    backoff: float = 0.5,
    timeout: float = 60.0,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """PUT one graph; returns how many retries it took. Raises PushError when it gives up
    (carrying the retries it spent)."""
    headers = {"Content-Type": "application/n-triples; charset=utf-8"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    attempt = 0
    while True:
        request = urllib.request.Request(url, data=body, headers=headers, method="PUT")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as resp:
                resp.read()
            return attempt
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace").strip()
            reason = f"HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
            if exc.code not in RETRY_STATUS:
                raise PushError(reason, retries=attempt) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = str(getattr(exc, "reason", exc))
        if attempt >= retries:
            raise PushError(
                f"{reason} (gave up after {retries} retries)", retries=attempt, transient=True
            )
        sleep(backoff * 2**attempt)
        attempt += 1


def push(
    store: Store,
    endpoint: str,
    *,
    graphs: list[str] | None = None,
    token: str | None = None,
    retries: int = 3,
    backoff: float = 0.5,
    give_up_after: int = GIVE_UP_AFTER,
    progress: Callable[[str], None] | None = None,
) -> PushReport:
    """PUT every named graph of the store (or ``graphs``) to a Graph Store Protocol endpoint."""
    if urlsplit(endpoint).scheme not in ("http", "https"):
        raise PushError(
            f"not an http(s) URL: {endpoint!r}",
            hint="the Graph Store endpoint, e.g. http://127.0.0.1:7878/store for Oxigraph",
        )
    report = PushReport(endpoint)
    todo = graphs if graphs is not None else store.named_graphs()
    in_a_row = 0  # graphs in a row that failed after using up their retries
    for i, graph in enumerate(todo):
        if give_up_after and in_a_row >= give_up_after:
            report.not_sent = len(todo) - i
            report.stopped = (
                f"stopped after {in_a_row} graphs in a row failed: the server keeps failing"
            )
            break
        ntriples = store.graph_ntriples(graph)
        try:
            report.retries += put_graph(
                graph_url(endpoint, graph),
                ntriples.encode("utf-8"),
                token=token,
                retries=retries,
                backoff=backoff,
            )
        except PushError as exc:
            report.retries += exc.retries
            report.failed.append((graph, exc.message))
            in_a_row = in_a_row + 1 if exc.transient else 0
            continue
        finally:
            if progress:
                progress(graph)
        in_a_row = 0
        report.graphs += 1
        report.triples += ntriples.count("\n")
    return report
