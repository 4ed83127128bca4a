"""Our settings, checked before the crawl starts, and the identity we crawl under.

:data:`SETTINGS` lists every ``NEWSPROJ_*`` setting this package reads: type, default, meaning (the README's
settings table mirrors it). :func:`check_settings`, called first thing by the spider, rejects a bad value
with a message naming the setting, what is expected and what was given (``scrapy crawl`` exits before its
first request). :class:`SafetyAddon` (in ``ADDONS``) derives ``USER_AGENT`` from ``NEWSPROJ_CONTACT_URL``
unless ``USER_AGENT`` was set explicitly, and installs log redaction (see :mod:`.redact`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError
from scrapy.settings import SETTINGS_PRIORITIES

from .. import __version__ as VERSION  # noqa: N812
from .outcomes import quiet_network_tracebacks
from .redact import install_log_redaction

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    kind: str  # int, float, bool, list, str, url
    default: Any
    meaning: str
    minimum: float | None = 0
    maximum: float | None = None


SETTINGS: dict[str, Setting] = {
    "NEWSPROJ_CONTACT_URL": Setting("url", "https://github.com/newsproj/newsproj",
                                    "contact URL (or mailto:) put in the User-Agent: `newsproj/VERSION (+URL)`"),
    "NEWSPROJ_ALLOW_PRIVATE": Setting("bool", False, "allow loopback and private addresses (local sites, demo, "
                                      "tests); link-local and reserved addresses stay refused"),
    "NEWSPROJ_ALLOW_PRIVATE_HOSTS": Setting("list", [], "`host` or `host:port` list allowed to be private "
                                            "without allowing every private address"),
    "NEWSPROJ_MAX_LISTING_DEPTH": Setting("int", 6, "how many listing levels (section, subsection, tag, "
                                          "archive) deep to follow from a seed; a listing's next pages are as deep "
                                          "as its first"),
    "NEWSPROJ_MAX_URL_LENGTH": Setting("int", 2000, "longer URLs are not followed", 1),
    "NEWSPROJ_MAX_QUERY_PARAMS": Setting("int", 6, "URLs with more query parameters are not followed"),
    "NEWSPROJ_MAX_PAGE_NUMBER": Setting("int", 200, "pagination links past this page number are not followed "
                                        "(0 = no limit)"),
    "NEWSPROJ_MAX_PAGES_PER_PATTERN": Setting("int", 100, "listing, calendar, pagination and facet URLs of one "
                                              "shape (digits ignored) per `host:port` (0 = no budget)"),
    "NEWSPROJ_MAX_SITEMAP_DEPTH": Setting("int", 4, "sitemap indexes followed in a chain (an index listing an "
                                          "index...); deeper ones count as newsproj/discovery/trap/sitemap_depth"),
    "NEWSPROJ_MAX_BARREN_LISTINGS": Setting("int", 10, "listing pages of one shape (digits ignored) in a row "
                                            "that link no new article before that shape is no longer followed "
                                            "(0 = no limit)"),
    "NEWSPROJ_MAX_PAGES_PER_SITE": Setting("int", 50000, "URLs followed per `host:port` (0 = no budget)"),
    "NEWSPROJ_CALENDAR_YEARS_BACK": Setting("int", 30, "calendar/archive URLs dated further back are not followed"),
    "NEWSPROJ_CALENDAR_YEARS_AHEAD": Setting("int", 1, "calendar/archive URLs dated further ahead are not "
                                             "followed"),
    "NEWSPROJ_MAX_CRAWL_DELAY": Setting("float", 30.0, "cap on a robots.txt Crawl-delay (seconds)"),
    "NEWSPROJ_MAX_RETRY_AFTER": Setting("float", 120.0, "a longer Retry-After gives up on the URL (seconds)"),
    "NEWSPROJ_BACKOFF_BASE": Setting("float", 1.0, "pause after a 429/503 without Retry-After, doubled per retry"),
    "NEWSPROJ_BACKOFF_MAX": Setting("float", 60.0, "cap on that pause (seconds)"),
    "NEWSPROJ_RESET_CACHES_EVERY": Setting("int", 500, "reset trafilatura's caches every N items"),
    "NEWSPROJ_MAX_PAGE_ELEMENTS": Setting("int", 30000, "elements a page may have for its article to be "
                                          "extracted; a larger page counts as newsproj/extract/error/"
                                          "too_many_elements and only its links are read (0 = no cap)"),
    # (at most a day: a timer of 1e12 s, or inf, overflows the platform's time_t and every page failed)
    "NEWSPROJ_PAGE_TIME_LIMIT": Setting("float", 30.0, "seconds of extraction one page may cost; a page over it "
                                        "is dropped as newsproj/extract/error/timeout (0 = no limit)", 0, 86400),
    "NEWSPROJ_PAGE_HARD_GRACE": Setting("float", 10.0, "seconds after NEWSPROJ_PAGE_TIME_LIMIT at which an "
                                        "extraction worker still on the page (stuck in C code) is ended", 0, 86400),
    "NEWSPROJ_STATS_FILE": Setting("str", None, "write the final stats as JSON to this file"),
    "NEWSPROJ_SITE_REGISTRY": Setting("bool", True, "use the site registry's extraction and cleaning rules "
                                      "(0 = the generic path only: what a site without a file gets)"),
    "NEWSPROJ_EXTRACT_WORKERS": Setting("int", None, "extraction processes (default: one per core on a "
                                        "multi-core machine; 0 = extract in the crawl process)"),
    "NEWSPROJ_DEFAULT_FEED": Setting("str", "output/%(site)s/%(date)s/%(run_id)s.jsonl", "feed written when no "
                                     "-o/-O/FEEDS is given (empty = none)"),
    "NEWSPROJ_PARQUET_ROW_GROUP_ROWS": Setting("int", 500, "records per row group of a Parquet feed", 1),
    "NEWSPROJ_CONSENT_FETCH": Setting("bool", True, "fetch each host's /.well-known/tdmrep.json (and robots.txt "
                                      "when not obeyed) once a run for the consent fields"),
    "NEWSPROJ_FEED_SYNC_RECORDS": Setting("int", 20, "records appended to a local feed (-o) between two fsyncs, "
                                          "after which they are committed to STATE_DIR", 1),
    "NEWSPROJ_FEED_SYNC_SECONDS": Setting("float", 1.0, "at most this long between two fsyncs of a local feed"),
    "NEWSPROJ_INCREMENTAL_ENABLED": Setting("bool", True, "skip refetching articles already emitted (STATE_DIR)"),
    "NEWSPROJ_INCREMENTAL_REFRESH_HOURS": Setting("float", 0, "refetch emitted articles older than this even "
                                                  "without a newer lastmod (0 = never)"),
    "NEWSPROJ_TEMPLATE_ENABLED": Setting("bool", True, "drop a site's template lines: short lines at the start or "
                                         "end of a body seen on many pages of the site (docs/operations.md)"),
    "NEWSPROJ_TEMPLATE_MIN_PAGES": Setting("int", 3, "pages (different articles) of one site a line must be seen "
                                           "on to be template", 2),
    "NEWSPROJ_TEMPLATE_MAX_WORDS": Setting("int", 40, "longer lines are never template", 1),
    "NEWSPROJ_TEMPLATE_MAX_LINES": Setting("int", 4000, "line hashes kept per site", 10),
    "NEWSPROJ_TEMPLATE_MAX_SITES": Setting("int", 256, "sites whose template evidence is kept in memory at once", 1),
    "NEWSPROJ_TEMPLATE_HISTORY": Setting("bool", True, "with STATE_DIR: keep the evidence in STATE_DIR/templates/ "
                                         "for later runs"),
    "NEWSPROJ_TEMPLATE_HOLD_PAGES": Setting("int", 6, "a site's records wait until its evidence holds this many "
                                           "pages (or the crawl is idle, closing, or 30 s passed); 0 = judge each "
                                           "page as it comes", 0),
    "NEWSPROJ_TEMPLATE_SAVE_SECONDS": Setting("float", 60.0, "with the history: save the sites whose evidence "
                                              "changed at most this long after (and at close; 0 = when a site "
                                              "leaves memory)"),
    "NEWSPROJ_NEARDUP_THRESHOLD": Setting("float", 0.8, "MinHash Jaccard similarity that marks a near-duplicate "
                                          "(0 = off)", 0, 1),
    "NEWSPROJ_NEARDUP_WINDOW_DAYS": Setting("float", 7, "near-duplicates of earlier runs' records up to this age "
                                            "(days; 0 = this run only)"),
    "NEWSPROJ_NEARDUP_PERMUTATIONS": Setting("int", 128, "MinHash permutations", 1),
    "NEWSPROJ_NEARDUP_SHINGLE": Setting("int", 4, "words per shingle for near-duplicate detection", 1),
    "NEWSPROJ_MONITOR_COLLAPSE_RATIO": Setting("float", 0.5, "a run with fewer articles than this share of the "
                                               "median of recent runs fails (0 = off)", 0, 1),
    "NEWSPROJ_MONITOR_HISTORY": Setting("int", 5, "recent successful runs of the site a run is compared with"),
    "NEWSPROJ_MONITOR_MAX_DRIFT": Setting("float", 0.25, "a share (field coverage, listing pages, extraction "
                                          "fallbacks, errors) that moves this far from the site's recent runs "
                                          "fails the run (0 = off)", 0, 1),
    "NEWSPROJ_MONITOR_BODY_RATIO": Setting("float", 2.0, "a median article body this many times shorter or "
                                           "longer than in the site's recent runs fails the run (0 = off)"),
    "NEWSPROJ_MONITOR_MAX_BLOCKED": Setting("float", 0.5, "share of article pages answering 401/403/451 that "
                                            "fails the run (0 = off)", 0, 1),
    "NEWSPROJ_MONITOR_MAX_ERROR_RATE": Setting("float", 0, "optional absolute limit on the share of failed "
                                               "requests (0 = off; the default judges errors against history)",
                                               0, 1),
    "NEWSPROJ_MONITOR_MAX_DROP_RATE": Setting("float", 0, "optional absolute limit on the share of article pages "
                                              "dropped as invalid or failed (0 = off)", 0, 1),
    "NEWSPROJ_MONITOR_MIN_COVERAGE": Setting("coverage", None, "optional absolute field coverage floors, "
                                             "`field:share,...` e.g. `headline:1.0,authors:0.3`"),
    "NEWSPROJ_MONITOR_FINISH_REASONS": Setting("list", None, "finish reasons that count as success"),
    "NEWSPROJ_MONITOR_SAVE_PAGES": Setting("int", 5, "pages saved per symptom beside the manifest of a failed "
                                           "run (0 = none)"),
    "NEWSPROJ_STATE_BACKEND": Setting("str", None, "import path of the cross-run state backend (RedisAddon sets "
                                      "it; default: the STATE_DIR file backend)"),
    "NEWSPROJ_CRAWL_ID": Setting("str", None, "name of a distributed crawl's Redis keys (default: derived from "
                                 "the spider arguments)"),
    "NEWSPROJ_REDIS_POLL_INTERVAL": Setting("float", 0.5, "seconds between polls of an idle distributed worker"),
    "NEWSPROJ_REDIS_PREFETCH": Setting("int", 2, "requests a distributed worker claims ahead", 1),
    "NEWSPROJ_REDIS_WORKER_TIMEOUT": Setting("float", 60, "seconds without a heartbeat before a worker's claims "
                                             "are requeued"),
    "NEWSPROJ_WARC_DIR": Setting("str", None, "write the response behind every record to WARC/1.1 files here "
                                 "(docs/warc.md)"),
    "NEWSPROJ_WARC_MAX_SIZE": Setting("int", 1_000_000_000, "a WARC file is closed and published past this many "
                                      "bytes", 1),
    "NEWSPROJ_WARC_GZIP_LEVEL": Setting("int", 1, "gzip level of the WARC records, 0-9 (0-3: ISA-L igzip, 1 ~0.5 ms "
                                        "of CPU for a 330 KB page; 4-9: zlib, 6 ~6 ms for files ~15% smaller)",
                                        0, 9),
    "NEWSPROJ_WARC_ALL": Setting("bool", False, "with NEWSPROJ_WARC_DIR: archive every response that reaches the "
                                 "spider, not only those records were made from"),
    "NEWSPROJ_WARC_INFLIGHT": Setting("int", 16, "`warc` spider: records read ahead and being handled at once", 1),
    "NEWSPROJ_WARC_CLAIM_KEY": Setting("str", "newsproj:warc", "`warc` spider with REDIS_URL: prefix of the Redis "
                                       "keys that share files out among processes"),
    "NEWSPROJ_REDIS_STATE_KEY": Setting("str", None, "Redis key prefix of the cross-run state"),
}

ENVIRONMENT = {
    "NEWSPROJ_SITES_DIR": "folder of site files to use instead of the bundled registry (read at import)",
}
"""Environment variables (not settings) the package reads."""

_COVERAGE_FIELDS = ("url", "canonicalUrl", "headline", "articleBody", "authors", "datePublished", "dateModified",
                    "inLanguage", "description", "mainImage", "breadcrumbs")


def parse_coverage(value: Any) -> dict[str, float]:
    """``NEWSPROJ_MONITOR_MIN_COVERAGE`` as ``{field: share}``: a dict, JSON, or ``field:share,...``.
    Raises ``ValueError`` naming the bad part."""
    if value is None or value == "":
        return {}
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("{"):
            import json

            value = json.loads(text)
        else:
            pairs = {}
            for part in filter(None, (p.strip() for p in text.split(","))):
                field, sep, share = part.partition(":")
                if not sep:
                    raise ValueError(f"{part!r} is not field:share")
                pairs[field.strip()] = share.strip()
            value = pairs
    if not isinstance(value, dict):
        raise ValueError(f"{value!r} is not field:share,...")
    out = {}
    for field, share in value.items():
        if field not in _COVERAGE_FIELDS:
            raise ValueError(f"unknown field {field!r} (one of {', '.join(_COVERAGE_FIELDS)})")
        try:
            number = float(share)
        except (TypeError, ValueError):
            raise ValueError(f"{field}: {share!r} is not a share between 0 and 1") from None
        if not 0 <= number <= 1:
            raise ValueError(f"{field}: {share!r} is not a share between 0 and 1")
        out[field] = number
    return out


def check_value(name: str, value: Any, spec: Setting) -> str | None:
    """Why ``value`` is not valid for setting ``name``, or None."""
    if value is None:
        return None
    given = f"got {value!r}"
    if spec.kind == "bool":
        # exactly what Scrapy's getbool() understands: anything else would fail later, mid-crawl
        if isinstance(value, bool) or value in (0, 1) or str(value).strip() in _BOOLEANS:
            return None
        return f"expected a boolean (1/0, true/false), {given}"
    if spec.kind in ("int", "float"):
        low = spec.minimum or 0
        span = f"between {low:g} and {spec.maximum:g}" if spec.maximum is not None else f"≥ {low:g}"
        expected = f"expected {'an integer' if spec.kind == 'int' else 'a number'} {span}, {given}"
        try:
            number = int(value) if spec.kind == "int" else float(value)
        except (TypeError, ValueError):
            return expected
        if isinstance(value, bool) or (spec.minimum is not None and number < spec.minimum) or (
                spec.maximum is not None and number > spec.maximum) or number != number or number in (
                    float("inf"), float("-inf")):  # (NaN and infinities are no setting's value)
            return expected
        return None
    if spec.kind == "coverage":
        try:
            parse_coverage(value)
        except ValueError as exc:
            return f"expected field:share pairs separated by commas, shares between 0 and 1 ({exc}), {given}"
        return None
    if spec.kind == "url":
        text = str(value)
        parts = urlsplit(text)
        if (parts.scheme in ("http", "https") and parts.hostname) or (parts.scheme == "mailto" and "@" in text):
            return None
        return f"expected an http(s) URL or mailto: address, {given}"
    if spec.kind == "list" and not isinstance(value, str | list | tuple):
        return f"expected a comma-separated list, {given}"
    return None


_BOOLEANS = {"0", "1", "true", "false", "True", "False"}

ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"


def validate(settings: BaseSettings) -> list[str]:
    """Problems with the ``NEWSPROJ_*`` settings: ``"-s NAME: expected …, got …"`` per bad value."""
    problems = []
    for name, spec in SETTINGS.items():
        problem = check_value(name, settings.get(name), spec)
        if problem:
            problems.append(f"setting {name}: {problem} ({spec.meaning})")
    reactor = settings.get("TWISTED_REACTOR")
    if settings.getbool("TWISTED_REACTOR_ENABLED", True) and reactor != ASYNCIO_REACTOR:
        problems.append(f"setting TWISTED_REACTOR: newsproj needs {ASYNCIO_REACTOR} (the extraction pool and the "
                        f"pipelines await asyncio futures; with another reactor every page fails), got {reactor!r}")
    level = settings.get("LOG_LEVEL")
    if level is not None and not isinstance(level, int) and level not in logging.getLevelNamesMapping():
        # (Scrapy's log handler refused it with a traceback and exit 1, before any newsproj check)
        problems.append(f"setting LOG_LEVEL: expected one of CRITICAL, ERROR, WARNING, INFO, DEBUG, got {level!r}")
    for name in settings:
        if name.startswith("NEWSPROJ_") and name not in SETTINGS and settings.getpriority(name) == \
                SETTINGS_PRIORITIES["cmdline"]:
            logger.warning("Unknown setting %s (not read by the newsproj components listed in "
                           "newsproj/middlewares/config.py; a typo?)", name)
    return problems


def check_settings(settings: BaseSettings) -> None:
    """Raise ``UsageError`` naming every bad ``NEWSPROJ_*`` value (called first by the spider's
    ``from_crawler``: Scrapy builds the spider before add-ons run, and before any request)."""
    problems = validate(settings)
    if problems:
        raise UsageError("invalid settings:\n  " + "\n  ".join(problems))


def user_agent(contact: str, bot: str = "newsproj") -> str:
    return f"{bot}/{VERSION} (+{contact})"


class SafetyAddon:
    """Add-on: sets an honest User-Agent, turns on log redaction and drops network faults' tracebacks (settings are
    checked by the spider)."""

    def update_settings(self, settings: BaseSettings) -> None:
        install_log_redaction()
        quiet_network_tracebacks()
        contact = settings.get("NEWSPROJ_CONTACT_URL") or SETTINGS["NEWSPROJ_CONTACT_URL"].default
        if (settings.getpriority("USER_AGENT") or 0) <= SETTINGS_PRIORITIES["addon"]:
            settings.set("USER_AGENT", user_agent(contact, settings.get("BOT_NAME") or "newsproj"), "addon")
