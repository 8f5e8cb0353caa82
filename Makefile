# Prevent Duty Tracker. Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The demo runs in DEBUG on plain HTTP with two-factor sign-in turned off; `make run` says so.
DEMO_ENV := DEBUG=1 REQUIRE_2FA=0

.PHONY: run test lint format check-deploy demo screenshots bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

demo: $(VENV)/.runtime
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py seed_demo

run: demo
	@echo ""
	@echo "Demo mode: DEBUG is on and two-factor sign-in is OFF (REQUIRE_2FA=0). Never run production like this."
	@echo "Open http://$(HOST):$(PORT)/ and sign in with one of the accounts above."
	@echo "A task worker runs beside the server (reminder emails, large imports, the trust PDF)."
	@$(DEMO_ENV) $(BIN)/python manage.py worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

CHROMIUM := /usr/bin/chromium
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar

# The Nu Html Checker that tests/site runs over every crawled page: the npm package vnu-jar,
# pinned in package.json and package-lock.json, run with the machine's Java. --ignore-scripts:
# its install script would download a Java runtime, which this project never needs.
$(VNU_JAR): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "NOTE: npm is not installed: the HTML validation test (tests/site) will be SKIPPED. Install Node.js and npm."; fi

test: $(VENV)/.dev $(VNU_JAR)
	@test -x $(CHROMIUM) || echo "NOTE: the browser tests (tests/browser) will be SKIPPED: Chromium is not installed at $(CHROMIUM). Install it with: apt-get install chromium"
	@command -v java >/dev/null 2>&1 || echo "NOTE: the HTML validation test (tests/site) will be SKIPPED: Java is not installed. Install it with: apt-get install default-jre-headless"
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=prevent_site.test_settings
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The demo's main pages at desktop and phone width, into docs/screenshots/ (needs Chromium).
screenshots: $(VENV)/.dev
	$(BIN)/python tests/browser/screenshots.py

# Benchmarks on PostgreSQL at 127.0.0.1 (user postgres): generates prevent_bench_1, _10 and _250
# and prevent_bench_1x1000 (one school of 1,000 staff) if missing (BENCH_DB_PREFIX for other
# names), times the key pages, gunicorn throughput and the PDFs; at 250 schools the September
# rush (bench/september_rush.py) and one task worker's reminders and trust PDFs on the database
# queue and RQ (bench/task_queue.py, needs Redis); writes docs/performance.md's generated section.
bench: $(VENV)/.dev
	$(BIN)/python bench/run.py $(BENCH_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# What production settings look like to Django's deployment checklist.
check-deploy: $(VENV)/.runtime
	DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	AUDIT_HMAC_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=prevent.example.org CSRF_TRUSTED_ORIGINS=https://prevent.example.org \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 node_modules
