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


def test_as_dict_is_what_itemadapter_gives():
    from newsproj.items import Author, Breadcrumb, Extractor, Image, Metadata, TdmReservation, WarcPointer, as_dict

    article = Article(url="u", canonicalUrl="c", headline="h", articleBody="b", authors=[Author("A"), Author("B")],
                      datePublished="2024-01-01", mainImage=Image("i"), breadcrumbs=[Breadcrumb("n", "u")],
                      metadata=Metadata(dateDownloaded="d", warc=WarcPointer("f", 1, 2, "r"), dateZoneless=["x"],
                                        extractor=Extractor("1", "2", "3"), tdmReservation=TdmReservation(1),
                                        aiDirectives=["noai"], isAccessibleForFree=False))
    expected = ItemAdapter(article).asdict()
    got = as_dict(article)
    assert got == expected and repr(got) == repr(expected)  # the same keys in the same order
    assert got["authors"] is not article.authors  # a copy: the record is not touched through it
    assert as_dict({"a": [article.mainImage]}) == {"a": [{"url": "i"}]}
