"""The actor review loop: list actors, propose likely duplicates, record merges and splits.

`list_actors` reads what the store knows about each actor: labels, the surface forms it
was found under and how each was resolved (kg:Resolution records), mention, article and
statement counts. `suspects` proposes pairs an analyst may want to merge, across articles,
where the automatic resolution (kg.resolve.aliases) deliberately did not merge. `merge`
and `split` write the analyst's decision to the decisions file (kg.resolve.gazetteer.Decisions,
under version control) that every later extraction applies; `merge` also rewrites the
stored article graphs at once, `split` names the articles to re-ingest with --force.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from kg.errors import ActorError, QueryError
from kg.rdf.ontology import ARTICLE_GRAPH_PREFIX, CLASS_KIND, DATA_BASE, entity_iri
from kg.store.oxigraph import ACTOR_PATTERN, GraphWrite, Store, term_for

# `kg actors` lists actors through this module and should start fast: what only suspects, merge
# and split need is imported there (name rules, decisions, claim links with numpy)
if TYPE_CHECKING:
    from kg.resolve.decisions import Decisions
    from kg.resolve.gazetteer import Gazetteer
    from kg.settings import Settings

ENTITY = DATA_BASE + "entity/"

_PREFIXES = """PREFIX kg: <https://w3id.org/kg-aigeo/ont#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
_ACTORS = (
    _PREFIXES
    # the distinct actors first, then their labels: 3x faster than grouping the whole union
    + """SELECT ?e (MIN(STR(?label)) AS ?name) (MIN(STR(?cls)) AS ?kind) WHERE {
  { SELECT DISTINCT ?e WHERE { """
    + ACTOR_PATTERN.format(kg="https://w3id.org/kg-aigeo/ont#", var="e")
    + """ } }
  ?e skos:prefLabel ?label . OPTIONAL { ?e a ?cls }
} GROUP BY ?e"""
)
_RESOLUTIONS = (
    _PREFIXES
    + """SELECT ?e ?form ?method (SUM(?n) AS ?count) (COUNT(DISTINCT ?art) AS ?arts) WHERE {
  ?r a kg:Resolution ; kg:resolvedTo ?e ; kg:surfaceForm ?form ; kg:method ?method ;
     kg:mentionCount ?n ; prov:wasDerivedFrom ?art .
} GROUP BY ?e ?form ?method"""
)
_COUNTS = (
    _PREFIXES
    + """SELECT ?e (COUNT(DISTINCT ?art) AS ?arts) (COUNT(DISTINCT ?st) AS ?sts) WHERE {
  { ?art kg:mentions ?e } UNION { ?st kg:speaker ?e ; kg:statedIn ?art }
} GROUP BY ?e"""
)


@dataclass(frozen=True)
class Alias:
    form: str
    method: str  # how the form was resolved to the actor
    mentions: int
    articles: int


@dataclass(frozen=True)
class ActorSummary:
    id: str
    label: str
    kind: str
    articles: int = 0
    statements: int = 0
    aliases: tuple[Alias, ...] = field(default_factory=tuple)

    @property
    def mentions(self) -> int:
        return sum(a.mentions for a in self.aliases)


@dataclass(frozen=True)
class Suspect:
    a: ActorSummary
    b: ActorSummary
    reason: str
    score: float
    evidence: str = ""  # what in the names or articles supports the pair


def actor_id(iri: str) -> str:
    return iri[len(ENTITY) :] if iri.startswith(ENTITY) else iri


