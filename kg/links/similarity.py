"""Near-duplicate and contradicting claims, found through an index rather than all pairs.

Claims with the same normalised proposition already share one IRI (kg.rdf.ontology.claim_iri).
This module links the rest, in three ways, and every link says which one made it:

- *words*: two propositions whose words are nearly the same (at least `WORDS_MIN_TOKENS`
  content words each: "taxes" and "his taxes" are no claims) are the same claim
  (`kg:sameClaimAs`); two that are the same except that one is negated contradict each
  other (`kg:contradicts`);
- *frame*: two propositions whose frames (who/what does what to whom, kg.links.frames) describe
  the same event are the same claim, or contradict each other when one negates it or says
  the opposite ("cut" / "failed to cut" / "raised"), provided they share enough content words
  (`FRAME_MIN_OVERLAP`), the same numbers, and are about the same actors.
  When both claims have frames that match, the frames decide the kind of a words link too
  ("the rules cut shipments" / "the rules failed to cut shipments" differ by no "not").
  A verdict on a policy (kg.links.frames.is_policy_verdict: "the controls were a failure",
  "the controls are doing their job") needs no shared words beyond its subject's head noun.

- *evaluation*: two claims that judge one policy (kg.links.evaluations: the same named rule, or
  the same kind of policy with the same specifying nouns) are the same claim when both judge it
  good or both bad, and contradict each other when one does and the other does not ("it
  streamlines licensing" / "these requirements would have stifled innovation"); only when
  words and frames link nothing, and whatever their words, numbers and actors.

Two claims that state different numbers ("by 30 percent" / "by 10 percent") are never linked,
nor two that name different products or models ("H20" / "H100": names, not numbers,
kg.numbers; the standard of a comparison, "weaker than the H100", is not counted), nor two
about disjoint sets of actors.

Candidates come from MinHash signatures over content words (light stemming, stop words
and negations removed) bucketed by locality-sensitive hashing (bands of rows), plus one
bucket per frame (its sense, subject and object) and per evaluation target, so the cost grows with the number of
claims, not its square. Each candidate pair is then verified: rapidfuzz token-set and
token-sort ratios on the negation-free text, or the frame comparison.
Offline, deterministic (CRC32 token hashes, fixed permutation seed), numpy only.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz

from kg.links.evaluations import is_evaluation, match_evaluations, target_keys
from kg.links.frames import (
    FrameMatch,
    is_policy_verdict,
    match_frame_sets,
    noun_class,
    same_thing,
)
from kg.model import Frame
from kg.numbers import has_digit, is_name

NEGATIONS = frozenset({"not", "no", "never", "n't", "nt", "cannot", "neither", "nor"})
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "but",
        "by",
        "with",
        "at",
        "from",
        "as",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "do",
        "does",
        "did",
        "its",
        "it",
        "their",
        "his",
        "her",
        "they",
        "he",
        "she",
        "we",
        "our",
        "us",
        "which",
        "who",
        "whom",
        "what",
        "than",
        "then",
        "so",
        "such",
        "also",
    ]
)
NUM_PERM = 64
BANDS = 8  # 8 bands of 8 rows: a pair with Jaccard 0.85 is a candidate 92% of the time, 0.5: 3%
MAX_BUCKET = 100  # a fuller bucket holds claims sharing only frequent words: not a candidate source
MIN_JACCARD = 0.5  # cheap pre-check on content-word sets before the fuzzy comparison
SAME_THRESHOLD = 88.0  # rapidfuzz token_set_ratio on the negation-free text
#: a link from words alone needs this many content words on each side: "taxes" / "his taxes",
#: "putin" / "mr. putin" are names and noun phrases, not one claim stated twice
WORDS_MIN_TOKENS = 3
SORT_THRESHOLD = 70.0  # and token_sort_ratio, so a short claim is not "the same" as a long one
#: a contradiction read from words alone (one side negated) needs nearly the same words in
#: nearly the same number: "to lift the licence requirement" is inside "the administration had
#: no plan to lift the licence requirement" without being denied by it
CONTRADICT_SORT_THRESHOLD = 85.0
#: a frame match also needs this share of content words (Jaccard of the noun-grouped stems),
#: or this share of the shorter claim's words (containment)
FRAME_MIN_JACCARD = 0.3
FRAME_MIN_CONTAINMENT = 0.6
#: the same claim from a *named* frame (subject, predicate and object alike, one of them a named
#: actor on both sides: "American technology is fueling the CCP's military expansion") needs
#: less: this share of the shorter claim's words; never for a contradiction
NAMED_MIN_CONTAINMENT = 0.4
FRAME_BAND = 255  # bucket "band" number of frame keys (MinHash bands are 0 .. BANDS-1)
#: words that negate a frame's event without being a negation word ("failed to cut")
FRAME_NEGATION_WORDS = frozenset({"fail", "failed", "yet", "longer", "unable", "cease", "ceased"})
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20250101)
_A = _rng.integers(1, 1 << 31, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, 1 << 31, size=NUM_PERM, dtype=np.uint64)


@dataclass(frozen=True)
class ClaimText:
    """A claim to link: its IRI, proposition text and the actors it is about."""

    iri: str
    text: str
    about: frozenset[str] = frozenset()
    frames: frozenset[str] = frozenset()  # kg.model.Frame keys (kg:frameKey)


@dataclass(frozen=True)
class Link:
    """A derived link between two claims; ``a < b`` so each pair has one form."""

    a: str
    b: str
    kind: str  # "same" | "contradicts"
    score: float
    reason: str = "words"  # "words" | "frame" | "words+frame" | "evaluation"
    explanation: str = ""


def words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("n't", " n't")
    return re.findall(r"n't|[a-z0-9]+(?:[.'-][a-z0-9]+)*", text)


_ES_PLURAL = ("sses", "xes", "zes", "ches", "shes")  # "taxes", "launches"; not "rules"


def _stem(word: str) -> str:
    """A plural's singular, roughly: "policies" -> policy, "taxes" -> tax, "rules" -> rule."""
    word = re.sub(r"'s$", "", word)
    if len(word) <= 4 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(_ES_PLURAL):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


