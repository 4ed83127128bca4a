import shutil
from pathlib import Path

import pytest

from newsproj import sites
from newsproj.commands.extract import page_outcome
from newsproj.exceptions import SiteConfigError
from newsproj.testing.server import serve


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


# ---------------------------------------------------------------------------------------------- the shipped registry


@pytest.mark.parametrize("name", sites.names())
def test_every_site_has_discovery_data(name):
    site = sites.load(name)
    assert site.seeds, "a config always has discovery seeds"
    assert site.article_urls, "a config always has article URL patterns"
    assert all(h == h.lower() and "/" not in h and ":" not in h for h in site.hosts)


def test_no_host_is_registered_twice():
    seen: dict[str, str] = {}
    for site in sites.all_sites():
        for host in (h.removeprefix("www.") for h in site.hosts):
            assert host not in seen, f"{host}: in {seen.get(host)} and {site.name}"
            seen[host] = site.name


@pytest.mark.parametrize("name", sites.names())
def test_for_url_routes_each_host_to_its_site(name):
    site = sites.load(name)
    for host in site.hosts:
        assert sites.for_url(f"https://{host}/some/path") == site


def test_for_url_unknown_host():
    assert sites.for_url("https://unknown.example/2024/01/01/x") is None


def test_article_patterns_ignore_tracking_query():
    site = sites.load("politico-eu")
    assert site.matches_article("https://www.politico.eu/article/some-story/?utm_source=RSS_Feed")
    assert not site.matches_article("https://www.politico.eu/tag/brexit/")


# ---------------------------------------------------------------------------------------------- start-up failure


def test_crawl_with_a_broken_site_fails_before_any_request(tmp_path, crawl, demo_server):
    """``scrapy crawl news -a site=bad`` exits non-zero naming file, key and problem; nothing is fetched."""
    registry = tmp_path / "sites"
    shutil.copytree(sites.SITES_DIR, registry, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    _write(registry, "bad", f'''
name = "bad"
hosts = ["127.0.0.1"]
[discovery]
seeds = ["{demo_server.base}/"]
[extraction]
headline = {{ css = "h1[[" }}
''')
    hits = sum(demo_server.hits.values())
    result = crawl("-a", "site=bad", env={"NEWSPROJ_SITES_DIR": str(registry)})
    assert result.returncode == 2  # a bad invocation: one line, no traceback
    assert "sites/bad.toml: [extraction].headline: invalid CSS 'h1[['" in result.log
    assert "Traceback" not in result.log
    assert sum(demo_server.hits.values()) == hits, "a request was made before the config was checked"
    assert result.records == []


def test_crawl_with_a_site_from_another_registry_folder(tmp_path, crawl, demo_server):
    """NEWSPROJ_SITES_DIR points the loader at another folder; a good site there crawls."""
    registry = tmp_path / "sites"
    registry.mkdir()
    _write(registry, "local-demo", f'''
name = "local-demo"
hosts = ["127.0.0.1"]
[discovery]
seeds = ["{demo_server.base}/sitemap_index.xml"]
article_urls = ['/articles/[\\w-]+/$']
''')
    result = crawl("-a", "site=local-demo", env={"NEWSPROJ_SITES_DIR": str(registry)})
    assert result.returncode == 0, result.log[-2000:]
    assert len(result.records) >= 20


def test_for_page_falls_back_to_the_canonical_host():
    gamestar = sites.load("gamestar")
    assert sites.for_page("http://127.0.0.1:8000/a", "https://www.gamestar.de/artikel/x,1.html") == gamestar
    assert sites.for_page("https://www.gamestar.de/artikel/x,1.html", None) == gamestar
    assert sites.for_page("http://127.0.0.1:8000/a", "https://unregistered.example/a") is None
    assert sites.for_page("http://127.0.0.1:8000/a") is None


def test_for_tree_reads_the_canonical_link_only_where_the_url_names_no_site():
    """The page's canonical link or og:url (a walk of the whole tree) is read only when its URL's host is
    no registered site's."""
    import lxml.html

    gamestar = sites.load("gamestar")

    class Unread:
        def xpath(self, _):
            raise AssertionError("the tree was read")

        def getroottree(self):
            raise AssertionError("the tree was read")

    assert sites.for_tree("https://www.gamestar.de/artikel/x,1.html", Unread()) == gamestar
    page = ("<html><head><meta property='og:url' content='https://unregistered.example/a'>"
            "<link rel='canonical' href='{}'></head><body><p>x</p></body></html>")
    assert sites.for_tree("http://127.0.0.1:8000/a", lxml.html.fromstring(page.format("/b"))) is None
    tree = lxml.html.fromstring(page.format("https://www.gamestar.de/artikel/x,1.html").replace(
        "<meta property='og:url' content='https://unregistered.example/a'>", ""))
    assert sites.for_tree("http://127.0.0.1:8000/a", tree) == gamestar
    assert sites.for_tree("http://127.0.0.1:8000/a", lxml.html.fromstring(page.format("http://[x"))) is None



def test_own_url_is_the_xpath_it_replaces():
    """sites._own_url: the first canonical link's href or og:url's content in document order, as
    ``string((//link[@rel='canonical']/@href | //meta[@property='og:url']/@content)[1])`` reads it,
    on a fragment too."""
    import lxml.html

    xpath = "string((//link[@rel='canonical']/@href | //meta[@property='og:url']/@content)[1])"
    pages = [
        "<html><head><meta property='og:url' content='/og'><link rel='canonical' href='/c'></head><body></body></html>",
        "<html><head><link rel='canonical'><link rel='alternate' href='/alt'><meta property='og:url'>"
        "<meta name='og:url' content='/named'></head><body><link rel='canonical' href=' /late '></body></html>",
        "<html><head><meta property='og:title' content='t'></head><body><p>x</p></body></html>",
        "<div><p>a fragment</p><link rel='canonical' href='/frag'></div>",
        "<html><body><meta property='og:url' content=''><link rel='canonical' href='/after'></body></html>",
    ]
    for page in pages:
        tree = lxml.html.fromstring(page)
        assert sites._own_url(tree) == tree.xpath(xpath), page
    assert [sites._own_url(lxml.html.fromstring(p)) for p in pages] == ["/og", " /late ", "", "/frag", ""]


GAMESTAR_LIKE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Testseite für die Registry</title>
<link rel="canonical" href="https://www.gamestar.de/artikel/testseite-registry,3400001.html">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Testseite für die Registry",
 "datePublished": "2025-03-14T09:30:00+01:00", "author": {"@type": "Person", "name": "Jamie Example"}}</script>
