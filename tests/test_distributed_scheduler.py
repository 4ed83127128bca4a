"""RedisScheduler and its parts against a real redis-server: crawl ids, claims, heartbeats, requeueing, drain."""

from __future__ import annotations

import asyncio
import pickle
import time
import uuid

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler

from newsproj.addons import DISTRIBUTED
from newsproj.compat_redis import RedisDupeFilter
from newsproj.distributed.keys import CrawlKeys, crawl_id
from newsproj.spiders.news import NewsSpider


@pytest.fixture
def client(redis_server):
    import redis

    conn = redis.Redis.from_url(redis_server)
    yield conn
    conn.close()


def make_crawler(redis_url: str, **settings):
    crawler = get_crawler(NewsSpider, {**DISTRIBUTED, "REDIS_URL": redis_url, **settings})
    crawler.spider = crawler._create_spider(start_urls="http://127.0.0.1:9/")
    crawler.stats.open_spider()
    return crawler


def spider(seeds: str, site=None):
    crawler = get_crawler(NewsSpider)
    return crawler._create_spider(start_urls=seeds, site=site)


# ---------------------------------------------------------------- crawl ids and keys


def test_crawl_id_is_the_same_for_the_same_arguments_in_any_order():
    settings = get_crawler().settings
    a = crawl_id(spider("http://127.0.0.1:1/,http://127.0.0.1:1/rss.xml"), settings)
    b = crawl_id(spider("http://127.0.0.1:1/rss.xml,http://127.0.0.1:1/"), settings)
    c = crawl_id(spider("http://127.0.0.1:1/"), settings)
    assert a == b
    assert a != c
    assert a.startswith("news-")


def test_crawl_id_can_be_named_and_is_checked():
    assert crawl_id(spider("http://127.0.0.1:1/"), get_crawler(settings_dict={"NEWSPROJ_CRAWL_ID": "daily"}).settings) \
        == "daily"
    with pytest.raises(ValueError, match="NEWSPROJ_CRAWL_ID"):
        crawl_id(spider("http://127.0.0.1:1/"), get_crawler(settings_dict={"NEWSPROJ_CRAWL_ID": "a b*"}).settings)


def test_keys_live_under_the_crawl():
    keys = CrawlKeys("news-1")
    assert keys.requests == "newsproj:crawl:news-1:requests"
    assert keys.dupefilter == "newsproj:crawl:news-1:dupefilter"
    assert keys.workers == "newsproj:crawl:news-1:workers"
    assert keys.inflight("w1") == "newsproj:crawl:news-1:inflight:w1"


# ---------------------------------------------------------------- the scheduler, in process


def run(coro_fn):
    """The scheduler's poll loop needs a running asyncio loop, as under Scrapy's asyncio reactor. No engine is
    started: it holds no request, so whatever a scheduler handed out counts as done (released)."""
    return asyncio.run(coro_fn())


def open_scheduler(redis_url: str, crawl: str, **settings):
    from newsproj.distributed.scheduler import RedisScheduler

    crawler = make_crawler(redis_url, NEWSPROJ_CRAWL_ID=crawl, **settings)
    scheduler = RedisScheduler.from_crawler(crawler)
    scheduler.open(crawler.spider)
    return crawler, scheduler


def req(path: str, priority: int = 0, **kwargs) -> Request:
    return Request(f"http://127.0.0.1:9{path}", priority=priority, **kwargs)


