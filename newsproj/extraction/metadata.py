"""Metadata from the best source first: JSON-LD (extruct), OpenGraph and <meta>, then htmldate.

Every function takes the parsed tree; none fetches anything.
"""

from __future__ import annotations

import copy
import logging
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING, Any

import htmldate
from dateutil.parser import UnknownTimezoneWarning
from extruct.jsonld import JsonLdExtractor
from lxml import etree

from .. import soft_failures
from ..text import MAX_JSON_DEPTH, json_too_deep
from ..times import utc_moment
from .parse import element_text
from .verdict import ARTICLE_TYPES

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)
_JSONLD = JsonLdExtractor()
_NAVIGATION = etree.XPath(
    "boolean(ancestor::nav or ancestor::*[contains(translate(@class, 'ABCDEMRU', 'abcdemru'), 'breadcrumb')])"
)


@dataclass(slots=True)
class Heading:
    """A visible heading of the page (a headline candidate)."""

    text: str
    tag: str
    home_link: bool = False
    """The heading is (or holds) a link to the site's home page: the masthead."""
    position: int = 0
    """Its place in page order among the headings."""


@dataclass(slots=True)
class PageMeta:
    """What the page's markup states about itself (raw strings, not yet normalised)."""

    article: dict[str, Any] = field(default_factory=dict)
    """The JSON-LD node of the article (NewsArticle, Article, ... also inside @graph)."""
    breadcrumbs: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    """``<meta property|name|itemprop>`` content by lowercased key; first occurrence wins."""
    lang: str | None = None
    canonical: str | None = None
    h1: str | None = None
    headline_h1: str | None = None
    """The first <h1> outside navigation: sites that mark the current page up as an <h1> in their breadcrumb
    trail put the SEO title there, not the headline the article shows."""
    title: str | None = None
    head_headline: str | None = None
    """A ``<meta name|itemprop="headline">`` in the <head>: the page's own headline (schema.org's property as a
    meta tag). One inside the body belongs to some microdata item, often a teaser or a subtitle."""
    author_metas: dict[str, list[str]] = field(default_factory=dict)
    """Every value of each ``<meta>`` that names an author (``AUTHOR_METAS``), page order, by lowercased key: a
    page may state the site's name in the first and the reporter in the next."""
    tree: HtmlElement | None = field(default=None, repr=False, compare=False)
    """The page's tree, for the readings taken only when a field needs them (``rel_authors``, ``bylines``)."""
    robots: list[str] = field(default_factory=list)
    """The content of the page's robots ``<meta>`` tags (at most ``MAX_ROBOTS``; see ``consent.ai_directives``)."""
    ld_scripts: list[HtmlElement] = field(default_factory=list, repr=False)
    """The page's JSON-LD scripts, ``//script[@type='application/ld+json']``."""
    og_type: str = ""
    """``string(//meta[@property='og:type']/@content)``, as written."""
    has_published_time: bool = False
    """Whether a ``<meta property="article:published_time">`` is there."""
    license_hrefs: list[str] = field(default_factory=list)
    """The href of the first ``MAX_LICENSE_LINKS`` ``<link>``s and ``<a>``s whose rel is "license" (see
    ``consent.license_of``)."""
    selves: list[str] = field(default_factory=list)
    """The URLs the page calls its own, canonical links and og:url, page order (see ``verdict.headline_links``)."""
    own_titles: list[str] = field(default_factory=list)
    """The text of its <title>s and its og:title values, page order."""
    _rel_authors: list[str] | None = field(default=None, init=False, repr=False)
    _bylines: list[str] | None = field(default=None, init=False, repr=False)
    _byline_candidates: list[HtmlElement] = field(default_factory=list, repr=False)
    """The body's elements whose class or id names a byline or an author (``_byline_elements`` reads them), found in
    the walk of the headings."""
    media_author: Any = None
    """The ``author`` (or ``creator``) of the page's own gallery or media node (:func:`_own_media_author`), on a page
    with no article node: a photo gallery's or a video page's author."""
    media_texts: list[str] = field(default_factory=list)
    """The names, captions and descriptions of the page's JSON-LD media objects (``MEDIA_TYPES``: a video player's
    title, a picture's caption), whitespace-normalised, page order, at most ``MAX_MEDIA_TEXTS``: what the page shows
    beside its players and pictures, not the article's text (see ``extraction.media_lines``)."""
    owners: list[str] = field(default_factory=list)
    """Who the page's copyright notices name ("© 2008 The Calgary Sun" → "The Calgary Sun"): the site's name, read
    on pages that state no og:site_name."""
    headings: list[Heading] = field(default_factory=list)
    """Visible headings: the <h1>s outside navigation, then <h2>/<h3> and elements whose class or id names a title
    or a headline, in page order (at most ``MAX_HEADINGS``)."""

    @property
    def rel_authors(self) -> list[str]:
        """Text of the page's ``itemprop=author`` elements and ``rel=author`` links. (Read when asked: most pages
        name their authors in JSON-LD or a <meta>, and the walk costs 0.35 ms a page.)"""
        if self._rel_authors is None:
            self._rel_authors = _rel_authors(self.tree) if self.tree is not None else []
        return self._rel_authors

    @property
    def bylines(self) -> list[str]:
        """Text of the page's byline elements (class or id naming a byline or author), first ones first. (Read when
        asked: the last source of an author, 0.75 ms a page.)"""
        if self._bylines is None:
            self._bylines = _bylines(self._byline_candidates) if self.tree is not None else []
        return self._bylines


def _types(node: dict[str, Any]) -> set[str]:
    typ = node.get("@type")
    return {t.lower() for t in (typ if isinstance(typ, list) else [typ]) if isinstance(t, str)}


def _flatten(items: list[Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, dict):
            out.append(item)
            graph = item.get("@graph")
            if isinstance(graph, list):
                out.extend(_flatten(graph))
            elif isinstance(graph, dict):
                out.extend(_flatten([graph]))
        elif isinstance(item, list):
            out.extend(_flatten(item))
    return out


_AUTHOR_TYPES = frozenset(("person", "organization", "newsmediaorganization", "corporation"))
"""The node types (lower-cased) an author reference may name: schema.org's ``author`` is a Person or an
Organization (Yoast types its own ``["Person", "Organization"]``)."""
MAX_REFERENCES = 20
"""Authors of an article node looked up by reference (bounded: the page decides how many it lists)."""


def _with_people(article: dict[str, Any], nodes: list[dict[str, Any]]) -> dict[str, Any]:
    """The article node with its ``author``/``creator`` references resolved: ``{"@id": "…#/schema/person/abc"}``
    becomes the page's node of that ``@id`` (a Person with its name elsewhere in the ``@graph``, as Yoast SEO and
    other CMSs write it); a value with a name, or an ``@id`` no node has, stays as it is. A copy: the node is
    extruct's."""
    def unnamed(value: Any) -> bool:
        return isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str)

    found = {key: article.get(key) for key in ("author", "creator")}
    if not any(unnamed(v) or (isinstance(v, list) and any(map(unnamed, v[:MAX_REFERENCES])))
               for v in found.values()):
        return article  # (most pages: names given, or no author at all)
    # (a person or an organisation only: a reference to the WebPage, the WebSite or the article itself names its
    # title or the site, no author)
    ids = {node["@id"]: node for node in nodes
           if isinstance(node.get("@id"), str) and "name" in node and _types(node) & _AUTHOR_TYPES}

    def resolved(value: Any) -> Any:
        return ids.get(value["@id"], value) if unnamed(value) else value

    article = dict(article)
    for key, value in found.items():
        if isinstance(value, list):
            article[key] = [resolved(v) for v in value[:MAX_REFERENCES]]
        elif value is not None:
            article[key] = resolved(value)
    return article


