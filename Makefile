# Everyday commands. `make run` serves the app with demo data; `make test` runs every test.
VENV ?= .venv
PY := $(VENV)/bin/python
HOST_PYTHON ?= python3
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run serve test lint audit install install-dev browser-deps setup-data clean

$(PY):
	$(HOST_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(STAMP)

install-dev: $(DEV_STAMP)

setup-data: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loaddata fixtures/regions.json
	$(PY) manage.py load_framework fixtures/safe-2021.yaml
	$(PY) manage.py load_framework fixtures/safe-2025.yaml
	$(PY) manage.py load_edition_mapping fixtures/safe-2021-to-2025.yaml
	$(PY) manage.py seed_demo

run: setup-data
	$(PY) manage.py runserver 127.0.0.1:8000

# Production settings on this machine: gunicorn (threaded workers) + PostgreSQL from
# DATABASE_URL (default postgres://postgres@127.0.0.1:5432/safe, created if missing) + WhiteNoise.
serve: install
	PY=$(PY) scripts/serve

# System packages for browser and PDF tests (Debian): installed only when missing. The fonts
# draw comments in Arabic, Hebrew, Indic and Thai (noto-core), Chinese and Japanese (droid)
# and Korean (nanum); without them the report still renders, with those letters missing.
REPORT_FONTS := /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf \
	/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf /usr/share/fonts/truetype/nanum/NanumGothic.ttf
browser-deps:
	@command -v chromium >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 && ls $(REPORT_FONTS) >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils \
		fonts-dejavu-core fonts-noto-core fonts-droid-fallback fonts-nanum >/dev/null; }
	@test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent

test: install-dev browser-deps
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/bandit -q -c pyproject.toml -r assessments wcosafe scripts bench --severity-level high

# Known vulnerabilities in the installed dependencies (needs network; see docs/deployment.md).
# pip-audit lives in its own environment (var/audit-venv) and checks the pinned list of the
# project's, so it neither changes nor audits itself. --strict: a package that could not be
# checked (vulnerability service unreachable) fails the audit instead of passing as clean.
AUDIT_VENV := var/audit-venv
audit: install-dev
	@mkdir -p var && $(PY) -m pip freeze --exclude-editable > var/audit-requirements.txt
	@test -x $(AUDIT_VENV)/bin/pip-audit || { $(HOST_PYTHON) -m venv $(AUDIT_VENV) && \
		$(AUDIT_VENV)/bin/pip install --quiet pip-audit; }
	@$(AUDIT_VENV)/bin/pip-audit --strict --no-deps --disable-pip --progress-spinner off \
		-r var/audit-requirements.txt $(AUDIT_ARGS) || { echo "make audit FAILED: a \
	vulnerability is listed above, or a package could not be checked (no access to the \
	vulnerability service; see docs/deployment.md, Dependency audit)." >&2; exit 1; }

clean:
	rm -rf $(VENV) node_modules staticroot db.sqlite3
