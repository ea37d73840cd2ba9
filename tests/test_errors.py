"""The error tree (kg.errors): one code per class, a docstring each, no bare KGError raised,
library hints that name no command-line option, CLI hints only for codes that exist."""

from __future__ import annotations

import ast
import inspect
import re

from kg import errors
from kg.cli.app import CLI_HINTS
from tests.helpers.paths import ROOT


def _classes() -> list[type[errors.KGError]]:
    return [
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, errors.KGError)
    ]


def _subclasses(cls: type[errors.KGError]) -> list[type[errors.KGError]]:
    out = []
    for sub in cls.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out


def test_every_error_class_is_in_kg_errors_with_its_own_code_and_a_docstring() -> None:
    classes = _classes()
    assert len(classes) >= 25
    assert set(_subclasses(errors.KGError)) <= set(classes), "an error class outside kg.errors"
    codes = [cls.code for cls in classes]
    assert len(set(codes)) == len(codes), sorted(codes)
    assert all(re.fullmatch(r"E\d{3}", c) for c in codes)
    for cls in classes:
        assert cls.__doc__ and cls.__doc__.strip(), f"{cls.__name__} has no docstring"
        assert "code" in vars(cls), f"{cls.__name__} inherits its code"


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def test_no_module_raises_a_bare_kgerror_or_defines_an_error() -> None:
    sources = sorted((ROOT / "kg").rglob("*.py"))
    assert len(sources) > 40
    bare, defined = [], []
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT)
        bare += [f"{where}:{c.lineno}" for c in _calls(tree) if _name(c.func) == "KGError"]
        if path.name != "errors.py":
            defined += [
                f"{where}:{node.lineno}"
                for node in ast.walk(tree)
                if isinstance(node, ast.ClassDef)
                and any(_name(base).endswith(("Error", "Timeout", "Large")) for base in node.bases)
            ]
    assert bare == [], "raise a specific class from kg.errors"
    assert defined == [], "error classes belong in kg/errors.py"


def test_library_hints_name_no_command_line_option() -> None:
    """A hint= given to an error outside kg/cli names no `--flag`: the CLI adds those."""
    found = []
    for path in sorted((ROOT / "kg").rglob("*.py")):
        if "cli" in path.relative_to(ROOT / "kg").parts:
            continue
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            for kw in call.keywords:
                if kw.arg == "hint":
                    text = ast.unparse(kw.value)
                    if re.search(r"--[a-z]", text) or "`kg " in text:
                        found.append(f"{path.relative_to(ROOT)}:{call.lineno}: {text}")
    assert found == []


def test_cli_hints_are_for_codes_that_exist() -> None:
    codes = {cls.code for cls in _classes()}
    assert set(CLI_HINTS) <= codes
    assert errors.EncodingError.code in CLI_HINTS and "--encoding" in CLI_HINTS["E101"]