@dataclass(frozen=True)
class Prepared:
    iri: str
    plain: str  # negation-free text for the fuzzy check
    negated: bool  # odd number of negations
    about: frozenset[str]
    tokens: frozenset[str] = field(default_factory=frozenset)
    frames: tuple[Frame, ...] = ()
    grouped: frozenset[str] = field(default_factory=frozenset)  # tokens, nouns grouped
    numbers: frozenset[str] = field(default_factory=frozenset)
    evaluations: tuple[Frame, ...] = ()  # frames of sense EVALUATION (kg.links.evaluations)
    names: frozenset[str] = field(default_factory=frozenset)  # "h20", "gpt-4" (kg.numbers)


def prepare(claim: ClaimText) -> Prepared:
    ws = words(claim.text)
    negs = sum(1 for w in ws if w in NEGATIONS)
    plain = [w for w in ws if w not in NEGATIONS]
    tokens = frozenset(_stem(w) for w in plain if w not in STOP) or frozenset(plain)
    parsed = tuple(
        f for key in sorted(claim.frames) if (f := Frame.from_key(key)) is not None and f.sense
    )
    frames = tuple(f for f in parsed if not is_evaluation(f))
    evaluations = tuple(f for f in parsed if is_evaluation(f))
    grouped = frozenset(noun_class(t) for t in tokens if t not in FRAME_NEGATION_WORDS)
    numbers = frozenset(w for w in ws if has_digit(w) and not is_name(w))
    names = frozenset(w for i, w in enumerate(ws) if is_name(w) and not _standard(ws, i))
    return Prepared(
        claim.iri,
        " ".join(plain),
        negs % 2 == 1,
        claim.about,
        tokens,
        frames,
        grouped,
        numbers,
        evaluations,
        names,
    )


#: words that may stand between "than" and the name it compares with ("than the H100")
_STANDARD_DETERMINERS = frozenset({"the", "a", "an", "its", "their"})


def _standard(ws: list[str], i: int) -> bool:
    """Whether the name ``ws[i]`` is the standard of a comparison ("weaker than the H100"):
    what the claim compares with, not what it is about."""
    before = ws[max(0, i - 2) : i]
    if before[-1:] == ["than"]:
        return True
    return (
        len(before) == 2
        and before[0] == "than"
        and (before[1] in _STANDARD_DETERMINERS or before[1].endswith("'s"))
    )


def frame_keys(prep: Prepared) -> list[tuple[int, bytes]]:
    """Bucket keys of a claim's frames: sense, subject and object (noun-grouped), so claims
    whose frames may match share a bucket whatever their other words."""
    keys = set()
    for f in prep.frames:
        # a named subject matches the same actor, or the same head noun when the other frame
        # names no actor (kg.links.frames.same_thing): it goes in both buckets
        keys.add(f"{f.sense}\x1f{noun_class(f.subject)}")
        if f.subject_actor:
            keys.add(f"{f.sense}\x1f{f.subject_actor}")
    for f in prep.evaluations:
        keys.update(f"{f.sense}\x1f{k}" for k in target_keys(f))
    return [(FRAME_BAND, k.encode("utf-8")) for k in sorted(keys)]


