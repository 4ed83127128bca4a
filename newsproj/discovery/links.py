"""A page's links → article, listing and feed URLs (site allow/deny, courlan filters). Pure: works on the tree
the extraction process parsed, so a page is parsed once; no Scrapy engine."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, parse_qsl, urljoin, urlsplit, urlunsplit

import courlan
from lxml import etree
from w3lib.html import strip_html5_whitespace
from w3lib.url import safe_url_string

from ..text import MAX_JSON_DEPTH, json_too_deep
from .feeds import alternate_feeds
from .urls import absolute_url, looks_like_article_url, netloc, robots_allowed_form

if TYPE_CHECKING:
    from collections.abc import Collection

    from lxml.html import HtmlElement

    from ..sites import SiteConfig
    from .robots import Robots

# Never worth a request from a news crawler: static files, media, documents, archives.
_DENY_EXTENSIONS = frozenset((
    "7z", "avi", "bmp", "css", "csv", "doc", "docx", "exe", "flv", "gif", "gz", "ico", "jpeg", "jpg", "js",
    "m4a", "mov", "mp3", "mp4", "mpeg", "ogg", "pdf", "png", "ppt", "pptx", "rar", "svg", "tar", "tif",
    "tiff", "wav", "webm", "webp", "wmv", "xls", "xlsx", "zip",
))
_SCHEMES = ("http://", "https://")
_PLAIN = re.compile(r"(?:/(?!\.)[^/\\\s\x00-\x1f]*)+")
"""A root-relative href urljoin would keep as it is: no dot segment, backslash, white space or control character."""
_HREFS = etree.XPath(
    "(//a | //area)[@href][not(contains(concat(' ', translate(normalize-space(@rel), 'NOFLW', 'noflw'), ' '),"
    " ' nofollow '))]/@href",
    smart_strings=False,
)
"""The ``href`` of every ``<a>`` and ``<area>`` not ``rel=nofollow``, in page order, as plain strings (no element
proxy a link: ~5 µs each on a page of 200,000)."""
_REL_NEXT = etree.XPath(
    "//link[@href][contains(concat(' ', translate(normalize-space(@rel), 'NEXT', 'next'), ' '), ' next ')]/@href",
    smart_strings=False,
)
"""The ``href`` of ``<link rel="next">``: the next page of a listing, for sites whose pager is drawn by a script
(or is a "load more" button without an ``href``) and name it in the head only."""
MAX_REL_NEXT = 5
"""``<link rel="next">`` read on one page (a page has one; bounded: the page decides how many it has)."""
_ABSOLUTE = re.compile(r"(https?)://([a-zA-Z0-9.-]+)(?::([1-9][0-9]{0,3}))?((?:/(?!\.)[^/\\\s\x00-\x1f]*)*)")
"""An http(s) link with a plain host name (no user, no IPv6 literal), a port under 10,000 and a plain path."""
MAX_LINKS = 5000
"""Links kept from one page, in page order, counted once scope and robots.txt are applied: robots-disallowed or
off-site links cannot use up a page's budget (a page of 200,000 disallowed links then good ones)."""
MAX_ANCHORS = 250_000
"""Anchors looked at on one page at all (each costs a few microseconds before it counts; a 16 MB page can hold
~500,000)."""


@dataclass(slots=True)
class PageLinks:
    """What a listing page links to, in page order, deduplicated; plain strings (they cross the process pool)."""

    articles: list[str] = field(default_factory=list)
    listings: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    truncated: int = 0
    """Links past ``MAX_LINKS`` (or anchors past ``MAX_ANCHORS``), not read."""
    robots_disallowed: int = 0
    """In-scope links robots.txt disallows, left out before they could count."""
    robots_untracked: int = 0
    """Links robots.txt disallows with their tracking parameters and allows without them: kept without them."""
    bad: int = 0
    """Links that are not URLs that can be requested (a port out of range, a broken IPv6 literal): skipped."""


