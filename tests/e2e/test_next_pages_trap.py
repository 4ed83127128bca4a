"""A multi-page article's next pages are followed (issue 11, probe): a hostile or broken site must not turn that
into an endless crawl (review16). A catch-all server answers every path below a story with the same story and a
pager whose links add a page number to the page's own path (a relative "2/" resolved the server's way): from
``/news/story/2/`` they lead to ``/news/story/2/3/``, then ``/news/story/2/3/4/``..., each a new URL of the same
story. The crawl follows one article's pages, at most ``MAX_ARTICLE_PAGES`` of them, and ends."""

from __future__ import annotations

from pathlib import Path

from newsproj.discovery.links import MAX_ARTICLE_PAGES
from newsproj.testing.server import FixtureServer, Site

STORY = ("<p>The council voted on Tuesday night to keep the Eastgate swimming baths open for at least another five "
         "years, after more than two thousand residents signed a petition against the closure.</p>"
         "<p>Officers had said the repairs would cost 1.4 million pounds; a new survey puts the figure at less than "
         "half of that, and the roof can be mended over the winter while the pool stays open.</p>"
         "<p>The swimming club, which has 300 members, said it would hold a gala in the spring to celebrate.</p>")


class EndlessPager(Site):
    """``/`` links the story; every path under ``/news/story/`` is the story again, with a relative pager."""

    def __init__(self) -> None:
        super().__init__(Path("."))
        self.served: list[str] = []

    def lookup(self, path: str, query: str, base: str):  # type: ignore[override]
        self.served.append(path)
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow:\n"
        if path == "/":
            body = "<html><body><h1>Courier</h1><p><a href='/news/story/'>Baths saved by petition</a></p></body></html>"
        elif path.startswith("/news/story/"):
            pager = " ".join(f"<a href='{path}{n}/'>{n}</a>" for n in range(2, 8))
            body = (f"<html><head><title>Baths saved by petition</title></head><body><h1>Baths saved by petition</h1>"
                    f"{STORY}<p class='pager'>Page {pager}</p></body></html>")
        else:
            return None
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()


def test_an_endless_chain_of_next_pages_is_bounded(crawl):
    site = EndlessPager()
    server = FixtureServer(site).start()
    try:
        result = crawl("-a", f"start_urls={server.base}/", "-s", "CLOSESPIDER_PAGECOUNT=300",
                       "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}")
    finally:
        server.stop()
    story = [p for p in site.served if p.startswith("/news/story/")]
    assert result.stats.get("finish_reason") == "finished", result.stats
    assert len(story) <= MAX_ARTICLE_PAGES, story[:40]
    assert len(result.records) >= 1


PAGE_ONE = ["The council voted on Tuesday night to keep the Eastgate swimming baths open for at least another five "
            "years, after more than two thousand residents signed a petition against the closure.",
            "Officers had said the repairs would cost 1.4 million pounds; a new survey puts the figure at less than "
            "half of that, and the roof can be mended over the winter while the pool stays open."]
PAGE_TWO = ["The swimming club, which has 300 members, said it would hold a gala in the spring to celebrate the "
            "decision and to raise money for a new starting block.",
            "Its chairman said the club had been close to folding last year, when the pool was shut for six weeks "
            "after a boiler failed."]


def _paged(lines: list[str]) -> str:
    """A page of a two-page story whose canonical link names its first page (as many paged sites do)."""
    return ("<html><head><title>Baths saved by petition</title><link rel='canonical' href='{{BASE}}/news/story.php?"
            "id=5'><meta property='article:published_time' content='2009-06-10T10:00:00+00:00'></head><body>"
            "<h1>Baths saved by petition</h1>" + "".join(f"<p>{p}</p>" for p in lines)
            + "<p>Pages: <a href='/news/story.php?id=5'>1</a> <a href='/news/story.php?id=5&page=2'>2</a></p>"
            "</body></html>")


def test_a_next_page_that_names_its_first_page_canonical_is_a_record_of_its_own(crawl, tmp_path):
    """(attack17) Page 2 of a story, followed from page 1 since session 16, names page 1 as its canonical URL. Its
    record took page 1's canonicalUrl: dropped as a duplicate in the first run, then, with STATE_DIR, emitted by
    the second run as a change of page 1 (page 2's text under page 1's URL: downstream upserts lose page 1), and
    page 1 again by the third. Each page is a record of its own, under its own URL, once."""
    from tests.sites import serve_pages

    html = "text/html; charset=utf-8"
    server, _ = serve_pages({
        "/": (html, "<html><body><h1>Courier</h1><p><a href='/news/story.php?id=5'>Baths saved by petition in "
                    "Eastgate</a></p></body></html>"),
        "/robots.txt": ("text/plain", "User-agent: *\nDisallow:\n"),
        "/news/story.php?id=5": (html, _paged(PAGE_ONE)),
        "/news/story.php?id=5&page=2": (html, _paged(PAGE_TWO)),
    })
    state = tmp_path / "state"
    try:
        runs = [crawl("-a", f"start_urls={server.base}/", "-s", f"STATE_DIR={state}",
                      "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}") for _ in range(3)]
    finally:
        server.stop()
    first = {r["url"].split("/")[-1]: r for r in runs[0].records}
    assert sorted(first) == ["story.php?id=5", "story.php?id=5&page=2"], runs[0].stats
    assert first["story.php?id=5&page=2"]["canonicalUrl"].endswith("story.php?id=5&page=2")
    assert "gala in the spring" in first["story.php?id=5&page=2"]["articleBody"]
    assert runs[1].records == runs[2].records == []  # (nothing changed: nothing emitted again)


