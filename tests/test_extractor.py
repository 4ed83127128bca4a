"""The extraction process's housekeeping (cache resets where the caches live) and its settings."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from newsproj.extraction import page as page_module
from newsproj.items import PageItem
from tests.conftest import opened_extractor

PAGE = (
    "<html><head><title>A headline</title></head><body><article>"
    + ("<p>" + "word " * 80 + "</p>") * 3
    + "</article></body></html>"
)


def test_caches_are_reset_every_n_pages_in_the_extracting_process(monkeypatch: pytest.MonkeyPatch) -> None:
    resets = []
    monkeypatch.setattr(page_module, "reset_caches", lambda: resets.append(1))
    monkeypatch.setattr(page_module, "_processed", 0)
    page = PageItem(url="https://example.com/a", html=PAGE, date_downloaded="2024-05-01T00:00:00Z")
    for _ in range(7):
        page_module.process_in_worker(3, True, page)
    assert len(resets) == 2
    monkeypatch.setattr(page_module, "_processed", 0)
    for _ in range(7):
        page_module.process_in_worker(0, True, page)
    assert len(resets) == 2  # 0 = never


def test_site_registry_switched_off_gives_the_generic_path() -> None:
    """NEWSPROJ_SITE_REGISTRY=0: a page of a registered site (bbc.toml takes its body from text-block components)
    is extracted and cleaned as a site without a file would be."""
    import asyncio

    from scrapy.utils.misc import build_from_crawler
    from scrapy.utils.test import get_crawler

    from newsproj.extractor import PageExtractor

    prose = "The council met on Tuesday evening and agreed the budget after a long debate in the chamber. " * 3
    page = (
        "<html><head><title>Budget agreed</title></head><body><article><h1>Budget agreed</h1>"
        f"<div data-component='text-block'><p>{prose}</p></div><p>{prose.replace('council', 'board')}</p>"
        "<p>Follow Newsbeat on Instagram and on Twitter for the latest updates from the show.</p>"
        "</article></body></html>"
    )
    bodies = {}
    for registry in ("1", "0"):
        settings = {"NEWSPROJ_EXTRACT_WORKERS": 0, "NEWSPROJ_SITE_REGISTRY": registry}
        crawler = get_crawler(settings_dict=settings)
        crawler.stats.open_spider()
        extractor = build_from_crawler(PageExtractor, crawler)
        item = PageItem(url="https://www.bbc.com/news/uk-1", html=page.encode(), encoding="utf-8",
                        date_downloaded="2024-05-01T00:00:00+00:00", site="bbc", hints={})
        outcome = asyncio.run(extractor.process(item))
        assert outcome.article is not None
        bodies[registry] = outcome.article.articleBody
    assert "board" not in bodies["1"]  # the site's body rule: text blocks only
    assert "board" in bodies["0"] and "council" in bodies["0"]


def test_the_hard_limits_grace_is_a_setting() -> None:
    """NEWSPROJ_PAGE_HARD_GRACE: how long after the page time limit a worker stuck in C code is ended (the pool
    and its watchdog are given the extractor's); 10 s unless set."""
    from scrapy.utils.test import get_crawler

    from newsproj.extraction.limits import HARD_GRACE
    from newsproj.extractor import PageExtractor
    from newsproj.middlewares.config import SETTINGS

    assert PageExtractor(get_crawler(settings_dict={})).hard_grace == HARD_GRACE == SETTINGS[
        "NEWSPROJ_PAGE_HARD_GRACE"].default == 10
    assert PageExtractor(get_crawler(settings_dict={"NEWSPROJ_PAGE_HARD_GRACE": "2.5"})).hard_grace == 2.5


def test_a_crawl_extracting_in_its_own_process_leaves_no_page_limits_behind() -> None:
    """NEWSPROJ_EXTRACT_WORKERS=0 sets the page limits of the crawl process (module state); once that crawl
    closes, the next crawl or `scrapy extract` in the process does not inherit them (a 5-element cap here)."""
    import asyncio

    html = "<html><head><title>A headline</title></head><body><article>" + "".join(
        "<p>" + " ".join(f"{topic} was discussed by the council on day {day} of the session." for day in range(8))
        + "</p>" for topic in ("The budget", "The new bridge", "The school plan")) + "</article></body></html>"
    page = PageItem(url="https://example.com/a", html=html, date_downloaded="2024-05-01T00:00:00+00:00")
    assert page_module.process_page(page).article is not None
    settings = {"NEWSPROJ_EXTRACT_WORKERS": 0, "NEWSPROJ_MAX_PAGE_ELEMENTS": 5, "NEWSPROJ_PAGE_TIME_LIMIT": 7}
    crawler, extractor = opened_extractor(settings)
    try:
        capped = asyncio.run(extractor.process(page))
        assert capped.article is None and capped.error == "too_many_elements"
    finally:
        extractor.close()
    assert page_module.process_page(page).article is not None
    assert page_module.process_in_worker(0, True, page).article is not None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ is Linux's")
def test_the_pool_takes_a_page_in_one_write() -> None:
    """The pipes that carry pages to an extraction worker and its outcomes back hold a whole page (1 MB, not Linux's
    64 KB), so the crawl process writes a page at once instead of waiting for the worker to read each 64 KB; a
    worker started in place of a lost one gets the same."""
    import asyncio
    import signal

    from newsproj.pool import PIPE_BYTES, pipe_size

    if int(Path("/proc/sys/fs/pipe-max-size").read_text()) < PIPE_BYTES and os.geteuid():
        pytest.skip("this machine caps pipes below 1 MB for this user")
    crawler, extractor = opened_extractor({"NEWSPROJ_EXTRACT_WORKERS": 1})
    page = PageItem(url="https://example.com/a", html=PAGE, date_downloaded="2024-05-01T00:00:00Z")
    try:
        assert asyncio.run(extractor.process(page)).error is None
        pool = extractor.pool
        assert pool is not None
        [first] = pool.workers
        assert pipe_size(first.tasks) == pipe_size(first.results) == PIPE_BYTES
        os.kill(first.pid, signal.SIGKILL)
        first.process.join(10)
        assert asyncio.run(extractor.process(page)).error is None  # (after the worker's replacement)
        [second] = pool.workers
        assert second is not first
        assert pipe_size(second.tasks) == pipe_size(second.results) == PIPE_BYTES
    finally:
        extractor.close()
    assert crawler.stats.get_value("newsproj/extract/pool_restarts") == 1
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{w.pid}").exists() for w in (first, second)):
        time.sleep(0.05)
    assert not any(Path(f"/proc/{w.pid}").exists() for w in (first, second))  # (closed: no process left behind)


class _TwoArgumentError(Exception):
    """An exception whose ``__init__`` takes other arguments than its ``args``: it pickles, and does not load."""

    def __init__(self, where: str, why: str):
        super().__init__(f"{where}: {why}")


def _raises_an_exception_that_does_not_load(reset_every: int, registry: bool, page, token: int = 0):
    raise _TwoArgumentError(page.url, "a bug")


def _unloadable() -> None:
    raise ValueError("this outcome does not load here")


class _LoadsNowhere:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (_unloadable, ())


def _returns_an_outcome_that_does_not_load(reset_every: int, registry: bool, page, token: int = 0):
    return _LoadsNowhere()


def _returns_the_url(reset_every: int, registry: bool, page, token: int = 0):
    return page.url


@pytest.mark.parametrize("work", [_raises_an_exception_that_does_not_load, _returns_an_outcome_that_does_not_load],
                         ids=["exception", "outcome"])
def test_an_outcome_that_does_not_load_fails_its_page_only(work) -> None:
    """A worker's answer that the crawl process cannot unpickle (an exception with a two-argument ``__init__``
    pickles but does not load) failed inside the reader callback, left its frame at the head of the worker's inbox,
    and so every later answer of that worker was never read: its pages waited for the outer timeout (then dropped
    as timeouts, the worker killed), or for ever with ``NEWSPROJ_PAGE_TIME_LIMIT=0``, and the crawl never closed.
    Now the page fails as ExtractionFailed, at once, and the same worker serves the next page."""
    import asyncio

    from newsproj.exceptions import ExtractionFailed

    crawler, extractor = opened_extractor({"NEWSPROJ_EXTRACT_WORKERS": 1, "NEWSPROJ_PAGE_TIME_LIMIT": 0})
    page = PageItem(url="http://127.0.0.1/a", html=PAGE, date_downloaded="2024-05-01T00:00:00Z")

    async def run() -> tuple[Any, str]:
        extractor.work = _returns_the_url
        await asyncio.wait_for(extractor._in_pool(page), 60)  # the worker is up
        extractor.work = work
        bad = asyncio.ensure_future(extractor.process(page))
        await asyncio.sleep(0)  # (written to the worker first)
        extractor.work = _returns_the_url
        good = asyncio.ensure_future(extractor._in_pool(page))  # in the same worker's pipe, behind it
        done, _ = await asyncio.wait([bad, good], timeout=15)
        assert bad in done and good in done, "the worker's answers were never read"
        return bad.result(), good.result()

    try:
        outcome, url = asyncio.run(run())
        pool = extractor.pool
        assert pool is not None and len(pool.workers) == 1
    finally:
        extractor.close()
    assert isinstance(outcome.drop, ExtractionFailed) and "could not be" in str(outcome.drop), repr(outcome.drop)
    assert url == page.url
    stats = crawler.stats.get_stats()
    assert stats["newsproj/extract/error/bad_outcome"] == 1  # (counted and logged, as every dropped page)
    assert stats["item_dropped_reasons_count/ExtractionFailed"] == 1
    assert "newsproj/extract/pool_restarts" not in stats


def _writes_a_garbled_frame(reset_every: int, registry: bool, page, token: int = 0):
    """A worker whose answer stream is no longer ours (memory trouble in a C library, a stray write): a header of
    -4 bytes, then nothing."""
    out = sys._getframe(1).f_locals["out"]  # (serve's result pipe)
    os.write(out, b"\xff\xff\xff\xfc")
    time.sleep(60)


def test_a_worker_whose_answers_are_garbled_is_ended_and_replaced() -> None:
    """A frame header the worker would never write (a negative size) leaves nothing of the stream readable: the
    worker is ended and replaced, its page fails as from a worker that ended (here: retried, then lost), and the
    reader never spins on the same 4 bytes (the reactor thread would hang)."""
    import asyncio
    from concurrent.futures.process import BrokenProcessPool

    crawler, extractor = opened_extractor({"NEWSPROJ_EXTRACT_WORKERS": 1, "NEWSPROJ_PAGE_TIME_LIMIT": 0},
                                          work=_writes_a_garbled_frame)
    page = PageItem(url="http://127.0.0.1/a", html=PAGE, date_downloaded="2024-05-01T00:00:00Z")

    async def run() -> BaseException | None:
        garbled = asyncio.ensure_future(extractor._in_pool(page))
        await asyncio.wait([garbled], timeout=30)
        assert garbled.done(), "the garbled worker's page was never failed"
        extractor.work = _returns_the_url
        assert await asyncio.wait_for(extractor._in_pool(page), 30) == page.url  # (its successor)
        return garbled.exception()

    try:
        failure = asyncio.run(run())
    finally:
        extractor.close()
    assert isinstance(failure, BrokenProcessPool), repr(failure)
    assert crawler.stats.get_value("newsproj/extract/pool_restarts") == 2
    assert crawler.stats.get_value("newsproj/extract/retried") == 1


def _html_length(reset_every: int, registry: bool, page, token: int = 0):
    return len(page.html)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ is Linux's")
def test_a_large_page_through_a_small_pipe_costs_the_crawl_process_linear_time(monkeypatch) -> None:
    """Where the pipes cannot be widened (not Linux; or a user over ``pipe-user-pages-soft``, e.g. many crawls of one
    scrapyd user: the kernel then gives new pipes 2 pages), a page goes in many writes, each where the last one
    stopped. The rest of the page was copied at each write (``out = out[written:]``): a 16 MB page through 4 KB took
    4,096 copies of 8 MB on average (~2 s of the reactor's CPU a page); now a view moves along it."""
    import asyncio
    import fcntl

    from newsproj import pool as pool_module

    monkeypatch.setattr(pool_module, "widen", lambda fd, size=0: fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 4096))
    crawler, extractor = opened_extractor({"NEWSPROJ_EXTRACT_WORKERS": 1, "NEWSPROJ_PAGE_TIME_LIMIT": 0},
                                          work=_html_length)
    small = PageItem(url="http://127.0.0.1/a", html=PAGE, date_downloaded="2024-05-01T00:00:00Z")
    large = PageItem(url="http://127.0.0.1/b", html="<p>" + "y" * (16 << 20) + "</p>",
                     date_downloaded="2024-05-01T00:00:00Z")

    async def run() -> tuple[int, float]:
        await extractor._in_pool(small)  # the worker is up
        pool = extractor.pool
        assert pool is not None and pool_module.pipe_size(pool.workers[0].tasks) == 4096
        start = time.process_time()
        size = await asyncio.wait_for(extractor._in_pool(large), 120)
        return size, time.process_time() - start

    try:
        size, cpu = asyncio.run(run())
    finally:
        extractor.close()
    assert size == len(large.html)
    # (0.05-0.11 s of CPU now, 1.75-2.39 s before: 3 rounds each, interleaved, on the shared host)
    assert cpu < 0.5, f"{cpu:.2f} s of the crawl process's CPU for one 16 MB page"


