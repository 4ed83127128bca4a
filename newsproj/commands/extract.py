"""``scrapy extract URL_OR_FILE [--diff] [--site NAME] [--url URL]``: the record for one page, as JSON.

How a user checks a site before adding it to the registry. A URL is fetched through Scrapy (a real crawl of that
one URL, with the project's settings: robots.txt, user agent, middlewares); a file (``.html`` or ``.html.gz``) is
read from disk, ``--url`` giving its original URL. The page then goes through the same pure functions as the
spider and the pipelines: :func:`newsproj.discovery.pages.page_verdict` (skipped with ``--listed``, as the spider
skips it for pages a sitemap or feed listed), :func:`newsproj.extraction.extract`, :func:`newsproj.cleaning.clean` and
:func:`newsproj.validation.problems`. With ``--diff``, the lines that cleaning removed as chrome follow the
record, one per line: ``- [reason] line``.

Exit status: 0 with a valid record, 1 when the page is dropped (not an article, extraction failed, invalid
record) or cannot be fetched, 2 on a usage error. The reason goes to stderr.
"""

from __future__ import annotations

import gzip
import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from itemadapter import ItemAdapter
from lxml.html import HtmlElement
from scrapy import Request, Spider
from scrapy.commands import ScrapyCommand
from scrapy.exceptions import DropItem, UsageError
from scrapy.settings import SETTINGS_PRIORITIES
from w3lib.encoding import html_to_unicode

from .. import sites
from ..cleaning import Cleaned, clean, too_short
from ..discovery.pages import page_verdict
from ..discovery.urls import netloc
from ..exceptions import NotAnArticle, SiteConfigError
from ..extraction import extract, parse_html
from ..validation import problems

if TYPE_CHECKING:
    from argparse import ArgumentParser, Namespace
    from collections.abc import AsyncIterator

    from scrapy.http import Response

    from ..items import Article
    from ..sites import SiteConfig


@dataclass(slots=True)
class Outcome:
    """What the pipelines would make of one page: the record, the removed lines, or the drop reason."""

    article: Article | None = None
    cleaned: Cleaned | None = None
    dropped: str | None = None
    problems: list[str] | None = None

    def record(self) -> dict[str, Any] | None:
        return ItemAdapter(self.article).asdict() if self.article is not None else None


def page_outcome(
    html: str | bytes | HtmlElement, url: str, site: SiteConfig | None, date_downloaded: str = "",
    listed: bool = False
) -> Outcome:
    """The spider's page verdict, then extract → clean → validate as pipelines 100-300 do, without an engine."""
    date_downloaded = date_downloaded or datetime.now(UTC).isoformat(timespec="seconds")
    try:
        tree = html if isinstance(html, HtmlElement) else parse_html(html)
        if not listed:  # the spider sends sitemap and feed entries to extraction unjudged
            is_article, reason = page_verdict(tree)
            if not is_article:
                raise NotAnArticle(f"the news spider takes this page for a listing ({reason}) and follows its links")
        article = extract(tree, url, site, date_downloaded=date_downloaded).article
        article, cleaned = clean(article, site)
        if too_short(article):
            raise NotAnArticle("too little text once chrome is removed", reason="too_short")
    except DropItem as exc:
        return Outcome(dropped=f"{type(exc).__name__}: {exc}")
    found = problems(ItemAdapter(article).asdict())
    return Outcome(article=article, cleaned=cleaned, problems=found,
                   dropped=f"InvalidArticle: {'; '.join(found)}" if found else None)


def read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


class ExtractSpider(Spider):
    """Fetches one URL and keeps the response; extraction happens in the command, after the crawl."""

    name = "newsproj-extract"

    def __init__(self, url: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.url = url
        self.allowed_netlocs = frozenset({netloc(url)})  # redirects stay on the host, as in a crawl
        self.page: tuple[str, str] | None = None
        self.failure: str | None = None

    async def start(self) -> AsyncIterator[Any]:
        yield Request(self.url, callback=self.keep, errback=self.failed, dont_filter=True)

    def keep(self, response: Response) -> None:
        text = getattr(response, "text", None)
        if text is None:
            ctype = (response.headers.get("Content-Type") or b"").decode("latin-1")
            self.failure = f"not a text response ({ctype})"
            return
        self.page = (response.url, text)

    def failed(self, failure: Any) -> None:
        self.failure = f"{type(failure.value).__name__}: {failure.value}"


class Command(ScrapyCommand):
    requires_project = True

    def process_options(self, args: list[str], opts: Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        # Quiet by default (the record is the output); -L / -s LOG_LEVEL= / --nolog still win.
        if (self.settings.getpriority("LOG_LEVEL") or 0) < SETTINGS_PRIORITIES["cmdline"]:
            self.settings.set("LOG_LEVEL", "WARNING", priority="cmdline")

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
        parser.add_argument("--listed", action="store_true",
                            help="treat the page as a sitemap or feed entry (no listing verdict, as in the crawl)")

    def run(self, args: list[str], opts: Namespace) -> None:
        if len(args) != 1:
            raise UsageError("expected one URL or file")
        target = args[0]
        is_url = urlsplit(target).scheme in ("http", "https")
        if is_url and opts.url:
            raise UsageError("--url is for files; a fetched page has its own URL")
        try:
            site = sites.load(opts.site) if opts.site else None
        except SiteConfigError as exc:
            print(f"SiteConfigError: {exc}", file=sys.stderr)
            self.exitcode = 1
            return
        if is_url:
            fetched = self._fetch(target)
            if fetched is None:
                return
            url, html = fetched
            downloaded = datetime.now(UTC).isoformat(timespec="seconds")
        else:
            path = Path(target)
            if not path.is_file():
                raise UsageError(f"no such file: {target}")
            url = opts.url or path.resolve().as_uri()
            html = html_to_unicode(None, read_page(path))[1]  # BOM, <meta charset>, else detection
            downloaded = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
        tree = parse_html(html)  # parsed once, for the site lookup and the extraction
        if site is None and not opts.site:
            site = sites.for_tree(url, tree)
        outcome = page_outcome(tree, url, site, downloaded, listed=opts.listed)
        self._print(outcome, site, opts.diff)

    def _fetch(self, url: str) -> tuple[str, str] | None:
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

    def _print(self, outcome: Outcome, site: SiteConfig | None, diff: bool) -> None:
        record = outcome.record()
        if record is not None:
            print(json.dumps(record, ensure_ascii=False, indent=2))
        if diff and outcome.cleaned is not None:
            print(f"# site: {site.name if site else '(generic)'}; removed as chrome: {len(outcome.cleaned.removed)}")
            for line, reason in outcome.cleaned.removed:
                print(f"- [{reason}] {line}")
        if outcome.dropped:
            print(f"dropped: {outcome.dropped}", file=sys.stderr)
            self.exitcode = 1