def _jsonld_nodes(scripts: list[HtmlElement]) -> list[dict[str, Any]]:
    """The JSON-LD nodes of every script that can be read, one script at a time (extruct's reading of each): one
    broken or hostile script (nested deeper than ``MAX_JSON_DEPTH``) costs only itself."""
    items: list[Any] = []
    for script in scripts:
        if json_too_deep(script.text or ""):
            logger.debug("JSON-LD nested deeper than %d levels skipped", MAX_JSON_DEPTH)
            soft_failures.note("jsonld_too_deep")
            continue
        try:
            items += _JSONLD.extract_items(script)
        except Exception as exc:  # noqa: BLE001 - broken JSON-LD is the page's problem, not a crash
            logger.debug("Unreadable JSON-LD: %s", exc)
            soft_failures.note("jsonld_unreadable")
    return _flatten(items)


def _rank(node: dict[str, Any]) -> int:
    types = _types(node)
    if types & {"newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle"}:
        return 0
    if types & ARTICLE_TYPES:
        return 1
    return 2


@dataclass(slots=True)
class _HeadElements:
    """The elements :func:`read` takes its values from, each kind in page order."""

    scripts: list[HtmlElement]
    """``//script[@type='application/ld+json']``"""
    metas: list[HtmlElement]
    """``.//meta``"""
    canonical: list[str]
    """``//link[@rel='canonical']/@href``"""
    title: str | None
    """``findtext('.//title')``"""
    h1s: list[HtmlElement]
    head_headline: list[str]
    """``//head/meta[@name='headline' or @itemprop='headline']/@content``"""
    robots: list[str]
    """``//meta[translate(@name, 'ROBTS', 'robts')='robots']/@content``"""
    og_type: str
    """``string(//meta[@property='og:type']/@content)``"""
    has_published_time: bool
    """``boolean(//meta[@property='article:published_time'])``"""
    license_hrefs: list[str]
    """``(//link|//a)[@rel][contains(concat(' ', translate(normalize-space(@rel), 'LICENS', 'licens'), ' '),
    ' license ')]/@href``"""
    selves: list[str]
    """``//link[@rel='canonical']/@href | //meta[@property='og:url']/@content``"""
    own_titles: list[str]
    """``//title/text() | //meta[@property='og:title']/@content``"""


_ROBOTS_NAME = str.maketrans("ROBTS", "robts")


_LICENSE_REL = str.maketrans("LICENS", "licens")
_XML_SPACE = re.compile(r"[ \t\r\n]+")


def _licence_rel(rel: str) -> bool:
    """``contains(concat(' ', translate(normalize-space(@rel), 'LICENS', 'licens'), ' '), ' license ')``"""
    return " license " in " " + " ".join(t for t in _XML_SPACE.split(rel) if t).translate(_LICENSE_REL) + " "


def _head_elements(tree: HtmlElement) -> _HeadElements:
    """What :func:`read` needs of the page's markup, from one walk of its document (each was an XPath walk of the
    whole tree, ~0.12 ms a page of the dev corpora).

    The document's root, not ``tree``: ``parse_html`` gives the whole document, but a caller may hand an element of
    it (a page that does not start with ``<html>`` and has no ``<head>`` was once handed out as a fragment, the
    ``<body>``'s only element or the ``<body>`` renamed); the document holds what libxml2 puts after the
    ``</body>`` too, which is the page's as much (the ``//`` XPaths these readings replace read it too). Content
    after ``</html>``, a second root element in libxml2 2.14's parse, is dropped by ``parse_html``
    (extraction/parse.py): no stage reads it."""
    root = tree.getroottree().getroot()
    found = _HeadElements([], [], [], None, [], [], [], "", False, [], [], [])
    title_seen = og_seen = False
    for el in root.iter("script", "meta", "link", "title", "h1", "a"):
        tag = el.tag
        if tag == "a" or tag == "link":
            rel = el.get("rel")
            if rel is not None and _licence_rel(rel):
                href = el.get("href")
                if href is not None:
                    found.license_hrefs.append(href)
            if tag == "a":
                continue
        if tag == "meta":
            if el is not root:
                found.metas.append(el)
            content = el.get("content")
            if content is not None:
                name = el.get("name")
                if el.getparent() is not None and el.getparent().tag == "head" and (
                        name == "headline" or el.get("itemprop") == "headline"):
                    found.head_headline.append(content)
                if name is not None and name.translate(_ROBOTS_NAME) == "robots":
                    found.robots.append(content)
                prop = el.get("property")
                if prop == "og:url":
                    found.selves.append(content)
                elif prop == "og:title":
                    found.own_titles.append(content)
                if not og_seen and prop == "og:type":
                    og_seen, found.og_type = True, content  # (the first one's, "" as well)
            if el.get("property") == "article:published_time":
                found.has_published_time = True
        elif tag == "script":
            if el.get("type") == "application/ld+json":
                found.scripts.append(el)
        elif tag == "link":
            href = el.get("href")
            if href is not None and el.get("rel") == "canonical":
                found.canonical.append(href)
                found.selves.append(href)
        elif tag == "title":
            if not title_seen and el is not root:
                title_seen = True
                found.title = el.text or ""
            # (its text nodes: its text and the tails of what it holds)
            found.own_titles.extend(t for t in (el.text, *(child.tail for child in el)) if t)
        else:
            found.h1s.append(el)
    return found


def read(tree: HtmlElement) -> PageMeta:
    head = _head_elements(tree)
    nodes = _jsonld_nodes(head.scripts)
    articles = sorted((n for n in nodes if _rank(n) < 2 and (n.get("headline") or n.get("articleBody"))), key=_rank)
    page = PageMeta(article=_with_people(articles[0], nodes) if articles else {}, tree=tree)
    for node in nodes:
        if "breadcrumblist" in _types(node) and isinstance(node.get("itemListElement"), list):
            page.breadcrumbs = [e for e in node["itemListElement"] if isinstance(e, dict)]
            break
    page.media_texts = _media_texts(nodes)
    if not articles:
        page.media_author = _own_media_author(nodes, [*head.own_titles, *(heading_text(h) for h in head.h1s[:1])])
    for el in head.metas:
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if key and content and content.strip():
            page.meta.setdefault(key.strip().lower(), content.strip())
            if key.strip().lower() in AUTHOR_METAS:
                values = page.author_metas.setdefault(key.strip().lower(), [])
                if len(values) < MAX_AUTHOR_METAS:
                    values.append(content.strip())
    root_lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    page.lang = root_lang.strip() if root_lang and root_lang.strip() else None
    canonical = head.canonical
    page.canonical = canonical[0].strip() if canonical and canonical[0].strip() else None
    h1s = [(heading_text(h), h) for h in head.h1s]
    page.h1 = next((text for text, _ in h1s if text), None)
    page.headline_h1 = next((text for text, h in h1s if text and not _NAVIGATION(h)), None)
    page.headings, page._byline_candidates = _headings(tree)
    if not page.meta.get("og:site_name"):  # (most pages since ~2012 name their site there: no walk needed)
        page.owners = _owners(tree)
    title = head.title
    page.title = " ".join(title.split()) if title else None
    page.head_headline = next((h.strip() for h in head.head_headline if h.strip()), None)
    page.robots = head.robots[:MAX_ROBOTS]
    # (the verdict's readings too, see verdict.says_article, and consent's)
    page.ld_scripts, page.og_type, page.has_published_time = head.scripts, head.og_type, head.has_published_time
    page.license_hrefs = head.license_hrefs[:MAX_LICENSE_LINKS]
    page.selves, page.own_titles = head.selves, head.own_titles
    return page


