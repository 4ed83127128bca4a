"""A small news site whose sitemap and homepage link articles with tracking parameters (``utm_*``, ``fbclid``), as
publishers' RSS-fed sitemaps and newsletters do; its server answers an article whatever trackers its URL carries,
as theirs do, and records every request it answers. Crawled by tests/e2e/test_tracking_links.py (one process) and
tests/e2e/test_distributed.py (Redis)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from tests.sites import PageSite, article_html, homepage

HTML = "text/html; charset=utf-8"
PREFIX = "/news/2024/09/"


def _path(slug: str) -> str:
    return f"{PREFIX}{slug}.html"


SITEMAP_ONLY = _path("harbour-ferry-timetable-changes") + "?utm_source=rss&utm_medium=rss&utm_campaign=feeds"
"""Listed by the sitemap only, with trackers: the URL a scorer's truth holds."""
HOMEPAGE_ONLY = _path("museum-reopens-its-east-wing") + "?utm_source=homepage&utm_medium=web"
"""Linked by the homepage only, with trackers."""
TRACKED_FIRST = _path("council-votes-on-tram-budget")
"""Linked twice by the homepage: with ``?utm_source=home`` first, then bare."""
BARE_FIRST = _path("library-opens-on-sundays")
"""Linked twice by the homepage: bare first, then with ``?fbclid=``."""
CANONICAL_TRACKED = _path("river-garden-festival-returns")
"""Linked bare; its ``<link rel=canonical>`` names its URL with ``?utm_source=canonical``."""
REDIRECTED = _path("stadium-roof-repairs-finished")
"""Linked with ``?utm_source=home&utm_medium=web``, which the server redirects (301) to the URL without them."""

HOMEPAGE_LINKS = [HOMEPAGE_ONLY, f"{TRACKED_FIRST}?utm_source=home", TRACKED_FIRST, BARE_FIRST,
                  f"{BARE_FIRST}?fbclid=IwAR0xTracker", CANONICAL_TRACKED,
                  f"{REDIRECTED}?utm_source=home&utm_medium=web"]
TRUTH = {  # the URL each article is expected under: as first linked (a record's url: the final URL of the response)
    "sitemap": SITEMAP_ONLY,
    "homepage": HOMEPAGE_ONLY,
    "tracked-first": f"{TRACKED_FIRST}?utm_source=home",
    "bare-first": BARE_FIRST,
    "canonical": CANONICAL_TRACKED,
    "redirected": REDIRECTED,
}


def untracked(key: str) -> str:
    """path+query without the trackers this site's links carry (the site's own rule, not newsproj's)."""
    parts = urlsplit(key)
    kept = [(k, v) for k, v in parse_qsl(parts.query) if not k.startswith("utm_") and k != "fbclid"]
    return parts.path + (f"?{urlencode(kept)}" if kept else "")


class TrackedSite(PageSite):
    """The pages, each answered under any tracked URL of it; ``served`` lists every answered path+query."""

    def lookup(self, path: str, query: str, base: str):  # type: ignore[override]
        key = path + (f"?{query}" if query else "")
        if path == REDIRECTED and query:  # (a site that sends a tracked link to its page without trackers)
            self.served.append(key)
            return 301, {"Location": f"{base}{untracked(key)}", "Content-Length": "0"}, b""
        page = self.pages.get(untracked(key))
        if page is None:
            return None
        self.served.append(key)
        ctype, text = page
        text = text.replace("{{BASE}}", base).replace("{{HOST}}", base.split("://", 1)[1])
        return 200, {"Content-Type": ctype}, text.encode()


def tracked_site() -> TrackedSite:
    pages: dict[str, tuple[str, str]] = {
        "/robots.txt": ("text/plain", "User-agent: *\nSitemap: {{BASE}}/sitemap.xml\n"),
        "/sitemap.xml": ("application/xml", '<?xml version="1.0" encoding="UTF-8"?>'
                         '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                         f"<url><loc>{{{{BASE}}}}{SITEMAP_ONLY.replace('&', '&amp;')}</loc></url></urlset>"),
        "/": (HTML, homepage(HOMEPAGE_LINKS, "Tracked Gazette")),
    }
    for n, key in enumerate(TRUTH.values()):
        path = untracked(key)
        canonical = "{{BASE}}" + path + "?utm_source=canonical" if path == CANONICAL_TRACKED else None
        title = path.removeprefix(PREFIX).removesuffix(".html").replace("-", " ").capitalize()
        pages[path] = (HTML, article_html(path, title, n=n, canonical=canonical))
    return TrackedSite(pages)
