"""review19's pages (tests/review19_pages.py: articles laid out like the blog homes and excerpts session 18's
'posts' rule reads as listings) crawled with `scrapy crawl news` from the homepage (links only) and from robots.txt
(its sitemap): every article gives its record with its lines (and its date where one is listed), the blog home
none."""

from __future__ import annotations

import pytest

from tests import review19_pages
from tests.e2e.test_old_layouts import BytesSite
from tests.probe_lookalikes import assert_crawled


@pytest.mark.parametrize("seed", ["/", "/robots.txt"])
def test_articles_like_pages_of_posts_give_their_records(crawl_site, seed: str) -> None:
    result, got = crawl_site(BytesSite(review19_pages.site()), seed)
    assert_crawled(result, got, review19_pages.ARTICLES, authors=review19_pages.AUTHORS, dates=review19_pages.DATES)
    if seed == "/":
        assert result.stats.get("newsproj/page/listing/posts", 0) >= 1, result.stats  # (the blog home)