</head><body><main><article><h1>Testseite für die Registry</h1>
<p>Diese Seite ist eine handgeschriebene Testseite. Sie wird auf 127.0.0.1 ausgeliefert, ihre kanonische Adresse
liegt aber auf einem registrierten Host, und deshalb gelten die Regeln dieser Seite auch hier.</p>
<p>Link zum YouTube-Inhalt</p>
<p>Der zweite Absatz hat genug Wörter, damit die Seite als Artikel zählt, und er endet mit einem Punkt, wie es sich
für einen richtigen Absatz in einem Artikel gehört, der gelesen werden soll.</p>
</article></main></body></html>"""


def test_crawl_applies_the_site_of_the_canonical_url(tmp_path, crawl):
    """A publisher's page served from 127.0.0.1 (as by `make bench`) gets its site's rules through the crawl."""
    root = tmp_path / "www"
    (root / "artikel").mkdir(parents=True)
    (root / "artikel" / "index.html").write_text(GAMESTAR_LIKE, encoding="utf-8")
    url_path = "/artikel/"
    generic = page_outcome(GAMESTAR_LIKE, "http://127.0.0.1/artikel/", None)
    assert generic.article is not None and "Link zum YouTube-Inhalt" in generic.article.articleBody.split("\n")
    server = serve(root)
    try:
        result = crawl("-a", f"start_urls={server.base}{url_path}")
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-2000:]
    (record,) = result.records
    # the canonical names another site than the page's (127.0.0.1): a claim, kept, that still picks the site rules
    assert record["canonicalUrl"] == f"{server.base}{url_path}"
    assert record["metadata"]["canonicalClaim"] == "https://www.gamestar.de/artikel/testseite-registry,3400001.html"
    assert "Link zum YouTube-Inhalt" not in record["articleBody"].split("\n")  # gamestar's drop_lines
    assert result.stats.get("newsproj/clean/removed/site") == 1
