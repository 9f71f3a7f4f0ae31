# Two commands do all set-up: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint bench train docs clean chromium

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/python app.py

# The browser tests drive Debian's chromium, never a browser downloaded by playwright. As root
# (CI) it is installed; otherwise make test stops and says how, rather than skip those tests.
chromium:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	  else \
	    echo "make test needs Debian's chromium for the browser tests:" \
	      "sudo apt-get install chromium" >&2; exit 1; \
	  fi; }

# The suite includes the wheel test (marker wheel, under a minute): it builds the wheel, uses it
# from a fresh virtualenv outside the checkout. Locally: make test PYTEST_ARGS='-m "not wheel"'.
test: $(STAMP) chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Rebuild the learned scorer's weights from the labelled notes (deterministic; needs the dev extras).
train: $(STAMP)
	$(BIN)/python training/train_scorer.py

# docs/lint-rules.md is generated from the rule modules; a test fails when it is out of date.
docs: $(STAMP)
	$(BIN)/python -m assistant.lint.docs > docs/lint-rules.md

bench: $(STAMP)
	$(BIN)/python benchmarks/lint_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
