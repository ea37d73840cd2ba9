"""Building one article's `Extraction` from its parsed Doc: patterns, then merging.

The registered claim patterns (`kg.extract.registry`) run stage by stage: the ``attribution``
patterns, whose claims are reduced to one per content (`_without_duplicates`, earlier patterns
win ties) and whose quotations broken by their attribution are joined (`_merge_quote_runs`);
the ``quotation`` patterns given those claims; in opinion writing the ``author`` patterns.
Evidence is found and linked to the claims; doc offsets are shifted into the article text.
Each claim's confidence is its pattern's (lower without a claimer).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

# importing the pattern modules registers their patterns (kg.extract.registry)
import kg.extract.author
import kg.extract.claims
import kg.extract.direct
import kg.extract.lists
import kg.extract.rebuttals  # noqa: F401
from kg.extract.descriptors import about_actors, actor_finder
from kg.extract.direct import QUOTE, QUOTE_PREV_SENTENCE
from kg.extract.docs import doc_text
from kg.extract.evaluations import evaluation_of
from kg.extract.evidence import find_evidence
from kg.extract.frames import frames_of
from kg.extract.lexicon import (
    BACKGROUND_GENRES,
    DOCUMENT_NOUNS,
    EVIDENCE_SUBJECTS,
    INFERENCE_VERBS,
    STANDALONE_PRONOUNS,
    VIEW_VERBS,
)
from kg.extract.linking import link_evidence, offered_only
from kg.extract.mentions import find_actors
from kg.extract.nlp import MAX_SENTENCE_TOKENS, long_runs, pipeline_id
from kg.extract.quotes import in_quotation
from kg.extract.raw import PatternInput, RawClaim
from kg.extract.referents import claimer_mentions, regroup, vet_speaker
from kg.extract.registry import REGISTRY
from kg.extract.voice import Voice, author_person, text_voice
from kg.model import Actor, Article, Claim, Evidence, Extraction, Mention, Span
from kg.rdf.ontology import digest
from kg.resolve.decisions import Decisions
from kg.resolve.gazetteer import Gazetteer
from kg.resolve.kinds import kind_from_name


def normalize_proposition(tokens: list[str]) -> str:
    """The article-independent form of a claim: lowercase, quotes and spacing folded."""
    text = " ".join(tokens)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\s+", " ", text.lower())
    text = re.sub(r"\s+([,.;:!?%])", r"\1", text)
    text = re.sub(r"\s+('s|n't)\b", r"\1", text)
    return text.strip(" .,;:\"'")


def build_extraction(
    article: Article,
    doc: Doc,
    nlp: Language,
    gazetteer: Gazetteer | None = None,
    decisions: Decisions | None = None,
) -> Extraction:
    """The `Extraction` of ``article`` from ``doc``, its body parsed by ``nlp``.

    ``gazetteer`` defaults to the one kg ships, ``decisions`` to none.
    """
    gazetteer = gazetteer or Gazetteer.default()
    decisions = decisions or Decisions()
    offset = article.body_start
    key = digest(article.text_key, length=10)  # ids of local actors: from the text, not its source
    index = find_actors(doc, gazetteer, decisions, offset)
    regroup(index, doc, key)

    given = PatternInput(doc, index, key, article.title)
    raw = _merge_quote_runs(_without_duplicates(REGISTRY.run("attribution", given)))
    quoted = REGISTRY.run("quotation", replace(given, prior=tuple(raw)))
    raw = _merge_quote_runs(sorted([*raw, *quoted], key=lambda c: (c.start, c.end)))
    raw = _without_nested(raw, _cut_of_same_saying)
    raw = _without_nested(raw, _said_within_own_claim)

    # whose voice the text's own sentences are (kg.extract.voice): the author, the issuer of a
    # statement, the outlet of an unsigned editorial; nobody in news
    counts = Counter(m.actor_id for m in index.mentions)
    frequent = [index.actors[a] for a, _ in counts.most_common() if a in index.actors]
    voice, voice_warning = text_voice(article, doc, len(raw), gazetteer, frequent, key)
    author_actor: Actor | None = voice.actor if voice else None
    author_mention: Mention | None = voice.mention if voice else None
    if voice is None and article.author:  # a reporter's byline: an actor, never a speaker here
        author_actor = author_person(article.author, gazetteer)
        if article.byline:
            author_mention = Mention(
                author_actor.id,
                article.byline.start,
                article.byline.end,
                article.byline.text,
                how="byline",
            )
    argument = voice is not None
    if voice is not None:
        # 'I believe that ...', 'my belief that ...' in the text's own voice: the author's claim
        raw = [
            _own(c) if _first_person(c, doc) or _shown(c, doc) or _impersonal_view(c, doc) else c
            for c in raw
        ]
        issuer = " ".join(n for n in (article.author, article.outlet, voice.actor.name) if n)
        given = replace(
            given, prior=tuple(raw), genre=voice.genre, voice=voice.actor, issuer=issuer
        )
        raw.extend(REGISTRY.run("author", given))
        raw = _without_nested(raw, _voiceless_in_author)

    raw.sort(key=lambda c: (c.start, c.end))
    rebuttals = REGISTRY.run("rebuttal", replace(given, prior=tuple(raw)))
    raw = _with_rebuttals(raw, rebuttals, doc.text)

    actors: dict[str, Actor] = dict(index.actors)
    mentions: list[Mention] = list(index.mentions)
    if author_actor is not None:
        actors.setdefault(author_actor.id, author_actor)
        if author_mention:
            mentions.append(author_mention)

    def shift(start: int, end: int) -> Span:
        s, e = start + offset, end + offset
        return Span(s, e, article.text[s:e])

    evidence_raw = find_evidence(doc, index, argument, raw)
    attitudes_raw = [c for c in raw if c.attribution == "attitude"]
    raw = [c for c in raw if c.attribution != "attitude"]
    links = link_evidence(raw, evidence_raw, doc)
    if voice is not None and (voice.genre or "") in BACKGROUND_GENRES:
        evidence_raw, links = offered_only(evidence_raw, links)
    evidence = [
        Evidence(
            id=f"e{ev.start + offset}-{ev.end + offset}",
            kind=ev.kind,
            span=shift(ev.start, ev.end),
            confidence=ev.confidence,
            entity=ev.entity,
            sentence=shift(*ev.sentence),
        )
        for ev in evidence_raw
    ]

    actor_of = actor_finder(index)  # names, and descriptors ("The chip" after "the H20")

    ids = {(rc.start, rc.end): f"c{rc.start + offset}-{rc.end + offset}" for rc in raw}
    claims: list[Claim] = []
    attitudes: list[Claim] = []
    for i, rc in enumerate([*raw, *attitudes_raw]):
        phrase = rc.speaker
        if rc.speaker is not None and rc.attribution != "author":
            # a claimer phrase that names no actor ("it", "the aim") leaves no speaker
            rc = replace(rc, speaker=vet_speaker(rc.speaker, doc, index, key, author_actor))
            if _own_document(rc, voice, doc):
                rc = replace(_own(rc), pattern=rc.pattern)
        speaker_id: str | None = None
        claimer: Mention | None = None
        if rc.attribution == "author" and author_actor is not None:
            speaker_id = author_actor.id
            claimer = author_mention
            if voice is not None and voice.reported:
                rc = replace(rc, attribution="reported")
        elif rc.speaker is not None:
            actors.setdefault(rc.speaker.actor.id, rc.speaker.actor)
            speaker_id = rc.speaker.actor.id
            claimer = Mention(
                speaker_id,
                rc.speaker.start + offset,
                rc.speaker.end + offset,
                rc.speaker.text,
            )
        elif phrase is not None and rc.attribution != "author":
            # "he said" with no one to refer to: the claimer still stands there in the text,
            # but names no actor (no speaker, and the mention is of no actor)
            claimer = Mention("", phrase.start + offset, phrase.end + offset, phrase.text)
        # a rebuttal states the proposition of the claim it points back to
        said = rc.refers_to or rc
        content = doc.char_span(said.start, said.end, alignment_mode="expand")
        words = [t for t in (content or []) if t.i != said.negated_root]
        tokens = [t.text for t in words]
        about = about_actors(list(content or []), actor_of, speaker_id)
        frames = frames_of(words, actor_of)
        (claims if i < len(raw) else attitudes).append(
            Claim(
                id=f"c{rc.start + offset}-{rc.end + offset}",
                span=shift(rc.start, rc.end),
                reading=_without_negation(doc, rc),
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
                frame=frames[0] if frames else None,
                more_frames=frames[1:],
                evaluation=evaluation_of(words, actor_of),
                rebuts=ids.get((rc.refers_to.start, rc.refers_to.end)) if rc.refers_to else None,
            )
        )
    mentions.extend(claimer_mentions([*claims, *attitudes], mentions))
    if (
        author_actor is not None
        and author_mention is None
        and (
            ((article.genre or "").lower() not in ("", "news") and _names_a_person(article.author))
            or any(c.speaker == author_actor.id for c in claims)
        )
        and (named := _author_in_front_matter(article)) is not None
    ):
        # the author of a statement, an opinion or analysis (or one who speaks) without a
        # byline is mentioned where the front matter names them; a news article's reporter
        # who claims nothing is no actor of the article
        mentions.append(
            Mention(author_actor.id, named.start, named.end, named.text, "front matter author")
        )
    used = {m.actor_id for m in mentions} | {c.speaker for c in [*claims, *attitudes] if c.speaker}
    return Extraction(
        article=article,
        actors=tuple(a for a in actors.values() if a.id in used),
        mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end))),
        claims=tuple(claims),
        evidence=tuple(evidence),
        pipeline=pipeline_id(nlp),
        warnings=_warnings(doc, offset) + ((voice_warning,) if voice_warning else ()),
        attitudes=tuple(attitudes),
    )


_FIRST_PERSON = frozenset(["i", "we", "my", "our", "us", "me"])


def _first_person(claim: RawClaim, doc: Doc) -> bool:
    """A reported claim whose claimer is the text's own voice ('I truly believe that ...',
    'we believe that ...', 'my belief that ...'), outside any quotation."""
    return (
        claim.attribution == "reported"
        and claim.speaker is not None
        and claim.speaker.text.strip().lower() in _FIRST_PERSON
        and not in_quotation(doc, claim.speaker.start)
    )


def _shown(claim: RawClaim, doc: Doc) -> bool:
    """'Evidence indicates that P', 'the record shows that P' outside any quotation: what the
    text rests on, not a claimer; 'A happened, demonstrating that P' (`_inferred`): the
    writer's conclusion. In a text with its own voice, P is that voice's claim."""
    if claim.attribution != "reported" or claim.speaker is None:
        return False
    if claim.cue is not None and _inferred(doc, claim.cue[0]):
        return True
    words = claim.speaker.text.strip().lower().split()
    return (
        bool(words)
        and words[-1] in EVIDENCE_SUBJECTS
        and not in_quotation(doc, claim.speaker.start)
    )


def _own_document(claim: RawClaim, voice: Voice | None, doc: Doc) -> bool:
    """'X released a new report finding that P' in X's own statement: the report speaks for
    its publisher (`kg.extract.referents`), which is the text's voice: P is the issuer's own
    claim, not a report's it cites."""
    if voice is None or claim.speaker is None or claim.speaker.actor.id != voice.actor.id:
        return False
    phrase = doc.char_span(claim.speaker.start, claim.speaker.end, alignment_mode="expand")
    return (
        phrase is not None
        and phrase.root.lemma_.lower() in DOCUMENT_NOUNS
        and not in_quotation(doc, claim.speaker.start)
    )


