"""ExtractPipeline (100): PageItem → Article. Drops NotAnArticle / ExtractionFailed with their reason."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from .. import sites
from ..exceptions import ExtractionFailed, NotAnArticle, SiteConfigError
from ..extraction import extract
from ..items import PageItem

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class ExtractPipeline:
    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        try:
            site = sites.load(item.site) if item.site else None
        except SiteConfigError as exc:  # checked at start for -a site; for_url skips broken files
            raise ExtractionFailed(f"{item.url}: {exc}") from None
        try:
            result = extract(item.html, item.url, site, item.hints, item.date_downloaded)
        except NotAnArticle as exc:  # counted under its reason: index, paywall, error_page, too_short...
            self.stats.inc_value(f"newsproj/extract/not_article/{exc.reason}")
            raise NotAnArticle(f"{item.url}: {exc}", reason=exc.reason, log_level="INFO") from None
        except DropItem as exc:  # ExtractionFailed, with its reason
            raise type(exc)(f"{item.url}: {exc}", log_level="INFO") from None
        except Exception as exc:  # noqa: BLE001 - one bad page is counted and skipped, never a crash
            logger.exception("Extraction raised on %s", item.url)
            self.stats.inc_value(f"newsproj/extract/error/{type(exc).__name__}")
            raise ExtractionFailed(f"{item.url}: {type(exc).__name__}: {exc}", log_level="WARNING") from None
        for name in result.fallbacks:
            self.stats.inc_value(f"newsproj/extract/fallback/{name}")
        self.stats.inc_value("newsproj/extract/ok")
        return result.article
