"""The networkx projection of the store: actors, statements, claims, evidence, articles.

Node and edge attributes follow the contract `kg.viz` renders (type, label, kind,
aliases, text, sentence, highlight, speaker, article_title, outlet, date, url,
provenance, weight, stance, topics, context). The views an analyst asks for (an actor's
neighbourhood, a topic, a date range, the top-N actors) are statement sets grown into
whole "statement units": a statement with its speaker, claim, the actors the claim is
about, its evidence and its article, so that a view never shows a quote without its source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from kg.errors import KGError
from kg.ontology import CLASS_KIND, EVIDENCE_KIND
from kg.store import Cell, Store

MAX_NODES = 2000  # a view larger than this is cut to the top-N actors, with a note

#: Topics the page filters by and `kg viz --topic` selects: a statement is on a topic when its
#: sentence (else its article's headline) has one of the topic's words (a plural too) or, for a
#: word ending in "*", any word starting so. Regular expression syntax is allowed.
TOPICS: dict[str, tuple[str, ...]] = {
    "export controls": (
        "export controls?",
        "export rules?",
        "export restrictions?",
        "entity list",
        "restrict*",
        "licen[cs]e*",
        "sanction*",
        "ban",
        "banned",
        "loophole",
        "smuggl*",
    ),
    "chips and semiconductors": (
        "chip",
        "chipmak*",
        "semiconductor",
        "gpu",
        "h100",
        "h20",
        "a800",
        "ascend",
        "foundr*",
        "fab",
        "lithograph*",
        "euv",
        "wafer",
        "nanometer",
        "gallium",
        "germanium",
        "processor",
        "accelerator",
    ),
    "AI safety": ("safety", "safe", "risk", "frontier", "alignment", "catastroph*", "misuse"),
    "open models": ("open-weights?", "open weights?", "open[- ]source", "open models?"),
    "regulation and governance": (
        "regulat*",
        "law",
        "rule",
        "governance",
        "label*",
        "standard",
        "treat(?:y|ies)",
        "summit",
        "declaration",
        "framework",
        "oversight",
    ),
    "competition and the AI race": (
        "race",
        "compet*",
        "rival*",
        "lead",
        "catch up",
        "gap",
        "dominan*",
        "self-reliance",
        "domestic",
    ),
    "military and security": (
        "militar*",
        "defen[cs]e",
        "weapon",
        "security",
        "surveillance",
        "army",
        "intelligence agenc(?:y|ies)",
    ),
    "trade and markets": (
        "revenue",
        "market",
        "sale",
        "tariff",
        "trade",
        "invest*",
        "price",
        "customer",
        "billion",
    ),
    "compute and energy": (
        "data cent(?:er|re)",
        "compute",
        "computing power",
        "electricity",
        "energy",
        "power grid",
        "cloud",
    ),
}
_TOPIC_RES = {
    name: re.compile(
        r"\b(?:" + "|".join(w[:-1] if w.endswith("*") else rf"(?:{w})s?\b" for w in words) + ")",
        re.IGNORECASE,
    )
    for name, words in TOPICS.items()
}

_PREFIXES = """
PREFIX kg: <https://w3id.org/kg-aigeo/ont#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

# Statements are read as a few flat queries joined here: one query with a dozen OPTIONALs
# took 10 s on the sample corpus in Oxigraph, these take well under one.
_STATEMENTS = (
    _PREFIXES
    + """
SELECT DISTINCT ?st ?sp ?c ?art ?stance ?a WHERE {
  ?st a kg:Statement ; kg:speaker ?sp ; kg:states ?c ; kg:statedIn ?art ; kg:anchor ?a ;
      kg:stance ?stanceC .
  ?stanceC skos:prefLabel ?stance .
}"""
)
_STATEMENT_PROPS = (
    _PREFIXES
    + """
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { kg:pattern kg:confidence kg:hedged kg:cue kg:sentenceAnchor kg:attribution }
  ?s a kg:Statement ; ?p ?o .
}"""
)
_SELECTORS = (
    _PREFIXES
    + """
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { oa:exact oa:start oa:prefix oa:suffix }
  ?s a oa:TextPositionSelector ; ?p ?o .
}"""
)
_ARTICLES = (
    _PREFIXES
    + """
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { schema:headline kg:outlet schema:datePublished schema:url }
  ?s a schema:NewsArticle ; ?p ?o .
}"""
)
_RUNS = (
    _PREFIXES
    + """
SELECT DISTINCT ?art ?pipeline ?generated WHERE {
  ?art kg:articleGraph ?g . ?g prov:wasGeneratedBy ?run ; prov:generatedAtTime ?generated .
  ?run kg:pipeline ?pipeline .
}"""
)
_CLAIMS = _PREFIXES + "SELECT DISTINCT ?c ?text WHERE { ?c a schema:Claim ; schema:text ?text }"

