"""Ingest runs that stop at chosen points, for the crash and concurrency tests.

A server process loads kg and the spaCy pipeline once, then forks one child per run, so a run
costs its articles and not a model load. The child calls `kg.pipeline.ingest` with a progress
callback that counts committed articles and

* `kill_after=N`: after the Nth commit it starts a timer that SIGKILLs the child `jitter`
  seconds later (so the kill lands in whatever comes next: parsing, a commit, a flush, the link
  refresh), and kills at once on commit N + `KILL_MARGIN` if the timer has not fired by then: the
  kill always comes after N and before N + KILL_MARGIN + 1 commits, however loaded the machine;
* `gate=PATH`: after the first commit it waits until PATH exists (holding the writer lock);
* `flush_every=K`: the store is flushed every K commits (kg.pipeline.FLUSH_EVERY), so that short
  runs cross flushes too.

Where exactly a kill lands varies with the machine's load; what a test may assert from it (how
many articles were committed at least and at most) does not.

Protocol: one JSON command a line on stdin ({"store", "paths", "kill_after", "jitter", "gate",
"flush_every"}),
answered on stdout by {"pid": CHILD} when the child starts and {"pid", "code", "signal"} when it
ends. Run as `python -m tests.helpers.ingest_server`; drive it with `IngestServer`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

KILL_MARGIN = 5


def _child(command: dict[str, Any]) -> None:
    import kg.pipeline
    from kg.pipeline import ArticleOutcome, ingest
    from kg.settings import Settings

    if command.get("flush_every"):
        kg.pipeline.FLUSH_EVERY = int(command["flush_every"])

    kill_after = command.get("kill_after")
    gate = command.get("gate")
    committed = 0

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def progress(outcome: ArticleOutcome) -> None:
        nonlocal committed
        if outcome.status not in ("added", "updated"):
            return
        committed += 1
        if gate and committed == 1:
            while not Path(gate).exists():
                time.sleep(0.01)
        if kill_after is not None:
            if committed == kill_after:
                timer = threading.Timer(float(command.get("jitter", 0.0)), die)
                timer.daemon = True
                timer.start()
            elif committed >= kill_after + KILL_MARGIN:
                die()

    report = ingest(command["paths"], Settings(store=Path(command["store"])), progress=progress)
    if not report.ok:
        sys.stderr.write(f"{report.failed}\n")
        os._exit(1)


def _warm_up() -> None:
    """Extract, map and check one small article here, so that every forked child inherits the
    pipeline and kg's caches (the SHACL validator, the gazetteer's tables) instead of building
    them again. The store is not touched: its engine starts threads, and a process must not
    fork while they run."""
    from kg.extract import extract, load_nlp
    from kg.ingest.text import parse_text
    from kg.rdf.mapping import article_graphs
    from kg.rdf.shacl import check_article
    from kg.resolve.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    text = "Mara Quentin said that the council would meet in May.\n"
    article = parse_text(text, key="warm", source="warm", sha256="0" * 64)
    check_article(article_graphs(extract(article, load_nlp()), gazetteer).graph, gazetteer)


def serve() -> None:
    _warm_up()
    for line in sys.stdin:
        command = json.loads(line)
        pid = os.fork()
        if pid == 0:  # the child: run, and never return into this loop
            code = 0
            try:
                _child(command)
            except BaseException as exc:
                sys.stderr.write(f"ingest child failed: {exc!r}\n")
                code = 2
            finally:
                sys.stderr.flush()
                os._exit(code)
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        ended = {"pid": pid, "code": None, "signal": None}
        if os.WIFSIGNALED(status):
            ended["signal"] = os.WTERMSIG(status)
        else:
            ended["code"] = os.WEXITSTATUS(status)
        print(json.dumps(ended), flush=True)


@dataclass(frozen=True)
class Ended:
    pid: int
    code: int | None
    signal: int | None


class IngestServer:
    """The server as a context manager: `start()` a run, `wait()` for its end, or `run()` both."""

    def __init__(self, log: Path) -> None:
        root = Path(__file__).resolve().parents[2]
        env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
        self._log = open(log, "wb")  # noqa: SIM115 (closed in __exit__)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.ingest_server"],
            cwd=root,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        self.log = log

    def __enter__(self) -> IngestServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.stdout.close()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()

    def _read(self) -> dict[str, Any]:
        stdout: IO[str] | None = self.proc.stdout
        assert stdout is not None
        line = stdout.readline()
        if not line:
            raise RuntimeError(f"the ingest server died:\n{self.log.read_text()[-3000:]}")
        return dict(json.loads(line))

    def start(
        self,
        store: Path,
        paths: list[Path],
        *,
        kill_after: int | None = None,
        jitter: float = 0.0,
        gate: Path | None = None,
        flush_every: int | None = None,
    ) -> int:
        """Fork a run; returns its pid (the pid that holds the store's writer lock)."""
        command = {
            "store": str(store),
            "paths": [str(p) for p in paths],
            "kill_after": kill_after,
            "jitter": jitter,
            "gate": str(gate) if gate else None,
            "flush_every": flush_every,
        }
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        return int(self._read()["pid"])

    def wait(self) -> Ended:
        ended = self._read()
        return Ended(ended["pid"], ended["code"], ended["signal"])

    def run(self, store: Path, paths: list[Path], **kw: Any) -> Ended:
        self.start(store, paths, **kw)
        return self.wait()


if __name__ == "__main__":
    serve()
