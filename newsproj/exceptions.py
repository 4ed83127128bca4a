"""Typed reasons: every drop has a class, so ``item_dropped_reasons_count/<Class>`` says why."""

from __future__ import annotations

from scrapy.exceptions import DropItem


class NotAnArticle(DropItem):
    """The page is not an article (index, tag page, error page, consent wall, too little text).

    ``reason`` is a short slug for the stats (``newsproj/extract/not_article/<reason>``): ``index``, ``tag``,
    ``live_blog``, ``video``, ``paywall``, ``error_page``, ``consent_wall``, ``empty``, ``too_short``.
    """

    def __init__(self, message: str = "", reason: str = "too_short", log_level: str | None = None):
        super().__init__(message, log_level=log_level)
        self.reason = reason

    def __reduce__(self):  # type: ignore[no-untyped-def]  # keep the reason across the extraction pool
        return (type(self), (str(self), self.reason, self.log_level))


class ExtractionFailed(DropItem):
    """The page looked like an article but extraction produced nothing usable or raised."""


class InvalidArticle(DropItem):
    """The record breaks the contract (missing required field, wrong type)."""


class DuplicateArticle(DropItem):
    """Same canonical URL or same content as a record already emitted."""


class UnchangedArticle(DropItem):
    """Emitted by an earlier run and unchanged since (cross-run state)."""


class SiteConfigError(ValueError):
    """A site config file is invalid; the message names the file, the key and the problem."""


class FilteredOut(DropItem):
    """Not wanted by this run's filters (the ``warc`` spider's ``-a languages``)."""


class WarcWriteFailed(DropItem):
    """The page behind the record could not be written to the WARC (a disk full): the record is not exported, and
    the run's output fails as a failed feed does (exit 4)."""
