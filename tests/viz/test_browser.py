"""The HTML view in a real headless Chromium (Playwright), with every network request blocked.

Skipped when Chromium (/usr/bin/chromium, or $KG_CHROMIUM) or playwright is missing.
`KG_SCREENSHOT=docs/graph.png pytest tests/viz/test_browser.py -k china` also saves a screenshot of
the focused view of China, with the most widely stated claim in the panel (the README's picture).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.settings import Settings
from kg.viz import html as viz
from tests.helpers.graphs import EMOJI, EX, EXTERNAL, HOSTILE_ARTICLE, explore_graph, sample_graph

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("KG_CHROMIUM") or "/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (set KG_CHROMIUM)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PWN = "window.__pwned=1"
PAYLOADS = [
    f"</script><script>{PWN}</script>",
    f'<img src=x onerror="{PWN}">',
    f"<svg onload={PWN}>",
    '"><iframe srcdoc="<script>parent.__pwned=1</script>">',
    f"<a href=javascript:{PWN}>x</a>",
    "\u202eevil\u2028line",
]
READY = "body[data-kg-ready='1']"
TIMEOUT = 20_000


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    types = ["actor", "statement", "claim", "evidence", "article"]
    for i, payload in enumerate(PAYLOADS):
        node = f"{EX}h{i}?q=<b>{i}</b>"
        g.add_node(
            node,
            type=types[i % len(types)],
            label=payload,
            kind=payload,
            aliases=[payload, f"alias {i}"],
            text=payload,
            speaker=payload,
            sentence=f"{EMOJI}{payload}{payload}",
            highlight=[1, 1 + len(payload)],
            article_title=payload,
            outlet=payload,
            date=payload,
            url=f"javascript:{PWN}" if i % 2 else f'https://x.example/"><script>{PWN}</script>',
            provenance=payload,
        )
        if i:
            g.add_edge(f"{EX}h{i - 1}?q=<b>{i - 1}</b>", node, type="says")
    return g


def grid_graph(count: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i in range(count):
        g.add_node(f"{EX}g{i}", type="actor" if i % 4 == 0 else "claim", label=f"g{i}")
    for i in range(1, count):
        edge = "about" if i % 4 else "same_as"
        g.add_edge(f"{EX}g{i}", f"{EX}g{(i - 1) // 2 * 2}", type=edge)
    return g


@dataclass
class Loaded:
    page: Any
    aborted: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def check_clean(self) -> None:
        assert self.aborted == [], f"the page tried to fetch: {self.aborted}"
        assert self.errors == [], f"console or page errors: {self.errors}"

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def wait_until(self, expression: str, arg: Any = None) -> None:
        """Poll with `evaluate`: Playwright's wait_for_function uses eval, which the page's
        Content-Security-Policy (rightly) forbids."""
        deadline = time.monotonic() + TIMEOUT / 1000
        while not self.js(expression, arg):
            assert time.monotonic() < deadline, f"timed out waiting for {expression}"
            self.page.wait_for_timeout(50)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def load(browser: Any, tmp_path: Path) -> Iterator[Any]:
    contexts: list[Any] = []

    def open_graph(
        graph: nx.MultiDiGraph | Path, *, bypass_csp: bool = False, **options: Any
    ) -> Loaded:
        """Open a graph (written to a page here) or a page already written."""
        if isinstance(graph, Path):
            path = graph
        else:
            path = tmp_path / f"graph{len(contexts)}.html"
            viz.write_html(graph, path, **options)
        url = path.resolve().as_uri()
        size = {"width": 1280, "height": 800}
        context = browser.new_context(viewport=size, bypass_csp=bypass_csp)
        contexts.append(context)
        page = context.new_page()
        loaded = Loaded(page)

        def route(request_route: Any) -> None:
            if request_route.request.url == url:
                request_route.continue_()
            else:
                loaded.aborted.append(request_route.request.url)
                request_route.abort()

        page.route("**/*", route)

        def console(message: Any) -> None:
            if message.type in ("error", "warning"):
                loaded.errors.append(f"{message.type}: {message.text}")

        page.on("console", console)
        page.on("pageerror", lambda err: loaded.errors.append(f"pageerror: {err}"))
        page.goto(url)
        page.wait_for_selector(READY, state="attached", timeout=TIMEOUT)
        return loaded

    yield open_graph
    for context in contexts:
        context.close()


def test_page_loads_offline_and_draws_every_node(load: Any) -> None:
    graph = sample_graph()
    loaded = load(graph)
    assert loaded.js("window.kgNetwork.body.data.nodes.length") == graph.number_of_nodes()
    assert loaded.js("window.kgNetwork.body.data.edges.length") == graph.number_of_edges()
    assert loaded.js("window.kgData.nodes.length") == graph.number_of_nodes()
    # vis-network renders a string `title` as HTML: the page must never pass one.
    assert loaded.js("window.kgNetwork.body.data.nodes.get().every(n => !('title' in n))")
    assert loaded.js("window.kgNetwork.body.data.edges.get().every(e => !('title' in e))")
    assert loaded.js("document.querySelectorAll('#kg-legend li').length") >= 5
    assert loaded.page.locator("#kg-physics").is_checked()
    loaded.check_clean()


def test_big_graph_loads_without_physics(load: Any) -> None:
    graph = grid_graph(viz.SPRING_MAX_NODES + 200)  # radial layout, physics off
    loaded = load(graph)
    assert loaded.js("window.kgNetwork.body.data.nodes.length") == graph.number_of_nodes()
    assert not loaded.page.locator("#kg-physics").is_checked()
    positions = loaded.js("Object.values(window.kgNetwork.getPositions())")
    assert len({(round(p["x"]), round(p["y"])) for p in positions}) > len(positions) * 0.95
    loaded.check_clean()


def test_empty_graph_page(load: Any) -> None:
    loaded = load(nx.MultiDiGraph())
    assert "empty" in loaded.page.locator("#kg-empty").inner_text()
    assert loaded.js("window.kgNetwork") is None
    loaded.check_clean()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "without-csp"])
def test_hostile_payloads_do_not_execute(load: Any, bypass_csp: bool) -> None:
    """Escaping alone must hold: run once more with the page's CSP switched off."""
    graph = hostile_graph()
    title = f"</title><script>{PWN}</script>"
    loaded = load(graph, title=title, physics=False, bypass_csp=bypass_csp)
    page = loaded.page
    ids = loaded.js("window.kgData.nodes.map(n => n.id)")
    assert sorted(ids) == sorted(graph.nodes)
    shown: dict[str, Any] = {}
    for node in ids:  # the JS API path the click handler uses
        shown[node] = loaded.js(
            """id => {
                window.kgNetwork.selectNodes([id]);
                window.kgShowNode(id);
                const panel = document.getElementById("kg-details");
                return {
                    title: panel.querySelector("h2").textContent,
                    mark: panel.querySelector("mark").textContent,
                    links: [...panel.querySelectorAll("a")].map(a => [a.getAttribute("href"), a.rel]),
                };
            }""",
            node,
        )
    # The real click path: click a node where the canvas (not the legend) is on top.
    box = page.locator("#kg-network").bounding_box()
    target, point = loaded.js(
        """([ids, left, top]) => {
            for (const id of ids) {
                const p = window.kgNetwork.canvasToDOM(window.kgNetwork.getPosition(id));
                const hit = document.elementFromPoint(left + p.x, top + p.y);
                if (hit && hit.tagName === "CANVAS") return [id, p];
            }
            return [null, null];
        }""",
        [ids, box["x"], box["y"]],
    )
    assert target is not None
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    loaded.wait_until("id => window.kgNetwork.getSelectedNodes()[0] === id", target)
    clicked = page.locator("#kg-details h2").text_content()
    # Search renders labels too.
    page.fill("#kg-search", "<")
    page.wait_for_selector("#kg-results li", timeout=TIMEOUT)
    page.wait_for_timeout(300)  # let any injected onerror/onload fire

    assert loaded.js("window.__pwned") is None
    dangerous = "img, iframe, svg, script, object, embed"
    assert loaded.js(f"document.querySelectorAll('#kg-main :is({dangerous})').length") == 0
    assert loaded.js("document.querySelectorAll('script').length") == 3
    assert loaded.js("document.title") == title
    assert clicked == graph.nodes[target]["label"]
    for node, seen in shown.items():
        label = graph.nodes[node]["label"]
        assert seen["title"] == label  # shown literally, as text
        assert seen["mark"] == label
        for href, rel in seen["links"]:  # javascript: urls never became links
            assert href.startswith("https://x.example/")
            assert rel == "noopener noreferrer"
    assert sum(len(seen["links"]) for seen in shown.values()) == 3
    loaded.check_clean()


