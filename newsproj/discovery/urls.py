"""URL policy: canonical form (courlan + w3lib), scope by host:port, trap limits."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, wraps
from itertools import chain, islice
from typing import Any, TypeVar
from urllib.parse import parse_qs, parse_qsl, unquote_plus, urlencode, urljoin, urlsplit, urlunsplit

import courlan
from tld import get_fld
from w3lib.url import url_query_cleaner

_T = TypeVar("_T")

MAX_CACHED_URL = 512
"""A URL longer than this is worked on each time, never kept (:func:`per_url_cache`): a news URL is under 200
characters; a page's 1 MB link costs what it costs, once a call, and no memory."""
URL_CACHE_SIZE = 4096
"""URLs each :func:`per_url_cache` keeps (least recently used forgotten first): a listing page's links, and the
links its next pages repeat."""


def per_url_cache(func: Callable[[str], _T]) -> Callable[[str], _T]:
    """``func`` (a pure function of a URL) with its answers for the last :data:`URL_CACHE_SIZE` URLs of at most
    :data:`MAX_CACHED_URL` characters kept: a link's shape, key and canonical form are asked for by discovery, the
    trap guard, the request fingerprint and the incremental middleware, and again on each page that links it
    (memory: at most ~1.5 KB an entry). An exception is raised each time, never kept."""
    cached = lru_cache(maxsize=URL_CACHE_SIZE)(func)

    @wraps(func)
    def call(url: str) -> _T:
        return cached(url) if len(url) <= MAX_CACHED_URL else func(url)

    call.cache_info = cached.cache_info  # type: ignore[attr-defined]
    call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return call


_DATE_IN_PATH = re.compile(r"/(?:19|20)\d{2}[/-](?:0?[1-9]|1[0-2])(?:[/-](?:0?[1-9]|[12]\d|3[01]))?(?:/|-)")
_ARTICLE_ID = re.compile(r"(?:[-_/]\d{5,}|\.s?html?)(?:$|[?#])")


@per_url_cache
def netloc(url: str) -> str:
    """``host:port`` of a URL, with the scheme's default port made explicit (scope compares these); ``""`` for
    a URL whose host or port cannot be read (a port out of range, a broken IPv6 literal): in no scope."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return ""
    return f"{host}:{port}"


def host_of(url: str) -> str:
    """The site a page is: its host without ``www.``, and its port when not the scheme's default (one site over
    http and https); ``""`` for a URL whose host or port cannot be read. Not the registrable domain
    (:func:`site_of`): the blogs of one hosting domain (``*.blogspot.com``, ``*.github.io``, ``*.wordpress.com``)
    are sites of their own (the template evidence of one must not make another's lines template; a link to
    another is no teaser of this one's)."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return ""
    host = host.removeprefix("www.")
    return f"{host}:{port}" if port and port != {"http": 80, "https": 443}.get(parts.scheme) else host


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def absolute_url(url: str | None, base: str | None = None) -> str | None:
    """``url`` as an http(s) URL that can be requested — relative and scheme-relative (``//host/x``) URLs resolved
    against ``base`` — or None: another scheme, no host, a port out of range, a broken IPv6 literal, control
    characters inside. Every URL a page, sitemap, feed or robots.txt gives goes through here (one bad URL costs
    that URL only)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or _CONTROL.search(url):
        return None
    try:
        if base:
            url = urljoin(base, url)
        parts = urlsplit(url)
        port = parts.port  # raises for a port out of range or not a number
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host or port == 0:
        return None
    return url


@per_url_cache
def canonical_url(url: str) -> str:
    """``url`` in courlan's normal form (scheme and host lower-cased, default port and fragment dropped, path
    normalised, parameters sorted) without its tracking parameters (:func:`is_tracking_param`: ``utm_*``,
    ``fbclid``, ``gclid``…). Parameters courlan's list drops that also select content on some sites are kept:
    ``cid`` is JPost's article id (``/servlet/Satellite?c=JPArticle&cid=N``), and without it two articles had one
    canonical URL (dedup dropped the second; the state took it as known). Session ids and sort parameters are left
    out as a request leaves them out (:func:`strip_trap_params`): one a redirect adds (``;jsessionid=``,
    ``?PHPSESSID=``, a new one every visit) made the article another canonical URL on every run. Linear in the
    URL's length."""
    try:
        parts = urlsplit(strip_trap_params(url)[0])
        normalized = courlan.normalize_url(parts._replace(query=""))
    except ValueError:
        return url_query_cleaner(url, (), remove=True, unique=False, keep_fragments=False)
    query = urlencode(
        {key: values for key, values in sorted(parse_qs(parts.query).items()) if not is_tracking_param(key.lower())},
        doseq=True,
    )  # (courlan's clean_query, its tracker list left to is_tracking_param)
    if query:
        rebuilt = urlsplit(normalized)
        normalized = urlunsplit(rebuilt._replace(path=rebuilt.path or "/", query=query))
    return url_query_cleaner(normalized, (), remove=True, unique=False, keep_fragments=False)


