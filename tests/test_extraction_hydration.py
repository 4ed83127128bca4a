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
