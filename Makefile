# The two commands: `make run` and `make test`. Each sets up what it needs in .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

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

## run: extract the bundled sample articles and print what they say
run: $(VENV)/.run
	mkdir -p out
	$(BIN)/hoptac extract --samples -o out/samples.jsonl --summary
	@echo "JSON Lines written to out/samples.jsonl"

## test: ruff and the whole test suite, with the extraction quality gate
test: $(VENV)/.test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest

## bench: extraction speed against reading the text and against underthesea's NER
bench: $(VENV)/.bench
	$(BIN)/python benchmarks/extract_speed.py

clean:
	rm -rf $(VENV) out build src/*.egg-info
