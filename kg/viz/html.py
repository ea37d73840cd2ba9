"""The HTML view: one self-contained page that draws the graph with vis-network, offline.

The page inlines the vis-network JS and CSS shipped inside the pyvis package (no CDN, no
Bootstrap), plus the page's own script and style from ``kg/viz/assets/``. Graph data is
embedded once, as JSON in a ``<script type="application/json">`` block escaped so that no
string from an article can end the block, and the page script only ever puts that data into
the DOM as text. A Content-Security-Policy (scripts allowed by hash only, no fetches at all)
backs this up. Building is linear in nodes + edges (plus a sort); vis nodes and edges are
written directly, never through pyvis' per-call ``add_edge``.

Everything an analyst does in the page (search, filters, the side panel with the source
sentence, other sources and contradictions) runs client-side in ``viz.js`` over that JSON; the
page derives the statement structure from the typed edges, so it needs nothing but the graph.

The page has two views of the same data: the claim-level graph, and the dispute map
(kg.graph.disputes: actors as nodes; "disputes", "agrees with" and "speaks about" edges weighted
by the number of claims and coloured by stance), from which a click lists the claims behind an
edge or an actor with their source sentences. The map opens first when the graph has more than
`MAP_FIRST_NODES` nodes, too many to read claim by claim; a header button switches views. The
legend sits under the drawing, never over it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import math
import os
import re
import secrets
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import networkx as nx

from kg.errors import VizError
from kg.graph.disputes import dispute_map

PHYSICS_MAX_NODES = 300  # physics is on by default up to this many nodes
SPRING_MAX_NODES = 499  # above this, networkx' spring layout needs scipy: use the radial one
LABEL_MAX = 40  # code points of a label drawn on the canvas (the panel shows it all)
VIS_DIR = "vis-9.1.2"  # the vis-network build pyvis 0.3.2 itself inlines

NODE_STYLES: dict[str, tuple[str, str, str, float]] = {
    # type: (colour, vis shape, legend label, base size)
    "actor": ("#4e79a7", "dot", "Actor", 14.0),
    "claim": ("#f28e2b", "square", "Claim", 12.0),
    "statement": ("#b07aa1", "diamond", "Statement", 10.0),
    "evidence": ("#59a14f", "triangle", "Evidence", 10.0),
    "article": ("#9c755f", "hexagon", "Article", 10.0),
}
ACTOR_KINDS: dict[str, str] = {  # actors share the dot shape, with a blue/teal shade per kind
    "state": "#1d3f6e",
    "government_body": "#2b5c9e",
    "international_body": "#4a7fc1",
    "organization": "#7ba3d6",
    "company": "#1b7f8c",
    "model": "#2aa3b3",
    "chip": "#6cc5d0",
    "rule": "#8796b0",
    "person": "#5a4fcf",
    "group": "#8c84e0",
    "anonymous": "#a7abb8",
    "place": "#b8a98c",
}
EDGE_STYLES: dict[str, tuple[str, bool, bool, str, str, float]] = {
    # type: (colour, dashed, arrow, legend label, label on the edge, width)
    "says": ("#4e79a7", False, True, "says (actor \u2192 statement)", "says", 1.0),
    "states": ("#b07aa1", False, True, "states (statement \u2192 claim)", "states", 1.0),
    "about": ("#f28e2b", False, True, "about (claim \u2192 actor)", "about", 1.0),
    "supports": ("#59a14f", False, True, "supports (evidence \u2192 statement)", "supports", 1.0),
    "appears_in": (
        "#9c755f",
        True,
        True,
        "appears in (statement \u2192 article)",
        "appears in",
        1.0,
    ),
    "contradicts": ("#e15759", True, False, "contradicts (claim \u2014 claim)", "contradicts", 2.5),
    "same_as": ("#76b7b2", True, False, "same claim (claim \u2014 claim)", "same claim", 2.0),
}
#: the dispute map's edges: (colour, legend label, label on the edge); "speaks about" is
#: coloured by the stance of the statements behind it
MAP_EDGE_STYLES: dict[str, tuple[str, str, str]] = {
    "disputes": ("#d62728", "disputes (asserts \u2014 denies or contradicts)", "disputes"),
    "agrees": ("#2ca02c", "agrees with (the same claim, the same stance)", "agrees with"),
    "speaks_about": ("#8796b0", "speaks about (actor \u2192 actor its claims are about)", "about"),
}
STANCE_COLOURS: dict[str, str] = {
    "asserts": "#8796b0",
    "predicts": "#b07aa1",
    "questions": "#edc948",
    "denies": "#e15759",
}
MAP_FIRST_NODES = PHYSICS_MAX_NODES  # the dispute map opens first above this many nodes
EDGE_LABELS_MAX = 400  # edges drawn with their type written on them (when zoomed in) up to this
TEXT_FIELDS = ("kind", "stance", "text", "speaker", "article_title", "outlet", "provenance")
LIST_FIELDS = ("aliases", "topics", "context")
ASSETS = Path(__file__).with_name("assets")
# Characters that would reorder or hide text when a label is drawn on the canvas.
_UNDRAWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=\S*\s*$", re.MULTILINE)
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", ord("/"): "\\/"}
_TOKEN = re.compile(r"@@([A-Z_]+)@@")

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="@@CSP@@">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@@TITLE@@</title>
<style>@@VIS_CSS@@</style>
<style>@@PAGE_CSS@@</style>
</head>
<body>
<header id="kg-header">
<h1 id="kg-title">@@TITLE@@</h1>
<input id="kg-search" type="search" placeholder="Search a name, alias or claim  ( / )" autocomplete="off"
 spellcheck="false" aria-label="Search nodes by label or alias">
<label class="kg-toggle"><input id="kg-physics" type="checkbox"> Physics</label>
<button id="kg-fit" type="button">Fit</button>
<button id="kg-view" type="button" aria-pressed="false">Dispute map</button>
<span id="kg-scope">@@SCOPE@@</span>
<span id="kg-count">@@COUNT@@</span>
</header>
<form id="kg-filters" autocomplete="off" aria-label="Filters">
<label>Actor <input id="kg-f-actor" type="search" list="kg-actors" placeholder="name or alias"
 spellcheck="false"></label><datalist id="kg-actors"></datalist>
<label>Speaker kind <select id="kg-f-kind"><option value="">any</option></select></label>
<label>Topic <select id="kg-f-topic"><option value="">any</option></select></label>
<label>Outlet <select id="kg-f-outlet"><option value="">any</option></select></label>
<label>From <input id="kg-f-since" type="date"></label>
<label>to <input id="kg-f-until" type="date"></label>
<span id="kg-f-stance" role="group" aria-label="Stance"></span>
<label class="kg-toggle"><input id="kg-f-evidence" type="checkbox" checked> Evidence</label>
<label class="kg-toggle"><input id="kg-f-articles" type="checkbox" checked> Articles</label>
<button id="kg-f-reset" type="button">Reset</button>
<span id="kg-f-status" role="status"></span>
</form>
<p id="kg-note" hidden></p>
<main id="kg-main">
<div id="kg-stage"><div id="kg-canvas">@@EMPTY@@<div id="kg-network"></div>
<div id="kg-map" hidden></div></div><div id="kg-legend"></div></div>
<aside id="kg-panel" aria-live="polite">
<section id="kg-results"></section>
<section id="kg-details"><p class="kg-hint">Click a node to see its details.</p></section>
</aside>
</main>
<script type="application/json" id="kg-data">@@DATA@@</script>
@@SCRIPTS@@
</body>
</html>
"""
_EMPTY = '<p id="kg-empty">This graph is empty: there is nothing to show yet.</p>'


