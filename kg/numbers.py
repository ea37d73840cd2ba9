"""Numbers and product names among a claim's words.

Two claims that state different numbers ("by 30 percent" / "by 10 percent") are two claims
(kg.links.similarity, and per frame kg.extract.frames). A word with a digit is not always a
number, though: "H20", "H100", "R1", "V3", "GPT-4", "Qwen2.5" name chips and models. Such a
name is letters first, then the digits; it is compared as a name, not as a number. A word
whose letters mark a time ("Q3", "FY2024", "mid-2025", "H1" of a year) stays a number, and so
does a word that starts with a digit ("7-nanometer", "5g", "10x").
"""

from __future__ import annotations

import re

_NAME = re.compile(r"([a-z]+)-?[0-9][a-z0-9.-]*")
_YEAR = re.compile(r"(19|20)[0-9]{2}")
#: letters before digits that make a time, not a name ("q3", "fy2024", "mid-2025")
_TIME_PREFIXES = frozenset({"q", "fy", "cy", "mid", "pre", "post", "late", "early", "h"})
#: "h" is a half-year only with its number ("H1 2025"): "h20", "h100" are chips
_HALVES = frozenset({"1", "2"})


def is_name(word: str) -> bool:
    """Whether a lowercase word with a digit names a product or model ("h20", "gpt-4")."""
    match = _NAME.fullmatch(word)
    if match is None:
        return False
    prefix = match.group(1)
    digits = word[len(prefix) :].lstrip("-")
    if _YEAR.fullmatch(digits):
        return False  # "mid-2025", "fy2024"
    if prefix == "h":
        return digits not in _HALVES
    return prefix not in _TIME_PREFIXES


def has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)
