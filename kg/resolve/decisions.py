"""Analyst decisions on actor identity (`kg merge`, `kg split`), applied on every ingest."""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DecisionsError


@dataclass(frozen=True)
class Merge:
    """An analyst's decision that actor ``actor`` is ``into`` (labelled ``label``, of ``kind``)."""

    actor: str
    into: str
    label: str
    kind: str
    note: str = ""
    date: str = ""


@dataclass(frozen=True)
class Decisions:
    """Analyst decisions on actor identity, kept beside the store and applied on every ingest.

    ``merges`` map an actor id to the id it is the same as; ``distinct`` pairs must never be
    merged automatically (``kg split``). The file is plain TOML that can be kept under version
    control (see `kg.settings`).
    """

    merges: tuple[Merge, ...] = ()
    distinct: tuple[tuple[str, str], ...] = ()
    path: str = ""

    @classmethod
    def load(cls, path: Path | str) -> Decisions:
        """The decisions recorded in a TOML file (none when the file does not exist yet)."""
        target = Path(path)
        if not target.exists():
            return cls(path=str(target))
        try:
            data = tomllib.loads(target.read_text(encoding="utf-8"))
            merges = tuple(
                Merge(
                    m["actor"],
                    m["into"],
                    m["label"],
                    m["kind"],
                    m.get("note", ""),
                    m.get("date", ""),
                )
                for m in data.get("merge", [])
            )
            distinct = tuple(
                (str(d["actors"][0]), str(d["actors"][1])) for d in data.get("distinct", [])
            )
        except (tomllib.TOMLDecodeError, KeyError, IndexError, TypeError) as exc:
            raise DecisionsError(
                f"decisions file {target} is not valid: {exc}",
                hint="fix it by hand or restore it from version control",
            ) from None
        return cls(merges=merges, distinct=distinct, path=str(target))

    def target(self, actor_id: str) -> Merge | None:
        """The merge that applies to ``actor_id``, following chains (a -> b -> c gives c)."""
        by_actor = {m.actor: m for m in self.merges}
        found: Merge | None = None
        seen = {actor_id}
        while actor_id in by_actor:
            found = by_actor[actor_id]
            actor_id = found.into
            if actor_id in seen:
                break
            seen.add(actor_id)
        return found

    def union(self, other: Decisions) -> Decisions:
        """These decisions with ``other``'s on top: for one actor or pair, ``other`` wins."""
        theirs = {m.actor for m in other.merges}
        apart = {frozenset(p) for p in other.distinct}
        pairs = apart | {frozenset((m.actor, m.into)) for m in other.merges}
        mine = (
            m
            for m in self.merges
            if m.actor not in theirs and frozenset((m.actor, m.into)) not in apart
        )
        return Decisions(
            merges=(*mine, *other.merges),
            distinct=(
                *(p for p in self.distinct if frozenset(p) not in pairs),
                *other.distinct,
            ),
            path=other.path or self.path,
        )

    def save(self, path: Path | str) -> None:
        """Write the decisions to ``path`` (atomically: a crash leaves the old file whole)."""
        target = Path(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".part")
            tmp.write_text(self.to_toml(), encoding="utf-8")
            os.replace(tmp, target)
        except OSError as exc:
            raise DecisionsError(
                f"cannot write the decisions file {target}: {exc.strerror or exc}"
            ) from None

    def kept_apart(self, a: str, b: str) -> bool:
        return (a, b) in self.distinct or (b, a) in self.distinct

    def to_toml(self) -> str:
        def q(s: str) -> str:
            return json.dumps(s, ensure_ascii=False)

        lines = [
            "# Analyst decisions on actor identity, written by `kg merge` and `kg split`.",
            "# Every ingest applies them; keep this file under version control.",
        ]
        for m in self.merges:
            lines += ["", "[[merge]]", f"actor = {q(m.actor)}", f"into = {q(m.into)}"]
            lines += [f"label = {q(m.label)}", f"kind = {q(m.kind)}"]
            lines += [f"note = {q(m.note)}", f"date = {q(m.date)}"]
        for a, b in self.distinct:
            lines += ["", "[[distinct]]", f"actors = [{q(a)}, {q(b)}]"]
        return "\n".join(lines) + "\n"
