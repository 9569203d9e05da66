# CodeRank: `make run` serves the rankings on http://127.0.0.1:8000 and `make test` runs the suite.
# Both create the virtualenv themselves; neither needs the network once packages are installed.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# A development install unless the environment (or .env) says otherwise.
export DEBUG ?= true

# The first Python 3.12+ found: $(PYTHON) if given, then python3.13/python3.12 on PATH, then pyenv's.
PYTHON ?= $(shell for c in python3.13 python3.12 python3 \
	$$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  p=$$(command -v $$c 2>/dev/null) || continue; \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; \
	done)

.PHONY: run test venv setup worker beat clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@if [ -z "$(PYTHON)" ]; then \
	  echo "CodeRank needs Python 3.12 or newer (Django 6). None was found on PATH or in pyenv."; \
	  echo "Install one (e.g. 'pyenv install 3.12' or your OS package python3.12) or run 'make PYTHON=/path/to/python3.12 ...'."; \
	  exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed

setup: venv
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_curated
	$(PY) manage.py build_rankings

run: setup
	@echo ""
	@echo "CodeRank is starting on http://$(HOST):$(PORT)/"
	@echo "  Admin: create a user with '$(PY) manage.py createsuperuser', then open http://$(HOST):$(PORT)/admin/"
	@echo "  Fetch live data (needs network): '$(PY) manage.py refresh_rankings'"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

test: venv
	$(PY) -m pytest $(PYTEST_ARGS)

# Background processing (needs REDIS_URL): a worker with the nightly beat scheduler embedded;
# 8 processes fetch the 8 sources in parallel. In production run workers and exactly one `make beat`.
worker: venv
	$(VENV)/bin/celery -A config worker --beat --concurrency=8 --loglevel=INFO

beat: venv
	$(VENV)/bin/celery -A config beat --loglevel=INFO

clean:
	rm -rf $(VENV) staticfiles artifacts
