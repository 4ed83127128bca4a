from newsproj.discovery.sitemaps import parse_sitemap, robots_sitemaps

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>http://127.0.0.1:8000/world/a.html</loc>
    <lastmod>2024-09-05T10:00:00+02:00</lastmod>
    <news:news>
      <news:publication><news:name>Demo</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2024-09-05T09:30:00+02:00</news:publication_date>
      <news:title>A title &amp; more</news:title>
    </news:news>
  </url>
  <url><loc>http://127.0.0.1:8000/world/b.html</loc></url>
  <url><lastmod>2024-01-01</lastmod></url>
</urlset>"""


def test_news_sitemap_keeps_news_fields():
    kind, entries = parse_sitemap(NEWS)
    entries = list(entries)
    assert kind == "urlset"
    assert [e.url for e in entries] == ["http://127.0.0.1:8000/world/a.html", "http://127.0.0.1:8000/world/b.html"]
    first = entries[0]
    assert first.lastmod == "2024-09-05T10:00:00+02:00"
    assert first.news_title == "A title & more"
    assert first.news_date == "2024-09-05T09:30:00+02:00"
    assert first.news_language == "en"
    assert entries[1].news_title is None


def test_sitemap_index():
    body = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<sitemap><loc>http://h/a.xml</loc></sitemap><sitemap><loc>http://h/b.xml.gz</loc></sitemap>"
            b"</sitemapindex>")
    kind, entries = parse_sitemap(body)
    assert kind == "sitemapindex"
    assert [e.url for e in entries] == ["http://h/a.xml", "http://h/b.xml.gz"]


def test_malformed_sitemap_yields_what_it_can():
    body = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://h/a</loc></url><url><loc>'
    kind, entries = parse_sitemap(body)
    assert kind == "urlset"
    assert [e.url for e in entries][:1] == ["http://h/a"]


def test_robots_sitemaps_are_absolute_and_unique():
    body = b"User-agent: *\nSitemap: /s1.xml\nsitemap: http://other/s2.xml\nSitemap: /s1.xml\n"
    assert list(robots_sitemaps(body, "http://127.0.0.1:9/robots.txt")) == [
        "http://127.0.0.1:9/s1.xml", "http://other/s2.xml",
    ]
