"""The carried field and cleaning defects (fields18, issue 11) through the whole item path (extraction, verdict,
cleaning): each page of tests/field_pages.py gives its record with its lines, without its chrome, with its authors
and its date."""

from __future__ import annotations

import pytest

from newsproj.extraction.page import process_page
from newsproj.items import PageItem
from tests import field_pages

BASE = "http://127.0.0.1:8000"


def _record(path: str):
    html, lines = field_pages.ARTICLES[path]
    outcome = process_page(PageItem(url=BASE + path, html=html, date_downloaded="2024-11-01T00:00:00+00:00"))
    assert outcome.article is not None, (path, outcome.listing, outcome.drop)
    return outcome.article, outcome.removed


@pytest.mark.parametrize("path", sorted(field_pages.ARTICLES))
def test_each_page_keeps_its_prose_and_loses_its_chrome(path):
    article, removed = _record(path)
    body = article.articleBody.split("\n")
    assert [line for line in field_pages.ARTICLES[path][1] if line not in body] == [], (body, removed)
    assert [line for line in field_pages.ABSENT.get(path, ()) if line in body] == [], body


@pytest.mark.parametrize("path", sorted(field_pages.AUTHORS))
def test_each_page_gives_its_authors(path):
    article, _ = _record(path)
    assert [a.name for a in article.authors] == field_pages.AUTHORS[path]


@pytest.mark.parametrize("path", sorted(field_pages.DATES))
def test_each_page_gives_its_date(path):
    article, _ = _record(path)
    assert (article.datePublished or "")[:10] == field_pages.DATES[path]
