"""One page through the CPU stages: parse → site → extract → verdict → clean. Pure: no Scrapy engine.

:func:`process_page` is the one function that turns a downloaded page into its outcome. It serves the crawl (run
in an extraction pool worker by :class:`newsproj.extractor.PageExtractor`), ``scrapy extract`` and the site
fixture tests, so all three see the same record. Everything in and out pickles.

The outcome is one of three, decided once, after extraction:

- an **article**: the record, cleaned of chrome (with the lines removed and why);
- a **listing** (``listing`` = the reason: ``index``, ``tag``, ``listing_metadata``, ``teasers``, ``posts``): no
  record, the page's links come back for the crawl to follow;
- a **drop** (``drop`` = the typed reason: :class:`NotAnArticle` paywall, error page, too short…, or
  :class:`ExtractionFailed`): no record; the page's links come back too (a page that is no article is read for
  links, as a listing is).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem

from .. import sites, soft_failures
from ..cleaning import clean, too_short
from ..compat import reset_caches
from ..discovery.links import PageLinks, article_pages, page_links
from ..exceptions import ExtractionFailed, NotAnArticle, SiteConfigError
from . import extract
from .limits import MAX_ELEMENTS, PageTimedOut, call_limited, running, too_many_elements
from .parse import parse_html
from .verdict import LISTING_REASONS

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from ..items import Article, PageItem
    from ..sites import SiteConfig

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class PageOutcome:
    """What one page is: an article (``article``), a listing (``listing``) or a drop (``drop``)."""

    url: str
    article: Article | None = None
    """The record, chrome removed."""
    fallbacks: list[str] = field(default_factory=list)
    """Fields whose site rule found nothing, so the generic extractor filled them."""
    removed: list[tuple[str, str]] = field(default_factory=list)
    """``(line, reason)`` for every line cleaning removed as chrome."""
    listing: str | None = None
    """Why the page is a listing (its links are in ``links``)."""
    drop: DropItem | None = None
    """Why the page gives no record although it is no listing (:class:`NotAnArticle` with its ``reason``, or
    :class:`ExtractionFailed`)."""
    error: str | None = None
    """Why extraction failed, counted as ``newsproj/extract/error/<error>``: the exception class when it raised (a bug
    or a hostile page), ``too_many_elements``, ``timeout`` (the page time limit) or ``worker_died``; else None."""
    links: PageLinks | None = None
    """The page's links, for every page that gives no record (None for an article, and for a page whose extraction
    timed out, its worker died, or its outcome was lost: a seed's or listing's are then read alone, see
    ``PageExtractor._links_after``)."""
    next_pages: list[str] = field(default_factory=list)
    """An article's own other pages (a multi-page article: ``discovery.links.article_pages``), followed as
    articles; its other links are not."""
    site: str | None = None
    """The site config the page was extracted with."""
    soft_failures: tuple[str, ...] = ()
    """Why steps failed softly on the page (:data:`newsproj.soft_failures.REASONS`, one per failure), whatever the
    outcome: the page went on without them."""


def _site(page: PageItem, tree: HtmlElement) -> SiteConfig | None:
    """The page's site config: the crawl's ``-a site``, else by its URL, else by its canonical link (a publisher's
    page served from elsewhere, e.g. a corpus on 127.0.0.1)."""
    return sites.load(page.site) if page.site else sites.for_tree(page.url, tree)


def process_page(page: PageItem, site: SiteConfig | None = None, find_site: bool = True) -> PageOutcome:
    """The outcome of one downloaded page. ``site`` given: that config, whatever the page's URL; else the page's
    own (``find_site``) or none (the generic path only: ``NEWSPROJ_SITE_REGISTRY=0``). With the steps that failed
    softly on it (``soft_failures``)."""
    soft_failures.take()  # (what an earlier page left: one interrupted by its time limit, or a direct extract())
    outcome = _outcome(page, site, find_site)
    outcome.soft_failures = soft_failures.take()
    return outcome


def _outcome(page: PageItem, site: SiteConfig | None, find_site: bool) -> PageOutcome:
    outcome = PageOutcome(url=page.url)
    try:
        tree = parse_html(page.html, page.encoding)
    except DropItem as exc:  # unparseable or empty: nothing to read links from either
        outcome.drop = exc
        return outcome
    try:
        if site is None and find_site:
            site = _site(page, tree)
    except SiteConfigError as exc:  # checked at start for -a site; for_url skips broken files
        outcome.drop = ExtractionFailed(str(exc))
        return outcome
    outcome.site = site.name if site else None
    try:
        if page.hints.get("undecodable"):  # (the charset middleware's flag: no web encoding reads the bytes)
            raise NotAnArticle(f"its bytes read plausibly in no web encoding (decoded as {page.encoding}): no text "
                               f"to keep", reason="undecodable")
        if too_many_elements(tree, _max_elements):  # hostile or broken: its extraction would cost ~0.3 ms an element
            outcome.error = "too_many_elements"
            raise ExtractionFailed(f"more than {_max_elements} elements, not extracted (NEWSPROJ_MAX_PAGE_ELEMENTS)")
        extraction = extract(tree, page.url, site, page.hints, page.date_downloaded)
        article, cleaned = clean(extraction.article, site, extraction.captions, extraction.media, extraction.promos,
                                 extraction.quotes)
        outcome.removed = list(cleaned.removed)
        if too_short(article):
            raise NotAnArticle("too little text once chrome is removed", reason="too_short")
    except NotAnArticle as exc:
        if exc.reason in LISTING_REASONS:
            outcome.listing = exc.reason
        else:
            outcome.drop = exc
    except DropItem as exc:  # ExtractionFailed, with its reason
        outcome.drop = exc
    except Exception as exc:  # noqa: BLE001 - one bad page is counted and skipped, never a crash
        outcome.error = type(exc).__name__
        outcome.drop = ExtractionFailed(f"{type(exc).__name__}: {exc}")
    else:
        outcome.article, outcome.fallbacks = article, extraction.fallbacks
        outcome.next_pages = article_pages(tree, page.url)
        return outcome
    outcome.links = page_links(tree, page.url, site, page.scope, page.robots)
    return outcome


# ------------------------------------------------------------------ the pool worker's entry point

_processed = 0  # pages processed by this process (each pool worker counts its own)
_time_limit = 0.0  # NEWSPROJ_PAGE_TIME_LIMIT, set in each pool worker by its initializer (or in the crawl process)
_max_elements = MAX_ELEMENTS  # NEWSPROJ_MAX_PAGE_ELEMENTS, set with the time limit


def set_time_limit(seconds: float, max_elements: int = MAX_ELEMENTS) -> tuple[float, int]:
    """The page time limit of this process (newsproj/extraction/limits.py), and the page size cap. Returns
    the limits it replaces (a crawl that extracts in its own process puts them back when it closes)."""
    global _time_limit, _max_elements
    replaced = _time_limit, _max_elements
    _time_limit, _max_elements = seconds, max_elements
    return replaced


def process_in_worker(reset_every: int, registry: bool, page: PageItem, token: int = 0) -> PageOutcome:
    """:func:`process_page` under the page time limit, resetting trafilatura's module caches (they grow with every
    page) every ``reset_every`` pages, in the process whose caches they are; without the site ``registry``, the
    generic path only. What the extraction pool runs (and the crawl process, with no pool); ``token`` marks the
    worker's slot while the page runs (:class:`newsproj.extraction.limits.RunningPages`)."""
    global _processed
    _processed += 1
    if reset_every and _processed % reset_every == 0:
        reset_caches()
    if not registry and page.site:
        page = replace(page, site=None)
    try:
        with running(token):
            outcome: PageOutcome = call_limited(_time_limit, process_page, page, None, registry)
    except PageTimedOut as exc:  # the soft limit: the page's Python code was interrupted
        return PageOutcome(url=page.url, drop=exc, error="timeout")
    return outcome


