"""Contract checks on a final record → list of problems. The JSON Schema is derived from items.Article."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any

from itemadapter import ItemAdapter
from jsonschema import Draft202012Validator

from .items import Article

SCHEMA_VERSION = "2"
"""Version of the record schema (``schema/``); bumped on any incompatible change. 2: provenance and consent fields
in ``metadata``, one form per kind of date, Arrow schema."""

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


_DATE_FORMS = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?P<offset>[+-]\d{2}:\d{2})?)?")


def _date_problem(key: str, value: str, zoneless: list[Any]) -> str | None:
    """A date of the record not in one of its documented forms (docs/record.md)."""
    match = _DATE_FORMS.fullmatch(value)
    try:
        (date if len(value) == 10 else datetime).fromisoformat(value)
    except ValueError:
        match = None
    if match is None:
        return f"{key}: not ISO 8601 (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM): {value!r}"
    if len(value) == 19 and key not in zoneless:
        return f"{key}: a time without offset not named in metadata.dateZoneless: {value!r}"
    return None


def problems(record: dict[str, Any]) -> list[str]:
    """What is wrong with an exported record (empty when it meets the contract)."""
    found = [
        f"{'/'.join(map(str, e.absolute_path)) or 'record'}: {e.message}"
        for e in _validator().iter_errors(record)
    ]
    metadata = record.get("metadata")
    zoneless = (metadata.get("dateZoneless") or []) if isinstance(metadata, dict) else []
    for key in ("datePublished", "dateModified"):
        value = record.get(key)
        problem = _date_problem(key, value, zoneless) if isinstance(value, str) else None
        if problem:
            found.append(problem)
    body = record.get("articleBody")
    if isinstance(body, str):
        if _HTML_TAG.search(body):
            found.append("articleBody: contains HTML")
        if _CONTROL.search(body):
            found.append("articleBody: contains control characters")
    if isinstance(metadata, dict) and not metadata.get("dateDownloaded"):
        found.append("metadata/dateDownloaded: missing")
    return found
