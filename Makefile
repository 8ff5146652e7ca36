# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
# The venv is rebuilt only when pyproject.toml changes (the stamp file), so re-runs are quick.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= corpus/

.PHONY: run test lint bootstrap system-deps bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

bootstrap: $(STAMP)

# tmux drives the end-to-end test in a real terminal; install it when missing (Debian, as root or with sudo).
system-deps:
	@command -v tmux >/dev/null 2>&1 || { \
	  echo "installing tmux (needed by the end-to-end test)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq tmux >/dev/null || \
	  echo "warning: could not install tmux; the end-to-end test will be skipped"; }

run: $(STAMP)
	$(BIN)/yuelan $(CORPUS)

# ruff and mypy (strict on tui/) first: a finding fails the run before the tests start
lint: $(STAMP)
	$(BIN)/ruff check tui tests benchmarks tools
	$(BIN)/mypy

test: $(STAMP) system-deps lint
	$(BIN)/python -m pytest -q

# Benchmarks are not part of `make test`; they need ../shared/data and ripgrep/fzf.
bench: $(STAMP)
	@command -v rg >/dev/null 2>&1 && command -v fzf >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq ripgrep fzf >/dev/null; }
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/eval_ingest.py
	$(BIN)/python benchmarks/bench_annotate.py
	$(BIN)/python benchmarks/eval_entities.py
	$(BIN)/python benchmarks/bench_search.py
	$(BIN)/python benchmarks/bench_ui.py

clean:
	rm -rf $(VENV) build *.egg-info