def test_search_by_alias_selects_the_node(load: Any) -> None:
    loaded = load(sample_graph())
    page = loaded.page
    for query, expected in (
        ("PRC", EX + "china"),
        ("america", EX + "usa"),
        ("Nvid", EX + "nvidia"),
    ):
        page.fill("#kg-search", "")
        page.locator("#kg-search").press_sequentially(query)
        loaded.wait_until(
            "id => { const s = window.kgNetwork.getSelectedNodes();"
            " return s.length === 1 && s[0] === id; }",
            expected,
        )
        assert (
            page.locator("#kg-details h2").text_content() == sample_graph().nodes[expected]["label"]
        )
    page.fill("#kg-search", "controls")  # three labels contain it: all selected
    loaded.wait_until("window.kgNetwork.getSelectedNodes().length === 3")
    page.keyboard.press("Escape")
    loaded.wait_until("window.kgNetwork.getSelectedNodes().length === 0")
    page.click("#kg-fit")
    page.keyboard.press("/")
    assert loaded.js("document.activeElement.id") == "kg-search"
    page.fill("#kg-search", "no such thing")
    loaded.wait_until("window.kgNetwork.getSelectedNodes().length === 0")
    assert page.locator("#kg-results h3").text_content() == "No match"
    loaded.check_clean()


