from __future__ import annotations

import json
import pickle

import lxml.html
import pytest
from scrapy.robotstxt import ProtegoRobotParser

from newsproj.discovery import links
from newsproj.discovery.links import page_links
from newsproj.discovery.robots import Robots, _portable
from tests.hostile import finished, finishes

BASE = "http://127.0.0.1:8000/"
SCOPE = ("127.0.0.1:8000",)
ROBOTS = Robots(ProtegoRobotParser(b"User-agent: *\nDisallow: /private/\n", None), "newsproj")
GOOD = [f"/news/2024/05/01/story-number-{i}.html" for i in range(2)]


def _page(hrefs: list[str], extra: str = "") -> lxml.html.HtmlElement:
    return lxml.html.fromstring("<html><head>" + extra + "</head><body>"
                                + "".join(f'<a href="{h}">x</a>' for h in hrefs) + "</body></html>")


def test_links_are_absolute_deduplicated_and_in_page_order():
    tree = _page(["/a/b", "http://127.0.0.1:8000/a/b", "/a/./c", "c d", "/a/b#frag", "javascript:x()",
                  "mailto:x@y", "/img.png", "//127.0.0.1:8000/e", "HTTP://127.0.0.1:8000/f"])
    out = page_links(tree, "http://127.0.0.1:8000/x/y.html")
    assert out.listings == ["http://127.0.0.1:8000/a/b", "http://127.0.0.1:8000/a/c", "http://127.0.0.1:8000/x/c%20d",
                            "http://127.0.0.1:8000/e", "http://127.0.0.1:8000/f"]


def test_absolute_links_are_kept():
    """An href written as the absolute URL it is (WordPress writes every link so) was dropped: the set of hrefs seen
    also held the URLs they gave, and such a link's URL is its href (probe19: a homepage linking its articles
    absolutely gave no article)."""
    hrefs = ["http://127.0.0.1:8000/2024/05/06/a-story/", "http://127.0.0.1:8000/news/",
             "/2024/05/06/a-story/", "http://127.0.0.1:8000/story.php?id=7"]
    out = page_links(_page(hrefs), BASE, scope=SCOPE)
    assert out.articles == ["http://127.0.0.1:8000/2024/05/06/a-story/", "http://127.0.0.1:8000/story.php?id=7"]
    assert out.listings == ["http://127.0.0.1:8000/news/"]


def test_nofollow_and_base_href():
    tree = lxml.html.fromstring('<html><head><base href="http://127.0.0.1:8000/sub/"></head><body>'
                                '<a href="a" rel="NoFollow ugc">x</a><a href="b" rel="nofollowed">y</a>'
                                '<area href="c"></body></html>')
    assert page_links(tree, BASE).listings == ["http://127.0.0.1:8000/sub/b", "http://127.0.0.1:8000/sub/c"]


@pytest.mark.parametrize("base", ["http://[x/", "http://127.0.0.1:99999/", "javascript:void(0)",
                                  "data:text/html,x", " "])
def test_a_base_href_that_is_no_web_url_is_ignored_as_browsers_do(base):
    """attack20: ``<base href="http://[x/">`` (a broken IPv6 literal) raised ValueError out of page_links: the page's
    processing died (spider_exceptions/ValueError, a traceback), and a homepage so written gave no link and no
    record (exit 3). A javascript: or data: base gave every relative link a URL that cannot be requested: none
    followed. Browsers resolve against the page's own URL then (HTML: a base URL of those schemes falls back to the
    document's); so do we, and the unusable base counts as a bad URL."""
    tree = lxml.html.fromstring(f"<html><head><base href='{base}'></head><body><a href='/2024/05/06/a-story/'>A "
                                "story</a><a href='news/'>News</a></body></html>")
    out = page_links(tree, BASE, scope=SCOPE)
    assert out.articles == ["http://127.0.0.1:8000/2024/05/06/a-story/"]
    assert out.listings == ["http://127.0.0.1:8000/news/"]
    assert out.bad == (0 if base == " " else 1)


