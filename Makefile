# Every target builds .venv/ from the hashed lock first (make env), so a fresh
# machine needs only Python 3.11 and make.  Override CORPUS/OUT to run on your own data:
#   make report CORPUS=path/to/articles OUT=path/to/reports
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= seeds
OUT ?= reports
MODEL ?=
SKIP_BAD ?= False
ENCODING ?= utf-8
# an `analyze --out` folder (make tables); when set, the notebooks read its Parquet tables
TABLES ?=
PROCESSES ?=
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
NAMES := $(notdir $(basename $(NOTEBOOKS)))
# nbconvert: code hidden, images embedded, no MathJax/require.js from a CDN
HTML_OPTS := --to html --no-input --embed-images --TemplateExporter.extra_template_basedirs=templates \
	--template offline

.PHONY: env report tables test unit nbval lab bench lock clean-cache help
.DEFAULT_GOAL := help

help:
	@echo "make report   run every notebook on CORPUS=$(CORPUS), write OUT=$(OUT)/NAME.ipynb and .html"
	@echo "make tables   python -m analysis analyze CORPUS --out OUT/tables (Parquet, resumable);"
	@echo "              then make report TABLES=OUT/tables makes the notebooks read those tables"
	@echo "make test     unit tests + nbval over reports/*.ipynb"
	@echo "make lab      JupyterLab on the project environment"
	@echo "make bench    speed and quality benchmarks (prints figures)"
	@echo "make env      only build $(VENV)/ from requirements.lock"

env: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

report: env
	@mkdir -p "$(OUT)"
	@set -e; for name in $(NAMES); do \
	  echo "== $$name"; \
	  $(BIN)/papermill --no-progress-bar --log-level WARNING --kernel python3 notebooks/$$name.ipynb "$(OUT)/$$name.ipynb" \
	    -p corpus "$(CORPUS)" -p out "$(OUT)" -p model "$(MODEL)" \
	    -p skip_bad $(SKIP_BAD) -p encoding "$(ENCODING)" -p tables "$(TABLES)"; \
	  $(BIN)/python -m analysis.report clean "$(OUT)/$$name.ipynb"; \
	  $(BIN)/jupyter nbconvert $(HTML_OPTS) "$(OUT)/$$name.ipynb" --output-dir "$(OUT)" --log-level WARN; \
	done

tables: env
	@mkdir -p "$(OUT)/tables"
	$(BIN)/python -m analysis analyze "$(CORPUS)" --out "$(OUT)/tables" --encoding "$(ENCODING)" \
	  $(if $(filter True,$(SKIP_BAD)),--skip-bad) $(if $(MODEL),--model "$(MODEL)") \
	  $(if $(PROCESSES),--processes $(PROCESSES)) --format csv > "$(OUT)/tables/summary.csv.tmp"
	mv "$(OUT)/tables/summary.csv.tmp" "$(OUT)/tables/summary.csv"

unit: env
	$(BIN)/python -m pytest -q tests

nbval: env
	$(BIN)/python -m pytest -q --nbval reports/*.ipynb --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

test: env
	$(BIN)/python -m pytest -q tests reports/*.ipynb --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

lab: env
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

# speed (bench_*) and quality (score_*, pan_benchmark, readability_validity) figures, printed;
# train_syllable_estimator.py is not a benchmark (it regenerates analysis/data/syllable_estimator.json)
BENCHMARKS := $(sort $(wildcard benchmarks/bench_*.py)) $(sort $(wildcard benchmarks/score_*.py)) \
	benchmarks/pan_benchmark.py benchmarks/readability_validity.py

bench: env
	@set -e; for b in $(BENCHMARKS); do echo "== $$b"; $(BIN)/python "$$b"; done

lock: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.lock requirements.in
	$(BIN)/python scripts/sync_environment.py

clean-cache:
	rm -rf .cache/spacy