_ENTITIES = (
    _PREFIXES
    + """
SELECT ?e ?label ?kind (GROUP_CONCAT(DISTINCT ?alias; separator="\\u001f") AS ?aliases) WHERE {
  { ?x kg:speaker ?e } UNION { ?x kg:about ?e }
  ?e skos:prefLabel ?label ; a ?cls .
  ?cls rdfs:subClassOf* kg:Entity .
  FILTER(?cls NOT IN (kg:Entity, kg:Actor, kg:Artifact))
  BIND(STR(?cls) AS ?kind)
  OPTIONAL { ?e skos:altLabel ?alias }
} GROUP BY ?e ?label ?kind"""
)

_ABOUT = _PREFIXES + "SELECT DISTINCT ?c ?e WHERE { ?c a schema:Claim ; kg:about ?e }"

_EVIDENCE = (
    _PREFIXES
    + """
SELECT DISTINCT ?ev ?st ?text ?kind ?a WHERE {
  ?ev kg:supports ?st ; schema:text ?text ; a ?cls ; kg:anchor ?a .
  ?cls rdfs:subClassOf kg:Evidence .
  BIND(STR(?cls) AS ?kind)
}"""
)

_CONTRADICTS = _PREFIXES + "SELECT DISTINCT ?a ?b WHERE { ?a kg:contradicts ?b }"
# Near-duplicate claims linked by claim resolution (whichever of these it writes).
_SAME = (
    _PREFIXES
    + """SELECT DISTINCT ?a ?b WHERE {
  ?a owl:sameAs|skos:exactMatch|skos:closeMatch ?b . ?a a schema:Claim . ?b a schema:Claim .
  FILTER(STR(?a) < STR(?b)) }"""
)


def _v(cell: Cell | None) -> str | None:
    return cell.value if cell is not None else None


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def topics_of(*texts: str) -> list[str]:
    """The topics (keys of `TOPICS`) whose words occur in the first text that has any."""
    for text in texts:
        found = [name for name, pattern in _TOPIC_RES.items() if text and pattern.search(text)]
        if found:
            return found
    return []


def _table(store: Store, query: str) -> defaultdict[str, dict[str, str]]:
    """Subject -> {local name of the predicate: value} from a ?s ?p ?o query."""
    table: defaultdict[str, dict[str, str]] = defaultdict(dict)
    for row in store.select(query).rows:
        s, p, o = (_v(x) for x in row)
        if s and p and o is not None:
            table[s][re.split("[#/]", p)[-1]] = o
    return table


def build_graph(store: Store) -> nx.MultiDiGraph:
    """The whole store as a graph of actors, statements, claims, evidence and articles."""
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for row in store.select(_ENTITIES).rows:
        e, label, kind, aliases = (_v(c) for c in row)
        assert e and label
        g.add_node(
            e,
            type="actor",
            label=label,
            kind=CLASS_KIND.get(kind or "", "organization"),
            aliases=[a for a in (aliases or "").split("\u001f") if a],
            weight=0,
        )
    selectors = _table(store, _SELECTORS)
    props = _table(store, _STATEMENT_PROPS)
    articles = _table(store, _ARTICLES)
    for row in store.select(_RUNS).rows:
        art, pipeline, generated = (_v(x) for x in row)
        if art:
            articles[art].update(pipeline=pipeline or "", generated=generated or "")
    claims = {c: text for c, text in (map(_v, row) for row in store.select(_CLAIMS).rows) if c}
    for row in store.select(_STATEMENTS).rows:
        st, sp, c, art, stance, anchor = (_v(x) for x in row)
        assert st and sp and c and art and anchor
        _add_statement(
            g,
            st,
            speaker=sp,
            claim=c,
            claim_text=claims.get(c),
            article=art,
            stance=stance or "",
            span=selectors[anchor],
            props=props[st],
            sentence=selectors.get(props[st].get("sentenceAnchor", "")),
            source=articles[art],
        )
    for row in store.select(_ABOUT).rows:
        c, e = (_v(x) for x in row)
        if c in g and e in g:
            g.add_edge(c, e, type="about")
    for row in store.select(_EVIDENCE).rows:
        ev, st, text, kind, anchor = (_v(x) for x in row)
        if st not in g or ev is None or text is None:
            continue
        if ev not in g:
            data = g.nodes[st]
            around = selectors.get(anchor or "", {})
            g.add_node(
                ev,
                type="evidence",
                label=_short(text, 40),
                kind=EVIDENCE_KIND.get(kind or "", "evidence"),
                text=text,
                context=[around.get("prefix", ""), text, around.get("suffix", "")],
                article_title=data.get("article_title", ""),
                outlet=data.get("outlet", ""),
                date=data.get("date", ""),
                url=data.get("url", ""),
            )
        g.add_edge(ev, st, type="supports")
    for query, kind in ((_CONTRADICTS, "contradicts"), (_SAME, "same_as")):
        for row in store.select(query).rows:
            a, b = (_v(x) for x in row)
            if a in g and b in g and g.nodes[a]["type"] == g.nodes[b]["type"] == "claim":
                g.add_edge(a, b, type=kind)
    _weigh(g)
    return g


