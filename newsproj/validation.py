"""Contract checks on a final record → list of problems. The JSON Schema is derived from items.Article."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any

from itemadapter import ItemAdapter
from jsonschema import Draft202012Validator

from .items import Article

# [^<>]: a scan from "<p" stops at the next "<" (with [^>]*, every "<p" of a body without ">" scanned to its end)
_HTML_TAG = re.compile(r"</?(?:p|div|span|a|br|script|style|img|iframe|table|li|ul|h[1-6])\b[^<>]*>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@cache
def json_schema() -> dict[str, Any]:
    """JSON Schema of one exported record (``Article``), with the non-empty text fields required."""
    schema = ItemAdapter.get_json_schema(Article)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "newsproj Article"
    for name in ("url", "canonicalUrl", "headline", "articleBody"):
        schema["properties"][name]["minLength"] = 1
    schema["required"] = list(schema["properties"])
    return schema


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json_schema())


def _iso(value: str) -> bool:
    try:
        (date if len(value) == 10 else datetime).fromisoformat(value)
    except ValueError:
        return False
    return True


def problems(record: dict[str, Any]) -> list[str]:
    """What is wrong with an exported record (empty when it meets the contract)."""
    found = [
        f"{'/'.join(map(str, e.absolute_path)) or 'record'}: {e.message}"
        for e in _validator().iter_errors(record)
    ]
    for key in ("datePublished", "dateModified"):
        value = record.get(key)
        if isinstance(value, str) and not _iso(value):
            found.append(f"{key}: not ISO 8601: {value!r}")
    body = record.get("articleBody")
    if isinstance(body, str):
        if _HTML_TAG.search(body):
            found.append("articleBody: contains HTML")
        if _CONTROL.search(body):
            found.append("articleBody: contains control characters")
    metadata = record.get("metadata")
    if isinstance(metadata, dict) and not metadata.get("dateDownloaded"):
        found.append("metadata/dateDownloaded: missing")
    return found


def _type_name(spec: dict[str, Any]) -> str:
    if "anyOf" in spec:
        return " or ".join(_type_name(s) for s in spec["anyOf"])
    kind = spec.get("type")
    if isinstance(kind, list):
        return " or ".join(_type_name({**spec, "type": k}) for k in kind)
    if kind == "array":
        return f"list of {_type_name(spec.get('items', {}))}"
    if kind == "object" and "properties" in spec:
        return "{" + ", ".join(f'"{k}"' for k in spec["properties"]) + "}"
    return str(kind)


def record_markdown() -> str:
    """The record table of docs/record.md, generated from items.Article (tests keep the file in sync)."""
    rows = [
        "# Record",
        "",
        "One JSON object per line, fields in this order. Generated from `newsproj/items.py` by",
        "`python -m newsproj.validation > docs/record.md`; `tests/test_validation.py` keeps it in sync.",
        "",
        "| field | type | meaning |",
        "| --- | --- | --- |",
    ]
    for name, spec in json_schema()["properties"].items():
        doc = " ".join(spec.get("description", "").split()).replace("|", "\\|")
        rows.append(f"| `{name}` | {_type_name(spec)} | {doc} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(record_markdown(), end="")
