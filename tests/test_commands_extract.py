"""``scrapy extract``: a real crawl of one URL against the loopback demo site, and pages read from files."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from pathlib import Path

import pytest

from newsproj import sites
from newsproj.commands.extract import page_outcome
from tests.conftest import run_scrapy

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "/business/articles/coffee-prices-hit-13-year-high/"
CNN_CASE = ROOT / "fixtures" / "sites" / "cnn" / "2026-11-25"


def scrapy_extract(*args: str) -> subprocess.CompletedProcess[str]:
    return run_scrapy(["extract", *args, "-s", "NEWSPROJ_ALLOW_PRIVATE=1"], timeout=120)


def record_and_rest(stdout: str) -> tuple[dict, str]:
    record, end = json.JSONDecoder().raw_decode(stdout)
    return record, stdout[end:]


@pytest.fixture(scope="module")
def truth() -> dict:
    lines = (ROOT / "fixtures" / "demo" / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return next(t for t in map(json.loads, lines) if t["path"] == ARTICLE)


def test_url_is_crawled_and_printed_with_the_diff(demo_server, truth):
    proc = scrapy_extract(f"{demo_server.base}{ARTICLE}", "--diff")
    assert proc.returncode == 0, proc.stderr[-2000:]
    record, rest = record_and_rest(proc.stdout)
    assert record["url"] == f"{demo_server.base}{ARTICLE}"
    assert record["headline"] == truth["headline"]
    assert record["articleBody"] == truth["articleBody"]
    assert [a["name"] for a in record["authors"]] == [a["name"] for a in truth["authors"]]
    lines = rest.strip().splitlines()
    assert lines[0].startswith("# site: (generic); removed as chrome:")
    removed = lines[1:]
    assert removed and all(line.startswith("- [") for line in removed)
    assert not any(line.split("] ", 1)[1] in record["articleBody"] for line in removed)
    assert "INFO" not in proc.stderr, "the command is quiet unless asked"


def test_without_diff_only_the_record_is_printed(demo_server):
    proc = scrapy_extract(f"{demo_server.base}{ARTICLE}")
    assert proc.returncode == 0
    record, rest = record_and_rest(proc.stdout)
    assert record["headline"] and rest.strip() == ""


def test_a_step_that_failed_softly_is_named_on_stderr(tmp_path):
    page = (ROOT / "fixtures" / "demo" / ARTICLE.strip("/") / "index.html").read_text("utf-8")
    cut = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Coffee</script>'
    (tmp_path / "page.html").write_text(page.replace("</head>", cut + "</head>", 1), "utf-8")
    proc = scrapy_extract(str(tmp_path / "page.html"), "--url", f"http://127.0.0.1{ARTICLE}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert record_and_rest(proc.stdout)[0]["headline"]
    assert "soft failures: jsonld_unreadable (steps the page went on without)" in proc.stderr


def test_listing_page_is_dropped_with_its_reason(demo_server):
    proc = scrapy_extract(f"{demo_server.base}/")
    assert proc.returncode == 1
    assert "dropped: a listing (" in proc.stderr and "the crawl follows its" in proc.stderr


def test_missing_page_is_not_fetched(demo_server):
    proc = scrapy_extract(f"{demo_server.base}/no/such/page/")
    assert proc.returncode == 1
    assert "not fetched" in proc.stderr and proc.stdout == ""


def test_file_with_url_uses_the_registered_site(tmp_path):
    meta = json.loads((CNN_CASE / "meta.json").read_text())
    expected = json.loads((CNN_CASE / "expected.json").read_text())
    proc = scrapy_extract(str(CNN_CASE / "page.html.gz"), "--url", meta["url"], "--diff")
    assert proc.returncode == 0, proc.stderr[-2000:]
    record, rest = record_and_rest(proc.stdout)
    assert record["url"] == meta["url"]
    assert record["headline"] == expected["headline"]
    assert record["articleBody"] == expected["articleBody"]
    assert rest.startswith("\n# site: cnn;")
    # the same page, uncompressed and without --url: a file: URL; the site comes from its canonical URL
    plain = tmp_path / "page.html"
    html = gzip.decompress((CNN_CASE / "page.html.gz").read_bytes())
    plain.write_bytes(html)
    proc = scrapy_extract(str(plain), "--diff")
    record, rest = record_and_rest(proc.stdout)
    assert record["url"] == plain.resolve().as_uri()
    assert rest.startswith("\n# site: cnn;")
    # without a canonical URL on a registered host, the generic path only
    plain.write_bytes(html.replace(meta["url"].encode(), b"https://unregistered.example/story"))
    proc = scrapy_extract(str(plain), "--diff")
    assert "# site: (generic);" in record_and_rest(proc.stdout)[1]


@pytest.mark.parametrize(("args", "needles"), [
    ((str(CNN_CASE / "page.html.gz"), "--site", "no-such-site"),
     ("--site no-such-site: sites/no-such-site.toml: no such site", "use --site NAME with one of: ", "cnn")),
    (("does/not/exist.html",), ("no such file: does/not/exist.html", "give an http(s) URL or the path")),
    ((), ("give the page to extract: scrapy extract URL_OR_FILE",)),
    (("--bogus", str(CNN_CASE / "page.html.gz")), ("unexpected argument '--bogus'",)),
    (("a.html", "b.html"), ("unexpected argument 'b.html'",)),
    (("http://127.0.0.1:1/a", "--url", "http://example.org/a"), ("--url is for files",)),
    ((str(CNN_CASE / "page.html.gz"), "--site"), ("argument --site: expected one argument",)),
    # a NEWSPROJ_* value is checked as scrapy crawl checks it (a traceback and exit 1: getbool raised ValueError)
    ((str(CNN_CASE / "page.html.gz"), "-s", "NEWSPROJ_SITE_REGISTRY=abc"),
     ("setting NEWSPROJ_SITE_REGISTRY: expected a boolean (1/0, true/false), got 'abc'",)),
    ((str(CNN_CASE / "page.html.gz"), "-s", "NEWSPROJ_MAX_PAGE_ELEMENTS=many"),
     ("setting NEWSPROJ_MAX_PAGE_ELEMENTS: expected an integer", "got 'many'")),
])
def test_a_bad_invocation_is_one_line_and_exit_2(args, needles):
    """As for scrapy crawl (../shared/CONTRACT.md): one line naming the problem and the fix, exit status 2, nothing
    fetched (Scrapy printed its usage block; an unknown site exited 1)."""
    proc = scrapy_extract(*args)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert len(lines) == 1 and lines[0].startswith("scrapy extract: "), proc.stderr[-2000:]
    assert proc.stdout == ""
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_a_file_over_the_download_size_limit_is_one_line_and_exit_2_never_read_whole(tmp_path):
    """A crawl refuses a page over DOWNLOAD_MAXSIZE, and a gzip body that inflates past it (too_large,
    decompressed_too_large); scrapy extract read a file whole, and inflated a .html.gz whole: a huge file, or a
    gzip bomb of a few KB, filled memory. The same limit now holds (one line naming it and the fix, exit 2, as for
    a file that is not there); a file within it is extracted as before, and DOWNLOAD_MAXSIZE=0 is no limit, as in a
    crawl. A stream (a pipe, a device) is no file to read: named as such, not "no such file"."""
    page = (ROOT / "fixtures" / "demo" / ARTICLE.strip("/") / "index.html").read_bytes()
    big = tmp_path / "big.html"
    big.write_bytes(page.replace(b"</body>", b"<!--" + b" " * 200_000 + b"--></body>"))
    bomb = tmp_path / "bomb.html.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as fh:
        fh.write(page.replace(b"</body>", b"<!--"))
        for _ in range(64):  # 64 MiB of spaces, ~64 KB on disk
            fh.write(b" " * (1 << 20))
        fh.write(b"--></body></html>")
    assert bomb.stat().st_size < 200_000
    for path, needle in ((big, "bytes, over DOWNLOAD_MAXSIZE=100000"),
                         (bomb, "inflates past DOWNLOAD_MAXSIZE=100000")):
        proc = scrapy_extract(str(path), "-s", "DOWNLOAD_MAXSIZE=100000")
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == 2, proc.stderr[-2000:]
        assert len(lines) == 1 and lines[0].startswith(f"scrapy extract: {path}: "), proc.stderr[-2000:]
        assert needle in lines[0] and "-s DOWNLOAD_MAXSIZE=" in lines[0], lines[0]
        assert proc.stdout == ""
    proc = scrapy_extract(str(big), "-s", "DOWNLOAD_MAXSIZE=0")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert record_and_rest(proc.stdout)[0]["headline"]
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    proc = scrapy_extract(str(fifo))
    assert proc.returncode == 2 and f"{fifo}: not a regular file" in proc.stderr, proc.stderr[-2000:]
    damaged = tmp_path / "damaged.html.gz"  # (was a BadGzipFile traceback, exit 1)
    damaged.write_bytes(b"\x1f\x8b\x08garbage")
    proc = scrapy_extract(str(damaged))
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr[-2000:]
    assert f"{damaged}: cannot be read (not a readable gzip file" in proc.stderr


def test_the_generic_path_only_with_the_registry_off(tmp_path):
    """adding-a-site.md: compare a page's record with the generic path's. -s NEWSPROJ_SITE_REGISTRY=0 (what the
    crawl and the bench honour) was ignored: the page's own site file still applied."""
    url = json.loads((CNN_CASE / "meta.json").read_text())["url"]
    page = str(CNN_CASE / "page.html.gz")
    assert "# site: cnn;" in scrapy_extract(page, "--url", url, "--diff").stdout
    proc = scrapy_extract(page, "--url", url, "--diff", "-s", "NEWSPROJ_SITE_REGISTRY=0")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "# site: (generic);" in record_and_rest(proc.stdout)[1]
    both = scrapy_extract(page, "--url", url, "--site", "cnn", "-s", "NEWSPROJ_SITE_REGISTRY=0")
    assert both.returncode == 2 and "give one of them" in both.stderr


