"""The extraction step's process-level housekeeping: cache resets where the caches live, a quiet reset."""

from __future__ import annotations

import logging

import pytest

from newsproj.extraction import parse_html
from newsproj.pipelines import extract as extract_pipeline

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
