import json

import pytest

from newsproj.discovery.feeds import alternate_feeds, parse_feed
from newsproj.extraction.normalize import iso_date
from newsproj.middlewares.incremental import parse_time

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>/a/one.html</link><pubDate>Thu, 05 Sep 2024 10:00:00 +0200</pubDate></item>
<item><title>No link</title></item>
<item><title>Two</title><link>http://h/b/two.html</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>A</title><link href="http://h/x.html"/><updated>2024-09-05T08:00:00Z</updated></entry></feed>"""


def test_rss_entries_absolute_with_dates():
    entries = parse_feed(RSS, "http://h/rss.xml")
    assert [e.url for e in entries] == ["http://h/a/one.html", "http://h/b/two.html"]
    assert entries[0].published == "2024-09-05T08:00:00+00:00"
    assert entries[0].title == "One"


def test_atom_entries():
    entries = parse_feed(ATOM, "http://h/atom.xml")
    assert [e.url for e in entries] == ["http://h/x.html"]
    assert entries[0].updated == "2024-09-05T08:00:00+00:00"


def test_broken_feed_does_not_raise():
    truncated = parse_feed(b"<rss><channel><item><link>http://h/a</link></item>", "http://h/")
    assert [e.url for e in truncated] == ["http://h/a"]
    assert parse_feed(b"\x00\x01garbage", "http://h/") == []


def test_alternate_feed_links():
    links = [("application/rss+xml", "/rss.xml"), ("text/html", "/amp/"), ("application/atom+xml", "atom.xml")]
    assert alternate_feeds(links, "http://h/news/") == ["http://h/rss.xml", "http://h/news/atom.xml"]


def _padded(items: bytes, padding: int) -> bytes:
    return (b'<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            b"<title>T</title>" + items + b"<a/>" * padding + b"<item><link>http://h/last.html</link>"
            b"<dc:date>2024-09-05T08:00:00Z</dc:date></item></channel></rss>")


def _read_padded() -> None:
    item = (b"<item><title>One</title><link>/a/one.html</link><pubDate>Thu, 05 Sep 2024 10:00:00 +0200</pubDate>"
            b"<description>" + b"words " * 200 + b"</description></item>")
    body = _padded(item * 3, 500_000)  # 2 MB of empty elements (6 MB: 58 s of feedparser in the crawl process)
    entries = parse_feed(body, "http://h/rss.xml")
    assert [e.url for e in entries] == ["http://h/a/one.html"] * 3 + ["http://h/last.html"]
    assert entries[0].published == "2024-09-05T08:00:00+00:00" and entries[0].title == "One"
    assert entries[-1].updated == "2024-09-05T08:00:00+00:00"


def test_a_feed_padded_with_megabytes_of_empty_elements_is_read_in_c_first():
    from tests.hostile import finishes

    finishes(_read_padded)  # (asserts in the child)


RDF = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="http://h/"><title>T
</title></channel><item rdf:about="http://h/r.html"><title>R &amp; D</title><link>http://h/r.html?a=1&amp;b=2</link>
<dc:date>2024-09-05T08:00:00Z</dc:date><description>long</description></item></rdf:RDF>"""
BASE = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://other/news/"><title>T</title>
<entry><title type="html">&lt;b&gt;Bold&lt;/b&gt; title</title><link rel="alternate" href="x.html"/>
<published>2024-09-05T08:00:00+02:00</published><content type="html">body</content></entry></feed>"""


@pytest.mark.parametrize("body", [RSS, ATOM, RDF, BASE, _padded(b"", 10)])
def test_reduced_feed_gives_the_entries_feedparser_gives(body):
    import feedparser

    from newsproj.discovery.feeds import _reduced, entries

    reduced = _reduced(body)
    assert reduced is not None and len(reduced) < len(body) + 100
    whole = feedparser.parse(body, response_headers={"content-location": "http://h/feed"})
    assert parse_feed(body, "http://h/feed") == entries(whole, "http://h/feed")


