"""Mapping extractions to RDF: one named graph per article, plus provenance and the actor registry.

rdflib is the modelling layer here; the store receives N-Triples text, so no
rdflib object crosses into `kg.store.oxigraph`. Every node has a deterministic IRI and no
blank node is produced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from rdflib import OWL, RDF, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg import __version__
from kg.model import Actor, Claim, Evidence, Extraction, Frame, Publication, Span
from kg.rdf.ontology import (
    ACTORS_GRAPH,
    ATTRIBUTION_CONCEPT,
    EVIDENCE_CLASS,
    KG,
    KIND_CLASS,
    META_GRAPH,
    OA,
    ONTOLOGY_GRAPH,
    SCHEMA,
    SOFTWARE,
    STANCE_CONCEPT,
    WD,
    article_graph_iri,
    article_iri,
    attitude_iri,
    claim_iri,
    digest,
    entity_iri,
    evidence_iri,
    frame_iri,
    ontology_path,
    resolution_iri,
    run_iri,
    selector_iri,
    statement_iri,
)
from kg.rdf.publications import publish
from kg.resolve.gazetteer import Gazetteer

CONTEXT = 32  # characters of prefix/suffix kept in text-quote selectors


@dataclass(frozen=True)
class ArticleGraphs:
    """What one article contributes: its own graph, and its provenance in the meta graph."""

    key: str
    sha256: str
    graph_iri: URIRef
    graph: Graph
    meta: Graph
    meta_subjects: tuple[URIRef, ...]  # whose meta triples the article owns (replaced with it)

    def claims(self) -> set[str]:
        """The IRIs of the claims the article graph states."""
        return {str(c) for c in self.graph.subjects(RDF.type, SCHEMA.Claim)}


def _bind(g: Graph) -> Graph:
    g.bind("kg", KG._NS)
    g.bind("schema", SCHEMA)
    g.bind("prov", PROV)
    g.bind("skos", SKOS)
    g.bind("oa", OA)
    g.bind("owl", OWL)
    return g


def name_key(label: str) -> Literal:
    """A label as kg:nameKey: lower-cased as SPARQL's LCASE does, so a saved query finds an
    actor by any of its names in any letter case with one index lookup
    (`BIND(LCASE(STR(?actor)) AS ?key) ?x kg:nameKey ?key`) instead of a filter over every
    label in the store."""
    return Literal(label.lower())


def actor_triples(g: Graph, actor: Actor) -> URIRef:
    node = entity_iri(actor.id)
    g.add((node, RDF.type, KIND_CLASS.get(actor.kind, KG.Organization)))
    g.add((node, SKOS.prefLabel, Literal(actor.name)))
    g.add((node, KG.nameKey, name_key(actor.name)))
    for alias in actor.aliases:
        if alias != actor.name:
            g.add((node, SKOS.altLabel, Literal(alias)))
            g.add((node, KG.nameKey, name_key(alias)))
    if actor.wikidata:
        g.add((node, OWL.sameAs, WD[actor.wikidata]))
    if actor.in_gazetteer:
        g.add((node, KG.inGazetteer, Literal(True)))
    return node


def registry_graph(gazetteer: Gazetteer) -> Graph:
    """The actor registry: every gazetteer entry with labels, aliases and Wikidata id."""
    g = _bind(Graph(identifier=ACTORS_GRAPH))
    for actor in gazetteer.actors.values():
        actor_triples(g, actor)
    return g


def ontology_graph() -> Graph:
    """The ontology (ontology/kg.ttl), stored in its own graph so queries can use its labels."""
    g = Graph(identifier=ONTOLOGY_GRAPH)
    g.parse(ontology_path("kg.ttl"), format="turtle")
    return g


def graph_record(graph_iri: URIRef, sha256: str, source: str) -> Graph:
    """Meta-graph triples for a vocabulary graph: its content hash and the file it came from."""
    g = Graph(identifier=META_GRAPH)
    g.add((graph_iri, KG.sha256, Literal(sha256)))
    g.add((graph_iri, DCTERMS.source, Literal(source)))
    return g


def _selector(g: Graph, key: str, text: str, span: Span) -> URIRef:
    node = selector_iri(key, span.start, span.end)
    g.add((node, RDF.type, OA.TextPositionSelector))
    g.add((node, RDF.type, OA.TextQuoteSelector))
    g.add((node, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
    g.add((node, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
    g.add((node, OA.exact, Literal(span.text)))
    g.add((node, OA.prefix, Literal(text[max(0, span.start - CONTEXT) : span.start])))
    g.add((node, OA.suffix, Literal(text[span.end : span.end + CONTEXT])))
    return node


def article_graphs(
    extraction: Extraction,
    gazetteer: Gazetteer,
    *,
    generated_at: datetime | None = None,
    publications: Iterable[Publication] | None = None,
) -> ArticleGraphs:
    """The named graph of one article (a text, IRIs from its content key) and its provenance.

    ``publications``: every source known to hold the text (default: only the one it was read
    from); the article node is described by the lead one (kg.rdf.publications).
    """
    art = extraction.article
    key = art.text_key
    when = (generated_at or datetime.now(UTC)).replace(microsecond=0)
    if publications is None:
        publications = [Publication.of(art)]
    graph_iri = article_graph_iri(key)
    g = _bind(Graph(identifier=graph_iri))
    a = article_iri(key)
    g.add((a, RDF.type, SCHEMA.NewsArticle))
    g.add((a, KG.textKey, Literal(key)))
    g.add((a, KG.sha256, Literal(art.sha256)))
    if art.genre:
        g.add((a, SCHEMA.genre, Literal(art.genre)))
    publish(g, a, key, art.sha256, publications)

    actors = {actor.id: actor for actor in extraction.actors}
    for actor in actors.values():
        node = entity_iri(actor.id)
        if not gazetteer.get(actor.id):
            actor_triples(g, actor)  # found in this article only: described in its graph
        g.add((a, KG.mentions, node))
    if art.author:
        author = next(
            (x for x in actors.values() if x.kind == "person" and x.name == art.author), None
        )
        if author is not None:
            g.add((a, SCHEMA.author, entity_iri(author.id)))

    resolution_triples(g, extraction, a)

    evidence_nodes = {ev.id: evidence_iri(key, ev.id) for ev in extraction.evidence}
    supported: set[str] = set()
    unattributed: URIRef | None = None
    for claim in extraction.claims:
        st = statement_iri(key, claim.id)
        cl = claim_iri(claim.proposition)
        g.add((cl, RDF.type, SCHEMA.Claim))
        g.add((cl, SCHEMA.text, Literal(claim.proposition)))
        g.add((st, RDF.type, KG.Statement))
        g.add((st, KG.states, cl))
        g.add((st, KG.statedIn, a))
        if claim.speaker:
            speaker = entity_iri(claim.speaker)
        else:
            if unattributed is None:
                unattributed = entity_iri(f"anonymous/{digest(key, length=10)}/unattributed")
                g.add((unattributed, RDF.type, KG.AnonymousSource))
                g.add((unattributed, SKOS.prefLabel, Literal("unattributed source")))
                g.add((unattributed, KG.nameKey, name_key("unattributed source")))
            speaker = unattributed
        g.add((st, KG.speaker, speaker))
        g.add((st, KG.stance, STANCE_CONCEPT[claim.stance]))
        g.add((st, KG.attribution, ATTRIBUTION_CONCEPT[claim.attribution]))
        g.add((st, KG.hedged, Literal(claim.hedged)))
        g.add((st, KG.confidence, Literal(str(claim.confidence), datatype=XSD.decimal)))
        g.add((st, KG.pattern, Literal(claim.pattern)))
        if claim.cue:
            g.add((st, KG.cue, Literal(claim.cue.text)))
        g.add((st, KG.anchor, _selector(g, key, art.text, claim.span)))
        # the text as the stance reads it (without the negation a denial was read off)
        g.add((st, KG.claimText, Literal(claim.reading or claim.span.text)))
        g.add((st, KG.sentenceAnchor, _selector(g, key, art.text, claim.sentence)))
        if claim.claimer and claim.speaker:  # a claimer phrase that names no actor: no anchor
            who = claim.claimer
            g.add(
                (
                    st,
                    KG.speakerAnchor,
                    _selector(g, key, art.text, Span(who.start, who.end, who.text)),
                )
            )
        for about in claim.about:
            g.add((st, KG.about, entity_iri(about)))
            g.add((cl, KG.about, entity_iri(about)))
        if claim.frame is not None:
            g.add((cl, KG.frame, frame_triples(g, claim.frame)))
        for frame in claim.more_frames:
            g.add((cl, KG.frame, frame_triples(g, frame)))
        if claim.evaluation is not None:
            g.add((cl, KG.frame, frame_triples(g, claim.evaluation)))
        if claim.rebuts is not None:
            g.add((st, KG.rebuts, statement_iri(key, claim.rebuts)))
        for ev_id in claim.evidence:
            g.add((st, KG.evidence, evidence_nodes[ev_id]))
            g.add((evidence_nodes[ev_id], KG.supports, st))
            supported.add(ev_id)
    for att in extraction.attitudes:
        attitude_triples(g, key, art.text, a, att)
    for ev in extraction.evidence:
        node = evidence_nodes[ev.id]
        g.add((node, RDF.type, EVIDENCE_CLASS[ev.kind]))
        g.add((node, SCHEMA.text, Literal(ev.span.text)))
        g.add((node, KG.inArticle, a))
        g.add((node, KG.confidence, Literal(str(ev.confidence), datatype=XSD.decimal)))
        g.add((node, KG.anchor, _selector(g, key, art.text, ev.span)))
        if ev.sentence is not None:
            g.add((node, KG.sentenceAnchor, _selector(g, key, art.text, ev.sentence)))
        if ev.entity:
            g.add((node, KG.about, entity_iri(ev.entity)))
        for source in _testimony_sources(extraction, ev):
            g.add((node, PROV.wasAttributedTo, entity_iri(source)))

    meta = _bind(Graph(identifier=META_GRAPH))
    run = run_iri(key, art.sha256, __version__, extraction.pipeline)
    meta.add((graph_iri, PROV.wasDerivedFrom, a))
    meta.add((graph_iri, PROV.wasGeneratedBy, run))
    meta.add((graph_iri, PROV.generatedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime)))
    meta.add((a, KG.articleGraph, graph_iri))
    meta.add((a, KG.sha256, Literal(art.sha256)))
    meta.add((run, RDF.type, KG.ExtractionRun))
    meta.add((run, PROV.wasAssociatedWith, SOFTWARE))
    meta.add((run, PROV.used, a))
    meta.add((run, KG.pipeline, Literal(extraction.pipeline)))
    meta.add((run, PROV.endedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime)))
    meta.add((SOFTWARE, RDF.type, PROV.SoftwareAgent))
    meta.add((SOFTWARE, SCHEMA.softwareVersion, Literal(__version__)))
    meta.add((SOFTWARE, SCHEMA.name, Literal("kg")))
    return ArticleGraphs(
        key=key,
        sha256=art.sha256,
        graph_iri=graph_iri,
        graph=g,
        meta=meta,
        meta_subjects=(graph_iri, a, run),
    )


def attitude_triples(g: Graph, key: str, text: str, article: URIRef, att: Claim) -> None:
    """An attitude ('X wants to ...', 'X criticised the decision'): a kg:Attitude with its
    holder, its text as written, its cue and anchors. It states no schema:Claim and has no
    kg:speaker or kg:stance, so nothing that reads claims (saved queries, views, links) reads it.
    """
    node = attitude_iri(key, att.id)
    g.add((node, RDF.type, KG.Attitude))
    g.add((node, KG.heldIn, article))
    g.add((node, SCHEMA.text, Literal(att.span.text)))
    if att.speaker:
        g.add((node, KG.holder, entity_iri(att.speaker)))
    if att.claimer:
        who = att.claimer
        g.add((node, KG.holderAnchor, _selector(g, key, text, Span(who.start, who.end, who.text))))
    if att.cue:
        g.add((node, KG.cue, Literal(att.cue.text)))
    g.add((node, KG.anchor, _selector(g, key, text, att.span)))
    g.add((node, KG.sentenceAnchor, _selector(g, key, text, att.sentence)))
    g.add((node, KG.confidence, Literal(str(att.confidence), datatype=XSD.decimal)))
    g.add((node, KG.pattern, Literal(att.pattern)))
    for about in att.about:
        g.add((node, KG.about, entity_iri(about)))


def frame_triples(g: Graph, frame: Frame) -> URIRef:
    """A claim frame as a node (IRI from its fields, so equal frames are one node)."""
    node = frame_iri(frame.key)
    g.add((node, RDF.type, KG.Frame))
    g.add((node, KG.frameKey, Literal(frame.key)))
    g.add((node, KG.subjectLemma, Literal(frame.subject)))
    g.add((node, KG.predicateLemma, Literal(frame.predicate)))
    g.add((node, KG.sense, Literal(frame.sense)))
    g.add((node, KG.inverse, Literal(frame.inverse)))
    if frame.object:
        g.add((node, KG.objectLemma, Literal(frame.object)))
    if frame.subject_actor:
        g.add((node, KG.subjectActor, entity_iri(frame.subject_actor)))
    if frame.object_actor:
        g.add((node, KG.objectActor, entity_iri(frame.object_actor)))
    g.add((node, KG.polarity, Literal(frame.polarity)))
    g.add((node, KG.modality, Literal(frame.modality)))
    if frame.negation:
        g.add((node, KG.negationCue, Literal(frame.negation)))
    return node


def resolution_triples(g: Graph, extraction: Extraction, article: URIRef) -> None:
    """How each surface form of the article was resolved to an actor, and how often it occurs.

    One kg:Resolution per surface form (IRI from article key and form), for `kg actors`
    to list aliases, mention counts and the rule (or analyst decision) behind each merge.
    """
    counts: dict[tuple[str, str], int] = {}
    how: dict[tuple[str, str], str] = {}
    for m in extraction.mentions:
        if m.how:
            counts[(m.text, m.actor_id)] = counts.get((m.text, m.actor_id), 0) + 1
            how.setdefault((m.text, m.actor_id), m.how)
    key = extraction.article.text_key
    for (surface, actor_id), n in counts.items():
        node = resolution_iri(key, surface + "\x1f" + actor_id)
        g.add((node, RDF.type, KG.Resolution))
        g.add((node, PROV.wasDerivedFrom, article))
        g.add((node, KG.surfaceForm, Literal(surface)))
        g.add((node, KG.resolvedTo, entity_iri(actor_id)))
        g.add((node, KG.method, Literal(how[(surface, actor_id)])))
        g.add((node, KG.mentionCount, Literal(n, datatype=XSD.integer)))


def remap_actor(graph: str, ntriples: str, old: str, new: Actor) -> str:
    """An article graph (N-Triples) with actor IRI ``old`` replaced by ``new`` (an analyst's merge).

    The old node's labels become aliases of the new one; its resolutions are marked as decided
    by the analyst. Gazetteer actors keep their description in the registry graph.
    """
    g = Graph(identifier=URIRef(graph))
    g.parse(data=ntriples, format="nt")
    return to_ntriples(_remap_actor(g, URIRef(old), new))


def _remap_actor(g: Graph, old: URIRef, new: Actor) -> Graph:
    node = entity_iri(new.id)
    out = _bind(Graph(identifier=g.identifier))
    labels: set[str] = set()
    for s, p, o in g:
        if s == old:
            if p in (SKOS.prefLabel, SKOS.altLabel):
                labels.add(str(o))
            if p in (
                RDF.type,
                SKOS.prefLabel,
                SKOS.altLabel,
                KG.nameKey,
                OWL.sameAs,
                KG.inGazetteer,
            ):
                continue
            s = node
        if o == old:
            o = node
        out.add((s, p, o))
    for s in list(out.subjects(KG.resolvedTo, node)):
        out.remove((s, KG.method, None))
        out.add((s, KG.method, Literal("analyst decision")))
    if not new.in_gazetteer:
        actor_triples(out, new)
    for label in labels - {new.name}:
        out.add((node, SKOS.altLabel, Literal(label)))
        out.add((node, KG.nameKey, name_key(label)))
    return out


def _testimony_sources(extraction: Extraction, ev: Evidence) -> list[str]:
    """Who gives a testimony: the speakers of the reported claims it quotes."""
    if ev.kind != "testimony":
        return []
    return sorted(
        {
            c.speaker
            for c in extraction.claims
            if c.speaker
            and c.attribution == "reported"
            and 2 * (min(ev.span.end, c.span.end) - max(ev.span.start, c.span.start))
            >= c.span.end - c.span.start
        }
    )


def to_ntriples(g: Graph) -> str:
    """The graph as N-Triples, lines sorted: rdflib writes them in no fixed order, and a
    digest of the text (kg.pipeline.sync_registry) must not change when the graph does not."""
    text = g.serialize(format="nt", encoding="utf-8").decode("utf-8")
    # only "\n" ends a line: str.splitlines would also cut at a U+2028 inside a literal
    return "".join(sorted(line + "\n" for line in text.split("\n") if line.strip()))
