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


def _crawl(crawl_site, seed: str):
    site = StructureSite(SITE.pages)
    result, _ = crawl_site(site, seed)
    return result, site


def test_every_article_is_found_from_the_homepage_and_the_calendar_stays_bounded(crawl_site):
    result, site = _crawl(crawl_site, "/")
    found = _found(result.records)
    traps = {k: v for k, v in result.stats.items() if "/trap/" in k}
    assert not SITE.truth - found, (sorted(SITE.truth - found), traps)
    # (and no listing became a record: a day archive of one story under a menu of "|"-separated links was one)
    assert found == SITE.truth, sorted(found - SITE.truth)
    calendar = [p for p in site.served if p.startswith("/events/")]
    # (one month's 28 days, linked at once, then ~10 months: the barren-listings rule, not the pattern budget of 100;
    # how many more are fetched before the verdicts of the barren ones arrive depends on the load: 55 with two make
    # tests on the 2 cores, over the 48 allowed before; 68 still tells the rule from the budget, which would be 100+)
    assert 0 < len(calendar) <= 28 + 4 * 10, calendar
    assert result.stats["finish_reason"] == "finished"


def test_every_article_is_found_from_robots_txt(crawl_site):
    result, site = _crawl(crawl_site, "/robots.txt")
    assert _found(result.records) == SITE.truth
    assert not [p for p in site.served if p.startswith("/events/")]


def _paginated_section(pages: int, per_page: int = 3, shape: str = "/2024/05/story-{n}/"
                       ) -> dict[str, tuple[str, str]]:
    """A homepage and its section's "Older posts" pages 2..``pages``, ``per_page`` stories each (attack19)."""
    from tests.site_structures import _PEOPLE, _PLACES, _SUBJECTS, _page, _prose

    site: dict[str, tuple[str, str]] = {}
    for p in range(1, pages + 1):
        teasers = ""
        for k in range(per_page):
            n = (p - 1) * per_page + k
            place, subject = _PLACES[n % len(_PLACES)], _SUBJECTS[(n * 7) % len(_SUBJECTS)]
            paras = _prose(n, place, subject, _PEOPLE[n % len(_PEOPLE)])
            headline = f"{place}: {subject[0].upper()}{subject[1:]} update ({n})"
            path = shape.format(n=n, id=1001 + n)
            site[path] = ("text/html", _page(headline, f"<main><article><h1>{headline}</h1>"
                                             + "".join(f"<p>{t}</p>" for t in paras) + "</article></main>"))
            teasers += f"<div class='teaser'><h2><a href='{path}'>{headline}</a></h2><p>{paras[0][:90]}…</p></div>"
        older = f"<a href='/news/page/{p + 1}/'>Older posts</a>" if p < pages else ""
        site["/" if p == 1 else f"/news/page/{p}/"] = ("text/html", _page("Latest news", f"<main><h1>Latest news</h1>"
                                                                          f"{teasers}{older}</main>"))
    return site


def test_a_second_run_over_an_unchanged_site_stops_walking_its_pagination(crawl, tmp_path):
    """attack19: a scheduled run over an unchanged site (STATE_DIR kept) walked a section's every page again - each
    page's stories were new to that run, so no page counted barren. Stories an earlier run exported are no new ones
    now: the second run stops after NEWSPROJ_MAX_BARREN_LISTINGS pages (here 2) instead of walking all 15."""
    from tests.sites import PageSite

    site = PageSite(_paginated_section(15))
    server = FixtureServer(site).start()
    args = ("-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}", "-s", f"STATE_DIR={tmp_path / 'state'}",
            "-s", "NEWSPROJ_MAX_BARREN_LISTINGS=2")
    try:
        first = crawl("-a", f"start_urls={server.base}/", *args)
        listings_first = [p for p in site.served if p.startswith("/news/page/")]
        served = len(site.served)
        second = crawl("-a", f"start_urls={server.base}/", *args)
        listings_second = [p for p in site.served[served:] if p.startswith("/news/page/")]
    finally:
        server.stop()
    assert first.returncode == 0 and len(first.records) == 45, first.log[-3000:]
    assert len(listings_first) == 14
    assert not second.records and second.stats.get("newsproj/incremental/saved", 0) >= 6
    assert len(listings_second) <= 3, listings_second
    assert second.stats.get("newsproj/discovery/trap/barren_pattern")


def test_a_section_of_stories_under_short_numeric_ids_is_walked_to_its_end(crawl_site):
    """attack19: /?p=1234 (WordPress's default permalinks) is a listing-shaped link; a section of such stories
    counted barren and its pagination stopped after NEWSPROJ_MAX_BARREN_LISTINGS pages (here 3: 12 of 36 stories
    on main). Once one gave a record, links of its shape are article links to the barren rule."""
    from tests.sites import PageSite

    result, _ = crawl_site(PageSite(_paginated_section(12, shape="/?p={id}")), "/",
                           "-s", "NEWSPROJ_MAX_BARREN_LISTINGS=3")
    assert len(result.records) == 36, {k: v for k, v in result.stats.items() if "/trap/" in k}


