"""Response → what to fetch next. Pure functions over bytes/text; no I/O, no Scrapy engine."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What a response is, sniffed from its body and headers (never from its URL)."""

    ROBOTS = "robots"
    SITEMAP_INDEX = "sitemap_index"
    URLSET = "urlset"
    NEWS_SITEMAP = "news_sitemap"
    FEED = "feed"
    HTML = "html"
    UNKNOWN = "unknown"


class Role(StrEnum):
    """What a request is expected to lead to; decides its priority."""

    DISCOVERY = "discovery"  # robots.txt, sitemaps, feeds: cheap and full of article URLs
    ARTICLE = "article"
    LISTING = "listing"  # homepage, section, pagination


PRIORITY = {Role.DISCOVERY: 30, Role.ARTICLE: 20, Role.LISTING: 0}
