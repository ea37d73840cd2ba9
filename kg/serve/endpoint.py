"""`kg serve`: answering SPARQL Protocol requests over a store (independent of HTTP).

Concurrency with `kg ingest`: Oxigraph's on-disk store takes a lock for one writer, so the
server never opens the store for writing (unless UPDATE is enabled). Queries run in worker
processes (kg.serve.workers), each on a read-only snapshot of the store; a thread here
watches the store's files and, when a write lands, bumps a generation number that makes
each worker open a fresh snapshot before its next query. A read-only open sees the store
as of the last committed transaction, and ingest commits each article (graph + provenance)
in one transaction, so a query sees an article entirely or not at all, and ingest never
meets a lock held by the server.

Every query has a deadline, a row cap and a response-size cap; past the deadline its worker
is killed, so it stops using CPU and memory. Federated SERVICE and LOAD are refused unless
allowed (kg.serve.guard).
"""

from __future__ import annotations

import hmac
import json
import os
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import (
    KGError,
    QueryError,
    StoreError,
    UpdateNeedsToken,
)
from kg.links.refresh import begin_change
from kg.serve.guard import federated
from kg.serve.workers import MB, Job, Reply, WorkerPool
from kg.store.oxigraph import Results, Store
from kg.store.queries import get_saved, saved_queries
from kg.store.results import MEDIA_TYPES

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


@dataclass(frozen=True)
class ServeConfig:
    store_path: Path
    host: str = "127.0.0.1"
    port: int = 7879
    timeout: float = 30.0  # seconds per query, then its worker is killed
    max_rows: int = 100_000
    workers: int = 16  # queries that may run at once (worker processes)
    allow_update: bool = False
    token: str | None = None
    refresh: float = 0.5  # seconds between two looks at the store's files
    allow_service: bool = False  # federated SERVICE and LOAD
    max_response: int = 64 * MB  # bytes of one response
    query_memory: int | None = 512 * MB  # bytes one query may grow its worker by
    total_memory: int | None = 2048 * MB  # bytes all workers together may use
    spare: int = 2  # idle workers kept warm
    idle_timeout: float = 20.0  # seconds a connection may sit idle
    request_timeout: float = 30.0  # seconds to send a request's headers and body
    max_connections: int = 128
    max_body: int = 1 << 20  # bytes of query text a request may carry


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def text_response(status: int, message: str, **headers: str) -> Response:
    return Response(status, "text/plain; charset=utf-8", (message + "\n").encode(), headers)


# --- the store's version -------------------------------------------------------------------------


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


class StoreWatch:
    """A generation number that goes up whenever the store's files change."""

    def __init__(self, path: Path, refresh: float = 0.5) -> None:
        self.path = path
        self.refresh = refresh
        self.generation = 0
        self._lock = threading.Lock()
        self._signature = store_signature(path)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="kg-store-watch", daemon=True)
        self._thread.start()

    def current(self) -> int:
        return self.generation

    def bump(self) -> None:
        with self._lock:
            self.generation += 1

    def check(self) -> bool:
        try:
            signature = store_signature(self.path)
        except OSError:
            return False
        if signature == self._signature:
            return False
        self._signature = signature
        self.bump()
        return True

    def _watch(self) -> None:
        while not self._stop.wait(self.refresh):
            self.check()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


# --- the endpoint --------------------------------------------------------------------------------


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


def refused_federation(keyword: str) -> str:
    return (
        f"{keyword} is off on this endpoint: a query must not make it send requests "
        "elsewhere; start kg serve with --allow-service to allow federated SERVICE and LOAD"
    )