def test_statement_panel_marks_the_exact_span(load: Any) -> None:
    graph = sample_graph()
    loaded = load(graph)
    page = loaded.page
    assert loaded.js("id => window.kgShowNode(id)", EX + "s1") is True
    attrs = graph.nodes[EX + "s1"]
    start, end = attrs["highlight"]
    assert page.locator("#kg-details mark").text_content() == attrs["sentence"][start:end]
    assert page.locator("#kg-details blockquote").text_content() == attrs["sentence"]
    panel = page.locator("#kg-details").inner_text()
    for key in ("speaker", "article_title", "outlet", "date", "provenance"):
        assert attrs[key] in panel
    link = page.locator("#kg-details a")
    assert link.get_attribute("href") == attrs["url"]
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert loaded.js("id => window.kgShowNode(id)", "no such node") is False
    loaded.check_clean()


def test_statement_and_claim_panels_show_the_evidence_offered(load: Any) -> None:
    graph = sample_graph()
    sentence = "Output fell -30% last year, the ministry said."
    graph.nodes[EX + "e1"].update(sentence=sentence, highlight=[12, 16])
    loaded = load(graph)
    page = loaded.page
    for node in ("s1", "c1"):  # the statement itself, and the claim it states
        assert loaded.js("id => window.kgShowNode(id)", EX + node) is True
        offered = page.locator("#kg-details .kg-offered")
        assert "Evidence offered (1)" in offered.inner_text()
        assert "statistic" in offered.inner_text()
        assert offered.locator("mark").text_content() == "-30%"
        assert offered.locator("blockquote").text_content() == sentence
    # the evidence's own panel shows its source sentence, and a statement without any none
    assert loaded.js("id => window.kgShowNode(id)", EX + "e1") is True
    assert page.locator("#kg-details .kg-sentence mark").first.text_content() == "-30%"
    graph.remove_node(EX + "e1")
    bare = load(graph)
    assert bare.js("id => window.kgShowNode(id)", EX + "s1") is True
    assert bare.page.locator("#kg-details .kg-offered").count() == 0
    loaded.check_clean()
    bare.check_clean()


