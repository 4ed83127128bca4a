"""What ``bench.quality --inprocess --verbose`` says beside each truth line cleaning removed: whether the record states
the line's date or author in its own fields (a dateline or byline moved out of the body), or keeps nothing of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import quality


def test_a_removed_line_is_stated_when_the_record_holds_its_day_and_year_or_names_its_author() -> None:
    dates, names = ("2012-07-24T06:50:00+00:00", "2012-07-25"), ("David O'Brien",)
    assert quality._stated("24 July 2012 Last updated at 06:50 ET", dates, names) == "date"
    assert quality._stated("Thursday, July 25, 2012 9:44 AM", dates, names) == "date"  # (the modified date)
    assert quality._stated("By David O\u2019Brien", dates, names) == "author"  # (a typographic apostrophe)
    assert quality._stated("Posted by David O'Brien on July 24, 2012", dates, names) == "date+author"


def test_a_removed_line_the_record_keeps_nothing_of_is_not_stated() -> None:
    dates, names = ("2012-07-24",), ("Jane Doe",)
    assert quality._stated("23 July 2012", dates, names) == ""  # another day
    assert quality._stated("24 July 2011", dates, names) == ""  # another year
    assert quality._stated("Photo Credit: Shutterstock.com", dates, names) == ""
    assert quality._stated("Posted by Paul McDonald, Product Manager", dates, ()) == ""  # no author extracted
    assert quality._stated("24 July 2012", (), ()) == ""


def test_the_record_fields_of_each_page_come_from_its_record_by_url(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps(r) for r in (
        {"url": "http://a.test/1", "datePublished": "2012-07-24", "dateModified": None,
         "authors": [{"name": "Jane Doe"}]},
        {"url": "http://a.test/2", "datePublished": None, "dateModified": None, "authors": []},
    )) + "\n", encoding="utf-8")
    pages = [{"id": "1", "url": "http://a.test/1"}, {"id": "2", "url": "http://a.test/2"},
             {"id": "3", "url": "http://a.test/3"}]
    assert quality._record_fields(pages, records) == {"1": (("2012-07-24",), ("Jane Doe",)), "2": ((), ())}


@pytest.mark.skipif(not quality.SCORE.exists(), reason="needs ../shared/tools/score.py")
def test_a_removed_truth_line_is_lost_unless_score_py_calls_it_chrome_or_the_record_states_it() -> None:
    fields = {"1": (("2012-07-24",), ("Jane Doe",))}
    hits = [
        ("1", "Photo Credit: Shutterstock.com", "credits"),  # score.py's own chrome
        ("1", "Related posts:", "related"),  # the same
        ("1", "24 July 2012 Last updated at 06:50 ET", "dateline"),  # the record's datePublished
        ("1", "Jane Doe, Think Progress", "byline"),  # the record's author
        ("1", "Facebook offers big returns for a small investment.", "pull_quote"),  # text: lost
        ("1", "23 July 2012", "dateline"),  # another day than the record's: lost
        ("2", "By Jane Doe and the team of the paper", "byline"),  # page 2 has no record: lost
    ]
    assert quality.truth_lines_lost(hits, fields) == 3
    assert quality.truth_lines_lost([], fields) == 0
