# SPR Portal: `make run` serves the demo, `make test` runs the whole test suite.
# Both set up everything first (virtual environment, Python and npm packages, CSS, database).

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# The newest Python >= 3.12 we can find, pyenv installs included.
PYTHON ?= $(shell for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3.13 \
	$$HOME/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.1[23] /usr/bin/python3.1[23]; do \
	"$$p" -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1 && { echo "$$p"; break; }; done)

# `make run` serves the laptop demo: DEBUG off (the service's own error pages), SPR_DEMO on
# (loopback only, no second factor, a development key; refused beside production settings).
# `make run DEBUG=true` gives Django's debug pages instead. Tests and checks run with DEBUG on.
DEBUG ?= false
ifeq ($(DEBUG),true)
RUN_ENV := DEBUG=true SPR_DEMO=false
else
RUN_ENV := DEBUG=false SPR_DEMO=true
endif
RUN_ENV += SPR_PORTAL_URL=http://$(HOST):$(PORT)
# The demo signs its papers and evidence packs with a self-signed certificate made on first
# run (var/ is ignored by git); set SPR_SIGNING_P12 and its passphrase to use another.
DEMO_P12 := var/demo-signing.p12
SPR_SIGNING_P12 ?= $(CURDIR)/$(DEMO_P12)
SPR_SIGNING_P12_PASSPHRASE ?= demo-only-passphrase
RUN_ENV += SPR_SIGNING_P12=$(SPR_SIGNING_P12) SPR_SIGNING_P12_PASSPHRASE=$(SPR_SIGNING_P12_PASSPHRASE)
DEV_ENV := DEBUG=true
# pytest-xdist workers for `make test` (one per core; `make test TEST_WORKERS=0` runs in one
# process, e.g. with `PYTEST_ARGS="tests/reports -x"` while working on one area). A third worker
# on two cores does not help: 254 s and 259 s on SQLite against two workers' 256 s and 265 s;
# two keep both cores busy (vmstat idles at about 7% through a run, start-up included).
TEST_WORKERS ?= auto

.PHONY: setup run test lint check bench scale-test clean system-packages system-packages-test

# What the app needs (`make run`), then the test and lint tools on top (`make test`).
$(VENV)/.installed-app: pyproject.toml
	@test -n "$(PYTHON)" || { echo "SPR Portal needs Python 3.12 or newer (python3.12 or python3.13 on the PATH)."; exit 1; }
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-app
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/app.css: node_modules/.installed $(wildcard static/scss/*.scss)
	npm run --silent build:css

system-packages:
	@scripts/system-packages.sh run

system-packages-test:
	@scripts/system-packages.sh test

setup: system-packages $(VENV)/.installed-app node_modules/.installed static/build/app.css
	$(RUN_ENV) $(PY) manage.py migrate --noinput -v 0

$(DEMO_P12): | $(VENV)/.installed-app
	$(DEV_ENV) $(PY) manage.py make_demo_certificate $@ --passphrase $(SPR_SIGNING_P12_PASSPHRASE)

run: setup $(DEMO_P12)
	$(RUN_ENV) $(PY) manage.py seed_demo
	@echo "SPR Portal is at http://$(HOST):$(PORT)/ (Ctrl+C stops it; make run PORT=8080 for another port)"
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

test: system-packages-test $(VENV)/.installed-dev node_modules/.installed static/build/app.css
	@# Persistent connections would outlive the live server's request threads and keep the
	@# PostgreSQL test database busy at teardown.
	@# Each worker has its own test database (`test_<name>_gw0`, …); worksteal keeps both cores
	@# busy to the end although the browser journeys are long.
	@# Bytecode is cached even where the environment says not to (PYTHONDONTWRITEBYTECODE):
	@# otherwise every worker compiles the app and rewrites every test module's asserts again
	@# at each run, half of its collection time (__pycache__/ is ignored by git).
	$(DEV_ENV) PYTHONDONTWRITEBYTECODE= DB_CONN_MAX_AGE=0 $(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: $(VENV)/.installed-dev node_modules/.installed
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(DEV_ENV) $(PY) manage.py check

# gunicorn and wrk on a fresh PostgreSQL database (BENCH_DATABASE_URL, default
# postgres://postgres@127.0.0.1:5432/spr_portal_bench) holding ten years of generated history;
# writes docs/benchmarks.md and prints a one-line summary last; then the same again with the
# cache in Redis (BENCH_REDIS_URL; empty: not measured), into its "With Redis" section.
# BENCH_ARGS: e.g. --seconds 5.
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/1
bench: setup $(VENV)/.installed-dev
	@scripts/system-packages.sh bench
	$(DEV_ENV) $(PY) scripts/benchmark.py --redis "$(BENCH_REDIS_URL)" $(BENCH_ARGS)

# Many app servers, one truth: its own PostgreSQL database (SCALE_DATABASE_URL, default
# postgres://postgres@127.0.0.1:5432/spr_portal_scale) and Redis db (SCALE_REDIS_DB, default
# 14) on the running servers, moto's S3 server, an SMTP sink, two gunicorn instances, two task
# workers and nginx, all started here and stopped on exit; the checks of docs/deployment.md
# through nginx, wrk for SCALE_SECONDS (default 8) a run; a one-line summary last.
scale-test: setup $(VENV)/.installed-dev
	@scripts/system-packages.sh scale
	$(PY) scripts/scale_test.py

clean:
	rm -rf $(VENV) node_modules static/build staticfiles db.sqlite3 var
