"""RSS and Atom feeds (feedparser) and JSON Feeds → entry URLs, and ``<link rel=alternate>`` feed links of HTML
pages.

feedparser is pure Python (~10 µs a byte: a feed padded with 6 MB of empty elements held the crawl process for
58 s). A well-formed feed is first reduced by lxml (C, ~0.3 s for 6 MB) to what an entry URL needs: at most
``MAX_ENTRIES`` entries, each with only its link, title, date and id fields, whatever else the feed holds.
feedparser reads the rest: a feed that is not well-formed XML, up to ``DIRECT_BYTES`` (libxml2's recovery would
mangle the bare ``&`` of its URLs, which feedparser keeps).
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import feedparser
from lxml import etree

from ..times import aware_moment, is_day, moment

logger = logging.getLogger(__name__)

DIRECT_BYTES = 32 * 1024
"""Bytes of a malformed feed feedparser reads (~0.5 s at most: ~15 µs a byte of junk elements)."""
MAX_ENTRIES = 5000
"""Entries read from one feed (news feeds list tens to hundreds)."""
MAX_FIELD_CHARS = 2000
"""Characters kept of an entry field's text (a link, a title, a date)."""
_ENTRY_FIELDS = frozenset({"link", "title", "pubdate", "published", "updated", "date", "modified", "issued",
                           "created", "guid", "id"})
_ENTRY_TAGS = ("{*}item", "{*}entry")

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None


def _iso(struct: time.struct_time | None) -> str | None:
    if not struct:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", struct)


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _reduced(body: bytes) -> bytes | None:
    """The feed with only its entries' link, title, date and id fields (text capped), at most ``MAX_ENTRIES``
    entries, root and entry attributes kept (namespaces, ``xml:base``); None when it is not well-formed XML."""
    parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(body, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    entries = list(root.iter(*_ENTRY_TAGS))
    if len(entries) > MAX_ENTRIES:
        logger.info("Feed with %d entries: the first %d are read", len(entries), MAX_ENTRIES)
    out = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=root.nsmap)
    wrappers: dict[object, etree._Element] = {}
    for entry in entries[:MAX_ENTRIES]:
        parent = entry.getparent()
        if parent is None or parent is root:
            into = out
        else:  # an RSS <channel>
            into = wrappers.get(parent.tag)
            if into is None:
                into = wrappers[parent.tag] = etree.SubElement(out, parent.tag, attrib=dict(parent.attrib))
        copy = etree.SubElement(into, entry.tag, attrib=dict(entry.attrib))
        for child in entry:
            if _local(child.tag) in _ENTRY_FIELDS:
                field = etree.SubElement(copy, child.tag, attrib=dict(child.attrib))
                field.text = (child.text or "")[:MAX_FIELD_CHARS]
    return etree.tostring(out, xml_declaration=True, encoding="utf-8")


def _iso_text(value: object) -> str | None:
    """A JSON Feed date (RFC 3339: with its offset, :func:`newsproj.times.aware_moment`) in UTC, as the RSS/Atom
    dates are; a day alone as written (``2024-09-12``, ``2024-09-12Z``: no time of day is made up for it, and the
    record reads it as a day); None when it is neither."""
    if isinstance(value, str) and is_day(value):
        return value if moment(value) is not None else None
    stamp = aware_moment(value)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S+00:00") if stamp is not None else None


def _json_feed(body: bytes, base_url: str) -> list[FeedEntry]:
    """Entries of a JSON Feed (1.0 or 1.1): each item's ``url`` (its permalink), title and dates; at most
    ``MAX_ENTRIES`` items, fields capped like an XML feed's."""
    try:
        feed = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, or nested past the parser's limit: nothing to follow
        return []
    items = feed.get("items") if isinstance(feed, dict) else None
    out: list[FeedEntry] = []
    for item in (items if isinstance(items, list) else [])[:MAX_ENTRIES]:
        url = item.get("url") if isinstance(item, dict) else None
        if not isinstance(url, str) or not url.strip() or len(url) > MAX_FIELD_CHARS:
            continue
        title = item.get("title")
        out.append(FeedEntry(
            url=_join(base_url, url.strip()),
            title=title[:MAX_FIELD_CHARS] if isinstance(title, str) else None,
            published=_iso_text(item.get("date_published")),
            updated=_iso_text(item.get("date_modified")),
        ))
    return out


def parse_feed(body: bytes, base_url: str) -> list[FeedEntry]:
    """Entries of an RSS, Atom or JSON feed, with absolute links. Malformed feeds yield what can be recovered."""
    if body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        return _json_feed(body, base_url)
    reduced = _reduced(body)
    if reduced is None and len(body) > DIRECT_BYTES:
        logger.info("Feed %s: %d bytes of malformed XML, the first %d read", base_url, len(body), DIRECT_BYTES)
    body = reduced if reduced is not None else body[:DIRECT_BYTES]
    return entries(feedparser.parse(body, response_headers={"content-location": base_url}), base_url)


def entries(parsed: Any, base_url: str) -> list[FeedEntry]:
    """The entries with a link of what feedparser parsed."""
    out: list[FeedEntry] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        out.append(
            FeedEntry(
                url=_join(base_url, link),
                title=entry.get("title"),
                published=_date(entry, "published"),
                updated=_date(entry, "updated"),
            )
        )
    return out


def _date(entry: Any, key: str) -> str | None:
    """An entry's date as feedparser read it, in UTC; a day alone as written (feedparser makes it the day's UTC
    midnight, a time of day the record would take for the page's time of publication, and the incremental check
    for the start of the day where a sitemap's day is its end)."""
    # (dict.get: feedparser's own .get() maps a missing field to another one, with a warning)
    raw = dict.get(entry, key)
    if isinstance(raw, str) and is_day(raw.strip()):
        return raw.strip() if moment(raw.strip()) is not None else None
    return _iso(dict.get(entry, f"{key}_parsed"))


def alternate_feeds(links: list[tuple[str, str]], base_url: str) -> list[str]:
    """Feed URLs among ``(type, href)`` pairs of ``<link rel="alternate">`` elements."""
    return [_join(base_url, href) for typ, href in links if typ.lower() in FEED_TYPES and href]


def _join(base_url: str, link: str) -> str:
    """``link`` made absolute; left as it is when it cannot be (the spider counts it as a bad URL and skips it)."""
    try:
        return urljoin(base_url, link)
    except ValueError:
        return link
