"""Merge/link time for 10,000 synthetic articles' worth of claims (kg.links.similarity).

Builds claims from templates (20 per article, with near duplicates and negations planted
between articles; 60% of claims carry a claim frame, kg.model.Frame, as parsed claims do, and
5% an evaluation, so the frame and evaluation buckets and comparisons are paid for), then times: building the MinHash-LSH index, linking every claim, and
linking one new article's claims against the full index (the incremental case). For
scale, it also times all-pairs verification on a sample and extrapolates. Then, on a real
store: the first kg.links.refresh.refresh_links, one more article through the claim index file,
and the same by full recomputation (`--store-only`: this part alone). Prints figures; nothing
is asserted.
"""

from __future__ import annotations

import random
import sys
import time

from rapidfuzz import fuzz

from kg.links.similarity import ClaimIndex, ClaimText, find_links, prepare


def vocabulary(rng: random.Random, n: int = 5000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(n)]


PLANTED: dict[str, tuple[str, str]] = {}  # claim -> (the claim it copies, "same"|"contradicts")


_GROUPS = ["rule", "control", "sale", "ban", "sanction", "tariff", "deal", "act", "order"]


def _evaluation(rng: random.Random, vocab: list[str], weights: list[float]) -> frozenset[str]:
    """An evaluation key (kg.extract.evaluations) for 5% of claims: a policy group, three
    Zipf-like specifying nouns (a named rule for a fifth of them), a valence."""
    if rng.random() >= 0.05:
        return frozenset()
    terms = "+".join(sorted(set(rng.choices(vocab[:500], weights=weights[:500], k=3))))
    actor = rng.choice(vocab[:200]) if rng.random() < 0.2 else ""
    valence = rng.choice(["positive", "negative"])
    group = rng.choice(_GROUPS)
    return frozenset([f"{group}|{actor}|harm|=evaluation|0|{terms}||{valence}|actual|"])


def _frame(rng: random.Random, vocab: list[str], weights: list[float]) -> frozenset[str]:
    """A frame key (kg.model.Frame.key) for 60% of claims: Zipf-like subject, verb, object;
    and an evaluation for 5% of them."""
    evaluation = _evaluation(rng, vocab, weights)
    if rng.random() >= 0.6:
        return evaluation
    subj, verb, obj = rng.choices(vocab[:2000], weights=weights[:2000], k=3)
    return frozenset([f"{subj}||{verb}|{verb}|0|{obj}||positive|actual|"]) | evaluation


def _negated(frames: frozenset[str]) -> frozenset[str]:
    return frozenset(k.replace("|positive|", "|negative|").rstrip("|") + "|not" for k in frames)