def _sections_with_subsections(sections: int, new: bool) -> dict[str, tuple[str, str]]:
    """A homepage linking ``sections`` sections ``/category/K``, 2 stories each, each linking its subsection
    ``/category/10K`` (one story; numeric section ids: both of one URL shape); ``new``: one more story in each
    subsection, linked from its subsection page only (attack20)."""
    from tests.site_structures import _PEOPLE, _PLACES, _SUBJECTS, _page, _prose

    site: dict[str, tuple[str, str]] = {}

    def teasers(numbers: list[int]) -> str:
        out = ""
        for n in numbers:
            place, subject = _PLACES[n % len(_PLACES)], _SUBJECTS[(n * 7) % len(_SUBJECTS)]
            paras = _prose(n, place, subject, _PEOPLE[n % len(_PEOPLE)])
            headline = f"{place}: {subject[0].upper()}{subject[1:]} update ({n})"
            path = f"/2024/05/story-{n}/"
            site[path] = ("text/html", _page(headline, f"<main><article><h1>{headline}</h1>"
                                             + "".join(f"<p>{t}</p>" for t in paras) + "</article></main>"))
            out += f"<div class='teaser'><h2><a href='{path}'>{headline}</a></h2><p>{paras[0][:90]}…</p></div>"
        return out

    menu = ""
    for k in range(1, sections + 1):
        sub = f"/category/{100 + k}"
        site[sub] = ("text/html", _page(f"Section {k}: local", f"<main><h1>Section {k}: local</h1>"
                                        + teasers([50 + k, *([90 + k] if new else [])]) + "</main>"))
        site[f"/category/{k}"] = ("text/html", _page(f"Section {k}", f"<main><h1>Section {k}</h1><p><a href='{sub}'>"
                                                     f"Local news</a></p>{teasers([10 * k, 10 * k + 1])}</main>"))
        menu += f"<li><a href='/category/{k}'>Section {k}</a></li>"
    site["/"] = ("text/html", _page("Home", f"<main><h1>Home</h1><ul>{menu}</ul></main>"))
    return site


def test_a_second_run_reads_the_first_page_of_every_section_whose_stories_it_knows(crawl, tmp_path):
    """attack20: on a scheduled run (STATE_DIR kept) the barren-listings rule counted a section's FIRST page as
    barren when an earlier run had exported its stories, so sections of one URL shape (``/category/12``: numeric
    ids) stopped being followed after NEWSPROJ_MAX_BARREN_LISTINGS of them (here 1), and the new stories of the
    subsections they alone link were never fetched: 0 of 4 on main. Known stories end a listing's pagination (its
    next pages), not a section a run has not read yet."""
    from tests.sites import PageSite

    site = PageSite(_sections_with_subsections(4, new=False))
    server = FixtureServer(site).start()
    args = ("-a", f"start_urls={server.base}/", "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}",
            "-s", f"STATE_DIR={tmp_path / 'state'}", "-s", "NEWSPROJ_MAX_BARREN_LISTINGS=1")
    try:
        first = crawl(*args)
        site.pages.update(_sections_with_subsections(4, new=True))
        second = crawl(*args)
    finally:
        server.stop()
    assert first.returncode == 0 and len(first.records) == 12, first.log[-3000:]
    assert sorted(_found(second.records)) == [f"/2024/05/story-{90 + k}/" for k in range(1, 5)], \
        {k: v for k, v in second.stats.items() if "/trap/" in k}
    assert second.stats.get("newsproj/incremental/saved", 0) >= 8  # (the known stories: not fetched again)


def test_stories_under_short_numeric_ids_are_articles_to_the_budget_and_to_the_next_run(crawl, tmp_path):
    """attack20: links of a shape that gave records (``/?p=1234``) counted as article links for the barren rule
    (attack19), but were still followed as listing links: charged to the per-pattern budget (a 40-page section gave
    100 of 120 stories; here a budget of 20: 20 of 36) and never saved by the incremental middleware, which saves
    article requests only (a second run fetched all of them again, each dropped as unchanged: 36 requests here).
    They are followed as articles now."""
    from tests.sites import PageSite

    site = PageSite(_paginated_section(12, shape="/?p={id}"))
    server = FixtureServer(site).start()
    args = ("-a", f"start_urls={server.base}/", "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}",
            "-s", f"STATE_DIR={tmp_path / 'state'}", "-s", "NEWSPROJ_MAX_PAGES_PER_PATTERN=20")
    try:
        first = crawl(*args)
        served = len(site.served)
        second = crawl(*args)
    finally:
        server.stop()
    assert first.returncode == 0 and len(first.records) == 36, {k: v for k, v in first.stats.items() if "/trap/" in k}
    refetched = [p for p in site.served[served:] if p.startswith("/?p=")]
    assert not second.records and not refetched, refetched
    assert second.stats.get("newsproj/incremental/saved", 0) >= 6