def _read_malformed() -> None:
    body = b"<rss><channel><item><link>http://h/a?b=1&c=2</link></item>" + b"<a/>" * 500_000
    assert [e.url for e in parse_feed(body, "http://h/")] == ["http://h/a?b=1&c=2"]


def test_a_large_malformed_feed_is_read_up_to_its_first_bytes():
    from tests.hostile import finishes

    finishes(_read_malformed)  # (asserts in the child)
JSON_FEED = json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "T", "home_page_url": "http://h/",
    "items": [
        {"id": "1", "url": "/a/one.html", "title": "One", "date_published": "2024-09-05T10:00:00+02:00",
         "date_modified": "2024-09-06T08:00:00Z"},
        {"id": "2", "title": "No url", "content_text": "x"},
        {"id": "3", "url": "http://h/b/two.html", "date_published": "yesterday"},
        "not an item",
    ],
}).encode()


def test_json_feed_entries():
    entries = parse_feed(JSON_FEED, "http://h/feed.json")
    assert [e.url for e in entries] == ["http://h/a/one.html", "http://h/b/two.html"]
    assert entries[0].title == "One"
    assert entries[0].published == "2024-09-05T08:00:00+00:00"
    assert entries[0].updated == "2024-09-06T08:00:00+00:00"
    assert entries[1].published is None  # not a date: left out, never guessed


def test_a_json_feed_day_stays_a_day():
    """A day alone (with a zone or not) is no time of day: not the UTC time of its midnight ("2024-09-05+02:00" is
    no "2024-09-04T22:00:00+00:00"), which the record would take for the page's time of publication."""
    items = [{"id": str(i), "url": f"/a/{i}.html", "date_published": day, "date_modified": day}
             for i, day in enumerate(["2024-09-05+02:00", "2024-09-05Z", "2024-09-05", "2024-02-30Z"])]
    entries = parse_feed(json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode(),
                         "http://h/feed.json")
    assert [e.published for e in entries] == ["2024-09-05+02:00", "2024-09-05Z", "2024-09-05", None]
    assert [e.updated for e in entries] == [e.published for e in entries]
    assert {iso_date(e.published) for e in entries[:3]} == {"2024-09-05"}


def test_an_xml_feed_day_stays_a_day():
    """feedparser reads a day alone as its UTC midnight; the entry keeps the day (the record's date is a day, the
    incremental check reads the end of that day, as for a sitemap's lastmod)."""
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title>'
            b'<link href="http://h/a"/><published>2024-09-05</published><updated>2024-09-06+02:00</updated></entry>'
            b'<entry><title>B</title><link href="http://h/b"/><published>2024-09-05T08:00:00Z</published></entry>'
            b"</feed>")
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>A</title><link>http://h/a</link>'
           b"<pubDate> 2024-09-05Z </pubDate></item></channel></rss>")
    found = [(e.published, e.updated) for body in (atom, rss) for e in parse_feed(body, "http://h/")]
    assert found == [("2024-09-05", "2024-09-06+02:00"), ("2024-09-05T08:00:00+00:00", None), ("2024-09-05Z", None)]
    assert parse_time("2024-09-06+02:00").isoformat() == "2024-09-06T21:59:59+00:00"


def test_a_broken_url_in_a_json_feed_costs_that_entry_only():
    """One item's url that urljoin refuses ('http://[x') made the whole feed raise; it is left as it is, and the
    spider counts it as a bad URL (newsproj/discovery/bad_url) like a broken link of an XML feed."""
    body = (b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "url": "http://[broken/x"},'
            b' {"id": "2", "url": "/news/good.html"}]}')
    assert [e.url for e in parse_feed(body, "http://h/feed.json")] == ["http://[broken/x", "http://h/news/good.html"]


def test_broken_json_feed_does_not_raise():
    assert parse_feed(b'{"version": "https://jsonfeed.org/version/1", "items": [', "http://h/") == []
    assert parse_feed(b'{"items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "http://h/") == []
    assert parse_feed(b'{"items": {"url": "http://h/a"}}', "http://h/") == []
