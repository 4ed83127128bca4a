"""DedupPipeline: in-run and cross-run dedup, unchanged/changed articles, near-duplicates; the state learns a
record only once the feed holds it durably (record_written, then records_durable)."""

from __future__ import annotations

from collections.abc import Iterator

import courlan
import pytest
from scrapy import signals
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler
from w3lib.url import url_query_cleaner

from newsproj import feeds
from newsproj.exceptions import DuplicateArticle, UnchangedArticle
from newsproj.items import Article, Metadata
from newsproj.pipelines import minhash
from newsproj.pipelines.dedup import DedupPipeline, fingerprint
from newsproj.state import Seen
from newsproj.state.files import FileStateStore
from newsproj.state.ledger import body_fingerprint, ledger_for
from newsproj.testing.server import FixtureServer
from tests.sites import PageSite, article_html, homepage

STORY = " ".join(f"Sentence {i} of the council budget story, with enough words to shingle." for i in range(40))


def article(url: str, body: str = STORY, canonical: str | None = None) -> Article:
    return Article(url=url, canonicalUrl=canonical or url, headline="H", articleBody=body,
                   metadata=Metadata(dateDownloaded="2024-09-12T10:00:00+00:00"))


def pipeline(tmp_path, **settings):
    crawler = get_crawler(settings_dict={"STATE_DIR": str(tmp_path / "state"), **settings})
    return crawler, build_from_crawler(DedupPipeline, crawler)


def export(crawler, item, durable=True):
    """What the feed exporter does once the pipelines passed the item: writes it (record_written), and once the
    feed is synced or stored, records_durable."""
    crawler.signals.send_catch_log(feeds.record_written, item=item)
    crawler.signals.send_catch_log(signals.item_scraped, item=item, response=None, spider=None)
    if durable:
        crawler.signals.send_catch_log(feeds.records_durable)


def test_same_url_and_same_content_in_one_run(tmp_path):
    crawler, pipe = pipeline(tmp_path)
    first = pipe.process_item(article("https://n.example/a"))
    export(crawler, first)
    with pytest.raises(DuplicateArticle):
        pipe.process_item(article("https://n.example/a?utm_source=x", body="Other body " * 50,
                                  canonical="https://n.example/a"))
    with pytest.raises(DuplicateArticle):
        pipe.process_item(article("https://n.example/world/a-copy"))  # syndicated: same text, other URL
    assert crawler.stats.get_value("newsproj/dedup/same_url") == 1
    assert crawler.stats.get_value("newsproj/dedup/same_content") == 1


def test_state_is_written_only_after_export(tmp_path):
    crawler, pipe = pipeline(tmp_path)
    store = ledger_for(crawler).store
    item = pipe.process_item(article("https://n.example/a"))
    assert store.get("https://n.example/a") is None  # passed the pipeline, not yet exported
    export(crawler, item, durable=False)
    assert store.get("https://n.example/a") is None  # written, not yet durable (no fsync, or published at close)
    with pytest.raises(DuplicateArticle):  # but this run knows it
        pipe.process_item(article("https://n.example/a"))
    crawler.signals.send_catch_log(feeds.records_durable)
    assert store.get("https://n.example/a").fingerprint == fingerprint(item)
    assert crawler.stats.get_value("newsproj/state/recorded") == 1
    export(crawler, pipe.process_item(article("https://n.example/amp/b?utm_source=x", body="Other. " * 40,
                                              canonical="https://n.example/b")))
    assert store.canonical_for("https://n.example/amp/b") == "https://n.example/b"
    assert store.canonical_for("https://n.example/a") is None


