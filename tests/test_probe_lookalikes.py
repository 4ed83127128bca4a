"""Article pages that look like what the script-and-shape probe's rules take off or judge (review17: an outside
attack on them; the pages are tests/probe_lookalikes.py). Each page gives its record, with its lines, through the
whole item path (extraction, verdict, cleaning)."""

from __future__ import annotations

from newsproj.extraction.page import process_page
from newsproj.items import PageItem
from tests import probe_lookalikes

BASE = "http://127.0.0.1:8000"


def _record(path: str):
    html, lines = probe_lookalikes.ARTICLES[path]
    outcome = process_page(PageItem(url=BASE + path, html=html, date_downloaded="2024-11-01T00:00:00+00:00"))
    assert outcome.article is not None, (path, outcome.listing, outcome.drop)
    body = outcome.article.articleBody.split("\n")
    assert [line for line in lines if line not in body] == [], (body, outcome.removed)
    return outcome.article


def test_a_list_article_of_linked_names_above_their_text_after_its_intro_is_an_article():
    """A linked name, a line break, the item's text: a teaser's shape (a headline above its summary), but after an
    intro sentence of the page's own, as a list article opens; a tag page of such teasers opens with none."""
    _record("/whatson/2024/06/five-walks-br.html")
