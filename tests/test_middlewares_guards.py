"""middlewares/guards.py and charset.py: decisions from headers and bytes; components built from a crawler."""

from __future__ import annotations

import random

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsproj.middlewares.charset import CharsetMiddleware, Decision, decide, decide_encoding
from newsproj.middlewares.guards import BodyGuard, RedirectGuard, body_reason, content_type_reason
from newsproj.middlewares.outcomes import Refused

TEXT = "Café owners’ “naïve” façade — crème brûlée. " * 5


@pytest.mark.parametrize(
    ("ctype", "reason"),
    [
        ("text/html; charset=utf-8", None),
        ("application/xhtml+xml", None),
        ("application/rss+xml", None),
        ("text/xml", None),
        ("text/plain", None),
        ("application/x-gzip", None),
        ("application/octet-stream", None),
        ("", None),
        ("application/pdf", "content_type/application/pdf"),
        ("image/jpeg", "content_type/image/jpeg"),
        ("video/mp4", "content_type/video/mp4"),
        ("application/json; charset=utf-8", "content_type/application/json"),
        ("application/ld+json", "content_type/application/ld+json"),
        ("application/zip", "content_type/application/zip"),
        ("text/css", "content_type/text/css"),
        ("text/x-unknown", None),
        ("application/" + "x" * 200, "content_type/invalid"),  # (the site's text never names a stat)
        ("application/x y", "content_type/invalid"),
        ("image/<script>", "content_type/invalid"),
    ],
)
def test_content_type_reason(ctype, reason):
    assert content_type_reason(ctype) == reason


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty_body"),
        (b" \n\t ", "empty_body"),
        (b"%PDF-1.7\n...", "binary_body"),
        (b"\x89PNG\r\n\x1a\n", "binary_body"),
        (b"<html>\x00\x00\x00</html>", "binary_body"),
        (bytes(range(256)) * 4, "binary_body"),  # random-looking data without a magic number
        # a good article with a stray NUL in its first KB (the charset middleware strips it later)
        (b"<html><head><title>T</title></head><body>\x00<p>" + b"word " * 300 + b"</p></body></html>", None),
        (b"\x1f\x8b\x08\x00gzipped-sitemap", None),
        (b"<!doctype html><p>fine</p>", None),
        ("\ufeffutf-16 text".encode("utf-16"), None),
    ],
)
def test_body_reason(body, reason):
    assert body_reason(body) == reason


UK = "Водонапірна вежа знову постачає воду до будинків на трьох вулицях селища."
UK_META = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
JA = "市議会は十五日、老朽化した水道管を三つの地区で交換する計画を承認した。工事は春に始まり、秋の終わりまで続く。"
ZH = "市议会十五日批准了在三个街区更换老化水管的计划，工程将于春季开始，预计持续到秋季结束。"