def test_physics_toggle(load: Any) -> None:
    loaded = load(grid_graph(40), physics=False)
    page = loaded.page
    toggle = page.locator("#kg-physics")
    assert not toggle.is_checked()
    before = loaded.js("JSON.stringify(window.kgNetwork.getPositions())")
    page.wait_for_timeout(300)
    assert loaded.js("JSON.stringify(window.kgNetwork.getPositions())") == before
    toggle.check()
    loaded.wait_until(
        "before => JSON.stringify(window.kgNetwork.getPositions()) !== before", before
    )
    toggle.uncheck()
    page.wait_for_timeout(100)
    frozen = loaded.js("JSON.stringify(window.kgNetwork.getPositions())")
    page.wait_for_timeout(400)
    assert loaded.js("JSON.stringify(window.kgNetwork.getPositions())") == frozen
    loaded.check_clean()


def click_node_of_type(loaded: Loaded, kind: str) -> str:
    """Click, with the mouse, a visible node of this type where the canvas is on top."""
    box = loaded.page.locator("#kg-network").bounding_box()
    found = loaded.js(
        """([kind, left, top]) => {
            const visible = new Set(window.kgVisible());
            for (const node of window.kgData.nodes) {
                if (node.type !== kind || !visible.has(node.id)) continue;
                const p = window.kgNetwork.canvasToDOM(window.kgNetwork.getPosition(node.id));
                const hit = document.elementFromPoint(left + p.x, top + p.y);
                if (hit && hit.tagName === "CANVAS"
                    && window.kgNetwork.getNodeAt(p) === node.id) return [node.id, p];
            }
            return [null, null];
        }""",
        [kind, box["x"], box["y"]],
    )
    node, point = found
    assert node is not None, f"no {kind} node to click"
    loaded.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    loaded.wait_until("id => window.kgNetwork.getSelectedNodes()[0] === id", node)
    return str(node)


def test_filters_narrow_to_statements_and_their_sources(load: Any) -> None:
    graph = explore_graph()
    loaded = load(graph)
    page = loaded.page
    everything = sorted(graph.nodes)
    assert sorted(loaded.js("window.kgVisible()")) == everything
    assert page.locator("#kg-f-outlet option").all_text_contents() == [
        "any",
        "Example Times",
        "Other Wire",
    ]
    page.select_option("#kg-f-outlet", "Other Wire")
    expected = {EX + n for n in ("s2", "china", "c1", "art2")}
    loaded.wait_until("n => window.kgVisible().length === n", len(expected))
    assert set(loaded.js("window.kgVisible()")) == expected
    hidden_edges = loaded.js("window.kgNetwork.body.data.edges.get().filter(e => e.hidden).length")
    assert hidden_edges == graph.number_of_edges() - 5  # s2: says, states, appears in; c1: about x2
    page.select_option("#kg-f-outlet", "")
    page.fill("#kg-f-since", "2024-01-01")  # s2 is from 2023
    loaded.wait_until("id => !window.kgVisible().includes(id)", EX + "s2")
    assert EX + "s1" in loaded.js("window.kgVisible()")
    page.click("#kg-f-reset")
    page.select_option("#kg-f-topic", "competition and the AI race")
    loaded.wait_until("id => !window.kgVisible().includes(id)", EX + "s1")
    page.click("#kg-f-reset")
    page.uncheck("#kg-f-stance input[value='denies']")
    loaded.wait_until("id => !window.kgVisible().includes(id)", EX + "s2")
    page.click("#kg-f-reset")
    page.select_option("#kg-f-kind", "state")  # both speakers are states
    page.fill("#kg-f-actor", "America")  # an alias: the statements by or about the US
    loaded.wait_until("id => !window.kgVisible().includes(id)", EX + "s2")
    assert EX + "usa" in loaded.js("window.kgVisible()")
    page.fill("#kg-f-actor", "Atlantis")
    loaded.wait_until("window.kgVisible().length === 0")
    assert "No actor" in page.locator("#kg-f-status").text_content()
    page.click("#kg-f-reset")
    page.uncheck("#kg-f-evidence")
    page.uncheck("#kg-f-articles")
    loaded.wait_until("n => window.kgVisible().length === n", len(everything) - 3)
    assert page.locator("#kg-count").text_content() == f"{len(everything) - 3} of 10 nodes shown"
    loaded.check_clean()


