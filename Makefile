# Waypoint — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

# The embedded default: SQLite, local-memory cache, Celery tasks run in-process.
export WAYPOINT_INSECURE_DEV_KEY ?= 1

.PHONY: run test lint format setup catalogues messages migrate demo clean bench bench-serving

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP) catalogues

catalogues: $(STAMP)
	@$(PY) manage.py compile_catalogues

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(PY) manage.py seed_demo --site-url http://$(HOST):$(PORT)

run: demo
	@# Read-aloud for the demo is recorded beside the server (minutes the first time only; pages
	@# say "being prepared" until then). Without espeak-ng the log says so and pages say why.
	@mkdir -p media && echo "Recording read-aloud in the background (log: media/read-aloud.log)"
	@DEBUG=1 $(PY) manage.py generate_speech >media/read-aloud.log 2>&1 &
	@# The assistant's vectors of the demo come with it; texts changed since are embedded here.
	@DEBUG=1 $(PY) manage.py rebuild_search_index >media/assistant.log 2>&1 &
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(PY) -m pytest -n $${PYTEST_WORKERS:-auto} $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract new UI strings (needs GNU gettext; only developers adding strings run this).
messages: $(STAMP)
	$(PY) manage.py makemessages --no-obsolete --no-location $(foreach l,ar zh_Hans fa_AF nl en de it ru es uk ur,-l $(l))

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 locale/*/LC_MESSAGES/*.mo

bench: setup
	$(PY) bench/coverage_matrix.py $(BENCH_ARGS)
	$(PY) bench/glossary_marking.py
	$(PY) bench/procedure_page.py
	$(PY) bench/read_aloud.py
	$(PY) bench/search_eval.py --scale 10

# Side by side with nginx and a bare Django view; needs wrk, nginx, redis-server, PostgreSQL.
bench-serving: setup
	$(PY) bench/serving.py $(BENCH_ARGS)
