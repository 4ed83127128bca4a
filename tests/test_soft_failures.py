"""Soft failures (newsproj/soft_failures.py): a step that fails on a page is noted with a reason from a fixed set,
and the page's outcome carries the reasons of its own steps only."""

from __future__ import annotations

import re

from newsproj import soft_failures
from newsproj.extraction.page import process_page
from newsproj.items import PageItem

TEXT = "".join(f"<p>The council met on Monday, its {n} meeting of the year, and agreed to repair the old bridge over "
               f"the river before the winter comes and the {n} storm of the season closes the road again.</p>"
               for n in ("first", "second", "third", "fourth"))


def _page(head: str, name: str = "story") -> PageItem:
    html = f"<html><head><title>Bridge repairs agreed</title>{head}</head><body><article><h1>Bridge repairs " \
           f"agreed</h1>{TEXT}</article></body></html>"
    return PageItem(url=f"http://127.0.0.1/2024/09/12/{name}", html=html, date_downloaded="2024-09-12T10:00:00+00:00")


def test_a_page_carries_the_soft_failures_of_its_own_steps():
    cut = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge</script>'
    deep = '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
    broken = process_page(_page(cut + cut + deep))
    assert broken.article is not None  # (the page went on without the scripts)
    assert sorted(broken.soft_failures) == ["jsonld_too_deep", "jsonld_unreadable", "jsonld_unreadable"]
    clean = process_page(_page("", "other"))
    assert clean.article is not None and clean.soft_failures == ()


def test_notes_left_by_an_earlier_call_are_not_the_next_pages():
    soft_failures.note("htmldate")  # (as a page interrupted by its time limit leaves them)
    assert process_page(_page("")).soft_failures == ()


def test_notes_are_bounded_and_reasons_are_stat_key_words():
    for _ in range(soft_failures.MAX_NOTED * 3):
        soft_failures.note("trafilatura")
    assert len(soft_failures.take()) == soft_failures.MAX_NOTED
    assert soft_failures.take() == ()
    assert all(re.fullmatch(r"[a-z_]+", reason) for reason in soft_failures.REASONS)


def test_a_title_of_a_megabyte_gives_a_headline_of_a_headlines_length_and_a_reason():
    # (hostile input: a <title> of a megabyte with no separator in it, and no heading that agrees with it, was the
    # record's headline whole; an og:title of as much too)
    long = "Bridge repairs agreed " * 50_000
    for head in (f"<title>{long}</title>", f"<meta property='og:title' content='{long}'>"):
        html = f"<html><head>{head}</head><body><article>{TEXT}</article></body></html>"
        outcome = process_page(PageItem(url="http://127.0.0.1/2024/09/12/long", html=html,
                                        date_downloaded="2024-09-12T10:00:00+00:00"))
        assert outcome.article is not None
        headline = outcome.article.headline
        assert 500 < len(headline) <= 1000 and long.startswith(headline) and long[len(headline)] == " "
        assert outcome.soft_failures == ("headline_cut",)
    # a headline of an ordinary length is not touched
    assert process_page(_page("", "short")).soft_failures == ()
