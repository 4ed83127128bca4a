import json

import lxml.html

from newsproj.extraction import extract
from newsproj.extraction.hydration import embedded_html

PARAGRAPHS = [
    "The harbour authority of Pell approved plans for a second ferry terminal on Thursday, ending a long dispute.",
    "The new terminal will be built on the eastern pier, where a disused grain warehouse now stands today.",
    "Supporters argued that the existing terminal is too small for the larger vessels that operators ordered.",
    "Opponents worried about noise, traffic through the old quarter and the loss of a historic building there.",
    "Under the approved plan, the facade of the warehouse will be kept and folded into the passenger hall.",
]
CONTENT = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
# A React Server Components shell: an empty <body>, the article as a string inside a JSON row inside a script.
ROW = "5:" + json.dumps(["$", "$L23", None, {"detail": {"title": "Second ferry terminal approved",
                                                          "articleId": "A1", "section": "news", "page": 1,
                                                          "editor": "x", "type": "General",
                                                          "contentHtml": CONTENT}}])
SHELL = (
    "<html lang='en'><head><title>Second ferry terminal approved</title></head><body><div id='app'></div>"
    f"<script>self.__next_f.push([1,{json.dumps(ROW)}])</script>"
    "<script type='application/ld+json'>{\"@type\": \"WebSite\"}</script></body></html>"
)


def test_html_shipped_in_a_script_is_found():
    shipped = embedded_html(lxml.html.fromstring(SHELL))
    assert shipped is not None and PARAGRAPHS[0] in shipped


def test_app_shell_article_is_extracted_from_its_data():
    body = extract(SHELL, "http://127.0.0.1/news/A1").article.articleBody
    assert all(p in body for p in PARAGRAPHS)


def test_no_markup_in_scripts_gives_nothing():
    page = "<html><body><script>var config = {\"a\": \"" + "x" * 500 + "\"};</script></body></html>"
    assert embedded_html(lxml.html.fromstring(page)) is None


def test_a_shell_whose_text_is_only_its_jsonld_article_body_keeps_its_paragraphs():
    """A script app's shell ("Loading…"): the text comes from the JSON-LD ``articleBody``, one paragraph a line as
    it is written there, not run into one line."""
    paragraphs = ["The ferry link between Portharrow and the island of Enys will run all year from April, after the "
                  "council agreed to pay for a winter timetable for the first time.",
                  "Until now the last sailing of the season has left in October, leaving the island's three hundred "
                  "residents to rely on a weekly supply boat.",
                  "The operator will use a smaller vessel between November and March, sailing twice a day."]
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Enys ferry to run through the winter",
          "datePublished": "2024-01-30T09:00:00+00:00", "articleBody": "\n\n".join(paragraphs)}
    html = ("<!DOCTYPE html><html lang='en'><head><title>Enys ferry to run through the winter | Wire</title>"
            f"<script type='application/ld+json'>{json.dumps(ld)}</script></head><body><div id='root'><div "
            "class='loading'>Loading…</div></div><noscript>You need to enable JavaScript to run this app.</noscript>"
            "</body></html>")
    assert extract(html, "http://127.0.0.1/news/2024/01/30/enys").article.articleBody.split("\n") == paragraphs
