# The Hour of Code site. `make html` builds every language; `make test` runs every test.
# Everything runs from .venv, created on first use from the pinned constraints.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
CONSTRAINTS := requirements/constraints.txt
LANGS ?=
SPHINXOPTS ?=
BUILDDIR := _build

.PHONY: help html test fuzz lint gettext update-po stats check serve bench linkcheck clean lock venv chromium import-site

help:
	@echo "make html     build every language into $(BUILDDIR)/html/<lang>/ (LANGS=fr for one)"
	@echo "make test     run the whole test suite (unit, builds, browser, links, lint)"
	@echo "make fuzz     property tests with fresh random examples (make test's are fixed)"
	@echo "make lint     ruff, mypy and sphinx-lint"
	@echo "make gettext  POT templates; make update-po merges them into locale/<lang>/"
	@echo "make stats    translation status; make check: translation QA (CI-ready)"
	@echo "make serve    live preview of one language (LANGS=fr) at http://127.0.0.1:8000"
	@echo "make bench    build-time benchmarks into BENCHMARKS.md (about 40 minutes)"
	@echo "make import-site SRC=path/to/hourofcode.com   import a whole Pegasus site"
	@echo "make clean    remove $(BUILDDIR)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --constraint $(CONSTRAINTS) --editable .
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.site-installed
	$(BIN)/python -m pip install --quiet --constraint $(CONSTRAINTS) --editable '.[test,lint]'
	@touch $@

venv: $(VENV)/.dev-installed

html: $(VENV)/.site-installed
	$(BIN)/hoc build --builddir $(BUILDDIR) $(if $(LANGS),--lang $(LANGS)) $(if $(SPHINXOPTS),--sphinxopts "$(SPHINXOPTS)")

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check _ext tests conf.py
	$(BIN)/mypy
	$(BIN)/sphinx-lint README.md source

test: $(VENV)/.dev-installed lint chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The property tests (Hypothesis) with new random examples on every run, remembered when
# they fail (.hypothesis/); `make test` draws the same examples every time.
fuzz: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -m hypothesis --hypothesis-profile=explore $(PYTEST_ARGS)

# Browser tests drive Debian's Chromium: install it when missing and this user can.
APT_PACKAGES := chromium fonts-dejavu-core fonts-noto-core
chromium:
	@if command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else echo "Chromium is missing and cannot be installed by this user: browser tests will be skipped (they fail in CI)."; exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then echo "No apt-get: install Chromium by hand for the browser tests."; exit 0; fi; \
	echo "Installing Debian's Chromium for the browser tests..."; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null

clean:
	rm -rf $(BUILDDIR)

# Refresh the pins: a fresh venv with the newest allowed versions, frozen.
lock:
	rm -rf $(BUILDDIR)/lockenv
	$(PYTHON) -m venv $(BUILDDIR)/lockenv
	$(BUILDDIR)/lockenv/bin/python -m pip install --quiet --constraint requirements/floor.txt '.[test,lint]'
	echo "# Pinned versions of everything the project installs (make lock refreshes them)." > $(CONSTRAINTS)
	$(BUILDDIR)/lockenv/bin/python -m pip freeze --exclude hoc-site >> $(CONSTRAINTS)
	@# Every pin must install on the oldest Python the project supports (3.11.0): a
	@# release that needs a newer 3.11 would break make html on such a machine.
	$(BUILDDIR)/lockenv/bin/python -m pip download --quiet --no-deps --only-binary=:all: \
		--python-version 3.11.0 --dest $(BUILDDIR)/lockenv/floor -r $(CONSTRAINTS)
	rm -rf $(BUILDDIR)/lockenv

gettext: $(VENV)/.site-installed
	$(BIN)/hoc gettext --builddir $(BUILDDIR)

update-po: gettext
	$(BIN)/hoc update-po --builddir $(BUILDDIR) $(if $(LANGS),--lang $(LANGS))

stats: gettext
	$(BIN)/hoc stats --builddir $(BUILDDIR) $(if $(LANGS),--lang $(LANGS))

# Translation QA, for translation pull requests: exits non-zero with file:line messages.
check: gettext
	$(BIN)/hoc check --builddir $(BUILDDIR) $(if $(LANGS),--lang $(LANGS))

# Live preview of one language (LANGS=fr), reloading on page, string-table and PO edits.
SERVE_PORT ?= 8000
serve: $(VENV)/.site-installed
	$(BIN)/hoc serve --builddir $(BUILDDIR) --port $(SERVE_PORT) $(if $(LANGS),--lang $(firstword $(LANGS)))

# Build-time benchmarks (about 40 minutes): builds compared in turns, medians and
# instruction counts, into BENCHMARKS.md.
bench: $(VENV)/.site-installed
	$(BIN)/hoc bench --output BENCHMARKS.md

# A whole Pegasus site (the folder holding public/, views/, i18n/) into this project:
# pages, partials, navigation, string tables, translations and old URLs, with a report.
import-site: $(VENV)/.site-installed
	@test -n "$(SRC)" || { echo "usage: make import-site SRC=path/to/pegasus/site"; exit 2; }
	$(BIN)/hoc import-site "$(SRC)" --report $(BUILDDIR)/import-report.json

# External links of the English pages (needs the network; not part of `make test`).
linkcheck: $(VENV)/.site-installed
	$(BIN)/python -m sphinx -b linkcheck -c . source $(BUILDDIR)/linkcheck -D language=en