_JUMP_OPTIONS = etree.XPath("//select[@onchange]//option/@value", smart_strings=False)
_SCRIPTED = etree.XPath("//*[@onclick]/@onclick | //a[contains(@href, 'ript:')]/@href", smart_strings=False)
_QUOTED = re.compile(
    # the quoted URL right after what sets location or opens a window ("location='/x'", "location.href = '/x'",
    # "location.assign('/x')", "window.open('/x', ...)"); not a quoted URL elsewhere in the script, such as an
    # argument of a tracker beside the word "location" ("track('location', '/promo/ad.html')")
    r"""\b(?:location(?:\.href)?\s{0,5}=\s{0,5}|location\.(?:assign|replace)\s{0,5}\(\s{0,5}|open\s{0,5}\(\s{0,5})"""
    r"""(['"])((?:https?://|/|\.{0,2}/?[\w-]+/)[^'"\s<>()]{0,500}|[\w./-]{1,200}\.(?:s?html?|php|aspx?|jsp|cfm)"""
    r"""(?:\?[^'"\s<>()]{0,300})?)\1""", re.I)
_PAGE_VALUE = re.compile(r"(?:https?://|/)[^\s<>]{0,1000}|[\w./-]{1,200}\.(?:s?html?|php|aspx?|jsp|cfm)(?:\?\S{0,300})?")
MAX_SCRIPTED = 500
"""Jump-menu options and script attributes read on one page (bounded: the page decides how many it has)."""
SCRIPT_CHARS = 300
"""Characters of a script attribute searched for a URL."""


def scripted_targets(tree: HtmlElement) -> list[str]:
    """URLs a page navigates to without an ``<a href>`` a crawler can follow: the options of a ``<select
    onchange>`` jump menu whose values are URLs (a path, an absolute URL, a page name such as ``story.asp?id=3``),
    and the quoted URL of a script that sets ``location`` or opens a window, in an ``onclick`` or a
    ``javascript:`` link (``onclick="location='/news/3.html'"``). Old portals link whole sections this way; a
    browser follows them, and so does the crawl (the script is read, never run). Values that are no URL ("2009",
    "en") are left out."""
    found: list[str] = []
    for value in islice(_JUMP_OPTIONS(tree), MAX_SCRIPTED):
        value = value.strip()
        if _PAGE_VALUE.fullmatch(value):
            found.append(value)
    for script in islice(_SCRIPTED(tree), MAX_SCRIPTED):
        found.extend(m.group(2) for m in islice(_QUOTED.finditer(script[:SCRIPT_CHARS]), 4))
    return found


_LD_SCRIPTS = etree.XPath(
    "//script[translate(normalize-space(@type), 'APLICTONDJS', 'aplictondjs')='application/ld+json']/text()",
    smart_strings=False,
)
MAX_LD_SCRIPTS = 20
"""JSON-LD scripts read for an ``ItemList`` on one page."""
MAX_LD_CHARS = 1_000_000
"""A JSON-LD script longer than this is not read for links (a page decides how long its scripts are)."""
MAX_LD_NODES = 20_000
"""JSON objects and arrays walked in the JSON-LD of one page."""


def _list_item_url(element: object) -> str | None:
    """The URL an ``itemListElement`` entry names: a string, or its ``url``, or its ``item`` (a URL, or a node
    with a ``url`` or ``@id``)."""
    if isinstance(element, str):
        return element
    if not isinstance(element, dict):
        return None
    for value in (element.get("url"), element.get("item")):
        if isinstance(value, dict):
            value = value.get("url") or value.get("@id")
        if isinstance(value, str) and value.strip():
            return value
    return None