@per_url_cache
def legacy_canonical_url(url: str) -> str:
    """:func:`canonical_url` as releases before 2026-12 made it: courlan's whole tracker list removed (``cid``,
    ``uid``, ``ref*``, ``source``… too). Their cross-run state (``STATE_DIR``, Redis) is keyed by this form; the
    ledger looks an article up under it too when the two forms differ (:meth:`Ledger.stored`)."""
    try:
        normalized = courlan.normalize_url(url)
    except ValueError:
        normalized = url
    return url_query_cleaner(normalized, (), remove=True, unique=False, keep_fragments=False)


@lru_cache(maxsize=4096)  # asked for every record (dedup, canonical claims): the suffix list walk is ~8 us a host
def registrable_domain(host: str, private: bool = True) -> str | None:
    """The registrable domain of a host name (``news.bbc.co.uk`` → ``bbc.co.uk``, ``www.unsw.edu.au`` →
    ``unsw.edu.au``), from the public suffix list (``tld``, which courlan reads it with); for a suffix the list does
    not know (``.example``), the host's last two labels (the list's default rule). None for an IP address or a host
    of one label (``localhost``): no domain. ``private``: with the list's private part, a hosted blog
    (``thefischbowl.blogspot.com``) is a domain of its own; without it, its host's (``blogspot.com``)."""
    host = host.lower().rstrip(".")
    if "." not in host or ":" in host or host.rpartition(".")[2].isdigit():
        return None  # (one label, IPv6, or IPv4 in any of its forms: no top-level domain is a number)
    try:
        domain = get_fld(host, fail_silently=True, fix_protocol=True, search_private=private)
    except (ValueError, TypeError):
        domain = None
    return domain or ".".join(host.rsplit(".", 2)[-2:])


