"""RSS and Atom feeds → entry URLs (feedparser), and ``<link rel=alternate>`` feed links of HTML pages."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser

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


def parse_feed(body: bytes, base_url: str) -> list[FeedEntry]:
    """Entries of an RSS/Atom feed, with absolute links. Malformed feeds yield what feedparser recovers."""
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    out: list[FeedEntry] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        out.append(
            FeedEntry(
                url=urljoin(base_url, link),
                title=entry.get("title"),
                # dict.get: feedparser's own .get() maps a missing field to another one, with a warning
                published=_iso(dict.get(entry, "published_parsed")),
                updated=_iso(dict.get(entry, "updated_parsed")),
            )
        )
    return out


def alternate_feeds(links: list[tuple[str, str]], base_url: str) -> list[str]:
    """Feed URLs among ``(type, href)`` pairs of ``<link rel="alternate">`` elements."""
    return [urljoin(base_url, href) for typ, href in links if typ.lower() in FEED_TYPES and href]
