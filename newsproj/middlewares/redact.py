"""Secrets never reach logs, stats or output: credentials in URLs are removed before a request is sent
(and sent as an ``Authorization`` header instead), and a logging filter redacts whatever still slips into a
log line (proxy URLs, ``user:pass@`` in messages and tracebacks, Cookie/Authorization header values)."""

from __future__ import annotations

import base64
import logging
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit, urlunsplit

from ..discovery.urls import netloc

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler

# A scheme starts where a run of scheme characters starts (with \b, every "." of "a.a.a…" began a scan to the end
# of the run for "://": a log line holding a long hostile URL cost seconds).
_USERINFO = re.compile(r"(?i)(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*://)[^\s/@'\"<>]*@")
_SECRET_HEADER = re.compile(
    r"(?i)(b?['\"]?(?:authorization|proxy-authorization|cookie|set-cookie)['\"]?\s*[:=]\s*)"
    r"(\[[^\]]*\]|b?'[^']*'|b?\"[^\"]*\"|(?:basic|bearer|digest|negotiate)\s+[^\s,}]+|[^\s,}]+)"
)
_SECRET_PARAM = re.compile(r"(?i)([?&;](?:password|passwd|pwd|token|api_key|apikey|secret)=)[^&#\s'\"]+")
MASK = "***"


def redact(text: str) -> str:
    """``text`` with URL credentials, secret header values and password-like query values masked."""
    text = _USERINFO.sub(rf"\1{MASK}@", text)
    text = _SECRET_HEADER.sub(rf"\1{MASK}", text)
    return _SECRET_PARAM.sub(rf"\1{MASK}", text)


def strip_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """``(url without user:pass@, (user, password) or None)``."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    clean = urlunsplit((parts.scheme, host + (f":{parts.port}" if parts.port else ""), parts.path, parts.query,
                        parts.fragment))
    return clean, (unquote(parts.username or ""), unquote(parts.password or ""))


class RedactingFilter(logging.Filter):
    """Rewrites a record's message (and traceback text) with :func:`redact` applied."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


_FILTER = RedactingFilter()


def install_log_redaction() -> None:
    """Attach the redacting filter to every handler of the root logger (where Scrapy's output goes)."""
    for handler in logging.getLogger().handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)


class CredentialsMiddleware:
    """Downloader middleware (first in line): a URL with ``user:pass@`` is re-issued without them, and the
    credentials go in an ``Authorization: Basic`` header to that ``host:port`` only. Counted under
    ``newsproj/guard/credentials_stripped``. Logs, stats and records then only ever see the clean URL."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.auth: dict[str, bytes] = {}
        install_log_redaction()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> Request | None:
        clean, creds = strip_credentials(request.url)
        if creds is not None:
            token = base64.b64encode(f"{creds[0]}:{creds[1]}".encode()).decode()
            self.auth[netloc(clean)] = f"Basic {token}".encode()
            self.crawler.stats.inc_value("newsproj/guard/credentials_stripped")
            new = request.replace(url=clean)
            new.headers[b"Authorization"] = self.auth[netloc(clean)]
            return new
        header = self.auth.get(netloc(request.url))
        if header and b"Authorization" not in request.headers:
            request.headers[b"Authorization"] = header
        return None
