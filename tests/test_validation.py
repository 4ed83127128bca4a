import pytest

from newsproj.validation import json_schema, problems

GOOD = {
    "url": "http://h/a", "canonicalUrl": "http://h/a", "headline": "H", "articleBody": "Body text.",
    "authors": [{"name": "A"}], "datePublished": "2024-09-05T09:30:00+02:00", "dateModified": None,
    "inLanguage": "en", "description": None, "mainImage": {"url": "http://h/i.jpg"}, "breadcrumbs": None,
    "metadata": {"dateDownloaded": "2026-01-01T00:00:00+00:00"},
}


def test_good_record_has_no_problems():
    assert problems(GOOD) == []


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"headline": ""}, "headline"),
        ({"articleBody": "<p>html</p>"}, "articleBody: contains HTML"),
        ({"articleBody": "bad \x07 char"}, "control characters"),
        ({"authors": ["A"]}, "authors/0"),
        ({"datePublished": "yesterday"}, "datePublished: not ISO 8601"),
        ({"datePublished": "2024-09-05T09:30:00.123456+02:00"}, "datePublished: not ISO 8601"),
        ({"dateModified": "2024-09-05T09:30+02:00"}, "dateModified: not ISO 8601"),
        ({"datePublished": "2024-09-05T09:30:00"}, "without offset not named in metadata.dateZoneless"),
        ({"mainImage": "http://h/i.jpg"}, "mainImage"),
        ({"extra": 1}, "Additional properties"),
        ({"metadata": {}}, "metadata"),
    ],
)
def test_problems_named(change, needle):
    found = problems({**GOOD, **change})
    assert any(needle in p for p in found), found


def test_missing_field_is_a_problem():
    record = dict(GOOD)
    del record["inLanguage"]
    assert any("inLanguage" in p for p in problems(record))


def test_schema_is_derived_from_items():
    schema = json_schema()
    assert list(schema["properties"])[:4] == ["url", "canonicalUrl", "headline", "articleBody"]
