"""Quotation scanning: where the quotations and transcript turns of a Doc are.

Offsets are doc character offsets. `quotations` finds quotations of four words or more in
curly, straight or doubled-apostrophe marks (a quotation may run over several paragraphs);
`turns` finds transcript turns ('NAME: what they said'); `in_quotation` says whether a
character lies inside either. Each is computed once per Doc.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from kg.extract.docs import doc_text

# doubled apostrophes ('' ... '', the NYT style) may enclose single ones ("it's")
# a straight quote mark opens before a word and closes after one: '"Cia" Price' does not
# make ' Price (D), shouted to the crowd. ' a quotation
# sloppy marks too: a curly opening closed by a straight mark, a paragraph opened by "”"
_QUOTE_RE = re.compile(
    r"“([^”]{12,}?)”|\"(?=\S)([^\"\n]{12,}?)(?<=\S)\"|''((?:[^'\n]|'(?!')){12,}?)''"
    r"|“([^”\"\n]{12,}?)\"|(?<![^\n])”([^”“\n]{12,}?)”"
    # a paragraph opened by a straight mark that no mark closes: a quotation of several
    # paragraphs, each reopened and only the last closed (a letter quoted in a release)
    r"|(?<![^\n])\"(?=\S)([^\"\n]{12,})(?=\n|$)"
)


def quotations(doc: Doc) -> list[tuple[int, int, int, int]]:
    """Quotations of four words or more: (open mark, content start, content end, close mark end).

    Curly, straight and doubled-apostrophe quote marks. A quotation may run over several
    paragraphs (each reopened with a quote mark); an opening mark inside a quotation that
    does not start a paragraph means the marks are unbalanced, and matching restarts there.
    Computed once per Doc.
    """
    cached = doc.user_data.get("kg_quotations")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    text = doc_text(doc)
    found = []
    pos = 0
    while (m := _QUOTE_RE.search(text, pos)) is not None:
        group = next(g for g in range(1, 7) if m.group(g) is not None)
        qs, qe = m.start(group), m.end(group)
        inner = text.find("“", qs, qe)
        while inner >= 0 and text[max(0, inner - 1)] == "\n":
            inner = text.find("“", inner + 1, qe)
        if inner >= 0:
            pos = inner
            continue
        if len(text[qs:qe].split()) >= 4 and not _is_title(text[qs:qe]):
            found.append((m.start(), qs, qe, m.end()))
        pos = m.end()
    doc.user_data["kg_quotations"] = found
    return found


def turns(doc: Doc) -> list[tuple[int, int]]:
    """Spans of transcript turns ('NAME: what they said'), computed once per Doc."""
    cached = doc.user_data.get("kg_turns")
    if cached is None:
        cached = [
            (m.start(2), m.end(2))
            for m in TURN_RE.finditer(doc_text(doc))
            if _is_turn_label(m.group(1))
        ]
        doc.user_data["kg_turns"] = cached
    return cached  # type: ignore[no-any-return]


# a transcript may quote each turn: '"NAME: what they said' (the mark is often left open)
TURN_RE = re.compile(r"^[\"“]?([A-Z][A-Za-z.'\- ]{1,30}):[ \t]+(\S[^\n]{10,})$", re.MULTILINE)


def _is_turn_label(label: str) -> bool:
    """'LOPEZ', 'Maria Lopez' head a turn; 'Frustration with police' does not."""
    return all(w[0].isupper() for w in label.split())


def _is_title(quoted: str) -> bool:
    """'"The Art of the Deal"': a title in quote marks, not a quotation. American style
    puts the comma or full stop after a title inside the marks ('a second rule, "Limits on
    Harbour Crane Software Exports," which ...'): a title still when it has
    four capitalised words or more and nobody speaks in it ('"We Will Win."' is a quotation)."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’]*", quoted) if len(w) > 3]
    if not words or not all(w[0].isupper() for w in words):
        return False
    end = quoted.rstrip()
    if end.endswith(("!", "?")):
        return False
    if not end.endswith((".", ",")):
        return True
    return len(words) >= 4 and _SPEAKING.search(quoted) is None


_SPEAKING = re.compile(r"\b(?:I|We|You|Our|My|Us|Me)\b")


def in_quotation(doc: Doc, char: int) -> bool:
    """Whether a char offset lies inside a quotation or a transcript turn."""
    spans = quotations(doc)
    starts = doc.user_data.get("kg_quotation_starts")
    if starts is None:
        starts = doc.user_data["kg_quotation_starts"] = [q[0] for q in spans]
    i = bisect_right(starts, char) - 1
    if i >= 0 and spans[i][1] <= char < spans[i][2]:
        return True
    spoken = turns(doc)  # in text order, one a line
    turn_starts = doc.user_data.get("kg_turn_starts")
    if turn_starts is None:
        turn_starts = doc.user_data["kg_turn_starts"] = [s for s, _ in spoken]
    k = bisect_right(turn_starts, char) - 1
    return k >= 0 and char < spoken[k][1]
