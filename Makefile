# The Hour of Code site. `make html` builds every language; `make test` runs every test.
# Everything runs from .venv, created on first use from the pinned constraints.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
CONSTRAINTS := requirements/constraints.txt
LANGS ?=
SPHINXOPTS ?=
BUILDDIR := _build

.PHONY: help html test lint serve gettext update-po stats check bench clean lock venv

help:
	@echo "make html     build every language into $(BUILDDIR)/html/<lang>/ (LANGS=fr for one)"
	@echo "make test     run the whole test suite (unit, builds, browser, links, lint)"
	@echo "make lint     ruff, mypy and sphinx-lint"
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

test: $(VENV)/.dev-installed lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(BUILDDIR)

# Refresh the pins: a fresh venv with the newest allowed versions, frozen.
lock:
	rm -rf $(BUILDDIR)/lockenv
	$(PYTHON) -m venv $(BUILDDIR)/lockenv
	$(BUILDDIR)/lockenv/bin/python -m pip install --quiet '.[test,lint]'
	$(BUILDDIR)/lockenv/bin/python -m pip freeze --exclude hoc-site > $(CONSTRAINTS)
	rm -rf $(BUILDDIR)/lockenv

gettext: $(VENV)/.site-installed
	$(BIN)/hoc gettext --builddir $(BUILDDIR)

update-po: gettext
	$(BIN)/hoc update-po --builddir $(BUILDDIR) $(if $(LANGS),--lang $(LANGS))
