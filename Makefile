# Storeside: `make demo` opens the app against an embedded hub; `make test` runs everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
QM := translations/storeside_zh_CN.qm

export QT_QPA_PLATFORM ?= offscreen

.PHONY: demo test check lint typecheck imports house translations pytest screenshots bench bench-smoke reliability package clean

$(STAMP): pyproject.toml
	bash tools/install-system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# The Chinese catalogue, built from its Qt Linguist source.
$(QM): translations/storeside_zh_CN.ts translations/storeside_en.ts $(STAMP)
	$(BIN)/python -m tools.translations release

demo: $(STAMP) $(QM)
	QT_QPA_PLATFORM= $(BIN)/storeside demo

test: $(STAMP) lint typecheck imports house translations pytest bench-smoke

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy app local_db sync hub
	$(BIN)/mypy ui

imports: $(STAMP)
	$(BIN)/lint-imports

# Modules under 400 lines (those listed in tools/house_rules.py may only shrink), no circle.
house: $(STAMP)
	$(BIN)/python -m tools.house_rules

# Every tr() source string of ui/ and app/ is in the zh_CN catalogue, translated.
translations: $(STAMP)
	$(BIN)/python -m tools.translations check

pytest: $(STAMP) $(QM)
	$(BIN)/pytest

screenshots: $(STAMP) $(QM)
	STORESIDE_LANGUAGE=en $(BIN)/python -m tools.screenshots docs/screenshots/en
	STORESIDE_LANGUAGE=zh_CN $(BIN)/python -m tools.screenshots docs/screenshots/zh_CN

bench: $(STAMP)
	$(BIN)/python -m bench.ingest
	$(BIN)/python -m bench.drain
	$(BIN)/python -m bench.search
	$(BIN)/python -m bench.latency
	$(BIN)/python -m bench.rush
	$(BIN)/python -m bench.first_sync
	$(BIN)/python -m bench.startup
	$(BIN)/python -m bench.pin_check
	$(BIN)/python -m bench.audit_verify
	$(BIN)/python -m bench.dashboard

# Every bench end to end at a small size, one at a time: each must exit 0 and print its
# figure lines; no timing is checked (decision 038).
bench-smoke: $(STAMP) $(QM)
	$(BIN)/python -m bench.smoke

# Both programs as one-folder PyInstaller builds in dist/ (work files in build/), each then
# smoke-tested by its --self-test (packaging/README.md).
package: $(STAMP) $(QM)
	$(BIN)/python -m pip install --quiet -e ".[package]"
	bash packaging/build.sh

# The long variants of tests/reliability (200 kills, 1,000 lost replies...), each with a fresh
# seed printed in the run; replay one with STORESIDE_SEED=<seed>.
reliability: $(STAMP)
	STORESIDE_RELIABILITY=long STORESIDE_SEED=$${STORESIDE_SEED:-random} \
		$(BIN)/pytest tests/reliability --timeout=1800

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .import_linter_cache