def list_actors(
    store: Store, *, include_anonymous: bool = True, only: str | None = None
) -> list[ActorSummary]:
    """Every actor in the store with aliases, counts and how each alias was resolved (or only
    the actor with the id ``only``: the same summary, without listing the others).

    The actors are those `Store.stats` counts (kg.store.oxigraph.ACTOR_PATTERN), so `kg actors`
    lists as many as `kg stats` reports; ``include_anonymous=False`` leaves out unnamed sources.
    ``mentions`` counts every mention kg recorded for the actor, the claimer phrases of its
    statements included."""
    bind = {"e": term_for(str(entity_iri(only)), "iri")} if only is not None else None
    aliases: dict[str, list[Alias]] = {}
    for e, form, method, n, arts in store.select(_RESOLUTIONS, bind).rows:
        if e and form and method:
            alias = Alias(
                form.value, method.value, int(n.value if n else 0), int(arts.value if arts else 0)
            )
            aliases.setdefault(e.value, []).append(alias)
    counts = {
        r[0].value: (int(r[1].value), int(r[2].value))
        for r in store.select(_COUNTS, bind).rows
        if r[0] and r[1] and r[2]
    }
    out = []
    for e, name, kind in store.select(_ACTORS, bind).rows:
        if e is None or name is None:
            continue
        ident = actor_id(e.value)
        kind_name = CLASS_KIND.get(kind.value if kind else "", "organization")
        if kind_name == "anonymous" and not include_anonymous and only is None:
            continue
        n_arts, n_sts = counts.get(e.value, (0, 0))
        out.append(
            ActorSummary(
                id=ident,
                label=name.value,
                kind=kind_name,
                articles=n_arts,
                statements=n_sts,
                aliases=tuple(
                    sorted(aliases.get(e.value, []), key=lambda a: (-a.mentions, a.form))
                ),
            )
        )
    out.sort(key=lambda a: (-a.mentions, -a.statements, a.label.lower()))
    return out


_PER_ARTICLE = (
    _PREFIXES
    + """SELECT ?e ?art (SUM(?n) AS ?count) WHERE {
  ?r a kg:Resolution ; kg:resolvedTo ?e ; kg:mentionCount ?n ; prov:wasDerivedFrom ?art .
} GROUP BY ?e ?art"""
)


def suspects(
    store: Store, decisions: Decisions, gazetteer: Gazetteer | None = None
) -> list[Suspect]:
    """Pairs of actors that are likely one entity, best first, with the evidence for each
    (kg.resolve.suspects); pairs an analyst kept apart (`kg split`) are left out."""
    from kg.resolve.gazetteer import Gazetteer
    from kg.resolve.suspects import Candidate, rank

    gaz = gazetteer or Gazetteer.default()
    actors = list_actors(store)
    by_id = {a.id: a for a in actors}
    where: dict[str, dict[str, int]] = {}
    for e, art, n in store.select(_PER_ARTICLE).rows:
        if e and art and n:
            where.setdefault(actor_id(e.value), {})[art.value] = int(n.value)
    cands = [
        Candidate(
            a.id,
            a.label,
            a.kind,
            tuple(x.form for x in a.aliases),
            where.get(a.id, {}),
            gaz.get(a.id) is not None,
        )
        for a in actors
    ]
    return [
        Suspect(by_id[p.a], by_id[p.b], p.reason, p.score, p.evidence)
        for p in rank(cands, decisions.kept_apart)
    ]


def find(store: Store, ref: str, gazetteer: Gazetteer) -> ActorSummary:
    """The actor an analyst names: its id, or its label or a surface form (case-insensitive)."""
    by_id = _actor(store, ref)
    if by_id is not None:
        return by_id
    known = gazetteer.get(ref) or gazetteer.lookup(ref)
    if known is not None:
        return _actor(store, known.id) or ActorSummary(known.id, known.name, known.kind)
    actors = list_actors(store, include_anonymous=True)
    wanted = ref.strip().lower()
    hits = {
        a.id: a
        for a in actors
        if a.label.lower() == wanted or any(x.form.lower() == wanted for x in a.aliases)
    }
    if len(hits) == 1:
        return next(iter(hits.values()))
    if hits:
        raise ActorError(f"{ref!r} names several actors: {', '.join(sorted(hits))}")
    raise ActorError(f"no actor {ref!r} in the store")


def _actor(store: Store, ident: str) -> ActorSummary | None:
    """The stored actor with this id, or None (also for a string that cannot be an id)."""
    if not ident or any(ch.isspace() or ch in '<>"{}|^`\\' for ch in ident):
        return None
    try:
        found = list_actors(store, only=ident)
    except QueryError:  # not an IRI once made into one
        return None
    return found[0] if found else None


@dataclass(frozen=True)
class DecisionReport:
    keep: str
    other: str
    decisions: tuple[str, ...]  # the files the decision was recorded in
    graphs: int  # article graphs rewritten
    reingest: tuple[str, ...] = ()  # source keys of articles to re-ingest with --force


