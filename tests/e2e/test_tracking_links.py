"""End to end: articles a sitemap and a homepage link with tracking parameters (tests/tracked_site.py).

Issue 13 made a link with ``utm_*`` and the same link one request by stripping the trackers before the request; the
record's ``url`` (the final URL of the response) then lacked them, and an outside check that matches a record to a
page by its ``canonicalUrl`` or by its ``url``'s path+query (../shared/tools/score.py) found no record for a page
its publisher links only with them (three news-dev pages). A link is now requested as linked, and duplicates are
told without trackers (the request fingerprint, the trap budgets, the cross-run state): one request and one record
an article, under the URL first linked; ``canonicalUrl`` never carries a tracker.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import unquote, urlsplit

from newsproj.testing.server import FixtureServer
from tests.sites import homepage
from tests.tracked_site import CANONICAL_TRACKED, HOMEPAGE_LINKS, PREFIX, REDIRECTED, TRUTH, tracked_site, untracked

PUBLISHER = "https://www.publisher.example"
"""The host of the truth URLs: a scorer matches a record served from 127.0.0.1 by its URL's path+query."""


def path_query(url: str) -> str:
    """As score.py reads a URL for matching: the unquoted path without a trailing slash, and the query."""
    parts = urlsplit(url)
    path = unquote(parts.path or "/").rstrip("/") or "/"
    return path + (f"?{unquote(parts.query)}" if parts.query else "")


