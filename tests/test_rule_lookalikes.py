"""Article pages that look like what session 17's rules take off or judge (attack18: an outside attack on them; the
pages are tests/rule_lookalikes.py). Each page gives its record, with its lines, through the whole item path
(extraction, verdict, cleaning)."""

from __future__ import annotations

import pytest

from newsproj.extraction.page import process_page
from newsproj.items import PageItem
from tests import rule_lookalikes
from tests.probe_lookalikes import page, record

BASE = "http://127.0.0.1:8000"



def test_a_thai_story_whose_paragraphs_open_with_links_to_earlier_stories_is_an_article():
    """"<a>รายงานของสภาเมือง…</a> ระบุว่า…": each paragraph opens with a link to the story it cites, then a space and
    the rest of its clause. bec91cb sized a Thai link by its letters (four code points a word), so the link became a
    headline leading its line, and Thai, which has no case, gave no lower-case word to show the sentence going on:
    three such "teasers" made the story a listing (134c87a: an article, its links too short in white-space words)."""
    record(rule_lookalikes.ARTICLES, "/th/news/2567/06/pool-saved.html")


def test_an_awards_storys_winners_each_above_its_paragraph_stay_and_a_repeated_promotion_goes():
    """"Best pub: <a>The Crown and Anchor, Eastgate</a>", its paragraph, "Best cafe: <a>…</a>", its paragraph...:
    each a label, a colon and a link to another page of the site, the whole of its block, as b7eb69f's
    cross-promotion is; 802d910 keeps three or more such lines with all-different labels only when they are in a
    row, so the winners, each apart above its paragraph, were removed as related. Labels that each appear once are
    the article's own list; "Read also:", twice, still goes."""
    html, _ = rule_lookalikes.ARTICLES["/news/2024/10/food-awards.html"]
    outcome = process_page(PageItem(url=BASE + "/news/2024/10/food-awards.html", html=html,
                                    date_downloaded="2024-11-01T00:00:00+00:00"))
    record(rule_lookalikes.ARTICLES, "/news/2024/10/food-awards.html")
    assert outcome.removed == [(f"Read also: {h}", "related") for _, h in rule_lookalikes.AWARDS_PROMOS]


@pytest.mark.parametrize("byline", ["By Peter A Jones", "By Nicole So", "By Tran Thi My", "By Katie Way",
                                    "By Pa Her", "By The Associated Press"])
def test_a_byline_at_the_top_whose_name_holds_a_small_word_names_its_author(byline):
    """00d169d: a line "By" and names at the top names no one when a word of it is one no name holds ("By The
    Numbers", "By Then It Was Too Late"). But names hold such words: an initial written without its full stop ("A"),
    surnames and given names ("So", "My", "Way", "Her"), and "The Associated Press" is the agency (134c87a named
    each). A subheading opens with such a word or holds two; a name holds one, after its first."""
    _, _, text = rule_lookalikes.BYLINE_STORIES["/news/2024/10/ferry-fares.html"]
    html = page("Ferry fares to rise in April", "".join(f"<p>{p}</p>" for p in [byline, *text]))
    outcome = process_page(PageItem(url=BASE + "/news/2024/10/ferry-fares.html", html=html,
                                    date_downloaded="2024-11-01T00:00:00+00:00"))
    assert outcome.article is not None
    assert [a.name for a in outcome.article.authors] == [byline.removeprefix("By ")]
    assert outcome.article.articleBody.split("\n") == text


@pytest.mark.parametrize("path", sorted(rule_lookalikes.BYLINE_STORIES))
def test_the_byline_stories_give_their_authors(path):
    assert [a.name for a in record(rule_lookalikes.ARTICLES, path).authors] == rule_lookalikes.AUTHORS[path]


def test_a_top_of_page_link_set_right_and_bold_under_the_text_is_no_signature():
    """"<p align='right'><b><a href='#top'>Top</a></b></p>" under a story that names no author: 173ddcb's shape of a
    signature (a bold capitalised word alone in a paragraph set right, right after the text), so "Top" became the
    author. A bold text that links a place on the page (or a script) is a control of the page, not a name."""
    assert record(rule_lookalikes.ARTICLES, "/news/2024/10/footbridge-closes.html").authors == []


def test_a_korean_reporter_of_a_most_read_teaser_below_the_text_is_not_the_storys_author():
    """A Korean story that names no reporter, above a "많이 본 뉴스" (most read) box whose teasers each show their
    reporter, "<span>김민수 기자</span>": 75fd409 takes the page's first text of a name and "기자" for the author, so
    the record named another story's reporter (134c87a: none). Under a heading below the text, a byline is a
    teaser's, as metadata.text_bylines already reads "By" lines there."""
    assert record(rule_lookalikes.ARTICLES, "/ko/news/articleView.html").authors == []


@pytest.mark.parametrize("role", ["PV", "Nhóm PV", "CTV", "BTV"])
def test_a_vietnamese_role_signed_under_the_text_is_no_author(role):
    """"<p style='text-align:right'><strong>PV</strong></p>" under a Vietnamese story whose JSON-LD author is the
    paper: 173ddcb's signature (a bold capitalised word set right under the text, where only the site is named)
    replaced the paper with "PV", phóng viên, "reporter" ("Nhóm PV" the reporters, "CTV" contributor, "BTV" editor):
    a role that names no one, as "Staff Reporter" (64a5b44). The paper stays the author (134c87a)."""
    path = "/vi/kinh-te/gia-xang-giam-5103.html"
    html, _ = rule_lookalikes.ARTICLES[path]
    outcome = process_page(PageItem(url=BASE + path, html=html.replace("<strong>PV<", f"<strong>{role}<"),
                                    date_downloaded="2024-11-01T00:00:00+00:00"))
    assert outcome.article is not None
    assert [a.name for a in outcome.article.authors] == rule_lookalikes.AUTHORS[path]
    assert outcome.article.articleBody.split("\n") == rule_lookalikes.VI_TEXT