@pytest.mark.parametrize(
    ("body", "used", "declared", "decision"),
    [
        (TEXT.encode("cp1252"), "utf-8", True, "cp1252"),  # Windows-1252 bytes declared UTF-8
        (TEXT.encode("utf-8"), "cp1252", True, "utf-8"),  # UTF-8 bytes declared ISO-8859-1 (→ cp1252)
        (TEXT.encode("utf-8"), "utf-8", True, None),
        (TEXT.encode("cp1252"), "cp1252", True, None),
        (TEXT.encode("cp1252"), "cp1250", False, "cp1252"),  # undeclared: Scrapy's guess overruled
        (b'<meta charset="iso-8859-15">' + TEXT.encode("iso-8859-15", "replace"), "utf-8", True, "iso8859-15"),
        (b"plain ascii", "utf-8", True, None),
        # a server's default ISO-8859-1 against the page's own <meta> windows-1251 (a Ukrainian portal): the meta
        (UK_META + UK.encode("cp1251"), "iso-8859-1", True, "cp1251"),
        (UK_META + UK.encode("cp1251"), "koi8-r", True, None),  # (another legacy header: trusted, as before)
        (b'<meta charset="iso-8859-1">' + TEXT.encode("cp1252"), "cp1252", True, None),
        # a <meta> that lies with a codec no page is written in: ignored (it raised LookupError, or gave noise)
        (b'<meta charset="zlib">' + TEXT.encode("cp1252"), "iso-8859-1", True, None),
        (b'<meta charset="base64">' + TEXT.encode("cp1252"), "utf-8", True, "cp1252"),
        (b'<meta charset="ibm037">' + TEXT.encode("cp1252"), "iso-8859-1", True, None),
        # no charset anywhere, legacy bytes: the web encoding that reads them (Windows-1252 gave mojibake)
        (UK.encode("cp1251"), "cp1251", False, None),
        (UK.encode("koi8-u"), "cp1251", False, "koi8-u"),
        (JA.encode("shift_jis"), "cp1252", False, "cp932"),
        (ZH.encode("gb2312"), "cp1252", False, "gb18030"),
        (UK.encode("cp1251"), "utf-8", True, "cp1251"),  # declared UTF-8, bytes windows-1251, no <meta>
        # a <meta> naming a codec no page is written in (hz, unicode-escape): plain text, read as UTF-8
        (b'<meta charset="hz"><p>a ~{b~} c', "hz", True, "utf-8"),
        (b'<meta charset="unicode-escape"><p>\\u0041', "unicode-escape", True, "utf-8"),
        (b'<meta charset="iso-2022-jp"><p>\x1b$B$3$s\x1b(B', "iso2022_jp", True, None),  # a web one: kept
        (b"<p>ascii bytes declared utf-16", "utf-16-le", True, "utf-8"),
    ],
)
def test_decide_encoding(body, used, declared, decision):
    assert decide_encoding(body, used, declared) == decision


def test_decide_between_a_header_and_a_meta_that_contradict_it():
    meta = b'<meta charset="windows-1251">'
    assert decide(meta + UK.encode("cp1251"), "koi8-r", True, header="koi8-r") == Decision("cp1251")
    koi8_meta = b'<meta charset="koi8-r">'
    assert decide(koi8_meta + UK.encode("cp1251"), "cp1251", True, header="windows-1251") == Decision(None)


def test_bytes_no_web_encoding_reads_are_undecodable():
    rng = random.Random(3)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
    assert decide(b"<p>" + noise, "cp1252", False) == Decision(None, undecodable=True)
    assert not decide(UK.encode("cp1251"), "cp1251", False).undecodable


def _crawler():
    crawler = get_crawler(settings_dict={"NEWSPROJ_STATS_FILE": None})
    crawler.stats.open_spider()
    return crawler


def test_charset_middleware_repairs_and_counts():
    crawler = _crawler()
    mw = build_from_crawler(CharsetMiddleware, crawler)
    body = f"<html><body><p>{TEXT}</p>\x07</body></html>".encode("cp1252")
    response = HtmlResponse("http://127.0.0.1/a", body=body, headers={"Content-Type": "text/html; charset=utf-8"})
    assert "\ufffd" in response.text
    fixed = mw.process_response(Request(response.url), response)
    assert TEXT in fixed.text and "\x07" not in fixed.text
    assert crawler.stats.get_value("newsproj/guard/charset_repaired/utf-8->cp1252") == 1
    assert crawler.stats.get_value("newsproj/guard/control_chars_removed") == 1


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("label", ["utf-16", "utf-16le", "utf-16be"])
def test_a_utf16_page_without_bom_declared_in_the_header_is_read_in_utf16(codec, label):
    """A Ukrainian page in UTF-16 without a BOM, its header saying UTF-16: its bytes are all ASCII (Cyrillic code
    units are 0x04xx), so it was read as UTF-8 and its text, controls removed, became ">AA88. !53>4=O"-like noise,
    exported as the article's body. The zero bytes of its markup say which byte order it is in (browsers read the
    header's UTF-16, little-endian without a BOM); an ASCII page declaring UTF-16 has none and stays UTF-8."""
    crawler = _crawler()
    mw = build_from_crawler(CharsetMiddleware, crawler)
    body = f"<html><head><title>Новини</title></head><body><p>{UK}</p></body></html>".encode(codec)
    assert body.isascii() and not body.startswith((b"\xff\xfe", b"\xfe\xff"))
    response = HtmlResponse("http://127.0.0.1/a", body=body, headers={"Content-Type": f"text/html; charset={label}"})
    fixed = mw.process_response(Request(response.url), response)
    assert UK in fixed.text and fixed.encoding == codec
    assert decide_encoding(b"<p>ascii bytes declared utf-16" * 1000, "utf-16-le", True) == "utf-8"
    assert decide_encoding(b"\x00" * 100_000, "utf-16-le", True) == "utf-8"  # zeros alone: no byte order


