"""The carried field and cleaning defects (fields18, issue 11: tests/field_pages.py) crawled with `scrapy crawl news`
from the homepage (links only): every page gives its record, with its lines and without its chrome, with its authors
and its date."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from tests import field_pages
from tests.e2e.test_listing_lookalikes import crawl_homepage


def _site() -> dict[str, tuple[str, str]]:
    html = "text/html; charset=utf-8"
    pages = {path: (html, text) for path, (text, _) in field_pages.ARTICLES.items()}
    links = "".join(f"<li><a href='{escape(p)}'>{escape(p.rsplit('/', 1)[-1])}</a></li>"
                    for p in field_pages.ARTICLES)
    pages["/"] = (html, field_pages.page(field_pages.SITE, f"<ul>{links}</ul>"))
    pages["/robots.txt"] = ("text/plain", "User-agent: *\nDisallow:\n")
    return pages


def test_the_field_pages_give_their_records_from_the_homepage(crawl):
    result = crawl_homepage(crawl, _site())
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
