"""Bytes or text → one tree: the page as the crawl decoded it, XHTML included."""

from __future__ import annotations

import pytest

from newsproj.exceptions import NotAnArticle
from newsproj.extraction.metadata import own_site
from newsproj.extraction.parse import parse_html

XHTML = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr"><head><title>Le café</title></head>'
    "<body><p>Café, naïve</p><p>end</p></body></html>"
)


def test_parsed_tree_is_lxml_html_with_one_element_class() -> None:
    tree = parse_html("<html><body><form><input name=q></form><p>text<!-- note --></p></body></html>")
    assert {type(el).__name__ for el in tree.iter() if isinstance(el.tag, str)} == {"HtmlElement"}
    assert tree.text_content() == "text"
    assert tree.xpath("//input/@name") == ["q"]


def test_page_bytes_parse_as_the_crawl_decoded_them() -> None:
    text = "<html><body><p>Café – naïve ☕</p><p>end</p></body></html>"
    for body, encoding in (
        (text.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8"),  # a byte-order mark
        (text.replace("☕", "").encode("cp1252"), "cp1252"),
    ):
        tree = parse_html(body, encoding)
        assert tree.xpath("string(//p[1])").startswith("Café – naïve"), encoding
        assert tree.xpath("string(//p[2])") == "end"
    # invalid UTF-8 under a UTF-8 label: replaced where it is wrong, the rest of the page is kept
    tree = parse_html(b"<html><body><p>caf\xe9 au lait</p><p>end</p></body></html>", "utf-8")
    assert tree.xpath("string(//p[1])") == "caf\ufffd au lait"
    assert tree.xpath("string(//p[2])") == "end"


@pytest.mark.parametrize("encoding", ["utf-8", "iso-8859-1", "windows-1252"])
def test_xhtml_with_an_encoding_declaration_parses_as_text_and_as_bytes(encoding: str) -> None:
    """lxml refuses a str that declares an encoding ("Unicode strings with encoding declaration are not
    supported"); a decoded XHTML page is a str."""
    page = XHTML.format(encoding=encoding)
    for html, declared in ((page, None), (page.encode(encoding), encoding), ("\ufeff  " + page, None)):
        tree = parse_html(html, declared)
        assert tree.xpath("string(//p[1])") == "Café, naïve"
        assert tree.findtext(".//title") == "Le café"


@pytest.mark.parametrize("page", [
    "<html><head><title>T</title></head><body><p>Text</p></body></html>",
    "<!DOCTYPE html><!-- a comment --><html><body><p>Text</p></body></html>\n<!-- another -->",
    "<div><p>Text</p><p>More</p></div></html>",  # no <html> start, no <head>: still the whole document
])
def test_content_after_the_closing_html_tag_is_read_by_no_reader(page: str) -> None:
    """libxml2 2.14 parses it into a second root that tree walks never reach but a ``//`` XPath did: a notice,
    links or a paywall flag there reached the copyright owners, own_site or the verdict."""
    after = ("<div><p>© 2024 Other Corp</p>"
             + "".join(f'<a href="https://other.example/{i}">{i}</a>' for i in range(5))
             + '<script type="application/ld+json">{"isAccessibleForFree": false}</script></div>'
             + '<link rel="canonical" href="https://other.example/">tail text')
    tree = parse_html(page + after)
    assert tree.xpath("string(//p)") == "Text"
    assert "Other Corp" not in " ".join(tree.xpath("//text()"))
    assert tree.xpath("//a | //script | //link") == []
    assert own_site(tree) is None
    assert [el for el in tree.getroottree().getroot().itersiblings() if isinstance(el.tag, str)] == []


def test_element_text_is_text_content():
    """element_text reads a childless element's own text and asks text_content() of any other (a comment child
    included): the same string either way."""
    from newsproj.extraction.parse import element_text

    tree = parse_html("<html><body><a href='/x'>Plain link</a><p>One <b>two</b> three</p><a>x<!-- c -->y</a>"
                      "<span></span></body></html>")
    for el in tree.iter("a", "p", "span"):
        assert element_text(el) == el.text_content()
    assert [element_text(el) for el in tree.iter("a")] == ["Plain link", "xy"]


@pytest.mark.parametrize("start", ['<?xml version="1.0" encoding="utf-8"?>\n', "<!-- saved from the web -->\n", ""])
def test_a_page_without_a_head_whose_body_is_one_element_is_the_whole_document(start: str) -> None:
    """lxml.html's fromstring hands a page that does not open with <html> and has no <head> out as its body's only
    element: a <p> without children was then "an empty document" (NotAnArticle), whatever its text; and a body of
    several elements came back renamed <div> or <span>. The tree is the document, its <body> a <body>."""
    text = "The council voted on Monday evening to approve the long-debated plan for a new bridge."
    for page in (f"<html><body><p>{text}</p></body></html>", f"<p>{text}</p>",
                 f"<html><body>{text} <b>Bold</b> words</body></html>"):
        for html, encoding in ((start + page, None), ((start + page).encode(), "utf-8")):
            tree = parse_html(html, encoding)
            assert tree.tag == "html" and tree.getparent() is None, page
            assert tree.find("body") is not None and text in tree.find("body").text_content(), page


@pytest.mark.parametrize("page", ["", "  \n\t ", "<!-- nothing here -->", "<!DOCTYPE html>\n<!-- x -->",
                                  b"", b"\xef\xbb\xbf<!-- a BOM and a comment -->"])
def test_a_page_of_nothing_is_an_empty_document_not_an_extraction_failure(page: str | bytes) -> None:
    """A page that holds no element (an empty 200, only comments or a doctype) is refused by lxml ("Document is
    empty") before parse_html's own check: it was an unparseable page, ``extraction_failed`` (which the monitors
    count as the site's extraction failing), not the ``empty`` drop operations.md lists (review24)."""
    with pytest.raises(NotAnArticle) as caught:
        parse_html(page, "utf-8" if isinstance(page, bytes) else None)
    assert caught.value.reason == "empty"