def _rel_authors(tree: HtmlElement) -> list[str]:
    names = [" ".join(a.text_content().split()) for a in _REL_AUTHORS(tree)]
    return [a for a in names if a]


def _bylines(candidates: list[HtmlElement]) -> list[str]:
    bylines: list[str] = []
    for el in _byline_elements(candidates)[:20]:
        # names in separate elements (<span>A</span><span>B</span>) are separate names
        # (a byline's <time> is not a name; the tree is shared with the date finders, so it is not edited)
        texts = el.xpath(".//text()[not(ancestor::time) and not(ancestor::script) and not(ancestor::style)]")
        text = ", ".join(" ".join(t.split()) for t in texts if t.strip())
        if 2 < len(text) <= 120 and text not in bylines:
            bylines.append(text)
    return bylines


MAX_ROBOTS = 20
MEDIA_TYPES = frozenset(("videoobject", "audioobject", "imageobject", "clip", "movie", "podcastepisode",
                         "mediaobject", "photograph"))
"""JSON-LD node types of a page's players and pictures (schema.org's MediaObject kinds)."""
GALLERY_TYPES = MEDIA_TYPES | {"imagegallery", "mediagallery", "videogallery"}
"""JSON-LD node types a gallery or media page describes itself with (no article type: its author is not read with
the article's)."""
MAX_MEDIA_AUTHOR_NODES = 20


def _own_media_author(nodes: list[dict[str, Any]], titles: list[str]) -> Any:
    """The ``author`` (or ``creator``) of the gallery or media node (``GALLERY_TYPES``) that is the page itself: its
    ``name`` or ``headline`` is the page's <h1>, <title> or og:title (white space folded, case left out), the title
    may go on with the site's name. A player or picture embedded in the page has a title of its own, and is not
    read. None when no node is."""
    keys = [" ".join(t.split()).casefold() for t in titles if t and t.strip()]
    for node in nodes[:MAX_MEDIA_AUTHOR_NODES]:
        author = node.get("author") or node.get("creator")
        if not author or not _types(node) & GALLERY_TYPES:
            continue
        for key in ("name", "headline"):
            value = node.get(key)
            name = " ".join(value.split()).casefold() if isinstance(value, str) else ""
            if name and any(title == name or title.startswith(name + " ") for title in keys):
                return author
    return None


MAX_MEDIA_TEXTS = 100
MEDIA_TEXT_CHARS = 1000
"""A media object's text longer than this is no title or caption (and is not kept)."""


def _media_texts(nodes: list[dict[str, Any]]) -> list[str]:
    """The ``name``, ``headline``, ``caption`` and ``description`` strings of the media nodes among ``nodes`` (the
    page's top-level JSON-LD nodes and @graph members: a picture nested as the article's ``image`` is not read)."""
    texts: list[str] = []
    for node in nodes:
        if not _types(node) & MEDIA_TYPES:
            continue
        for key in ("name", "headline", "caption", "description"):
            value = node.get(key)
            if isinstance(value, str) and value.strip() and len(value) <= MEDIA_TEXT_CHARS:
                text = " ".join(value.split())
                if text not in texts:
                    texts.append(text)
                if len(texts) >= MAX_MEDIA_TEXTS:
                    return texts
    return texts
MAX_LICENSE_LINKS = 5
AUTHOR_METAS = ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author", "byl")
"""``<meta>`` keys that name an article's authors, best first."""
MAX_AUTHOR_METAS = 20
# (//text(), not //body//text(): some old pages parse with no <body>)
# (a notice without © or "copyright", "(c) 2008 X", is not looked for: two tests a text node instead of four halve
# the walk's cost, 0.83 → 0.49 ms a page of the old corpora, where no og:site_name spares it; no headline changes)
# ("/descendant::text()", the same nodes as "//text()": one walk, not descendant-or-self::node()/child::text(), ~13 %
# less)
# (the root's children but <head> walked, not the whole document: the <head>'s texts, its scripts' and JSON-LD's,
# are left out by the ancestor test anyway, and their contains() tests cost; the same nodes, 0.58 -> 0.52 and
# 0.49 -> 0.44 ms a page, old/new alternated in ABBA order)
_NOTICES = etree.XPath("/*/node()[not(self::head)]/descendant-or-self::text()"
                       "[contains(., '©') or contains(., 'opyright')]"
                       "[not(ancestor::script or ancestor::style or ancestor::head)]")
_YEARS = r"\d{4}(?:\s*[-–]\s*\d{2,4})?[\s,]*"
# A notice has a © sign, or a year after "copyright" / "(c)": without either, the words are the article's prose
# ("Under section 501(c) nonprofit groups spend…", "over copyright photographers lose…"), not a holder's name.
_OWNER = re.compile(rf"(?:(?:copyright\s*|\(c\)\s*)?©\s*(?:{_YEARS})?|(?:copyright|\(c\))(?:\s*\(c\))?\s*{_YEARS})"
                    r"(?:by\s+)?([^|.,;:©()\n\d/»*]{3,60})", re.I)
MAX_NOTICES = 10
MAX_OWNER_WORDS = 8


def _owners(tree: HtmlElement) -> list[str]:
    """The names the page's copyright notices give (at most ``MAX_NOTICES`` notices, 300 characters each)."""
    owners: list[str] = []
    for text in _NOTICES(tree)[-MAX_NOTICES:]:  # (the last ones: a footer's, not a photo caption's)
        for match in _OWNER.finditer(str(text)[:300]):
            name = re.split(r"\s[-–—]\s", " ".join(match.group(1).split()), maxsplit=1)[0].strip(" -–—")
            if len(name) >= 3 and len(name.split()) <= MAX_OWNER_WORDS and \
                    not name.casefold().startswith(("all rights", "and ", "owned", "notice", "terms")):
                owners.append(name)
    return owners[:MAX_NOTICES]


MAX_HEADINGS = 100
_HEADING_TAGS = frozenset(("h1", "h2", "h3", "b", "strong"))


def _heading_elements(tree: HtmlElement) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """The body's <h1>, <h2>, <h3>, <b>, <strong>, <font size>, and elements whose class or id holds "itle" or
    "eadline" (or whose class holds "eading": an old layout's <span class=heading> headline), in page order;
    and, from the same walk, the body's elements whose class or id (ASCII
    case-insensitive) holds "byline" or "author", in page order (the candidates of :func:`_byline_elements`: their
    own walk, an XPath of every element with a class or an id, cost 0.7 ms on the pages that read it, about half;
    their test here ~0.07 ms a page).

    (One walk of the body, tested in Python: 0.54 ms a page of the dev corpora. A union of seven XPath walks, by
    name then by attribute, cost 0.93 ms, and one predicate of six ``self::`` tests and four ``contains()`` on
    every element 1.3 ms. The walk is lxml's iterator over the elements below each <body> of the document, what
    ``//body/descendant::*`` selects without building the list of all of them first: ~0.1 ms less.)"""
    found = []
    bylines = []
    for body in tree.getroottree().iter("body"):
        for el in body.iterdescendants(etree.Element):
            tag = el.tag
            names = el.get("class") or ""
            ident = el.get("id") or ""
            if names or ident:
                # str.lower() maps no non-ASCII letter onto an ASCII one inside these words (U+0130 becomes "i" plus
                # a combining dot): the same test as an ASCII-only lowering, at a fraction of str.translate's cost
                low = f"{names} {ident}".lower()
                # (the two words tested as two ``in`` tests, not a generator: most elements name neither)
                if "byline" in low or "author" in low:
                    bylines.append(el)
            if tag in _HEADING_TAGS or (tag == "font" and el.get("size") is not None):
                found.append(el)
            elif "itle" in names or "eading" in names or "eadline" in names or "itle" in ident or "eadline" in ident:
                found.append(el)
    return found, bylines


