"""The kg vocabulary (mirrors ontology/kg.ttl) and the IRI scheme for data.

Every IRI in stored data is minted here from stable keys, so re-ingesting is
idempotent and merging two stores is set union.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

#: ontology/ beside the package (a checkout, an editable install), else where a wheel puts it
ONTOLOGY_DIRS = (
    Path(__file__).resolve().parents[2] / "ontology",
    Path(sys.prefix) / "share" / "kg-aigeo" / "ontology",
)
ONT_BASE = "https://w3id.org/kg-aigeo/ont#"
DATA_BASE = "https://w3id.org/kg-aigeo/id/"

SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")


class KG(DefinedNamespace):
    """Terms of the kg ontology; an unknown name raises AttributeError."""

    _fail = True
    _NS = Namespace(ONT_BASE)

    # entities
    Entity: URIRef
    Actor: URIRef
    State: URIRef
    GovernmentBody: URIRef
    Company: URIRef
    Organization: URIRef
    InternationalBody: URIRef
    Person: URIRef
    Group: URIRef
    AnonymousSource: URIRef
    Artifact: URIRef
    AIModel: URIRef
    Chip: URIRef
    Rule: URIRef
    Place: URIRef
    inGazetteer: URIRef
    nameKey: URIRef
    # statements
    Statement: URIRef
    speaker: URIRef
    states: URIRef
    statedIn: URIRef
    about: URIRef
    stance: URIRef
    attribution: URIRef
    hedged: URIRef
    confidence: URIRef
    cue: URIRef
    pattern: URIRef
    anchor: URIRef
    claimText: URIRef
    speakerAnchor: URIRef
    sentenceAnchor: URIRef
    evidence: URIRef
    contradicts: URIRef
    Stance: URIRef
    asserts: URIRef
    denies: URIRef
    questions: URIRef
    predicts: URIRef
    Attribution: URIRef
    reported: URIRef
    authorAssertion: URIRef
    # attitudes: internal states attributed to an actor, not claims
    Attitude: URIRef
    holder: URIRef
    heldIn: URIRef
    holderAnchor: URIRef
    # evidence
    Evidence: URIRef
    Statistic: URIRef
    DocumentCitation: URIRef
    Event: URIRef
    Testimony: URIRef
    Example: URIRef
    supports: URIRef
    inArticle: URIRef
    # articles (texts), their publications, provenance
    outlet: URIRef
    sha256: URIRef
    textKey: URIRef
    Publication: URIRef
    sourceKey: URIRef
    firstSeen: URIRef
    mentions: URIRef
    mentionCount: URIRef
    articleGraph: URIRef
    ExtractionRun: URIRef
    pipeline: URIRef
    # cross-article identity
    Resolution: URIRef
    resolvedTo: URIRef
    surfaceForm: URIRef
    method: URIRef
    sameClaimAs: URIRef
    # claim frames (kg.extract.frames) and rebuttals
    Frame: URIRef
    frame: URIRef
    frameKey: URIRef
    subjectLemma: URIRef
    subjectActor: URIRef
    predicateLemma: URIRef
    sense: URIRef
    inverse: URIRef
    objectLemma: URIRef
    objectActor: URIRef
    polarity: URIRef
    modality: URIRef
    negationCue: URIRef
    rebuts: URIRef
    # why a derived link was made (kg.links)
    ClaimLink: URIRef
    linkFrom: URIRef
    linkTo: URIRef
    relation: URIRef
    reason: URIRef
    score: URIRef
    explanation: URIRef


KIND_CLASS: dict[str, URIRef] = {
    "state": KG.State,
    "government_body": KG.GovernmentBody,
    "company": KG.Company,
    "organization": KG.Organization,
    "international_body": KG.InternationalBody,
    "person": KG.Person,
    "group": KG.Group,
    "anonymous": KG.AnonymousSource,
    "model": KG.AIModel,
    "chip": KG.Chip,
    "rule": KG.Rule,
    "place": KG.Place,
}
#: class IRI (as a plain string) -> actor kind
CLASS_KIND = {str(v): k for k, v in KIND_CLASS.items()}

EVIDENCE_CLASS: dict[str, URIRef] = {
    "statistic": KG.Statistic,
    "document": KG.DocumentCitation,
    "event": KG.Event,
    "testimony": KG.Testimony,
    "example": KG.Example,
}

#: class IRI (as a plain string) -> evidence kind
EVIDENCE_KIND = {str(v): k for k, v in EVIDENCE_CLASS.items()}

STANCE_CONCEPT: dict[str, URIRef] = {
    "asserts": KG.asserts,
    "denies": KG.denies,
    "questions": KG.questions,
    "predicts": KG.predicts,
}

ATTRIBUTION_CONCEPT: dict[str, URIRef] = {
    "reported": KG.reported,
    "author": KG.authorAssertion,
}

# --- IRIs for data -------------------------------------------------------------------------------

META_GRAPH = URIRef(DATA_BASE + "graph/meta")
ARTICLE_GRAPH_PREFIX = DATA_BASE + "graph/article/"
ACTORS_GRAPH = URIRef(DATA_BASE + "graph/actors")
ONTOLOGY_GRAPH = URIRef(DATA_BASE + "graph/ontology")
#: derived cross-article links between claims (kg:sameClaimAs, kg:contradicts), see kg.links.similarity
LINKS_GRAPH = URIRef(DATA_BASE + "graph/links")
SOFTWARE = URIRef(DATA_BASE + "software/kg")


def digest(*parts: str, length: int = 16) -> str:
    """A short stable hash of some strings (hex)."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8"))
    return h.hexdigest()[:length]


