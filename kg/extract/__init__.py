"""Extraction: an `Article` in, an `Extraction` out. spaCy lives only in this package.

The public surface: `extract` (one article), `extract_many` (a stream, parsed in batches),
`build_extraction` (from an already parsed Doc), `load_nlp` and `normalize_proposition`.
How the patterns run and their claims are merged is in `kg.extract.build`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from kg.extract.build import build_extraction, normalize_proposition
from kg.extract.nlp import load_nlp
from kg.model import Article, Extraction
from kg.resolve.decisions import Decisions
from kg.resolve.gazetteer import Gazetteer

__all__ = ["build_extraction", "extract", "extract_many", "load_nlp", "normalize_proposition"]


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
