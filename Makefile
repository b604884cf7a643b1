# Two entry points for a fresh machine with python3 and make: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared
SEED   := $(SHARED)/seeds/003_5427bc860031b65b.txt
DEMO   := $(if $(wildcard $(SEED)),$(SEED),fixtures/demo/input.txt)

.PHONY: demo test lint typecheck unit wheel-check eval fuzz bench bench-big clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

## demo: repair the bundled example (seed 003 when ../shared is present) and explain every change
demo: $(STAMP)
	@echo "== normalize check $(DEMO)  (every change, with rule, entity, confidence, evidence)"
	@$(BIN)/normalize check $(DEMO) || test $$? -eq 1  # exit 1 means: changes found
	@echo
	@echo "== normalize fix --diff $(DEMO)"
	@$(BIN)/normalize fix --diff --quiet $(DEMO)
	@if [ -f $(SHARED)/gold/seed003.yaml ]; then \
	  echo; echo "== normalize eval $(SHARED)/gold/seed003.yaml"; \
	  $(BIN)/normalize eval $(SHARED)/gold/seed003.yaml | tail -n 1; fi

## test: lint, type-check, the whole test suite, and a non-editable wheel install
test: lint typecheck unit wheel-check

lint: $(STAMP)
	$(BIN)/ruff check normalize tests tools fuzz benchmarks conftest.py
	$(BIN)/ruff format --check normalize tests tools fuzz benchmarks conftest.py

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q

wheel-check: $(STAMP)
	$(BIN)/python tools/wheel_check.py

## eval: seed gold, the WMT dev scorer (when $(SHARED)/wmt-dev exists), clean-text rates, and
## the generated set (tools/gen_readings.py, into $(GEN), then `normalize eval` on each folder)
GEN ?= build/gen-readings
eval: $(STAMP)
	$(BIN)/normalize eval $(SHARED)/gold/seed003.yaml
	@if [ -f $(SHARED)/wmt-dev/score_wmt.py ]; then \
	  PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/python $(SHARED)/wmt-dev/score_wmt.py -j 2 | tail -n 1; fi
	$(BIN)/python -m tools.clean_rates --shared $(SHARED)
	$(BIN)/python -m tools.gen_readings $(GEN) --shared $(SHARED) --eval

## fuzz: coverage-guided fuzzing (atheris) of the engine, the lexicon loader, batch records and
## idempotence on lexicon-built documents, FUZZ_SECONDS each
FUZZ_SECONDS ?= 60
FUZZ_DIR     := .cache/fuzz
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[fuzz]'
	@mkdir -p $(FUZZ_DIR)/engine $(FUZZ_DIR)/loader $(FUZZ_DIR)/batch $(FUZZ_DIR)/idempotence $(FUZZ_DIR)/crashes
	@cp -n normalize/_lexicons/*.yaml $(FUZZ_DIR)/loader/ 2>/dev/null || true
	$(BIN)/python fuzz/fuzz_engine.py -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	  -artifact_prefix=$(FUZZ_DIR)/crashes/engine- $(FUZZ_DIR)/engine
	$(BIN)/python fuzz/fuzz_loader.py -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	  -artifact_prefix=$(FUZZ_DIR)/crashes/loader- $(FUZZ_DIR)/loader
	@printf '%s\n' '{"id": 1, "text": "In Libya, haftal said."}' > $(FUZZ_DIR)/batch/seed.jsonl
	$(BIN)/python fuzz/fuzz_batch.py -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	  -artifact_prefix=$(FUZZ_DIR)/crashes/batch- $(FUZZ_DIR)/batch
	$(BIN)/python fuzz/fuzz_idempotence.py -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	  -rss_limit_mb=2048 -artifact_prefix=$(FUZZ_DIR)/crashes/idempotence- $(FUZZ_DIR)/idempotence

## bench: throughput, scaling, start-up and memory vs codespell (BENCH_MB=50; prints a table)
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

## bench-big: `normalize batch` peak memory on generated JSONL of 0.1 and 1 GB (BIG_GB=1)
bench-big: $(STAMP)
	$(BIN)/python -m benchmarks.big_batch

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
