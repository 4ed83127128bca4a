"""Keep every request on the seeds' ``host:port`` (Scrapy's offsite middleware ignores ports)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..discovery.urls import netloc
from .outcomes import Refused

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class ScopeMiddleware:
    """Downloader middleware: requests (redirect targets included) outside the spider's
    ``allowed_netlocs`` are ignored and counted under ``newsproj/scope/offsite``. One check for every request,
    robots.txt included: Scrapy's robots.txt middleware (after this one) only asks for the robots.txt of a request
    that passed, so an in-scope robots.txt always passes, and a URL merely ending in ``/robots.txt``
    (``http://other:port/x?x=/robots.txt``) gets no way around the check."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        allowed = getattr(self.crawler.spider, "allowed_netlocs", None)
        if allowed is None:
            return
        if request.url.split(":", 1)[0] not in ("http", "https"):
            self.crawler.stats.inc_value("newsproj/scope/bad_scheme")
            raise Refused("bad_scheme", request.url)
        if netloc(request.url) not in allowed:
            self.crawler.stats.inc_value("newsproj/scope/offsite")
            logger.debug("Ignoring offsite request %s", request.url)
            raise Refused("offsite", request.url)
