"""Close-time monitors run in-process through spidermon's runner: each threshold fails with its reason."""

from __future__ import annotations

import json

import pytest
from spidermon.contrib.scrapy.runners import SpiderMonitorRunner

from newsproj.monitors import SpiderCloseMonitorSuite
from newsproj.spiders.news import NewsSpider

SEED = "http://127.0.0.1:8080/"
HEALTHY = {
    "finish_reason": "finished", "downloader/request_count": 40, "item_scraped_count": 20,
    "spidermon_field_coverage/Article/headline": 1.0, "spidermon_field_coverage/Article/articleBody": 1.0,
    "spidermon_field_coverage/Article/datePublished": 0.9, "spidermon_field_coverage/Article/authors": 0.8,
}


def run_suite(tmp_path, stats, **settings):
    from scrapy.utils.test import get_crawler

    crawler = get_crawler(NewsSpider, settings_dict={"STATE_DIR": str(tmp_path / "state"), **settings})
    spider = NewsSpider.from_crawler(crawler, start_urls=SEED)
    crawler.spider = spider
    for key, value in stats.items():
        crawler.stats.set_value(key, value)
    SpiderMonitorRunner(spider=spider).run(
        SpiderCloseMonitorSuite(crawler=crawler), stats=crawler.stats.get_stats(), stats_history=[],
        crawler=crawler, spider=spider, job=None,
    )
    return crawler.stats.get_value("newsproj/monitor/failures") or []


def history(tmp_path, *found):
    folder = tmp_path / "state" / "runs" / "127.0.0.1-8080"
    folder.mkdir(parents=True)
    for i, count in enumerate(found):
        (folder / f"r{i}.json").write_text(json.dumps(
            {"status": "ok", "finished_at": f"2024-09-1{i}T00:00:00", "counts": {"articles_found": count}}))


def test_healthy_run_passes(tmp_path):
    history(tmp_path, 25, 30, 20)
    assert run_suite(tmp_path, HEALTHY) == []


@pytest.mark.parametrize(("change", "reason"), [
    ({"finish_reason": "cancelled"}, "finish reason 'cancelled'"),
    ({"item_scraped_count": 3}, "collapse: 3 articles found"),
    ({"downloader/response_status_count/503": 30}, "error rate 30/40"),
    ({"item_dropped_reasons_count/ExtractionFailed": 30}, "drop rate 30/50"),
    ({"spidermon_field_coverage/Article/datePublished": 0.1}, "datePublished 10% < 50%"),
])
def test_each_check_fails_with_its_reason(tmp_path, change, reason):
    history(tmp_path, 25, 30, 20)
    failures = run_suite(tmp_path, {**HEALTHY, **change})
    assert len(failures) == 1 and reason in failures[0], failures


def test_pause_with_jobdir_is_not_a_failure(tmp_path):
    assert run_suite(tmp_path, {**HEALTHY, "finish_reason": "shutdown"}, JOBDIR=str(tmp_path / "job")) == []
    assert run_suite(tmp_path, {**HEALTHY, "finish_reason": "shutdown"}) != []
