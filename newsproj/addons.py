"""Add-ons: optional behaviour switched on by a setting, applied at ``"addon"`` priority so ``-s`` always wins.

``RedisAddon``: with ``-s REDIS_URL=redis://HOST:PORT/DB`` the frontier, the request dupefilter and the cross-run
state live in Redis, and any number of ``scrapy crawl news`` processes started with the same arguments share one
crawl (docs/distributed.md). Without ``REDIS_URL`` it switches itself off silently and nothing about Redis is
imported: the settings below are import paths, loaded only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

DISTRIBUTED = {
    "SCHEDULER": "newsproj.distributed.scheduler.RedisScheduler",
    "SCHEDULER_QUEUE_CLASS": "newsproj.distributed.queue.ClaimQueue",
    "DUPEFILTER_CLASS": "newsproj.compat_redis.RedisDupeFilter",  # (scrapy-redis's, with the crawler's fingerprint)
    "NEWSPROJ_STATE_BACKEND": "newsproj.state.redis.RedisStateStore",
}

# A worker's counts are its share of a shared crawl, not the crawl: comparing them with the site's past runs
# would call every worker but the busiest a collapse (monitors.py). Off per worker in distributed mode.
PER_WORKER = {
    "NEWSPROJ_MONITOR_COLLAPSE_RATIO": 0,
}


class RedisAddon:
    def __init__(self, crawler: Crawler):
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured()  # the normal, single-process case: say nothing

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def update_settings(self, settings: BaseSettings) -> None:
        for name, value in {**DISTRIBUTED, **PER_WORKER}.items():
            settings.set(name, value, "addon")