def itemlist_urls(tree: HtmlElement) -> list[str]:
    """The URLs of the entries of the page's JSON-LD ``ItemList``s (``itemListElement``: ``ListItem`` with a ``url``
    or an ``item``, or the listed nodes themselves), in page order: a listing may name some of its articles there
    only (a carousel drawn by a script). Bounded: ``MAX_LD_SCRIPTS`` scripts of at most ``MAX_LD_CHARS``,
    ``MAX_LD_NODES`` nodes walked, ``MAX_SCRIPTED`` URLs; a script that is no JSON, or nested deeper than
    ``MAX_JSON_DEPTH`` (as the page's metadata reads it: ``newsproj/extract/soft_failure/jsonld_too_deep``), is
    skipped."""
    found: list[str] = []
    nodes = 0
    for text in islice(_LD_SCRIPTS(tree), MAX_LD_SCRIPTS):
        if len(text) > MAX_LD_CHARS or json_too_deep(text, MAX_JSON_DEPTH):
            continue  # (100,000 levels: json.loads raised RecursionError, caught here; a recursive reader's crash)
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # (not JSON)
            continue
        stack = [data]
        while stack and nodes < MAX_LD_NODES and len(found) < MAX_SCRIPTED:
            node = stack.pop()
            nodes += 1
            if isinstance(node, list):
                stack.extend(reversed(node[:MAX_LD_NODES]))
                continue
            if not isinstance(node, dict):
                continue
            entries = node.get("itemListElement")
            if entries is not None:
                for entry in islice(entries if isinstance(entries, list) else [entries], MAX_SCRIPTED):
                    url = _list_item_url(entry)
                    if url is not None and len(found) < MAX_SCRIPTED:
                        found.append(url)
            stack.extend(reversed([v for k, v in node.items()
                                   if k != "itemListElement" and isinstance(v, (dict, list))]))
    return found


PAGE_PARAMS = frozenset(("page", "pg", "pagina", "seite", "strona", "str", "pageno", "pagenum", "page_no", "nrpage"))
"""Query parameters that number the pages of one article ("story.php?id=5&page=2"; not WordPress's ``p``, a post)."""
MAX_ARTICLE_PAGES = 20
"""Pages of one article followed from any of its pages (and page numbers above this are not)."""
_PAGED_HREFS = etree.XPath(
    "(//a | //area)[contains(@href, $name) or contains(@href, 'pag') or contains(@href, 'pg=')"
    " or contains(@href, 'seite') or contains(@href, 'str') or contains(@href, 'Pag') or contains(@href, 'PAG')"
    " or contains(@href, 'Seite')]/@href", smart_strings=False)
"""hrefs that may name the page or one of ``PAGE_PARAMS`` (any case: _PAGE_PARAM tells)."""
_PAGE_PARAM = re.compile(r"(?:^|[?&;])(?:" + "|".join(sorted(PAGE_PARAMS)) + r")=\d", re.I)
_PAGE_NUMBER = re.compile(r"[1-9][0-9]?").fullmatch
"""A page number in a query as pagers write it (no leading zero, no sign, ASCII digits)."""
_NUMBERED = re.compile(r"(?:/(?:page/)?|[_-])([2-9]|1[0-9]|20)(/?)$")


@dataclass(frozen=True)
class _Pager:
    """One page of an article as :func:`article_pages` numbers its siblings: its URL's parts, its query, and the
    stem its other pages are numbered from (the first page's path, without an extension ``dot + ext``)."""

    own: SplitResult
    own_query: dict[str, str]
    stem: str
    dot: str
    ext: str


def _pager(url: str) -> _Pager | None:
    try:
        own = urlsplit(url)
    except ValueError:
        return None
    own_query = dict(parse_qsl(own.query, keep_blank_values=True))
    stem, dot, ext = own.path.rpartition(".") if "." in own.path.rsplit("/", 1)[-1] else (own.path.rstrip("/"), "", "")
    numbered = None if own.query else _NUMBERED.search(stem)
    if numbered and (dot or numbered.group().startswith("/")):
        # (a page of the article past its first: its siblings are numbered from the first page's path, not from its
        # own, or a page linking its own path + "/3/" starts a chain that never ends: /2/3/, /2/3/4/, ...)
        stem = stem[: numbered.start()]
    return _Pager(own, own_query, stem, dot, ext)


