"""Queries run in worker processes that the server can kill: a deadline that really stops.

A query thread cannot be stopped (pyoxigraph evaluates a whole ORDER BY or COUNT before it
yields a row), so every query runs in a worker process with its own read-only snapshot of
the store. The server waits for the answer until the query's deadline and then kills the
worker with SIGKILL: its CPU and memory are released at once, and a fresh worker takes its
place. Memory is bounded three ways: a watchdog kills a worker whose query grows past
``query_memory`` above its idle size, or the largest one when all workers together pass
``total_memory``; and each worker has an address-space limit (RLIMIT_AS) as a backstop for
an allocation faster than the watchdog looks. A CPU-time limit (RLIMIT_CPU, reset per query)
stops a worker whose server died. A query that has used `DEMOTE_AFTER` seconds of CPU drops
to the lowest CPU priority (nice 19), so light queries keep their answer time while heavy
ones share what is left; its worker is replaced afterwards. (CPU time, not elapsed time: on
a machine busy with other work an ordinary query takes longer but is not demoted.) Workers
start from a fork server that has the store code loaded (about 40 ms each), are kept warm (``spare`` idle ones), grow on demand up to
``size``, and a request that finds all of them busy waits for one until its own deadline.

Unless SERVICE is allowed, each worker also cuts itself off the network (a new, empty network
namespace, where the kernel allows one), so a SERVICE the query check missed still reaches
nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import multiprocessing
import os
import resource
import signal
import threading
import time
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.errors import KGError, QueryError, QueryTimeout, ResultTooLarge, ServeError
from kg.store.oxigraph import Results, Store

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
WATCH_EVERY = 0.05  # seconds between two looks of the memory watchdog
DEMOTE_AFTER = 0.05  # CPU seconds a query may use before it drops to the lowest CPU priority
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
MB = 1024 * 1024


@dataclass(frozen=True)
class Job:
    """One query for a worker: SPARQL text, a saved query, or a count of the store's quads."""

    kind: str  # "sparql", "saved" or "count"
    text: str = ""  # the SPARQL, or the saved query's name
    params: tuple[tuple[str, str], ...] = ()
    max_rows: int | None = None
    max_bytes: int | None = None
    results_format: str | None = None  # render SELECT/ASK to these bytes; None: return Results
    graph_format: str = "turtle"
    seconds: float = 30.0
    generation: int = 0  # the store's version the answer must be at least as new as


@dataclass(frozen=True)
class Reply:
    """A worker's answer: rendered bytes or Results, or an error kind and message."""

    body: bytes | None = None
    graph: bool = False  # body is CONSTRUCT/DESCRIBE triples
    results: Results | None = None
    count: int | None = None
    error: str | None = None  # "query", "timeout", "too-large", "memory", "busy", "store"
    message: str = ""
    ready: bool = False  # a worker's first message


@dataclass
class Worker:
    process: Any  # multiprocessing Process
    conn: Connection
    started: float
    ready: bool = False
    busy: bool = False
    idle_since: float = field(default_factory=time.monotonic)
    base_rss: int = 0
    killed: str | None = None  # why the watchdog killed it
    cpu_at_start: float = 0.0
    demoted: bool = False  # its query ran long and was moved to the lowest CPU priority


def _rss(pid: int) -> int:
    """Resident bytes of a process (Linux /proc); 0 where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used (Linux /proc); 0 where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, ValueError, IndexError):
        return 0.0


def _vms() -> int:
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[0]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


# --- the worker process --------------------------------------------------------------------------

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


def cut_network() -> bool:
    """Move this (single-threaded) process into a new network namespace with no interface
    up: nothing it connects to is reachable. True if the kernel allowed it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    return any(libc.unshare(flags) == 0 for flags in (CLONE_NEWNET, CLONE_NEWUSER | CLONE_NEWNET))