def _add_statement(
    g: nx.MultiDiGraph,
    st: str,
    *,
    speaker: str,
    claim: str,
    claim_text: str | None,
    article: str,
    stance: str,
    span: dict[str, str],
    props: dict[str, str],
    sentence: dict[str, str] | None,
    source: dict[str, str],
) -> None:
    exact = span.get("exact", "")
    title = source.get("headline", "")
    if sentence and "exact" in sentence:
        text = sentence["exact"]
        offset = int(span.get("start", 0)) - int(sentence.get("start", 0))
        highlight = [offset, offset + len(exact)]
        if not 0 <= offset <= offset + len(exact) <= len(text):
            highlight = [0, 0]  # an anchor outside its sentence: show the sentence unmarked
    else:
        text, highlight = exact, [0, len(exact)]
    attribution = props.get("attribution", "").rsplit("#", 1)[-1]
    provenance = [
        f"pattern {props.get('pattern', '?')}",
        f"confidence {props['confidence']}" if "confidence" in props else "",
        "hedged" if props.get("hedged") == "true" else "",
        f"cue \u201c{props['cue']}\u201d" if "cue" in props else "",
        "author's own assertion" if attribution == "authorAssertion" else attribution,
        f"pipeline {source['pipeline']}" if source.get("pipeline") else "",
        f"extracted {source['generated']}" if source.get("generated") else "",
    ]
    g.add_node(
        st,
        type="statement",
        label=_short(exact, 40),
        kind=stance,
        stance=stance,
        text=exact,
        sentence=text,
        highlight=highlight,
        speaker=g.nodes[speaker]["label"] if speaker in g else speaker,
        article_title=title,
        outlet=source.get("outlet", ""),
        date=source.get("datePublished", ""),
        url=source.get("url", ""),
        provenance=" \u00b7 ".join(p for p in provenance if p),
        topics=topics_of(text, title),
    )
    if claim not in g:
        words = claim_text or exact
        g.add_node(claim, type="claim", label=_short(words), text=words, weight=0)
    if article not in g:
        g.add_node(
            article,
            type="article",
            label=_short(title or article, 50),
            article_title=title,
            outlet=source.get("outlet", ""),
            date=source.get("datePublished", ""),
            url=source.get("url", ""),
            weight=0,
        )
    if speaker in g:
        g.add_edge(speaker, st, type="says")
    g.add_edge(st, claim, type="states")
    g.add_edge(st, article, type="appears_in")


def _weigh(g: nx.MultiDiGraph) -> None:
    """Importance: actors by statements made plus statements about them, claims and articles
    by the statements they hold; claims also get the union of their statements' topics."""
    idx = Index(g)
    for node, data in g.nodes(data=True):
        kind = data["type"]
        if kind == "actor":
            about = sum(len(idx.stating[c]) for c in idx.about_in[node])
            data["weight"] = len(idx.said[node]) + about
        elif kind == "claim":
            data["weight"] = len(idx.stating[node])
            found: set[str] = set()
            for st in idx.stating[node]:
                found.update(g.nodes[st].get("topics", ()))
            data["topics"] = sorted(found)
        elif kind == "article":
            data["weight"] = len(idx.in_article[node])


