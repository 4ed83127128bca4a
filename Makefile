# newsproj — every target installs what it needs first (see ../shared/CONTRACT.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# The suite runs on 6 workers (pytest-xdist) on 2 cores: most of its wall time is crawls waiting (site delays, kills,
# process start-up, outer timeouts), not computing - on 3 workers its whole tree used ~1.05 of the 2 cores (user+sys
# 218 s in 210 s of wall). Measured on this 2-core host, `pytest -n N` of the whole suite: 3 -> 210 s, 4 -> 200 s,
# 6 -> 154-158 s, 8 -> 162 s; a worker costs ~2 s of CPU to collect, the warm parent is shared. Scheduling:
# tests/conftest.py, pytest_xdist_make_scheduler. PYTEST_WORKERS=0 runs it in this one process.
PYTEST_WORKERS ?= 6
# Demo crawl: the bundled site under fixtures/demo, served on a free loopback port for the duration of the crawl;
# without cross-run state (each run serves the demo on a new port), so every run writes all of its articles.
CRAWL_OUT ?= output/demo.jsonl

.PHONY: install crawl test lint bench services lock baselines-lock clean

install: $(STAMP)

# First the pinned pip of requirements-pip.lock: the venv's own (ensurepip's 23.2) spent ~24 s of CPU finding the
# lock's files in the index, pip 26 ~9 s. pip compiles every file it installs to bytecode, one after another (~21 s
# of CPU, half of the install), the packages' own test suites too (~1,900 files: pandas/tests, scipy's...).
# --no-compile, then compileall on every core without those test directories (~11 s of user CPU, ~13 s of wall on 2
# busy cores). The bytecode must be there: with PYTHONDONTWRITEBYTECODE set (as on our machines) a module without it
# is compiled again by every process that imports it. Not compiled either (~3 s of CPU): pip (run once, here) and
# mypy/mypyc, whose modules mypy imports as mypyc-built .so files (`python -X importtime -m mypy`: 9 .py modules of
# mypy's, none of mypyc's). setuptools stays: scrapyd-deploy imports it to build an egg and scrapyd's egg runner
# its pkg_resources (tests/e2e/test_scrapyd.py); it is pinned in the lock (scrapyd needs setuptools<81), like
# everything else, not taken from whatever `venv` brings.
# The venv is made without pip, and $(PYTHON)'s own pip puts the lock's pip into it (--python, pip >= 22.3): `venv`
# with pip runs ensurepip, which installs and compiles pip 23.2 and setuptools 65.5 (~5-10 s of wall) only for
# them to be replaced. Without a pip beside $(PYTHON) (or one too old for --python), ensurepip and the venv's pip
# do it, as before.
$(STAMP): requirements.lock requirements-pip.lock
	test -x $(BIN)/python || $(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(BIN)/python install --quiet --disable-pip-version-check --require-hashes --no-deps \
		--no-compile -r requirements-pip.lock 2>/dev/null \
	|| { $(BIN)/python -m ensurepip --default-pip >/dev/null && \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps --no-compile \
		-r requirements-pip.lock; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps --no-compile \
		-r requirements.lock
	$(BIN)/python -m compileall -q -j 0 -x '/tests?/|/site-packages/(pip|mypyc?)/' $$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))') >/dev/null
	touch $(STAMP)

crawl: install
	mkdir -p $(dir $(CRAWL_OUT))
	$(BIN)/python -m newsproj.testing.server fixtures/demo -- \
		$(BIN)/scrapy crawl news -a 'start_urls={base}/' -O $(CRAWL_OUT) -s NEWSPROJ_ALLOW_PRIVATE=1 -s STATE_DIR=
	@echo "records: $$(wc -l < $(CRAWL_OUT)) in $(CRAWL_OUT)"

# Debian's redis-server for the distributed-mode tests; installed when missing and we are root.
services:
	@command -v redis-server >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null) \
			|| echo "warning: could not install redis-server; Redis tests will be skipped"; \
		else echo "warning: redis-server missing and not root; Redis tests will be skipped"; fi; }

lint: install
	$(BIN)/ruff check newsproj tests bench
	$(BIN)/mypy

# mypy (~8 s of CPU on a fresh clone, no cache yet) runs beside pytest, which leaves part of the 2 cores idle while
# its crawls wait; its report is printed after pytest's, and either failing fails the target, as before.
test: install services
	$(BIN)/ruff check newsproj tests bench
	@log=$$(mktemp); $(BIN)/mypy >"$$log" 2>&1 & mypy=$$!; \
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS); status=$$?; \
	wait $$mypy; lint=$$?; echo "mypy:"; cat "$$log"; rm -f "$$log"; \
	[ $$status -eq 0 ] || exit $$status; exit $$lint

# The quality bench's baselines: trafilatura and readability-lxml from .venv (newsproj uses both); newspaper4k,
# which newsproj does not use, from a venv of its own (.venv-baselines), made on first use from bench/baselines.lock.
bench: install
	$(BIN)/python -m bench.run $(BENCH)

# Re-pin requirements.lock from pyproject.toml (needs network access to PyPI). Only pip is left out of it (pinned in
# requirements-pip.lock); setuptools, which pip-compile leaves out by default, is pinned (scrapyd, scrapyd-client).
lock:
	$(PYTHON) -m venv /tmp/newsproj-lock && /tmp/newsproj-lock/bin/pip install --quiet pip-tools
	/tmp/newsproj-lock/bin/pip-compile --quiet --generate-hashes --no-emit-find-links --no-emit-index-url --extra test --strip-extras \
		--unsafe-package pip -o requirements.lock pyproject.toml

# Re-pin bench/baselines.lock from bench/baselines.in (needs network access to PyPI); never part of requirements.lock.
baselines-lock:
	$(PYTHON) -m venv /tmp/newsproj-lock && /tmp/newsproj-lock/bin/pip install --quiet pip-tools
	/tmp/newsproj-lock/bin/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url \
		--no-emit-find-links -o bench/baselines.lock bench/baselines.in

clean:
	rm -rf $(VENV) .venv-baselines output .pytest_cache
