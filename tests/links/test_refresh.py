"""The links graph kept up to date from the claim index file beside the store.

Every change below goes through the incremental path (only the touched claims are
relinked, candidates looked up in the index file) and is checked against a full
recomputation from the store: the two must give the same links.
"""

from __future__ import annotations

import random
from pathlib import Path

from kg.links.refresh import (
    LinkReport,
    begin_change,
    check_links,
    claims_in_graph,
    index_path,
    read_claims,
    refresh_links,
    stored_links,
)
from kg.links.similarity import ClaimIndex, find_links
from kg.rdf.ontology import KG, SCHEMA
from kg.store.oxigraph import GraphWrite, Store

EX = "https://example.org/"
ACTORS = [f"{EX}actor/{n}" for n in ("a", "b", "c")]
BASES = [
    "export controls on advanced accelerators slowed the training of frontier models",
    "the new rules will close loopholes that let chips reach data centres abroad",
    "open weight models narrow the gap with the leading closed systems within a year",
    "smuggling networks move restricted processors through third countries every month",
    "cloud rental of restricted chips remains legal under the current licence regime",
    "domestic chip makers cannot match the yields of the leading foundry before 2027",
]


def _variants(rng: random.Random) -> list[str]:
    """Near duplicates, negations and unrelated rewordings of the base propositions."""
    out = []
    for base in BASES:
        words = base.split()
        out.append(base)
        out.append(" ".join([*words[:3], "not", *words[3:]]))  # negated
        near = list(words)
        near[rng.randrange(len(near))] = rng.choice(["largely", "sharply", "quietly"])
        out.append(" ".join(near))  # one word changed
        out.append(" ".join(reversed(words)))  # same words, scrambled order
    return out


def _graph(
    name: str, claims: list[tuple[str, str, str | None]], frames: dict[str, str] | None = None
) -> GraphWrite:
    """An article graph of claims (IRI, text, an actor it is about); ``frames`` gives the frame
    key of a claim text, stored as kg:frame/kg:frameKey as kg.rdf.mapping does."""
    lines = []
    for iri, text, about in claims:
        lines.append(f"<{iri}> a <{SCHEMA.Claim}> .")
        lines.append(f'<{iri}> <{SCHEMA.text}> "{text}" .')
        if about:
            lines.append(f"<{iri}> <{KG.about}> <{about}> .")
        if frames and text in frames:
            node = f"{EX}frame/{abs(hash(frames[text]))}"
            lines.append(f"<{iri}> <{KG.frame}> <{node}> .")
            lines.append(f'<{node}> <{KG.frameKey}> "{frames[text]}" .')
    return GraphWrite(f"{EX}graph/{name}", "\n".join(lines) + "\n")


def _expected(store: Store) -> set[tuple[str, str, str]]:
    kinds = {"same": str(KG.sameClaimAs), "contradicts": str(KG.contradicts)}
    index = ClaimIndex()
    index.add_many(read_claims(store).values())
    return {(lk.a, kinds[lk.kind], lk.b) for lk in find_links(index)}


def _change(store: Store, writes: list[GraphWrite], drop: tuple[str, ...] = ()) -> LinkReport:
    """What ingest and remove do: touched claims before and after, begin, write, refresh."""
    graphs = [w.graph for w in writes] + list(drop)
    touched = {c for g in graphs for c in claims_in_graph(store, g)}
    since = begin_change(store)
    store.replace_graphs(writes, drop=drop)
    touched |= {c for g in graphs for c in claims_in_graph(store, g)}
    report = refresh_links(store, touched, since=since)
    assert stored_links(store) == _expected(store)
    assert check_links(store).ok  # and each link's reason, score and explanation
    return report


def test_incremental_refresh_equals_full_recomputation(tmp_path: Path) -> None:
    rng = random.Random(5)
    texts = _variants(rng)
    store = Store(tmp_path / "store")
    first = [_graph("g0", [(f"{EX}c/{i}", t, None) for i, t in enumerate(texts[:6])])]
    assert _change(store, first).rebuilt  # no index file yet
    live: list[str] = ["g0"]
    reports = []
    for step in range(1, 40):
        op = rng.random()
        if op < 0.2 and len(live) > 1:
            gone = live.pop(rng.randrange(len(live)))
            reports.append(_change(store, [], drop=(f"{EX}graph/{gone}",)))
            continue
        name = rng.choice(live) if op < 0.45 else f"g{step}"  # restate an article or add one
        claims = [
            (f"{EX}c/{i}", texts[i], rng.choice([None, *ACTORS]))  # the same claim, other actors
            for i in rng.sample(range(len(texts)), 5)
        ]
        reports.append(_change(store, [_graph(name, claims)]))
        if name not in live:
            live.append(name)
    assert not any(r.rebuilt for r in reports), "later changes relink only the touched claims"
    # the sequence exercised both kinds of link, appearing and disappearing
    assert sum(r.added for r in reports) > 10 and sum(r.removed for r in reports) > 10
    assert max(r.same for r in reports) > 0 and max(r.contradicts for r in reports) > 0
    store.close()


