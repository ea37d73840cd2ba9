"""Topics of AI geopolitics, found by their words in a statement's sentence or its headline.

The page's Topic filter and `kg viz --topic` use them; keyword lists are deliberately plain, so
an analyst can read (and extend) why a statement is on a topic.
"""

from __future__ import annotations

import re

#: Topics the page filters by and `kg viz --topic` selects: a statement is on a topic when its
#: sentence (else its article's headline) has one of the topic's words (a plural too) or, for a
#: word ending in "*", any word starting so. Regular expression syntax is allowed.
TOPICS: dict[str, tuple[str, ...]] = {
    "export controls": (
        "export controls?",
        "export rules?",
        "export restrictions?",
        "entity list",
        "restrict*",
        "licen[cs]e*",
        "sanction*",
        "ban",
        "banned",
        "loophole",
        "smuggl*",
    ),
    "chips and semiconductors": (
        "chip",
        "chipmak*",
        "semiconductor",
        "gpu",
        "h100",
        "h20",
        "a800",
        "ascend",
        "foundr*",
        "fab",
        "lithograph*",
        "euv",
        "wafer",
        "nanometer",
        "gallium",
        "germanium",
        "processor",
        "accelerator",
    ),
    "AI safety": ("safety", "safe", "risk", "frontier", "alignment", "catastroph*", "misuse"),
    "open models": ("open-weights?", "open weights?", "open[- ]source", "open models?"),
    "regulation and governance": (
        "regulat*",
        "law",
        "rule",
        "governance",
        "label*",
        "standard",
        "treat(?:y|ies)",
        "summit",
        "declaration",
        "framework",
        "oversight",
    ),
    "competition and the AI race": (
        "race",
        "compet*",
        "rival*",
        "lead",
        "catch up",
        "gap",
        "dominan*",
        "self-reliance",
        "domestic",
    ),
    "military and security": (
        "militar*",
        "defen[cs]e",
        "weapon",
        "security",
        "surveillance",
        "army",
        "intelligence agenc(?:y|ies)",
    ),
    "trade and markets": (
        "revenue",
        "market",
        "sale",
        "tariff",
        "trade",
        "invest*",
        "price",
        "customer",
        "billion",
    ),
    "compute and energy": (
        "data cent(?:er|re)",
        "compute",
        "computing power",
        "electricity",
        "energy",
        "power grid",
        "cloud",
    ),
}
_TOPIC_RES = {
    name: re.compile(
        r"\b(?:" + "|".join(w[:-1] if w.endswith("*") else rf"(?:{w})s?\b" for w in words) + ")",
        re.IGNORECASE,
    )
    for name, words in TOPICS.items()
}


def topics_of(*texts: str) -> list[str]:
    """The topics (keys of `TOPICS`) whose words occur in the first text that has any."""
    for text in texts:
        found = [name for name, pattern in _TOPIC_RES.items() if text and pattern.search(text)]
        if found:
            return found
    return []
