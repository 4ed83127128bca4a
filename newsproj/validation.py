"""Contract checks on a final record → list of problems. The JSON Schema is derived from items.Article."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from jsonschema import Draft202012Validator

from .items import Article
from .times import RECORD_DATE
from .times import zoneless as is_zoneless

if TYPE_CHECKING:
    from collections.abc import Callable

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
    # items.Article lets ``metadata`` be None while an item is built; a record written out always has it, with its
    # dateDownloaded (../shared/CONTRACT.md), so the schema readers get says so
    metadata = schema["properties"]["metadata"]
    (shape,) = [branch for branch in metadata.pop("anyOf") if branch.get("type") != "null"]
    metadata.pop("default", None)
    metadata.update(shape)
    metadata["required"] = ["dateDownloaded"]
    metadata["properties"]["dateDownloaded"]["minLength"] = 1
    return schema


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json_schema())


class _Unsupported(ValueError):
    """A schema keyword :func:`_conformance` does not know: every record goes to jsonschema."""


_NOT_CHECKED = frozenset({"description", "default", "title", "$schema"})
_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),  # (a whole float: left to jsonschema)
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}


def _conformance(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """A predicate that is true only of a value jsonschema finds no error in, for the few keywords the record
    schema uses (an unknown one raises :class:`_Unsupported`). False means: ask jsonschema, for the messages."""
    checks = [_keyword(keyword, value, schema) for keyword, value in schema.items() if keyword not in _NOT_CHECKED]

    def conforms(v: Any) -> bool:
        for check in checks:  # (loops, not all(...) over a generator: this runs for every value of every record)
            if not check(v):
                return False
        return True

    return conforms


_CLASSES: dict[str, type] = {"string": str, "null": type(None), "boolean": bool, "object": dict, "array": list}


def _keyword(keyword: str, value: Any, schema: dict[str, Any]) -> Callable[[Any], bool]:
    """The predicate of one keyword of ``schema`` (true of a value of a type the keyword does not apply to)."""
    if keyword == "type":
        names = [value] if isinstance(value, str) else list(value)
        if any(name not in _TYPES for name in names):
            raise _Unsupported(f"type {value!r}")
        if all(name in _CLASSES for name in names):
            classes = tuple(_CLASSES[name] for name in names)
            return lambda v: isinstance(v, classes)
        tests = [_TYPES[name] for name in names]
        return lambda v: any(test(v) for test in tests)
    if keyword == "minLength":
        least = int(value)
        return lambda v: not isinstance(v, str) or len(v) >= least
    if keyword == "properties":
        subs = [(name, _conformance(sub)) for name, sub in value.items()]

        def properties(v: Any) -> bool:
            if isinstance(v, dict):
                for name, sub in subs:
                    if name in v and not sub(v[name]):
                        return False
            return True

        return properties
    if keyword == "additionalProperties":
        if value is True:
            return lambda v: True
        if value is not False or "patternProperties" in schema:
            raise _Unsupported("additionalProperties")
        known = frozenset(schema.get("properties", ()))
        return lambda v: not isinstance(v, dict) or known.issuperset(v)
    if keyword == "required":
        wanted = frozenset(value)
        return lambda v: not isinstance(v, dict) or wanted.issubset(v)
    if keyword == "items":
        each = _conformance(value)

        def items(v: Any) -> bool:
            if isinstance(v, list):
                for entry in v:
                    if not each(entry):
                        return False
            return True

        return items
    if keyword == "anyOf":
        options = [_conformance(option) for option in value]

        def any_of(v: Any) -> bool:
            for option in options:
                if option(v):
                    return True
            return False

        return any_of
    raise _Unsupported(keyword)


@cache
def _conforms() -> Callable[[Any], bool]:
    """The schema as a plain predicate (a record meeting it costs microseconds, not jsonschema's walk), or one
    that sends every record to jsonschema when the schema uses a keyword it does not know."""
    try:
        return _conformance(json_schema())
    except _Unsupported:
        return lambda v: False


def _date_problem(key: str, value: str, zoneless: list[Any]) -> str | None:
    """A date of the record not in one of its documented forms (docs/record.md)."""
    match = RECORD_DATE.fullmatch(value)
    try:
        (date if len(value) == 10 else datetime).fromisoformat(value)
    except ValueError:
        match = None
    if match is None:
        return f"{key}: not ISO 8601 (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM): {value!r}"
    if is_zoneless(value) and key not in zoneless:
        return f"{key}: a time without offset not named in metadata.dateZoneless: {value!r}"
    return None


def problems(record: dict[str, Any]) -> list[str]:
    """What is wrong with an exported record (empty when it meets the contract)."""
    found = [] if _conforms()(record) else [
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
    return found
