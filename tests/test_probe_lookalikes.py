"""Article pages that look like what the script-and-shape probe's rules take off or judge (review17: an outside
attack on them; the pages are tests/probe_lookalikes.py). Each page gives its record, with its lines, through the
whole item path (extraction, verdict, cleaning)."""

from __future__ import annotations

import pytest

from newsproj.cleaning import clean_body
from newsproj.extraction.normalize import author_names
from newsproj.extraction.page import process_page
from newsproj.items import PageItem
from tests import probe_lookalikes
from tests.probe_lookalikes import record

BASE = "http://127.0.0.1:8000"
OBIT = " ".join(probe_lookalikes.OBIT)



def test_a_list_article_of_linked_names_above_their_text_after_its_intro_is_an_article():
    """A linked name, a line break, the item's text: a teaser's shape (a headline above its summary), but after an
    intro sentence of the page's own, as a list article opens; a tag page of such teasers opens with none."""
    record(probe_lookalikes.ARTICLES, "/whatson/2024/06/five-walks-br.html")


@pytest.mark.parametrize("path", ["/km/news/2024/05/new-hospital.html", "/my/news/2024/05/new-hospital.html"])
def test_a_khmer_or_myanmar_brief_ending_its_sentence_in_its_script_is_an_article(path):
    """A paragraph of about 100 code points: 25 words at four code points a word (a0eab74), under SHORT_BODY_WORDS,
    so the page needs a sentence of its own to be an article; Khmer ends one with "។" (khan), Myanmar with "။"."""
    record(probe_lookalikes.ARTICLES, path)


def test_a_timeline_of_months_each_linking_its_earlier_story_stays_in_the_text():
    """"January: <a>Council proposes closing the baths…</a>", "March: <a>…</a>"...: each line a label, a colon and
    the headline of another page of the site, the whole of its block, as a cross-promotion is (b7eb69f); four in a
    row with four labels are the story's own timeline, not "Read also" lines (a cross-promotion repeats its label)."""
    record(probe_lookalikes.ARTICLES, "/news/2024/10/baths-saved.html")


def test_an_obituarys_dated_facts_at_the_top_stay_and_a_labelled_publication_date_goes():
    """"Born: 12 March 1931" and "Died: 2 May 2024" above an obituary published on 6 May 2024: a label, a colon and
    a date, which bec2c2a takes off the top as a date line; they are the story's facts, not the date it was
    published. A labelled date that is the record's own still goes."""
    record(probe_lookalikes.ARTICLES, "/news/2024/05/margaret-hale-obituary.html")
    assert clean_body(f"Updated: 6 May 2024\n{OBIT}", dates=("2024-05-06",)).text == OBIT
    assert clean_body(f"प्रकाशित: 06 मार्च 2024\n{OBIT}", dates=("2024-03-06T09:00:00+05:30",)).text == OBIT
    facts = f"Born: 12 March 1931\nDied: 2 May 2024\n{OBIT}"
    assert clean_body(facts, dates=("2024-05-06",)).text == facts


def test_a_korean_reporter_named_in_a_sentence_is_not_the_stories_author():
    """"<strong>김민수 기자</strong>는 …" (reporter Kim Min-su, then the particle "는"): the text of an element is
    "name 기자", as a byline's is (75fd409 takes the first such text for the author when the page states none), but
    it runs on into its sentence; the story's byline is the one under its text."""
    article = record(probe_lookalikes.ARTICLES, "/ko/news/articleView.html?idxno=5101")
    assert [a.name for a in article.authors] == ["이지은"]


def test_a_source_credit_set_as_a_signature_names_no_author():
    """"<p style='text-align:right'><strong>Theo Reuters</strong></p>" under a Vietnamese story: the shape of a
    signature (173ddcb: a bold name set right under the text) but "Theo" is "according to": the source, not the
    author the page does not state. On an English page, "Theo Marsh" is a name and signs the story."""
    article = record(probe_lookalikes.ARTICLES, "/vi/the-gioi/gia-dau-tang-5102.html")
    assert article.authors == []
    html, _ = probe_lookalikes.ARTICLES["/vi/the-gioi/gia-dau-tang-5102.html"]
    english = html.replace("lang='vi'", "lang='en'").replace("Theo Reuters", "Theo Marsh")
    outcome = process_page(PageItem(url=BASE + "/news/signed.html", html=english,
                                    date_downloaded="2024-11-01T00:00:00+00:00"))
    assert outcome.article is not None and [a.name for a in outcome.article.authors] == ["Theo Marsh"]


@pytest.mark.parametrize(("byline", "names"), [
    ("Chief Reporter, Jane Doe", ["Jane Doe"]),
    ("Political Editor, Laura Marsh and Tom Reed", ["Laura Marsh", "Tom Reed"]),
    ("Staff Reporter, London", []),  # (64a5b44's cases keep naming no one)
    ("Our Correspondent, Karachi", []),
])
def test_a_byline_that_opens_with_a_persons_title_names_the_person(byline, names):
    """64a5b44 stops at a byline whose first part is a role ("Staff Reporter, London": the place it files from);
    a title a person holds, before the person's name, is no such role: only "staff" or "our" make a role no one."""
    assert author_names([byline]) == names


def test_a_bold_label_in_a_paragraph_with_a_right_padding_after_the_text_is_no_signature():
    """"<p style='padding-right: 8px'><b>Related Stories</b></p>" right after the story's <div>: a bold line of
    capitalised words after the text, but nothing sets it right (173ddcb's element filter reads "right" in any
    style): no author."""
    assert record(probe_lookalikes.ARTICLES, "/news/2024/04/ferry-bicycles.html").authors == []


def test_a_sentence_going_on_after_its_colon_in_a_link_and_a_reports_pdf_stay_in_the_text():
    """"In March: <a>the board warned that the outer wall needed work</a>" (the link text goes on with the label's
    sentence, in lower case) and "Full report: <a href='….pdf'>…</a>" (a file the story cites), each the whole of
    its paragraph between the story's paragraphs: a source of the story, not a cross-promotion (b7eb69f)."""
    record(probe_lookalikes.ARTICLES, "/news/2024/04/storms-cost.html")
