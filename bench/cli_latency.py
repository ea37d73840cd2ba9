"""Start-to-exit time of the read commands: `kg actors` and `kg timeline` against `kg stats`.

Usage: python bench/cli_latency.py [--store output/store] [--runs N] [--actor NAME]

Runs `kg stats`, `kg actors` and `kg timeline ACTOR` as fresh processes (what a person typing them
waits for: interpreter start, imports, opening the store, the queries, printing), N times each,
interleaved so that load on the machine falls on all three alike, and prints the median of each
and the ratios to `kg stats` (target: both under 1.5x). Needs a store: `make demo` builds one.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 1.5


def run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("output/store"))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--actor", default="Secretary Raimondo")
    opts = parser.parse_args()
    if not (opts.store / "CURRENT").is_file():
        raise SystemExit(f"no store at {opts.store}: run `make demo` first")
    store = ["--store", str(opts.store)]
    commands = {
        "kg stats": ["stats", *store],
        "kg actors": ["actors", *store],
        "kg timeline": ["timeline", opts.actor, *store],
    }
    for args in commands.values():  # warm the file cache
        run(args)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(opts.runs):
        for name, args in commands.items():
            times[name].append(run(args))
    base = statistics.median(times["kg stats"])
    print(f"median of {opts.runs} runs each, interleaved, store {opts.store}")
    worst = 0.0
    for name, values in times.items():
        median = statistics.median(values)
        ratio = median / base
        if name != "kg stats":
            worst = max(worst, ratio)
        print(f"{name:<12} {median:6.3f} s  {ratio:4.2f}x  (min {min(values):.3f} s)")
    print(
        f"worst ratio {worst:.2f}x (target under {TARGET}x): {'ok' if worst < TARGET else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
