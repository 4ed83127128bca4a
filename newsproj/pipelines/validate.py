"""ValidatePipeline (300): only contract-valid Articles pass; anything else is dropped with its problems."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..exceptions import InvalidArticle
from ..items import Article, as_dict
from ..validation import problems

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


class ValidatePipeline:
    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            self.stats.inc_value("newsproj/validate/not_an_article_item")
            raise InvalidArticle(f"not an Article: {type(item).__name__}")
        found = problems(as_dict(item))
        if found:
            for problem in found:
                self.stats.inc_value(f"newsproj/validate/problem/{problem.split(':', 1)[0]}")
            raise InvalidArticle(f"{item.url}: {'; '.join(found)}", log_level="WARNING")
        return item
