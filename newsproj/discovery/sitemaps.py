"""robots.txt and sitemaps (index, urlset, Google news; plain or gzipped) → entries, via Scrapy's own parser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

if TYPE_CHECKING:
    from collections.abc import Iterator

    import lxml.etree

SITEMAP_DEPTH = "newsproj_sitemap_depth"
"""Request meta: how many sitemap indexes led to this sitemap (robots.txt and seeds: 0)."""
MAX_SITEMAP_DEPTH = 4
"""Sitemap indexes followed in a chain (``NEWSPROJ_MAX_SITEMAP_DEPTH``). The protocol allows one (an index lists
sitemaps, not indexes); some sites nest two or three. A chain 300 indexes deep is a trap."""

# Google news sitemap fields nested under <news:news>; Scrapy's parser keeps only direct children of <url>.
_NEWS_FIELDS = {"publication_date", "title", "language", "name", "keywords"}


@dataclass(frozen=True, slots=True)
class Entry:
    url: str
    lastmod: str | None = None
    news_title: str | None = None
    news_date: str | None = None
    news_language: str | None = None


class _NewsAwareSitemap(Sitemap):
    """Scrapy's ``Sitemap`` that also keeps the ``<news:news>`` fields of each ``<url>``."""

    def _process_sitemap_element(self, elem: lxml.etree._Element) -> dict[str, Any] | None:
        news: dict[str, str] = {}
        for child in elem.iter():
            if child is elem or not isinstance(child.tag, str):
                continue
            name = self._get_tag_name(child)
            if name in _NEWS_FIELDS and child.text and child.getparent() is not elem:
                news[f"news_{name}"] = child.text.strip()
        entry = super()._process_sitemap_element(elem)
        if entry is not None:
            entry.update(news)
        return entry


def robots_sitemaps(body: bytes, base_url: str) -> list[str]:
    """``Sitemap:`` URLs of a robots.txt, absolute."""
    return list(dict.fromkeys(sitemap_urls_from_robots(body, base_url=base_url)))


def parse_sitemap(body: bytes) -> tuple[str, Iterator[Entry]]:
    """``(type, entries)`` of a decompressed sitemap; type is ``sitemapindex`` or ``urlset``."""
    sitemap = _NewsAwareSitemap(body)

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
