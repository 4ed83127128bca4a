"""``scrapy extract URL_OR_FILE [--diff] [--site NAME] [--url URL]``: the record for one page, as JSON.
``-s NEWSPROJ_SITE_REGISTRY=0`` gives the generic path's record (no site file), as a crawl with that setting.

How a user checks a site before adding it to the registry. A URL is fetched through Scrapy (a real crawl of that
one URL, with the project's settings: robots.txt, user agent, middlewares); a file (``.html`` or ``.html.gz``) is
read from disk, ``--url`` giving its original URL. The page then goes through the very function an extraction
worker runs in a crawl, :func:`newsproj.extraction.page.process_page` (parse → extract → article-or-listing
verdict → clean), under the crawl's page limits (``NEWSPROJ_PAGE_TIME_LIMIT``, ``NEWSPROJ_MAX_PAGE_ELEMENTS``),
then :func:`newsproj.validation.problems` as the validation pipeline does. With ``--diff``, the lines that cleaning
removed as chrome follow the record, one per line: ``- [reason] line``. Steps that failed softly
on the page (what a crawl counts as ``newsproj/extract/soft_failure/<reason>``) are named on stderr.

Exit status: 0 with a valid record, 1 when the page gives none (a listing, not an article, extraction failed,
invalid record) or cannot be fetched, 2 on a bad invocation (no such file, a file over ``DOWNLOAD_MAXSIZE`` or
inflating past it, as a crawl bounds a page, an unknown ``--site``, a loopback or
private URL without ``-s NEWSPROJ_ALLOW_PRIVATE=1``, a bad ``NEWSPROJ_*`` value…: one line, nothing
fetched). The reason goes to stderr.
"""

from __future__ import annotations

import json
import struct
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from itemadapter import ItemAdapter
from scrapy import Request, Spider
from scrapy.commands import ScrapyCommand
from scrapy.http import HtmlResponse, TextResponse
from scrapy.settings import SETTINGS_PRIORITIES

from .. import sites
from ..discovery.kinds import maybe_gunzip
from ..discovery.urls import netloc
from ..exceptions import SiteConfigError
from ..extraction.limits import MAX_ELEMENTS, PageTimedOut, call_limited, page_time_limit
from ..extraction.page import PageOutcome, process_page, set_time_limit
from ..items import PageItem
from ..middlewares.charset import UNDECODABLE, CharsetMiddleware
from ..middlewares.config import validate
from ..validation import problems
from . import one_line_errors, unexpected, usage_error
from .crawl import _seed_problem
from .shell import one_page

if TYPE_CHECKING:
    from argparse import ArgumentParser, Namespace
    from collections.abc import AsyncIterator

    from scrapy.http import Response

    from ..items import Article
    from ..sites import SiteConfig


@dataclass(slots=True)
class Outcome:
    """What the crawl makes of one page: the record and the removed lines, or why there is none."""

    article: Article | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)
    """``(line, reason)`` for each line cleaning removed as chrome."""
    dropped: str | None = None
    problems: list[str] | None = None
    page: PageOutcome | None = None
    """The extraction process's outcome (listing reason and links included)."""

    def record(self) -> dict[str, Any] | None:
        return ItemAdapter(self.article).asdict() if self.article is not None else None


def page_outcome(
    html: str | bytes, url: str, site: SiteConfig | None, date_downloaded: str = "", *, encoding: str | None = None,
    find_site: bool = False, undecodable: bool = False, time_limit: float = 0.0, max_elements: int = MAX_ELEMENTS,
) -> Outcome:
    """:func:`newsproj.extraction.page.process_page` (what an extraction worker does in a crawl), then the
    validation pipeline's checks. ``site`` None: the generic path, or with ``find_site`` the page's own site.
    ``undecodable``: the charset middleware's verdict that no web encoding reads the bytes (no record, as in
    a crawl). ``time_limit`` (CPU seconds, 0: none) and ``max_elements``: the crawl's page limits
    (``NEWSPROJ_PAGE_TIME_LIMIT``, ``NEWSPROJ_MAX_PAGE_ELEMENTS``), under which a crawl's worker runs the page."""
    page = PageItem(url=url, html=html, encoding=encoding, site=None,
                    date_downloaded=date_downloaded or datetime.now(UTC).isoformat(timespec="seconds"),
                    hints={"undecodable": True} if undecodable else {})
    replaced = set_time_limit(time_limit, max_elements=max_elements)
    try:
        result = call_limited(time_limit, process_page, page, site, find_site)
    except PageTimedOut as exc:  # as a crawl drops it: newsproj/extract/error/timeout
        return Outcome(dropped=f"ExtractionFailed: {exc}", page=PageOutcome(url=url, drop=exc, error="timeout"))
    finally:
        set_time_limit(*replaced)
    if result.article is None:
        if result.listing:
            links = result.links
            counts = f"{len(links.articles)} article and {len(links.listings)} listing links" if links else "no links"
            dropped = f"a listing ({result.listing}): the crawl follows its {counts}"
        else:
            drop = result.drop
            dropped = f"{type(drop).__name__}: {drop}" if drop else "no record"
        return Outcome(dropped=dropped, page=result)
    found = problems(ItemAdapter(result.article).asdict())
    return Outcome(article=result.article, removed=result.removed, problems=found, page=result,
                   dropped=f"InvalidArticle: {'; '.join(found)}" if found else None)


