"""End to end: a homepage whose extraction runs out of its time (a slow machine, a huge homepage) still leads to its
articles. Its links are read by a links-only job (parse → ``page_links``) where extraction runs, under the same
limit; the page itself stays a counted drop (``newsproj/extract/error/timeout``). Before, the timed-out homepage
gave no links and every article it alone linked was lost, in a run that ended "ok".

The homepage's slowness is its shape, not the machine's load: :data:`PARAGRAPHS` paragraphs of prose take ~3 s of
CPU to extract (``scrapy extract`` of the homepage with no time limit; the limit is CPU time, so the machine's load
does not shorten it: 30,000 paragraphs took ~2.4 s, and against a limit of 2 s the homepage was extracted whole
on an idle host, a flaky test), its links ~0.06 s to read (a margin of ~15 under the same limit)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from newsproj.testing.server import Site, serve
from tests.conftest import run_crawl
from tests.hostile_site import article

PARAGRAPHS = 40_000
TIME_LIMIT = 1
ELEMENTS = 50_000
"""Over the homepage's elements (the default cap, 30,000, would not extract it at all: no timeout to test)."""
ARTICLES = {f"/news/2024/05/01/story-{n}.html": f"Story number {n} of the slow homepage" for n in range(4)}


class SlowHomepage(Site):
    def __init__(self) -> None:
        links = "".join(f'<li><a href="{path}">{title}</a></li>' for path, title in ARTICLES.items())
        prose = "".join(f"<p>Paragraph {i} of a homepage that takes seconds to extract.</p>" for i in range(PARAGRAPHS))
        self.home = (f"<!DOCTYPE html><html><head><title>Home</title></head><body><h1>Home</h1><ul>{links}</ul>"
                     f"{prose}</body></html>").encode()

    def lookup(self, path: str, query: str, base: str) -> tuple[int, dict[str, str], bytes] | None:
        html = {"/": self.home}.get(path)
        if html is None and path in ARTICLES:
            html = article(ARTICLES[path], seed=list(ARTICLES).index(path) + 1)
        return None if html is None else (200, {"Content-Type": "text/html; charset=utf-8"}, html)


@pytest.mark.parametrize("workers", [1, 0], ids=["pool", "in_process"])
def test_a_homepage_over_its_time_limit_still_leads_to_its_articles(workers, tmp_path):
    server = serve("", site=SlowHomepage())
    try:
        result = run_crawl(
            "-a", f"start_urls={server.base}/", "-s", f"NEWSPROJ_EXTRACT_WORKERS={workers}",
            "-s", f"NEWSPROJ_PAGE_TIME_LIMIT={TIME_LIMIT}", "-s", "NEWSPROJ_PAGE_HARD_GRACE=1",
            "-s", f"NEWSPROJ_MAX_PAGE_ELEMENTS={ELEMENTS}", "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}",
            out=tmp_path / "out.jsonl",
        )
    finally:
        server.stop()
    stats = result.stats
    assert result.returncode == 0, result.log[-3000:]
    assert {urlsplit(r["url"]).path: r["headline"] for r in result.records} == ARTICLES, result.log[-3000:]
    assert stats.get("newsproj/extract/error/timeout") == 1, result.log[-3000:]  # the homepage: still a drop
    assert stats.get("newsproj/page/dropped/timeout") == 1
    assert stats.get("newsproj/extract/links_after_timeout") == 1
    assert "newsproj/extract/links_after_timeout_failed" not in stats
    assert result.log.count("read alone after its extraction failed") == 1  # one line for the page
    summary = next(line for line in result.log.splitlines() if "newsproj summary:" in line)
    assert "pages: timeout=1; links read alone after a failed extraction: 1 pages" in summary, summary
    assert server.hits["/"] == 1