def test_body_guard_refuses_empty_200_but_not_errors_or_robots():
    crawler = _crawler()
    mw = build_from_crawler(BodyGuard, crawler)
    with pytest.raises(Refused) as exc:
        mw.process_response(Request("http://h/a"), Response("http://h/a", body=b""))
    assert exc.value.reason == "empty_body"
    assert mw.process_response(Request("http://h/a"), Response("http://h/a", status=503, body=b""))
    robots = Request("http://h/robots.txt", meta={"dont_obey_robotstxt": True})
    assert mw.process_response(robots, Response(robots.url, body=b""))
    assert crawler.stats.get_value("newsproj/guard/dropped/empty_body") == 1


def test_redirect_guard_refuses_a_loop():
    crawler = _crawler()
    mw = build_from_crawler(RedirectGuard, crawler)
    request = Request("http://h/b", meta={"redirect_urls": ["http://h/a"]})
    with pytest.raises(Refused):
        mw.process_response(request, Response(request.url, status=302, headers={"Location": "/a"}))
    onward = Response(request.url, status=302, headers={"Location": "/c"})
    assert mw.process_response(request, onward) is onward


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)"])
def test_redirect_guard_refuses_non_http_targets(location):
    crawler = _crawler()
    mw = build_from_crawler(RedirectGuard, crawler)
    request = Request("http://h/a")
    with pytest.raises(Refused) as exc:
        mw.process_response(request, Response(request.url, status=301, headers={"Location": location}))
    assert exc.value.reason == "bad_scheme"


def test_redirect_guard_refuses_a_location_urljoin_cannot_read():
    """'http://[x' (a broken IPv6 literal) made urljoin raise ValueError out of the middleware: an uncounted error."""
    crawler = _crawler()
    mw = build_from_crawler(RedirectGuard, crawler)
    request = Request("http://h/a")
    with pytest.raises(Refused) as exc:
        mw.process_response(request, Response(request.url, status=302, headers={"Location": "http://[broken/x"}))
    assert exc.value.reason == "bad_url"
    assert crawler.stats.get_value("newsproj/guard/dropped/bad_url") == 1


def test_a_site_spending_the_runs_type_names_does_not_hide_a_well_known_type():
    # the 64 type names a run gives its stats are per run: a hostile site's own types spent them, and a real
    # site's PDFs and images were then counted as content_type/other; a well-known type is always named
    from scrapy.exceptions import StopDownload
    from scrapy.http import Headers

    from newsproj.middlewares.guards import MAX_TYPE_REASONS, STOP_REASON, HeadersGuard

    guard = build_from_crawler(HeadersGuard, get_crawler())

    def reason(ctype: str, n: int) -> str:
        request = Request(f"http://news.example/{n}")
        with pytest.raises(StopDownload):
            guard.headers_received(Headers({"Content-Type": ctype}), 100, request)
        return request.meta[STOP_REASON]

    assert [reason(f"application/x-hostile-{n}", n) for n in range(MAX_TYPE_REASONS)] == [
        f"content_type/application/x-hostile-{n}" for n in range(MAX_TYPE_REASONS)]
    assert reason("application/x-hostile-past", 100) == "content_type/other"
    for n, ctype in enumerate(("application/pdf", "image/jpeg", "video/mp4", "application/zip")):
        assert reason(f"{ctype}; charset=binary", 200 + n) == f"content_type/{ctype}"
    assert len(guard.types) == MAX_TYPE_REASONS
