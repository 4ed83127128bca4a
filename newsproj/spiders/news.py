"""The ``news`` spider: decides what each response is and what to fetch next. It never extracts.

An HTML page goes to the extraction process (:class:`newsproj.extractor.PageExtractor`), which decides once, after
extracting, whether it is an article (the record comes back and goes to the item pipelines) or a listing (its
links come back and are followed from here, through the spider middlewares and the trap limits).

``scrapy crawl news -a start_urls=URL[,URL...]`` or ``scrapy crawl news -a site=NAME``.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import UsageError
from scrapy.http import TextResponse

from .. import sites
from ..discovery import PRIORITY, Kind, Role
from ..discovery.feeds import FeedEntry, parse_feed
from ..discovery.kinds import maybe_gunzip, sniff
from ..discovery.robots import RobotsRules
from ..discovery.sitemaps import MAX_SITEMAP_DEPTH, SITEMAP_DEPTH, parse_sitemap, robots_sitemaps
from ..discovery.urls import (
    TrapGuard,
    TrapLimits,
    absolute_url,
    canonical_url,
    is_refusal,
    netloc,
    next_pages_of,
    robots_allowed_form,
)
from ..extraction.consent import header_hints
from ..extractor import PageExtractor
from ..items import PageItem
from ..middlewares.charset import UNDECODABLE
from ..middlewares.config import check_settings
from ..middlewares.outcomes import PAGE_WITHOUT_RECORD, record_failure, record_response
from ..state.ledger import ledger_for

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from ..extraction.page import PageOutcome

logger = logging.getLogger(__name__)

ROLE = "newsproj_role"
DEPTH = "newsproj_listing_depth"
HINTS = "newsproj_hints"
TRACKING_STATS = {
    "tracking_kept": "newsproj/discovery/tracking/kept",
    "tracking_variant": "newsproj/discovery/tracking/variant",
}
"""Links followed with tracking parameters (requested as linked), and links that differ from one followed before by
tracking parameters only (one page: the request fingerprint ignores them, the dupefilter drops the request)."""
SEED_WITHOUT_LINKS = "newsproj/discovery/seed_without_links/"
"""Stat prefix: seeds, and sitemaps or feeds a seed led to, that answered and gave nothing to follow (by kind)."""
SOURCE_ROLES = frozenset({"seed", Role.DISCOVERY.value})
"""Roles of the requests whose response is expected to lead somewhere: a seed, and robots.txt, sitemaps and feeds."""
NEXT_PAGE = "newsproj_next_page"
"""Meta of a request for another page of the listing that linked it (:func:`next_pages_of`): its page 2, 3... or
the next day of a calendar. Only such a page counts barren for linking articles an earlier run exported; a
listing's first page (a section, a subsection, a tag), where new stories appear, counts barren only for linking
none this run has not seen."""


@dataclass(frozen=True, slots=True)
class _Feed:
    """A feed's body, to be read off the reactor thread."""

    body: bytes


def _split_urls(value: str) -> list[str]:
    urls = [u.strip() for u in value.split(",") if u.strip()]
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
            raise UsageError(f"-a start_urls: expected http(s) URLs separated by commas, got {url!r}")
        try:
            port = parts.port
        except ValueError:
            port = -1
        if port is not None and not 0 < port < 65536:
            raise UsageError(f"-a start_urls: {url!r} has no valid port; ports go from 1 to 65535")
    return urls


