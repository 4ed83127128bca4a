from pathlib import Path

import pytest

from newsproj import sites
from newsproj.exceptions import SiteConfigError


@pytest.mark.parametrize("name", sites.names())
def test_every_registered_site_loads(name):
    site = sites.load(name)
    assert site.name == name
    assert site.hosts


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name = "x"\nhosts = ["x.com"]\nfoo = 1\n', "sites/x.toml: foo: unknown key"),
        ('name = "y"\nhosts = ["x.com"]\n', "sites/x.toml: name: must equal the file stem"),
        ('name = "x"\nhosts = "x.com"\n', "sites/x.toml: hosts: expected a list of strings"),
        ('name = "x"\nhosts = ["x.com"]\n[extraction]\ndatePublished = { metta = "a" }\n',
         "sites/x.toml: [extraction].datePublished: unknown source 'metta'"),
        ('name = "x"\nhosts = ["x.com"]\n[extraction]\nheadline = { css = "h1[[" }\n',
         "sites/x.toml: [extraction].headline: invalid CSS"),
        ('name = "x"\nhosts = ["x.com"]\n[extraction]\nprune_xpath = ["//div[@"]\n',
         "sites/x.toml: [extraction].prune_xpath[0]: invalid XPath"),
        ('name = "x"\nhosts = ["x.com"]\n[discovery]\narticle_urls = ["(unclosed"]\n',
         "sites/x.toml: [discovery].article_urls[0]: invalid regex"),
        ('name = "x"\nhosts = ["x.com"]\n[discovery]\nseeds = ["ftp://x.com/"]\n',
         "sites/x.toml: [discovery].seeds[0]: expected an http(s) URL"),
        ('name = "x"\nhosts = ["x.com"]\n[discovery]\nsedes = []\n', "sites/x.toml: [discovery].sedes: unknown key"),
        ('name = "x"\nhosts = [\n', "sites/x.toml:"),
    ],
)
def test_bad_config_names_file_key_and_problem(tmp_path, text, message):
    with pytest.raises(SiteConfigError) as info:
        sites.parse(_write(tmp_path, "x", text))
    assert str(info.value).startswith(message)


def test_unknown_site_lists_known_ones():
    with pytest.raises(SiteConfigError, match="no such site"):
        sites.load("does-not-exist")


def test_site_name_cannot_escape_the_registry():
    with pytest.raises(SiteConfigError, match="expected lowercase"):
        sites.load("../settings")


def test_good_config_round_trip(tmp_path):
    site = sites.parse(_write(tmp_path, "good", '''
name = "good"
hosts = ["www.good.example"]
language = "en"
timezone = "Europe/London"
[discovery]
seeds = ["https://www.good.example/"]
article_urls = ['^/\\d{4}/\\d{2}/']
deny_urls = ['^/tag/']
[extraction]
headline = { css = "h1.title" }
datePublished = { meta = "article:published_time" }
prune_xpath = ["//aside"]
[cleaning]
drop_lines = ['^Copyright .* via AP$']
'''))
    assert site.hosts == ("www.good.example",)
    assert site.matches_article("https://www.good.example/2024/09/slug")
    assert site.denies("https://www.good.example/tag/x")
    assert not site.denies("https://www.good.example/world/")
    assert site.selectors["headline"] == {"css": "h1.title"}