def _sibling(pager: _Pager, target: SplitResult) -> int | None:
    """The page number of ``target`` when it is another page of ``pager``'s article (1 for its first page: the
    page number left out), else None."""
    own, own_query, stem, dot, ext = pager.own, pager.own_query, pager.stem, pager.dot, pager.ext
    if target.netloc != own.netloc or target.scheme != own.scheme:
        return None
    if target.path == own.path and target.query != own.query:
        query = dict(parse_qsl(target.query, keep_blank_values=True))
        changed = {k for k in query.keys() | own_query.keys() if query.get(k) != own_query.get(k)}
        if not changed or not changed <= PAGE_PARAMS or any(
                not _PAGE_NUMBER(query.get(k) or "") or not 1 <= int(query[k]) <= MAX_ARTICLE_PAGES
                for k in changed if k in query):
            return None  # (a number as written, no leading zero: "?page=02", "?page=002"... is a new URL each)
        if changed - own_query.keys() and own_query.keys() & PAGE_PARAMS:
            return None  # (a second page number beside the page's own: ?page=2&pg=3, then &seite=4... no end)
        return min((int(query[k]) if k in query else 1) for k in changed)
    if stem and not target.query and not own.query and target.path != own.path:
        rest = target.path[len(stem):] if target.path.startswith(stem) else ""
        if dot and rest.endswith(dot + ext):
            rest = rest[: -len(dot + ext)]
        elif dot:
            return None
        numbered = _NUMBERED.fullmatch(rest) if rest else None
        if numbered is None or (not dot and not rest.startswith("/")):
            return None  # (a slug with "-2" and no file name is another post's: WordPress's "title-2")
        return int(numbered.group(1))
    return None


def article_pages(tree: HtmlElement, url: str) -> list[str]:
    """The other pages of a multi-page article, from one of its pages: links (of the first ``MAX_ANCHORS``) to
    the page's own path with only a page number changed, as a query parameter (``?page=2``, ``PAGE_PARAMS``), a
    path segment (``/2/``, ``/page/2``) or a suffix of a file's name (``content_88123_2.htm``, ``story-3.html``);
    numbers 2 to ``MAX_ARTICLE_PAGES``, at most that many pages. An article's other links are not followed (its
    related stories, its sections: the site's listings and sitemaps give them), but its own next pages hold the
    rest of its text, which nothing else links."""
    pager = _pager(url)
    if pager is None:
        return []
    name = pager.stem.rsplit("/", 1)[-1]
    found: list[str] = []
    seen: set[str] = set()
    # (most links name neither the page nor a page number: not read as strings, nor resolved, ~20 µs each)
    for href in islice(_PAGED_HREFS(tree, name=name or "\ufffd\ufffd"), MAX_ANCHORS):
        if not ((name and name in href) or _PAGE_PARAM.search(href)):
            continue
        href = strip_html5_whitespace(href).split("#", 1)[0]
        if not href or href in seen:
            continue
        seen.add(href)
        try:
            target = urlsplit(urljoin(url, href))
        except ValueError:
            continue
        if _sibling(pager, target) is None:
            continue
        link = urlunsplit(target)
        if link != url and link not in found:
            found.append(link)
            if len(found) >= MAX_ARTICLE_PAGES:
                break
    return found


def later_page(url: str, first: str) -> bool:
    """Whether ``url`` is a later page (2 or more) of the multi-page article whose first page is ``first``, as
    :func:`article_pages` numbers them (``?page=2``, ``/2/``, ``name_2.htm``): a page whose canonical link names its
    article's first page is still a page of its own (its text is not the first page's)."""
    pager = _pager(first)
    try:
        target = urlsplit(url)
    except ValueError:
        return False
    number = _sibling(pager, target) if pager is not None else None
    return number is not None and number >= 2


def _denied_extension(url: str) -> bool:
    path = url.split("?", 1)[0].split("#", 1)[0]
    last = path.rsplit("/", 1)[-1]
    return "." in last and last.rsplit(".", 1)[-1].lower() in _DENY_EXTENSIONS


