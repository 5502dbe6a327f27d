# `make run` and `make test` work on a fresh clone: they create .venv and install what is needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-all bench rules-check lexicons clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first, pinned: the CPU build on these machines (other versions pull multi-GB GPU builds)
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/extract run data/raw -o data/out

test: $(STAMP)
	$(BIN)/python -m pytest

test-all: $(STAMP)
	$(BIN)/python -m pytest --slow

rules-check: $(STAMP)
	$(BIN)/extract rules check

bench: $(STAMP)
	$(BIN)/python bench/run_bench.py

lexicons: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[lexicons]'
	$(BIN)/python scripts/build_lexicons.py

clean:
	rm -rf $(VENV) data/out build *.egg-info
