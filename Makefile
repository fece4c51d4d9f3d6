# The two set-up commands: `make serve` (build and preview the demo hub) and `make test`.
# Each installs what it needs on a fresh machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: serve test check build lint browser-deps clean

$(BIN)/hub: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,zensical]"
	touch $@

serve: $(BIN)/hub  ## build and serve the demo hub at http://127.0.0.1:8000/
	$(BIN)/hub serve --dev-addr 127.0.0.1:8000

check: $(BIN)/hub
	$(BIN)/hub check --strict

build: $(BIN)/hub
	$(BIN)/hub build

lint: $(BIN)/hub
	$(BIN)/ruff check site_builder engines hooks tests benchmarks

browser-deps:  ## Debian's Chromium and poppler-utils (pdftoppm) for the browser tests, and axe-core + Lighthouse from npm
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }
	@command -v pdftoppm >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q poppler-utils; }
	@[ -d node_modules/axe-core ] && [ -d node_modules/lighthouse ] || npm ci --no-audit --no-fund --loglevel=error

# The site contract (URLs, leaks, escaping, feeds, CSVs, atomic build, output gate), built
# with the second engine too.
CONTRACT := tests/test_build.py tests/test_build_safety.py tests/test_feeds.py \
	tests/test_publication_safety.py tests/test_links.py tests/test_engines.py tests/adversarial

test: $(BIN)/hub browser-deps lint  ## the whole test suite, browser tests included
	$(BIN)/python -m pytest -n 2 --dist loadfile
	HUB_ENGINE=zensical $(BIN)/python -m pytest -n 2 --dist loadfile $(CONTRACT)

clean:
	rm -rf $(VENV) site node_modules .pytest_cache