def signature(tokens: Iterable[str]) -> np.ndarray:
    """The MinHash signature of a token set (NUM_PERM unsigned 64-bit values)."""
    hashes = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in tokens), dtype=np.uint64, count=-1)
    if hashes.size == 0:
        return np.zeros(NUM_PERM, dtype=np.uint64)
    return ((np.outer(_A, hashes) + _B[:, None]) % _PRIME).min(axis=1)


def signatures(token_sets: list[frozenset[str]], chunk: int = 4096) -> np.ndarray:
    """MinHash signatures of many token sets at once (rows equal `signature` of each set)."""
    out = np.zeros((len(token_sets), NUM_PERM), dtype=np.uint64)
    for start in range(0, len(token_sets), chunk):
        part = token_sets[start : start + chunk]
        lens = np.fromiter((len(t) for t in part), dtype=np.int64, count=len(part))
        flat = np.fromiter(
            (zlib.crc32(w.encode("utf-8")) for t in part for w in t),
            dtype=np.uint64,
            count=int(lens.sum()),
        )
        if flat.size == 0:
            continue
        values = (np.outer(_A, flat) + _B[:, None]) % _PRIME
        filled = np.flatnonzero(lens)
        offsets = (np.cumsum(lens) - lens)[filled]
        out[start + filled] = np.minimum.reduceat(values, offsets, axis=1).T
    return out


def band_keys(sig: np.ndarray) -> list[tuple[int, bytes]]:
    """The LSH bucket keys of a signature: one per band of NUM_PERM // BANDS rows."""
    rows = NUM_PERM // BANDS
    return [(b, sig[b * rows : (b + 1) * rows].tobytes()) for b in range(BANDS)]


class ClaimIndex:
    """MinHash-LSH buckets over prepared claims; ``candidates`` never scans all claims."""

    def __init__(self) -> None:
        self.claims: dict[str, Prepared] = {}
        self.buckets: dict[tuple[int, bytes], list[str]] = {}
        self._keys: dict[str, list[tuple[int, bytes]]] = {}

    def add(self, claim: ClaimText) -> None:
        self.add_many([claim])

    def add_many(self, claims: Iterable[ClaimText]) -> None:
        """Index claims (signatures computed in vectorised chunks); known IRIs are skipped."""
        preps = {c.iri: prepare(c) for c in claims if c.iri not in self.claims}
        sigs = signatures([p.tokens for p in preps.values()])
        for prep, sig in zip(preps.values(), sigs, strict=True):
            self.claims[prep.iri] = prep
            keys = band_keys(sig) + frame_keys(prep)
            self._keys[prep.iri] = keys
            for key in keys:
                self.buckets.setdefault(key, []).append(prep.iri)

    def candidates(self, iri: str) -> set[str]:
        found: set[str] = set()
        for key in self._keys.get(iri, []):
            bucket = self.buckets[key]
            if len(bucket) <= MAX_BUCKET:
                found.update(bucket)
        found.discard(iri)
        return found


def _words_score(x: Prepared, y: Prepared) -> float | None:
    """The rapidfuzz score of two near-identical wordings (0-100), or None."""
    if min(len(x.tokens), len(y.tokens)) < WORDS_MIN_TOKENS:
        return None
    union = len(x.tokens | y.tokens)
    if union and len(x.tokens & y.tokens) / union < MIN_JACCARD:
        return None
    score = fuzz.token_set_ratio(x.plain, y.plain)
    if score < SAME_THRESHOLD or fuzz.token_sort_ratio(x.plain, y.plain) < SORT_THRESHOLD:
        return None
    return score


def _named_match(xs: tuple[Frame, ...], ys: tuple[Frame, ...]) -> bool:
    """Two frames with the same sense, the same subject head noun (up to noun groups), the same
    object (kg.links.frames.same_thing), and one of subject or object naming the same actor on
    both sides."""
    for a in xs:
        for b in ys:
            if a.sense != b.sense or not a.object or not b.object:
                continue
            if noun_class(a.subject) != noun_class(b.subject):  # the same head noun, named or not
                continue
            if not same_thing(a.object, a.object_actor, b.object, b.object_actor):
                continue
            if (a.subject_actor and a.subject_actor == b.subject_actor) or (
                a.object_actor and a.object_actor == b.object_actor
            ):
                return True
    return False


