"""Tell an article page from an index page by what the page says: metadata first, then text structure."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "blogposting", "liveblogposting", "report",
    "scholarlyarticle", "techarticle", "socialmediaposting",
}
LISTING_TYPES = {"collectionpage", "itemlist", "website", "searchresultspage", "profilepage", "aboutpage"}
_MIN_PARAGRAPH = 80  # characters of text (links excluded) for a <p> to count as prose
_MIN_PROSE_RUN = 3  # long paragraphs under one parent: the shape of an article body


def jsonld_types(tree: HtmlElement) -> set[str]:
    """Top-level ``@type`` values of the page's JSON-LD (inside ``@graph`` too), lowercased."""
    from ..extraction.limits import json_too_deep  # (here: the extraction package imports this module)

    found: set[str] = set()
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
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


def _has_date(tree: HtmlElement) -> bool:
    return bool(tree.xpath(_DATE_XPATH))


_DATE_XPATH = (
    "//time | //*[@itemprop='datePublished'] | //meta[contains(translate(@name,'DATE','date'),'date')]"
    " | //meta[contains(@property,'published_time')]"
)


def page_verdict(tree: HtmlElement) -> tuple[bool, str]:
    """``(is_article, reason)`` for an HTML page found through links (sitemap and feed entries are not judged:
    the extractor's quality gate decides for them)."""
    og_type = (tree.xpath("string(//meta[@property='og:type']/@content)") or "").strip().lower()
    types = jsonld_types(tree)
    run = prose_run(tree)
    says_article = og_type == "article" or bool(types & ARTICLE_TYPES) or bool(
        tree.xpath("//meta[@property='article:published_time']")
    )
    # og:type "website" is not evidence: many publishers put it on every page, articles included.
    says_listing = bool(types & LISTING_TYPES) and not types & ARTICLE_TYPES
    if says_article and run >= 1:
        return True, "metadata"
    if run >= _MIN_PROSE_RUN and not says_listing and (og_type != "website" or _has_date(tree)):
        return True, "prose"  # an "about us" page is prose too, but states no date and calls itself a website
    return False, "listing_metadata" if says_listing else "no_prose"


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
_TAG_TYPES = {"collectionpage", "itemlist", "searchresultspage", "profilepage"}
_VIDEO_TYPES = {"videoobject", "videogallery", "clip", "movie", "broadcastevent"}
STUB_WORDS = 150
"""A page with fewer words than this and a paywall, live-blog or video signal is that, not an article."""


def _paywalled(tree: HtmlElement) -> bool:
    flags = tree.xpath("//script[@type='application/ld+json']/text()")
    return any(re.search(r'"isAccessibleForFree"\s*:\s*"?(?:false|False)', f) for f in flags) or bool(
        tree.xpath("//meta[@name='article:content_tier' or @property='article:content_tier']"
                   "[@content='locked' or @content='metered']")
    )


def not_article_reason(tree: HtmlElement, text: str, words: int) -> str | None:
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
    types = jsonld_types(tree)
    og_type = (tree.xpath("string(//meta[@property='og:type']/@content)") or "").strip().lower()
    if "liveblogposting" in types:
        return "live_blog"
    # A paywalled article whose visible part is a real lead is still an article (a record with that lead); a
    # page that only flags "not free" and shows next to nothing, or that prompts to subscribe, is a stub.
    if _PAYWALL.search(text) or (_paywalled(tree) and words < 40):
        return "paywall"
    if text and len(_CONSENT.findall(text)) >= 2 and len(_CONSENT.findall(text)) * 25 >= words:
        return "consent_wall"
    if og_type.startswith("video") or (types & _VIDEO_TYPES and not types & ARTICLE_TYPES):
        return "video"
    if types & _TAG_TYPES and not types & ARTICLE_TYPES:
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
    body = tree.find(".//body")
    if body is None:
        return False
    total = len(" ".join(body.text_content().split()))
    linked = sum(len(" ".join(a.text_content().split())) for a in body.iter("a"))
    return total > 0 and linked / total > 0.5
