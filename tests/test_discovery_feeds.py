from newsproj.discovery.feeds import alternate_feeds, parse_feed

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
