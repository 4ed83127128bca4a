"""TemplatePipeline (420): drops a site's template lines from each record's body, learnt from the site's pages in
this crawl and, with ``STATE_DIR``, in its earlier runs (:mod:`newsproj.cleaning.template`).

It runs in the crawl process (the evidence is the crawl's, across pages; extraction workers see one page each),
after dedup: a copy of an article dropped there adds no evidence, and the content fingerprint that decides
"changed since the last run" is taken before this rule, so a template learnt later never re-emits an unchanged
article.

**Order.** A page's lines are learnt when it comes; it is judged with the evidence of the pages before it and its
own, except a site's first pages: while the site's evidence holds fewer than ``NEWSPROJ_TEMPLATE_HOLD_PAGES`` pages,
the record waits (Scrapy gets a future of it) until the site has that many, the crawl has nothing else in flight
(:func:`newsproj.compat.waits_only_on_items`), the engine closes, or ``HOLD_SECONDS`` passed; at most ``MAX_HELD``
wait at once. Judged as they came, the first ``NEWSPROJ_TEMPLATE_MIN_PAGES - 1`` pages of a first crawl that
showed a template line kept it (a site of 3 articles: 2 of 3).

With ``STATE_DIR``, the evidence is saved (``STATE_DIR/templates/<site>.json``, written atomically, merged
with what another process saved meanwhile: read, merged and written under an exclusive ``flock`` of
``<site>.lock`` beside it, removed by its holder when done, so two jobs sharing the folder never write over each
other's evidence; the merge is a union, so reading back this run's own earlier save counts nothing twice) and
loaded when the site's first page comes: a later run removes the site's template from its first page on.

**The lock never stalls the crawl.** The saves during the run (at intervals, and as sites leave memory) are made in
the reactor's thread: they try each site's lock once, and a site whose lock another process holds is put off
(``history/save_deferred``, one INFO a run): it stays changed and goes at the next save; an evicted one waits again
within the bounds (past them, the longest waiting are dropped: ``not_saved/lock_busy``). Only the save at close
waits, at most ``LOCK_SECONDS`` for all its sites together; the sites still not saved then are counted
(``not_saved/lock_timeout``, one WARNING).

**When it is saved.** At close, and every ``NEWSPROJ_TEMPLATE_SAVE_SECONDS`` (60) while items come: then every site
whose evidence changed since it was last saved is written once, with the first record after each interval, so a
killed run loses what it learnt since that save (while records come, about that long; evidence is never what
decides whether a record is written: the content fingerprint is taken before this rule). A site pushed out of memory
(``NEWSPROJ_TEMPLATE_MAX_SITES``) with unsaved evidence waits for that save,
and its next page takes it back from there; it is not written at every eviction: with more sites than that in a
crawl (a WARC of CC-NEWS holds thousands of hosts), that was a file read, merged and rewritten for every other
record. The sites waiting are bounded (``4 ×`` the sites in memory, and ``1/4`` of their line hashes): past that
they are saved at once. ``NEWSPROJ_TEMPLATE_SAVE_SECONDS=0``: a site is saved when it leaves memory and at close
(as before: no saves at intervals).

Stats: ``newsproj/template/removed/template`` (lines, evidence of this run), ``…/removed/template_history``
(lines known as template before this run), ``newsproj/template/records`` (records with a line removed),
``newsproj/template/kept/whole_body`` (lines kept: they were the whole body),
``newsproj/template/history/loaded`` · ``…/saved`` · ``…/bad_file/<reason>`` · ``…/not_saved/<reason>`` (and
``…/not_saved/lock_timeout``: sites the close could not save, another process held their lock for ``LOCK_SECONDS``;
``…/not_saved/lock_busy``: sites out of memory dropped past their bound while their lock was held) ·
``…/save_deferred`` (sites a save during the run put off: their lock was held) ·
``…/lock_unavailable/<error>`` (no lock to be had: saved unlocked),
``newsproj/template/sites_evicted``, ``newsproj/template/sites_taken_back`` (an evicted site's next page, before its
evidence was saved), ``newsproj/template/claims_over_cap``.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import json
import logging
import os
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import call_later

from .. import compat
from ..cleaning.template import (
    MAX_LINES,
    MAX_SITES,
    MAX_WORDS,
    MIN_PAGES,
    Found,
    Seen,
    SiteLines,
    TemplateLines,
    site_key,
)
from ..discovery.urls import host_of
from ..feeds import safe_name, write_json
from ..items import Article

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

HISTORY_DIR = "templates"
MAX_HISTORY_BYTES = 256
"""Bytes a history file may take per line hash it may hold (``NEWSPROJ_TEMPLATE_MAX_LINES``; one written here takes
about 120 with its signatures): a larger file is not read (``bad_file/too_large``), so a broken or planted file never
fills memory."""
MAX_CLAIMS = 32
"""Sites one served site's pages may name in their canonical links and get evidence of their own for; the pages
that name more share one (a hostile site cannot make a template file per page)."""
MAX_CLAIMING_SITES = 4096
"""Served sites whose claims are remembered (the least recently seen is forgotten: a WARC of a million hosts)."""
SAVE_SECONDS = 60.0
"""Sites whose evidence changed are saved at most this long after (and at close)."""
LOCK_SECONDS = 5.0
"""The save at close waits at most this long, for all its sites, while another process holds the lock; then the
sites not saved are counted (``not_saved/lock_timeout``) and their evidence of this run is lost. The saves during
the run never wait (``save_deferred``: they go at the next save)."""
LOCK_TRIES = 64
"""Lock files a save takes that their holder removed meanwhile (each a save of the site just done) before it counts
the lock as busy: a bound, never reached but by a race of that many saves. (Only those: the tries of a lock another
process holds are bounded by the wait. Counted among them, the close gave up after ~3 s of 50 ms tries, not
``LOCK_SECONDS``: four jobs closing at once on a loaded machine lost a save.)"""
UNSAVED_SITES = 4
"""Sites evicted from memory with unsaved evidence wait for the next save: at most this many times
``NEWSPROJ_TEMPLATE_MAX_SITES`` of them, ..."""
UNSAVED_LINES = 4
"""... holding at most ``NEWSPROJ_TEMPLATE_MAX_SITES × NEWSPROJ_TEMPLATE_MAX_LINES / UNSAVED_LINES`` line hashes
(the memory they may take beyond the sites in memory: a quarter of what those may)."""


HOLD_PAGES = 6
"""A record of a site whose evidence holds fewer pages than this (a first crawl of the site, or a site that has only
a few articles) waits in this pipeline, its lines learnt, until the site has this many pages or the crawl has nothing
else to give (``NEWSPROJ_TEMPLATE_HOLD_PAGES``; 0 = judge every page when it comes): a page is then judged with the
evidence of the pages after it too, so the first articles of a site lose its template as the later ones do."""
HOLD_SECONDS = 30.0
"""A record waits at most this long (a crawl that keeps fetching other sites' pages is never idle)."""
MAX_HELD = 32
"""Records held at once, all sites together (past it the oldest is judged with what is known): their responses stay
in Scrapy's scraper while they wait, so this bounds the memory they keep."""
HOLD_CHECK = 0.1
"""Seconds between the checks whether the crawl has anything left but the records held."""


@dataclass(slots=True)
class Held:
    seen: Seen
    item: Article
    future: asyncio.Future[Any]
    since: float


class TemplatePipeline:
    def __init__(self, crawler: Crawler):
        settings = crawler.settings
        if not settings.getbool("NEWSPROJ_TEMPLATE_ENABLED", True):
            raise NotConfigured("NEWSPROJ_TEMPLATE_ENABLED is off")
        self.stats = crawler.stats
        state_dir = settings.get("STATE_DIR")
        self.folder = (Path(state_dir) / HISTORY_DIR
                       if state_dir and settings.getbool("NEWSPROJ_TEMPLATE_HISTORY", True) else None)
        self.min_pages = settings.getint("NEWSPROJ_TEMPLATE_MIN_PAGES", MIN_PAGES)
        self.max_lines = settings.getint("NEWSPROJ_TEMPLATE_MAX_LINES", MAX_LINES)
        self.lines = TemplateLines(
            min_pages=self.min_pages,
            max_words=settings.getint("NEWSPROJ_TEMPLATE_MAX_WORDS", MAX_WORDS),
            max_lines=self.max_lines,
            max_sites=settings.getint("NEWSPROJ_TEMPLATE_MAX_SITES", MAX_SITES),
            load=self._load if self.folder else None,
            evicted=self._evicted,
        )
        self.claims: OrderedDict[str, set[str]] = OrderedDict()
        self.save_seconds = settings.getfloat("NEWSPROJ_TEMPLATE_SAVE_SECONDS", SAVE_SECONDS)
        self.unsaved: dict[str, SiteLines] = {}
        """Evicted from memory, evidence not yet saved (taken back by the site's next page)."""
        self.unsaved_lines = 0
        self.max_unsaved = UNSAVED_SITES * self.lines.max_sites
        self.max_unsaved_lines = self.lines.max_sites * max(self.max_lines, 1) // UNSAVED_LINES
        self.next_save = time.monotonic() + self.save_seconds
        self.lock_seconds = LOCK_SECONDS
        self.lock_warned = False
        self.deferred_told = False
        self.busy_warned = False
        self.crawler = crawler
        self.hold_pages = settings.getint("NEWSPROJ_TEMPLATE_HOLD_PAGES", HOLD_PAGES)
        self.hold_seconds = HOLD_SECONDS
        self.held: OrderedDict[str, list[Held]] = OrderedDict()
        """Site → its records waiting for more evidence (oldest site first)."""
        self.held_count = 0
        self.checking = False
        self.crawling = False
        """Between spider_opened and spider_closed: a crawl's engine runs (records may wait for it)."""
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        """The item, or (a site's first pages in a crawl) a future of it, done once the site's later pages or the
        end of the crawl have given their evidence."""
        if not isinstance(item, Article) or not item.articleBody:
            return item
        seen = self.lines.learn(self._site(item), item.articleBody)
        if self.unsaved and (len(self.unsaved) > self.max_unsaved or self.unsaved_lines > self.max_unsaved_lines):
            self.save_changed()
        elif self.folder is not None and self.save_seconds > 0 and time.monotonic() >= self.next_save:
            self.save_changed()
        if self.lines.site(seen.site).pages >= self.hold_pages:
            self._release(seen.site)
        elif seen.keys and self._may_hold():
            return self._hold(seen, item)
        self._clean(item, self.lines.judge(seen))
        return item

    def _clean(self, item: Article, found: Found) -> None:
        if found.kept_all:
            self.stats.inc_value("newsproj/template/kept/whole_body", found.kept_all)
        if found.removed:
            item.articleBody = found.text
            self.stats.inc_value("newsproj/template/records")
            for line, reason in found.removed:
                self.stats.inc_value(f"newsproj/template/removed/{reason}")
                logger.debug("Template line removed (%s) from %s: %r", reason, item.url, line[:80])

    # ------------------------------------------------------------------ a site's first pages wait for the next

    def _may_hold(self) -> bool:
        """In a crawl that is not closing (without an engine, as in ``scrapy extract``, a page is judged at once)."""
        return self.hold_pages > 0 and self.crawling and not compat.engine_closing(self.crawler.engine)

    def _hold(self, seen: Seen, item: Article) -> asyncio.Future[Any]:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.held.setdefault(seen.site, []).append(Held(seen, item, future, time.monotonic()))
        self.held_count += 1
        self.stats.inc_value("newsproj/template/held")
        while self.held_count > MAX_HELD:
            self._release(next(iter(self.held)), "cap")
        if not self.checking:
            self.checking = True
            call_later(HOLD_CHECK, self._check)
        return future

    def _release(self, key: str, why: str = "") -> None:
        """Judge the site's held records with its evidence as it stands now and let them go on."""
        for held in self.held.pop(key, ()):
            self.held_count -= 1
            if why:
                self.stats.inc_value(f"newsproj/template/held_released/{why}")
            if held.future.done():  # (cancelled: the crawl let go of it)
                continue
            try:
                self._clean(held.item, self.lines.judge(held.seen))
            except Exception as exc:  # noqa: BLE001 - the record goes on as it came, never lost
                logger.error("Template rule failed on %s: %s: %s", held.item.url, type(exc).__name__, exc)
                self.stats.inc_value(f"newsproj/template/failed/{type(exc).__name__}")
            held.future.set_result(held.item)

    def release_all(self, why: str) -> None:
        for key in list(self.held):
            self._release(key, why)

    def _check(self) -> None:
        """While records are held: let them all go once the crawl has nothing else in flight (or is closing), and
        each one that has waited ``HOLD_SECONDS``."""
        if not self.held:
            self.checking = False
            return
        engine = self.crawler.engine
        if not self.crawling or compat.engine_closing(engine):
            self.release_all("closing")
        elif compat.waits_only_on_items(engine, self.held_count):
            self.release_all("idle")
        else:
            now = time.monotonic()
            for key in [k for k, held in self.held.items() if now - held[0].since >= self.hold_seconds]:
                self._release(key, "timeout")
        if self.held:
            call_later(HOLD_CHECK, self._check)
        else:
            self.checking = False

    def _site(self, item: Article) -> str:
        """The item's site for the evidence: the host that served it, and the one its canonical link claims."""
        site = host_of(item.url)
        claim = item.metadata.canonicalClaim if item.metadata is not None else None
        claimed = host_of(claim or item.canonicalUrl or item.url)
        if claimed != site:
            known = self.claims.setdefault(site, set())
            self.claims.move_to_end(site)
            if len(self.claims) > MAX_CLAIMING_SITES:
                self.claims.popitem(last=False)
            if claimed not in known and len(known) >= MAX_CLAIMS:
                self.stats.inc_value("newsproj/template/claims_over_cap")
                claimed = "*"
            else:
                known.add(claimed)
        return site_key(site, claimed)

    # ------------------------------------------------------------------ history under STATE_DIR

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
        return self.folder / f"{safe_name(key)[:60]}-{digest}.json"

    def _read(self, key: str) -> SiteLines | None:
        path = self._path(key)
        try:
            if path.stat().st_size > MAX_HISTORY_BYTES * max(self.max_lines, 1000):
                self.stats.inc_value("newsproj/template/history/bad_file/too_large")
                logger.warning("Template history of %s not read (too large: %d bytes): %s", key,
                               path.stat().st_size, path)
                return None
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("site") != key:
                raise ValueError("another site's file")
            return SiteLines.from_json(data, self.min_pages, self.max_lines)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, AttributeError, OverflowError, RecursionError) as exc:
            # (OverflowError: a number json reads as infinity; RecursionError: arrays nested 100,000 deep)
            self.stats.inc_value(f"newsproj/template/history/bad_file/{type(exc).__name__}")
            logger.warning("Template history of %s not read (%s: %s): %s", key, type(exc).__name__, exc, path)
            return None

    def _load(self, key: str) -> SiteLines | None:
        site = self.unsaved.pop(key, None)
        if site is not None:  # evicted, its evidence not saved yet: newer than its file
            self.unsaved_lines -= len(site.lines)
            self.stats.inc_value("newsproj/template/sites_taken_back")
            return site
        site = self._read(key)
        if site is not None:
            self.stats.inc_value("newsproj/template/history/loaded")
        return site

    @contextlib.contextmanager
    def _locked(self, key: str, wait: float) -> Iterator[bool]:
        """Hold the site's lock file (``<file>.lock``, an exclusive ``flock``) while its file is read, merged and
        written: another process saving the same site meanwhile would otherwise write its merge of what it read
        before, and the evidence saved in between was lost. Yields whether the lock was taken, tried at once and
        then for at most ``wait`` seconds (the lock goes with the process: a killed holder never blocks the next
        run).

        The holder removes the lock file when done (the last step under the lock), so none is left per site
        saved; a process that took the lock of a file removed meanwhile (it opened it before) sees that the path
        no longer names what it locked and tries again, so two processes never both hold "the" lock.

        A lock that cannot be had at all (``flock`` refused by the file system: ENOLCK on some NFS mounts; a
        directory or a symlink where the lock file goes, never followed) yields True: the save goes on unlocked,
        as before locks, counted (``history/lock_unavailable/<error>``), rather than never saving the site."""
        path = self._path(key).with_suffix(".lock")
        deadline = time.monotonic() + wait
        pause = 0.002
        removed = 0  # (lock files removed under it; a held lock is bounded by ``deadline``, each try 2-50 ms apart)
        while removed < LOCK_TRIES:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
            except OSError as exc:
                self._lock_unavailable(key, exc)
                yield True
                return
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                left = deadline - time.monotonic()
                if left <= 0:
                    yield False
                    return
                time.sleep(min(pause, left))
                pause = min(pause * 2, 0.05)
                continue
            except OSError as exc:
                try:
                    self._lock_unavailable(key, exc)
                    yield True
                finally:
                    os.close(fd)
                return
            try:
                held = os.fstat(fd)
                now = os.stat(path, follow_symlinks=False)
                current = (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)
            except FileNotFoundError:
                current = False
            except OSError:
                os.close(fd)
                raise
            if not current:  # removed by the holder it waited for: the lock of a file no one else will open
                os.close(fd)
                removed += 1
                continue
            try:
                yield True
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(path)  # (still holding its lock: a process that opened it before tries again)
                os.close(fd)
            return
        yield False  # (LOCK_TRIES files removed under it: as busy)

    def _lock_unavailable(self, key: str, exc: OSError) -> None:
        self.stats.inc_value(f"newsproj/template/history/lock_unavailable/{type(exc).__name__}")
        if not self.lock_warned:
            self.lock_warned = True
            logger.warning("Template history of %s saved without its lock (%s: %s); further such saves are only "
                           "counted (newsproj/template/history/lock_unavailable)", key, type(exc).__name__, exc)

    def _save(self, key: str, site: SiteLines, wait: float = 0.0) -> bool:
        """Save the site's evidence if it changed; False when another process held the lock past ``wait`` (the site
        stays changed: nothing was written)."""
        if self.folder is None or not site.changed:
            return True
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with self._locked(key, wait) as locked:
                if not locked:
                    return False
                on_disk = self._read(key)  # another process (a job, a distributed crawl's) may have saved meanwhile
                if on_disk is not None:
                    site.merge(on_disk, self.min_pages, self.max_lines)
                write_json(self._path(key), site.to_json(key), compact=True)
        except OSError as exc:
            self.stats.inc_value(f"newsproj/template/history/not_saved/{type(exc).__name__}")
            logger.warning("Template history of %s not saved: %s", key, exc)
            return True
        site.changed = False
        self.stats.inc_value("newsproj/template/history/saved")
        return True

    def _evicted(self, key: str, site: SiteLines) -> None:
        self.stats.inc_value("newsproj/template/sites_evicted")
        if self.folder is None or not site.changed:
            return
        if self.save_seconds <= 0:
            if self._save(key, site):
                return
            self._deferred(1)  # (another process is saving: it waits with the evicted sites, never the crawl)
        self.unsaved[key] = site
        self.unsaved_lines += len(site.lines)

    def save_changed(self, wait: float = 0.0) -> None:
        """Save every site whose evidence changed since its last save: those evicted meanwhile (then forgotten:
        their next page reads the file) and those in memory.

        Each site's lock is tried once (``wait`` 0: the saves at intervals and at evictions, made in the reactor's
        thread, never stall the crawl); a site whose lock another process holds stays changed (an evicted one waits
        again, within the bounds) and goes at the next save. Only the save at close waits, at most ``wait`` seconds
        for all its sites together."""
        now = time.monotonic()
        self.next_save = now + self.save_seconds
        deadline = now + wait  # (for all the sites together: a stopped holder of many sites' locks costs ``wait``)
        unsaved, self.unsaved, self.unsaved_lines = self.unsaved, {}, 0
        busy = 0
        for key, site in [*unsaved.items(), *self.lines.items()]:
            if self._save(key, site, max(deadline - time.monotonic(), 0.0)) or not site.changed:
                continue
            busy += 1
            if key in unsaved:
                self.unsaved[key] = site
                self.unsaved_lines += len(site.lines)
        if not busy:
            return
        if wait > 0:
            self.stats.inc_value("newsproj/template/history/not_saved/lock_timeout", busy)
            logger.warning("Template history of %d sites not saved: another process held their lock for %g s",
                           busy, wait)
            return
        self._deferred(busy)
        dropped = 0  # (while their locks stay busy, the sites evicted meanwhile keep within their bounds)
        while self.unsaved and (len(self.unsaved) > self.max_unsaved or self.unsaved_lines > self.max_unsaved_lines):
            self.unsaved_lines -= len(self.unsaved.pop(next(iter(self.unsaved))).lines)  # (the longest waiting)
            dropped += 1
        if dropped:
            self.stats.inc_value("newsproj/template/history/not_saved/lock_busy", dropped)
            if not self.busy_warned:
                self.busy_warned = True
                logger.warning("Template history of %d sites evicted from memory not saved: another process holds "
                               "their lock and they are past their bound; further such sites are only counted "
                               "(newsproj/template/history/not_saved/lock_busy)", dropped)

    def _deferred(self, sites: int) -> None:
        self.stats.inc_value("newsproj/template/history/save_deferred", sites)
        if not self.deferred_told:
            self.deferred_told = True
            logger.info("Template history of %d sites not saved yet: another process holds their lock; they go at the "
                        "next save (further such sites only counted: newsproj/template/history/save_deferred)", sites)

    def spider_opened(self) -> None:
        self.crawling = True

    def spider_closed(self) -> None:
        self.crawling = False
        self.release_all("closing")
        self.save_changed(self.lock_seconds)
        removed = sum(self.stats.get_value(f"newsproj/template/removed/{r}", 0)
                      for r in ("template", "template_history"))
        if removed:
            logger.info("Template lines removed: %d from %d records", removed,
                        self.stats.get_value("newsproj/template/records", 0))


__all__ = ["TemplatePipeline", "MAX_WORDS", "MAX_SITES"]
