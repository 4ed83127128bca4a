"""Downloader middleware: a link requested with tracking parameters that the site refuses for them.

Links are requested as linked, ``utm_*`` and ``fbclid`` included (``newsproj.fingerprint``); some routers answer
404 (or 400, 410) to a query parameter they do not know, and an article its publisher links only with trackers (a
newsletter's link, a sitemap fed from one) was lost as ``http_404``. Such a response to a URL with trackers is
answered by the same request without them (:func:`newsproj.discovery.urls.without_trackers`), once: counted as
``newsproj/discovery/tracking/untracked_after_http_<status>``. The bare URL has the tracked one's fingerprint, so
the retry passes the dupefilter (``dont_filter``); the page is still fetched once, and a bare URL that is missing too
fails as its own ``http_<status>``. Its record's ``url`` is the bare URL (the final URL of the response).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..discovery.urls import without_trackers
from .redact import redact

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

REFUSED = frozenset({400, 404, 410})
"""Statuses a site gives a URL whose query it does not accept."""
UNTRACKED = "newsproj_untracked_retry"
"""Request meta: this request is the retry of a tracked URL without its trackers (never retried again)."""


class UntrackedRetryMiddleware:
    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in REFUSED or request.meta.get(UNTRACKED):
            return response
        bare = without_trackers(request.url)
        if bare == request.url:
            return response
        self.stats.inc_value(f"newsproj/discovery/tracking/untracked_after_http_{response.status}")
        logger.info("HTTP %d for %s: asked again without its tracking parameters", response.status,
                    redact(request.url))
        return request.replace(url=bare, dont_filter=True, meta={**request.meta, UNTRACKED: True})