def test_a_bad_private_address_setting_is_a_bad_invocation():
    """-s NEWSPROJ_ALLOW_PRIVATE=yes with a loopback URL was a traceback (the URL check's getbool) and exit 1."""
    proc = run_scrapy(["extract", "http://127.0.0.1:8/story.html", "-s", "NEWSPROJ_ALLOW_PRIVATE=yes"], timeout=120)
    assert proc.returncode == 2, proc.stderr[-2000:]
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("scrapy extract: setting NEWSPROJ_ALLOW_PRIVATE: expected a boolean"), line


def test_a_loopback_url_without_the_setting_is_a_bad_invocation():
    """Was exit 1 after a crawl start, ``not fetched: Refused: ssrf_loopback``, with no word of the setting that
    allows it (a user trying adding-a-site.md's step 2 on a local copy of a site); scrapy crawl says it for a seed."""
    proc = run_scrapy(["extract", "http://127.0.0.1:8/story.html", "--diff"], timeout=120)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert proc.stdout == ""
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("scrapy extract: http://127.0.0.1:8/story.html: loopback addresses are refused"), line
    assert "to fetch a local page add -s NEWSPROJ_ALLOW_PRIVATE=1" in line


def test_page_outcome_is_what_an_extraction_worker_makes_of_the_page():
    """The pure function behind the command is the crawl's: site rules apply, and a drop carries its reason."""
    html = gzip.decompress((CNN_CASE / "page.html.gz").read_bytes()).decode("utf-8")
    url = json.loads((CNN_CASE / "meta.json").read_text())["url"]
    site = sites.for_url(url)
    outcome = page_outcome(html, url, site)
    assert outcome.dropped is None and outcome.article is not None
    from newsproj.extraction.page import process_page
    from newsproj.items import PageItem

    expected = process_page(PageItem(url=url, html=html, date_downloaded=outcome.article.metadata.dateDownloaded))
    assert expected.site == site.name  # found from the URL in the worker
    assert outcome.article == expected.article
    assert outcome.removed == expected.removed
    dropped = page_outcome("<html><body><p>Too short.</p></body></html>", url, None)
    assert dropped.article is None and dropped.dropped and dropped.dropped.startswith("NotAnArticle")


