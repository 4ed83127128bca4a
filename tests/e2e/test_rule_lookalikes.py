"""Article pages that look like what session 17's rules take off or judge (attack18, an outside attack on them:
tests/rule_lookalikes.py) crawled with `scrapy crawl news` from the homepage (links only). Every one gives its
record, with its lines and its authors."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests import rule_lookalikes
from tests.e2e.test_listing_lookalikes import crawl_homepage
from tests.probe_lookalikes import homepage_site


def test_pages_like_session_17s_rules_give_their_records_from_the_homepage(crawl):
    result = crawl_homepage(crawl, homepage_site(rule_lookalikes.ARTICLES))
    got = {urlsplit(r["url"]).path: r for r in result.records}
    assert sorted(got) == sorted(rule_lookalikes.ARTICLES), (
        sorted(got), {k: v for k, v in result.stats.items() if "listing" in k or "dropped" in k})
    for path, (_, lines) in rule_lookalikes.ARTICLES.items():
        body = got[path]["articleBody"].split("\n")
        assert [line for line in lines if line not in body] == [], (path, body)
    for path, names in rule_lookalikes.AUTHORS.items():
        assert [a["name"] for a in got[path]["authors"]] == names, path
