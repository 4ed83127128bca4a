"""End to end: one crawl of a site holding every hostile page of issue 13 (and issue 12's parse-level pages) beside
good articles. The crawl ends well within its bound, every good article is a record, every hostile page is counted
with its reason (tests/hostile_site.py). Through the extraction pool: a worker ended by the hard time limit is part
of what is tested."""

from __future__ import annotations

import time
from collections import Counter
from urllib.parse import urlsplit

import pytest

from newsproj.testing.server import serve
from tests.conftest import run_crawl
from tests.hostile_site import BAD, DISALLOWED_LINKS, ELEMENTS, GOOD, HARD_GRACE, TIME_LIMIT, HostileSite

BOUND = 120.0
"""Seconds the whole crawl may take (issue 13: "within 2 minutes"); it takes ~30 s on the 2-core dev host."""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    server = serve("", site=HostileSite())
    start = time.monotonic()
    try:
        result = run_crawl(
            "-a", f"start_urls={server.base}/robots.txt,{server.base}/",
            "-s", "NEWSPROJ_EXTRACT_WORKERS=1", "-s", f"NEWSPROJ_PAGE_TIME_LIMIT={TIME_LIMIT}",
            "-s", f"NEWSPROJ_PAGE_HARD_GRACE={HARD_GRACE}",
            "-s", f"NEWSPROJ_MAX_PAGE_ELEMENTS={ELEMENTS}",
            # a per-site budget below the number of robots-disallowed links on /links.html
            "-s", f"NEWSPROJ_MAX_PAGES_PER_SITE={DISALLOWED_LINKS // 4}",
            out=tmp_path_factory.mktemp("hostile") / "out.jsonl", timeout=BOUND + 30,
        )
    finally:
        server.stop()
    return server, result, time.monotonic() - start


def test_the_crawl_ends_within_its_bound(hostile):
    _, result, seconds = hostile
    assert result.returncode in (0, 3), result.log[-3000:]  # (3: a close-time check may judge the run)
    assert result.stats["finish_reason"] == "finished"
    assert seconds < BOUND


def test_every_good_article_is_written_once(hostile):
    _, result, _ = hostile
    headlines = {urlsplit(r["url"]).path: r["headline"] for r in result.records}
    assert headlines == GOOD
    assert len(result.records) == len(GOOD)


def test_every_hostile_page_is_counted_with_its_reason(hostile):
    server, result, _ = hostile
    stats = result.stats
    for path in BAD:
        assert server.hits[path] >= 1, path
    # (on a host loaded enough, the homepage or /links.html runs out of its time too: its links are then read alone,
    # and that page is one more timeout, or worker death, read for links; never one whose links are lost)
    read_alone = stats.get("newsproj/extract/links_after_timeout", 0)
    assert read_alone <= 2 and "newsproj/extract/links_after_timeout_failed" not in stats
    for stat, count in Counter(BAD.values()).items():
        extra = read_alone if stat.endswith(("/timeout", "/worker_died")) else 0
        assert count <= stats.get(stat, 0) <= count + extra, (stat, {k: v for k, v in stats.items() if "extract" in k})
    assert stats["newsproj/discovery/trap/sitemap_depth"] == 1
    # a step that failed softly is counted too, back from the pool worker (the deep JSON-LD script is not read)
    assert stats.get("newsproj/extract/soft_failure/jsonld_too_deep", 0) >= 1
    assert not [p for p in server.hits if p.startswith("/private/")]  # robots.txt obeyed
    assert not [p for p in server.hits if p.startswith("/chain/") and int(p[7:-4]) > 5]