def _started_at(reset_every: int, registry: bool, page, token: int = 0):
    """A page of 50 ms in the worker; its answer is when the worker started it."""
    started = time.monotonic()
    time.sleep(0.05)
    return started


def test_a_worker_goes_on_with_its_next_pages_while_the_reactor_thread_is_busy() -> None:
    """The crawl process's reactor thread is busy elsewhere for a while now and then (an item's pipelines, the first
    article's schema load, a garbage collection, a template-history save: 80-600 ms, traced in a warc run); it
    neither reads outcomes nor writes pages meanwhile. With one page waiting behind the running one (2 a worker),
    the worker idled after its second page until the reactor came back; now the pages already given to it
    (up to ``PER_WORKER``) are all in its pipe, and it goes on with them."""
    import asyncio

    _crawler, extractor = opened_extractor({"NEWSPROJ_EXTRACT_WORKERS": 1, "NEWSPROJ_PAGE_TIME_LIMIT": 0},
                                           work=_started_at)
    page = PageItem(url="http://127.0.0.1/a", html=PAGE, date_downloaded="2024-05-01T00:00:00Z")
    given = 5

    async def run() -> tuple[float, list[float]]:
        await asyncio.wait_for(extractor._in_pool(page), 60)  # the worker is up
        pages = [asyncio.ensure_future(extractor._in_pool(page)) for _ in range(given)]
        await asyncio.sleep(0)  # (each written to the worker)
        time.sleep(2.0)  # the reactor thread, busy elsewhere
        busy_until = time.monotonic()
        return busy_until, await asyncio.wait_for(asyncio.gather(*pages), 60)

    try:
        busy_until, starts = asyncio.run(run())
    finally:
        extractor.close()
    started = sum(start < busy_until for start in starts)
    assert started == given, f"{started} of {given} pages started while the reactor thread was busy"


