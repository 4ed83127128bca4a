"""Spider middleware: remembers the response behind every page item, for the WARC output (``NEWSPROJ_WARC_DIR``).

The response is kept exactly as the spider saw it (the bytes extraction gets) until the item is written or
dropped; ``pipelines/warc.py`` writes it to the WARC just before the feed exporter sees the record. With
``NEWSPROJ_WARC_ALL=1`` every response that reaches the spider (sitemaps, feeds, listings, articles; not
robots.txt, which Scrapy's robots middleware fetches itself) is written as it arrives, and a record made from
it points at that copy. Off without ``NEWSPROJ_WARC_DIR``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured

from ..items import Article, PageItem
from ..warc import pending_for
from ..warc.writer import writer_for
from .incremental import HINTS

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from ..items import WarcPointer

class WarcCaptureMiddleware:
    def __init__(self, crawler: Crawler):
        writer = writer_for(crawler)
        if writer is None:
            raise NotConfigured()  # off unless asked for: say nothing (with a reason, Scrapy warns every run)
        self.writer = writer
        self.stats = crawler.stats
        self.pending = pending_for(crawler)
        self.all = crawler.settings.getbool("NEWSPROJ_WARC_ALL")
        self.written: dict[int, WarcPointer] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_spider_input(self, response: Response) -> None:
        if self.all:
            self.written[id(response)] = self.writer.write(response, None)
            self.stats.inc_value("newsproj/warc/responses_written")

    def _capture(self, response: Response, obj: Any) -> None:
        if isinstance(obj, PageItem | Article):
            pointer = self.written.get(id(response))
            # the discovery hints the page was extracted with (sitemap/feed title, dates), kept in the WARC record
            hints = obj.hints if isinstance(obj, PageItem) else dict(response.meta.get(HINTS) or {})
            self.pending.put(obj.url, pointer if pointer is not None else (response, hints))

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        try:
            for obj in result:
                self._capture(response, obj)
                yield obj
        finally:
            self.written.pop(id(response), None)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        try:
            async for obj in result:
                self._capture(response, obj)
                yield obj
        finally:
            self.written.pop(id(response), None)
