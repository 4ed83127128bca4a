"""DedupPipeline: in-run and cross-run dedup, unchanged/changed articles, near-duplicates; the state learns a
record only once it is exported (item_scraped)."""

from __future__ import annotations

import pytest
from scrapy import signals
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsproj.exceptions import DuplicateArticle, UnchangedArticle
from newsproj.items import Article, Metadata
from newsproj.pipelines.dedup import DedupPipeline, fingerprint
from newsproj.state.ledger import ledger_for

STORY = " ".join(f"Sentence {i} of the council budget story, with enough words to shingle." for i in range(40))


def article(url: str, body: str = STORY, canonical: str | None = None) -> Article:
    return Article(url=url, canonicalUrl=canonical or url, headline="H", articleBody=body,
                   metadata=Metadata(dateDownloaded="2024-09-12T10:00:00+00:00"))


def pipeline(tmp_path, **settings):
    crawler = get_crawler(settings_dict={"STATE_DIR": str(tmp_path / "state"), **settings})
    return crawler, build_from_crawler(DedupPipeline, crawler)


def export(crawler, item):
    """What the engine does once the pipelines passed the item: the feed exporter writes it, item_scraped."""
    crawler.signals.send_catch_log(signals.item_scraped, item=item, response=None, spider=None)


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
    export(crawler, item)
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
    near = pipe.process_item(article("https://n.example/b", body=edited))
    assert near.metadata.nearDuplicateOf == "https://n.example/a"
    changed = pipe.process_item(article("https://n.example/a", body=edited.replace("Sentence 9", "Line 9")))
    assert changed.metadata.nearDuplicateOf is None  # its own earlier version does not count
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
