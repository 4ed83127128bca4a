"""WarcPipeline (450): ``metadata.warc`` — where the record's page is archived. Last before the feed exporter.

- a live crawl with ``NEWSPROJ_WARC_DIR``: the response the capture middleware kept (``middlewares/warc.py``)
  is written to the WARC now, so only pages that became records are archived, and the record reaches the feed
  only once its WARC record is in the kernel (a kill cannot leave a JSON line pointing at nothing);
- the ``warc`` spider: the pointer to the source record it read;
- otherwise ``metadata.warc`` stays null.

``-a languages=`` of the ``warc`` spider is applied here too (the language is known only after extraction).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..exceptions import FilteredOut
from ..extraction.consent import crawl_hints
from ..items import Article, WarcPointer
from ..warc import pending_for
from ..warc.writer import writer_for

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


class WarcPipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.pending = pending_for(crawler)
        self.writer = writer_for(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        languages = getattr(self.crawler.spider, "languages", None)
        if languages and (item.inLanguage or "").split("-")[0].lower() not in languages:
            self.stats.inc_value("newsproj/warc/skipped/language")
            raise FilteredOut(f"{item.url}: language {item.inLanguage} not in {','.join(sorted(languages))}",
                              log_level="DEBUG")
        entry = self.pending.pop(item.url)
        if entry is None or item.metadata is None:
            return item
        if isinstance(entry, WarcPointer):
            item.metadata.warc = entry
        elif self.writer is not None:
            response, hints = entry
            # with what the crawl learnt of the host, so a record made from the archive has the same consent fields
            hints = {**hints, **crawl_hints(item.metadata.robotsTxt, item.metadata.tdmReservation)}
            item.metadata.warc = self.writer.write(response, item.metadata.dateDownloaded, hints)
            self.stats.inc_value("newsproj/warc/responses_written")
        return item
