"""Article pages that look like what the script-and-shape probe's rules take off or judge (review17, an outside
attack on them: tests/probe_lookalikes.py — a list article of linked names over their text, a timeline of months
linking earlier stories, an obituary's dated facts at the top, Khmer and Myanmar briefs, a story about a Korean
reporter, a Vietnamese source credit set as a signature, a bold label after the text) crawled with
`scrapy crawl news` from the homepage (links only). Every one gives its record, with its lines and its authors."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests import probe_lookalikes
from tests.e2e.test_listing_lookalikes import crawl_homepage
from tests.probe_lookalikes import assert_crawled, homepage_site


def _key(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_pages_like_the_probes_shapes_give_their_records_from_the_homepage(crawl):
    result = crawl_homepage(crawl, homepage_site(probe_lookalikes.ARTICLES))
    got = {_key(r["url"]): r for r in result.records}
    assert_crawled(result, got, probe_lookalikes.ARTICLES, authors=probe_lookalikes.AUTHORS)
