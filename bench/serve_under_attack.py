"""`kg serve` under attack: hostile queries against --timeout 2 while a client asks `ASK {}`.

Usage: python bench/serve_under_attack.py [--store DIR] [--hostile 8] [--asks 200]
                                           [--cap-mb 2600] [--seconds-after 3]

Starts a real `kg serve --timeout 2` on 127.0.0.1 (on a store of the sample corpus unless
--store names one). First, quietly: 200 `ASK {}` and 50 runs of a saved query, for reference.
Then N attacker threads each send, again and again, a query that never ends within the limit
(a three-way cross product COUNT, and an ORDER BY over a two-way cross product that grows
memory) while one client sends 200 `ASK {}` one after another, 40 ms apart (so the attack
spans several deadlines: hostile workers are killed and replaced throughout). A sampler adds up the
resident memory of the server and all its processes (psutil: RSS, and PSS which counts
shared pages once) every 0.1 s. Prints the figures as JSON and one verdict line per
requirement: every ASK answered, p99 under 1 s, peak PSS under the cap, and no CPU used
once the attack stops.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg"]
HOSTILE = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?f",
]


def request(url: str, timeout: float = 60) -> tuple[int, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            resp.read()
            code = resp.status
    except urllib.error.HTTPError as exc:
        exc.read()
        code = exc.code
    except OSError:
        code = 0
    return code, time.perf_counter() - start


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "max_ms": round(max(ms), 2),
    }


class Sampler(threading.Thread):
    """Peak resident memory of a process and all its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_processes = 0
        self.stop = threading.Event()

    def sample(self) -> tuple[int, int, int]:
        rss = pss = 0
        procs = [self.root, *self.root.children(recursive=True)]
        for p in procs:
            try:
                info = p.memory_full_info()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        return rss, pss, len(procs)

    def run(self) -> None:
        while not self.stop.wait(0.1):
            try:
                rss, pss, n = self.sample()
            except psutil.NoSuchProcess:
                return
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_processes = max(self.peak_processes, n)


def tree_cpu(pid: int) -> float:
    root = psutil.Process(pid)
    total = 0.0
    for p in [root, *root.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            continue
    return total


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, help="a kg store (default: the sample corpus)")
    ap.add_argument("--hostile", type=int, default=8, help="attacker threads")
    ap.add_argument("--asks", type=int, default=200)
    ap.add_argument(
        "--interval", type=float, default=0.04, help="seconds between two ASKs under attack"
    )
    ap.add_argument("--cap-mb", type=float, default=2600, help="peak PSS the server may reach")
    ap.add_argument("--timeout", type=float, default=2.0, help="kg serve --timeout")
    ap.add_argument("--serve-args", default="", help="more kg serve options, space-separated")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-attack-") as tmp:
        store = args.store
        if store is None:
            store = Path(tmp) / "store"
            subprocess.run(
                [*KG, "ingest", "-q", str(ROOT / "corpus"), "--store", str(store)],
                check=True,
                capture_output=True,
            )
        serve = [*KG, "serve", "--store", str(store), "--port", "0"]
        serve += ["--timeout", str(args.timeout), *args.serve_args.split()]
        proc = subprocess.Popen(serve, stderr=subprocess.PIPE, text=True)
        try:
            return attack(proc, args)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def attack(proc: subprocess.Popen[str], args: argparse.Namespace) -> int:
    assert proc.stderr is not None
    line = proc.stderr.readline()
    while "kg serve:" not in line:
        if not line:
            raise SystemExit("kg serve did not start")
        line = proc.stderr.readline()
    m = re.search(r"(http://[\d.]+:\d+)/", line)
    assert m
    base = m.group(1)
    ask = f"{base}/sparql?query={urllib.parse.quote('ASK {}')}"
    saved = f"{base}/queries/top-speakers"
    sampler = Sampler(proc.pid)
    sampler.start()

    for _ in range(5):
        request(ask)
        request(saved)
    quiet_ask = [request(ask)[1] for _ in range(args.asks)]
    quiet_saved = [request(saved)[1] for _ in range(50)]
    idle_rss, idle_pss, _ = sampler.sample()

    stop = threading.Event()
    hostile: list[int] = []

    def attacker(i: int) -> None:
        query = HOSTILE[i % len(HOSTILE)]
        url = f"{base}/sparql?{urllib.parse.urlencode({'query': query})}"
        while not stop.is_set():
            hostile.append(request(url)[0])

    threads = [
        threading.Thread(target=attacker, args=(i,), daemon=True) for i in range(args.hostile)
    ]
    for t in threads:
        t.start()
    time.sleep(0.5)  # the attack is under way
    codes: list[int] = []
    seconds: list[float] = []
    attack_start = time.monotonic()
    for _ in range(args.asks):  # spread over several deadlines: kills and fresh workers too
        code, took = request(ask)
        codes.append(code)
        seconds.append(took)
        time.sleep(args.interval)
    attack_seconds = time.monotonic() - attack_start
    stop.set()
    for t in threads:
        t.join()
    time.sleep(args.timeout + 0.5)  # the last hostile queries reach their deadline
    cpu_before = tree_cpu(proc.pid)
    time.sleep(2)
    cpu_after = tree_cpu(proc.pid)
    sampler.stop.set()
    sampler.join()

    ok = sum(1 for c in codes if c == 200)
    figures = {
        "hostile_threads": args.hostile,
        "timeout_s": args.timeout,
        "quiet": {"ask": summary(quiet_ask), "saved_top_speakers": summary(quiet_saved)},
        "under_attack": {
            "seconds": round(attack_seconds, 1),
            "asks": len(codes),
            "answered_200": ok,
            **summary(seconds),
        },
        "hostile_answers": {str(c): hostile.count(c) for c in sorted(set(hostile))},
        "memory_mb": {
            "idle_rss": round(idle_rss / 2**20, 1),
            "idle_pss": round(idle_pss / 2**20, 1),
            "peak_rss_sum": round(sampler.peak_rss / 2**20, 1),
            "peak_pss_sum": round(sampler.peak_pss / 2**20, 1),
            "cap_pss": args.cap_mb,
            "peak_processes": sampler.peak_processes,
        },
        "cpu_s_in_2s_after_attack": round(cpu_after - cpu_before, 3),
    }
    print(json.dumps(figures, indent=2))
    p99 = percentile(seconds, 99)
    verdicts = [
        (ok == len(codes), f"every ASK answered: {ok}/{len(codes)}"),
        (p99 < 1.0, f"ASK p99 under attack {p99 * 1000:.0f} ms < 1000 ms"),
        (
            sampler.peak_pss / 2**20 < args.cap_mb,
            f"peak memory (PSS, server + workers) {sampler.peak_pss / 2**20:.0f} MB "
            f"< {args.cap_mb:.0f} MB",
        ),
        (cpu_after - cpu_before < 0.5, "no CPU used once the hostile queries are past"),
    ]
    for good, text in verdicts:
        print(("PASS " if good else "FAIL ") + text)
    return 0 if all(good for good, _ in verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
