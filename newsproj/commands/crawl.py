"""``scrapy crawl``, plus: a run that failed its close-time checks (``newsproj/monitors.py``) exits non-zero,
and a run given no output (no ``-o``/``-O``/``FEEDS``) writes the default feed ``NEWSPROJ_DEFAULT_FEED``.

Scrapy's own command exits 0 whatever the spider found; cron and scrapyd need a status to notice a broken
site. Exit status 3 when a monitor failed (the reasons are in the log and in the run manifest), 1 as before
when the crawl could not start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawl

if TYPE_CHECKING:
    import argparse

MONITOR_FAILED = 3


def default_feeds(uri: str) -> dict[str, dict[str, object]]:
    """The default FEEDS: one JSON-lines file per run, written aside and renamed when complete."""
    return {uri: {"format": "jsonlines", "newsproj_atomic": True, "uri_params": "newsproj.feeds.uri_params"}}


class Command(ScrapyCrawl):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        uri = self.settings.get("NEWSPROJ_DEFAULT_FEED")
        if uri and not (opts.output or opts.overwrite_output or self.settings.getdict("FEEDS")):
            self.settings.set("FEEDS", default_feeds(uri), priority="project")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            return super().run(args, opts)  # Scrapy's usage errors
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        elif crawler.stats is not None and crawler.stats.get_value("newsproj/monitor/failed"):
            self.exitcode = MONITOR_FAILED
        return None