def _limit_cpu(seconds: float) -> None:
    """Let the coming query use ``seconds`` more CPU time (plus slack), then SIGXCPU."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + seconds + 5)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (soft if hard < 0 else min(soft, hard), hard))


def _limit_memory(memory: int) -> None:
    """Cap the address space at what the worker maps now plus twice ``memory``: a backstop
    for an allocation faster than the watchdog (the soft limit, so the next query can move
    it; a query cannot)."""
    vms = _vms()
    if vms:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = vms + 2 * memory
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (soft if hard < 0 else min(soft, hard), hard))


def _answer(store: Store, job: Job) -> Reply:
    from kg.store.queries import run_saved
    from kg.store.results import render

    deadline = time.monotonic() + job.seconds
    limits: dict[str, Any] = {
        "max_rows": job.max_rows,
        "max_bytes": job.max_bytes,
        "deadline": deadline,
        "triples_format": job.graph_format,
    }
    try:
        if job.kind == "count":
            return Reply(count=len(store))
        if job.kind == "saved":
            results = run_saved(store, job.text, dict(job.params), **limits)
        else:
            results = store.evaluate(job.text, **limits)
        if results.triples is not None:
            body = results.triples.encode("utf-8")
            graph = True
        elif job.results_format is None:
            return Reply(results=results)
        else:
            body = render(results, job.results_format).encode("utf-8")
            graph = False
        if job.max_bytes is not None and len(body) > job.max_bytes:
            return Reply(
                error="too-large",
                message=f"the response is larger than {job.max_bytes / MB:g} MB",
            )
        return Reply(body=body, graph=graph)
    except QueryTimeout:
        return Reply(error="timeout")
    except ResultTooLarge as exc:
        return Reply(error="too-large", message=exc.message)
    except QueryError as exc:
        return Reply(error="query", message=str(exc))
    except KGError as exc:
        return Reply(error="store", message=str(exc))
    except MemoryError:
        return Reply(error="memory")
    except Exception as exc:  # a worker answers whatever happens; it never dies of a query
        return Reply(error="store", message=f"the query failed ({type(exc).__name__})")


def worker_main(
    conn: Connection,
    path: str,
    generation: int,
    memory: int | None,
    isolate: bool,
    quiet: bool,
) -> None:
    """A worker: open the store read-only, then answer jobs until the connection closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    if quiet:  # a Rust abort on a failed allocation writes to fd 2
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    if isolate:
        cut_network()  # before the store starts threads: unshare needs a single thread
    try:
        store = Store(path, read_only=True)
    except KGError as exc:
        conn.send(Reply(error="store", message=str(exc)))
        return
    opened = generation
    conn.send(Reply(ready=True))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        if job.generation != opened:  # the store changed since this snapshot was opened
            try:
                fresh = Store(path, read_only=True)
            except Exception:
                pass  # a file vanished under the open (compaction): the old snapshot answers
            else:
                store.close()
                store, opened = fresh, job.generation
        _limit_cpu(job.seconds)
        if memory:
            _limit_memory(memory)
        conn.send(_answer(store, job))


# --- the pool, in the server ---------------------------------------------------------------------

_CONTEXT: Any = None
_CONTEXT_LOCK = threading.Lock()


def _context() -> Any:
    """A fork server with the store code already imported: workers fork from it quickly,
    and never from the threaded HTTP server."""
    global _CONTEXT
    with _CONTEXT_LOCK:
        if _CONTEXT is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["kg.serve.workers", "kg.store.queries", "kg.store.results"])
            _CONTEXT = ctx
        return _CONTEXT


@dataclass
class PoolStats:
    started: int = 0
    answered: int = 0
    timed_out: int = 0
    memory_killed: int = 0
    crashed: int = 0
    busy_refused: int = 0