class Endpoint:
    """Answers SPARQL Protocol requests on a store: queries, saved queries, updates."""

    def __init__(self, config: ServeConfig, *, quiet: bool = True) -> None:
        if config.allow_update and not config.token:
            raise UpdateNeedsToken(
                "UPDATE needs a token",
                hint="set ServeConfig.token together with allow_update",
            )
        if not (config.store_path / "CURRENT").is_file():
            raise StoreError(
                f"no store at {config.store_path}",
                hint="ingest articles into it first, or name another store",
            )
        self.config = config
        self.writer: Store | None = None
        if config.allow_update:
            self.writer = Store(config.store_path, create=False)
        self._update_lock = threading.Lock()
        self.watch = StoreWatch(config.store_path, refresh=config.refresh)
        try:
            self.pool = WorkerPool(
                config.store_path,
                size=config.workers,
                spare=config.spare,
                query_memory=config.query_memory,
                total_memory=config.total_memory,
                isolate=not config.allow_service,
                quiet=quiet,
                generation=self.watch.current,
            )
        except BaseException:
            self.watch.close()
            if self.writer is not None:
                self.writer.close()
            raise

    def close(self) -> None:
        self.pool.close()
        self.watch.close()
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    # -- running a job --

    def _job(self, kind: str, text: str = "", params: dict[str, str] | None = None) -> Job:
        return Job(
            kind=kind,
            text=text,
            params=tuple(sorted((params or {}).items())),
            max_rows=self.config.max_rows,
            max_bytes=self.config.max_response,
            seconds=self.config.timeout,
            generation=self.watch.current(),
        )

    def _error(self, reply: Reply) -> Response | None:
        limit = f"{self.config.timeout:g} s"
        if reply.error is None:
            return None
        if reply.error in ("timeout", "busy"):
            why = "it ran past" if reply.error == "timeout" else "no worker came free within"
            return text_response(
                503,
                f"query timed out: {why} the limit of {limit} (kg serve --timeout); "
                "narrow it or add LIMIT",
                **{"Retry-After": "1"},
            )
        if reply.error == "memory":
            which = (
                "all running queries together"
                if reply.message == "total"
                else f"one query ({(self.config.query_memory or 0) / MB:g} MB)"
            )
            return text_response(
                503,
                f"query stopped: it used more memory than the server allows for {which} "
                "(kg serve --query-memory, --total-memory); narrow it or add LIMIT",
            )
        if reply.error == "too-large":
            return text_response(
                422, f"{reply.message} (the caps are kg serve --max-rows and --max-response)"
            )
        if reply.error == "query":
            return text_response(400, self._quiet_network(reply.message))
        return text_response(500, self._quiet_network(reply.message or "the query failed"))

    def _quiet_network(self, message: str) -> str:
        """With SERVICE allowed, a failed call's error names the host and says how the
        connection failed, which maps the ports that answer: say only that it failed."""
        if not self.config.allow_service:
            return message
        lowered = message.lower()
        if any(s in lowered for s in ("os error", "connect", "http", "dns", "socket")):
            return "the query failed while calling a remote service (details withheld)"
        return message

    def run(self, job: Job) -> Reply:
        """Run a job on the worker pool under the time limit (for the page and /status)."""
        deadline = time.monotonic() + self.config.timeout
        return self.pool.run(job, deadline)

    def _answer(self, job: Job, accept: str | None, fmt: str | None) -> Response:
        try:
            results_fmt, graph_fmt = negotiate(accept, fmt)
        except QueryError as exc:
            return text_response(400, str(exc))
        job = replace(job, results_format=results_fmt or "json", graph_format=graph_fmt or "turtle")
        reply = self.run(job)
        error = self._error(reply)
        if error is not None:
            return error
        body = reply.body or b""
        if reply.graph:
            if graph_fmt is None:
                return text_response(
                    406, "a graph result is available as text/turtle or application/n-triples"
                )
            return Response(200, GRAPH_TYPES[graph_fmt] + "; charset=utf-8", body)
        if results_fmt is None:
            return text_response(406, "results are available as " + ", ".join(MEDIA_TYPES.values()))
        return Response(200, MEDIA_TYPES[results_fmt] + "; charset=utf-8", body)

    def refuse(self, sparql: str) -> Response | None:
        """A 400 if the query or update uses SERVICE or LOAD and they are not allowed."""
        keyword = None if self.config.allow_service else federated(sparql)
        return text_response(400, refused_federation(keyword)) if keyword else None

    # -- the protocol operations --

    def query(self, sparql: str, accept: str | None = None, fmt: str | None = None) -> Response:
        refused = self.refuse(sparql)
        if refused is not None:
            return refused
        return self._answer(self._job("sparql", sparql), accept, fmt)

    def saved(
        self, name: str, params: dict[str, str], accept: str | None = None, fmt: str | None = None
    ) -> Response:
        try:
            get_saved(name)
        except QueryError as exc:
            return text_response(404, str(exc))
        return self._answer(self._job("saved", name, params), accept, fmt)

    def results(
        self, sparql: str = "", saved: str = "", params: dict[str, str] | None = None
    ) -> Results | str:
        """Results for the HTML page, or the message saying why there are none."""
        if saved:
            job = self._job("saved", saved, params)
        else:
            refused = self.refuse(sparql)
            if refused is not None:
                return refused.body.decode().strip()
            job = self._job("sparql", sparql)
        reply = self.run(job)
        error = self._error(reply)
        if error is not None:
            return error.body.decode().strip()
        if reply.results is None:
            return "the query gave no results"
        return reply.results

    def update(self, sparql: str, authorization: str | None) -> Response:
        if not self.config.allow_update or self.writer is None:
            return text_response(
                403,
                "this endpoint is read-only: start kg serve with --allow-update and a token "
                "to accept SPARQL UPDATE",
            )
        if not _token_matches(authorization, self.config.token or ""):
            return text_response(
                401, "UPDATE needs 'Authorization: Bearer TOKEN'", **{"WWW-Authenticate": "Bearer"}
            )
        refused = self.refuse(sparql)
        if refused is not None:
            return refused
        try:
            with self._update_lock:
                begin_change(self.writer)  # an update may change claims: the next refresh rebuilds
                self.writer.update(sparql)
                self.watch.bump()  # the next query opens a snapshot that has it
        except QueryError as exc:
            return text_response(400, str(exc))
        except KGError as exc:
            return text_response(500, self._quiet_network(str(exc)))
        return Response(204, "text/plain", b"")

    def status(self) -> Response:
        reply = self.run(self._job("count"))
        info = {
            "store": self.config.store_path.name,  # not the absolute path: the page is public
            "mode": "read-write" if self.config.allow_update else "read-only snapshots",
            "quads": reply.count,
            "generation": self.watch.current(),
            "timeout": self.config.timeout,
            "max_rows": self.config.max_rows,
            "max_response_mb": self.config.max_response / MB,
            "federation": "allowed" if self.config.allow_service else "refused",
            "pool": self.pool.describe(),
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


def _token_matches(authorization: str | None, expected: str) -> bool:
    """Constant-time comparison of the bearer token, on bytes: a header may hold any octets
    (http.server reads them as Latin-1), the token any text."""
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not expected:
        return False
    return hmac.compare_digest(given.strip().encode("latin-1", "replace"), expected.encode("utf-8"))
