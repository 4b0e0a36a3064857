# Two commands for a newcomer: `make run` and `make test`. Both create .venv when needed and
# check the system libraries Qt needs (scripts/system-deps installs them on Debian/Ubuntu).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: install system-deps run test bench lint screenshots translations clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# What the app and the tests need from the system (run it alone to see what is missing).
system-deps: install
	scripts/system-deps test --venv $(VENV)

run: install
	scripts/system-deps run --venv $(VENV)
	$(VENV)/bin/cati demo --if-empty
	$(VENV)/bin/cati

test: install
	scripts/system-deps test --venv $(VENV)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: install
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/bench -o addopts="" --benchmark-only --benchmark-columns=min,median,max,rounds

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Refresh the .ts files from the sources (new strings appear untranslated: translate them in
# resources/translations/AREA_ru.ts), then compile them to the .qm files the app loads.
translations: install
	VENV_BIN=$(VENV)/bin resources/translations/update.sh

# PNGs of every main screen, rendered offscreen on a scratch demo database (the README's).
screenshots: install
	scripts/system-deps run --venv $(VENV)
	QT_QPA_PLATFORM=offscreen $(PY) -m cati.ui.screenshots docs/screenshots

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
