"""PageExtractor: the crawl's way into the extraction process. ``outcome = await extractor.process(page)``.

A spider builds one with ``PageExtractor.from_crawler(crawler)`` and awaits :meth:`PageExtractor.process` for each
downloaded HTML page (a :class:`newsproj.items.PageItem`); it gets a
:class:`newsproj.extraction.page.PageOutcome` back and only routes it: an article goes on to the item pipelines
(validation → dedup → feed), a listing's links go out as requests (through the spider middlewares), a drop is
already counted here. The news spider and the WARC spider use it alike.

The CPU stages (parse → extract → verdict → clean, :func:`newsproj.extraction.page.process_page`) release no GIL,
so they run in a pool of ``NEWSPROJ_EXTRACT_WORKERS`` processes (default: one per core on a multi-core machine,
0 = in the crawl process): the reactor keeps downloading while pages are extracted, and every core is used. The
workers are driven from the reactor thread (``newsproj/pool.py``: a pipe pair each, no thread hand-off a page).

Stats: ``newsproj/page/article``, ``newsproj/page/listing/<reason>``, ``newsproj/page/dropped/<reason>``;
``newsproj/extract/ok``, ``newsproj/extract/fallback/<field>``, ``newsproj/extract/not_article/<reason>``,
``newsproj/extract/error/<exception>``, ``newsproj/extract/soft_failure/<reason>`` (a step that failed and that the
page went on without: ``newsproj/soft_failures.py``), ``newsproj/clean/removed/<reason>``. A dropped page also counts
as a dropped item (``item_dropped_count``, ``item_dropped_reasons_count/<Reason>``), as if a pipeline had dropped
it, so every page without a record has its reason where the drops of the later stages are.
"""

from __future__ import annotations

import itertools
import logging
import os
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import UsageError

from .exceptions import ExtractionFailed, NotAnArticle
from .extraction import limits
from .extraction.limits import MAX_ELEMENTS, PageTimedOut, page_time_limit
from .extraction.page import PageOutcome, links_in_worker, process_in_worker, set_time_limit
from .pool import WorkerDied, WorkerPool

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

    from .extraction.limits import RunningPages
    from .items import PageItem

logger = logging.getLogger(__name__)

LINKS_AFTER = frozenset({"timeout", "worker_died", "bad_outcome"})
"""Extraction failures after which a seed's or listing's links are read by a job of their own (``links_only``):
the page's own fault or not, the pages it links are no reason to lose (a homepage over the time limit on a loaded
host lost every article it alone linked). ``bad_outcome``: the page was extracted but its outcome could not be
pickled or unpickled between worker and crawl process (a value or an exception of a library that does not travel);
a links-only outcome is lists of URLs, which do."""

