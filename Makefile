# The two commands: `make run` and `make test`. Each sets up what it needs in .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test postgres chromium java apt bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.run

$(VENV)/.bench: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@

## run: build the knowledge base (hoptac.db here) from the bundled sample articles, print the partnerships
## and write the review dossier of the most reported one to out/
run: $(VENV)/.run
	$(BIN)/hoptac ingest --samples
	$(BIN)/hoptac query partnerships
	$(BIN)/hoptac report partnership --format html -o out/

## test: ruff and the whole test suite, with the extraction quality gate; the knowledge-base tests
## start their own PostgreSQL server, the browser tests drive Chromium and the Spark tests need Java 17,
## so the Debian packages are installed when they are missing
test: $(VENV)/.test postgres chromium java
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest

postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v pg_ctl >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory apt PACKAGE=postgresql; \
	fi

chromium:
	@if ! command -v chromium >/dev/null 2>&1; then $(MAKE) --no-print-directory apt PACKAGE=chromium; fi

java:
	@if ! command -v java >/dev/null 2>&1 && [ -z "$$JAVA_HOME" ]; then \
	  $(MAKE) --no-print-directory apt PACKAGE=openjdk-17-jre-headless; \
	fi

# apt: install the Debian package $(PACKAGE) (as root, as in CI; else say what to run)
apt:
	@if [ "$$(id -u)" = 0 ]; then \
	  echo "installing $(PACKAGE) (apt-get install $(PACKAGE))"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PACKAGE) >/dev/null; \
	else echo "$(PACKAGE) is missing: sudo apt-get install $(PACKAGE)" >&2; exit 1; fi

## bench: extraction speed (against reading the text and underthesea's NER), knowledge-base speed
bench: $(VENV)/.bench $(VENV)/.test postgres java
	$(BIN)/python benchmarks/extract_speed.py
	$(BIN)/python benchmarks/kb_speed.py
	$(BIN)/python benchmarks/spark_speed.py

clean:
	rm -rf $(VENV) out build src/*.egg-info