class WorkerPool:
    """Worker processes answering `Job`s under a deadline and memory caps."""

    def __init__(
        self,
        store_path: Path,
        *,
        size: int = 16,
        spare: int = 2,
        query_memory: int | None = 512 * MB,
        total_memory: int | None = 2048 * MB,
        isolate: bool = True,
        quiet: bool = True,
        generation: Any = None,
    ) -> None:
        self.path = str(store_path)
        self.size = max(1, size)
        self.spare = max(1, min(spare, self.size))
        self.query_memory = query_memory
        self.total_memory = total_memory
        self.isolate = isolate
        self.quiet = quiet
        self.generation = generation or (lambda: 0)
        self.stats = PoolStats()
        self._workers: list[Worker] = []
        self._cond = threading.Condition()
        self._closed = threading.Event()
        with self._cond:
            for _ in range(self.spare):
                self._spawn()
        first = self._workers[0]
        reply = self._wait_ready(first, time.monotonic() + 60)
        if reply.error:
            self.close()
            raise ServeError(reply.message or "the query worker could not start")
        self._watchdog = threading.Thread(target=self._watch, name="kg-workers", daemon=True)
        self._watchdog.start()

    # -- workers --

    def _spawn(self) -> Worker:
        """Start a worker (the caller holds the lock)."""
        parent, child = _context().Pipe()
        process = _context().Process(
            target=worker_main,
            args=(
                child,
                self.path,
                self.generation(),
                self.query_memory,
                self.isolate,
                self.quiet,
            ),
            daemon=True,
            name="kg-query",
        )
        process.start()
        child.close()
        worker = Worker(process, parent, time.monotonic())
        self._workers.append(worker)
        self.stats.started += 1
        return worker

    def _wait_ready(self, worker: Worker, deadline: float) -> Reply:
        if worker.ready:
            return Reply(ready=True)
        try:
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                reply: Reply = worker.conn.recv()
                if reply.ready:
                    worker.ready = True
                return reply
        except (EOFError, OSError):
            return Reply(error="store", message="the query worker could not start")
        return Reply(error="busy")

    def _retire(self, worker: Worker, kill: bool) -> None:
        with self._cond:
            if worker in self._workers:
                self._workers.remove(worker)
            self._cond.notify_all()
        if kill and worker.process.is_alive():
            with contextlib.suppress(OSError):
                os.kill(worker.process.pid, signal.SIGKILL)
        elif not kill:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        worker.process.join(timeout=5)
        worker.conn.close()

    def _acquire(self, deadline: float) -> Worker | None:
        with self._cond:
            while not self._closed.is_set():
                for worker in self._workers:
                    if not worker.busy and worker.killed is None:
                        worker.busy = True
                        return worker
                if len(self._workers) < self.size:
                    worker = self._spawn()
                    worker.busy = True
                    return worker
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._cond.wait(remaining)
        return None

    def _release(self, worker: Worker) -> None:
        with self._cond:
            worker.busy = False
            worker.idle_since = time.monotonic()
            self._cond.notify_all()

    # -- running a job --

    def run(self, job: Job, deadline: float) -> Reply:
        """Run ``job`` on a worker; past ``deadline`` the worker is killed and replaced."""
        worker = self._acquire(deadline)
        if worker is None:
            self.stats.busy_refused += 1
            return Reply(error="busy")
        reply = self._wait_ready(worker, deadline)
        if reply.error:
            self._retire(worker, kill=True)
            return Reply(error="timeout") if reply.error == "busy" else reply
        job = replace(job, seconds=max(0.0, deadline - time.monotonic()))
        worker.base_rss = _rss(worker.process.pid)  # memory is counted from here
        worker.cpu_at_start = _cpu(worker.process.pid)
        try:
            worker.conn.send(job)
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                reply = worker.conn.recv()
                self.stats.answered += 1
                if worker.killed:  # answered just as the watchdog struck
                    self._retire(worker, kill=True)
                elif worker.demoted:  # it cannot get its priority back: a fresh one replaces it
                    self._retire(worker, kill=False)
                else:
                    self._release(worker)
                return reply
        except (EOFError, OSError):
            pass  # the worker died: killed by the watchdog, or a limit (RLIMIT_AS, CPU)
        else:  # the deadline passed
            self.stats.timed_out += 1
            self._retire(worker, kill=True)
            return Reply(error="timeout")
        why = worker.killed
        self._retire(worker, kill=True)
        if why is None:
            exit_code = worker.process.exitcode
            if exit_code in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGKILL):
                why = "memory"  # a failed allocation aborts (RLIMIT_AS); the OOM killer kills
            else:
                self.stats.crashed += 1
                return Reply(error="store", message=f"the query worker died ({exit_code})")
        self.stats.memory_killed += 1
        return Reply(error="memory", message=why)

    # -- the watchdog --

    def _watch(self) -> None:
        while not self._closed.wait(WATCH_EVERY):
            try:
                self._check_memory()
                self._top_up()
            except Exception:  # never let the watchdog die
                continue

    def _check_memory(self) -> None:  # and CPU priority
        with self._cond:
            busy = [w for w in self._workers if w.busy and w.ready and w.killed is None]
            everyone = list(self._workers)
        for worker in busy:  # heavy queries yield the CPU to light ones
            used = _cpu(worker.process.pid) - worker.cpu_at_start
            if not worker.demoted and used > DEMOTE_AFTER:
                worker.demoted = True
                with contextlib.suppress(OSError):
                    os.setpriority(os.PRIO_PROCESS, worker.process.pid, 19)
        sizes = {id(w): _rss(w.process.pid) for w in everyone}
        for worker in busy:
            grown = sizes[id(worker)] - worker.base_rss
            if self.query_memory and grown > self.query_memory:
                self._kill(worker, "query")
        if self.total_memory and busy and sum(sizes.values()) > self.total_memory:
            largest = max(busy, key=lambda w: sizes[id(w)])
            if largest.killed is None:
                self._kill(largest, "total")

    def _kill(self, worker: Worker, why: str) -> None:
        worker.killed = why
        with contextlib.suppress(OSError):
            os.kill(worker.process.pid, signal.SIGKILL)

    def _top_up(self) -> None:
        now = time.monotonic()
        retire: list[Worker] = []
        with self._cond:
            idle = [w for w in self._workers if not w.busy and w.killed is None]
            if len(idle) < self.spare and len(self._workers) < self.size:
                self._spawn()
            elif len(idle) > self.spare:  # a burst is over: let the extra workers go
                retire = [w for w in idle if now - w.idle_since > 30][: len(idle) - self.spare]
                for w in retire:
                    w.busy = True  # nobody takes it while it leaves
        for worker in retire:
            self._retire(worker, kill=False)

    # -- status, closing --

    def describe(self) -> dict[str, Any]:
        with self._cond:
            workers = list(self._workers)
        return {
            "workers": len(workers),
            "busy": sum(1 for w in workers if w.busy),
            "max_workers": self.size,
            "memory_mb": round(sum(_rss(w.process.pid) for w in workers) / MB, 1),
            **self.stats.__dict__,
        }

    def pids(self) -> list[int]:
        with self._cond:
            return [w.process.pid for w in self._workers]

    def close(self) -> None:
        self._closed.set()
        with self._cond:
            workers = list(self._workers)
            self._cond.notify_all()
        for worker in workers:
            self._retire(worker, kill=True)