def test_next_run_drops_unchanged_and_emits_changed(tmp_path):
    crawler, pipe = pipeline(tmp_path)
    export(crawler, pipe.process_item(article("https://n.example/a")))
    export(crawler, pipe.process_item(article("https://n.example/b", body="Another story entirely. " * 30)))
    ledger_for(crawler).close()

    crawler, pipe = pipeline(tmp_path)  # the next run, same STATE_DIR
    emitted = ledger_for(crawler).store.get("https://n.example/a").emitted_at
    with pytest.raises(UnchangedArticle):
        pipe.process_item(article("https://n.example/a"))
    # still current when downloaded: remembered, so a bumped sitemap lastmod is not refetched every run
    assert ledger_for(crawler).store.get("https://n.example/a").lastmod == "2024-09-12T10:00:00+00:00"
    assert ledger_for(crawler).store.get("https://n.example/a").emitted_at == emitted
    changed = pipe.process_item(article("https://n.example/b", body="Another story, corrected. " * 30))
    assert changed.canonicalUrl == "https://n.example/b"
    with pytest.raises(DuplicateArticle):  # an earlier run emitted this text under another URL
        pipe.process_item(article("https://n.example/c", body=STORY))
    assert crawler.stats.get_value("newsproj/dedup/changed") == 1
    assert crawler.stats.get_value("newsproj/dedup/same_content_earlier_run") == 1


def test_near_duplicate_is_emitted_and_marked(tmp_path):
    crawler, pipe = pipeline(tmp_path)
    export(crawler, pipe.process_item(article("https://n.example/a")))
    edited = STORY.replace("Sentence 3 of", "Sentence three of").replace("Sentence 7 of", "Line 7 of")
    near = pipe.process_item(article("https://n.example/b", body=edited))
    assert near.metadata.nearDuplicateOf == "https://n.example/a"
    other = pipe.process_item(article("https://n.example/c", body="A different story about trains. " * 30))
    assert other.metadata.nearDuplicateOf is None
    assert crawler.stats.get_value("newsproj/dedup/near_duplicate") == 1


def test_without_state_only_in_run(tmp_path):
    crawler, pipe = pipeline(tmp_path, STATE_DIR="")
    assert ledger_for(crawler).store is None
    export(crawler, pipe.process_item(article("https://n.example/a")))
    crawler2, pipe2 = pipeline(tmp_path, STATE_DIR="")
    assert pipe2.process_item(article("https://n.example/a")).url == "https://n.example/a"


def test_records_of_the_output_file_are_not_written_again(tmp_path):
    crawler, pipe = pipeline(tmp_path, STATE_DIR="")
    ledger_for(crawler).seed([{"canonicalUrl": "https://n.example/a", "articleBody": STORY}])
    with pytest.raises(DuplicateArticle):
        pipe.process_item(article("https://n.example/a"))
    assert crawler.stats.get_value("newsproj/dedup/output_file") == 1


def test_near_duplicate_of_an_earlier_run(tmp_path):
    crawler, pipe = pipeline(tmp_path)
    export(crawler, pipe.process_item(article("https://n.example/a")))
    ledger_for(crawler).close()

    crawler, pipe = pipeline(tmp_path)  # next run: signatures of the last 7 days are loaded
    assert crawler.stats.get_value("newsproj/dedup/signatures_loaded") == 1
    edited = STORY.replace("Sentence 3 of", "Sentence three of")
    # (first: b, passed and not yet written, is a record of this run that a's new version nearly repeats)
    changed = pipe.process_item(article("https://n.example/a", body=edited.replace("Sentence 9", "Line 9")))
    assert changed.metadata.nearDuplicateOf is None  # its own earlier version does not count
    near = pipe.process_item(article("https://n.example/b", body=edited))
    assert near.metadata.nearDuplicateOf == "https://n.example/a"
    ledger_for(crawler).close()

    crawler, pipe = pipeline(tmp_path, NEARDUP_WINDOW_DAYS=0, NEWSPROJ_NEARDUP_WINDOW_DAYS=0)
    assert crawler.stats.get_value("newsproj/dedup/signatures_loaded") is None


