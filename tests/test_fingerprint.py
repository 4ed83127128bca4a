"""newsproj/fingerprint.py and compat_redis.RedisDupeFilter: the request fingerprint leaves tracking parameters out,
in one process (Scrapy's dupefilter, JOBDIR) and in distributed mode (a real redis-server)."""

from __future__ import annotations

import uuid

from scrapy import Request
from scrapy.dupefilters import RFPDupeFilter
from scrapy.utils.request import RequestFingerprinter
from scrapy.utils.test import get_crawler

from newsproj.fingerprint import TrackerFreeFingerprinter
from newsproj.spiders.news import NewsSpider

ARTICLE = "https://news.example/world/2024/09/story-of-the-day.html"


def project_crawler(**settings):
    """A crawler with the project's ``REQUEST_FINGERPRINTER_CLASS`` (newsproj/settings.py)."""
    from newsproj import settings as project

    return get_crawler(NewsSpider, {"REQUEST_FINGERPRINTER_CLASS": project.REQUEST_FINGERPRINTER_CLASS, **settings})


def test_the_project_fingerprints_requests_without_their_trackers():
    crawler = project_crawler()
    fingerprinter = crawler.request_fingerprinter
    assert isinstance(fingerprinter, TrackerFreeFingerprinter)
    bare = fingerprinter.fingerprint(Request(ARTICLE))
    for tracked in (f"{ARTICLE}?utm_source=rss&utm_medium=rss", f"{ARTICLE}?fbclid=IwAR0x", f"{ARTICLE}?gclid=1#top"):
        assert fingerprinter.fingerprint(Request(tracked)) == bare, tracked
    # anything else is another page: a content id, courlan-listed names that select content on some sites
    for other in (f"{ARTICLE}?id=2", f"{ARTICLE}?cid=1196847353521", f"{ARTICLE}?ref=rss", f"{ARTICLE}?page=2"):
        assert fingerprinter.fingerprint(Request(other)) != bare, other
    assert fingerprinter.fingerprint(Request(f"{ARTICLE}?id=2&utm_source=x")) == \
        fingerprinter.fingerprint(Request(f"{ARTICLE}?id=2"))
    # a URL without trackers has Scrapy's own fingerprint: a JOBDIR's requests.seen written before reads the same
    scrapy_default = RequestFingerprinter()
    for url in (ARTICLE, f"{ARTICLE}?id=2", f"{ARTICLE}?b=2&a=1"):
        assert fingerprinter.fingerprint(Request(url)) == scrapy_default.fingerprint(Request(url))
    # method and body still count (Scrapy's rule)
    assert fingerprinter.fingerprint(Request(f"{ARTICLE}?utm_source=x", method="POST", body=b"q=1")) != bare


def test_scrapys_dupefilter_sees_one_page(tmp_path):
    crawler = project_crawler(JOBDIR=str(tmp_path))
    df = RFPDupeFilter.from_crawler(crawler)
    try:
        assert not df.request_seen(Request(f"{ARTICLE}?utm_source=home"))
        assert df.request_seen(Request(ARTICLE))
        assert df.request_seen(Request(f"{ARTICLE}?utm_campaign=week-2&fbclid=x"))
        assert not df.request_seen(Request(f"{ARTICLE}?page=2"))
    finally:
        df.close("finished")
    # a resumed JOBDIR run knows the page under any of its tracked URLs
    again = RFPDupeFilter.from_crawler(project_crawler(JOBDIR=str(tmp_path)))
    try:
        assert again.request_seen(Request(f"{ARTICLE}?utm_source=newsletter"))
        assert not again.request_seen(Request(f"{ARTICLE}?page=3"))
    finally:
        again.close("finished")


def test_the_redis_dupefilter_asks_the_crawlers_fingerprinter(redis_server):
    import redis

    from newsproj.addons import DISTRIBUTED
    from newsproj.compat_redis import RedisDupeFilter

    assert DISTRIBUTED["DUPEFILTER_CLASS"] == "newsproj.compat_redis.RedisDupeFilter"
    crawler = project_crawler(REDIS_URL=redis_server)
    server = redis.Redis.from_url(redis_server)
    key = f"test-dupefilter-{uuid.uuid4().hex[:8]}"
    try:
        df = RedisDupeFilter(server, key=key, fingerprinter=crawler.request_fingerprinter)
        assert not df.request_seen(Request(f"{ARTICLE}?utm_source=home"))
        assert df.request_seen(Request(ARTICLE))
        assert not df.request_seen(Request(f"{ARTICLE}?page=2"))
        # the Redis set holds what Scrapy's requests.seen holds: the fingerprint, hex
        assert server.smembers(key) == {crawler.request_fingerprinter.fingerprint(Request(u)).hex().encode()
                                        for u in (ARTICLE, f"{ARTICLE}?page=2")}
        # built the ways scrapy-redis builds it, it gets the crawler's fingerprinter too
        assert RedisDupeFilter.from_crawler(crawler).fingerprinter is crawler.request_fingerprinter
        # without one (built from settings alone), scrapy-redis's own fingerprint: trackers count there
        plain = RedisDupeFilter(server, key=f"{key}-plain")
        assert not plain.request_seen(Request(ARTICLE))
        assert not plain.request_seen(Request(f"{ARTICLE}?utm_source=home"))
    finally:
        server.delete(key, f"{key}-plain")
        server.close()