class PageTooLarge(ValueError):
    """A file over ``DOWNLOAD_MAXSIZE`` (what a crawl refuses as ``too_large``), or a ``.html.gz`` that inflates
    past it (``decompressed_too_large``): the message says which and the fix."""


def read_page(path: Path, max_size: int = 0) -> bytes:
    """The page's bytes (a gzip file inflated), at most ``max_size`` (0: no limit, as ``DOWNLOAD_MAXSIZE=0`` in a
    crawl): never more than that is read or inflated into memory (a huge file, a gzip bomb of a few KB), a file
    over it raises :class:`PageTooLarge`; a damaged gzip file, ``OSError``."""
    with path.open("rb") as fh:
        data = fh.read(max_size + 1) if max_size else fh.read()
    if max_size and len(data) > max_size:
        size = max(path.stat().st_size, len(data))
        raise PageTooLarge(f"{size} bytes, over DOWNLOAD_MAXSIZE={max_size} (what a crawl refuses as too_large)")
    try:
        return maybe_gunzip(data, max_size=max_size)
    except (EOFError, struct.error) as exc:  # (Scrapy's gunzip raises these as its GzipFile does)
        raise OSError(f"not a readable gzip file ({exc})") from exc
    except ValueError as exc:  # Scrapy's gunzip past max_size
        raise PageTooLarge(f"inflates past DOWNLOAD_MAXSIZE={max_size} (what a crawl refuses as "
                           f"decompressed_too_large)") from exc