_EMPHASIS = frozenset(("b", "strong", "font"))
_OUTSIDE_STORY = etree.XPath("boolean(ancestor::nav or ancestor::footer or ancestor::aside or ancestor::a"
                             " or ancestor::li or ancestor::script)")
_HOME = re.compile(r"^(?:https?://[^/]+)?/?(?:index\.\w+)?$")


_GLUED_KICKER = re.compile(r"[^\W\d_]{3}[^\n]{0,80}(?<=\w)")
"""A kicker that the headline's first letter follows without a space: a word of three letters or more first (a drop
capital, "<span>T</span>he", is one letter), ending in a letter or digit, a line's length at most."""


def heading_text(el: HtmlElement) -> str:
    """A heading's text; parts in elements of their own with nothing between them (a kicker and the headline)
    are joined with ": " (or a space after punctuation), never glued together; a line break (``<br>``) parts words
    ("Storm closes schools<br>across the county")."""
    if el.find(".//br") is not None:
        el = copy.deepcopy(el)  # (the page's tree is shared: its <br>s get their space on a copy)
        for br in el.iter("br"):
            br.tail = " " + (br.tail or "")
    children = [c for c in el if isinstance(c.tag, str)]
    loose = (el.text or "").strip() or any((c.tail or "").strip() for c in children)
    texts = [" ".join(element_text(c).split()) for c in children]
    if loose or len([t for t in texts if t]) < 2:
        whole = " ".join(el.text_content().split())
        kicker = texts[0] if children and not (el.text or "").strip() else ""
        tail = children[0].tail or "" if kicker else ""
        # (glued: no space at the element's end either, "<span>New </span>York…" is a first word styled)
        if _GLUED_KICKER.fullmatch(kicker) and tail[:1].isupper() and whole.startswith(kicker) and not \
                children[0].text_content()[-1:].isspace():
            # a kicker in the first element, the headline loose after it without a space ("<h1><span>Exclusive
            # </span>Council leader resigns</h1>"): a label and the headline, not one word "ExclusiveCouncil"
            return f"{kicker}: {whole[len(kicker):].lstrip()}"
        return whole
    out = ""
    for text in filter(None, texts):
        if out and text[0] in "–—-|" and (len(text) == 1 or text[1].isspace()):
            out += " " + text  # a dash or a bar parts with spaces ("<span>Name</span><span> - Review</span>")
        elif not out or not text[0].isalnum() and not text[0].isspace() and text[0] in ":.,;!?–—-|":
            out += text  # the separator in an element of its own ("<span>: </span>")
        else:
            out += (" " if out[-1] in ":.!?–—-|" else ": ") + text
    return out


def _headings(tree: HtmlElement) -> tuple[list[Heading], list[HtmlElement]]:
    """The page's headings (``PageMeta.headings``), and the candidates of its byline elements (see
    :func:`_heading_elements`)."""
    first: list[Heading] = []
    rest: list[Heading] = []
    emphasis: list[Heading] = []  # old layouts' headings: bold or big text, after every real heading
    elements, bylines = _heading_elements(tree)
    for el in elements:
        if len(first) + len(rest) + len(emphasis) >= MAX_HEADINGS:
            break
        if el.tag in ("body", "html", "title", "meta") or _OUTSIDE_STORY(el):
            continue
        text = heading_text(el)
        if not text or len(text) > 300:
            continue
        # (descendant-or-self::a/@href, without compiling an XPath for each heading)
        home = any(_HOME.match(href.strip()) for a in el.iter("a") if (href := a.get("href")) is not None)
        heading = Heading(text, el.tag, home, len(first) + len(rest) + len(emphasis))
        if el.tag == "h1" and not _NAVIGATION(el):
            first.append(heading)
        else:
            (emphasis if el.tag in _EMPHASIS else rest).append(heading)
    return first + rest + emphasis, bylines


# (a union of two walks by name is cheaper than one walk testing both on every element: 0.32 vs 0.44 ms a page)
# (the attribute's presence tested before its value: most elements have none, and [@x] costs libxml2 less than
# [@x='v'] on them; the same elements, 0.32 -> 0.25 ms a page, old/new alternated in ABBA order)
_REL_AUTHORS = etree.XPath("/descendant::*[@itemprop][@itemprop='author'] | /descendant::a[@rel][@rel='author']")
_NOT_BYLINE_WORDS = ("bio", "avatar", "image", "photo", "img", "follow", "more", "other", "related", "comment",
                     "reply")
_BYLINE_OUTSIDE = etree.XPath(
    "not(ancestor::*[contains(@class,'comment') or contains(@id,'comment') or contains(@class,'reply')])"
    " and not(ancestor::aside or ancestor::footer or ancestor::nav or ancestor::script)"
)


def _byline_elements(candidates: list[HtmlElement]) -> list[HtmlElement]:
    """Of the ``candidates`` (elements in <body> whose class or id, ASCII case-insensitive, names a byline or an
    author: :func:`_heading_elements`), those whose class or id names nothing else (bio, avatar, related, ...),
    outside comments, asides, footers, navigation and scripts; page order.

    The class/id test runs in Python over the elements that have either attribute (``translate()`` in XPath on
    every element of the page cost three times as much), the ancestor test only on those kept."""
    found = []
    for el in candidates:
        names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if any(w in names for w in _NOT_BYLINE_WORDS):
            continue
        if _BYLINE_OUTSIDE(el):
            found.append(el)
    return found


def ld_value(node: dict[str, Any], key: str) -> Any:
    value = node.get(key)
    if isinstance(value, list) and value and not isinstance(value[0], dict):
        return value[0]
    return value


