# One command per chore. `make run` and `make test` set everything up first.
VENV := .venv
PY := $(VENV)/bin/python
TYOKIELI := $(VENV)/bin/tyokieli
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup setup-test run serve index test test-fast bench eval lint clean

setup:
	@bash scripts/setup.sh run

setup-test:
	@bash scripts/setup.sh test

index: setup
	$(TYOKIELI) index build

run: setup index
	$(TYOKIELI) serve

serve:
	$(TYOKIELI) serve

test: setup-test
	$(PY) -m pytest -p no:cacheprovider -n 2 --dist loadgroup -m "not llm_eval"

test-fast: setup-test
	$(PY) -m pytest -p no:cacheprovider -n 2 -m "not browser and not slow and not postgres and not llm_eval"

bench: setup-test
	$(PY) -m bench

eval: setup-test
	$(PY) -m eval

lint: setup-test
	$(VENV)/bin/ruff check finnish corpora retrieval simulations service ui tests bench eval
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .pytest_cache
