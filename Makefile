# One entry point for people and CI. `make run` and `make test` install what they need first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
N ?= 2

.PHONY: install run test test-fast lint refresh verify bench clean serve-replicas handout

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: install  ## start the dashboard on http://127.0.0.1:$(PORT)
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

test: install  ## the whole suite: unit, AppTest and real-browser tests
	$(PY) -m pytest -q

lint: install  ## ruff (format and lint) and mypy on the packages; CI runs it before the tests
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test-fast: install  ## everything but the real-browser tests
	$(PY) -m pytest -q -m "not browser"

refresh: install  ## rebuild data/snapshot from ../shared/data/raw (or RAW=dir)
	$(PY) -m loaders refresh $(if $(RAW),--raw $(RAW),)

verify: install
	$(PY) -m loaders verify

serve-replicas: install  ## N Streamlit processes behind nginx (apt-get install nginx) on http://127.0.0.1:$(PORT)
	$(PY) -m deploy.serve_replicas --replicas $(N) --port $(PORT)

handout: install  ## the shipped deck as one offline HTML file (DECK=..., OUT=...)
	$(PY) -m deck html $(or $(DECK),data/decks/pressure-on-taiwan.yaml) --out $(or $(OUT),handout.html)

bench: install  ## benchmarks: ratios against a bare Streamlit app, measured in one run
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache bench/out
