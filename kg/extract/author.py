"""The author's own assertions in opinion and analysis writing.

Offsets are doc character offsets, as in `kg.extract.claims`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract.claims import RawClaim, _claim


def author_claims(
    doc: Doc, covered: list[tuple[int, int]], title: str | None
) -> Iterator[RawClaim]:
    """The author's own assertions in opinion and analysis writing: one per sentence.

    The speaker is left empty here; the caller knows the byline author.
    """
    title_norm = (title or "").strip().lower()
    for sent in doc.sents:
        text = sent.text.strip()
        if len(sent) < 6 or not text or text.lower() == title_norm:
            continue
        if text.endswith("?") or not text.rstrip("\"”’'").endswith((".", "!")):
            continue  # questions, headings and list fragments are not assertions
        if text.startswith("#"):
            continue
        if any(min(sent.end_char, ce) - max(sent.start_char, cs) > 0 for cs, ce in covered):
            continue
        claim = _claim(
            doc,
            sent.start_char,
            sent.end_char,
            speaker=None,
            cue=None,
            cue_lemma=None,
            sent=sent,
            pattern="author",
            attribution="author",
        )
        if claim:
            yield claim
