"""Close-time monitors: a run whose article count collapses against the site's recent runs exits non-zero,
with the reason in the log and in the run history; a healthy run exits 0."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections import Counter
from urllib.parse import urlsplit

import pytest

from newsproj.testing.server import Site, serve
from tests.conftest import FIXTURES, refusing_port, run_crawl

BLOCKED = "<html><head><title>Access denied</title></head><body><h1>Access denied</h1></body></html>"


def test_collapsed_run_exits_non_zero(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "demo", root)
    server = serve(root)
    try:
        state = f"STATE_DIR={tmp_path / 'state'}"
        healthy = run_crawl("-a", f"start_urls={server.base}/", "-s", state, out=tmp_path / "1.jsonl")
        assert healthy.returncode == 0, healthy.log[-3000:]
        assert healthy.stats.get("newsproj/monitor/failed") is None
        assert healthy.stats["spidermon_field_coverage/Article/headline"] == 1.0

        (root / "index.html").write_text(BLOCKED, encoding="utf-8")  # the site now blocks us
        collapsed = run_crawl("-a", f"start_urls={server.base}/", "-s", state, out=tmp_path / "2.jsonl")
    finally:
        server.stop()
    assert collapsed.returncode == 3
    assert collapsed.stats["newsproj/monitor/failed"] == 1
    assert "collapse: 0 articles found" in collapsed.log
    runs = manifests(tmp_path / "state")
    assert [m["status"] for m in runs] == ["ok", "failed"]
    assert any("collapse" in failure for failure in runs[1]["failures"])
    assert runs[0]["counts"]["articles_found"] == 30


ARTICLE_PATHS = {json.loads(line)["path"] for line in (FIXTURES / "demo" / "truth.jsonl").read_text().splitlines()
                 if line.strip()}


class SwitchableSite(Site):
    """The demo site, with switches a test flips between runs: answer 403 for some paths, rewrite article pages."""

    def __init__(self, root):
        super().__init__(root)
        self.forbidden: set[str] = set()
        self.forbid_all = False
        self.rewrite = None

    def lookup(self, path, query, base):
        if self.forbid_all or path in self.forbidden:
            return 403, {"Content-Type": "text/html"}, b"<html><body><h1>Forbidden</h1></body></html>"
        answer = super().lookup(path, query, base)
        if answer and self.rewrite and path in ARTICLE_PATHS:
            status, headers, body = answer
            return status, headers, self.rewrite(body)
        return answer


@pytest.fixture
def site(tmp_path):
    server = serve(FIXTURES / "demo", site=SwitchableSite(FIXTURES / "demo"))
    yield server
    server.stop()


def manifests(state):
    # in the order the runs wrote them: finished_at has whole seconds, and two short runs may end in the same one
    # (then glob's order, by run id's random suffix, made the test flaky)
    runs = sorted(state.glob("runs/*/*.json"), key=lambda p: p.stat().st_mtime_ns)
    return [json.loads(p.read_text()) for p in runs]


def test_first_run_against_a_site_refusing_connections_fails(tmp_path):
    with refusing_port() as port:  # nothing listens there
        result = run_crawl("-a", f"start_urls=http://127.0.0.1:{port}/", out=tmp_path / "out.jsonl")
    assert result.returncode == 3, result.log[-3000:]
    assert "nothing found" in result.log and "connection_refused" in result.log
    # the robots.txt that could not be fetched: Scrapy's line stays, its 60-line traceback of a network fault goes
    assert "[scrapy.downloadermiddlewares.robotstxt] ERROR: Error downloading" in result.log
    assert "raise DownloadConnectionRefusedError" not in result.log and "robotstxt.py" not in result.log


@pytest.mark.parametrize("forbid_all", [False, True])
def test_first_run_whose_seeds_answer_404_or_403_fails(tmp_path, site, forbid_all):
    site.site.forbid_all = forbid_all
    seeds = f"{site.base}/no-such-section/,{site.base}/nor-this-one/"
    result = run_crawl("-a", f"start_urls={seeds}", out=tmp_path / "out.jsonl")
    assert result.returncode == 3, result.log[-3000:]
    assert "nothing found" in result.log
    assert ("http_403 ×2" if forbid_all else "http_404 ×2") in result.log
    (manifest,) = manifests(tmp_path / "out.state")
    assert manifest["status"] == "failed" and manifest["affected_pages"]
    index = json.loads((tmp_path / "out.state" / "runs" / manifest["site"] / manifest["affected_pages"]
                        / "index.json").read_text())
    assert {entry["url"] for entry in index} == {f"{site.base}/no-such-section/", f"{site.base}/nor-this-one/"}


def test_healthy_first_run_passes_and_null_is_not_coverage(tmp_path, site):
    result = run_crawl("-a", f"start_urls={site.base}/", out=tmp_path / "out.jsonl")
    assert result.returncode == 0, result.log[-3000:]
    nulls = sum(1 for r in result.records if r["dateModified"] is None)
    assert 0 < nulls < len(result.records)
    assert result.stats["spidermon_field_coverage/Article/dateModified"] == pytest.approx(
        1 - nulls / len(result.records))
    (manifest,) = manifests(tmp_path / "out.state")
    assert manifest["health"]["coverage"]["headline"] == {"share": 1.0, "n": len(result.records)}
    assert manifest["health"]["body_median"] > 500


def test_second_run_whose_new_articles_are_blocked_fails(tmp_path, site):
    state = tmp_path / "state"
    first = run_crawl("-a", f"start_urls={site.base}/", "-s", f"STATE_DIR={state}", out=tmp_path / "1.jsonl")
    assert first.returncode == 0, first.log[-3000:]
    # ten articles the state does not know yet (new since the last run), and the site now answers 403 to them
    new = sorted(first.records, key=lambda r: r["url"])[:10]
    with sqlite3.connect(state / "state.sqlite3") as db:
        db.executemany("DELETE FROM articles WHERE url = ?", [(r["canonicalUrl"],) for r in new])
    site.site.forbidden = {urlsplit(r["url"]).path for r in new}
    second = run_crawl("-a", f"start_urls={site.base}/", "-s", f"STATE_DIR={state}", out=tmp_path / "2.jsonl")
    assert second.returncode == 3, second.log[-3000:]
    assert re.search(r"blocked: 10 of 1[01] article pages answered 403 ×10", second.log)
    assert second.stats["newsproj/incremental/saved_articles"] >= 20  # the known ones were not refetched
    assert [m["status"] for m in manifests(state)] == ["ok", "failed"]


def test_drift_from_the_sites_history_fails_and_saves_the_pages(tmp_path, site):
    state = tmp_path / "state"
    first = run_crawl("-a", f"start_urls={site.base}/", "-s", f"STATE_DIR={state}", out=tmp_path / "1.jsonl")
    assert first.returncode == 0, first.log[-3000:]
    (state / "state.sqlite3").unlink()  # every article is new again, the run history stays

    def keep_two_paragraphs(body: bytes) -> bytes:  # the template now shows a teaser only
        paragraphs = iter(range(10_000))
        return re.sub(rb"<p\b[^>]*>.*?</p>", lambda m: m.group(0) if next(paragraphs) < 2 else b"", body, flags=re.S)

    site.site.rewrite = keep_two_paragraphs
    second = run_crawl("-a", f"start_urls={site.base}/", "-s", f"STATE_DIR={state}", out=tmp_path / "2.jsonl")
    assert second.returncode == 3, second.log[-3000:]
    failed = manifests(state)[-1]
    assert failed["status"] == "failed"
    assert any("median body" in f and "(usually" in f for f in failed["failures"]), failed["failures"]
    pages = state / "runs" / failed["site"] / failed["affected_pages"]
    index = json.loads((pages / "index.json").read_text())
    symptoms = Counter(e["symptom"] for e in index)
    assert "short_body" in symptoms and max(symptoms.values()) <= 5  # NEWSPROJ_MONITOR_SAVE_PAGES per symptom
    for entry in index:
        assert entry["url"].startswith(site.base) and b"</html>" in (pages / entry["file"]).read_bytes()


def test_a_large_sitemap_of_mostly_refused_urls_passes(tmp_path):
    """1,000 sitemap URLs, all but a few off the seed's host:port (refused by scope): a policy refusal is not a
    download error, so the run is judged by what it fetched (the 50,000-URL figures: test_monitors.py)."""
    truth = [json.loads(line) for line in (FIXTURES / "demo" / "truth.jsonl").read_text().splitlines() if line]
    off = [f"http://127.0.0.2:9/story/{n}.html" for n in range(1_000 - 5)]
    locs = off + [f"{{{{BASE}}}}{t['path']}" for t in truth[:5]]
    xml = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           + "".join(f"<url><loc>{u}</loc></url>" for u in locs) + "</urlset>")
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "demo", root)
    (root / "big-sitemap.xml").write_text(xml)
    server = serve(root)
    try:
        result = run_crawl("-a", f"start_urls={server.base}/big-sitemap.xml", out=tmp_path / "out.jsonl")
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    assert len(result.records) == 5
    assert result.stats["newsproj/fetch/failed/offsite"] == 1_000 - 5