def test_a_duplicate_of_an_article_not_yet_written_is_dropped(tmp_path):
    """Two copies can pass the pipelines back to back before the feed exporter has written the first (the engine
    sends item_scraped from a task of its own): the second is still a duplicate."""
    crawler, pipe = pipeline(tmp_path)
    first = pipe.process_item(article("https://n.example/a"))
    with pytest.raises(DuplicateArticle):
        pipe.process_item(article("https://n.example/a?utm_source=x", body="Other body " * 50,
                                  canonical="https://n.example/a"))
    with pytest.raises(DuplicateArticle):
        pipe.process_item(article("https://n.example/copy"))  # same content, another URL
    assert crawler.stats.get_value("newsproj/dedup/same_url") == 1
    assert crawler.stats.get_value("newsproj/dedup/same_content") == 1
    export(crawler, first)
    with pytest.raises(DuplicateArticle):
        pipe.process_item(article("https://n.example/copy"))


def test_an_article_dropped_after_dedup_frees_its_url(tmp_path):
    crawler, pipe = pipeline(tmp_path)
    first = pipe.process_item(article("https://n.example/a"))
    crawler.signals.send_catch_log(signals.item_error, item=first, response=None, spider=None, failure=None)
    assert pipe.process_item(article("https://n.example/a")).url == "https://n.example/a"


def test_a_record_the_feed_did_not_write_is_forgotten(tmp_path):
    crawler, pipe = pipeline(tmp_path)
    store = ledger_for(crawler).store
    item = pipe.process_item(article("https://n.example/a"))
    crawler.signals.send_catch_log(feeds.record_failed, item=item, reason="feed_failed")
    crawler.signals.send_catch_log(signals.item_scraped, item=item, response=None, spider=None)
    crawler.signals.send_catch_log(feeds.records_durable)
    assert store.get("https://n.example/a") is None
    assert pipe.process_item(article("https://n.example/a")) is not None  # not a duplicate: never written


def test_a_canonical_on_another_site_is_a_claim_that_drives_nothing(tmp_path):
    """Site B declaring site A's article as its canonical: before, B's record carried A's URL, A's real article was
    dropped as "same URL" and the state stopped later runs from fetching it."""
    crawler, pipe = pipeline(tmp_path)
    fake = pipe.process_item(article("https://copycat.example/x", body="Fake text. " * 40,
                                     canonical="https://www.site-a.example/real"))
    assert fake.canonicalUrl == "https://copycat.example/x"
    assert fake.metadata.canonicalClaim == "https://www.site-a.example/real"
    export(crawler, fake)
    real = pipe.process_item(article("https://www.site-a.example/real"))  # not a duplicate of the fake
    export(crawler, real)
    store = ledger_for(crawler).store
    assert store.get("https://www.site-a.example/real").fingerprint == fingerprint(real)
    assert crawler.stats.get_value("newsproj/dedup/canonical_claim_ignored") == 1
    own = pipe.process_item(article("https://m.site-a.example/other", body="Other. " * 40,
                                    canonical="https://www.site-a.example/other"))
    assert own.canonicalUrl == "https://www.site-a.example/other" and own.metadata.canonicalClaim is None


def test_the_same_text_on_another_site_is_exported_and_marked(tmp_path):
    crawler, pipe = pipeline(tmp_path)
    export(crawler, pipe.process_item(article("https://wire.example/story")))
    copy = pipe.process_item(article("https://paper.example/story-copy"))  # syndicated: another site
    assert copy.metadata.duplicateOf == "https://wire.example/story"
    export(crawler, copy)
    with pytest.raises(DuplicateArticle):  # the same site twice: still a duplicate
        pipe.process_item(article("https://paper.example/section/story-copy-2"))
    crawler2, pipe2 = pipeline(tmp_path)  # a later run: the earlier run's owner is another site too
    ledger_for(crawler).close()
    later = pipe2.process_item(article("https://third.example/story"))
    assert later.metadata.duplicateOf in ("https://wire.example/story", "https://paper.example/story-copy")


