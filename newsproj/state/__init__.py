"""Cross-run memory: what earlier runs emitted, so a later run emits only new or changed articles.

Keyed by ``canonicalUrl``. A record is written to the store only once the feeds hold it durably (the dedup
pipeline's ``records_durable``: the feed's fsync, or every feed stored at close, then one all-or-none batch of articles,
MinHash signatures and URL aliases), never before: a killed run forgets at most what it did not write, and the next
run adopts what the file holds but the store missed (``Ledger.adopt``).

Backends implement :class:`StateStore`; ``NEWSPROJ_STATE_BACKEND`` (an import path) picks one, ``STATE_DIR``
configures the file backend, and ``RedisAddon`` selects the Redis backend when ``REDIS_URL`` is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

DEFAULT_BACKEND = "newsproj.state.files.FileStateStore"


@dataclass(frozen=True, slots=True)
class Seen:
    """What the store remembers of one emitted article."""

    fingerprint: str
    """Content fingerprint of the emitted record (see ``pipelines.dedup.fingerprint``)."""
    emitted_at: str
    """ISO 8601 time at which it was emitted."""
    lastmod: str | None = None
    """ISO 8601: the latest time this content is known to have been current — set when a refetch found it
    unchanged (the page's ``dateDownloaded``); a sitemap/feed ``lastmod`` not later than
    ``max(emitted_at, lastmod)`` means the article need not be fetched again."""


class StateStore(Protocol):
    """Required methods. Optional ones, used when a backend has them (see ``files.FileStateStore``):
    ``record_signature(url, emitted_at, signature: bytes)`` / ``recent_signatures(since) -> Iterable[(url, bytes)]``
    (near-duplicates across runs) and ``record_alias(url, canonical)`` / ``canonical_for(url) -> str | None``
    (request saving for URLs whose canonical differs)."""

    def get(self, url: str) -> Seen | None:
        """What was emitted for this canonical URL, if anything."""

    def owner_of(self, fingerprint: str) -> str | None:
        """The canonical URL that was emitted with this content fingerprint, if any."""

    def record(self, url: str, seen: Seen) -> None:
        """Remember an emitted article (called once the item has been exported)."""

    def close(self) -> None:
        """Flush and release; the store must also survive a process that is killed instead."""


def open_store(crawler: Crawler) -> StateStore | None:
    """The run's state store, or None when cross-run state is off.

    ``NEWSPROJ_STATE_BACKEND`` (import path of a class built with ``from_crawler``, or plain ``cls()``) wins;
    otherwise the file backend is used when ``STATE_DIR`` is set (an empty ``STATE_DIR`` turns state off).
    The backend may raise ``NotConfigured`` to turn state off.
    """
    from scrapy.exceptions import NotConfigured
    from scrapy.utils.misc import build_from_crawler, load_object

    settings = crawler.settings
    path = settings.get("NEWSPROJ_STATE_BACKEND")
    if not path:
        if not settings.get("STATE_DIR"):
            return None
        path = DEFAULT_BACKEND
    try:
        return build_from_crawler(load_object(path), crawler)
    except NotConfigured:
        return None
