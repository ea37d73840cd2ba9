"""The analyst gold format: ``NAME.gold.json`` files and an optional ``pairs.json``.

A gold file annotates the article ``NAME.md`` (or the file its ``"file"`` field names) found
beside it or in the folder above, so ``corpus/gold/`` can annotate ``corpus/``. Claims,
not_claims and evidence are located by their text, which must occur in the article (the first
occurrence is used; annotators keep texts unique). docs/annotating.md describes the format.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.evaluate.match import Interval
from kg.model import EVIDENCE_KINDS, STANCES

GOLD_SUFFIX = ".gold.json"
PAIRS_FILE = "pairs.json"
CLAIM_KINDS = ("reported", "author")
#: The gold's actor kinds (kg's are mapped onto them by `kg.evaluate.analyst.gold_kind`).
GOLD_ACTOR_KINDS = (
    "state",
    "government body",
    "international body",
    "company",
    "organization",
    "person",
    "group",
    "anonymous",
    "model",
    "chip",
    "rule",
    "place",
)
PAIRS_HINT = '{"same_claim": [[fileA, textA, fileB, textB], ...], "contradicts": [...]}'


@dataclass(frozen=True)
class GoldClaim:
    text: str
    span: Interval
    speaker: str
    speaker_aliases: tuple[str, ...]
    kind: str  # "reported" | "author"
    stance: str
    optional: bool = False


@dataclass(frozen=True)
class GoldActor:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class GoldEvidence:
    text: str
    span: Interval
    kind: str
    supports: Interval | None  # span of the gold claim it supports


@dataclass(frozen=True)
class GoldDocument:
    """One annotated article: ``name`` is the article's file name, ``path`` where it lies."""

    name: str
    path: Path
    text: str
    claims: tuple[GoldClaim, ...]
    not_claims: tuple[Interval, ...]
    actors: tuple[GoldActor, ...]
    not_actors: tuple[str, ...]
    evidence: tuple[GoldEvidence, ...]


@dataclass(frozen=True)
class GoldPair:
    relation: str  # "same_claim" | "contradicts"
    file_a: str
    text_a: str
    file_b: str
    text_b: str


@dataclass(frozen=True)
class AnalystGold:
    root: Path
    documents: tuple[GoldDocument, ...]
    pairs: tuple[GoldPair, ...]


def _strings(value: Any, where: str, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(where, f"{what} must be a list of strings")
    return tuple(value)


def _one_of(value: Any, allowed: Sequence[str], where: str, what: str) -> str:
    if value not in allowed:
        raise InputError(where, f"{what} {value!r} is not one of: {', '.join(allowed)}")
    return str(value)


def _article_text(root: Path, name: str, where: str) -> tuple[Path, str]:
    for folder in (root, root.parent):
        path = folder / name
        if path.is_file():
            return path, path.read_text(encoding="utf-8")
    raise InputError(where, f"no article {name} beside it or in the folder above")


def read_document(path: Path) -> GoldDocument:
    """One ``NAME.gold.json`` with its article; every text must occur in the article."""
    where = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(where, f"not a readable JSON file: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(where, "a gold file holds one JSON object")
    name = data.get("file") or path.name[: -len(GOLD_SUFFIX)] + ".md"
    article, text = _article_text(path.parent, str(name), where)

    def span(s: Any, what: str) -> Interval:
        if not isinstance(s, str) or not s:
            raise InputError(where, f"{what} must be a non-empty string")
        i = text.find(s)
        if i < 0:
            raise InputError(
                where,
                f"{what} is not in {name}: {s[:60]!r}",
                hint="every text must be an exact substring of the article",
            )
        return (i, i + len(s))

    try:
        claims = tuple(
            GoldClaim(
                text=c["text"],
                span=span(c["text"], "claim text"),
                speaker=str(c["speaker"]),
                speaker_aliases=_strings(c.get("speaker_aliases", []), where, "speaker_aliases"),
                kind=_one_of(c.get("kind"), CLAIM_KINDS, where, "claim kind"),
                stance=_one_of(c.get("stance"), STANCES, where, "stance"),
                optional=bool(c.get("optional", False)),
            )
            for c in data.get("claims", [])
        )
        not_claims = tuple(span(s, "not_claim") for s in data.get("not_claims", []))
        actors = tuple(
            GoldActor(
                name=str(a["name"]),
                kind=_one_of(a.get("kind"), GOLD_ACTOR_KINDS, where, "actor kind"),
                aliases=_strings(a.get("aliases", []), where, "aliases"),
            )
            for a in data.get("actors", [])
        )
        evidence = tuple(
            GoldEvidence(
                text=e["text"],
                span=span(e["text"], "evidence text"),
                kind=_one_of(e.get("kind"), EVIDENCE_KINDS, where, "evidence kind"),
                supports=span(e["supports"], "supports") if e.get("supports") else None,
            )
            for e in data.get("evidence", [])
        )
        not_actors = _strings(data.get("not_actors", []), where, "not_actors")
    except (KeyError, TypeError) as exc:
        raise InputError(where, f"not in the analyst gold format (missing {exc})") from None
    return GoldDocument(
        name=str(name),
        path=article,
        text=text,
        claims=claims,
        not_claims=not_claims,
        actors=actors,
        not_actors=not_actors,
        evidence=evidence,
    )


def read_gold(gold_dir: str | Path) -> AnalystGold:
    """Every ``*.gold.json`` in ``gold_dir`` (sorted) and its ``pairs.json`` if there is one."""
    root = Path(gold_dir)
    if not root.is_dir():
        raise InputError(str(root), "not a folder")
    files = sorted(p for p in root.iterdir() if p.name.endswith(GOLD_SUFFIX))
    if not files:
        raise InputError(
            str(root),
            f"no *{GOLD_SUFFIX} files",
            hint="expected NAME.gold.json beside NAME.md (see docs/annotating.md)",
        )
    documents = tuple(read_document(p) for p in files)
    pairs: list[GoldPair] = []
    pairs_path = root / PAIRS_FILE
    if pairs_path.is_file():
        try:
            data = json.loads(pairs_path.read_text(encoding="utf-8"))
            for relation in ("same_claim", "contradicts"):
                for row in data.get(relation, []):
                    fa, ta, fb, tb = (str(x) for x in row)
                    pairs.append(GoldPair(relation, fa, ta, fb, tb))
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            raise InputError(
                str(pairs_path), f"not a pairs file ({exc})", hint=PAIRS_HINT
            ) from None
    return AnalystGold(root, documents, tuple(pairs))
