"""The record class: contract order, zyte-common-items names, a description for every field."""

import dataclasses

import attrs
from itemadapter import ItemAdapter
from zyte_common_items import Article as ZyteArticle  # a test dependency (pyproject [test])

from newsproj.items import Article

# The contract's record, in order (../shared/CONTRACT.md).
CONTRACT_FIELDS = [
    "url", "canonicalUrl", "headline", "articleBody", "authors", "datePublished", "dateModified",
    "inLanguage", "description", "mainImage", "breadcrumbs", "metadata",
]


def test_fields_in_contract_order():
    assert [f.name for f in dataclasses.fields(Article)] == CONTRACT_FIELDS


def test_field_names_follow_zyte_common_items():
    zyte = {f.name for f in attrs.fields(ZyteArticle)}
    assert [f.name for f in dataclasses.fields(Article) if f.name not in zyte] == []


def test_every_field_is_documented():
    """The descriptions that docs/record.md and the JSON Schema are made of: one for every field."""
    schema = ItemAdapter.get_json_schema(Article)
    assert list(schema["properties"]) == CONTRACT_FIELDS
    for name, spec in schema["properties"].items():
        assert len(spec.get("description", "").split()) >= 3, f"{name} has no docstring"
