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
