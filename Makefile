# `make run` and `make test` work on a fresh clone: they create .venv and install what is needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup browser run test test-all bench rules-check lexicons clean
# root runs apt-get itself; anyone else through sudo, where there is one
SUDO   := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first, pinned: the CPU build on these machines (other versions pull multi-GB GPU builds)
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev,ray]'
	touch $(STAMP)

setup: $(STAMP) browser

# Debian's headless Chromium and its driver, for the report's browser test (tests/test_report_browser.py);
# selenium is pointed at /usr/bin/chromedriver and downloads nothing. Without apt the test is skipped.
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then :; \
	elif command -v apt-get >/dev/null; then \
	  ( $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver ) \
	  || echo "warning: chromium could not be installed; the browser test will be skipped"; \
	else echo "warning: no apt-get to install chromium; the browser test will be skipped"; fi

run: $(STAMP)
	$(BIN)/extract run data/raw -o data/out

test: setup
	$(BIN)/python -m pytest

test-all: setup
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