MAX_WAITS = 3
"""Times a page that had not started is sent again when the worker it waited in ends (each such end is another
page's: ``pool.PER_WORKER`` - 1 pages may wait behind a page that runs into the hard limit). Bounded: a worker that
dies between pages (not while running one) blames none of them."""


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
        self.pool: WorkerPool | None = None
        self.replaced: tuple[float, int] | None = None
        """The process's page limits this crawl replaced (extracting in the crawl process), until it closes."""
        self.tokens = itertools.count(1)
        self.hard_grace = crawler.settings.getfloat("NEWSPROJ_PAGE_HARD_GRACE", limits.HARD_GRACE)
        """Seconds after the time limit at which a worker stuck in C code is ended (``NEWSPROJ_PAGE_HARD_GRACE``;
        a test shortens it)."""
        self.work = process_in_worker
        """What a worker runs for a page: ``work(reset_every, registry, page, token)`` (a test gives another)."""
        self.links_work = links_in_worker
        """What reads a page's links alone after its extraction failed (:data:`LINKS_AFTER`), with the same arguments
        (a test gives another)."""

    @property
    def running(self) -> RunningPages | None:
        """Which page each worker runs, and since when (shared memory): the hard limit's and a lost worker's
        culprit's source."""
        return self.pool.running if self.pool is not None else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extractor = cls(crawler)
        crawler.signals.connect(extractor.open, signal=signals.spider_opened)
        crawler.signals.connect(extractor.close, signal=signals.spider_closed)
        return extractor

    def open(self) -> None:
        if not self.workers:  # pages are extracted here, in the crawl process: the soft limit only, never an exit
            if self.replaced is None:
                self.replaced = set_time_limit(self.time_limit, max_elements=self.max_elements)
        elif self.pool is None:
            self._start_pool()

    def _start_pool(self) -> None:
        self.pool = WorkerPool(self.workers, (self.time_limit, self.max_elements, self.reset_every, self.registry),
                               self.time_limit, self.hard_grace, on_replaced=self._replaced)
        self.pool.start()

    def _replaced(self) -> None:
        self.crawler.stats.inc_value("newsproj/extract/pool_restarts")

    def close(self) -> None:
        if self.replaced is not None:  # the process's limits as they were (a later crawl in it has its own)
            set_time_limit(*self.replaced)
            self.replaced = None
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    async def _in_pool(self, page: PageItem, work: Any = None, tries: int = 2) -> PageOutcome:
        """The page processed by a worker. A worker that ends fails the pages it had: the page it had been running
        for longer than the time limit (the watchdog ended it, see limits.py) is dropped as timed out, and so is
        the first page of a worker that answered nothing for the outer timeout; a page the worker was running is
        processed once more by another worker, and a page that was only waiting in the worker's pipe (not its
        fault) again each time, up to :data:`MAX_WAITS` times, without using up that one more try. ``work``: what the
        worker runs (:attr:`work` unless given); ``tries``: runs of the page a worker ended in (2: one more try)."""
        token = next(self.tokens)
        attempt = waits = 0
        while True:
            if self.pool is None:  # used before spider_opened (or after close): start it now
                self._start_pool()
            assert self.pool is not None
            try:
                outcome: PageOutcome = await self.pool.run(work or self.work, page, token)
                return outcome
            except WorkerDied as exc:
                if exc.no_answer:
                    raise PageTimedOut(f"no answer from the extraction pool in {self.pool.outer:g} s") from None
                if self.time_limit and exc.ran is not None and exc.ran >= self.time_limit:
                    raise PageTimedOut(f"over the page time limit ({self.time_limit:g} s), worker ended") from None
                # A page that had not started when its worker ended (waiting in its pipe, up to PER_WORKER - 1
                # of them behind the page that ended it) is not at fault: it keeps its tries, up to MAX_WAITS times.
                if exc.ran is None and waits < MAX_WAITS:
                    waits += 1
                else:
                    attempt += 1
                    if attempt >= tries:
                        raise
                logger.info("Extracting %s again: its worker ended", page.url)
                self.crawler.stats.inc_value("newsproj/extract/retried")

    async def process(self, page: PageItem, links_on_failure: bool = False) -> PageOutcome:
        """The page's outcome: an article, a listing with its links, or a drop (counted here; a bad page never
        raises). ``links_on_failure`` (a seed or listing page, not an article link): when its extraction timed
        out, its worker died or its outcome was lost (:data:`LINKS_AFTER`), its links are read by a links-only job
        (:meth:`_links_after`); it stays a drop."""
        try:
            if self.workers:
                outcome = await self._in_pool(page)
            else:
                outcome = process_in_worker(self.reset_every, self.registry, page)
        except PageTimedOut as exc:  # over NEWSPROJ_PAGE_TIME_LIMIT: its worker ended, or the pool stopped answering
            outcome = PageOutcome(url=page.url, drop=exc, error="timeout")
        except ExtractionFailed as exc:  # its worker's answer could not be sent or read (it did not pickle)
            logger.error("Extraction outcome lost on %s: %s", page.url, exc)
            outcome = PageOutcome(url=page.url, drop=exc, error="bad_outcome")
        except BrokenProcessPool:  # a worker died twice (out of memory, a crash in a C library): this page is lost
            logger.error("Extraction worker died on %s", page.url)
            outcome = PageOutcome(url=page.url, drop=ExtractionFailed("extraction worker died"), error="worker_died")
        if links_on_failure and outcome.article is None and outcome.links is None and outcome.error in LINKS_AFTER:
            await self._links_after(page, outcome)
        self._count(outcome)
        return outcome

    async def _links_after(self, page: PageItem, outcome: PageOutcome) -> None:
        """``outcome``'s links, read by a links-only job (parse → ``page_links``) where extraction runs, under the
        same time limit, once (no second try): counted ``newsproj/extract/links_after_timeout``, or
        ``newsproj/extract/links_after_timeout_failed`` when that job fails too (the page stays a counted drop)."""
        inc = self.crawler.stats.inc_value
        try:
            if self.workers:
                found = await self._in_pool(page, self.links_work, tries=1)
            else:
                found = self.links_work(self.reset_every, self.registry, page)
        except ExtractionFailed as exc:  # over the time limit (PageTimedOut), or its outcome lost
            found = PageOutcome(url=page.url, drop=exc)
        except BrokenProcessPool as exc:  # its worker ended (WorkerDied), or the pool is broken
            found = PageOutcome(url=page.url, drop=ExtractionFailed(f"extraction worker died: {exc}"))
        except Exception as exc:  # noqa: BLE001 - a bug on one page's links: counted, never a crash
            found = PageOutcome(url=page.url, drop=ExtractionFailed(f"{type(exc).__name__}: {exc}"))
        if found.links is None:
            inc("newsproj/extract/links_after_timeout_failed")
            logger.warning("Links of %s not read either (its extraction: %s; reading its links alone: %s)",
                           page.url, outcome.error, found.drop)
            return
        outcome.links = found.links
        inc("newsproj/extract/links_after_timeout")
        logger.warning("Links of %s read alone after its extraction failed (%s): %d article links, %d listing links",
                       page.url, outcome.error, len(found.links.articles), len(found.links.listings))

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
        if outcome.links is not None and outcome.links.robots_untracked:
            inc("newsproj/discovery/tracking/robots_untracked", outcome.links.robots_untracked)
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
