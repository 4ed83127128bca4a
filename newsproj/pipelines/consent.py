"""ConsentPipeline (250): what an article's host states about crawling and mining it, learnt once per host and run.

Every record gets ``metadata.robotsTxt``, the robots.txt verdict on its URL for this crawler's user agent
(``allowed``, ``disallowed``, ``absent``), and, unless the page itself states a TDM reservation (header or
``<meta>``, read by the extraction: ``extraction/consent.py``), the rule of the host's
``/.well-known/tdmrep.json`` (W3C TDMRep) that applies to its URL as ``metadata.tdmReservation``.

- robots.txt: the one Scrapy's ``RobotsTxtMiddleware`` fetched (its parser from the ``robots_parsed`` signal, its
  status from ``response_received``), so it is not fetched twice; only with ``ROBOTSTXT_OBEY`` off is it fetched
  here, once per host;
- tdmrep.json: requested through the engine (so through the robots, politeness, scope and safety middlewares),
  once per host and run, as soon as the host's first response arrives (its articles find it ready).

An answer that says nothing (404 for tdmrep.json, an error, a file that does not parse) leaves the field null:
nothing is guessed. ``NEWSPROJ_CONSENT_FETCH = False`` turns the fetching off (records built offline, e.g. from
WARC files, where the site cannot be asked now).
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.misc import build_from_crawler, load_object

from ..discovery.robots import warn_if_cut
from ..extraction.consent import tdmrep_rule
from ..items import Article
from ..middlewares.guards import WELL_KNOWN

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

TDMREP_PATH = "/.well-known/tdmrep.json"
TDMREP_MAXSIZE = 256 * 1024


class ConsentPipeline:
    def __init__(self, crawler: Crawler):
        if not crawler.settings.getbool("NEWSPROJ_CONSENT_FETCH", True):
            raise NotConfigured()  # off (the warc spider reads consent from the archive): no warning every run
        self.crawler = crawler
        self.stats = crawler.stats
        settings = crawler.settings
        self.useragent = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT") or ""
        self.parser_class = load_object(settings.get("ROBOTSTXT_PARSER"))
        self.obey = settings.getbool("ROBOTSTXT_OBEY")
        self.robots: dict[str, asyncio.Future[Any]] = {}
        self.tdmrep: dict[str, asyncio.Future[Any]] = {}
        self.parsers: dict[str, Any] = {}
        """netloc → the robots.txt parser Scrapy's RobotsTxtMiddleware built."""
        self.robots_status: dict[str, int] = {}
        """netloc → the HTTP status of its robots.txt."""
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(self.response_received, signal=signals.response_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def robots_parsed(self, robotparser: Any, request: Request, **kwargs: Any) -> None:
        self.parsers[urlsplit(request.url).netloc] = robotparser

    def response_received(self, response: Response, request: Request, **kwargs: Any) -> None:
        parts = urlsplit(request.url)
        if request.meta.get("dont_obey_robotstxt") and parts.path == "/robots.txt":
            self.robots_status[parts.netloc] = response.status
        # the host's first response (its robots.txt, usually): ask for its tdmrep.json now, so that its first
        # article does not wait for it (in the download slot, it would queue behind the requests already there)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.tdmrep and parts.scheme in ("http", "https"):
            self.tdmrep[origin] = asyncio.ensure_future(self._tdmrep(origin))

    def _middleware_robots(self, netloc: str) -> Any:
        """What Scrapy's robots.txt middleware learnt for ``netloc`` (None: nothing, e.g. it could not fetch it)."""
        status = self.robots_status.get(netloc)
        if status is None or status >= 500:
            return None
        if status >= 400:
            return "absent"
        return self.parsers.get(netloc)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article) or item.metadata is None:
            return item
        parts = urlsplit(item.url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if self.obey:
            parser, rules = self._middleware_robots(parts.netloc), await self._once(self.tdmrep, origin, self._tdmrep)
        else:
            parser, rules = await asyncio.gather(
                self._once(self.robots, origin, self._robots), self._once(self.tdmrep, origin, self._tdmrep))
        if parser == "absent":
            item.metadata.robotsTxt = "absent"
        elif parser is not None:
            item.metadata.robotsTxt = "allowed" if parser.allowed(item.url, self.useragent) else "disallowed"
        # the page's own statement (header, <meta>) is more specific than the host's file: it wins
        if rules is not None and item.metadata.tdmReservation is None:
            item.metadata.tdmReservation = tdmrep_rule(rules, parts.path or "/", item.url)
        return item

    async def _once(self, cache: dict[str, asyncio.Future[Any]], origin: str, fetch: Any) -> Any:
        future = cache.get(origin)
        if future is None:
            future = cache[origin] = asyncio.ensure_future(fetch(origin))
        return await asyncio.shield(future)

    async def _get(self, url: str, **meta: Any) -> Response | None:
        request = Request(url, callback=NO_CALLBACK, priority=1000, dont_filter=True, meta=meta)
        assert self.crawler.engine is not None
        try:
            return await self.crawler.engine.download_async(request)
        except Exception as exc:  # noqa: BLE001 - the site said nothing we could read: the field stays null
            logger.info("Could not fetch %s: %s", url, exc)
            self.stats.inc_value(f"newsproj/consent/fetch_failed/{type(exc).__name__}")
            return None

    async def _robots(self, origin: str) -> Any:
        """With ``ROBOTSTXT_OBEY`` off: the host's robots.txt parser; ``"absent"`` when it has none (4xx); None
        when unknown (5xx, error)."""
        response = await self._get(f"{origin}/robots.txt", dont_obey_robotstxt=True)
        if response is None or response.status >= 500:
            self.stats.inc_value("newsproj/consent/robots/unknown")
            return None
        if response.status >= 400:
            self.stats.inc_value("newsproj/consent/robots/absent")
            return "absent"
        self.stats.inc_value("newsproj/consent/robots/read")
        parser = build_from_crawler(self.parser_class, self.crawler, response.body)
        warn_if_cut(parser, response.url)
        return parser

    async def _tdmrep(self, origin: str) -> Any:
        """The host's parsed tdmrep.json (a list of rules), or None."""
        response = await self._get(f"{origin}{TDMREP_PATH}", **{WELL_KNOWN: True, "download_maxsize": TDMREP_MAXSIZE})
        if response is None or response.status != 200:
            self.stats.inc_value("newsproj/consent/tdmrep/none")
            return None
        try:
            rules = json.loads(response.body)
        except ValueError:
            logger.info("Unreadable %s%s: not JSON", origin, TDMREP_PATH)
            self.stats.inc_value("newsproj/consent/tdmrep/bad_json")
            return None
        if not isinstance(rules, list):
            self.stats.inc_value("newsproj/consent/tdmrep/bad_json")
            return None
        self.stats.inc_value("newsproj/consent/tdmrep/read")
        return rules
