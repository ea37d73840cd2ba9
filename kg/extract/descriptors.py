"""What a claim's words refer to: definite descriptors, and the standard of a comparison.

- A definite descriptor ("the chip", "the company", "this model": `DESCRIPTOR_KINDS`, singular,
  with no words of its own but its determiner) refers to the actor of a compatible kind named
  just before it, in the same or the previous sentence, when there is exactly one such actor
  there; with two ("Nvidia and AMD ... the company") it refers to none. A body must also bear
  the noun in its name ("the ministry": a ministry, not the State Council named beside it).
- The standard of a comparison ("weaker than the H100") is what a claim compares with, not
  what it is about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Token

from kg.extract.docs import sentence_of
from kg.extract.lexicon import DESCRIPTOR_KINDS
from kg.extract.mentions import ActorIndex
from kg.model import Actor

_DETERMINERS = frozenset({"the", "this", "that"})
#: kinds whose actors a text calls by the head noun of their name ("the ministry" for the Ministry
#: of Commerce): another body is often named beside it ("reported to the State Council")
_NAMED_KINDS = frozenset({"government_body"})
_COMPARATIVES = frozenset({"more", "less", "fewer"})


def descriptor_target(tok: Token, index: ActorIndex) -> Actor | None:
    """The actor a definite descriptor refers to ("The chip" after "the H20"), or None."""
    kinds = DESCRIPTOR_KINDS.get(tok.lemma_.lower())
    if kinds is None or tok.tag_ != "NN" or tok.dep_ == "compound":
        return None
    if index.actor_at(tok) is not None:
        return None
    children = list(tok.children)
    if len(children) != 1 or children[0].dep_ != "det" or children[0].lower_ not in _DETERMINERS:
        return None
    if children[0].i != tok.i - 1:
        return None
    sent = sentence_of(tok)
    start = sentence_of(tok.doc[sent.start - 1]).start_char if sent.start > 0 else sent.start_char
    lo, hi = start + index.offset, tok.idx + index.offset
    word = tok.lower_
    found = {
        m.actor_id
        for m in index.mentions
        if lo <= m.start
        and m.end <= hi
        and (actor := index.actors.get(m.actor_id)) is not None
        and actor.kind in kinds
        and (actor.kind not in _NAMED_KINDS or _in_name(word, actor))
    }
    if len(found) != 1:
        return None
    return index.actors.get(found.pop())


def actor_finder(index: ActorIndex) -> Callable[[Token], str | None]:
    """The id of the actor a token names, or a descriptor refers to (kg.extract.frames.ActorOf)."""

    def actor_of(tok: Token) -> str | None:
        hit = index.actor_at(tok)
        if hit is not None:
            return hit[1].id
        named = descriptor_target(tok, index)  # "The chip" after "the H20"
        return named.id if named is not None else None

    return actor_of


def about_actors(
    tokens: Sequence[Token], actor_of: Callable[[Token], str | None], speaker: str | None = None
) -> tuple[str, ...]:
    """The actors a claim with these words is about, in order: those it names or refers to by a
    descriptor, but its speaker and the standard of a comparison."""
    inside = {t.i for t in tokens}
    return tuple(
        dict.fromkeys(
            actor
            for t in tokens
            if (actor := actor_of(t)) is not None
            and actor != speaker
            and not is_standard(t, inside)
        )
    )


def _in_name(word: str, actor: Actor) -> bool:
    return any(word in name.lower().split() for name in (actor.name, *actor.aliases))


def is_standard(tok: Token, inside: set[int]) -> bool:
    """Whether ``tok`` lies in the standard of a comparison ("than the H100" after "weaker",
    "more chips than Huawei") within the claim's tokens ``inside``."""
    for anc in tok.ancestors:
        if anc.i not in inside:
            return False
        if anc.lower_ == "than" and _comparative(anc.head):
            return True
    return False


def _comparative(tok: Token) -> bool:
    """'weaker', 'faster'; 'more' or 'fewer' itself or on its noun ('more chips')."""
    return any(t.tag_ in ("JJR", "RBR") or t.lower_ in _COMPARATIVES for t in (tok, *tok.children))
