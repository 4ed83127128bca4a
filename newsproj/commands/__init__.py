"""Project commands (``scrapy crawl`` with its checks, ``scrapy extract``, ``scrapy compact``, ``scrapy shell``)."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

BAD_INVOCATION = 2


def usage_error(command: str, message: str) -> NoReturn:
    """A usage error as ../shared/CONTRACT.md wants it: one line on stderr naming the problem (and the fix), exit
    status 2 — instead of argparse's and Scrapy's usage block."""
    hint = "" if f"scrapy {command}" in message else f" (scrapy {command} -h lists the options)"
    sys.stderr.write(f"scrapy {command}: {message}{hint}\n")
    sys.exit(BAD_INVOCATION)


def one_line_errors(parser: argparse.ArgumentParser, command: str) -> None:
    """Makes ``parser`` report its errors (and Scrapy's ``UsageError``, which goes through ``parser.error``) with
    :func:`usage_error`."""
    def error(message: str) -> NoReturn:
        usage_error(command, message)

    parser.error = error  # type: ignore[method-assign]


def unexpected(args: list[str]) -> str:
    """Of more positional arguments than a command takes, the one to name: an unknown option (argparse's
    ``parse_known_args``, which Scrapy uses, leaves it among them), else the first one too many."""
    return next((arg for arg in args if arg.startswith("-")), args[1] if len(args) > 1 else args[0])
