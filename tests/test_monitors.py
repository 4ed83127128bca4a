"""Close-time monitors run in-process through spidermon's runner: a run is judged against the site's own history;
a first run fails only for what cannot be normal; each failure names its reason."""

from __future__ import annotations

import json

import pytest
from spidermon.contrib.scrapy.runners import SpiderMonitorRunner

from newsproj.middlewares.outcomes import is_error
from newsproj.monitors import SpiderCloseMonitorSuite, health_metrics
from newsproj.spiders.news import NewsSpider

SEED = "http://127.0.0.1:8080/"
COVERAGE = {"headline": 1.0, "articleBody": 1.0, "datePublished": 0.9, "authors": 0.29}
HEALTHY = {
    "finish_reason": "finished", "downloader/request_count": 45, "item_scraped_count": 20,
    "spidermon_item_scraped_count": 20, "newsproj/extract/ok": 20,
    "newsproj/fetch/ok/seed": 1, "newsproj/fetch/ok/listing": 9, "newsproj/fetch/ok/article": 20,
    "newsproj/health/body_median": 3000, "newsproj/health/bodies": 20,
    **{f"spidermon_field_coverage/Article/{field}": share for field, share in COVERAGE.items()},
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


def history(tmp_path, *runs):
    """Past manifests of the site: each an articles_found count or a (count, stats) pair."""
    folder = tmp_path / "state" / "runs" / "127.0.0.1-8080"
    folder.mkdir(parents=True)
    for i, run in enumerate(runs):
        found, stats = run if isinstance(run, tuple) else (run, HEALTHY)
        (folder / f"r{i}.json").write_text(json.dumps({
            "status": "ok", "finished_at": f"2024-09-1{i}T00:00:00", "counts": {"articles_found": found},
            "health": health_metrics(stats)}))


def test_healthy_run_passes(tmp_path):
    history(tmp_path, 25, 30, 20)
    assert run_suite(tmp_path, HEALTHY) == []


def test_first_run_is_not_judged_by_absolute_thresholds(tmp_path):
    """A healthy site that rarely prints a byline (29%) or a date passes its first run."""
    low = {**HEALTHY, "spidermon_field_coverage/Article/authors": 0.0,
           "spidermon_field_coverage/Article/datePublished": 0.1, "newsproj/fetch/failed/http_404": 8}
    assert run_suite(tmp_path, low) == []


@pytest.mark.parametrize(("stats", "reason"), [
    ({"newsproj/fetch/failed/connection_refused": 1}, "nothing found: no article exported or known; every request "
                                                      "failed; requests failed: connection_refused ×1"),
    ({"newsproj/fetch/failed/http_404": 2, "newsproj/fetch/ok/seed": 0}, "http_404 ×2"),
    ({"newsproj/fetch/failed/http_403": 1, "newsproj/fetch/ok/seed": 1}, "1 responses; requests failed: http_403"),
    ({"newsproj/fetch/failed/ssrf_loopback": 1}, "-s NEWSPROJ_ALLOW_PRIVATE=1"),
])
def test_first_run_that_finds_nothing_fails(tmp_path, stats, reason):
    failures = run_suite(tmp_path, {"finish_reason": "finished", **stats})
    assert len(failures) == 1 and reason in failures[0], failures


def test_policy_refusals_are_not_errors():
    assert all(is_error(r) for r in ("http_404", "http_403", "http_503", "timeout", "connection_refused", "SSLError"))
    assert not any(is_error(r) for r in ("robots_forbidden", "offsite", "ssrf_loopback", "bad_scheme",
                                         "content_type/application/pdf", "too_large", "retry_after_too_long"))
    stats = {**HEALTHY, "newsproj/fetch/failed/offsite": 49_000, "newsproj/fetch/failed/robots_forbidden": 600,
             "newsproj/fetch/failed/timeout": 2}
    assert health_metrics(stats)["error_rate"] == {"share": round(2 / 32, 4), "n": 32}


def test_a_mostly_refused_sitemap_passes(tmp_path):
    """50,000 sitemap URLs, most off-site or disallowed, a few fetched: no error rate from refusals."""
    history(tmp_path, 25, 30, 20)
    stats = {**HEALTHY, "downloader/request_count": 334, "downloader/exception_count": 49_668,
             "newsproj/fetch/failed/offsite": 40_000, "newsproj/fetch/failed/robots_forbidden": 9_668}
    assert run_suite(tmp_path, stats) == []


def test_blocked_articles_fail_even_when_known_ones_are_not_refetched(tmp_path):
    history(tmp_path, 30, 30)
    stats = {**HEALTHY, "item_scraped_count": 0, "newsproj/incremental/saved_articles": 30,
             "newsproj/fetch/ok/article": 0, "newsproj/fetch/failed/http_403": 6,
             "newsproj/fetch/article_failed/http_403": 6}
    failures = run_suite(tmp_path, stats)
    assert any("blocked: 6 of 6 article pages answered 403 ×6" in failure for failure in failures), failures


def test_a_few_forbidden_articles_are_not_a_block(tmp_path):
    stats = {**HEALTHY, "newsproj/fetch/failed/http_403": 2, "newsproj/fetch/article_failed/http_403": 2}
    assert run_suite(tmp_path, stats) == []


@pytest.mark.parametrize(("change", "reason"), [
    ({"finish_reason": "cancelled"}, "finish reason 'cancelled'"),
    ({"item_scraped_count": 3}, "collapse: 3 articles found"),
    ({"spidermon_field_coverage/Article/authors": 0.0}, "authors coverage 0% (usually 29%)"),
    ({"spidermon_field_coverage/Article/datePublished": 0.5}, "datePublished coverage 50% (usually 90%)"),
    ({"newsproj/health/body_median": 900}, "median body 900 characters (usually 3000)"),
    ({"newsproj/health/body_median": 9000}, "median body 9000 characters (usually 3000)"),
    ({"newsproj/discovery/article_link_was_not_article": 8}, "article links that were not articles 40% (usually 0%)"),
    ({"item_dropped_reasons_count/ExtractionFailed": 10}, "pages failing extraction 33% (usually 0%)"),
    ({"item_dropped_reasons_count/PageTimedOut": 10}, "pages failing extraction 33% (usually 0%)"),
    ({"newsproj/extract/fallback/headline": 10}, "site-rule fallbacks for headline 50% (usually 0%)"),
    ({"newsproj/fetch/failed/http_500": 20}, "failed requests 40% (usually 0%)"),
])
def test_drift_from_the_sites_history_fails_with_its_reason(tmp_path, change, reason):
    history(tmp_path, 25, 30, 20)
    failures = run_suite(tmp_path, {**HEALTHY, **change})
    assert len(failures) == 1 and reason in failures[0], failures


def test_small_moves_are_not_drift(tmp_path):
    history(tmp_path, 25, 30, 20)
    assert run_suite(tmp_path, {**HEALTHY, "spidermon_field_coverage/Article/authors": 0.15,
                                "newsproj/health/body_median": 2000, "newsproj/fetch/failed/http_404": 3}) == []


def test_absolute_limits_are_opt_in(tmp_path):
    stats = {**HEALTHY, "spidermon_field_coverage/Article/authors": 0.2}
    assert run_suite(tmp_path, stats) == []
    failures = run_suite(tmp_path, stats, NEWSPROJ_MONITOR_MIN_COVERAGE="headline:1.0,authors:0.3")
    assert len(failures) == 1 and "authors coverage 20% < 30%" in failures[0]


def test_pause_with_jobdir_is_not_a_failure(tmp_path):
    assert run_suite(tmp_path, {**HEALTHY, "finish_reason": "shutdown"}, JOBDIR=str(tmp_path / "job")) == []
    assert run_suite(tmp_path, {**HEALTHY, "finish_reason": "shutdown"}) != []


def test_a_pause_that_found_nothing_yet_is_not_a_failure(tmp_path):
    history(tmp_path, 25, 30)
    paused = {"finish_reason": "shutdown", "newsproj/fetch/ok/seed": 1}
    assert run_suite(tmp_path, paused, JOBDIR=str(tmp_path / "job")) == []


def test_a_page_over_the_time_limit_is_kept_as_failing_extraction():
    """The sampler keeps it with the pages that failed extraction (it is dropped as PageTimedOut, an
    ExtractionFailed under its own class name)."""
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from newsproj.extraction.limits import PageTimedOut
    from newsproj.extraction.page import PageOutcome
    from newsproj.monitors import HealthSampler

    sampler = HealthSampler(get_crawler(NewsSpider))
    response = HtmlResponse("http://127.0.0.1/slow.html", body=b"<html><p>x</p></html>")
    sampler.page_without_record(response, PageOutcome(url=response.url, drop=PageTimedOut("over 4 s"),
                                                      error="timeout"))
    assert [(url, note) for url, _, note in sampler.pages["extraction_failed"]] == [
        ("http://127.0.0.1/slow.html", "PageTimedOut: over 4 s")]


def test_the_sampler_keeps_the_shortest_and_longest_bodies_copying_only_the_pages_it_keeps():
    """HealthSampler keeps the NEWSPROJ_MONITOR_SAVE_PAGES shortest and longest records' pages for a drift
    failure; a page's HTML (up to 512 KB) is copied only when it goes into one of them, not for every record."""
    from scrapy.utils.test import get_crawler

    from newsproj.items import Article
    from newsproj.monitors import HealthSampler

    class Page:
        reads = 0

        def __init__(self, url: str):
            self.url = url
            self._body = url.encode()

        @property
        def body(self) -> bytes:
            Page.reads += 1
            return self._body

    sampler = HealthSampler(get_crawler(settings_dict={"NEWSPROJ_MONITOR_SAVE_PAGES": 2}))
    sampler._keep = lambda *args, **kwargs: None  # (the per-symptom pages: not what this test is about)
    lengths = [50, 10, 70, 30, 90, 20, 60, 80, 40] + [55] * 200
    for n, length in enumerate(lengths):
        item = Article(url=f"https://a.example/{n}", canonicalUrl=f"https://a.example/{n}", headline="H",
                       articleBody="x" * length)
        sampler.item_scraped(item, Page(f"https://a.example/{n}"))
    assert [note for _, _, note in sampler.samples("short_body")] == ["10 characters", "20 characters"]
    assert [note for _, _, note in sampler.samples("long_body")] == ["90 characters", "80 characters"]
    assert [url for url, _, _ in sampler.samples("long_body")] == ["https://a.example/4", "https://a.example/7"]
    assert Page.reads == 7  # the pages that entered a heap (7 of the first 9), none of the 200 others
