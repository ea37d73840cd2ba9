"""How fast `kg viz` writes a big page, and how soon headless Chromium can use it.

A synthetic article graph of N nodes and 3N edges (actors, statements, claims, evidence,
articles, with says/states/about/supports/appears-in/contradicts links) is written with
`kg.viz.html.write_html`; then the page is opened in headless Chromium with every network request
blocked, and timed until the page script marks it ready (body[data-kg-ready]), then a search
and a filter are timed inside the page. Writing is also timed at a quarter of the size: a
linear build takes about a quarter of the time there.

    .venv/bin/python bench/viz_speed.py                 # 5,000 nodes, 15,000 edges
    .venv/bin/python bench/viz_speed.py --nodes 20000   # bigger
    .venv/bin/python bench/viz_speed.py --screenshot output/bench.png
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.viz import html as viz

EX = "https://example.org/bench/"
KINDS = ("state", "government_body", "company", "person", "group", "organization")
OUTLETS = ("Example Times", "Sample Post", "Bench Wire", "Test Herald")
STANCES = ("asserts", "denies", "predicts", "questions")


def synthetic(nodes: int, seed: int = 7) -> nx.MultiDiGraph:
    """`nodes` nodes and 3 x `nodes` edges shaped like a merged article graph."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    counts = {
        "actor": nodes * 8 // 100,
        "article": nodes * 10 // 100,
        "claim": nodes * 30 // 100,
        "evidence": nodes * 12 // 100,
    }
    counts["statement"] = nodes - sum(counts.values())
    ids = {kind: [f"{EX}{kind}/{i}" for i in range(n)] for kind, n in counts.items()}
    for i, node in enumerate(ids["actor"]):
        g.add_node(
            node,
            type="actor",
            label=f"Actor {i}",
            kind=KINDS[i % len(KINDS)],
            aliases=[f"A{i}", f"Agency {i}"],
            weight=rng.randint(0, 40),
        )
    for i, node in enumerate(ids["article"]):
        g.add_node(node, type="article", label=f"Article {i}", outlet=OUTLETS[i % 4])
    for i, node in enumerate(ids["claim"]):
        g.add_node(node, type="claim", label=f"claim {i}", text=f"claim number {i} holds")
    for i, node in enumerate(ids["statement"]):
        art = rng.randrange(counts["article"])
        sentence = f"Actor said that claim number {i} holds, on page {art}."
        g.add_node(
            node,
            type="statement",
            label=f"claim number {i}",
            stance=STANCES[i % 4],
            text=f"claim number {i} holds",
            sentence=sentence,
            highlight=[15, 15 + len(f"claim number {i} holds")],
            speaker=f"Actor {i % counts['actor']}",
            article_title=f"Article {art}",
            outlet=OUTLETS[art % 4],
            date=f"20{20 + art % 6}-0{1 + art % 9}-1{art % 10}",
            url=f"https://news.example.com/{art}",
            provenance="pattern reported_speech; pipeline bench",
            topics=["export controls"] if i % 3 else ["AI safety"],
        )
        g.add_edge(rng.choice(ids["actor"]), node, type="says")
        g.add_edge(node, rng.choice(ids["claim"]), type="states")
        g.add_edge(node, ids["article"][art], type="appears_in")
    for i, node in enumerate(ids["evidence"]):
        g.add_node(node, type="evidence", label=f"evidence {i}", kind="statistic", text=f"{i}%")
        g.add_edge(node, rng.choice(ids["statement"]), type="supports")
    for _ in range(3 * nodes - g.number_of_edges()):
        if rng.random() < 0.1:
            g.add_edge(rng.choice(ids["claim"]), rng.choice(ids["claim"]), type="contradicts")
        else:
            g.add_edge(rng.choice(ids["claim"]), rng.choice(ids["actor"]), type="about")
    return g


def time_write(g: nx.MultiDiGraph, path: Path, runs: int = 3) -> float:
    """The best of a few runs (the machine is shared)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        viz.write_html(g, path, title="bench")
        best = min(best, time.perf_counter() - start)
    return best


def time_browser(path: Path, screenshot: Path | None) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("KG_CHROMIUM") or "/usr/bin/chromium"
    url = path.resolve().as_uri()
    args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=args)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        blocked: list[str] = []
        errors: list[str] = []
        page.route(
            "**/*",
            lambda r: (
                r.continue_()
                if r.request.url == url
                else (blocked.append(r.request.url), r.abort())
            ),
        )
        page.on("pageerror", lambda err: errors.append(str(err)))
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("body[data-kg-ready='1']", state="attached", timeout=120_000)
        wall = time.perf_counter() - start
        in_page = page.evaluate("performance.now()") / 1000
        search = page.evaluate(
            "() => { const t = performance.now(); window.kgSearch('Agency 12');"
            " return (performance.now() - t) / 1000; }"
        )
        filtered = page.evaluate(
            "() => { document.getElementById('kg-f-outlet').value = 'Bench Wire';"
            " const t = performance.now(); const n = window.kgApplyFilters();"
            " return [(performance.now() - t) / 1000, n]; }"
        )

        if screenshot:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot))
        browser.close()
    if blocked or errors:
        raise SystemExit(f"the page fetched {blocked} or failed: {errors}")
    return {
        "wall": wall,
        "in_page": in_page,
        "search": search,
        "filter": filtered[0],
        "shown": filtered[1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        quarter = synthetic(args.nodes // 4)
        full = synthetic(args.nodes)
        path = Path(tmp) / "bench.html"
        small = time_write(quarter, path)
        big = time_write(full, path)
        size = path.stat().st_size
        print(
            f"graph: {full.number_of_nodes():,} nodes, {full.number_of_edges():,} edges; "
            f"page {size / 1e6:.1f} MB"
        )
        print(f"write page: {big:.2f} s (best of 3)")
        print(
            f"write at a quarter of the size ({quarter.number_of_nodes():,} nodes, "
            f"{quarter.number_of_edges():,} edges): {small:.2f} s; "
            f"ratio full/quarter {big / small:.1f} (linear = 4)"
        )
        times = time_browser(path, args.screenshot)
        print(
            f"headless Chromium, network blocked: interactive (data-kg-ready) after "
            f"{times['wall']:.2f} s wall ({times['in_page']:.2f} s since navigation start)"
        )
        print(
            f"in the page: search {times['search'] * 1000:.0f} ms, "
            f"outlet filter {times['filter'] * 1000:.0f} ms ({times['shown']:,} nodes left shown)"
        )


if __name__ == "__main__":
    main()
