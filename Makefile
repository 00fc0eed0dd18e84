# Two entry points: `make demo` and `make test`. Both build the venv they need.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test docs lint bench clean chromium redis

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP) chromium
	$(BIN)/monitor demo

test: $(STAMP) chromium redis
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n 2 -q

# docs/cli.md, the command reference, is generated from the click commands (tests/test_docs.py
# fails when it is stale).
docs: $(STAMP)
	$(BIN)/python docs/cli_reference.py

# The HTML report's tests drive Debian's chromium (never a downloaded browser build). Installed
# here when missing (we run as root); without apt-get those tests skip and say why.
chromium:
	@command -v chromium >/dev/null || { \
	  if command -v apt-get >/dev/null; then \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	      || echo "could not install chromium (not root?): the browser tests will skip"; \
	  else \
	    echo "apt-get is not available: install chromium to run the browser tests (they skip)"; \
	  fi; }

# The distributed-crawl tests start their own Debian redis-server on a loopback port.
redis:
	@command -v redis-server >/dev/null || { \
	  if command -v apt-get >/dev/null; then \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; } \
	      || echo "could not install redis-server (not root?): the cluster tests will skip"; \
	  else \
	    echo "apt-get is not available: install redis-server to run the cluster tests (they skip)"; \
	  fi; }

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
