"""Scoring against analyst gold: claims an analyst would sign off, with the right speaker.

The gold format is `kg.evaluate.analyst_gold` (docs/annotating.md), the report
`kg.evaluate.analyst_report`; the rules for what counts are the analyst guidelines of issue 14.

Decisions, so that figures agree with the reference scorer (``score_analyst.py``):

- Spans match when their overlap covers at least half of the shorter one
  (`kg.evaluate.match.admissible`). Claims and evidence are assigned one-to-one, greedily,
  best intersection-over-union first; ties go to the right speaker (then to non-optional
  gold) for claims and to the right kind for evidence. not_claims take part in the claim
  assignment as negatives: a prediction assigned to one is a false positive and a hit.
- Claims: precision over predictions less those assigned to optional gold; recall over
  non-optional gold. Speaker and stance are judged on predictions assigned to
  non-optional gold. End-to-end counts a match only with the right speaker.
- Speaker: author gold wants attribution ``author``; reported gold wants a claimer whose
  actor name, or the text of its mention, equals (folded: case, quotes and punctuation,
  a leading article) the gold speaker, one of its aliases, or a name of the gold actor the
  speaker names. A bare pronoun names no one.
- Stance: equal stances are right; ``denies`` of a proposition with the gold's negation
  removed reads right against ``asserts`` of the negated text; ``denies`` of a proposition
  that still carries that negation is a reversed reading, wrong and counted apart.
- Actors: a predicted actor is right when its name (else one of its mention texts) is a
  gold name or alias and is not a pronoun or a not_actor. A gold actor is split when its
  names (those no other gold actor of the article shares) land on two or more predicted
  actors.
- Evidence: P/R on span and kind; a link (claim -> evidence) is right when the evidence
  matches a gold item and the claim's span matches the claim that item supports.
- Pairs (with a store of the same articles, tied by text sha256): a same_claim pair is
  found when statements anchored on the two spans state one Claim or Claims linked
  ``kg:sameClaimAs``; a contradicts pair when the saved query ``contradictions`` returns a
  row whose two sides are those statements and whose claim text is one of their Claims.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kg.evaluate.analyst_gold import AnalystGold, GoldActor, GoldClaim, GoldDocument, read_gold
from kg.evaluate.analyst_report import AnalystReport, Finding
from kg.evaluate.match import Interval, admissible, overlap
from kg.model import Claim, Extraction
from kg.settings import Settings
from kg.store.oxigraph import Results, Store

#: kg actor and evidence kinds whose gold spelling differs (the rest: "_" -> " ").
KIND_NAMES = {
    "location": "place",
    "gpe": "place",
    "city": "place",
    "loc": "place",
    "org": "organization",
    "anonymous_source": "anonymous",
    "ai_model": "model",
}
NEGATION = re.compile(
    r"(\bnot\b|n't\b|n’t\b|\bnever\b|\bno longer\b|\bno\b|\bnone\b|\bneither\b|\bnor\b"
    r"|\bcannot\b)",
    re.IGNORECASE,
)
_PRONOUNS = "i me my we us our you your he him his she her it its they them their this that"
PRONOUNS = frozenset(f"{_PRONOUNS} these those who whom which".split())


# --- matching helpers ----------------------------------------------------------------------------


def fold(s: str | None) -> str:
    """A name as compared: NFKC, lower case, no quotes or dots, no leading article."""
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = re.sub(r"[.'’‘`\"“”″]", "", s)
    s = re.sub(r"[^\w]+", " ", s).strip()
    return re.sub(r"^(the|a|an) ", "", s)


def is_pronoun(s: str | None) -> bool:
    s = (s or "").strip()
    return s.lower() in PRONOUNS and s != "US"  # "US" is the country


def gold_kind(kind: str | None) -> str:
    """A kg kind in the gold's spelling."""
    k = (kind or "").strip().lower()
    return KIND_NAMES.get(k, k.replace("_", " "))


def iou(a: Interval, b: Interval) -> float:
    o = overlap(a, b)
    return o / (max(a[1], b[1]) - min(a[0], b[0])) if o else 0.0


