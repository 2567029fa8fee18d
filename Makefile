# Planloom: `make run` serves the app on the embedded default; `make test` runs everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
UI_INSTALLED := ui/node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install ui ui-test ui-client chromium nginx wordnet lint migrate bench clean

$(INSTALLED): setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]' --config-settings editable_mode=compat
	touch $@

install: $(INSTALLED)

$(UI_INSTALLED): ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	touch $@

ui: $(UI_INSTALLED)
	cd ui && npm run build

migrate: $(INSTALLED)
	$(BIN)/planloom migrate

run: $(INSTALLED) ui migrate wordnet
	$(BIN)/planloom serve --host $(HOST) --port $(PORT)

lint: $(INSTALLED)
	$(BIN)/lint-imports

# ui/src/api/schema.d.ts is generated from the OpenAPI document (`planloom openapi`, no server):
# `make ui-client` regenerates it; ui-test fails when it is stale.
ui-client: $(INSTALLED) $(UI_INSTALLED)
	cd ui && npm run api:generate

# The browser e2e drives Debian's Chromium (never a browser download), or the browser $CHROMIUM names;
# CI runs as root.
chromium:
	@test -x "$${CHROMIUM:-/usr/bin/chromium}" || { command -v apt-get >/dev/null || { echo "chromium missing and no apt-get" >&2; exit 1; }; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

# WordNet's database (Debian's wordnet-base) for the OCR adapter's compounds (PLANLOOM_OCR_WORDNET): installed when
# missing and apt-get is there; the app runs without it (no compounds), the tests need it.
wordnet:
	@test -f /usr/share/wordnet/index.noun || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq --no-install-recommends wordnet-base; } || echo "wordnet-base not installed: OCR without compounds" >&2

# The load-balancer test runs Debian's nginx in front of two servers (installed, never started as a service).
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { command -v apt-get >/dev/null || { echo "nginx missing and no apt-get" >&2; exit 1; }; \
	  apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx; }

ui-test: $(INSTALLED) $(UI_INSTALLED) chromium
	cd ui && npm run api:check && npm run lint && npm run typecheck && npm test && npm run build && npm run e2e && npm run e2e:tasks && npm run e2e:insights && npm run e2e:images

test: $(INSTALLED) lint nginx wordnet ui-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(INSTALLED)
	$(BIN)/python bench/orlib.py --quick
	$(BIN)/python bench/scheduler.py --quick
	$(BIN)/python bench/realistic.py --quick
	$(BIN)/python bench/attack.py
	$(BIN)/python bench/quickadd.py

clean:
	rm -rf $(VENV) ui/node_modules ui/dist ui/e2e-screenshots .pytest_cache .hypothesis
