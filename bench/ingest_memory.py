"""Ingest memory and speed as the corpus grows: peak RSS and articles/s, 1 and 2 workers.

Usage: python bench/ingest_memory.py [--sizes 100 1000 10000] [--workers 1 2]

Each (size, workers) runs `kg ingest FOLDER --workers N` on a fresh store in a fresh
subprocess over synthetic articles (tests/ingest_samples.py). Reported, from one run:
- peak RSS of the largest process (getrusage of the children: kg and its spaCy workers),
- peak RSS of the whole process tree (summed, sampled every 0.1 s with psutil),
- articles/s over the whole run, and net of start-up (the same command on one article).
Streaming means the peaks stay flat as the size grows 100x.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ingest_samples import write_synthetic  # noqa: E402


def run_once(folder: Path, store: Path, workers: int) -> tuple[float, float, float]:
    """(seconds, peak MB of the largest process, peak MB of the tree) for one ingest."""
    cmd = [sys.executable, "-m", "kg", "ingest", str(folder), "--store", str(store), "--quiet"]
    cmd += ["--workers", str(workers)]
    start = time.perf_counter()
    log = store.with_name("ingest.log")
    with log.open("wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT)
        tree_peak = _watch(proc)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"kg ingest failed: {log.read_text()[-2000:]}")
    # ru_maxrss of children: the largest single descendant reaped so far (KiB on Linux); each
    # measurement runs in its own process (see measure) so earlier runs do not count
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak, tree_peak / (1024 * 1024)


def _watch(proc: subprocess.Popen[bytes]) -> int:
    """Wait for ``proc``, sampling the summed RSS of it and its children; return the peak."""
    tree_peak = 0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            procs = [ps, *ps.children(recursive=True)]
            tree_peak = max(tree_peak, sum(p.memory_info().rss for p in procs))
        except psutil.Error:
            pass
        time.sleep(0.1)
    proc.wait()
    return tree_peak


def one(size: int, workers: int) -> None:
    """Child mode: generate, ingest once, print one tab-separated line of figures."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        folder = write_synthetic(Path(tmp) / "items", size)
        seconds, peak, tree = run_once(folder, Path(tmp) / "store", workers)
    print(f"{seconds:.2f}\t{peak:.0f}\t{tree:.0f}")


def measure(size: int, workers: int) -> tuple[float, float, float]:
    cmd = [sys.executable, __file__, "--one", str(size), str(workers)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{size} articles, {workers} workers: {done.stderr[-3000:]}")
    seconds, peak, tree = (float(x) for x in done.stdout.split())
    return seconds, peak, tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--one", type=int, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(*args.one)
        return
    print("workers  articles  seconds  articles/s  net articles/s  peak RSS MB  tree RSS MB")
    for workers in args.workers:
        startup, _, _ = measure(1, workers)
        for size in args.sizes:
            seconds, peak, tree = measure(size, workers)
            net = size / max(seconds - startup, 1e-9)
            print(
                f"{workers:>7}  {size:>8}  {seconds:>7.1f}  {size / seconds:>10.1f}  "
                f"{net:>14.1f}  {peak:>11.0f}  {tree:>11.0f}",
                flush=True,
            )
        print(f"(workers={workers}: start-up, one article, {startup:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