def synthetic(articles: int, per_article: int, seed: int = 7) -> list[ClaimText]:
    """Claims of 8-16 words drawn from a Zipf-like vocabulary; 5% near duplicates of an
    earlier claim (one word changed), 3% negations of an earlier claim."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    weights = [1 / (r + 1) for r in range(len(vocab))]
    claims: list[ClaimText] = []
    for a in range(articles):
        for i in range(per_article):
            roll = rng.random()
            iri = f"c{a}-{i}"
            if claims and roll < 0.05:
                src = rng.choice(claims)
                words = src.text.split()
                words[rng.randrange(len(words))] = rng.choice(vocab)
                text, frames = " ".join(words), src.frames
                PLANTED[iri] = (src.iri, "same")
            elif claims and roll < 0.08:
                src = rng.choice(claims)
                words = src.text.split()
                text, frames = " ".join([*words[:2], "not", *words[2:]]), _negated(src.frames)
                PLANTED[iri] = (src.iri, "contradicts")
            else:
                n = rng.randint(8, 16)
                text = " ".join(rng.choices(vocab, weights=weights, k=n))
                frames = _frame(rng, vocab, weights)
            claims.append(ClaimText(iri, text, frames=frames))
    return claims


def main(articles: int = 10_000, per_article: int = 20, store_only: bool = False) -> None:
    claims = synthetic(articles, per_article)
    if store_only:  # only what an ingest pays on a store (the figure)
        store_refresh(claims, per_article)
        return
    planted = [(k, v[0]) for k, v in PLANTED.items()]
    t0 = time.perf_counter()
    index = ClaimIndex()
    index.add_many(claims)
    t_index = time.perf_counter() - t0
    t0 = time.perf_counter()
    links = find_links(index)
    t_links = time.perf_counter() - t0
    new = synthetic(1, per_article, seed=99)
    for c in new:
        index.add(ClaimText("new-" + c.iri, c.text, frames=c.frames))
    t0 = time.perf_counter()
    find_links(index, ["new-" + c.iri for c in new])
    t_one = time.perf_counter() - t0
    sample = [prepare(c) for c in claims[:2000]]
    t0 = time.perf_counter()
    for i, x in enumerate(sample):
        for y in sample[i + 1 :]:
            fuzz.token_set_ratio(x.plain, y.plain)
    t_pairs = time.perf_counter() - t0
    per_pair = t_pairs / (len(sample) * (len(sample) - 1) / 2)
    all_pairs = per_pair * len(claims) * (len(claims) - 1) / 2
    same = sum(1 for x in links if x.kind == "same")
    linked = {(x.a, x.b) for x in links} | {(x.b, x.a) for x in links}
    recall = sum(1 for pair in planted if pair in linked) / max(1, len(planted))
    print(f"claims: {len(claims)} ({articles} articles x {per_article})")
    print(
        f"index build: {t_index:.1f} s; link all: {t_links:.1f} s; total {t_index + t_links:.1f} s"
    )
    print(f"links: {same} same-claim, {len(links) - same} contradicts")
    print(f"planted pairs linked (recall): {recall:.1%} of {len(planted)}")
    print(f"one new article ({per_article} claims) against the index: {t_one * 1000:.1f} ms")
    print(f"all-pairs estimate: {all_pairs:.0f} s ({per_pair * 1e6:.2f} us/pair on 2000 claims)")
    print(f"index speed-up over all pairs: {all_pairs / (t_index + t_links):.0f}x")
    store_refresh(claims, per_article)


def _claims_nt(claims: list[ClaimText]) -> str:
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    lines = []
    kg = "https://w3id.org/kg-aigeo/ont#"
    for c in claims:  # synthetic texts are lowercase letters and spaces: safe as literals
        iri = "urn:bench:" + c.iri
        lines.append(f"<{iri}> <{rdf_type}> <https://schema.org/Claim> .")
        lines.append(f'<{iri}> <https://schema.org/text> "{c.text}" .')
        for n, key in enumerate(sorted(c.frames)):
            lines.append(f"<{iri}> <{kg}frame> <{iri}-frame{n}> .")
            lines.append(f'<{iri}-frame{n}> <{kg}frameKey> "{key}" .')
    return "\n".join(lines) + "\n"


def store_refresh(claims: list[ClaimText], per_article: int) -> None:
    """What an ingest pays: kg.links.refresh.refresh_links on a store holding all the claims.

    The first refresh builds the claim index file beside the store; one more article is
    then linked through it (what `kg ingest` of one article pays) and, in the same run,
    by a full recomputation from the store (what every ingest paid before the index file).
    """
    import tempfile

    from kg.links.refresh import begin_change, claims_in_graph, refresh_links, stored_links
    from kg.rdf.ontology import ARTICLE_GRAPH_PREFIX
    from kg.store.oxigraph import GraphWrite, Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"{tmp}/store")
        chunk = 20 * 500  # 500 articles' claims per graph write
        t0 = time.perf_counter()
        for n in range(0, len(claims), chunk):
            nt = _claims_nt(claims[n : n + chunk])
            store.replace_graphs([GraphWrite(f"{ARTICLE_GRAPH_PREFIX}bench{n}", nt)])
        t_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        first = refresh_links(store)
        t_first = time.perf_counter() - t0
        # one more article restating (half negated) claims of earlier ones, so it links
        new = [
            ClaimText(
                f"new-{i}",
                ("not " if i % 2 else "") + c.text,
                frames=_negated(c.frames) if i % 2 else c.frames,
            )
            for i, c in enumerate(claims[: per_article * 50 : 50])
        ]
        graph = f"{ARTICLE_GRAPH_PREFIX}bench-new"
        since = begin_change(store)
        store.replace_graphs([GraphWrite(graph, _claims_nt(new))])
        t0 = time.perf_counter()
        one = refresh_links(store, claims_in_graph(store, graph), since=since)
        t_one = time.perf_counter() - t0
        incremental = stored_links(store)
        t0 = time.perf_counter()
        full = refresh_links(store)
        t_full = time.perf_counter() - t0
        same = stored_links(store) == incremental
        store.close()
    print(f"store: {len(claims)} claims loaded in {t_load:.1f} s")
    print(
        f"refresh_links, first: {t_first:.1f} s ({first.same} same, {first.contradicts} contradicts)"
    )
    print(
        f"one more article ({per_article} claims) through the index file: {t_one:.2f} s "
        f"(rebuilt: {one.rebuilt}, {one.added} links added)"
    )
    print(
        f"the same by full recomputation: {t_full:.1f} s ({full.added} added, {full.removed} "
        f"removed; links identical: {same}); ratio {t_full / t_one:.0f}x"
    )


if __name__ == "__main__":
    # python bench/merge_speed.py [ARTICLES [CLAIMS_PER_ARTICLE]] [--store-only]
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    main(*numbers[:2], store_only="--store-only" in sys.argv)