def _greedy(candidates: list[tuple[tuple[float, ...], int, Any]]) -> dict[int, Any]:
    """One-to-one assignment, best key first (stable): predicted index -> gold item.

    A gold item ``("n", j)`` (a not_claim) may absorb several predictions.
    """
    candidates.sort(key=lambda c: c[0])
    out: dict[int, Any] = {}
    taken: set[Any] = set()
    for _, i, item in candidates:
        if i in out or item in taken:
            continue
        out[i] = item
        if not (isinstance(item, tuple) and item[0] == "n"):
            taken.add(item)
    return out


# --- scoring one article -------------------------------------------------------------------------


def _speaker_names(claim: GoldClaim, actors: Sequence[GoldActor]) -> set[str]:
    names = {fold(claim.speaker)} | {fold(a) for a in claim.speaker_aliases}
    for actor in actors:
        folded = {fold(n) for n in actor.names}
        if fold(claim.speaker) in folded:
            names |= folded
    names.discard("")
    return names


def speaker_right(
    claim: Claim, gold: GoldClaim, names: set[str], text: str, actor_names: Mapping[str, str]
) -> bool:
    if gold.kind == "author":
        return claim.attribution == "author"
    if claim.attribution == "author" or not claim.speaker:
        return False
    said = [actor_names.get(claim.speaker, claim.speaker)]
    if claim.claimer is not None:
        said.append(text[claim.claimer.start : claim.claimer.end])
    return any(fold(s) in names for s in said if s and not is_pronoun(s))


def stance_right(claim: Claim, gold: GoldClaim) -> tuple[bool, bool]:
    """(right, reversed reading)."""
    said, wanted = claim.stance, gold.stance
    proposition = claim.proposition or claim.span.text
    gold_negated = bool(NEGATION.search(gold.text))
    if said == wanted:
        return True, False
    if wanted == "asserts" and said == "denies" and gold_negated:
        reversed_ = bool(NEGATION.search(proposition))
        return not reversed_, reversed_
    if wanted == "denies" and said == "asserts" and not gold_negated:
        return bool(NEGATION.search(proposition)), False
    return False, False


def _score_claims(doc: GoldDocument, x: Extraction, report: AnalystReport) -> None:
    claims = list(x.claims)
    actor_names = {a.id: a.name for a in x.actors}
    names = [_speaker_names(c, doc.actors) for c in doc.claims]
    ok = {
        (i, j): speaker_right(p, g, names[j], doc.text, actor_names)
        for i, p in enumerate(claims)
        for j, g in enumerate(doc.claims)
        if admissible((p.span.start, p.span.end), g.span)
    }
    candidates: list[tuple[tuple[float, ...], int, Any]] = []
    for i, p in enumerate(claims):
        ps = (p.span.start, p.span.end)
        for j, g in enumerate(doc.claims):
            if (i, j) in ok:
                key = (-iou(ps, g.span), -ok[i, j], -(not g.optional))
                candidates.append((key, i, ("g", j)))
        for j, s in enumerate(doc.not_claims):
            if admissible(ps, s):
                candidates.append(((-iou(ps, s), 0, -1), i, ("n", j)))
    assigned = _greedy(candidates)
    report.predicted += len(claims)
    report.gold_claims += sum(not g.optional for g in doc.claims)
    report.optional_claims += sum(g.optional for g in doc.claims)
    found: set[int] = set()
    for i, p in enumerate(claims):
        where, j = assigned.get(i, (None, -1))
        if where == "n":
            report.not_claim_hits += 1
            _note(report, doc, "NOT-CLAIM", p.span.text)
        elif where is None:
            _note(report, doc, "FALSE-POS", p.span.text)
        elif doc.claims[j].optional:
            found.add(j)
            report.optional_matched += 1
        else:
            found.add(j)
            g = doc.claims[j]
            report.matched += 1
            right = ok[i, j]
            report.speaker_right += right
            stance_ok, reversed_ = stance_right(p, g)
            report.stance_right += stance_ok
            report.reversed += reversed_
            if not right:
                who = actor_names.get(p.speaker or "", p.speaker)
                _note(
                    report,
                    doc,
                    "SPEAKER",
                    p.span.text,
                    f"kg {p.attribution}/{who!r}, gold {g.kind}/{g.speaker!r}",
                )
            if not stance_ok:
                rev = " (reversed)" if reversed_ else ""
                _note(report, doc, "STANCE", p.span.text, f"kg {p.stance}, gold {g.stance}{rev}")
    for j, g in enumerate(doc.claims):
        if j not in found and not g.optional:
            _note(report, doc, "MISSED", g.text, g.speaker)


