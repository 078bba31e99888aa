# Two commands for a fresh machine (see README):
#   make run   - create .venv, install everything (CPU torch first), ingest corpus/, start the app
#   make test  - the same install plus test-only system packages, then the whole test suite
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STORE  ?= .policydesk
PORT   ?= 8501
EXTRAS ?= llm,test

.PHONY: install run ingest ui test test-deps clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip setuptools wheel
	# The CPU wheel of torch lies on this machine's disk; installing it first keeps pip from
	# pulling a multi-GB CUDA build as a dependency of sentence-transformers.
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e ".[$(EXTRAS)]"
	# WordNet's word knowledge (core/lexicon.py) parsed once into its cache, not on the first question.
	$(PY) -c "from policydesk.core.lexicon import prepare; prepare()"
	touch $@

install: $(VENV)/.installed

ingest: install
	$(VENV)/bin/policydesk ingest corpus --store $(STORE)

run: ingest
	$(VENV)/bin/policydesk ui --store $(STORE) --port $(PORT)

test-deps: install
	bash scripts/test-deps.sh $(VENV)

# The suite spreads over the machine's CPUs (pytest-xdist; at most 2 workers: each loads the
# model and its own session stores and grows to about 6 GB) and long tests are stolen by idle
# workers, so the gate evals of the blind packs do not queue behind each other (CI: < 30 min).
PYTEST_WORKERS ?= -n auto --maxprocesses=2 --dist worksteal

test: test-deps
	$(VENV)/bin/python -m pytest -q $(PYTEST_WORKERS)

clean:
	rm -rf $(VENV) $(STORE) runs test-artifacts