class NewsSpider(Spider):
    name = "news"
    arguments = {
        "start_urls": "URL[,URL...]: seeds — homepage, section, robots.txt, sitemap (index, urlset, news; .xml or "
                      ".xml.gz), RSS/Atom feed or article; the crawl stays on their host:port",
        "site": "NAME: a site of the registry (newsproj/sites/NAME.toml): its seeds, hosts and rules "
                "(with start_urls: those seeds instead)",
    }
    """Listed by ``scrapy crawl news -h``; any other ``-a`` is refused as a typo (newsproj/commands/crawl.py)."""
    # Set from settings in from_crawler.
    max_listing_depth: int
    max_url_length: int
    max_query_params: int
    max_size: int
    max_sitemap_depth: int
    traps: TrapGuard
    robots: RobotsRules
    extractor: PageExtractor
    skips_known: bool = False

    def __init__(self, start_urls: str | list[str] | None = None, site: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.site_name: str | None = None
        if site:
            config = sites.load(site)  # SiteConfigError names file, key and problem
            self.site_name = config.name
            self.seeds = list(config.seeds)
            hosts = config.hosts
            netlocs = {f"{h}:{p}" for h in hosts for p in (80, 443)}
            netlocs |= {f"www.{h}:{p}" for h in hosts if not h.startswith("www.") for p in (80, 443)}
        else:
            self.seeds = _split_urls(start_urls) if isinstance(start_urls, str) else list(start_urls or [])
            netlocs = set()
        if start_urls and site:
            self.seeds = _split_urls(start_urls) if isinstance(start_urls, str) else list(start_urls)
        if not self.seeds:
            raise UsageError("spider news needs -a start_urls=URL[,URL...] or -a site=NAME with seeds "
                             "(scrapy crawl news -h lists the arguments)")
        self.allowed_netlocs = frozenset(netlocs | {netloc(u) for u in self.seeds})
        self.scope = tuple(sorted(self.allowed_netlocs))

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        check_settings(crawler.settings)  # a bad NEWSPROJ_* value stops the run here, naming the setting
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_listing_depth = settings.getint("NEWSPROJ_MAX_LISTING_DEPTH")
        spider.max_url_length = settings.getint("NEWSPROJ_MAX_URL_LENGTH")
        spider.max_query_params = settings.getint("NEWSPROJ_MAX_QUERY_PARAMS")
        spider.max_size = settings.getint("DOWNLOAD_MAXSIZE")
        spider.max_sitemap_depth = settings.getint("NEWSPROJ_MAX_SITEMAP_DEPTH", MAX_SITEMAP_DEPTH)
        spider.traps = TrapGuard(TrapLimits.from_settings(settings))
        # (an article an earlier run exported is not fetched again: no new article for the barren-listings rule)
        spider.skips_known = settings.getbool("NEWSPROJ_INCREMENTAL_ENABLED", True) and \
            settings.getfloat("NEWSPROJ_INCREMENTAL_REFRESH_HOURS", 0) <= 0
        spider.robots = RobotsRules(crawler)
        spider.extractor = PageExtractor.from_crawler(crawler)
        return spider

    async def start(self) -> AsyncIterator[Any]:
        for url in self.seeds:
            # Seeds are filtered like any other request, so a resumed or shared crawl fetches each once.
            yield Request(url, callback=self.parse, errback=self._failed, priority=PRIORITY[Role.DISCOVERY],
                          meta={ROLE: "seed"})

    # ------------------------------------------------------------------ routing

    async def parse(self, response: Response) -> AsyncIterator[Any]:
        record_response(self.crawler, response)
        kind, outputs = self._route(response)
        followed = 0  # requests and records this response gave
        for output in outputs:
            if isinstance(output, PageItem):
                async for item in self._from_page(response, output):
                    followed += 1
                    yield item
            elif isinstance(output, _Feed):
                # read in a thread: lxml releases the GIL while it reduces the feed (a feed padded with megabytes
                # of elements no longer holds up downloads), feedparser then reads what is left
                entries = await asyncio.to_thread(parse_feed, output.body, response.url)
                for request in self._from_feed(response, entries):
                    followed += 1
                    yield request
            else:
                followed += 1
                yield output
        if not followed and response.meta.get(ROLE) in SOURCE_ROLES:
            self._gave_nothing(response, kind)

    def _gave_nothing(self, response: Response, kind: str) -> None:
        """A seed (or a sitemap or feed that robots.txt, a sitemap index or a seed led to) that answered and gave
        nothing to follow (a homepage of no followable link, a sitemap or feed of no entry): with other seeds
        finding articles the run is "ok", so the part of the site behind it would be dead without a word. One
        WARNING line and ``newsproj/discovery/seed_without_links/<kind>`` (the manifest's health counts them);
        the exit status stays that of the run (an empty news sitemap is normal on a quiet day)."""
        self.crawler.stats.inc_value(f"{SEED_WITHOUT_LINKS}{kind}")
        logger.warning("Seed %s (%s, HTTP %d) gave no link to follow: the part of the site behind it was not "
                       "crawled", response.url, kind, response.status)

    def _route(self, response: Response) -> tuple[str, Iterable[Any]]:
        """What the response is, and the requests from robots.txt, sitemaps and feeds, or the page to extract for
        HTML."""
        try:
            body = maybe_gunzip(response.body, max_size=self.max_size)
        except ValueError:  # Scrapy's gunzip: decompressed size over DOWNLOAD_MAXSIZE
            return "skipped", self._skip(response, "gzip_too_large")
        except (OSError, EOFError):
            return "skipped", self._skip(response, "bad_gzip")
        kind = sniff(body, (response.headers.get("Content-Type") or b"").decode("latin-1"))
        self.crawler.stats.inc_value(f"newsproj/discovery/kind/{kind}")
        if kind is Kind.ROBOTS:
            return kind, self._from_robots(response, body)
        if kind in (Kind.SITEMAP_INDEX, Kind.URLSET, Kind.NEWS_SITEMAP):
            return kind, self._from_sitemap(response, body)
        if kind is Kind.FEED:
            return kind, [_Feed(body)]
        if kind is Kind.HTML:
            return kind, [self._page_item(response)]
        return kind, self._skip(response, "unknown_kind")

    def _failed(self, failure: Any) -> None:
        """Every request's final failure (HTTP error, timeout, refusal…): one stat and one log line."""
        record_failure(self.crawler, failure)

    def _skip(self, response: Response, reason: str) -> list[Any]:
        logger.info("Skipping %s: %s", response.url, reason)
        self.crawler.stats.inc_value(f"newsproj/discovery/skipped/{reason}")
        return []

    def _from_robots(self, response: Response, body: bytes) -> Iterable[Request]:
        found = False
        for url in robots_sitemaps(body, response.url):  # one at a time: a bad line costs that line
            for request in self._follow(response, url, Role.DISCOVERY):
                # (another host's sitemap is requested and refused as offsite, counted as before: it leads nowhere)
                found = found or netloc(request.url) in self.allowed_netlocs
                yield request
        if not found:  # no Sitemap: line the crawl can follow (none, or all elsewhere or broken): the homepage
            base = f"{urlsplit(response.url).scheme}://{urlsplit(response.url).netloc}/"
            yield from self._follow(response, base, Role.LISTING)

    def _from_sitemap(self, response: Response, body: bytes) -> Iterable[Request]:
        kind, entries = parse_sitemap(body)
        role = Role.DISCOVERY if kind == "sitemapindex" else Role.ARTICLE
        depth = response.meta.get(SITEMAP_DEPTH, 0)
        if role is Role.DISCOVERY and depth >= self.max_sitemap_depth:  # a chain of indexes: a trap
            self.crawler.stats.inc_value("newsproj/discovery/trap/sitemap_depth")
            logger.info("Not following sitemap index %s: %d indexes deep (NEWSPROJ_MAX_SITEMAP_DEPTH)",
                        response.url, depth)
            return
        for entry in entries:
            hints = {k: v for k, v in (
                ("lastmod", entry.lastmod), ("title", entry.news_title),
                ("datePublished", entry.news_date), ("inLanguage", entry.news_language),
            ) if v}
            for request in self._follow(response, entry.url, role, hints):
                if role is Role.DISCOVERY:
                    request.meta[SITEMAP_DEPTH] = depth + 1
                yield request

    def _from_feed(self, response: Response, entries: list[FeedEntry]) -> Iterable[Request]:
        for entry in entries:
            hints = {k: v for k, v in (
                ("title", entry.title), ("datePublished", entry.published), ("lastmod", entry.updated),
            ) if v}
            yield from self._follow(response, entry.url, Role.ARTICLE, hints)

    async def _from_page(self, response: Response, page: PageItem) -> AsyncIterator[Any]:
        """The extraction process decides what the page is; the record, or the listing's links, are routed."""
        # (a seed's or listing's links are read even when its extraction times out: the pages it links are not lost)
        outcome = await self.extractor.process(page, links_on_failure=response.meta.get(ROLE) != Role.ARTICLE.value)
        if outcome.article is not None:
            self.traps.article_seen(response.url)
            yield outcome.article
            for url in outcome.next_pages:  # (a multi-page article's next pages: the rest of its text)
                if netloc(url) in self.allowed_netlocs:
                    for request in self._follow(response, url, Role.ARTICLE, depth=response.meta.get(DEPTH, 0) + 1):
                        yield request
            return
        if response.meta.get(ROLE) == Role.ARTICLE.value:  # an article link that led to no article (site health)
            self.crawler.stats.inc_value("newsproj/discovery/article_link_was_not_article")
        self.crawler.signals.send_catch_log(PAGE_WITHOUT_RECORD, response=response, outcome=outcome)
        for request in self._from_links(response, outcome):
            yield request

    def _from_links(self, response: Response, outcome: PageOutcome) -> Iterable[Request]:
        """Requests for the in-scope links of a page that gave no record (a listing, or a page dropped)."""
        if outcome.links is None:
            return
        links = outcome.links
        if links.bad:  # hrefs that are no URL (a port out of range, a broken IPv6 literal): skipped, counted
            self.crawler.stats.inc_value("newsproj/discovery/bad_url", links.bad)
        depth = response.meta.get(DEPTH, 0)
        ledger = ledger_for(self.crawler)
        if self.skips_known and (ledger.store is not None or ledger.in_output):
            # (a /?p=1234 link an earlier run exported is an article link from this run's first page on)
            self.traps.learn_known(links.listings, self._known_article)
        # (known articles end a listing's pagination on a scheduled run; a section's first page is read each run)
        known = self._known_article if self.skips_known and response.meta.get(NEXT_PAGE) else None
        if outcome.listing and not self.traps.listing_seen(response.url, links.articles, known, links.listings):
            self.crawler.stats.inc_value("newsproj/discovery/listing_without_new_article")
        next_page = next_pages_of(response.url)
        for url in links.articles:  # depth too: an article-shaped link may turn out to be a listing (a calendar day)
            if netloc(url) in self.allowed_netlocs:
                yield from self._marked(self._follow(response, url, Role.ARTICLE, depth=depth + 1), next_page(url))
        too_deep = 0
        for url in links.listings:
            if netloc(url) not in self.allowed_netlocs:
                continue
            if self.traps.article_shaped(url):  # (/news/1234, /?p=1234 once such a page gave a record)
                yield from self._marked(self._follow(response, url, Role.ARTICLE, depth=depth + 1), next_page(url))
                continue
            # another page of this listing is as deep as it: a section's page 12 is one level below the homepage
            # (bounded by the page-number cap, the pattern budget and the barren-listings rule), not twelve
            is_next = next_page(url)
            deeper = depth if is_next else depth + 1
            if deeper > self.max_listing_depth:
                too_deep += 1
                continue
            yield from self._marked(self._follow(response, url, Role.LISTING, depth=deeper), is_next)
        if too_deep:
            self.crawler.stats.inc_value("newsproj/discovery/trap/listing_depth", too_deep)
        for url in links.feeds:
            yield from self._follow(response, url, Role.DISCOVERY)

    @staticmethod
    def _marked(requests: Iterable[Request], next_page: bool) -> Iterable[Request]:
        for request in requests:
            if next_page:
                request.meta[NEXT_PAGE] = True
            yield request

    def _known_article(self, url: str) -> bool:
        """The article at ``url`` is one the incremental middleware will not fetch again (:meth:`Ledger.knows`:
        exported by an earlier run, under its canonical URL or an alias, or in the output file this run appends to)."""
        try:
            canonical = canonical_url(url)
        except ValueError:
            return False
        return ledger_for(self.crawler).knows(canonical)

    def _page_item(self, response: Response) -> PageItem:
        return PageItem(
            url=response.url,
            # the bytes, not response.text: they cross to an extraction process as they are (a str of 300 KB
            # costs ~0.7 ms to pickle and unpickle), and valid UTF-8 is parsed without being decoded
            html=response.body,
            encoding=response.encoding if isinstance(response, TextResponse) else None,
            date_downloaded=datetime.now(UTC).isoformat(timespec="seconds"),
            site=self.site_name,  # without -a site, the extraction worker finds the page's site config
            hints=self._hints(response),
            scope=self.scope,
            robots=self.robots.for_url(response.url),
        )

    @staticmethod
    def _hints(response: Response) -> dict[str, Any]:
        """Discovery's hints, plus the response headers in which a site states consent (TDMRep, X-Robots-Tag)."""
        hints = {**(response.meta.get(HINTS) or {}), **header_hints(response.headers)}
        if UNDECODABLE in response.flags:  # (middlewares/charset.py: its text would be mojibake)
            hints["undecodable"] = True
        return hints

    def _follow(
        self,
        response: Response,
        url: str,
        role: Role,
        hints: dict[str, str] | None = None,
        depth: int = 0,
    ) -> Iterable[Request]:
        absolute = absolute_url(url, response.url)  # //host/x resolved; port 99999, broken IPv6... refused
        if absolute is None:
            self.crawler.stats.inc_value("newsproj/discovery/bad_url")
            logger.debug("Not following %r from %s: not a URL that can be requested", url[:200], response.url)
            return
        allowed = robots_allowed_form(absolute, self.robots.allowed)
        if allowed is None:  # before the budgets: a disallowed link must not use them up
            self.crawler.stats.inc_value("newsproj/discovery/robots_disallowed")
            return
        if allowed != absolute:  # disallowed with its tracking parameters (/*?utm_), allowed without them
            self.crawler.stats.inc_value("newsproj/discovery/tracking/robots_untracked")
            absolute = allowed
        try:
            url, reasons = self.traps.admit(absolute, listing=role is Role.LISTING)
        except ValueError:
            self.crawler.stats.inc_value("newsproj/discovery/bad_url")
            return
        for reason in reasons:  # (tracking_kept, tracking_variant: requested as linked, see TRACKING_STATS)
            self.crawler.stats.inc_value(TRACKING_STATS.get(reason) or f"newsproj/discovery/trap/{reason}")
        if is_refusal(reasons):
            logger.debug("Not following %s from %s: %s", url, response.url, ", ".join(reasons))
            return
        meta: dict[str, Any] = {ROLE: role.value, DEPTH: depth}
        if hints:
            meta[HINTS] = hints
        try:
            request = Request(url, callback=self.parse, errback=self._failed, priority=PRIORITY[role], meta=meta)
        except ValueError:
            self.crawler.stats.inc_value("newsproj/discovery/bad_url")
            return
        yield request