def slugify(text: str) -> str:
    """A lowercase ASCII slug: 'Nvidia Corp.' -> 'nvidia-corp'."""
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-")
    return slug[:60] or digest(text, length=12)


def entity_iri(entity_id: str) -> URIRef:
    return URIRef(DATA_BASE + "entity/" + entity_id)


# An article is a text, identified by its content (``text_key``, see kg.model.text_key): the
# IRIs of the article, its graph and everything in it hang off that key, never off a file's
# location. A publication is one source's copy of the text (source key and text key).


def article_iri(text_key: str) -> URIRef:
    return URIRef(DATA_BASE + "article/" + digest(text_key))


def article_graph_iri(text_key: str) -> URIRef:
    return URIRef(ARTICLE_GRAPH_PREFIX + digest(text_key))


def publication_iri(source_key: str, text_key: str) -> URIRef:
    return URIRef(DATA_BASE + "publication/" + digest(source_key, text_key))


def claim_iri(proposition: str) -> URIRef:
    return URIRef(DATA_BASE + "claim/" + digest(proposition))


def frame_iri(key: str) -> URIRef:
    return URIRef(DATA_BASE + "frame/" + digest(key))


def link_iri(a: str, relation: str, b: str) -> URIRef:
    return URIRef(DATA_BASE + "link/" + digest(a, relation, b))


def statement_iri(article_key: str, claim_id: str) -> URIRef:
    return URIRef(DATA_BASE + "statement/" + digest(article_key, claim_id))


def attitude_iri(article_key: str, attitude_id: str) -> URIRef:
    return URIRef(DATA_BASE + "attitude/" + digest(article_key, attitude_id))


def evidence_iri(article_key: str, evidence_id: str) -> URIRef:
    return URIRef(DATA_BASE + "evidence/" + digest(article_key, evidence_id))


def selector_iri(article_key: str, start: int, end: int) -> URIRef:
    return URIRef(DATA_BASE + "selector/" + digest(article_key, str(start), str(end)))


def run_iri(article_key: str, sha256: str, software: str, pipeline: str) -> URIRef:
    return URIRef(DATA_BASE + "run/" + digest(article_key, sha256, software, pipeline))


def resolution_iri(article_key: str, surface: str) -> URIRef:
    return URIRef(DATA_BASE + "resolution/" + digest(article_key, surface))


def ontology_path(name: str = "kg.ttl") -> Path:
    """Path of a file shipped in ontology/ (kg.ttl, shapes.ttl, gazetteer.toml)."""
    for base in ONTOLOGY_DIRS:
        if (base / name).exists():
            return base / name
    return ONTOLOGY_DIRS[0] / name