def site_of(url: str) -> str:
    """The site a URL belongs to: its registrable domain with the public suffix list's private part
    (``news.bbc.co.uk`` → ``bbc.co.uk``; each ``*.blogspot.com`` blog is one), or ``host:port`` for an IP address
    or a single-label host (``127.0.0.1:8080``, ``localhost:80``)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return registrable_domain(host) or netloc(url)


def trusted_canonical(url: str, canonical: str) -> bool:
    """A canonical URL the page may give: on the page's own site (:func:`site_of`), or on a host of the site
    file that covers the page (``hosts``)."""
    if site_of(canonical) == site_of(url):
        return True
    from ..sites import for_url

    try:
        config = for_url(url)
    except Exception:  # noqa: BLE001 - a site file problem is reported where sites load; here: not allowed
        return False
    if config is None:
        return False
    claimed = site_of(canonical)
    return any(site_of(f"http://{host}/") == claimed for host in config.hosts)


_ID_PARAM = re.compile(r"^(?:[a-z_]*id|story|article|art|item|news|newsitem)$", re.I)
_NOT_ID_PARAM = re.compile(r"cat|sec|tag|page|user|author|forum|topic|lang|session|sess|ref|src|track", re.I)
_ID_VALUE = re.compile(r"\d{1,12}")


def _query_id(query: str) -> bool:
    """A query naming one item by number (``story.php?id=123``, ``article.aspx?newsid=4567``), no page number
    beside it: the URL of an article on many older sites, not of a listing. (WordPress's ``?p=15804`` is courlan's
    navigation shape, left to it.)"""
    pairs = parse_qsl(query, keep_blank_values=True)
    if not pairs or len(pairs) > 3 or any(_PAGE_PARAM.match(k) for k, _ in pairs):
        return False
    return any(_ID_PARAM.match(k) and not _NOT_ID_PARAM.search(k) and _ID_VALUE.fullmatch(v) for k, v in pairs)


def looks_like_article_url(url: str) -> bool:
    """A prior from the URL's shape only (dates, ids, long slugs, a query naming an item by number); pages are
    judged by their content. An article link is not charged to the per-pattern budget, nor a listing shape for the
    barren-listings rule: ``/story.php?id=N`` taken for a listing shape capped a site of such articles at
    ``NEWSPROJ_MAX_PAGES_PER_PATTERN`` (100) articles, and its section pages counted barren."""
    parts = urlsplit(url)
    path = parts.path
    if courlan.is_navigation_page(url):
        return False
    if _DATE_IN_PATH.search(path) or _ARTICLE_ID.search(path) or _query_id(parts.query):
        return True
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return last.count("-") >= 3


def trap_reason(url: str, max_length: int, max_query_params: int) -> str | None:
    """Why ``url`` looks like a crawler trap, or None."""
    if len(url) > max_length:
        return "url_too_long"
    parts = urlsplit(url)
    if len(parse_qsl(parts.query, keep_blank_values=True)) > max_query_params:
        return "too_many_query_params"
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) >= 6 and len(set(segments)) <= len(segments) // 2:
        return "repeated_path_segments"
    return None


# ---------------------------------------------------------------------------------------------- traps
# Parameters that name a session, never content: stripped before a URL is requested, so the endless
# variants a session-id site generates collapse into one URL (and Scrapy's dupefilter does the rest).
SESSION_PARAMS = frozenset({"jsessionid", "phpsessid", "aspsessionid", "sessionid", "session_id"})
# Short names some sites use for sessions and others for content ids (``?sid=123`` may be a story id):
# stripped only when the value looks like a session token.
SESSION_TOKEN_PARAMS = frozenset({"sid", "sessid", "cfid", "cftoken", "zenid", "oscsid", "ps_session"})
# Parameters that only reorder a listing: same articles, combinatorially many URLs. Stripped.
SORT_PARAMS = frozenset({"sort", "sortby", "sort_by", "sortorder", "sort_order", "orderby", "order_by"})
# Parameters that may filter or re-lay-out a listing, or select content (Joomla's ``view=article``): never
# stripped, but a URL carrying one is a facet and counts against the per-pattern budget whatever its role.
FACET_PARAMS = frozenset({
    "order", "dir", "direction", "filter", "filters", "view", "display", "layout", "per_page", "perpage", "limit",
    "show", "tag", "tags", "category", "type", "format",
})
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{10,}$")
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.I)
_PAGE_PARAM = re.compile(r"^(?:page|pg|paged|start|offset)$", re.I)
# (not ``p``: ``?p=15804`` is WordPress's permalink of a post, not page 15804 of a listing)
_PAGE_IN_PATH = re.compile(r"/(?:page|p)/(\d+)/?$", re.I)
_CALENDAR_WORDS = re.compile(
    r"(?:^|[/_-])(?:calendar|events?|archives?|agenda|day|month|year|date|schedule)(?:$|[/_.-])", re.I
)
_CALENDAR_PARAMS = frozenset({
    "date", "day", "month", "year", "from", "to", "start_date", "end_date", "ym", "d", "m", "y",
})
_SEGMENT_WORDS = re.compile(r"[_.-]")
_CALENDAR_SEGMENT_WORDS = 3
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DIGITS = re.compile(r"\d+")
_ID_DIGITS = 5
"""A digit run this long or longer in a path is an id (``/sport/101813``, as :data:`_ARTICLE_ID` reads it), not a
page number, year or day (``/sport/2``, ``/2024/05/06/``): the two are different shapes."""


def _is_token(value: str) -> bool:
    return bool(_TOKEN.match(value)) and (not value.isdigit() or len(value) >= 20)


# courlan's list also drops names that select content on some sites (``cid`` is JPost's article id, ``ref``,
# ``source``, ``uid``, ``campaign``…): only the unambiguous shapes of its list are trackers. Its expression is a
# search whose words match at any word start or after any ``_`` (``ga`` for Google Analytics' ``_ga``, ``gl``,
# ``source``, ``ref``), so it also named ``game_id``, ``gallery_id``, ``global_id``, ``source_id``, ``ref_id``,
# ``photo_gallery``: content ids of sports and photo desks, every article of such a shape one request fingerprint
# and one canonicalUrl (all but one lost). A tracker's name is an analytics vendor's prefix and more (courlan's
# prefixes: ``utm_source``, ``mc_cid``, ``pk_campaign``), or has one of courlan's words as a whole word after its
# first (``fb_source``, ``ns_campaign``, ``intc_campaign``, ``gm_utm_source``), or is a click id (``fbclid``,
# ``gclid``, ``msclkid``, ``igshid``). Taking a tracker for content costs a request (its record is a duplicate);
# taking content for a tracker loses the article.
_TRACKER_PREFIXES = frozenset({"ad", "ads", "mc", "ga", "gs", "itm", "mkt", "ml", "mtm", "oly", "pk", "utm", "vero"})
_TRACKER_WORDS = frozenset({"aff", "affi", "affiliate", "campaign", "cid", "clid", "eid", "ga", "gl", "kwd", "keyword",
                            "medium", "ref", "referer", "referrer", "session", "source", "uid", "xtor", "utm"})
_CLICK_ID = re.compile(r"(?:clid|clkid|shid)$|^(?:click|gbra|wbra|partner)id$")


def _tracker_shaped(key: str) -> bool:
    """``key`` (lower-cased) has a shape only trackers have (above)."""
    if _CLICK_ID.search(key):
        return True
    words = key.split("_")
    return len(words) > 1 and (words[0] in _TRACKER_PREFIXES or not _TRACKER_WORDS.isdisjoint(words[1:]))


MAX_TRACKER_NAME = 64
"""A parameter name longer than this is no tracker (``utm_source``, ``gm_utm_campaign``: a few dozen characters at
most), and is not looked up: the look-ups are cached, and a hostile page's ``<link rel=canonical>`` (no length cap)
gave each one a name of up to megabytes, kept in the cache (4,096 of them per extraction process)."""


def is_tracking_param(key: str) -> bool:
    """Whether a query parameter is a tracker: on courlan's maintained list (asked through its public
    ``normalize_url`` on a URL holding that parameter alone) and of a shape only trackers have (``utm_*``,
    ``mc_cid``, ``fbclid``, ``gclid``, ``msclkid``, ``igshid``…); never a name over :data:`MAX_TRACKER_NAME`."""
    return len(key) <= MAX_TRACKER_NAME and _tracker_name(key)


@lru_cache(maxsize=4096)
def _tracker_name(key: str) -> bool:
    """:func:`is_tracking_param` of a name of bounded length (cached)."""
    if not _tracker_shaped(key):
        return False
    try:
        return not urlsplit(courlan.normalize_url(f"http://x.invalid/?{urlencode({key: '1'})}")).query
    except ValueError:
        return False


def strip_trap_params(url: str) -> tuple[str, list[str]]:
    """``url`` without session ids (query or ``;jsessionid=`` path parameters) and sort parameters, and which
    kinds were stripped (``session_id``, ``sort``): what is stripped before a request (traps: endless variants of
    one page). Tracking parameters are not: a link is requested as the site gives it (the record's ``url``), and
    :func:`without_trackers` makes a link with ``utm_*`` and the same link one request (:func:`dedup_key`, the
    request fingerprint). The rest of the URL is left as is."""
    parts = urlsplit(url)
    stripped: list[str] = []
    path = _PATH_SESSION.sub("", parts.path)
    if path != parts.path:
        stripped.append("session_id")
    kept: list[tuple[str, str]] = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        low = key.lower()
        if low in SESSION_PARAMS or (low in SESSION_TOKEN_PARAMS and _is_token(value)):
            stripped.append("session_id")
        elif low in SORT_PARAMS:
            stripped.append("sort")
        else:
            kept.append((key, value))
    if not stripped:
        return url, []
    query = urlencode(kept)
    return urlunsplit((parts.scheme, parts.netloc, path, query, parts.fragment)), sorted(set(stripped))


@per_url_cache
def without_trackers(url: str) -> str:
    """``url`` without its tracking parameters (:func:`is_tracking_param`), every other byte as it was (the order
    and encoding of the other parameters, the fragment); ``url`` itself when it has none. What duplicate detection
    compares (:func:`dedup_key`, the request fingerprint), never what is requested. Linear in the query's length."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    pairs = parts.query.split("&")
    kept = [pair for pair in pairs if not is_tracking_param(unquote_plus(pair.partition("=")[0]).lower())]
    if len(kept) == len(pairs):
        return url
    return urlunsplit(parts._replace(query="&".join(kept)))


MAX_UNTRACKED_LENGTH = 8192
"""A link robots.txt disallows and longer than this is not tried without its trackers (:func:`robots_allowed_form`):
:func:`without_trackers` looks up each distinct parameter name (~10 us a name not seen), and a page or sitemap
under ``Disallow: /*?utm_`` could give 1 MB links of 100,000 tracker-shaped names, seconds each; a link this long
is past any ``NEWSPROJ_MAX_URL_LENGTH`` a crawl uses (2000) and refused anyway."""


def robots_allowed_form(url: str, allowed: Callable[[str], bool]) -> str | None:
    """``url`` when robots.txt ``allowed`` it; else the URL without its tracking parameters when robots.txt allows
    that (a site whose robots.txt disallows ``/*?utm_``, as SEO guides advise, allows its pages: they are fetched
    without them, as linked otherwise; not tried past :data:`MAX_UNTRACKED_LENGTH`); else None."""
    if allowed(url):
        return url
    if len(url) > MAX_UNTRACKED_LENGTH:
        return None
    bare = without_trackers(url)
    return bare if bare != url and allowed(bare) else None


@per_url_cache
def dedup_key(url: str) -> str:
    """The form of a link duplicates are told by: without session ids and sort parameters (stripped before a
    request) nor tracking parameters (kept in the request, ignored here): ``/a?utm_source=x`` and ``/a`` are one
    page (:class:`TrapGuard`'s budgets and barren-listings rule)."""
    return without_trackers(strip_trap_params(url)[0])


def page_number(url: str) -> int | None:
    """The pagination number in ``?page=N`` (and similar) or ``/page/N/``, or None."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query):
        if _PAGE_PARAM.match(key) and value.isdigit():
            return int(value)
    match = _PAGE_IN_PATH.search(parts.path)
    return int(match.group(1)) if match else None


_PAGE_SUFFIX = re.compile(r"/(?:(?:page|p)/)?\d{1,4}/?$", re.I)


@per_url_cache
def _listing_stem(url: str) -> tuple[str, str, str]:
    """``(host:port, path, query)`` of a listing page without its page number: ``?page=N`` (and similar), a last
    ``/page/N/`` or ``/N`` segment, its tracking parameters; trailing slashes left out."""
    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _PAGE_PARAM.match(k) and not is_tracking_param(k.lower())])
    return netloc(url), _PAGE_SUFFIX.sub("", parts.path).rstrip("/"), query


def next_pages_of(listing: str) -> Callable[[str], bool]:
    """A test of whether a URL linked from the listing page ``listing`` is another page of that same listing: the
    same shape (:func:`url_pattern`: ``/sport/3`` from ``/sport/2``, ``?page=4`` from ``?page=3``), or the same URL
    with a page number (``/news/?page=2``, ``/news/page/2/``, ``/sport/2`` from ``/news/``, ``/sport/``). Such a
    page is as deep as its listing (``NEWSPROJ_MAX_LISTING_DEPTH`` counts sections, not pages of one), and its run
    is bounded by the page-number cap, the pattern budget and the barren-listings rule. (The listing's own shape is
    read once, not once a link: a page may give 5,000.)"""
    pattern, stem = url_pattern(listing), _listing_stem(listing)

    def test(url: str) -> bool:
        return url != listing and (url_pattern(url) == pattern or _listing_stem(url) == stem)

    return test


def is_next_page(url: str, listing: str) -> bool:
    """Whether ``url``, linked from the listing page ``listing``, is another page of it (:func:`next_pages_of`)."""
    return next_pages_of(listing)(url)


def is_calendar_url(url: str) -> bool:
    """A calendar or archive page: a calendar word with a year in the path, or date parameters in the query. The
    word names a path segment of its own or of a few words (``/events/``, ``/news-archive/``), not one word of an
    article's slug (``/8301-13579_3-57545354/gif-wins-oxfords-word-of-the-year/`` is no calendar)."""
    parts = urlsplit(url)
    if {k.lower() for k, _ in parse_qsl(parts.query)} & _CALENDAR_PARAMS:
        return True
    named = any(
        _CALENDAR_WORDS.search(segment) and len(_SEGMENT_WORDS.split(segment)) <= _CALENDAR_SEGMENT_WORDS
        for segment in parts.path.split("/")
    )
    return named and bool(_YEAR.search(parts.path))


def calendar_year_out_of_range(url: str, min_year: int, max_year: int) -> bool:
    """A year in the URL outside ``[min_year, max_year]``: the far end of an endless calendar."""
    parts = urlsplit(url)
    years = [int(y) for y in _YEAR.findall(parts.path + "?" + parts.query)]
    return any(y < min_year or y > max_year for y in years if 1000 <= y <= 9999)


def is_facet(url: str) -> bool:
    """A URL with a filter/view/layout parameter (see ``FACET_PARAMS``)."""
    return any(k.lower() in FACET_PARAMS for k, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True))


