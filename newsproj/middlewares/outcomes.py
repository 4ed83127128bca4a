"""Why a request ended without a response: one reason per bad URL, counted and logged once.

Components refuse with :class:`Refused` (an ``IgnoreRequest`` carrying a reason); the spider's errback
hands every final failure (refusals, HTTP errors after retries, timeouts, dropped connections, oversize
bodies) to :func:`record_failure`, which bumps ``newsproj/fetch/failed/<reason>`` and logs one line with the
URL. Together with the items' drop reasons these stats account for every URL the crawl saw.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as neterror
from twisted.internet.defer import CancelledError
from twisted.web.client import ResponseFailed

from .redact import redact

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

# Refusals by policy are expected and logged at INFO; everything else is a fault of the site or network.
POLICY = frozenset({
    "robots_forbidden", "offsite", "bad_scheme", "redirect_loop", "redirect_max", "retry_after_too_long",
})


class Refused(IgnoreRequest):
    """A request or response refused by one of our components, with a stats-friendly reason."""

    def __init__(self, reason: str, url: str = ""):
        super().__init__(f"{reason}: {redact(url)}" if url else reason)
        self.reason = reason


def failure_reason(failure: Failure) -> str:
    """A short, stable reason for a failed request (the last path part of its stats key)."""
    exc = failure.value
    if isinstance(exc, Refused):
        return exc.reason
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    if isinstance(exc, IgnoreRequest):
        text = str(exc).lower()
        for needle, reason in (
            ("robots.txt", "robots_forbidden"), ("max redirections", "redirect_max"),
            ("download_maxsize", "decompressed_too_large"), ("offsite", "offsite"),
        ):
            if needle in text:
                return reason
        return "ignored"
    if isinstance(exc, DownloadTimeoutError | neterror.TimeoutError | TimeoutError):
        return "timeout"
    if isinstance(exc, CannotResolveHostError | neterror.DNSLookupError):
        return "dns_lookup_failed"
    if isinstance(exc, DownloadConnectionRefusedError | neterror.ConnectionRefusedError):
        return "connection_refused"
    if isinstance(exc, ResponseDataLossError | ResponseFailed | neterror.ConnectionLost | neterror.ConnectionDone):
        return "connection_lost"
    if isinstance(exc, DownloadCancelledError | CancelledError):
        return "too_large" if "max size" in str(exc) or "maxsize" in str(exc) else "cancelled"
    return type(exc).__name__


def record_failure(crawler: Crawler, failure: Failure) -> str:
    """Count and log a request's final failure; returns the reason."""
    reason = failure_reason(failure)
    crawler.stats.inc_value(f"newsproj/fetch/failed/{reason}")
    request = getattr(failure, "request", None)
    url = request.url if request is not None else "?"
    level = logging.INFO if reason in POLICY or reason.startswith(("ssrf_", "content_type")) else logging.WARNING
    logger.log(level, "Gave up on %s: %s", redact(url), reason)
    return reason
