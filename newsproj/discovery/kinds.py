"""Sniff what a response is from its body and headers: root element (or a JSON Feed's version), gzip magic,
content type.

The URL is never consulted: ``/feed`` may be HTML and ``/news.xml`` may be RSS.
"""

from __future__ import annotations

import re

from . import Kind

GZIP_MAGIC = b"\x1f\x8b"
_SNIFF_BYTES = 4096
_XML_ROOT = re.compile(rb"<(?![?!])(?:[\w.-]+:)?([\w.-]+)[\s>/]")
_ROBOTS_LINE = re.compile(rb"^\s*(user-agent|disallow|allow|sitemap|crawl-delay)\s*:", re.I | re.M)
_NEWS_NS = b"http://www.google.com/schemas/sitemap-news/"
# JSON Feed (https://jsonfeed.org/version/1.1): an object whose "version" is the spec's URL, first by convention.
_JSON_FEED = re.compile(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/')


def maybe_gunzip(body: bytes, max_size: int = 0) -> bytes:
    """Gunzip ``body`` when it starts with the gzip magic number (a ``.xml.gz`` sitemap)."""
    if body[:2] != GZIP_MAGIC:
        return body
    from scrapy.utils.gz import gunzip  # bounded by max_size: a gzip bomb raises instead of filling memory

    return gunzip(body, max_size=max_size)


def sniff(body: bytes, content_type: str = "") -> Kind:
    """The kind of a (decompressed) response body."""
    head = body[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    ctype = content_type.lower()
    if head[:1] == b"<":
        low = head.lower()
        if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low[:512]:
            return Kind.HTML
        root = _xml_root(head)
        if root == b"sitemapindex":
            return Kind.SITEMAP_INDEX
        if root == b"urlset":
            return Kind.NEWS_SITEMAP if _NEWS_NS in head else Kind.URLSET
        if root in (b"rss", b"feed", b"rdf"):
            return Kind.FEED
        if "html" in ctype or b"<body" in low or b"<head" in low or b"<div" in low or b"<p" in low:
            return Kind.HTML
        return Kind.UNKNOWN
    if head[:1] == b"{" and _JSON_FEED.search(head):
        return Kind.FEED
    if "html" in ctype and head:
        return Kind.HTML
    if _ROBOTS_LINE.search(head):
        return Kind.ROBOTS
    return Kind.UNKNOWN


def _xml_root(head: bytes) -> bytes | None:
    match = _XML_ROOT.search(head)
    return match.group(1).lower() if match else None


__all__ = ["sniff", "maybe_gunzip"]
