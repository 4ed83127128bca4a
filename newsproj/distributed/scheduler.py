"""RedisScheduler: scrapy-redis's scheduler where its behaviour is wrong for a shared crawl.

What changes against ``scrapy_redis.scheduler.Scheduler`` (0.9.1):

- keys are named per crawl (``keys.py``), not per spider, so different crawls never share a dupefilter;
- the dupefilter fingerprints a request with the crawler's ``request_fingerprinter``
  (``compat_redis.RedisDupeFilter``): a link with ``utm_*`` and the same link are one request, as in one process;
- a pop is a *claim* (``queue.ClaimQueue``): the request stays in this worker's in-flight set until the engine
  is done with it, so a worker killed mid-crawl loses nothing (a live worker requeues its claims);
- an idle worker does not close while the shared frontier is not drained (requests queued, or claimed by a
  live worker), it waits and picks up what the others discover; when everything is drained it exits;
- a worker claims only what it can download soon (``NEWSPROJ_REDIS_PREFETCH``), so work spreads over workers;
- no blocking pop (``SCHEDULER_IDLE_BEFORE_CLOSE`` is ignored: it would freeze the engine);
- no ``spider=`` passed to the stats collector and no ``Spider.log()`` (both deprecated in Scrapy 2.14+);
- ``close()`` never flushes the shared frontier because *this* worker stops; the last worker of a drained crawl
  deletes its keys, so the next run with the same arguments starts afresh (``SCHEDULER_PERSIST`` is not used).
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import time
from typing import TYPE_CHECKING, Any

from redis.exceptions import RedisError
from scrapy.utils.asyncio import create_looping_call
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.misc import load_object
from scrapy_redis.dupefilter import RFPDupeFilter  # type: ignore[import-untyped]
from scrapy_redis.scheduler import Scheduler  # type: ignore[import-untyped]

from ..compat import download_backlog, requests_in_engine
from ..compat_redis import RedisDupeFilter
from .frontier import Frontier
from .keys import CrawlKeys, crawl_id
from .queue import ClaimQueue

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request, Spider
    from scrapy.core.engine import ExecutionEngine
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

QUEUE_CLASS = "newsproj.distributed.queue.ClaimQueue"
DUPEFILTER_CLASS = "newsproj.compat_redis.RedisDupeFilter"


def worker_id() -> str:
    """Unique per process, readable in ``redis-cli``: host, pid and a random suffix (pids repeat)."""
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"


class RedisScheduler(Scheduler):
    """Settings: ``REDIS_URL`` (scrapy-redis), ``NEWSPROJ_CRAWL_ID`` (default: from the spider's arguments),
    ``NEWSPROJ_REDIS_POLL_INTERVAL`` (s, default 0.5: heartbeat, release and wake-up period),
    ``NEWSPROJ_REDIS_WORKER_TIMEOUT`` (s, default 60: a worker silent this long is dead and its claims are
    requeued), ``NEWSPROJ_REDIS_PREFETCH`` (default 2: claim no more while this many of our requests wait for a
    download slot, so a busy worker does not hoard what idle ones could fetch), ``SCHEDULER_FLUSH_ON_START``
    (delete the crawl's keys first: a reset)."""

    crawler: Crawler
    keys: CrawlKeys
    frontier: Frontier
    worker: str
    poll_interval: float
    prefetch: int
    timeout_ms: int
    _claims: dict[Request, bytes]  # claimed by this worker, not yet released
    _waiting: list[Request]  # claimed but not yet handed to the engine
    _waking: Request | None
    _loop: Any
    _closing: bool
    _failing_since: float | None  # monotonic time of the first of the polls failing in a row
    _atomic_seen: bool  # the dupefilter is scrapy-redis's set: seen and queued in one step (_push_unseen)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not hasattr(load_object(settings["DUPEFILTER_CLASS"]), "from_spider"):
            raise ValueError(
                f"RedisScheduler needs a scrapy-redis dupefilter (RedisAddon sets DUPEFILTER_CLASS={DUPEFILTER_CLASS}),"
                f" got {settings['DUPEFILTER_CLASS']}"
            )
        instance = super().from_crawler(crawler)  # scrapy-redis builds the client and pings Redis
        instance.crawler = crawler
        if not settings.get("SCHEDULER_QUEUE_CLASS"):
            instance.queue_cls = QUEUE_CLASS
        if not issubclass(load_object(instance.queue_cls), ClaimQueue):
            raise ValueError(f"SCHEDULER_QUEUE_CLASS must be a {QUEUE_CLASS} (it claims), got {instance.queue_cls}")
        if instance.idle_before_close:
            logger.warning("SCHEDULER_IDLE_BEFORE_CLOSE is ignored: a blocking pop would freeze the engine")
            instance.idle_before_close = 0
        instance.poll_interval = settings.getfloat("NEWSPROJ_REDIS_POLL_INTERVAL", 0.5)
        instance.prefetch = max(1, settings.getint("NEWSPROJ_REDIS_PREFETCH", 2))
        instance.timeout_ms = int(settings.getfloat("NEWSPROJ_REDIS_WORKER_TIMEOUT", 60) * 1000)
        instance.worker = worker_id()
        instance._claims = {}
        instance._waiting = []
        instance._waking = None
        instance._loop = None
        instance._closing = False
        instance._failing_since = None
        return instance

    # ------------------------------------------------------------------ lifecycle

    def open(self, spider: Spider) -> None:
        self.keys = CrawlKeys(crawl_id(spider, self.crawler.settings))
        dupefilter_cls = load_object(self.dupefilter_cls)
        fingerprinter = (  # (scrapy-redis's own dupefilter computes a fingerprint of its own: compat_redis.py)
            {"fingerprinter": self.crawler.request_fingerprinter} if issubclass(dupefilter_cls, RedisDupeFilter) else {}
        )
        self.df = dupefilter_cls(
            self.server, key=self.keys.dupefilter, debug=self.crawler.settings.getbool("DUPEFILTER_DEBUG"),
            **fingerprinter,
        )
        # scrapy-redis's request_seen (SADD of request_fingerprint to df.key) can be done with the push, atomically
        self._atomic_seen = getattr(type(self.df), "request_seen", None) is RFPDupeFilter.request_seen
        self.frontier = Frontier(self.server, self.keys, self.worker, self.timeout_ms)
        # As scrapy-redis's open(), minus its Spider.log() (deprecated): the queue, then an optional reset.
        self.spider = spider
        self.queue = load_object(self.queue_cls)(
            server=self.server, spider=spider, key=self.keys.requests, serializer=self.serializer
        )
        if self.flush_on_start:
            self.flush()
        tick = self._shared_tick()
        logger.info(
            "Distributed crawl %s as worker %s: %d requests queued, %d in flight elsewhere (keys %s:*)",
            self.keys.crawl, self.worker, tick.queued, tick.inflight, self.keys.base,
        )
        self._loop = create_looping_call(self._poll)
        self._loop.start(self.poll_interval, now=False)

    def close(self, reason: str) -> None:
        self._closing = True
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        self._release_done()
        # What is still claimed was never handed to the engine, or the engine stopped before finishing it:
        # it goes back to the frontier for the others (or a restart).
        cleared = self.frontier.leave(clear_if_drained=reason == "finished")
        if cleared:
            logger.info("Crawl %s drained: deleted its keys (%s:*)", self.keys.crawl, self.keys.base)
        elif reason == "finished":
            logger.info("Crawl %s drained", self.keys.crawl)
        else:
            logger.info("Left crawl %s (%s); its frontier stays in Redis", self.keys.crawl, reason)

    def flush(self) -> None:
        deleted = self.frontier.clear()
        logger.info("Reset crawl %s: deleted %d keys", self.keys.crawl, deleted)

    # ------------------------------------------------------------------ Scrapy scheduler interface

    def enqueue_request(self, request: Request) -> bool:
        if request is self._waking:  # our own wake-up (see _poll): already claimed, keep it local
            self._waking = None
            self._waiting.append(request)
            return True
        try:
            if request.dont_filter:
                self.queue.push(request)
            elif not self._push_unseen(request):
                self.df.log(request, self.spider)
                self.stats.inc_value("dupefilter/filtered")
                return False
        except RedisError as exc:  # Redis gone: the link is not shared (counted); the poll ends the crawl
            self._unreachable("enqueue_failed", exc)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def _push_unseen(self, request: Request) -> bool:
        """Queue a request no worker of the crawl has seen; False when one has. Marking it seen and queueing it
        are one step (``ClaimQueue.push_unseen``): scrapy-redis's ``request_seen`` then ``push`` are two calls, and
        in between the request was neither queued nor claimed. A seed has no claimed parent to cover that gap:
        another worker, whose own seeds had all been seen, found the crawl drained there, closed (``finished``,
        no work done) and deleted the crawl's keys, dupefilter included, under the worker queueing the seed
        (tests/e2e/test_distributed.py, under load). A dupefilter with a ``request_seen`` of its own is asked
        as scrapy-redis asks it, in two calls."""
        if not self._atomic_seen:
            if self.df.request_seen(request):
                return False
            self.queue.push(request)
            return True
        fingerprint = self.df.request_fingerprint(request)
        if self.df.server.sismember(self.df.key, fingerprint):
            return False  # (most links were seen before: one round trip, as request_seen's, and no encoding)
        return self.queue.push_unseen(request, self.df.key, fingerprint)

    def next_request(self) -> Request | None:
        if self._waiting:
            return self._waiting.pop(0)
        try:
            if self._backlog() >= self.prefetch:
                return None  # do not hoard what we cannot download yet: leave it to idle workers
            return self._claim()
        except RedisError as exc:  # (as enqueue_request: nothing to claim from a Redis that is gone)
            self._unreachable("claim_failed", exc)
            return None

    def has_pending_requests(self) -> bool:
        """True while anything is queued or claimed anywhere in the crawl: an idle worker waits for the others."""
        if self._waiting:
            return True
        try:
            self._release_done()
            return not self._shared_tick().drained
        except RedisError as exc:  # unknown: the crawl waits, and the poll closes it once Redis stays gone
            self._unreachable("tick_failed", exc)
            return True

    def _unreachable(self, what: str, exc: Exception) -> None:
        """A Redis call of the engine's (enqueue, claim, idle check) failed: counted, logged once a kind, and not
        raised into Scrapy's engine or scraper (an exception there left a response's processing unfinished, and
        the spider's close waited for it for ever). The poll stops the crawl after NEWSPROJ_REDIS_WORKER_TIMEOUT."""
        key = f"newsproj/redis/{what}"
        if not self.stats.get_value(key):
            logger.error("Redis call failed for crawl %s (%s): %s: %s", self.keys.crawl, what, type(exc).__name__, exc)
        self.stats.inc_value(key)

    def __len__(self) -> int:
        return len(self.queue) + len(self._waiting)

    # ------------------------------------------------------------------ claims

    def _claim(self) -> Request | None:
        claimed = self.queue.claim(self.frontier.inflight_key, self.keys.workers, self.worker, self.timeout_ms)
        if claimed is None:
            return None
        request, member = claimed
        self._claims[request] = member
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def _engine(self) -> ExecutionEngine | None:
        try:
            return self.crawler.engine
        except RuntimeError:  # not started (or used outside a crawl): it holds nothing
            return None

    def _in_engine(self) -> set[Request]:
        """Requests the engine still holds: downloading (or in downloader middlewares) or being scraped (callback
        running, or its items in the item pipelines)."""
        engine = self._engine()
        return set() if engine is None else requests_in_engine(engine)

    def _backlog(self) -> int:
        """Requests this worker holds that are not being transferred yet: parked in a downloader middleware (e.g.
        waiting for robots.txt) or waiting for a download slot (politeness delay, per-domain concurrency)."""
        engine = self._engine()
        return 0 if engine is None else download_backlog(engine)

    def _release_done(self) -> None:
        waiting = {id(r) for r in self._waiting}
        held = self._in_engine()
        done = [r for r in self._claims if r not in held and id(r) not in waiting]
        if done:
            self.frontier.release([self._claims.pop(r) for r in done])

    def _shared_tick(self, heartbeat: bool = True) -> Any:
        tick = self.frontier.tick(heartbeat)
        if tick.requeued:
            logger.warning("Requeued %d requests claimed by dead workers of crawl %s", tick.requeued, self.keys.crawl)
            self.stats.inc_value("newsproj/redis/requeued", tick.requeued)
        return tick

    def _poll(self) -> None:
        """Every poll interval: heartbeat, release finished claims, requeue dead workers' claims; wake the engine
        when the frontier has work and it has room; close when the whole crawl is drained and we are idle."""
        if self._closing:
            return
        try:
            self._release_done()
            tick = self._shared_tick()
            self._failing_since = None
            engine = self._engine()
            if engine is None or engine.spider is None or not engine.running:
                return
            if (tick.queued and not self._waiting and self._waking is None and not engine.needs_backout()
                    and self._backlog() < self.prefetch):
                # The engine only asks for requests when something finishes or every 5 s; hand it one (public
                # engine.crawl → enqueue_request keeps it local) so it starts pulling the rest now.
                request = self._claim()
                if request is not None:
                    self._waking = request
                    engine.crawl(request)
                    if self._waking is request:  # a request_scheduled handler refused this second announcement;
                        # the request was accepted when it was first scheduled, so it is still ours to fetch
                        self._waking = None
                        self._waiting.append(request)
            elif tick.drained and engine.spider_is_idle():
                deferred_from_coro(engine.close_spider_async(reason="finished"))
        except Exception as exc:  # noqa: BLE001 - Redis gone, or a bug: said once, and bounded below
            self._poll_failed(exc)

    def _poll_failed(self, exc: Exception) -> None:
        """A poll failed. A Redis that stays unreachable for ``NEWSPROJ_REDIS_WORKER_TIMEOUT`` (the others count this
        worker as dead by then and requeue its claims) closes the spider (``redis_unavailable``: not a finish
        reason the run's checks accept, so the run exits non-zero); before, the poll failed every interval, a
        traceback each time, and the crawl never ended."""
        now = time.monotonic()
        if self._failing_since is None:
            self._failing_since = now
            logger.exception("Distributed scheduler poll failed for crawl %s", self.keys.crawl)
        self.stats.inc_value("newsproj/redis/poll_failed")
        if now - self._failing_since < self.timeout_ms / 1000:
            return
        reason = f"{type(exc).__name__}: {exc}"
        logger.error("Redis unreachable for %.0f s (NEWSPROJ_REDIS_WORKER_TIMEOUT), crawl %s stops: %s",
                     now - self._failing_since, self.keys.crawl, reason)
        self.stats.set_value("newsproj/redis/unavailable", reason)
        self._closing = True  # (no more polls; close() follows)
        engine = self._engine()
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason="redis_unavailable"))
