"""The `kg extract` JSON contract (DESIGN.md §7): one plain dict per article."""

from __future__ import annotations

from typing import Any

from kg.model import Claim, Extraction, Span


def _span(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": span.text}


def _claim(c: Claim, names: dict[str, str]) -> dict[str, Any]:
    claimer = None
    if c.speaker:
        claimer = {
            "id": c.speaker,
            "name": names.get(c.speaker, c.speaker),
            "start": c.claimer.start if c.claimer else None,
            "end": c.claimer.end if c.claimer else None,
        }
    return {
        "id": c.id,
        "text": c.span.text,
        "start": c.span.start,
        "end": c.span.end,
        "proposition": c.proposition,
        "attribution": c.attribution,
        "claimer": claimer,
        "cue": _span(c.cue),
        "stance": c.stance,
        "hedged": c.hedged,
        "confidence": c.confidence,
        "about": list(c.about),
        "evidence": list(c.evidence),
        "pattern": c.pattern,
    }


def extraction_to_dict(x: Extraction) -> dict[str, Any]:
    art = x.article
    names = {a.id: a.name for a in x.actors}
    mentions: dict[str, list[dict[str, Any]]] = {}
    for m in x.mentions:
        mentions.setdefault(m.actor_id, []).append({"start": m.start, "end": m.end, "text": m.text})
    claims = [_claim(c, names) for c in x.claims]
    attitudes = [_claim(c, names) for c in x.attitudes]
    return {
        "file": art.source,
        "article": {
            "title": art.title,
            "author": art.author,
            "outlet": art.outlet,
            "date": art.date,
            "url": art.url,
            "genre": art.genre,
            "sha256": art.sha256,
        },
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "wikidata": a.wikidata,
                "mentions": mentions.get(a.id, []),
            }
            for a in x.actors
        ],
        "claims": claims,
        # internal states attributed to someone ('X wants to ...'): not claims (kg.model)
        "attitudes": attitudes,
        "evidence": [
            {
                "id": e.id,
                "text": e.span.text,
                "start": e.span.start,
                "end": e.span.end,
                "kind": e.kind,
                "confidence": e.confidence,
            }
            for e in x.evidence
        ],
        "pipeline": x.pipeline,
    }
