"""``scrapy compact``: the crawl's run files → one Parquet dataset per site, partitioned by day
(``newsproj/compact.py``; the same as ``python -m newsproj.compact``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.commands import ScrapyCommand

from .. import compact
from . import one_line_errors, unexpected, usage_error

if TYPE_CHECKING:
    from argparse import ArgumentParser, Namespace


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[--output DIR] [--dataset DIR] [--site NAME]... [--force]"

    def short_desc(self) -> str:
        return "Compact the run files of each site into a Parquet dataset partitioned by site and day"

    def long_desc(self) -> str:
        return compact.__doc__ or self.short_desc()

    def add_options(self, parser: ArgumentParser) -> None:
        super().add_options(parser)
        compact.add_arguments(parser)
        one_line_errors(parser, "compact")  # argparse's and Scrapy's usage errors: one line, exit 2

    def run(self, args: list[str], opts: Namespace) -> None:
        if args:  # (an unknown option lands here too: Scrapy parses with parse_known_args)
            usage_error("compact", f"unexpected argument {unexpected(args)!r}; the options are --output DIR, "
                                   "--dataset DIR, --site NAME, --force")
        self.exitcode = compact.run(opts)