def test_requests_are_deduplicated_and_claimed_by_priority_without_spider_argument(redis_server, client):
    # Warnings are errors here: scrapy-redis's own enqueue/next pass spider= to the stats collector and would fail.
    crawl = f"t-{uuid.uuid4().hex[:8]}"

    async def scenario():
        crawler, scheduler = open_scheduler(redis_server, crawl)
        parse = crawler.spider.parse
        assert scheduler.enqueue_request(req("/", callback=parse))
        assert not scheduler.enqueue_request(req("/", callback=parse))  # a seed seen by another worker
        assert scheduler.enqueue_request(req("/", callback=parse, dont_filter=True))
        assert scheduler.enqueue_request(req("/article", priority=20, callback=parse))
        first = scheduler.next_request()
        assert first.url.endswith("/article")
        keys = CrawlKeys(crawl)
        assert client.zcard(keys.requests) == 2
        assert client.zcard(keys.inflight(scheduler.worker)) == 1  # claimed, not lost while in flight
        stats = crawler.stats.get_stats()
        assert stats["scheduler/enqueued/redis"] == 3
        assert stats["dupefilter/filtered"] == 1
        assert stats["scheduler/dequeued/redis"] == 1
        scheduler.close("shutdown")
        # the engine holds nothing, so the claim was done: released, not requeued; the frontier stays
        assert client.zcard(keys.requests) == 2
        assert not client.exists(keys.inflight(scheduler.worker))
        assert client.sismember(keys.dupefilter, scheduler.df.request_fingerprint(req("/")))

    run(scenario)


def test_an_idle_worker_waits_while_another_holds_claims_then_the_last_one_clears_the_crawl(redis_server, client):
    crawl = f"t-{uuid.uuid4().hex[:8]}"
    keys = CrawlKeys(crawl)

    async def scenario():
        crawler_a, a = open_scheduler(redis_server, crawl)
        crawler_b, b = open_scheduler(redis_server, crawl)
        assert not b.has_pending_requests()  # nothing anywhere yet
        a.enqueue_request(req("/", callback=crawler_a.spider.parse))
        assert b.has_pending_requests()  # queued
        claimed = a._claim()  # as the engine would: A is now downloading it
        assert claimed is not None
        assert not b.next_request()
        assert b.has_pending_requests()  # the queue is empty, but A is busy: B must not close
        b.close("finished")  # B leaves anyway (e.g. stopped): the crawl is not cleared under A
        assert client.exists(keys.dupefilter)
        a.close("finished")  # A's claim is done (the engine does not hold it): drained, keys deleted
        assert not client.keys(f"{keys.base}:*")

    run(scenario)


def test_a_worker_whose_seeds_were_seen_never_finds_the_crawl_drained_while_another_queues_them(redis_server,
                                                                                                   client):
    """Worker B joins as A queues the shared seed. After each Redis call of A's enqueue, once the seed is seen
    (B's own would be filtered: B is idle), B must see work pending. Marked seen (SADD) and queued (ZADD) in two
    calls, as scrapy-redis's ``request_seen`` then ``push``, the seed was in neither the frontier nor a claim in
    between: B found the crawl drained, closed ``finished`` having fetched nothing, and deleted the crawl's keys
    under A (tests/e2e/test_distributed.py::test_two_workers_share_one_crawl under load: one worker dequeued all
    60). Before the fix this saw [('SADD', seen, not pending), ('ZADD', seen, pending)]."""
    import redis

    crawl = f"t-{uuid.uuid4().hex[:8]}"
    keys = CrawlKeys(crawl)
    seen_by_b: list[tuple[str, bool, bool]] = []  # (A's command, then: the seed seen?, work pending for B?)
    watching = [False]

    async def scenario():
        crawler_b, b = open_scheduler(redis_server, crawl)

        class Watched(redis.Redis):
            def execute_command(self, *args, **options):
                result = super().execute_command(*args, **options)
                if watching[0]:
                    watching[0] = False  # (B's own calls go through its own client; this only guards re-entry)
                    seen = client.sismember(keys.dupefilter, b.df.request_fingerprint(req("/")))
                    seen_by_b.append((str(args[0]), bool(seen), b.has_pending_requests()))
                    watching[0] = True
                return result

        crawler_a, a = open_scheduler(redis_server, crawl, REDIS_PARAMS={"redis_cls": Watched})
        assert isinstance(a.server, Watched)
        watching[0] = True
        assert a.enqueue_request(req("/", callback=crawler_a.spider.parse))
        watching[0] = False
        assert not b.enqueue_request(req("/", callback=crawler_b.spider.parse))  # B's seed: seen, not queued twice
        assert client.zcard(keys.requests) == 1
        assert b.has_pending_requests()
        assert not a.enqueue_request(req("/", callback=crawler_a.spider.parse))  # and seen for A too
        a.close("shutdown")
        b.close("shutdown")
        b.flush()

    run(scenario)
    assert any(seen for _, seen, _ in seen_by_b), seen_by_b
    assert all(pending for _, seen, pending in seen_by_b if seen), seen_by_b


