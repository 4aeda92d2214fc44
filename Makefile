# IGF+ — two commands on a fresh machine: `make demo` and `make test`.
# Extra pytest arguments: make test ARGS="-k editions -x"

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
ARGS   ?=

.PHONY: install install-dev messages demo run migrate test lint format check bench loadtest backup restore clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamp files re-install only when a requirements file changes.
$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# The interface in six languages: the .mo files are built from the .po catalogues.
CATALOGUES := $(wildcard igfplus/locale/*/LC_MESSAGES/django.po)
$(VENV)/.translations: $(CATALOGUES) | $(VENV)/.runtime
	$(PY) manage.py compile_translations
	touch $@

install: $(VENV)/.runtime $(VENV)/.translations

# axe-core for the accessibility tests (package.json pins it; node and npm from Debian).
# Without npm the accessibility tests skip, like the other browser tests without Chromium
# (CI installs both and fails instead).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm not found: axe-core is not installed, the accessibility tests will skip"; fi

install-dev: $(VENV)/.dev $(VENV)/.translations node_modules/.package-lock.json

migrate: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable

demo: migrate
	$(PY) manage.py load_demo_data
	$(PY) manage.py search_reindex
	@echo
	@echo "IGF+ is at http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo "Sign in with one of the accounts above. Ctrl-C stops the server."
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

run: migrate
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install-dev
	$(PY) -m pytest $(ARGS)

# Collects new interface strings into every catalogue (needs GNU gettext's xgettext);
# translate them before merging: the test suite fails on any untranslated string.
messages: install-dev
	$(PY) manage.py makemessages --all --no-obsolete $(foreach p,.venv/* node_modules/* bench/* tests/* data/* static_collected/* test-artifacts/*,--ignore='$(p)')

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit -r -c pyproject.toml igfplus sessions outcomes intersessional cms search -q

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: lint
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(MAKE) test

# Measures the programme, the outcomes, the NRIs and search at IGF scale in throwaway
# databases; writes bench/RESULTS*.md. The PDF booklet: bench/booklet.py. Search on
# PostgreSQL: DATABASE_URL=postgres://…/empty_db .venv/bin/python bench/search.py
bench: install-dev
	$(PY) bench/bench_conflicts.py
	$(PY) bench/programme.py
	$(PY) bench/outcomes.py
	$(PY) bench/nris.py
	$(PY) bench/search.py
	$(PY) bench/booklet.py
	$(PY) bench/page_weight.py

# gunicorn (production settings) under locust on loopback; DB=postgres for PostgreSQL
# (LOAD_DATABASE_URL, default postgres://postgres@localhost/igfplus_load). Writes
# bench/RESULTS-load.md.
DB ?= sqlite
loadtest: install-dev
	$(PY) bench/loadtest.py --db $(DB)

# The database (SQLite online backup, or pg_dump) and the media files, in data/backups/.
# Restore one with `make restore BACKUP=data/backups/igfplus-…` (replaces the data).
backup: install
	$(PY) manage.py backup

restore: install
	@test -n "$(BACKUP)" || (echo "Say which: make restore BACKUP=data/backups/igfplus-…" && exit 2)
	$(PY) manage.py restore "$(BACKUP)"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
