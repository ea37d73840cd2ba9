"""Word lists actor identity uses, kept as data (one ``<name>.txt`` per list, one lowercase
entry a line, ``#`` comments), in the same layout as `kg.extract.lexicon` but importable
without spaCy."""

from __future__ import annotations

from importlib.resources import files


def entries(name: str) -> list[str]:
    """The entries of list ``name`` (its file ``<name>.txt``), comments dropped."""
    text = files(__name__).joinpath(f"{name.lower()}.txt").read_text(encoding="utf-8")
    return [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]


def words(name: str) -> frozenset[str]:
    return frozenset(entries(name))


def list_names() -> list[str]:
    """The names of every list kept as a file here, in upper case."""
    return sorted(
        p.name.removesuffix(".txt").upper()
        for p in files(__name__).iterdir()
        if p.name.endswith(".txt")
    )