def test_a_live_blog_is_one_record_from_the_homepage(crawl_site):
    """attack20: a live blog whose updates each link their own permalink (time and "Share") was judged a listing
    of posts since attack19 and gave no record; from the homepage it is one record of its updates now."""
    from tests.sites import PageSite
    from tests.test_extraction_verdict import LIVE_UPDATES, live_blog

    home = ("<html><body><h1>Selby Courier</h1><p><a href='/news/live/selby-market-hall-fire'>Selby market hall "
            "fire: latest updates</a></p></body></html>")
    site = PageSite({"/": ("text/html", home), "/news/live/selby-market-hall-fire": ("text/html", live_blog())})
    result, records = crawl_site(site, "/")
    (record,) = result.records
    assert record["headline"] == "Selby market hall fire: latest updates"
    assert all(text in record["articleBody"] for _, text in LIVE_UPDATES)  # (the last one too: below)


FERRY_UPDATES = [  # newest first, as live blogs run
    ("09:55", "The ferry operator says the first crossing of the day left Ardrossan on time, and that the backlog "
              "of lorries from yesterday has now cleared."),
    ("09:20", "Harbour staff spent the night moving the stranded caravans onto the upper deck so that the morning "
              "sailing could take foot passengers as well."),
    ("08:45", "A spokesman for the island council said the school bus would wait at the pier until the ferry docked, "
              "so that no pupil would miss the morning lessons."),
    ("08:10", "Forecasters expect the wind to drop below forty miles an hour by mid morning, which is the limit the "
              "harbour master set for the larger vessel."),
    ("07:30", "Good morning and welcome to our live coverage of the ferry disruption on the Firth of Clyde, which "
              "stranded hundreds of travellers overnight."),
]


def ferry_live_blog() -> str:
    """A live blog of our own: updates newest first under one ``<h1>``, each a ``<div>`` with its own id, its time
    a paragraph linking its permalink (``#update-N``, the block's id) and a "Link to this update" line."""
    posts = "".join(
        f"<div class='update' id='update-{n}'><p class='stamp'><a href='/live/clyde-ferries#update-{n}'>{time}</a></p>"
        f"<p>{text}</p><p class='perma'><a href='/live/clyde-ferries?update={n}#update-{n}'>Link to this update</a>"
        "</p></div>" for n, (time, text) in enumerate(FERRY_UPDATES))
    title = "Clyde ferries cancelled: live updates"
    return (f"<html lang='en'><head><title>{title} - Clyde Gazette</title></head><body><nav><a href='/'>Home</a> "
            f"<a href='/news/'>News</a></nav><main><h1>{title}</h1><div class='live-feed'>{posts}</div></main>"
            "<footer>Clyde Gazette</footer></body></html>")


def test_a_live_blog_keeps_its_last_update(crawl_site):
    """A live blog's last update in the page (the oldest, newest first) was cut from its body: trafilatura's
    precision run deletes a ``<div>`` under 200 characters that holds a link and an element when it is short for
    its place (under 300 characters last among its siblings, 100 elsewhere), and each update links its own
    permalink. (A page that loses more than that, a short update too, is read by the balanced run: the loss of one
    update is what stayed.) A ``<div>`` whose links all point at itself is no link box: every update is kept, its
    time and permalink lines are not."""
    from tests.sites import PageSite

    home = "<html><body><h1>Clyde Gazette</h1><p><a href='/live/clyde-ferries'>Clyde ferries</a></p></body></html>"
    site = PageSite({"/": ("text/html", home), "/live/clyde-ferries": ("text/html", ferry_live_blog())})
    result, _records = crawl_site(site, "/")
    (record,) = result.records
    body = record["articleBody"]
    assert record["headline"] == "Clyde ferries cancelled: live updates"
    assert [time for time, text in FERRY_UPDATES if text not in body] == [], body
    assert "Link to this update" not in body and "09:55" not in body.splitlines()


def test_a_base_href_that_is_no_web_url_does_not_cost_the_pages_links(crawl_site):
    """attack20: a homepage whose ``<base href>`` is a broken URL ("http://[x/") raised ValueError in the spider
    (a traceback, spider_exceptions/ValueError) and a section whose base is ``javascript:`` gave no link: 0 of 3
    stories, exit 3, on main. Such a base is ignored, as browsers do."""
    from tests.sites import PageSite

    site = _paginated_section(2)
    home_type, home = site["/"]
    site["/"] = (home_type, home.replace("<head>", "<head><base href='http://[x/'>", 1))
    more_type, more = site["/news/page/2/"]
    site["/news/page/2/"] = (more_type, more.replace("<head>", "<head><base href='javascript:void(0)'>", 1))
    result, _ = crawl_site(PageSite(site), "/")
    assert len(result.records) == 6 and not result.stats.get("spider_exceptions/count"), result.log[-2000:]