def test_a_next_page_named_only_by_link_rel_next_is_followed():
    """A section whose pager is drawn by a script names its next page in ``<link rel="next">`` only (probe19: 22 of
    24 articles of such a section of tests/site_structures.py were never reached from the homepage)."""
    head = ('<link rel="Next" href="/business/?page=2"><link rel="prev next" href="/business/?page=3">'
            '<link rel="nextpage" href="/no/"><link rel="stylesheet" href="/style/">')
    out = page_links(_page(["/about/"], head), BASE, scope=SCOPE)
    assert out.listings == ["http://127.0.0.1:8000/about/", "http://127.0.0.1:8000/business/?page=2",
                            "http://127.0.0.1:8000/business/?page=3"]
    many = "".join(f'<link rel="next" href="/p/{n}/">' for n in range(10_000))
    out = finished(page_links, _page([], many), BASE, seconds=2.0)
    assert len(out.listings) == links.MAX_REL_NEXT


def test_the_entries_of_a_json_ld_itemlist_are_followed():
    """A homepage names some stories in a JSON-LD ``ItemList`` only (a carousel drawn by a script): probe19, 2 of 2
    such articles of tests/site_structures.py were never reached from the homepage."""
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "url": "/"},
        {"@type": "ItemList", "itemListElement": [
            {"@type": "ListItem", "position": 1, "url": "/2024/05/06/lead-story/"},
            {"@type": "ListItem", "position": 2, "item": {"@type": "NewsArticle", "@id": "/a/second-story.html"}},
            {"@type": "ListItem", "position": 3, "item": "http://127.0.0.1:8000/story.php?id=7"},
            {"@type": "ListItem", "position": 4}]}]}
    scripts = (f'<script type="application/ld+json">{json.dumps(data)}</script>'
               '<script type="application/ld+json">{not json</script>')
    out = page_links(_page([], scripts), BASE, scope=SCOPE)
    assert out.articles == ["http://127.0.0.1:8000/2024/05/06/lead-story/", "http://127.0.0.1:8000/a/second-story.html",
                            "http://127.0.0.1:8000/story.php?id=7"]
    assert out.listings == []  # (the WebSite node's url is no list entry)


@pytest.mark.parametrize("script", [
    "[" * 100_000 + "]" * 100_000,  # nested past the decoder's recursion limit
    json.dumps({"itemListElement": [{"url": f"/p/{n}-x-y-z"} for n in range(60_000)]}),  # 1.6 MB: not read
    json.dumps([{"itemListElement": [{"url": f"/p/{n}-x-y-z"} for n in range(2_000)]} for _ in range(8)]),
    json.dumps([[[[{"a": [{"b": {}}] * 50}] * 50] * 20]]),  # wide and deep: the node budget ends the walk
])
def test_hostile_json_ld_costs_little(script):
    page = _page([], f'<script type="application/ld+json">{script}</script>' * 3)
    found = finished(links.itemlist_urls, page, seconds=2.0)
    assert len(found) <= links.MAX_SCRIPTED


@pytest.mark.parametrize("depth", [100, 100_000])
def test_an_itemlist_nested_past_the_json_depth_bound_is_not_read_and_the_next_script_is(depth):
    """An ItemList nested ``depth`` objects deep ({"x": {"x": … {"itemListElement": […]}}}): past
    ``MAX_JSON_DEPTH`` (64), as the page's metadata reads JSON-LD, it is skipped before it is decoded (100,000
    levels: json.loads raised RecursionError, caught; 100: decoded and walked, its entries followed, where the
    metadata of the same page skipped the script), and the page's next script is still read."""
    deep = '{"x":' * depth + '{"@type": "ItemList", "itemListElement": [{"url": "/deep/story.html"}]}' + "}" * depth
    shallow = json.dumps({"@type": "ItemList", "itemListElement": [{"url": "/shallow/story.html"}]})
    page = _page([], f'<script type="application/ld+json">{deep}</script>'
                     f'<script type="application/ld+json">{shallow}</script>')
    assert finished(links.itemlist_urls, page, seconds=2.0) == ["/shallow/story.html"]