def ld_names(value: Any) -> list[str]:
    """Names from a JSON-LD author/publisher value: a string, a Person/Organization, or a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, list):
            return [n for n in name if isinstance(n, str)]
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for v in value for n in ld_names(v)]
    return []


def ld_url(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return ld_url(value.get("url") or value.get("contentUrl") or value.get("@id"))
    if isinstance(value, list) and value:
        return ld_url(value[0])
    return None


def htmldate_published(tree: HtmlElement, url: str, before: str = "") -> str | None:
    """htmldate's original publication date (date only: it does not know times reliably); ``before``
    (``YYYY-MM-DD``): a date before that day only."""
    try:
        latest = (datetime.fromisoformat(before) - timedelta(days=1)) if before else None
        with warnings.catch_warnings():
            # a zone name dateutil does not know ("2017-03-21 11:35:57 EDT" in a meta): htmldate reads the day
            # without it; unfiltered, the page wrote a WARNING into the crawl's log (and, with warnings made
            # errors, htmldate dropped the date)
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            return htmldate.find_date(tree, extensive_search=False, original_date=True, url=url, max_date=latest)
    except Exception as exc:  # noqa: BLE001 - a date heuristic failing is not a failed page
        logger.debug("htmldate failed on %s: %s", url, exc)
        soft_failures.note("htmldate")
        return None


# (asked only of a page no other source dates: metadata, htmldate, the sitemap's or feed's hints)
_DATE_ELEMENTS = etree.XPath(
    "//body//*[self::time or contains(@class, 'date') or contains(@class, 'Date') or contains(@class, 'publish')"
    " or contains(@id, 'date')]"
    "[not(ancestor::aside or ancestor::footer or ancestor::nav or ancestor::li or ancestor::blockquote"
    " or ancestor::*[contains(@class, 'comment')])]"
)
MAX_DATE_ELEMENTS = 50
MAX_DATE_TEXTS = 5
"""Date elements read, and texts of them parsed (each parse ~1-3 ms): a page's own date is among its first."""
DATE_TEXT_CHARS = 60
_WORD_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_WORDED = re.compile(r"\d\D*[^\W\d_]|[^\W\d_]\D*\d")
_DATE_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
                  "PREFER_DATES_FROM": "past"}
PROSE_CHARS = 80
_FOLLOWING = etree.XPath("following::*")


MAX_LAST_PARAGRAPHS = 50
"""Paragraphs of prose read, from the page's last one up, for the one the article's text ends with (bounded: each
costs its text)."""


def _below_prose(tree: HtmlElement, body: str = "") -> list[HtmlElement]:
    """The elements after the article's last paragraph of prose: the <p> the article's text (``body``) ends with,
    else the page's last <p> of ``PROSE_CHARS`` characters of its own text and its inline children's (nested
    paragraphs not re-read); none on a page without one (text in <div>s and <br>s gives no evidence). A date element
    or a byline among them stands below the article's text (a related story's date, a comment's, an event's in a
    box under the article), not above it or in it."""
    prose = [p for p in tree.iter("p")
             if len((p.text or "").strip()) + sum(len(c.text or "") + len(c.tail or "") for c in p) >= PROSE_CHARS]
    if not prose:
        return []
    last = prose[-1]
    ending = next((" ".join(line.split()) for line in reversed(body.split("\n")) if len(line) >= PROSE_CHARS), "")
    for p in reversed(prose[-MAX_LAST_PARAGRAPHS:]):
        if ending and _text_is(p, ending):
            last = p  # (readers' comments of prose, no class naming them, may follow the article)
            break
    return _FOLLOWING(last)  # (in document order)


_DATE_MARKED = etree.XPath(
    "//body//*[self::time or contains(@class, 'date') or contains(@class, 'Date') or contains(@id, 'date')]")
_MASTHEAD = etree.XPath(
    "boolean(following::h1) and boolean(ancestor-or-self::*[(self::header and not(ancestor::article or "
    "ancestor::main)) or contains(translate(concat(@class, ' ', @id), 'ABDEHMOPRST', 'abdehmoprst'), 'masthead')"
    " or contains(translate(concat(@class, ' ', @id), 'ABDEHIOPRST', 'abdehioprst'), 'site-header')"
    " or contains(translate(concat(@class, ' ', @id), 'ABOPRT', 'aboprt'), 'topbar')"
    " or contains(translate(concat(@class, ' ', @id), 'ABOPRT', 'aboprt'), 'top-bar')][not(.//h1)])")
"""A date element in the page's masthead, above its headline: in a page-level <header> (not the article's) or an
element whose class or id names a masthead, a site header or a top bar, that holds no <h1>. (The day's date a site
shows on every page, not the story's.)"""
_BESIDE_LINK = etree.XPath("boolean((../a[@href] or ../../a[@href] or ../*/a[@href])"
                           " and not(ancestor-or-self::*[contains(translate(@class, 'COMENT', 'coment'), 'comment')]))")
"""A date element beside a link: a teaser's (a related story's headline and its date); not a comment's (readers
comment on the day a story is published: its date, often)."""
_ABOVE_HEADLINE = etree.XPath("boolean(following::h1)")
_BELOW_HEADLINE = etree.XPath("boolean(preceding::h1)")


def _teaser_above(el: HtmlElement, marked: list[HtmlElement], below: set[HtmlElement],
                  read: dict[HtmlElement, str | None] | None = None) -> bool:
    """Whether the date element ``el`` is a teaser's above the headline (a related story's link and its date, set
    above the <h1>) while a date element below the headline, above the article's last paragraph of prose (not in
    ``below``), writes another day: the story's own date, in its byline. Not the only date above the headline (a
    kicker's link beside the story's date). ``read``: what earlier calls on the same page learnt of the elements of
    ``marked`` (each one's short text when it is below the headline, else None), kept by the caller: a
    ``preceding::h1`` walks the page before the element, once an element and page, not once a call."""
    if not (_ABOVE_HEADLINE(el) and _BESIDE_LINK(el)):
        return False
    own = _short_text(el)
    if read is None:
        read = {}
    for e in marked:
        if e is el or e in below:
            continue
        if e not in read:
            read[e] = _short_text(e) if _BELOW_HEADLINE(e) else None
        text = read[e]
        if text is not None and text not in ("", own):
            return True
    return False


def _short_text(el: HtmlElement) -> str:
    """The element's text, white space folded, cut at ``DATE_TEXT_CHARS``."""
    return " ".join(el.text_content().split())[:DATE_TEXT_CHARS]


def _writes(el: HtmlElement, year: int, day: int) -> bool:
    numbers = {int(n) for n in re.findall(r"\d+", el.text_content()[:DATE_TEXT_CHARS * 2])}
    return (year in numbers or year % 100 in numbers) and day in numbers


def foreign_day(tree: HtmlElement, day: str, body: str = "") -> bool:
    """Whether the date elements (a <time>, a class or id naming a date) that write ``day`` (``YYYY-MM-DD``, as
    htmldate found it: its year and its day) are none of the article's: each is in the masthead above the headline
    (:data:`_MASTHEAD`: the day's date) or one of two or more dates beside links below the
    article's last paragraph of prose (related stories': the items of one list, each with its date,
    :func:`_item_keys`). False when no date element writes it (htmldate read it in the URL or a line of text), and
    for a date beside a link below the text that no item of a list beside it echoes (a blog's "Posted by
    <a>Jane</a> on <date>" footer, above a box of related stories or not). At most ``MAX_DATE_ELEMENTS`` elements
    read."""
    try:
        year, dd = int(day[:4]), int(day[8:10])
    except ValueError:
        return False
    marked = _DATE_MARKED(tree)[:MAX_DATE_ELEMENTS]
    writing = [el for el in marked if _writes(el, year, dd)]
    if not writing:
        return False
    below: set[HtmlElement] | None = None
    items: dict[tuple[object, tuple[str, ...]], set[HtmlElement]] = {}
    read: dict[HtmlElement, str | None] = {}
    for el in writing:
        if _MASTHEAD(el):
            continue
        if below is None:
            below = set(_below_prose(tree, body))
            for e in marked:
                if e in below and _BESIDE_LINK(e):
                    for item, key in _item_keys(e):
                        items.setdefault(key, set()).add(item)
        if el in below and _BESIDE_LINK(el) and any(items[key] - {item} for item, key in _item_keys(el)):
            continue
        if _teaser_above(el, marked, below, read):
            continue  # (a related story's date above the headline, the story's own in its byline)
        return False
    return True


