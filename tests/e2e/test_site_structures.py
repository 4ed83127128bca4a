"""Discovery coverage on a news site with the structure real ones have (tests/site_structures.py, issue 11, probe19):
sections and subsections paginated 12 deep in every way sites do it, date archives beside an endless calendar, tag
and author pages, "load more" buttons, article URLs of every common shape, links written every way (absolute,
relative under <base href>, protocol-relative, with utm/fbclid, #comments), articles named only in a JSON-LD
ItemList, in <noscript> or in the RSS feed the homepage advertises. Crawled with the defaults a user gets, from
the homepage (links only) and from robots.txt (its sitemap)."""

from __future__ import annotations

from urllib.parse import urlsplit

from newsproj.testing.server import FixtureServer
from tests.site_structures import StructureSite, build

SITE = build(pages_deep=8)  # (past NEWSPROJ_MAX_LISTING_DEPTH; the sport section's 12: tests/test_discovery_urls.py)


def _found(records: list[dict]) -> set[str]:
    paths = set()
    for record in records:
        parts = urlsplit(record["canonicalUrl"])
        paths.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def _crawl(crawl, seed: str):
    site = StructureSite(SITE.pages)
    server = FixtureServer(site).start()
    try:
        result = crawl("-a", f"start_urls={server.base}{seed}", "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}")
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    return result, site


def test_every_article_is_found_from_the_homepage_and_the_calendar_stays_bounded(crawl):
    result, site = _crawl(crawl, "/")
    found = _found(result.records)
    traps = {k: v for k, v in result.stats.items() if "/trap/" in k}
    assert not SITE.truth - found, (sorted(SITE.truth - found), traps)
    # (and no listing became a record: a day archive of one story under a menu of "|"-separated links was one)
    assert found == SITE.truth, sorted(found - SITE.truth)
    calendar = [p for p in site.served if p.startswith("/events/")]
    # (one month's 28 days, linked at once, then ~10 months: the barren-listings rule, not the pattern budget of 100)
    assert 0 < len(calendar) <= 28 + 2 * 10, calendar
    assert result.stats["finish_reason"] == "finished"


def test_every_article_is_found_from_robots_txt(crawl):
    result, site = _crawl(crawl, "/robots.txt")
    assert _found(result.records) == SITE.truth
    assert not [p for p in site.served if p.startswith("/events/")]