def test_the_link_budget_counts_only_links_in_scope_and_allowed_by_robots(monkeypatch):
    monkeypatch.setattr(links, "MAX_LINKS", 10)
    hrefs = [f"/private/{i}" for i in range(50)] + [f"http://elsewhere.example/{i}" for i in range(50)] + GOOD
    out = page_links(_page(hrefs), BASE, None, SCOPE, ROBOTS)
    assert out.articles == [BASE.rstrip("/") + g for g in GOOD]
    assert out.robots_disallowed == 50 and out.truncated == 0
    # without scope and robots, the disallowed and off-site links come first and use up the budget
    out = page_links(_page(hrefs), BASE)
    assert out.articles == [] and out.truncated == len(hrefs) - 10


@pytest.mark.slow
def test_200_000_links_cost_seconds_not_minutes():
    """200,000 links on one page: 74 s and 444 MB in the crawl process before; now read in the extraction
    process, the disallowed ones left out before anything costly."""
    hrefs = [f"/private/{i}" for i in range(200_000)] + GOOD
    tree = _page(hrefs)
    finishes(page_links, tree, BASE, None, SCOPE, ROBOTS, seconds=10)
    assert page_links(_page(hrefs[-1000:]), BASE, None, SCOPE, ROBOTS).articles == [BASE.rstrip("/") + g for g in GOOD]


def test_robots_rules_cross_to_the_extraction_process():
    class Spider:  # Scrapy's parsers keep the spider they were built for, which does not pickle
        def __reduce__(self):
            raise TypeError("a spider does not pickle")

    parser = ProtegoRobotParser(b"User-agent: *\nDisallow: /private/\n", Spider())  # type: ignore[arg-type]
    portable = _portable(parser, "newsproj")
    assert portable is not None
    clone = pickle.loads(pickle.dumps(portable))
    assert not clone.allowed(BASE + "private/x") and clone.allowed(BASE + "news/x")
    assert parser.spider is not None  # the crawl's own parser is left as it was


def test_robots_rules_are_pickled_once_and_unpickled_once_per_process(monkeypatch):
    """A page carries its host's robots.txt rules to the extraction worker: the parser is pickled once in the crawl
    process, and a worker that was sent it before does not unpickle it again."""
    from types import SimpleNamespace

    from newsproj.discovery import robots as module

    body = "User-agent: *\n" + "".join(f"Disallow: /s{n}/*/print$\n" for n in range(200)) + "Allow: /s1/a/\n"
    rules = module.Robots(ProtegoRobotParser(body.encode(), None), "newsproj")
    first = pickle.dumps(rules)
    parses = []

    def counting_loads(data, *args, **kwargs):
        parses.append(len(data))
        return pickle.loads(data, *args, **kwargs)

    monkeypatch.setattr(module, "_parsers", {})
    # the module's own unpickling of a parser (what a worker does with the rules a page brings), counted
    monkeypatch.setattr(module, "pickle", SimpleNamespace(loads=counting_loads, dumps=pickle.dumps))
    copies = [pickle.loads(first), pickle.loads(pickle.dumps(rules)), pickle.loads(pickle.dumps(rules))]
    assert len(parses) == 1  # once per process
    assert copies[0].parser is copies[1].parser is copies[2].parser
    assert rules._pickled is not None and pickle.dumps(rules) == first  # pickled once: the same bytes
    for robots in (rules, *copies):
        assert not robots.allowed("https://h/s7/x/print") and robots.allowed("https://h/s7/x/page")
    assert pickle.loads(pickle.dumps(copies[0])).parser is copies[0].parser  # a copy pickles as the original
    assert len(parses) == 1


