"""`kg serve`: a SPARQL 1.1 Protocol endpoint and a plain HTML query page over a store.

Concurrency with `kg ingest`: Oxigraph's on-disk store takes a lock for one writer, so the
server never opens the store for writing (unless UPDATE is enabled). It serves from a
read-only snapshot of the store and a background thread opens a fresh read-only snapshot
whenever the store's files change. A read-only open sees the store as of the last committed
transaction, and ingest commits each article (graph + provenance) in one transaction, so a
query sees an article entirely or not at all, and ingest never meets a lock held by the
server. A snapshot open that races a file the writer is just deleting fails; the old snapshot
keeps serving and the open is retried on the next poll.

Every query runs on a bounded worker pool with a deadline and a row cap; past either the
client gets a clear HTTP error instead of a hung connection.
"""

from __future__ import annotations

import hmac
import html
import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg import __version__
from kg.errors import (
    KGError,
    ListenError,
    QueryError,
    QueryTimeout,
    ResultTooLarge,
    StoreError,
    UpdateNeedsToken,
)
from kg.links.refresh import begin_change
from kg.store.oxigraph import Results, Store
from kg.store.queries import get_saved, run_saved, saved_queries
from kg.store.results import MEDIA_TYPES, render

GRAPH_TYPES = {"turtle": "text/turtle", "ntriples": "application/n-triples"}
#: media types a client may ask for -> our format name
ACCEPTED = {
    **{mt: name for name, mt in MEDIA_TYPES.items()},
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    **{mt: name for name, mt in GRAPH_TYPES.items()},
    "text/plain": "ntriples",
}
MAX_BODY = 1 << 20  # bytes of query text a request may carry
PAGE_ROWS = 500  # rows the HTML page shows


@dataclass(frozen=True)
class ServeConfig:
    store_path: Path
    host: str = "127.0.0.1"
    port: int = 7879
    timeout: float = 30.0
    max_rows: int = 100_000
    workers: int = 4
    allow_update: bool = False
    token: str | None = None
    refresh: float = 0.5


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _text(status: int, message: str, **headers: str) -> Response:
    return Response(status, "text/plain; charset=utf-8", (message + "\n").encode(), headers)


# --- the store snapshot --------------------------------------------------------------------------


