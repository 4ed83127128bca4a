"""A page's links → article, listing and feed URLs (site allow/deny, courlan filters). Pure: works on the tree
the extraction process parsed, so a page is parsed once; no Scrapy engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import courlan
from w3lib.html import strip_html5_whitespace
from w3lib.url import safe_url_string

from .feeds import alternate_feeds
from .urls import looks_like_article_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from ..sites import SiteConfig

# Never worth a request from a news crawler: static files, media, documents, archives.
_DENY_EXTENSIONS = frozenset((
    "7z", "avi", "bmp", "css", "csv", "doc", "docx", "exe", "flv", "gif", "gz", "ico", "jpeg", "jpg", "js",
    "m4a", "mov", "mp3", "mp4", "mpeg", "ogg", "pdf", "png", "ppt", "pptx", "rar", "svg", "tar", "tif",
    "tiff", "wav", "webm", "webp", "wmv", "xls", "xlsx", "zip",
))
_SCHEMES = ("http://", "https://")
MAX_LINKS = 5000
"""Links read from one page, in page order (bounded: a page of 200,000 links costs no more than this)."""


@dataclass(slots=True)
class PageLinks:
    """What a listing page links to, in page order, deduplicated; plain strings (they cross the process pool)."""

    articles: list[str] = field(default_factory=list)
    listings: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    truncated: int = 0
    """Links past ``MAX_LINKS``, not read."""


def _denied_extension(url: str) -> bool:
    path = url.split("?", 1)[0].split("#", 1)[0]
    last = path.rsplit("/", 1)[-1]
    return "." in last and last.rsplit(".", 1)[-1].lower() in _DENY_EXTENSIONS


def page_links(tree: HtmlElement, url: str, site: SiteConfig | None = None) -> PageLinks:
    """The article and listing links (``<a>``/``<area href>``, not ``rel=nofollow``) and the alternate feeds of
    the page at ``url``. Scope (which hosts) is the crawl's to decide."""
    base = next((strip_html5_whitespace(b) for b in tree.xpath("//head/base/@href") if b.strip()), None)
    base = urljoin(url, base) if base else url
    out = PageLinks()
    seen: set[str] = set()
    anchors = (el for el in tree.iter("a", "area") if el.get("href"))
    for count, el in enumerate(anchors):
        if count >= MAX_LINKS:
            out.truncated += 1
            continue
        if "nofollow" in (el.get("rel") or "").lower().split():
            continue
        try:
            link = safe_url_string(urljoin(base, strip_html5_whitespace(el.get("href") or "")))
        except ValueError:
            continue
        link = link.split("#", 1)[0]
        if not link.startswith(_SCHEMES) or link in seen or _denied_extension(link):
            continue
        seen.add(link)
        if courlan.is_not_crawlable(link):  # login, signup, feeds of comments, print views...
            continue
        if site and site.denies(link):
            continue
        is_article = site.matches_article(link) if site and site.article_urls else looks_like_article_url(link)
        (out.articles if is_article else out.listings).append(link)
    feed_links = [(el.get("type") or "", el.get("href") or "")
                  for el in islice(tree.iterfind(".//link[@rel='alternate']"), 100)]
    out.feeds = alternate_feeds(feed_links, base)
    return out
