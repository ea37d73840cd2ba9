"""Shared fixtures, marker rules, and the guard that keeps fast tests free of spaCy.

Fixtures: `golden_store` (the corpus store loaded from tests/golden/corpus.nq in under a second,
no spaCy), `golden_sample_store` (the same cut to a few articles), `corpus_store` (a real ingest of corpus/, only where ingest itself is under test),
`nlp` (the real spaCy pipeline), `seed_extraction`.

Markers (setup.cfg): `model` loads the real spaCy pipeline (given automatically to every test
that uses `nlp`, `corpus_store` or `seed_extraction`; the last also gets `shared_data`); `spacy`
imports the spaCy library to build Docs by hand but loads no pipeline; `browser`, `slow`,
`shared_data`. tests/README.md says more.

The guard: a test not marked `model` that loads a spaCy pipeline fails, and so does a test marked
neither `model` nor `spacy` that imports spaCy; a run that selects no such test must not import
spaCy at all, not even while collecting (import spaCy-dependent modules inside the tests that
need them). So `pytest -m "not model and not browser"` never loads a pipeline, and
`pytest -m "not model and not browser and not spacy"` never imports spaCy.
"""

from __future__ import annotations

import importlib.abc
import itertools
import re
import shutil
import sys
import tempfile
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from kg.store.oxigraph import Store
from tests.helpers import dev_eval
from tests.helpers.golden import ingest_corpus, load_golden, load_sample, quad_lines
from tests.helpers.paths import GOLDEN_CORPUS, SEED, need_shared

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.model import Extraction

#: fixtures that load the real pipeline: a test using one is a `model` test
MODEL_FIXTURES = frozenset({"nlp", "corpus_store", "seed_extraction"})
#: fixtures that read ../shared/data (and skip without it)
SHARED_FIXTURES = frozenset({"seed_extraction", *dev_eval.FIXTURES.values()})


@pytest.fixture(scope="session")
def nlp() -> Language:
    from kg.extract import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding a real ingest of the sample corpus (built once per test session)."""
    path = tmp_path_factory.mktemp("corpus") / "store"
    ingest_corpus(path)
    return path


@pytest.fixture(scope="session")
def golden_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The corpus store as tests/golden/corpus.nq holds it (tests that write to it copy it;
    at the end of the session a changed store is an error)."""
    path = load_golden(tmp_path_factory.mktemp("golden") / "store")
    yield path
    store = Store(path, read_only=True)
    try:
        size = len(store)
    finally:
        store.close()
    expected = len(quad_lines(GOLDEN_CORPUS))
    assert size == expected, f"a test wrote to golden_store ({size} quads, not {expected}): copy it"


_DEV_EVAL: dev_eval.Background | None = None  # started once collection says it is needed


def _dev_report(name: str) -> dict[str, Any]:
    need_shared(dev_eval.GOLD[name])
    if _DEV_EVAL is not None and name in _DEV_EVAL.names:
        return _DEV_EVAL.report(name)
    return dev_eval.evaluate(name)  # not started in the background: run it here


@pytest.fixture(scope="session")
def webis_dev_report() -> dict[str, Any]:
    """`evaluate_webis(...).as_dict()` on the Webis dev editorials (computed beside the suite)."""
    return _dev_report("webis")


@pytest.fixture(scope="session")
def polnear_dev_report() -> dict[str, Any]:
    """`evaluate_polnear(...).as_dict()` on the PolNeAR dev set (computed beside the suite)."""
    return _dev_report("polnear")