def _score_actors(doc: GoldDocument, x: Extraction, report: AnalystReport) -> None:
    index: dict[str, list[int]] = defaultdict(list)
    for k, gold_actor in enumerate(doc.actors):
        for n in gold_actor.names:
            if k not in index[fold(n)]:
                index[fold(n)].append(k)
    exact_nots = {s.strip() for s in doc.not_actors}
    nots = {fold(s) for s in doc.not_actors}
    mentions: dict[str, list[str]] = defaultdict(list)
    for m in x.mentions:
        mentions[m.actor_id].append(m.text)
    landed: dict[int, set[str]] = defaultdict(set)
    reached: set[int] = set()
    for actor in x.actors:
        report.actors_predicted += 1
        name, texts = actor.name or "", mentions[actor.id]
        for s in (name, *texts):
            ks = index.get(fold(s), [])
            if not is_pronoun(s):
                reached.update(ks)
                if len(ks) == 1:  # a name two gold actors share says nothing of splits
                    landed[ks[0]].add(actor.id)
        judged: list[int] | None = None
        if is_pronoun(name) or name.strip() in exact_nots:
            judged = None
        elif fold(name) in index:
            judged = index[fold(name)]
        elif fold(name) not in nots:
            hits = [
                k
                for s in texts
                if not is_pronoun(s) and s.strip() not in exact_nots and fold(s) not in nots
                for k in index.get(fold(s), [])
            ]
            if hits:  # the gold actor most of its mentions name (ties as the reference breaks them)
                judged = [max(set(hits), key=hits.count)]
        if judged is None:
            _note(report, doc, "ACTOR-WRONG", name, f"{actor.kind}; {sorted(set(texts))[:4]}")
            continue
        report.actors_right += 1
        kinds = [doc.actors[k].kind for k in judged]
        kind = gold_kind(actor.kind)
        if kind in kinds or ("anonymous" in kinds and kind == "person"):
            report.kinds_right += 1
        else:
            _note(report, doc, "ACTOR-KIND", name, f"kg {actor.kind}, gold {'/'.join(kinds)}")
    report.actors_gold += len(doc.actors)
    report.actors_found += len(reached)
    for k, ids in landed.items():
        if len(ids) >= 2:
            report.splits += 1
            _note(report, doc, "ACTOR-SPLIT", doc.actors[k].name, ", ".join(sorted(ids)))


