"""Housekeeping: say at the end what a run produced and dropped (log line, optional stats file)."""

from __future__ import annotations

import glob
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals

from ..feeds import followed, private_temp, publish_text, remove_stale_temps

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

STATS_FILE_FAILED = "newsproj/stats_file/failed"
"""Stat: why ``NEWSPROJ_STATS_FILE`` could not be written at the end of the run (``scrapy crawl`` then exits 7)."""


def _by_reason(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {key[len(prefix):]: value for key, value in sorted(stats.items()) if key.startswith(prefix)}


def _where(slot: Any) -> str:
    """The file a feed slot wrote (its URI with the run's parameters filled in), as a path when local; a per-run
    file of a run that exported nothing is not published (feeds.py), and the line says so."""
    published = getattr(slot.storage, "published", None)
    if published is not None:
        return str(published)
    if getattr(slot.storage, "empty", False):
        return f"no file (nothing new; {getattr(slot.storage, 'final', slot.uri)} not published)"
    if getattr(slot.storage, "per_run", False):
        return f"no file ({getattr(slot.storage, 'final', slot.uri)} not published)"
    uri = str(getattr(slot, "uri", ""))
    return uri.removeprefix("file://") if uri.startswith("file://") else uri


class Housekeeping:
    """Logs one summary line once the feeds are stored: records written, to which files (the real paths, not the
    ``FEEDS`` templates), pages judged listings and drops, by reason. With ``NEWSPROJ_STATS_FILE`` set, the final
    stats are also written there as JSON (atomically). (trafilatura's caches are reset where pages are extracted:
    ``newsproj.extraction.page``.)"""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats_file = crawler.settings.get("NEWSPROJ_STATS_FILE")
        self.reason: str | None = None
        self.slots: list[Any] = []
        """The feed slots stored, read once the engine has stopped (a per-run file is published last)."""
        crawler.signals.connect(self.feed_slot_closed, signal=signals.feed_slot_closed)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def feed_slot_closed(self, slot: Any) -> None:
        self.slots.append(slot)

    def spider_opened(self) -> None:
        if self.stats_file:  # the temp a run killed between its creation and its rename left (feeds.private_temp)
            try:  # (beside the file written: a link's target, feeds.followed)
                path = followed(Path(self.stats_file))
            except OSError:  # a link that loops (refused before the crawl, commands/crawl.py: made since)
                return
            remove_stale_temps(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"), self.crawler.stats)

    def spider_closed(self, reason: str) -> None:
        self.reason = reason

    def engine_stopped(self) -> None:
        reason = self.reason
        stats = self.crawler.stats.get_stats()
        # what the feeds really hold (newsproj.feeds), not what reached item_scraped
        written = stats.get("newsproj/output/written", stats.get("item_scraped_count", 0))
        drops = {
            key.rsplit("/", 1)[1]: value
            for key, value in sorted(stats.items())
            if key.startswith("item_dropped_reasons_count/")
        }
        listings = _by_reason(stats, "newsproj/page/listing/")
        page_drops = _by_reason(stats, "newsproj/page/dropped/")
        feeds = ", ".join(_where(slot) for slot in self.slots) or "no feed configured"
        dropped = ", ".join(f"{k}={v}" for k, v in drops.items()) or "none"
        if page_drops:  # the pages that gave no record, by the extraction process's reason
            dropped += "; pages: " + ", ".join(f"{k}={v}" for k, v in page_drops.items())
        not_saved = _by_reason(stats, "newsproj/state/not_saved/")
        state = (f"; state not saved: {sum(not_saved.values())} records "
                 f"({', '.join(f'{k}={v}' for k, v in not_saved.items())})" if not_saved else "")
        read_alone = stats.get("newsproj/extract/links_after_timeout", 0)
        lost = stats.get("newsproj/extract/links_after_timeout_failed", 0)
        if read_alone or lost:  # (those pages are among the drops: say that their links were followed, or lost)
            dropped += f"; links read alone after a failed extraction: {read_alone} pages"
            dropped += f" ({lost} pages whose links were lost)" if lost else ""
        logger.info(
            "newsproj summary: %d articles written to %s; %d pages judged listings (%s); dropped %d (%s); "
            "finish reason: %s%s",
            written, feeds, sum(listings.values()), ", ".join(f"{k}={v}" for k, v in listings.items()) or "none",
            sum(drops.values()), dropped, reason, state,
        )
        if self.stats_file:
            problem = self._write_stats(Path(self.stats_file), {**stats, "finish_reason": reason})
            if problem:  # the monitoring that reads it would see the last run's file, or none: exit 7 (crawl.py)
                self.crawler.stats.set_value(STATS_FILE_FAILED, problem)

    @staticmethod
    def _write_stats(path: Path, stats: dict) -> str | None:
        """Atomically, through a temp file of this run's own (a fixed ``.<name>.tmp`` was opened through whatever
        was under that name: a symlink made the run overwrite its target). A file that cannot be written (checked
        before the crawl, commands/crawl.py; a disk full since) is one ERROR line, not a traceback, and what
        failed is returned (None when written)."""
        dump = json.dumps(stats, default=str, indent=1, sort_keys=True)
        tmp = None
        try:
            path = followed(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = private_temp(path)  # (the mode a plain open() gives: the umask's)
            publish_text(fd, tmp, path, dump)  # (fsynced, renamed, its folder fsynced)
        except OSError as exc:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
            problem = f"NEWSPROJ_STATS_FILE {path} could not be written: {exc.strerror or exc}"
            logger.error("%s", problem)
            return problem
        return None