@pytest.fixture(scope="session")
def golden_sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden store cut to its first few article graphs (helpers.golden.SAMPLE_ARTICLES) and
    every shared graph: for tests that work per quad or per article (formats, round trips,
    validation output) and need real data, not the whole corpus."""
    folder = tmp_path_factory.mktemp("golden-sample")
    return load_sample(folder / "store", folder)


@pytest.fixture(scope="session")
def seed_extraction(nlp: Language) -> Extraction:
    from kg.extract import extract
    from kg.ingest import read_path

    return extract(read_path(need_shared(SEED)), nlp)


# --- markers and the spaCy guard ------------------------------------------------------------------


def _spacy_imported() -> bool:
    return "spacy" in sys.modules


def _pipeline_loaded() -> bool:
    """Whether this process has loaded a spaCy pipeline (kg's loader, or a model package)."""
    loader = sys.modules.get("kg.extract.nlp")
    if loader is not None and loader._load_nlp.cache_info().currsize:
        return True
    return any(name.startswith(("en_core_web", "en_core_sci")) for name in sys.modules)


def _needs(item: pytest.Item) -> tuple[bool, bool]:
    """(may load a pipeline, may import spaCy)"""
    model = item.get_closest_marker("model") is not None
    return model, model or item.get_closest_marker("spacy") is not None


_BEFORE = pytest.StashKey[tuple[bool, bool]]()
_COLLECTED_SPACY: list[str] = []  # the test modules whose import brought spaCy in


_MARKERS = ("model", "spacy", "browser", "slow", "shared_data")
_MODULE_MARKS = re.compile(
    r"^pytestmark = (?:\[)?(pytest\.mark\.\w+(?:, pytest\.mark\.\w+)*)", re.M
)


def _deselected_whole(path: Path, markexpr: str) -> bool:
    """Whether ``-m markexpr`` deselects every test of the module at ``path`` whatever else they
    are marked, judged by its module-level ``pytestmark``: then it is not even imported, so a
    run without the spacy and model tiers imports no spaCy while collecting."""
    found = _MODULE_MARKS.search(path.read_text(encoding="utf-8"))
    if found is None:
        return False
    marks = {m.strip().removeprefix("pytest.mark.") for m in found.group(1).split(",")}
    others = [m for m in _MARKERS if m not in marks]
    for chosen in itertools.product((False, True), repeat=len(others)):
        names = marks | {m for m, on in zip(others, chosen, strict=True) if on}
        try:  # a mark expression (and, or, not, names, parentheses) reads as Python
            if eval(markexpr, {"__builtins__": {}}, {m: m in names for m in _MARKERS}):
                return False
        except Exception:  # an expression kg's markers do not cover: collect as usual
            return False
    return True


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    markexpr = config.getoption("markexpr")
    if markexpr and collection_path.suffix == ".py" and collection_path.name.startswith("test_"):
        return True if _deselected_whole(collection_path, markexpr) else None
    return None


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Generator[None, object, object]:
    before = _spacy_imported()
    result = yield
    if not before and _spacy_imported() and isinstance(collector, pytest.Module):
        _COLLECTED_SPACY.append(str(collector.path.relative_to(collector.config.rootpath)))
    return result


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if MODEL_FIXTURES & fixtures:
            item.add_marker(pytest.mark.model)
        if SHARED_FIXTURES & fixtures:
            item.add_marker(pytest.mark.shared_data)
    # the tests that read a dev-set report go last: the evaluation runs beside the others
    items.sort(key=lambda item: bool(_dev_evaluations([item])))


def _dev_evaluations(items: list[pytest.Item]) -> list[str]:
    """The dev-set evaluations the tests ``items`` read (whose gold is here)."""
    wanted = {fx for item in items for fx in getattr(item, "fixturenames", ())}
    return [n for n, fx in dev_eval.FIXTURES.items() if fx in wanted and dev_eval.GOLD[n].exists()]


def pytest_collection_finish(session: pytest.Session) -> None:
    global _DEV_EVAL
    if _spacy_imported() and not any(_needs(item)[1] for item in session.items):
        where = ", ".join(_COLLECTED_SPACY) or "conftest or a plugin"
        raise pytest.UsageError(
            f"spaCy was imported while collecting {where}, but no selected test is marked "
            "`model` or `spacy`: import kg.extract (or spaCy) inside the tests that need it"
        )
    names = _dev_evaluations(session.items)
    if names and not session.config.option.collectonly:
        _DEV_EVAL = dev_eval.Background(names, Path(tempfile.mkdtemp(prefix="kg-dev-eval-")))


class _Blocker(importlib.abc.MetaPathFinder):
    """Refuses to import the modules a test is not marked for (spaCy, or a pipeline package)."""

    def __init__(self) -> None:
        self.blocked: tuple[str, ...] = ()
        self.reason = ""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if any(
            name == b or name.startswith(b + ".") or name.startswith(b + "_") for b in self.blocked
        ):
            raise ImportError(f"{name} is blocked: {self.reason}", name=name)
        return None


_BLOCKER = _Blocker()
sys.meta_path.insert(0, _BLOCKER)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    item.stash[_BEFORE] = (_pipeline_loaded(), _spacy_imported())
    may_load, may_import = _needs(item)
    if not may_import:
        _BLOCKER.blocked = ("spacy", "en_core")
        _BLOCKER.reason = "this test imports spaCy but is marked neither `model` nor `spacy`"
    elif not may_load:
        _BLOCKER.blocked = ("en_core",)
        _BLOCKER.reason = "this test loads a spaCy pipeline but is not marked `model`"


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown() -> None:
    _BLOCKER.blocked = ()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    result = yield
    # the blocker cannot stop what was imported before the test; check what it left
    pipeline_before, spacy_before = item.stash.get(_BEFORE, (True, True))
    may_load, may_import = _needs(item)
    if not may_load and not pipeline_before and _pipeline_loaded():
        pytest.fail("this test loaded a spaCy pipeline but is not marked `model`", pytrace=False)
    if not may_import and not spacy_before and _spacy_imported():
        pytest.fail(
            "this test imported spaCy but is marked neither `model` nor `spacy`", pytrace=False
        )
    return result


def pytest_sessionfinish() -> None:
    if _DEV_EVAL is not None:
        _DEV_EVAL.stop()
        shutil.rmtree(_DEV_EVAL.folder, ignore_errors=True)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if terminalreporter.config.getoption("numprocesses", None):
        # pytest-xdist: the tests ran in worker processes, each of which applied the guard
        terminalreporter.write_line("kg tests: run in worker processes, each guarded (-n)")
        return
    state = "a spaCy pipeline was loaded" if _pipeline_loaded() else "no spaCy pipeline loaded"
    imported = "spaCy imported" if _spacy_imported() else "spaCy not imported"
    terminalreporter.write_line(f"kg tests: {state}; {imported}")