_ITEM_LEVELS = 3
"""Ancestors of a date element looked at for the list item it dates (its teaser's block, that block's item...)."""


def _item_keys(el: HtmlElement) -> list[tuple[HtmlElement, tuple[object, tuple[str, ...]]]]:
    """Each of ``el``'s first ``_ITEM_LEVELS`` ancestors with a key naming its parent and the tags from it down to
    ``el``: two date elements beside links whose ancestors share a key are the dates of two items of one list (a
    related story's ``<li><a>…</a> <span class=date>``, its next one's), parallel; a post's own date in its footer
    has no such twin (:func:`foreign_day`)."""
    keys: list[tuple[HtmlElement, tuple[object, tuple[str, ...]]]] = []
    path = [str(el.tag)]
    item = el
    for _level in range(_ITEM_LEVELS):
        up = item.getparent()
        if up is None:
            break
        parent = up.getparent()
        if parent is None:
            break
        item = up
        path.append(str(item.tag))
        keys.append((item, (parent, tuple(path))))
    return keys


def _text_is(p: HtmlElement, line: str) -> bool:
    """Whether the paragraph's text, white space folded, is ``line``: its first words first, then its text read up
    to a few times the line's length (a paragraph that holds the rest of the page is not read whole)."""
    if not line.startswith(" ".join((p.text or "").split())):
        return False
    parts, size = [], 0
    for text in p.itertext():
        size += len(text)
        if size > 4 * len(line) + 1000:
            return False
        parts.append(text)
    return " ".join("".join(parts).split()) == line


def text_date(tree: HtmlElement, lang: str | None, until: str = "", body: str = "") -> str | None:
    """The date (``YYYY-MM-DD``) a date element of the page writes in words of its language ("3 de marzo de 2024",
    "3 maart 2024, 10:12", "2024年3月3日", "3 مارس 2024"; htmldate knows the month names of five languages only):
    the first of ``MAX_DATE_TEXTS`` short texts (a <time>, an element whose class or id names a date) holding a
    year, a day and a month word, parsed by dateparser in the page's stated language, from its first number on
    ("Publicado el 3 de marzo…"). None when the page states no language dateparser knows: no guessing. Not a date
    a sentence goes on after ("La cumbre del <time>3 de marzo de 2025</time> reunirá…": an event's, in the text),
    nor one in a quotation or below the article's last paragraph of prose (a related story's, a comment's),
    nor one after ``until`` (``YYYY-MM-DD``, the day the page was fetched, else today's: an event to come), nor
    one whose year or day the text does not write as a number (dateparser's guess from other words)."""
    primary = (lang or "").split("-")[0].split("_")[0].strip().lower()
    if not primary.isalpha() or len(primary) > 3:
        return None
    import dateparser  # (loaded on the first page that needs it: most pages state their date in metadata)

    tried = 0
    below: set[HtmlElement] | None = None  # (read once, for the first date element tried)
    marked: list[HtmlElement] | None = None  # (the same)
    read: dict[HtmlElement, str | None] = {}
    for el in _DATE_ELEMENTS(tree)[:MAX_DATE_ELEMENTS]:
        text = " ".join(el.text_content().split())
        if len(text) > DATE_TEXT_CHARS or not _WORD_DATE.search(text) or not _WORDED.search(text):
            continue
        if (el.tail or "").lstrip()[:1].islower():
            continue  # (a date inside a sentence, the sentence's words after it: "… de 2025 reunirá a los líderes")
        tried += 1
        if tried > MAX_DATE_TEXTS:
            break
        if below is None:
            below = set(_below_prose(tree, body))
            marked = _DATE_MARKED(tree)[:MAX_DATE_ELEMENTS]
        if el in below:
            continue  # (below the article's text: another story's, a comment's, an event's)
        assert marked is not None
        if _teaser_above(el, marked, below, read):
            continue  # (a related story's above the headline)
        first = re.search(r"\d", text)
        for candidate in dict.fromkeys((text[first.start():] if first else text, text)):
            try:
                found = dateparser.parse(candidate, languages=[primary], settings=_DATE_SETTINGS)
            except (ValueError, TypeError, OverflowError):  # (a language dateparser does not know, a wild value)
                return None
            numbers = {int(n) for n in re.findall(r"\d+", candidate)}
            if found is not None and not {found.year, found.day} <= numbers:
                break  # (a day or a year the text does not write: "número 3 del año 2024" read as 2023-12-02)
            if found is not None:
                day = found.date().isoformat()
                if day <= _latest(until):
                    return day
                break  # (a day to come: an event's date, not the page's)
    return None


def written_day(text: str, lang: str | None, until: str = "") -> str | None:
    """The day (``YYYY-MM-DD``) ``text`` (a short date, "Monday 21 March 2016") writes in the page's stated language,
    as :func:`text_date` reads a date element's: its year and its day written as numbers, not after ``until``; None
    when the page states no language dateparser knows."""
    primary = (lang or "").split("-")[0].split("_")[0].strip().lower()
    if not primary.isalpha() or len(primary) > 3 or len(text) > DATE_TEXT_CHARS:
        return None
    import dateparser

    try:
        found = dateparser.parse(text, languages=[primary], settings=_DATE_SETTINGS)
    except (ValueError, TypeError, OverflowError):
        return None
    if found is None or not {found.year, found.day} <= {int(n) for n in re.findall(r"\d+", text)}:
        return None
    day = found.date().isoformat()
    return day if day <= _latest(until) else None


def _latest(until: str) -> str:
    """The last day a page fetched at ``until`` (ISO 8601, read by the package's rule; "" = now) can be dated: the
    day after, in UTC (a zone ahead of UTC)."""
    fetched = utc_moment(until) or datetime.now(UTC)
    return (fetched.date() + timedelta(days=1)).isoformat()


_ABSOLUTE_HREFS = etree.XPath("//a/@href[starts-with(., 'http://') or starts-with(., 'https://')]")
MAX_SITE_LINKS = 1000
"""Links read for :func:`own_site` (a page's first ones: its masthead and navigation are among them)."""
MIN_SITE_LINKS = 3


def own_site(tree: HtmlElement) -> str | None:
    """The site a page's own links name most (``http://host/``): for a page served from an address that names no
    site (an IP address, ``localhost``: a mirror, an archive's replay), whose navigation still links its own host.
    None when no host has ``MIN_SITE_LINKS`` links and a quarter of the page's absolute links."""
    counts: Counter[str] = Counter()
    hrefs = _ABSOLUTE_HREFS(tree)[:MAX_SITE_LINKS]
    for href in hrefs:
        host = re.split(r"[/?#]", str(href)[:300], maxsplit=3)[2].rpartition("@")[2].partition(":")[0]
        host = host.casefold().removeprefix("www.")
        if "." in host:
            counts[host] += 1
    if not counts:
        return None
    host, n = counts.most_common(1)[0]
    return f"http://{host}/" if n >= MIN_SITE_LINKS and 4 * n >= len(hrefs) else None