def test_no_credentials_in_any_url_of_a_record_or_the_state(tmp_path):
    from newsproj.items import Breadcrumb, Image

    crawler, pipe = pipeline(tmp_path)
    item = article("https://n.example/a", canonical="https://bob:hunter2@n.example/a")
    item.mainImage = Image(url="https://u:pw@img.n.example/a.jpg")
    item.breadcrumbs = [Breadcrumb(name="News", url="https://u:pw@n.example/news/")]
    export(crawler, pipe.process_item(item))
    assert "hunter2" not in repr(item) and "pw@" not in repr(item)
    assert ledger_for(crawler).store.get("https://n.example/a") is not None


# ---------------------------------------------------------------- signatures: datasketch's, computed cheaper

TEXTS = [
    STORY,
    "",
    "two words",
    "exactly four words here",
    "Wörter\u00a0mit\u2009Unicode-Leerraum und ÜMLAUTEN, ß und ﬁ-Ligatur " * 20,  # non-ASCII space, case folding
    "the same words again and again " * 50,  # repeated shingles
    " ".join(f"w{i}" for i in range(9000)),  # more shingles than minhash.CHUNK
]


@pytest.mark.parametrize("num_perm", [128, 64])
def test_signatures_are_datasketchs_bit_for_bit(num_perm):
    # Signatures stored by earlier runs (made with datasketch's MinHash) must keep matching this run's.
    datasketch = pytest.importorskip("datasketch")
    for text in TEXTS:
        expected = datasketch.MinHash(num_perm=num_perm)
        words = text.casefold().split()  # once: split inside the comprehension was quadratic (~3 s a case)
        expected.update_batch({" ".join(words[i : i + 4]).encode() for i in range(max(1, len(text.split()) - 3))})
        got = minhash.signature(minhash.shingles(text, 4), num_perm)
        assert got.dtype == expected.hashvalues.dtype
        assert got.tolist() == expected.hashvalues.tolist(), text[:40]


def test_bands_are_datasketchs():
    lsh = pytest.importorskip("datasketch.lsh")
    for num_perm in (16, 64, 128):
        for threshold in (0.3, 0.5, 0.7, 0.8, 0.9, 0.95):
            assert minhash.bands(threshold, num_perm) == lsh._optimal_param(threshold, num_perm, 0.5, 0.5)


def test_a_signature_stored_by_datasketch_finds_its_near_duplicate(tmp_path):
    datasketch = pytest.importorskip("datasketch")
    crawler, pipe = pipeline(tmp_path)
    old = datasketch.MinHash(num_perm=128)
    old.update_batch(set(minhash.shingles(STORY, 4)))
    ledger_for(crawler).store.record_signature("https://n.example/old", "2999-01-01T00:00:00+00:00",
                                               old.hashvalues.tobytes())
    ledger_for(crawler).close()
    crawler, pipe = pipeline(tmp_path)
    near = pipe.process_item(article("https://n.example/b", body=STORY.replace("Sentence 3 of", "Line 3 of")))
    assert near.metadata.nearDuplicateOf == "https://n.example/old"


def test_a_changed_article_replaces_its_signature(tmp_path):
    crawler, pipe = pipeline(tmp_path, STATE_DIR="")
    export(crawler, pipe.process_item(article("https://n.example/a")))
    other = " ".join(f"Paragraph {i} about trains and their winter timetables on the coast." for i in range(40))
    pipe.ledger.urls.pop("https://n.example/a")  # as if emitted again, changed (a later run)
    export(crawler, pipe.process_item(article("https://n.example/a", body=other)))
    edited = STORY.replace("Sentence 5 of", "Item 5 of")  # near the old text only
    assert pipe.process_item(article("https://n.example/b", body=edited)).metadata.nearDuplicateOf is None
    near = pipe.process_item(article("https://n.example/c", body=other.replace("Paragraph 9 about", "Part 9 on")))
    assert near.metadata.nearDuplicateOf == "https://n.example/a"


def written_batch(tmp_path, count: int, query: str = ""):
    """A dedup pipeline with a file store, and ``count`` AMP-fetched articles written to the feed, not yet
    durable (their state is staged for the next records_durable)."""
    crawler, pipe = pipeline(tmp_path)
    items = [pipe.process_item(article(f"https://n.example/amp/{n}{query}", body=f"Story {n}. " + STORY,
                                       canonical=f"https://n.example/{n}")) for n in range(count)]
    for item in items:
        export(crawler, item, durable=False)
    return crawler, pipe, ledger_for(crawler).store, items


