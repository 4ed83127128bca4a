"""schema/article.schema.json is the committed JSON Schema of a record: in sync with items.py, and it accepts
the demo truth's records."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from tests.conftest import ROOT
from tools.build_schema import PATH, render


def test_schema_file_is_in_sync_with_items():
    assert PATH.read_text(encoding="utf-8") == render(), "run: .venv/bin/python tools/build_schema.py"


def test_schema_file_accepts_a_record_and_rejects_a_broken_one():
    validator = Draft202012Validator(json.loads(PATH.read_text(encoding="utf-8")))
    Draft202012Validator.check_schema(validator.schema)
    record = {
        "url": "https://n.example/a", "canonicalUrl": "https://n.example/a", "headline": "H", "articleBody": "B",
        "authors": [], "datePublished": None, "dateModified": None, "inLanguage": "en", "description": None,
        "mainImage": None, "breadcrumbs": None,
        "metadata": {"dateDownloaded": "2024-09-12T10:00:00+00:00", "nearDuplicateOf": None},
    }
    assert list(validator.iter_errors(record)) == []
    assert list(validator.iter_errors({**record, "headline": ""}))
    assert list(validator.iter_errors({**record, "metadata": {"dateDownloaded": "x", "nearDuplicateOf": 3}}))
    assert (ROOT / "schema" / "article.schema.json") == PATH
