"""The quality gate: pages that are not articles are dropped, each under its reason (fixtures/pages/*.html)."""

import asyncio
from pathlib import Path

import lxml.html
import pytest
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsproj.discovery.pages import not_article_reason, page_verdict
from newsproj.exceptions import NotAnArticle
from newsproj.extraction import extract
from newsproj.items import Article, PageItem
from newsproj.pipelines.extract import ExtractPipeline

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"
NOT_ARTICLES = {
    "tag-page.html": "tag",
    "index-page.html": "index",
    "live-blog-shell.html": "live_blog",
    "video-only.html": "video",
    "paywall-stub.html": "paywall",
    "error-page.html": "error_page",
    "consent-wall.html": "consent_wall",
    "short-brief.html": "too_short",
}


def _html(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_every_fixture_page_has_an_expectation():
    assert {p.name for p in PAGES.glob("*.html")} == {*NOT_ARTICLES, "article.html"}


@pytest.mark.parametrize(("name", "reason"), sorted(NOT_ARTICLES.items()))
def test_not_an_article_is_dropped_under_its_reason(name, reason):
    with pytest.raises(NotAnArticle) as info:
        extract(_html(name), f"http://127.0.0.1/{name}")
    assert info.value.reason == reason


def test_article_passes_the_gate():
    article = extract(_html("article.html"), "http://127.0.0.1/article.html").article
    assert article.headline == "Harbour authority approves second ferry terminal"
    assert "The harbour authority of Pell approved plans" in article.articleBody


def test_a_long_text_is_never_called_a_stub():
    # A real article that happens to mention cookies and subscriptions is not a consent wall or paywall.
    tree = lxml.html.fromstring(_html("paywall-stub.html"))
    prose = "Subscribe to continue reading the cookie policy. " + "The council met again on Monday. " * 40
    assert not_article_reason(tree, prose, len(prose.split())) is None


@pytest.mark.parametrize(
    ("name", "is_article"),
    [("article.html", True), ("tag-page.html", False), ("index-page.html", False)],
)
def test_page_verdict(name, is_article):
    assert page_verdict(lxml.html.fromstring(_html(name)))[0] is is_article


@pytest.mark.parametrize("workers", [0, 1], ids=["in_process", "pool"])
def test_pipeline_counts_each_drop_under_its_reason(workers):
    """The reason survives the trip back from an extraction pool worker."""
    crawler = get_crawler(settings_dict={"NEWSPROJ_EXTRACT_WORKERS": workers})
    crawler.stats.open_spider()
    pipeline = build_from_crawler(ExtractPipeline, crawler)
    pipeline.open_spider()

    def process(item):
        return asyncio.run(pipeline.process_item(item))

    try:
        for name in ("tag-page.html", "paywall-stub.html", "paywall-stub.html", "error-page.html"):
            item = PageItem(url=f"http://127.0.0.1/{name}", html=_html(name),
                            date_downloaded="2024-09-12T10:00:00+00:00")
            with pytest.raises(NotAnArticle):
                process(item)
        item = PageItem(url="http://127.0.0.1/article.html", html=_html("article.html"),
                        date_downloaded="2024-09-12T10:00:00+00:00")
        assert isinstance(process(item), Article)
    finally:
        pipeline.close_spider()
    stats = crawler.stats.get_stats()
    assert stats["newsproj/extract/not_article/tag"] == 1
    assert stats["newsproj/extract/not_article/paywall"] == 2
    assert stats["newsproj/extract/not_article/error_page"] == 1
    assert stats["newsproj/extract/ok"] == 1


@pytest.mark.parametrize(
    "title",
    ["500 days of war: the front line in numbers", "Missing hiker not found after three days",
     "Error in the vote count delays the result"],
)
def test_a_short_article_with_a_number_or_error_in_its_title_is_not_an_error_page(title):
    text = "The council met again on Monday and said very little about it, as usual. " * 3
    tree = lxml.html.fromstring(f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
                                f"<p>{text}</p></body></html>")
    assert not_article_reason(tree, text, len(text.split())) != "error_page"
