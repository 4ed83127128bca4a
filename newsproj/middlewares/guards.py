"""Content guards: what a news crawler never needs is dropped as early as possible, with a reason.

- :class:`HeadersGuard` decides from the response headers, before the body is downloaded: a Content-Type
  that is not text (PDF, images, audio, video, JSON, archives, office files…) or a Content-Length over
  ``DOWNLOAD_MAXSIZE`` stops the download (Scrapy's ``headers_received`` signal + ``StopDownload``), and so
  does a body without Content-Length once it grows past ``DOWNLOAD_MAXSIZE`` (``bytes_received``).
  A Content-Length over ``DOWNLOAD_WARNSIZE`` is counted.
- :class:`BodyGuard` looks at the (decompressed) body of a 200 response: empty, or binary whatever the
  header claims (file magic numbers, or more than 5% control bytes in the first KB: a stray NUL is not binary).
- :class:`RedirectGuard` refuses a redirect back to a URL of its own chain (a loop) before Scrapy's
  dupefilter silently swallows it, and a redirect to anything but http(s) (``file:``, ``ftp:``…); a redirect to
  another URL of the same page (the request fingerprint's view: a link with ``utm_*`` redirected to the link
  without them) is followed, where the dupefilter, which already holds that page's fingerprint, dropped it.

Each refusal is counted under ``newsproj/guard/dropped/<reason>`` and fails the request with that reason.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from scrapy import signals
from scrapy.exceptions import StopDownload

from .outcomes import Refused
from .redact import redact

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Headers, Response

logger = logging.getLogger(__name__)

STOP_REASON = "newsproj_stop_reason"
RECEIVED = "newsproj_bytes_received"
# Text a news crawler reads: HTML, XML (sitemaps, feeds), JSON Feed, plain text (robots.txt), gzip (.xml.gz
# sitemaps). Other JSON (application/json: APIs, a JSON Feed served without its type) is not read.
_ALLOWED_TYPES = frozenset({
    "text/html", "application/xhtml+xml", "text/xml", "application/xml", "text/plain", "application/rss+xml",
    "application/atom+xml", "application/rdf+xml", "application/feed+json", "application/gzip",
    "application/x-gzip", "text/x-sitemap",
    "application/octet-stream", "binary/octet-stream",  # often a .xml.gz sitemap: the body check decides
})
_DENIED_PREFIXES = ("image/", "audio/", "video/", "font/", "model/", "multipart/")
_BINARY_MAGIC = (
    b"%PDF-", b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04", b"RIFF", b"\x00\x00\x01\x00",
    b"ID3", b"OggS", b"%!PS", b"BZh", b"7z\xbc\xaf", b"Rar!", b"\x7fELF", b"wOFF", b"wOF2", b"\x00asm",
    b"fLaC", b"ftyp", b"II*\x00", b"MM\x00*",
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
"""C0 controls but tab, line breaks and ESC: text has next to none, binary data (random bytes) about 10%."""
BINARY_SAMPLE = 1024
BINARY_CONTROL_SHARE = 0.05
"""A body whose first ``BINARY_SAMPLE`` bytes are more than this share control bytes is binary. One stray NUL
in a good article's first KB is not (the charset middleware removes it before parsing)."""


_MIME = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}")
"""A media type as RFC 6838 (4.2) lets one be named: what a refused type's stat may be named after."""
MAX_TYPE_REASONS = 64
"""Refused media types a run names in its stats (``content_type/<mime>``) besides :data:`WELL_KNOWN_TYPES`; the
others are ``content_type/other``."""
WELL_KNOWN_TYPES = frozenset({
    "application/pdf", "application/zip", "application/octet-stream", "application/json", "application/javascript",
    "application/x-javascript", "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/x-shockwave-flash",
    "application/epub+zip", "application/ld+json", "application/wasm", "text/css", "text/javascript", "text/csv",
    "text/calendar", "image/jpeg", "image/png", "image/gif", "image/webp", "image/svg+xml", "image/avif",
    "image/x-icon", "image/vnd.microsoft.icon", "image/bmp", "image/tiff", "video/mp4", "video/webm",
    "video/quicktime", "audio/mpeg", "audio/mp4", "audio/ogg", "audio/wav", "font/woff", "font/woff2", "font/ttf",
    "font/otf",
})
"""Refused media types always named in the stats (a fixed set: the cap of :data:`MAX_TYPE_REASONS` is per run,
and one site's own types spent it, after which a real site's PDFs and images were ``content_type/other``)."""