def store_signature(path: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and mtimes of the store's files; changes whenever a write lands.

    RocksDB's info logs (LOG*) are left out: a read-only open writes them itself.
    """
    entries = []
    with os.scandir(path) as it:
        for e in it:
            if e.name.startswith("LOG"):
                continue
            with_stat = e.stat()
            entries.append((e.name, with_stat.st_size, with_stat.st_mtime_ns))
    return tuple(sorted(entries))


class Snapshots:
    """The store as the server reads it: a read-only snapshot, renewed when the files change."""

    def __init__(self, path: Path, *, writable: bool = False, refresh: float = 0.5) -> None:
        self.path = path
        self.writable = writable
        self.refresh = refresh
        self.reopens = 0
        self.failed_reopens = 0
        self.last_error = ""
        self._signature = store_signature(path) if (path / "CURRENT").is_file() else ()
        self._store = Store(path, read_only=not writable, create=False)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if not writable:
            self._thread = threading.Thread(target=self._watch, name="kg-snapshots", daemon=True)
            self._thread.start()

    def current(self) -> Store:
        with self._lock:
            return self._store

    def _watch(self) -> None:
        while not self._stop.wait(self.refresh):
            try:
                self.renew()
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:  # keep serving the old snapshot, whatever the open did
                self.failed_reopens += 1
                self.last_error = f"{type(exc).__name__}: {exc}"

    def renew(self) -> bool:
        """Open a fresh snapshot if the store changed since the last one; True if it did."""
        try:
            signature = store_signature(self.path)
        except OSError:
            return False
        if signature == self._signature:
            return False
        try:
            fresh = Store(self.path, read_only=True, create=False)
        except StoreError as exc:  # a file vanished under the open (compaction): retry next poll
            self.failed_reopens += 1
            self.last_error = str(exc)
            return False
        with self._lock:
            self._store = fresh  # queries still running keep the old snapshot alive
            self._signature = signature
            self.reopens += 1
        return True

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self.writable:
            self._store.close()


# --- the endpoint (protocol logic, independent of the HTTP server) -------------------------------


def negotiate(accept: str | None, fmt: str | None) -> tuple[str | None, str | None]:
    """The (results format, graph format) a request asks for; None where it accepts none.

    ``fmt`` (the `format` parameter) wins over the Accept header; defaults are JSON and Turtle.
    """
    if fmt:
        name = fmt.lower()
        name = {"nt": "ntriples", "ttl": "turtle", "srj": "json", "srx": "xml"}.get(name, name)
        if name in MEDIA_TYPES:
            return name, "turtle"
        if name in GRAPH_TYPES:
            return "json", name
        raise QueryError(
            f"unknown format {fmt!r}",
            hint="one of " + ", ".join([*MEDIA_TYPES, *GRAPH_TYPES]),
        )
    if not accept:
        return "json", "turtle"
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        media, *opts = (x.strip() for x in part.split(";"))
        q = 1.0
        for opt in opts:
            if opt.startswith("q="):
                try:
                    q = float(opt[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, media.lower()))
    ranked.sort()
    results: str | None = None
    graph: str | None = None
    for _q, _i, media in ranked:
        if media in ("*/*", "application/*", "text/*"):
            results = results or "json"
            graph = graph or "turtle"
        name = ACCEPTED.get(media, "")
        if name in MEDIA_TYPES and results is None:
            results = name
        if name in GRAPH_TYPES and graph is None:
            graph = name
    return results, graph


class Endpoint:
    """Answers SPARQL Protocol requests on a store: queries, saved queries, updates."""

    def __init__(self, config: ServeConfig) -> None:
        if config.allow_update and not config.token:
            raise UpdateNeedsToken(
                "UPDATE needs a token",
                hint="set ServeConfig.token together with allow_update",
            )
        self.config = config
        self.snapshots = Snapshots(
            config.store_path, writable=config.allow_update, refresh=config.refresh
        )
        self.pool = ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="kg-query")

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.snapshots.close()

    def _run(self, job: Any, accept: str | None, fmt: str | None) -> Response:
        """Run ``job(store, deadline, graph_format)`` on the pool under the time limit."""
        try:
            results_fmt, graph_fmt = negotiate(accept, fmt)
        except QueryError as exc:
            return _text(400, str(exc))
        deadline = time.monotonic() + self.config.timeout
        store = self.snapshots.current()
        future = self.pool.submit(job, store, deadline, graph_fmt or "turtle")
        try:
            results: Results = future.result(timeout=self.config.timeout)
        except FutureTimeout:
            future.cancel()
            return _text(
                503,
                f"query timed out: it ran past the limit of {self.config.timeout:g} s "
                "(kg serve --timeout); narrow it or add LIMIT",
            )
        except QueryTimeout:
            return _text(
                503, f"query timed out: it ran past the limit of {self.config.timeout:g} s"
            )
        except ResultTooLarge as exc:
            return _text(422, f"{exc} (the cap is kg serve --max-rows)")
        except QueryError as exc:
            return _text(400, str(exc))
        except KGError as exc:
            return _text(500, str(exc))
        if results.triples is not None:
            if graph_fmt is None:
                return _text(
                    406, "a graph result is available as text/turtle or application/n-triples"
                )
            ctype = GRAPH_TYPES[graph_fmt] + "; charset=utf-8"
            return Response(200, ctype, results.triples.encode("utf-8"))
        if results_fmt is None:
            return _text(406, "results are available as " + ", ".join(MEDIA_TYPES.values()))
        body = render(results, results_fmt).encode("utf-8")
        return Response(200, MEDIA_TYPES[results_fmt] + "; charset=utf-8", body)

    def query(self, sparql: str, accept: str | None = None, fmt: str | None = None) -> Response:
        def job(store: Store, deadline: float, graph_fmt: str) -> Results:
            return store.evaluate(
                sparql,
                max_rows=self.config.max_rows,
                deadline=deadline,
                triples_format=graph_fmt,
            )

        return self._run(job, accept, fmt)

    def saved(
        self, name: str, params: dict[str, str], accept: str | None = None, fmt: str | None = None
    ) -> Response:
        try:
            get_saved(name)
        except QueryError as exc:
            return _text(404, str(exc))

        def job(store: Store, deadline: float, graph_fmt: str) -> Results:
            return run_saved(
                store,
                name,
                params,
                max_rows=self.config.max_rows,
                deadline=deadline,
                triples_format=graph_fmt,
            )

        return self._run(job, accept, fmt)

    def update(self, sparql: str, authorization: str | None) -> Response:
        if not self.config.allow_update:
            return _text(
                403,
                "this endpoint is read-only: start kg serve with --allow-update and a token "
                "to accept SPARQL UPDATE",
            )
        scheme, _, given = (authorization or "").partition(" ")
        expected = self.config.token or ""
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip(), expected):
            return _text(
                401, "UPDATE needs 'Authorization: Bearer TOKEN'", **{"WWW-Authenticate": "Bearer"}
            )
        try:
            store = self.snapshots.current()
            begin_change(store)  # an update may change claims: the next link refresh rebuilds
            store.update(sparql)
        except QueryError as exc:
            return _text(400, str(exc))
        except KGError as exc:
            return _text(500, str(exc))
        return Response(204, "text/plain", b"")

    def status(self) -> Response:
        snap = self.snapshots
        info = {
            "store": str(self.config.store_path),
            "mode": "read-write" if self.config.allow_update else "read-only snapshots",
            "quads": len(snap.current()),
            "reopens": snap.reopens,
            "failed_reopens": snap.failed_reopens,
            "last_error": snap.last_error,
            "timeout": self.config.timeout,
            "max_rows": self.config.max_rows,
        }
        return Response(200, "application/json", json.dumps(info, indent=2).encode())

    def saved_list(self) -> Response:
        items = [
            {
                "name": q.name,
                "description": q.description,
                "params": [{"name": p.name, "kind": p.kind, "help": p.help} for p in q.params],
                "url": f"/queries/{q.name}",
            }
            for q in saved_queries().values()
        ]
        return Response(200, "application/json", json.dumps(items, indent=2).encode())


# --- the HTML page -------------------------------------------------------------------------------

PAGE_CSS = """
body{font:15px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:80em;padding:0 1em;color:#222}
textarea{width:100%;font:13px monospace}
table{border-collapse:collapse;margin-top:1em;font-size:13px}
td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
.err{color:#a00;white-space:pre-wrap}
pre{background:#f6f6f6;padding:.5em;overflow:auto}
fieldset{margin:1em 0}
"""
EXAMPLE_QUERY = """SELECT ?speaker ?text WHERE {
  ?st a <https://w3id.org/kg-aigeo/ont#Statement> ;
      <https://w3id.org/kg-aigeo/ont#speaker>/<http://www.w3.org/2004/02/skos/core#prefLabel> ?speaker ;
      <https://w3id.org/kg-aigeo/ont#states>/<https://schema.org/text> ?text .
} LIMIT 20"""


def _results_html(results: Results) -> str:
    esc = html.escape
    if results.boolean is not None:
        return f"<p>Answer: <b>{'true' if results.boolean else 'false'}</b></p>"
    if results.triples is not None:
        return f"<pre>{esc(results.triples)}</pre>"
    head = "".join(f"<th>{esc(v)}</th>" for v in results.variables)
    rows = []
    for row in results.rows[:PAGE_ROWS]:
        rows.append(
            "<tr>" + "".join(f"<td>{esc(c.value) if c else ''}</td>" for c in row) + "</tr>"
        )
    more = len(results.rows) - PAGE_ROWS
    note = f"<p>{len(results.rows)} rows" + (f", first {PAGE_ROWS} shown" if more > 0 else "")
    return f"{note}</p><table><tr>{head}</tr>{''.join(rows)}</table>"


def page(endpoint: Endpoint, args: dict[str, str]) -> Response:
    """The query page: a form for SPARQL, a picker of saved queries with their parameters,
    and the results of whatever the form sent. Everything shown is escaped; no scripts."""
    esc = html.escape
    queries = saved_queries()
    chosen = queries.get(args.get("saved", ""))
    sparql = args.get("query", "")
    output = ""
    results: Results | None = None
    error = ""
    config = endpoint.config
    deadline = time.monotonic() + config.timeout
    try:
        store = endpoint.snapshots.current()
        if chosen and "run" in args:
            values = {p.name: args.get(p.name, "") for p in chosen.params}
            future = endpoint.pool.submit(
                run_saved, store, chosen.name, values, max_rows=config.max_rows, deadline=deadline
            )
            results = future.result(timeout=config.timeout)
        elif sparql.strip():
            future = endpoint.pool.submit(
                store.evaluate, sparql, max_rows=config.max_rows, deadline=deadline
            )
            results = future.result(timeout=config.timeout)
    except FutureTimeout:
        error = f"the query ran past the limit of {config.timeout:g} s"
    except KGError as exc:
        error = str(exc)
    if error:
        output = f'<p class="err">{esc(error)}</p>'
    elif results is not None:
        output = _results_html(results)

    options = ['<option value="">(choose)</option>'] + [
        f'<option value="{esc(q.name)}"{" selected" if chosen and q.name == chosen.name else ""}>'
        f"{esc(q.name)}</option>"
        for q in queries.values()
    ]
    saved_form = ""
    if chosen:
        fields = "".join(
            f'<label>{esc(p.name)} <input name="{esc(p.name)}" value="{esc(args.get(p.name, ""))}"'
            f' title="{esc(p.help)}"></label> '
            for p in chosen.params
        )
        saved_form = (
            f'<form method="get" action="/"><input type="hidden" name="saved" '
            f'value="{esc(chosen.name)}"><input type="hidden" name="run" value="1">'
            f"<p>{esc(chosen.description)}</p>{fields}<button>Run {esc(chosen.name)}</button>"
            f"</form><details><summary>SPARQL</summary><pre>{esc(chosen.sparql)}</pre></details>"
        )
    body = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL</title>
<style>{PAGE_CSS}</style></head><body>
<h1>kg SPARQL endpoint</h1>
<p>SPARQL 1.1 Protocol at <code>/sparql</code>; saved queries at <code>/queries</code>.
Queries run over the union of the article graphs.</p>
<fieldset><legend>Saved query</legend>
<form method="get" action="/"><select name="saved">{"".join(options)}</select>
<button>Choose</button></form>{saved_form}</fieldset>
<fieldset><legend>SPARQL</legend>
<form method="get" action="/"><textarea name="query" rows="10">{esc(sparql or EXAMPLE_QUERY)}</textarea>
<button>Run</button></form></fieldset>
{output}
<footer><small>kg {esc(__version__)}</small></footer>
</body></html>"""
    return Response(200, "text/html; charset=utf-8", body.encode("utf-8"))


# --- HTTP ----------------------------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    server: KGServer
    protocol_version = "HTTP/1.1"
    server_version = f"kg/{__version__}"

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def _send(self, resp: Response) -> None:
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.body)))
        self.send_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Vary", "Accept")
        for key, value in resp.headers.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(resp.body)

    def _args(self, query: str) -> dict[str, list[str]]:
        return parse_qs(query, keep_blank_values=True)

    def _body(self) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(_text(413, f"request body over {MAX_BODY} bytes"))
            return None
        return self.rfile.read(length) if length else b""

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        args = self._args(url.query)
        self._send(self._dispatch(url.path, args, None))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        args = self._args(url.query)
        raw = self._body()
        if raw is None:
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._send(_text(400, "the request body is not UTF-8"))
            return
        if ctype == "application/x-www-form-urlencoded":
            for key, values in self._args(text).items():
                args.setdefault(key, []).extend(values)
            body_query = None
        elif ctype in ("application/sparql-query", "application/sparql-update"):
            body_query = (ctype, text)
        else:
            self._send(
                _text(
                    415,
                    "POST a form (application/x-www-form-urlencoded), "
                    "application/sparql-query or application/sparql-update",
                )
            )
            return
        self._send(self._dispatch(url.path, args, body_query))

    def _dispatch(
        self, path: str, args: dict[str, list[str]], body: tuple[str, str] | None
    ) -> Response:
        endpoint = self.server.endpoint
        accept = self.headers.get("Accept")
        one = {k: v[0] for k, v in args.items()}
        fmt = one.pop("format", None) or None
        if path == "/":
            return page(endpoint, one)
        if path in ("/sparql", "/query", "/update"):
            if "default-graph-uri" in args or "named-graph-uri" in args:
                return _text(400, "default-graph-uri / named-graph-uri are not supported here")
            if body and body[0] == "application/sparql-update":
                return endpoint.update(body[1], self.headers.get("Authorization"))
            if "update" in args and not body:
                return endpoint.update(one["update"], self.headers.get("Authorization"))
            if path == "/update":
                return _text(400, "send the update as 'update=' or application/sparql-update")
            text = body[1] if body else one.get("query", "")
            if len(args.get("query", [])) > 1:
                return _text(400, "give one query parameter")
            if not text.strip():
                return _text(
                    400,
                    "no query: pass 'query' (GET or form POST) or POST it as "
                    "application/sparql-query",
                )
            return endpoint.query(text, accept, fmt)
        if path == "/status":
            return endpoint.status()
        if path in ("/queries", "/queries/"):
            return endpoint.saved_list()
        if path.startswith("/queries/"):
            return endpoint.saved(path.removeprefix("/queries/"), one, accept, fmt)
        return _text(404, f"no such page: {path} (try /, /sparql or /queries)")


class KGServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, endpoint: Endpoint, *, verbose: bool = False) -> None:
        self.endpoint = endpoint
        self.verbose = verbose
        super().__init__((endpoint.config.host, endpoint.config.port), Handler)

    def server_close(self) -> None:
        super().server_close()
        self.endpoint.close()


def make_server(config: ServeConfig, *, verbose: bool = False) -> KGServer:
    """A bound (not yet serving) server; ``port=0`` picks a free port (see server_address)."""
    endpoint = Endpoint(config)
    try:
        return KGServer(endpoint, verbose=verbose)
    except OSError as exc:
        endpoint.close()
        raise ListenError(
            f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}"
        ) from None
