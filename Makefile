# govrules — developer tasks. GNU make; needs only python3 (with venv and pip) and make.
#
#   make demo    evaluate the example agencies against the shipped policies
#   make test    lint, type-check, build the docs and run the tests (what CI runs)
#   make clean   remove the virtual environment and everything built
#
# Every tool runs from .venv/bin, so nothing depends on an activated environment.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# The stamp records that .venv holds the package with its dev extras; it is rebuilt whenever
# pyproject.toml (the list of dependencies) changes.
STAMP  := $(VENV)/.installed
# mkdocs writes the site here (gitignored); the build is a check, the site is not kept.
SITE_DIR ?= site

.DEFAULT_GOAL := help
.PHONY: help venv .venv demo test lint typecheck unit docs clean bench scale test-deep

help:
	@echo "make demo    evaluate examples/*.yaml against policies/ (sets up .venv first)"
	@echo "make test    ruff, mypy, mkdocs build --strict and pytest (what CI runs)"
	@echo "make test-deep  the property suite (tests/properties) with many more examples"
	@echo "make venv    create or refresh .venv with the package and its dev extras"
	@echo "make clean   remove .venv, build/, dist/, site/ and tool caches"
	@echo "make bench   start-up times, then govrules against cedarpy, regopy and plain Python"
	@echo "make scale   eval-many over 10k, 100k and 1M positions (benchmarks/scale.py)"

venv .venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[dev]'
	@touch $@

# `govrules eval` exits 0 whatever the verdicts are (only --fail-on makes it exit 1), so a
# non-compliant agency does not fail the demo; bad input (exit 2) does.
demo: $(STAMP)
	$(BIN)/govrules eval policies examples/agency_complete.yaml
	@echo
	$(BIN)/govrules eval policies examples/agency_partial.yaml

# pytest runs last so that its summary line closes the output (CI reads it to count the tests).
test: lint typecheck docs unit

lint: $(STAMP)
	$(BIN)/ruff check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

# The hypothesis property suite with the `deep` profile (tests/properties/conftest.py): many
# more examples than `make test`, with fresh randomness each run. Not part of CI.
test-deep: $(STAMP)
	HYPOTHESIS_PROFILE=deep $(BIN)/pytest tests/properties -p no:cacheprovider

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

# The peers (cedarpy, regopy) are the optional `bench` extra, installed here only.
BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install -e '.[bench]'
	@touch $@

# Start-up first, so that the peer benchmark's two ratios are the last lines printed.
bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/bench.py

scale: $(STAMP)
	$(BIN)/python benchmarks/scale.py

clean:
	rm -rf $(VENV) build dist $(SITE_DIR) .pytest_cache .mypy_cache .ruff_cache