def test_a_durable_batch_commits_its_signatures_and_aliases_in_one_transaction_each(tmp_path):
    """records_durable after a batch (a feed synced every 20 records, or published at close): every record's
    signature and alias is stored, with the articles in one SQLite transaction, not one per record (~0.05 ms
    each)."""
    crawler, pipe, store, items = written_batch(tmp_path, 5, "?utm_source=x")
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    crawler.signals.send_catch_log(feeds.records_durable)
    store.db.set_trace_callback(None)
    assert sum(s.strip().upper() == "BEGIN" for s in statements) == 1  # articles, signatures, aliases together
    stored = dict(store.db.execute("SELECT url, minhash FROM signatures"))
    assert stored == {item.canonicalUrl: pipe.lsh_keys[item.canonicalUrl].tobytes() for item in items}
    assert [store.canonical_for(f"https://n.example/amp/{n}") for n in range(5)] == [
        f"https://n.example/{n}" for n in range(5)]
    assert crawler.stats.get_value("newsproj/state/recorded") == 5


def test_a_durable_batch_is_stored_all_or_none(tmp_path):
    """The articles, their signatures and aliases of a batch are one transaction: a failure while storing the
    signatures (a disk full; a kill is the same window) leaves none of the batch done, so the next run emits them
    again (an upsert downstream), instead of keeping the articles as done with their signatures lost (a later near-
    duplicate of them never marked, nothing re-emitted)."""
    import sqlite3

    crawler, pipe, store, items = written_batch(tmp_path, 3)
    store.db.execute("CREATE TRIGGER full BEFORE INSERT ON signatures BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    pipe.records_durable()  # logged and counted: the run exits 5 (tests/e2e/test_integrity.py)
    assert [store.get(item.canonicalUrl) for item in items] == [None, None, None]
    assert store.db.execute("SELECT count(*) FROM aliases").fetchone() == (0,)
    assert crawler.stats.get_value(f"newsproj/state/not_saved/{sqlite3.IntegrityError.__name__}") == 3
    assert crawler.stats.get_value("newsproj/state/failed").endswith("disk full")


def test_a_record_adopted_after_a_kill_before_its_state_save_keeps_its_signature_and_alias(tmp_path):
    """A run killed after the feed's fsync, before records_durable: the restarted run adopts the record from the
    file (Ledger.adopt, as SafeFileFeedStorage does when it opens). Before: its article only, so a later near-
    duplicate was not marked (in the restarted run or after it) and its AMP URL was fetched again."""
    import json

    from newsproj.feeds import read_records

    crawler, pipe = pipeline(tmp_path)
    item = pipe.process_item(article("https://n.example/amp/a", canonical="https://n.example/a"))
    export(crawler, item, durable=False)  # written and fsynced; killed before the state save
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"url": item.url, "canonicalUrl": item.canonicalUrl,
                               "articleBody": item.articleBody}) + "\n")
    store = ledger_for(crawler).store
    store.db.close()  # the kill: nothing more reaches the state
    signed = pipe.lsh_keys["https://n.example/a"].tobytes()

    crawler, pipe = pipeline(tmp_path)  # the restart
    ledger = ledger_for(crawler)
    assert ledger.adopt(read_records(out), "2999-01-01T00:00:00+00:00") == 1
    assert ledger.store.get("https://n.example/a") is not None
    assert ledger.store.canonical_for("https://n.example/amp/a") == "https://n.example/a"
    stored = dict(ledger.store.db.execute("SELECT url, minhash FROM signatures"))
    assert stored == {"https://n.example/a": signed}  # the body as written is the body signed: the same bytes
    edited = STORY.replace("Sentence 7 of", "Line 7 of")
    assert pipe.process_item(article("https://n.example/b", body=edited)).metadata.nearDuplicateOf == \
        "https://n.example/a"  # in the restarted run
    ledger.close()

    crawler, pipe = pipeline(tmp_path)  # and in a later one, from the state
    assert pipe.process_item(article("https://n.example/c", body=edited)).metadata.nearDuplicateOf == \
        "https://n.example/a"