def links_only(page: PageItem, find_site: bool = True) -> PageOutcome:
    """The page's links and nothing else (parse → ``discovery.links.page_links``, with the page's site config as
    :func:`process_page` finds it): what is read of a seed or listing page whose extraction ran out of its time or
    whose worker died (``PageExtractor``), so that the pages it links are not lost with it. ``links`` is None when
    the page does not parse (``drop`` says why)."""
    outcome = PageOutcome(url=page.url)
    try:
        tree = parse_html(page.html, page.encoding)
    except DropItem as exc:
        outcome.drop = exc
        return outcome
    site = None
    if find_site:
        try:
            site = _site(page, tree)
        except SiteConfigError:  # (the links are read without the site's rules, as a page of no known site)
            site = None
    outcome.site = site.name if site else None
    outcome.links = page_links(tree, page.url, site, page.scope, page.robots)
    return outcome


def links_in_worker(reset_every: int, registry: bool, page: PageItem, token: int = 0) -> PageOutcome:
    """:func:`links_only` under the page time limit, where :func:`process_in_worker` runs (same arguments; a page
    over the limit raises :class:`PageTimedOut`). ``reset_every`` is unused: no extractor cache grows here."""
    if not registry and page.site:
        page = replace(page, site=None)
    with running(token):
        outcome: PageOutcome = call_limited(_time_limit, links_only, page, registry)
    return outcome


__all__ = ["PageOutcome", "links_in_worker", "links_only", "process_page", "process_in_worker", "set_time_limit"]
