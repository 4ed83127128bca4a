"""Times as the package reads them: one rule for an ISO 8601 moment, and the record's date forms. A leaf (no imports
from the package): discovery, extraction, validation, state, the incremental middleware and the WARC code read
times here.

**The rule** (:func:`moment`): a moment is an ISO 8601 date and time as Python's ``datetime.fromisoformat`` reads it
(RFC 3339 and its wider forms: ``Z`` for UTC, a space for the ``T``, fractions of a second, a date alone as its
midnight), at most ``MAX_MOMENT_CHARS`` characters. Anything else is None, never an exception: a longer text is no
machine-written time, and a page, a feed or a sitemap can put anything there (``fromisoformat`` reads any number
of fraction digits).

One form is read here, not by ``fromisoformat``: a date with a zone designator, ``2024-09-12Z`` or
``2024-09-12+02:00`` (no ISO 8601, but feeds, sitemaps and pages write it), is that day: its midnight in that zone.
Python 3.11's ``fromisoformat`` refuses the first and reads the second as 02:00 without a zone (it takes any
character between date and time for the ``T``, the ``+`` or ``-`` of an offset too). :func:`is_day` tells a day
from a time.

What a time without an offset means differs by where it comes from, on purpose:

- :func:`utc_moment`: **UTC**. Times this package or another machine wrote: a record's ``dateDownloaded``, the
  state's ``emitted_at``, a ``WARC-Date``, a sitemap's ``lastmod`` (W3C Datetime requires a zone with a time; a
  naive one is read as UTC, not dropped, so the incremental check still has it).
- :func:`aware_moment`: **no moment**. A JSON Feed's dates (RFC 3339 requires the offset): a naive one names no
  zone, and a feed entry's date is not guessed (a day alone is kept as written: ``discovery.feeds``).
- A page's dates (``extraction.normalize.iso_date``): **kept naive**, never taken for UTC (the record names them in
  ``metadata.dateZoneless``), and read leniently (dateutil) where they are not ISO: a page writes dates for people.
  A day stays a day (``2024-09-12+02:00`` is ``2024-09-12``): no time of day is made up.
- A sitemap ``lastmod`` that is a day alone is the end of that day, in its zone when it names one
  (``middlewares.incremental.parse_time``): the page changed some time that day, so a check earlier that day does
  not count as after it.

The record's own forms (docs/record.md) are :data:`RECORD_DATE`: what ``iso_date`` writes and ``validation`` checks.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

MAX_MOMENT_CHARS = 64
"""Longer text is no moment ("2024-09-12T10:00:00.123456+00:00" is 32 characters): not a time a machine wrote,
whatever ``fromisoformat`` would make of it, and a page's or a feed's text is not read at length."""

_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:(Z)|([+-]\d{2})(?::?(\d{2}))?)?")
"""A date alone, with or without a zone designator (``Z``, ``±HH``, ``±HHMM``, ``±HH:MM``)."""

RECORD_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?P<offset>[+-]\d{2}:\d{2})?)?")
"""The record's date forms, whole: ``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM:SS+HH:MM``, or ``YYYY-MM-DDTHH:MM:SS`` for a
time whose zone the page did not give (:func:`zoneless`)."""


def moment(value: object) -> datetime | None:
    """``value`` as a datetime by the rule above (naive when it names no offset); None when it is no moment."""
    if not isinstance(value, str) or len(value) > MAX_MOMENT_CHARS:
        return None
    day = _DAY.fullmatch(value)
    if day is not None:  # its midnight, in its zone when it names one
        date, utc, hours, minutes = day.groups()
        value = f"{date}T00:00:00" + ("+00:00" if utc else f"{hours}:{minutes or '00'}" if hours else "")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def is_day(value: str) -> bool:
    """Whether ``value`` is a date alone (a day, not a time of it), with or without a zone designator."""
    return _DAY.fullmatch(value) is not None


def utc_moment(value: object) -> datetime | None:
    """A machine-written moment as an aware UTC datetime; a time without offset is UTC."""
    found = moment(value)
    if found is None:
        return None
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)


def aware_moment(value: object) -> datetime | None:
    """A moment that states its offset (RFC 3339), as an aware UTC datetime; None for one without. A day with a zone
    is its midnight there, in UTC another day's time: a caller that keeps days asks :func:`is_day` first."""
    found = moment(value)
    if found is None or found.tzinfo is None:
        return None
    return found.astimezone(UTC)


def zoneless(value: str | None) -> bool:
    """Whether a record date (:data:`RECORD_DATE`) is a time of day without an offset (the page gave no zone)."""
    return value is not None and len(value) == 19 and value[10] == "T"
