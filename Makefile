# The two commands of the README's quick start. Each sets up what it needs by itself:
# a virtual environment in .venv (re-made when pyproject.toml changes) and, for the
# tests, Debian's Chromium (Playwright cannot download its own browser here).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: gallery test lint browser clean

gallery: $(STAMP)
	$(BIN)/sincerely build
	$(BIN)/sincerely serve

test: $(STAMP) browser lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
