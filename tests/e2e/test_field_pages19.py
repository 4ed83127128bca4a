"""The carried field and cleaning defects of round 19 (tests/field_pages19.py) crawled with `scrapy crawl news` from
the homepage (links only): every page gives its record, with its lines and without its chrome, with its authors and
its date (the pairs tests/test_field_pages19.py lists as still open left out)."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests import field_pages19 as pages
from tests.e2e.test_listing_lookalikes import crawl_homepage
from tests.probe_lookalikes import assert_crawled, homepage_site
from tests.test_field_pages19 import OPEN


def test_the_field_pages_of_round_19_give_their_records_from_the_homepage(crawl):
    result = crawl_homepage(crawl, homepage_site(pages.ARTICLES))
    got = {urlsplit(r["url"]).path: r for r in result.records}
    assert_crawled(result, got, pages.ARTICLES, pages.ABSENT, pages.AUTHORS, pages.DATES, OPEN)