def _page_costs(reset_every: int, registry: bool, page, token: int = 0) -> list[float]:
    """In a new worker: the CPU seconds of its first pages (the same ordinary article three times)."""
    from newsproj.extraction.page import process_in_worker

    costs = []
    for _ in range(3):
        start = time.process_time()
        outcome = process_in_worker(reset_every, registry, page, token)
        costs.append(time.process_time() - start)
        assert outcome.article is not None
    return costs


def test_a_new_workers_first_page_costs_what_a_later_one_does() -> None:
    """What a page builds once and keeps (the chrome vocabulary, ~0.2-0.3 s of CPU) is built in the forkserver
    before the workers fork, not by each worker's first page under the page time limit: on a host loaded so that a
    worker had a tenth of a core, a first page of ~0.3 s of CPU ran past a 1 s limit with the vocabulary half built,
    and so did every page after it (test_a_page_over_its_time_limit_is_dropped_... failed so under load). CPU time,
    not wall time: the load of the host does not count."""
    import asyncio

    crawler, extractor = opened_extractor({"NEWSPROJ_EXTRACT_WORKERS": 1, "NEWSPROJ_PAGE_TIME_LIMIT": 0},
                                          work=_page_costs)
    html = ("<html><head><title>A headline</title></head><body><article>"
            + "".join(f"<p>{topic} was discussed by the council on day {day} of the session.</p>"
                      for topic in ("The budget", "The new bridge", "The school plan") for day in range(8))
            + "</article></body></html>")
    page = PageItem(url="http://127.0.0.1/news/a", html=html, date_downloaded="2024-05-01T00:00:00Z")
    try:
        first, *later = asyncio.run(asyncio.wait_for(extractor._in_pool(page), 120))
    finally:
        extractor.close()
    # (idle host: first ~0.3 s before, ~5 ms now; later ones ~3 ms)
    assert first < max(later) + 0.05, (first, later)


