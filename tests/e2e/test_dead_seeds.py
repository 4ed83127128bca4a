"""End to end: a seed that answers but gives nothing to follow, while the other seeds find articles.

A scheduled crawl of a homepage, a section and two sitemaps: the section page lost its links (a template turned
into a client-side app) and one sitemap went empty. The run still finds the homepage's and the other sitemap's
articles, so every close-time check passes: before, it ended "ok", exit 0, with not a word about the dead half of
the site. Now each such seed is one WARNING line naming it, counted as
``newsproj/discovery/seed_without_links/<kind>`` and in the manifest's ``health``; the exit status stays 0 (an
empty news sitemap is normal on a quiet day: no check fails for it)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from tests.conftest import run_crawl
from tests.sites import article_html, homepage, serve_pages

HTML = "text/html; charset=utf-8"
XML = "application/xml"
SECTION = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>World</title></head>
<body><h1>World</h1><div id="app">Loading…</div><script src="/static/app.js"></script></body></html>"""
EMPTY_SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>')


def _sitemap(paths: list[str]) -> str:
    urls = "".join(f"<url><loc>{{{{BASE}}}}{p}</loc></url>" for p in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def test_a_seed_that_gives_no_link_is_named_and_counted_while_the_run_stays_ok(tmp_path):
    home = [f"/news/2024/09/home-story-{n}.html" for n in range(2)]
    mapped = [f"/news/2024/09/mapped-story-{n}.html" for n in range(2)]
    pages = {p: (HTML, article_html(p, f"Story {p.rsplit('/', 1)[1]} of the day", n=n))
             for n, p in enumerate(home + mapped)}
    pages |= {"/": (HTML, homepage(home)), "/world/": (HTML, SECTION),
              "/sitemap-news.xml": (XML, _sitemap(mapped)), "/sitemap-sport.xml": (XML, EMPTY_SITEMAP)}
    server, _site = serve_pages(pages)
    seeds = [f"{server.base}{p}" for p in ("/", "/world/", "/sitemap-news.xml", "/sitemap-sport.xml")]
    try:
        result = run_crawl("-a", "start_urls=" + ",".join(seeds), "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}",
                           out=tmp_path / "out.jsonl")
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(urlsplit(r["url"]).path for r in result.records) == sorted(home + mapped)
    warnings = [line for line in result.log.splitlines() if "gave no link to follow" in line]
    assert len(warnings) == 2, warnings
    assert any(f"{server.base}/world/ (html" in line and "WARNING" in line for line in warnings), warnings
    assert any(f"{server.base}/sitemap-sport.xml (urlset" in line for line in warnings), warnings
    assert result.stats.get("newsproj/discovery/seed_without_links/html") == 1
    assert result.stats.get("newsproj/discovery/seed_without_links/urlset") == 1
    manifests = list((tmp_path / "out.state" / "runs").rglob("*.manifest.json")) or \
        list((tmp_path / "out.state" / "runs").rglob("*.json"))
    assert manifests, list((tmp_path / "out.state").rglob("*"))
    manifest = json.loads(manifests[0].read_text())
    assert manifest["status"] == "ok"
    assert manifest["health"]["seeds_without_links"] == 2
