"""Why a request ended without a response: one reason per bad URL, counted and logged once.

Components refuse with :class:`Refused` (an ``IgnoreRequest`` carrying a reason); the spider's errback
hands every final failure (refusals, HTTP errors after retries, timeouts, dropped connections, oversize
bodies) to :func:`record_failure`, which bumps ``newsproj/fetch/failed/<reason>`` and logs one line with the
URL; every response that reaches a callback is counted by :func:`record_response` under
``newsproj/fetch/ok/<role>``. Together with the items' drop reasons these stats account for every URL the crawl saw.

:func:`is_error` tells the site's and the network's faults (connection failures, timeouts, HTTP 4xx/5xx on a
page we were sent to) from refusals by policy (robots.txt, scope, SSRF, content guards, our limits): only the
former count against a site's health (``newsproj/monitors.py``). A failed article request also counts under
``newsproj/fetch/article_failed/<reason>`` (the block check: new articles answering 403).
"""

from __future__ import annotations

import gzip
import importlib
import logging
import zlib
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
    from scrapy.http import Response
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

# Refusals by policy are expected and logged at INFO; everything else is a fault of the site or network.
POLICY = frozenset({
    "robots_forbidden", "offsite", "bad_scheme", "redirect_loop", "redirect_max", "retry_after_too_long",
    "url_too_long",
})


# What a site or the network did wrong (besides HTTP statuses, ``http_<status>``).
NETWORK = frozenset({"timeout", "connection_refused", "connection_lost", "dns_lookup_failed", "cancelled",
                     "bad_content_encoding"})


def _decoding_errors() -> tuple[type[BaseException], ...]:
    """What Scrapy's HttpCompressionMiddleware raises on a body its Content-Encoding does not decode (gzip and
    deflate: zlib.error; br: brotli.error, when a brotli module is installed)."""
    found: list[type[BaseException]] = [zlib.error, gzip.BadGzipFile]
    for module in ("brotli", "brotlicffi"):
        try:
            found.append(importlib.import_module(module).error)
        except (ImportError, AttributeError):
            continue
    return tuple(found)


DECODING_ERRORS = _decoding_errors()
ROLE = "newsproj_role"  # request meta key set by the spider: seed, discovery, listing, article


PAGE_WITHOUT_RECORD = object()
"""Signal sent by a spider for a downloaded page that gave no record (a listing, or a page dropped by extraction):
``response``, ``outcome`` (a :class:`newsproj.extraction.page.PageOutcome`). The health sampler keeps a few."""


def is_error(reason: str) -> bool:
    """Whether a failure reason is the site's or the network's fault (not a refusal by policy or by our limits).
    Unknown exception names (``SSLError``…) are errors; our own reasons are lowercase."""
    return reason.startswith("http_") or reason in NETWORK or reason[:1].isupper()


class Refused(IgnoreRequest):
    """A request or response refused by one of our components, with a stats-friendly reason."""

    def __init__(self, reason: str, url: str = ""):
        super().__init__(f"{reason}: {redact(url)}" if url else reason)
        self.reason = reason


def failure_reason(failure: Failure) -> str:
    """A short, stable reason for a failed request (the last path part of its stats key)."""
    return exception_reason(failure.value)


def exception_reason(exc: BaseException) -> str:
    """:func:`failure_reason` of an exception."""
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
    if isinstance(exc, DECODING_ERRORS):  # (was the class name: "error", lowercase, taken for a policy refusal)
        return "bad_content_encoding"
    if isinstance(exc, DownloadCancelledError | CancelledError):
        return "too_large" if "max size" in str(exc) or "maxsize" in str(exc) else "cancelled"
    return type(exc).__name__


class NetworkTracebackFilter(logging.Filter):
    """Drops the traceback (not the line) of a log record whose exception is a network fault. Scrapy's
    ``RobotsTxtMiddleware`` logs a robots.txt it could not download at ERROR with the whole traceback: 60 lines for
    a refused connection, a fault the run counts and names (``newsproj/fetch/failed/<reason>``, the health
    check). A traceback of anything else (a bug) is kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None and exception_reason(record.exc_info[1]) in NETWORK:
            record.exc_info = record.exc_text = None
        return True


_NETWORK_TRACEBACKS = NetworkTracebackFilter()
QUIETED_LOGGERS = ("scrapy.downloadermiddlewares.robotstxt",)


def quiet_network_tracebacks() -> None:
    """Attach :class:`NetworkTracebackFilter` to the loggers that print a network fault with its traceback."""
    for name in QUIETED_LOGGERS:
        log = logging.getLogger(name)
        if _NETWORK_TRACEBACKS not in log.filters:
            log.addFilter(_NETWORK_TRACEBACKS)


def record_response(crawler: Crawler, response: Response) -> None:
    """Count a response that reached the spider, by the role of its request."""
    crawler.stats.inc_value(f"newsproj/fetch/ok/{response.meta.get(ROLE) or 'other'}")


def record_failure(crawler: Crawler, failure: Failure) -> str:
    """Count and log a request's final failure; returns the reason."""
    reason = failure_reason(failure)
    crawler.stats.inc_value(f"newsproj/fetch/failed/{reason}")
    request = getattr(failure, "request", None)
    url = request.url if request is not None else "?"
    if request is not None and request.meta.get(ROLE) == "article":
        crawler.stats.inc_value(f"newsproj/fetch/article_failed/{reason}")
    level = logging.INFO if reason in POLICY or reason.startswith(("ssrf_", "content_type")) else logging.WARNING
    logger.log(level, "Gave up on %s: %s", redact(url), reason)
    return reason
