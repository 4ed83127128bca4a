import gzip

import pytest

from newsproj.discovery import Kind
from newsproj.discovery.kinds import maybe_gunzip, sniff

SITEMAP_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS_NS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


@pytest.mark.parametrize(
    ("body", "ctype", "kind"),
    [
        (b"User-agent: *\nDisallow: /private/\nSitemap: http://x/s.xml\n", "text/plain", Kind.ROBOTS),
        (b"# comment\n\nuser-agent: *\nallow: /\n", "", Kind.ROBOTS),
        (f'<?xml version="1.0"?><sitemapindex {SITEMAP_NS}><sitemap><loc>a</loc></sitemap></sitemapindex>'.encode(),
         "application/xml", Kind.SITEMAP_INDEX),
        (f'<?xml version="1.0"?>\n<urlset {SITEMAP_NS}><url><loc>a</loc></url></urlset>'.encode(), "text/xml",
         Kind.URLSET),
        (f'<urlset {SITEMAP_NS} {NEWS_NS}><url><loc>a</loc><news:news/></url></urlset>'.encode(), "",
         Kind.NEWS_SITEMAP),
        (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "text/html", Kind.FEED),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "", Kind.FEED),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', "", Kind.FEED),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "application/xml", Kind.HTML),
        (b"\xef\xbb\xbf  <html lang=en><p>x</p></html>", "", Kind.HTML),
        (b"<div><p>fragment</p></div>", "text/html", Kind.HTML),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "application/feed+json", Kind.FEED),
        (b'\xef\xbb\xbf {\n "version":"https://jsonfeed.org/version/1", "title": "T"}', "application/json", Kind.FEED),
        (b'{"version": "1.1", "items": []}', "application/json", Kind.UNKNOWN),  # JSON, not a JSON Feed
        (b"%PDF-1.7 binary", "application/pdf", Kind.UNKNOWN),
        (b"", "text/html", Kind.UNKNOWN),
        (b'{"json": true}', "application/json", Kind.UNKNOWN),
    ],
)
def test_sniff_by_content_not_url(body, ctype, kind):
    assert sniff(body, ctype) is kind


def test_gzipped_sitemap_is_sniffed_after_gunzip():
    xml = f'<urlset {SITEMAP_NS}><url><loc>http://x/a</loc></url></urlset>'.encode()
    body = maybe_gunzip(gzip.compress(xml))
    assert body == xml
    assert sniff(body) is Kind.URLSET


def test_gzip_bomb_is_refused():
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000)
    with pytest.raises(ValueError):
        maybe_gunzip(bomb, max_size=1_000_000)


def test_plain_body_passes_through_untouched():
    assert maybe_gunzip(b"<rss/>") == b"<rss/>"
