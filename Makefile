# The whole set-up on a fresh machine is `make run`; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST_PORT := 127.0.0.1:8000

.PHONY: run test lint format serve bench bench-proxy install install-test clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py prepare_site
	$(PY) manage.py runserver $(HOST_PORT)

test: install-test
	$(BIN)/pytest

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Production settings under gunicorn on loopback, for benchmarks and load tests.
serve: install
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$${SECRET_KEY:-local-serve-only} \
	SECURE_SSL_REDIRECT=false $(PY) manage.py collectstatic --noinput --verbosity 0
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$${SECRET_KEY:-local-serve-only} \
	SECURE_SSL_REDIRECT=false $(BIN)/gunicorn config.wsgi --bind $(HOST_PORT) --workers 2 --access-logfile -

# Search latency (p50/p95) on generated content; SESSIONS=10000 by default, DATABASE_URL for PostgreSQL.
SESSIONS ?= 10000
bench: install
	$(PY) bench/search_bench.py --sessions $(SESSIONS)

# Varnish (deploy/varnish/default.vcl) in front of two gunicorn app servers: requests per second and
# the time from publishing to fresh content; REQUESTS and CONCURRENCY bound the load.
REQUESTS ?= 4000
CONCURRENCY ?= 8
bench-proxy: install
	$(PY) bench/proxy_bench.py --requests $(REQUESTS) --concurrency $(CONCURRENCY)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
