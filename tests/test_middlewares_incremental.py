"""IncrementalMiddleware: which article requests are saved (not fetched again) and why."""

from __future__ import annotations

from scrapy import Request
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsproj.middlewares.incremental import IncrementalMiddleware, parse_time
from newsproj.state import Seen
from newsproj.state.ledger import ledger_for

EMITTED = "2024-09-12T10:00:00+00:00"


def middleware(tmp_path, **settings):
    crawler = get_crawler(settings_dict={"STATE_DIR": str(tmp_path / "state"), **settings})
    mw = build_from_crawler(IncrementalMiddleware, crawler)
    if ledger_for(crawler).store is not None:
        ledger_for(crawler).store.record("https://n.example/a", Seen("f", EMITTED))
    return crawler, mw


def article(url, lastmod=None, role="article"):
    meta = {"newsproj_role": role}
    if lastmod:
        meta["newsproj_hints"] = {"lastmod": lastmod}
    return Request(url, meta=meta)


def passed(mw, *requests):
    return [r.url for r in mw.process_spider_output(None, requests)]


def test_known_article_is_saved_unless_lastmod_is_newer(tmp_path):
    crawler, mw = middleware(tmp_path)
    assert passed(mw, article("https://n.example/a")) == []  # listing link: no lastmod
    assert passed(mw, article("https://n.example/a?utm_source=rss", "2024-09-12T09:00:00Z")) == []
    assert passed(mw, article("https://n.example/a", "2024-09-11")) == []
    assert passed(mw, article("https://n.example/a", "2024-09-12T11:30:00+02:00")) == []  # 09:30Z
    assert passed(mw, article("https://n.example/a", "2024-09-12T13:00:00+02:00")) == ["https://n.example/a"]
    assert passed(mw, article("https://n.example/a", "2024-09-12")) == ["https://n.example/a"]  # end of day
    assert passed(mw, article("https://n.example/new")) == ["https://n.example/new"]
    assert passed(mw, article("https://n.example/a", role="seed"), article("https://n.example/a", role="listing")) \
        == ["https://n.example/a", "https://n.example/a"]
    stats = crawler.stats.get_stats()
    assert stats["newsproj/incremental/saved"] == 4
    assert stats["newsproj/incremental/saved/no_lastmod"] == 1
    assert stats["newsproj/incremental/saved/lastmod_not_newer"] == 3
    assert stats["newsproj/incremental/refetch/lastmod_newer"] == 2
    assert stats["newsproj/incremental/saved_articles"] == 1


def test_lastmod_older_than_last_unchanged_check_is_saved(tmp_path):
    crawler, mw = middleware(tmp_path)
    ledger_for(crawler).store.record("https://n.example/a", Seen("f", EMITTED, lastmod="2024-09-20T00:00:00Z"))
    assert passed(mw, article("https://n.example/a", "2024-09-15T00:00:00Z")) == []
    assert passed(mw, article("https://n.example/a", "2024-09-21T00:00:00Z")) == ["https://n.example/a"]


def test_url_the_article_was_fetched_under_is_recognised(tmp_path):
    crawler, mw = middleware(tmp_path)
    ledger_for(crawler).store.record_alias("https://n.example/amp/a", "https://n.example/a")
    assert passed(mw, article("https://n.example/amp/a")) == []
    assert passed(mw, article("https://n.example/amp/b")) == ["https://n.example/amp/b"]


def test_the_ledger_knows_what_the_middleware_saves(tmp_path):
    """Ledger.knows (the spider's barren-listings rule) and the middleware ask the ledger one way: an article under
    its canonical URL, under a URL it was fetched under before (alias), or in the appended output file is known and
    saved; an alias whose article is not stored, or a new URL, is neither."""
    crawler, mw = middleware(tmp_path)
    ledger = ledger_for(crawler)
    ledger.store.record_alias("https://n.example/amp/a", "https://n.example/a")
    ledger.store.record_alias("https://n.example/amp/gone", "https://n.example/gone")
    ledger.seed([{"canonicalUrl": "https://n.example/b", "articleBody": "x"}])
    urls = ["https://n.example/a", "https://n.example/amp/a", "https://n.example/b", "https://n.example/amp/gone",
            "https://n.example/new"]
    assert [ledger.knows(u) for u in urls] == [True, True, True, False, False]
    assert passed(mw, *map(article, urls)) == ["https://n.example/amp/gone", "https://n.example/new"]
    assert ledger.stored("https://n.example/amp/a") == ("https://n.example/a", Seen("f", EMITTED))


