"""``scrapy shell``, without what only a crawl needs: no extraction process pool (the shell never sends a page
through the pipelines, and a pool still starting when the console exits ended in a forkserver traceback), no
cross-run state or run history written into the working directory, no close-time checks. ``-s`` still wins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.commands.shell import Command as ScrapyShell

if TYPE_CHECKING:
    import argparse

    from scrapy.settings import BaseSettings

ONE_PAGE_SETTINGS = {"NEWSPROJ_EXTRACT_WORKERS": 0, "STATE_DIR": "", "SPIDERMON_ENABLED": False}
"""Settings of a command that fetches one page, not a crawl (also used by ``scrapy extract``)."""


def one_page(settings: BaseSettings) -> None:
    """Apply :data:`ONE_PAGE_SETTINGS` unless given on the command line (the project's settings.py sets them for
    crawls, at a priority above a command's defaults)."""
    for name, value in ONE_PAGE_SETTINGS.items():
        if (settings.getpriority(name) or 0) < 40:  # SETTINGS_PRIORITIES["cmdline"]
            settings.set(name, value, priority="cmdline")


class Command(ScrapyShell):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        one_page(self.settings)
