"""ExtractPipeline (100): PageItem → Article. Drops NotAnArticle / ExtractionFailed with their reason.

Extraction is CPU-bound and releases no GIL, so it runs in a pool of ``NEWSPROJ_EXTRACT_WORKERS`` processes
(default: one per core on a multi-core machine, 0 = in the crawl process): the reactor keeps downloading
while pages are extracted, and every core is used.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem, UsageError

from .. import sites
from ..compat import reset_caches
from ..exceptions import ExtractionFailed, NotAnArticle, SiteConfigError
from ..extraction import Extraction, extract, parse_html
from ..extraction.limits import HARD_GRACE, PageTimedOut, call_limited, page_time_limit
from ..items import PageItem

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

    from ..sites import SiteConfig

logger = logging.getLogger(__name__)


def extract_page(
    html: str | bytes,
    url: str,
    site_name: str | None,
    hints: dict[str, Any],
    downloaded: str,
    encoding: str | None = None,
    registry: bool = True,
) -> Extraction:
    """One page, start to end of extraction; runs in a pool worker (everything in and out pickles).

    The page is parsed once, here. Without ``-a site``, its site config is found from its URL, else from its
    canonical link (a publisher's page served from elsewhere, e.g. the corpus on 127.0.0.1). Without the
    ``registry`` (``NEWSPROJ_SITE_REGISTRY=0``), no site file is used: the generic path only.
    """
    tree = parse_html(html, encoding)
    site: SiteConfig | None
    try:
        if not registry:
            site = None
        elif site_name:
            site = sites.load(site_name)
        else:
            site = sites.for_tree(url, tree)
    except SiteConfigError as exc:  # checked at start for -a site; for_url skips broken files
        raise ExtractionFailed(str(exc)) from None
    return extract(tree, url, site, hints, downloaded)


_extracted = 0  # pages extracted by this process (each pool worker counts its own)
_time_limit = 0.0  # NEWSPROJ_PAGE_TIME_LIMIT, set in each pool worker by its initializer (or by the pipeline)
_hard_limit = False  # in a pool worker: a page stuck in C code past the limit ends the worker


def _extract_counted(reset_every: int, *args: Any) -> Extraction:
    """:func:`extract_page` under the page time limit (newsproj/extraction/limits.py), resetting trafilatura's
    module caches (they grow with every page) every ``reset_every`` pages, in the process whose caches they are."""
    global _extracted
    _extracted += 1
    if reset_every and _extracted % reset_every == 0:
        reset_caches()
    return call_limited(_time_limit, _hard_limit, extract_page, *args)


def _warm_up(time_limit: float = 0.0) -> None:
    """Worker start: sets the page time limit, hard in a worker. The imports and model loads were done once, by
    the forkserver the worker was forked from (``set_forkserver_preload``: ``_worker``)."""
    global _time_limit, _hard_limit
    _time_limit, _hard_limit = time_limit, True


def _ready() -> None:
    """A no-op task: submitting one per worker starts the workers before the first page arrives."""


class ExtractPipeline:
    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats
        workers = crawler.settings.get("NEWSPROJ_EXTRACT_WORKERS")
        cores = os.cpu_count() or 1
        try:
            self.workers = (cores if cores > 1 else 0) if workers in (None, "") else int(workers)
        except ValueError:
            raise UsageError(f"NEWSPROJ_EXTRACT_WORKERS: expected a whole number, got {workers!r}") from None
        if self.workers < 0:
            raise UsageError(f"NEWSPROJ_EXTRACT_WORKERS: expected 0 or more, got {self.workers}")
        self.reset_every = crawler.settings.getint("NEWSPROJ_RESET_CACHES_EVERY", 500)
        self.time_limit = page_time_limit(crawler.settings)
        self.registry = crawler.settings.getbool("NEWSPROJ_SITE_REGISTRY", True)
        self.pool: ProcessPoolExecutor | None = None
        self.started: Future[None] = Future()
        """Done once the pool's workers are up (set by the thread that starts them)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def open_spider(self) -> None:
        global _time_limit, _hard_limit
        if self.workers:
            self._start_pool()
        else:  # pages are extracted here, in the crawl process: the soft limit only, never an exit
            _time_limit, _hard_limit = self.time_limit, False

    def _start_pool(self) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["newsproj.pipelines._worker"])
        pool = self.pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_warm_up,
                                               initargs=(self.time_limit,))
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

    def close_spider(self) -> None:
        if self.pool:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _replace_pool(self, broken: ProcessPoolExecutor) -> None:
        """A new pool for one that broke (a worker ended): once, however many of its pages report it."""
        if self.pool is broken:
            logger.warning("Extraction pool lost a worker; starting a new one")
            self.stats.inc_value("newsproj/extract/pool_restarts")
            broken.shutdown(wait=False)  # (its pages already failed; a stuck pool's queued pages may still end)
            self._start_pool()

    async def _in_pool(self, url: str, args: tuple[Any, ...]) -> Extraction:
        """The page extracted in the pool. A worker that ends breaks the pool for every page in it: the page that
        was over its time limit (the worker ended itself, see limits.py) is dropped as timed out, the others are
        extracted once more in the new pool. The outer timeout covers a pool that stops answering at all."""
        outer = (self.time_limit + HARD_GRACE) * 4 if self.time_limit else None
        for attempt in (1, 2):
            pool = self.pool
            assert pool is not None
            start = time.monotonic()
            try:
                future = asyncio.get_running_loop().run_in_executor(pool, _extract_counted, *args)
                return await asyncio.wait_for(future, outer)
            except TimeoutError:
                self._replace_pool(pool)
                raise PageTimedOut(f"no answer from the extraction pool in {outer:g} s") from None
            except BrokenProcessPool:
                self._replace_pool(pool)
                if self.time_limit and time.monotonic() - start >= self.time_limit + HARD_GRACE:
                    raise PageTimedOut(f"over the page time limit ({self.time_limit:g} s), worker ended") from None
                if attempt == 2:
                    raise
                logger.info("Extracting %s again: its worker's pool broke", url)
                self.stats.inc_value("newsproj/extract/retried")
        raise AssertionError("unreachable")

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        args = (self.reset_every, item.html, item.url, item.site, item.hints, item.date_downloaded, item.encoding,
                self.registry)
        try:
            if self.pool:
                if not self.started.done():  # a submit before the pool is up would block the reactor: wait here
                    await asyncio.wrap_future(self.started)
                result = await self._in_pool(item.url, args)
            else:
                result = _extract_counted(*args)
        except PageTimedOut as exc:  # over NEWSPROJ_PAGE_TIME_LIMIT: interrupted, or its worker ended
            logger.warning("Extraction of %s stopped: %s", item.url, exc)
            self.stats.inc_value("newsproj/extract/error/timeout")
            raise ExtractionFailed(f"{item.url}: {exc}", log_level="INFO") from None
        except NotAnArticle as exc:  # counted under its reason: index, paywall, error_page, too_short...
            self.stats.inc_value(f"newsproj/extract/not_article/{exc.reason}")
            raise NotAnArticle(f"{item.url}: {exc}", reason=exc.reason, log_level="INFO") from None
        except DropItem as exc:  # ExtractionFailed, with its reason
            raise type(exc)(f"{item.url}: {exc}", log_level="INFO") from None
        except BrokenProcessPool:  # a worker died (out of memory, a crash in a C library): this page is lost
            logger.error("Extraction worker died on %s", item.url)
            self.stats.inc_value("newsproj/extract/error/worker_died")
            raise ExtractionFailed(f"{item.url}: extraction worker died", log_level="WARNING") from None
        except Exception as exc:  # noqa: BLE001 - one bad page is counted and skipped, never a crash
            logger.error("Extraction raised on %s: %s: %s", item.url, type(exc).__name__, exc)
            self.stats.inc_value(f"newsproj/extract/error/{type(exc).__name__}")
            raise ExtractionFailed(f"{item.url}: {type(exc).__name__}: {exc}", log_level="WARNING") from None
        for name in result.fallbacks:
            self.stats.inc_value(f"newsproj/extract/fallback/{name}")
        self.stats.inc_value("newsproj/extract/ok")
        return result.article
