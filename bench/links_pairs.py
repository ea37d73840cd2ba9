"""Cross-article pairs found by kg.links when the claims are the gold ones (an oracle run).

kg's claim extraction decides which claims exist; the linker decides which of them are the same
claim or contradict each other. To measure the linker on its own, this script takes every gold
claim of an analyst-gold folder as a claim (its exact span in the article, its gold speaker and
stance), reads its frame from the parse of the article with kg's pipeline (kg.extract.frames),
its proposition and the actors it names as kg does, links all of them with
kg.links.similarity, and prints:

- the gold pairs (pairs.json) found: same_claim as one claim or a `same` link, contradicts as a
  `contradicts` link or one claim asserted and denied;
- every link between claims of two different articles, with its reason and both texts, marked
  `gold` when it is a gold pair (the rest are for judging precision by hand).

Usage: python bench/links_pairs.py [GOLD_DIR ...]
(default: ../shared/data/analyst-gold/dev and corpus/gold). Reads third-party text from
../shared/data; prints figures, asserts nothing.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from kg.evaluate.analyst_gold import read_gold
from kg.extract import load_nlp, normalize_proposition
from kg.extract.descriptors import about_actors, actor_finder
from kg.extract.evaluations import evaluation_of
from kg.extract.frames import frames_of
from kg.extract.mentions import find_actors
from kg.ingest import read_path
from kg.links.similarity import ClaimIndex, ClaimText, find_links
from kg.rdf.ontology import claim_iri
from kg.resolve.decisions import Decisions
from kg.resolve.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT.parent / "shared" / "data" / "analyst-gold" / "dev", ROOT / "corpus" / "gold"]


def oracle(gold_dir: Path) -> None:
    gold = read_gold(gold_dir)
    gazetteer = Gazetteer.default()
    nlp = load_nlp(gazetteer=gazetteer)
    texts: dict[str, ClaimText] = {}
    where: dict[str, set[str]] = defaultdict(set)  # claim IRI -> documents
    stances: dict[tuple[str, str], set[str]] = defaultdict(set)  # (IRI, doc) -> stances
    of_span: dict[tuple[str, str], str] = {}  # (doc, gold text) -> IRI
    framed = total = 0
    for doc in gold.documents:
        article = read_path(doc.path)
        parsed = nlp(article.body)
        index = find_actors(parsed, gazetteer, Decisions(), article.body_start)
        actor_of = actor_finder(index)

        for claim in doc.claims:
            start, end = claim.span
            span = parsed.char_span(
                start - article.body_start, end - article.body_start, alignment_mode="expand"
            )
            if span is None:
                continue
            words = list(span)
            proposition = normalize_proposition([t.text for t in words])
            found = frames_of(words, actor_of)
            total += 1
            framed += bool(found)
            about = frozenset(about_actors(words, actor_of))
            iri = str(claim_iri(proposition))
            known = texts.get(iri)
            evaluation = evaluation_of(words, actor_of)
            frames = frozenset(f.key for f in (*found, evaluation) if f is not None)
            if known is not None:
                about |= known.about
                frames |= known.frames
            texts[iri] = ClaimText(iri, proposition, about, frames)
            where[iri].add(doc.name)
            stances[(iri, doc.name)].add(claim.stance)
            of_span[(doc.name, claim.text)] = iri
    claims = ClaimIndex()
    claims.add_many(texts.values())
    links = find_links(claims)
    by_pair = {frozenset((lk.a, lk.b)): lk for lk in links}

    print(f"== {gold_dir}: {len(gold.documents)} articles, {total} gold claims, {framed} framed")
    found: dict[str, int] = defaultdict(int)
    gold_pairs = set()
    for pair in gold.pairs:
        a, b = of_span.get((pair.file_a, pair.text_a)), of_span.get((pair.file_b, pair.text_b))
        if a is None or b is None:
            continue
        gold_pairs.add(frozenset((a, b)))
        link = by_pair.get(frozenset((a, b)))
        if pair.relation == "same_claim":
            ok = a == b or (link is not None and link.kind == "same")
        else:
            ok = (link is not None and link.kind == "contradicts") or (
                a == b
                and any("denies" in stances[(a, d)] for d in (pair.file_a, pair.file_b))
                and any(
                    stances[(a, d)] & {"asserts", "predicts"} for d in (pair.file_a, pair.file_b)
                )
            )
        found[pair.relation] += ok
        mark = "FOUND" if ok else "missed"
        print(f"  {mark:6} {pair.relation:11} {pair.text_a[:60]!r} ~ {pair.text_b[:60]!r}")
    totals: dict[str, int] = defaultdict(int)
    for pair in gold.pairs:
        totals[pair.relation] += 1
    print(
        "  gold pairs found: "
        + ", ".join(f"{r} {found[r]}/{totals[r]}" for r in sorted(totals))
        + f"  (total {sum(found.values())}/{sum(totals.values())})"
    )
    cross = [
        lk for lk in sorted(links, key=lambda k: (k.kind, k.a, k.b)) if where[lk.a] != where[lk.b]
    ]
    print(f"  links between claims of different articles: {len(cross)}")
    for lk in cross:
        tag = "gold" if frozenset((lk.a, lk.b)) in gold_pairs else "    "
        print(f"  [{tag}] {lk.kind} ({lk.reason}, {lk.score}) {lk.explanation}")
        print(f"      A {sorted(where[lk.a])}: {texts[lk.a].text[:150]}")
        print(f"      B {sorted(where[lk.b])}: {texts[lk.b].text[:150]}")


def main(argv: list[str]) -> None:
    dirs = [Path(a) for a in argv] or DEFAULT
    for gold_dir in dirs:
        if not gold_dir.is_dir():
            print(f"skipped {gold_dir}: not there (../shared/data is not part of the repository)")
            continue
        oracle(gold_dir)


if __name__ == "__main__":
    main(sys.argv[1:])
