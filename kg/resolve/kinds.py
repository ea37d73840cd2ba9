"""The kind of an actor from the words of its name, for names the gazetteer does not know.

The statistical NER labels every body ORG. The head of the name says more: "... Committee",
"Ministry of ..." are government bodies, "... Act", "... Initiative" are rules, "... Capital",
"... Securities" companies, "... University", "... Institute for ..." organisations.
The head is the last word, or the last word before the first "of"/"for"/"on" ("Bureau of
Industry and Security", "Center for AI Standards and Innovation"). A name whose head says
nothing keeps the kind the caller gives (from the NER label).
"""

from __future__ import annotations

import re

from kg.resolve.lexicon import words

RULE_HEADS = words("RULE_HEADS")
GOVERNMENT_HEADS = words("GOVERNMENT_HEADS")
LEGISLATURE_WORDS = words("LEGISLATURE_WORDS")
COMPANY_HEADS = words("COMPANY_HEADS")
ORGANIZATION_HEADS = words("ORGANIZATION_HEADS")
PLACE_HEADS = words("PLACE_HEADS")
EVENT_HEADS = words("EVENT_HEADS")
#: heads that make a capitalised phrase the name of some body (used to extend cut names)
ORG_HEADS = GOVERNMENT_HEADS | ORGANIZATION_HEADS | words("ORG_HEADS")

_PREP = re.compile(r"\s(?:of|for|on|to)\s", re.IGNORECASE)
#: "Executive Order 14110", "E.O. 14320", "EO 13526", "Order No. 9": an order by its number
_NUMBERED_ORDER = re.compile(r"(?:executive\s+order|e\.?\s?o\.?|order)\s*(?:no\.?\s*)?\d", re.I)


def name_head(name: str) -> str:
    """The head word of a name, lower case: the last word before 'of/for/on/to', else the last."""
    before = _PREP.split(name, maxsplit=1)[0]
    found = re.findall(r"[A-Za-z][\w’'-]*", before)
    return found[-1].lower().strip("’'") if found else ""


def kind_from_name(name: str, default: str) -> str:
    """The kind the words of ``name`` give it, else ``default``."""
    if _NUMBERED_ORDER.match(name):
        return "rule"
    tokens = {w.lower() for w in re.findall(r"[A-Za-z][\w-]*", name)}
    head = name_head(name)
    if not head:
        return default
    if head in RULE_HEADS:
        return "rule"
    if head in GOVERNMENT_HEADS or (head == "force" and "task" in tokens):
        return "government_body"
    if head in ("committee", "commission") and tokens & LEGISLATURE_WORDS:
        return "government_body"
    if head in COMPANY_HEADS or "&" in name:
        return "company"
    if head in ORGANIZATION_HEADS:
        return "organization"
    if head in PLACE_HEADS:
        return "place"
    return default


def event_name(name: str) -> bool:
    """Whether ``name`` names an event ('World Artificial Intelligence Conference')."""
    return name_head(name) in EVENT_HEADS
