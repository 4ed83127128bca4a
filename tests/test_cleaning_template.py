"""Template lines (newsproj/cleaning/template.py): what repeats across a site's pages goes, what a page repeats of
itself or another site says stays."""

from __future__ import annotations

import pytest

from newsproj.cleaning.template import MAX_WORDS, SiteLines, TemplateLines, line_hash, site_key
from tests.hostile import finishes
from tests.hostile import letters as _word  # (digits are folded in line keys: "7 comments" is "23 comments")


def article(n: int, words: int = 60) -> list[str]:
    """Prose of article ``n``: three paragraphs of its own."""
    return [" ".join(_word(n * 1000 + k * 100 + i) for i in range(words // 3)) + "." for k in range(3)]


def body(n: int, head: tuple[str, ...] = (), tail: tuple[str, ...] = (), middle: str | None = None) -> str:
    prose = article(n)
    if middle:
        prose.insert(1, middle)
    return "\n".join([*head, *prose, *tail])


TAIL = ("Kommentar schreiben", "Drucken | Versenden")


def test_a_line_on_three_pages_of_a_site_is_template_from_the_third_page_on():
    lines = TemplateLines(min_pages=3)
    found = [lines.apply("example.com", body(n, tail=TAIL)) for n in range(5)]
    assert [len(f.removed) for f in found] == [0, 0, 2, 2, 2]
    assert found[3].text == "\n".join(article(3))
    assert {reason for _, reason in found[4].removed} == {"template"}


def test_the_history_of_a_site_removes_its_template_from_the_first_page():
    first = TemplateLines(min_pages=3)
    for n in range(4):
        first.apply("example.com", body(n, tail=TAIL))
    saved = first.sites["example.com"].to_json("example.com")
    second = TemplateLines(min_pages=3, load=lambda key: SiteLines.from_json(saved, 3, 4000))
    found = second.apply("example.com", body(10, tail=TAIL))
    assert found.text == "\n".join(article(10))
    assert {reason for _, reason in found.removed} == {"template_history"}


def test_one_article_under_many_urls_never_makes_its_body_template():
    lines = TemplateLines(min_pages=3)
    same = body(1, tail=("Short line of the article itself.",))
    found = [lines.apply("example.com", same) for _ in range(10)]
    assert all(f.text == same for f in found)


def test_a_line_between_paragraphs_stays_though_every_page_has_it():
    # (two words: a one-word line is never template, so "Ingredients" alone could not tell whether the edge rule
    # holds; the same line at the end of the body goes)
    lines = TemplateLines(min_pages=3)
    found = [lines.apply("example.com", body(n, middle="Ingredients and method")) for n in range(6)]
    assert all("Ingredients and method" in f.text.split("\n") for f in found)
    found = [lines.apply("example.com", body(n, tail=("Ingredients and method",))) for n in range(10, 13)]
    assert "Ingredients and method" not in found[-1].text.split("\n")


def test_a_question_every_page_asks_stays():
    lines = TemplateLines(min_pages=3)
    found = [lines.apply("example.com", body(n, head=("What is the latest development?",))) for n in range(6)]
    assert all(f.text.startswith("What is the latest development?\n") for f in found)


def test_a_template_run_is_read_at_most_edge_lines_from_the_edge():
    from newsproj.cleaning.template import EDGE_LINES

    footer = tuple(f"Footer link {_word(k)} here" for k in range(EDGE_LINES + 3))
    lines = TemplateLines(min_pages=3)
    found = [lines.apply("example.com", body(n, tail=footer)) for n in range(4)][-1]
    assert found.text.split("\n")[-3:] == list(footer[:3])  # the lines past the window stay
    assert len(found.removed) == EDGE_LINES


def test_a_page_of_many_short_lines_teaches_at_most_max_page_lines():
    lines = TemplateLines(min_pages=3, max_page_lines=200)
    lines.apply("example.com", "\n".join(f"Short line {_word(k)} here" for k in range(50_000)))
    assert len(lines.sites["example.com"].lines) == 200


def test_one_sites_lines_never_touch_another_sites_records():
    lines = TemplateLines(min_pages=3)
    for n in range(10):  # a hostile site repeats another site's closing line on all its pages
        lines.apply("evil.example", body(n, tail=("The mayor said she would decide by Friday.",)))
    victim = body(99, tail=("The mayor said she would decide by Friday.",))
    assert lines.apply("news.example", victim).text == victim


def test_a_page_claiming_another_site_is_a_site_of_its_own_host():
    assert site_key("evil.example", "bbc.co.uk") == "evil.example bbc.co.uk"
    assert site_key("bbc.co.uk", "bbc.co.uk") == "bbc.co.uk"
    assert site_key("evil.example", "bbc.co.uk") != site_key("bbc.co.uk", "bbc.co.uk")


def test_counters_and_language_do_not_matter():
    assert line_hash("7 Kommentare") == line_hash("23 kommentare")
    lines = TemplateLines(min_pages=3)
    found = [lines.apply("example.jp", body(n, head=(f"コメント{n}件",))) for n in range(4)]
    assert found[3].text == "\n".join(article(3))


def test_a_body_of_template_only_keeps_its_lines():
    lines = TemplateLines(min_pages=2)
    short = ["One more", "Two more", "Three more"]
    for n in range(3):
        found = lines.apply("example.com", "\n".join([*short, f"Only a few words here {_word(n)}."]))
    assert found.text.endswith("here c.") and len(found.removed) == 3  # a short article loses its template
    found = lines.apply("example.com", "\n".join(short))
    assert found.removed == [] and found.kept_all == 3


def test_a_name_signed_under_every_post_stays():
    lines = TemplateLines(min_pages=3)
    found = [lines.apply("blog.example", body(n, tail=("Ross",))) for n in range(5)]
    assert all(f.text.endswith("\nRoss") for f in found)


def test_a_one_word_line_inside_the_template_does_not_end_it():
    lines = TemplateLines(min_pages=3)
    form = ("No comments yet.", "Name (required)", "Website", "If you like it, link back to us please")
    found = [lines.apply("blog.example", body(n, tail=form)) for n in range(4)]
    assert found[3].text == "\n".join([*article(3), "Website"])


def test_long_lines_are_never_template():
    lines = TemplateLines(min_pages=2, max_words=20)
    disclaimer = "This article is for information only and " + "is not advice " * 10
    found = [lines.apply("example.com", body(n, tail=(disclaimer,))) for n in range(4)]
    assert all(disclaimer.strip() in f.text for f in found)


def test_a_site_whose_longest_line_is_its_own_notice_still_learns_its_template():
    """A long terms-of-use notice under every page is each page's longest line: the pages are still different
    articles (their second-longest lines differ), so the short lines they share become template."""
    notice = "This service is provided on the site's standard terms and conditions. " * 12
    lines = TemplateLines(min_pages=3)
    found = [lines.apply("example.com", body(n, tail=(notice, *TAIL))) for n in range(4)]
    assert [len(f.removed) for f in found] == [0, 0, 2, 2]
    assert found[3].text == "\n".join([*article(3), notice])


def test_a_sign_off_of_two_sentences_is_template_a_paragraph_is_not():
    """A site's sign-off (a newsletter offer of 25-40 words) repeated at the end of its pages goes like a label;
    a line over ``MAX_WORDS`` words stays, however often it repeats."""
    sign_off = ("- Sign-up to the example newsletter and you will be able to download the example eBook for free. You "
                "will also receive tips to improve your blog and useful resources from around the web.")
    assert 30 <= len(sign_off.split()) <= MAX_WORDS
    lines = TemplateLines(min_pages=3)
    found = [lines.apply("example.com", body(n, tail=(sign_off,))) for n in range(4)]
    assert [len(f.removed) for f in found] == [0, 0, 1, 1]
    paragraph = sign_off + " " + "and more words of the paragraph " * 3
    assert len(paragraph.split()) > MAX_WORDS
    found = [lines.apply("example.org", body(n, tail=(paragraph,))) for n in range(4)]
    assert all(paragraph in f.text for f in found)


def test_a_lead_sentence_that_opens_several_articles_stays():
    """Wire copy and a developing story open several articles of a site with one lead sentence (24 words): at the
    start of the body it is the article's lead, not a sign-off, however often it repeats."""
    lead = ("The cafe on the quay served creme brulee to a naive critic, a triumph, he said, and the owners' facade "
            "was repainted for the occasion.")
    assert 20 < len(lead.split()) <= MAX_WORDS
    lines = TemplateLines(min_pages=3)
    found = [lines.apply("example.com", body(n, head=(lead,))) for n in range(5)]
    assert all(f.text.startswith(lead) and not f.removed for f in found)
    found = [lines.apply("example.org", body(n, tail=(lead,))) for n in range(5)]  # at the end: a sign-off
    assert [len(f.removed) for f in found] == [0, 0, 1, 1, 1]


def test_memory_is_bounded_per_site_and_in_sites():
    lines = TemplateLines(min_pages=3, max_lines=100, max_sites=3)
    evicted: list[str] = []
    lines.evicted = lambda key, site: evicted.append(key)
    for n in range(200):
        lines.apply("example.com", "\n".join(f"line {_word(n * 100 + k)} unique words" for k in range(30)))
    assert len(lines.sites["example.com"].lines) <= 100
    for n in range(5):
        lines.apply(f"site{n}.example", body(n))
    assert len(lines.sites) == 3 and evicted == ["example.com", "site0.example", "site1.example"]


def test_the_template_survives_a_site_full_of_single_lines():
    lines = TemplateLines(min_pages=3, max_lines=100)
    for n in range(300):
        unique = tuple(f"x {_word(n * 10 + k)}" for k in range(3))
        found = lines.apply("example.com", body(n, head=unique, tail=TAIL))
    assert "Kommentar schreiben" not in found.text


@pytest.mark.parametrize("text", [
    "\n".join("x" for _ in range(50_000)),
    "\n".join(f"Line {i} here" for i in range(50_000)),
    "word " * 200_000,
])
def test_a_page_costs_linear_time(text):
    lines = TemplateLines()
    finishes(lines.apply, "example.com", text)
