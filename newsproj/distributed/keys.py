"""Which crawl a worker joins, and the Redis keys of that crawl. Pure: no Redis, no Scrapy engine.

Workers started with the same arguments join the same crawl: its id is the spider name plus a hash of the
spider's seeds and site (order of seeds does not matter), unless ``NEWSPROJ_CRAWL_ID`` names it explicitly.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.settings import BaseSettings

PREFIX = "newsproj:crawl"
_VALID = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")


def crawl_id_problem(explicit: object) -> str | None:
    """Why ``explicit`` cannot name a crawl (``NEWSPROJ_CRAWL_ID``), or None. ``scrapy crawl`` checks it before it
    starts (exit 2), the scheduler again."""
    if _VALID.match(str(explicit)):
        return None
    return f"NEWSPROJ_CRAWL_ID must be 1 to 100 letters, digits, '_', '.' or '-' ({_VALID.pattern}), got {explicit!r}"


def crawl_id(spider: Spider, settings: BaseSettings) -> str:
    """``NEWSPROJ_CRAWL_ID`` if set, else ``<spider>-<12 hex>`` from the spider's seeds and site."""
    explicit = settings.get("NEWSPROJ_CRAWL_ID")
    if explicit:
        problem = crawl_id_problem(explicit)
        if problem:
            raise ValueError(problem)
        return str(explicit)
    args: dict[str, Any] = {
        "site": getattr(spider, "site_name", None),
        "seeds": sorted(getattr(spider, "seeds", None) or []),
    }
    digest = hashlib.sha1(json.dumps(args, sort_keys=True).encode("utf-8")).hexdigest()[:12]
    return f"{spider.name}-{digest}"


@dataclass(frozen=True, slots=True)
class CrawlKeys:
    """All keys of one crawl live under ``newsproj:crawl:<crawl id>:``."""

    crawl: str

    @property
    def base(self) -> str:
        return f"{PREFIX}:{self.crawl}"

    @property
    def requests(self) -> str:
        """Sorted set: the shared frontier (scrapy-redis PriorityQueue; member = pickled request, score = -priority)."""
        return f"{self.base}:requests"

    @property
    def dupefilter(self) -> str:
        """Set: fingerprints of every request ever enqueued in this crawl (scrapy-redis RFPDupeFilter)."""
        return f"{self.base}:dupefilter"

    @property
    def workers(self) -> str:
        """Sorted set: worker id → heartbeat deadline (Redis server time, ms)."""
        return f"{self.base}:workers"

    @property
    def inflight_prefix(self) -> str:
        return f"{self.base}:inflight:"

    def inflight(self, worker: str) -> str:
        """Sorted set per worker: requests it claimed and has not finished (same members/scores as the frontier)."""
        return f"{self.inflight_prefix}{worker}"