def test_a_file_without_a_charset_is_decoded_by_the_crawls_charset_rules(tmp_path):
    """A saved windows-1251 page that declares no charset (a file has no headers) reads as a crawl reads it:
    Cyrillic, not U+FFFD (it was decoded as UTF-8 with replacement); bytes no web encoding reads give no record."""
    paragraph = ("<p>Городской совет на заседании во вторник утвердил бюджет города на следующий год. Депутаты "
                 "обсуждали расходы на школы, дороги и больницы почти шесть часов подряд.</p>")
    page = ("<html><head><title>Совет утвердил бюджет</title></head><body><h1>Совет утвердил бюджет</h1>"
            + paragraph * 5 + "</body></html>")
    (tmp_path / "ru.html").write_bytes(page.encode("cp1251"))
    proc = scrapy_extract(str(tmp_path / "ru.html"), "--url", "http://example.com/city/budget.html")
    assert proc.returncode == 0, proc.stderr[-2000:]
    record = record_and_rest(proc.stdout)[0]
    assert record["headline"] == "Совет утвердил бюджет"
    assert "Депутаты обсуждали расходы на школы" in record["articleBody"]
    assert "\ufffd" not in record["articleBody"]
    noise = bytes(range(0x80, 0x100)) * 40  # no web encoding reads this as text
    (tmp_path / "noise.html").write_bytes(b"<html><body><h1>x</h1><p>" + noise + b"</p></body></html>")
    proc = scrapy_extract(str(tmp_path / "noise.html"), "--url", "http://example.com/city/noise.html")
    assert not proc.stdout and "dropped: NotAnArticle: its bytes read plausibly in no web encoding" in proc.stderr


