"""Close-time monitors (spidermon): is this run's output trustworthy? A failed run exits non-zero.

``SPIDERMON_SPIDER_CLOSE_MONITORS = ("newsproj.monitors.SpiderCloseMonitorSuite",)``. On failure,
:class:`MarkRunFailed` logs each reason as an ERROR and sets ``newsproj/monitor/failed`` and
``newsproj/monitor/failures`` in the stats; the run manifest copies them (``status: "failed"``) and the
``crawl`` command (``newsproj/commands/crawl.py``) exits with status 3.

Thresholds (settings; 0 turns a check off; the rates and coverage apply from 10 requests/items on):

- ``NEWSPROJ_MONITOR_COLLAPSE_RATIO`` (0.5): fail when the articles found (exported + unchanged + not refetched)
  are fewer than this × the median of the site's last ``NEWSPROJ_MONITOR_HISTORY`` (5) successful runs, read
  from ``STATE_DIR/runs/<site>/``: the site changed its template or blocked us.
- ``NEWSPROJ_MONITOR_MAX_ERROR_RATE`` (0.5): (download exceptions + 5xx) / requests.
- ``NEWSPROJ_MONITOR_MAX_DROP_RATE`` (0.5): (InvalidArticle + ExtractionFailed) / article pages.
- ``NEWSPROJ_MONITOR_MIN_COVERAGE`` (``headline:1.0,articleBody:1.0,datePublished:0.5,authors:0.3``): share of
  exported records with the field filled (spidermon's field coverage).
- ``NEWSPROJ_MONITOR_FINISH_REASONS`` (``finished,closespider_itemcount,closespider_pagecount,closespider_timeout``):
  any other finish reason fails, except ``shutdown`` with ``JOBDIR`` (a pause).
"""

from __future__ import annotations

import logging
import statistics
import warnings

from spidermon import Monitor, MonitorSuite, monitors
from spidermon.core.actions import Action

from .extensions.manifest import DROP_PREFIX, articles_found, recent_runs
from .feeds import site_key

# spidermon 1.27's runner logs through Spider.log(), deprecated in Scrapy 2.19: one warning per monitor in every
# run's log. Only that call site is silenced (the same narrow filter as in pyproject's pytest settings).
warnings.filterwarnings(
    "ignore", message=r"Spider\.log\(\) is deprecated", module="spidermon.contrib.scrapy.runners"
)

logger = logging.getLogger(__name__)

MIN_SAMPLE = 10


class _Base(Monitor):
    @property
    def settings(self):
        return self.data.crawler.settings

    @property
    def stats(self):
        return self.data.stats


@monitors.name("Run health")
class RunHealthMonitor(_Base):
    @monitors.name("Finish reason")
    def test_finish_reason(self):
        reason = self.stats.get("finish_reason")
        expected = self.settings.getlist(
            "NEWSPROJ_MONITOR_FINISH_REASONS",
            ["finished", "closespider_itemcount", "closespider_pagecount", "closespider_timeout"],
        )
        if reason == "shutdown" and self.settings.get("JOBDIR"):
            return  # paused; the next run with the same JOBDIR resumes
        assert reason in expected, f"finish reason {reason!r} (expected one of {', '.join(expected)})"

    @monitors.name("Articles found vs recent runs")
    def test_no_collapse(self):
        ratio = self.settings.getfloat("NEWSPROJ_MONITOR_COLLAPSE_RATIO", 0.5)
        history = self.settings.getint("NEWSPROJ_MONITOR_HISTORY", 5)
        if ratio <= 0:
            return
        site = site_key(self.data.spider)
        runs = [
            run["counts"]["articles_found"] for run in recent_runs(self.settings.get("STATE_DIR"), site, history)
            if run.get("status") == "ok" and isinstance(run.get("counts"), dict)
        ]
        if not runs:
            return
        found, usual = articles_found(self.stats), statistics.median(runs)
        assert found >= ratio * usual, (
            f"collapse: {found} articles found, the last {len(runs)} runs of {site} found {usual:g} (median); "
            f"the site may have changed its template or blocked us"
        )

    @monitors.name("Download error rate")
    def test_error_rate(self):
        limit = self.settings.getfloat("NEWSPROJ_MONITOR_MAX_ERROR_RATE", 0.5)
        requests = self.stats.get("downloader/request_count", 0)
        if limit <= 0 or requests < MIN_SAMPLE:
            return
        errors = self.stats.get("downloader/exception_count", 0) + sum(
            value for key, value in self.stats.items()
            if key.startswith("downloader/response_status_count/5")
        )
        assert errors / requests <= limit, f"error rate {errors}/{requests} over {limit:.0%}"

    @monitors.name("Extraction drop rate")
    def test_drop_rate(self):
        limit = self.settings.getfloat("NEWSPROJ_MONITOR_MAX_DROP_RATE", 0.5)
        bad = sum(self.stats.get(f"{DROP_PREFIX}{name}", 0) for name in ("InvalidArticle", "ExtractionFailed"))
        total = bad + self.stats.get("item_scraped_count", 0) + self.stats.get(f"{DROP_PREFIX}UnchangedArticle", 0)
        if limit <= 0 or total < MIN_SAMPLE:
            return
        assert bad / total <= limit, f"drop rate {bad}/{total} (invalid or failed extraction) over {limit:.0%}"

    @monitors.name("Field coverage")
    def test_field_coverage(self):
        rules = self.settings.getdict(
            "NEWSPROJ_MONITOR_MIN_COVERAGE",
            {"headline": 1.0, "articleBody": 1.0, "datePublished": 0.5, "authors": 0.3},
        )
        exported = self.stats.get("item_scraped_count", 0)
        if exported < MIN_SAMPLE:
            return
        low = []
        for field, minimum in rules.items():
            coverage = self.stats.get(f"spidermon_field_coverage/Article/{field}", 0.0)
            if coverage < float(minimum):
                low.append(f"{field} {coverage:.0%} < {float(minimum):.0%}")
        assert not low, f"field coverage too low: {', '.join(low)}"


class MarkRunFailed(Action):
    """Log each failure as an ERROR and put them in the stats (read by the manifest and the crawl command)."""

    def run_action(self):
        failures = []
        for result in self.result.monitors_failed_results:
            message = (result.error or "").strip().splitlines()[-1:] or [""]
            reason = message[0].split("AssertionError: ", 1)[-1] or result.item.name
            failures.append(f"{result.item.name}: {reason}")
        stats = self.data.crawler.stats
        stats.set_value("newsproj/monitor/failed", 1)
        stats.set_value("newsproj/monitor/failures", failures)
        for failure in failures:
            logger.error("Run failed a check: %s", failure)


class SpiderCloseMonitorSuite(MonitorSuite):
    monitors = [RunHealthMonitor]
    monitors_failed_actions = [MarkRunFailed]
