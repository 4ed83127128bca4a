"""Article pages that look like what session 17's rules take off or judge (attack18, an outside attack on them:
tests/rule_lookalikes.py) crawled with `scrapy crawl news` from the homepage (links only). Every one gives its
record, with its lines and its authors."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from tests import probe_lookalikes, rule_lookalikes
from tests.e2e.test_listing_lookalikes import crawl_homepage


def _site() -> dict[str, tuple[str, str]]:
    html = "text/html; charset=utf-8"
    pages = {path: (html, text) for path, (text, _) in rule_lookalikes.ARTICLES.items()}
    links = "".join(f"<li><a href='{escape(p)}'>{escape(p.rsplit('/', 1)[-1])}</a></li>"
                    for p in rule_lookalikes.ARTICLES)
    pages["/"] = (html, probe_lookalikes.page("Harwood Evening Post", f"<ul>{links}</ul>"))
    pages["/robots.txt"] = ("text/plain", "User-agent: *\nDisallow:\n")
    return pages


def test_pages_like_session_17s_rules_give_their_records_from_the_homepage(crawl):
    result = crawl_homepage(crawl, _site())
    got = {urlsplit(r["url"]).path: r for r in result.records}
    assert sorted(got) == sorted(rule_lookalikes.ARTICLES), (
        sorted(got), {k: v for k, v in result.stats.items() if "listing" in k or "dropped" in k})
    for path, (_, lines) in rule_lookalikes.ARTICLES.items():
        body = got[path]["articleBody"].split("\n")
        assert [line for line in lines if line not in body] == [], (path, body)
    for path, names in rule_lookalikes.AUTHORS.items():
        assert [a["name"] for a in got[path]["authors"]] == names, path