def _digits_shape(match: re.Match[str]) -> str:
    return "I" if len(match.group()) >= _ID_DIGITS else "N"


@per_url_cache
def url_pattern(url: str) -> str:
    """``host:port`` + path and query keys with every digit run of up to four digits replaced by ``N`` and every
    longer one (an id) by ``I``: the URLs of a calendar (``/events/N/N/N/``) or a pagination (``/news?page=N``,
    ``/sport/N``) share one pattern, articles keep their slugs, and articles numbered by id (``/sport/I``) are
    not of the shape of the pages that list them (``/sport/2``, ``/sport/3``...: a section paginated that way
    made every one of its article links look like a listing link, and after ``max_barren_listings`` pages they were
    refused as ``barren_pattern``). Tracking parameters are no part of a shape (a link with ``utm_*`` is of its
    page's)."""
    parts = urlsplit(url)
    keys = "&".join(sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)
                            if not is_tracking_param(k.lower())}))
    return f"{netloc(url)}{_DIGITS.sub(_digits_shape, parts.path)}" + (f"?{keys}" if keys else "")


@dataclass
class TrapLimits:
    """Trap limits; 0 switches a budget off. Read from ``NEWSPROJ_*`` settings by ``from_settings``."""

    max_url_length: int = 2000
    max_query_params: int = 6
    max_page_number: int = 200
    max_pages_per_pattern: int = 100
    max_pages_per_site: int = 50000
    calendar_years_back: int = 30
    calendar_years_ahead: int = 1
    max_barren_listings: int = 10

    @classmethod
    def from_settings(cls, settings: Any) -> TrapLimits:
        return cls(
            max_url_length=settings.getint("NEWSPROJ_MAX_URL_LENGTH", cls.max_url_length),
            max_query_params=settings.getint("NEWSPROJ_MAX_QUERY_PARAMS", cls.max_query_params),
            max_page_number=settings.getint("NEWSPROJ_MAX_PAGE_NUMBER", cls.max_page_number),
            max_pages_per_pattern=settings.getint("NEWSPROJ_MAX_PAGES_PER_PATTERN", cls.max_pages_per_pattern),
            max_pages_per_site=settings.getint("NEWSPROJ_MAX_PAGES_PER_SITE", cls.max_pages_per_site),
            calendar_years_back=settings.getint("NEWSPROJ_CALENDAR_YEARS_BACK", cls.calendar_years_back),
            calendar_years_ahead=settings.getint("NEWSPROJ_CALENDAR_YEARS_AHEAD", cls.calendar_years_ahead),
            max_barren_listings=settings.getint("NEWSPROJ_MAX_BARREN_LISTINGS", cls.max_barren_listings),
        )


