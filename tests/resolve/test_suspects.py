"""The suspect ranking of the review loop (kg.resolve.suspects) on plain records: no store,
no spaCy. Names are invented."""

from __future__ import annotations

from kg.resolve.suspects import Candidate, rank


def cand(ident: str, label: str, kind: str, arts: dict[str, int], gaz: bool = False) -> Candidate:
    return Candidate(ident, label, kind, (label,), arts, gaz)


def pairs(cands: list[Candidate], kept_apart: object = None) -> dict[frozenset[str], str]:
    return {frozenset((p.a, p.b)): p.reason for p in rank(cands, kept_apart)}


def test_surname_and_full_name_across_articles_are_proposed_with_their_evidence() -> None:
    cands = [
        cand("person/varga", "Varga", "person", {"a1": 2}),
        cand("ines-varga", "Ines Varga", "person", {"a2": 3}, gaz=True),
        cand("person/tomas-varga", "Tomas Varga", "person", {"a3": 1}),
    ]
    ranked = rank(cands)
    found = {frozenset((p.a, p.b)): p for p in ranked}
    hit = found[frozenset(("person/varga", "ines-varga"))]
    assert hit.reason == "surname of a full name" and "varga" in hit.evidence
    # two full names with one surname but other first names are two people
    assert frozenset(("ines-varga", "person/tomas-varga")) not in found


def test_acronym_and_alias_pairs() -> None:
    cands = [
        cand("organization/okc", "OKC", "organization", {"a1": 1}),
        cand("ostrava-kernel-council", "Ostrava Kernel Council", "organization", {"a2": 1}, True),
        Candidate("lyria", "Lyria", "state", ("Lyria", "Port Selm"), {"a1": 4}, True),
        cand("place/port-selm", "Port Selm", "place", {"a1": 1}),
    ]
    found = pairs(cands)
    assert found[frozenset(("organization/okc", "ostrava-kernel-council"))] == (
        "acronym of the other"
    )
    assert found[frozenset(("place/port-selm", "lyria"))] == "name is an alias of the other"


def test_role_holders_go_to_the_bodies_they_serve_and_sources_to_nobody() -> None:
    cands = [
        cand("anonymous/k1/officials", "officials", "anonymous", {"a1": 1}),
        cand("anonymous/k1/executives", "Executives", "anonymous", {"a1": 1}),
        cand(
            "anonymous/k1/officials-familiar-with-the-matter",
            "Officials familiar with the matter",
            "anonymous",
            {"a1": 1},
        ),
        cand("halden-trade-office", "Halden Trade Office", "government_body", {"a1": 2}, True),
        cand("vestra-chips", "Vestra Chips", "company", {"a1": 5}, True),
    ]
    found = pairs(cands)
    assert found[frozenset(("anonymous/k1/officials", "halden-trade-office"))] == (
        "unnamed role-holder beside a body"
    )
    assert frozenset(("anonymous/k1/officials", "vestra-chips")) not in found
    assert frozenset(("anonymous/k1/executives", "vestra-chips")) in found
    assert not any("anonymous/k1/officials-familiar-with-the-matter" in p for p in found)


def test_unnamed_sources_of_two_articles_and_kept_apart_pairs_are_never_proposed() -> None:
    cands = [
        cand("anonymous/k1/officials", "officials", "anonymous", {"a1": 1}),
        cand("anonymous/k2/officials", "officials", "anonymous", {"a2": 1}),
        cand("person/varga", "Varga", "person", {"a1": 2}),
        cand("ines-varga", "Ines Varga", "person", {"a2": 3}, gaz=True),
    ]
    assert frozenset(("anonymous/k1/officials", "anonymous/k2/officials")) not in pairs(cands)
    assert pairs(cands, lambda a, b: True) == {}


def test_a_head_word_alone_ranks_below_a_real_short_form() -> None:
    cands = [
        cand("organization/council", "Council", "organization", {"a1": 1}),
        cand("nordic-safety-council", "Nordic Safety Council", "organization", {"a2": 1}, True),
        cand("organization/nordic-safety-institute", "Safety Institute", "organization", {"a3": 1}),
        cand("nordic-ai-safety-institute", "Nordic Safety Institute", "organization", {"a3": 2}),
    ]
    scores = {frozenset((p.a, p.b)): p.score for p in rank(cands)}
    generic = scores[frozenset(("organization/council", "nordic-safety-council"))]
    real = scores[frozenset(("organization/nordic-safety-institute", "nordic-ai-safety-institute"))]
    assert generic < real
