# The whole set-up on a fresh machine is `make run`; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST_PORT := 127.0.0.1:8000

.PHONY: run test lint format screenshots serve headers bench bench-pages bench-proxy backup restore install install-test clean

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

# The scheduler (scheduled publishing and other periodic jobs) runs beside the server and stops with it.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py prepare_site
	$(PY) manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST_PORT)

# The suite runs in one worker per processor (pytest-xdist); TEST_WORKERS=0 runs it in one process.
# Python may keep compiled modules (__pycache__, ignored by git) even where the environment says not
# to: each worker, and each `manage.py` or server the tests start, would otherwise compile the
# project's modules and the tests again, seconds a process.
TEST_WORKERS ?= auto
test: install-test
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n $(TEST_WORKERS)

# The browser tests with their screenshots, which other runs leave out: every page type of the demo
# site at 390 and 1280 px in test-artifacts/screenshots/page-<type>-<width>.png, and each page and
# step the other browser tests check, under the names they give.
screenshots: install-test
	SCREENSHOTS=1 REQUIRE_BROWSER=1 $(BIN)/pytest -p no:cacheprovider -q tests/test_*browser*.py

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Production settings under gunicorn on loopback, with the shipped deploy/gunicorn.conf.py, for
# benchmarks and load tests.
serve: install
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$${SECRET_KEY:-local-serve-only} \
	SECURE_SSL_REDIRECT=false $(PY) manage.py collectstatic --noinput --verbosity 0
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$${SECRET_KEY:-local-serve-only} \
	SECURE_SSL_REDIRECT=false GUNICORN_BIND=$(HOST_PORT) WEB_CONCURRENCY=$${WEB_CONCURRENCY:-2} \
	$(BIN)/gunicorn --config deploy/gunicorn.conf.py

# The database, media and private documents in one archive in backups/ (BACKUP_DIR), and back.
backup: install
	$(PY) manage.py backup_site

restore: install
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/trainings-....tar.gz" >&2; exit 2; }
	$(PY) manage.py restore_site "$(FILE)"

# Security headers scored as Mozilla's HTTP Observatory would (bench/header_score.py): the home page
# (or HEADERS_PATH) served by gunicorn with the production settings, HTTPS redirect on as in production.
HEADERS_PORT ?= 8001
HEADERS_PATH ?= /
headers: install
	$(PY) manage.py migrate --noinput --verbosity 0
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$${SECRET_KEY:-local-serve-only} \
	$(PY) manage.py collectstatic --noinput --verbosity 0
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$${SECRET_KEY:-local-serve-only} \
	$(BIN)/gunicorn config.wsgi --bind 127.0.0.1:$(HEADERS_PORT) --workers 1 --log-level warning & \
	server=$$!; trap 'kill $$server' EXIT; \
	$(PY) bench/header_score.py http://127.0.0.1:$(HEADERS_PORT)$(HEADERS_PATH) --wait 60

# Search latency (p50/p95) on generated content; SESSIONS=10000 by default, DATABASE_URL for PostgreSQL.
SESSIONS ?= 10000
bench: install
	$(PY) bench/search_bench.py --sessions $(SESSIONS)

# Every public page type's queries and server time (median, p95) with the page cache off, at demo
# size and at SESSIONS sessions; DATABASE_URL for PostgreSQL, ROUNDS requests of each page.
ROUNDS ?= 20
bench-pages: install
	$(PY) bench/pages_bench.py --sessions $(SESSIONS) --rounds $(ROUNDS)

# Varnish (deploy/varnish/default.vcl) in front of two gunicorn app servers: requests per second and
# the time from publishing to fresh content; REQUESTS and CONCURRENCY bound the load.
REQUESTS ?= 4000
CONCURRENCY ?= 8
bench-proxy: install
	$(PY) bench/proxy_bench.py --requests $(REQUESTS) --concurrency $(CONCURRENCY)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .test-cache