def key(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def articles_served(site) -> list[str]:
    return [k for k in site.served if k.startswith(PREFIX)]


def test_an_article_linked_with_trackers_is_fetched_once_under_the_url_as_linked(tmp_path, crawl):
    site = tracked_site()
    server = FixtureServer(site).start()
    state = tmp_path / "state"
    try:
        seeds = f"start_urls={server.base}/robots.txt,{server.base}/"
        result = crawl("-a", seeds, "-s", f"STATE_DIR={state}", "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}")
        assert result.returncode == 0, result.log[-3000:]
        # one request an article, under the URL first linked (the sitemap's and the homepage's with their trackers);
        # a tracked link the site redirects to its page without trackers is followed there: the dupefilter, which
        # holds that page's fingerprint already, dropped the redirect (no record) until RedirectGuard let it through
        redirect = f"{REDIRECTED}?utm_source=home&utm_medium=web"
        assert sorted(articles_served(site)) == sorted([*TRUTH.values(), redirect])
        assert result.stats["newsproj/guard/redirect_same_page"] == 1
        # one record an article, its url as fetched, its canonicalUrl without trackers
        assert sorted(key(r["url"]) for r in result.records) == sorted(TRUTH.values())
        for record in result.records:
            assert record["canonicalUrl"] == f"{server.base}{untracked(key(record['url']))}", record["url"]
        canonical = next(r for r in result.records if key(r["url"]) == CANONICAL_TRACKED)
        assert "utm_" not in canonical["canonicalUrl"]  # (its <link rel=canonical> has ?utm_source=canonical)
        # score.py's matching: a truth page whose URL keeps its trackers finds its record by path+query
        by_path = {path_query(r["url"]): r for r in result.records}
        for name, truth_key in TRUTH.items():
            assert path_query(PUBLISHER + truth_key) in by_path, name
        stats = result.stats
        assert not any(k.startswith("item_dropped_reasons_count/") for k in stats), stats
        assert stats["newsproj/discovery/tracking/kept"] >= 3
        assert stats["newsproj/discovery/tracking/variant"] == 2  # the two articles the homepage links twice
        assert stats["dupefilter/filtered"] >= 2

        # a later run: the homepage links every article with other trackers; each is known (the state's key has
        # no trackers): not fetched again, nothing written
        site.pages["/"] = (site.pages["/"][0], homepage(
            [f"{untracked(link)}?utm_source=newsletter&utm_campaign=week-2" for link in HOMEPAGE_LINKS]))
        site.served.clear()
        again = crawl("-a", seeds, "-s", f"STATE_DIR={state}", "-s", "SPIDERMON_ENABLED=0")
        assert again.returncode == 0, again.log[-3000:]
        assert articles_served(site) == [] and again.records == []
        assert again.stats["newsproj/incremental/saved_articles"] == len(TRUTH)
    finally:
        server.stop()
    assert Counter(untracked(k) for k in TRUTH.values()).most_common(1)[0][1] == 1  # (distinct articles)


def test_a_site_whose_robots_txt_disallows_tracked_urls_is_crawled_without_them(crawl):
    """SEO guides advise ``Disallow: /*?utm_`` (one page, many URLs): such a site's articles, linked only with
    ``utm_*``, were left out as disallowed once links were requested as linked. A link robots.txt disallows with its
    tracking parameters and allows without them is requested without them (counted); every article is fetched
    once, and no URL robots.txt disallows is requested."""
    site = tracked_site()
    site.pages["/robots.txt"] = ("text/plain", "User-agent: *\nDisallow: /*?utm_\nSitemap: {{BASE}}/sitemap.xml\n")
    server = FixtureServer(site).start()
    try:
        result = crawl("-a", f"start_urls={server.base}/robots.txt,{server.base}/",
                       "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}")
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    bare = sorted(untracked(k) for k in TRUTH.values())
    assert sorted(articles_served(site)) == bare  # (no ?utm_ URL requested: the redirecting one neither)
    assert sorted(key(r["url"]) for r in result.records) == bare
    # the sitemap's one link (the spider) and the homepage's three utm_* links (read in the extraction process)
    assert result.stats["newsproj/discovery/tracking/robots_untracked"] == 4
    assert "newsproj/discovery/robots_disallowed" not in result.stats



def test_the_redirect_exemption_ends_at_the_page_it_was_given_for(crawl_site):
    """RedirectGuard lets ``A?utm_source=x`` → ``A`` through the dupefilter (one page); Scrapy's redirect copies
    ``dont_filter`` to every later hop, so ``A`` → ``B`` (another page: a moved story) skipped the dupefilter too:
    ``B``, also linked from the homepage, was fetched twice (and its redirected fetch was never recorded as seen)."""
    site = tracked_site()
    moved, target = _path_of("old-quay-story"), _path_of("new-quay-story")
    site.pages[target] = site.pages[untracked(TRUTH["bare-first"])]
    refreshed = _path_of("quay-story-refresh")  # the same, its bare URL a <meta http-equiv=refresh> to the story
    site.pages["/"] = (site.pages["/"][0], homepage(
        [target, f"{moved}?utm_source=home", target + "?fbclid=x", f"{refreshed}?utm_source=home"]))
    lookup = site.lookup

    def chained(path: str, query: str, base: str):
        if path in (moved, refreshed):
            site.served.append(path + (f"?{query}" if query else ""))
            if path == refreshed and not query:
                page = f'<html><head><meta http-equiv="refresh" content="0; url={base}{target}"></head></html>'
                return 200, {"Content-Type": "text/html"}, page.encode()
            location = base + (path if query else target)  # ?utm_source=home → bare → the story's new URL
            return 301, {"Location": location, "Content-Length": "0"}, b""
        return lookup(path, query, base)

    site.lookup = chained  # type: ignore[method-assign]
    result, records = crawl_site(site)
    served = Counter(untracked(k) for k in site.served if k.startswith(PREFIX))
    assert served[target] == 1, site.served
    assert served[moved] == served[refreshed] == 2  # (?utm_source=home, then bare: the exemption's one hop)
    assert [key(r["url"]) for r in result.records].count(target) == 1
    assert not any(k.startswith("item_dropped_reasons_count/") for k in result.stats), result.stats


def _path_of(slug: str) -> str:
    return f"{PREFIX}{slug}.html"


def test_thousands_of_tracked_variants_of_one_article_are_one_request(crawl_site):
    """A hostile homepage links one article 5,000 times (``MAX_LINKS``), each with other trackers (2,500 values of
    ``utm_source``, 2,500 distinct tracker-shaped names ``utm_a0``...): one request, one record."""
    site = tracked_site()
    article = untracked(TRUTH["bare-first"])
    links = [f"{article}?utm_source=n{i}" for i in range(2500)] + [f"{article}?utm_a{i}=1" for i in range(2500)]
    site.pages["/"] = (site.pages["/"][0], homepage(links))
    result, records = crawl_site(site)
    assert [k for k in site.served if k.startswith(PREFIX)] == [links[0]]
    assert list(records) == [links[0]]
    assert result.stats["newsproj/discovery/tracking/variant"] == 4999


def test_articles_told_apart_by_a_content_parameter_are_records_of_their_own(tmp_path, crawl):
    """``cid`` (JPost's article id), ``ref``, ``source``: on courlan's tracker list, yet they select content on some
    sites, so the request fingerprint keeps them (README). canonicalUrl, DedupPipeline's key and the state's, took
    courlan's whole list: three articles /article.aspx?cid=N without a <link rel=canonical> were one canonical URL
    (``/article.aspx``), two dropped as duplicates; a second run skipped a new one as known."""
    from newsproj.testing.server import FixtureServer
    from tests.sites import PageSite, article_html

    links = [f"/article.aspx?cid=118{n}" for n in range(3)] + ["/story.php?source=2024-0917"]
    pages = {"/": ("text/html", homepage(links))}
    for n, link in enumerate(links):
        pages[link] = ("text/html", article_html(link, f"Harbour story number {n} of the week", n=n + 40))
    site = PageSite(pages)
    server = FixtureServer(site).start()
    state = tmp_path / "state"
    try:
        result = crawl("-a", f"start_urls={server.base}/", "-s", f"STATE_DIR={state}",
                       "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}")
        assert result.returncode == 0, result.log[-3000:]
        assert sorted(key(r["url"]) for r in result.records) == sorted(links)
        assert sorted(key(r["canonicalUrl"]) for r in result.records) == sorted(links), (result.stats, site.served)
        new = "/article.aspx?cid=1199"
        site.pages[new] = ("text/html", article_html(new, "A new harbour story", n=60))
        site.pages["/"] = ("text/html", homepage([*links, new]))
        again = crawl("-a", f"start_urls={server.base}/", "-s", f"STATE_DIR={state}", "-s", "SPIDERMON_ENABLED=0")
        assert again.returncode == 0, again.log[-3000:]
        assert [key(r["url"]) for r in again.records] == [new]
    finally:
        server.stop()


def test_content_ids_whose_names_start_like_a_tracker_word_are_told_apart(crawl_site):
    """courlan's tracker expression is a search, and its words match at any word start: ``ga`` (Google Analytics'
    ``_ga``) matched ``game_id`` and ``gallery_id``, ``gl`` matched ``global_id``, ``source``/``ref`` matched
    ``source_id``/``ref_id``. Ids of that shape (a sports site's ``?game_id=N``, a photo desk's ``?gallery_id=N``)
    were taken for trackers: every article of the shape had one request fingerprint, dedup key and canonicalUrl,
    so one of each shape was fetched and the others were never requested. A real tracker is still one: the
    ``?utm_source=`` variant of the first is no request of its own."""
    from tests.sites import PageSite, article_html

    shapes = ["/match.php?game_id=", "/photos.php?gallery_id=", "/view.php?global_id=", "/data.php?source_id=",
              "/item.php?ref_id="]
    links = [f"{shape}{700 + n}" for shape in shapes for n in range(2)]
    pages = {"/": ("text/html", homepage([*links, f"{links[0]}&utm_source=home"]))}
    for n, link in enumerate(links):
        pages[link] = ("text/html", article_html(link, f"Match report number {n} of the week", n=n + 70))
    site = PageSite(pages)
    result, records = crawl_site(site)
    assert sorted(key(r["url"]) for r in result.records) == sorted(links)
    assert sorted(key(r["canonicalUrl"]) for r in result.records) == sorted(links)
    assert sorted(k for k in site.served if k != "/") == sorted(links)
    assert result.stats["newsproj/discovery/tracking/variant"] == 1


def test_a_site_that_answers_404_to_a_tracked_link_gives_the_article_without_them(crawl_site):
    """A site whose router answers 404 (or 400) to a query parameter it does not know: its articles, linked only
    with ``utm_*`` (a newsletter's, a sitemap fed from one), were lost as ``http_404`` once links were requested as
    linked. A tracked link the site refuses that way is asked once more without its trackers (counted); a bare link
    that is really missing stays one 404."""
    site = tracked_site()
    lookup = site.lookup
    missing = f"{PREFIX}no-such-story.html"

    def strict(path: str, query: str, base: str):
        if query and any(k.startswith("utm_") or k == "fbclid" for k, _, _ in
                         (pair.partition("=") for pair in query.split("&"))):
            site.served.append(f"{path}?{query}")
            return 404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>"
        return lookup(path, query, base)

    site.lookup = strict  # type: ignore[method-assign]
    site.pages["/"] = (site.pages["/"][0], homepage([*HOMEPAGE_LINKS, f"{missing}?utm_source=home"]))
    result, records = crawl_site(site)
    expected = sorted({untracked(link) for link in HOMEPAGE_LINKS})
    assert sorted(records) == expected, result.stats
    assert result.stats["newsproj/discovery/tracking/untracked_after_http_404"] == 4  # (3 articles, the missing one)
    assert result.stats["newsproj/fetch/failed/http_404"] == 1  # (the story that is not there: once, bare)
    served = Counter(untracked(k) for k in site.served if k.startswith(PREFIX))
    assert max(served.values()) == 2  # (tracked, then bare: no page asked a third time)


def test_a_session_id_a_redirect_adds_is_no_part_of_the_canonical_url(tmp_path, crawl):
    """A servlet site that sends a visitor without its cookie to ``page;jsessionid=TOKEN`` (and a PHP one to
    ``?PHPSESSID=TOKEN``): session ids are stripped from links before a request, but one a redirect adds reached
    the record. canonicalUrl (without a canonical link: the URL) kept it, ``;`` escaped, a new one every run: the
    state never knew the article again (refetched every run; a changed text a record under another canonicalUrl,
    no upsert downstream) and the dataset carried session tokens. canonicalUrl leaves session ids out as a link
    does; a second run saves both requests."""
    from newsproj.testing.server import FixtureServer
    from tests.sites import PageSite, article_html

    links = ["/news/tram-budget.html", "/news/ferry.php?id=7"]
    pages = {"/": ("text/html", homepage(links))}
    for n, link in enumerate(links):
        pages[link] = ("text/html", article_html(link, f"Session story number {n} of the week", n=n + 90))
    site = PageSite(pages)
    lookup = site.lookup
    tokens = iter(range(10**6))

    def sessions(path: str, query: str, base: str):
        if path.startswith("/news/") and ";jsessionid=" not in path and "PHPSESSID=" not in query:
            token = f"{next(tokens):04d}A7F3C9E1B2D4F6A8"
            site.served.append(path)
            to = f"{path};jsessionid={token}" if path.endswith(".html") else f"{path}?{query}&PHPSESSID={token}"
            return 302, {"Location": base + to, "Content-Length": "0"}, b""
        if ";jsessionid=" in path:
            return lookup(path.partition(";")[0], query, base)
        if "PHPSESSID=" in query:
            return lookup(path, query.partition("&PHPSESSID=")[0], base)
        return lookup(path, query, base)

    site.lookup = sessions  # type: ignore[method-assign]
    server = FixtureServer(site).start()
    state = tmp_path / "state"
    try:
        args = ("-a", f"start_urls={server.base}/", "-s", f"STATE_DIR={state}",
                "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}")
        result = crawl(*args)
        assert result.returncode == 0, result.log[-3000:]
        assert sorted(key(r["canonicalUrl"]) for r in result.records) == sorted(links), (result.stats, site.served)
        site.served.clear()
        again = crawl(*args)
        assert again.returncode == 0, again.log[-3000:]
        assert again.records == [] and site.served == ["/"], site.served
    finally:
        server.stop()