# (the body's text nodes, a script's or a style's left out by their parent and the rest by a plain contains()
# before the normalize-space() tests: a page's scripts can hold megabytes of text; 2-11 → 0.3-1.5 ms a page; the
# contains() first, then the parent: most text nodes fail the contains(), and its test is the cheaper, 0.67 -> 0.49
# ms a page, the same nodes)
# (a blog's "Posted by", "Posted on <date> by", Drupal's "Submitted by", a meta line's lower-case "by <name> | <date>":
# the XPath keeps the text nodes that hold "By", "BY" or "by " outside scripts and styles, Python tests how they
# start (one normalisation of each, not a normalize-space() per prefix in the XPath: 0.76 -> 0.71 ms a page when
# it runs, against 0.53 before these prefixes; 400 dev pages, CPU, 6 rounds interleaved), and the ancestors are
# tested on the few that start as a byline does)
_BY_TEXTS = etree.XPath(
    "//body/descendant::text()[contains(., 'By') or contains(., 'BY') or contains(., 'by ')]"
    "[not(parent::script or parent::style)]"
)
_BYLINE_PLACE = etree.XPath(
    "not(ancestor-or-self::script or ancestor-or-self::style or ancestor-or-self::nav or ancestor-or-self::footer"
    " or ancestor-or-self::aside or ancestor-or-self::li or ancestor-or-self::figure or ancestor-or-self::figcaption"
    " or ancestor-or-self::*[contains(@class, 'comment') or contains(@id, 'comment')])"
)
"""Asked of the element that holds a text (a tail's: the element's parent): no navigation, list, comment, picture
(a photographer's credit, "by John Smith", in a <figure>)..."""
_TEXT_BYLINE_START = re.compile(r"(?:(?:Posted|Submitted|Written)(?: on [^|·•]{1,40}?)? [bB]y|By|BY|by)(?: |$)")
"""A byline's words before the names: "By", "Posted by", "Submitted by", "Written By", "Posted on March 3, 2024 by"
(the date up to 40 characters; the pattern is tried once, at the text's start); a lower-case "by" only as an
element's first text, never a tail ("<a>…</a> by the river" is a sentence's)."""
_TEXT_BYLINE_END = re.compile(r",? (?:in|on|at|updated|published|posted)(?: |$)|[·|•]| [-–—] | \d", re.I)
"""Where the names of a byline in the text end: its section, place or date ("By TPN, in News · 31 Jan 2025"; "Posted
by Ann Lee at <a>7:42 PM</a>": the word before the element that holds the time)."""
_TITLE_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
MAX_BY_TEXTS = 2000
"""Text nodes holding "by" read for a byline (a page-controlled count)."""
MAX_TEXT_BYLINES = 10
MAX_TEXT_CHARS = 300
TEXT_BYLINE_CHARS = 80


_ROLE_TEXTS = etree.XPath(
    "//body/descendant::text()[contains(., '기자') or contains(., '특파원')][not(parent::script or parent::style)]"
)
_ROLE_BYLINE = re.compile(r"(?:[^\s=]{1,10}=)?([\uac00-\ud7a3]{2,4}) ?(?:기자|특파원)(?: [^\s@]{1,64}@[^\s@]{1,255})?")
"""A Korean byline: a name of two to four syllables and "기자" (reporter) or "특파원" (correspondent), the whole of its
text ("김민수 기자", "김민수 기자 minsu@example.kr", "서울=김민수 기자"): the name comes before the role, and no "By"
says where it starts."""
_CREDITS = frozenset(("사진", "그래픽", "영상", "일러스트", "자료사진", "캡처"))
"""What a Korean credit names before "=" ("사진=김민수 기자": photo by reporter Kim; graphic, video, illustration,
file photo, screen capture): who made a picture, not who wrote the story ("서울=김민수 기자": where it was filed)."""
MAX_ROLE_TEXTS = 200
"""Text nodes holding a Korean role word read for a byline (a page-controlled count)."""


def role_bylines(tree: HtmlElement, body: str = "") -> list[str]:
    """The name of the first byline of the page written as a name and its role after it (:data:`_ROLE_BYLINE`),
    outside navigation, asides, footers, pictures and comments; in a list too (an article's "info" list of reporter
    and times); not below the article's text (``body``) under a heading (a "most read" box's teasers, each with its
    reporter: another story's byline, as :func:`text_bylines` reads "By" lines). An empty list when none."""
    below: set[HtmlElement] | None = None
    for text in _ROLE_TEXTS(tree)[:MAX_ROLE_TEXTS]:
        line = " ".join(str(text)[:MAX_TEXT_CHARS].split())
        match = _ROLE_BYLINE.fullmatch(line) if len(line) <= TEXT_BYLINE_CHARS else None
        if match is None or line.split("=", 1)[0] in _CREDITS:
            continue  # (none, or a picture's credit)
        holder = text.getparent()
        if holder is not None and text.is_text and _glued(holder):
            continue  # ("<b>김민수 기자</b>는 …": the reporter a sentence is about, not the byline)
        if holder is not None and text.is_tail:
            holder = holder.getparent()
        if holder is not None and _ROLE_PLACE(holder):
            if below is None:
                following = _below_prose(tree, body)
                heading = next((i for i, e in enumerate(following) if e.tag in _TITLE_TAGS), len(following))
                below = set(following[heading:])
            if holder in below:
                continue  # (a teaser's reporter in a box under a heading below the article's text)
            return [match.group(1)]
    return []


def _glued(element: HtmlElement) -> bool:
    """Whether ``element``'s text runs on into its sentence: a letter right before it or right after it, no space
    between ("그는 <b>김민수 기자</b>와 함께", "<a>김민수 기자</a>의 보도": Korean particles are written on the
    word)."""
    after = element.tail or ""
    if len(element) == 0 and after[:1].isalpha():
        return True
    before, parent = element.getprevious(), element.getparent()
    if before is not None:
        text_before = before.tail or ""
    else:
        text_before = (parent.text if parent is not None else None) or ""
    return text_before[-1:].isalpha()


SIGNATURE_CHARS = 40
SIGNATURE_WORDS = 5
_SIGNATURE_WORD = re.compile(r"[^\W\d_][^\W\d_.'’-]*(?:[.'’-][^\W\d_]+)*\.?")
_RIGHT = re.compile(r"text-align\s*:\s*(?:right|end)", re.I)
MAX_SIGNATURE_ELEMENTS = 20
"""Bold elements looked at for a signature (bounded: the page decides how many it has)."""
_BOLD_TEXT = etree.XPath("//body//*[self::strong or self::b][normalize-space(.) = $t]")
_RIGHT_BOLD = etree.XPath(
    "//body//*[self::p or self::div][contains(@style, 'right') or contains(@style, 'end') or @align = 'right']"
    "/*[self::strong or self::b]"
)


_SOURCE_CREDIT = re.compile(r"(?:theo|nguồn)\b", re.I)
"""Vietnamese "theo" (according to) or "nguồn" (source) opening a signed line ("Theo Reuters", "Theo Tuổi Trẻ"): the
source the story is taken from, set where a signature is, not its author."""


_SIGNED_ROLE = re.compile(r"(?:nhóm )?(?:pv|ctv|btv|phóng viên|cộng tác viên|biên tập viên)", re.I)
"""A Vietnamese signature that is a role and no name: "PV" (phóng viên, reporter), "Nhóm PV" (the reporters), "CTV"
(cộng tác viên, contributor), "BTV" (biên tập viên, editor)."""


def source_credit(name: str, language: str | None) -> bool:
    """Whether a signed line (:func:`signature`) on a page in ``language`` credits a source or a role, not an author
    ("Theo" opens a source credit in Vietnamese, a name in English: "Theo Walcott"; "PV", reporter, names no one)."""
    return (language or "").split("-")[0].casefold() == "vi" and (
        _SOURCE_CREDIT.match(name) is not None or _SIGNED_ROLE.fullmatch(name) is not None)