class Index:
    """The statement structure of a graph, built in one pass over its edges."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.said: defaultdict[str, list[str]] = defaultdict(list)
        self.speaker: dict[str, str] = {}
        self.claim: dict[str, str] = {}
        self.stating: defaultdict[str, list[str]] = defaultdict(list)
        self.about: defaultdict[str, list[str]] = defaultdict(list)
        self.about_in: defaultdict[str, list[str]] = defaultdict(list)
        self.evidence: defaultdict[str, list[str]] = defaultdict(list)
        self.article: dict[str, str] = {}
        self.in_article: defaultdict[str, list[str]] = defaultdict(list)
        self.linked: defaultdict[str, list[str]] = defaultdict(list)
        for u, v, kind in g.edges(data="type"):
            if kind == "says":
                self.said[u].append(v)
                self.speaker[v] = u
            elif kind == "states":
                self.claim[u] = v
                self.stating[v].append(u)
            elif kind == "about":
                self.about[u].append(v)
                self.about_in[v].append(u)
            elif kind == "supports":
                self.evidence[v].append(u)
            elif kind == "appears_in":
                self.article[u] = v
                self.in_article[v].append(u)
            elif kind in ("contradicts", "same_as"):
                self.linked[u].append(v)
                self.linked[v].append(u)

    def unit(self, st: str) -> Iterable[str]:
        """A statement with its speaker, claim, the claim's subjects, evidence and article."""
        yield st
        if st in self.speaker:
            yield self.speaker[st]
        if st in self.article:
            yield self.article[st]
        yield from self.evidence[st]
        claim = self.claim.get(st)
        if claim is not None:
            yield claim
            yield from self.about[claim]

    def statements_of(self, actor: str) -> Iterable[str]:
        """Statements the actor makes, and every statement of a claim about the actor."""
        yield from self.said[actor]
        for claim in self.about_in[actor]:
            yield from self.stating[claim]


@dataclass(frozen=True)
class View:
    """A subgraph to draw, and what it is (shown in the page and printed by the CLI)."""

    graph: nx.MultiDiGraph
    scope: str
    note: str | None = None


def find_actor(g: nx.MultiDiGraph, name: str) -> str:
    """The node id of the actor named ``name`` (label or alias, case-insensitive)."""
    wanted = name.strip().casefold()
    for node, data in g.nodes(data=True):
        if data.get("type") != "actor":
            continue
        names = [data.get("label", ""), *data.get("aliases", [])]
        if any(n.casefold() == wanted for n in names):
            return str(node)
    raise KGError(
        f"no actor named {name!r} in the store",
        hint="`kg query --saved top-speakers` lists speakers",
    )


def _statements(g: nx.MultiDiGraph) -> list[str]:
    return [n for n, kind in g.nodes(data="type") if kind == "statement"]


def _subgraph(g: nx.MultiDiGraph, idx: Index, statements: Iterable[str]) -> nx.MultiDiGraph:
    """The statements' units, plus the claims linked to their claims (contradicts, same claim)
    with those claims' own statements, so the panel can show both sides."""
    keep: set[str] = set()
    claims: set[str] = set()
    for st in statements:
        keep.update(idx.unit(st))
        if st in idx.claim:
            claims.add(idx.claim[st])
    for claim in claims:
        for other in idx.linked[claim]:
            if other not in claims:
                for st in idx.stating[other]:
                    keep.update(idx.unit(st))
    return g.subgraph(keep).copy()


def focus(g: nx.MultiDiGraph, actor: str, depth: int = 1) -> nx.MultiDiGraph:
    """An actor's neighbourhood: what it says and what is said about it (depth 1); then what the
    actors met there say and have said about them (depth 2), and so on."""
    return _focus(g, Index(g), find_actor(g, actor), depth, None)


def _focus(
    g: nx.MultiDiGraph, idx: Index, center: str, depth: int, allowed: set[str] | None
) -> nx.MultiDiGraph:
    seen_actors = {center}
    frontier = [center]
    chosen: set[str] = set()
    for _ in range(depth):
        found = {
            st
            for actor in frontier
            for st in idx.statements_of(actor)
            if allowed is None or st in allowed
        }
        found -= chosen
        chosen |= found
        frontier = []
        for st in found:
            claim = idx.claim.get(st)
            reached = [idx.speaker.get(st), *(idx.about[claim] if claim else ())]
            for actor in reached:
                if actor is not None and actor not in seen_actors:
                    seen_actors.add(actor)
                    frontier.append(actor)
    view = _subgraph(g, idx, chosen)
    view.add_node(center, **g.nodes[center])
    return view


def on_topic(g: nx.MultiDiGraph, topic: str) -> set[str]:
    """Statements on a topic: one of `TOPICS` by name, else every word of ``topic`` in the
    statement's sentence, its claim or its article's headline (case-insensitive)."""
    name = next((t for t in TOPICS if t.casefold() == topic.strip().casefold()), None)
    words = topic.casefold().split()
    if name is None and not words:
        raise KGError("the topic is empty", hint="one of: " + ", ".join(TOPICS))
    idx = Index(g)
    found = set()
    for st in _statements(g):
        data = g.nodes[st]
        if name is not None:
            if name in data.get("topics", ()):
                found.add(st)
            continue
        claim = idx.claim.get(st)
        text = " ".join(
            [
                data.get("sentence", ""),
                g.nodes[claim].get("text", "") if claim else "",
                data.get("article_title", ""),
            ]
        ).casefold()
        if all(word in text for word in words):
            found.add(st)
    return found


