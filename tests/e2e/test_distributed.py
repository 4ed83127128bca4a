"""End to end, distributed mode: several `scrapy crawl news -s REDIS_URL=...` processes on one real redis-server
share one crawl of the demo site (served with a delay, so the work overlaps in time)."""

from __future__ import annotations

import json
import pickle
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from scrapy.utils.test import get_crawler

from newsproj.distributed.keys import CrawlKeys, crawl_id
from newsproj.spiders.news import NewsSpider
from newsproj.testing.server import FixtureServer, Site, serve
from tests.conftest import CRAWL_TIMEOUT, FIXTURES, read_jsonl, run_crawl, start_scrapy
from tests.sites import linked_site, serve_pages

# The project's kill-safe feed storage (newsproj/feeds.py) writes every record through at once: what a SIGKILLed
# worker exported is in its file (Scrapy's own storage buffers, and would lose its last records).


@dataclass
class Worker:
    proc: Any  # subprocess.Popen or tests.warm.WarmProcess
    outputs: str  # glob of its output files
    dir: Path
    name: str

    def finish(self, timeout: float = CRAWL_TIMEOUT) -> Worker:
        self.proc.wait(timeout=timeout)
        return self

    @property
    def records(self) -> list[dict]:
        return [r for f in sorted(self.dir.glob(self.outputs)) for r in read_jsonl(f)]

    @property
    def stats(self) -> dict:
        path = self.dir / f"{self.name}.stats.json"
        return json.loads(path.read_text()) if path.exists() else {}

    @property
    def log(self) -> str:
        return (self.dir / f"{self.name}.log").read_text(encoding="utf-8")


def start_worker(base: str, redis_url: str, tmp: Path, name: str, *settings: str) -> Worker:
    """``scrapy crawl news -a start_urls=BASE/ -O OUT -s REDIS_URL=...``, as an operator would start it."""
    out = f"{name}.jsonl"
    cmd = ["crawl", "news", "-a", f"start_urls={base}/", "-O", str(tmp / out), "-s", "NEWSPROJ_EXTRACT_WORKERS=0",
           "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "LOG_LEVEL=INFO",
           "-s", f"NEWSPROJ_STATS_FILE={tmp / name}.stats.json", "-s", f"REDIS_URL={redis_url}",
           "-s", f"STATE_DIR={tmp / 'state'}", *settings]  # the run history, out of the working tree
    log = (tmp / f"{name}.log").open("w", encoding="utf-8")
    proc = start_scrapy(cmd, stdout=subprocess.DEVNULL, stderr=log)
    log.close()
    return Worker(proc, out, tmp, name)


def _claimed(client, keys: CrawlKeys, worker_id: str) -> set[str]:
    return {urlsplit(pickle.loads(m)["url"]).path for m in client.zrange(keys.inflight(worker_id), 0, -1)}


def kill_mid_crawl(worker: Worker, client, keys: CrawlKeys, server, min_hits: int, min_done: int = 0) -> set[str]:
    """SIGKILL the worker once it holds claims, ``min_hits`` pages were served and ``min_done`` pages served are
    no longer claimed (done: on a loaded host every page served may still be held); returns the paths it held."""
    deadline = time.monotonic() + 90
    worker_id = None
    while time.monotonic() < deadline:
        worker_id = next((w.decode() for w in client.zrange(keys.workers, 0, -1)
                          if f"-{worker.proc.pid}-" in w.decode()), None)
        if worker_id and client.zcard(keys.inflight(worker_id)) and sum(server.hits.values()) >= min_hits and (
                not min_done or len(set(server.hits) - SITE_FILES - _claimed(client, keys, worker_id)) >= min_done):
            break
        time.sleep(0.02)
    else:
        pytest.fail(f"{worker.name} never held a claim mid-crawl")
    worker.proc.kill()
    worker.finish()
    return _claimed(client, keys, worker_id)


def _quiet(server, still: float = 0.5, limit: float = 10.0) -> None:
    """Wait until the server has counted no new request for ``still`` seconds (at most ``limit``)."""
    deadline = time.monotonic() + limit
    last, since = dict(server.hits), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - since < still:
        time.sleep(0.05)
        if dict(server.hits) != last:
            last, since = dict(server.hits), time.monotonic()


def paths(records: list[dict]) -> list[str]:
    return sorted(urlsplit(r["url"]).path for r in records)


def crawl_keys(base: str) -> CrawlKeys:
    crawler = get_crawler(NewsSpider)
    return CrawlKeys(crawl_id(crawler._create_spider(start_urls=f"{base}/"), crawler.settings))


