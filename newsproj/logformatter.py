"""LogFormatter (``LOG_FORMATTER``): Scrapy's, less the item log records that no handler would emit.

Scrapy's scraper logs every item it scrapes (DEBUG, the whole item as an argument) and every item dropped (at the
drop's ``log_level``: DEBUG for a duplicate or an unchanged article) with ``logger.log``. Scrapy leaves its
loggers at level NOTSET and filters by ``LOG_LEVEL`` in its root handler, so at the default INFO each of those
builds a ``LogRecord`` that the handler then discards: ~3 % of the warc spider's crawl process, where 86 % of
the records of a benchmark run are dropped duplicates. Returning None (Scrapy's documented way to skip an entry)
when no handler on the way from the scraper's logger to the root would take that level costs a walk of three
loggers instead; any handler that would (``LOG_LEVEL=DEBUG``, a test's log capture) gets the record as before.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import logformatter

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.http import Response
    from scrapy.logformatter import LogFormatterResult
    from twisted.python.failure import Failure

SCRAPER_LOGGER = logging.getLogger("scrapy.core.scraper")
"""The logger Scrapy's scraper writes these entries to."""


def would_emit(logger: logging.Logger, level: int) -> bool:
    """Whether a record of ``level`` sent to ``logger`` would reach a handler that takes it (the walk of
    ``Logger.callHandlers``; a handler's filters are not asked: true whenever its level lets the record in). With
    no handler on the way, logging's last resort may print it: true."""
    if not logger.isEnabledFor(level):
        return False
    current: logging.Logger | None = logger
    found = False
    while current is not None:
        for handler in current.handlers:
            found = True
            if level >= handler.level:
                return True
        if not current.propagate:
            break
        current = current.parent
    return not found


class LogFormatter(logformatter.LogFormatter):
    # (Scrapy's class docs: "If you don't want to log an action the method must return None"; its annotations
    # do not say None: hence the ignores)
    def scraped(  # type: ignore[override]
        self, item: Any, response: Response | Failure | None, spider: Spider,
    ) -> LogFormatterResult | None:
        entry = super().scraped(item, response, spider)
        return entry if would_emit(SCRAPER_LOGGER, entry["level"]) else None

    def dropped(  # type: ignore[override]
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider,
    ) -> LogFormatterResult | None:
        entry = super().dropped(item, exception, response, spider)
        return entry if would_emit(SCRAPER_LOGGER, entry["level"]) else None
