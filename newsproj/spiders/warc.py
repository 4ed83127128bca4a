"""The ``warc`` spider: re-extracts pages from WARC/ARC files through the same pipelines as a live crawl.

``scrapy crawl warc -a source=PATH|GLOB|URL|LISTING[,...]`` (docs/warc.md). No request is made for a page: every
HTML response record becomes the page item the ``news`` spider makes of a downloaded page (``dateDownloaded``
from ``WARC-Date``), goes to the same extraction process (:class:`newsproj.extractor.PageExtractor`: extraction,
cleaning, the article-or-listing verdict), and its article to the same item pipelines (validation, dedup, state,
WARC pointer), feeds and monitors. ``metadata.warc`` points at the source record.
Records are read off the reactor thread, at most ``NEWSPROJ_WARC_INFLIGHT`` pages ahead of the pipelines.

Filters: ``-a hosts=H1,H2``, ``-a site=NAME`` (the registry site's hosts, and its extraction rules),
``-a since=YYYY-MM-DD``, ``-a until=YYYY-MM-DD`` (on ``WARC-Date``, inclusive), ``-a languages=en,de`` (on the
extracted ``inLanguage``). ``-a base=URL`` resolves the relative paths of a ``warc.paths.gz`` listing (default:
the listing's own location; paths that repeat the listing's folder, as Common Crawl's do, from where that folder
starts: the host's root).

Records are counted under ``newsproj/warc/records/<type>``; every response-like record not used under
``newsproj/warc/skipped/<reason>``: ``not_response`` (resource, conversion... records), ``revisit``,
``truncated`` (``WARC-Truncated``), ``status`` (not 200),
``not_html``, ``too_large`` (over ``DOWNLOAD_MAXSIZE``), ``host``, ``date``, ``bad_date``, ``language`` (by the
WARC pipeline, after extraction), ``corrupt`` (an unreadable gzip
member or record: reading goes on at the next member), ``unreadable`` (a file that cannot be opened).

Resuming (``JOBDIR``): ``JOBDIR/newsproj-warc.json`` keeps, per file, where the records not yet fully handled
start; a restarted run goes on from there (a record handled twice is caught by the ``-o`` file's ledger).
Distributed (``REDIS_URL``): each file is claimed by one process (a Redis key per file, ``SET NX`` with an
expiry the process renews while it works), so processes started with the same arguments share the files out.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import socket
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Spider, signals
from scrapy.exceptions import CloseSpider, UsageError
from scrapy.http import HtmlResponse

from .. import compat, sites
from ..discovery import Kind
from ..discovery.kinds import sniff
from ..extraction.consent import header_hints
from ..extractor import PageExtractor
from ..feeds import write_json
from ..items import Article, PageItem, WarcPointer
from ..middlewares.charset import UNDECODABLE, CharsetMiddleware
from ..middlewares.config import check_settings
from ..times import utc_moment
from ..warc import Pending, pending_for
from ..warc.reader import Record, Skip, SourceError, expand, local_problems, records

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

PROGRESS_FILE = "newsproj-warc.json"
PROGRESS_EVERY = 1.0  # seconds between two saves of the JOBDIR progress
MAX_HINTS = 64 * 1024


def _list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _day(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"-a {name}: expected a date YYYY-MM-DD, got {value!r}") from None


def _host_set(hosts: list[str]) -> frozenset[str]:
    found = set()
    for host in hosts:
        host = host.lower().strip().rstrip(".")
        found.add(host)
        found.add(host.removeprefix("www.") if host.startswith("www.") else f"www.{host}")
    return frozenset(found)


@dataclass
class FileProgress:
    """Where a file's unhandled records start: records complete out of order, the checkpoint only moves past
    a record once every record before it is handled too."""

    source: str
    committed: int = 0
    open: deque[list[Any]] = field(default_factory=deque)  # [end, handled] in file order
    finished_reading: bool = False

    def add(self, end: int, handled: bool) -> list[Any]:
        entry = [end, handled]
        if handled and not self.open:
            self.committed = end
        else:
            self.open.append(entry)
        return entry

    def handled(self, entry: list[Any]) -> None:
        entry[1] = True
        while self.open and self.open[0][1]:
            self.committed = self.open.popleft()[0]

    @property
    def done(self) -> bool:
        return self.finished_reading and not self.open


class WarcSpider(Spider):
    name = "warc"
    arguments = {
        "source": "PATH|GLOB|URL|LISTING[,...]: WARC/ARC files (.warc, .warc.gz, .arc, .arc.gz) — local paths, globs, "
                  "http(s) URLs (streamed), or a warc.paths(.gz) listing such as CC-NEWS publishes",
        "base": "URL or directory: what the relative paths of a listing are relative to (default: the listing's "
                "own location; for paths that repeat its folder, as Common Crawl's do, the host's root)",
        "hosts": "H1,H2: only pages of these hosts (www. or not)",
        "site": "NAME: only pages of this registry site's hosts, extracted with its rules",
        "since": "YYYY-MM-DD: only records fetched on or after this day (WARC-Date)",
        "until": "YYYY-MM-DD: only records fetched on or before this day (WARC-Date)",
        "languages": "en,de...: only records whose extracted inLanguage is one of these",
    }
    """Listed by ``scrapy crawl warc -h``; any other ``-a`` is refused as a typo (newsproj/commands/crawl.py)."""
    # A backfill's size says nothing about the health of a site: no collapse check against earlier runs.
    # Nor does it ask the sites (robots.txt, tdmrep.json) now: what the live crawl learnt is in the WARC's hints.
    custom_settings = {"NEWSPROJ_MONITOR_COLLAPSE_RATIO": 0, "NEWSPROJ_CONSENT_FETCH": False,
                       # a record waiting in the template pipeline holds a place of the spider's in-flight cap:
                       # start() waited for it, and it for start() (30 s each, the pipeline's bound)
                       "NEWSPROJ_TEMPLATE_HOLD_PAGES": 0}
    # Set from settings in from_crawler.
    max_size: int
    inflight_cap: int
    progress_file: Path | None
    pending: Pending
    claims: _Claims
    charset: CharsetMiddleware
    extractor: PageExtractor

    def __init__(
        self,
        source: str | None = None,
        base: str | None = None,
        hosts: str | None = None,
        site: str | None = None,
        since: str | None = None,
        until: str | None = None,
        languages: str | None = None,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.sources = _list(source)
        if not self.sources:
            raise UsageError("spider warc needs -a source=PATH|GLOB|URL|LISTING[,...] (WARC/ARC files or a "
                             "warc.paths.gz listing)")
        for problem in local_problems(self.sources):
            raise UsageError(f"-a source: {problem}")
        self.seeds = list(self.sources)  # for the run manifest
        self.base = base or None
        self.site_name: str | None = None
        wanted = _list(hosts)
        if site:
            config = sites.load(site)  # SiteConfigError names file, key and problem
            self.site_name = config.name
            wanted += list(config.hosts)
        self.hosts = _host_set(wanted) if wanted else None
        self.since, self.until = _day("since", since), _day("until", until)
        if self.since and self.until and self.since > self.until:
            raise UsageError(f"-a since={since} is after -a until={until}")
        self.languages = frozenset(v.lower().split("-")[0] for v in _list(languages)) or None
        self.inflight: dict[str, tuple[FileProgress, list[Any]]] = {}
        self.progress: dict[str, FileProgress] = {}
        self.wake = asyncio.Event()
        self.results: deque[tuple[str, Article | None]] = deque()
        self.extracting = 0
        self.last_save = 0.0
        self.stopped = False
        """The engine began closing the spider (CLOSESPIDER_*) before every file was read: reading stopped there."""
        self.closing_seen = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        check_settings(crawler.settings)
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_size = settings.getint("DOWNLOAD_MAXSIZE")
        spider.inflight_cap = max(1, settings.getint("NEWSPROJ_WARC_INFLIGHT", 16))
        jobdir = settings.get("JOBDIR")
        spider.progress_file = Path(jobdir) / PROGRESS_FILE if jobdir else None
        spider.pending = pending_for(crawler)
        spider.extractor = PageExtractor.from_crawler(crawler)
        spider.claims = _Claims.from_settings(settings, spider)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider._item_done, signal=signal)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        return spider

    # ------------------------------------------------------------------ reading

    async def start(self) -> AsyncIterator[Any]:
        self.charset = CharsetMiddleware(self.crawler.stats)  # needs the crawl's stats: built now, not in from_crawler
        refused: list[str] = []
        try:
            files = await asyncio.to_thread(expand, self.sources, self.base, refused=refused)
        except (SourceError, OSError) as exc:  # a listing that cannot be fetched or read
            logger.error("warc: cannot read the sources: %s", exc)
            self.crawler.stats.inc_value("newsproj/warc/files/unreadable")
            raise CloseSpider("warc_source_unreadable") from None
        if refused:  # a remote listing's line naming a local file, another host or a '..' path: not read
            self.crawler.stats.inc_value("newsproj/warc/files/refused", len(refused))
            logger.warning("warc: %d line(s) of a remote listing refused (a local path, another host or '..'), "
                           "first: %r", len(refused), refused[0][:120])
        saved = self._load_progress()
        self.crawler.stats.set_value("newsproj/warc/files/listed", len(files))
        for source in files:
            state = saved.get(source)
            if state == "done":
                self.crawler.stats.inc_value("newsproj/warc/files/already_done")
                continue
            if not await self.claims.claim(source):
                self.crawler.stats.inc_value("newsproj/warc/files/claimed_elsewhere")
                continue
            offset = int(state) if isinstance(state, int) else 0
            if offset:
                logger.info("Resuming %s at byte %d", source, offset)
            progress = self.progress[source] = FileProgress(source, committed=offset)
            async for item in self._file_items(source, progress, offset):
                yield item
            if self.stopped:  # the rest of this file (and the others) is for the next run: not marked read
                return  # (said at the close, _closed: the engine may close this generator before it gets here)
            progress.finished_reading = True
            self.crawler.stats.inc_value("newsproj/warc/files/read")
            self._checkpoint(progress)

    async def _file_items(self, source: str, progress: FileProgress, offset: int) -> AsyncIterator[Article]:
        """The records of one file from ``offset`` on: each page goes to the extraction process as it is read
        (up to ``NEWSPROJ_WARC_INFLIGHT`` pages in flight), each article is yielded as its extraction ends."""
        stats = self.crawler.stats
        reader: Iterator[Record | Skip] = records(source, offset, self.max_size)
        read: deque[Record | Skip] = deque()  # read ahead, not yet looked at (a batch per hop to the thread)
        renewed = time.monotonic()
        exhausted, waiting = False, None  # waiting: a page whose URL is in flight already (one at a time per URL)
        seen = 0  # records and skipped parts read from this file
        while True:
            if not exhausted and compat.engine_closing(self.crawler.engine):
                # CLOSESPIDER_* (the engine reads start() on while it closes): no record more is read or extracted;
                # the pages in flight end as usual, and the committed offset stays before the first one not handled
                exhausted, waiting, self.stopped = True, None, True
                if not self.closing_seen:
                    self.closing_seen = True
                    compat.finish_close_with_start_items(self.crawler.engine)
            while self.results:
                url, article = self.results.popleft()
                if article is None:  # a listing or a dropped page (counted by the extractor): handled
                    self.pending.pop(url)
                    self._handled(url)
                else:
                    yield article
            if waiting is not None and waiting[0].url not in self.inflight and len(self.inflight) < self.inflight_cap:
                self._extract(*waiting)
                waiting = None
            if waiting is None and not exhausted and len(self.inflight) < self.inflight_cap:
                if not read:  # reading and gunzip off the reactor thread, a batch at a time
                    read.extend(await asyncio.to_thread(_read_batch, reader, self.inflight_cap))
                found = read.popleft() if read else None
                seen += found is not None
                if found is None:
                    exhausted = True
                    if not seen and not offset:
                        self._empty(source)
                elif isinstance(found, Skip):
                    stats.inc_value(f"newsproj/warc/skipped/{found.reason}")
                    logger.warning("Skipping part of %s at byte %d: %s (%s)", source, found.offset, found.reason,
                                   found.detail)
                else:
                    stats.inc_value(f"newsproj/warc/records/{found.type or 'unknown'}")
                    page, reason = self._page_item(found)
                    if page is None:
                        if reason:  # request, warcinfo and metadata records are read past, not skipped
                            stats.inc_value(f"newsproj/warc/skipped/{reason}")
                        progress.add(found.end, handled=True)
                        if time.monotonic() - self.last_save > PROGRESS_EVERY:  # a filter may skip for long
                            self._checkpoint()
                    else:
                        pointer = WarcPointer(file=source, offset=found.offset, length=found.length,
                                              recordId=found.record_id)
                        job = (page, progress, found.end, pointer)
                        if page.url in self.inflight:
                            waiting = job
                        else:
                            self._extract(*job)
                if time.monotonic() - renewed > self.claims.renew_every:
                    await self.claims.renew(source)
                    renewed = time.monotonic()
                continue
            if exhausted and waiting is None and not self.extracting and not self.results:
                return
            self.wake.clear()
            await self.wake.wait()  # an extraction ended, or an article was written or dropped

    def _empty(self, source: str) -> None:
        """A file that holds no record at all and no unreadable part (0 bytes: a writer that died before its first
        record, a download cut at its start) among the sources: read, but one WARNING line and
        ``newsproj/warc/files/empty`` (before, it was counted only as read, like a file of pages)."""
        self.crawler.stats.inc_value("newsproj/warc/files/empty")
        logger.warning("warc: %s holds no record (an empty file: a writer that died before its first record, or a "
                       "cut download?)", source)

    def _extract(self, page: PageItem, progress: FileProgress, end: int, pointer: WarcPointer) -> None:
        self.inflight[page.url] = (progress, progress.add(end, handled=False))
        self.pending.put(page.url, pointer)
        self.crawler.stats.inc_value("newsproj/warc/pages")
        self.extracting += 1
        asyncio.ensure_future(self._run_extraction(page))

    async def _run_extraction(self, page: PageItem) -> None:
        article = None
        try:
            article = (await self.extractor.process(page)).article
        except Exception:  # the extractor counts a bad page and returns; this is a bug, logged, not a stop
            logger.exception("Extraction of %s failed", page.url)
            self.crawler.stats.inc_value("newsproj/warc/error/extraction")
        finally:
            self.extracting -= 1
            self.results.append((page.url, article))
            self.wake.set()

    def _page_item(self, record: Record) -> tuple[PageItem | None, str]:
        """The page item of a response record, or None and why not."""
        if record.type == "revisit":
            return None, "revisit"
        if record.type in ("request", "warcinfo", "metadata"):
            return None, ""
        if record.type != "response":
            return None, "not_response"
        if record.truncated is not None:
            return None, "truncated"
        if record.status != 200:
            return None, "status"
        if record.too_large:
            return None, "too_large"
        host = (urlsplit(record.url).hostname or "").lower()
        if self.hosts is not None and host not in self.hosts:
            return None, "host"
        downloaded = utc_moment(record.date)
        if downloaded is None:
            return None, "bad_date"
        day = downloaded.date()
        if (self.since and day < self.since) or (self.until and day > self.until):
            return None, "date"
        if record.body is None:
            return None, "not_html"
        ctype = next((v for k, v in record.headers if k.lower() == "content-type"), "")
        if sniff(record.body, ctype) is not Kind.HTML:
            return None, "not_html"
        # The same encoding decision (and control-character removal) as the live crawl's charset middleware.
        response = self.charset.process_response(
            None,  # type: ignore[arg-type]  # the request is not used
            HtmlResponse(url=record.url, status=200, headers=record.headers, body=record.body),
        )
        return PageItem(
            url=response.url,
            html=response.body,
            encoding=response.encoding if isinstance(response, HtmlResponse) else None,
            date_downloaded=downloaded.isoformat(timespec="seconds"),
            site=self.site_name,
            hints={**_hints(record), **header_hints(response.headers),
                   **({"undecodable": True} if UNDECODABLE in response.flags else {})},
        ), ""

    # ------------------------------------------------------------------ completion and progress

    def _item_done(self, item: Any, **kwargs: Any) -> None:
        if not self.closing_seen and compat.engine_closing(self.crawler.engine):  # (start() may be over already)
            self.closing_seen = True
            compat.finish_close_with_start_items(self.crawler.engine)
        url = getattr(item, "url", None)
        if not isinstance(url, str):
            return
        self._handled(url)

    def _handled(self, url: str) -> None:
        """The page of ``url`` is done with: written, dropped, or no article."""
        entry = self.inflight.pop(url, None)
        if entry is None:
            return
        progress, slot = entry
        progress.handled(slot)
        self.wake.set()
        if time.monotonic() - self.last_save > PROGRESS_EVERY or progress.done:
            self._checkpoint(progress)

    def _checkpoint(self, progress: FileProgress | None = None) -> None:
        if progress is not None and progress.done:
            asyncio.ensure_future(self.claims.finish(progress.source))
        if self.progress_file is None:
            return
        self.last_save = time.monotonic()
        saved = self._load_progress()
        for source, state in self.progress.items():
            saved[source] = "done" if state.done else state.committed
        self.progress_file.parent.mkdir(parents=True, exist_ok=True)
        write_json(self.progress_file, saved)

    def _load_progress(self) -> dict[str, Any]:
        if self.progress_file is None or not self.progress_file.is_file():
            return {}
        try:
            data = json.loads(self.progress_file.read_text(encoding="utf-8"))
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def _closed(self, reason: str) -> None:
        self._checkpoint()
        if self.stopped or reason != "finished":
            for progress in self.progress.values():
                if not progress.finished_reading:
                    logger.info("warc: the spider closed (%s): reading stopped in %s at byte %d", reason,
                                progress.source, progress.committed)
        if reason == "finished" and self.progress_file is not None:
            self.progress_file.unlink(missing_ok=True)  # the next run with this JOBDIR is a new run


READ_BATCH_BYTES = 4 * 1024 * 1024
"""A batch of records read in one hop to the reading thread ends after this many payload bytes (or ``count``
records): one hop a record cost the crawl process more CPU than reading the record."""


def _read_batch(reader: Iterator[Record | Skip], count: int) -> list[Record | Skip]:
    """Up to ``count`` records (and skips) from ``reader``; fewer only at its end or past ``READ_BATCH_BYTES``."""
    batch: list[Record | Skip] = []
    size = 0
    for found in reader:
        batch.append(found)
        if isinstance(found, Record) and found.body is not None:
            size += len(found.body)
        if len(batch) >= count or size >= READ_BATCH_BYTES:
            break
    return batch


def _hints(record: Record) -> dict[str, str]:
    """Discovery hints a newsproj crawl stored with the page (``Newsproj-Hints``), if any."""
    raw = record.hints
    if not raw or len(raw) > MAX_HINTS:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


class _Claims:
    """Files shared out among processes through Redis (``REDIS_URL``); without it every file is ours."""

    renew_every = float("inf")

    def __init__(self, url: str | None = None, prefix: str = "", ttl: float = 60):
        self.client: Any = None
        self.prefix = prefix
        self.ttl = max(1, int(ttl))
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        if url:
            import redis

            self.client = redis.Redis.from_url(url)
            self.renew_every = ttl / 3

    @classmethod
    def from_settings(cls, settings: Any, spider: WarcSpider) -> _Claims:
        url = settings.get("REDIS_URL")
        if not url:
            return cls()
        crawl = settings.get("NEWSPROJ_CRAWL_ID") or hashlib.sha1(
            json.dumps([spider.sources, spider.base], sort_keys=True).encode(), usedforsecurity=False,
        ).hexdigest()[:16]
        prefix = f"{settings.get('NEWSPROJ_WARC_CLAIM_KEY') or 'newsproj:warc'}:{crawl}"
        return cls(url, prefix, settings.getfloat("NEWSPROJ_REDIS_WORKER_TIMEOUT", 60))

    def _key(self, source: str) -> str:
        return f"{self.prefix}:file:{hashlib.sha1(source.encode(), usedforsecurity=False).hexdigest()}"

    async def claim(self, source: str) -> bool:
        if self.client is None:
            return True
        key = self._key(source)
        return bool(await asyncio.to_thread(self.client.set, key, self.worker, nx=True, ex=self.ttl))

    async def renew(self, source: str) -> None:
        if self.client is not None:
            await asyncio.to_thread(self.client.expire, self._key(source), self.ttl)

    async def finish(self, source: str) -> None:
        if self.client is not None:
            await asyncio.to_thread(self.client.set, self._key(source), "done")
