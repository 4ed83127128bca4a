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
def test_a_listing_like_an_article_stays_a_listing(path: str) -> None:
    from newsproj.extraction.page import process_page
    from newsproj.items import PageItem

    reason, html = review19_pages.LISTINGS[path]
    outcome = process_page(PageItem(url=review19_pages.BASE + path, html=html,
                                    date_downloaded="2026-12-01T00:00:00+00:00"))
    assert outcome.article is None and outcome.listing == reason, (outcome.listing, outcome.drop)


@pytest.mark.parametrize("path", sorted(review19_pages.AUTHORS))
def test_a_signature_under_the_text_names_the_author_beside_a_quotes_attribution(path: str) -> None:
    article = record(review19_pages.ARTICLES, path)
    assert [a.name for a in article.authors] == review19_pages.AUTHORS[path]
    assert review19_pages.AUTHORS[path][0] not in article.articleBody.split("\n")  # (the signature is no text)


@pytest.mark.parametrize("path", sorted(review19_pages.DATES))
def test_a_posts_own_date_below_its_text_beside_related_stories_dates_is_its_date(path: str) -> None:
    assert (record(review19_pages.ARTICLES, path).datePublished or "")[:10] == review19_pages.DATES[path]


# hostile input: session 18's 'posts', post-card and foreign-date rules and review19's changes to them read a bounded
# part of a page that decides how many posts, links, headings and dates it has (tests.hostile: a forked child with a
# deadline)

def _hostile(html: str):
    import lxml.html

    from newsproj.extraction import metadata

    tree = lxml.html.fromstring(f"<html><head><title>Page of everything</title></head><body><article><h1>Page of "
                                f"everything</h1>{html}</article></body></html>")
    return tree, metadata.read(tree)


POST_TEXT = "The council voted on Tuesday night to keep the baths open for five more years, the mayor said."


@pytest.mark.parametrize(("count", "wrap"), [(10_000, 0), (500, 200)])
def test_the_posts_verdict_over_10_000_posts_is_bounded(count: int, wrap: int) -> None:
    """verdict.listing_reason ('posts': linked titles, 'Continue reading', permalinks linked twice, an author page
    linked from every post, post cards; the page's own headline above them all) over 10,000 posts, and 500 posts each
    in 200 wrappers."""
    from newsproj.extraction.verdict import listing_reason
    from tests.hostile import finishes, letters

    posts = "".join(
        f"<section>{'<div>' * wrap}<h2><a href='/p/{i}.html'>Post {letters(i)}</a></h2><p>{POST_TEXT}</p>"
        f"<a href='/p/{i}.html'>Continue reading</a> <a href='/author/jane'>Jane Doe</a> <a href='/c/{i}'><h3>Card "
        f"{letters(i)}</h3><p>{POST_TEXT}</p></a>{'</div>' * wrap}</section>" for i in range(count))
    tree, page = _hostile("<p>Here are all of the posts we have written this year:</p>" + posts)
    body = "\n".join(["Here are all of the posts we have written this year:"] + [POST_TEXT] * count)
    finishes(listing_reason, tree, "https://example.com/blog/", body, page)


def test_a_date_among_10_000_related_stories_dates_is_judged_in_a_bounded_part_of_the_page() -> None:
    """metadata.foreign_day over a footer date and 10,000 dated related stories below the text (MAX_DATE_ELEMENTS
    date elements, each with _ITEM_LEVELS ancestors)."""
    from newsproj.extraction.metadata import foreign_day
    from tests.hostile import finishes, letters

    tree, _ = _hostile(f"<div><p>{POST_TEXT}</p></div><p>Posted on <time>28 November 2026</time> by <a href='/a/j'>"
                       "Jane</a></p><ul>" + "".join(
                           f"<li><a href='/n/{i}'>Story {letters(i)} here</a> <span class='date'>12 June 2026</span>"
                           "</li>" for i in range(10_000)) + "</ul>")
    for day in ("2026-11-28", "2026-06-12"):
        finishes(foreign_day, tree, day, POST_TEXT)


def test_the_whole_page_check_of_a_short_main_text_reads_a_page_of_100_000_elements_in_bounded_time() -> None:
    """generic._post_of_whole_page (the page's shown words, readability-lxml's block, then the prose of the rest of
    the main text: review19) on a main text of 300 words, 250 of them lines of one word, beside 100,000 empty
    elements: the block is taken (the rest is not prose) within the deadline."""
    import lxml.html

    from newsproj.extraction.generic import Readings, _post_of_whole_page
    from tests.hostile import finished, letters

    prose = [f"{POST_TEXT[:-1]} and {letters(i)} agreed." for i in range(2)]
    words = [letters(i) for i in range(300 - sum(len(line.split()) for line in prose))]
    main = "\n".join(prose + words)
    tree = lxml.html.fromstring("<html><body>" + "".join(f"<p>{line}</p>" for line in main.split("\n"))
                                + "<span></span>" * 100_000 + "</body></html>")
    readings = Readings(tree, "https://example.com/p/1.html")
    readings.made["readability"] = prose[0]
    assert finished(_post_of_whole_page, main, readings) == prose[0]
