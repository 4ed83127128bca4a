import dataclasses

from newsproj.items import Article

# The contract's record, in order (../shared/CONTRACT.md). Every name is a field of zyte-common-items' Article.
CONTRACT_FIELDS = [
    "url", "canonicalUrl", "headline", "articleBody", "authors", "datePublished", "dateModified",
    "inLanguage", "description", "mainImage", "breadcrumbs", "metadata",
]
ZYTE_ARTICLE_FIELDS = {
    "url", "canonicalUrl", "headline", "datePublished", "datePublishedRaw", "dateModified", "dateModifiedRaw",
    "authors", "breadcrumbs", "inLanguage", "mainImage", "images", "description", "articleBody",
    "articleBodyHtml", "videos", "audios", "metadata",
}


def test_fields_in_contract_order():
    assert [f.name for f in dataclasses.fields(Article)] == CONTRACT_FIELDS


def test_field_names_follow_zyte_common_items():
    assert set(CONTRACT_FIELDS) <= ZYTE_ARTICLE_FIELDS


def test_every_field_is_documented():
    import inspect

    source = inspect.getsource(Article)
    for name in CONTRACT_FIELDS:
        assert f'    {name}:' in source
        after = source.split(f"    {name}:", 1)[1].split("\n", 2)[1]
        assert after.strip().startswith('"""'), f"{name} has no docstring"
