"""robots.txt rules as Scrapy's RobotsTxtMiddleware parsed them, asked before a link is admitted.

Scrapy refuses a disallowed request in its downloader middleware, after the scheduler: a link the spider admitted
there had already been charged to the trap budgets. A page of 200,000 disallowed links used up the 50,000 per-site
budget, and the good links after them were refused. The spider asks :meth:`RobotsRules.allowed` first, so budgets
count only links that can be fetched. The parsers are the middleware's own (``signals.robots_parsed``, as Scrapy's
SitemapSpider and our politeness middleware read them), so the answer is the one the middleware would give; a host
whose robots.txt is not parsed yet is allowed here and left to the middleware.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import pickle
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.robotstxt import ProtegoRobotParser

from .urls import netloc

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 500 * 1024
"""Bytes of a robots.txt read (its rules and its ``Sitemap:`` lines): RFC 9309 2.5 lets a crawler set a limit of
at least 500 KiB, Google's. DOWNLOAD_MAXSIZE let 16 MiB through: 300,000 wildcard rules (8.6 MB) took 5.6 s to
parse and ~0.27 s of CPU for every URL asked (a link is asked twice, and the parser goes with every page to the
extraction process); read to 500 KiB, 0.26 s once and ~15 ms a URL."""


def robots_head(body: bytes) -> bytes:
    """The part of a robots.txt that is read: all of it up to :data:`ROBOTS_MAX_BYTES`, else its whole lines
    within them (a rule cut in two is not read)."""
    if len(body) <= ROBOTS_MAX_BYTES:
        return body
    head = body[:ROBOTS_MAX_BYTES]
    return head[: max(head.rfind(b"\n"), head.rfind(b"\r")) + 1]


class BoundedRobotParser(ProtegoRobotParser):
    """``ROBOTSTXT_PARSER``: Scrapy's Protego parser over :func:`robots_head` of the body. A longer robots.txt is
    counted (``newsproj/discovery/robots_truncated``) and its size kept (``size``) for :func:`warn_if_cut`, which
    names the host in one WARNING line (the parser is not told the URL)."""

    size: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, robotstxt_body: bytes) -> Self:
        head = robots_head(robotstxt_body)
        parser = super().from_crawler(crawler, head)
        if len(head) < len(robotstxt_body):
            parser.size = len(robotstxt_body)
            crawler.stats.inc_value("newsproj/discovery/robots_truncated")
        return parser


def warn_if_cut(parser: Any, url: str) -> None:
    """One WARNING line when ``url``'s robots.txt was read to :data:`ROBOTS_MAX_BYTES` only."""
    size = getattr(parser, "size", None)
    if size:
        logger.warning("robots.txt of %s is %d bytes: read to its first 500 KiB (RFC 9309's limit); its rules and "
                       "Sitemap: lines past them are not read", netloc(url), size)


class Robots:
    """One host's robots.txt rules for our user agent, picklable: they go with a page to the extraction process,
    where its links are read (``discovery.links.page_links``).

    They go with every page of the host, so the parser is pickled once (a robots.txt of a few hundred rules is
    ~45 KB pickled: ~0.7 ms to pickle in the crawl process and ~1.4 ms to unpickle in the worker, a page), and a
    worker unpickles it once (:func:`_robots`, by the pickle's digest); each page carries the pickled bytes."""

    def __init__(self, parser: RobotParser, user_agent: str):
        self.parser = parser
        self.user_agent = user_agent
        self._pickled: tuple[str, bytes] | None = None

    def allowed(self, url: str) -> bool:
        return bool(self.parser.allowed(url, self.user_agent))

    def __reduce__(self) -> tuple[Any, ...]:
        if self._pickled is None:
            blob = pickle.dumps(self.parser)
            self._pickled = (hashlib.sha1(blob, usedforsecurity=False).hexdigest(), blob)
        return _robots, (*self._pickled, self.user_agent)


PARSERS_KEPT = 256
"""Parsers a process keeps unpickled (one per host it saw pages of, most recent first)."""
_parsers: dict[str, Any] = {}


def _robots(digest: str, blob: bytes, user_agent: str) -> Robots:
    """A pickled :class:`Robots`: its parser unpickled once per process (what a worker was sent before)."""
    parser = _parsers.pop(digest, None)
    if parser is None:
        parser = pickle.loads(blob)  # noqa: S301 - pickled by the crawl process, like the page it comes with
        while len(_parsers) >= PARSERS_KEPT:
            del _parsers[next(iter(_parsers))]
    _parsers[digest] = parser  # (last: the most recently used)
    robots = Robots(parser, user_agent)
    robots._pickled = (digest, blob)
    return robots


def _portable(parser: RobotParser, user_agent: str) -> Robots | None:
    """The parser as :class:`Robots` that pickles (Scrapy's parsers keep the spider they were built for: the
    copy leaves it out), or None when this parser implementation does not pickle."""
    clone = copy.copy(parser)
    if getattr(clone, "spider", None) is not None:
        clone.spider = None  # type: ignore[attr-defined]
    robots = Robots(clone, user_agent)
    try:
        pickle.dumps(robots)
    except Exception:  # noqa: BLE001 - then the links are filtered in the crawl process only
        return None
    return robots


class RobotsRules:
    def __init__(self, crawler: Crawler):
        settings = crawler.settings
        self.obey = settings.getbool("ROBOTSTXT_OBEY")
        self.user_agent: str = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT") or ""
        self.parsers: dict[str, RobotParser] = {}
        self.portable: dict[str, Robots | None] = {}
        if self.obey:
            crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)

    def robots_parsed(self, robotparser: RobotParser, request: Request, **kwargs: Any) -> None:
        warn_if_cut(robotparser, request.url)
        host = netloc(request.url)
        self.parsers[host] = robotparser
        self.portable[host] = _portable(robotparser, self.user_agent)

    def for_url(self, url: str) -> Robots | None:
        """The rules of ``url``'s host to send with its page to the extraction process, if known."""
        return self.portable.get(netloc(url)) if self.portable else None

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch ``url`` (True when not obeyed or not known yet)."""
        parser = self.parsers.get(netloc(url)) if self.parsers else None
        return parser is None or bool(parser.allowed(url, self.user_agent))
