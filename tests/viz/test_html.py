"""Fast tests of the HTML view (no browser): output, escaping, offline-ness, linear build."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.errors import VizError
from kg.viz import html as viz
from tests.helpers.graphs import EMOJI, EX, EXTERNAL, sample_graph

HOSTILE_LABEL = "</script><script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_URL = "javascript:alert(1)"
LINE_SEP = "line\u2028break\u2029here"
BIDI = "gnp.\u202eexe"

# Anything that would make the page fetch from elsewhere.
DATA_BLOCK = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.DOTALL)


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node(EX + "x1", type="actor", label=HOSTILE_LABEL, aliases=[HOSTILE_IMG, BIDI])
    g.add_node(
        EX + "x2",
        type="statement",
        label=HOSTILE_IMG,
        speaker=LINE_SEP,
        sentence=f"{EMOJI}{HOSTILE_IMG} said {HOSTILE_LABEL}",
        highlight=[1, 1 + len(HOSTILE_IMG)],
        url=HOSTILE_URL,
        article_title=BIDI,
    )
    g.add_edge(EX + "x1", EX + "x2", type="says")
    return g


def chain_graph(count: int) -> nx.MultiDiGraph:
    """`count` nodes: actors, each saying a statement that states a claim about the next."""
    g = nx.MultiDiGraph()
    for i in range(count):
        kind = ("actor", "statement", "claim")[i % 3]
        g.add_node(f"{EX}n{i}", type=kind, label=f"node {i}")
    edge_types = {"actor": "says", "statement": "states", "claim": "about"}
    for i in range(count - 1):
        g.add_edge(f"{EX}n{i}", f"{EX}n{i + 1}", type=edge_types[g.nodes[f"{EX}n{i}"]["type"]])
    return g


def page_data(page: str) -> dict[str, Any]:
    match = DATA_BLOCK.search(page)
    assert match, "no JSON data block"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def node_data(page: str, node: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [n for n in page_data(page)["nodes"] if n["id"] == node]
    assert len(found) == 1
    return found[0]


def test_write_html_writes_file_and_counts(tmp_path: Path) -> None:
    target = tmp_path / "out" / "graph.html"
    result = viz.write_html(sample_graph(), target, title="Chips")
    assert result == viz.VizResult(path=target, nodes=8, edges=8)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "<title>Chips</title>" in text
    assert text == viz.render_html(sample_graph(), title="Chips")
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.html"]  # no temp file left


def test_write_html_overwrites_and_reports_unwritable_path(tmp_path: Path) -> None:
    target = tmp_path / "g.html"
    target.write_text("old", encoding="utf-8")
    viz.write_html(sample_graph(), target)
    assert target.read_text(encoding="utf-8") != "old"
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(VizError, match="cannot write"):
        viz.write_html(sample_graph(), blocker / "g.html")
    with pytest.raises(VizError, match="cannot write"):
        viz.write_html(sample_graph(), tmp_path)  # a directory


def test_page_is_self_contained() -> None:
    page = viz.render_html(sample_graph())
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    vis_js, vis_css = viz.vis_assets()
    assert vis_js in page
    assert vis_css in page
    assert "sourceMappingURL" not in page
    # Outside pyvis' vis-network (whose licence header names its sites), no URL at all:
    # article urls only live in the JSON block, where "/" is escaped.
    own = page.replace(vis_js, "").replace(vis_css, "")
    assert "http://" not in own
    assert "https://" not in own
    assert "//news.example.com" not in page
    assert node_data(page, EX + "s1")["url"] == "https://news.example.com/chips?a=1&b=2"


def test_vis_assets_come_from_pyvis() -> None:
    from importlib import resources

    base = resources.files("pyvis").joinpath("templates", "lib", viz.VIS_DIR)
    shipped = base.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    vis_js, vis_css = viz.vis_assets()
    assert vis_js.strip() == re.sub(r"//# sourceMappingURL=\S+\s*$", "", shipped).strip()
    assert vis_css == base.joinpath("vis-network.css").read_text(encoding="utf-8")
    own_js = (Path(viz.__file__).parent / "assets" / "viz.js").read_text(encoding="utf-8")
    own_css = (Path(viz.__file__).parent / "assets" / "viz.css").read_text(encoding="utf-8")
    for text in (own_js, own_css):  # nothing that could end its <script>/<style> early
        assert "</script" not in text and "</style" not in text and "<!--" not in text
    assert "innerHTML" not in own_js.split("*/", 1)[1]  # data reaches the DOM as text only
    assert "://" not in own_js.split("*/", 1)[1] + own_css


def test_csp_allows_exactly_the_inline_scripts() -> None:
    page = viz.render_html(sample_graph())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp
    assert "default-src 'none'" in csp.group(1)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 2  # vis-network and the page script
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp.group(1)
    assert "unsafe-inline' " not in csp.group(1).split("style-src")[0]  # not for scripts


def test_hostile_strings_are_escaped() -> None:
    page = viz.render_html(hostile_graph(), title="</title><script>alert(2)</script>")
    for raw in (HOSTILE_LABEL, HOSTILE_IMG, "<script>alert", "</title><script>", "<img"):
        assert raw not in page
    assert HOSTILE_URL not in page
    assert "javascript:" not in page.replace(viz.vis_assets()[0], "")  # vis itself has one
    for char in ("\u2028", "\u2029", "\u202e", EMOJI):
        assert char not in page
    assert page.count("</script>") == 3  # data, vis-network, page script: nothing broke out
    assert page.replace(viz.vis_assets()[0], "").count("<script") == 3
    assert "&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page
    # The escaping is lossless: the page gets the exact strings back.
    actor = node_data(page, EX + "x1")
    assert actor["label"] == HOSTILE_LABEL
    assert actor["aliases"] == [HOSTILE_IMG, BIDI]
    statement = node_data(page, EX + "x2")
    assert statement["speaker"] == LINE_SEP
    assert statement["article_title"] == BIDI
    assert statement["sentence_parts"][1] == HOSTILE_IMG
    assert "url" not in statement
    assert page_data(page)["title"] == "</title><script>alert(2)</script>"


def test_canvas_labels_are_cleaned_and_short() -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", type="actor", label=BIDI + "\x00\n" + "x" * 100)
    g.add_node("b", type="claim", label="  ")
    page = viz.render_html(g)
    short = node_data(page, "a")["short"]
    assert "\u202e" not in short and "\x00" not in short and "\n" not in short
    assert len(short) == viz.LABEL_MAX and short.endswith("\u2026")
    assert node_data(page, "a")["label"].startswith(BIDI)  # the panel still gets it all
    assert node_data(page, "b")["short"] == "(no label)"


def test_highlight_is_split_by_code_points() -> None:
    page = viz.render_html(sample_graph())
    statement = node_data(page, EX + "s1")
    sentence = sample_graph().nodes[EX + "s1"]["sentence"]
    before, span, after = statement["sentence_parts"]
    assert span == sentence[17:32] == "export controls"
    assert before == f"{EMOJI} Officials said "
    assert before + span + after == sentence == statement["sentence"]


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.com/a", True),
        ("HTTP://example.com", True),
        ("  https://example.com/pad  ", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//example.com/protocol-relative", False),
        ("/relative/path", False),
        ("https://exa\nmple.com", False),
        ("http://[::1", False),
        ("vbscript:msgbox", False),
    ],
)
def test_only_http_links_are_kept(url: str, kept: bool) -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", type="article", label="A", url=url)
    assert ("url" in node_data(viz.render_html(g), "a")) is kept


def test_physics_default_and_positions() -> None:
    small = page_data(viz.render_html(chain_graph(viz.PHYSICS_MAX_NODES)))
    assert small["physics"] is True
    assert all("x" not in n for n in small["nodes"])
    large = page_data(viz.render_html(chain_graph(viz.PHYSICS_MAX_NODES + 1)))
    assert large["physics"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in large["nodes"])
    forced_off = page_data(viz.render_html(chain_graph(10), physics=False))
    assert forced_off["physics"] is False and all("x" in n for n in forced_off["nodes"])
    forced_on = page_data(viz.render_html(chain_graph(viz.PHYSICS_MAX_NODES + 1), physics=True))
    assert forced_on["physics"] is True and all("x" not in n for n in forced_on["nodes"])


def test_layout_is_deterministic_and_spread() -> None:
    for count in (40, 1200):  # spring layout, then the radial one
        first = viz.render_html(chain_graph(count), physics=False)
        assert first == viz.render_html(chain_graph(count), physics=False)
        points = {(n["x"], n["y"]) for n in page_data(first)["nodes"]}
        assert len(points) > count * 0.95


def test_big_graph_never_uses_pyvis_add_edge(monkeypatch: pytest.MonkeyPatch) -> None:
    from pyvis.network import Network

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("pyvis Network.add_edge/add_node is linear per call")

    for name in ("add_edge", "add_edges", "add_node", "add_nodes"):
        monkeypatch.setattr(Network, name, forbidden)
    g = chain_graph(2000)
    for i in range(0, 2000, 7):  # some extra links so it is not only a path
        g.add_edge(f"{EX}n{i}", f"{EX}n{(i * 31) % 2000}", type="same_as")
    page = viz.render_html(g)
    data = page_data(page)
    assert len(data["nodes"]) == 2000
    assert len(data["edges"]) == g.number_of_edges()
    assert data["physics"] is False


def test_empty_graph_writes_a_page(tmp_path: Path) -> None:
    result = viz.write_html(nx.MultiDiGraph(), tmp_path / "empty.html")
    assert (result.nodes, result.edges) == (0, 0)
    page = result.path.read_text(encoding="utf-8")
    assert "This graph is empty" in page
    assert viz.vis_assets()[0] not in page  # nothing to draw, no need for vis-network
    assert page_data(page)["nodes"] == []


def test_styles_sizes_and_legend() -> None:
    data = page_data(viz.render_html(sample_graph()))
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id[EX + "usa"]["group"] == "actor:state"
    assert by_id[EX + "nvidia"]["group"] == "actor:company"
    assert by_id[EX + "c1"]["group"] == "claim"
    assert by_id[EX + "usa"]["size"] > by_id[EX + "china"]["size"]  # weight 4 vs none
    assert {g["shape"] for g in data["groups"].values()} >= {"dot", "square", "diamond"}
    legend = data["legend"]
    assert [e["label"] for e in legend["nodes"]] == [
        "Actor",
        "Claim",
        "Statement",
        "Evidence",
        "Article",
    ]
    assert {e["label"] for e in legend["actorKinds"]} == {"state", "company"}
    assert len(legend["edges"]) == 6  # every edge type but same_as


@pytest.mark.parametrize(
    ("attrs", "message"),
    [
        ({"label": "no type"}, "unknown type"),
        ({"type": "person", "label": "x"}, "unknown type"),
        ({"type": "actor"}, "label must be a string"),
        ({"type": "actor", "label": "x", "weight": "heavy"}, "weight"),
        ({"type": "actor", "label": "x", "weight": float("nan")}, "weight"),
        ({"type": "actor", "label": "x", "aliases": "USA"}, "aliases"),
        ({"type": "claim", "label": "x", "text": ["a"]}, "text must be a string"),
        ({"type": "statement", "label": "x", "sentence": "abc", "highlight": [1, 9]}, "outside"),
        ({"type": "statement", "label": "x", "sentence": "abc", "highlight": [2, 1]}, "outside"),
        ({"type": "statement", "label": "x", "sentence": "abc", "highlight": "1-2"}, "highlight"),
    ],
)
def test_invalid_nodes_raise_viz_error(attrs: dict[str, Any], message: str) -> None:
    g = nx.MultiDiGraph()
    g.add_node("http://example.org/bad", **attrs)
    with pytest.raises(VizError, match=message) as caught:
        viz.render_html(g)
    assert "http://example.org/bad" in str(caught.value)


def test_invalid_graphs_raise_viz_error() -> None:
    with pytest.raises(VizError, match="networkx graph"):
        viz.render_html({"a": 1})  # type: ignore[arg-type]
    with pytest.raises(VizError, match="title"):
        viz.render_html(sample_graph(), title=None)  # type: ignore[arg-type]
    g = nx.MultiDiGraph()
    g.add_node(1, type="actor", label="int id")
    with pytest.raises(VizError, match="IRI strings"):
        viz.render_html(g)
    g = sample_graph()
    g.add_edge(EX + "usa", EX + "china", type="hates")
    with pytest.raises(VizError, match="unknown type 'hates'"):
        viz.render_html(g)


def test_embed_json_escapes_script_breakers() -> None:
    text = viz.embed_json({"s": "</script><!-- & \u2028 \u2029 https://x"})
    for raw in ("<", ">", "&", "\u2028", "\u2029", "://"):
        assert raw not in text
    assert json.loads(text) == {"s": "</script><!-- & \u2028 \u2029 https://x"}


def test_scope_and_note_are_escaped_and_shown() -> None:
    note = "<b>cut</b> to the top 3 actors"
    page = viz.render_html(sample_graph(), scope="focus <i>China</i>", note=note)
    assert '<span id="kg-scope">focus &lt;i&gt;China&lt;/i&gt;</span>' in page
    assert "<b>cut</b>" not in page
    assert page_data(page)["note"] == note  # the page script sets it as text
    assert page_data(viz.render_html(sample_graph()))["note"] is None
    with pytest.raises(VizError, match="the note must be a string"):
        viz.render_html(sample_graph(), note=3)  # type: ignore[arg-type]


def test_edge_styles_and_labels() -> None:
    data = page_data(viz.render_html(sample_graph()))
    styles = data["edgeStyles"]
    assert set(styles) == set(viz.EDGE_STYLES)
    assert styles["contradicts"]["dashes"] and styles["contradicts"]["width"] > 1
    assert styles["same_as"]["name"] == "same claim"
    assert styles["appears_in"]["name"] == "appears in"
    assert data["edgeLabels"] is True
    big = chain_graph(viz.EDGE_LABELS_MAX + 2)
    assert page_data(viz.render_html(big))["edgeLabels"] is False


def test_list_fields_are_kept_as_lists() -> None:
    g = nx.MultiDiGraph()
    g.add_node("e", type="evidence", label="x", context=["before ", "x", " after"])
    g.add_node("s", type="statement", label="y", topics={"b", "a"}, stance="denies")
    page = viz.render_html(g)
    assert node_data(page, "e")["context"] == ["before ", "x", " after"]
    assert node_data(page, "s")["topics"] == ["a", "b"]
    assert node_data(page, "s")["stance"] == "denies"
    g.nodes["e"]["context"] = ["only two", "parts"]
    with pytest.raises(VizError, match="context must be"):
        viz.render_html(g)


def test_cli_views(golden_store: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        out = str(tmp_path / "g.html")
        result = CliRunner().invoke(main, ["viz", "--store", str(golden_store), "-o", out, *args])
        return result.exit_code, result.stdout, result.stderr

    code, out, err = run("--topic", "export controls", "--since", "2024-01-01", "--top", "3")
    assert code == 0 and err == ""
    assert out.endswith(
        "(top 3 actors; topic \u201cexport controls\u201d; dated 2024-01-01 to any)\n"
    )
    data = page_data((tmp_path / "g.html").read_text(encoding="utf-8"))
    statements = [n for n in data["nodes"] if n["type"] == "statement"]
    chosen = [n for n in statements if "export controls" in n["topics"] and n["date"] >= "2024"]
    # the rest come along as the sources of claims linked (same claim, contradicts) to a chosen
    # statement's claim, so the panel shows both sides (kg.graph.views)
    claim_of = {e["from"]: e["to"] for e in data["edges"] if e["type"] == "states"}
    linked = {
        frozenset((e["from"], e["to"]))
        for e in data["edges"]
        if e["type"] in ("contradicts", "same_as")
    }
    chosen_claims = {claim_of[n["id"]] for n in chosen}
    assert chosen
    for n in statements:
        if n in chosen:
            continue
        assert any(frozenset((claim_of[n["id"]], c)) in linked for c in chosen_claims), n["id"]
    code, out, err = run("--max-nodes", "200")
    assert code == 0 and "cut to the top" in out
    assert err.startswith("Note: This view has") and "--focus ACTOR" in err
    assert "more than the limit of 200" in page_data((tmp_path / "g.html").read_text())["note"]
    code, _, err = run("--since", "2025-13-01")
    assert code == 2 and "2025-13-01" in err
    code, _, err = run("--topic", "zeppelins")
    assert code == 1 and "no statement matches topic" in err and "export controls" in err