def in_dates(g: nx.MultiDiGraph, since: dt.date | None, until: dt.date | None) -> set[str]:
    """Statements whose article is dated within [since, until] (undated ones are left out)."""
    low = since.isoformat() if since else ""
    high = until.isoformat() if until else "9999-12-31"
    return {
        st
        for st in _statements(g)
        if (date := str(g.nodes[st].get("date") or "")[:10]) and low <= date <= high
    }


def rank_actors(g: nx.MultiDiGraph) -> list[str]:
    """Actors by importance (statements made plus statements about them), then by name."""
    actors = [(n, d) for n, d in g.nodes(data=True) if d.get("type") == "actor"]
    actors.sort(key=lambda item: (-item[1].get("weight", 0), item[1].get("label", ""), item[0]))
    return [n for n, _ in actors]


def top(g: nx.MultiDiGraph, n: int) -> nx.MultiDiGraph:
    """The ``n`` most important actors and the statements by or about them."""
    return _top(g, Index(g), n, None)


def _top(g: nx.MultiDiGraph, idx: Index, n: int, allowed: set[str] | None) -> nx.MultiDiGraph:
    chosen = (st for a in rank_actors(g)[:n] for st in idx.statements_of(a))
    return _subgraph(g, idx, (st for st in chosen if allowed is None or st in allowed))


def _top_within(g: nx.MultiDiGraph, max_nodes: int) -> tuple[nx.MultiDiGraph, int]:
    """The most important actors whose statements fit in ``max_nodes``; how many actors."""
    idx = Index(g)
    keep: set[str] = set()
    chosen: list[str] = []
    count = 0
    for actor in rank_actors(g):
        mine = list(idx.statements_of(actor))
        if not mine:
            continue
        extra = {node for st in mine for node in idx.unit(st)} - keep
        if len(keep) + len(extra) > max_nodes and count:
            break
        keep |= extra
        chosen.extend(mine)
        count += 1
    return _subgraph(g, idx, chosen), count


def select_view(
    g: nx.MultiDiGraph,
    *,
    focus_on: str | None = None,
    depth: int = 1,
    topic: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    top_n: int | None = None,
    max_nodes: int = MAX_NODES,
) -> View:
    """The view `kg viz` draws: topic and dates narrow the statements, then a focus actor or
    the top-N actors pick among them. A view above ``max_nodes`` is cut to the most important
    actors that fit, with a note saying so."""
    if since and until and since > until:
        raise KGError(f"--since {since} is after --until {until}")
    idx = Index(g)
    allowed: set[str] | None = None
    scope: list[str] = []
    if topic is not None:
        allowed = on_topic(g, topic)
        scope.append(f"topic \u201c{topic}\u201d")
    if since or until:
        dated = in_dates(g, since, until)
        allowed = dated if allowed is None else allowed & dated
        scope.append(f"dated {since or 'any'} to {until or 'any'}")
    if allowed is not None and not allowed:
        raise KGError(
            "no statement matches " + " and ".join(scope),
            hint="topics: " + ", ".join(TOPICS) + "; dates are YYYY-MM-DD",
        )
    if focus_on is not None:
        center = find_actor(g, focus_on)
        view = _focus(g, idx, center, depth, allowed)
        scope.insert(0, f"focus {g.nodes[center]['label']}, depth {depth}")
    elif top_n is not None:
        view = _top(g, idx, top_n, allowed)
        scope.insert(0, f"top {top_n} actors")
    elif allowed is not None:
        view = _subgraph(g, idx, allowed)
    else:
        view = g
    label = "; ".join(scope) or "whole graph"
    if view.number_of_nodes() <= max_nodes:
        return View(view, label)
    whole = view.number_of_nodes()
    cut, count = _top_within(view, max_nodes)
    actors = sum(1 for _, kind in view.nodes(data="type") if kind == "actor")
    note = (
        f"This view has {whole:,} nodes, more than the limit of {max_nodes:,}: it shows the "
        f"{count} most important of its {actors} actors and the statements by or about them "
        f"({cut.number_of_nodes():,} nodes). Narrow it with --focus ACTOR, --topic, "
        "--since/--until or --top N, or raise --max-nodes."
    )
    return View(cut, f"{label}; cut to the top {count} actors", note)