@pytest.fixture
def client(redis_server):
    import redis

    conn = redis.Redis.from_url(redis_server)
    yield conn
    conn.close()


@pytest.fixture
def state_key(client):
    key = f"test-state-{uuid.uuid4().hex[:8]}"
    yield f"NEWSPROJ_REDIS_STATE_KEY={key}"
    for found in client.scan_iter(match=f"{key}:*"):
        client.delete(found)


# Slow enough that the crawl lasts seconds, longer than a worker takes to start: the work overlaps in time.
SHARE = ("-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2")
SITE_FILES = {"/robots.txt", "/.well-known/tdmrep.json"}
"""Fetched by each process for itself (politeness, consent), outside the shared frontier."""


class GatedSite(Site):
    """The demo site, answering nothing until the gate opens: every worker has joined before any work is done,
    however slowly the processes start."""

    def __init__(self, root: Path):
        super().__init__(root)
        self.gate = threading.Event()

    def lookup(self, path: str, query: str, base: str):
        self.gate.wait(timeout=CRAWL_TIMEOUT)
        return super().lookup(path, query, base)


@pytest.fixture
def slow_demo():
    server = FixtureServer(GatedSite(FIXTURES / "demo"), delay=0.1).start()
    yield server
    server.stop()


def open_when_joined(server: FixtureServer, client, workers: list[Worker]) -> None:
    """Open the gate once every worker has registered in the crawl (or has exited: then the test says why)."""
    keys = crawl_keys(server.base)
    deadline = time.monotonic() + 120
    while client.zcard(keys.workers) < len(workers) and time.monotonic() < deadline:
        if any(w.proc.poll() is not None for w in workers):
            break
        time.sleep(0.05)
    server.site.gate.set()


def test_two_workers_share_one_crawl(slow_demo, redis_server, client, state_key, demo_truth, tmp_path):
    workers = [start_worker(slow_demo.base, redis_server, tmp_path, f"w{i}", "-s", state_key, *SHARE)
               for i in range(2)]
    open_when_joined(slow_demo, client, workers)
    for worker in workers:
        worker.finish()

    for worker in workers:  # both exit by themselves, cleanly
        assert worker.proc.returncode == 0, worker.log[-3000:]
        assert worker.stats["finish_reason"] == "finished"
        assert "ERROR" not in worker.log, worker.log[-3000:]
        ours = [line for line in worker.log.splitlines()
                if "Warning" in line and ("scrapy_redis" in line or "newsproj/distributed" in line)]
        assert not ours  # scrapy-redis's own scheduler warns (spider=, Spider.log()) on every run
    # every article exactly once across the outputs
    assert paths([r for w in workers for r in w.records]) == sorted(t["path"] for t in demo_truth)
    # neither did all the work
    assert all(w.stats.get("item_scraped_count", 0) > 0 for w in workers), \
        [{k: v for k, v in w.stats.items() if k.startswith(("item_", "downloader/request_count", "newsproj/template",
                                                            "scheduler/", "start_time", "finish_time"))}
         for w in workers] + [w.log[-6000:] for w in workers]
    # no page fetched twice; robots.txt and tdmrep.json are each process's own fetches, outside the frontier
    assert {p: n for p, n in slow_demo.hits.items() if n > 1 and p not in SITE_FILES} == {}
    assert slow_demo.hits["/robots.txt"] <= 2 and slow_demo.hits["/.well-known/tdmrep.json"] <= 2
    assert slow_demo.hits["/"] == 1  # the seed, yielded by both, was enqueued once
    fetched = sum(slow_demo.hits.values()) - sum(slow_demo.hits[p] for p in SITE_FILES)
    forbidden = sum(w.stats.get("robotstxt/forbidden", 0) for w in workers)  # dequeued, then refused
    assert sum(w.stats["scheduler/dequeued/redis"] for w in workers) == fetched + forbidden
    # the drained crawl deleted its keys: the next run with the same arguments starts afresh
    assert not client.keys(f"{crawl_keys(slow_demo.base).base}:*")


