"""The request fingerprint (``REQUEST_FINGERPRINTER_CLASS``): Scrapy's, of the URL without its tracking parameters.

A link is requested as the site gives it, ``utm_*``, ``fbclid``… included (the record's ``url`` is the URL
fetched, the page as its publisher links it), yet a link with trackers and the same link without are one page:
whichever comes first is requested, the other is a duplicate. Session ids and sort parameters are no concern here:
they are stripped before a request (traps, ``discovery.urls.strip_trap_params``).

Every duplicate check of requests reads ``crawler.request_fingerprinter``: Scrapy's dupefilter (and its
``JOBDIR/requests.seen``), the HTTP cache, and in distributed mode the Redis dupefilter
(``compat.RedisDupeFilter``: scrapy-redis 0.9's computes a fingerprint of its own). A URL without trackers has
Scrapy's own fingerprint, so a ``JOBDIR`` written before is read the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy.utils.request import fingerprint

from .discovery.urls import without_trackers

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler


class TrackerFreeFingerprinter:
    """Scrapy's :func:`scrapy.utils.request.fingerprint` of the request with its URL's tracking parameters left
    out (:func:`newsproj.discovery.urls.without_trackers`)."""

    def __init__(self, crawler: Crawler | None = None):
        self._cache: WeakKeyDictionary[Request, bytes] = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def fingerprint(self, request: Request) -> bytes:
        url = without_trackers(request.url)
        if url == request.url:
            return fingerprint(request)  # (cached by Scrapy per request)
        cached = self._cache.get(request)
        if cached is None:
            cached = self._cache[request] = fingerprint(request.replace(url=url))
        return cached
