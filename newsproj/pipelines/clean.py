"""CleanPipeline (200): strip chrome from the article's text fields; count what was removed, by reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import sites
from ..cleaning import clean, too_short
from ..exceptions import NotAnArticle, SiteConfigError
from ..items import Article

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


class CleanPipeline:
    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats
        self.registry = crawler.settings.getbool("NEWSPROJ_SITE_REGISTRY", True)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        try:
            site = sites.for_page(item.url, item.canonicalUrl) if self.registry else None
        except SiteConfigError:
            site = None
        article, cleaned = clean(item, site)
        for _line, reason in cleaned.removed:
            self.stats.inc_value(f"newsproj/clean/removed/{reason}")
        if too_short(article):
            self.stats.inc_value("newsproj/clean/not_article/too_short")
            raise NotAnArticle(f"{item.url}: too little text once chrome is removed", reason="too_short",
                               log_level="INFO")
        return article
