"""robots.txt and sitemaps (index, urlset, Google news; plain or gzipped) → entries, via Scrapy's own parser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from scrapy.utils.sitemap import sitemap_urls_from_robots

from ..compat import NewsAwareSitemap

if TYPE_CHECKING:
    from collections.abc import Iterator


SITEMAP_DEPTH = "newsproj_sitemap_depth"
"""Request meta: how many sitemap indexes led to this sitemap (robots.txt and seeds: 0)."""
MAX_SITEMAP_DEPTH = 4
"""Sitemap indexes followed in a chain (``NEWSPROJ_MAX_SITEMAP_DEPTH``). The protocol allows one (an index lists
sitemaps, not indexes); some sites nest two or three. A chain 300 indexes deep is a trap."""


@dataclass(frozen=True, slots=True)
class Entry:
    url: str
    lastmod: str | None = None
    news_title: str | None = None
    news_date: str | None = None
    news_language: str | None = None


def robots_sitemaps(body: bytes, base_url: str) -> list[str]:
    """``Sitemap:`` URLs of a robots.txt, absolute."""
    return list(dict.fromkeys(sitemap_urls_from_robots(body, base_url=base_url)))


def parse_sitemap(body: bytes) -> tuple[str, Iterator[Entry]]:
    """``(type, entries)`` of a decompressed sitemap; type is ``sitemapindex`` or ``urlset``."""
    sitemap = NewsAwareSitemap(body)  # Scrapy's parser, keeping the <news:news> fields

    def entries() -> Iterator[Entry]:
        for d in sitemap:
            loc = d.get("loc")
            if not loc:
                continue
            yield Entry(
                url=loc,
                lastmod=d.get("lastmod") or None,
                news_title=d.get("news_title"),
                news_date=d.get("news_publication_date"),
                news_language=d.get("news_language"),
            )

    return sitemap.type, entries()
