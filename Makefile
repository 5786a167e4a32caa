# The two commands of the README's quick start. Each sets up what it needs by itself:
# a virtual environment in .venv (re-made when pyproject.toml changes) and, for the
# tests, Debian's Chromium (Playwright cannot download its own browser here).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: gallery test content lint browser setup clean messages

gallery: $(STAMP)
	$(BIN)/sincerely build
	$(BIN)/sincerely serve

test: $(STAMP) browser lint
	$(BIN)/pytest

# What a contributor runs before a pull request: the check, and the pack's bar.
content: $(STAMP)
	$(BIN)/sincerely check -W
	$(BIN)/pytest -q tests/test_content.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

setup: $(STAMP)

$(STAMP): pyproject.toml src/sincerely/__init__.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Root installs directly (this project's machines and CI); elsewhere through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The browser tests drive Debian's Chromium; the Word tests open documents in LibreOffice.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium and LibreOffice Writer for the tests..."; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium libreoffice-writer-nogui >/dev/null; }

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache

# After changing a string of the theme: extract every string into the template, then
# bring each language's catalog up to date (new strings arrive empty: translate them;
# a build warns of each one still missing). See src/sincerely/i18n.py.
LANGUAGES := fr de es
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k plural_forms:1,2 --add-location=file --sort-output \
	  --project=sincerely --copyright-holder="The sincerely developers" \
	  -o layouts/locale/messages.pot .
	for lang in $(LANGUAGES); do \
	  $(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i layouts/locale/messages.pot \
	    -o layouts/locale/$$lang.po -l $$lang; \
	done
