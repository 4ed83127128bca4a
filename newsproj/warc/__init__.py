"""WARC in and out (docs/warc.md).

- out: with ``NEWSPROJ_WARC_DIR``, the response behind every exported record is written to WARC/1.1 files
  (:mod:`.writer`; captured by ``middlewares/warc.py``, written by ``pipelines/warc.py`` before the feed sees
  the record), and the record's ``metadata.warc`` points at it;
- in: the ``warc`` spider (``spiders/warc.py``) reads WARC/ARC files (:mod:`.reader`) and hands every HTML
  response record to the same pipelines as a live crawl.

warcio is the library for both (reads ARC as well; FastWARC reads gzipped WARC about twice as fast but no ARC).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from scrapy import signals

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

HINTS_HEADER = "Newsproj-Hints"
"""WARC header of a response record: the discovery hints (sitemap/feed title, dates, language) the page was
extracted with, as JSON, so that re-extraction from the WARC sees what the live crawl saw."""

_PENDING: weakref.WeakKeyDictionary[Crawler, Pending] = weakref.WeakKeyDictionary()


class Pending:
    """What the WARC stage must attach to a record, by the URL of the page it is made from.

    Filled by whoever knows where a page's bytes are (the capture middleware: the live response and the page's
    discovery hints; the ``warc`` spider: the record it read), emptied by the WARC pipeline, or when the item is
    dropped. A page is keyed by
    its URL because the item changes type on the way (PageItem → Article) and the URL is what both carry.
    """

    def __init__(self) -> None:
        self.entries: dict[str, list[Any]] = {}

    def put(self, url: str, entry: Any) -> None:
        self.entries.setdefault(url, []).append(entry)

    def pop(self, url: str) -> Any:
        queue = self.entries.get(url)
        if not queue:
            return None
        entry = queue.pop(0)
        if not queue:
            del self.entries[url]
        return entry

    def __len__(self) -> int:
        return sum(len(queue) for queue in self.entries.values())


def pending_for(crawler: Crawler) -> Pending:
    """The crawler's :class:`Pending` (shared by the middleware, the spider and the pipeline)."""
    pending = _PENDING.get(crawler)
    if pending is None:
        pending = _PENDING[crawler] = Pending()

        def forget(item: Any, **kwargs: Any) -> None:  # a dropped page is not archived: forget its entry
            url = getattr(item, "url", None)
            if isinstance(url, str):
                pending.pop(url)

        crawler.signals.connect(forget, signal=signals.item_dropped, weak=False)
        crawler.signals.connect(forget, signal=signals.item_error, weak=False)
    return pending

