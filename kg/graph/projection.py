"""The networkx projection of the store: actors, statements, claims, evidence, articles.

Node and edge attributes follow the contract `kg.viz.html` renders (type, label, kind,
aliases, text, sentence, highlight, speaker, article_title, outlet, date, url,
provenance, weight, stance, topics, context). `Index` reads the statement structure back
from the typed edges; `kg.graph.views` cuts the views `kg viz` draws from it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from kg.graph.topics import topics_of
from kg.rdf.ontology import CLASS_KIND, EVIDENCE_KIND
from kg.store.oxigraph import Cell, Store

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


def _props(cls: str, props: str) -> str:
    """The given properties of every node of a class, as flat (?s ?p ?o) rows."""
    return (
        _PREFIXES
        + f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {props} }} ?s a {cls} ; ?p ?o . }}"
    )


_STATEMENT_PROPS = _props(
    "kg:Statement",
    "kg:pattern kg:confidence kg:hedged kg:cue kg:sentenceAnchor kg:attribution kg:claimText kg:rebuts",
)
_SELECTORS = _props("oa:TextPositionSelector", "oa:exact oa:start oa:prefix oa:suffix")
_ARTICLES = _props(
    "schema:NewsArticle", "schema:headline kg:outlet schema:datePublished schema:url"
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
SELECT DISTINCT ?ev ?st ?text ?kind ?a ?sa WHERE {
  ?ev kg:supports ?st ; schema:text ?text ; a ?cls ; kg:anchor ?a .
  ?cls rdfs:subClassOf kg:Evidence .
  OPTIONAL { ?ev kg:sentenceAnchor ?sa }
  BIND(STR(?cls) AS ?kind)
}"""
)

# Links between claims (kg.links.refresh, the derived links graph), with why each was made.
_LINKED = (
    _PREFIXES
    + """SELECT DISTINCT ?a ?b ?reason ?score ?why WHERE {
  ?a %s ?b .
  OPTIONAL { ?l kg:linkFrom ?a ; kg:linkTo ?b ; kg:reason ?reason ; kg:score ?score .
             OPTIONAL { ?l kg:explanation ?why } } }"""
)
_CONTRADICTS = _LINKED % "kg:contradicts"
_SAME = _LINKED % "kg:sameClaimAs"


def _v(cell: Cell | None) -> str | None:
    return cell.value if cell is not None else None


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _table(store: Store, query: str) -> defaultdict[str, dict[str, str]]:
    """Subject -> {local name of the predicate: value} from a ?s ?p ?o query."""
    table: defaultdict[str, dict[str, str]] = defaultdict(dict)
    for row in store.select(query).rows:
        s, p, o = (_v(x) for x in row)
        if s and p and o is not None:
            table[s][re.split("[#/]", p)[-1]] = o
    return table


def _marked(span: dict[str, str], sentence: dict[str, str] | None) -> tuple[str, list[int]]:
    """The sentence holding a span (its selector) and where the span lies in it."""
    exact = span.get("exact", "")
    if not sentence or "exact" not in sentence:
        return exact, [0, len(exact)]
    text = sentence["exact"]
    offset = int(span.get("start", 0)) - int(sentence.get("start", 0))
    if not 0 <= offset <= offset + len(exact) <= len(text):
        return text, [0, 0]  # an anchor outside its sentence: show the sentence unmarked
    return text, [offset, offset + len(exact)]


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
        ev, st, text, kind, anchor, sentence_anchor = (_v(x) for x in row)
        if st not in g or ev is None or text is None:
            continue
        if ev not in g:
            data = g.nodes[st]
            around = selectors.get(anchor or "", {})
            sentence, highlight = _marked(around, selectors.get(sentence_anchor or ""))
            g.add_node(
                ev,
                type="evidence",
                label=_short(text, 40),
                kind=EVIDENCE_KIND.get(kind or "", "evidence"),
                text=text,
                context=[around.get("prefix", ""), text, around.get("suffix", "")],
                sentence=sentence,
                highlight=highlight,
                article_title=data.get("article_title", ""),
                outlet=data.get("outlet", ""),
                date=data.get("date", ""),
                url=data.get("url", ""),
            )
        g.add_edge(ev, st, type="supports")
    for query, kind in ((_CONTRADICTS, "contradicts"), (_SAME, "same_as")):
        for row in store.select(query).rows:
            a, b, reason, score, why = (_v(x) for x in row)
            if a in g and b in g and g.nodes[a]["type"] == g.nodes[b]["type"] == "claim":
                said = [f"{reason}, score {score}" if reason else "", why or ""]
                g.add_edge(a, b, type=kind, why=": ".join(p for p in said if p))
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
    text, highlight = _marked(span, sentence)
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
        # the text as the stance reads it, so label and stance never say the opposite
        label=_short(props.get("claimText") or exact, 40),
        kind=stance,
        stance=stance,
        text=exact,
        reading=props.get("claimText") or exact,
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
    if props.get("rebuts"):  # a rebuttal: the statement it points back to (kg.extract.rebuttals)
        g.nodes[st]["rebuts"] = props["rebuts"]
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
