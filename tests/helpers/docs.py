"""spaCy `Doc`s built by hand, so extractor rules are tested on a fixed parse without the model.

A Doc is written as the text and one row per token (CoNLL-like, whitespace-separated):

    WORD  TAG  POS  DEP  HEAD  [LEMMA]  [ENT]

HEAD is the 1-based number of the head token (0 for a sentence root, as in CoNLL-U; sentences
follow from the roots, as after spaCy's parser). LEMMA `-` (or left out) is the word itself for a
proper noun and the word in lower case otherwise. ENT is `O` (or left out) or `B-LABEL`/`I-LABEL`,
with `#ID` for a gazetteer actor (`B-ORG#nvidia`), as kg's entity ruler marks them. A WORD of
whitespace is written with escapes (`\\n\\n`). The spaces between words come from the text.

To write a test, print the parse the real pipeline gives and edit it where the test needs:

    .venv/bin/python -m tests.helpers.docs "Nvidia said that sales fell."

`extract_doc` runs kg's extractor (kg.extract.build_extraction) on such a Doc. Only spaCy's
library and its English vocabulary are loaded (tests marked `spacy`), never a trained pipeline.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import TYPE_CHECKING

from kg.ingest.text import parse_text
from kg.model import Extraction

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.resolve.decisions import Decisions
    from kg.resolve.gazetteer import Gazetteer

_KEEP_CASE_POS = frozenset({"PROPN"})


@cache
def blank() -> Language:
    """spaCy's English language class with no trained components (vocabulary, lexical rules)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.meta["name"] = "hand_built"
    return nlp


def _unescape(word: str) -> str:
    return word.replace("\\n", "\n").replace("\\t", "\t").replace("\\s", " ")


def make_doc(text: str, table: str) -> Doc:
    """The Doc of ``text`` whose tokens and annotation the rows of ``table`` give."""
    from spacy.tokens import Doc, Span

    rows = [line.split() for line in table.strip("\n").splitlines() if line.strip()]
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    pos: list[str] = []
    deps: list[str] = []
    heads: list[int] = []
    lemmas: list[str] = []
    ents: list[tuple[str, str | None, int]] = []  # (iob label, actor id, token)
    at = 0
    for n, row in enumerate(rows, 1):
        if len(row) < 5:
            raise ValueError(f"row {n} needs WORD TAG POS DEP HEAD: {row}")
        word = _unescape(row[0])
        found = text.find(word, at)
        if found < 0 or text[at:found].strip(" "):
            raise ValueError(f"row {n}: {word!r} is not next in the text at {at}: {text[at:]!r}")
        if found > at and words:
            if text[at:found] != " ":
                raise ValueError(f"row {n}: only one space may separate words, at {at}")
            spaces[-1] = True
        elif found > at:
            raise ValueError("the text may not start with a space")
        at = found + len(word)
        words.append(word)
        spaces.append(False)
        tags.append(row[1])
        pos.append(row[2])
        deps.append(row[3])
        head = int(row[4])
        heads.append(n - 1 if head == 0 else head - 1)
        lemma = row[5] if len(row) > 5 and row[5] != "-" else None
        lemmas.append(lemma or (word if row[2] in _KEEP_CASE_POS else word.lower()))
        ent = row[6] if len(row) > 6 else "O"
        if ent != "O":
            label, _, actor = ent.partition("#")
            ents.append((label, actor or None, n - 1))
    if at != len(text):
        raise ValueError(f"the rows end at {at}, the text goes on: {text[at:]!r}")
    doc = Doc(
        blank().vocab,
        words=words,
        spaces=spaces,
        tags=tags,
        pos=pos,
        deps=deps,
        heads=heads,
        lemmas=lemmas,
    )
    marked: list[tuple[int, int, str, str | None]] = []  # start, end, label, actor id
    for iob, actor_id, i in ents:
        kind, _, label = iob.partition("-")
        if kind == "B":
            marked.append((i, i + 1, label, actor_id))
        elif kind == "I" and marked and marked[-1][1] == i and marked[-1][2] == label:
            begin, _, _, first = marked.pop()
            marked.append((begin, i + 1, label, first))
        else:
            raise ValueError(f"token {i + 1}: {iob} does not continue an entity")
    doc.ents = [Span(doc, s, e, label=lab, span_id=a or 0) for s, e, lab, a in marked]
    return doc


def extract_doc(
    doc: Doc,
    *,
    gazetteer: Gazetteer | None = None,
    decisions: Decisions | None = None,
    **meta: str,
) -> Extraction:
    """kg's extraction of an article whose body is ``doc`` (``meta`` is its front matter)."""
    from kg.extract import build_extraction

    front = ""
    if meta:
        front = "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n"
    article = parse_text(front + doc.text, key="test", source="test", sha256="0" * 64)
    if article.body != doc.text:
        raise ValueError("the article body is not the Doc's text (leading or trailing spaces?)")
    return build_extraction(article, doc, blank(), gazetteer, decisions)


def table_of(doc: Doc) -> str:
    """The rows `make_doc` reads, for ``doc``."""

    def esc(word: str) -> str:
        return word.replace("\n", "\\n").replace("\t", "\\t").replace(" ", "\\s")

    widths = max((len(esc(t.text)) for t in doc), default=4) + 2
    lines = []
    for t in doc:
        head = 0 if t.head.i == t.i else t.head.i + 1
        default = t.text if t.pos_ in _KEEP_CASE_POS else t.text.lower()
        lemma = "-" if t.lemma_ == default else t.lemma_
        ent = "O"
        if t.ent_iob_ in ("B", "I"):
            ent = f"{t.ent_iob_}-{t.ent_type_}" + (f"#{t.ent_id_}" if t.ent_id_ else "")
        row = [esc(t.text).ljust(widths), t.tag_.ljust(6), t.pos_.ljust(6), t.dep_.ljust(10)]
        row.append(str(head).ljust(4))
        if ent != "O":
            row += [lemma.ljust(10), ent]
        elif lemma != "-":
            row.append(lemma)
        lines.append(" ".join(row).rstrip())
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    from kg.extract import load_nlp

    nlp = load_nlp()
    for text in argv:
        print(f"TEXT = {text!r}\nTABLE = '''\n{table_of(nlp(text))}\n'''\n")


if __name__ == "__main__":
    main(sys.argv[1:])
