# Consortium: `make run` serves the demo, `make test` runs the suite (SQLite, then PostgreSQL
# when it is reachable), `make bench` prints performance figures.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := consortium
# PostgreSQL for the second test pass; unreachable means SQLite only.
PG_ADMIN_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/postgres

.PHONY: run test bench lint messages translations install clean

$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/flask db upgrade
	$(BIN)/flask demo load
	@echo "Serving on http://$(HOST):$(PORT)"
	CONSORTIUM_SCHEDULER_IN_PROCESS=1 $(BIN)/flask run --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest
	@if $(BIN)/python -m tests.pg_available "$(PG_ADMIN_URL)"; then \
		echo "== PostgreSQL pass =="; \
		CONSORTIUM_TEST_PG_ADMIN_URL="$(PG_ADMIN_URL)" $(BIN)/python -m pytest -m "not sqlite_only"; \
	else \
		echo "== PostgreSQL not reachable at $(PG_ADMIN_URL): SQLite pass only =="; \
	fi

bench: $(STAMP)
	$(BIN)/python -m bench.run

# Extract every marked string and workflow label, then merge the template into each language.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --no-wrap -o consortium/messages.pot .
	$(BIN)/pybabel update -i consortium/messages.pot -d consortium/translations --no-wrap --ignore-obsolete --no-fuzzy-matching

# Compile the catalogues the app loads (the .mo files are committed; a test checks them).
translations: $(STAMP)
	$(BIN)/pybabel compile -d consortium/translations --statistics

# ruff, then the import layers written in setup.cfg ([importlinter] sections), then the types
# of the workflows and the money module (setup.cfg [mypy]: strict)
lint: $(STAMP)
	$(BIN)/ruff check consortium workflows tests bench
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy workflows consortium/money.py

clean:
	rm -rf $(VENV) *.egg-info
