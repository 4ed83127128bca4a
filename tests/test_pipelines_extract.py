"""The extraction step's process-level housekeeping: cache resets where the caches live, a quiet reset."""

from __future__ import annotations

import logging

import pytest

from newsproj.extraction import parse_html
from newsproj.pipelines import extract as extract_pipeline
from newsproj.pipelines.extract import ExtractPipeline

PAGE = (
    "<html><head><title>A headline</title></head><body><article>"
    + ("<p>" + "word " * 80 + "</p>") * 3
    + "</article></body></html>"
)


def test_caches_are_reset_every_n_pages_in_the_extracting_process(monkeypatch: pytest.MonkeyPatch) -> None:
    resets = []
    monkeypatch.setattr(extract_pipeline, "reset_caches", lambda: resets.append(1))
    monkeypatch.setattr(extract_pipeline, "_extracted", 0)
    for _ in range(7):
        extract_pipeline._extract_counted(3, PAGE, "https://example.com/a", None, {}, "2024-05-01T00:00:00Z")
    assert len(resets) == 2
    monkeypatch.setattr(extract_pipeline, "_extracted", 0)
    for _ in range(7):
        extract_pipeline._extract_counted(0, PAGE, "https://example.com/a", None, {}, "2024-05-01T00:00:00Z")
    assert len(resets) == 2  # 0 = never


def test_cache_reset_logs_no_error(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        extract_pipeline.reset_caches()
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not logging.getLogger("htmldate.meta").disabled  # switched back on


def test_parsed_tree_is_lxml_html_with_one_element_class() -> None:
    tree = parse_html("<html><body><form><input name=q></form><p>text<!-- note --></p></body></html>")
    assert {type(el).__name__ for el in tree.iter() if isinstance(el.tag, str)} == {"HtmlElement"}
    assert tree.text_content() == "text"
    assert tree.xpath("//input/@name") == ["q"]


def test_page_bytes_parse_as_the_crawl_decoded_them() -> None:
    text = "<html><body><p>Café – naïve ☕</p><p>end</p></body></html>"
    for body, encoding in (
        (text.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8"),  # a byte-order mark
        (text.replace("☕", "").encode("cp1252"), "cp1252"),
    ):
        tree = parse_html(body, encoding)
        assert tree.xpath("string(//p[1])").startswith("Café – naïve"), encoding
        assert tree.xpath("string(//p[2])") == "end"
    # invalid UTF-8 under a UTF-8 label: replaced where it is wrong, the rest of the page is kept
    tree = parse_html(b"<html><body><p>caf\xe9 au lait</p><p>end</p></body></html>", "utf-8")
    assert tree.xpath("string(//p[1])") == "caf\ufffd au lait"
    assert tree.xpath("string(//p[2])") == "end"


def test_site_registry_switched_off_gives_the_generic_path() -> None:
    """NEWSPROJ_SITE_REGISTRY=0: a page of a registered site (bbc.toml takes its body from text-block components)
    is extracted and cleaned as a site without a file would be."""
    import asyncio

    from scrapy.utils.misc import build_from_crawler
    from scrapy.utils.test import get_crawler

    from newsproj.items import PageItem
    from newsproj.pipelines.clean import CleanPipeline

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
        extract, clean = build_from_crawler(ExtractPipeline, crawler), build_from_crawler(CleanPipeline, crawler)
        item = PageItem(url="https://www.bbc.com/news/uk-1", html=page.encode(), encoding="utf-8",
                        date_downloaded="2024-05-01T00:00:00+00:00", site=None, hints={})
        bodies[registry] = clean.process_item(asyncio.run(extract.process_item(item))).articleBody
    assert "board" not in bodies["1"]  # the site's body rule: text blocks only
    assert "board" in bodies["0"] and "council" in bodies["0"]
