"""Per-Doc caches (kept in ``Doc.user_data``) and small token helpers shared by the extraction
modules."""

from __future__ import annotations

from spacy.tokens import Doc, Token


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy rebuilds ``Doc.text`` from the tokens on every access."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text  # type: ignore[no-any-return]


def subtree_chars(token: Token) -> tuple[int, int]:
    """The doc character span of a token's subtree."""
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)