def test_panel_shows_other_sources_and_contradictions(load: Any) -> None:
    loaded = load(explore_graph())
    page = loaded.page
    loaded.js("id => window.kgShowNode(id)", EX + "s1")
    same = page.locator("#kg-details .kg-same li").all_inner_texts()
    assert len(same) == 1 and "China" in same[0] and "Other Wire" in same[0]
    against = page.locator("#kg-details .kg-against").inner_text()
    assert against.startswith("Sources that deny it (1)") and "China" in against
    assert "Controls backfire." in page.locator("#kg-details .kg-contra").inner_text()
    assert page.locator("#kg-details mark").text_content() == "export controls"
    loaded.js("id => window.kgShowNode(id)", EX + "c1")
    stated = page.locator("#kg-details .kg-stated mark").all_text_contents()
    assert stated == ["export controls", "controls slow China"]
    loaded.js("id => window.kgShowNode(id)", EX + "e1")
    assert page.locator("#kg-details .kg-supports mark").text_content() == "export controls"
    page.click("#kg-details .kg-back")  # back to the claim, then to the first statement
    assert page.locator("#kg-details h2").text_content() == "Controls slow China."
    page.click("#kg-details .kg-back")
    assert page.locator("#kg-details h2").text_content() == "US: controls work"
    assert page.locator("#kg-details .kg-back").count() == 0
    loaded.check_clean()


