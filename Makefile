# Samenplan. `make demo` to try it, `make test` to test it. Needs only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
BIND ?= 127.0.0.1:8000

.PHONY: install demo test serve messages lint clean bench bench-quick load openapi

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# The demo runs without DEBUG, so it shows the real error pages; WhiteNoise serves the
# static files. Links in emails and the printed activation link use the address it serves.
demo: export SAMENPLAN_BASE_URL ?= http://$(BIND)
demo: install
	$(BIN)/python manage.py migrate --noinput --verbosity 0
	$(BIN)/python manage.py demo
	@echo ""
	@echo "  Samenplan runs at $(SAMENPLAN_BASE_URL)/  (stop with Ctrl+C)"
	@echo ""
	$(BIN)/python manage.py runserver $(BIND)

# On every core (pytest-xdist; SAMENPLAN_TEST_WORKERS=0 runs in one process).
test: install
	$(BIN)/python -m pytest -n $${SAMENPLAN_TEST_WORKERS:-auto}

serve: install
	$(BIN)/python manage.py migrate --noinput --verbosity 0
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn --pythonpath src samenplan.wsgi:application --bind $(BIND) \
		--workers $${SAMENPLAN_WORKERS:-3} --access-logfile - --forwarded-allow-ips "$${SAMENPLAN_FORWARDED_ALLOW_IPS:-127.0.0.1}"

# Benchmarks in a database of their own (README: "Benchmarks"). --check fails on a missed target.
bench: install
	$(BIN)/python manage.py bench --json bench/results/bench.json

bench-quick: install
	$(BIN)/python manage.py bench --quick --json bench/results/bench-quick.json

# 20 users for 30 seconds against `make serve` on loopback (README: "Load test").
load: install
	$(BIN)/python bench/load.py

# Update the Dutch catalogue after changing texts; commit both .po and .mo.
messages: install
	cd src/samenplan && ../../$(BIN)/python ../../manage.py makemessages -l nl --no-location --no-obsolete -i "*/tests/*"
	cd src/samenplan && ../../$(BIN)/python ../../manage.py compilemessages -l nl

# Style, formatting, the layering's import contracts (pyproject.toml) and migrations.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=src $(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py openapi --check

# Write the API's contract (openapi.yaml, openapi.nl.yaml) after changing the API; commit both.
openapi: install
	$(BIN)/python manage.py openapi

clean:
	rm -rf $(VENV) var test-artifacts bench/results
