"""Session 18's verdict rules met with pages of their own text (review19, tests/review19_pages.py): each article
gives its record with its lines, and the listings none (the extraction path: process_page)."""

from __future__ import annotations

import pytest

from tests import review19_pages
from tests.probe_lookalikes import record


@pytest.mark.parametrize("path", sorted(review19_pages.ARTICLES))
def test_an_article_like_a_page_of_posts_gives_its_record(path: str) -> None:
    record(review19_pages.ARTICLES, path)


@pytest.mark.parametrize("path", sorted(review19_pages.LISTINGS))
def test_a_page_of_posts_stays_a_listing(path: str) -> None:
    from newsproj.extraction.page import process_page
    from newsproj.items import PageItem

    outcome = process_page(PageItem(url=review19_pages.BASE + path, html=review19_pages.LISTINGS[path],
                                    date_downloaded="2026-12-01T00:00:00+00:00"))
    assert outcome.article is None and outcome.listing == "posts", (outcome.listing, outcome.drop)


@pytest.mark.parametrize("path", sorted(review19_pages.DATES))
def test_a_posts_own_date_below_its_text_beside_related_stories_dates_is_its_date(path: str) -> None:
    assert (record(review19_pages.ARTICLES, path).datePublished or "")[:10] == review19_pages.DATES[path]