def test_adopting_a_file_keeps_no_record_once_read(tmp_path):
    """Ledger.adopt reads an output file a record at a time: an ``-o`` file a cron job appends to grows without end,
    and a run opening it must not hold every record (its body and all) until the last is read. d8dd61b kept them
    all (its restore step ran after the read): 20,000 records, 87 MB of JSON lines, grew the crawl process by
    94 MB (110 MB when none were in the state) before the first request; read one at a time, 2 MB (17 MB)."""
    import weakref

    class Record(dict):  # a dict that a weak reference can watch
        pass

    crawler, pipe = pipeline(tmp_path)
    ledger = ledger_for(crawler)
    alive: list[weakref.ref] = []

    def records():
        for n in range(50):
            record = Record(url=f"https://n.example/amp/{n}", canonicalUrl=f"https://n.example/{n}",
                            articleBody=f"Story {n}. " + STORY)
            alive.append(weakref.ref(record))
            yield record
            del record
            assert sum(ref() is not None for ref in alive) <= 1, "records read before are still held"

    assert ledger.adopt(records(), "2999-01-01T00:00:00+00:00") == 50
    assert all(ledger.store.get(f"https://n.example/{n}") is not None for n in range(50))
    assert ledger.store.canonical_for("https://n.example/amp/49") == "https://n.example/49"
    assert ledger.store.db.execute("SELECT count(*) FROM signatures").fetchone() == (50,)


