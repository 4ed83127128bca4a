"""Everything newsproj needs from its dependencies beyond their public APIs, in one place.

Each shim below names the release it was written for (:data:`WRITTEN_FOR`) and the upstream report that would
make it unnecessary (docs/upstream.md). ``tests/test_compat.py`` fails loudly on any other release: re-read
the upstream code each shim copies or patches, adjust the shim (or drop it when upstream fixed the problem),
then widen the version here. Nothing outside this module touches a private name of Scrapy, Twisted,
trafilatura or CPython.
"""

from __future__ import annotations

import asyncio
import copy
import functools
import logging
import re
import sys
import unicodedata
from contextvars import ContextVar
from importlib.metadata import version
from time import monotonic
from typing import TYPE_CHECKING, Any

from scrapy.core.downloader import Downloader as ScrapyDownloader
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.asyncio import call_later
from scrapy.utils.sitemap import Sitemap

from . import soft_failures

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    import lxml.etree
    import lxml.html
    from scrapy import Request
    from scrapy.core.downloader import Slot
    from scrapy.core.engine import ExecutionEngine
    from scrapy.crawler import Crawler
    from trafilatura.settings import Extractor

logger = logging.getLogger(__name__)

WRITTEN_FOR: dict[str, str] = {
    "scrapy": "2.19",  # StatsCollector, PerSlotCapDownloader, NewsAwareSitemap, requests_in_engine, download_backlog,
    #                engine_closing, finish_close_with_start_items, FEED_STORE_ERROR, stop_once_started
    "trafilatura": "2.3",  # keep_format_characters, MANUALLY_CLEANED, PRECISION_CHROME, reset_caches, extract_in_place,
    #                     forum_thread_page, no_unread_backup, walked_prunes, walked_bodies
    "htmldate": "1.11",  # reset_caches (its logger)
    "python": "3.11 3.12 3.13",  # literal_runs (re._parser)
    "readability-lxml": "0.8",  # memoised_readability_clean, text_only_readability_cleaner
    "py3langid": "0.4",  # language_identifier
    "warcio": "1.8",  # inflate_with_isal
    "scrapy-redis": "0.9",  # compat_redis.RedisDupeFilter (a module of its own: imported only with REDIS_URL)
}
"""Release series (``major.minor``) each dependency's shims were written for and checked against."""


def unexpected_versions() -> list[str]:
    """One line for every installed dependency whose release series the shims were not written for."""
    installed = {
        "scrapy": version("scrapy"),
        "trafilatura": version("trafilatura"),
        "htmldate": version("htmldate"),
        "readability-lxml": version("readability-lxml"),
        "py3langid": version("py3langid"),
        "warcio": version("warcio"),
        "scrapy-redis": version("scrapy-redis"),
        "python": ".".join(map(str, sys.version_info[:3])),
    }
    problems = []
    for name, series in WRITTEN_FOR.items():
        found = installed[name]
        if ".".join(found.split(".")[:2]) not in series.split():
            problems.append(f"newsproj/compat.py was written for {name} {series}, {found} is installed")
    return problems


# ---------------------------------------------------------------------------------------------- Scrapy


_STATS_WRAPPED = ("get_value", "get_stats", "set_value", "set_stats", "inc_value", "max_value", "min_value",
                  "clear_stats", "open_spider", "close_spider")
"""The methods Scrapy 2.19's ``StatsCollector.__getattribute__`` hands out wrapped (a warning for a ``spider``
argument)."""

_NO_SPIDER: Any = object()


def _spider_warning(name: str) -> None:
    """Scrapy 2.19's warning (``scrapy.utils.decorators._warn_spider_arg``) for a ``spider`` argument, pointing at
    the caller."""
    import warnings

    from scrapy.exceptions import ScrapyDeprecationWarning

    warnings.warn(f"Passing a 'spider' argument to StatsCollector.{name}() is deprecated and the argument will be "
                  "removed in a future Scrapy version.", category=ScrapyDeprecationWarning, stacklevel=3)


def _spider_arg_warns(name: str) -> Any:
    """Scrapy's ``MemoryStatsCollector`` method ``name``, warning about a ``spider`` argument as Scrapy's hook does."""
    from scrapy.utils.decorators import _warn_spider_arg

    return _warn_spider_arg(getattr(MemoryStatsCollector, name))


class StatsCollector(MemoryStatsCollector):
    """``STATS_CLASS``: Scrapy's ``MemoryStatsCollector`` without Scrapy 2.19's per-attribute hook.

    Scrapy 2.19's ``StatsCollector.__getattribute__`` runs for every attribute read of the collector, its own
    included: it first looks for ``_cached_<name>``, which for every name but its ten wrapped methods raises and
    catches an ``AttributeError``, and hands those ten out wrapped in a check for a ``spider`` argument (two more
    Python calls a count). Here attributes are read as any object's, the counting methods (``inc_value``,
    ``set_value``, ``get_value``, ``max_value``, ``min_value``) are Scrapy's bodies that warn themselves when given
    a ``spider``, and the other five are wrapped once, at class creation, by Scrapy's own wrapper: 4.4 us an
    ``inc_value`` with the hook, 2.4 with it bypassed for ``_stats`` only, 0.3 now; the warc spider counts ~25
    things a record (Spidermon's field coverage among them)."""

    __getattribute__ = object.__getattribute__

    def get_value(self, key: str, default: Any = None, spider: Any = _NO_SPIDER) -> Any:
        if spider is not _NO_SPIDER:
            _spider_warning("get_value")
        return self._stats.get(key, default)

    def set_value(self, key: str, value: Any, spider: Any = _NO_SPIDER) -> None:
        if spider is not _NO_SPIDER:
            _spider_warning("set_value")
        self._stats[key] = value

    def inc_value(self, key: str, count: int = 1, start: int = 0, spider: Any = _NO_SPIDER) -> None:
        if spider is not _NO_SPIDER:
            _spider_warning("inc_value")
        d = self._stats
        d[key] = d.setdefault(key, start) + count

    def max_value(self, key: str, value: Any, spider: Any = _NO_SPIDER) -> None:
        if spider is not _NO_SPIDER:
            _spider_warning("max_value")
        self._stats[key] = max(self._stats.setdefault(key, value), value)

    def min_value(self, key: str, value: Any, spider: Any = _NO_SPIDER) -> None:
        if spider is not _NO_SPIDER:
            _spider_warning("min_value")
        self._stats[key] = min(self._stats.setdefault(key, value), value)

    get_stats = _spider_arg_warns("get_stats")
    set_stats = _spider_arg_warns("set_stats")
    clear_stats = _spider_arg_warns("clear_stats")
    open_spider = _spider_arg_warns("open_spider")
    close_spider = _spider_arg_warns("close_spider")


class PerSlotCapDownloader(ScrapyDownloader):
    """Scrapy's downloader with the per-slot concurrency cap (``CONCURRENT_REQUESTS_PER_DOMAIN``) enforced.

    In Scrapy 2.19 under the asyncio reactor, ``Downloader._process_queue`` starts each download as an asyncio task
    and the task marks its request as *transferring* only when it first runs; the loop that starts downloads checks
    ``slot.free_transfer_slots()`` before any of those tasks ran, so it drains the slot: every queued request to a
    host is sent at once (8 in flight with a cap of 2: tests/e2e/test_faults.py, test_per_host_concurrency_is_capped).
    This copy of ``_process_queue`` marks the request as transferring before scheduling it (``_download`` adds it
    again, a set, and removes it when done) and tells the politeness middleware when a request leaves its slot.
    Upstream: docs/upstream.md, "Scrapy: CONCURRENT_REQUESTS_PER_DOMAIN ignored under the asyncio reactor".
    """

    def _process_queue(self, slot: Slot) -> None:
        from scrapy.utils.defer import _schedule_coro

        from .middlewares.politeness import request_leaves_slot

        if slot.latercall:
            return  # processing is blocked until slot.latercall runs
        now = monotonic()
        delay = slot.download_delay()
        if delay:
            penalty = delay - now + slot.lastseen
            if penalty > 0:
                slot.latercall = call_later(penalty, self._latercall, slot)
                return
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = now
            request, queue_dfd = slot.queue.popleft()
            slot.transferring.add(request)  # the fix: count it now, not when its task first runs
            self.signals.send_catch_log(request_leaves_slot, request=request)  # Crawl-delay counts from here
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
            if delay:  # prevent a burst when an inter-request delay is configured
                self._process_queue(slot)
                break


