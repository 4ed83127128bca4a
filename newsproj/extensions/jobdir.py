"""Make Scrapy's ``JOBDIR`` survive SIGKILL.

Measured (issue 4): Scrapy's disk queues record their state only on a clean close, while ``requests.seen`` is
appended as requests are scheduled. After a SIGKILL the restarted run finds a seen-set full of URLs and a
frontier that is empty or stale: it filters its seeds as already seen and finishes at once, the unfetched
pages lost. The two never agree after a kill.

This extension keeps a marker file, ``JOBDIR/newsproj.running``, from start until the spider has closed (the
scheduler has saved its queue by then). A run that finds the marker knows its predecessor was killed: the
seen-set and the queue cannot be trusted, so it deletes both before the scheduler opens them and rebuilds the
frontier from the seeds. What the killed run already exported is not fetched or written again: the ``-o``
file it appends to (repaired of a partial last line) and the cross-run state tell the ledger (see
``newsproj/feeds.py``, ``middlewares/incremental.py``). A run that finished leaves a clean JOBDIR (seen-set and
queue removed), so a scheduled job can reuse one JOBDIR per site. A clean pause (Ctrl-C once) leaves no
marker, so Scrapy's own resume applies. A run whose feed failed (``feed_failed``) keeps the marker: pages it
fetched were not stored, so the next run rebuilds the frontier as after a kill.

Extensions are built before the engine creates the scheduler, so the clean-up happens before anything reads
the JOBDIR. Off without ``JOBDIR`` or under another scheduler (scrapy-redis keeps its frontier in Redis).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

from ..feeds import FEED_FAILED

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

MARKER = "newsproj.running"
STOCK_SCHEDULER = "scrapy.core.scheduler.Scheduler"


class KillSafeJobdir:
    def __init__(self, crawler: Crawler):
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            raise NotConfigured  # no JOBDIR: nothing to protect (silently off)
        scheduler = crawler.settings.get("SCHEDULER")
        if not isinstance(scheduler, str) or scheduler != STOCK_SCHEDULER:
            raise NotConfigured(f"SCHEDULER is {scheduler!r}, not Scrapy's disk-queue scheduler")
        self.dir = Path(jobdir)
        self.marker = self.dir / MARKER
        self.dir.mkdir(parents=True, exist_ok=True)
        if self.marker.exists():
            self._forget_frontier(crawler)
        self.marker.write_text(
            json.dumps({"pid": os.getpid(), "started": datetime.now(UTC).isoformat(timespec="seconds")}),
            encoding="utf-8",
        )
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def _forget_frontier(self, crawler: Crawler) -> None:
        logger.warning(
            "JOBDIR %s: the previous run was killed; its seen-set and queue disagree, rebuilding the frontier "
            "from the seeds (what it exported is not fetched or written again)", self.dir,
        )
        (self.dir / "requests.seen").unlink(missing_ok=True)
        shutil.rmtree(self.dir / "requests.queue", ignore_errors=True)
        crawler.stats.set_value("newsproj/jobdir/recovered_after_kill", 1)

    def spider_closed(self, reason: str) -> None:
        if reason == FEED_FAILED:
            # Pages were fetched whose records the feed did not store: the seen-set cannot be trusted, as after
            # a kill. The marker stays, so the next run rebuilds the frontier from the seeds.
            return
        if reason == "finished":
            # The crawl is complete: leave a clean JOBDIR, so a scheduled job can pass the same JOBDIR every
            # time (stock Scrapy would find every URL already seen and do nothing).
            (self.dir / "requests.seen").unlink(missing_ok=True)
            shutil.rmtree(self.dir / "requests.queue", ignore_errors=True)
        self.marker.unlink(missing_ok=True)
