"""WarcPipeline (450): ``metadata.warc`` — where the record's page is archived. Last before the feed exporter.

- a live crawl with ``NEWSPROJ_WARC_DIR``: the response the capture middleware kept (``middlewares/warc.py``)
  is written to the WARC now, so only pages that became records are archived, and the record reaches the feed
  only once its WARC record is in the kernel (a kill cannot leave a JSON line pointing at nothing);
- the ``warc`` spider: the pointer to the source record it read;
- otherwise ``metadata.warc`` stays null.

``-a languages=`` of the ``warc`` spider is applied here too (the language is known only after extraction).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ..exceptions import FilteredOut, WarcWriteFailed
from ..extraction.consent import crawl_hints
from ..items import Article, WarcPointer
from ..warc import pending_for
from ..warc.writer import writer_for

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


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
            try:
                item.metadata.warc = self.writer.write(response, item.metadata.dateDownloaded, hints)
            except OSError as exc:  # cut back by the writer: nothing of it is in the file
                self._fail(f"writing the WARC record of {item.url}: {exc}")
                raise WarcWriteFailed(f"{item.url}: the WARC could not be written ({exc})") from exc
            self.stats.inc_value("newsproj/warc/responses_written")
        return item

    def close_spider(self) -> None:
        """Publish the run's last WARC file now, before the feeds are stored (the feed exporter closes at
        ``spider_closed``, after the pipelines): a WARC that cannot be published fails the run's output (exit 4)
        before any record is marked done or any per-run file published. Published at ``spider_closed``, after
        them, its failure was a traceback and exit 0, with every record marked done and pointing at a WARC file
        left ``.part``."""
        if self.writer is None:
            return
        try:
            self.writer.close()
        except OSError as exc:  # left .part: the next run with this NEWSPROJ_WARC_DIR publishes what is whole
            self._fail(f"publishing the WARC file {self.writer.current_name()}: {exc}")

    def _fail(self, message: str) -> None:
        """A WARC write failed: the run's output fails as a failed feed does (``feeds.CheckedFeedExporter``: the
        spider closes, nothing more is written or marked done, exit 4), with one line; a traceback per record
        and exit 0 said nothing of the records left out."""
        from ..feeds import CheckedFeedExporter

        self.stats.inc_value("newsproj/warc/failed")
        exporter = self.crawler.get_extension(CheckedFeedExporter)
        if exporter is not None:
            exporter._fail(message)  # noqa: SLF001 - the one place that fails the run's output
            return
        if not self.stats.get_value("newsproj/output/failed"):
            logger.error("WARC output failed, the run stops: %s", message)
            self.stats.set_value("newsproj/output/failed", message)
            engine = self.crawler.engine
            if engine is not None and engine.spider is not None:
                from scrapy.utils.defer import deferred_from_coro

                deferred_from_coro(engine.close_spider_async(reason="feed_failed"))
