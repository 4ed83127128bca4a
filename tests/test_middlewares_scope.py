"""ScopeMiddleware: one host:port check for every request, robots.txt included (issue 12: any URL ending in
/robots.txt used to pass, so http://other:port/x?x=/robots.txt from a sitemap or a redirect fetched another host)."""

from __future__ import annotations

import pytest
from scrapy import Request, Spider
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsproj.middlewares.outcomes import Refused
from newsproj.middlewares.scope import ScopeMiddleware


class Scoped(Spider):
    name = "scoped"
    allowed_netlocs = frozenset({"127.0.0.1:8001"})


@pytest.fixture
def middleware():
    crawler = get_crawler(Scoped)
    crawler.spider = Scoped()
    return crawler, build_from_crawler(ScopeMiddleware, crawler)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8002/x?x=/robots.txt",
    "http://127.0.0.1:8002/robots.txt",  # another host's robots.txt: never asked for by a request in scope
])
def test_offsite_is_refused_robots_txt_or_not(middleware, url):
    crawler, mw = middleware
    with pytest.raises(Refused):
        mw.process_request(Request(url))
    assert crawler.stats.get_value("newsproj/scope/offsite") == 1


def test_in_scope_robots_txt_passes(middleware):
    _, mw = middleware
    assert mw.process_request(Request("http://127.0.0.1:8001/robots.txt")) is None
