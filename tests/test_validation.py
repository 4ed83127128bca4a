import json

import pytest

from newsproj.validation import _conformance, _conforms, _Unsupported, _validator, json_schema, problems

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
        ({"metadata": {}}, "metadata: 'dateDownloaded' is a required property"),
        ({"metadata": {"dateDownloaded": ""}}, "metadata/dateDownloaded"),
        ({"metadata": None}, "metadata: None is not of type 'object'"),  # CONTRACT.md: always an object
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


def _variants():
    """GOOD with one value swapped for a value of another kind, at every place of the record."""
    odd = ["", "x", 0, 1, 1.0, 1.5, True, None, [], ["x"], [{}], [{"name": 1}], {}, {"name": "A"}, {"url": "u"},
           {"extra": 1}]
    full = {**GOOD, "breadcrumbs": [{"name": "N", "url": "u"}], "metadata": {
        "dateDownloaded": "2026-01-01T00:00:00+00:00", "warc": {"file": "f", "offset": 0, "length": 1, "recordId": "r"},
        "dateZoneless": [], "extractor": {"newsproj": "1", "trafilatura": "2", "config": "c"},
        "tdmReservation": {"reservation": 1, "policy": None, "source": "header"}, "aiDirectives": ["noai"],
        "isAccessibleForFree": False}}
    yield full

    def walk(node, path):
        if isinstance(node, dict):
            for key in list(node):
                yield path + (key,)
                yield from walk(node[key], path + (key,))
            yield path + ("extra",)
        elif isinstance(node, list):
            for n, entry in enumerate(node):
                yield path + (n,)
                yield from walk(entry, path + (n,))

    for path in walk(full, ()):
        for value in odd:
            record = json.loads(json.dumps(full))
            node = record
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = value
            yield record
        record = json.loads(json.dumps(full))
        node = record
        for step in path[:-1]:
            node = node[step]
        if isinstance(node, dict) and path[-1] in node:
            del node[path[-1]]
            yield record


def test_the_fast_check_passes_only_what_jsonschema_passes():
    """problems() asks jsonschema only about a record the schema's plain predicate does not pass: the predicate
    must pass nothing jsonschema would find an error in (it may send a valid record to jsonschema)."""
    validator, conforms = _validator(), _conforms()
    passed = failed = 0
    for record in _variants():
        errors = list(validator.iter_errors(record))
        if conforms(record):
            assert not errors, (record, errors)
            passed += 1
        else:
            failed += 1
            assert errors or any(isinstance(v, float) for v in _values(record)), record
    assert passed > 50 and failed > 200


def _values(node):
    if isinstance(node, dict):
        for value in node.values():
            yield value
            yield from _values(value)
    elif isinstance(node, list):
        for value in node:
            yield value
            yield from _values(value)


def test_a_schema_keyword_the_fast_check_does_not_know_sends_every_record_to_jsonschema():
    with pytest.raises(_Unsupported):
        _conformance({"type": "object", "properties": {"a": {"type": "string", "pattern": "^x"}}})
    with pytest.raises(_Unsupported):
        _conformance({"type": "number"})
