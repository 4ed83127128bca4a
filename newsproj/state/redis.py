"""Redis backend of :class:`newsproj.state.StateStore`, selected by ``RedisAddon`` when ``REDIS_URL`` is set
(``NEWSPROJ_STATE_BACKEND = "newsproj.state.redis.RedisStateStore"``).

Shared by every worker of every crawl on the same Redis database, and kept across runs (it is the cross-run
memory; crawl keys are not). Under ``NEWSPROJ_REDIS_STATE_KEY`` (default ``newsproj:state``):

- ``<key>:seen``             hash: canonicalUrl → JSON ``{"fingerprint", "emitted_at", "lastmod"}``
- ``<key>:owners``           hash: content fingerprint → the canonicalUrl first emitted with it
- ``<key>:signatures``       hash: canonicalUrl → MinHash signature (near-duplicates across runs)
- ``<key>:signature_times``  sorted set: canonicalUrl → emission time (epoch s), to forget old signatures
- ``<key>:aliases``          hash: a URL an article was fetched under → its canonicalUrl, when they differ

Same semantics as ``files.FileStateStore`` (required and optional methods). Every write is atomic and done
when called: a killed worker forgets nothing it recorded.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..times import utc_moment
from . import Seen

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

DEFAULT_KEY = "newsproj:state"

# KEYS: seen, owners; ARGV: url, record JSON, fingerprint. A changed article gives up its old fingerprint (as
# the SQLite backend, whose row is replaced); the first URL emitted with a fingerprint stays its owner.
RECORD = """
local old = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if old then
  local was = cjson.decode(old)['fingerprint']
  if was ~= ARGV[3] and redis.call('HGET', KEYS[2], was) == ARGV[1] then redis.call('HDEL', KEYS[2], was) end
end
redis.call('HSETNX', KEYS[2], ARGV[3], ARGV[1])
"""


def _epoch(moment: str) -> float:
    """A time the package wrote (``emitted_at``; UTC when it names no offset) as seconds since the epoch."""
    parsed = utc_moment(moment)
    if parsed is None:
        raise ValueError(f"not an ISO 8601 time: {moment!r}")
    return parsed.timestamp()


def _value(seen: Seen) -> str:
    return json.dumps({"fingerprint": seen.fingerprint, "emitted_at": seen.emitted_at, "lastmod": seen.lastmod})


def _text(raw: Any) -> str:
    return raw.decode("utf-8") if isinstance(raw, bytes) else raw


class RedisStateStore:
    def __init__(self, client: Any, key: str = DEFAULT_KEY):
        self.client = client
        self.key = key
        self.seen_key = f"{key}:seen"
        self.owners_key = f"{key}:owners"
        self.signatures_key = f"{key}:signatures"
        self.signature_times_key = f"{key}:signature_times"
        self.aliases_key = f"{key}:aliases"
        self._record = client.register_script(RECORD)

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
        return None if raw is None else _text(raw)

    def record(self, url: str, seen: Seen) -> None:
        self._record(keys=[self.seen_key, self.owners_key], args=[url, _value(seen), seen.fingerprint])

    def record_many(self, records: list[tuple[str, Seen]]) -> None:
        """Bulk version of :meth:`record` (imports, benchmarks): one round trip."""
        pipe = self.client.pipeline(transaction=True)
        for url, seen in records:
            self._record(keys=[self.seen_key, self.owners_key], args=[url, _value(seen), seen.fingerprint], client=pipe)
        pipe.execute()

    # Optional extension of the protocol: near-duplicate signatures across runs.

    def record_signature(self, url: str, emitted_at: str, signature: bytes) -> None:
        pipe = self.client.pipeline(transaction=True)
        pipe.hset(self.signatures_key, url, signature)
        pipe.zadd(self.signature_times_key, {url: _epoch(emitted_at)})
        pipe.execute()

    def record_durable(self, records: list[tuple[str, Seen]], signatures: list[tuple[str, str, bytes]],
                       aliases: list[tuple[str, str]]) -> None:
        """What the feeds made durable at once, in one MULTI/EXEC: the articles, their signatures and aliases
        (one round trip; a connection lost before EXEC applies none of them, not the articles alone)."""
        pipe = self.client.pipeline(transaction=True)
        for url, seen in records:
            self._record(keys=[self.seen_key, self.owners_key], args=[url, _value(seen), seen.fingerprint], client=pipe)
        for url, emitted_at, signature in signatures:
            pipe.hset(self.signatures_key, url, signature)
            pipe.zadd(self.signature_times_key, {url: _epoch(emitted_at)})
        for url, canonical in aliases:
            pipe.hset(self.aliases_key, url, canonical)
        pipe.execute()

    def recent_signatures(self, since: str) -> Iterator[tuple[str, bytes]]:
        """(canonicalUrl, signature) of records emitted at or after ``since``; older ones are forgotten."""
        cutoff = _epoch(since)
        old = self.client.zrangebyscore(self.signature_times_key, "-inf", f"({cutoff}")
        if old:
            pipe = self.client.pipeline(transaction=True)
            pipe.hdel(self.signatures_key, *old)
            pipe.zremrangebyscore(self.signature_times_key, "-inf", f"({cutoff}")
            pipe.execute()
        for url, blob in self.client.hscan_iter(self.signatures_key, count=1000):
            yield _text(url), bytes(blob)

    # Optional extension: URLs an article was fetched under that differ from its canonicalUrl.

    def record_alias(self, url: str, canonical: str) -> None:
        self.client.hset(self.aliases_key, url, canonical)

    def canonical_for(self, url: str) -> str | None:
        raw = self.client.hget(self.aliases_key, url)
        return None if raw is None else _text(raw)

    def close(self) -> None:
        self.client.close()

    def __len__(self) -> int:
        return int(self.client.hlen(self.seen_key))
