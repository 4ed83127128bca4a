"""Spider middleware: do not fetch again an article that is already exported (request saving).

An article request (``newsproj_role == "article"``, from a sitemap, feed or listing; seeds are never skipped)
whose canonical URL the ledger knows is dropped before it reaches the scheduler, unless the page says it
changed since:

- from ``STATE_DIR`` (an earlier run): refetched only when its sitemap/feed ``lastmod``
  (``request.meta["newsproj_hints"]["lastmod"]``) is later than the time we emitted it, or than the last time a
  refetch found it unchanged (kept in ``Seen.lastmod``). A link from a listing
  carries no ``lastmod``: such an article is not refetched, unless ``NEWSPROJ_INCREMENTAL_REFRESH_HOURS`` > 0
  and it was emitted longer ago than that. Sites that edit articles are expected to say so in a sitemap or
  feed; that is the signal we trust.
- from the output file a resumed run appends to (``JOBDIR`` restart): never refetched in this run.

Stats: ``newsproj/incremental/saved`` (requests not made), ``newsproj/incremental/saved/<reason>``,
``newsproj/incremental/saved_articles`` (distinct articles behind them);
``newsproj/incremental/refetch/<reason>`` for known articles fetched again.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.exceptions import NotConfigured

from ..discovery.urls import canonical_url
from ..history import FOUND_AGAIN
from ..state.ledger import ledger_for
from ..times import is_day, moment, utc_moment

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

ROLE = "newsproj_role"
HINTS = "newsproj_hints"


def parse_time(value: str) -> datetime | None:
    """An ISO 8601 ``lastmod`` as an aware UTC datetime; a date alone means the end of that day (in its zone when
    it names one, else UTC)."""
    value = value.strip()
    if is_day(value):
        midnight = moment(value)
        if midnight is None:
            return None
        end = midnight.replace(hour=23, minute=59, second=59)
        return end.replace(tzinfo=UTC) if end.tzinfo is None else end.astimezone(UTC)
    return utc_moment(value)


class IncrementalMiddleware:
    def __init__(self, crawler: Crawler):
        if not crawler.settings.getbool("NEWSPROJ_INCREMENTAL_ENABLED", True):
            raise NotConfigured("NEWSPROJ_INCREMENTAL_ENABLED is off")
        self.stats = crawler.stats
        self.ledger = ledger_for(crawler)
        hours = crawler.settings.getfloat("NEWSPROJ_INCREMENTAL_REFRESH_HOURS", 0)
        self.refresh = timedelta(hours=hours) if hours > 0 else None
        self.saved_urls: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        for obj in result:
            if not (isinstance(obj, Request) and self._saved(obj)):
                yield obj

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for obj in result:
            if not (isinstance(obj, Request) and self._saved(obj)):
                yield obj

    def _saved(self, request: Request) -> bool:
        if request.meta.get(ROLE) != "article":
            return False
        url = canonical_url(request.url)
        reason, known = self._reason(url, (request.meta.get(HINTS) or {}).get("lastmod"))
        if reason is None:
            return False
        self.stats.inc_value("newsproj/incremental/saved")
        self.stats.inc_value(f"newsproj/incremental/saved/{reason}")
        if self.ledger.note_found(known):  # (its canonical URL: what a paused part of the run exported)
            self.stats.inc_value(FOUND_AGAIN)
        self.saved_urls.add(url)
        self.stats.set_value("newsproj/incremental/saved_articles", len(self.saved_urls))
        logger.debug("Not fetching %s again: %s", request.url, reason)
        return True

    def _reason(self, url: str, lastmod: str | None) -> tuple[str | None, str]:
        """Why the article at ``url`` need not be fetched (None to fetch it), and its canonical URL as known."""
        if url in self.ledger.in_output:
            return "in_output_file", url
        if url in self.ledger.urls:
            return None, url  # exported by this very run: the dupefilter's business, not a saving
        stored = self.ledger.stored(url)  # (under its canonical URL, or one it was fetched under before: AMP...)
        if stored is None:
            return None, url
        url, seen = stored
        emitted = parse_time(seen.emitted_at)
        # Known current as of: when we emitted it, or later when a refetch found it unchanged (Seen.lastmod).
        checked = parse_time(seen.lastmod) if seen.lastmod else None
        current = max(filter(None, (emitted, checked)), default=None)
        if lastmod:
            modified = parse_time(lastmod)
            if modified is None or current is None:
                self.stats.inc_value("newsproj/incremental/refetch/bad_date")
                return None, url
            if modified >= current:  # a tie (lastmods have one-second precision) is ambiguous: fetch
                self.stats.inc_value("newsproj/incremental/refetch/lastmod_newer")
                return None, url
            return "lastmod_not_newer", url
        if self.refresh is not None and (emitted is None or datetime.now(UTC) - emitted > self.refresh):
            self.stats.inc_value("newsproj/incremental/refetch/refresh_due")
            return None, url
        return "no_lastmod", url
