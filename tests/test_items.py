"""The record class: contract order, zyte-common-items names, a description for every field."""

import dataclasses

from itemadapter import ItemAdapter

from newsproj.items import Article

# The contract's record, in order (../shared/CONTRACT.md).
CONTRACT_FIELDS = [
    "url", "canonicalUrl", "headline", "articleBody", "authors", "datePublished", "dateModified",
    "inLanguage", "description", "mainImage", "breadcrumbs", "metadata",
]
# zyte-common-items' ``Article`` fields as of zyte-common-items 0.27 (zyte_common_items/items/article.py). It is
# not a dependency of ours (it brings web-poet, price-parser and more for one name list), so its list is pinned
# here; when the package is installed, test_field_names_follow_zyte_common_items reads it from the package
# itself and test_pinned_zyte_list_is_current tells when this copy went stale.
ZYTE_ARTICLE_FIELDS = {
    "url", "canonicalUrl", "headline", "datePublished", "datePublishedRaw", "dateModified", "dateModifiedRaw",
    "authors", "breadcrumbs", "inLanguage", "mainImage", "images", "description", "articleBody",
    "articleBodyHtml", "videos", "audios", "metadata",
}


def _zyte_fields() -> set[str] | None:
    try:
        import attrs
        from zyte_common_items import Article as ZyteArticle
    except ImportError:
        return None
    return {f.name for f in attrs.fields(ZyteArticle)}


def test_fields_in_contract_order():
    assert [f.name for f in dataclasses.fields(Article)] == CONTRACT_FIELDS


def test_field_names_follow_zyte_common_items():
    names = [f.name for f in dataclasses.fields(Article)]
    zyte = _zyte_fields() or ZYTE_ARTICLE_FIELDS
    assert [n for n in names if n not in zyte] == []


def test_pinned_zyte_list_is_current():
    zyte = _zyte_fields()
    if zyte is None:
        return  # not installed: the pinned list is what we compare with (see its comment)
    assert zyte >= set(CONTRACT_FIELDS), sorted(set(CONTRACT_FIELDS) - zyte)


def test_every_field_is_documented():
    """The descriptions that docs/record.md and the JSON Schema are made of: one for every field."""
    schema = ItemAdapter.get_json_schema(Article)
    assert list(schema["properties"]) == CONTRACT_FIELDS
    for name, spec in schema["properties"].items():
        assert len(spec.get("description", "").split()) >= 3, f"{name} has no docstring"
