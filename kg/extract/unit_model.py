"""A small learned judge of one argument unit: an anecdote (``example``) or the author's claim.

The rules in `kg.extract.clauses` settle most units; the ones they leave open (past narration
with nothing specific in it, a judgement in the past tense) are what this model reads. It is a
logistic regression over binary features of the unit's spaCy parse (`features`): the tense and
aspect of its verb, modal verbs, negation, date, person and place entities, first and second
person, numbers, the shape of its subject, its length, and its lemmas. The weights
(``models/units.json``) were trained by `kg.extract.unit_train` on project-written units only
(``train/units/``); no evaluation text trains them. They are read once, lazily, offline.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from spacy.tokens import Span

from kg.errors import ModelError
from kg.extract.docs import clause_root

MODEL_FILE = "units.json"
_ENTS = frozenset(["DATE", "TIME", "PERSON", "GPE", "ORG", "NORP", "CARDINAL", "LOC", "EVENT"])
_FIRST = frozenset(["i", "me", "my", "we", "us", "our"])
_SECOND = frozenset(["you", "your"])


def _length(n: int) -> str:
    for bound in (6, 10, 16, 24, 34):
        if n <= bound:
            return f"len<={bound}"
    return "len>34"


def features(span: Span) -> list[str]:
    """The unit's binary features, sorted and without repeats."""
    root = clause_root(span)
    out = {f"root_tag={root.tag_}", f"root_lemma={root.lemma_.lower()}"}
    auxs = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    for a in auxs:
        out.add(f"aux={a.lower_}" if a.tag_ == "MD" else f"aux_tag={a.tag_}")
    if any(a.tag_ == "MD" for a in auxs):
        out.add("modal")
    if any(c.dep_ == "neg" for c in root.children):
        out.add("neg")
    if any(c.dep_ == "acomp" for c in root.children):
        out.add("acomp")
    past = root.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxs)
    out.add("past" if past else "not_past")
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subj is None:
        out.add("subj=none")
    else:
        out.add(f"subj_pos={subj.pos_}")
        det = next((c.lower_ for c in subj.children if c.dep_ in ("det", "poss")), None)
        if det in ("a", "an", "one", "some"):
            out.add("subj_indefinite")
        elif det is not None:
            out.add("subj_det")
        if subj.ent_type_:
            out.add(f"subj_ent={subj.ent_type_}")
    words = [t for t in span if not t.is_punct and not t.is_space]
    out.add(_length(len(words)))
    for t in span:
        if t.ent_type_ in _ENTS:
            out.add(f"ent={t.ent_type_}")
        lower = t.lower_
        if lower in _FIRST:
            out.add("first_person")
        elif lower in _SECOND:
            out.add("second_person")
        if t.like_num:
            out.add("number")
        if t.tag_ in ("VBD", "VBZ", "VBP", "VBN", "MD"):
            out.add(f"tag={t.tag_}")
    lemmas = [t.lemma_.lower() for t in words]
    out.update(f"w={w}" for w in lemmas)
    out.update(f"b={a}_{b}" for a, b in pairwise(lemmas))
    if lemmas:
        out.add(f"first={lemmas[0]}")
    if span.text.rstrip(" \"'”’)").endswith("?"):
        out.add("question")
    return sorted(out)


@dataclass(frozen=True)
class UnitModel:
    """Weights over feature names; `probability` is P(anecdote) for a unit."""

    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict[str, object]

    def score(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-z))

    def probability(self, span: Span) -> float:
        return self.score(features(span))

    def to_json(self) -> str:
        body = {
            "meta": self.meta,
            "bias": self.bias,
            "threshold": self.threshold,
            "weights": dict(sorted(self.weights.items())),
        }
        return json.dumps(body, indent=0, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> UnitModel:
        try:
            data = json.loads(text)
            return cls(
                {str(k): float(v) for k, v in data["weights"].items()},
                float(data["bias"]),
                float(data["threshold"]),
                dict(data.get("meta", {})),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ModelError(f"unit model weights are not readable ({exc})") from None


@lru_cache(maxsize=1)
def load_unit_model() -> UnitModel:
    """The shipped weights, read once per process."""
    try:
        text = resources.files("kg.extract").joinpath("models", MODEL_FILE).read_text("utf-8")
    except OSError as exc:
        raise ModelError(f"unit model weights are missing ({exc})") from None
    return UnitModel.from_json(text)
