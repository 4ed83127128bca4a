"""Shared fixtures: loopback servers over fixtures/, a real redis-server, and a subprocess crawl helper."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newsproj.testing.redis_server import free_port
from newsproj.testing.server import FixtureServer, serve
from tests import warm

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
CRAWL_TIMEOUT = 180


_SETTINGS_MODULE = os.environ.get("SCRAPY_SETTINGS_MODULE")


@pytest.fixture(autouse=True)
def _scrapy_settings_module_stays_put() -> Iterator[None]:
    """Scrapy's ``get_project_settings()`` sets ``SCRAPY_SETTINGS_MODULE`` in ``os.environ`` (from scrapy.cfg); a
    test that calls it in this process passed it to every crawl started after it, in any directory: ``scrapy``
    run outside the project still had the project's settings (test_warm failed after test_faults). Put back as
    the session found it after each test (and after the module fixtures set up with it)."""
    yield
    if _SETTINGS_MODULE is None:
        os.environ.pop("SCRAPY_SETTINGS_MODULE", None)
    else:
        os.environ["SCRAPY_SETTINGS_MODULE"] = _SETTINGS_MODULE


@pytest.fixture(scope="session")
def demo_server() -> Iterator[FixtureServer]:
    """The demo news site (fixtures/demo) on 127.0.0.1 and a free port."""
    server = serve(FIXTURES / "demo")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def fixture_server() -> Iterator[FixtureServer]:
    """All of fixtures/ on 127.0.0.1 and a free port (discovery samples, chrome pages, broken pages)."""
    server = serve(FIXTURES)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def slow_demo() -> Iterator[FixtureServer]:
    """The demo site answering each request after 50 ms, so kills land mid-crawl (tests/e2e/test_resume.py,
    test_dataset.py)."""
    server = serve(FIXTURES / "demo", delay=0.05)
    yield server
    server.stop()


@contextmanager
def answering_at_once(server: FixtureServer) -> Iterator[None]:
    """``server`` (``slow_demo``) without its delay for a while: the run after a kill needs no delay, which is
    there only so that the kill lands mid-crawl (one request at a time, ~60 pages: ~3 s of waiting a run)."""
    delay, server.delay = server.delay, 0.0
    try:
        yield
    finally:
        server.delay = delay


@pytest.fixture(scope="session")
def demo_truth() -> list[dict]:
    lines = (FIXTURES / "demo" / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@dataclass
class CrawlResult:
    returncode: int
    records: list[dict]
    stats: dict
    log: str


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_crawl(*args: str, out: Path, timeout: float = CRAWL_TIMEOUT, env: dict | None = None,
              cwd: Path = ROOT, spider: str = "news") -> CrawlResult:
    """``scrapy crawl SPIDER -O out ARGS`` (``news`` unless ``spider`` says) in a process of its own
    (:func:`run_scrapy`); returns its status, records, stats and log (stderr).

    ``ARGS`` come last, so a test's ``-s NAME=VALUE`` overrides the defaults given here. Extraction runs in the
    crawl process (``NEWSPROJ_EXTRACT_WORKERS=0``) unless the test asks for the pool with
    ``-s NEWSPROJ_EXTRACT_WORKERS=N``.
    """
    stats_file = out.with_suffix(".stats.json")
    if not any(str(a).startswith("STATE_DIR=") for a in args):  # each crawl its own cross-run state
        args = ("-s", f"STATE_DIR={out.with_suffix('.state')}", *args)
    argv = ["crawl", spider, "-O", str(out), "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "AUTOTHROTTLE_ENABLED=0",
            "-s", "LOG_LEVEL=INFO", "-s", "NEWSPROJ_EXTRACT_WORKERS=0", "-s", f"NEWSPROJ_STATS_FILE={stats_file}",
            *args]
    proc = run_scrapy(argv, cwd=cwd, env={**os.environ, **(env or {})}, timeout=timeout)
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    return CrawlResult(proc.returncode, read_jsonl(out), stats, proc.stderr)


def run_scrapy(argv: list[str], *, cwd: Path = ROOT, env: dict | None = None,
               timeout: float = CRAWL_TIMEOUT) -> subprocess.CompletedProcess[str]:
    """``scrapy ARGV`` as a process of its own, like ``subprocess.run(capture_output=True, text=True)``.

    Forked from a warm parent that has the third-party libraries imported (tests/warm.py);
    ``NEWSPROJ_TEST_COLD=1`` runs ``python -m scrapy`` instead."""
    if os.environ.get("NEWSPROJ_TEST_COLD") or not warm.warm_ok(env):
        return subprocess.run([sys.executable, "-m", "scrapy", *argv], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=timeout)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = warm.WarmProcess(argv, cwd=cwd, env=env, stdout=out, stderr=err)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(30)
            raise
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(["scrapy", *argv], proc.wait(), out.read().decode("utf-8", "replace"),
                                           err.read().decode("utf-8", "replace"))


def start_scrapy(argv: list[str], *, cwd: Path = ROOT, env: dict | None = None, stdout=None, stderr=None):
    """``scrapy ARGV`` started as a process of its own (``Popen``-like: pid, poll, wait, kill), as in
    :func:`run_scrapy`."""
    if os.environ.get("NEWSPROJ_TEST_COLD") or not warm.warm_ok(env):
        return subprocess.Popen([sys.executable, "-m", "scrapy", *argv], cwd=cwd, env=env, stdout=stdout,
                                stderr=stderr)
    return warm.WarmProcess(argv, cwd=cwd, env=env, stdout=stdout, stderr=stderr)


def pytest_configure(config: pytest.Config) -> None:
    """Under ``PYTHONDONTWRITEBYTECODE`` (set on this machine) Python never writes a ``.pyc`` of the project, so
    every crawl process compiled the newsproj modules it imports after the warm fork (settings, spiders,
    pipelines, commands...) from source again: ~0.06 of its ~0.3 s of CPU. Compile them once when the session
    starts (in the controller, before any xdist worker) into their git-ignored ``__pycache__``, as a run without
    that variable would have; a source changed later is compiled afresh by the import system, as ever."""
    if sys.dont_write_bytecode and not hasattr(config, "workerinput"):
        import compileall

        compileall.compile_dir(ROOT / "newsproj", quiet=1)
    if not hasattr(config, "workerinput") and config.getoption("numprocesses", None) \
            and not os.environ.get("NEWSPROJ_TEST_COLD"):
        warm.start_shared()  # one warm parent for the xdist workers, loading while they start and collect
    if sys.dont_write_bytecode and not hasattr(config, "workerinput"):
        _rewrite_test_modules_once(config)


def _rewrite_test_modules_once(config: pytest.Config) -> None:
    """pytest rewrites the asserts of every test module it imports, and caches the result in ``__pycache__`` only
    when bytecode may be written: under ``PYTHONDONTWRITEBYTECODE`` each of the xdist workers rewrote all of them
    again (~3.8 s of the ~6.8 s of CPU a collection took). Rewrite them once here, in the controller before the
    workers start, into pytest's own cache files, which pytest reads whether or not it may write them (checked
    against the source's hash: a file changed later is rewritten by whoever imports it, as ever). Through pytest's
    internal functions: when they change, this does nothing and each worker rewrites for itself, as before."""
    if config.getoption("assertmode", "rewrite") != "rewrite" or config.getini("enable_assertion_pass_hook"):
        return
    try:
        from _pytest.assertion import rewrite

        state = config.stash[rewrite.assertstate_key]
        for fn in sorted((ROOT / "tests").rglob("*.py")):
            if not (fn.name.startswith("test_") or fn.name == "conftest.py"):
                continue
            cache = rewrite.get_cache_dir(fn)
            pyc = cache / (fn.name[:-3] + rewrite.PYC_TAIL)
            if rewrite._read_pyc(fn, pyc) is None and rewrite.try_makedirs(cache):
                source_hash, code = rewrite._rewrite_test(fn, config)
                rewrite._write_pyc(state, code, source_hash, pyc)
    except (AttributeError, ImportError, KeyError, TypeError, ValueError, SyntaxError, OSError):
        return


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e/ is ``slow`` (see pyproject.toml's markers)."""
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.slow)


CRAWL_ONCE = frozenset({"tests/e2e/test_faults.py", "tests/e2e/test_demo_crawl.py", "tests/e2e/test_hostile_site.py"})
"""Modules whose module-scoped fixture runs one crawl for several of their tests (``mixed``, ``homepage_crawl``,
``hostile``)."""


ONE_CASE = {"tests/test_site_fixtures.py": ("test_field[", "test_every_expectation_can_fail[")}
"""Modules whose tests named here share one computation per case (test_site_fixtures' ``_outcome`` cache: a case's
page extracted once a process), with the case id at the start of the test's parameters, up to a ``:``."""

IN_PROCESS_POOL = {"tests/test_extraction_limits.py": ("",), "tests/test_extractor.py": ("",),
                   "tests/test_extraction_verdict.py": ("test_extractor_counts_each_outcome_under_its_reason[pool]",)}
"""Tests (module: test-name prefixes) that run an extraction pool in the test process itself (``opened_extractor``
with workers): multiprocessing starts that process's forkserver at its first pool and keeps it for the next ones, and
a forkserver's start is a fresh interpreter importing the extractors (~1.4 s of CPU, ~2.2 s of wall on an idle host).
Handed out one by one, these tests started one on each of the 6 workers (and each start, on busy cores, made its
test's wait longer); as one unit, one. (Alone in one process these modules take ~26 s.)"""


