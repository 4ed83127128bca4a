"""Site field selectors: css / xpath / meta sources, body containers, and the fallback to the generic path."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import lxml.html
import pytest

from newsproj import sites
from newsproj.extraction import extract, site_rules

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "fixtures" / "sites"
CORPUS = ROOT.parent / "shared" / "corpus"

PAGE = """<html lang="en"><head>
<meta property="article:published_time" content="2024-09-04T13:15:00+01:00">
<meta name="byl" content="By Ann Example">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Metadata headline"}</script>
</head><body>
<h1 class="title">  Visible   headline </h1>
<div class="byline"><a rel="author">Ann Example</a> and <a rel="author">Ben Example</a></div>
<div class="lede">The standfirst of the story.</div>
<div class="body">
  <p>First paragraph with a <a href="/x">link</a>, kept whole.</p>
  <script>var ad = "not text";</script>
  <h2>A subhead</h2>
  <p>Second paragraph<br>after a line break.</p>
  <ul><li>One item</li><li>Another <b>item</b></li></ul>
</div>
<div class="split">Text of a container without blocks</div>
<aside class="related"><p>Related: another story</p></aside>
</body></html>"""

FILLER = " ".join(["Plenty of words make this paragraph long enough to count as an article body."] * 6)


def _site(tmp_path: Path, extraction: str, cleaning: str = "") -> sites.SiteConfig:
    path = tmp_path / "rules.toml"
    path.write_text(f'name = "rules"\nhosts = ["rules.example"]\n[extraction]\n{extraction}\n{cleaning}',
                    encoding="utf-8")
    return sites.parse(path)


@pytest.fixture
def tree():
    return lxml.html.fromstring(PAGE)


@pytest.mark.parametrize(
    ("rule", "field", "expected"),
    [
        ('headline = { css = "h1.title" }', "headline", ["Visible headline"]),
        ('headline = { css = "h1.title::text" }', "headline", ["Visible headline"]),
        ('headline = { xpath = "//h1" }', "headline", ["Visible headline"]),
        ('authors = { css = ".byline a[rel=author]" }', "authors", ["Ann Example", "Ben Example"]),
        ('datePublished = { meta = "article:published_time" }', "datePublished", ["2024-09-04T13:15:00+01:00"]),
        ('authors = { meta = "byl" }', "authors", ["By Ann Example"]),
        # a body rule: each selected block is a paragraph, in document order
        ('articleBody = { css = ".lede, div.body > p" }', "articleBody",
         ["The standfirst of the story.", "First paragraph with a link, kept whole.",
          "Second paragraph after a line break."]),
        # a selected container gives one paragraph per block inside it; scripts are not text
        ('articleBody = { css = "div.body" }', "articleBody",
         ["First paragraph with a link, kept whole.", "A subhead", "Second paragraph after a line break.",
          "One item", "Another item"]),
        ('articleBody = { css = "div.split" }', "articleBody", ["Text of a container without blocks"]),
    ],
)
def test_selector_sources(tmp_path, tree, rule, field, expected):
    assert site_rules.apply(tree, _site(tmp_path, rule)) == {field: expected}


def test_empty_results_are_left_out(tmp_path, tree):
    site = _site(tmp_path, 'headline = { css = "h1.nope" }\ndescription = { meta = "nope" }')
    assert site_rules.apply(tree, site) == {}


def test_no_selectors_no_work(tmp_path, tree):
    assert site_rules.apply(tree, _site(tmp_path, 'prune_xpath = ["//aside"]')) == {}


def test_extract_uses_rules_and_falls_back_per_field(tmp_path):
    html = PAGE.replace("<div class=\"split\">", f"<div class=\"split\"><p>{FILLER}</p>")
    site = _site(tmp_path, 'headline = { css = "h1.title" }\nauthors = { css = ".no-byline" }')
    result = extract(html, "https://rules.example/2024/09/04/story", site)
    assert result.article.headline == "Visible headline"  # the rule, not the JSON-LD headline
    assert result.fallbacks == ["authors"]  # empty rule → generic authors, counted as a fallback
    assert result.article.datePublished == "2024-09-04T13:15:00+01:00"
    generic = extract(html, "https://rules.example/2024/09/04/story")
    assert generic.article.headline == "Metadata headline"  # without the site: JSON-LD first
    assert generic.fallbacks == []  # nothing to fall back from


def test_site_headline_gets_the_generic_cleanup(tmp_path):
    """A meta value the CMS escaped twice reads as the generic headline would: unescaped, spaces folded."""
    html = PAGE.replace("<div class=\"split\">", f"<div class=\"split\"><p>{FILLER}</p>").replace(
        "<head>",
        "<head><meta property=\"og:title\" content=\"  Sch&amp;uuml;bert: &amp;quot;Nicht   mehr&amp;quot;\">")
    site = _site(tmp_path, 'headline = { meta = "og:title" }')
    assert extract(html, "https://rules.example/a", site).article.headline == 'Schübert: "Nicht mehr"'


def test_extract_body_rule_and_prune(tmp_path):
    html = PAGE.replace("<div class=\"split\">", f"<div class=\"split\"><p>{FILLER}</p>")
    body_rule = extract(html, "https://rules.example/a", _site(tmp_path, 'articleBody = { css = "div.split p" }'))
    assert body_rule.article.articleBody == FILLER
    generic = extract(html, "https://rules.example/a")
    assert "First paragraph with a link, kept whole." in generic.article.articleBody
    pruned = extract(html, "https://rules.example/a", _site(tmp_path, 'prune_xpath = ["//div[@class=\'body\']"]'))
    assert "First paragraph with a link, kept whole." not in pruned.article.articleBody
    assert FILLER in pruned.article.articleBody


def _override_cases() -> list:
    params = []
    for name in sites.names():
        if sites.load(name).selectors:
            for case in sorted((CASES / name).glob("*")):
                params.append(pytest.param(name, case, id=f"{name}/{case.name}"))
    return params


@pytest.mark.parametrize(("name", "case"), _override_cases())
def test_shipped_selectors_fire_on_their_cases(name, case):
    """Each field a shipped config overrides is found on that site's fixture pages, except the fields a case lists
    under ``fallback`` (an older layout on which the generic extractor is meant to take over)."""
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    if "corpus" in meta:
        corpus, page_id = meta["corpus"].split("/", 1)
        truth = CORPUS / corpus / "truth.jsonl"
        if not truth.is_file():
            pytest.skip(f"../shared/corpus/{corpus} is not present")
        page = next(p for p in map(json.loads, truth.read_text(encoding="utf-8").splitlines()) if p["id"] == page_id)
        data = (CORPUS / corpus / page["file"]).read_bytes()
    else:
        data = (case / "page.html.gz").read_bytes()
    tree = lxml.html.fromstring(gzip.decompress(data).decode("utf-8"))
    site = sites.load(name)
    assert set(site_rules.apply(tree, site)) == set(site.selectors) - set(meta.get("fallback", []))