def _score_evidence(doc: GoldDocument, x: Extraction, report: AnalystReport) -> None:
    gold = doc.evidence
    predicted = list(x.evidence)
    report.evidence_predicted += len(predicted)
    report.evidence_gold += len(gold)
    candidates: list[tuple[tuple[float, ...], int, Any]] = []
    for i, e in enumerate(predicted):
        es = (e.span.start, e.span.end)
        for j, g in enumerate(gold):
            if admissible(es, g.span):
                candidates.append(((-(gold_kind(e.kind) == g.kind), -iou(es, g.span)), i, j))
    assigned: dict[int, int] = _greedy(candidates)
    for i, j in assigned.items():
        report.evidence_span += 1
        kind = gold_kind(predicted[i].kind)
        report.evidence_kind += kind == gold[j].kind
        if kind != gold[j].kind:
            _note(report, doc, "EVIDENCE-KIND", gold[j].text, f"kg {kind}, gold {gold[j].kind}")
    for i, e in enumerate(predicted):
        if i not in assigned:
            _note(report, doc, "EVIDENCE-FP", e.span.text, gold_kind(e.kind))
    for j in sorted(set(range(len(gold))) - set(assigned.values())):
        _note(report, doc, "EVIDENCE-MISSED", gold[j].text, gold[j].kind)
    by_id = {e.id: i for i, e in enumerate(predicted)}
    reached: set[int] = set()
    for claim in x.claims:
        for eid in claim.evidence:
            if eid not in by_id:
                continue
            report.links += 1
            item = assigned.get(by_id[eid])
            supports = gold[item].supports if item is not None else None
            span = (claim.span.start, claim.span.end)
            if item is not None and supports is not None and admissible(span, supports):
                report.links_right += 1
                reached.add(item)
            else:
                note = f"-> {claim.span.text[:50]!r}"
                _note(report, doc, "LINK-WRONG", predicted[by_id[eid]].span.text, note)
    report.evidence_supported += sum(g.supports is not None for g in gold)
    report.links_reached += len(reached)


def _note(report: AnalystReport, doc: GoldDocument, what: str, text: str, note: str = "") -> None:
    report.findings.append(Finding(doc.name, what, text, note))


def score_document(doc: GoldDocument, x: Extraction | None, report: AnalystReport) -> None:
    """Add one article's counts to ``report`` (no extraction: every gold item is missed)."""
    report.articles += 1
    if x is None:
        report.missing += 1
        report.gold_claims += sum(not g.optional for g in doc.claims)
        report.optional_claims += sum(g.optional for g in doc.claims)
        report.actors_gold += len(doc.actors)
        report.evidence_gold += len(doc.evidence)
        report.evidence_supported += sum(g.supports is not None for g in doc.evidence)
        return
    _score_claims(doc, x, report)
    _score_actors(doc, x, report)
    _score_evidence(doc, x, report)


# --- pairs, read from a store --------------------------------------------------------------------

STATEMENTS = """PREFIX kg: <https://w3id.org/kg-aigeo/ont#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?statement ?claim ?start ?end ?sha ?headline ?text ?speaker ?stance WHERE {
  ?statement kg:states ?claim ; kg:statedIn ?article ; kg:anchor ?anchor .
  ?anchor oa:start ?start ; oa:end ?end .
  OPTIONAL { ?article kg:sha256 ?sha }
  OPTIONAL { ?article schema:headline ?headline }
  OPTIONAL { ?claim schema:text ?text }
  OPTIONAL { ?statement kg:speaker/skos:prefLabel ?speaker }
  OPTIONAL { ?statement kg:stance/skos:prefLabel ?stance }
}"""
SAME_CLAIM = """PREFIX kg: <https://w3id.org/kg-aigeo/ont#>
SELECT DISTINCT ?a ?b WHERE { ?a kg:sameClaimAs ?b }"""

Side = tuple[str | None, str | None, str | None]  # headline, speaker label, stance label


def _rows(results: Results) -> list[dict[str, str]]:
    return [
        {v: c.value for v, c in zip(results.variables, row, strict=True) if c is not None}
        for row in results.rows
    ]