def _times_out(reset_every: int, registry: bool, page, token: int = 0):
    """A page whose extraction ran out of its time (as the soft limit answers it, without the wait)."""
    from newsproj.extraction.limits import PageTimedOut
    from newsproj.extraction.page import PageOutcome

    return PageOutcome(url=page.url, drop=PageTimedOut("over the page time limit (1 s)"), error="timeout")


def _links_time_out(reset_every: int, registry: bool, page, token: int = 0):
    from newsproj.extraction.limits import PageTimedOut

    raise PageTimedOut("over the page time limit (1 s)")


HOMEPAGE = (b"<html><head><title>Home</title></head><body><ul><li><a href='/news/2024/05/01/one.html'>One</a></li>"
            b"<li><a href='/news/2024/05/01/two.html'>Two</a></li></ul></body></html>")


def _extractor(workers: int, monkeypatch, links_work: Any = None) -> tuple[Any, Any]:
    """An opened extractor whose extraction of every page times out (in a pool worker, or in this process)."""
    import newsproj.extractor

    monkeypatch.setattr(newsproj.extractor, "process_in_worker", _times_out)  # (in this process: workers=0)
    crawler, extractor = opened_extractor({"NEWSPROJ_EXTRACT_WORKERS": workers, "NEWSPROJ_PAGE_TIME_LIMIT": 5},
                                          work=_times_out)
    if links_work is not None:
        extractor.links_work = links_work
    return crawler, extractor