class NewsAwareSitemap(Sitemap):
    """Scrapy's ``Sitemap`` that also keeps the ``<news:news>`` fields of each ``<url>`` (``news_title``,
    ``news_publication_date``, ``news_language``...). Scrapy keeps only the direct children of ``<url>`` and has no
    hook for nested ones but its private ``_process_sitemap_element``.
    Upstream: docs/upstream.md, "Scrapy: nested sitemap extensions (news, image) are dropped"."""

    NEWS_FIELDS = frozenset({"publication_date", "title", "language", "name", "keywords"})

    def _process_sitemap_element(self, elem: lxml.etree._Element) -> dict[str, Any] | None:
        news: dict[str, str] = {}
        for child in elem.iter():
            if child is elem or not isinstance(child.tag, str):
                continue
            name = self._get_tag_name(child)
            if name in self.NEWS_FIELDS and child.text and child.getparent() is not elem:
                news[f"news_{name}"] = child.text.strip()
        entry = super()._process_sitemap_element(elem)
        if entry is not None:
            entry.update(news)
        return entry


def requests_in_engine(engine: ExecutionEngine) -> set[Request]:
    """Requests the engine still holds: downloading (or in downloader middlewares) or being scraped (callback
    running, or its items in the item pipelines). Scrapy has no public view of these; this reads
    ``Downloader.active`` and the scraper slot (``active``, and ``queue`` of (result, request, deferred)).
    Upstream: docs/upstream.md, "Scrapy: a public view of the requests the engine holds"."""
    held = set(engine.downloader.active)
    slot = engine.scraper.slot
    if slot is not None:
        held |= slot.active
        held.update(request for _, request, _ in slot.queue)
    return held


def download_backlog(engine: ExecutionEngine) -> int:
    """Requests in the downloader that are not being transferred yet: parked in a downloader middleware (e.g.
    waiting for robots.txt) or waiting for their slot (politeness delay, per-domain concurrency)."""
    downloader = engine.downloader
    return len(downloader.active) - sum(len(slot.transferring) for slot in downloader.slots.values())


def engine_closing(engine: ExecutionEngine) -> bool:
    """Whether the engine has begun closing the spider (``CLOSESPIDER_*``, an extension's ``close_spider``) while
    the crawl goes on: ``Spider.start()`` is still read then (only ``engine.stop`` ends that), so a spider that
    yields items from it must stop itself. Scrapy has no public view of it; this reads ``engine._slot.closing``.
    Upstream: docs/upstream.md, "Scrapy: items yielded by start() and a closing spider"."""
    slot = getattr(engine, "_slot", None)
    return slot is not None and slot.closing is not None


def waits_only_on_items(engine: ExecutionEngine, items: int) -> bool:
    """Whether nothing but ``items`` items an item pipeline holds keeps the engine from going idle: no download in
    the downloader, no response waiting for the scraper, start requests all read, no request scheduled, and at most
    ``items`` responses being scraped (a held item's response stays there until its item leaves the pipelines) and
    ``items`` items in the item pipelines (``itemproc_size``: the warc spider's come from ``start()``); or
    whether the scraper holds so much that the engine fetches no more (``needs_backout``): waiting for anything
    else then waits for nothing. Scrapy has no public view of it; this reads what ``spider_is_idle`` reads
    (``_start``, ``_slot.scheduler``) and the scraper slot. Upstream: docs/upstream.md (as
    :func:`requests_in_engine`)."""
    scraper = engine.scraper.slot
    slot = getattr(engine, "_slot", None)
    if scraper is None or slot is None:
        return True
    if scraper.needs_backout():
        return True
    if engine.downloader.active or scraper.queue or getattr(engine, "_start", None) is not None:
        return False
    if slot.scheduler.has_pending_requests():
        return False
    return len(scraper.active) <= items and scraper.itemproc_size <= items


STARTING_RECHECK = 0.05
"""Seconds between the checks of a stop that waits for the engine to run (:func:`stop_once_started`)."""
STARTING_WAIT = 300.0
"""Longest such a wait (the engine's ``engine_started`` handlers are the project's and Scrapy's: seconds)."""


def stop_once_started(crawler: Crawler) -> None:
    """Make a graceful stop asked while the engine is starting wait for it to run, then stop it.

    Scrapy 2.19's ``Crawler.stop_async`` stops the engine only when it ``running``; the engine is ``_starting``
    but not yet running while it awaits its ``engine_started`` handlers (the telnet console, our extensions). A
    Ctrl-C or SIGTERM then (scrapyd's ``cancel.json`` a moment after the job began) set ``crawling`` False and
    stopped nothing; the process stopped its reactor under the crawl that began a moment later: no
    ``spider_closed`` (no monitor, no manifest, a JOBDIR left "running"), "stopped before it closed (a forced
    shutdown)", exit 1 instead of a pause, 6 (docs24). Now the stop waits, at most :data:`STARTING_WAIT` s, until
    the engine runs (or gave up starting), then stops it as a stop asked a moment later does; from the moment the
    spider opens, not only while ``_starting`` (:func:`_opening`). This reads the engine's ``running``,
    ``_stopping``, ``spider`` and ``_slot.closing`` and the crawler's ``_engine``. Upstream: docs/upstream.md
    (as :func:`engine_closing`)."""
    stop = crawler.stop_async

    async def stop_async() -> None:
        engine = getattr(crawler, "_engine", None)
        deadline = monotonic() + STARTING_WAIT
        while engine is not None and crawler.crawling and _opening(engine) and monotonic() < deadline:
            await asyncio.sleep(STARTING_RECHECK)
        await stop()

    crawler.stop_async = stop_async  # type: ignore[method-assign]


def _opening(engine: ExecutionEngine) -> bool:
    """The engine has a spider it is opening or starting, neither running nor stopping nor closing it yet: from
    ``open_spider_async`` (its scheduler, pipelines and ``spider_opened`` handlers: a large STATE_DIR or JOBDIR
    queue loads there, seconds) to the end of the ``engine_started`` handlers. Only ``_starting`` was waited for:
    a stop during ``spider_opened`` still stopped nothing and the crawl was cut under it, exit 1 (review24). A
    spider that gave up opening (CloseSpider) is closed (``spider`` None, or its slot ``closing``): not waited for,
    since its close awaits this stop (the engine's spider-closed callback)."""
    if engine.running or getattr(engine, "_stopping", False) or engine.spider is None:
        return False
    slot = getattr(engine, "_slot", None)
    return slot is not None and getattr(slot, "closing", None) is None


CLOSE_RECHECK = 0.05
"""Seconds between the scraper-close checks of :func:`finish_close_with_start_items`."""


def finish_close_with_start_items(engine: ExecutionEngine) -> None:
    """Let a spider close whose ``start()`` yields items (the ``warc`` spider).

    Scrapy 2.19 counts an item from ``start()`` as in the item pipelines (``itemproc_size``) but, when the item
    leaves them, does not ask whether a close is waiting for that (only the end of a response's processing calls
    ``Scraper._check_if_closing``). A close begun while such an item is in the pipelines — always with
    ``CLOSESPIDER_ITEMCOUNT``, which fires on the item's own ``item_scraped`` — waited forever: "Closing spider",
    never "Spider closed". Called once the close has begun, this asks again every :data:`CLOSE_RECHECK` seconds
    until the scraper's close has fired. Upstream: docs/upstream.md (as :func:`engine_closing`)."""
    scraper = engine.scraper

    def check() -> None:
        slot = scraper.slot
        if slot is None or slot.closing is None or slot.closing.called:
            return
        scraper._check_if_closing()
        if not slot.closing.called:
            call_later(CLOSE_RECHECK, check)

    check()


