"""newsproj/logformatter.py: Scrapy's item log entries, skipped only where no handler would emit them."""

from __future__ import annotations

import logging

import pytest
from scrapy import Spider
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsproj import logformatter, settings
from newsproj.exceptions import DuplicateArticle, InvalidArticle


@pytest.fixture
def scraper_logger(monkeypatch: pytest.MonkeyPatch):
    """A logger chain like Scrapy's under ``LOG_LEVEL=INFO``: loggers at NOTSET, one handler at INFO at the top
    (not the root: pytest's own handlers there take every level)."""
    top = logging.getLogger("newsproj-test-logs")
    top.propagate = False
    top.setLevel(logging.DEBUG)  # Scrapy's root is NOTSET: every level enabled, the handler filters
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: None  # type: ignore[method-assign]
    top.addHandler(handler)
    child = logging.getLogger("newsproj-test-logs.core.scraper")
    monkeypatch.setattr(logformatter, "SCRAPER_LOGGER", child)
    yield child, top, handler
    top.removeHandler(handler)
    top.setLevel(logging.NOTSET)


def _formatter() -> logformatter.LogFormatter:
    crawler = get_crawler(Spider, settings_dict={"LOG_FORMATTER": settings.LOG_FORMATTER})
    crawler.spider = crawler._create_spider("test")
    formatter = build_from_crawler(logformatter.LogFormatter, crawler)
    formatter.spider = crawler.spider  # type: ignore[attr-defined]
    return formatter


def test_an_entry_no_handler_takes_is_not_built(scraper_logger):
    child, top, handler = scraper_logger
    top.handlers = [handler]  # (pytest's captures, added to non-propagating loggers too, take every level)
    formatter = _formatter()
    spider = formatter.spider  # type: ignore[attr-defined]
    item = {"url": "http://a.example/1"}
    # a duplicate (DEBUG) and a scraped item (DEBUG) under LOG_LEVEL=INFO: nothing to log
    assert formatter.dropped(item, DuplicateArticle("dup", log_level="DEBUG"), None, spider) is None
    assert formatter.scraped(item, None, spider) is None
    # a drop at WARNING is logged as Scrapy logs it
    entry = formatter.dropped(item, InvalidArticle("bad", log_level="WARNING"), None, spider)
    assert entry is not None and entry["level"] == logging.WARNING and entry["args"]["item"] is item


def test_every_entry_is_built_when_a_handler_takes_it(scraper_logger):
    child, top, handler = scraper_logger
    top.handlers = [handler]
    formatter = _formatter()
    spider = formatter.spider  # type: ignore[attr-defined]
    item = {"url": "http://a.example/1"}
    handler.setLevel(logging.DEBUG)  # LOG_LEVEL=DEBUG
    assert formatter.dropped(item, DuplicateArticle("dup", log_level="DEBUG"), None, spider)["level"] == logging.DEBUG
    assert formatter.scraped(item, None, spider)["level"] == logging.DEBUG
    handler.setLevel(logging.INFO)
    extra = logging.Handler(logging.DEBUG)  # a capture on the way (a test's caplog, a debugging handler)
    child.addHandler(extra)
    try:
        assert formatter.dropped(item, DuplicateArticle("dup", log_level="DEBUG"), None, spider) is not None
    finally:
        child.removeHandler(extra)
    child.setLevel(logging.ERROR)  # a logger set above the level: logging itself would not build the record
    try:
        assert formatter.dropped(item, InvalidArticle("bad", log_level="WARNING"), None, spider) is None
    finally:
        child.setLevel(logging.NOTSET)


def test_the_crawls_use_it():
    crawler = get_crawler(settings_dict={"LOG_FORMATTER": settings.LOG_FORMATTER})
    assert crawler.settings["LOG_FORMATTER"] == "newsproj.logformatter.LogFormatter"
