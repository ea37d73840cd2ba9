"""The learned unit model (kg.extract.unit_model) and its trainer (kg.extract.unit_train):
deterministic training, shipped weights, and the model's reading of sentences written here."""

from __future__ import annotations

import configparser
import json
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kg.extract.unit_model import MODEL_FILE, UnitModel, load_unit_model
from kg.extract.unit_train import Example, Options, fit, read_units, weights_hash

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[2]

# hand-made feature sets: two kinds of unit that differ in tense and subject
_STORY = ("past", "subj_indefinite", "ent=DATE", "w=ship")
_VIEW = ("not_past", "modal", "aux=should", "w=rule")


def _examples(n: int) -> list[Example]:
    out = []
    for i in range(n):
        out.append(Example(f"d{i}", "anecdote", "", (*_STORY, f"w=x{i % 3}")))
        out.append(Example(f"d{i}", "assumption", "", (*_VIEW, f"w=x{i % 3}")))
    return out


def test_training_is_deterministic() -> None:
    a = fit(_examples(6), Options(steps=50))
    b = fit(_examples(6), Options(steps=50))
    assert a.to_json() == b.to_json()
    assert weights_hash(a) == weights_hash(b)


def test_other_data_gives_other_weights() -> None:
    a = fit(_examples(6), Options(steps=50))
    b = fit(_examples(5), Options(steps=50))
    assert weights_hash(a) != weights_hash(b)


def test_trained_weights_separate_the_two_kinds() -> None:
    model = fit(_examples(6), Options(steps=200))
    assert model.score(list(_STORY)) > 0.8
    assert model.score(list(_VIEW)) < 0.2
    assert model.weights["past"] > 0 > model.weights["modal"]


def test_weights_round_trip_through_json() -> None:
    model = fit(_examples(4), Options(steps=20))
    again = UnitModel.from_json(model.to_json())
    assert again == model


def test_package_data_holds_the_weights() -> None:
    text = resources.files("kg.extract").joinpath("models", MODEL_FILE).read_text("utf-8")
    model = load_unit_model()
    assert len(model.weights) > 100 and 0 < model.threshold < 1
    assert json.loads(text)["meta"]["trained_on"].startswith("train/units")
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    assert "extract/models/*.json" in cfg["options.package_data"]["kg"]


def test_training_set_is_project_written_and_sized() -> None:
    paras = read_units(ROOT / "train" / "units")
    labels = Counter(label for _, units in paras for label, _ in units)
    assert sum(labels.values()) >= 400
    assert set(labels) <= {
        "assumption",
        "anecdote",
        "statistics",
        "testimony",
        "common-ground",
        "other",
    }
    assert labels["anecdote"] >= 100 and labels["assumption"] >= 200
    readme = (ROOT / "train" / "units" / "README.md").read_text(encoding="utf-8")
    assert "project" in readme.lower()


@pytest.mark.model
def test_shipped_weights_rebuild_from_the_training_set(nlp: Language) -> None:
    from kg.extract.unit_train import featurise

    examples = featurise(read_units(ROOT / "train" / "units"), nlp)
    shipped = load_unit_model()
    rebuilt = fit(examples, Options(threshold=shipped.threshold))
    assert rebuilt.weights == shipped.weights and rebuilt.bias == shipped.bias


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "anecdote"),
    [
        ("Last winter a cargo pilot flew a crate of servers to Dubai and landed after dark.", True),
        ("A young analyst in Seoul walked into the office, opened the file and froze.", True),
        ("Lawmakers should fund the agency before they write another rule.", False),
        ("Open research is worth more to the public than any single patent.", False),
    ],
)
def test_loaded_model_reads_clear_cases(nlp: Language, text: str, anecdote: bool) -> None:
    model = load_unit_model()
    p = model.probability(nlp(text)[:])
    assert (p >= 0.5) is anecdote, p


@pytest.mark.model
def test_narrated_speech_stays_an_example_whatever_the_model_says(nlp: Language) -> None:
    from kg.extract import clauses

    doc = nlp("Senator Ada Quill argued in 2023 that the rule was a mistake.")
    span = doc[:]
    assert clauses._example(span, clauses.clause_root(span)) == "example~"
    # the model reads it as a claim (a judgement) ...
    assert load_unit_model().probability(span) < (clauses.DEMOTE or 0.0)
    # ... but is not asked about narration of what someone said
    assert clauses._learned(span, "example~") == "example"