MAX_KNOWN_ASKED = 200
"""Links of one listing page :meth:`TrapGuard.listing_seen` asks the cross-run state about (a lookup each: a
Redis store's is a round trip)."""
MAX_LINKS_READ = 1000
"""Listing-shaped links of one page :meth:`TrapGuard.listing_seen` reads the shape of, and links it checks for a
refusal (:meth:`TrapGuard.refusal`)."""


@dataclass
class TrapGuard:
    """Decides, link by link, whether a URL may be requested: strips session ids and sort parameters,
    refuses trap shapes, and keeps per-pattern and per-site page budgets.

    Budgets count pages admitted (after stripping; a link with tracking parameters, requested as linked, is the
    page without them: :func:`dedup_key`). The per-pattern budget applies to listing links and to
    calendar, pagination and facet (filter/view) URLs of any role, so ``/article/12345``-style article URLs
    are never capped by it;
    the per-site budget caps every URL of a ``host:port``. Not thread-safe (Scrapy's callbacks are not
    concurrent)."""

    limits: TrapLimits = field(default_factory=TrapLimits)
    per_pattern: Counter[str] = field(default_factory=Counter)
    per_site: Counter[str] = field(default_factory=Counter)
    seen: dict[int, int] = field(default_factory=dict)
    """hash of an admitted page's :func:`dedup_key` → hash of the URL it was admitted as (memory stays small on long
    crawls)"""
    listing_patterns: set[str] = field(default_factory=set)  # patterns of pages judged listings
    barren: Counter[str] = field(default_factory=Counter)  # pattern → listing pages in a row with no new article
    article_patterns: set[str] = field(default_factory=set)  # patterns of pages that gave a record

    def article_seen(self, url: str) -> None:
        """Account for a page that gave a record: links of its shape lead to articles (``/news/1234``,
        ``/?p=1234``: shapes :func:`looks_like_article_url` cannot tell from a listing's), for :meth:`listing_seen`."""
        pattern = url_pattern(url)
        if pattern not in self.listing_patterns:
            self.article_patterns.add(pattern)

    def learn_known(self, links: list[str], known: Callable[[str], bool]) -> None:
        """Learn as article shapes (:meth:`article_seen`) the shapes of listing-shaped ``links`` an earlier run
        exported as articles (``known``): on a scheduled run, before this run has extracted a ``/?p=1234`` story,
        its links are article links (saved by the incremental middleware, not refetched). Asks about links of a
        shape neither learnt nor a listing's, not admitted yet: at most ``MAX_KNOWN_ASKED`` a page, of the first
        ``MAX_LINKS_READ``."""
        asked = 0
        for link in islice(links, MAX_LINKS_READ):
            clean = dedup_key(link)
            pattern = url_pattern(clean)
            if pattern in self.article_patterns or pattern in self.listing_patterns or hash(clean) in self.seen:
                continue
            if asked >= MAX_KNOWN_ASKED:
                return
            asked += 1
            if known(clean):
                self.article_patterns.add(pattern)

    def article_shaped(self, url: str) -> bool:
        """``url`` (a listing-shaped link) has a shape that gave records and no listing page this run
        (:meth:`article_seen`): it is followed as an article link - not charged to its pattern's budget, and saved
        by the incremental middleware when an earlier run exported it."""
        return bool(self.article_patterns) and url_pattern(url) in self.article_patterns

    def listing_seen(self, url: str, article_links: list[str], known: Callable[[str], bool] | None = None,
                     other_links: list[str] | None = None) -> bool:
        """Account for a page judged a listing: does it link an article not linked before in this run (a link
        whose shape is not one of a listing, like a calendar day), nor ``known`` (an article an earlier run
        exported, which this run will not fetch again)? After ``max_barren_listings`` pages of one pattern in a
        row that do not, links of that pattern are refused (``barren_pattern``): an endless calendar or pagination
        stops costing requests once it stops leading anywhere new - on a scheduled run over an unchanged site too.
        Of ``other_links`` (its listing-shaped links), those of a shape that gave records and no listing
        (:meth:`article_seen`) are article links too: a section of ``/news/1234`` stories is not barren. A link
        :meth:`admit` would refuse (its pattern's budget spent, a barren pattern...) is no new article: a calendar
        whose day links stopped being followed is barren, whichever shape its days have.
        Bounded: ``known`` is asked about ``MAX_KNOWN_ASKED`` links a page, and ``MAX_LINKS_READ`` are checked for a
        refusal; past them, the page counts as new."""
        pattern = url_pattern(url)
        self.listing_patterns.add(pattern)
        self.article_patterns.discard(pattern)
        asked = checked = 0
        learned = self.article_patterns
        shaped = [link for link in islice(other_links or (), MAX_LINKS_READ)
                  if learned and url_pattern(link) in learned]
        for listing, link in chain(((False, link) for link in article_links), ((True, link) for link in shaped)):
            clean = dedup_key(link)
            if hash(clean) not in self.seen and url_pattern(clean) not in self.listing_patterns:
                checked += 1  # (a link not followed leads to nothing new)
                if checked <= MAX_LINKS_READ and self.refusal(clean, listing)[0] is not None:
                    continue
                if known is not None and asked < MAX_KNOWN_ASKED:
                    asked += 1
                    if known(clean):
                        continue
                self.barren[pattern] = 0
                return True
        self.barren[pattern] += 1
        return False

    def refusal(self, page: str, listing: bool = False, today: date | None = None) -> tuple[str | None, bool]:
        """Why :meth:`admit` would refuse the page ``page`` (its :func:`dedup_key` form: trap parameters stripped,
        trackers left out) now, or None, and whether it is charged to its pattern's budget; nothing is charged
        here."""
        limits = self.limits
        reason = trap_reason(page, limits.max_url_length, limits.max_query_params)
        if reason:
            return reason, False
        number = page_number(page)
        if limits.max_page_number and number is not None and number > limits.max_page_number:
            return "page_number", False
        calendar = is_calendar_url(page)
        if calendar:
            year = (today or date.today()).year
            if calendar_year_out_of_range(page, year - limits.calendar_years_back, year + limits.calendar_years_ahead):
                return "calendar_out_of_range", False
        if hash(page) in self.seen:  # already admitted: the dupefilter will drop it, budgets are not charged twice
            return None, False
        if limits.max_barren_listings and self.barren and \
                self.barren[url_pattern(page)] >= limits.max_barren_listings:
            return "barren_pattern", False
        if limits.max_pages_per_site and self.per_site[netloc(page)] >= limits.max_pages_per_site:
            return "site_budget", False
        budgeted = listing or calendar or number is not None or is_facet(page)
        if budgeted and limits.max_pages_per_pattern and \
                self.per_pattern[url_pattern(page)] >= limits.max_pages_per_pattern:
            return "pattern_budget", True
        return None, budgeted

    def admit(self, url: str, listing: bool = False, today: date | None = None) -> tuple[str, list[str]]:
        """``(url_to_request, reasons)``. When ``reasons`` holds a refusal (anything but the :data:`NOTES`) the
        URL must not be requested; ``stripped_*`` notes say what was removed, ``tracking_kept`` that the URL keeps
        its tracking parameters (requested as linked; the shapes, budgets and duplicates are the page's without
        them), ``tracking_variant`` that it differs from a URL admitted before by them only (the request
        fingerprint ignores them: the dupefilter drops it)."""
        limits = self.limits
        notes: list[str] = []
        url, stripped = strip_trap_params(url)
        notes += [f"stripped_{kind}" for kind in stripped]
        if len(url) > limits.max_url_length:  # (the URL requested, before a parameter name is looked up)
            return url, [*notes, "url_too_long"]
        page = without_trackers(url)  # (the shapes, budgets and duplicates: the page's, trackers left out)
        if page != url:
            notes.append("tracking_kept")
        reason, budgeted = self.refusal(page, listing, today)
        if reason:
            return url, [*notes, reason]
        key = hash(page)
        if key in self.seen:
            if self.seen[key] != hash(url):
                notes.append("tracking_variant")
            return url, notes
        if budgeted:
            self.per_pattern[url_pattern(page)] += 1
        self.per_site[netloc(url)] += 1
        self.seen[key] = hash(url)
        return url, notes


NOTES = frozenset({"stripped_session_id", "stripped_sort", "tracking_kept", "tracking_variant"})
"""What :meth:`TrapGuard.admit` says of a URL it admits (anything else it says is a refusal)."""


def is_refusal(reasons: list[str]) -> bool:
    return any(r not in NOTES for r in reasons)
