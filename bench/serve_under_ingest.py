"""`kg serve` while `kg ingest` writes to the same store from another process.

Usage: python bench/serve_under_ingest.py [--rounds N]

Starts the server on a store holding two corpus articles, then runs `kg ingest corpus/` (and N-1
more `--force` re-ingests) in a subprocess while a client polls the endpoint. Each answer
counts the article graphs and the provenance records for them; as ingest commits an article's
graph and its record in one transaction, the two are equal in every answer if the server sees
each article whole or not at all. Prints queries, errors, unequal answers, the distinct states
seen, snapshot reopens and failed reopens, and whether ingest met a lock.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from kg.serve.endpoint import ServeConfig
from kg.serve.http import make_server

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg"]
QUERY = """SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(DISTINCT ?m) AS ?records) WHERE {
  { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } }
  UNION { GRAPH <https://w3id.org/kg-aigeo/id/graph/meta> {
            ?m <http://www.w3.org/ns/prov#generatedAtTime> ?t }
          FILTER(STRSTARTS(STR(?m), "https://w3id.org/kg-aigeo/id/graph/article/")) } }"""


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2, help="ingest runs (the later ones --force)")
    args = ap.parse_args(argv)
    articles = sorted((ROOT / "corpus").glob("*.md"))
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as tmp:
        store = Path(tmp) / "store"
        first = [*KG, "ingest", "-q", "--store", str(store)]
        subprocess.run([*first, *map(str, articles[:2])], check=True, capture_output=True)
        server = make_server(ServeConfig(store, port=0))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        host, port = server.server_address[:2]
        url = f"http://{host}:{port}/sparql?" + urllib.parse.urlencode({"query": QUERY})

        stats = {"queries": 0, "errors": 0, "unequal": 0}
        states: set[tuple[int, int]] = set()
        done = threading.Event()

        def poll() -> None:
            while not done.is_set():
                try:
                    with urllib.request.urlopen(url, timeout=60) as resp:
                        row = json.load(resp)["results"]["bindings"][0]
                    graphs, records = int(row["graphs"]["value"]), int(row["records"]["value"])
                    states.add((graphs, records))
                    stats["unequal"] += graphs != records
                    stats["queries"] += 1
                except OSError:
                    stats["errors"] += 1
                time.sleep(0.02)

        poller = threading.Thread(target=poll)
        poller.start()
        t0 = time.perf_counter()
        lock_errors = 0
        for i in range(args.rounds):
            cmd = [*KG, "ingest", "-q", "--store", str(store), str(ROOT / "corpus")]
            proc = subprocess.run(cmd + (["--force"] if i else []), capture_output=True, text=True)
            lock_errors += "in use by another" in proc.stderr
            summary = (proc.stderr.strip().splitlines() or [""])[-1]  # kg ingest's last line
            print(f"ingest {i + 1}: exit {proc.returncode}: {summary}", flush=True)
        time.sleep(2 * server.endpoint.config.refresh + 1)  # let the last snapshot open
        done.set()
        poller.join()
        snaps = server.endpoint.snapshots
        server.shutdown()
        server.server_close()
    print(
        f"{stats['queries']} queries in {time.perf_counter() - t0:.0f} s while ingesting: "
        f"{stats['errors']} errors, {stats['unequal']} answers with a partial article, "
        f"states seen (graphs, records): {sorted(states)}; snapshot reopens {snaps.reopens}, "
        f"failed reopens {snaps.failed_reopens}; ingest lock errors {lock_errors}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
