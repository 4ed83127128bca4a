"""Article or listing: one decision per page, made in the extraction process after the body is extracted.

:func:`not_article_reason` says why a page whose extracted text is short is not an article (index, tag, error page,
paywall...); :func:`listing_reason` says why a page with text is a listing all the same (its metadata says so, or
its text is the summaries of teasers linking other pages). Only evidence the page states is used (metadata, its
title, its structure, the words of its text), never the URL alone. No Scrapy here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree

from ..cleaning.patterns import vocabulary
from ..discovery.urls import absolute_url, host_of
from ..text import UNSPACED, word_count
from .generic import BROKEN_LINE_WORDS, BROKEN_SENTENCE_WORDS, first_body, goes_on
from .parse import element_text, text_start

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml.html import HtmlElement

    from .metadata import PageMeta

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "blogposting", "liveblogposting", "report",
    "scholarlyarticle", "techarticle", "socialmediaposting",
}
LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage", "profilepage"}
"""JSON-LD types of a page of teasers. (Not "WebSite" or "WebPage": many publishers put them on every page.)"""
LISTING_REASONS = frozenset(("index", "tag", "listing_metadata", "teasers", "posts"))
""":class:`NotAnArticle` reasons that make a page a listing (its links are followed, it is no drop)."""
_MIN_PARAGRAPH = 80  # characters of text (links excluded) for a <p> to count as prose


def jsonld_types(page: PageMeta) -> set[str]:
    """Top-level ``@type`` values of the page's JSON-LD scripts (inside ``@graph`` too), lowercased, as
    ``metadata.read`` found the scripts."""
    from ..text import json_too_deep

    found: set[str] = set()
    for script in page.ld_scripts:
        text = script.text or ""
        if json_too_deep(text):  # json.loads would raise RecursionError (100,000 levels): not a page's types
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        nodes = data if isinstance(data, list) else [data]
        for node in nodes:
            if not isinstance(node, dict):
                continue
            for inner in [node, *(node.get("@graph") or [])]:
                if isinstance(inner, dict):
                    typ = inner.get("@type")
                    for t in typ if isinstance(typ, list) else [typ]:
                        if isinstance(t, str):
                            found.add(t.lower())
    return found


def prose_run(tree: HtmlElement) -> int:
    """Most long paragraphs that share one parent element (an article body has several; teasers have one)."""
    counts: dict[int, int] = {}
    for p in tree.iter("p"):
        text_len = len(p.text_content().strip())
        if text_len < _MIN_PARAGRAPH:
            continue
        link_len = sum(len(a.text_content()) for a in p.iter("a"))
        if link_len > text_len / 2:
            continue
        parent = p.getparent()
        if parent is not None:
            counts[id(parent)] = counts.get(id(parent), 0) + 1
    return max(counts.values(), default=0)


# ------------------------------------------------------------------ quality gate: why a page is not an article
# The extractor asks this when a page gives too little article text, so a drop is counted under its cause.
# Only evidence the page states is used (metadata, its title, the words of its short text), never the URL alone.

_ERROR_TITLE = re.compile(
    r"^\W*(?:404|410|500|503)\s*(?:$|[-–:|]|error|not found)|\b(?:error|fehler|erreur|errore)\s*(?:404|410|500|503)\b"
    r"|\b(?:404|410)\b.{0,30}\b(?:not found|nicht gefunden|introuvable|no encontrada|non trovata)\b"
    r"|\b(?:page|seite|article|content|story) (?:not found|unavailable|no longer available|nicht gefunden)\b"
    r"|\bseite nicht gefunden\b|\bpage (?:introuvable|non trouvée)\b|\bpágina no encontrada\b"
    r"|\bpagina non trovata\b|\bcouldn.t find (?:that|this|the) page\b",
    re.I,
)
_CONSENT = re.compile(
    r"\bcookies?\b|\bconsent\b|\bprivacy (?:policy|settings)\b|\bwe and our partners\b|\baccept all\b"
    r"|\bdatenschutz|\beinwilligung\b|\bzustimm|\bconfidentialité\b|\bconsentement\b|\bprivacidad\b",
    re.I,
)
_PAYWALL = re.compile(
    r"\bsubscribe (?:now |today )?to (?:continue|read|unlock)\b|\bsubscribers? only\b|\bfor subscribers\b"
    r"|\balready a subscriber\b|\bto continue reading\b|\bexclusive(?:ly)? for (?:subscribers|members)\b"
    r"|\bjetzt (?:abonnieren|weiterlesen)\b|\babo\b.{0,30}\bweiterlesen\b|\bréservé aux abonnés\b"
    r"|\bcontenido exclusivo para suscriptores\b|\bunlock (?:this|the full) (?:article|story)\b|\bpaywall\b",
    re.I,
)
_VIDEO_TYPES = {"videoobject", "videogallery", "clip", "movie", "broadcastevent"}
STUB_WORDS = 150
"""A page with fewer words than this and a paywall, live-blog or video signal is that, not an article."""


_NOT_FREE = re.compile(r'"isAccessibleForFree"\s*:\s*"?(?:false|False)')


def _paywalled(page: PageMeta) -> bool:
    """The page flags itself not free: ``"isAccessibleForFree": false`` in any JSON-LD script (not only the
    article's node), or ``<meta property|name="article:content_tier" content="locked|metered">``; read from what
    ``metadata.read`` found (its scripts, its first value of each meta key)."""
    return any(_NOT_FREE.search(script.text) for script in page.ld_scripts if script.text) or \
        page.meta.get("article:content_tier") in ("locked", "metered")


def not_article_reason(tree: HtmlElement, text: str, words: int, page: PageMeta) -> str | None:
    """Why a page whose article text is ``text`` (``words`` long) is not an article; None when nothing says so.

    Called with the extracted text: ``index``, ``tag``, ``live_blog``, ``video``, ``paywall``, ``error_page``,
    ``consent_wall`` or ``empty`` (no text at all); a short page with none of these signals is the caller's
    ``too_short``.
    """
    if words >= STUB_WORDS:
        return None
    title = " ".join((tree.findtext(".//title") or "").split())
    h1 = " ".join(" ".join(h.text_content().split()) for h in tree.iter("h1"))
    # (an error page says so in its title or heading and holds next to no text; "404 days at sea" is news)
    if words < 60 and (_ERROR_TITLE.search(title) or _ERROR_TITLE.search(h1)):
        return "error_page"
    types = jsonld_types(page)
    og = og_type(page)
    if "liveblogposting" in types:
        return "live_blog"
    # A paywalled article whose visible part is a real lead is still an article (a record with that lead); a
    # page that only flags "not free" and shows next to nothing, or that prompts to subscribe, is a stub.
    if _PAYWALL.search(text) or (words < 40 and _paywalled(page)):
        return "paywall"
    if text and len(_CONSENT.findall(text)) >= 2 and len(_CONSENT.findall(text)) * 25 >= words:
        return "consent_wall"
    if og.startswith("video") or (types & _VIDEO_TYPES and not types & ARTICLE_TYPES):
        return "video"
    if types & LISTING_TYPES and not types & ARTICLE_TYPES:
        return "tag" if types & {"collectionpage", "profilepage"} and _tag_like(tree) else "index"
    if not text.strip():
        return "empty"
    if prose_run(tree) == 0 and _link_dense(tree):
        return "index"
    return None


def _tag_like(tree: HtmlElement) -> bool:
    """A collection about one keyword or person: few words in its heading, many teasers below it."""
    h1 = next((" ".join(h.text_content().split()) for h in tree.iter("h1")), "")
    return 0 < len(h1.split()) <= 4


def _link_dense(tree: HtmlElement) -> bool:
    """Most of the page's visible text is link text: a list of teasers."""
    body = first_body(tree)
    if body is None:
        return False
    total = len(" ".join(body.text_content().split()))
    linked = sum(len(" ".join(a.text_content().split())) for a in body.iter("a"))
    return total > 0 and linked / total > 0.5


# ------------------------------------------------------------------ listing verdict: a page with text that is teasers
# Asked for every page that gave enough text to be an article. Cheap where the page's metadata says "article" (a
# set lookup per body line); the teaser walk runs only on pages that do not say what they are.

HEADLINE_WORDS = 3
"""A link whose text has this many words and is the whole text of its block is a headline (a teaser's link)."""
HEADLINE_MAX_WORDS = 25
"""A line longer than this is a paragraph, not a headline."""
TEASER_CHARS = 800
"""A teaser (headline link, summary, date) holds at most this much text."""
TEASER_LEAD = 100
"""Characters of a teaser's text before its headline link (an image's caption, a date, a section label)."""
MIN_TEASERS = 3
TEASER_SHARE = 0.5
"""Share of the extracted text's words that, in teasers, make the page a listing..."""
OWN_TEXT_WORDS = 40
OWN_TEXT_SHARE = 0.25
"""...unless the text outside the teasers is this many words and this share of the text: an article of its own."""
MAX_LINKS = 2000
"""Links looked at per page (bounded: the page decides how many it has)."""
_BLOCK_TAGS = frozenset(("p", "li", "div", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "article",
                         "section", "header", "footer", "figure", "figcaption", "blockquote", "body"))
_SKIP_HREF = ("#", "javascript:", "mailto:", "tel:", "data:")
_TAXONOMY_RELS = frozenset(("tag", "category", "author"))
"""``rel`` values of a link to a page about this page (HTML's ``rel="tag"``: "a tag that applies to the current
document"; WordPress writes ``rel="category tag"`` and ``rel="author"`` in a post's byline): never another story's
headline, so never a teaser's."""


def _sized(words: list[str], text: str, least: int) -> bool:
    """Whether a link's ``text`` (its white-space ``words``) has ``least`` words: white-space words, or in a script
    written without spaces (Thai, Chinese, Japanese: "市立図書館、開館時間を夜10時まで延長" is one) twice as many of
    :func:`text.word_count`'s two-character words, so that a menu's "การเมือง" or "エンタメ" stays short."""
    return len(words) >= least or (UNSPACED.search(text) is not None and word_count(text) >= 2 * least)


def og_type(page: PageMeta) -> str:
    """The page's ``og:type`` (``metadata.read``), lowercased ("" for none)."""
    return page.og_type.strip().lower()


def says_article(types: set[str], page: PageMeta) -> bool:
    """The page calls itself an article: its og:type, its JSON-LD ``types``, or an article:published_time."""
    return og_type(page) == "article" or bool(types & ARTICLE_TYPES) or page.has_published_time


_SITE_PAGE_TYPES = {"aboutpage", "contactpage"}
_SITE_PAGE_TITLE = re.compile(
    r"^(?:about(?: us)?|contact(?: us)?|privacy(?: policy)?|cookies?(?: policy)?|terms(?: of (?:use|service))?"
    r"|imprint|impressum|datenschutz\w*|kontakt|über uns|careers|jobs|advertise|advertising|faq|help|legal"
    r"|mentions légales|qui sommes-nous|chi siamo|quiénes somos|contacto|newsletters?)\b",
    re.I,
)
"""The heading of a page about the site (its first words), in a few languages."""


def site_page(tree: HtmlElement, page: PageMeta) -> bool:
    """A page about the site ("About us", "Contact", "Privacy policy"...), not news: it says so in its heading, and
    nothing calls it an article (the caller checks that it states no date)."""
    types = jsonld_types(page)
    if says_article(types, page):
        return False
    if types & _SITE_PAGE_TYPES:
        return True
    heading = next((_norm(h.text_content()) for h in tree.iter("h1")), "") or _norm(tree.findtext(".//title") or "")
    return bool(_SITE_PAGE_TITLE.match(heading[:100]))


def _norm(text: str) -> str:
    return " ".join(text.split())


def _more(text: str) -> bool:
    """The text of a link to the rest of a teaser's story ("Read more »", "Continue reading", "[…]", "Weiterlesen"):
    the chrome vocabulary's ``[related] more`` patterns (one source for the verdict and the cleaning)."""
    return any(rx.match(text) for rx in vocabulary().more)


# An absolute http(s) link that urljoin() gives back as it is (it re-assembles urlparse()'s parts, so only an empty
# query or fragment, "x?" "x?#y" "x#", or path parameters, ";", could come back changed): not joined with the page's
# URL (urljoin cost ~0.3 ms a page); absolute_url() still checks it
_AS_JOINED = re.compile(r"https?://(?!.*(?:;|\?#|[?#]$))", re.S).match


def _splits(url: str) -> bool:
    try:
        urlsplit(url)
    except ValueError:
        return False
    return True


def _own_pages(url: str, page: PageMeta) -> tuple[set[str], set[str]]:
    """The page itself: its URL and the URLs it calls its own (a page served elsewhere, a permalink; those
    metadata.read found in its walk of the page), without fragments; and their sites (:func:`host_of`)."""
    selves = [url, *page.selves[:4]]
    pages = {p.split("#", 1)[0] for p in (absolute_url(u, url) for u in selves) if p}
    return pages, {host_of(u) for u in pages} - {""}


def _links_other_page(href: str, url: str, direct: bool, pages: set[str], hosts: set[str]) -> bool:
    """Whether ``href`` (on the page at ``url``; ``direct``: :func:`_splits` of it) links another page of the
    page's site: not the page itself (``pages``) nor a view of it (print, comments: teasers link other pages of the
    same site), nor another site (``hosts``). A broken link, "http://[x", costs that link only, not the page."""
    target = absolute_url(href) if direct and _AS_JOINED(href) else absolute_url(href, url)
    if target is None:
        return False
    target = target.split("#", 1)[0]
    return not (target in pages or host_of(target) not in hosts or _variant(target, pages))


def headline_links(tree: HtmlElement, url: str, page: PageMeta, more: bool = False,
                   wanted: set[str] | None = None, resolved: dict[str, bool] | None = None,
                   heads: set[HtmlElement] | None = None) -> list[tuple[HtmlElement, str]]:
    """Links to other pages whose text (``HEADLINE_WORDS`` words or more: :func:`_sized`) is all the text of their
    block, or its first line above a summary in a block of its own (:func:`_heads_block`): the headlines of teasers,
    menus and related-story lists, not links inside a sentence. With ``more``, also the
    links to the rest of a teaser's story ("Read more", inside its summary or after it). With ``wanted``, only the
    links whose text is one of these (the caller asks about no other: the rest are not resolved or measured).
    ``heads`` gets the links found only as the first line of their block (:func:`_heads_block`)."""
    pages, hosts = _own_pages(url, page)
    # the page's own headline, linked to its permalink (a blog post's title), is no teaser
    own = " ".join(_norm(t).casefold() for t in page.own_titles)
    direct = _splits(url)  # (a base urljoin cannot parse makes every link None: the slow path keeps that)
    found: list[tuple[HtmlElement, str]] = []
    # href → whether it links another page of the site (``resolved``: the caller's, shared with its next walk)
    others: dict[str, bool] = {} if resolved is None else resolved
    for a in islice(tree.iter("a"), MAX_LINKS):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(_SKIP_HREF):
            continue
        rel = a.get("rel")
        if rel and not _TAXONOMY_RELS.isdisjoint(rel.casefold().split()):
            continue  # (a post's category in its byline: its "teaser" box is the post itself)
        words = element_text(a).split()
        text = " ".join(words)
        headline = _sized(words, text, HEADLINE_WORDS)
        if not more and not headline:
            continue  # (most links: a menu's, a tag's)
        if wanted is not None and text not in wanted:
            continue
        read_more = more and len(text) <= 40 and _more(text)
        if not read_more and (not headline or text.casefold() in own):
            continue
        # (menus, footers and teasers link one page several times: each href is resolved and judged once)
        other = others.get(href)
        if other is None:
            other = others[href] = _links_other_page(href, url, direct, pages, hosts)
        if not other:
            continue
        if read_more:
            found.append((a, text))
            continue
        block = a.getparent()
        while block is not None and block.tag not in _BLOCK_TAGS:
            block = block.getparent()
        if block is None:
            continue
        block_text = _bounded_text(block, 4 * len(text) + 40)
        if block_text is not None and len(_norm(block_text)) <= 1.25 * len(text) + 5:
            found.append((a, text))
        elif _heads_block(a):
            found.append((a, text))
            if heads is not None:
                heads.add(a)
    return found


_LEAD_SIBLINGS = 3
"""Elements before a link in its block that may lead it (an image, a time, a section label): bounded."""


def _heads_block(a: HtmlElement) -> bool:
    """The link is the first line of its block, a block of its own following it: a teaser's headline above its
    summary (``<li><a>Headline</a><p>Summary…</p></li>``, ``<div><a>Headline</a><div>Summary</div></div>``), where
    the headline is not the whole text of its block. Before it, at most ``LED_PREFIX`` characters (a date, a
    label); after it, no text of the line: the next element is a block or a ``<br>``."""
    parent = a.getparent()
    after = a.getnext()
    if parent is None or parent.tag not in _BLOCK_TAGS or (a.tail or "").strip() or after is None or \
            not (after.tag in _BLOCK_TAGS or after.tag == "br"):
        return False
    lead = len((parent.text or "").strip())
    before = a.getprevious()
    for _ in range(_LEAD_SIBLINGS):
        if before is None:
            return lead <= LED_PREFIX
        if before.tag in _BLOCK_TAGS or before.tag == "br":
            return False  # (a line above it in the block: the link is no block's first line)
        text = element_text(before) if isinstance(before.tag, str) else ""  # (a comment: its tail only)
        lead += len(_norm(text)) + len((before.tail or "").strip())
        if lead > LED_PREFIX:
            return False
        before = before.getprevious()
    return before is None and lead <= LED_PREFIX


PROMO_LABEL_CHARS = 30
"""Characters of the label before a cross-promotion's colon ("Read also", "यह भी पढ़ें", "Baca juga", "اقرأ أيضاً")."""
MAX_PROMO_LINES = 200
"""Lines of a body looked at for a cross-promotion (bounded: the page decides how many it has)."""
_PROMO_COLON = re.compile(r"[:：]")
_DOCUMENT = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|csv)(?:[?#]|$)", re.I)
"""A link to a file (a report's PDF, a spreadsheet): a source the story cites, not another story promoted."""


def promo_lines(tree: HtmlElement, url: str, page: PageMeta, body: str) -> set[str]:
    """Lines of ``body`` that are a short label, a colon and the headline of another page of the site, the whole
    text of their block: "Read also: <a>Headline</a>", "यह भी पढ़ें: <a>…</a>", "Baca juga: <a>…</a>" — a
    cross-promotion set between an article's paragraphs, whatever its language (no phrase list: the link says it).
    A label with a figure ("Update 3pm:"), a link inside a sentence or whose text goes on with the label's sentence
    (it opens in lower case: "In March: <a>the board warned…</a>"), a link to the page itself, to another site or to
    a file (``_DOCUMENT``), and a link text shorter than a headline (``HEADLINE_WORDS``) make none; nor do
    such lines in a row with ``MIN_TEASERS`` or more different labels ("January: <a>…</a>", "March: <a>…</a>",
    "March: <a>…</a>", "June: <a>…</a>"): a list of the article's own, a timeline or a glossary linking its entries,
    where a cross-promotion repeats its one label; nor, elsewhere in the text, ``MIN_TEASERS`` or more lines whose
    labels each appear once and share a word ("Best pub: <a>…</a>", its paragraph, "Best cafe: <a>…</a>", its
    paragraph…: an awards story's winners, each above its own text; promotions set apart under kickers of their own,
    "LOOKING AHEAD: <a>…</a>", "DISTANT LIFE: <a>…</a>", "BUILDING BLOCKS: <a>…</a>", go)."""
    wanted: dict[str, str] = {}
    run: list[tuple[str, str]] = []  # (label, rest) of the label lines in a row so far
    apart: list[tuple[str, str]] = []  # (label, rest) of the label lines in no run of the article's own

    def end_run() -> None:
        if len({label.casefold() for label, _ in run}) >= MIN_TEASERS:  # (a month may come twice in a timeline)
            for _, rest in run:
                wanted.pop(rest, None)
        else:
            apart.extend(run)
        run.clear()

    for line in islice(body.split("\n"), MAX_PROMO_LINES):
        colon = _PROMO_COLON.search(line, 0, PROMO_LABEL_CHARS + 1)
        if colon is None or len(line) > TEASER_CHARS:
            end_run()
            continue
        label, rest = line[:colon.start()].strip(), _norm(line[colon.end():])
        if label and 0 < len(rest) <= PROMO_HEADLINE_CHARS and not any(ch.isdigit() for ch in label) and \
                len(label.split()) <= 4 and _sized(rest.split(" "), rest, HEADLINE_WORDS):
            wanted[rest] = line
            run.append((label, rest))
            if len(wanted) >= MAX_PROMOS:
                break
        else:
            end_run()
    end_run()
    if not wanted:
        return set()
    pages, hosts = _own_pages(url, page)
    direct = _splits(url)
    found: set[str] = set()
    starts = {rest[:_PROMO_START] for rest in wanted}
    for a in islice(tree.iter("a"), MAX_LINKS):
        start = (a.text or "").lstrip()[:_PROMO_START]
        if start and start not in starts and len(start) == _PROMO_START:
            continue  # (its text starts as no line's rest does: read no further; most links)
        text = _norm(element_text(a))
        promo = wanted.get(text)
        if promo is None or promo in found:
            continue
        href = (a.get("href") or "").strip()
        if not href or href.startswith(_SKIP_HREF):
            continue
        if text[:1].islower() or _DOCUMENT.search(href):
            continue  # (the label's sentence going on in the link, "In March: <a>the board warned…</a>"; a file)
        if not _links_other_page(href, url, direct, pages, hosts):
            continue
        block = a.getparent()
        while block is not None and block.tag not in _BLOCK_TAGS:
            block = block.getparent()
        block_text = _bounded_text(block, 2 * len(promo)) if block is not None else None
        if block_text is not None and _norm(block_text) == _norm(promo):
            found.add(promo)
    labels = {wanted[rest]: label.casefold() for label, rest in apart if wanted.get(rest, "") in found}
    uses = Counter(labels.values())
    once = [label for label, n in uses.items() if n == 1]
    shared = Counter(word for label in once for word in set(label.split())).most_common(1)
    if shared and shared[0][1] >= MIN_TEASERS:
        # (a list of the article's own, its items apart, each above its text, under parallel labels: "Best pub",
        # "Best cafe"; a promotion repeats its label, or gives each its own kicker: "LOOKING AHEAD", "DISTANT LIFE")
        found -= {promo for promo, label in labels.items() if uses[label] == 1 and shared[0][0] in label.split()}
    return found


MAX_RULES = 50
"""Horizontal rules (``<hr>``) looked at per page for a promotion set below the text (bounded: the page decides)."""
RULED_PROMO_LINK_SHARE = 0.5
"""Share of a closing block's characters that are a link's text, from which on it is a promotion, not a note: a
reference, a correction or an author's note below a rule links a word or a title (a third of the text at most on the
dev corpora), a promotion links the offer ("Learn more about <a>the mission in our September 2014 cover story</a>.")."""
_LINK_ELEMENTS = 20
"""Links of a closing block whose text is counted (a block of more links is a list, not a promotion)."""
_RULED_NOTE = re.compile(r"^\W{0,3}(?:update[ds]?|correction|clarification|editor\W?s note|note)\b", re.I)
"""A closing block that a note's label opens ("Update, 5 p.m.: <a>The council reversed its decision</a>.",
"Correction: …"): the article's own last word, however much of it a link is."""


def ruled_promo(tree: HtmlElement, body: str) -> str | None:
    """The body's last line when it is a promotion set apart below the text: the whole text of the block right after
    a horizontal rule (``<hr>``), at most ``TEASER_CHARS`` long, at least ``RULED_PROMO_LINK_SHARE`` of it the text
    of links to other pages ("Learn more about <a>the MAVEN mission in our September 2014 cover story</a>."). None
    otherwise: a note, a reference or the article's own last paragraph below a rule links little of its text, and a
    block that is not the last line of the text is no closing promotion."""
    last = _norm(body.rstrip().rsplit("\n", 1)[-1])
    if not last or len(last) > TEASER_CHARS or _RULED_NOTE.match(last):
        return None
    for rule in islice(tree.iter("hr"), MAX_RULES):
        block = rule.getnext()
        while block is not None and not isinstance(block.tag, str):  # (a comment between them)
            block = block.getnext()
        if block is None or block.tag not in _BLOCK_TAGS:
            continue
        text = _bounded_text(block, 2 * len(last))
        if text is None or _norm(text) != last:
            continue
        links = [a for a in islice(block.iter("a"), _LINK_ELEMENTS + 1)
                 if not (a.get("href") or "").strip().startswith(_SKIP_HREF) and (a.get("href") or "").strip()]
        linked = sum(len(_norm(element_text(a))) for a in links)
        if len(links) <= _LINK_ELEMENTS and linked >= RULED_PROMO_LINK_SHARE * len(last):
            return last
    return None


PROMO_HEADLINE_CHARS = 150
"""A cross-promotion's headline is at most this long (a longer text after a colon is a sentence's)."""
MAX_PROMOS = 10
"""Lines looked up as cross-promotions (bounded: the page decides how many lines with a colon it has)."""
_PROMO_START = 8
"""Characters of a link's own first text compared with the lines' before its whole text is read."""


_VARIANT = re.compile(r"(?:print|amp|comments?|comment-page-\d+|feed|email|share|pdf)(?:[/?#.]|$)")


def _variant(target: str, pages: set[str]) -> bool:
    """``target`` is a view of the page itself: ``<page>/print/``, ``<page>/amp``, ``<page>/comments``..."""
    for page in pages:
        base = page.rstrip("/") + "/"
        if target.startswith(base) and _VARIANT.match(target[len(base):]):
            return True
    return False


def _bounded_text(element: HtmlElement, limit: int) -> str | None:
    """``element``'s text, cut once it is longer than ``limit`` characters (enough to tell "short" from "long");
    None (long) when it holds more than 4 elements a character of ``limit``: reading its text walks them all, and
    a page of 100,000 empty elements around 2,000 links made each link's walk read them again (286 s)."""
    if next(islice(element.iter(), 4 * limit + 100, None), None) is not None:  # (markup: 4 elements a character)
        return None
    return text_start(element, limit)


def own_heading_holders(tree: HtmlElement, page: PageMeta) -> set[HtmlElement]:
    """The elements that hold the page's own headline: the ancestors of each of its first ``MAX_HEADINGS``
    headings whose text (read up to ``TEASER_CHARS``) is part of the page's own titles (``<title>``, og:title). A
    teaser's box never grows into one: a box that holds the page's own headline is the page itself (a blog post of
    25 words, whose "previous post" link has no other headline link beside it up to the post's container)."""
    own = " ".join(_norm(t).casefold() for t in page.own_titles)
    holders: set[HtmlElement] = set()
    if not own:
        return holders
    for h in islice(tree.iter(*_HEADINGS), MAX_HEADINGS):
        text = _norm(text_start(h, TEASER_CHARS)).casefold()
        if len(text) >= 3 and text in own:
            holders.update(h.iterancestors())
    return holders


def _teasers(links: list[tuple[HtmlElement, str]], own: set[HtmlElement] | frozenset[HtmlElement] = frozenset()
             ) -> list[str]:
    """Text of each teaser: the widest element around a headline link that holds no other headline link, at most
    ``TEASER_CHARS`` characters, not the page's own headline (``own``: :func:`own_heading_holders`), and in which
    the headline comes first (after at most ``TEASER_LEAD`` characters: a date, a label; a "Read more" link ends
    its teaser instead): the text above a link at the foot of a post ("Add new comment") is the post's, not that
    link's teaser."""
    mine = {a: i for i, (a, _) in enumerate(links)}
    texts: dict[HtmlElement, str | None] = {}  # (each container is read once, not once per link inside it)
    boxes: list[str] = []
    for a, text in links:
        box = a
        first = not (len(text) <= 40 and _more(text))
        for _level in range(6):
            parent = box.getparent()
            if parent is None or parent.tag in ("body", "html") or parent in own:
                break
            if parent not in texts:
                parent_text = _bounded_text(parent, TEASER_CHARS)
                texts[parent] = None if parent_text is None or len(parent_text) > TEASER_CHARS else \
                    _norm(parent_text)
            parent_text = texts[parent]
            if parent_text is None or (first and parent_text.find(text) > TEASER_LEAD):
                break
            if any(other is not a and other in mine for other in parent.iter("a")):
                break
            box = parent
        boxes.append(_norm(box.text_content()))
    return boxes


_PROSE_LINE = re.compile(r"(?:[.!?\"'”’»)।॥۔؟。！？」』\u17d4\u17d5\u104b]|[\u0e00-\u0eff]{12})\s*$")
"""The end of a sentence: its full stop, question or exclamation mark in Latin, Devanagari and other Indic scripts
(।), Arabic and Urdu (؟ ۔), CJK (。！？), Khmer (។ ៕) or Myanmar (။), a closing quote or bracket; in Thai and Lao,
which write no full stop, a run of 12 letters without a space (words: a menu's labels are shorter)."""
PROSE_LINE_WORDS = 10
"""A line of this many words ending a sentence is prose (not a caption, a label or a headline)."""


def _sentences(lines: list[str]) -> list[str]:
    """The lines of prose among ``lines`` (``PROSE_LINE_WORDS`` words or more, ending a sentence, or holding such a
    sentence before a credit or a tag that ends the line: :func:`_has_sentence`), a sentence broken over lines by
    ``<br>``s joined into one (as ``generic.signals`` counts them: see ``BROKEN_SENTENCE_WORDS``)."""
    out: list[str] = []
    run: list[str] = []
    size = 0
    for line in lines:
        n = word_count(line)
        if not n:
            continue
        if run and not goes_on(run[-1], line):
            run, size = [], 0
        if _PROSE_LINE.search(line):
            if size + n >= PROSE_LINE_WORDS:
                out.append(" ".join([*run, line]))
            run, size = [], 0
        elif n > PROSE_LINE_WORDS and _has_sentence(line):
            # (a sentence of its own inside a line that ends otherwise: "… a treat for your eyes. -via Flavorwire")
            out.append(line)
            run, size = [], 0
        elif n >= BROKEN_LINE_WORDS and size + n <= BROKEN_SENTENCE_WORDS:
            run.append(line)
            size += n
        else:
            run, size = [], 0
    return out


def short_page(tree: HtmlElement, url: str, body: str, words: int, page: PageMeta) -> str | None:
    """What a page whose text is short (``words`` under ``SHORT_BODY_WORDS``) is: None for a short article (from
    ``MIN_BODY_WORDS`` words, with a sentence of prose that is no teaser's text), ``index`` for a page that links
    other pages by their headlines and does not call itself an article (a last page of a section holding one
    teaser: its text is the teaser's), else ``too_short``."""
    from ..text import MIN_BODY_WORDS  # (here: the extraction package imports this module)

    # (a summary beside a "Read more" link to another page is that page's teaser: a tag page holding one post)
    links = [] if says_article(jsonld_types(page), page) else headline_links(tree, url, page, more=True)
    prose = _sentences([_norm(line) for line in body.split("\n")])
    if words >= MIN_BODY_WORDS and prose:
        teasers = "\n".join(_teasers(links, own_heading_holders(tree, page))) if links else ""
        if not all(line in teasers for line in prose):
            lines = [_norm(line) for line in body.split("\n") if line.strip()]
            if not says_article(jsonld_types(page), page) and _carded(tree, url, page, lines):
                return "index"  # (a home of one post card: its excerpt is the text of the card's link)
            return None
    return "index" if links else "too_short"


def listing_reason(tree: HtmlElement, url: str, body: str, page: PageMeta) -> str | None:
    """Why a page that gave ``body`` (one paragraph a line, enough words for an article) is a listing all the
    same, or None for an article:

    - ``listing_metadata``: its JSON-LD calls it a collection, item list, search result or profile page, and no
      article;
    - ``teasers``: its text is the headlines and summaries of teasers linking other pages (three or more, or one
      on a page that calls itself a website; half of the text or more). Where the metadata says "article", only a
      text made mostly of headline lines counts.
    """
    types = jsonld_types(page)
    article_metadata = says_article(types, page)
    if types & LISTING_TYPES and not article_metadata:
        return "listing_metadata"
    lines = [_norm(line) for line in body.split("\n") if line.strip()]
    # (white-space words, unless the text holds a script written without spaces: one scan of it, not one a line)
    sizes = [word_count(line) for line in lines] if UNSPACED.search(body) else [len(line.split()) for line in lines]
    short = sum(1 for n in sizes if n <= HEADLINE_MAX_WORDS)
    if article_metadata and (short < MIN_TEASERS or 2 * short < len(lines)):
        return None  # (most lines are paragraphs, not headlines: no need to walk the links)
    # (where the metadata says "article", only links that are lines of the text count: no other is measured)
    resolved: dict[str, bool] = {}  # (the hrefs headline_links resolves, read again by _linked_lines)
    heads: set[HtmlElement] = set()
    links = headline_links(tree, url, page, wanted=set(lines) if article_metadata else None, resolved=resolved,
                           heads=heads)
    own = own_heading_holders(tree, page)
    if heads and _opens_own(tree, lines, sizes, _teasers(links, own)):
        # (a list article: its intro, then an item's linked name above the item's text; not a tag page's teasers)
        links = [(a, text) for a, text in links if a not in heads]
    headlines = {text for _, text in links}
    headline_lines = [line for line in lines if line in headlines]
    if len(headline_lines) >= MIN_TEASERS and 2 * len(headline_lines) >= len(lines):
        return "teasers"  # every other line is a link to another page
    if article_metadata:
        return None
    if _posts(tree, url, page, lines, sizes, own, resolved):
        return "posts"
    linked = _linked_lines(tree, url, page, lines, sizes, resolved)
    if linked:
        return linked
    if _carded(tree, url, page, lines, resolved):
        return "teasers"
    if len(links) < (1 if og_type(page) == "website" else MIN_TEASERS):  # (an author page may hold one teaser)
        return None
    words = sum(sizes) or 1
    joined = "\n".join(_teasers(links, own))
    in_teasers = sum(n for line, n in zip(lines, sizes, strict=True) if len(line) >= 20 and line in joined)
    rest = words - in_teasers  # (an article page whose extracted text took in the teasers beside it keeps its own)
    if in_teasers >= TEASER_SHARE * words and rest < max(OWN_TEXT_WORDS, OWN_TEXT_SHARE * words):
        return "teasers"
    return None


_CARD_PARTS = ("p", "div", "section", "header", "article", "h1", "h2", "h3", "h4", "h5", "h6")
"""Blocks that, inside a link, make it a card: a teaser's heading and excerpt wrapped in one ``<a>``."""
_CARD_LINKS = etree.XPath("//a[@href][" + " or ".join(f"descendant::{tag}" for tag in _CARD_PARTS) + "]")


def _carded(tree: HtmlElement, url: str, page: PageMeta, lines: list[str],
            resolved: dict[str, bool] | None = None) -> bool:
    """The text's lines of ``PROSE_LINE_WORDS`` words or more (one at least) are each inside the text of a card, a
    link to another page of the site that wraps blocks (a heading, an excerpt: a Ghost or magazine theme's
    ``<a class="post-card-content-link">``) and holds at most ``TEASER_CHARS`` characters, and the other lines are
    too few words to be an article of their own (``OWN_TEXT_WORDS``, ``OWN_TEXT_SHARE``): the text is teasers, a
    home of one post card. A paragraph of an article is never all the text of a link. Bounded: ``MAX_LINKS``
    links, each read up to ``TEASER_CHARS``."""
    sizes = [len(line.split()) for line in lines]
    if not any(size >= PROSE_LINE_WORDS for size in sizes):
        return False
    pages, hosts = _own_pages(url, page)
    direct = _splits(url)
    others: dict[str, bool] = {} if resolved is None else resolved
    cards: list[str] = []
    for a in islice(_CARD_LINKS(tree), MAX_LINKS):  # (found by libxml2: most pages have none)
        href = (a.get("href") or "").strip()
        if not href or href.startswith(_SKIP_HREF):
            continue
        text = _bounded_text(a, TEASER_CHARS)
        if text is None or len(text) > TEASER_CHARS:
            continue
        other = others.get(href)
        if other is None:
            other = others[href] = _links_other_page(href, url, direct, pages, hosts)
        if other:
            cards.append(_norm(text))
    if not cards:
        return False
    joined = "\n".join(cards)
    inside = outside = 0
    for line, size in zip(lines, sizes, strict=True):
        # (its last word left out: an excerpt's "[&hellip;]" is "[…]" once the text is cleaned)
        if (line.rsplit(" ", 1)[0] if size >= PROSE_LINE_WORDS else line) in joined:
            inside += size
        elif size >= PROSE_LINE_WORDS:
            return False  # (a paragraph of the page's own)
        else:
            outside += size
    return inside > 0 and outside < max(OWN_TEXT_WORDS, OWN_TEXT_SHARE * (inside + outside))


MAX_POSTS = 30
"""Posts under a headline looked at on one page (bounded: the page decides how many headings it links)."""
_POST_LEVELS = 8
"""Elements a post's box may grow up from its heading (its header, its article, a wrapper or two)."""


def _posts(tree: HtmlElement, url: str, page: PageMeta, lines: list[str], sizes: list[int],
           own: set[HtmlElement], resolved: dict[str, bool]) -> bool:
    """The text is whole posts of other pages, each under its own title: headings whose whole text is a link to
    another page of the site (a post's title linking its permalink; any length: "Snowdrops") each head a box (the
    widest element around the heading that holds no other such heading and not the page's own headline, and that
    the title opens: ``TEASER_LEAD``), and the text's lines of ``PROSE_LINE_WORDS`` words or more sit in two or
    more of those boxes — or in one whose title is not the page's (its ``<title>``, og:title), beside another box
    holding a sentence — with too little text outside them to be an article of its own (``OWN_TEXT_WORDS``,
    ``OWN_TEXT_SHARE``): a blog's home, its "page 2", a month or label page of whole posts or excerpts, whose every
    post is its own record from its permalink. A text that opens with a sentence of its own above the first post (a
    list article's intro) is no such page. Posts without a linked title (a LiveJournal entry, a Tumblr post) are
    found by their permalink, linked twice or more from each (:func:`_permalinked_posts`): two or more of them must
    hold the text's lines, or the one post of a home of one whole post whose unlinked title is its permalink's slug
    (:func:`_named_post`). Bounded: ``MAX_HEADINGS`` headings, ``MAX_LINKS`` links, ``MAX_POSTS`` posts, each box
    ``_POST_LEVELS`` up."""
    pages, hosts = _own_pages(url, page)
    direct = _splits(url)

    def other_page(href: str) -> bool:
        other = resolved.get(href)
        if other is None:
            other = resolved[href] = _links_other_page(href, url, direct, pages, hosts)
        return other

    headings: set[str] | None = None

    def intro(line: str) -> bool:  # (a list's intro: "These four kitchens stood out from all the rest:")
        nonlocal headings
        headings = _heading_texts(tree) if headings is None else headings  # (read once, if ever)
        return line not in headings

    boxes, continued, placed = _titled_posts(tree, own, other_page)
    held = _held(boxes, lines, sizes, intro)
    headed: set[HtmlElement] | None = None  # (_headed, read once)
    if held is not None:
        if len(held) >= 2:
            return True
        (only,) = held
        titles = " ".join(_norm(t).casefold() for t in page.own_titles)
        # (one post holding the text: not under the page's own headline, where its linked heading is the article's
        # label, "<h4><a href=/topics/transport>Transport</a></h4>" atop a story's text, beside a sidebar's teaser)
        headed = _headed(tree, page)
        # (three posts or more are a listing's under its own headline: "Stories tagged climate change")
        inside = headed and len(boxes) < MIN_TEASERS and any(
            a in headed for a in islice(placed[only].iterancestors(), _LINK_DEPTH))
        if not inside and boxes[only][0].casefold() not in titles and (only in continued or any(
                i != only and _has_sentence(text) for i, (_, text) in enumerate(boxes))):
            return True
    permalinked = _permalinked_posts(tree, own, other_page, _headed(tree, page) if headed is None else headed)
    held = _held(permalinked, lines, sizes, intro)
    # (two or more posts; or the one post of _named_post, whose title is the slug of the page it links)
    return held is not None and (len(held) >= 2 or bool(permalinked[0][0]))


def _titled_posts(tree: HtmlElement, own: set[HtmlElement], other_page: Callable[[str], bool]
                  ) -> tuple[list[tuple[str, str]], set[int], list[HtmlElement]]:
    """``(title, text)`` of the posts of :func:`_posts` under a heading linking another page (two or more; or one
    whose box goes on to that page by a "Continue reading" link: a blog's home showing its one latest post's first
    paragraph; such a post's text is that of the smallest element holding its heading and that link), the
    indexes of the boxes that do, and each box's element."""
    heads: dict[HtmlElement, tuple[str, str]] = {}
    for h in islice(tree.iter(*_HEADINGS), MAX_HEADINGS):
        anchors = list(islice(h.iter("a"), 2))
        if len(anchors) != 1:
            continue
        href = (anchors[0].get("href") or "").strip()
        if not href or href.startswith(_SKIP_HREF):
            continue
        text = _norm(text_start(h, TEASER_CHARS))
        if text and _norm(element_text(anchors[0])) == text and other_page(href):
            heads[h] = (text, href.split("#", 1)[0])
            if len(heads) >= MAX_POSTS:
                break
    boxes: list[tuple[str, str]] = []
    continued: set[int] = set()
    placed: list[HtmlElement] = []
    for head, (title, href) in heads.items():
        box = head
        for _level in range(_POST_LEVELS):
            parent = box.getparent()
            if parent is None or parent.tag in ("body", "html") or parent in own or \
                    any(other is not head and other in heads for other in parent.iter(*_HEADINGS)):
                break
            box = parent
        text = _norm(box.text_content()) if box is not head else ""
        if not 0 <= text.find(title) <= TEASER_LEAD:
            continue  # (the title opens its post: a tools box's heading opens no story)
        more = next((a for a in islice(box.iter("a"), MAX_LINKS) if (a.get("href") or "").strip().split("#", 1)[0]
                     == href and 0 < len(label := _norm(element_text(a))) <= 40 and _more(label)), None)
        if more is not None:
            # (the post is its title, its excerpt, its link: the smallest element holding the heading and that link;
            # a related story's box, its heading and "Read more", set atop a story's text, holds none of the text)
            above = set(islice(more.iterancestors(), _LINK_DEPTH))
            post = next((el for el in islice(head.iterancestors(), _POST_LEVELS) if el in above), box)
            text = _norm(post.text_content())
            box = post
            continued.add(len(boxes))
        boxes.append((title, text))
        placed.append(box)
    if len(boxes) < 2 and not continued:
        return [], set(), []
    return boxes, continued, placed


_LINK_DEPTH = 64
"""Ancestors of a link looked at for its post (bounded: the page decides how deep it nests)."""


_HEADED_LEVELS = 2
"""Containers of an article's own headline (its header, its article) that hold its text: :func:`_headed`."""


def _headed(tree: HtmlElement, page: PageMeta) -> set[HtmlElement]:
    """The parent and grandparent (not ``<body>``) of each of the page's first ``MAX_HEADINGS`` ``<h1>`` that links
    nowhere and whose text (``HEADLINE_WORDS`` words or more) is part of its own titles: an article's own headline
    (a blog's masthead links its home; a home's title is the blog's name). What they hold is that article's text:
    its parts, each linking a page twice (a head-to-head's two writers, their bylines and "More from ..."), are no
    posts of other pages - while they are fewer than ``MIN_TEASERS``: a tag, section or author page's heading is its
    own unlinked ``<h1>`` above its posts too ("Stories tagged climate change")."""
    own = " ".join(_norm(t).casefold() for t in page.own_titles)
    headed: set[HtmlElement] = set()
    for h in islice(tree.iter("h1"), MAX_HEADINGS):
        text = _norm(text_start(h, TEASER_CHARS)).casefold()
        if len(text.split()) < HEADLINE_WORDS or text not in own or next(h.iter("a"), None) is not None:
            continue
        for ancestor in islice(h.iterancestors(), _HEADED_LEVELS):
            if ancestor.tag in ("body", "html"):
                break
            headed.add(ancestor)
    return headed


def _self_anchor(a: HtmlElement, href: str) -> bool:
    """``a`` links the element that holds it (its fragment is that element's id): a live blog's post linking its
    own permalink, its time and "Share" (``?page=with:block-12#block-12``), is a part of this page, no post of
    another."""
    fragment = href.partition("#")[2]
    return bool(fragment) and any(el.get("id") == fragment for el in islice(a.iterancestors(), _LINK_DEPTH))


def _permalinked_posts(tree: HtmlElement, own: set[HtmlElement], other_page: Callable[[str], bool],
                       headed: set[HtmlElement] | frozenset[HtmlElement] = frozenset()) -> list[tuple[str, str]]:
    """``("", text)`` of the posts of :func:`_posts` without a linked title (a LiveJournal entry, a Tumblr post):
    each links its permalink, another page of the site, twice or more (its subject or date, its comments, its
    notes, "Link"); its box is the element around those links grown while it holds no other post's links. Where
    the page links only one such page, its :func:`_named_post`."""
    links: dict[str, list[HtmlElement]] = {}
    for a in islice(tree.iter("a"), MAX_LINKS):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(_SKIP_HREF) or _self_anchor(a, href):
            continue
        links.setdefault(href.split("#", 1)[0], []).append(a)
    groups = [(key, anchors) for key, anchors in links.items() if len(anchors) >= 2 and key and other_page(key)]
    boxes: list[tuple[str, str]] = []
    if len(groups) == 1:
        return _named_post(*groups[0], headed)
    if len(groups) < 2:
        return boxes
    tops: list[HtmlElement | None] = []  # each group's innermost element holding all its links
    for _, anchors in groups[:MAX_POSTS]:
        common = list(islice(anchors[0].iterancestors(), _LINK_DEPTH))
        for a in anchors[1:]:
            above = set(islice(a.iterancestors(), _LINK_DEPTH))
            common = [el for el in common if el in above]
        tops.append(common[0] if common else None)
    # (a link every post repeats, its tag or category, holds the posts: it is none of theirs)
    inner: dict[HtmlElement, int] = {}
    for top in tops:
        for ancestor in islice(top.iterancestors(), _LINK_DEPTH) if top is not None else ():
            inner[ancestor] = inner.get(ancestor, 0) + 1
    kept = [g for g, top in enumerate(tops) if top is not None and inner.get(top, 0) < 2]
    parts: list[bool] = []  # (each box: under the page's own headline)
    owners: dict[HtmlElement, set[int]] = {}  # element → the kept groups with a link inside it
    for g in kept:
        for a in groups[g][1]:
            for ancestor in islice(a.iterancestors(), _LINK_DEPTH):
                owners.setdefault(ancestor, set()).add(g)
    for g in kept:
        box = tops[g]
        if box is None or owners.get(box) != {g}:
            continue  # (its links are spread over other posts)
        for _level in range(_POST_LEVELS):
            parent = box.getparent()
            if parent is None or parent.tag in ("body", "html") or parent in own or owners.get(parent) != {g}:
                break
            box = parent
        under = bool(headed) and any(ancestor in headed for ancestor in islice(box.iterancestors(), _LINK_DEPTH))
        boxes.append(("", _norm(box.text_content())))
        parts.append(under)
    if len(boxes) >= MIN_TEASERS:
        return boxes  # (three posts or more: a tag, author or search page's, under its own headline or not)
    # (fewer: parts of the article under the page's own headline are none: a head-to-head's two writers)
    return [box for box, under in zip(boxes, parts, strict=True) if not under]


_SLUG_WORD = re.compile(r"[^\W_]+")
_SLUG_END = re.compile(r"\.(?:s?html?|php|aspx?)$", re.I)


def _slug(text: str) -> str:
    """Words of ``text`` (at most ``HEADLINE_MAX_WORDS``), casefolded and joined by ``-``: a permalink's slug."""
    return "-".join(islice((w.casefold() for w in _SLUG_WORD.findall(text)), HEADLINE_MAX_WORDS))


def _named_post(href: str, anchors: list[HtmlElement], headed: set[HtmlElement] | frozenset[HtmlElement] = frozenset()
                ) -> list[tuple[str, str]]:
    """``(title, text)`` of the one post of a blog's home of one whole post (Movable Type's: its title an unlinked
    heading, its footer "Permalink | Comments (3) | TrackBack (0)"): the page links one other page twice or more, the
    smallest element around those links that holds a heading (``_POST_LEVELS`` up) opens with it
    (``TEASER_LEAD``), and that heading's words are the words of the other page's slug, the last part of its path
    ("The night bus" over ``/archives/2005/11/the-night-bus.html``): the post is that page's, whatever the page's
    own title says (a blog named as its post is), unless it sits under the page's own headline (``headed``:
    :func:`_headed`; a series' part two opening with part one's linked title). Else nothing."""
    slug = _SLUG_END.sub("", urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1])
    if slug.count("-") < 1:
        return []  # (a slug of one word, or an id: no title to match)
    common = list(islice(anchors[0].iterancestors(), _LINK_DEPTH))
    for a in anchors[1:]:
        above = set(islice(a.iterancestors(), _LINK_DEPTH))
        common = [el for el in common if el in above]
    for box in common[:_POST_LEVELS]:
        if box.tag in ("body", "html"):
            break
        heading = next(islice(box.iter(*_HEADINGS), 1), None)
        if heading is None:
            continue
        if box in headed or (headed and any(a in headed for a in islice(box.iterancestors(), _LINK_DEPTH))):
            break  # (the text under the page's own headline: a series' part two opening with part one's title)
        title = _norm(text_start(heading, TEASER_CHARS))
        text = _norm(box.text_content())
        if title and 0 <= text.find(title) <= TEASER_LEAD and _slug(title) == slug.casefold():
            return [(title, text)]
        break
    return []


def _held(boxes: list[tuple[str, str]], lines: list[str], sizes: list[int], intro: Callable[[str], bool]
          ) -> set[int] | None:
    """The boxes that hold a line of ``PROSE_LINE_WORDS`` words or more of the text; None when the text opens with
    such a sentence outside them, or with a list's intro (``INTRO_WORDS`` words ending with a colon that ``intro``
    says is no heading: "… these four kitchens stood out from all the rest:", as :func:`_opens_own` reads it: a list
    article's items, each in a box under a heading linking its page), or holds too much outside them to be no
    article of its own."""
    if not boxes:
        return None
    holding: set[int] = set()
    inside = 0
    for line, size in zip(lines, sizes, strict=True):
        where = next((i for i, (_, text) in enumerate(boxes) if line in text), None)
        if where is None:
            if not holding and (size >= PROSE_LINE_WORDS and _PROSE_LINE.search(line)
                                or size >= INTRO_WORDS and line.endswith(":") and intro(line)):
                return None  # (a sentence of the page's own above the first post: a list article's intro)
            continue
        inside += size
        if size >= PROSE_LINE_WORDS:
            holding.add(where)
    words = sum(sizes)
    if not holding or words - inside >= max(OWN_TEXT_WORDS, OWN_TEXT_SHARE * words):
        return None
    return holding


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")


def _has_sentence(text: str) -> bool:
    """``text`` (its first ``TEASER_CHARS`` characters) holds a sentence of ``PROSE_LINE_WORDS`` words or more."""
    return any(len(piece.split()) >= PROSE_LINE_WORDS and piece.endswith((".", "!", "?"))
               for piece in _SENTENCE_SPLIT.split(text[:TEASER_CHARS]))


def _opens_own(tree: HtmlElement, lines: list[str], sizes: list[int], boxes: list[str]) -> bool:
    """A sentence of the page's own (``PROSE_LINE_WORDS`` words, ending a sentence), or a list's intro (``INTRO_WORDS``
    words ending with a colon, no heading: "Here are the four walks our readers liked best this year:"), comes
    before the first line of the teaser ``boxes``: the text opens as an article does, as :func:`_linked_lines` reads
    a headline alone on its line after such a sentence or intro as a link set in the article, not a teaser."""
    joined = "\n".join(boxes)
    headings: set[str] | None = None
    for line, size in zip(lines, sizes, strict=True):
        if len(line) >= 20 and line in joined:
            return False
        if size >= PROSE_LINE_WORDS and _PROSE_LINE.search(line):
            return True
        if size >= INTRO_WORDS and line.endswith(":"):
            headings = _heading_texts(tree) if headings is None else headings  # (read once, if ever)
            if line not in headings:
                return True
    return False


LED_PREFIX = 25
"""Characters a teaser's line may hold before its headline link: a date, a time, a section label, the bars of the
table cells before it (trafilatura writes a table row as ``| 12.04.2011 | Headline Summary... |``)."""
LINKED_SHARE = 0.6
"""Share of the text's words that, as the texts of links to other pages of the site, make the page a list of links
(a homepage's headlines run into one line by ``|`` separators)."""
TEASER_LINES = 2
"""Lines below a headline alone on its line that may be its teaser's (a summary, a date)."""
INTRO_WORDS = 6
"""Words of a line ending with a colon, before the first teaser, that introduces a list of the page's own ("These
are the five that came top:", "Four candidates are standing on Thursday. They are:"): the lines below its headlines
are the items' text, not summaries. (Shorter, or a heading: a listing's own label, "Stories tagged with Harwood:",
"All our stories about Harwood:".)"""
_LETTERS = re.compile(r"[^\W\d_]")
_LINK_MIN_WORDS = 2
_PLAIN_ABSOLUTE = re.compile(
    r"(https?)://([a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)(?::([0-9]{1,4}))?(?:[/?#][^\s\x00-\x1f\\]*)?").fullmatch
"""An absolute http(s) link with a plain host name (no user, no IPv6 literal) and a port under 10,000."""
_ROOTED = re.compile(r"(?:/(?![/.])[^/\\\s\x00-\x1f.]*(?:\.[^/\\\s\x00-\x1f.]+)*)+(?:[?#][^\s\x00-\x1f]*)?").fullmatch
"""A root-relative href without dot segments, backslashes or white space: ``origin + href`` is what urljoin gives."""
_SENTENCE_BEFORE = re.compile(r"[^\W\d_]\s$").search
"""A line's text before a link inside its sentence: a word, then the link ("As <a>we reported</a>, ...", "The
<a>Eastgate Otters club</a> said"); not a date, a time, a cell's bar, a bullet or a label and its colon or dash."""


def _in_sentence(line: str, start: int, end: int, opened: bool = False, clauses: bool = True) -> bool:
    """Whether the link text at ``line[start:end]`` is words of a sentence rather than a teaser's headline: a word
    of the sentence right before it, or the sentence going on right after it (a comma, a word in lower case:
    "<a>The Eastgate open-air lido</a> reopens on June 1"; a possessive, "<a>Harwood Borough Council</a>'s
    cabinet"; an aside, "<a>The County Fire Service</a> (which also sets a charge)"; a label's colon, "<a>Mary Jones,
    Eastgate</a>: “…”", "1. <a>The Crown and Anchor</a>: a riverside pub"; a dash and a word in lower case, "<a>The
    Weavers Arms</a> — a Victorian corner pub", or, on a page whose text ``opened`` with a sentence of its own, in
    any case; a letter of a script written without spaces, which has no case: "<a>รายงานของสภาเมือง…</a> ระบุว่า…",
    a Thai clause going on after its space, where ``clauses``: the text holds a sentence of its own that no link
    leads). A headline is followed by its line's end, a cell's bar, a date, or its
    summary's first sentence ("| 12.04.2011 | Headline Summary... |"; on a page with no text of its own, "Headline –
    Summary...")."""
    if _SENTENCE_BEFORE(line, max(0, start - 2), start):
        return True
    rest = line[end:end + 4]
    if rest[:1] in ("'", "’"):
        return True  # (a possessive right after the link)
    after = rest.lstrip()
    if not after:
        return False
    if after[0] in ",;:、，：" or after[0].islower() or (clauses and UNSPACED.match(after[0])):
        return True  # (Thai, Chinese, Japanese: no case; the link's words go on in the line's clause)
    following = after[1:].lstrip()[:1]
    if after[0] == "(":
        return following.isalpha()  # (an aside; "(12/03/2009)" is a teaser's date)
    if after[0] in "—–-" and following.isalpha():
        return following.islower() or opened
    return False


def _heading_texts(tree: HtmlElement) -> set[str]:
    """The texts of the page's first ``MAX_HEADINGS`` headings (``<h1>``-``<h6>``), each read up to
    ``TEASER_CHARS`` characters (bounded: an unclosed heading may hold the rest of the page)."""
    return {_norm(text_start(h, TEASER_CHARS)) for h in islice(tree.iter(*_HEADINGS), MAX_HEADINGS)}


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
MAX_HEADINGS = 50


_CANDIDATES = 16
"""Link texts tried at one word of a line (those that start with that word; bounded: the page decides how many)."""
_WORD = re.compile(r"\S+")


def _other_page_texts(tree: HtmlElement, url: str, page: PageMeta, others: dict[str, bool]
                      ) -> tuple[dict[str, list[str]], set[str]]:
    """Texts of links (``_LINK_MIN_WORDS`` words or more) to other pages of the page's site, normalized, indexed
    by their first word, longest first; and the texts of its links to the rest of another page's story ("More...",
    "Read more »"); the first ``MAX_LINKS`` links looked at. ``others``: href → whether it links another page of
    the site, as :func:`headline_links` resolved them (filled in here for the rest)."""
    pages, hosts = _own_pages(url, page)
    own = {_norm(t).casefold() for t in page.own_titles}
    direct = _splits(url)
    try:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""
    except ValueError:
        origin = ""
    texts: set[str] = set()
    mores: set[str] = set()
    for a in islice(tree.iter("a"), MAX_LINKS):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(_SKIP_HREF):
            continue
        words = element_text(a).split()
        text = " ".join(words)
        more = 0 < len(text) <= 40 and _more(text)
        if (not more and not _sized(words, text, _LINK_MIN_WORDS)) or text.casefold() in own:
            continue
        other = others.get(href)
        if other is None:
            plain = _PLAIN_ABSOLUTE(href)
            if origin and _ROOTED(href):  # (a link from the site's root: urljoin would give it back as it is)
                rooted = origin + href.split("#", 1)[0]
                other = rooted not in pages and not _variant(rooted, pages)
            elif plain:  # (an absolute link with a plain host: its site read from the match, no urlsplit)
                whole = href.split("#", 1)[0]
                host = plain.group(2).lower().removeprefix("www.")
                port = plain.group(3)
                if port and int(port) != (80 if plain.group(1) == "http" else 443):
                    host = f"{host}:{int(port)}"
                other = host in hosts and not (whole in pages or _variant(whole, pages))
            else:
                other = _links_other_page(href, url, direct, pages, hosts)
            others[href] = other
        if other:
            (mores if more else texts).add(text)
    index: dict[str, list[str]] = {}
    for text in sorted(texts, key=len, reverse=True):
        index.setdefault(text.split(" ", 1)[0], []).append(text)
    return index, mores


def _link_led(line: str, index: dict[str, list[str]]) -> bool:
    """Whether ``line`` opens (after at most ``LED_PREFIX`` characters: a bullet, a date) with one of the link texts
    of ``index`` (:func:`_other_page_texts`; ``_CANDIDATES`` tried at each of its first words)."""
    for match in _WORD.finditer(line):
        if match.start() > LED_PREFIX:
            break
        if any(line.startswith(text, match.start()) for text in islice(index.get(match.group(), ()), _CANDIDATES)):
            return True
    return False


def _linked_lines(tree: HtmlElement, url: str, page: PageMeta, lines: list[str], sizes: list[int],
                  resolved: dict[str, bool] | None = None) -> str | None:
    """``teasers`` when the text is teasers of other pages of the site, three or more, holding half its words or
    more, and the other lines hold too few sentences of the page's own (a menu's or a footer's row is none). A
    teaser is a line that begins with the headline of another page (after a date or a table cell's bar at most:
    ``LED_PREFIX``; a table row "| 12.04.2011 | Headline Summary... |"); or that headline alone on its line (after
    a date or a bullet at most) with the ``TEASER_LINES`` lines after it (its summary, its date: a <div> or a
    <dt>/<dd> of headline, <br>, summary), unless a sentence of the page's own opens the text; or a line that ends
    with a link to the rest of another page's story ("Summary... More..."). ``index`` when ``LINKED_SHARE`` of the
    text's words are the texts of links to other pages (headlines strung on a line by separators) and the other
    lines hold too few sentences of the page's own (a story above its "Most read: A | B | C" rows is one); ``index``
    too when, with no sentence of the page's own, link texts and the summaries of its teasers (one is enough) are
    ``LINKED_SHARE`` of the words that are not a menu's separators (a day archive of one story under a menu); else
    None. Old layouts give their section pages' text so, no headline being the whole text of its block (what
    :func:`headline_links` needs). ``sizes``: the lines' words (:func:`text.word_count`)."""
    index, mores = _other_page_texts(tree, url, page, {} if resolved is None else resolved)
    if not index and not mores:
        return None
    total = teaser_words = teasers = linked = own = summaries = bars = 0
    opened = False  # a sentence of the page's own (or a list's intro, "They are:") came before the first teaser
    # (a clause going on after a link in a script without spaces, "<a>รายงานของสภาเมือง…</a> ระบุว่า…", is a sentence
    # only in a text with a sentence of its own not led by a link: a Thai section's "<a>headline</a> summary" lines
    # are teasers; read once, bounded by the lines)
    clauses = any(UNSPACED.search(line) for line in lines) and any(
        size >= PROSE_LINE_WORDS and _PROSE_LINE.search(line) and not _link_led(line, index)
        for line, size in zip(lines, sizes, strict=True))
    summary = 0  # lines after a headline alone on its line that are its teaser's (its summary, its date)
    budget = 0  # characters of the current teaser left for them (TEASER_CHARS)
    listed = False  # the line before was a headline alone on its line
    headings: set[str] | None = None
    for line, size in zip(lines, sizes, strict=True):
        total += size
        led = alone = False
        end = 0  # (a link text matched inside the line is not matched again from a later word of it)
        for match in _WORD.finditer(line):
            start = match.start()
            if start < end:
                continue
            for text in islice(index.get(match.group(), ()), _CANDIDATES):
                if line.startswith(text, start) and (start + len(text) == len(line) or not line[start + len(text)]
                                                     .isalnum()):
                    end = start + len(text)
                    linked += word_count(text)
                    if not led and start <= LED_PREFIX and _sized(text.split(" "), text, HEADLINE_WORDS) and \
                            not _in_sentence(line, start, end, opened, clauses):
                        led = True
                        alone = not _LETTERS.search(line[:start] + line[end:])
                    break
        more = bool(mores) and any(line.endswith(text) for text in mores) and len(line) <= TEASER_CHARS
        if led or more:
            teasers += 1
            teaser_words += size
            # (a headline alone on its line after a sentence of the page's own may be a link set between an
            # article's paragraphs: the lines after it are the article's, not a summary; so are the lines after a
            # list of headlines alone on their lines, none with a summary: a "See also" box above a story)
            summary, budget = (TEASER_LINES, TEASER_CHARS - len(line)) if alone and not opened and not listed \
                else (0, 0)
            listed = alone
            continue
        listed = False
        if summary and len(line) <= budget:
            teaser_words += size  # (a teaser's summary or date, below its headline)
            summaries += size
            summary, budget = summary - 1, budget - len(line)
            continue
        summary = 0
        if not _LETTERS.search(line) and not any(c.isdigit() for c in line):
            bars += size  # (a menu's separator on a line of its own: "|", "•")
        if size >= PROSE_LINE_WORDS and _PROSE_LINE.search(line.rstrip(" |")):
            own += size  # (a sentence of the page's own; not a menu's or a footer's table row)
            opened = opened or not teasers
        elif not teasers and size >= INTRO_WORDS and line.endswith(":"):
            headings = _heading_texts(tree) if headings is None else headings  # (read once, if ever)
            opened = opened or line not in headings  # (a list's intro, "They are:")
    if not total:
        return None
    if teasers >= MIN_TEASERS and teaser_words >= TEASER_SHARE * total and \
            own < max(OWN_TEXT_WORDS, OWN_TEXT_SHARE * total):
        return "teasers"
    if linked >= LINKED_SHARE * total and own < max(OWN_TEXT_WORDS, OWN_TEXT_SHARE * total):
        return "index"  # (an article's own sentences above a "Most read: A | B | C..." row keep it an article)
    if teasers and not own and linked + summaries >= LINKED_SHARE * (total - bars):
        # (a day archive or a section's last page holding one teaser under a menu: nothing but the texts of links,
        # the teaser's summary and the menu's "|" separators; no sentence of the page's own)
        return "index"
    return None
