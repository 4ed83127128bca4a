"""What newsproj needs from scrapy-redis beyond its documented use, apart from :mod:`newsproj.compat` so that a
crawl without ``REDIS_URL`` imports nothing of Redis (``addons.py``). Written for the release in
``compat.WRITTEN_FOR["scrapy-redis"]``; ``tests/test_compat.py`` fails on another one.

scrapy-redis 0.9's ``RFPDupeFilter`` does not ask ``crawler.request_fingerprinter``: its ``request_fingerprint``
hashes the method, ``canonicalize_url(request.url)`` and the body itself, so ``REQUEST_FINGERPRINTER_CLASS`` is
ignored in distributed mode. newsproj's fingerprinter (``fingerprint.TrackerFreeFingerprinter``) leaves tracking
parameters out: with scrapy-redis's own, a link with ``utm_*`` and the same link without were two requests (and
two fetches, the second record dropped as a duplicate) across a shared crawl, one with a single process.
Upstream: docs/upstream.md, "scrapy-redis: RFPDupeFilter ignores REQUEST_FINGERPRINTER_CLASS".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy_redis.dupefilter import RFPDupeFilter  # type: ignore[import-untyped]

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.utils.request import RequestFingerprinterProtocol


class RedisDupeFilter(RFPDupeFilter):  # type: ignore[misc]
    """scrapy-redis's dupefilter (the same Redis set, ``request_seen`` as it is) with the crawler's request
    fingerprint, hex-encoded as Scrapy's ``JOBDIR/requests.seen`` holds it. ``fingerprinter``: the crawler's
    ``request_fingerprinter`` (``RedisScheduler`` passes it); without one, scrapy-redis's own fingerprint."""

    def __init__(self, server: Any, key: str, debug: bool = False,
                 fingerprinter: RequestFingerprinterProtocol | None = None):
        super().__init__(server, key=key, debug=debug)
        self.fingerprinter = fingerprinter

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        df = super().from_crawler(crawler)
        df.fingerprinter = crawler.request_fingerprinter
        return df

    @classmethod
    def from_spider(cls, spider: Spider) -> Self:
        df = super().from_spider(spider)
        df.fingerprinter = spider.crawler.request_fingerprinter
        return df

    def request_fingerprint(self, request: Request) -> str:
        if self.fingerprinter is None:
            return str(super().request_fingerprint(request))
        return self.fingerprinter.fingerprint(request).hex()