def content_type_reason(content_type: str) -> str | None:
    """``content_type/<mime>`` when a response of this type is never worth its body, else None (a type that is no
    RFC 6838 name: ``content_type/invalid``, the site's text never becomes a stat's name). A missing Content-Type
    is allowed (the body is sniffed)."""
    mime = content_type.split(";", 1)[0].strip().lower()
    if not mime or mime in _ALLOWED_TYPES:
        return None
    if mime.startswith(_DENIED_PREFIXES) or mime.startswith("application/") or mime.startswith("text/"):
        if mime.startswith("text/") and mime not in ("text/css", "text/javascript", "text/csv", "text/calendar"):
            return None  # text/* we do not know: the body check and the spider's sniffing decide
        return f"content_type/{mime}" if _MIME.fullmatch(mime) else "content_type/invalid"
    return None


def body_reason(body: bytes) -> str | None:
    """``empty_body`` or ``binary_body`` for a body no page can come from, else None."""
    if not body.strip():
        return "empty_body"
    if body[:2] == b"\x1f\x8b" or body.startswith(_UTF16_BOMS):
        return None  # a gzipped sitemap (the spider gunzips it), or UTF-16 text
    if body.lstrip().startswith(_BINARY_MAGIC) or body[4:8] == b"ftyp":
        return "binary_body"
    sample = body[:BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > len(sample) * BINARY_CONTROL_SHARE:
        return "binary_body"
    return None


WELL_KNOWN = "newsproj_well_known"
"""Request meta: a site-wide policy file (``/.well-known/tdmrep.json``, pipelines/consent.py) that the guards let
through like robots.txt (JSON is otherwise refused from its Content-Type)."""


def _is_robots(request: Request) -> bool:
    if request.meta.get(WELL_KNOWN):
        return True
    return bool(request.meta.get("dont_obey_robotstxt")) and request.url.endswith("/robots.txt")


class HeadersGuard:
    """Downloader middleware (outermost, so it sees responses first) + ``headers_received`` handler."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.maxsize = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        self.warnsize = crawler.settings.getint("DOWNLOAD_WARNSIZE")
        self.types: set[str] = set()
        """The refused types named so far (at most :data:`MAX_TYPE_REASONS`): a site answering every URL with a
        type of its own made a stat key per URL (three: failed, article_failed, the manifest's failures)."""
        crawler.signals.connect(self.headers_received, signal=signals.headers_received)
        crawler.signals.connect(self.bytes_received, signal=signals.bytes_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def headers_received(self, headers: Headers, body_length: int, request: Request, **kwargs: Any) -> None:
        if _is_robots(request):
            return
        ctype = (headers.get(b"Content-Type") or b"").decode("latin-1")
        reason = content_type_reason(ctype)
        if reason is not None and reason != "content_type/invalid" and reason not in self.types and reason[
                len("content_type/"):] not in WELL_KNOWN_TYPES:
            if len(self.types) < MAX_TYPE_REASONS:
                self.types.add(reason)
            else:
                reason = "content_type/other"
        maxsize = request.meta.get("download_maxsize", self.maxsize)
        warnsize = request.meta.get("download_warnsize", self.warnsize)
        if reason is None and maxsize and isinstance(body_length, int) and body_length > maxsize:
            reason = "too_large"
        if reason is None:
            if warnsize and isinstance(body_length, int) and body_length > warnsize:
                self.stats.inc_value("newsproj/guard/warnsize")
            return
        request.meta[STOP_REASON] = reason
        raise StopDownload(fail=False)

    def bytes_received(self, data: bytes, request: Request, **kwargs: Any) -> None:
        """A body without Content-Length that grows past ``DOWNLOAD_MAXSIZE`` (Scrapy would cancel it
        without saying why)."""
        maxsize = request.meta.get("download_maxsize", self.maxsize)
        if not maxsize:
            return
        received = request.meta.get(RECEIVED, 0) + len(data)
        request.meta[RECEIVED] = received
        if received > maxsize and not _is_robots(request):
            request.meta[STOP_REASON] = "too_large"
            raise StopDownload(fail=False)

    def process_response(self, request: Request, response: Response) -> Response:
        request.meta.pop(RECEIVED, None)
        if not 100 <= response.status <= 599:
            # Twisted takes any integer for a status ("HTTP/1.1 1234567"): each was a stat key of its own, here and
            # in Scrapy's downloader stats (which, at 850, this refusal keeps it from); RFC 9110 and browsers know
            # 100-599 only
            self.stats.inc_value("newsproj/guard/dropped/http_invalid")
            logger.info("Dropped %s: its status %.20s is no HTTP status", redact(request.url), response.status)
            raise Refused("http_invalid", request.url)
        reason = request.meta.pop(STOP_REASON, None)
        if reason and "download_stopped" in response.flags:
            self.stats.inc_value(f"newsproj/guard/dropped/{reason}")
            logger.info("Dropped %s from its headers: %s", redact(request.url), reason)
            raise Refused(reason, request.url)
        return response


class BodyGuard:
    """Downloader middleware (after decompression): empty and binary bodies of 200 responses."""

    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status != 200 or _is_robots(request):
            return response
        reason = body_reason(response.body)
        if reason:
            self.stats.inc_value(f"newsproj/guard/dropped/{reason}")
            logger.info("Dropped %s: %s", redact(response.url), reason)
            raise Refused(reason, response.url)
        return response


SAME_PAGE = "newsproj_redirect_same_page"
"""Request meta: RedirectGuard set ``dont_filter`` for a redirect to the request's own page (one fingerprint), and
only for the hops that stay on that page."""


class RedirectGuard:
    """Downloader middleware (before Scrapy's redirect middleware): a redirect back into its own chain."""

    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats
        self.fingerprinter = crawler.request_fingerprinter
        self.max_url_length = crawler.settings.getint("NEWSPROJ_MAX_URL_LENGTH")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        # (an empty Location is the page itself, as browsers resolve it: a loop, below; Scrapy followed it back to
        # the same URL, which its dupefilter then dropped without a reason)
        if not (300 <= response.status < 400 and location is not None) or request.meta.get("dont_redirect"):
            self._end_exemption(request)  # (the page reached: a <meta refresh> of it is checked by the dupefilter)
            return response
        try:
            target = urljoin(request.url, location.decode("latin-1"))
            parts = urlsplit(target)
            scheme, _ = parts.scheme, parts.port  # (.port raises for a port out of range: was ValueError, later)
        except ValueError:  # a Location urljoin refuses ("http://[x", port 99999): no redirect to follow
            self.stats.inc_value("newsproj/guard/dropped/bad_url")
            logger.info("Redirect from %s to a broken URL refused", redact(request.url))
            raise Refused("bad_url", request.url) from None
        if scheme not in ("http", "https"):  # file:, ftp:, data:, javascript:…
            self.stats.inc_value("newsproj/guard/dropped/bad_scheme")
            logger.info("Redirect from %s to a non-http(s) URL refused", redact(request.url))
            raise Refused("bad_scheme", request.url)
        if self.max_url_length and len(target) > self.max_url_length:
            # as a link that long is not followed (trap/url_too_long): a redirect led where no link could
            self.stats.inc_value("newsproj/guard/dropped/url_too_long")
            logger.info("Redirect from %s to a URL of %d characters refused (NEWSPROJ_MAX_URL_LENGTH)",
                        redact(request.url), len(target))
            raise Refused("url_too_long", request.url)
        chain = {*request.meta.get("redirect_urls", []), request.url}
        if target in chain:
            self.stats.inc_value("newsproj/guard/dropped/redirect_loop")
            logger.info("Redirect loop at %s → %s", redact(request.url), redact(target))
            raise Refused("redirect_loop", request.url)
        if not request.dont_filter and self._same_page(request, target):
            # Scrapy's redirect copies dont_filter from this request: the redirect is followed (up to
            # REDIRECT_MAX_TIMES, and never back into its chain, above) instead of being dropped as a duplicate
            request.dont_filter = True
            request.meta[SAME_PAGE] = True
            self.stats.inc_value("newsproj/guard/redirect_same_page")
        elif request.meta.get(SAME_PAGE) and not self._same_page(request, target):
            self._end_exemption(request)
        return response

    @staticmethod
    def _end_exemption(request: Request) -> None:
        """The same-page exemption was for that one page: a hop on to another page (a moved story: a redirect or a
        ``<meta refresh>``, which copy ``dont_filter``) is checked by the dupefilter again, else a page already
        fetched (or linked later) was fetched twice."""
        if request.meta.pop(SAME_PAGE, False):
            request.dont_filter = False

    def _same_page(self, request: Request, target: str) -> bool:
        """``target`` is another URL of the page ``request`` asked for: one fingerprint (tracking parameters left
        out, newsproj/fingerprint.py)."""
        try:
            redirected = request.replace(url=target)
        except ValueError:  # (a URL Request refuses: Scrapy's redirect fails on it the same way)
            return False
        return self.fingerprinter.fingerprint(redirected) == self.fingerprinter.fingerprint(request)