def score_pairs(
    store: Store, gold: AnalystGold, sha_to_name: Mapping[str, str], report: AnalystReport
) -> None:
    """Count the gold pairs the store holds (articles tied by their text sha256)."""
    from kg.store.queries import run_saved

    texts = {d.name: d.text for d in gold.documents}
    anchored: dict[str, list[tuple[Interval, str, Side]]] = defaultdict(list)
    claim_text: dict[str, str] = {}
    for r in _rows(store.select(STATEMENTS)):
        name = sha_to_name.get(r.get("sha", ""))
        if name is None:
            continue
        side = (r.get("headline"), r.get("speaker"), r.get("stance"))
        anchored[name].append(((int(r["start"]), int(r["end"])), r["claim"], side))
        if r.get("text"):
            claim_text[r["claim"]] = r["text"]
    same: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store.select(SAME_CLAIM)):
        same[r["a"]].add(r["b"])
        same[r["b"]].add(r["a"])
    contradictions = _rows(run_saved(store, "contradictions", {}))

    def on(name: str, text: str) -> list[tuple[str, Side]]:
        if name not in texts:
            return []
        i = texts[name].find(text)
        span = (i, i + len(text))
        return [(c, side) for s, c, side in anchored.get(name, []) if admissible(s, span)]

    report.pairs_scored = True
    report.contradiction_rows = len(contradictions)
    for pair in gold.pairs:
        a, b = on(pair.file_a, pair.text_a), on(pair.file_b, pair.text_b)
        if pair.relation == "same_claim":
            ca, cb = {c for c, _ in a}, {c for c, _ in b}
            found = bool(ca & cb) or any(y in same[x] for x in ca for y in cb)
        else:
            found = any(_row_joins(row, a, b, same, claim_text) for row in contradictions)
        report.pairs_found[pair.relation] = report.pairs_found.get(pair.relation, 0) + found
        if not found:
            note = f"{len(a)}/{len(b)} statements on the spans"
            text = f"{pair.file_a}: {pair.text_a[:50]!r} ~ {pair.file_b}: {pair.text_b[:50]!r}"
            report.findings.append(Finding("pairs", f"PAIR-{pair.relation.upper()}", text, note))


def _row_joins(
    row: Mapping[str, str],
    a: list[tuple[str, Side]],
    b: list[tuple[str, Side]],
    same: Mapping[str, set[str]],
    claim_text: Mapping[str, str],
) -> bool:
    """Whether a contradictions row has the statements on the two spans as its two sides."""
    side_a = (row.get("headlineA"), row.get("speakerA"), row.get("stanceA"))
    side_b = (row.get("headlineB"), row.get("speakerB"), row.get("stanceB"))
    if side_a == side_b:
        return False
    said = fold(row.get("claim"))
    for ca, wa in a:
        for cb, wb in b:
            if {side_a, side_b} != {wa, wb}:
                continue
            near = {ca, cb} | same.get(ca, set()) | same.get(cb, set())
            if said in {fold(claim_text.get(c)) for c in near}:
                return True
    return False


# --- running -------------------------------------------------------------------------------------


def score(
    gold: AnalystGold, extractions: Mapping[str, Extraction], store: Store | None = None
) -> AnalystReport:
    """Score extractions (by article file name) against the gold; pairs when a store is given."""
    report = AnalystReport(gold_dir=str(gold.root))
    for doc in gold.documents:
        score_document(doc, extractions.get(doc.name), report)
    for pair in gold.pairs:
        report.pairs_total[pair.relation] = report.pairs_total.get(pair.relation, 0) + 1
    if store is not None:
        sha = {x.article.sha256: name for name, x in extractions.items()}
        score_pairs(store, gold, sha, report)
    return report


def extract_gold(gold: AnalystGold, settings: Settings) -> dict[str, Extraction]:
    """Run kg's extraction over every gold article, read and extracted as `kg ingest` does it
    (the pipeline, gazetteer and analyst decisions ``settings`` names)."""
    from kg.extract import extract_many, load_nlp
    from kg.ingest import read_path

    articles = [read_path(d.path) for d in gold.documents]
    gazetteer = settings.gazetteer()
    nlp = load_nlp(settings.model, gazetteer)
    extractions = extract_many(articles, nlp, gazetteer, settings.decisions())
    return {d.name: x for d, x in zip(gold.documents, extractions, strict=True)}


def evaluate_analyst(
    gold_dir: str | Path, settings: Settings, *, pairs: bool = False
) -> AnalystReport:
    """Score kg's extraction against the analyst gold in ``gold_dir``; with ``pairs``, also
    the gold's pairs.json against the store ``settings`` names (holding the same articles)."""
    gold = read_gold(gold_dir)
    extractions = extract_gold(gold, settings)
    if not pairs:
        return score(gold, extractions)
    from kg.store.oxigraph import open_store

    with open_store(settings.store, create=False) as store:
        return score(gold, extractions, store)
