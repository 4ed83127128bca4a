"""The carried field and cleaning defects (fields18, issue 11: tests/field_pages.py) crawled with `scrapy crawl news`
from the homepage (links only): every page gives its record, with its lines and without its chrome, with its authors
and its date."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests import field_pages
from tests.e2e.test_listing_lookalikes import crawl_homepage
from tests.probe_lookalikes import assert_crawled, homepage_site


def test_the_field_pages_give_their_records_from_the_homepage(crawl):
    result = crawl_homepage(crawl, homepage_site(field_pages.ARTICLES))
    got = {urlsplit(r["url"]).path: r for r in result.records}
    assert_crawled(result, got, field_pages.ARTICLES, field_pages.ABSENT, field_pages.AUTHORS, field_pages.DATES)
