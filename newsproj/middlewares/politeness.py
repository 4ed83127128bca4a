"""Politeness per ``host:port``: robots.txt ``Crawl-delay``, ``Retry-After``, and backoff on 429/503.

Scrapy obeys robots.txt ``Disallow`` but ignores ``Crawl-delay``, and its retry middleware retries 429 and
503 at once, ignoring ``Retry-After``. This middleware keeps, per ``host:port``, the earliest time the next
request may start, and makes each request wait for its turn (an async sleep that never blocks the reactor):

- ``Crawl-delay: N`` (read when Scrapy parses robots.txt, for our User-Agent) spaces requests ≥ N seconds
  apart, capped at ``NEWSPROJ_MAX_CRAWL_DELAY``;
- a 429 or 503 pauses the whole host: for ``Retry-After`` seconds (or until its HTTP date) when given, else
  ``NEWSPROJ_BACKOFF_BASE × 2^retries`` capped at ``NEWSPROJ_BACKOFF_MAX``. Scrapy's retry middleware then
  re-schedules the request, which waits here. A ``Retry-After`` over ``NEWSPROJ_MAX_RETRY_AFTER`` gives up
  on the URL (``retry_after_too_long``) instead of stalling the crawl.

Stats: ``newsproj/politeness/crawl_delay`` (seconds, per last robots.txt), ``newsproj/politeness/waited``
(requests that waited) and ``newsproj/politeness/backoff/<status>``.
"""

from __future__ import annotations

import logging
from email.utils import parsedate_to_datetime
from time import monotonic, time
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from ..discovery.urls import netloc
from .outcomes import Refused
from .redact import redact

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

BACKOFF_CODES = frozenset({429, 503})


def parse_retry_after(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP date), or None if absent/invalid."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isascii() and text.isdigit():  # ("²", Latin-1 0xB2, is a digit to isdigit() and no number to float())
        return float(text)
    try:
        when = parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return max(0.0, when - (time() if now is None else now))


request_leaves_slot = object()
"""Signal (``request``): sent by ``newsproj.compat.PerSlotCapDownloader`` when a request leaves its
download slot's queue to be sent."""


class PolitenessMiddleware:
    def __init__(self, crawler: Crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.user_agent = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT") or ""
        self.max_crawl_delay = settings.getfloat("NEWSPROJ_MAX_CRAWL_DELAY", 30.0)
        self.max_retry_after = settings.getfloat("NEWSPROJ_MAX_RETRY_AFTER", 120.0)
        self.backoff_base = settings.getfloat("NEWSPROJ_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("NEWSPROJ_BACKOFF_MAX", 60.0)
        self.delay: dict[str, float] = {}
        self.next_at: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(self.request_left, signal=request_leaves_slot)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def robots_parsed(self, robotparser: Any, request: Request, **kwargs: Any) -> None:
        getter = getattr(robotparser, "crawl_delay", None)
        delay = getter(self.user_agent) if getter else None
        if not delay:
            return
        key = netloc(request.url)
        if delay > self.max_crawl_delay:
            logger.warning("robots.txt of %s asks Crawl-delay %s; using NEWSPROJ_MAX_CRAWL_DELAY=%s",
                           key, delay, self.max_crawl_delay)
            delay = self.max_crawl_delay
        self.delay[key] = float(delay)
        self.stats.set_value("newsproj/politeness/crawl_delay", float(delay))
        logger.info("Honouring Crawl-delay %.2fs for %s", delay, key)

    async def process_request(self, request: Request) -> None:
        if request.meta.get("dont_obey_robotstxt") and request.url.endswith("/robots.txt"):
            return
        key = netloc(request.url)
        waited = False
        # The host's next slot is taken when the request actually leaves, not when it starts waiting: a timer that
        # fires late (a busy reactor) must not shorten the gap to the next request. Requests waiting together
        # all wake at the slot; the first takes it, the others wait for the next one.
        while (wait := self.next_at.get(key, 0.0) - monotonic()) > 0.001:
            waited = True
            from twisted.internet import reactor  # installed by Scrapy before components are built

            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
        self.next_at[key] = max(self.next_at.get(key, 0.0), monotonic() + self.delay.get(key, 0.0))
        if waited:
            self.stats.inc_value("newsproj/politeness/waited")

    def request_left(self, request: Request) -> None:
        """The request has left the downloader's queue for the network: the host's next slot counts from now.
        (Between this middleware and the network a request can still wait: Scrapy's own download delay,
        AutoThrottle, the per-host concurrency cap.)"""
        key = netloc(request.url)
        delay = self.delay.get(key)
        if delay:
            self.next_at[key] = max(self.next_at.get(key, 0.0), monotonic() + delay)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in BACKOFF_CODES:
            return response
        key = netloc(request.url)
        retry_after = parse_retry_after(response.headers.get(b"Retry-After"))
        if retry_after is not None and retry_after > self.max_retry_after:
            self.stats.inc_value("newsproj/politeness/retry_after_too_long")
            logger.warning("Giving up on %s: Retry-After %.0fs is over NEWSPROJ_MAX_RETRY_AFTER=%s",
                           redact(request.url), retry_after, self.max_retry_after)
            raise Refused("retry_after_too_long", request.url)
        if retry_after is None:
            retry_after = min(self.backoff_max, self.backoff_base * 2 ** request.meta.get("retry_times", 0))
        self.next_at[key] = max(self.next_at.get(key, 0.0), monotonic() + retry_after)
        self.stats.inc_value(f"newsproj/politeness/backoff/{response.status}")
        logger.info("%s answered %d: pausing %s for %.1fs", redact(request.url), response.status, key, retry_after)
        return response