@dataclass(frozen=True)
class VizResult:
    path: Path
    nodes: int
    edges: int


def write_html(
    graph: nx.MultiDiGraph,
    path: Path,
    *,
    title: str = "kg",
    physics: bool | None = None,
    scope: str = "",
    note: str | None = None,
    view: str | None = None,
) -> VizResult:
    """Write the graph as one offline HTML page at `path` (parents are created)."""
    page = render_html(graph, title=title, physics=physics, scope=scope, note=note, view=view)
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            with tmp.open("x", encoding="utf-8", newline="\n") as out:
                out.write(page)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as err:
        reason = err.strerror or str(err)
        raise VizError(f"cannot write {path}: {reason}", hint="check the output path") from err
    return VizResult(path=path, nodes=graph.number_of_nodes(), edges=graph.number_of_edges())


def render_html(
    graph: nx.MultiDiGraph,
    *,
    title: str = "kg",
    physics: bool | None = None,
    scope: str = "",
    note: str | None = None,
    view: str | None = None,
) -> str:
    """Return the page as a string (see `write_html`). `scope` says what the view is (in the
    header), `note` why it is not everything (a banner), `view` which view opens first
    ("map" or "claims"; by default the map when the graph has over `MAP_FIRST_NODES` nodes)."""
    if view not in (None, "map", "claims"):
        raise VizError(f"unknown view {view!r:.40}", hint="'map' or 'claims'")
    if not isinstance(graph, nx.Graph):
        raise VizError(f"expected a networkx graph, got {type(graph).__name__}")
    for name, value in (("title", title), ("scope", scope), ("note", note or "")):
        if not isinstance(value, str):
            raise VizError(f"the {name} must be a string, got {type(value).__name__}")
    count = graph.number_of_nodes()
    if physics is None:
        physics = count <= PHYSICS_MAX_NODES
    nodes = [_node_record(node, attrs) for node, attrs in graph.nodes(data=True)]
    edges = [_edge_record(u, v, attrs) for u, v, attrs in graph.edges(data=True)]
    if count and not physics:
        positions = _layout(graph, nodes)
        for record in nodes:
            record["x"], record["y"] = positions[record["id"]]
    known = {record["id"] for record in nodes}
    dispute = _map_records(graph, known)
    if view is None:
        view = "map" if count > MAP_FIRST_NODES and dispute["nodes"] else "claims"
    data = {
        "title": title,
        "view": view,
        "map": dispute,
        "physics": physics,
        "big": count > PHYSICS_MAX_NODES,
        "physicsMax": PHYSICS_MAX_NODES,
        "note": note,
        "nodes": nodes,
        "edges": edges,
        "edgeLabels": len(edges) <= EDGE_LABELS_MAX,
        "groups": _groups(),
        "edgeStyles": {
            name: {
                "color": colour,
                "dashes": dashed,
                "arrow": arrow,
                "label": label,
                "name": short,
                "width": width,
            }
            for name, (colour, dashed, arrow, label, short, width) in EDGE_STYLES.items()
        },
        "legend": _legend(nodes, edges),
    }
    scripts = [_page_asset("viz.js")]
    styles = _page_asset("viz.css")
    vis_css = ""
    if count:
        vis_js, vis_css = vis_assets()
        scripts.insert(0, vis_js)
    hashes = " ".join(f"'sha256-{_sha256(script)}'" for script in scripts)
    csp = (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    parts = {
        "CSP": csp,
        "TITLE": _ascii_html(title),
        "SCOPE": _ascii_html(scope),
        "VIS_CSS": vis_css,
        "PAGE_CSS": styles,
        "COUNT": f"{count} nodes, {graph.number_of_edges()} edges",
        "EMPTY": "" if count else _EMPTY,
        "DATA": embed_json(data),
        "SCRIPTS": "\n".join(f"<script>{script}</script>" for script in scripts),
    }
    return _TOKEN.sub(lambda match: parts[match.group(1)], _PAGE)


def embed_json(value: object) -> str:
    """JSON safe inside <script>: ASCII only (so U+2028/2029 and bidi controls are escaped),
    with <, >, & and / escaped so that neither `</script>` nor a URL appears literally."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return text.translate(_JSON_ESCAPES)


@cache
def vis_assets() -> tuple[str, str]:
    """The vis-network JS and CSS shipped in pyvis, without the source-map comment."""
    base = resources.files("pyvis").joinpath("templates", "lib", VIS_DIR)
    try:
        js = base.joinpath("vis-network.min.js").read_text(encoding="utf-8")
        css = base.joinpath("vis-network.css").read_text(encoding="utf-8")
    except OSError as err:
        raise VizError(
            f"pyvis does not ship {VIS_DIR}: {err}", hint="reinstall pyvis 0.3.2"
        ) from err
    js = _SOURCE_MAP.sub("", js)
    if "</script" in js.lower() or "<!--" in js or "</style" in css.lower():
        raise VizError(f"pyvis' {VIS_DIR} cannot be inlined safely")
    return js, css


@cache
def _page_asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _ascii_html(text: str) -> str:
    return html.escape(text).encode("ascii", "xmlcharrefreplace").decode("ascii")


def _node_record(node: object, attrs: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(node, str):
        raise VizError(f"node ids must be IRI strings, got {node!r:.80}")
    where = f"node {node!r:.120}"
    kind_of = attrs.get("type")
    if kind_of not in NODE_STYLES:
        raise VizError(f"{where}: unknown type {kind_of!r:.40}", hint=f"one of {list(NODE_STYLES)}")
    label = attrs.get("label")
    if not isinstance(label, str):
        raise VizError(f"{where}: label must be a string, got {type(label).__name__}")
    record: dict[str, Any] = {"id": node, "type": kind_of, "label": label, "short": _short(label)}
    for key in TEXT_FIELDS:
        value = attrs.get(key)
        if value is not None:
            record[key] = _text(value, where, key)
    date = attrs.get("date")
    if isinstance(date, dt.date):
        record["date"] = date.isoformat()
    elif date is not None:
        record["date"] = _text(date, where, "date")
    url = attrs.get("url")
    if url is not None:
        link = _text(url, where, "url").strip()
        if _web_url(link):
            record["url"] = link
    for key in LIST_FIELDS:
        items = attrs.get(key)
        if items is not None:
            if isinstance(items, str) or not isinstance(items, Iterable):
                raise VizError(f"{where}: {key} must be a list of strings")
            items = sorted(items) if isinstance(items, set | frozenset) else list(items)
            record[key] = [_text(item, where, key) for item in items]
    if "context" in record and len(record["context"]) != 3:
        raise VizError(f"{where}: context must be [before, span, after]")
    sentence = attrs.get("sentence")
    if sentence is not None:
        record.update(_sentence(_text(sentence, where, "sentence"), attrs.get("highlight"), where))
    base = NODE_STYLES[kind_of][3]
    weight = attrs.get("weight")
    if weight is not None:
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise VizError(f"{where}: weight must be a number, got {weight!r:.40}")
        if not math.isfinite(weight) or weight < 0:
            raise VizError(f"{where}: weight must be finite and >= 0, got {weight!r}")
        record["weight"] = weight
        base = min(base + 4.0 * math.sqrt(weight), 60.0)
    record["size"] = round(base, 1)
    record["group"] = _group(kind_of, record.get("kind"))
    return record


def _edge_record(source: str, target: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    kind_of = attrs.get("type")
    if kind_of not in EDGE_STYLES:
        raise VizError(
            f"edge {source!r:.80} -> {target!r:.80}: unknown type {kind_of!r:.40}",
            hint=f"one of {list(EDGE_STYLES)}",
        )
    record = {"from": source, "to": target, "type": kind_of}
    why = attrs.get("why")
    if why:  # why a link between claims was made (kg.links)
        record["why"] = _text(why, f"edge {source!r:.80} -> {target!r:.80}", "why")
    return record


def _map_records(graph: nx.MultiDiGraph, known: set[str]) -> dict[str, Any]:
    """The dispute map of ``graph`` (kg.graph.disputes) as page records, with its legend and
    positions when it is too big for physics."""
    folded = dispute_map(graph) if isinstance(graph, nx.MultiDiGraph) else nx.MultiDiGraph()
    nodes = []
    for node, attrs in folded.nodes(data=True):
        record = _node_record(node, attrs)
        record["size"] = round(min(12.0 + 3.0 * math.sqrt(folded.degree(node, "weight")), 50), 1)
        nodes.append(record)
    edges = []
    for source, target, attrs in folded.edges(data=True):
        kind = attrs["type"]
        colour, _, name = MAP_EDGE_STYLES[kind]
        if kind == "speaks_about":
            colour = STANCE_COLOURS.get(attrs["stance"], colour)
        weight = int(attrs["weight"])
        edges.append(
            {
                "from": source,
                "to": target,
                "type": kind,
                "name": name,
                "color": colour,
                "weight": weight,
                "stance": attrs["stance"],
                "width": round(1.0 + 1.5 * math.sqrt(weight), 1),
                "arrow": kind == "speaks_about",
                "statements": [st for st in attrs["statements"] if st in known],
            }
        )
    physics = len(nodes) <= PHYSICS_MAX_NODES
    if nodes and not physics:
        positions = _layout(folded, nodes)
        for record in nodes:
            record["x"], record["y"] = positions[record["id"]]
    used = {e["type"] for e in edges}
    stances = {e["stance"] for e in edges if e["type"] == "speaks_about"}
    legend = [
        {"label": label, "color": colour, "dashes": False}
        for kind, (colour, label, _) in MAP_EDGE_STYLES.items()
        if kind in used and kind != "speaks_about"
    ] + [
        {"label": f"speaks about, mostly {stance}", "color": colour, "dashes": False}
        for stance, colour in STANCE_COLOURS.items()
        if stance in stances
    ]
    return {"nodes": nodes, "edges": edges, "physics": physics, "legend": legend}


def _text(value: object, where: str, key: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise VizError(f"{where}: {key} must be a string, got {type(value).__name__}")


def _short(label: str) -> str:
    """The label drawn on the canvas: one line, no controls, no bidi overrides, truncated."""
    text = " ".join(_UNDRAWABLE.sub(" ", label).split())
    if not text:
        return "(no label)"
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1].rstrip() + "\u2026"


def _web_url(url: str) -> bool:
    """Only absolute http(s) links are kept; anything else (javascript:, data:, ...) is dropped."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and url.isprintable()


def _sentence(sentence: str, highlight: object, where: str) -> dict[str, Any]:
    """Split the sentence at the highlight (code-point offsets) so the page never has to
    convert offsets to UTF-16: it gets [before, span, after]."""
    if highlight is None:
        return {"sentence": sentence}
    if (
        not isinstance(highlight, list | tuple)
        or len(highlight) != 2
        or not all(isinstance(i, int) and not isinstance(i, bool) for i in highlight)
    ):
        raise VizError(f"{where}: highlight must be [start, end], got {highlight!r:.60}")
    start, end = highlight
    if not 0 <= start <= end <= len(sentence):
        raise VizError(
            f"{where}: highlight {[start, end]} is outside the sentence ({len(sentence)} chars)"
        )
    parts = [sentence[:start], sentence[start:end], sentence[end:]]
    return {"sentence": sentence, "sentence_parts": parts}


def _group(kind_of: str, kind: object) -> str:
    if kind_of == "actor" and isinstance(kind, str) and kind in ACTOR_KINDS:
        return f"actor:{kind}"
    return kind_of


def _groups() -> dict[str, dict[str, str]]:
    groups = {
        name: {"shape": shape, "color": colour}
        for name, (colour, shape, _, _) in NODE_STYLES.items()
    }
    for kind, colour in ACTOR_KINDS.items():
        groups[f"actor:{kind}"] = {"shape": "dot", "color": colour}
    return groups


def _legend(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    """Every node type; the actor kinds and edge types that occur."""
    used_groups = {record["group"] for record in nodes}
    used_edges = {record["type"] for record in edges}
    entries = [
        {"label": label, "color": colour, "shape": shape}
        for colour, shape, label, _ in NODE_STYLES.values()
    ]
    kinds = [
        {"label": kind.replace("_", " "), "color": colour, "shape": "dot"}
        for kind, colour in ACTOR_KINDS.items()
        if f"actor:{kind}" in used_groups
    ]
    links = [
        {"label": label, "color": colour, "dashes": dashed}
        for name, (colour, dashed, _, label, _, _) in EDGE_STYLES.items()
        if name in used_edges
    ]
    return {"nodes": entries, "actorKinds": kinds, "edges": links}


def _layout(graph: nx.Graph, nodes: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Positions for a graph drawn without physics: networkx' seeded spring layout when it is
    small enough for the dense solver (numpy), else a linear radial layout."""
    if len(nodes) <= SPRING_MAX_NODES and find_spec("numpy") is not None:
        scale = 60.0 * math.sqrt(len(nodes)) + 100.0
        undirected = graph.to_undirected(as_view=True)
        pos = nx.spring_layout(undirected, seed=42, scale=scale, method="force")
        return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in pos.items()}
    return _radial_layout(graph, nodes)


def _neighbours(graph: nx.Graph, node: str) -> Iterator[str]:
    if graph.is_directed():
        yield from graph.successors(node)
        yield from graph.predecessors(node)
    else:
        yield from graph.neighbors(node)


def _radial_layout(graph: nx.Graph, nodes: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """O(n log n + m): breadth-first trees grown from all actors at once (heaviest first), each
    tree's children on a sunflower spiral around their parent, sized by subtree area."""
    golden = math.pi * (3.0 - math.sqrt(5.0))
    unit = 28.0  # px per sqrt(node)
    order = sorted(
        nodes,
        key=lambda r: (r["type"] != "actor", -r.get("weight", 0.0), -graph.degree(r["id"])),
    )
    parent: dict[str, str | None] = {}
    children: dict[str, list[str]] = {}
    visit: list[str] = []
    roots: list[str] = []

    def grow(queue: deque[str]) -> None:
        while queue:
            node = queue.popleft()
            visit.append(node)
            for other in _neighbours(graph, node):
                if other not in parent:
                    parent[other] = node
                    children.setdefault(node, []).append(other)
                    queue.append(other)

    actors = [r["id"] for r in order if r["type"] == "actor"]
    for node in actors:
        parent[node] = None
        roots.append(node)
    grow(deque(actors))
    for record in order:
        if record["id"] not in parent:
            parent[record["id"]] = None
            roots.append(record["id"])
            grow(deque([record["id"]]))
    size = dict.fromkeys(visit, 1)
    for node in reversed(visit):
        up = parent[node]
        if up is not None:
            size[up] += size[node]
    pos: dict[str, tuple[float, float]] = {}

    def spiral(members: list[str], cx: float, cy: float, spacing: float, reserve: float) -> None:
        area = reserve
        for i, node in enumerate(sorted(members, key=lambda n: -size[n])):
            radius = spacing * math.sqrt(area + size[node] / 2.0)
            area += size[node]
            angle = i * golden
            pos[node] = (
                round(cx + radius * math.cos(angle), 1),
                round(cy + radius * math.sin(angle), 1),
            )

    spiral(roots, 0.0, 0.0, unit * 1.4, 0.0)
    for node in visit:  # parents are placed before their children
        if node in children:
            x, y = pos[node]
            spiral(children[node], x, y, unit, 1.0)
    return pos
