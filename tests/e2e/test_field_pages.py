"""The carried field and cleaning defects (fields18, issue 11: tests/field_pages.py) crawled with `scrapy crawl news`
from the homepage (links only): every page gives its record, with its lines and without its chrome, with its authors
and its date."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests import field_pages
from tests.e2e.test_listing_lookalikes import crawl_homepage
from tests.probe_lookalikes import homepage_site


def test_the_field_pages_give_their_records_from_the_homepage(crawl):
    result = crawl_homepage(crawl, homepage_site(field_pages.ARTICLES))
    got = {urlsplit(r["url"]).path: r for r in result.records}
    assert sorted(got) == sorted(field_pages.ARTICLES), (
        sorted(got), {k: v for k, v in result.stats.items() if "listing" in k or "dropped" in k})
    for path, (_, lines) in field_pages.ARTICLES.items():
        body = got[path]["articleBody"].split("\n")
        assert [line for line in lines if line not in body] == [], (path, body)
        assert [line for line in field_pages.ABSENT.get(path, ()) if line in body] == [], (path, body)
    for path, names in field_pages.AUTHORS.items():
        assert [a["name"] for a in got[path]["authors"]] == names, path
    for path, day in field_pages.DATES.items():
        assert (got[path]["datePublished"] or "")[:10] == day, path