def _signed_name(line: str) -> bool:
    words = line.split()
    return 0 < len(line) <= SIGNATURE_CHARS and 0 < len(words) <= SIGNATURE_WORDS and all(
        w[:1].isupper() and _SIGNATURE_WORD.fullmatch(w) for w in words)


def _control(bold: HtmlElement) -> bool:
    """Whether the bold text links a place on the page or a script ("<b><a href='#top'>Top</a></b>", "Back"): a
    page's control set right under the text, not a name signed there."""
    return any((a.get("href") or "").strip().lower().startswith(("#", "javascript:"))
               for a in islice(bold.iter("a"), MAX_SIGNATURE_ELEMENTS))


def _set_right(block: HtmlElement) -> bool:
    return bool(_RIGHT.search(block.get("style") or "")) or (block.get("align") or "").lower() == "right"


def signature(tree: HtmlElement, body: str, below: bool = True) -> tuple[str, bool] | None:
    """The author's name signed under the text: a paragraph set right (its ``style`` or ``align``) holding nothing
    but a bold name of up to ``SIGNATURE_WORDS`` capitalised words ("<p style="text-align:right;"><strong>Minh
    Anh</strong></p>", as Vietnamese and other sites sign), that is the body's last line or (``below``) comes right
    after it; with whether it is the body's last line. None when there is none, or when the page signs another
    name so too (a letters page: each letter signed by its writer, none the page's author)."""
    last = body.rsplit("\n", 1)[-1].strip()
    if _signed_name(last) and body.count("\n"):
        for bold in _BOLD_TEXT(tree, t=last)[:MAX_SIGNATURE_ELEMENTS]:
            block = bold.getparent()
            if block is not None and _set_right(block) and " ".join(block.text_content().split()) == last and \
                    not _control(bold):
                return None if _signers(tree, bold) - {last} else (last, True)
    if not below:
        return None
    for bold in _RIGHT_BOLD(tree)[:MAX_SIGNATURE_ELEMENTS]:
        name, block = _signed(bold), bold.getparent()
        if name is None or block is None:
            continue
        before = block.getprevious()
        if before is not None and isinstance(before.tag, str) and last and \
                " ".join(before.text_content().split()).endswith(last):
            return None if _signers(tree, bold) - {name} else (name, False)
    return None


def _signed(bold: HtmlElement) -> str | None:
    """The name a bold element of :data:`_RIGHT_BOLD` signs: alone in its block, set right, no control; else None.
    (_RIGHT_BOLD's "right" is in "padding-right" too, its "end" in "text-align: end" only.)"""
    name = " ".join(bold.text_content().split())
    block = bold.getparent()
    if not _signed_name(name) or block is None or not _set_right(block) or \
            " ".join(block.text_content().split()) != name or _control(bold):
        return None
    return name


_QUOTED = etree.XPath("boolean(ancestor::blockquote or ancestor::q)")
"""Inside a quotation: a name set right there is the quote's attribution ("<blockquote><p>…</p><p align=right><b>Tran
Thi Mai</b></p></blockquote>"), not a signer of the page."""


def _signers(tree: HtmlElement, signature: HtmlElement) -> set[str]:
    """The names signed set right on the page (of its first ``MAX_SIGNATURE_ELEMENTS`` right-set bold texts); not a
    source's credit or a role set so beside the author's ("Theo Reuters", "PV": see :func:`source_credit`), nor,
    where the ``signature`` looked at is outside any quotation, a quote's attribution set right inside one
    (:data:`_QUOTED`; a letters page quoting each letter signs them all inside their quotations)."""
    quoted = bool(_QUOTED(signature))
    return {name for bold in _RIGHT_BOLD(tree)[:MAX_SIGNATURE_ELEMENTS] if (name := _signed(bold)) is not None
            and not _SOURCE_CREDIT.match(name) and not _SIGNED_ROLE.fullmatch(name)
            and (quoted or not _QUOTED(bold))}


def without_role_bylines(body: str) -> str:
    """``body`` without its lines that are a Korean byline (:data:`_ROLE_BYLINE`: "김민수 기자 minsu@example.kr"
    under the text, above a copyright line), the article's byline, not its text."""
    if "기자" not in body and "특파원" not in body:
        return body
    lines = body.split("\n")
    kept = [line for line in lines if len(line) > TEXT_BYLINE_CHARS or not _ROLE_BYLINE.fullmatch(line.strip())]
    return "\n".join(kept) if len(kept) < len(lines) else body


_ROLE_PLACE = etree.XPath(
    "not(ancestor-or-self::nav or ancestor-or-self::footer or ancestor-or-self::aside or ancestor-or-self::figure"
    " or ancestor-or-self::figcaption or ancestor-or-self::*[contains(@class, 'comment') or contains(@id, 'comment')"
    " or contains(@class, 'related')])"
)


def text_bylines(tree: HtmlElement, body: str = "") -> list[str]:
    """Lines of the page's text that start with "By " ("By TPN, in News · 31 Jan", "By <a>Jane Doe</a>"), or with a
    blog's "Posted by", "Posted on <date> by", "Submitted by", "Written by": a byline written in the text, without a
    class or markup that names it (read where no other source names an author). Each is "By" and the names (the
    text after those words, or the element after them: the name's link), up to ``TEXT_BYLINE_CHARS``. A "By" line
    below the article's last paragraph (:func:`_below_prose`) and a heading after it is another's (a related
    teaser's); a footer right under the article ("By <a>Carrie Meathrell</a> in News | Comments", a blog's "Posted
    by") is the article's."""
    found: list[str] = []
    seen = 0
    below: set[HtmlElement] | None = None
    for text in _BY_TEXTS(tree)[:MAX_BY_TEXTS]:
        line = " ".join(str(text)[:MAX_TEXT_CHARS].split())
        start = _TEXT_BYLINE_START.match(line)
        if start is None or (line.startswith("by") and (text.is_tail or text.getparent().tag == "a")):
            continue  # ("Posted 3 hours ago", "Posted in News": no names; a link "by Email" is a share button's)
        holder = text.getparent()
        if holder is not None and text.is_tail:
            holder = holder.getparent()
        if holder is None or not _BYLINE_PLACE(holder):
            continue
        seen += 1
        if seen > MAX_TEXT_BYLINES:
            break
        if line[:2] in ("By", "BY", "by"):
            if below is None:
                following = _below_prose(tree, body)
                heading = next((i for i, e in enumerate(following) if e.tag in _TITLE_TAGS), len(following))
                below = set(following[heading:])
            if holder in below:
                continue  # (a "By …" under a heading below the article's text: a related story's teaser)
        line = "By " + line[start.end():] if line[start.end():] else "By"
        if line == "By":
            element = text.getparent()  # (of a tail text: the element it follows)
            if element is None:
                continue
            after = element.getnext() if text.is_tail else (element[0] if len(element) else None)
            if after is None or not isinstance(after.tag, str):
                continue
            line += " " + " ".join(after.text_content().split())
        line = _TEXT_BYLINE_END.split(line[:MAX_TEXT_CHARS], maxsplit=1)[0]
        if len(line) <= TEXT_BYLINE_CHARS and line not in found:  # (longer: a sentence that starts with "By")
            found.append(line)
    return found
