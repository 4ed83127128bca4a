"""Bytes or text → one lxml tree. The page is parsed once, here; every stage after it works on that tree.

The tree holds one document: the ``<html>`` element and what is in it. libxml2 2.14 (lxml 6, the locked
version) parses content after ``</html>`` into a second ``<html>`` root, a sibling of the first: tree walks
(``iter()``, trafilatura's, readability's, every ``.//`` XPath) never reach it, but an absolute ``//`` XPath does
(ours for the copyright notices, the own-site links, the canonical link, the paywall flags, ``<base href>``; a few
of trafilatura's). :func:`parse_html` drops those roots so that every reader reads the same document. (A browser
shows such content at the end of ``<body>``; of the 1,387 dev pages, 36 have elements there: scripts, tracking
pixels, one list of social links, no article text.)
"""

from __future__ import annotations

import codecs
import re
import threading
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree
from lxml.etree import ParserError
from w3lib.encoding import html_to_unicode

from ..exceptions import ExtractionFailed, NotAnArticle

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_PARSERS = threading.local()

_XML_DECLARATION = re.compile(r"\A(?:\ufeff)?\s{0,1000}<\?xml\b[^>]{0,500}\?>")
"""An XHTML page's first line, ``<?xml version="1.0" encoding="…"?>`` (bounded: page-controlled input)."""


def _parser(encoding: str | None = None) -> lxml.html.HTMLParser:
    """lxml.html's parser with a fixed element class (HtmlElement) instead of its per-tag lookup.

    lxml.html picks each element's Python class by calling a Python function for every element proxy it
    creates (~600,000 calls for the 144 news-dev pages, 4% of extraction time); forms and inputs get their
    own classes there, which no extractor here uses. One parser per thread: lxml parsers are not thread-safe.
    """
    parsers = _PARSERS.__dict__
    key = encoding or "-"
    parser = parsers.get(key)
    if parser is None:
        # huge_tree: libxml2 otherwise stops at 256 levels of nesting and drops the rest of the page (its
        # memory is bounded by DOWNLOAD_MAXSIZE; it allows 2,048 levels)
        parser = parsers[key] = lxml.html.HTMLParser(encoding=encoding, huge_tree=True)
        parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity,
        ))
    return parser


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def without_xml_declaration(text: str) -> str:
    """``text`` without a leading ``<?xml … encoding="…"?>``: lxml refuses a str that declares an encoding
    (``ValueError: Unicode strings with encoding declaration are not supported``), and a decoded page has none
    left to declare."""
    if "<?xml" not in text[:1100]:
        return text
    return _XML_DECLARATION.sub("", text, count=1)


def parse_html(html: str | bytes, encoding: str | None = None) -> HtmlElement:
    """The page's tree. ``html`` as bytes comes with the ``encoding`` the crawl decided (the response's): valid
    UTF-8 is parsed as it is (no decoding, and nothing to re-encode when it crossed a process boundary), any
    other encoding is decoded as Scrapy decodes a response's text. Bytes without an encoding: lxml's guess.
    Text is parsed as it is, an XML declaration (XHTML) removed first."""
    parser = _parser()
    if isinstance(html, bytes) and encoding:
        body = html.removeprefix(codecs.BOM_UTF8) if _is_utf8(encoding) else None
        if body is not None and _valid_utf8(body):
            html, parser = body, _parser("utf-8")
        else:
            html = html_to_unicode(f"charset={encoding}", html)[1]
    if isinstance(html, str):
        html = without_xml_declaration(html)
    try:
        # the whole document, always: lxml.html's ``fromstring`` hands a page that does not start with <html> or a
        # doctype (an XML declaration in UTF-8 bytes, a leading comment or BOM) and has no <head> out as a
        # fragment, the <body>'s only element: a page that is one long <p> was "an empty document", lost
        tree = lxml.html.document_fromstring(html, parser=parser)
    except (ParserError, ValueError) as exc:
        if isinstance(exc, ParserError) and str(exc) == "Document is empty":
            # nothing but whitespace, comments, a doctype (an empty 200, a bot's blank answer): lxml refuses it
            # before the check below, and the page was an extraction failure (review24)
            raise NotAnArticle("empty document", reason="empty") from None
        raise ExtractionFailed(f"unparseable HTML: {exc}") from None
    if tree is None or not len(tree):
        raise NotAnArticle("empty document", reason="empty")
    _drop_later_roots(tree)
    return tree


def _drop_later_roots(tree: HtmlElement) -> None:
    """Detach the elements libxml2 parsed after the document's ``<html>`` as roots of their own (see the module's
    docstring). ``tree`` can be any element of the document."""
    root = tree.getroottree().getroot()
    later = [el for el in root.itersiblings() if isinstance(el.tag, str)]
    if later:
        trash = etree.Element("later-roots")
        for el in later:
            trash.append(el)  # (moved out of the document; freed with ``trash``)


def element_text(el: HtmlElement) -> str:
    """``el.text_content()``; an element without child nodes (most links, paragraphs and spans) is its own
    ``text``, read without text_content()'s XPath evaluation (~1 µs against ~2 µs)."""
    return (el.text or "") if not len(el) else el.text_content()


def text_start(el: HtmlElement, limit: int) -> str:
    """The start of ``el.text_content()``: all of it up to ``limit`` characters, else its text nodes up to the first
    that takes it past ``limit`` (the rest is not read)."""
    parts: list[str] = []
    size = 0
    for text in el.itertext():
        parts.append(text)
        size += len(text)
        if size > limit:
            break
    return "".join(parts)


def _valid_utf8(body: bytes) -> bool:
    """Whether libxml2 can take the bytes as UTF-8 (invalid sequences would cut its parse short)."""
    if body.isascii():
        return True
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
