"""Redis backend of :class:`newsproj.state.StateStore`, selected by ``RedisAddon`` when ``REDIS_URL`` is set
(``NEWSPROJ_STATE_BACKEND = "newsproj.state.redis.RedisStateStore"``).

Shared by every worker of every crawl on the same Redis database, and kept across runs (it is the cross-run
memory; crawl keys are not). Two hashes under ``NEWSPROJ_REDIS_STATE_KEY`` (default ``newsproj:state``):

- ``<key>:seen``    canonicalUrl → JSON ``{"fingerprint", "emitted_at", "lastmod"}``
- ``<key>:owners``  content fingerprint → canonicalUrl

Each ``record`` is one MULTI/EXEC transaction, written when called: a killed worker forgets nothing it recorded.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from . import Seen

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

DEFAULT_KEY = "newsproj:state"


class RedisStateStore:
    def __init__(self, client: Any, key: str = DEFAULT_KEY):
        self.client = client
        self.key = key
        self.seen_key = f"{key}:seen"
        self.owners_key = f"{key}:owners"

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        """Client from ``REDIS_URL`` (+ ``REDIS_PARAMS``), the same way scrapy-redis connects."""
        from scrapy_redis.connection import get_redis_from_settings  # type: ignore[import-untyped]

        if not settings.get("REDIS_URL"):
            raise ValueError("RedisStateStore needs REDIS_URL (redis://HOST:PORT/DB)")
        return cls(get_redis_from_settings(settings), settings.get("NEWSPROJ_REDIS_STATE_KEY") or DEFAULT_KEY)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls.from_settings(crawler.settings)

    def get(self, url: str) -> Seen | None:
        raw = self.client.hget(self.seen_key, url)
        if raw is None:
            return None
        data = json.loads(raw)
        return Seen(fingerprint=data["fingerprint"], emitted_at=data["emitted_at"], lastmod=data.get("lastmod"))

    def owner_of(self, fingerprint: str) -> str | None:
        raw = self.client.hget(self.owners_key, fingerprint)
        return raw.decode("utf-8") if isinstance(raw, bytes) else raw

    def record(self, url: str, seen: Seen) -> None:
        value = json.dumps({"fingerprint": seen.fingerprint, "emitted_at": seen.emitted_at, "lastmod": seen.lastmod})
        pipe = self.client.pipeline(transaction=True)
        pipe.hset(self.seen_key, url, value)
        pipe.hset(self.owners_key, seen.fingerprint, url)
        pipe.execute()

    def close(self) -> None:
        self.client.close()

    def __len__(self) -> int:
        return int(self.client.hlen(self.seen_key))
