"""Extraction time on one long paragraph without full stops (issue 16, item 7).

Usage: python bench/long_paragraph.py [--sizes 100 300 999] [--seed N]

For each size (in thousands of characters; 999 is "1 MB", just under the 1,000,000 characters
the pipeline takes) a synthetic single-paragraph article is generated: clauses written for this
bench (claims, figures, examples, a few quotations) joined by commas, semicolons and "and", with
no full stop. spaCy's parse (`nlp(text)`) and kg's rule patterns (`build_extraction` on the
parsed Doc, as a news article and as an opinion piece with a byline, where the author's own
claims and the argument units run too) are timed apart, in CPU seconds of this process (less
disturbed by other load than wall-clock time); each ratio column compares a size's extraction
time with the previous size's. Linear time gives a ratio close to the size ratio (~3x per 3x
size); quadratic, ~9x.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from kg.extract import build_extraction, load_nlp
from kg.ingest.text import parse_text
from kg.model import Article

SUBJECTS = [
    "officials in Washington",
    "the Commerce Department",
    "a spokesperson for the ministry",
    "analysts at the Harbor Institute",
    "critics of the rules",
    "the chipmaker",
    "Maria Lindqvist, a trade lawyer,",
    "lawmakers in Brussels",
    "two people familiar with the talks",
    "the agency",
]
VERBS = ["said", "warned", "argued", "insisted", "predicted", "claimed", "noted", "denied"]
CONTENTS = [
    "the export rules would hold for years",
    "demand for accelerators keeps rising faster than supply",
    "the new licences could slow research in smaller labs",
    "open models spread faster than any rule can follow them",
    "the ban is a mistake that hurts domestic firms first",
    "exports fell by 30 percent in the second quarter",
    "the fund raised $2 billion for new data centres",
    "smaller countries may side with whoever sells them chips",
]
EXTRAS = [
    "according to a report by the Harbor Institute the market shrank by 12 percent",
    "models like Atlas or Borealis were trained abroad",
    "in a statement the ministry called the measures unfair",
    '"the controls are working as intended" said an official',
    "the rules, she said, will be reviewed next year",
    "there were 40 new data centres in 2023",
    "the talks resumed after a long pause",
]
JOINERS = [", ", "; ", ", and ", ", while ", " -- "]


def paragraph(chars: int, seed: int) -> str:
    """One paragraph of about ``chars`` characters, without a full stop or a line break."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        if rng.random() < 0.3:
            clause = rng.choice(EXTRAS)
        else:
            s, v, c = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(CONTENTS)
            clause = f"{s} {v} that {c}" if rng.random() < 0.7 else f"{c}, {s} {v}"
        parts.append(clause)
        parts.append(rng.choice(JOINERS))
        size += len(clause) + 3
    text = "".join(parts[:-1])
    return text[:chars].rsplit(" ", 1)[0]


def article(body: str, k: int, front: str) -> Article:
    text = f"---\ntitle: Long paragraph\n{front}---\n{body}"
    return parse_text(text, key=f"bench-{k}", source="bench", sha256="0" * 64)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 999])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    nlp = load_nlp()
    nlp("Warm up: the minister said the rules would hold.")
    print(
        f"{'chars':>9} {'tokens':>8} {'sents':>6} {'longest':>7} {'parse s':>8} "
        f"{'news s':>7} {'ratio':>6} {'opinion s':>9} {'ratio':>6} {'claims':>7} {'evid.':>6}"
    )
    previous: tuple[float, float] | None = None
    warnings = 0
    for k in args.sizes:
        body = paragraph(k * 1000, args.seed)
        news = article(body, k, "genre: news\n")
        opinion = article(body, k, "genre: opinion\nauthor: Jo Park\n")
        c0 = time.process_time()
        doc = nlp(news.body)
        parse = time.process_time() - c0
        times = []
        for art in (news, opinion):
            for key in [k for k in doc.user_data if str(k).startswith("kg_")]:
                del doc.user_data[key]  # no caches from the run before
            c0 = time.process_time()
            x = build_extraction(art, doc, nlp)
            times.append(time.process_time() - c0)
            if art is news:
                claims, evidence, warnings = len(x.claims), len(x.evidence), len(x.warnings)
        ratios = (
            [f"{t / p:6.1f}" for t, p in zip(times, previous, strict=True)]
            if previous
            else [f"{'':>6}"] * 2
        )
        previous = (times[0], times[1])
        longest = max(len(s) for s in doc.sents)
        print(
            f"{len(news.body):>9,} {len(doc):>8,} {sum(1 for _ in doc.sents):>6} {longest:>7} "
            f"{parse:>8.1f} {times[0]:>7.1f} {ratios[0]} {times[1]:>9.1f} {ratios[1]} "
            f"{claims:>7} {evidence:>6}"
        )
    print(f"warnings on the last article: {warnings} (the paragraph read as capped sentences)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
