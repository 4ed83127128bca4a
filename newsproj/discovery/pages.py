"""Tell an article page from an index page by what the page says: metadata first, then text structure."""

from __future__ import annotations

import json
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
    found: set[str] = set()
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
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


def page_verdict(tree: HtmlElement, expect_article: bool = False) -> tuple[bool, str]:
    """``(is_article, reason)`` for an HTML page; ``expect_article`` when a sitemap or feed listed it."""
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
    if expect_article and not says_listing:
        return True, "listed"  # a sitemap or feed says so; the extractor's quality gate has the last word
    return False, "listing_metadata" if says_listing else "no_prose"