class ZeroPager(Site):
    """(attack17) ``/news/story.php?id=5`` and every ``&page=`` of it are the story; its pager links the page number
    it was asked for with one more leading zero ("?page=02", "?page=002"...): a new URL each time, page 2 each."""

    def __init__(self) -> None:
        super().__init__(Path("."))
        self.served: list[str] = []

    def lookup(self, path: str, query: str, base: str):  # type: ignore[override]
        self.served.append(f"{path}?{query}")
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow:\n"
        if path == "/":
            body = ("<html><body><h1>Courier</h1><p><a href='/news/story.php?id=5'>Baths saved by petition</a></p>"
                    "</body></html>")
        elif path == "/news/story.php":
            number = dict(p.split("=", 1) for p in query.split("&") if "=" in p).get("page", "2")
            body = (f"<html><head><title>Baths saved by petition</title></head><body><h1>Baths saved by petition</h1>"
                    f"{STORY}<p class='pager'>Page <a href='?id=5&page=0{number}'>2</a></p></body></html>")
        else:
            return None
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()


def test_page_numbers_with_leading_zeros_are_no_chain(crawl):
    """A pager that writes one more leading zero each time made 100 fetches of one story (until the URL pattern
    budget stopped it), where an article's own pages are at most ``MAX_ARTICLE_PAGES``."""
    site = ZeroPager()
    server = FixtureServer(site).start()
    try:
        result = crawl("-a", f"start_urls={server.base}/", "-s", "CLOSESPIDER_PAGECOUNT=300",
                       "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}")
    finally:
        server.stop()
    story = [p for p in site.served if p.startswith("/news/story")]
    assert result.stats.get("finish_reason") == "finished", result.stats
    assert len(story) <= MAX_ARTICLE_PAGES, story[:40]
    assert len(result.records) == 1


class EventCalendar(Site):
    """An endless events calendar (attack20): ``/calendar?month=M&year=Y`` links the months before and after and its
    28 days ``/calendar?day=D&month=M&year=Y``; a day without events is a 404, and one day (6 May 2024) holds a
    write-up long enough to be an article."""

    def __init__(self) -> None:
        super().__init__(Path("."))
        self.served: list[str] = []

    def lookup(self, path: str, query: str, base: str):  # type: ignore[override]
        from urllib.parse import parse_qsl

        self.served.append(f"{path}?{query}")
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow:\n"
        if path == "/":
            body = "<html><body><h1>Courier</h1><p><a href='/calendar?month=5&year=2024'>Events</a></p></body></html>"
        elif path == "/calendar":
            q = {k: int(v) for k, v in parse_qsl(query) if v.isdigit()}
            year, month, day = q.get("year", 0), q.get("month", 0), q.get("day")
            if day is not None and (year, month, day) != (2024, 5, 6):
                return 404, {"Content-Type": "text/html"}, b"<html><body>No events</body></html>"
            if day is not None:
                body = (f"<html><head><title>Summer concert</title></head><body><h1>Summer concert</h1>{STORY}{STORY}"
                        "</body></html>")
            else:
                before, after = (month - 1 or 12, year - (month == 1)), (month % 12 + 1, year + (month == 12))
                days = "".join(f"<li><a href='/calendar?day={d}&month={month}&year={year}'>{d}</a></li>"
                               for d in range(1, 29))
                body = (f"<html><body><h1>Events {year}-{month:02d}</h1><p><a href='/'>Courier</a> "
                        f"<a href='/calendar?month={before[0]}&year={before[1]}'>Previous month</a> "
                        f"<a href='/calendar?month={after[0]}&year={after[1]}'>Next month</a></p><ul>{days}</ul>"
                        "</body></html>")
        else:
            return None
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()


def test_a_calendar_with_one_article_day_still_stops_at_the_barren_rule(crawl):
    """attack20: once one calendar day gave a record, every day link was an article link to the barren rule (c30532f:
    a URL shape that gave an article), also when the pattern budget had stopped admitting day links: no month page
    was ever barren, and the calendar was walked to the pattern budget (here 30 months, 60 requests) instead of
    stopping after NEWSPROJ_MAX_BARREN_LISTINGS months. A link the crawl will not follow leads to no new article."""
    site = EventCalendar()
    server = FixtureServer(site).start()
    try:
        result = crawl("-a", f"start_urls={server.base}/", "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}",
                       "-s", "NEWSPROJ_MAX_PAGES_PER_PATTERN=30", "-s", "NEWSPROJ_MAX_BARREN_LISTINGS=3")
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    assert [r["headline"] for r in result.records] == ["Summer concert"]
    months = [p for p in site.served if p.startswith("/calendar?month=")]
    # (the days of two months use up their budget of 30; then 3 barren months, and a few already requested)
    assert len(months) <= 2 + 3 + 4, months
    assert result.stats.get("newsproj/discovery/trap/barren_pattern")