def _frame_numbers(frame: Frame, claim: Prepared) -> frozenset[str]:
    """The numbers a frame states: its own clause's when the claim has several predicates,
    else the claim's."""
    return claim.numbers if frame.numbers is None else frozenset(frame.numbers)


def _frame_match(x: Prepared, y: Prepared) -> tuple[FrameMatch, float] | None:
    """The frame relation of two claims with its word overlap, when the overlap is enough;
    only frames that state the same numbers are compared (one without numbers too)."""
    if not x.frames or not y.frames:
        return None

    def comparable(a: Frame, b: Frame) -> bool:
        return _frame_numbers(a, x) == _frame_numbers(b, y)

    found = match_frame_sets(x.frames, y.frames, comparable)
    if found is None:
        return None
    verdict = match_frame_sets(
        tuple(f for f in x.frames if is_policy_verdict(f)),
        tuple(f for f in y.frames if is_policy_verdict(f)),
        comparable,
    )
    if verdict is not None and verdict.kind == found.kind:
        # a verdict on one policy ("the controls were a failure" / "the controls are doing
        # their job"): the verdict words differ by nature, and the rest of each claim (the
        # reasons given, another clause) is not the verdict; no word overlap is asked
        return verdict, 1.0
    inter = len(x.grouped & y.grouped)
    union = len(x.grouped | y.grouped)
    shorter = min(len(x.grouped), len(y.grouped))
    jaccard = inter / union if union else 0.0
    containment = inter / shorter if shorter else 0.0
    if jaccard < FRAME_MIN_JACCARD and containment < FRAME_MIN_CONTAINMENT:
        named = found.kind == "same" and _named_match(x.frames, y.frames)
        if not named or containment < NAMED_MIN_CONTAINMENT:
            return None
    return found, max(jaccard, containment)


def compare(x: Prepared, y: Prepared) -> Link | None:
    """The link between two claims, if any: the same claim, or a contradiction (see the
    module docstring); the link keeps its reason, score and explanation. Words and frames
    decide first; two claims they do not link may still judge one policy alike or oppositely
    (their evaluations, kg.links.evaluations), whatever their words and actors."""
    if y.iri < x.iri:
        x, y = y, x
    link = _compare_words(x, y)
    if link is not None or not x.evaluations or not y.evaluations:
        return link
    found = match_evaluations(x.evaluations, y.evaluations)
    if found is None:
        return None
    return Link(x.iri, y.iri, found.kind, round(found.score, 3), "evaluation", found.why)


def _compare_words(x: Prepared, y: Prepared) -> Link | None:
    """The link that words and frames make between two claims (``x.iri < y.iri``)."""
    if x.about and y.about and not (x.about & y.about):
        return None  # about different actors: not the same subject
    if not x.plain or not y.plain:
        return None
    if x.numbers and y.numbers and x.numbers != y.numbers:
        return None  # "cut shipments by 30 percent" / "by 10 percent": two claims
    if x.names and y.names and x.names != y.names:
        return None  # "Nvidia may sell the H20" / "Nvidia may sell the H100": two claims
    if y.iri < x.iri:  # one order, so the explanation does not depend on who asks
        x, y = y, x
    a, b = x.iri, y.iri
    score = _words_score(x, y)
    framed = _frame_match(x, y)
    if score is not None:
        if framed is not None:
            match = framed[0]
            return Link(a, b, match.kind, round(score / 100, 3), "words+frame", match.why)
        if x.negated == y.negated:
            return Link(a, b, "same", round(score / 100, 3), "words", "near-identical words")
        if x.frames and y.frames:
            return None  # both parsed, and their frames do not say the one negates the other
        if fuzz.token_sort_ratio(x.plain, y.plain) < CONTRADICT_SORT_THRESHOLD:
            return None
        why = "near-identical words, one negated"
        return Link(a, b, "contradicts", round(score / 100, 3), "words", why)
    if framed is not None:
        match, overlap = framed
        return Link(a, b, match.kind, round(overlap, 3), "frame", match.why)
    return None


def find_links(index: ClaimIndex, touched: Iterable[str] | None = None) -> set[Link]:
    """Links of the ``touched`` claims (all claims when None) to any claim in the index."""
    links: set[Link] = set()
    for iri in index.claims if touched is None else touched:
        x = index.claims.get(iri)
        if x is None:
            continue
        for other in index.candidates(iri):
            if touched is None and other < iri:
                continue  # every pair once when linking all claims
            link = compare(x, index.claims[other])
            if link is not None:
                links.add(link)
    return links