def test_jump_menus_and_navigating_scripts_are_followed_and_other_values_are_not():
    """An old portal's homepage links some stories only by a <select onchange> jump menu or a script that sets
    ``location``: their URLs are read (never run); option values that are no URL and scripts that do not navigate
    give nothing."""
    html = ("<html><body><select onchange=\"MM_jumpMenu('parent',this,0)\"><option value=''>Go to...</option>"
            "<option value='/news/story.asp?id=7'>Chess</option><option value='2009'>2009</option>"
            "<option value='archive.php?y=2008'>2008</option></select>"
            "<select name='lang'><option value='/fr/'>Français</option></select>"
            "<a href='#' onclick=\"location='/news/story.asp?id=8'; return false;\">Power cut</a>"
            "<a href=\"javascript:location.href='/news/story.asp?id=9'\">Same</a>"
            "<a href=\"javascript:window.open('/popup/photo.html','p','width=400')\">Photo</a>"
            "<a href='#' onclick=\"toggle('/news/story.asp?id=10')\">Not a navigation</a>"
            "<a href='#' onclick=\"track('location', '/promo/ad.html')\">Not one either</a></body></html>")
    out = page_links(lxml.html.fromstring(html), BASE)
    assert sorted(out.articles + out.listings) == sorted(
        BASE + p for p in ("news/story.asp?id=7", "archive.php?y=2008", "news/story.asp?id=8",
                           "news/story.asp?id=9", "popup/photo.html"))


def test_scripted_targets_are_bounded():
    html = "<html><body>" + "<a href='#' onclick=\"location='/s/1.html'\">x</a>" * 5000 + "</body></html>"
    assert len(links.scripted_targets(lxml.html.fromstring(html))) == links.MAX_SCRIPTED


@pytest.mark.parametrize(("url", "hrefs", "pages"), [
    ("/features/lighthouse.html", ["?page=2", "lighthouse.html?page=3", "/features/other.html", "?page=999",
                                   "?sort=new", "lighthouse.html?page=2#top"],
     ["/features/lighthouse.html?page=2", "/features/lighthouse.html?page=3"]),
    ("/story.php?id=5", ["story.php?id=5&page=2", "story.php?id=6", "story.php?id=5&p=2"], ["/story.php?id=5&page=2"]),
    ("/zh/content_88123.htm", ["content_88123_2.htm", "content_88124.htm", "content_88123_3.htm"],
     ["/zh/content_88123_2.htm", "/zh/content_88123_3.htm"]),
    ("/2024/05/story/", ["/2024/05/story/2/", "/2024/05/story/page/3/", "/2024/05/", "/2024/05/story-2/",
                         "/2024/05/story/comments/"], ["/2024/05/story/2/", "/2024/05/story/page/3/"]),
    ("/", ["/page/2/", "/2/"], []),
    # (from a page past the first, its siblings: never the page's own path plus a number, a chain with no end)
    ("/2024/05/story/2/", ["/2024/05/story/2/3/", "/2024/05/story/3/", "/2024/05/story/"], ["/2024/05/story/3/"]),
    ("/zh/content_88123_2.htm", ["content_88123_2_3.htm", "content_88123_3.htm"], ["/zh/content_88123_3.htm"]),
    ("/story.php?page=2", ["?page=2&pg=3", "?page=3", "story.php"], ["/story.php?page=3", "/story.php"]),
])
def test_a_multi_page_articles_own_next_pages_and_nothing_else(url, hrefs, pages):
    """Pages 2 and 3 of a story ("Page 1 2 3 Next") hold the rest of its text and nothing else links them; a
    sibling post ("title-2", WordPress's), another story, a section or a comments view is no page of it."""
    root = "http://127.0.0.1:8000"
    assert links.article_pages(_page(hrefs), root + url) == [root + p for p in pages]
