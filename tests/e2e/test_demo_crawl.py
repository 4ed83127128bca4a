"""End to end: `scrapy crawl news` in a subprocess against the demo site on a loopback server."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import lxml.html
import pytest

from newsproj.testing.server import Site, serve
from tests.conftest import FIXTURES

FIELDS = ("headline", "authors", "datePublished", "dateModified", "inLanguage", "description")
SEED_PATH = "/world/2024/09/05/putin-calls-ukraines-incursion-into-kursk-a-failure.html"


def paths(records):
    return sorted(urlsplit(r["url"]).path for r in records)


def by_path(records):
    return {urlsplit(r["url"]).path: r for r in records}


def newest(truth, n):
    """Paths of the n newest truth articles (sitemaps and feeds list the newest)."""
    return sorted(t["path"] for t in sorted(truth, key=lambda t: t["datePublished"], reverse=True)[:n])


@pytest.fixture(scope="module")
def homepage_crawl(demo_server, tmp_path_factory):
    from tests.conftest import run_crawl

    out = tmp_path_factory.mktemp("home") / "demo.jsonl"  # through the extraction pool (one worker)
    return run_crawl("-a", f"start_urls={demo_server.base}/", "-s", "NEWSPROJ_EXTRACT_WORKERS=1", out=out)


def test_homepage_crawl_exports_exactly_the_articles(homepage_crawl, demo_truth):
    assert homepage_crawl.returncode == 0, homepage_crawl.log[-3000:]
    assert paths(homepage_crawl.records) == sorted(t["path"] for t in demo_truth)
    assert homepage_crawl.stats["item_scraped_count"] == len(demo_truth)


def test_homepage_crawl_fields_match_truth(homepage_crawl, demo_truth, demo_server):
    records = by_path(homepage_crawl.records)
    for truth in demo_truth:
        record = records[truth["path"]]
        for field in FIELDS:
            assert record[field] == truth[field], (truth["path"], field)
        image = truth["mainImage"].replace("{{BASE}}", demo_server.base) if truth["mainImage"] else None
        assert record["mainImage"] == ({"url": image} if image else None), truth["path"]
        assert record["articleBody"] == truth["articleBody"], truth["path"]
        assert record["canonicalUrl"] == f"{demo_server.base}{truth['path']}"
        assert record["metadata"]["dateDownloaded"]


def test_homepage_crawl_obeys_robots_and_skips_non_articles(homepage_crawl, demo_server):
    assert not any(path.startswith("/private/") for path in demo_server.hits)
    assert not any(p.startswith(("/about/", "/contact/", "/tag/", "/author/")) for p in paths(homepage_crawl.records))
    # refused before its request (robots.txt is asked before a link is admitted), not by Scrapy's middleware
    assert homepage_crawl.stats.get("newsproj/discovery/robots_disallowed", 0) >= 1
    assert homepage_crawl.stats.get("newsproj/scope/offsite", 0) == 0  # off-site links are never requested


def page_text_nodes(path: str) -> set[str]:
    """Every text of the served demo page, one text node each (whitespace collapsed)."""
    rel = path.lstrip("/") + ("index.html" if path.endswith("/") else "")
    tree = lxml.html.fromstring((FIXTURES / "demo" / rel).read_bytes())
    return {" ".join(t.split()) for t in tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]")}


def test_no_record_holds_a_line_of_the_page_outside_its_article(homepage_crawl, demo_truth):
    """Judged against the page and its truth, not against our own chrome vocabulary: a text of the page that is
    not a line of the true body (a share button, a caption, a teaser, a newsletter box...) never reaches a
    record, and no record line holds markup."""
    records = by_path(homepage_crawl.records)
    for truth in demo_truth:
        chrome = page_text_nodes(truth["path"]) - set(truth["articleBody"].split("\n"))
        assert chrome, truth["path"]  # every demo page has chrome to leave out
        for line in records[truth["path"]]["articleBody"].split("\n"):
            assert line not in chrome, (truth["path"], line)
            assert not re.search(r"</?\w+[^>]*>", line)


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("/robots.txt", "all"),
        ("/sitemap_index.xml", "all"),
        ("/sitemap-articles.xml", "all"),
        ("/sitemap-news.xml", "news"),
        ("/sitemap-news.xml.gz", "news"),
        ("/rss.xml", "feed"),
        ("/atom.xml", "feed"),
    ],
)
def test_each_seed_kind(crawl, demo_server, demo_truth, seed, expected):
    result = crawl("-a", f"start_urls={demo_server.base}{seed}")
    assert result.returncode == 0, result.log[-3000:]
    want = {"all": sorted(t["path"] for t in demo_truth), "news": newest(demo_truth, 10),
            "feed": newest(demo_truth, 15)}[expected]
    assert paths(result.records) == want


def test_section_seed_follows_pagination(crawl, demo_server, demo_truth):
    result = crawl("-a", f"start_urls={demo_server.base}/tech/")
    tech = {t["path"] for t in demo_truth if t["path"].startswith("/tech/")}
    assert tech <= set(paths(result.records))
    assert result.stats["newsproj/discovery/kind/html"] > len(tech)


def test_several_seeds_of_different_kinds(crawl, demo_server, demo_truth):
    seeds = f"{demo_server.base}/rss.xml,{demo_server.base}{SEED_PATH}"
    result = crawl("-a", f"start_urls={seeds}")
    assert set(paths(result.records)) == set(newest(demo_truth, 15)) | {SEED_PATH}


def test_seed_article_record(crawl, demo_server):
    """The page behind ../shared/seed-example.txt: every paragraph, not one line of chrome."""
    result = crawl("-a", f"start_urls={demo_server.base}{SEED_PATH}")
    assert len(result.records) == 1
    record = result.records[0]
    assert record["headline"] == (
        "Putin calls Ukraine's incursion into Kursk a 'failure' and alleges heavy Ukrainian losses"
    )
    assert record["authors"] == [{"name": "Sertac Aktan"}]
    assert record["datePublished"].startswith("2024-09-05T")
    assert record["inLanguage"] == "en"
    body = record["articleBody"].split("\n")
    assert body[0].startswith("The Russian president is trying to frame")
    assert body[-1] == "The government in Kyiv has stated it will not engage in direct negotiations with Russia."
    assert "'Trump is hard on Russia'" in body and "BRICS enters the picture" in body
    assert len(body) == 14
    for chrome in ("Share this article", "ADVERTISEMENT", "Copy to clipboard", "Copyright", "Vladimir Putin in "
                   "Vladivostok.", "You might also like", "By Sertac Aktan", "Published on", "Newsletter",
                   "The rise of deepfakes", "Find Us", "Loader"):
        assert not any(line.startswith(chrome) for line in body), chrome


def test_bad_start_url_is_a_usage_error(crawl):
    result = crawl("-a", "start_urls=ftp://127.0.0.1/x")
    assert result.returncode == 2
    assert "expected http(s) URLs" in result.log
    assert result.records == []


def test_in_process_extraction_gives_the_same_records(crawl, demo_server, homepage_crawl):
    """NEWSPROJ_EXTRACT_WORKERS=0 (no process pool) exports exactly what the pool exports."""
    result = crawl("-a", f"start_urls={demo_server.base}/", "-s", "NEWSPROJ_EXTRACT_WORKERS=0")
    strip = [{k: v for k, v in r.items() if k != "metadata"} for r in result.records]
    pooled = [{k: v for k, v in r.items() if k != "metadata"} for r in homepage_crawl.records]
    assert sorted(strip, key=lambda r: r["url"]) == sorted(pooled, key=lambda r: r["url"])


def test_bad_worker_count_stops_before_crawling(crawl, demo_server):
    result = crawl("-a", f"start_urls={demo_server.base}/", "-s", "NEWSPROJ_EXTRACT_WORKERS=many")
    assert result.returncode != 0
    assert "setting NEWSPROJ_EXTRACT_WORKERS: expected an integer" in result.log


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_meta_refresh_is_followed(crawl, tmp_path, encoding):
    """A page that moved by <meta http-equiv="refresh"> (read from the page's head, in any encoding)."""
    article = (FIXTURES / "demo" / "business" / "articles" / "coffee-prices-hit-13-year-high" / "index.html")
    site = tmp_path / "site"
    (site / "story").mkdir(parents=True)
    (site / "story" / "index.html").write_text(article.read_text("utf-8"), "utf-8")
    moved = ('<html><head><meta http-equiv="Refresh" content="0; url=/story/"><title>Moved</title></head>'
             "<body><p>This story has moved.</p></body></html>")
    (site / "moved.html").write_bytes(moved.encode(encoding))
    server = serve(site)
    try:
        result = crawl("-a", f"start_urls={server.base}/moved.html")
    finally:
        server.stop()
    assert [r["url"] for r in result.records] == [f"{server.base}/story/"]
    assert result.stats["downloader/response_count"] >= 3  # robots.txt, the moved page, the story


def test_json_feed_seed(crawl, tmp_path):
    """A JSON Feed (application/feed+json) seed: its items' URLs are crawled as articles."""
    site = tmp_path / "site"
    available = ["coffee-prices-hit-13-year-high", "nordvind-cuts-1200-jobs"]
    for story in available:
        (site / "story" / story).mkdir(parents=True)
        source = FIXTURES / "demo" / "business" / "articles" / story / "index.html"
        (site / "story" / story / "index.html").write_text(source.read_text("utf-8"), "utf-8")
    items = [{"id": s, "url": f"/story/{s}/", "date_published": "2024-09-05T10:00:00Z"} for s in available]
    (site / "feed.json").write_text(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Demo",
                                                "items": items}), "utf-8")

    class FeedSite(Site):
        def lookup(self, path, query, base):
            answer = super().lookup(path, query, base)
            if path == "/feed.json" and answer:
                return answer[0], {"Content-Type": "application/feed+json"}, answer[2]
            return answer

    server = serve(site, site=FeedSite(site))
    try:
        result = crawl("-a", f"start_urls={server.base}/feed.json")
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(r["url"] for r in result.records) == sorted(f"{server.base}/story/{s}/" for s in available)
    assert result.stats["newsproj/discovery/kind/feed"] == 1
