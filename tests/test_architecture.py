"""The layout holds: each third-party library stays in the package that owns it, spaCy is never
loaded outside kg/extract/, and no two modules import each other (directly or in a ring)."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from tests.helpers.paths import ROOT

KG = ROOT / "kg"

#: which package (or module) may import each library
OWNERS = {
    "spacy": ("kg/extract/",),
    "thinc": ("kg/extract/",),
    "pyoxigraph": ("kg/store/oxigraph.py",),
    "click": ("kg/cli/",),
    "rich": ("kg/cli/",),
    "pyvis": ("kg/viz/",),
    "rdflib": ("kg/rdf/", "kg/store/transfer.py"),
    "pyshacl": ("kg/rdf/",),
    "distributed": ("kg/cluster.py",),
    "dask": ("kg/cluster.py",),
}


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(KG.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports(path: Path, name: str, known: dict[str, Path]) -> Iterator[str]:
    """Every module ``path`` imports, at any depth of the file (lazy imports included)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            for alias in node.names:  # `from kg.cli import actors` imports the module kg.cli.actors
                if f"{base}.{alias.name}" in known:
                    yield f"{base}.{alias.name}"


def test_third_party_libraries_stay_in_their_packages() -> None:
    known = modules()
    wrong = []
    for name, path in known.items():
        rel = path.relative_to(ROOT).as_posix()
        for imported in imports(path, name, known):
            lib = imported.split(".")[0]
            owners = OWNERS.get(lib)
            if owners and not rel.startswith(owners):
                wrong.append(f"{rel} imports {imported} (only {', '.join(owners)} may)")
    assert wrong == []


def test_no_import_cycles_between_modules() -> None:
    known = modules()
    graph = nx.DiGraph()
    for name, path in known.items():
        graph.add_node(name)
        for imported in imports(path, name, known):
            # importing a package runs its __init__; a submodule's own package is not a cycle
            if imported in known and imported != name and not name.startswith(imported + "."):
                graph.add_edge(name, imported)
    cycles = [c for c in nx.simple_cycles(graph) if len(c) > 1]
    assert cycles == [], cycles[:5]


BLOCK_SPACY = """
import importlib, pkgutil, sys

class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("spacy", "thinc"):
            raise ImportError(f"{name} is blocked: only kg.extract may load spaCy")
        return None

sys.meta_path.insert(0, Blocker())
import kg
loaded = []
for info in pkgutil.walk_packages(kg.__path__, "kg."):
    if info.name in ("kg.extract", "kg.__main__") or info.name.startswith("kg.extract."):
        continue
    importlib.import_module(info.name)
    loaded.append(info.name)
assert "spacy" not in sys.modules
print(len(loaded))
"""


def test_every_module_outside_extract_imports_without_spacy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_SPACY], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.split()[-1]) >= 40  # the walk really imported the package