def test_a_list_article_of_linked_names_over_their_text_after_an_intro_ending_with_a_colon_is_an_article():
    """"Here are the four walks our readers liked best…:", then "<div><a>Name</a><div>text</div></div>" items:
    bec91cb reads a link that is its block's first line above a block of text as a teaser's headline over its
    summary (134c87a did not: an article), and 0da8516 lets the items go on as the article's only after a sentence
    of the page's own, not after an intro ending with a colon, which 42f5e23's _linked_lines takes as opening a list
    (INTRO_WORDS). The page was a listing."""
    record(rule_lookalikes.ARTICLES, "/whatson/2024/05/four-walks.html")


def test_a_timeline_with_a_month_twice_stays_in_the_text():
    """"January: <a>…</a>", "March: <a>…</a>", "March: <a>…</a>", "June: <a>…</a>", "September: <a>…</a>": a story's
    own timeline of the earlier stories it links (802d910 keeps one), but with two events in one month its labels
    are not all different, and every line of it was removed as a cross-promotion. Three different labels in a row
    make the article's own list; a promotion repeats one label."""
    record(rule_lookalikes.ARTICLES, "/news/2024/10/baths-year.html")


def test_a_letters_page_signed_by_each_writer_names_no_author_and_keeps_every_signature():
    """Three letters, each followed by "<p align='right'><b>Writer Name</b></p>": 173ddcb took the last one, the
    body's last line, for the author of the page and cut it from the text (the other two writers' names stayed).
    A page that signs several names set right is no one's signed article."""
    assert record(rule_lookalikes.ARTICLES, "/opinion/2024/10/letters.html").authors == []


def test_a_korean_photo_credit_names_no_author():
    """"사진=김민수 기자" (photo: reporter Kim Min-su) under a picture, in a <div> of its own, on a story that names
    no reporter: 75fd409's Korean byline pattern allows a prefix and "=" for where a story was filed ("서울=김민수
    기자"), so the photographer became the story's author (134c87a: none). A photo's, graphic's or video's credit
    names who made the picture; "서울=" still names the reporter."""
    assert record(rule_lookalikes.ARTICLES, "/ko/news/library-hours.html").authors == []
    html, _ = rule_lookalikes.ARTICLES["/ko/news/library-hours.html"]
    outcome = process_page(PageItem(url=BASE + "/ko/news/library-hours.html", html=html.replace("사진=", "서울="),
                                    date_downloaded="2024-11-01T00:00:00+00:00"))
    assert outcome.article is not None and [a.name for a in outcome.article.authors] == ["김민수"]


def test_cross_promotions_set_apart_under_kickers_of_their_own_still_go():
    """"LOOKING AHEAD: <a>…</a>", a paragraph, "LOST AND FOUND: <a>…</a>", a paragraph, "ON THE MOVE: <a>…</a>": three
    promotions between a story's paragraphs, each label used once, as an awards story's winners are. Their labels
    share no word ("Best pub", "Best cafe" do): they stay cross-promotions (a dev page of this shape kept its three
    promotions in the text under the first form of the awards fix)."""
    text = list(rule_lookalikes.AWARDS_TEXT)
    promos = [("LOOKING AHEAD", "/news/2024/09/market-hall.html", "Market hall traders fear for their future"),
              ("LOST AND FOUND", "/news/2024/08/brewery.html", "Harwood brewery doubles in size after sales boom"),
              ("ON THE MOVE", "/news/2024/07/bus-depot.html", "Bus depot to move to the old gasworks site")]
    more = ["The awards dinner raised more than four thousand pounds for the town's food bank, the organisers said.",
            "Next year's awards will open for nominations in the spring, with a new category for street food."]
    html = page("Harwood food and drink awards", "".join(
        f"<p>{t}</p><p>{label}: <a href='{u}'>{h}</a></p>" for t, (label, u, h) in zip(
            [*text, more[0]], promos, strict=True)) + f"<p>{more[1]}</p>")
    outcome = process_page(PageItem(url=BASE + "/news/2024/10/awards-dinner.html", html=html,
                                    date_downloaded="2024-11-01T00:00:00+00:00"))
    assert outcome.article is not None
    assert outcome.article.articleBody.split("\n") == [*text, *more]
    assert outcome.removed == [(f"{label}: {h}", "related") for label, _, h in promos]


def test_a_source_credited_set_right_beside_the_signature_leaves_the_author_signed():
    """"<strong>Theo Reuters</strong>" (according to Reuters) then "<strong>Minh Anh</strong>", each set right
    under a Vietnamese story: one signature and a source's credit, not a letters page of several signers (the
    letters rule of 1107cc9 counted the credit as a second signer, and the paper stayed the author)."""
    path = "/vi/kinh-te/gia-xang-giam-5103.html"
    html, _ = rule_lookalikes.ARTICLES[path]
    signed = html.replace("<p style='text-align:right'><strong>PV</strong></p>",
                          "<p style='text-align:right'><strong>Theo Reuters</strong></p>"
                          "<p style='text-align:right'><strong>Minh Anh</strong></p>")
    outcome = process_page(PageItem(url=BASE + path, html=signed, date_downloaded="2024-11-01T00:00:00+00:00"))
    assert outcome.article is not None and [a.name for a in outcome.article.authors] == ["Minh Anh"]
