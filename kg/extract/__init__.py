"""Extraction: an `Article` in, an `Extraction` out. spaCy lives only in this package."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.author import author_claims
from kg.extract.claims import (
    RawClaim,
    according_to,
    nominal_claims,
    quotes,
    reported_speech,
    source_in,
    speaker_turns,
    stance_adjectives,
)
from kg.extract.evidence import find_evidence
from kg.extract.linking import link_evidence
from kg.extract.mentions import find_actors
from kg.extract.nlp import load_nlp, pipeline_id
from kg.model import Actor, Article, Claim, Evidence, Extraction, Mention, Span
from kg.rdf.ontology import digest
from kg.resolve.decisions import Decisions
from kg.resolve.gazetteer import Gazetteer, discovered_actor

OPINION_GENRES = frozenset(
    {"opinion", "op-ed", "oped", "editorial", "column", "analysis", "commentary"}
)

__all__ = ["extract", "extract_many", "load_nlp", "normalize_proposition"]


def extract(
    article: Article,
    nlp: Language,
    gazetteer: Gazetteer | None = None,
    decisions: Decisions | None = None,
) -> Extraction:
    """Extract actors, claims and evidence from one article.

    ``gazetteer`` defaults to the one kg ships, ``decisions`` to none (`kg.settings.Settings`
    says which apply to a store).
    """
    return build_extraction(article, nlp(article.body), nlp, gazetteer, decisions)


def extract_many(
    articles: Iterable[Article],
    nlp: Language,
    gazetteer: Gazetteer | None = None,
    decisions: Decisions | None = None,
    *,
    batch_size: int = 8,
    workers: int = 1,
) -> Iterator[Extraction]:
    """Extract from many articles, streaming them through ``nlp.pipe``.

    ``workers > 1`` parses in that many processes (spaCy's ``n_process``); the rule
    patterns then run in this process on the returned Docs, in input order.
    """
    gazetteer = gazetteer or Gazetteer.default()
    decisions = decisions or Decisions()
    pairs = ((a.body, a) for a in articles)
    docs = nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=max(1, workers))
    for doc, article in docs:
        yield build_extraction(article, doc, nlp, gazetteer, decisions)


def normalize_proposition(tokens: list[str]) -> str:
    """The article-independent form of a claim: lowercase, quotes and spacing folded."""
    text = " ".join(tokens)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\s+", " ", text.lower())
    text = re.sub(r"\s+([,.;:!?%])", r"\1", text)
    text = re.sub(r"\s+('s|n't)\b", r"\1", text)
    return text.strip(" .,;:\"'")


def _is_opinion(article: Article, doc: Doc, reported: int) -> bool:
    if article.genre:
        return article.genre.lower() in OPINION_GENRES
    # no genre given: a bylined piece that rarely attributes is the author's own argument
    sentences = sum(1 for _ in doc.sents)
    return article.author is not None and sentences > 0 and reported / sentences < 0.25


def build_extraction(
    article: Article,
    doc: Doc,
    nlp: Language,
    gazetteer: Gazetteer | None = None,
    decisions: Decisions | None = None,
) -> Extraction:
    gazetteer = gazetteer or Gazetteer.default()
    decisions = decisions or Decisions()
    offset = article.body_start
    key = digest(article.text_key, length=10)  # ids of local actors: from the text, not its source
    index = find_actors(doc, gazetteer, decisions, offset)

    raw = _merge_quote_runs(
        _without_duplicates(
            [
                c
                for pattern in (
                    speaker_turns,
                    reported_speech,
                    according_to,
                    source_in,
                    nominal_claims,
                    stance_adjectives,
                )
                for c in pattern(doc, index, key)
            ]
        )
    )
    raw = _merge_quote_runs(
        sorted([*raw, *quotes(doc, index, key, raw)], key=lambda c: (c.start, c.end))
    )

    author_actor: Actor | None = None
    author_mention: Mention | None = None
    if article.author:
        author_actor = gazetteer.lookup(article.author) or discovered_actor(
            article.author, "person"
        )
        if author_actor.kind != "person":
            author_actor = discovered_actor(article.author, "person")
        if article.byline:
            author_mention = Mention(
                author_actor.id, article.byline.start, article.byline.end, article.byline.text
            )
    argument = author_actor is not None and _is_opinion(article, doc, len(raw))
    if argument:
        covered_sents = [c.sentence for c in raw]
        raw.extend(author_claims(doc, covered_sents, article.title))

    raw.sort(key=lambda c: (c.start, c.end))
    actors: dict[str, Actor] = dict(index.actors)
    mentions: list[Mention] = list(index.mentions)
    if author_actor is not None:
        actors.setdefault(author_actor.id, author_actor)
        if author_mention:
            mentions.append(author_mention)

    def shift(start: int, end: int) -> Span:
        s, e = start + offset, end + offset
        return Span(s, e, article.text[s:e])

    evidence_raw = find_evidence(doc, index, argument)
    evidence = [
        Evidence(
            id=f"e{ev.start + offset}-{ev.end + offset}",
            kind=ev.kind,
            span=shift(ev.start, ev.end),
            confidence=ev.confidence,
            entity=ev.entity,
        )
        for ev in evidence_raw
    ]
    links = link_evidence(raw, evidence_raw, doc)

    claims: list[Claim] = []
    for i, rc in enumerate(raw):
        speaker_id: str | None = None
        claimer: Mention | None = None
        if rc.attribution == "author" and author_actor is not None:
            speaker_id = author_actor.id
            claimer = author_mention
        elif rc.speaker is not None:
            actors.setdefault(rc.speaker.actor.id, rc.speaker.actor)
            speaker_id = rc.speaker.actor.id
            claimer = Mention(
                speaker_id,
                rc.speaker.start + offset,
                rc.speaker.end + offset,
                rc.speaker.text,
            )
        content = doc.char_span(rc.start, rc.end, alignment_mode="expand")
        tokens = [t.text for t in (content or []) if t.i != rc.negated_root]
        about = tuple(
            dict.fromkeys(
                hit[1].id
                for t in (content or [])
                if (hit := index.actor_at(t)) is not None and hit[1].id != speaker_id
            )
        )
        claims.append(
            Claim(
                id=f"c{rc.start + offset}-{rc.end + offset}",
                span=shift(rc.start, rc.end),
                proposition=normalize_proposition(tokens),
                attribution=rc.attribution,
                speaker=speaker_id,
                claimer=claimer,
                cue=shift(rc.cue[0], rc.cue[1]) if rc.cue else None,
                sentence=shift(*rc.sentence),
                stance=rc.stance,
                hedged=rc.hedged,
                confidence=_confidence(rc),
                about=about,
                evidence=tuple(evidence[j].id for j in links.get(i, [])),
                pattern=rc.pattern,
            )
        )
    used = {m.actor_id for m in mentions} | {c.speaker for c in claims if c.speaker}
    return Extraction(
        article=article,
        actors=tuple(a for a in actors.values() if a.id in used),
        mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end))),
        claims=tuple(claims),
        evidence=tuple(evidence),
        pipeline=pipeline_id(nlp),
    )


def _without_duplicates(claims: list[RawClaim]) -> list[RawClaim]:
    """One claim per content; a claim nested in another's content stays only with a claimer.

    "Reuters reported that officials said X" keeps both levels; "X said the rule, if
    adopted, would be enforced" drops the claimer-less inner "adopted".
    """
    kept: list[RawClaim] = []
    for i, claim in enumerate(claims):  # earlier patterns win ties
        drop = False
        for j, other in enumerate(claims):
            if j == i:
                continue
            inside = other.start <= claim.start and claim.end <= other.end
            same = inside and other.end - other.start == claim.end - claim.start
            # a claim with a claimer wins over one without ('X is held to account, she said')
            first = (other.speaker is not None, -j) > (claim.speaker is not None, -i)
            if (same and first) or (
                inside and not same and claim.speaker is None and other.speaker is not None
            ):
                drop = True
            elif not inside and _overlap(claim, other) > 0.5:
                other_inside = claim.start <= other.start and other.end <= claim.end
                if not other_inside and first:
                    drop = True
            if drop:
                break
        if not drop:
            kept.append(claim)
    return kept


def _merge_quote_runs(claims: list[RawClaim]) -> list[RawClaim]:
    """'"A," she said. "B."' is one quotation broken by its attribution: one claim.

    Also '"A," she said, "B."' (both parts hang off the same cue) and a run whose first
    part holds a claim nested in it. '"A," she said, adding that B' stays two claims.
    """
    out: list[RawClaim] = []
    for claim in claims:
        # the claim just before, passing over claims nested in it ('"A, as we said, B," she said.')
        # and over claims inside the attribution chunk ('"A," said X, who runs Y. "B."')
        before = sorted(
            (i for i, o in enumerate(out) if o.end <= claim.start),
            key=lambda i: (out[i].end, out[i].end - out[i].start),
            reverse=True,
        )
        for n, at in enumerate(before[:3]):
            prev = out[at]
            if _continues(prev, claim):
                out[at] = replace(
                    prev, end=claim.end, sentence=(prev.sentence[0], claim.sentence[1])
                )
                break
            if n + 1 >= len(before) or out[before[n + 1]].sentence != prev.sentence:
                out.append(claim)
                break
        else:
            out.append(claim)
    return out


def _continues(prev: RawClaim, claim: RawClaim) -> bool:
    """Whether ``claim`` continues the quotation of ``prev`` after its attribution."""
    return (
        (
            claim.pattern == "quote_prev_sentence"
            or (claim.pattern == "quote" and claim.cue is None)
            or (claim.cue is not None and prev.cue is not None and claim.cue == prev.cue)
        )
        and prev.speaker is not None
        and claim.speaker is not None
        and prev.speaker.actor.id == claim.speaker.actor.id
        and 0 <= claim.start - prev.end <= 300
        and prev.cue is not None
        and prev.end <= prev.cue[0] < claim.start
    )


def _overlap(a: RawClaim, b: RawClaim) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    shorter = min(a.end - a.start, b.end - b.start)
    return inter / shorter if shorter > 0 else 0.0


def _confidence(rc: RawClaim) -> float:
    base = {
        "reported_speech": 0.8,
        "according_to": 0.8,
        "source_in": 0.7,
        "content_first": 0.75,
        "quote": 0.8,
        "nominal": 0.65,
        "quote_prev_sentence": 0.6,
        "quote_next_sentence": 0.55,
        "author": 0.5,
    }.get(rc.pattern, 0.5)
    if rc.speaker is None and rc.attribution == "reported":
        base -= 0.2
    return round(base, 2)