def test_refresh_hours_refetches_old_undated_articles(tmp_path):
    crawler, mw = middleware(tmp_path, NEWSPROJ_INCREMENTAL_REFRESH_HOURS=24)
    assert passed(mw, article("https://n.example/a")) == ["https://n.example/a"]


def test_records_in_the_resumed_output_file_are_saved(tmp_path):
    crawler, mw = middleware(tmp_path, STATE_DIR="")
    ledger_for(crawler).seed([{"canonicalUrl": "https://n.example/b", "articleBody": "x"}])
    assert passed(mw, article("https://n.example/b", "2030-01-01")) == []
    assert crawler.stats.get_value("newsproj/incremental/saved/in_output_file") == 1


def test_parse_time():
    assert parse_time("2024-09-12").isoformat() == "2024-09-12T23:59:59+00:00"
    # a day with its zone: the end of that day there (not 02:00, not its midnight)
    assert parse_time("2024-09-12Z").isoformat() == "2024-09-12T23:59:59+00:00"
    assert parse_time("2024-09-12+02:00").isoformat() == "2024-09-12T21:59:59+00:00"
    assert parse_time("2024-09-12-05").isoformat() == "2024-09-13T04:59:59+00:00"
    assert parse_time("2024-02-30") is parse_time("2024-09-12+25:00") is None
    assert parse_time("2024-09-12T10:00:00Z").isoformat() == "2024-09-12T10:00:00+00:00"
    assert parse_time("2024-09-12T10:00:00").isoformat() == "2024-09-12T10:00:00+00:00"
    assert parse_time("yesterday") is None


def test_an_article_asked_about_then_exported_is_known_from_then_on(tmp_path):
    """Ledger.stored keeps its answers for the run (a link on many pages is looked up once), and forgets those a
    write of this run makes stale: an article asked about, then committed, under its URL, under an alias, or a
    check date a refetch recorded (the dedup pipeline). A legacy form (``?ref=``) is not read before a fetch (an
    old key may be another article's: the dedup pipeline reads it, :meth:`Ledger.previous`), so a write under it
    changes no answer."""
    crawler, _ = middleware(tmp_path)
    ledger = ledger_for(crawler)
    asks = ["https://n.example/c", "https://n.example/amp/d", "https://n.example/e?ref=home", "https://n.example/a"]
    assert [ledger.stored(u) for u in asks] == [None, None, None, ("https://n.example/a", Seen("f", EMITTED))]
    ledger.store.record("https://n.example/c", Seen("c", EMITTED))  # (written behind the ledger: not seen)
    assert ledger.stored("https://n.example/c") is None
    ledger.commit([("https://n.example/c", Seen("c", EMITTED)), ("https://n.example/d", Seen("d", EMITTED)),
                   ("https://n.example/e", Seen("e", EMITTED))], [], [("https://n.example/amp/d", "https://n.example/d")])
    ledger.record("https://n.example/a", Seen("f", EMITTED, lastmod="2024-09-20T00:00:00Z"))
    assert [ledger.stored(u) for u in asks] == [
        ("https://n.example/c", Seen("c", EMITTED)), ("https://n.example/d", Seen("d", EMITTED)),
        None, ("https://n.example/a", Seen("f", EMITTED, "2024-09-20T00:00:00Z"))]
    assert ledger.knows("https://n.example/amp/d")


def test_the_ledger_looks_a_url_up_once_and_keeps_a_bounded_number_of_answers(tmp_path, monkeypatch):
    from newsproj.state import ledger as ledger_module

    monkeypatch.setattr(ledger_module, "MEMO_SIZE", 3)
    crawler, _ = middleware(tmp_path)
    ledger = ledger_for(crawler)
    reads = []
    get = ledger.store.get
    monkeypatch.setattr(ledger.store, "get", lambda url: reads.append(url) or get(url))
    for _ in range(5):
        assert ledger.knows("https://n.example/a") and not ledger.knows("https://n.example/new")
    assert reads == ["https://n.example/a", "https://n.example/new"]
    for n in range(10):
        ledger.knows(f"https://n.example/{n}")
    assert len(ledger._memo) == 3 and not ledger._read_by
    long = "https://n.example/" + "x" * ledger_module.MEMO_MAX_URL  # (never kept: a hostile page's URL)
    ledger.knows(long)
    assert long not in ledger._memo and len(ledger._memo) == 3
