"""The record's Arrow schema and Hugging Face ``Features``, derived from the JSON Schema (from ``items.Article``).

One source: ``items.py`` → :func:`newsproj.validation.json_schema` → :func:`arrow_schema` → :func:`features_dict`.
Every output file of every run (JSON lines, Parquet, the compacted dataset) has these column types, so files of
many runs load together: pass the schema explicitly when reading JSON lines (an all-null column is otherwise
typed ``null`` in one file and ``string`` in the next). ``tools/build_schema.py`` writes them to ``schema/``:

- ``schema/article.schema.json`` — JSON Schema (validation);
- ``schema/article.arrow`` — the Arrow schema as an Arrow IPC stream with no batches
  (``pyarrow.ipc.open_stream(path).schema``, or any Arrow implementation);
- ``schema/article.features.json`` — ``datasets.Features.from_dict(json.load(f))``.

Every Arrow field is nullable (Arrow's nullability is not what keeps the data right: the JSON Schema's
``required`` and ``minLength`` are, and a table built by pandas or a JSON reader would never say non-null).
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from .validation import SCHEMA_VERSION, json_schema

if TYPE_CHECKING:
    from collections.abc import Iterable

_SCALARS = {"string": pa.string(), "integer": pa.int64(), "boolean": pa.bool_(), "number": pa.float64()}
_FEATURE_DTYPES = {"string": "string", "int64": "int64", "bool": "bool", "double": "float64"}


def _non_null(spec: dict[str, Any]) -> dict[str, Any]:
    """The one non-null alternative of a JSON Schema type (``["null", "string"]``, ``anyOf: [null, {...}]``)."""
    if "anyOf" in spec:
        options = [s for s in spec["anyOf"] if s.get("type") != "null"]
        if len(options) != 1:
            raise ValueError(f"no single Arrow type for {spec}")
        return options[0]
    kind = spec.get("type")
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        if len(kinds) != 1:
            raise ValueError(f"no single Arrow type for {spec}")
        return {**spec, "type": kinds[0]}
    return spec


def arrow_type(spec: dict[str, Any]) -> pa.DataType:
    spec = _non_null(spec)
    kind = spec.get("type")
    if kind == "array":
        return pa.list_(arrow_type(spec.get("items", {})))
    if kind == "object":
        return pa.struct([pa.field(name, arrow_type(sub)) for name, sub in spec.get("properties", {}).items()])
    if kind in _SCALARS:
        return _SCALARS[kind]
    raise ValueError(f"no Arrow type for {spec}")


@cache
def arrow_schema() -> pa.Schema:
    """The Arrow schema of one record, fields in contract order."""
    fields = [pa.field(name, arrow_type(spec)) for name, spec in json_schema()["properties"].items()]
    return pa.schema(fields, metadata={"newsproj.schema_version": SCHEMA_VERSION})


def arrow_ipc() -> bytes:
    """The schema as an Arrow IPC stream with no record batches (``schema/article.arrow``)."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, arrow_schema()):
        pass
    return sink.getvalue().to_pybytes()


def _feature(kind: pa.DataType) -> Any:
    if pa.types.is_list(kind):
        return [_feature(kind.value_type)]
    if pa.types.is_struct(kind):
        return {kind.field(i).name: _feature(kind.field(i).type) for i in range(kind.num_fields)}
    return {"dtype": _FEATURE_DTYPES[str(kind)], "_type": "Value"}


def features_dict() -> dict[str, Any]:
    """Hugging Face ``Features`` as ``Features.to_dict()`` writes them (lists as ``[feature]``)."""
    schema = arrow_schema()
    return {field.name: _feature(field.type) for field in schema}


def features() -> Any:
    """``datasets.Features`` of a record; needs the ``datasets`` package (not a dependency of newsproj)."""
    try:
        import datasets
    except ImportError:
        raise ImportError("newsproj.schema.features() needs the 'datasets' package: pip install datasets") from None
    return datasets.Features.from_dict(features_dict())


def to_table(records: Iterable[dict[str, Any]]) -> pa.Table:
    """Records (exported dicts) as a table of the record schema: a missing field is null, an unknown one is left
    out (nothing else is coerced: a value of the wrong type raises)."""
    return pa.Table.from_pylist(list(records), schema=arrow_schema())


def render_features() -> str:
    return json.dumps(features_dict(), indent=1) + "\n"


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
        "`python -m newsproj.schema > docs/record.md`; `tests/test_schema_file.py` keeps it in sync.",
        "",
        "The same schema ships in `schema/` as JSON Schema (`article.schema.json`), Arrow (`article.arrow`: every",
        "output file, JSON lines or Parquet, has these column types) and Hugging Face `Features`",
        "(`article.features.json`); `tools/build_schema.py` writes them, `tests/test_schema_file.py` keeps them in",
        "sync.",
        "",
        "| field | type | Arrow type | meaning |",
        "| --- | --- | --- | --- |",
    ]
    def add(prefix: str, properties: dict[str, Any]) -> None:
        for name, spec in properties.items():
            doc = " ".join(spec.get("description", "").split()).replace("|", "\\|")
            arrow = str(arrow_type(spec)).replace("<", "&lt;").replace(">", "&gt;")
            if prefix == "" and name == "metadata":
                arrow = "struct (fields below)"
            rows.append(f"| `{prefix}{name}` | {_type_name(spec)} | <small>{arrow}</small> | {doc} |")
            if prefix == "" and name == "metadata":  # the provenance fields, one row each
                add("metadata.", _object(spec)["properties"])

    add("", json_schema()["properties"])
    return "\n".join(rows) + "\n"


def _object(spec: dict[str, Any]) -> dict[str, Any]:
    return next((s for s in spec.get("anyOf", [spec]) if s.get("type") == "object"), spec)


if __name__ == "__main__":
    print(record_markdown(), end="")
