"""The record schema, in contract order (../shared/CONTRACT.md), and the spider-to-pipeline hand-off.

Field names follow zyte-common-items' ``Article`` so downstream code written for that schema works as is.
A value the page does not give is ``None`` (or an empty list), never invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Author:
    name: str
    """The author's name as the page states it, normalised (no "By", no role, no e-mail)."""


@dataclass(slots=True)
class Image:
    url: str
    """Absolute URL of the image."""


@dataclass(slots=True)
class Breadcrumb:
    name: str | None = None
    """Text of the breadcrumb."""
    url: str | None = None
    """Absolute URL the breadcrumb links to."""


@dataclass(slots=True)
class WarcPointer:
    file: str
    """The WARC file holding the response record: relative to ``NEWSPROJ_WARC_DIR`` when this run wrote it, else
    the source the ``warc`` spider read it from."""
    offset: int
    """Byte offset of the record (its gzip member) in the file."""
    length: int
    """Length in bytes of the record (its gzip member) in the file: ``offset`` and ``length`` make a range read."""
    recordId: str
    """The record's ``WARC-Record-ID``."""


@dataclass(slots=True)
class Metadata:
    dateDownloaded: str
    """When the page was downloaded, ISO 8601 in UTC."""
    nearDuplicateOf: str | None = None
    """``canonicalUrl`` of an earlier record (this run, or a recent run with ``STATE_DIR``) that this one nearly
    repeats (same story, small edits; MinHash over word shingles), else null. Exact duplicates are never exported
    twice."""
    warc: WarcPointer | None = None
    """The WARC response record this record was extracted from (``NEWSPROJ_WARC_DIR``, or the ``warc`` spider's
    source), else null."""


@dataclass(slots=True)
class Article:
    url: str
    """Final URL of the response."""
    canonicalUrl: str
    """``<link rel=canonical>`` / ``og:url`` when present, else ``url`` without tracking parameters or fragment."""
    headline: str
    """The article's headline."""
    articleBody: str
    """Clean plain text, paragraphs separated by newlines, no chrome, no HTML."""
    authors: list[Author] = field(default_factory=list)
    """Authors as stated by the page; empty when none is stated."""
    datePublished: str | None = None
    """Publication date, ISO 8601, with offset when the page gives one."""
    dateModified: str | None = None
    """Last modification date, ISO 8601."""
    inLanguage: str | None = None
    """BCP 47 language code, e.g. ``en``."""
    description: str | None = None
    """The page's summary (meta/OpenGraph/JSON-LD description)."""
    mainImage: Image | None = None
    """The article's main image."""
    breadcrumbs: list[Breadcrumb] | None = None
    """Breadcrumb trail, when the page has one."""
    metadata: Metadata | None = None
    """Data about the extraction itself; always holds ``dateDownloaded``."""


@dataclass(slots=True, repr=False)
class PageItem:
    """Internal hand-off from the spider to the pipelines: a page that looks like an article.

    Never exported: the validation pipeline drops anything that is not an :class:`Article`.
    """

    url: str
    html: str | bytes
    """The page: the response's body as downloaded (bytes, see ``encoding``), or text."""
    date_downloaded: str
    site: str | None = None
    """Name of the site config that applies to this page, if any."""
    hints: dict[str, Any] = field(default_factory=dict)
    """Plain values learned during discovery (sitemap lastmod, news title, feed date...)."""
    encoding: str | None = None
    """The encoding of ``html`` when it is bytes, as the crawl decided it (the response's, charset repairs
    included)."""
    scope: tuple[str, ...] = ()
    """The crawl's ``host:port`` set: the page's links elsewhere are not read (empty: all are)."""
    robots: Any = None
    """The robots.txt rules of the page's host (:class:`newsproj.discovery.robots.Robots`), when known: links they
    disallow are left out before the page's link budget counts them."""

    def __repr__(self) -> str:  # logged with every drop: the URL, not the HTML
        return f"<PageItem {self.url} ({len(self.html)} {'bytes' if isinstance(self.html, bytes) else 'chars'})>"