def test_a_killed_workers_share_is_finished_by_the_other(redis_server, client, state_key, demo_truth, tmp_path):
    server = serve(FIXTURES / "demo", delay=0.1)
    try:
        keys = crawl_keys(server.base)
        common = ["-s", state_key, *SHARE, "-s", "NEWSPROJ_REDIS_WORKER_TIMEOUT=2"]
        victim = start_worker(server.base, redis_server, tmp_path, "victim", *common)
        survivor = start_worker(server.base, redis_server, tmp_path, "survivor", *common)
        held = kill_mid_crawl(victim, client, keys, server, min_hits=20)
        survivor.finish()
    finally:
        server.stop()

    assert held
    assert survivor.proc.returncode == 0, survivor.log[-3000:]
    assert survivor.stats["finish_reason"] == "finished"
    assert survivor.stats["newsproj/redis/requeued"] == len(held)
    # every article is in one of the outputs; only what the victim held when it died may appear twice
    found = paths(victim.records + survivor.records)
    assert set(found) == {t["path"] for t in demo_truth}
    assert {p for p in found if found.count(p) > 1} <= held
    assert {p for p, n in server.hits.items() if n > 1} <= held | SITE_FILES
    assert not client.keys(f"{keys.base}:*")


def test_a_crawl_whose_only_worker_was_killed_resumes_on_restart(redis_server, client, state_key, demo_truth,
                                                                 tmp_path):
    server = serve(FIXTURES / "demo", delay=0.1)
    try:
        keys = crawl_keys(server.base)
        common = ["-s", state_key, *SHARE, "-s", "NEWSPROJ_REDIS_WORKER_TIMEOUT=2"]
        first = start_worker(server.base, redis_server, tmp_path, "first", *common)
        held = kill_mid_crawl(first, client, keys, server, min_hits=15, min_done=5)
        _quiet(server)  # (a request the dead worker sent is counted when the server answers it, after the kill)
        served = sum(n for p, n in server.hits.items() if p not in SITE_FILES)
        first_paths = set(server.hits) - SITE_FILES
        assert client.exists(keys.dupefilter)  # the crawl outlives its only worker
        restart = start_worker(server.base, redis_server, tmp_path, "restart", *common).finish()
    finally:
        server.stop()

    assert held
    assert restart.proc.returncode == 0, restart.log[-3000:]
    assert restart.stats["newsproj/redis/requeued"] == len(held)
    assert restart.stats.get("dupefilter/filtered", 0) >= 1  # the seed: not fetched again, the crawl resumed
    found = paths(first.records + restart.records)
    assert set(found) == {t["path"] for t in demo_truth}
    assert {p for p in found if found.count(p) > 1} <= held
    assert {p for p, n in server.hits.items() if n > 1} <= held | SITE_FILES
    # it did not start over: it fetched the pages the first worker had not, and again only those it held (pages
    # served to the first worker and still claimed when it died: on a loaded host, most of what it was served)
    pages = set(server.hits) - SITE_FILES
    assert sum(n for p, n in server.hits.items() if p not in SITE_FILES) - served <= (
        len(pages - first_paths) + len(held & first_paths))
    assert len(first_paths - held) >= 5  # (pages done before the kill: a start-over would fetch them again)
    assert not client.keys(f"{keys.base}:*")


def test_a_second_run_over_an_unchanged_site_emits_nothing(slow_demo, redis_server, client, state_key, demo_truth,
                                                           tmp_path):
    first = [start_worker(slow_demo.base, redis_server, tmp_path, f"first{i}", "-s", state_key, *SHARE)
             for i in range(2)]
    open_when_joined(slow_demo, client, first)
    for worker in first:
        worker.finish()
    assert paths([r for w in first for r in w.records]) == sorted(t["path"] for t in demo_truth)

    # (close-time health monitors judge a run by the articles it found; an incremental run finds few: not our test)
    second = [start_worker(slow_demo.base, redis_server, tmp_path, f"second{i}", "-s", state_key, *SHARE,
                           "-s", "SPIDERMON_ENABLED=0")
              for i in range(2)]
    for worker in second:
        worker.finish()
    for worker in second:
        assert worker.proc.returncode == 0, worker.log[-3000:]
        assert worker.stats["finish_reason"] == "finished"
    assert [r for w in second for r in w.records] == []
    # it did crawl again (a finished crawl's frontier and dupefilter are gone), it just had nothing new to say
    assert sum(w.stats.get("scheduler/dequeued/redis", 0) for w in second) > 0


