# kg: two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast golden check lint typecheck format bench clean train-units

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kg ingest corpus/ --store output/store
	$(BIN)/kg stats --store output/store
	$(BIN)/kg viz --store output/store --output output/graph.html

test: $(STAMP)
	$(BIN)/python -m pytest -q

# without the spaCy pipeline and the browser (tests/conftest.py guards it), on two processes
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 -m "not model and not browser"

# rewrite tests/golden/corpus.nq from a fresh ingest of corpus/ (review the diff)
golden: $(STAMP)
	$(BIN)/python -m tests.golden.regenerate

lint: $(STAMP)
	$(BIN)/ruff check kg tests bench train
	$(BIN)/ruff format --check kg tests bench train

format: $(STAMP)
	$(BIN)/ruff format kg tests bench train
	$(BIN)/ruff check --fix kg tests bench train

typecheck: $(STAMP)
	$(BIN)/mypy kg

# what CI runs (.ci/run): lint and format check, types, then the README's test command
check: $(STAMP)
	$(MAKE) lint
	$(MAKE) typecheck
	$(MAKE) test

# retrain the unit model's shipped weights from train/units (project-written units)
train-units: $(STAMP)
	$(BIN)/python train/train_units.py train/units --out kg/extract/models/units.json

bench: $(STAMP)
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/merge_speed.py
	$(BIN)/python bench/cli_latency.py

clean:
	rm -rf output/store output/store.ingest output/*.html .pytest_cache .mypy_cache