class CountingDupeFilter(RedisDupeFilter):
    """A scrapy-redis dupefilter with a ``request_seen`` of its own (as a Bloom filter's would be)."""

    asked = 0

    def request_seen(self, request):
        type(self).asked += 1
        return super().request_seen(request)


def test_a_dupefilter_with_its_own_request_seen_is_still_asked(redis_server, client):
    crawl = f"t-{uuid.uuid4().hex[:8]}"

    async def scenario():
        crawler, scheduler = open_scheduler(redis_server, crawl,
                                            DUPEFILTER_CLASS=f"{__name__}.CountingDupeFilter")
        assert scheduler.enqueue_request(req("/", callback=crawler.spider.parse))
        assert not scheduler.enqueue_request(req("/", callback=crawler.spider.parse))
        assert CountingDupeFilter.asked == 2
        assert client.zcard(CrawlKeys(crawl).requests) == 1
        scheduler.close("shutdown")
        scheduler.flush()

    run(scenario)


def test_a_dead_workers_claims_are_requeued_with_their_priority(redis_server, client):
    crawl = f"t-{uuid.uuid4().hex[:8]}"
    keys = CrawlKeys(crawl)

    async def scenario():
        crawler_a, a = open_scheduler(redis_server, crawl, NEWSPROJ_REDIS_WORKER_TIMEOUT=0.2)
        a.enqueue_request(req("/article", priority=20, callback=crawler_a.spider.parse))
        a.enqueue_request(req("/listing", priority=0, callback=crawler_a.spider.parse))
        assert a._claim().url.endswith("/article")
        a._loop.stop()  # A freezes (as if killed): no more heartbeats, its claim stays in Redis
        crawler_b, b = open_scheduler(redis_server, crawl)
        assert b.has_pending_requests()
        await asyncio.sleep(0.3)  # A's deadline passes
        assert b.has_pending_requests()
        assert crawler_b.stats.get_value("newsproj/redis/requeued") == 1
        assert not client.exists(keys.inflight(a.worker))
        assert b.next_request().url.endswith("/article")  # back in the frontier, still before the listing
        b.close("shutdown")
        assert {pickle.loads(m)["url"] for m in client.zrange(keys.requests, 0, -1)} == {
            "http://127.0.0.1:9/listing"
        }
        b.flush()  # reset: every key of the crawl is gone
        assert not client.keys(f"{keys.base}:*")

    run(scenario)


def test_a_live_workers_claims_are_not_taken(redis_server, client):
    crawl = f"t-{uuid.uuid4().hex[:8]}"
    keys = CrawlKeys(crawl)

    async def scenario():
        crawler_a, a = open_scheduler(redis_server, crawl, NEWSPROJ_REDIS_WORKER_TIMEOUT=30)
        a.enqueue_request(req("/slow", callback=crawler_a.spider.parse))
        assert a._claim() is not None
        crawler_b, b = open_scheduler(redis_server, crawl)
        time.sleep(0.1)
        assert b.has_pending_requests()
        assert crawler_b.stats.get_value("newsproj/redis/requeued") is None
        assert client.zcard(keys.inflight(a.worker)) == 1
        a._claims.clear()  # as if the engine still held it when A was stopped: it goes back on leaving
        a.close("shutdown")
        assert client.zcard(keys.requests) == 1
        b.close("shutdown")
        b.flush()

    run(scenario)


def test_blocking_pop_is_refused(redis_server, caplog):
    async def scenario():
        _, scheduler = open_scheduler(redis_server, f"t-{uuid.uuid4().hex[:8]}", SCHEDULER_IDLE_BEFORE_CLOSE=5)
        assert scheduler.idle_before_close == 0
        scheduler.close("shutdown")

    run(scenario)
    assert "SCHEDULER_IDLE_BEFORE_CLOSE is ignored" in caplog.text