def test_a_worker_whose_redis_is_gone_stops_and_fails(slow_demo, tmp_path):
    """Redis dies mid-crawl: the worker stops once it has been unreachable for NEWSPROJ_REDIS_WORKER_TIMEOUT (by
    then the other workers count it as dead and requeue its claims) and exits non-zero, with the reason in its
    stats. Before, every poll failed with a traceback, every 0.5 s, and the crawl never ended (still running
    after 180 s)."""
    import shutil

    from tests.conftest import start_redis

    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed")
    redis, url = start_redis(binary, tmp_path)  # (its own: the one the test kills)
    try:
        worker = start_worker(slow_demo.base, url, tmp_path, "w1",
                              "-s", "NEWSPROJ_REDIS_WORKER_TIMEOUT=3")
        deadline = time.monotonic() + 120
        while not (tmp_path / "w1.jsonl").exists() or not (tmp_path / "w1.jsonl").read_bytes():
            assert worker.proc.poll() is None and time.monotonic() < deadline, worker.log[-3000:]
            slow_demo.site.gate.set()
            time.sleep(0.02)
    finally:
        redis.kill()
        redis.wait(timeout=10)
    try:
        worker.proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        worker.proc.kill()
        pytest.fail(f"the worker went on for 60 s after Redis was gone:\n{worker.log[-4000:]}")
    assert worker.proc.returncode not in (0, None), worker.log[-3000:]
    assert worker.stats["finish_reason"] == "redis_unavailable"
    assert worker.stats["newsproj/redis/unavailable"].startswith("ConnectionError")


def test_a_link_with_trackers_and_the_same_link_are_one_request_across_the_shared_crawl(redis_server, client,
                                                                                         state_key, tmp_path):
    """The shared dupefilter (compat_redis.RedisDupeFilter) asks the crawler's request fingerprinter, which leaves
    tracking parameters out, as one process's does (tests/e2e/test_tracking_links.py): scrapy-redis 0.9's own
    RFPDupeFilter hashes the URL itself, and fetched an article the homepage links bare and with ``utm_*`` twice
    (the second record dropped as a duplicate)."""
    from tests.tracked_site import HOMEPAGE_LINKS, REDIRECTED, TRUTH, tracked_site, untracked

    site = tracked_site()
    server = FixtureServer(site).start()
    try:
        worker = start_worker(server.base, redis_server, tmp_path, "w0", "-s", state_key).finish()
    finally:
        server.stop()
    assert worker.proc.returncode == 0, worker.log[-3000:]
    linked = [key for key in TRUTH.values() if key in HOMEPAGE_LINKS]  # (the seed is the homepage: no sitemap)
    linked.append(REDIRECTED)  # (linked with utm_*, which the site redirects to it: followed, RedirectGuard)
    redirect = next(link for link in HOMEPAGE_LINKS if link.startswith(f"{REDIRECTED}?"))
    assert sorted(k for k in site.served if k.startswith("/news/")) == sorted([*linked, redirect])
    assert sorted(urlsplit(r["url"]).path + (f"?{urlsplit(r['url']).query}" if urlsplit(r["url"]).query else "")
                  for r in worker.records) == sorted(linked)
    assert all(r["canonicalUrl"] == server.base + untracked(urlsplit(r["url"]).path) for r in worker.records)
    assert worker.stats["newsproj/discovery/tracking/variant"] == 2 and worker.stats["dupefilter/filtered"] >= 2
    assert not any(k.startswith("item_dropped_reasons_count/") for k in worker.stats), worker.stats


def test_a_second_run_asks_redis_about_each_linked_article_once(redis_server, client, state_key, tmp_path):
    """The Redis state store is a round trip a lookup: on the second run over a site whose 40 stored articles are
    linked 150 times (homepage, sections, next pages, "most read" lists), 166 HGETs where 56 tell it all (an HGET
    for each article, at most two for each of the 8 section pages: no article, no alias). The section pages' share
    depends on crawl order (54 in all was seen under load), so the second run is bounded, not counted exactly:
    at least one per article, at most 56, where without the memo it was 166."""
    server, _ = serve_pages(linked_site(count=40, sections=4, popular=10))

    def hgets() -> int:
        return int(client.info("commandstats").get("cmdstat_hget", {}).get("calls", 0))

    runs, calls = [], []
    try:
        for n in range(2):
            before = hgets()
            runs.append(run_crawl("-a", f"start_urls={server.base}/", "-s", f"REDIS_URL={redis_server}",
                                  "-s", state_key, "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}",
                                  out=tmp_path / f"{n}.jsonl"))
            calls.append(hgets() - before)
    finally:
        server.stop()
    first, second = runs
    assert first.returncode == second.returncode == 0, second.log[-3000:]
    assert len(first.records) == 40 and second.records == []
    assert second.stats["newsproj/incremental/saved"] == 150
    assert 40 <= calls[1] <= 56, calls