def _homepage_outcome(extractor: Any, links_on_failure: bool) -> Any:
    """The outcome of HOMEPAGE through ``extractor`` (closed after it), within 60 s."""
    import asyncio

    page = PageItem(url="http://127.0.0.1/", html=HOMEPAGE, date_downloaded="2024-05-01T00:00:00Z")
    try:
        return asyncio.run(asyncio.wait_for(extractor.process(page, links_on_failure=links_on_failure), 60))
    finally:
        extractor.close()


@pytest.mark.parametrize("workers", [1, 0], ids=["pool", "in_process"])
@pytest.mark.parametrize("role", ["listing", "article"])
def test_links_are_read_alone_only_for_a_listing_whose_extraction_timed_out(workers, role, monkeypatch,
                                                                           caplog) -> None:
    """A seed's or listing's links are read by a links-only job when its extraction timed out (the page stays a
    counted drop); an article link's are not (an article's other links are never followed)."""
    crawler, extractor = _extractor(workers, monkeypatch)
    outcome = _homepage_outcome(extractor, links_on_failure=role == "listing")
    stats = crawler.stats.get_stats()
    assert outcome.error == "timeout" and outcome.article is None
    assert stats["newsproj/extract/error/timeout"] == 1  # still a counted drop
    assert stats["item_dropped_reasons_count/PageTimedOut"] == 1
    if role == "article":
        assert outcome.links is None
        assert "newsproj/extract/links_after_timeout" not in stats
        return
    assert outcome.links is not None
    assert outcome.links.articles == ["http://127.0.0.1/news/2024/05/01/one.html",
                                      "http://127.0.0.1/news/2024/05/01/two.html"]
    assert stats["newsproj/extract/links_after_timeout"] == 1
    assert caplog.text.count("read alone after its extraction failed") == 1