FEED_STORE_LOGGER = "scrapy.extensions.feedexport"
FEED_STORE_ERROR = "Error storing %s"
"""The logger and message with which Scrapy 2.19's ``FeedExporter._close_slot`` logs a storage that raised (a disk
full at close, an upload refused), ``exc_info=True``: a traceback in the run's log for what is an outcome, not a
bug of ours (the run says so and exits 4). A text, not an API: on another release the filter that shortens it
(:class:`OneLineStoreError`) may find nothing to shorten, and the traceback is back, nothing worse."""


class OneLineStoreError(logging.Filter):
    """On Scrapy's feed-export logger: its "Error storing <feed>" record becomes one line ending in ``: <Exception>:
    <message>``, without the traceback, which goes to a DEBUG line of this module instead (``LOG_LEVEL=DEBUG``
    shows it). Other records pass unchanged. Upstream: docs/upstream.md, "Scrapy: a feed storage's error is an
    outcome"."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg != FEED_STORE_ERROR or not record.exc_info or record.exc_info[1] is None:
            return True
        exc = record.exc_info[1]
        logger.debug("Feed storage error, traceback:", exc_info=record.exc_info)
        record.msg = f"{FEED_STORE_ERROR}: %s"
        record.args = (*(record.args if isinstance(record.args, tuple) else (record.args,)),
                       f"{type(exc).__name__}: {exc}")
        record.exc_info = None
        record.exc_text = None
        return True


# ---------------------------------------------------------------------------------------------- trafilatura


def _printable_or_format(char: str) -> str:
    """trafilatura's character filter, keeping format characters (category Cf): soft hyphens, and the zero-width
    (non-)joiners that Persian, Indic and emoji text needs. trafilatura drops every non-printable character."""
    return char if char.isprintable() or char.isspace() or unicodedata.category(char) == "Cf" else ""


def keep_format_characters() -> None:
    """Make trafilatura keep format characters (see :func:`_printable_or_format`), for the whole process.

    ``trafilatura.utils.remove_control_characters`` looks ``return_printables_and_spaces`` up at each call, so
    replacing the module attribute changes it; ``trafilatura.meta.reset_caches`` clears the cache of the name it
    imported, so it is replaced there too (else it would clear the unused original's). Idempotent.
    Upstream: docs/upstream.md, "trafilatura: keep format characters (ZWJ/ZWNJ, soft hyphen)"."""
    import trafilatura.meta
    import trafilatura.utils

    if getattr(trafilatura.utils.return_printables_and_spaces, "__wrapped__", None) is _printable_or_format:
        return
    replacement = functools.lru_cache(maxsize=2**14)(_printable_or_format)
    trafilatura.utils.return_printables_and_spaces = replacement
    trafilatura.meta.return_printables_and_spaces = replacement  # type: ignore[attr-defined]


def manually_cleaned() -> tuple[str, ...]:
    """The tags trafilatura removes before extracting in every mode (``trafilatura.settings.MANUALLY_CLEANED``:
    navigation, asides, footers, forms, media, scripts...): a module constant, not part of its documented API."""
    from trafilatura.settings import MANUALLY_CLEANED

    return tuple(MANUALLY_CLEANED)


def _precision_chrome() -> re.Pattern[str]:
    from trafilatura.xpaths import PRECISION_DISCARD_XPATH

    found = [m for xp in PRECISION_DISCARD_XPATH for m in re.findall(r"re:test\(@id\|@class, '([^']+)'\)", xp.path)]
    if not found:  # tests/test_compat.py fails first; extraction still runs, without this shortcut
        return re.compile(r"(?!)")
    return re.compile("|".join(f"(?:{rx})" for rx in found))


PRECISION_CHROME = _precision_chrome()
"""The class and id tokens trafilatura's precision mode drops an element for, as one regex over an attribute value,
read from ``trafilatura.xpaths.PRECISION_DISCARD_XPATH`` (its ``re:test(@id|@class, ...)`` tests; 2.3: ``bottom``
at a token's edge, ``link`` as a whole token). tests/test_compat.py checks they are still found there."""


def _overall_discard() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from trafilatura.xpaths import OVERALL_DISCARD_XPATH

    paths = " ".join(xp.path for xp in OVERALL_DISCARD_XPATH)
    both = re.findall(r"re:test\(@id\|@class, '([^']+)'\)", paths)
    ids = both + re.findall(r"re:test\(@id, '([^']+)'\)", paths)
    classes = both + re.findall(r"re:test\(@class, '([^']+)'\)", paths)
    if not ids or not classes:  # tests/test_compat.py fails first; extraction still runs, every balanced run with it
        return re.compile(r"(?!)"), re.compile(r"(?!)")
    return (re.compile("|".join(f"(?:{rx})" for rx in ids)), re.compile("|".join(f"(?:{rx})" for rx in classes)))


OVERALL_DISCARD_ID, OVERALL_DISCARD_CLASS = _overall_discard()
"""The id and class tokens for which trafilatura drops a block (div, list, item, p, section, span) in every mode before
it extracts, as regexes over an attribute value, read from ``trafilatura.xpaths.OVERALL_DISCARD_XPATH`` (its
``re:test(@id|@class, ...)``, ``re:test(@id, ...)`` and ``re:test(@class, ...)`` tests: navigation, consent, share,
related and ad containers...). tests/test_compat.py checks they are still found there."""


def reset_caches() -> None:
    """trafilatura's cache reset (also htmldate's and courlan's, then a GC run), without the ERROR line htmldate
    logs on every call when charset_normalizer is its compiled build (whose functions have no ``cache_clear``):
    htmldate 1.11's ``reset_caches`` logs that from the ``htmldate.meta`` logger, which is silenced for the call.
    Upstream: docs/upstream.md, "htmldate: reset_caches logs an error with compiled charset_normalizer"."""
    from trafilatura.meta import reset_caches as reset

    htmldate_log = logging.getLogger("htmldate.meta")
    disabled, htmldate_log.disabled = htmldate_log.disabled, True
    try:
        reset()
    finally:
        htmldate_log.disabled = disabled


def extract_in_place(tree: lxml.html.HtmlElement, options: Extractor, prune_xpath: Sequence[str] = ()) -> str | None:
    """The text of ``trafilatura.bare_extraction(tree, options=options, prune_xpath=...)`` (None where it returns
    None or no text), extracted from ``tree`` itself: bare_extraction copies an element input before it extracts
    (trafilatura 2.3: ``if tree is filecontent: tree = copy(tree)``), and newsproj hands it a copy of the page made for
    that run already (extraction/generic.py's pruned page). In 2.3.1 the extraction then edits that tree only by the
    ``prune_xpath`` and by the raw-tree prunes of ``trafilatura_sequence`` (its infinite-scroll and share containers,
    and the comment containers when comments are off); every later stage works on copies of it. ``tree`` comes back
    without those containers, as any later run would remove them, so the other mode can run on it again (not on a
    thread-forum page, where the modes prune different containers: :func:`forum_thread_page`).

    Only for the options newsproj uses (Python output, no metadata, target language, deduplication or tree size cap);
    others go through bare_extraction, copy and all. The body is bare_extraction's for those options, less the copy.
    Upstream: docs/upstream.md, "trafilatura: bare_extraction copies a tree its caller made for it"."""
    import trafilatura
    from lxml.etree import XPath
    from trafilatura.core import trafilatura_sequence
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.xml import xmltotxt

    if options.format != "python" or options.with_metadata or options.lang or options.dedup or options.max_tree_size:
        document = trafilatura.bare_extraction(tree, options=options, prune_xpath=list(prune_xpath) or None)
        return (document.text if document is not None and not isinstance(document, dict) else None) or None
    ours = _OUR_RUN.set(True)  # (trafilatura's raw-tree prunes as walks: walked_prunes)
    try:
        if prune_xpath:
            tree = prune_unwanted_nodes(tree, [XPath(x) for x in prune_xpath])
        postbody, text, _, comments = trafilatura_sequence(tree, options, options.url)
        if len(text) < options.min_output_size and len(comments) < options.min_output_comm_size:
            return None  # (too little text: no failure, bare_extraction's None too)
    except (TypeError, ValueError) as exc:  # trafilatura failed on the page: bare_extraction logs it, returns None
        logger.warning("trafilatura discarded %s: %s: %s", options.url, type(exc).__name__, exc)
        soft_failures.note("trafilatura")
        return None
    finally:
        _OUR_RUN.reset(ours)
    return xmltotxt(postbody, options.formatting) or None


_OUR_RUN: ContextVar[bool] = ContextVar("newsproj_extract_in_place", default=False)
"""Set while :func:`extract_in_place` runs trafilatura's sequence: its raw-tree prunes are walks there
(:func:`walked_prunes`), not in any other run (``trafilatura.extract`` of the bench's bare figure among them)."""

_ATTRIBUTES = r"@[\w-]+(?:\|@[\w-]+)*"
_TEST = re.compile(
    rf"\s*(?:re:test\((?P<rx_on>{_ATTRIBUTES}),\s*'(?P<rx>[^']*)'(?:,\s*'(?P<flags>[^']*)')?\)"
    rf"|(?:contains|starts-with)\((?P<literal_on>{_ATTRIBUTES}),\s*'(?P<literal>[^']*)'\)"
    r"|(?P<equal_on>@[\w-]+)\s*=\s*'(?P<equal>[^']*)'"
    r"|contains\(translate\((?P<translated_on>@[\w-]+),\s*'(?P<source>[^']*)',\s*'(?P<target>[^']*)'\),"
    r"\s*'(?P<translated>[^']*)'\)"
    r"|(?P<present_on>@[\w-]+))\s*(?:or\s|$)")
"""One test of an element's attributes in an XPath's predicate: what a match of it holds (:meth:`TagWalk.of`). A
``re:test`` may carry EXSLT's flags: ``'i'`` (case ignored) is read, any other refused."""
_WALKABLE = re.compile(
    r"\s*\.//\*(?:\[\s*(?P<tags>self::[\w-]+(?:\s+or\s+self::[\w-]+)*)\s*\])?"
    r"\s*\[(?P<tests>(?:[^\]'\[]|'[^']*')*)\](?P<rest>(?:\s*\[(?:[^\]'\[]|'[^']*')*\])*)\s*", re.S)
"""Later predicates only (``rest``): a path step or a union after them (``/..``, ``//*``, ``| .//p``) would be
evaluated from each element the walk finds, so the same element could come twice or out of document order."""
_POSITIONAL = re.compile(r"\b(?:position|last|count|sum|number|string-length|floor|ceiling|round)\s*\(|\$|[+]"
                         r"|\s(?:div|mod|-)\s|^\s*-?\.?\d")
"""A later predicate that may be a number (``[1]``, ``[last()]``, ``[position() < 2]``): a position among the children
of the element's parent in ``.//*``, always 1 in ``self::*``, so its walk would keep what the XPath drops."""


class TagWalk:
    """``xpath(tree)`` for an XPath of the shape ``.//*[self::a or self::b ...][T or T ...]...`` (the tag test may be
    absent) where each ``T`` tests an attribute (``re:test(@x|@y, 'regex')``, ``contains(@x, 'literal')``,
    ``starts-with(@x, 'literal')``, ``@x='value'``, ``@x``, ``contains(translate(@x, ...), ...)`` that deletes no
    character), and any predicates after those that give no position (no step, union or ``[1]``): the same elements
    in the same (document) order, found by lxml's walk of the elements of those tags
    (in C, ~0.04 ms a page) that have a tested attribute holding one of the literals every match of its test holds
    (:func:`needles`; any value for ``@x`` and ``translate``), each then tested by the XPath's predicates from that
    element: in Python where every predicate is such tests (:class:`_PythonTests`), else by the XPath itself
    (``self::*[...][...]...``). libxml2's evaluation of such an XPath costs ~0.6 ms a page: every element of the page
    tested in its own walk, a call into Python for each ``re:test``."""

    __slots__ = ("tags", "attributes", "exact", "by_name")

    def __init__(self, tags: tuple[Any, ...], attributes: tuple[tuple[str, re.Pattern[str] | None], ...], exact: Any):
        self.tags = tags
        self.attributes = attributes
        self.exact = exact
        self.by_name = dict(attributes)

    @classmethod
    def of(cls, xpath: Any) -> TagWalk | None:
        """The walk of ``xpath`` (an ``lxml.etree.XPath``), or None when it has not that shape or a test holds no
        literal every match of it holds."""
        from lxml.etree import XPath

        shape = _WALKABLE.fullmatch(xpath.path)
        if shape is None:
            return None
        tags, tests, rest = shape.group("tags", "tests", "rest")
        if any(_POSITIONAL.search(re.sub(r"'[^']*'", "''", predicate)) for predicate in re.findall(
                r"\[((?:[^\]'\[]|'[^']*')*)\]", rest)):
            return None
        wanted: dict[str, list[str] | None] = {}  # attribute → literals one of which a match holds (None: any value),
        #                                          each as a regex (case ignored where the test's flags say so)
        at = 0
        checks: list[tuple[str, tuple[str, ...], Any]] = []  # (kind, attributes, argument): the tests in Python
        while at < len(tests):
            test = _TEST.match(tests, at)
            if test is None or test.end() == at:
                return None
            at = test.end()
            names = test.group("rx_on") or test.group("literal_on") or test.group("equal_on")
            flags = test.group("flags") or ""
            if flags not in ("", "i"):
                return None
            checks.append(_check(test))
            if test.group("rx_on"):
                # (with 'i', a match holds one of the pattern's literals in some case: the literals are searched so)
                found = needles(test.group("rx"))
            else:
                found = [test.group("literal") if test.group("literal_on") else test.group("equal")]
            if test.group("translated_on"):  # the literal's longest run of characters translate() neither reads
                names = test.group("translated_on")  # nor writes ("easer" of "teaser" where "T" becomes "t")
                if len(test.group("source")) > len(test.group("target")):
                    return None  # (it deletes characters: the literal's runs need not be runs of the attribute)
                changed = set(test.group("source") + test.group("target"))
                found = [max(re.split("|".join(map(re.escape, changed)) or "(?!)", test.group("translated")), key=len)]
            if names is None:  # (any value of the attribute may match)
                names, found = test.group("present_on"), None
            elif not found or not all(found):
                return None
            for name in names.split("|"):
                name = name.lstrip("@")
                if found is None or wanted.get(name, []) is None:
                    wanted[name] = None
                else:
                    wanted[name] = [*wanted.get(name, []),  # type: ignore[misc]
                                    *(f"(?i:{re.escape(f)})" if flags else re.escape(f) for f in found)]
        exact = XPath(f"self::*{f'[{tags}]' if tags else ''}[{tests}]{rest}",
                      namespaces={"re": "http://exslt.org/regular-expressions"})
        from lxml.etree import Element

        tag_names = tuple(tag.strip()[len("self::"):] for tag in tags.split(" or ")) if tags else (Element,)
        groups = [tuple(checks)]  # (each later predicate that is tests alone too: every group must pass)
        for predicate in re.findall(r"\[((?:[^\]'\[]|'[^']*')*)\]", rest):
            group = _checks(predicate)
            if group is None:
                break
            groups.append(group)
        else:  # (the tag test and tests alone: Python's tests of them, as libxml2's)
            exact = _PythonTests(frozenset(tag_names) if tags else None, tuple(groups))
        return cls(tag_names, tuple((name, None if found is None else re.compile("|".join(found)))
                                    for name, found in wanted.items()), exact)

    def __call__(self, tree: lxml.etree._Element) -> list[lxml.etree._Element]:
        """The XPath's elements: :meth:`among` over the tree's descendants (``.//*``) of the walk's tags, each
        element's attributes read in one ``items()`` call, not a ``get()`` for each tested name (most elements hold
        one or two attributes, a walk tests up to five: ~12 % less over the walks of trafilatura's prunes)."""
        by_name, exact = self.by_name, self.exact
        found = []
        if len(by_name) < 3:
            for el in tree.iterdescendants(*self.tags):
                for name, literals in self.attributes:
                    value = el.get(name)
                    if value is not None and (literals is None or literals.search(value)):
                        found += exact(el)
                        break
            return found
        for el in tree.iterdescendants(*self.tags):
            for name, value in el.items():
                if name in by_name:
                    literals = by_name[name]
                    if literals is None or literals.search(value):
                        found += exact(el)
                        break
        return found

    @property
    def attribute_names(self) -> frozenset[str]:
        """The attributes the XPath tests: every element it finds has one of them."""
        return frozenset(name for name, _ in self.attributes)

    def finds(self, el: lxml.etree._Element) -> bool:
        """Whether the XPath finds ``el`` (its tag and its predicates), for a caller walking the tree itself."""
        if isinstance(self.tags[0], str) and el.tag not in self.tags:
            return False
        for name, literals in self.attributes:
            value = el.get(name)
            if value is not None and (literals is None or literals.search(value)):
                return bool(self.exact(el))
        return False

    def among(self, elements: Iterable[lxml.etree._Element]) -> list[lxml.etree._Element]:
        """The elements of ``elements`` that the XPath's predicates keep, in their order: the walk's tests without its
        walk, for a caller that holds already, in document order, every element of the tree that has one of the
        tested attributes (:attr:`attribute_names`). The tree's element itself is tested too: ``//*`` holds it,
        where ``.//*`` does not."""
        found = []
        for el in elements:
            for name, literals in self.attributes:
                value = el.get(name)
                if value is not None and (literals is None or literals.search(value)):
                    found += self.exact(el)
                    break
        return found

    def among_joined(self, elements: Sequence[lxml.etree._Element], joined: Mapping[str, JoinedValues]
                     ) -> list[lxml.etree._Element]:
        """:meth:`among` for a caller that holds, of each attribute the XPath tests, the values of ``elements`` as one
        :class:`JoinedValues`: each attribute's literals searched once over them all (in C), not once an element (a
        Python call each, and the ``get()`` before it), then the XPath's predicates on the elements found. The same
        elements in the same order; :meth:`among` where an attribute matches any value (``@x``) or is not held."""
        if any(literals is None or name not in joined for name, literals in self.attributes):
            return self.among(elements)
        hits: set[int] = set()
        for name, literals in self.attributes:
            hits.update(joined[name].holding(literals))  # type: ignore[arg-type]
        found = []
        for index in sorted(hits):
            found += self.exact(elements[index])
        return found


class JoinedValues:
    """One attribute's values of a list of elements in one string, each value followed by ``"\\0"`` (an absent one
    empty): a search of literals over the string finds the elements whose value holds one, as a search of each value
    would. ``"\\0"`` is in no value (an XML string holds no NUL: lxml refuses one) and in no literal a :class:`TagWalk`
    searches (:meth:`holding` makes sure), so a match lies inside one value."""

    __slots__ = ("text",)

    def __init__(self, values: Iterable[str | None]):
        self.text = "\0".join([value or "" for value in values]) + "\0"

    def holding(self, literals: re.Pattern[str]) -> list[int]:
        """The indexes of the values that ``literals`` finds a match in, ascending."""
        if literals.search("\0") is not None or "\0" in literals.pattern:
            raise ValueError(f"literals that may match the separator: {literals.pattern!r}")
        found: list[int] = []
        text, search, at, index = self.text, literals.search, 0, 0
        while (match := search(text, at)) is not None:
            index += text.count("\0", at, match.start())  # (the values before the match's, since the last one)
            found.append(index)
            at = text.index("\0", match.start()) + 1  # (the next value: one match a value is enough)
            index += 1
        return found


def _checks(tests: str) -> tuple[tuple[str, tuple[str, ...], Any], ...] | None:
    """A predicate's tests (``T or T ...``, as ``_TEST`` reads them) as :class:`_PythonTests` runs them, or None when
    it holds anything else."""
    checks, at = [], 0
    while at < len(tests):
        test = _TEST.match(tests, at)
        if test is None or test.end() == at or (test.group("flags") or "") not in ("", "i"):
            return None
        at = test.end()
        checks.append(_check(test))
    return tuple(checks) or None


def _check(test: re.Match[str]) -> tuple[str, tuple[str, ...], Any]:
    """One test read by ``_TEST`` as :class:`_PythonTests` runs it: its kind, the attributes it reads (a union
    ``@a|@b``: the first of them the element holds, in the order of its attributes) and its argument."""
    if test.group("rx_on"):  # (lxml's EXSLT re:test: re.search, case ignored for 'i')
        flags = re.IGNORECASE if "i" in (test.group("flags") or "") else 0
        search = re.compile(test.group("rx"), flags).search
        return "search", _attributes(test.group("rx_on")), (search, search("") is not None)
    if test.group("literal_on"):
        kind = "contains" if test.group(0).lstrip().startswith("contains") else "starts-with"
        return kind, _attributes(test.group("literal_on")), test.group("literal")
    if test.group("equal_on"):
        return "equal", _attributes(test.group("equal_on")), test.group("equal")
    if test.group("translated_on"):  # (XPath's translate(): a source character's first place gives its target;
        table: dict[int, int | None] = {}  # one past the target's end is deleted)
        source, target = test.group("source"), test.group("target")
        for at, char in enumerate(source):
            table.setdefault(ord(char), ord(target[at]) if at < len(target) else None)
        return "translated", _attributes(test.group("translated_on")), (table, test.group("translated"))
    return "present", _attributes(test.group("present_on")), None


def _attributes(names: str) -> tuple[str, ...]:
    return tuple(name.strip().lstrip("@") for name in names.split("|"))


class _PythonTests:
    """``self::*[tags][T or T ...][T or T ...]...`` of :meth:`TagWalk.of` (every predicate tests attributes alone) on
    one element, in Python: a list of that element or an empty one, as the XPath gives. libxml2's evaluation costs
    ~9 µs an element where the tests hold a ``re:test`` (lxml calls into Python for it, through its XPath context);
    these tests are those lxml runs (``re.search``, case ignored for ``'i'``), without that round trip. An attribute
    union's string is its first attribute in document order: libxml2 orders an element's attributes as it holds them
    (the source order), which lxml's ``keys()`` gives; an absent attribute is the empty string (``@x='v'`` and ``@x``
    need it present); ``translate()`` maps a character by its first place in the source."""

    __slots__ = ("tags", "groups")

    def __init__(self, tags: frozenset[str] | None, groups: tuple[tuple[tuple[str, tuple[str, ...], Any], ...], ...]):
        self.tags = tags
        self.groups = groups  # (the predicates: each an "or" of tests)

    def __call__(self, el: lxml.etree._Element) -> list[lxml.etree._Element]:
        return [el] if self.passes(el) else []

    def passes(self, el: lxml.etree._Element) -> bool:
        """Whether the XPath finds ``el``."""
        if self.tags is not None and el.tag not in self.tags:
            return False
        for checks in self.groups:
            if not self._any(el, checks):
                return False
        return True

    @staticmethod
    def _any(el: lxml.etree._Element, checks: tuple[tuple[str, tuple[str, ...], Any], ...]) -> bool:
        for kind, names, argument in checks:
            if len(names) == 1:
                value = el.get(names[0])
            else:  # (the first in the element's order where it holds more than one: keys() only then)
                held = [name for name in names if el.get(name) is not None]
                value = None if not held else el.get(held[0]) if len(held) == 1 else el.get(
                    next(name for name in el.keys() if name in held))
            if kind == "present":
                if value is not None:
                    return True
            elif kind == "equal":
                if value == argument:
                    return True
            elif kind == "search":
                if argument[1] if value is None else argument[0](value) is not None:
                    return True
            elif kind == "contains":
                if argument in (value or ""):
                    return True
            elif kind == "starts-with":
                if (value or "").startswith(argument):
                    return True
            elif argument[1] in (value or "").translate(argument[0]):
                return True
        return False


def needles(pattern: str) -> list[str] | None:
    """Literal strings, one of which every string that ``re.search(pattern, ...)`` finds a match in holds: the
    longest literal run of the pattern's top-level sequence, else those of a group in it, else the needles of each
    alternative of an alternation in it (read with CPython's regex parser, as :func:`literal_runs`); None when there
    are none, or where the pattern ignores case."""
    import re._parser as sre_parse  # type: ignore[import-not-found]

    try:
        rx = re.compile(pattern)
        items = list(sre_parse.parse(pattern, rx.flags))
    except Exception:  # noqa: BLE001 - unreadable: the caller takes no shortcut
        return None
    return None if rx.flags & re.IGNORECASE else _needles(items)


def _needles(items: Any) -> list[str] | None:
    import re._parser as sre_parse  # type: ignore[import-not-found]

    run = max(_runs(items), key=len)
    if run:
        return [run]
    for op, arg in items:
        found = None
        if op == sre_parse.SUBPATTERN and not arg[1] & re.IGNORECASE:  # a group: its sequence is in every match
            found = _needles(list(arg[3]))
        elif op == sre_parse.ASSERT:  # a lookaround: what it holds is in the string
            found = _needles(list(arg[1]))
        elif op == sre_parse.BRANCH:
            each = [_needles(list(alternative)) for alternative in arg[1]]
            found = [n for alternative in each for n in alternative or ()] if all(each) else None
        if found:
            return found
    return None


_FIRST_OF = re.compile(r"\s*\((?P<inner>.*)\)\s*\[\s*1\s*\]\s*|(?P<step>.*\])\s*\[\s*1\s*\]\s*", re.S)
"""``(P)[1]``, or ``P[1]`` where ``P`` ends with a predicate (:meth:`FirstMatch.of`)."""
_ALL_OF_TAG = re.compile(r"\s*\.//(?P<tag>[a-z][\w-]*)\s*")
"""``.//tag``: every descendant of the tag."""


def _alternatives(path: str) -> list[str]:
    """The alternatives of a union ``A | B``: ``path`` split at each ``|`` outside quotes, brackets and parentheses."""
    parts, depth, quote, start = [], 0, "", 0
    for at, char in enumerate(path):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(path[start:at])
            start = at + 1
    parts.append(path[start:])
    return parts


class FirstMatch:
    """``expr(tree)`` for one of trafilatura's ``BODY_XPATH`` expressions in :func:`extract_in_place`'s runs, of which
    trafilatura reads only the first element (``main_extractor._extract``: ``next(s for s in expr(tree) ...)``): that
    element alone (a list of one, or none), found by one walk of the page's elements of the tested tags that stops at
    it. Each alternative of the XPath (a union ``A | B``) is ``(P)[1]``, ``P[1]`` or ``(.//tag)[1]`` where ``P`` is a
    :class:`TagWalk` (``.//*[self::div or ...][T or T ...]``): the first element of each in document order is the
    first that ``P`` finds (``P[1]``'s position counts among an element's siblings, and the first match of the page
    has no matching sibling before it), so the first of the union is the first element that any alternative finds.
    libxml2's evaluation of those XPaths tests every element of the page, a call into Python for each ``re:test``
    (0.4-1 ms a page each on the dev corpora), and builds the whole list; trafilatura then takes its first element.
    Any other run of trafilatura evaluates the XPath itself."""

    __slots__ = ("xpath", "tags", "alternatives")

    def __init__(self, xpath: Any, tags: tuple[Any, ...], alternatives: tuple[TagWalk | str, ...]):
        self.xpath = xpath
        self.tags = tags
        self.alternatives = alternatives

    @classmethod
    def of(cls, xpath: Any) -> FirstMatch | None:
        """The first match of ``xpath`` (an ``lxml.etree.XPath``), or None when an alternative has another shape."""
        from lxml.etree import Element, XPath, XPathSyntaxError

        alternatives: list[TagWalk | str] = []
        for alternative in _alternatives(xpath.path):
            shape = _FIRST_OF.fullmatch(alternative)
            if shape is None:
                return None
            inner = shape.group("inner") if shape.group("inner") is not None else shape.group("step")
            whole = _ALL_OF_TAG.fullmatch(inner)
            if whole is not None and shape.group("inner") is not None:
                alternatives.append(whole.group("tag"))
                continue
            try:
                walk = TagWalk.of(XPath(inner, namespaces={"re": "http://exslt.org/regular-expressions"}))
            except XPathSyntaxError:  # ("(A)[1]/(B)[1]": not one alternative's parentheses)
                return None
            if walk is None:
                return None
            alternatives.append(walk)
        tags: set[Any] = set()
        for each in alternatives:
            tags.update(each.tags if isinstance(each, TagWalk) else (each,))
        return cls(xpath, (Element,) if Element in tags else tuple(sorted(tags)), tuple(alternatives))

    def __call__(self, tree: lxml.etree._Element) -> list[lxml.etree._Element]:
        if not _OUR_RUN.get():
            return self.xpath(tree)  # type: ignore[no-any-return]
        first = self.first(tree)
        return [] if first is None else [first]

    def first(self, tree: lxml.etree._Element) -> lxml.etree._Element | None:
        """The first descendant of ``tree`` in document order that an alternative finds, or None."""
        for el in tree.iter(*self.tags):
            if el is tree:
                continue  # (``.//``: the descendants)
            for alternative in self.alternatives:
                if isinstance(alternative, str):
                    if el.tag == alternative:
                        return el
                elif alternative.finds(el):
                    return el
        return None


def walked_prunes() -> None:
    """Make the prunes of :func:`extract_in_place`'s runs find their elements by :class:`TagWalk`: the lists of XPaths
    in ``trafilatura.xpaths`` that ``prune_unwanted_nodes`` evaluates (in ``trafilatura.core``: the raw-tree prunes of
    infinite-scroll, share and comment containers; in ``main_extractor``: the discarded blocks of every mode, captions,
    teasers and precision mode's; in ``external``: the comparison's discarded blocks), each XPath of a walkable shape:
    the same elements, ~3 ms a page less. Every other run of trafilatura in the process evaluates its XPaths as
    before; an XPath of another shape (``.//header``, or a later release's) keeps its own evaluation. Idempotent.
    Upstream: docs/upstream.md, "trafilatura: the prune XPaths call Python for every element"."""
    import trafilatura.core as core
    import trafilatura.external as external
    import trafilatura.htmlprocessing as htmlprocessing
    import trafilatura.main_extractor as main_extractor
    import trafilatura.xpaths as xpaths
    from lxml.etree import XPath

    original = htmlprocessing.prune_unwanted_nodes
    if getattr(core.prune_unwanted_nodes, "__wrapped__", None) is original:
        return
    walks: dict[int, tuple[list[Any], list[Any]]] = {}  # id of a list of trafilatura.xpaths → (it, its walks)
    for nodelist in vars(xpaths).values():
        if isinstance(nodelist, list) and nodelist and all(isinstance(xpath, XPath) for xpath in nodelist):
            walked = [TagWalk.of(xpath) or xpath for xpath in nodelist]
            if walked != nodelist:
                walks[id(nodelist)] = (nodelist, walked)

    @functools.wraps(original)
    def prune(tree: lxml.html.HtmlElement, nodelist: list[Any], with_backup: bool = False) -> Any:
        if _OUR_RUN.get():
            known = walks.get(id(nodelist))
            if known is not None and known[0] is nodelist:
                nodelist = known[1]
        return original(tree, nodelist, with_backup)

    for module in (core, main_extractor, external):
        if getattr(module, "prune_unwanted_nodes", None) is original:  # (the name each imported from htmlprocessing)
            module.prune_unwanted_nodes = prune  # type: ignore[attr-defined]


def walked_bodies() -> None:
    """Make the body XPaths of :func:`extract_in_place`'s runs (``trafilatura.main_extractor.BODY_XPATH``: the article,
    post or content container each run looks for first) find their first element by :class:`FirstMatch`, the only
    element trafilatura reads of them: the same element, one walk of the page that stops at it. Every other run of
    trafilatura in the process evaluates the XPaths as before; an XPath of another shape (a later release's) keeps
    its own evaluation. Idempotent. Upstream: docs/upstream.md, "trafilatura: the prune XPaths call Python for every
    element"."""
    import trafilatura.main_extractor as main_extractor

    if any(isinstance(expr, FirstMatch) for expr in main_extractor.BODY_XPATH):
        return
    main_extractor.BODY_XPATH = [FirstMatch.of(expr) or expr for expr in main_extractor.BODY_XPATH]


def no_unread_backup() -> None:
    """Make trafilatura's tree preparation skip the backup copy of the cleaned tree where nothing reads it, for the
    whole process. ``trafilatura.core._prepare_tree`` (2.3.1) returns the cleaned tree and a copy of it made before
    its tags are converted; ``trafilatura_sequence`` reads that copy only for the external comparison (not in fast
    mode) and for a thread-forum's posts (only with comments on). In fast mode without comments (newsproj's precise
    run) the copy, a whole-tree copy a run, is thrown away unread: it is not made there, and None stands in for it.
    Every other run (trafilatura.extract's defaults among them) prepares its tree as before. Idempotent.
    Upstream: docs/upstream.md, "trafilatura: bare_extraction copies a tree its caller made for it"."""
    import trafilatura.core as core
    from trafilatura.htmlprocessing import convert_tags, tree_cleaning

    if getattr(core._prepare_tree, "__wrapped__", None) is not None:
        return
    original = core._prepare_tree

    @functools.wraps(original)
    def prepare(tree: lxml.html.HtmlElement, options: Extractor, url: str | None) -> tuple[Any, Any]:
        if options.fast and not options.comments:
            return convert_tags(tree_cleaning(copy.copy(tree), options), options, url), None
        return original(tree, options, url)

    core._prepare_tree = prepare


def forum_thread_page(tree: lxml.html.HtmlElement) -> bool:
    """trafilatura's test for a thread-forum page (a schema.org DiscussionForumPosting in the page's JSON-LD), on
    which its precision and balanced modes prune different containers (``trafilatura.core._forum_thread_page``)."""
    from trafilatura.core import _forum_thread_page

    return bool(_forum_thread_page(tree))


# ---------------------------------------------------------------------------------------------- readability-lxml

_CLEAN_MEMO_CHARS = 1 << 20
"""Characters of text the memo of :func:`memoised_readability_clean` holds before it starts again (a few MB at most)."""

_SPACE_RUN = re.compile(r"\s{2,}|[^\S ]")
"""A run of white space that readability-lxml's ``clean`` may change: two characters or more, or one that is not a
space. Taken whole from its first character (greedy), so each match is a maximal run; linear."""
_TABS_OR_SPACES = re.compile(r"\t|[ \t]{2,}")  # (readability-lxml's third pass, verbatim)


def _squeezed_run(match: re.Match[str]) -> str:
    run = match.group()
    if len(run) >= 255:  # pass 1 makes it 255 spaces (a newline in it gone), pass 3 one space
        return " "
    if "\n" in run:  # pass 2: a run holding a newline is that newline; pass 3 leaves it
        return "\n"
    return _TABS_OR_SPACES.sub(" ", run) if "\t" in run or "  " in run else run  # pass 3 alone


def readability_clean(text: str) -> str:
    """readability-lxml 0.8.4.1's ``clean(text)``, the same string, in one pass over the text instead of three.

    Its three ``re.sub`` passes (``\\s{255,}`` → 255 spaces, ``\\s*\\n\\s*`` → newline, ``\\t|[ \\t]{2,}`` →
    space, then ``strip()``) each touch only white space, and none of them joins two runs of it: so each maximal
    run can be squeezed alone (:func:`_squeezed_run`), and a lone space is left as it is. The passes tried a
    pattern at every character of every text the scorer measures: ~0.7 ms of CPU a page over the dev pages
    (every third page; the texts the memo missed), this ~0.16 ms, the same strings. ``tests/test_compat.py`` pins
    upstream's source and compares the two on runs of every kind and on random white space."""
    return _SPACE_RUN.sub(_squeezed_run, text).strip()


def memoised_readability_clean() -> None:
    """Make readability-lxml's ``clean()`` (whitespace runs squeezed: the text measure of each of its scoring steps,
    three regex passes over the text) remember its results, for the whole process. Its scorer measures the same
    texts again and again (each link's text once for every candidate block holding it, a paragraph's for its
    parent and grandparent): on the 193 dev pages that ask for readability's block, 73 % of the calls are
    repeats, ~9 % of its time. ``clean`` is a pure function of its string, so every result is the same; the memo
    is bounded (``_CLEAN_MEMO_CHARS``). ``readability.readability.text_length`` and the scorer look ``clean`` up
    in the module at each call, so replacing the module attribute changes it (trafilatura's readability is its own
    fork, untouched). A text not yet remembered is squeezed by :func:`readability_clean` (the same string as
    upstream's, in one pass instead of three). Idempotent. Upstream: docs/upstream.md, "readability-lxml: the scorer
    measures texts again"."""
    import readability.readability as upstream

    if getattr(upstream.clean, "__wrapped__", None) is not None:
        return
    original = upstream.clean
    memo: dict[str, str] = {}
    held = 0

    @functools.wraps(original)
    def clean(text: str) -> str:
        nonlocal held
        found = memo.get(text)
        if found is None:
            found = readability_clean(text)
            if held + len(text) > _CLEAN_MEMO_CHARS:
                memo.clear()
                held = 0
            memo[text] = found
            held += len(text)
        return found

    upstream.clean = clean


def text_only_readability_cleaner() -> None:
    """Make readability-lxml's page cleaner (``readability.readability.html_cleaner``, an lxml ``Cleaner`` run on a
    copy of the page at each ``summary()`` attempt) leave JavaScript in attributes alone, for the whole process: it
    deletes every ``on*`` attribute and blanks every ``javascript:`` link (lxml's ``rewrite_links`` over every link of
    the page, ~20 % of ``summary()``'s time on newsproj's dev pages). No text depends on them: readability scores
    elements by their text, tags, class and id, drops ``<script>`` and ``<style>``, and newsproj reads only the text of
    the block it returns (extraction/generic.py's ``block_lines``). Everything else the cleaner does stays
    (scripts, comments, styles, ``<link>`` elements, processing instructions). Idempotent.
    Upstream: docs/upstream.md, "readability-lxml: the scorer measures texts again"."""
    import readability.readability as upstream

    cleaner = upstream.html_cleaner
    if cleaner.javascript:
        lean = copy.copy(cleaner)
        lean.javascript = False
        upstream.html_cleaner = lean


# ---------------------------------------------------------------------------------------------- py3langid

LANGID_TRIE_DEPTH = 6
"""The longest byte n-gram prefix of py3langid 0.4's model (the depth of its Aho-Corasick automaton's trie;
tests/test_compat.py measures it from the model)."""


def language_identifier() -> Any:
    """py3langid's ``LanguageIdentifier`` (its model, ``norm_probs=True``) whose byte walk runs in numpy: the same
    feature counts in the same order, so the same ``classify()`` results, bit for bit.

    Upstream's ``visit_counts`` walks the automaton one byte at a time in Python (each step a load that depends on
    the last one: ~1 ms for 2,000 characters of a page, most of it cache misses in its 39 MB table). The automaton
    is Aho-Corasick's: its state after a byte is the longest suffix of the text that is a prefix of a feature, so
    it depends only on the last ``LANGID_TRIE_DEPTH`` bytes. Starting every position at the root that many bytes
    back and taking those steps for all positions at once gives the same states; then the same counts, ordered by
    first occurrence as upstream's ``Counter`` orders them, go to upstream's scorer (``_sparse_score``), done on the
    arrays themselves (no dict between) and with the model's float16 rows widened to float32 by a lookup of their
    bits (numpy's own cast of the ~1,000 rows a page reads was ~0.2 ms, half the scorer): the same float32 values
    into the same product, so the same scores.
    Upstream: docs/upstream.md, "py3langid: the byte walk is a Python loop"."""
    import numpy as np
    from py3langid.langid import MODEL_FILE, RAW_FLOOR, LanguageIdentifier

    class VectorisedIdentifier(LanguageIdentifier):  # type: ignore[misc]
        __slots__ = ("_moves", "_rows", "_outputs", "_table", "_widen")

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._moves = np.frombuffer(self.tk_nextmove, dtype=np.uint32) if self.tk_nextmove.itemsize == 4 \
                else np.asarray(self.tk_nextmove, dtype=np.int64)
            self._rows = np.asarray(self.tk_row, dtype=np.int64) << 8
            self._outputs = np.asarray(self.tk_output, dtype=np.int64)
            # (every float16 as the float32 numpy's cast makes of it: a 256 KB table, read by the bits of each entry)
            self._table = self.nb_ptc.view(np.uint16) if self.nb_ptc.dtype == np.float16 else None
            self._widen = np.arange(1 << 16, dtype=np.uint16).view(np.float16).astype(np.float32)

        def _raw_score(self, text: bytes) -> Any:
            data = np.frombuffer(text, dtype=np.uint8)
            n = len(data)
            states = np.zeros(n, dtype=np.int64)
            for back in range(min(LANGID_TRIE_DEPTH, n) - 1, -1, -1):
                states[back:] = self._moves[self._rows[states[back:]] + data[: n - back]]
            features = self._outputs[states]
            features = features[features >= 0]
            if len(features):
                found, first, counts = np.unique(features, return_index=True, return_counts=True)
                order = np.argsort(first, kind="stable")
                if self._table is None:
                    return self._sparse_score(dict(zip(found[order].tolist(), counts[order].tolist(), strict=True)),
                                              self.nb_ptc)
                # upstream's _sparse_score (log1p(counts) @ table[features] + nb_pc) on the same arrays, with the rows
                # widened to float32 through the table above: numpy's float16 cast of them cost more than the rest
                weights = np.log1p(counts[order].astype(np.float32))
                return weights @ np.take(self._widen, np.take(self._table, found[order], axis=0)) + self.nb_pc
            return np.full(len(self.nb_classes), 0.0 if self._norm_probs else RAW_FLOOR, dtype=np.float32)

    return VectorisedIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# ---------------------------------------------------------------------------------------------- warcio


class _IgzipMember:
    """igzip's inflater for one gzip member (``isal_zlib.decompressobj``, zlib's interface) that ends the member at
    its first error once it has given bytes. warcio's ``_decompress`` catches an error after the first block, writes
    it to stderr and reads on: zlib then raised again at every later block and the rest of the file was read into
    the broken record (its records lost, no skip); igzip goes on from a broken state (garbage bytes, a member ending
    anywhere) and raises again on ``flush``. Here the error is kept in ``errors`` (the caller drops the member's
    record and reads on at the next member), ``unused_data`` stops warcio reading further, and ``flush`` is quiet."""

    __slots__ = ("errors", "failed", "inner", "produced")

    def __init__(self, errors: list[Exception]):
        from isal import isal_zlib

        self.inner = isal_zlib.decompressobj(16 + isal_zlib.MAX_WBITS)
        self.errors = errors
        self.produced = self.failed = False

    def decompress(self, data: bytes) -> bytes:
        if self.failed:
            return b""
        try:
            out: bytes = self.inner.decompress(data)
        except Exception as exc:
            if self.produced:  # (an error at once: warcio reads the file as not gzipped, as before)
                self.failed = True
                self.errors.append(exc)
            raise
        self.produced = self.produced or bool(out)
        return out

    @property
    def unused_data(self) -> bytes:
        # (not empty once failed: warcio's _fillbuff reads no further block for this member)
        return b"\0" if self.failed else self.inner.unused_data  # type: ignore[no-any-return]

    @property
    def eof(self) -> bool:
        return not self.failed and self.inner.eof  # type: ignore[no-any-return]

    def flush(self) -> bytes:
        return b"" if self.failed else self.inner.flush()  # type: ignore[no-any-return]


def inflate_with_isal(iterator: Any) -> list[Exception]:
    """Have a warcio ``ArchiveIterator`` (warcio 1.8) inflate the file's gzip members with ISA-L's igzip (``isal``,
    pinned already for the WARC writer) instead of zlib: the same bytes, ~0.13 ms less CPU a record of the dev
    corpora (~100 KB pages), ~40 % of reading one (issue 15; docs/upstream.md, draft 16).

    warcio takes each member's decompressor from the class attribute ``BufferedReader.DECOMPRESSORS``
    (``_init_decomp``, called again for every member by ``read_next_member``); the same name set on this iterator's
    reader replaces it for that reader only (the payload's own ``Content-Encoding`` readers keep zlib), and
    ``set_decomp`` makes the current one anew: nothing has been read yet. Bytes igzip cannot inflate at a member's
    first block raise as zlib's do, and warcio's ``_decompress`` reads the file on as not gzipped (the reader's
    checks then skip what follows as ``corrupt``). An error later in a member is returned in the list (see
    :class:`_IgzipMember`): a record read while it is not empty is not to be trusted."""
    errors: list[Exception] = []
    reader = iterator.reader
    if reader.decomp_type != "gzip" or reader.num_block_read:
        return errors
    reader.DECOMPRESSORS = {**type(reader).DECOMPRESSORS, "gzip": lambda: _IgzipMember(errors)}
    reader.set_decomp("gzip")
    return errors


# ---------------------------------------------------------------------------------------------- CPython


def literal_alternatives(rx: re.Pattern[str]) -> list[list[str]]:
    """For each alternation in the top-level sequence of ``rx`` (``\\b(?:getty images|shutterstock|…)\\b``), also
    inside a top-level group or lookahead, the longest run of plain ASCII characters of each alternative ("" for one
    without): every match contains one of them. Read with CPython's regex parser, as :func:`literal_runs`; [] when
    the pattern cannot be read."""
    import re._parser as sre_parse  # type: ignore[import-not-found]

    try:
        items = list(sre_parse.parse(rx.pattern, rx.flags))
    except Exception:  # noqa: BLE001 - unreadable: the caller takes no shortcut
        return []

    def longest_run(sequence: Any) -> str:
        return max(_runs(sequence), key=len)

    found: list[list[str]] = []
    for op, arg in items:
        if op == sre_parse.SUBPATTERN and len(arg[3]) == 1:  # a capturing or flagged group of one alternation
            op, arg = arg[3][0]
        elif op == sre_parse.ASSERT and arg[0] == 1:  # a lookahead (?=…): what it holds is in the text too
            found += [[longest_run(alt) for alt in sub[1][1]] for sub in arg[1] if sub[0] == sre_parse.BRANCH]
            continue
        if op == sre_parse.BRANCH:
            found.append([longest_run(alt) for alt in arg[1]])
    return found


def fails_at_start(rx: re.Pattern[str]) -> bool:
    """Whether ``rx`` opens with ``^`` and then a test of the text's first character (not a repeat or a lookaround,
    which can read on along the line): a search of a text it does not match ends there. Read with CPython's regex
    parser, as :func:`literal_runs`; False when the pattern cannot be read."""
    import re._parser as sre_parse  # type: ignore[import-not-found]

    try:
        items = list(sre_parse.parse(rx.pattern, rx.flags))
    except Exception:  # noqa: BLE001 - unreadable: the caller takes no shortcut
        return False
    reads_on = (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT, sre_parse.ASSERT,
                sre_parse.ASSERT_NOT)
    return len(items) >= 2 and items[0] == (sre_parse.AT, sre_parse.AT_BEGINNING) and items[1][0] not in reads_on


def literal_runs(rx: re.Pattern[str]) -> list[str] | None:
    """The runs of plain ASCII characters in the top-level sequence of ``rx`` (each one is in every match), read
    with CPython's regex parser (``re._parser``, private since 3.11; ``sre_parse`` before); None when the pattern
    cannot be read. No public API parses a regex."""
    import re._parser as sre_parse  # type: ignore[import-not-found]

    try:
        items = list(sre_parse.parse(rx.pattern, rx.flags))
    except Exception:  # noqa: BLE001 - unreadable: the caller takes no shortcut
        return None
    return _runs(items)


def _runs(items: Any) -> list[str]:
    """The runs of plain ASCII literals in a sequence of ``re._parser`` items."""
    import re._parser as sre_parse  # type: ignore[import-not-found]

    runs, run = [], ""
    for op, arg in items:
        if op == sre_parse.LITERAL and arg < 128:
            run += chr(arg)
        else:
            runs.append(run)
            run = ""
    runs.append(run)
    return runs
