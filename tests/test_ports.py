"""The tests' and benchmarks' servers never bind a port they looked up free or let go earlier: another process (an
xdist worker's server, another bench) may hold it by then, and the run used that process's server, or died on
EADDRINUSE."""

from __future__ import annotations

import errno
import gzip
import json
import socket
import urllib.request
from pathlib import Path

import pytest

from bench import quality
from newsproj.testing.redis_server import start_redis
from newsproj.testing.server import FixtureServer
from tests.sites import PageSite, article_html, homepage

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "fixtures" / "demo" / "business" / "articles" / "coffee-prices-hit-13-year-high" / "index.html"


def test_the_two_runs_of_one_site_are_crawled_through_one_server_that_stays_bound(tmp_path):
    """bench.quality crawls a corpus twice at one host:port (the second run meets the first's template history).
    It looked a port up free, and each run bound it again after the last had let it go: a port another process
    took in between failed the run (EADDRINUSE) or, bound by another server, crawled that server's site. Now the
    caller's server is crawled and left running between the runs."""
    corpus = tmp_path / "corpus"
    (corpus / "html").mkdir(parents=True)
    page = ARTICLE.read_text(encoding="utf-8").replace("{{BASE}}", "https://news.example")
    (corpus / "html" / "a.html.gz").write_bytes(gzip.compress(page.encode()))
    truth = {"id": "a", "file": "html/a.html.gz", "url": "https://news.example/business/a.html", "body": "x"}
    (corpus / "truth.jsonl").write_text(json.dumps(truth) + "\n", encoding="utf-8")
    server = FixtureServer(quality.LinkedCorpusSite(corpus)).start()
    try:
        for run in ("first", "second"):
            out = tmp_path / f"{run}.jsonl"
            quality.crawl(corpus, out, "sitemap", True, tmp_path / "state" / run, server)
            records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
            assert [r["url"] for r in records] == [f"{server.base}/business/a.html"], run
            with urllib.request.urlopen(f"{server.base}/robots.txt", timeout=10) as answer:  # still ours, bound
                assert answer.status == 200
    finally:
        server.stop()


def test_the_distributed_benchmarks_redis_is_started_as_the_tests_redis_is():
    """bench.distributed started redis-server on a port looked up free, slept 0.5 s and used whatever answered
    there: another process's Redis (its keys), or nothing. It now starts it with the tests' own helper (the server
    that answers is the process started, else another port), which test_redis_fixture checks with a port another
    server took first."""
    import bench.distributed as distributed

    assert distributed.start_redis is start_redis



def test_the_runs_of_a_site_at_one_host_and_port_keep_their_server_bound_between_them(crawl_site):
    """tests/test_pipelines_dedup.py's old-form tests crawl a site again at the host:port an earlier run's state
    names: crawl_site stopped the server after each run and a new one bound the same port for the next, which
    another xdist worker's server could hold by then. crawl_site now serves each run's site from the caller's
    server, left bound: nobody else can take the port between the runs."""
    link = "/news/harbour-1"
    pages = {"/robots.txt": ("text/plain", "User-agent: *\nAllow: /\n"),
             "/": ("text/html; charset=utf-8", homepage([link])),
             link: ("text/html; charset=utf-8", article_html(link, "Harbour council story", n=3))}
    server = FixtureServer(PageSite({})).start()
    try:
        for _ in range(2):
            site = PageSite(pages)
            _, records = crawl_site(site, "/", "-s", "STATE_DIR=", server=server)
            assert sorted(records) == [link] and "/" in site.served  # (this run's site, served)
            assert all(r["url"].startswith(server.base) for r in records.values())
            with socket.socket() as squatter, pytest.raises(OSError) as taken:
                squatter.bind(("127.0.0.1", server.server_address[1]))
            assert taken.value.errno == errno.EADDRINUSE
    finally:
        server.stop()
