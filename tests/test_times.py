"""The package's one rule for an ISO 8601 moment (newsproj/times.py) and what a time without offset means where."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsproj.times import MAX_MOMENT_CHARS, RECORD_DATE, aware_moment, is_day, moment, utc_moment, zoneless
from tests.hostile import finishes

PLUS_2 = timezone(timedelta(hours=2))


@pytest.mark.parametrize("value, expected", [
    ("2024-09-12T10:00:00+02:00", datetime(2024, 9, 12, 10, tzinfo=PLUS_2)),
    ("2024-09-12T10:00:00Z", datetime(2024, 9, 12, 10, tzinfo=UTC)),
    ("2024-09-12 10:00:00.123456+00:00", datetime(2024, 9, 12, 10, 0, 0, 123456, tzinfo=UTC)),
    ("2024-09-12T10:00", datetime(2024, 9, 12, 10)),  # naive: what it means is the caller's
    ("2024-09-12", datetime(2024, 9, 12)),  # a date alone: its midnight
    # a day with a zone designator (no ISO 8601, written by feeds and sitemaps): its midnight in that zone
    # (fromisoformat refuses "2024-09-12Z" and reads "2024-09-12+02:00" as 02:00 without a zone)
    ("2024-09-12Z", datetime(2024, 9, 12, tzinfo=UTC)),
    ("2024-09-12+02:00", datetime(2024, 9, 12, tzinfo=PLUS_2)),
    ("2024-09-12+0200", datetime(2024, 9, 12, tzinfo=PLUS_2)),
    ("2024-09-12-05", datetime(2024, 9, 12, tzinfo=timezone(timedelta(hours=-5)))),
    ("2024-09-12+25:00", None),
    ("2024-02-30Z", None),
    ("12 September 2024", None),  # a person's date: the page's reader (normalize.iso_date) reads it, not this rule
    ("2024-13-01T10:00:00Z", None),
    ("", None),
    (" 2024-09-12T10:00:00Z", None),  # as written: the caller strips what it may strip
    (None, None),
    (1726135200, None),
])
def test_a_moment_is_what_fromisoformat_reads(value, expected):
    assert moment(value) == expected
    if expected is not None:
        assert moment(value).tzinfo == expected.tzinfo


def test_a_time_without_offset_is_utc_for_machine_written_times_and_none_for_a_json_feed():
    assert utc_moment("2024-09-12T10:00:00") == datetime(2024, 9, 12, 10, tzinfo=UTC)
    assert utc_moment("2024-09-12T12:00:00+02:00") == datetime(2024, 9, 12, 10, tzinfo=UTC)
    assert utc_moment("2024-09-12T12:00:00+02:00").tzinfo is UTC
    assert utc_moment("yesterday") is None
    assert aware_moment("2024-09-12T10:00:00") is None
    assert aware_moment("2024-09-12T12:00:00+02:00") == datetime(2024, 9, 12, 10, tzinfo=UTC)
    assert aware_moment("2024-09-12T12:00:00+02:00").tzinfo is UTC


@pytest.mark.parametrize("value", [
    "2" * 100_000,
    "2024-09-12T10:00:00." + "1" * 100_000 + "+00:00",  # fromisoformat reads any number of fraction digits
    "2024-09-12T10:00:00+00:00" + " " * 100_000,
    "-" * 1_000_000,
    "2024-09-12T10:00:00.1234567890123456789012345678901234567890+00:00",  # a valid one, longer than the bound
])
def test_long_text_is_no_moment(value):
    """The bound (MAX_MOMENT_CHARS): a text longer than any time a machine writes is none, valid or not."""
    assert len(value) > MAX_MOMENT_CHARS
    finishes(moment, value, seconds=0.5)
    assert moment(value) is utc_moment(value) is aware_moment(value) is None


def test_hostile_text_is_read_in_bounded_time():
    for value in ("\x00" * 64, "９" * 64, "2024-09-12T10:00:00+99:99", "\ud800" * 10, "T" * 64, "2024-W37-4T10"):
        finishes(utc_moment, value, seconds=0.5)
        assert aware_moment(value) is None or aware_moment(value).tzinfo is UTC


@pytest.mark.parametrize("value, form, naive", [
    ("2024-09-12", True, False),
    ("2024-09-12T10:00:00+02:00", True, False),
    ("2024-09-12T10:00:00", True, True),
    ("2024-09-12T10:00:00Z", False, False),  # the record writes the offset out
    ("2024-09-12T10:00+02:00", False, False),
    ("2024-09-12 10:00:00", False, False),
])
def test_the_record_date_forms(value, form, naive):
    assert (RECORD_DATE.fullmatch(value) is not None) is form
    assert zoneless(value) is naive


def test_a_day_is_told_from_a_time():
    assert is_day("2024-09-12") and is_day("2024-09-12Z") and is_day("2024-09-12+02:00")
    assert not is_day("2024-09-12T00:00") and not is_day("2024-09-12 ") and not is_day("12 September 2024")
    assert utc_moment("2024-09-12+02:00") == datetime(2024, 9, 11, 22, tzinfo=UTC)
    assert aware_moment("2024-09-12Z") == datetime(2024, 9, 12, tzinfo=UTC)
    assert aware_moment("2024-09-12") is None  # a JSON Feed's date without a zone is still none
