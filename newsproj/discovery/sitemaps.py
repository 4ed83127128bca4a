"""robots.txt and sitemaps (index, urlset, Google news; plain or gzipped) → entries, via Scrapy's own parser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from ..compat import NewsAwareSitemap
from .robots import robots_head

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


def robots_sitemaps(body: bytes, base_url: str) -> Iterator[str]:
    """``Sitemap:`` URLs of a robots.txt, absolute, each once, one at a time: a line that cannot be resolved is
    given as written, for the spider to count as a bad URL and skip (one bad line costs that line only)."""
    seen: set[str] = set()
    for line in robots_head(body).decode("utf-8", "replace").splitlines():  # (RFC 9309's limit: robots.py)
        name, _, value = line.partition(":")
        value = value.split("#", 1)[0].strip()
        if name.strip().lower() != "sitemap" or not value:
            continue
        try:
            value = urljoin(base_url, value)
        except ValueError:
            pass
        if value not in seen:
            seen.add(value)
            yield value


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
