"""The record schema, in contract order (../shared/CONTRACT.md), and the spider-to-pipeline hand-off.

Field names follow zyte-common-items' ``Article`` so downstream code written for that schema works as is.
A value the page does not give is ``None`` (or an empty list), never invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
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
class Extractor:
    newsproj: str
    """Version of newsproj that made the record."""
    trafilatura: str
    """Version of trafilatura used for the body."""
    config: str
    """SHA-256 of the extraction configuration: the site registry (``newsproj/sites/*.toml``) and the chrome
    vocabulary (``newsproj/cleaning/chrome.toml``); records with the same value were extracted by the same rules."""


@dataclass(slots=True)
class TdmReservation:
    reservation: int
    """1: the publisher reserves text-and-data-mining rights (TDMRep); 0: it states that it does not."""
    policy: str | None = None
    """URL of the publisher's TDM licensing policy (``tdm-policy``), when it gives one."""
    source: str = "header"
    """Where it was stated: ``header`` (``tdm-reservation`` response header), ``meta`` (``<meta
    name="tdm-reservation">``) or ``tdmrep.json`` (the host's ``/.well-known/tdmrep.json``)."""


@dataclass(slots=True)
class Metadata:
    dateDownloaded: str
    """When the page was downloaded, ``YYYY-MM-DDTHH:MM:SS+00:00`` (UTC)."""
    nearDuplicateOf: str | None = None
    """``canonicalUrl`` of an earlier record (this run, or a recent run with ``STATE_DIR``) that this one nearly
    repeats (same story, small edits; MinHash over word shingles), else null. Exact duplicates of one site are never
    exported twice."""
    duplicateOf: str | None = None
    """``canonicalUrl`` of a record of another site with the same text (syndicated wire copy, a copycat): both are
    exported, since one site's page never makes another site's article disappear; else null."""
    canonicalClaim: str | None = None
    """The page's ``<link rel=canonical>`` / ``og:url`` when it names another site (registrable domain) than the
    page's own and no site file allows it: a claim, kept here, never used as ``canonicalUrl``; else null."""
    warc: WarcPointer | None = None
    """The WARC response record this record was extracted from (``NEWSPROJ_WARC_DIR``, or the ``warc`` spider's
    source), else null."""
    dateZoneless: list[str] = field(default_factory=list)
    """Date fields (``datePublished``, ``dateModified``) whose value the page gave as a time of day without a time
    zone (and no site config names one): they hold that local time as ``YYYY-MM-DDTHH:MM:SS`` with no offset, and
    must not be read as UTC. Empty when every date has its offset or is a plain date."""
    extractor: Extractor | None = None
    """What made the record: newsproj and trafilatura versions, and a hash of the extraction configuration."""
    robotsTxt: str | None = None
    """The host's robots.txt verdict on the URL for this crawler's user agent when it was crawled: ``allowed``,
    ``disallowed`` (only when ``ROBOTSTXT_OBEY`` is off) or ``absent`` (no robots.txt); null when not checked."""
    tdmReservation: TdmReservation | None = None
    """The publisher's text-and-data-mining reservation (W3C TDMRep); null when it states none."""
    aiDirectives: list[str] | None = None
    """AI-usage directives the site states for the page (``noai``, ``noimageai``... from the robots ``<meta>``
    tags and the ``X-Robots-Tag`` header), lowercased, in the order found; null when it states none."""
    isAccessibleForFree: bool | None = None
    """schema.org ``isAccessibleForFree`` as the page's JSON-LD states it (false: paywalled); null when unstated."""
    license: str | None = None
    """The licence the page states: a ``rel=license`` link, else JSON-LD ``license`` (a URL or a name); null when
    it states none."""


@dataclass(slots=True)
class Article:
    url: str
    """Final URL of the response."""
    canonicalUrl: str
    """``<link rel=canonical>`` / ``og:url`` when present, else ``url``; without tracking parameters (``utm_*``,
    ``fbclid``, ``gclid``…; not ``cid``, ``ref``, ``source``, which name content on some sites), session ids
    (``;jsessionid=``, ``PHPSESSID``) or fragment."""
    headline: str
    """The article's headline."""
    articleBody: str
    """Clean plain text, paragraphs separated by newlines, no chrome, no HTML."""
    authors: list[Author] = field(default_factory=list)
    """Authors as stated by the page; empty when none is stated."""
    datePublished: str | None = None
    """Publication date in one of two forms: ``YYYY-MM-DD`` when the page gives only a day, else
    ``YYYY-MM-DDTHH:MM:SS+HH:MM`` (to the second, with the page's offset, or the site config's time zone). A time
    the page gives with neither is kept without offset and the field is named in ``metadata.dateZoneless``."""
    dateModified: str | None = None
    """Last modification date, in the same forms as ``datePublished``."""
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


_PLAIN = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}


def as_dict(value: Any) -> Any:
    """A record (or any of its parts) as plain dicts and lists: what ``ItemAdapter(item).asdict()`` gives for the
    dataclasses here (fields in order, nested ones as dicts, new lists), at a fraction of its cost (it is asked for
    every record)."""
    if isinstance(value, _PLAIN):
        return value
    names = _FIELDS.get(type(value))
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[type(value)] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: as_dict(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {key: as_dict(entry) for key, entry in value.items()}
    if isinstance(value, (list, set, tuple)):
        return value.__class__(as_dict(entry) for entry in value)
    from itemadapter import ItemAdapter  # any other kind of item (not one of ours): as itemadapter sees it

    return ItemAdapter(value).asdict() if ItemAdapter.is_item(value) else value
