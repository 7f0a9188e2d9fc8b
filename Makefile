# The two commands: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run serve test lint .venv clean-db

.venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# A local run: debug on, the embedded PostgreSQL server (data in var/postgres),
# demo content and accounts, the development server on 127.0.0.1:$(PORT).
# deploy/with_database.py keeps the embedded server up from migrate to the end of
# runserver and stops it when runserver exits (Ctrl-C included).
run: PORT ?= 8000
run: $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python deploy/with_database.py -- sh -c '\
		$(BIN)/python manage.py migrate --noinput && \
		$(BIN)/python manage.py load_demo && \
		exec $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)'

# The site as in production behind the shipped nginx (deploy/nginx/tap-cms.conf):
# DEBUG off, migrate and collectstatic first, APP_SERVERS gunicorns (default 1) on
# the ports after $(PORT), nginx on 127.0.0.1:$(PORT). Ctrl-C stops everything.
serve: PORT ?= 8080
serve: $(STAMP)
	PORT=$(PORT) $(BIN)/python deploy/with_database.py -- deploy/serve

# The whole suite. Without DATABASE_URL it runs on a throwaway embedded server.
test: $(STAMP)
	@if [ -n "$$DATABASE_URL" ]; then \
		$(BIN)/pytest $(PYTEST_ARGS); \
	else \
		tmp=$$(mktemp -d /tmp/tap-test-XXXXXX); chmod 755 $$tmp; \
		TAP_PGDATA=$$tmp/pg TAP_PGDATA_THROWAWAY=1 $(BIN)/pytest $(PYTEST_ARGS); rc=$$?; \
		rm -rf $$tmp; exit $$rc; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean-db:
	rm -rf var/postgres

# Backups (deploy/archive.py): one tar of the database (pg_dump -Fc) and the media
# files in BACKUP_DIR (default var/backups/), its path printed last; and a restore
# into an empty database (DATABASE_URL, or the embedded one) and empty media folder.
.PHONY: backup restore
backup: $(STAMP)
	@$(BIN)/python deploy/backup

restore: $(STAMP)
	@if [ -z "$(FILE)" ]; then echo "usage: make restore FILE=var/backups/tap-cms-....tar" >&2; exit 2; fi
	@$(BIN)/python deploy/restore "$(FILE)"