@pytest.mark.parametrize(("setting", "dropped"), [
    ("NEWSPROJ_MAX_PAGE_ELEMENTS=1000", "ExtractionFailed: more than 1000 elements, not extracted"),
    ("NEWSPROJ_PAGE_TIME_LIMIT=0.01", "ExtractionFailed: over the page time limit (0.01 s)"),
])
def test_a_page_is_extracted_under_the_crawls_page_limits(tmp_path, setting, dropped):
    """``scrapy extract`` runs the page as a crawl's extraction worker does, under NEWSPROJ_MAX_PAGE_ELEMENTS and
    NEWSPROJ_PAGE_TIME_LIMIT (CPU seconds): before, it called the extraction without them, so a page a crawl drops
    (a huge page, one over its time) came out as a record, and `-s` of either setting changed nothing. A page of
    2,000 paragraphs (~2,000 elements; extraction takes well over 0.01 s of CPU) is a record under the defaults."""
    prose = "".join(f"<p>Paragraph {i} of a long report on the council's budget and its vote.</p>" for i in range(2000))
    page = tmp_path / "long.html"
    page.write_text(f"<html><head><title>A long report</title></head><body><article><h1>A long report</h1>{prose}"
                    "</article></body></html>", encoding="utf-8")
    proc = scrapy_extract(str(page), "--url", "https://news.example/2024/05/01/long-report.html", "-s", setting)
    assert proc.returncode == 1, proc.stdout[-2000:]
    assert proc.stdout == "" and f"dropped: {dropped}" in proc.stderr, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr


def test_a_zone_name_dateutil_does_not_know_is_no_warning_in_the_log(tmp_path):
    """``<meta name="last-modified" content="... EDT">``: htmldate hands the value to dateutil, which warns about a
    zone name it does not know; a page's text is no WARNING in the crawl's log (it was one, through py.warnings),
    and the day is still read (with warnings made errors, as in this suite, htmldate dropped it)."""
    page = ('<html><head><meta name="last-modified" content="2017-03-21 11:35:57 EDT"><title>Council votes on the '
            'bridge</title></head><body><h1>Council votes on the bridge</h1>'
            + "<p>The city council voted on Monday evening to approve the long-debated plan for a new bridge across "
              "the river, ending years of argument between neighbourhoods on either bank.</p>" * 4
            + "</body></html>")
    (tmp_path / "page.html").write_text(page, "utf-8")
    proc = scrapy_extract(str(tmp_path / "page.html"), "--url", "http://example.com/city/bridge.html")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert record_and_rest(proc.stdout)[0]["datePublished"] == "2017-03-21"
    assert "WARNING" not in proc.stderr and "UnknownTimezoneWarning" not in proc.stderr, proc.stderr[-2000:]
