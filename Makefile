# Every target builds .venv/ from the hashed lock first (make env), so a fresh machine needs only
# Python 3.11, make and the package index.  Override CORPUS/OUT to run on your own data:
#   make report CORPUS=path/to/articles OUT=path/to/reports
# `make help` lists the targets (the `## ` comment after each one).
SHELL := /bin/bash
.DELETE_ON_ERROR:
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
# a local PolNeAR checkout (only its data/train is read): make train-attribution, make bench
POLNEAR ?=
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
NAMES := $(notdir $(basename $(NOTEBOOKS)))
REPORTS := $(addprefix $(OUT)/,$(addsuffix .html,$(NAMES)))
# what a report depends on besides its notebook: the package, the corpus and the parameters
PACKAGE := $(shell find analysis -type f \( -name '*.py' -o -name '*.json' -o -name '*.txt' \) \
	-not -path '*/__pycache__/*' | sort)
CORPUS_FILES := $(shell if [ -d "$(CORPUS)" ]; then find "$(CORPUS)" -type f -not -name '.*' | sort; \
	elif [ -f "$(CORPUS)" ]; then echo "$(CORPUS)"; fi)
PARAMETERS := corpus=$(CORPUS) out=$(OUT) model=$(MODEL) skip_bad=$(SKIP_BAD) encoding=$(ENCODING) \
	tables=$(TABLES)
# nbconvert: code hidden, images embedded, no MathJax/require.js from a CDN
HTML_OPTS := --to html --no-input --embed-images --TemplateExporter.extra_template_basedirs=templates \
	--template offline

.PHONY: help env report tables test unit nbval lab bench check-reports train-attribution lock \
	clean-cache FORCE
.DEFAULT_GOAL := help

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":[^#]*## "} {printf "  make %-18s %s\n", $$1, $$2}'

env: $(VENV)/.installed ## build .venv/ from requirements.lock (every other target does this first)

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

report: $(REPORTS) ## run every notebook on CORPUS into OUT/NAME.ipynb and .html (only what changed; make -j2 works)

# one notebook: execute with papermill, drop volatile metadata, render offline HTML
$(OUT)/%.html: notebooks/%.ipynb $(OUT)/.parameters $(VENV)/.installed $(PACKAGE) $(CORPUS_FILES)
	@echo "== $*"
	@$(BIN)/python -m analysis.report run notebooks/$*.ipynb "$(OUT)/$*.ipynb" \
	  corpus="$(CORPUS)" out="$(OUT)" model="$(MODEL)" skip_bad="$(SKIP_BAD)" encoding="$(ENCODING)" \
	  tables="$(TABLES)"
	@$(BIN)/python -m analysis.report clean "$(OUT)/$*.ipynb"
	@$(BIN)/jupyter nbconvert $(HTML_OPTS) "$(OUT)/$*.ipynb" --output-dir "$(OUT)" --log-level WARN

# the parameters of the last run: a report is redone when they change
$(OUT)/.parameters: FORCE
	@mkdir -p "$(OUT)"
	@echo "$(PARAMETERS)" | cmp -s - $@ || echo "$(PARAMETERS)" > $@

tables: env ## python -m analysis analyze CORPUS --out OUT/tables (Parquet, resumable); then make report TABLES=OUT/tables
	@mkdir -p "$(OUT)/tables"
	$(BIN)/python -m analysis analyze "$(CORPUS)" --out "$(OUT)/tables" --encoding "$(ENCODING)" \
	  $(if $(filter True,$(SKIP_BAD)),--skip-bad) $(if $(MODEL),--model "$(MODEL)") \
	  $(if $(PROCESSES),--processes $(PROCESSES)) --report-tables --format csv > "$(OUT)/tables/summary.csv.tmp"
	mv "$(OUT)/tables/summary.csv.tmp" "$(OUT)/tables/summary.csv"

test: env ## unit tests + nbval over reports/*.ipynb (what CI runs: .ci/run)
	$(BIN)/python -m pytest -q tests reports/*.ipynb --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

unit: env ## unit tests only
	$(BIN)/python -m pytest -q tests

nbval: env ## only check that the committed reports still reproduce
	$(BIN)/python -m pytest -q --nbval reports/*.ipynb --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

check-reports: ## load OUT/*.html in headless Chromium (network blocked): fail on wide tables, NaN/None/True/False, missing alt text, requests
	$(PYTHON) scripts/check_reports.py $(OUT)/*.html

lab: env ## JupyterLab at the project root on the same environment (reports/ and notebooks/ side by side)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root)

# speed (bench_*) and quality (score_*, pan_benchmark, readability_validity) figures, printed; the
# quality ones are kept in benchmarks/results/quality.json. train_* scripts are not benchmarks.
BENCHMARKS := $(sort $(wildcard benchmarks/bench_*.py)) $(filter-out benchmarks/score_polnear.py, \
	$(sort $(wildcard benchmarks/score_*.py))) benchmarks/pan_benchmark.py benchmarks/readability_validity.py

bench: env ## speed and quality benchmarks (POLNEAR=path adds PolNeAR); figures printed and kept in benchmarks/results/
	@set -e; for b in $(BENCHMARKS); do echo "== $$b"; $(BIN)/python "$$b"; done
	@if [ -n "$(POLNEAR)" ]; then echo "== benchmarks/score_polnear.py"; \
	  $(BIN)/python benchmarks/score_polnear.py "$(POLNEAR)"; \
	else echo "== benchmarks/score_polnear.py skipped: set POLNEAR to a PolNeAR checkout"; fi
	$(BIN)/python scripts/readme_figures.py

train-attribution: env ## retrain the attribution model on PolNeAR's train split (POLNEAR=path; seeded, reproducible)
	@test -n "$(POLNEAR)" || { echo "set POLNEAR to a local PolNeAR checkout (only data/train is read)"; exit 2; }
	$(BIN)/python benchmarks/train_attribution.py "$(POLNEAR)"

lock: $(VENV)/.installed ## re-resolve requirements.lock from requirements.in and regenerate environment.yml
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.lock requirements.in
	$(BIN)/python scripts/sync_environment.py

clean-cache: ## remove the spaCy parse cache (.cache/spacy)
	rm -rf .cache/spacy

FORCE:
