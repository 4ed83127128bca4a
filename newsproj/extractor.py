"""PageExtractor: the crawl's way into the extraction process. ``outcome = await extractor.process(page)``.

A spider builds one with ``PageExtractor.from_crawler(crawler)`` and awaits :meth:`PageExtractor.process` for each
downloaded HTML page (a :class:`newsproj.items.PageItem`); it gets a
:class:`newsproj.extraction.page.PageOutcome` back and only routes it: an article goes on to the item pipelines
(validation → dedup → feed), a listing's links go out as requests (through the spider middlewares), a drop is
already counted here. The news spider and the WARC spider use it alike.

The CPU stages (parse → extract → verdict → clean, :func:`newsproj.extraction.page.process_page`) release no GIL,
so they run in a pool of ``NEWSPROJ_EXTRACT_WORKERS`` processes (default: one per core on a multi-core machine,
0 = in the crawl process): the reactor keeps downloading while pages are extracted, and every core is used.

Stats: ``newsproj/page/article``, ``newsproj/page/listing/<reason>``, ``newsproj/page/dropped/<reason>``;
``newsproj/extract/ok``, ``newsproj/extract/fallback/<field>``, ``newsproj/extract/not_article/<reason>``,
``newsproj/extract/error/<exception>``, ``newsproj/extract/soft_failure/<reason>`` (a step that failed and that the
page went on without: ``newsproj/soft_failures.py``), ``newsproj/clean/removed/<reason>``. A dropped page also counts
as a dropped item (``item_dropped_count``, ``item_dropped_reasons_count/<Reason>``), as if a pipeline had dropped
it, so every page without a record has its reason where the drops of the later stages are.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import multiprocessing
import os
import select
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import UsageError

from .compat import widen_task_pipe
from .exceptions import ExtractionFailed, NotAnArticle
from .extraction import limits
from .extraction.limits import (
    MAX_ELEMENTS,
    PageTimedOut,
    RunningPages,
    Watchdog,
    attach_worker,
    page_time_limit,
)
from .extraction.page import PageOutcome, process_in_worker, set_time_limit

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

    from .items import PageItem

logger = logging.getLogger(__name__)


def _warm_up(time_limit: float = 0.0, max_elements: int = MAX_ELEMENTS, running: RunningPages | None = None,
             crawl_pid: int | None = None) -> None:
    """Worker start: sets the page time limit (the hard one is enforced from the crawl process: limits.Watchdog),
    takes a slot of ``running`` and ends the worker with the crawl process. The imports and model loads were done
    once, by the forkserver the worker was forked from (``set_forkserver_preload``: ``extraction/_worker.py``)."""
    set_time_limit(time_limit, hard=True, max_elements=max_elements)
    attach_worker(running)
    if crawl_pid:
        _exit_with(crawl_pid)


def _exit_with(pid: int) -> None:
    """End this worker when process ``pid`` (the crawl) is gone, however it ended.

    A pool worker never learns that its crawl was killed (SIGKILL, OOM): it holds both ends of its task queue's
    pipe, so it waits for a task forever, and the forkserver, which lives while any worker holds its "alive"
    pipe, stays too (a killed cron run left 3 processes and ~450 MB behind, every time). A daemon thread waits on
    a pidfd of the crawl process (no polling) and ends the worker when it exits; without pidfd (not Linux), it
    asks every second whether the crawl process is still the parent it was.
    """
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux 5.3+: poll
        def watch() -> None:
            while True:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    os._exit(0)
                except PermissionError:  # the pid was taken by another user's process: ours is gone
                    os._exit(0)
                time.sleep(1.0)
    else:
        def watch() -> None:
            select.select([fd], [], [])
            os._exit(0)
    threading.Thread(target=watch, name="newsproj-exit-with-crawl", daemon=True).start()


def _killed(pid: int, token: int, ran: float) -> None:
    logger.warning("Extraction worker %d ended: stuck on one page for %.0f s (the hard time limit)", pid, ran)


def _ready() -> None:
    """A no-op task: submitting one per worker starts the workers before the first page arrives."""


def extract_workers(value: object) -> int:
    """``NEWSPROJ_EXTRACT_WORKERS``: unset = one per core on a multi-core machine (0 on one core)."""
    cores = os.cpu_count() or 1
    try:
        workers = (cores if cores > 1 else 0) if value in (None, "") else int(str(value))
    except ValueError:
        raise UsageError(f"NEWSPROJ_EXTRACT_WORKERS: expected a whole number, got {value!r}") from None
    if workers < 0:
        raise UsageError(f"NEWSPROJ_EXTRACT_WORKERS: expected 0 or more, got {workers}")
    return workers


class PageExtractor:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler  # its stats exist from the crawl's start on (a spider builds this before)
        self.workers = extract_workers(crawler.settings.get("NEWSPROJ_EXTRACT_WORKERS"))
        self.reset_every = crawler.settings.getint("NEWSPROJ_RESET_CACHES_EVERY", 500)
        self.time_limit = page_time_limit(crawler.settings)
        self.max_elements = crawler.settings.getint("NEWSPROJ_MAX_PAGE_ELEMENTS", MAX_ELEMENTS)
        self.registry = crawler.settings.getbool("NEWSPROJ_SITE_REGISTRY", True)
        self.pool: ProcessPoolExecutor | None = None
        self.replaced: tuple[float, bool, int] | None = None
        """The process's page limits this crawl replaced (extracting in the crawl process), until it closes."""
        self.running: RunningPages | None = None
        """Which page each worker of the pool runs (shared memory), to tell a broken pool's culprit."""
        self.watchdog: Watchdog | None = None
        """Ends the pool's workers stuck past the time limit (the hard limit)."""
        self.tokens = itertools.count(1)
        self.hard_grace = limits.HARD_GRACE
        """Seconds after the time limit at which a worker stuck in C code is ended (a test shortens it)."""
        self.work = process_in_worker
        """What a worker runs for a page: ``work(reset_every, registry, page, token)`` (a test gives another)."""
        self.started: Future[None] = Future()
        """Done once the pool's workers are up (set by the thread that starts them)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extractor = cls(crawler)
        crawler.signals.connect(extractor.open, signal=signals.spider_opened)
        crawler.signals.connect(extractor.close, signal=signals.spider_closed)
        return extractor

    def open(self) -> None:
        if not self.workers:  # pages are extracted here, in the crawl process: the soft limit only, never an exit
            if self.replaced is None:
                self.replaced = set_time_limit(self.time_limit, hard=False, max_elements=self.max_elements)
        elif self.pool is None:
            self._start_pool()

    def _start_pool(self) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["newsproj.extraction._worker"])
        self.running = RunningPages(context, self.workers)
        pool = self.pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_warm_up,
                                               initargs=(self.time_limit, self.max_elements, self.running,
                                                         os.getpid()))
        self.watchdog = Watchdog(self.running, self.time_limit, self.hard_grace, on_kill=_killed)
        self.watchdog.start()
        widen_task_pipe(pool)  # a page in one write, not several with a thread hand-off each (compat.py)
        started: Future[None] = Future()
        self.started = started

        def start_workers() -> None:
            try:
                for _ in range(self.workers):
                    pool.submit(_ready)
            except RuntimeError:  # the crawl was over first (the pool is shut down): nothing to start
                pass
            finally:
                started.set_result(None)

        # Workers start while robots.txt and sitemaps download, not when the first page arrives. Off the reactor
        # thread: the first submit holds the pool's lock until the forkserver has loaded everything (~1 s), and
        # a reactor blocked that long would send late requests (and bunch up those after them).
        threading.Thread(target=start_workers, name="newsproj-extract-pool-start", daemon=True).start()

    def close(self) -> None:
        if self.replaced is not None:  # the process's limits as they were (a later crawl in it has its own)
            set_time_limit(*self.replaced)
            self.replaced = None
        if self.watchdog is not None:
            self.watchdog.stop()
            self.watchdog = None
        if self.pool:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _replace_pool(self, broken: ProcessPoolExecutor) -> None:
        """A new pool for one that broke (a worker ended): once, however many of its pages report it."""
        if self.pool is broken:
            logger.warning("Extraction pool lost a worker; starting a new one")
            self.crawler.stats.inc_value("newsproj/extract/pool_restarts")
            if self.watchdog is not None:
                self.watchdog.stop()
            broken.shutdown(wait=False)  # (its pages already failed; a stuck pool's queued pages may still end)
            self._start_pool()

    async def _in_pool(self, page: PageItem) -> PageOutcome:
        """The page processed in the pool. A worker that ends breaks the pool for every page in it: the page a
        worker had been running for longer than the time limit (the watchdog ended it, see limits.py) is dropped
        as timed out; the others, running or still queued, are processed once more in the new pool. The outer
        timeout covers a pool that stops answering at all."""
        outer = (self.time_limit + self.hard_grace) * 4 if self.time_limit else None
        token = next(self.tokens)
        for attempt in (1, 2):
            if self.pool is None:  # used before spider_opened (or after close): start it now
                self._start_pool()
            if not self.started.done():  # a submit before the pool is up would block the reactor: wait here
                await asyncio.wrap_future(self.started)
            pool, running = self.pool, self.running
            assert pool is not None and running is not None
            try:
                future = asyncio.get_running_loop().run_in_executor(
                    pool, self.work, self.reset_every, self.registry, page, token)
                return await asyncio.wait_for(future, outer)
            except TimeoutError:
                self._replace_pool(pool)
                raise PageTimedOut(f"no answer from the extraction pool in {outer:g} s") from None
            except BrokenProcessPool:
                self._replace_pool(pool)
                ran = running.running_for(token)  # None: still queued when the pool broke
                if self.time_limit and ran is not None and ran >= self.time_limit:
                    raise PageTimedOut(f"over the page time limit ({self.time_limit:g} s), worker ended") from None
                if attempt == 2:
                    raise
                logger.info("Extracting %s again: its worker's pool broke", page.url)
                self.crawler.stats.inc_value("newsproj/extract/retried")
        raise AssertionError("unreachable")

    async def process(self, page: PageItem) -> PageOutcome:
        """The page's outcome: an article, a listing with its links, or a drop (counted here; a bad page never
        raises)."""
        try:
            if self.workers:
                outcome = await self._in_pool(page)
            else:
                outcome = process_in_worker(self.reset_every, self.registry, page)
        except PageTimedOut as exc:  # over NEWSPROJ_PAGE_TIME_LIMIT: its worker ended, or the pool stopped answering
            outcome = PageOutcome(url=page.url, drop=exc, error="timeout")
        except BrokenProcessPool:  # a worker died twice (out of memory, a crash in a C library): this page is lost
            logger.error("Extraction worker died on %s", page.url)
            outcome = PageOutcome(url=page.url, drop=ExtractionFailed("extraction worker died"), error="worker_died")
        self._count(outcome)
        return outcome

    def _count(self, outcome: PageOutcome) -> None:
        inc = self.crawler.stats.inc_value
        if outcome.soft_failures:  # (whatever the outcome; none on the happy path)
            for reason in outcome.soft_failures:
                inc(f"newsproj/extract/soft_failure/{reason}")
            logger.info("Soft failures (%s): %s", ", ".join(sorted(set(outcome.soft_failures))), outcome.url)
        if outcome.article is not None:
            inc("newsproj/page/article")
            inc("newsproj/extract/ok")
            for name in outcome.fallbacks:
                inc(f"newsproj/extract/fallback/{name}")
            for _line, reason in outcome.removed:
                inc(f"newsproj/clean/removed/{reason}")
            return
        if outcome.links is not None and outcome.links.truncated:
            inc("newsproj/discovery/links/truncated", outcome.links.truncated)
        if outcome.links is not None and outcome.links.robots_disallowed:
            inc("newsproj/discovery/robots_disallowed", outcome.links.robots_disallowed)
        if outcome.listing:
            inc(f"newsproj/page/listing/{outcome.listing}")
            logger.debug("Listing (%s): %s", outcome.listing, outcome.url)
            return
        drop = outcome.drop or ExtractionFailed("no outcome")
        if isinstance(drop, NotAnArticle):
            reason, level = drop.reason, logging.INFO
            inc(f"newsproj/extract/not_article/{reason}")
        elif outcome.error:  # extraction raised, or its worker died
            reason, level = outcome.error, logging.WARNING
            inc(f"newsproj/extract/error/{outcome.error}")
        else:
            reason, level = "extraction_failed", logging.INFO
        inc(f"newsproj/page/dropped/{reason}")
        inc("item_dropped_count")
        inc(f"item_dropped_reasons_count/{type(drop).__name__}")
        logger.log(level, "Dropped: %s: %s: %s", type(drop).__name__, outcome.url, drop)
