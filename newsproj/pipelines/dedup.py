"""DedupPipeline (400): one record per article within a run: same canonical URL or same body → dropped."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from ..exceptions import DuplicateArticle
from ..items import Article

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


def fingerprint(article: Article) -> str:
    """Content fingerprint: the body with white space and case folded."""
    text = " ".join(article.articleBody.split()).casefold()
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class DedupPipeline:
    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats
        self.urls: set[str] = set()
        self.bodies: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        if item.canonicalUrl in self.urls:
            self.stats.inc_value("newsproj/dedup/same_url")
            raise DuplicateArticle(f"{item.url}: canonical URL already emitted", log_level="DEBUG")
        body = fingerprint(item)
        if body in self.bodies:
            self.stats.inc_value("newsproj/dedup/same_content")
            raise DuplicateArticle(f"{item.url}: same content as an emitted article", log_level="DEBUG")
        self.urls.add(item.canonicalUrl)
        self.bodies.add(body)
        return item
