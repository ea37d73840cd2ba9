"""A Dask cluster of real processes on 127.0.0.1 (`dask scheduler`, `dask worker`), for tests.

Each worker is one single-threaded process without a nanny, so a test can kill it by its PID
and the scheduler sees a worker die. Every process is stopped on exit, by PID.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

BIN = Path(sys.executable).parent
#: seconds for the scheduler to start and for workers to join (they import kg and spaCy)
START_TIMEOUT = 120.0


@dataclass
class Cluster:
    address: str
    scheduler: subprocess.Popen[bytes]
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def kill_worker(self, index: int = 0) -> None:
        proc = self.workers[index]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)


@contextmanager
def local_cluster(workdir: Path, workers: int = 2) -> Iterator[Cluster]:
    """Start a scheduler and ``workers`` worker processes; stop them all on exit."""
    from distributed import Client

    dask = str(BIN / "dask")
    info = workdir / "scheduler.json"
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    procs: list[subprocess.Popen[bytes]] = []
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}

    def start(name: str, *args: str) -> subprocess.Popen[bytes]:
        with (logs / f"{name}.log").open("wb") as log:  # the child keeps its own descriptor
            proc = subprocess.Popen(
                [dask, *args], stdout=log, stderr=subprocess.STDOUT, cwd=workdir, env=env
            )
        procs.append(proc)
        return proc

    try:
        scheduler = start(
            "scheduler",
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-dashboard",
            "--scheduler-file",
            str(info),
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not info.exists():
            if scheduler.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((logs / "scheduler.log").read_text())
            time.sleep(0.2)
        time.sleep(0.2)  # the file is written whole, but give it a moment
        address = json.loads(info.read_text())["address"]
        cluster = Cluster(address, scheduler)
        for n in range(workers):
            cluster.workers.append(
                start(
                    f"worker{n}",
                    "worker",
                    address,
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--no-dashboard",
                    "--host",
                    "127.0.0.1",
                    "--death-timeout",
                    "60",
                    "--memory-limit",
                    "0",
                )
            )
        with Client(address, timeout=START_TIMEOUT, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=START_TIMEOUT)
        yield cluster
    finally:
        for proc in reversed(procs):
            _stop(proc)
