"""STATE_DIR end to end: a later run emits only new or changed articles and does not refetch the others."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from newsproj.testing.server import serve
from tests.conftest import FIXTURES, run_crawl
from tests.sites import linked_site, serve_pages


@pytest.fixture
def site(tmp_path):
    """A private, editable copy of the demo site on its own server (hits counted per test)."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "demo", root)
    server = serve(root)
    yield root, server
    server.stop()


def article_hits(server, truth) -> set[str]:
    paths = {t["path"] for t in truth}
    return {urlsplit(target).path for target in server.hits} & paths


def sitemap_entries(root):
    text = (root / "sitemap-articles.xml").read_text(encoding="utf-8")
    return text, re.findall(r"  <url>\n    <loc>\{\{BASE\}\}(\S+)</loc>.*?</url>\n", text, re.S)


def test_unchanged_second_run_emits_nothing_and_fetches_no_article(site, tmp_path, demo_truth):
    root, server = site
    state = f"STATE_DIR={tmp_path / 'state'}"
    first = run_crawl("-a", f"start_urls={server.base}/", "-s", state, out=tmp_path / "first.jsonl")
    assert first.returncode == 0, first.log[-3000:]
    assert len(first.records) == len(demo_truth)
    assert article_hits(server, demo_truth) == {t["path"] for t in demo_truth}

    server.hits.clear()
    second = run_crawl("-a", f"start_urls={server.base}/", "-s", state, out=tmp_path / "second.jsonl")
    assert second.returncode == 0, second.log[-3000:]
    assert second.records == []
    assert article_hits(server, demo_truth) == set()  # listings only
    assert second.stats["newsproj/incremental/saved"] >= len(demo_truth)
    assert second.stats["downloader/request_count"] < first.stats["downloader/request_count"]


def test_new_articles_are_emitted_and_changed_article_is_emitted_again(site, tmp_path, demo_truth):
    root, server = site
    state = f"STATE_DIR={tmp_path / 'state'}"
    seed = f"start_urls={server.base}/sitemap-articles.xml"
    full, entries = sitemap_entries(root)
    assert len(entries) == 30
    held_back = entries[5:15]  # ten articles the site "publishes" between the runs
    partial = full
    for path in held_back:
        partial = re.sub(rf"  <url>\n    <loc>\{{\{{BASE\}}\}}{re.escape(path)}</loc>.*?</url>\n", "", partial,
                         flags=re.S)
    (root / "sitemap-articles.xml").write_text(partial, encoding="utf-8")

    first = run_crawl("-a", seed, "-s", state, out=tmp_path / "first.jsonl")
    assert first.returncode == 0, first.log[-3000:]
    assert len(first.records) == 20

    (root / "sitemap-articles.xml").write_text(full, encoding="utf-8")
    server.hits.clear()
    second = run_crawl("-a", seed, "-s", state, out=tmp_path / "second.jsonl")
    assert sorted(urlsplit(r["url"]).path for r in second.records) == sorted(held_back)
    assert article_hits(server, demo_truth) == set(held_back)  # the 20 known ones are not fetched again
    assert second.stats["newsproj/incremental/saved/lastmod_not_newer"] == 20

    # The site edits one article and says so in its sitemap.
    path = "/world/2024/09/10/pell-harbour-declares-climate-emergency-over-fresh-water.html"
    page = root / path.lstrip("/")
    truth = next(t for t in demo_truth if t["path"] == path)
    first_paragraph = truth["articleBody"].split("\n")[0]
    html = page.read_text(encoding="utf-8")
    assert first_paragraph[:60] in html
    page.write_text(html.replace(first_paragraph[:60], "Correction: " + first_paragraph[:60]), encoding="utf-8")
    # lastmod has one-second precision: make it later than the second the previous run emitted the article in
    now = (datetime.now(UTC) + timedelta(seconds=2)).isoformat(timespec="seconds")
    edited = re.sub(rf"({re.escape(path)}</loc>\s*<lastmod>)[^<]+", rf"\g<1>{now}", full)
    (root / "sitemap-articles.xml").write_text(edited, encoding="utf-8")
    server.hits.clear()
    third = run_crawl("-a", seed, "-s", state, out=tmp_path / "third.jsonl")
    assert [urlsplit(r["url"]).path for r in third.records] == [path]
    assert third.records[0]["canonicalUrl"] == f"{server.base}{path}"  # same id: downstream upserts
    assert third.records[0]["articleBody"].startswith("Correction: ")
    assert article_hits(server, demo_truth) == {path}
    assert third.stats["newsproj/dedup/changed"] == 1


def test_refetched_unchanged_article_is_dropped_as_unchanged(site, tmp_path):
    root, server = site
    state = f"STATE_DIR={tmp_path / 'state'}"
    seed = f"start_urls={server.base}/world/2024/09/09/alpine-rail-tunnel-reopens-after-landslide.html"
    first = run_crawl("-a", seed, "-s", state, out=tmp_path / "first.jsonl")
    assert len(first.records) == 1
    second = run_crawl("-a", seed, "-s", state, out=tmp_path / "second.jsonl")  # seeds are always fetched
    assert second.records == []
    assert second.stats["item_dropped_reasons_count/UnchangedArticle"] == 1


def test_empty_state_dir_turns_state_off(site, tmp_path):
    root, server = site
    seed = f"start_urls={server.base}/rss.xml"
    runs = [run_crawl("-a", seed, "-s", "STATE_DIR=", out=tmp_path / f"{i}.jsonl") for i in range(2)]
    assert len(runs[0].records) == len(runs[1].records) == 15


def test_a_second_run_asks_the_state_about_each_linked_article_once(tmp_path):
    """A homepage, its sections, their next pages and their "most read" lists link the same 40 articles 150 times;
    on the second run (every article stored) the incremental middleware saved each of those requests after a state
    lookup a link: 158 reads of the store where 48 (40 articles, 8 section pages) tell it all."""
    server, _ = serve_pages(linked_site(count=40, sections=4, popular=10))
    runs = []
    try:
        for n in range(2):
            runs.append(run_crawl("-a", f"start_urls={server.base}/", "-s", f"STATE_DIR={tmp_path / 'state'}",
                                  "-s", "NEWSPROJ_STATE_BACKEND=tests.sites.CountingStateStore",
                                  "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}", out=tmp_path / f"{n}.jsonl"))
    finally:
        server.stop()
    first, second = runs
    assert first.returncode == second.returncode == 0, second.log[-3000:]
    assert len(first.records) == 40 and second.records == []
    assert second.stats["newsproj/incremental/saved"] == 150
    assert second.stats["newsproj/incremental/saved_articles"] == 40
    # each distinct link once: a stored article is one read, a section page (no article) a read and an alias read
    assert second.stats["test/state/get"] == 48
    assert second.stats["test/state/canonical_for"] == 8
    # the first run (nothing stored yet): each link once too, and each record's own check by the dedup pipeline
    assert first.stats["test/state/get"] <= 48 + 40 and first.stats["test/state/canonical_for"] <= 48