def test_an_interrupted_change_makes_the_next_refresh_rebuild(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    _change(store, [_graph("a", [(f"{EX}c/1", BASES[0], None)])])
    negated = BASES[0].replace("slowed", "never slowed")
    begin_change(store)  # the process dies after writing the article, before the refresh
    store.replace_graphs([_graph("b", [(f"{EX}c/2", negated, None)])])
    since = begin_change(store)  # the next run
    assert since is None
    store.replace_graphs([_graph("c", [(f"{EX}c/3", BASES[1], None)])])
    report = refresh_links(store, {f"{EX}c/3"}, since=since)
    assert report.rebuilt
    assert stored_links(store) == _expected(store) != set()
    store.close()


def test_a_damaged_or_foreign_index_file_is_rebuilt(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    _change(store, [_graph("a", [(f"{EX}c/1", BASES[2], None)])])
    path = index_path(store)
    assert path.is_file()
    path.write_bytes(b"not a database at all" * 100)
    twin = BASES[2].replace("narrow", "do not narrow")
    since = begin_change(store)
    store.replace_graphs([_graph("b", [(f"{EX}c/2", twin, None)])])
    report = refresh_links(store, {f"{EX}c/2"}, since=since)
    assert report.rebuilt and report.claims == 2
    assert stored_links(store) == {(f"{EX}c/1", str(KG.contradicts), f"{EX}c/2")}
    store.close()


def test_an_unchanged_refresh_writes_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    writes = [_graph("a", [(f"{EX}c/1", BASES[3], None), (f"{EX}c/2", BASES[3] + " now", None)])]
    _change(store, writes)
    before = sorted(store.quads())
    assert not _change(
        store, writes
    ).rebuilt  # restating the same article: same links, same generation
    assert sorted(store.quads()) == before
    store.close()


def _framed_variants(rng: random.Random) -> tuple[list[str], dict[str, str]]:
    """Per base: the base, a negation that only a frame shows ("failed to"), an opposite
    predicate, a rewording with the same frame and few shared words, and a distractor with
    the same frame but other numbers. Frame keys as kg.model.Frame.key writes them."""
    texts: list[str] = []
    frames: dict[str, str] = {}
    for i, base in enumerate(BASES):
        words = base.split()
        key = f"subject{i}||verb{i}|sense{i}|{{inv}}|object{i}||{{pol}}|actual|{{neg}}"
        variants = [
            (base, key.format(inv=0, pol="positive", neg="")),
            (
                " ".join(["reports", "say", *words[:4], "failed", "to", *words[4:]]),
                key.format(inv=0, pol="negative", neg="failed to"),
            ),
            (" ".join([*words, "instead"]), key.format(inv=1, pol="positive", neg="")),
            (
                " ".join([*words[: len(words) // 2 + 1], rng.choice(["lately", "reportedly"])]),
                key.format(inv=0, pol="positive", neg=""),
            ),
            (" ".join([*words, str(2020 + i)]), key.format(inv=0, pol="positive", neg="")),
        ]
        for text, frame in variants:
            texts.append(text)
            frames[text] = frame
    return texts, frames


def test_incremental_refresh_with_frames_equals_full_recomputation(tmp_path: Path) -> None:
    rng = random.Random(11)
    texts, frames = _framed_variants(rng)
    store = Store(tmp_path / "store")
    first = [_graph("g0", [(f"{EX}c/{i}", t, None) for i, t in enumerate(texts[:5])], frames)]
    _change(store, first)
    live = ["g0"]
    reasons: set[str] = set()
    for step in range(1, 30):
        op = rng.random()
        if op < 0.2 and len(live) > 1:
            gone = live.pop(rng.randrange(len(live)))
            _change(store, [], drop=(f"{EX}graph/{gone}",))
        else:
            name = rng.choice(live) if op < 0.45 else f"g{step}"
            picked = rng.sample(range(len(texts)), 6)
            claims = [(f"{EX}c/{i}", texts[i], rng.choice([None, *ACTORS])) for i in picked]
            report = _change(store, [_graph(name, claims, frames)])
            assert not report.rebuilt
            if name not in live:
                live.append(name)
        res = store.select(f"SELECT ?r WHERE {{ ?l <{KG.reason}> ?r }}")
        reasons |= {r[0].value for r in res.rows if r[0] is not None}
    assert {"frame", "words+frame"} <= reasons  # links made on frames, kept with their reason
    store.close()