class ExtractSpider(Spider):
    """Fetches one URL and keeps the response; extraction happens in the command, after the crawl."""

    name = "newsproj-extract"

    def __init__(self, url: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.url = url
        self.allowed_netlocs = frozenset({netloc(url)})  # redirects stay on the host, as in a crawl
        self.page: tuple[str, bytes, str, bool] | None = None
        self.failure: str | None = None

    async def start(self) -> AsyncIterator[Any]:
        yield Request(self.url, callback=self.keep, errback=self.failed, dont_filter=True)

    def keep(self, response: Response) -> None:
        if not isinstance(response, TextResponse):
            ctype = (response.headers.get("Content-Type") or b"").decode("latin-1")
            self.failure = f"not a text response ({ctype})"
            return
        # as the spider hands a page over: decoded by the crawl's charset middleware, and its undecodable flag
        self.page = (response.url, response.body, response.encoding, UNDECODABLE in response.flags)

    def failed(self, failure: Any) -> None:
        self.failure = f"{type(failure.value).__name__}: {failure.value}"


class Command(ScrapyCommand):
    requires_project = True

    def process_options(self, args: list[str], opts: Namespace) -> None:
        # the invocation is checked before anything starts: one line and exit 2 (../shared/CONTRACT.md)
        if len(args) != 1:
            usage_error("extract", f"unexpected argument {unexpected(args)!r}; give one URL or file" if args else
                        "give the page to extract: scrapy extract URL_OR_FILE (a .html or .html.gz file)")
        if urlsplit(args[0]).scheme in ("http", "https"):
            if opts.url:
                usage_error("extract", "--url is for files; a fetched page has its own URL (leave --url out)")
        elif Path(args[0]).exists() and not Path(args[0]).is_file():  # (read to its end: a pipe, /dev/zero...)
            usage_error("extract", f"{args[0]}: not a regular file (a pipe, a device, a directory); save the page "
                                   "to a .html or .html.gz file and give its path")
        elif not Path(args[0]).is_file():
            usage_error("extract", f"no such file: {args[0]}; give an http(s) URL or the path of a .html or "
                                   ".html.gz file")
        if opts.site:
            try:
                sites.load(opts.site)
            except SiteConfigError as exc:
                usage_error("extract", f"--site {opts.site}: {exc}".replace("use -a site=NAME", "use --site NAME"))
        super().process_options(args, opts)
        assert self.settings is not None
        bad = validate(self.settings)  # every NEWSPROJ_* value, as scrapy crawl checks them (was a traceback)
        if bad:
            usage_error("extract", "; ".join(bad))
        if opts.site and not self.settings.getbool("NEWSPROJ_SITE_REGISTRY", True):
            usage_error("extract", f"--site {opts.site} applies a site file, -s NEWSPROJ_SITE_REGISTRY=0 the generic "
                                   "path only: give one of them")
        # Quiet by default (the record is the output); -L / -s LOG_LEVEL= / --nolog still win.
        if (self.settings.getpriority("LOG_LEVEL") or 0) < SETTINGS_PRIORITIES["cmdline"]:
            self.settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
        one_page(self.settings)  # no state or run history written into the working directory, no crawl checks
        if urlsplit(args[0]).scheme in ("http", "https"):
            # a URL the SSRF guard refuses (loopback, private) is an invocation to fix, as for scrapy crawl's seeds
            problem = _seed_problem(args[0], self.settings)
            if problem:
                usage_error("extract", problem.removeprefix("seed ").replace("to crawl a local site",
                                                                            "to fetch a local page"))

    def syntax(self) -> str:
        return "[options] URL_OR_FILE"

    def short_desc(self) -> str:
        return "Print the record for one page (URL or .html/.html.gz file) as JSON"

    def long_desc(self) -> str:
        return __doc__ or self.short_desc()

    def add_options(self, parser: ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--diff", action="store_true", help="also print the lines removed as chrome and why")
        parser.add_argument("--site", metavar="NAME",
                            help="apply this registered site (default: by the URL's host, else the canonical URL's)")
        parser.add_argument("--url", metavar="URL", help="the original URL of a page read from a file")
        one_line_errors(parser, "extract")  # argparse's and Scrapy's usage errors too

    def run(self, args: list[str], opts: Namespace) -> None:
        target = args[0]  # (checked in process_options)
        is_url = urlsplit(target).scheme in ("http", "https")
        site = sites.load(opts.site) if opts.site else None
        if is_url:
            fetched = self._fetch(target)
            if fetched is None:
                return
            url, html, encoding, undecodable = fetched
            downloaded = datetime.now(UTC).isoformat(timespec="seconds")
        else:
            path = Path(target)
            url = opts.url or path.resolve().as_uri()
            # as a crawl bounds a page (DOWNLOAD_MAXSIZE, inflated too): a bigger file is bad input, one line
            max_size = self.settings.getint("DOWNLOAD_MAXSIZE") if self.settings is not None else 0
            try:
                body = read_page(path, max(max_size, 0))
            except PageTooLarge as exc:
                usage_error("extract", f"{path}: {exc}; give a smaller file or raise -s DOWNLOAD_MAXSIZE=BYTES "
                                       "(0: no limit)")
            except OSError as exc:
                usage_error("extract", f"{path}: cannot be read ({exc.strerror or exc}); give the path of a .html "
                                       "or .html.gz file")
            # a file has no headers: BOM, <meta charset>, else the bytes decide, by the crawl's own charset rules
            response = CharsetMiddleware().process_response(
                None,  # type: ignore[arg-type]  # the request is not used
                HtmlResponse(url=url, status=200, body=body),
            )
            assert isinstance(response, TextResponse)  # (an HTML response in, the same or its re-decoding out)
            html, encoding = response.body, response.encoding
            undecodable = UNDECODABLE in response.flags
            downloaded = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
        # -s NEWSPROJ_SITE_REGISTRY=0: the generic path only, as a crawl with it (and a site without a file) gets
        registry = self.settings is None or self.settings.getbool("NEWSPROJ_SITE_REGISTRY", True)
        # under the crawl's page limits (its settings), as an extraction worker runs the page
        limits = (0.0, MAX_ELEMENTS) if self.settings is None else (
            page_time_limit(self.settings), self.settings.getint("NEWSPROJ_MAX_PAGE_ELEMENTS", MAX_ELEMENTS))
        outcome = page_outcome(html, url, site, downloaded, encoding=encoding, find_site=registry,
                               undecodable=undecodable, time_limit=limits[0], max_elements=limits[1])
        site_name = outcome.page.site if outcome.page else None
        self._print(outcome, site_name, opts.diff)

    def _fetch(self, url: str) -> tuple[str, bytes, str, bool] | None:
        assert self.crawler_process is not None
        crawler = self.crawler_process.create_crawler(ExtractSpider)
        self.crawler_process.crawl(crawler, url=url)
        self.crawler_process.start()
        spider = crawler.spider
        if self.crawler_process.bootstrap_failed or not isinstance(spider, ExtractSpider):
            self.exitcode = 1
            return None
        if spider.page is None:
            print(f"{url}: not fetched: {spider.failure or 'no response (robots.txt, offsite or filtered)'}",
                  file=sys.stderr)
            self.exitcode = 1
            return None
        return spider.page

    def _print(self, outcome: Outcome, site: str | None, diff: bool) -> None:
        record = outcome.record()
        if record is not None:
            print(json.dumps(record, ensure_ascii=False, indent=2))
        if diff and outcome.article is not None:
            print(f"# site: {site or '(generic)'}; removed as chrome: {len(outcome.removed)}")
            for line, reason in outcome.removed:
                print(f"- [{reason}] {line}")
        if outcome.page is not None and outcome.page.soft_failures:
            print(f"soft failures: {', '.join(outcome.page.soft_failures)} (steps the page went on without)",
                  file=sys.stderr)
        if outcome.dropped:
            print(f"dropped: {outcome.dropped}", file=sys.stderr)
            self.exitcode = 1