def work_unit(nodeid: str) -> str:
    """The unit of work of the test ``nodeid`` that :func:`pytest_xdist_make_scheduler` hands to one worker: the
    test itself; its module for a :data:`CRAWL_ONCE` module; ``module::case`` for the tests of one case of a
    :data:`ONE_CASE` module; one unit for all the :data:`IN_PROCESS_POOL` tests."""
    module, _, name = nodeid.partition("::")
    if module in CRAWL_ONCE:
        return module
    if name.startswith(ONE_CASE.get(module, ())):
        return f"{module}::{name.partition('[')[2].rstrip(']').partition(':')[0]}"
    if name.startswith(IN_PROCESS_POOL.get(module, ())):
        return "extraction pool in the test process"
    return nodeid


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``pytest -n N`` (``make test``): each test is a unit of work of its own, handed to a worker as it runs low
    (long e2e tests do not queue behind one worker), except for tests that share one computation (:func:`work_unit`):
    a :data:`CRAWL_ONCE` module is one unit (split over two workers, each ran its crawl: 12-15 s twice), and so are
    the tests of one case of a :data:`ONE_CASE` module (test_site_fixtures: the 458 tests of its 89 cases were
    spread over ~4.3 workers a case, each extracting the case's page again: ~9.6 s of CPU where ~2.2 s do) and the
    tests of :data:`IN_PROCESS_POOL` (one forkserver started, not six).
    (xdist's ``loadgroup`` would say this with marks, but it renames the test through an attribute pytest 9 no
    longer reads.)"""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return Scheduling(config, log)


def pytest_sessionfinish(session, exitstatus) -> None:
    warm.stop_warm()


@pytest.fixture
def crawl(tmp_path: Path):
    """Run ``scrapy crawl news`` with the given arguments; output goes to a fresh file."""
    counter = iter(range(1000))

    def _crawl(*args: str, **kwargs) -> CrawlResult:
        return run_crawl(*args, out=tmp_path / f"out-{next(counter)}.jsonl", **kwargs)

    return _crawl


@pytest.fixture
def crawl_site(crawl):
    """``scrapy crawl news`` of a fixture ``site`` served on 127.0.0.1 from ``seed`` (its homepage: links only), which
    must exit 0; gives the result and its records by path (and query). ``server``: a running server to serve
    ``site`` from, left running (the runs of a site whose URLs an earlier run's state holds meet it at one
    ``host:port``: a port stopped and bound again could be another xdist worker's by then), else one of its own on
    a free port."""

    def _crawl_site(site, seed: str = "/", *args: str,
                    server: FixtureServer | None = None) -> tuple[CrawlResult, dict[str, dict]]:
        own = server is None
        if server is None:
            server = FixtureServer(site).start()
        server.site = site
        try:
            result = crawl("-a", f"start_urls={server.base}{seed}", "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}", *args)
        finally:
            if own:
                server.stop()
        assert result.returncode == 0, result.log[-3000:]
        return result, {_path_key(r["url"]): r for r in result.records}

    return _crawl_site


def _path_key(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


_free_port = free_port
"""A loopback port free when looked at (newsproj.testing.redis_server's: one helper for the tests and the benches;
a name of this module, so a test can replace it with monkeypatch)."""


@contextmanager
def refusing_port() -> Iterator[int]:
    """A loopback port that refuses every connection for the block: bound and not listening (a connection gets a
    reset), so no other worker's server can take it meanwhile, as it could a port :func:`_free_port` only looked at."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def start_redis(binary: str, workdir: Path, attempts: int = 5) -> tuple[subprocess.Popen, str]:
    """A redis-server of its own on a free loopback port, persistence off: ``(process, URL)``: the server that
    answers on the port is this process, else another port is tried (newsproj.testing.redis_server, which the
    distributed benchmark uses too; ports from :func:`_free_port`, looked up at each try)."""
    from newsproj.testing.redis_server import start_redis as start

    try:
        return start(binary, workdir, attempts, ports=lambda: _free_port())
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory) -> Iterator[str]:
    """A real redis-server of this worker's own (:func:`start_redis`); yields its URL."""
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed (make test installs it with apt-get when run as root)")
    proc, url = start_redis(binary, tmp_path_factory.mktemp("redis"))
    yield url
    proc.terminate()
    proc.wait(timeout=10)



def opened_extractor(settings: dict, *, hard_grace: float | None = None, work: object = None):
    """``(crawler, extractor)``: a :class:`newsproj.extractor.PageExtractor` of a crawler with ``settings``, its
    stats open, opened (a pool starts when the settings ask for workers), as the pool tests drive it directly.
    ``hard_grace``/``work`` replace the extractor's (a test shortens the grace, or runs its own task in the
    workers). The test closes the extractor."""
    from scrapy.utils.misc import build_from_crawler
    from scrapy.utils.test import get_crawler

    from newsproj.extractor import PageExtractor

    crawler = get_crawler(settings_dict=settings)
    crawler.stats.open_spider()
    extractor = build_from_crawler(PageExtractor, crawler)
    if hard_grace is not None:
        extractor.hard_grace = hard_grace
    if work is not None:
        extractor.work = work
    extractor.open()
    return crawler, extractor

def needs_shared(sub: str) -> Path:
    path = SHARED / sub
    if not path.exists():
        pytest.skip(f"../shared/{sub} is not present")
    return path
