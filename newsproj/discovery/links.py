"""HTML listing → article and section links (Scrapy's LinkExtractor, site allow/deny, courlan filters)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import courlan
from scrapy.linkextractors import LinkExtractor

from .urls import looks_like_article_url, netloc

if TYPE_CHECKING:
    from scrapy.http import HtmlResponse

    from ..sites import SiteConfig

# Never worth a request from a news crawler: static files, media, documents, archives.
_DENY_EXTENSIONS = [
    "7z", "avi", "bmp", "css", "csv", "doc", "docx", "exe", "flv", "gif", "gz", "ico", "jpeg", "jpg", "js",
    "m4a", "mov", "mp3", "mp4", "mpeg", "ogg", "pdf", "png", "ppt", "pptx", "rar", "svg", "tar", "tif",
    "tiff", "wav", "webm", "webp", "wmv", "xls", "xlsx", "zip",
]


def page_links(
    response: HtmlResponse, allowed_netlocs: frozenset[str], site: SiteConfig | None = None
) -> tuple[list[str], list[str]]:
    """``(article_urls, listing_urls)`` linked from a listing page, in page order, in scope, deduplicated."""
    extractor = LinkExtractor(deny_extensions=_DENY_EXTENSIONS, unique=True)
    articles: list[str] = []
    listings: list[str] = []
    for link in extractor.extract_links(response):
        url = link.url
        if link.nofollow or netloc(url) not in allowed_netlocs:
            continue
        if courlan.is_not_crawlable(url):  # login, signup, feeds of comments, print views...
            continue
        if site and site.denies(url):
            continue
        if site and site.article_urls:
            is_article = site.matches_article(url)
        else:
            is_article = looks_like_article_url(url)
        (articles if is_article else listings).append(url)
    return articles, listings