def test_an_unchanged_articles_check_date_that_cannot_be_saved_fails_the_state_not_the_item(tmp_path):
    """An unchanged article's check date (``lastmod``: it need not be fetched again) is a state save like a durable
    batch: a store that fails it (disk full, Redis gone) is counted and fails the run's state (exit 5), and the
    page is dropped as unchanged all the same. Before, the store's exception left process_item: Scrapy's 'Error
    processing' traceback, an item error instead of UnchangedArticle, and the run exited 0."""
    import sqlite3

    crawler, pipe = pipeline(tmp_path)
    export(crawler, pipe.process_item(article("https://n.example/a")))
    ledger_for(crawler).close()

    crawler, pipe = pipeline(tmp_path)
    store = ledger_for(crawler).store
    store.db.execute("CREATE TRIGGER full BEFORE INSERT ON articles BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    later = article("https://n.example/a")
    later.metadata.dateDownloaded = "2024-09-13T10:00:00+00:00"
    with pytest.raises(UnchangedArticle):
        pipe.process_item(later)
    assert crawler.stats.get_value(f"newsproj/state/not_saved/{sqlite3.IntegrityError.__name__}") == 1
    assert crawler.stats.get_value("newsproj/state/failed").endswith("disk full")


OLD_FORM = "https://www.jpost.com/servlet/Satellite?c=JPArticle&pagename=JPost%2FJPArticle%2FShowFull"


def test_a_state_keyed_by_the_form_of_earlier_releases_is_still_read(tmp_path):
    """Releases before 2026-12 keyed the state by a canonical URL without courlan's whole tracker list (JPost's
    article id ``cid`` too): after an upgrade, an article they exported is unchanged (not exported again, nor
    dropped as another URL's text), and another under the same old key is a changed one (exported)."""
    crawler, pipe = pipeline(tmp_path)
    ledger_for(crawler).store.record(OLD_FORM, Seen(fingerprint(article("x")), "2024-09-01T00:00:00+00:00"))
    first = OLD_FORM.replace("c=JPArticle&", "c=JPArticle&cid=1001&")
    with pytest.raises(UnchangedArticle):
        pipe.process_item(article(first))
    assert crawler.stats.get_value("newsproj/dedup/unchanged") == 1
    # (now known under its own key: a later run does not fetch it; the old key is left to the others that shared it)
    assert ledger_for(crawler).store.get(first).lastmod == "2024-09-12T10:00:00+00:00"
    second = pipe.process_item(article(first.replace("1001", "1002"), body="Another story entirely. " * 30))
    assert second.canonicalUrl == first.replace("1001", "1002")


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    """One server for the runs of a site whose later runs' state names its ``host:port`` (crawl_site serves each
    run's site from it): bound once for them all. The port of a stopped server, served again, could be another
    xdist worker's by then (EADDRINUSE, or that worker's site crawled)."""
    server = FixtureServer(PageSite({})).start()
    yield server
    server.stop()


def _old_form(url: str) -> str:
    """canonical_url as the previous release made it (courlan's whole tracker list removed, ``cid`` too)."""
    return url_query_cleaner(courlan.normalize_url(url), (), remove=True, unique=False, keep_fragments=False)


def test_articles_whose_id_is_cid_are_two_records_and_an_old_state_still_knows_them(tmp_path, crawl_site, server):
    """Two articles ``/servlet/Satellite?c=JPArticle&cid=N`` without a canonical link (JPost's shape): the
    previous release gave both one canonicalUrl (``cid`` is on courlan's tracker list) and dedup dropped the
    second. A scheduled run after the upgrade, over a state that release wrote (keyed by its form: one key, the
    article it exported), fetches each once: the one exported is not written again (the content under the old
    key is its), the one it lost is written; a later run fetches neither."""
    links = [f"/servlet/Satellite?c=JPArticle&cid={n}&pagename=JPArticle" for n in (1001, 1002)]
    pages = {"/robots.txt": ("text/plain", "User-agent: *\nAllow: /\n"),
             "/": ("text/html; charset=utf-8", homepage(links))}
    for n, link in enumerate(links):
        pages[link] = ("text/html; charset=utf-8", article_html(link, f"Harbour council story {n}", n=n))
    result, records = crawl_site(PageSite(pages), "/", "-s", f"STATE_DIR={tmp_path / 'new'}", server=server)
    assert sorted(records) == links, result.stats
    assert len({r["canonicalUrl"] for r in records.values()}) == 2
    assert "newsproj/dedup/same_url" not in result.stats

    old = FileStateStore(tmp_path / "old")  # what the previous release's run stored of these records
    emitted = "2024-09-30T10:00:00+00:00"
    old.record_many([(_old_form(r["canonicalUrl"]), Seen(body_fingerprint(r["articleBody"]), emitted))
                     for r in records.values()])
    exported = next(link for link, r in records.items()  # (record_many: the last one written under the key)
                    if old.get(_old_form(r["canonicalUrl"])).fingerprint == body_fingerprint(r["articleBody"]))
    old.close()
    again, records = crawl_site(PageSite(pages), "/", "-s", f"STATE_DIR={tmp_path / 'old'}", server=server)
    assert sorted(records) == [link for link in links if link != exported]
    assert again.stats.get("newsproj/dedup/unchanged") == 1 and again.stats.get("newsproj/dedup/old_form_other") == 1
    third, records = crawl_site(PageSite(pages), "/", "-s", f"STATE_DIR={tmp_path / 'old'}", server=server)
    assert records == {}
    assert third.stats.get("newsproj/incremental/saved") == 2, third.stats


def test_a_new_article_whose_old_form_an_old_state_holds_is_fetched_and_written(tmp_path, crawl_site, server):
    """The previous release gave every ``/article.aspx?cid=N`` one canonical URL (``/article.aspx``): its state
    holds that key for the one it exported (cid=1180; cid=1181 was dropped as its duplicate). After the upgrade the
    ledger also looked a URL up under its old form, and took the hit for this article: the lost cid=1181 and every
    article published since (cid=1199) were "known", never fetched, on every later run. An old-form hit is one
    article among those that shared the key: the page is fetched once, and only its content says whether it is the
    one exported (not written again, then known under its own key) or another (written)."""
    links = [f"/article.aspx?cid={n}" for n in (1180, 1181, 1199)]
    pages = {"/robots.txt": ("text/plain", "User-agent: *\nAllow: /\n"),
             "/": ("text/html; charset=utf-8", homepage(links))}
    for n, link in enumerate(links):
        pages[link] = ("text/html; charset=utf-8", article_html(link, f"Harbour council story {n}", n=n + 20))
    result, records = crawl_site(PageSite(pages), "/", "-s", f"STATE_DIR={tmp_path / 'new'}", server=server)
    assert sorted(records) == links

    old = FileStateStore(tmp_path / "old")  # what the previous release stored: cid=1180, under its one old key
    old.record(_old_form(records[links[0]]["canonicalUrl"]),
               Seen(body_fingerprint(records[links[0]]["articleBody"]), "2024-09-30T10:00:00+00:00"))
    old.close()
    state = f"STATE_DIR={tmp_path / 'old'}"
    again, records = crawl_site(PageSite(pages), "/", "-s", state, server=server)
    assert sorted(records) == links[1:], again.stats  # (cid=1180: unchanged, not written again)
    assert again.stats.get("newsproj/dedup/unchanged") == 1
    site = PageSite(pages)
    third, records = crawl_site(site, "/", "-s", state, server=server)
    assert records == {} and site.served == ["/robots.txt", "/"], site.served
    assert third.stats.get("newsproj/incremental/saved") == 3, third.stats


def test_a_near_copy_of_a_record_not_yet_written_is_marked(tmp_path):
    """As for exact copies (above): a record passed and not yet written (held by the template pipeline on a first
    crawl, or in flight) counts as an earlier record; once it has left the engine unwritten, it no longer does."""
    crawler, pipe = pipeline(tmp_path)
    first = pipe.process_item(article("https://n.example/a"))
    near = pipe.process_item(article("https://n.example/b", body=STORY.replace("Sentence 3 of", "Sentence three of")))
    assert near.metadata.nearDuplicateOf == "https://n.example/a"
    pipe.item_dropped(first)
    pipe.item_dropped(near)
    again = pipe.process_item(article("https://n.example/c", body=STORY.replace("Sentence 5 of", "Sentence five of")))
    assert again.metadata.nearDuplicateOf is None
    assert pipe.passing_sigs == {"https://n.example/c": pipe.pending[id(again)][1]}


def test_a_near_copy_of_a_record_dropped_before_it_was_written_names_no_record(tmp_path):
    """b nearly repeats a, which passed and is not yet written (held by the template pipeline): b is marked
    nearDuplicateOf a. A later pipeline then drops a (the WARC pipeline's language filter, a failed write): b named
    a record no output holds. It is marked again with the closest record left: another written one, or none."""
    crawler, pipe = pipeline(tmp_path)
    a = pipe.process_item(article("https://n.example/a"))
    b = pipe.process_item(article("https://n.example/b", body=STORY + " One more sentence at the end."))
    assert b.metadata.nearDuplicateOf == "https://n.example/a"
    crawler.signals.send_catch_log(signals.item_dropped, item=a, response=None, exception=Exception("x"), spider=None)
    assert "https://n.example/a" not in pipe.passing_sigs  # (its signature left the in-flight index)
    export(crawler, b)
    assert b.metadata.nearDuplicateOf is None
    assert crawler.stats.get_value("newsproj/dedup/near_duplicate") == 0
    # with another record written that b's next copy nearly repeats, that one is named instead
    c = pipe.process_item(article("https://n.example/c", body=STORY + " A different last sentence here."))
    d = pipe.process_item(article("https://n.example/d", body=STORY + " A different last sentence here!"))
    assert d.metadata.nearDuplicateOf == "https://n.example/c"
    crawler.signals.send_catch_log(feeds.record_failed, item=c, reason="feed_failed")
    assert d.metadata.nearDuplicateOf == "https://n.example/b"  # (b is written; c never will be)
    export(crawler, d)
    assert crawler.stats.get_value("newsproj/dedup/near_duplicate") == 2  # c (of b) and d (of b)
    assert not pipe.marked_in_flight and not pipe.passing_sigs
