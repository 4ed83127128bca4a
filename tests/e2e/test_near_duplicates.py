"""metadata.nearDuplicateOf through a real crawl (README, docs/record.md: the ``canonicalUrl`` of an earlier record
of this run, or of a recent run with ``STATE_DIR``, that this one nearly repeats)."""

from __future__ import annotations

from tests.conftest import run_crawl
from tests.sites import article_html, news_site, serve_pages

COPY = "/news/2024/09/story-number-1-about-the-town-updated.html"


def test_a_near_copy_among_a_first_crawls_held_records_is_marked(tmp_path):
    """On a first crawl the template pipeline holds a site's records until it has seen 6 pages (or the crawl is
    idle); the dedup pipeline indexed a record's signature only once the feed had written it, so two near-copies
    among those first records were both exported unmarked (docs24: a site of two near-copies, nearDuplicateOf
    null on both; marked with NEWSPROJ_TEMPLATE_HOLD_PAGES=0). The later one now names the earlier one."""
    pages = news_site(4)
    original = "/news/2024/09/story-number-1-about-the-town.html"
    pages[COPY] = ("text/html; charset=utf-8", article_html(
        COPY, "Story number 1 about the town, updated", n=1,
        body_extra="<p>This report was updated on Wednesday with a statement from the council's press office.</p>"))
    pages["/"] = (pages["/"][0], pages["/"][1].replace("</ul>", f'<li><a href="{COPY}">Updated</a></li></ul>'))
    server, _ = serve_pages(pages)
    try:
        result = run_crawl("-a", f"start_urls={server.base}/", out=tmp_path / "out.jsonl")
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    assert len(result.records) == 5
    marks = {r["url"].removeprefix(server.base): r["metadata"]["nearDuplicateOf"] for r in result.records}
    pair = {original, COPY}
    marked = [url for url in pair if marks[url] is not None]
    assert len(marked) == 1, marks  # one of the two, the later one, names the other
    assert marks[marked[0]] == server.base + (pair - set(marked)).pop()
    assert all(mark is None for url, mark in marks.items() if url not in pair)  # distinct articles: none
    assert result.stats["newsproj/dedup/near_duplicate"] == 1
    assert result.stats["newsproj/template/held"] >= 1  # (records were held, as on any first crawl)