def _host(absolute: re.Match[str]) -> str:
    """``host:port`` of an ``_ABSOLUTE`` match, as :func:`netloc` gives it."""
    scheme, host, port = absolute.group(1, 2, 3)
    return f"{host.lower()}:{port or (443 if scheme == 'https' else 80)}"


def page_links(tree: HtmlElement, url: str, site: SiteConfig | None = None, scope: Collection[str] = (),
               robots: Robots | None = None) -> PageLinks:
    """The article and listing links (``<a>``/``<area href>``, not ``rel=nofollow``; then the URLs of jump menus and
    navigating scripts: :func:`scripted_targets`; then ``<link rel="next">``; then the entries of JSON-LD
    ``ItemList``s: :func:`itemlist_urls`) and the alternate feeds of the page at ``url``. With ``scope`` (the
    crawl's ``host:port`` set), links elsewhere are left out; with ``robots`` (the page's host's rules), disallowed
    ones too; both before a link counts against ``MAX_LINKS``, and before the costlier checks (URL escaping,
    courlan, the site's patterns)."""
    declared = next((strip_html5_whitespace(b) for b in tree.xpath("//head/base/@href") if b.strip()), None)
    # (a base that is no web URL - javascript:, data:, a broken host or port - is ignored, as browsers do: the
    # page's links resolve against its own URL; "http://[x/" raised out of here, and the page's links were lost)
    usable = absolute_url(declared, url) if declared else None
    base = usable or url
    own = netloc(base)
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}"
    out = PageLinks()
    if declared and usable is None:
        out.bad += 1
    seen: set[str] = set()  # hrefs as written
    found: set[str] = set()  # the URLs they give (an absolute href is its own URL: one set dropped every one)
    kept = 0
    hrefs = _HREFS(tree)
    hrefs.extend(scripted_targets(tree))
    hrefs.extend(islice(_REL_NEXT(tree), MAX_REL_NEXT))
    hrefs.extend(itemlist_urls(tree))
    if len(hrefs) > MAX_ANCHORS:
        out.truncated += len(hrefs) - MAX_ANCHORS
        hrefs = hrefs[:MAX_ANCHORS]
    for raw in hrefs:
        if kept >= MAX_LINKS:
            out.truncated += 1
            continue
        href = strip_html5_whitespace(raw).split("#", 1)[0]
        if not href or href in seen:
            continue
        seen.add(href)
        host: str | None
        if href.startswith("/") and not href.startswith("//") and _PLAIN.fullmatch(href):
            link, host = origin + href, own  # what urljoin gives, without its ~20 µs (most links of a page)
        else:
            absolute = _ABSOLUTE.fullmatch(href)
            if absolute:  # the same: an absolute link urljoin keeps as it is
                link, host = href, _host(absolute)
            else:
                try:
                    link = urljoin(base, href)
                except ValueError:  # a broken IPv6 literal
                    out.bad += 1
                    continue
                host = None
        if not link.startswith(_SCHEMES) or _denied_extension(link):
            continue
        host = host or netloc(link)
        if not host:  # a port out of range, a broken IPv6 literal: counted by the spider as a bad URL
            out.bad += 1
            continue
        if scope and host not in scope:
            continue
        if robots is not None:
            allowed = robots_allowed_form(link, robots.allowed)
            if allowed is None:
                out.robots_disallowed += 1
                continue
            if allowed != link:  # (disallowed with its tracking parameters, allowed without them)
                out.robots_untracked += 1
                link = allowed
        kept += 1
        try:
            link = safe_url_string(link)
        except ValueError:
            out.bad += 1
            continue
        if link in found:
            continue
        found.add(link)
        if courlan.is_not_crawlable(link):  # login, signup, feeds of comments, print views...
            continue
        if site and site.denies(link):
            continue
        is_article = site.matches_article(link) if site and site.article_urls else looks_like_article_url(link)
        (out.articles if is_article else out.listings).append(link)
    feed_links = [(el.get("type") or "", el.get("href") or "")
                  for el in islice(tree.iterfind(".//link[@rel='alternate']"), 100)]
    out.feeds = alternate_feeds(feed_links, base)
    return out