def merge(
    store: Store, keep_ref: str, other_ref: str, settings: Settings, note: str = ""
) -> DecisionReport:
    """Record that ``other`` is ``keep``, and rewrite the stored graphs that mention ``other``.

    The decision is kept with the store (and in ``settings.decisions_file``), so every later
    ingest into the store applies it.
    """
    from kg.links.refresh import begin_change, claims_in_graph, refresh_links
    from kg.model import Actor
    from kg.rdf.mapping import remap_actor
    from kg.resolve.decisions import Merge

    decisions = settings.decisions()
    gaz = settings.gazetteer()
    keep, other = find(store, keep_ref, gaz), find(store, other_ref, gaz)
    if keep.id == other.id:
        raise ActorError(f"{keep_ref!r} and {other_ref!r} are already one actor ({keep.id})")
    if gaz.get(other.id) and not gaz.get(keep.id):
        keep, other = other, keep  # a gazetteer entry is always the one kept
    record = Merge(other.id, keep.id, keep.label, keep.kind, note, date.today().isoformat())
    decisions = replace(
        decisions,
        merges=(*(m for m in decisions.merges if m.actor != other.id), record),
        distinct=tuple(p for p in decisions.distinct if set(p) != {keep.id, other.id}),
    )
    written = settings.record(decisions)
    new = gaz.get(keep.id) or Actor(keep.id, keep.label, keep.kind)
    old = entity_iri(other.id)
    graphs = store.select(
        "SELECT DISTINCT ?o ?g WHERE { GRAPH ?g { { ?o ?p ?x } UNION { ?x ?p ?o } } }",
        {"o": term_for(str(old), "iri")},
        union=False,
    )
    articles = sorted(
        {r[1].value for r in graphs.rows if r[1] and r[1].value.startswith(ARTICLE_GRAPH_PREFIX)}
    )
    writes = [
        GraphWrite(g, remap_actor(g, store.graph_ntriples(g), str(old), new)) for g in articles
    ]
    touched = {c for g in articles for c in claims_in_graph(store, g)}
    since = begin_change(store)
    store.replace_graphs(writes)  # one transaction: every article is rewritten, or none
    touched |= {c for g in articles for c in claims_in_graph(store, g)}
    refresh_links(store, touched, since=since)
    return DecisionReport(keep.id, other.id, tuple(map(str, written)), len(writes))


def split(store: Store, a_ref: str, b_ref: str, settings: Settings) -> DecisionReport:
    """Record that two actors are distinct; undo a merge between them if there was one.

    The stored graphs keep the merged actor until the articles listed in the report are
    re-ingested with --force (which applies the decision), since a merged mention cannot
    be told apart without its text.
    """
    decisions = settings.decisions()
    gaz = settings.gazetteer()
    ids = []
    for ref in (a_ref, b_ref):
        try:
            ids.append(find(store, ref, gaz).id)
        except ActorError:
            if not any(ref in (m.actor, m.into) for m in decisions.merges):
                raise  # a typo must not become a decision under version control
            ids.append(ref)  # an id merged away is no longer in the store
    a, b = ids
    if a == b:
        raise ActorError(f"{a_ref!r} and {b_ref!r} are the same name", hint="name two actors")
    decisions = replace(
        decisions,
        merges=tuple(m for m in decisions.merges if {m.actor, m.into} != {a, b}),
        distinct=(*(p for p in decisions.distinct if set(p) != {a, b}), (a, b)),
    )
    written = settings.record(decisions)
    from kg.resolve.aliases import GAZETTEER, GAZETTEER_ALIAS, NORMALISED

    auto = (GAZETTEER, GAZETTEER_ALIAS, NORMALISED, "new name")
    res = store.select(
        _PREFIXES
        + """SELECT DISTINCT ?e ?key WHERE {
  ?r kg:resolvedTo ?e ; kg:method ?m ; prov:wasDerivedFrom ?art .
  ?art <https://schema.org/workExample>/kg:sourceKey ?key .
  FILTER(?m NOT IN ("""
        + ", ".join(f'"{m}"' for m in auto)
        + "))\n}",
        {"e": term_for(str(entity_iri(a)), "iri")},
    )
    keys = tuple(sorted(r[1].value for r in res.rows if r[1]))
    return DecisionReport(a, b, tuple(map(str, written)), 0, keys)
