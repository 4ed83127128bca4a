"""Page tree → article fields. Pure: (html or tree, url, site config) → Article. No Scrapy engine.

Parsing is in ``parse.py``, the article-or-listing verdict in ``verdict.py``, the whole page path (parse →
extract → verdict → clean) in ``page.py``.

Per field, the site's rules come first (when it has any), then the generic sources, best first.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from html import unescape
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import lxml.html

from ..discovery.links import later_page
from ..discovery.urls import absolute_url, canonical_url, host_of
from ..exceptions import ExtractionFailed, NotAnArticle
from ..items import Article, Author, Breadcrumb, Image, Metadata
from ..text import MIN_BODY_WORDS, SHORT_BODY_WORDS, text_key
from . import consent, generic, hydration, metadata, site_rules
from .headline import bounded as bounded_headline
from .headline import choose as choose_headline
from .headline import kicker_above
from .language import contradicts, detect_language
from .normalize import AGENCIES, author_names, bcp47, clean_text, iso_date, word_count, zoneless
from .parse import parse_html
from .parse import text_start as parse_text_start
from .standfirst import standfirst
from .verdict import (
    STUB_WORDS,
    listing_reason,
    not_article_reason,
    promo_lines,
    ruled_promo,
    short_page,
    site_page,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

    from ..sites import SiteConfig

logger = logging.getLogger(__name__)




@dataclass(slots=True)
class Extraction:
    article: Article
    fallbacks: list[str] = field(default_factory=list)
    """Fields whose site rule found nothing, so the generic extractor filled them."""
    captions: frozenset[str] = frozenset()
    """The page's picture captions (:func:`generic.picture_captions`): alt texts that the picture's own block shows
    again and the page nowhere else, so a body line equal to one is that caption or a teaser's headline, not the
    article (cleaning drops it)."""
    media: frozenset[str] = frozenset()
    """The titles, captions and descriptions of the page's JSON-LD media objects (:func:`media_lines`): a body
    line that is one of them is a player's or a picture's text, not the article (cleaning drops it)."""
    promos: frozenset[str] = frozenset()
    """Body lines that are a label and a link to another story of the site (:func:`verdict.promo_lines`, "Read
    also: <a>…</a>" in any language), and the last line when it is a promotion set below a rule
    (:func:`verdict.ruled_promo`): a cross-promotion, not the article (cleaning drops it as ``related``)."""
    quotes: dict[str, str] = field(default_factory=dict)
    """Body lines that are a ``<blockquote>``'s text, each with its quote's attribution (:func:`generic.quote_lines`):
    cleaning drops one that a longer line of the text holds, a pull quote (the article's words set again beside
    their paragraph), and the attribution right after it."""


def _unescaped(text: str) -> str:
    """JSON-LD and <meta> values are often still HTML-escaped ("&quot;", "&#8217;") or escaped twice."""
    return unescape(unescape(text))


def _headline(page: metadata.PageMeta, url: str = "", body: str | None = None) -> str | None:
    return choose_headline(page, url, body)


def _site_url(tree: HtmlElement, page: metadata.PageMeta, url: str) -> str:
    """The URL whose host names the page's site (the headline's test for the site's name in a title): the page's
    canonical URL or og:url, else its own; where that names no site (an IP address or ``localhost``: a mirror, an
    archive's replay, a test server), the host the page's own links name most (:func:`metadata.own_site`)."""
    found = absolute_url(page.canonical, url) or absolute_url(page.meta.get("og:url"), url) or url
    host = urlsplit(found).hostname or ""
    if "." not in host or host.replace(".", "").isdigit() or ":" in host:
        return metadata.own_site(tree) or found
    return found


def _without_title_lines(body: str, page: metadata.PageMeta, headline: str) -> str:
    """The body without the page's titles (any of its forms: <h1>, og:title, JSON-LD headline, <title>) repeated
    in the lines before the first paragraph of prose, or as a whole line among the first ``TITLE_LINES`` (a wider
    candidate can hold the page's heading after the lead paragraph, where the layout puts the lead above it)."""
    ld = metadata.ld_value(page.article, "headline") if page.article else None
    forms = [headline, ld, page.meta.get("og:title"), page.meta.get("twitter:title"), page.h1, page.title]
    titles = {text_key(unescape(t)) for t in forms if isinstance(t, str) and t.strip()}
    titles.discard("")
    # (a title as the body's text glues it: "ExclusiveCouncil leader resigns" where the heading parts a kicker)
    glued = {t.replace(" ", "") for t in titles}
    lines = body.split("\n")
    out: list[str] = []
    top = True
    for at, line in enumerate(lines):
        if not top and len(out) >= TITLE_LINES:
            out.extend(lines[at:])  # (past the prose's start and the first lines: no later line is a title's)
            break
        key = text_key(line)
        if len(lines) > 1 and ((top and _kicker_and_title(key, titles)) or (
                (key in titles or key.replace(" ", "") in glued) and (top or len(out) < TITLE_LINES))):
            continue
        if top and word_count(line) >= 15:
            top = False
        out.append(line)
    return "\n".join(out) if out else body


TITLE_LINES = 4
"""A line that is the page's title is no body line among this many first lines, prose before it or not."""
KICKER_WORDS = 8
"""A kicker (topic label) before the headline is a few words."""


def _kicker_and_title(key: str, titles: set[str]) -> bool:
    """The line is a kicker glued to one of the titles ("Handel mit Teheran:Druck durch Sanktionen?")."""
    return any(
        key.endswith(" " + title) and 0 < len(key[: -len(title)].split()) <= KICKER_WORDS
        for title in titles if len(title.split()) >= 3
    )


def _descriptions(page: metadata.PageMeta) -> list[str]:
    values = [page.meta.get(k) for k in ("og:description", "description", "twitter:description")]
    values.append(metadata.ld_value(page.article, "description") if page.article else None)
    return [v for v in values if isinstance(v, str) and v.strip()]


def media_lines(page: metadata.PageMeta, headline: str) -> frozenset[str]:
    """The page's media texts (``PageMeta.media_texts``, unescaped and whitespace-normalised) that are not its own
    headline, title or description, nor begun by its description cut short: a video page's player states the
    article's own title and summary, and a site may give its story's lead as the video's description (and the same
    lead, cut at ~155 characters, as its meta description); those lines are the article's."""
    descriptions = [" ".join(_unescaped(v).split()) for v in _descriptions(page)]
    own = {*descriptions, *(" ".join(_unescaped(v).split()) for v in (headline, page.title or "",
                                                                     page.meta.get("og:title") or ""))}
    # a description is often the lead cut short ("... the unions said they…"): a media text it begins is the lead
    cuts = [stem for stem in map(_uncut, descriptions) if len(stem) >= CUT_DESCRIPTION_CHARS]
    texts = (" ".join(_unescaped(t).split()) for t in page.media_texts)
    return frozenset(t for t in texts if t and t not in own and not any(t.startswith(stem) for stem in cuts))


CUT_DESCRIPTION_CHARS = 40
"""A description this long (its ellipsis left out) that a media text begins is that text cut short: the page's own."""
CUT_MARKS = ("[…]", "[...]", "…", "...")


def _uncut(description: str) -> str:
    """The description without the ellipsis that ends a cut one (whitespace-normalised: one space at most)."""
    for mark in CUT_MARKS:
        if description.endswith(mark):
            return description[: -len(mark)].rstrip()
    return description


BYLINE_BODY_CHARS = 100_000
"""The article's characters in which a line of the page's text is looked for as the article's own (bounded: the
page decides how long its text is). The whole text, not its first lines: a sentence far down it can start as a
blog byline does ("Written by Lin-Manuel Miranda, the musical opened…", "Posted on Twitter by …")."""


def _author_sources(page: metadata.PageMeta) -> Iterator[list[str]]:
    """The names each source states, best first (a generator: a later source is read only when asked for)."""
    if page.article:
        yield metadata.ld_names(page.article.get("author") or page.article.get("creator"))
    elif page.media_author:
        yield metadata.ld_names(page.media_author)
    for key in metadata.AUTHOR_METAS:
        values = [v for v in page.author_metas.get(key, ()) if not v.startswith(("http://", "https://"))]
        if values:
            yield values
            break
    yield page.rel_authors


TOP_BYLINE_LINES = 4
"""Lines at the head of the article's text, before its first paragraph of prose, where a byline alone on its line
("By Tom Ashcroft", the date on the next) is the page's byline, not the article's words."""
PROSE_WORDS = 15


def _top_lines(body: str) -> set[str]:
    """Keys of the body's first ``TOP_BYLINE_LINES`` lines, up to its first paragraph of prose."""
    keys = set()
    for line in body.split("\n", TOP_BYLINE_LINES)[:TOP_BYLINE_LINES]:
        if word_count(line) >= PROSE_WORDS:
            break
        keys.add(text_key(line))
    return keys


_NAME_JOINS = frozenset(("and", "&", "de", "van", "von", "der", "da", "del", "la", "le"))
MAX_BYLINE_NAME_WORDS = 8
_NO_NAME_WORDS = frozenset((
    "the", "a", "an", "this", "that", "these", "those", "then", "now", "all", "any", "some", "no", "not", "far",
    "it", "its", "our", "my", "your", "his", "her", "their", "we", "you", "they", "he", "she", "i", "is", "was",
    "are", "were", "be", "been", "too", "so", "how", "what", "when", "where", "who", "why", "way",
    "popular", "demand", "royal", "appointment", "request", "invitation", "numbers", "means", "accident",
))
"""Words of a title-case subheading that no name holds: "By The Numbers", "By Then It Was Too Late", "By Any Means",
"By Popular Demand", "By Royal Appointment" (two of them, or the first: chrome.toml's [byline] keeps such a line)."""
_ACRONYM = re.compile(r"[A-Z]{2,5}").fullmatch
"""A news agency's initials ("CP", "UPI", "PTI"): a byline of one word."""


def _names_only(line: str) -> bool:
    """"By" and names, nothing else: capitalised words (and their joins, "and", "van"...), no comma, role or date
    ("By Sam Okoro, Associated Press Writer" goes on: the article's own line); not opening with a word a name never
    opens with, nor holding two ("By The Numbers" above a story's figures is its subheading, "By Then It Was Too
    Late" too, ``_NO_NAME_WORDS``; a name may hold one: "Peter A Jones", "Nicole So", "Tran Thi My", "Katie Way";
    "By The Associated Press" is the agency's); one word only when it is an agency's ("By Reuters", its initials:
    "By CP"; "By Design" is a subheading too)."""
    words = line.split()[1:]
    if len(words) == 1 and words[0].casefold().rstrip(".") not in AGENCIES and not _ACRONYM(words[0]):
        return False
    unnamed = [i for i, w in enumerate(words) if w.casefold() in _NO_NAME_WORDS]
    if len(unnamed) > 1 or (unnamed == [0] and " ".join(words[1:]).casefold() not in AGENCIES):
        return False
    return 0 < len(words) <= MAX_BYLINE_NAME_WORDS and all(
        w in _NAME_JOINS or (w[:1].isupper() and all(c.isalpha() or c in ".'’-" for c in w)) for w in words)


_DATED_BYLINE = re.compile(
    r"(?P<date>[^|·•]{0,30}?(?<!\d)\d{1,2}(?!\d)[^|·•\d]{1,30}?(?<!\d)(?:19|20)\d\d)(?:,| [-–—|·•]) ?"
    r"(?P<by>[bB]y [^|·•,]{1,80})")
"""A line that gives the story's day, then its writer: "Monday 21 March 2016, by Jim Harrow" (a day number, words and
a year; a comma or a separator; "by" and the names)."""
DATED_BYLINE_CHARS = 160


def _dated_byline(body: str) -> tuple[str, str] | None:
    """(the date, "By" and the names) of a dated byline standing alone on one of the first lines of the article's
    text (:func:`_top_lines`'s, before its first paragraph of prose); the names as :func:`_names_only` takes them
    ("by contrast, the council…" is a sentence). None when there is none."""
    for line in body.split("\n", TOP_BYLINE_LINES)[:TOP_BYLINE_LINES]:
        if word_count(line) >= PROSE_WORDS:
            return None
        found = _DATED_BYLINE.fullmatch(line.strip()) if len(line) <= DATED_BYLINE_CHARS else None
        if found and _names_only("By " + found["by"][3:].strip()):
            return found["date"].strip(), "By " + found["by"][3:].strip()
    return None


def _site_named(authors: list[str], page: metadata.PageMeta, tree: HtmlElement, url: str) -> bool:
    """Every author is the site itself: its og:site_name, or a name its host gives (:func:`_names_host`: "VnExpress"
    on vnexpress.net)."""
    site = "".join((page.meta.get("og:site_name") or "").casefold().split())
    keys = ["".join(a.casefold().split()) for a in authors]
    if not all(keys):
        return False
    if all(key == site for key in keys):
        return True
    if any(" " in a.strip() for a in authors):
        return False  # (a person's name: the page's host is not looked up, that may walk its links)
    host = host_of(_site_url(tree, page, url))
    return bool(host) and all(key == site or _names_host(key, host) for key in keys)


def _names_host(key: str, host: str) -> bool:
    """Whether ``key`` (a name, casefolded, without spaces) is the name a ``host`` gives its site: the host itself,
    its end ("vnexpress.net"), or one of its labels, hyphens left out ("vnexpress", "harwood-times"); not a piece of
    a label ("tim" in thetimes.co.uk is a person's name)."""
    return key == host or host.endswith("." + key) or any(
        key in (label, label.replace("-", "")) for label in host.split("."))


_PUBLISHER_TYPES = frozenset(("organization", "newsmediaorganization", "corporation"))


def _publishers(page: metadata.PageMeta) -> list[str]:
    """The names (casefolded) of the article node's publisher when it is an organisation (a blog's publisher may be
    its writer, a Person: not the site): the site's own name, as JSON-LD gives it ("台北時報" beside og:site_name
    "Taipei Times")."""
    value = page.article.get("publisher") if page.article else None
    nodes = value if isinstance(value, list) else [value]
    names = []
    for node in nodes[:5]:
        if isinstance(node, dict) and metadata._types(node) & _PUBLISHER_TYPES:
            names += [n.casefold().strip() for n in metadata.ld_names(node)]
    return names


def _authors(page: metadata.PageMeta, url: str, tree: HtmlElement | None = None, body: str = "") -> list[str]:
    """Names from the first source that states any: JSON-LD, <meta>, rel=author links, the byline element, a
    line of the page's text (``tree``) that starts with "By " outside the article's text (``body``: a line inside it
    is the article's own, which corpora keep or leave out alike, and cleaning drops a byline line of the authors),
    or standing whole on a line of its own at the head of the article's text ("By Tom Ashcroft" above an old
    layout's story, ``<p class="by">By Graham Fenn</p>``: "By" and capitalised names only, a line cleaning's
    vocabulary drops as a byline anyway; a line that goes on, "By Sam Okoro, Associated Press Writer", stays the
    article's own).

    An organisation-only byline ("Le Monde", "Redaktion hessenschau.de") is kept as it is. The site's own name
    (og:site_name, or its JSON-LD publisher's name) is an author only when no source names anyone else."""
    site = (page.meta.get("og:site_name") or "").casefold()
    sites = {site, *_publishers(page)} - {""}
    fallback: list[str] = []
    for raw in _author_sources(page):
        names = author_names(raw)
        if not names:
            continue
        orgs = [n for n in names if n.casefold() in AGENCIES or n.casefold() in sites]
        if len(raw) == 1 and len(names) > 1 and len(orgs) == len(names):
            return [clean_text(raw[0]) or raw[0]]  # "Le Figaro et AFP": an organisation byline, as written
        people = [n for n in names if n.casefold() not in sites]
        if not people:
            fallback = fallback or names  # the site's own name: a person named elsewhere on the page wins
            continue
        return people
    # the byline element: a person's name (two words or more) shown there wins over the site's name, not a desk's
    # code ("amw" under a story the site signs as "kicker")
    shown = author_names(page.bylines[:1])
    found = [n for n in shown if n.casefold() not in sites and " " in n] if fallback else []
    found = found or fallback or shown
    if found or tree is None:
        return found
    text = text_key(body[:BYLINE_BODY_CHARS])
    top: set[str] | None = None
    for line in metadata.text_bylines(tree, body):
        key = text_key(line)
        if key in text:
            top = _top_lines(body) if top is None else top
            if key not in top or not _names_only(line):
                continue
        names = [n for n in author_names([line]) if n[:1].isupper()]
        if names:
            return names
    dated = _dated_byline(body)
    if dated:
        return author_names([dated[1]])  # ("Monday 21 March 2016, by Jim Harrow" at the top of the text)
    return author_names(metadata.role_bylines(tree, body))  # (a Korean "김민수 기자": the name before its role)


MAX_FOREIGN_DAYS = 3
"""Dates htmldate finds on a page that are none of the article's (the masthead's, related stories') before the page
is taken to give none."""


_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])(?!\d)")


def _url_dated(url: str, day: str) -> bool:
    """Whether the URL's path states the year and the month of ``day`` ("/2012/08/26/", "/2012-08-"): the page's
    own date, whatever element also writes it."""
    path = urlsplit(url).path
    return any(m.group(1) == day[:4] and m.group(2) == day[5:7] for m in _URL_DATE.finditer(path[:MAX_URL_PATH]))


MAX_URL_PATH = 2000


def _htmldate_own(tree: HtmlElement, url: str, body: str) -> str | None:
    """htmldate's date of the page, when the URL or a date element of the article writes it: one that only the
    masthead writes (the day's date) or only related stories below the text do (:func:`metadata.foreign_day`) is
    passed over for an earlier one; None after ``MAX_FOREIGN_DAYS`` such dates (the page gives no date: none is
    invented)."""
    found = metadata.htmldate_published(tree, url)
    for _ in range(MAX_FOREIGN_DAYS):
        if not found or not _foreign(tree, url, found, body):
            return found
        found = metadata.htmldate_published(tree, url, before=found[:10])
    return None


def _foreign(tree: HtmlElement, url: str, day: str, body: str) -> bool:
    """Whether ``day`` (``YYYY-MM-DD``) is not the page's: only its masthead or the related stories below its text
    write it (:func:`metadata.foreign_day`), and its URL does not."""
    return not _url_dated(url, day) and metadata.foreign_day(tree, day[:10], body)


MONTH_FIRST_REGIONS = frozenset(("us", "ph"))
"""Regions of English that write a numeric date month first ("3/4/2016" is March 4 in en-US, 3 April in en-GB)."""
NUMERIC_DATE_CHARS = 100_000
"""Characters of the page's text searched for the numeric date htmldate read (the start: bylines are there)."""


def _month_first(day: str | None, tree: HtmlElement, url: str, lang: str | None) -> str | None:
    """htmldate's ``day`` (``YYYY-MM-DD``) read month first on a page whose stated language writes dates so (en-US):
    htmldate reads "3/4/2016" day first whatever the page's language, so a day it found that the page's text writes
    only as ``D/M/YYYY`` (or ``D/M/YY``), ambiguous (both numbers 12 or less) and not the URL's, is swapped. A page that
    states no such language, or a date its metadata gives, is left as it is."""
    parts = (lang or "").replace("_", "-").casefold().split("-")
    if not day or len(parts) < 2 or parts[0] != "en" or parts[1] not in MONTH_FIRST_REGIONS or len(day) != 10:
        return day
    year, month, dd = day[:4], int(day[5:7]), int(day[8:10])
    if not (dd <= 12 and month <= 12 and dd != month) or _url_dated(url, day):
        return day
    body = tree.find("body")
    text = parse_text_start(body if body is not None else tree, NUMERIC_DATE_CHARS)
    written = re.compile(rf"(?<![\d/])0?{dd}/0?{month}/(?:{year}|{year[2:]})(?![\d/])")
    return f"{year}-{dd:02d}-{month:02d}" if written.search(text) else day


def _dates(page: metadata.PageMeta, tree: HtmlElement, url: str, hints: dict[str, Any], tz: str | None,
           downloaded: str = "", body: str = ""):
    ld = page.article
    published_raw = [
        metadata.ld_value(ld, "datePublished") if ld else None,
        page.meta.get("article:published_time"),
        page.meta.get("og:published_time"),
        page.meta.get("datepublished"),
        page.meta.get("pubdate"),
        page.meta.get("publishdate"),
        page.meta.get("dc.date.issued"),
        page.meta.get("dc.date"),
        page.meta.get("date"),
        page.meta.get("sailthru.date"),
        page.meta.get("parsely-pub-date"),
    ]
    published = next((d for d in (iso_date(v, tz) for v in published_raw if isinstance(v, str)) if d), None)
    if not published:
        published = iso_date(_month_first(_htmldate_own(tree, url, body), tree, url,
                                             page.lang or page.meta.get("og:locale")), tz)
    if not published and hints.get("datePublished"):
        published = iso_date(hints["datePublished"], tz)
    if not published:
        day = metadata.text_date(tree, page.lang or page.meta.get("og:locale"), downloaded, body)
        published = iso_date(day, tz) if day and not _foreign(tree, url, day, body) else None
    dated = None if published else _dated_byline(body)
    if dated:  # (the day a dated byline at the top of the text gives: "Monday 21 March 2016, by Jim Harrow")
        published = iso_date(metadata.written_day(dated[0], page.lang or page.meta.get("og:locale"), downloaded), tz)
    modified_raw = [
        metadata.ld_value(ld, "dateModified") if ld else None,
        page.meta.get("article:modified_time"),
        page.meta.get("og:updated_time"),
        page.meta.get("datemodified"),
    ]
    modified = next((d for d in (iso_date(v, tz) for v in modified_raw if isinstance(v, str)) if d), None)
    return published, modified


def _language(page: metadata.PageMeta, body: str, site: SiteConfig | None) -> str | None:
    stated = [
        metadata.ld_value(page.article, "inLanguage") if page.article else None,
        page.lang,
        page.meta.get("content-language"),
        page.meta.get("og:locale"),
        page.meta.get("language"),
        page.meta.get("dc.language"),
    ]
    for value in stated:
        lang = bcp47(value) if isinstance(value, str) else None
        if lang:
            return contradicts(lang, body) or lang
    return detect_language(body) or (site.language if site else None)


def _image(page: metadata.PageMeta, url: str) -> Image | None:
    candidates = [
        page.meta.get("og:image"),
        page.meta.get("og:image:url"),
        page.meta.get("og:image:secure_url"),
        metadata.ld_url(page.article.get("image")) if page.article else None,
        page.meta.get("twitter:image"),
        page.meta.get("twitter:image:src"),
    ]
    for value in candidates:
        image = absolute_url(value, url)
        if image:
            return Image(url=image)
    return None


def _breadcrumbs(page: metadata.PageMeta, url: str) -> list[Breadcrumb] | None:
    crumbs: list[Breadcrumb] = []
    for element in sorted(page.breadcrumbs, key=lambda e: e.get("position") or 0):
        item = element.get("item")
        name = element.get("name") or (item.get("name") if isinstance(item, dict) else None)
        link = metadata.ld_url(item) if item else None
        name = clean_text(name) if isinstance(name, str) else None
        if name or link:
            crumbs.append(Breadcrumb(name=name, url=absolute_url(link, url)))
    return crumbs or None


def _ld_paragraphs(body: str, ld_body: object) -> str:
    """``body`` as the JSON-LD ``articleBody``'s paragraphs where it is that text run into one line (a page whose
    HTML is a script app's shell: the extractor read the text from the JSON-LD, its line breaks lost)."""
    if "\n" in body or not isinstance(ld_body, str) or "\n" not in ld_body.strip():
        return body
    lines = [" ".join(line.split()) for line in ld_body.split("\n")]
    lines = [line for line in lines if line]
    return "\n".join(lines) if text_key(" ".join(lines)) == text_key(body) else body


def extract(
    html: str | bytes | HtmlElement,
    url: str,
    site: SiteConfig | None = None,
    hints: dict[str, Any] | None = None,
    date_downloaded: str = "",
) -> Extraction:
    """The article of one page. Raises :class:`NotAnArticle` or :class:`ExtractionFailed` with a reason."""
    hints = hints or {}
    tree = html if isinstance(html, lxml.html.HtmlElement) else parse_html(html)
    page = metadata.read(tree)
    rules = site_rules.apply(tree, site) if site else {}
    fallbacks = [f for f in (site.selectors if site else {}) if f not in rules]

    body: str | None
    if "articleBody" in rules:
        body = "\n".join(rules["articleBody"])
    else:
        try:
            body = generic.body_text(tree, url, site.prune_xpath if site else ())
        except Exception as exc:  # noqa: BLE001 - a page on which the extractor raises is skipped, not a crash
            raise ExtractionFailed(f"trafilatura raised {type(exc).__name__}: {exc}") from None
    if body and "articleBody" not in rules:
        ld_body = metadata.ld_value(page.article, "articleBody") if page.article else None
        body = generic.from_jsonld(tree, body, ld_body) or generic.continuation(tree, body) or body
        body = _ld_paragraphs(body, ld_body)
    if word_count(body) < SHORT_BODY_WORDS and "articleBody" not in rules:
        # an app shell: the article is data in the page's scripts
        shipped = hydration.embedded_html(tree)
        if shipped:
            body = generic.body_text(parse_html(shipped), url) or body
    body = clean_text(body.replace("\r", ""), compose=False) if body else None
    if body:
        body = "\n".join(line.strip() for line in generic.without_markup_lines(body).split("\n") if line.strip())
    words = word_count(body)
    if words < STUB_WORDS:
        reason = not_article_reason(tree, body or "", words, page)
        if reason:
            raise NotAnArticle(f"{reason.replace('_', ' ')} ({words} words)", reason=reason)
    short = short_page(tree, url, body or "", words, page) if words < SHORT_BODY_WORDS or not body else None
    if short == "index":
        raise NotAnArticle(f"a listing (headline links, {words} words of text)", reason="index")
    if short or not body:
        raise NotAnArticle(f"too little text ({words} words)", reason="too_short")
    listing = listing_reason(tree, url, body, page)
    if listing:  # text enough, but the text of a listing
        raise NotAnArticle(f"a listing ({listing.replace('_', ' ')}, {words} words of text)", reason=listing)

    # a site's headline rule gets the generic cleanup too (a meta value can still be escaped: "&amp;quot;")
    headline = clean_text(_unescaped(rules["headline"][0])) if "headline" in rules else _headline(
        page, _site_url(tree, page, url), body)
    headline = headline or clean_text(hints.get("title"))
    if not headline:
        raise ExtractionFailed("no headline")
    headline = bounded_headline(headline)  # (a <title> of a megabyte is no record's headline)
    if "articleBody" not in rules:
        body = _without_title_lines(body, page, headline)
        if kicker_above(tree, body, headline):  # ("Analysis" shown above the <h1>: a label, not the text)
            body = body.split("\n", 1)[1]
        lead = standfirst(tree, body, headline, _descriptions(page))
        if lead:
            body = "\n".join([*(clean_text(line, compose=False) or "" for line in lead), body])

    authors = author_names(rules["authors"]) if "authors" in rules else _authors(page, url, tree, body)
    if "articleBody" not in rules:
        body = metadata.without_role_bylines(body)
        # (the author's name alone under the text, set right: a signature, not a line of it; looked for below the
        # text only where no one but the site is named, the page's walk for it costs)
        unnamed = not authors or _site_named(authors, page, tree, url)
        signed = metadata.signature(tree, body, below=unnamed)
        if signed:
            name, in_body = signed
            if in_body:
                body = body.rsplit("\n", 1)[0]
            if unnamed and not metadata.source_credit(name, _language(page, body, site)):  # ("Theo Reuters")
                authors = author_names([name])
        # ("Read also: <a>another story</a>" between the paragraphs, in any language: cleaning drops them, counted)
        # (and a promotion set below the text after a rule, "<hr><p>Learn more in <a>our cover story</a>.</p>")
        ruled = ruled_promo(tree, body)
        promos = frozenset(promo_lines(tree, url, page, body)) | ({ruled} if ruled else set())
    else:
        promos = frozenset()
    tz = site.timezone if site else None
    published, modified = _dates(page, tree, url, hints, tz, date_downloaded, body)
    if not published and not rules and site_page(tree, page):
        raise NotAnArticle("a page about the site, not news (its heading says so, no date)", reason="site_page")
    if "datePublished" in rules:
        published = iso_date(rules["datePublished"][0], tz) or published
    if "dateModified" in rules:
        modified = iso_date(rules["dateModified"][0], tz) or modified

    description = rules.get("description", [None])[0] or (
        page.meta.get("og:description")
        or page.meta.get("description")
        or (metadata.ld_value(page.article, "description") if page.article else None)
        or page.meta.get("twitter:description")
    )
    canonical = absolute_url(page.canonical, url) or absolute_url(page.meta.get("og:url"), url)
    if canonical and later_page(url, canonical):
        # (page 2 of a multi-page article naming its first page canonical is a record of its own: under the first
        # page's URL, dedup dropped it, and the next run's state took its text for the first page's, then back)
        canonical = None
    image = _image(page, url)
    if "mainImage" in rules:
        image = Image(url=absolute_url(rules["mainImage"][0], url) or rules["mainImage"][0])

    article = Article(
        url=url,
        canonicalUrl=canonical_url(canonical or url),
        headline=headline,
        articleBody=body,
        authors=[Author(name=n) for n in authors],
        datePublished=published,
        dateModified=modified,
        inLanguage=_language(page, body, site),
        description=clean_text(description) if isinstance(description, str) else None,
        mainImage=image,
        breadcrumbs=_breadcrumbs(page, url),
        metadata=Metadata(
            dateDownloaded=date_downloaded,
            dateZoneless=[name for name, value in (("datePublished", published), ("dateModified", modified))
                          if zoneless(value)],
            extractor=consent.extractor(),
            **consent.signals(page, url, hints),
        ),
    )
    return Extraction(
        article=article, fallbacks=fallbacks, captions=generic.picture_captions(tree, article.articleBody),
        media=media_lines(page, headline), promos=promos,
        quotes=generic.quote_lines(tree, article.articleBody) if "articleBody" not in rules else {},
    )


__all__ = ["Extraction", "MIN_BODY_WORDS", "extract", "media_lines", "parse_html"]
