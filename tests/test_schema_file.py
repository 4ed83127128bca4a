"""schema/ holds the committed JSON Schema, Arrow schema and Hugging Face Features of a record: in sync with
items.py (one generator), and they agree with each other."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import ROOT
from tools.build_schema import ARROW_PATH, FEATURES_PATH, PATH, files, render


def test_schema_file_is_in_sync_with_items():
    assert PATH.read_text(encoding="utf-8") == render(), "run: .venv/bin/python tools/build_schema.py"


def test_every_schema_file_is_in_sync_with_items():
    for path, content in files().items():
        assert path.read_bytes() == content, f"{path.name} is stale; run: .venv/bin/python tools/build_schema.py"


def test_arrow_schema_has_every_json_schema_field_typed_once():
    import pyarrow as pa

    from newsproj.schema import arrow_schema

    shipped = pa.ipc.open_stream(ARROW_PATH.read_bytes()).schema
    assert shipped.equals(arrow_schema(), check_metadata=True)
    schema = json.loads(PATH.read_text(encoding="utf-8"))
    assert shipped.names == list(schema["properties"])
    metadata = shipped.field("metadata").type
    assert [metadata.field(i).name for i in range(metadata.num_fields)] == list(
        schema["properties"]["metadata"]["properties"])
    # the column that broke multi-run loading: typed string in every file, whatever a run found
    assert metadata.field("nearDuplicateOf").type == pa.string()
    assert shipped.field("datePublished").type == pa.string()
    features = json.loads(FEATURES_PATH.read_text(encoding="utf-8"))
    assert list(features) == shipped.names
    assert features["metadata"]["nearDuplicateOf"] == {"dtype": "string", "_type": "Value"}
    assert features["authors"] == [{"name": {"dtype": "string", "_type": "Value"}}]


def test_features_need_datasets_only_when_asked():
    import importlib.util

    from newsproj.schema import features

    if importlib.util.find_spec("datasets") is None:
        with pytest.raises(ImportError, match="pip install datasets"):
            features()
    else:  # pragma: no cover - datasets is not a dependency
        assert list(features()) == list(json.loads(FEATURES_PATH.read_text(encoding="utf-8")))


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


def test_docs_record_md_is_generated_from_items():
    from newsproj.schema import record_markdown

    doc = ROOT / "docs" / "record.md"
    assert doc.read_text(encoding="utf-8") == record_markdown(), "run: python -m newsproj.schema > docs/record.md"


@pytest.mark.parametrize(("args", "code"), [(["--help"], 0), (["--check"], 2)])
def test_build_schema_writes_nothing_when_given_arguments(args, code):
    import subprocess
    import sys

    before = {path: path.stat().st_mtime_ns for path in files()}
    done = subprocess.run([sys.executable, "tools/build_schema.py", *args], capture_output=True, text=True,
                          cwd=PATH.parent.parent, timeout=60)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "wrote" not in done.stdout
    assert {path: path.stat().st_mtime_ns for path in files()} == before
