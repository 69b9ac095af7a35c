# The two commands of the quick start: `make run` and `make test`.
# Both create or refresh the virtual environment in .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint check-python screenshots benchmark clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "Confessional needs Python 3.12 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install it (pyenv honours .python-version) or run: make PYTHON=python3.12 ..."; \
	  exit 1; }

$(STAMP): pyproject.toml | check-python
	@test -x $(BIN)/python && $(BIN)/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' \
	  || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/confessional $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check facilitator tests benchmarks docs
	$(BIN)/ruff format --check facilitator tests benchmarks docs
	$(BIN)/mypy

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -X dev -m pytest $(PYTEST_ARGS)

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_screenshots.py

benchmark: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/load.py --phones 200 1000
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/gui_stall.py

clean:
	rm -rf $(VENV) build dist *.egg-info
