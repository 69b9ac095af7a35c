# The two commands of the quick start: `make run` and `make test`.
# Both create or refresh the virtual environment in .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint lint-web check-python screenshots benchmark bundle bundle-test icons clean \
	translations

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
	$(BIN)/ruff check facilitator tests benchmarks docs packaging
	$(BIN)/ruff format --check facilitator tests benchmarks docs packaging
	$(BIN)/mypy

# The pages' JavaScript and CSS against the browser baseline in package.json
# (browserslist: iOS Safari 15, Chrome 90): eslint.config.mjs, stylelint.config.mjs.
# npm ci runs again only when node_modules is missing or package-lock.json changed.
NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

lint-web: $(NODE_STAMP)
	node_modules/.bin/eslint participant_web
	node_modules/.bin/stylelint "participant_web/**/*.css"

test: $(STAMP) lint lint-web
	QT_QPA_PLATFORM=offscreen $(BIN)/python -X dev -m pytest $(PYTEST_ARGS)

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_screenshots.py

benchmark: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/load.py --phones 200 1000
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/gui_stall.py

# The app as a one-folder bundle in dist/ (PyInstaller), and on Linux its archive
# dist/confessional-VERSION-linux-ARCH.tar.gz: packaging/README.md. Not part of make test.
BUNDLE_STAMP := $(VENV)/.bundle-installed

$(BUNDLE_STAMP): $(STAMP) facilitator/__init__.py
	$(BIN)/python -m pip install --quiet --quiet -e '.[dev,bundle]'
	@touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	rm -rf build/pyinstaller dist/confessional dist/Confessional.app dist/confessional-*.tar.gz
	$(BIN)/pyinstaller --noconfirm --log-level WARN --workpath build/pyinstaller \
	  --distpath dist packaging/confessional.spec
	@if [ "$$(uname -s)" = Linux ]; then $(BIN)/python packaging/linux/make_archive.py; fi

# Linux: validate the menu entry and the metainfo, install the archive into a temporary
# prefix with its install.sh, and smoke-test the installed app (packaging/smoke_test.py).
bundle-test:
	sh packaging/linux/test_archive.sh $(BIN)/python

# The console's and the slides' words (tr, translate, QT_TRANSLATE_NOOP in facilitator/ui):
# collect them into the German .ts (translate new entries in it, e.g. with Qt Linguist) and
# the English plural forms, then compile both .qm files. Not part of make test.
TS_DIR := resources/translations
UI_SOURCES = facilitator/app.py $(sort $(shell find facilitator/ui -name '*.py'))

translations: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete $(UI_SOURCES) \
	  -ts $(TS_DIR)/confessional_de.ts
	$(BIN)/pyside6-lupdate -no-obsolete -pluralonly $(UI_SOURCES) \
	  -ts $(TS_DIR)/confessional_en.ts
	$(BIN)/pyside6-lrelease $(TS_DIR)/confessional_de.ts $(TS_DIR)/confessional_en.ts

icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_icons.py

clean:
	rm -rf $(VENV) build dist *.egg-info