def _impersonal_view(claim: RawClaim, doc: Doc) -> bool:
    """'The move is expected to hurt exports', 'the plant is thought to be idle' outside any
    quotation: a view nobody in the text is named to hold. A text with its own voice (a
    statement, an opinion) puts it forward: it is that voice's claim, not an unnamed other's
    (unlike 'it was reported that P', which cites others)."""
    if claim.attribution != "reported" or claim.speaker is not None:
        return False
    content = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    if content is None or in_quotation(doc, claim.start):
        return False
    verbs = [content.root]
    if claim.cue is not None and (cue := doc.char_span(*claim.cue[:2], "expand")) is not None:
        verbs.append(cue[0])
    return any(
        verb.lemma_.lower() in VIEW_VERBS
        and any(c.dep_ == "auxpass" for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
        for verb in verbs
    )


def _without_negation(doc: Doc, claim: RawClaim) -> str:
    """The claim's text without the negation its stance ``denies`` was read off ('the sale
    would not harm security' -> 'the sale would harm security'); '' when there is none."""
    if claim.negated_root is None:
        return ""
    neg = doc[claim.negated_root]
    text = doc_text(doc)
    cut = text[claim.start : neg.idx].rstrip() + " " + text[neg.idx + len(neg.text) : claim.end]
    if neg.lower_ in ("n't", "n’t"):  # 'wouldn't' -> 'would'
        cut = text[claim.start : neg.idx] + text[neg.idx + len(neg.text) : claim.end]
    return re.sub(r"\s+", " ", cut).strip()


def _inferred(doc: Doc, cue_start: int) -> bool:
    """'A happened, demonstrating that P': a participle of inference with no subject of its
    own, whose conclusion is the writer's rather than A's."""
    span = doc.char_span(cue_start, cue_start + 1, alignment_mode="expand")
    if span is None:
        return False
    verb = span[0]
    return (
        verb.tag_ == "VBG"
        and verb.dep_ in ("advcl", "xcomp", "conj")
        and verb.lemma_.lower() in INFERENCE_VERBS
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        and not in_quotation(doc, verb.idx)
    )


def _own(claim: RawClaim) -> RawClaim:
    return replace(claim, attribution="author", speaker=None)


def _with_rebuttals(raw: list[RawClaim], rebuttals: list[RawClaim], text: str) -> list[RawClaim]:
    """The claims with the rebuttals added; a claim that starts after a rebuttal's cue and
    overlaps its pointing words ("that account", "the report as groundless") goes: it read
    the pointer as the content of a denial. A claim that runs from before the pointing words
    over a colon after them ("The embassy rejected that account: the rules have failed to cut
    shipments, it said") keeps only what follows the colon."""
    if not rebuttals:
        return raw
    keep = []
    for c in raw:
        if any(
            r.cue is not None and r.cue[1] <= c.start <= r.start < c.end and c.end <= r.sentence[1]
            for r in rebuttals
        ):
            continue
        for r in rebuttals:
            colon = text.find(":", r.end, min(c.end, r.sentence[1]))
            if c.start <= r.start < r.end <= c.end and colon != -1:
                start = colon + 1
                while start < c.end and text[start].isspace():
                    start += 1
                if start < c.end:
                    c = replace(c, start=start)
        keep.append(c)
    return sorted([*keep, *rebuttals], key=lambda c: (c.start, c.end))


def _names_a_person(name: str | None) -> bool:
    """Whether an author's name is a person's ("Office of the Spokesperson" is a body's)."""
    return bool(name) and kind_from_name(name or "", "person") == "person"


def _author_in_front_matter(article: Article) -> Span | None:
    """Where the front matter gives the author's name (``author: "Jay Obernolte"``), so that an
    author without a byline is mentioned where the article names them."""
    if not article.author or article.body_start <= 0:
        return None
    head = article.text[: article.body_start]
    m = re.search(r"^author:\s*[\"']?(" + re.escape(article.author) + ")", head, re.MULTILINE)
    if m is None:
        return None
    return Span(m.start(1), m.end(1), m.group(1))


def _warnings(doc: Doc, offset: int) -> tuple[str, ...]:
    """Runs of tokens without a sentence end that the pipeline cut into sentences."""
    out = []
    for start, end, cuts in long_runs(doc):
        first, last = doc[start], doc[end - 1]
        out.append(
            f"{end - start:,} tokens without a sentence end at characters "
            f"{first.idx + offset:,}-{last.idx + len(last.text) + offset:,}: read as "
            f"{len(cuts) + 1:,} sentences of at most {MAX_SENTENCE_TOKENS} tokens"
        )
    return tuple(out)


def _without_duplicates(claims: list[RawClaim]) -> list[RawClaim]:
    """One claim per content; a claim nested in another's content stays only with a claimer.

    "Reuters reported that officials said X" keeps both levels; "X said the rule, if
    adopted, would be enforced" drops the claimer-less inner "adopted". Only claims that
    overlap can drop each other, so only those pairs are compared.
    """
    drop = [False] * len(claims)
    for i, j in _overlapping(claims):
        drop[i] = drop[i] or _drops(claims, i, j)
        drop[j] = drop[j] or _drops(claims, j, i)
    return [c for c, dropped in zip(claims, drop, strict=True) if not dropped]


def _drops(claims: list[RawClaim], i: int, j: int) -> bool:
    """Whether ``claims[j]`` makes ``claims[i]`` go (earlier patterns win ties)."""
    claim, other = claims[i], claims[j]
    inside = other.start <= claim.start and claim.end <= other.end
    same = inside and other.end - other.start == claim.end - claim.start
    # a claim with a claimer wins over one without ('X is held to account, she said')
    first = (other.speaker is not None, -j) > (claim.speaker is not None, -i)
    if (same and first) or (
        inside and not same and claim.speaker is None and other.speaker is not None
    ):
        return True
    if not inside and _overlap(claim, other) > 0.5:
        other_inside = claim.start <= other.start and other.end <= claim.end
        return not other_inside and first
    return False


def _without_nested(
    claims: list[RawClaim], goes: Callable[[RawClaim, RawClaim], bool]
) -> list[RawClaim]:
    """The claims but those nested in another one (``goes(inner, outer)``)."""
    drop = [False] * len(claims)
    for i, j in _overlapping(claims):
        a, b = claims[i], claims[j]
        if b.start <= a.start and a.end <= b.end and (a.start, a.end) != (b.start, b.end):
            drop[i] = drop[i] or goes(a, b)
        elif a.start <= b.start and b.end <= a.end and (a.start, a.end) != (b.start, b.end):
            drop[j] = drop[j] or goes(b, a)
    return [c for c, dropped in zip(claims, drop, strict=True) if not dropped]


def _cut_of_same_saying(inner: RawClaim, outer: RawClaim) -> bool:
    """'"A, B and C," said X' read twice, whole as a quotation and cut short as reported
    speech: one act of saying has one content, so the shorter cut goes."""
    return inner.cue is not None and inner.cue == outer.cue


def _said_within_own_claim(inner: RawClaim, outer: RawClaim) -> bool:
    """'Nvidia said it did not expect the controls to have an effect': the inner "expect"
    content is part of what the same speaker said, which is the claim; read again on its own it
    is a piece of it (and "the controls to have an effect" no proposition an analyst reads).
    A pronoun inside the outer content ("it", "she") speaks for the outer speaker or for
    someone the outer claim already reports: the inner claim is optional at most either way."""
    return (
        outer.speaker is not None
        and (
            inner.speaker is None
            or inner.speaker.actor.id == outer.speaker.actor.id
            or (
                inner.speaker.text.lower() in STANDALONE_PRONOUNS
                and outer.start <= inner.speaker.start < outer.end
            )
        )
        and inner.cue is not None
        and outer.cue is not None
        and outer.cue[1] <= inner.cue[0]  # the inner saying stands in what the outer one says
        and outer.start <= inner.cue[0] < outer.end
        and inner.attribution == outer.attribution == "reported"
    )


def _voiceless_in_author(inner: RawClaim, outer: RawClaim) -> bool:
    """A claim with no claimer inside a clause of the text's own voice ('To restrict it
    would hurt X, it would mean Y'): the author's claim holds it already."""
    return inner.speaker is None and inner.attribution != "author" and outer.attribution == "author"


def _overlapping(claims: list[RawClaim]) -> Iterator[tuple[int, int]]:
    """Each pair of claims whose spans overlap or touch, once: a sweep in order of start."""
    active: list[int] = []
    for k in sorted(range(len(claims)), key=lambda k: (claims[k].start, claims[k].end)):
        start = claims[k].start
        active = [a for a in active if claims[a].end >= start]
        for a in active:
            yield a, k
        active.append(k)


def _merge_quote_runs(claims: list[RawClaim]) -> list[RawClaim]:
    """'"A," she said. "B."' is one quotation broken by its attribution: one claim.

    Also '"A," she said, "B."' (both parts hang off the same cue) and a run whose first
    part holds a claim nested in it. '"A," she said, adding that B' stays two claims.
    """
    out: list[RawClaim] = []
    # (end, length, -position) of every claim in ``out``, in order: the claims that end
    # before a point, the latest and longest first, found by bisection
    keys: list[tuple[int, int, int]] = []
    for claim in claims:
        # the claim just before, passing over claims nested in it ('"A, as we said, B," she said.')
        # and over claims inside the attribution chunk ('"A," said X, who runs Y. "B."')
        pos = bisect_right(keys, (claim.start, sys.maxsize, sys.maxsize))
        before = [-key[2] for key in reversed(keys[max(0, pos - 4) : pos])]
        for n, at in enumerate(before[:3]):
            prev = out[at]
            if _continues(prev, claim):
                del keys[bisect_left(keys, _key(prev, at))]
                out[at] = replace(
                    prev, end=claim.end, sentence=(prev.sentence[0], claim.sentence[1])
                )
                insort(keys, _key(out[at], at))
                break
            if n + 1 >= len(before) or out[before[n + 1]].sentence != prev.sentence:
                out.append(claim)
                insort(keys, _key(claim, len(out) - 1))
                break
        else:
            out.append(claim)
            insort(keys, _key(claim, len(out) - 1))
    return out


def _key(claim: RawClaim, at: int) -> tuple[int, int, int]:
    return claim.end, claim.end - claim.start, -at


def _continues(prev: RawClaim, claim: RawClaim) -> bool:
    """Whether ``claim`` continues the quotation of ``prev`` after its attribution, in the same
    sentence ('"A," she said, "B."'); a new sentence ('"A," she said. "B."') is a claim of
    its own, as each sentence of a quotation is (`kg.extract.direct`)."""
    return (
        claim.sentence[0] < prev.sentence[1]
        and (
            claim.pattern == QUOTE_PREV_SENTENCE
            or (claim.pattern == QUOTE and claim.cue is None)
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
    """The pattern's confidence, 0.2 lower for reported speech without a claimer."""
    base = REGISTRY.confidence(rc.pattern)
    if rc.speaker is None and rc.attribution == "reported":
        base -= 0.2
    return round(base, 2)