@pytest.fixture(scope="module")
def corpus_pages(golden_store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample corpus view and the focused view of China, written by `kg viz`."""
    from click.testing import CliRunner

    from kg.cli import main

    out = tmp_path_factory.mktemp("pages")
    pages = {"all": out / "all.html", "china": out / "china.html"}
    for name, extra in (("all", []), ("china", ["--focus", "China"])):
        args = ["viz", "--store", str(golden_store), "-o", str(pages[name]), *extra]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        text = pages[name].read_text(encoding="utf-8")
        assert not EXTERNAL.search(text)
        assert "://" not in text.replace(viz.vis_assets()[0], "")  # article links are escaped
    return pages


def test_sample_corpus_search_filter_click_claim(load: Any, corpus_pages: dict[str, Path]) -> None:
    loaded = load(corpus_pages["all"])
    page = loaded.page
    total = loaded.js("window.kgData.nodes.length")
    # an alias of China ("Beijing" is also the city, a place actor of its own since issue 18)
    page.locator("#kg-search").press_sequentially("People's Republic of China")
    loaded.wait_until("() => document.querySelector('#kg-details h2')?.textContent === 'China'")
    # the outlet with the fewest statements: its view is small enough for a layout of its own
    outlet = loaded.js(
        """() => { const c = {};
            for (const n of window.kgData.nodes)
                if (n.type === 'statement') c[n.outlet] = (c[n.outlet] || 0) + 1;
            return Object.keys(c).sort((a, b) => c[a] - c[b] || a.localeCompare(b))[0]; }"""
    )
    page.select_option("#kg-f-outlet", outlet)
    loaded.wait_until("document.body.dataset.kgSettled === '1'")  # after a layout of its own
    assert loaded.js("window.kgVisible().length") <= loaded.js("window.kgData.physicsMax") < total
    assert not page.locator("#kg-physics").is_checked()
    assert loaded.js("window.kgNetwork.physics.options.enabled") is False  # still again
    outlets = loaded.js(
        """() => { const v = new Set(window.kgVisible());
            return [...new Set(window.kgData.nodes
                .filter(n => n.type === 'statement' && v.has(n.id)).map(n => n.outlet))]; }"""
    )
    assert outlets == [outlet]
    claim = click_node_of_type(loaded, "claim")
    assert page.locator("#kg-details .kg-type").text_content().startswith("Claim")
    first = page.locator("#kg-details .kg-stated .kg-stmt").first
    statement = loaded.js(
        """id => window.kgData.edges.filter(e => e.to === id && e.type === 'states')
            .map(e => window.kgData.nodes.find(n => n.id === e.from))""",
        claim,
    )[0]
    # the statement's own sentence comes first (the evidence offered for it, if any, follows)
    assert first.locator("mark").first.text_content() == statement["sentence_parts"][1]
    assert first.locator("blockquote").first.text_content() == statement["sentence"]
    assert "pattern" in first.inner_text()  # the extraction provenance
    loaded.check_clean()


def test_focused_view_of_china_opens_offline(load: Any, corpus_pages: dict[str, Path]) -> None:
    loaded = load(corpus_pages["china"])
    assert "focus China" in loaded.page.locator("#kg-scope").text_content()
    china = loaded.js("window.kgData.nodes.find(n => n.label === 'China').id")
    assert loaded.js("id => window.kgShowNode(id)", china)
    click_node_of_type(loaded, "statement")
    assert loaded.page.locator("#kg-details mark").count() >= 1
    if os.environ.get("KG_SCREENSHOT"):
        claim = loaded.js(
            """() => {
                const stances = (claim) => new Set(window.kgData.edges
                    .filter(e => e.to === claim.id && e.type === 'states')
                    .map(e => window.kgData.nodes.find(n => n.id === e.from).stance)).size;
                const score = (n) => stances(n) * 100 + (n.weight || 0);
                return window.kgData.nodes.filter(n => n.type === 'claim')
                    .sort((a, b) => score(b) - score(a))[0].id;
            }"""
        )
        loaded.js("id => window.kgShowNode(id)", claim)
        loaded.page.click("#kg-fit")
        loaded.page.wait_for_timeout(600)
        loaded.page.screenshot(path=os.environ["KG_SCREENSHOT"])
    loaded.check_clean()


@pytest.mark.model
def test_hostile_article_does_not_execute(load: Any, tmp_path: Path) -> None:
    """A real article, ingested and extracted, whose strings carry script and HTML."""
    from kg.graph.projection import build_graph
    from kg.pipeline import ingest
    from kg.store.oxigraph import open_store

    article = tmp_path / "hostile.md"
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    report = ingest([article], Settings(store=tmp_path / "store"))
    assert report.ok, report.failed
    with open_store(tmp_path / "store", create=False) as store:
        graph = build_graph(store)
    texts = [str(v) for _, d in graph.nodes(data=True) for v in d.values()]
    for payload in ("<script>window.__pwned=1", "onerror=window.__pwned=7", "__pwned=9>"):
        assert any(payload in text for text in texts), f"{payload} did not reach the graph"
    loaded = load(graph, title=graph.nodes[next(iter(graph))]["label"])
    page = loaded.page
    for node in loaded.js("window.kgData.nodes.map(n => n.id)"):
        assert loaded.js("id => window.kgShowNode(id)", node)
    click_node_of_type(loaded, "statement")
    page.locator("#kg-search").press_sequentially("<img")
    page.wait_for_selector("#kg-results li", timeout=TIMEOUT)
    page.fill("#kg-f-actor", "<img")
    page.wait_for_timeout(400)  # let any injected handler fire
    assert loaded.js("window.__pwned") is None
    dangerous = "img, iframe, svg, script, object, embed, b"
    assert loaded.js(f"document.querySelectorAll('#kg-main :is({dangerous})').length") == 0
    assert loaded.js("document.querySelectorAll('a[href^=javascript]').length") == 0
    loaded.check_clean()


# --- the dispute map (issue 15) ---------------------------------------------------------------


def dispute_graph(label: str = "China") -> nx.MultiDiGraph:
    """explore_graph (the US asserts c1, China denies it) with Nvidia asserting c2, a claim that
    contradicts c1, in a third article; ``label`` names China (a payload in the hostile test)."""
    g = explore_graph()
    g.nodes[EX + "china"]["label"] = label
    g.nodes[EX + "s2"]["sentence"] = f"{EMOJI}{label} denied that controls slow China at all."
    g.nodes[EX + "s2"]["highlight"] = [1 + len(label) + 12, 1 + len(label) + 31]
    g.add_node(
        EX + "s3",
        type="statement",
        label="Nvidia: backfire",
        kind="asserts",
        stance="asserts",
        speaker="Nvidia",
        sentence="Nvidia said the controls backfire.",
        highlight=[12, 33],
        article_title="Chip maker speaks",
        outlet="Third Wire",
    )
    g.add_node(EX + "art3", type="article", label="Chip maker speaks")
    g.add_edge(EX + "nvidia", EX + "s3", type="says")
    g.add_edge(EX + "s3", EX + "c2", type="states")
    g.add_edge(EX + "s3", EX + "art3", type="appears_in")
    for u, v, key, kind in list(g.edges(keys=True, data="type")):
        if kind == "contradicts":
            g.edges[u, v, key]["why"] = f"frame, score 1: {label} | slow ~ control | backfire"
    return g


def click_map_edge(loaded: Loaded, kind: str) -> int:
    """Click with the mouse the middle of a dispute-map edge of this type."""
    box = loaded.page.locator("#kg-map").bounding_box()
    found = loaded.js(
        """([kind, left, top]) => {
            const map = window.kgMap;
            for (const [i, edge] of window.kgData.map.edges.entries()) {
                if (edge.type !== kind) continue;
                const a = map.getPosition(edge.from), b = map.getPosition(edge.to);
                const p = map.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
                const hit = document.elementFromPoint(left + p.x, top + p.y);
                if (hit && hit.tagName === "CANVAS" && map.getEdgeAt(p) === i) return [i, p];
            }
            return [null, null];
        }""",
        [kind, box["x"], box["y"]],
    )
    edge, point = found
    assert edge is not None, f"no {kind} edge to click"
    loaded.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    return int(edge)


def test_dispute_map_opens_offline_and_a_click_lists_the_claims_with_their_sentences(
    load: Any,
) -> None:
    graph = dispute_graph()
    loaded = load(graph, view="map", physics=False)
    page = loaded.page
    loaded.wait_until("document.body.dataset.kgMapReady === '1'")
    assert loaded.js("document.body.dataset.kgView") == "map"
    assert page.locator("#kg-network").is_hidden() and page.locator("#kg-map").is_visible()
    assert loaded.js("window.kgMap.body.data.nodes.length") == 3  # the three actors
    kinds = loaded.js("window.kgData.map.edges.map(e => e.type).sort()")
    assert kinds.count("disputes") == 2 and "speaks_about" in kinds
    # the legend sits under the drawing, never over it
    legend = page.locator("#kg-legend").bounding_box()
    canvas = page.locator("#kg-canvas").bounding_box()
    assert legend["y"] >= canvas["y"] + canvas["height"] - 1
    assert "disputes" in page.locator("#kg-legend").inner_text()
    click_map_edge(loaded, "disputes")
    loaded.wait_until("document.querySelectorAll('#kg-details .kg-stmt').length > 0")
    panel = page.locator("#kg-details")
    title = panel.locator("h2").text_content()
    assert "disputes" in title
    blocks = panel.locator(".kg-stmt blockquote").all_text_contents()
    marks = panel.locator(".kg-stmt mark").all_text_contents()
    if "Nvidia" in title:  # the contradiction: both sentences, and why the claims were linked
        assert "Nvidia said the controls backfire." in blocks
        assert "the controls backfire" in marks
        assert "Why linked: frame" in panel.inner_text()
    else:
        assert f"{EMOJI}China denied that controls slow China at all." in blocks
        assert "controls slow China" in marks
    # one click away: the claim view, on the statements of that edge
    panel.locator("button", has_text="Open in the claim view").click()
    loaded.wait_until("document.body.dataset.kgView === 'claims'")
    assert page.locator("#kg-network").is_visible() and page.locator("#kg-map").is_hidden()
    assert loaded.js("window.kgNetwork.getSelectedNodes().length") >= 1
    page.click("#kg-view")
    loaded.wait_until("document.body.dataset.kgView === 'map'")
    loaded.check_clean()


def test_an_actor_on_the_map_lists_its_disputes(load: Any) -> None:
    loaded = load(dispute_graph(), view="map", physics=False)
    loaded.wait_until("document.body.dataset.kgMapReady === '1'")
    assert loaded.js("id => window.kgShowMapActor(id)", EX + "usa") is True
    items = loaded.page.locator("#kg-details .kg-map-edge").all_inner_texts()
    assert items[0].startswith(("China disputes United States", "Nvidia disputes United States"))
    loaded.page.locator("#kg-details .kg-map-edge button").first.click()
    loaded.wait_until("document.querySelectorAll('#kg-details .kg-stmt').length === 2")
    loaded.check_clean()


def test_big_graph_opens_on_the_dispute_map(load: Any) -> None:
    g = dispute_graph()
    for i in range(viz.MAP_FIRST_NODES):  # filler claims: too many nodes to read one by one
        g.add_node(f"{EX}x{i}", type="claim", label=f"x{i}", text=f"claim {i}")
        g.add_edge(f"{EX}x{i}", EX + "china", type="about")
    loaded = load(g)
    loaded.wait_until("document.body.dataset.kgMapReady === '1'")
    assert loaded.js("document.body.dataset.kgView") == "map"
    assert loaded.page.locator("#kg-view").text_content() == "Claim view"
    small = load(dispute_graph())
    assert small.js("document.body.dataset.kgView") == "claims"
    loaded.check_clean()
    small.check_clean()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "without-csp"])
def test_hostile_text_on_the_dispute_map_is_inert(load: Any, bypass_csp: bool) -> None:
    for payload in PAYLOADS:
        loaded = load(dispute_graph(payload), view="map", physics=False, bypass_csp=bypass_csp)
        loaded.wait_until("document.body.dataset.kgMapReady === '1'")
        labels = {n["id"]: n["label"] for n in loaded.js("window.kgData.map.nodes")}
        verbs = {"disputes": "disputes", "agrees": "agrees with", "speaks_about": "speaks about"}
        for i, edge in enumerate(loaded.js("window.kgData.map.edges")):
            assert loaded.js("i => window.kgShowMapEdge(i)", i) is True
            title = f"{labels[edge['from']]} {verbs[edge['type']]} {labels[edge['to']]}"
            assert loaded.page.locator("#kg-details h2").text_content() == title  # as text
        assert loaded.js("id => window.kgShowMapActor(id)", EX + "china") is True
        assert loaded.page.locator("#kg-details h2").text_content() == payload
        loaded.page.wait_for_timeout(100)  # let any injected onerror/onload fire
        assert loaded.js("window.__pwned") is None
        dangerous = "img, iframe, svg, script, object, embed"
        assert loaded.js(f"document.querySelectorAll('#kg-main :is({dangerous})').length") == 0
        loaded.check_clean()