@pytest.mark.parametrize("workers", [1, 0], ids=["pool", "in_process"])
def test_a_listing_whose_links_time_out_too_stays_a_counted_drop(workers, monkeypatch, caplog) -> None:
    crawler, extractor = _extractor(workers, monkeypatch, links_work=_links_time_out)
    outcome = _homepage_outcome(extractor, links_on_failure=True)
    stats = crawler.stats.get_stats()
    assert outcome.links is None and outcome.error == "timeout"
    assert stats["newsproj/extract/error/timeout"] == 1
    assert stats["newsproj/extract/links_after_timeout_failed"] == 1
    assert "newsproj/extract/links_after_timeout" not in stats
    assert caplog.text.count("not read either") == 1


def _dies(reset_every: int, registry: bool, page, token: int = 0):
    """A worker that dies on the page (as out of memory, or a crash in a C library)."""
    from newsproj.extraction.limits import running

    with running(token):
        os._exit(1)


def test_a_listing_whose_worker_died_has_its_links_read_by_a_new_worker(caplog) -> None:
    crawler, extractor = opened_extractor({"NEWSPROJ_EXTRACT_WORKERS": 1, "NEWSPROJ_PAGE_TIME_LIMIT": 30}, work=_dies)
    outcome = _homepage_outcome(extractor, links_on_failure=True)
    stats = crawler.stats.get_stats()
    assert outcome.error == "worker_died" and outcome.links is not None
    assert outcome.links.articles == ["http://127.0.0.1/news/2024/05/01/one.html",
                                      "http://127.0.0.1/news/2024/05/01/two.html"]
    assert stats["newsproj/extract/error/worker_died"] == 1
    assert stats["newsproj/extract/links_after_timeout"] == 1
    assert caplog.text.count("read alone after its extraction failed (worker_died)") == 1


def test_a_listing_whose_outcome_did_not_load_has_its_links_read_alone(caplog) -> None:
    """A seed's or listing's extraction whose outcome could not travel back from its worker (``bad_outcome``: an
    exception or value that does not pickle or unpickle) lost every link of the page; its links (lists of URLs,
    which travel) are now read by a links-only job, as after a timeout. The page stays a counted drop."""
    crawler, extractor = opened_extractor({"NEWSPROJ_EXTRACT_WORKERS": 1, "NEWSPROJ_PAGE_TIME_LIMIT": 30},
                                          work=_returns_an_outcome_that_does_not_load)
    outcome = _homepage_outcome(extractor, links_on_failure=True)
    stats = crawler.stats.get_stats()
    assert outcome.error == "bad_outcome" and outcome.article is None
    assert outcome.links is not None
    assert outcome.links.articles == ["http://127.0.0.1/news/2024/05/01/one.html",
                                      "http://127.0.0.1/news/2024/05/01/two.html"]
    assert stats["newsproj/extract/error/bad_outcome"] == 1  # still a counted drop
    assert stats["newsproj/extract/links_after_timeout"] == 1
    assert caplog.text.count("read alone after its extraction failed (bad_outcome)") == 1
