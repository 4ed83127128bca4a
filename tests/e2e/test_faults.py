"""End to end: `scrapy crawl news` against the mixed fault site (tests/servers.py, FaultSite).

The crawl must end with exit status 0, every good article exactly once, and a stats counter with a reason for
every bad URL. Other tests here take one fault family at a time (politeness timing, bytes downloaded, SSRF,
secrets, bad settings) against their own FaultSite server.
"""

from __future__ import annotations

import base64
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newsproj import __version__
from newsproj.testing.server import serve
from tests.conftest import FIXTURES, run_crawl
from tests.servers import FAULTS, FaultSite

TRUTH = [json.loads(line) for line in (FIXTURES / "faulty" / "truth.jsonl").read_text("utf-8").splitlines()]
# A small DOWNLOAD_MAXSIZE keeps the huge pages cheap; DOWNLOAD_TIMEOUT below the never-answering page's sleep.
MIXED_SETTINGS = ("-s", "DOWNLOAD_TIMEOUT=2", "-s", "DOWNLOAD_MAXSIZE=2000000", "-s", "DOWNLOAD_WARNSIZE=500000",
                  "-s", "NEWSPROJ_MAX_PAGES_PER_PATTERN=10")
TEXT_FIELDS = ("headline", "articleBody", "description")
GAP_SLACK = 0.2
"""Seconds a gap between two requests seen by the server may fall short of the wait between their departures: the
first may reach the server late (a loaded machine: 0.948 s for a 1 s delay seen, with two suites on 2 cores), the
next on time. Without the wait the gaps are milliseconds."""
_TAG = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def fault_server(**options):
    return serve(FIXTURES / "faulty", site=FaultSite(FIXTURES / "faulty", **options))


def with_extension(path: str) -> tuple[str, str]:
    """``-s EXTENSIONS=...``: ``path`` beside the project's extensions (theirs are in EXTENSIONS_BASE)."""
    from scrapy.utils.project import get_project_settings

    return "-s", "EXTENSIONS=" + json.dumps({**get_project_settings().getdict("EXTENSIONS"), path: 0})


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    server = fault_server(crawl_delay=0.02, timeout_after=4, huge=4_000_000)
    try:
        # extraction raises on the page .../extraction-raises.html (tests/faults.py: injected, whatever the page)
        result = run_crawl("-a", f"start_urls={server.base}/", *MIXED_SETTINGS,
                           *with_extension("tests.faults.ExtractionRaises"), "-s", "NEWSPROJ_EXTRACT_WORKERS=0",
                           out=tmp_path_factory.mktemp("mixed") / "out.jsonl")
    finally:
        server.stop()
    return server, result


def hit_times(server, path):
    return [t for t, target in server.times if target == path]


def attempts(times: list[float], apart: float = 1.0) -> list[float]:
    """The first of each run of ``times`` less than ``apart`` seconds after the one before."""
    return [t for n, t in enumerate(times) if n == 0 or t - times[n - 1] >= apart]


def test_mixed_site_exit_status_and_every_good_article_exactly_once(mixed):
    server, result = mixed
    assert result.returncode == 0, result.log[-3000:]
    paths = Counter(urlsplit(r["url"]).path for r in result.records)
    assert sorted(paths) == sorted(t["path"] for t in TRUTH)
    assert set(paths.values()) == {1}
    # (the article the homepage also links with utm_* and a session id: fetched once, as first linked)
    tracked = "/news/2024/05/01/harbour-bridge-reopens.html"
    assert [target for _, target in server.times if target.startswith(tracked)] == [tracked]
    headlines = {urlsplit(r["url"]).path: r["headline"] for r in result.records}
    for truth in TRUTH:
        assert headlines[truth["path"]] == truth["headline"], truth["route"]
        record = next(r for r in result.records if urlsplit(r["url"]).path == truth["path"])
        assert truth["first_paragraph"] in record["articleBody"], truth["route"]
    assert result.stats["finish_reason"] == "finished"


def test_mixed_site_stats_account_for_every_bad_url(mixed):
    _, result = mixed
    stats = result.stats
    # (the robots.txt Disallow is refused before its request: counted by discovery, not as a failed fetch)
    expected = Counter(reason for reason in FAULTS.values() if reason not in ("ExtractionFailed", "robots_forbidden"))
    assert stats["newsproj/discovery/robots_disallowed"] == 1
    failed = {k.removeprefix("newsproj/fetch/failed/"): v for k, v in stats.items()
              if k.startswith("newsproj/fetch/failed/")}
    assert failed == dict(expected)
    # the page on which extraction raises: counted with the exception's type, dropped, the run goes on
    assert stats["item_dropped_reasons_count/ExtractionFailed"] == 1
    assert stats["newsproj/extract/error/ValueError"] == 1
    assert "injected fault on" in result.log  # the fault of tests/faults.py, not a bug of extract() on that page
    # no other drop: the same article linked once more with tracking parameters (and a session id) is not fetched
    # twice: the session id is stripped before the request, the trackers are kept and the request fingerprint
    # ignores them, so the dupefilter drops that link
    drops = {k: v for k, v in stats.items() if k.startswith("item_dropped_reasons_count/")}
    assert drops == {"item_dropped_reasons_count/ExtractionFailed": 1}
    assert stats["newsproj/discovery/tracking/kept"] >= 1 and stats["newsproj/discovery/tracking/variant"] >= 1
    assert stats["newsproj/discovery/trap/stripped_session_id"] >= 1 and stats["dupefilter/filtered"] >= 1


def test_mixed_site_recoverable_faults_and_backoff(mixed):
    server, result = mixed
    stats = result.stats
    # 503, 503, 200: retried with a pause of 1 s then 2 s for the whole host (no Retry-After: backoff)
    times = hit_times(server, "/flaky/2024/05/03/council-approves-budget.html")
    assert len(times) == 3
    assert times[1] - times[0] >= 1 - GAP_SLACK and times[2] - times[1] >= 2 - GAP_SLACK
    # 429 with Retry-After: 1, then 200
    times = hit_times(server, "/flaky/2024/05/04/rail-line-extension-confirmed.html")
    assert len(times) == 2 and times[1] - times[0] >= 1 - GAP_SLACK
    assert stats["newsproj/politeness/backoff/503"] == 2 and stats["newsproj/politeness/backoff/429"] == 1
    # Retry-After: 86400 is not waited for, nor retried
    assert len(hit_times(server, "/flaky/2024/05/14/back-tomorrow.html")) == 1
    assert stats["newsproj/politeness/retry_after_too_long"] == 1
    # 500, timeouts and dropped connections: retried RETRY_TIMES (2), then counted once
    for path in ("/flaky/2024/05/13/always-failing.html", "/drop/2024/05/16/cut-off-mid-page.html"):
        assert len(hit_times(server, path)) == 3, path
    # (the never-answering page's attempts are DOWNLOAD_TIMEOUT (2 s) apart; a request seen twice within a second is
    # one attempt: Twisted's connection pool sends a GET again at once on a new connection when the kept-alive one
    # it used closes before any answer - seen once with two suites on 2 cores: hits at +0.00 s and +0.03 s)
    assert len(attempts(hit_times(server, "/slow/2024/05/15/never-answers.html"))) == 3
    # (2: the never-answering page's; more only when a good page took over DOWNLOAD_TIMEOUT on a loaded machine)
    assert stats["retry/reason_count/scrapy.exceptions.DownloadTimeoutError"] >= 2
    assert stats["retry/reason_count/scrapy.exceptions.ResponseDataLossError"] == 2
    # redirects: the chain is followed to its article, the loop stops at the first repeat
    assert server.hits["/moved/2024/05/06/market-hall-3.html"] == 1
    assert server.hits["/moved/2024/05/17/loop-a.html"] == 1 and server.hits["/moved/2024/05/17/loop-b.html"] == 1
    assert stats["newsproj/guard/dropped/redirect_loop"] == 1
    # robots.txt Disallow
    assert not any(target.startswith("/private/") for target in server.hits)
    assert stats["newsproj/politeness/crawl_delay"] == 0.02


def test_mixed_site_bad_content(mixed):
    server, result = mixed
    stats = result.stats
    for reason in ("content_type/application/pdf", "content_type/image/jpeg", "content_type/application/json",
                   "binary_body", "empty_body"):
        assert stats[f"newsproj/guard/dropped/{reason}"] == 1, reason
    assert stats["newsproj/guard/dropped/too_large"] == 2  # Content-Length over the cap, and a stream past it
    assert stats["newsproj/guard/warnsize"] == 1  # the long read: over DOWNLOAD_WARNSIZE, still exported
    assert stats["newsproj/guard/charset_repaired/utf-8->cp1252"] == 1
    assert stats["newsproj/guard/charset_repaired/cp1252->utf-8"] == 1  # ISO-8859-1 resolves to its superset
    assert stats["newsproj/guard/charset_repaired/undeclared->cp1252"] == 1
    assert stats["newsproj/guard/control_chars_removed"] == 1


def test_mixed_site_no_mojibake(mixed):
    _, result = mixed
    accented = {t["path"] for t in TRUTH if t["accented"]}
    assert len(accented) == 3
    for record in result.records:
        body = record["articleBody"]
        assert "\ufffd" not in body and "Ã" not in body and "â€" not in body, record["url"]
        if urlsplit(record["url"]).path in accented:
            assert "crème brûlée to a naïve critic — “a triumph”" in body, record["url"]
            assert "owners’ façade" in body


def test_mixed_site_output_holds_no_html_control_characters_or_script(mixed):
    _, result = mixed
    for record in result.records:
        for field in TEXT_FIELDS:
            value = record.get(field) or ""
            assert not _TAG.search(value), (record["url"], field)
            assert not _CONTROL.search(value), (record["url"], field)
            assert "EVIL" not in value and "document.write" not in value, (record["url"], field)
    ferry = next(r for r in result.records if "ferry-timetable" in r["url"])
    assert len(ferry["articleBody"].split("\n")) == 6


def test_mixed_site_traps_are_bounded(mixed):
    server, result = mixed
    stats = result.stats
    calendar = [t for t in server.hits if t.startswith("/calendar/")]
    archive = [t for t in server.hits if t.startswith("/archive/")]
    # NEWSPROJ_MAX_PAGES_PER_PATTERN=10: ten month pages and ten day pages, ten archive pages at most
    assert 0 < len(calendar) <= 20 and 0 < len(archive) <= 10
    assert not any(t.startswith("/calendar/2999/") for t in server.hits)
    assert "/archive/?page=99999" not in server.hits
    for reason in ("pattern_budget", "calendar_out_of_range", "page_number", "stripped_session_id",
                   "stripped_sort"):
        assert stats[f"newsproj/discovery/trap/{reason}"] >= 1, reason
    # session ids and sort parameters are stripped: the endless section is four URLs (itself and its facets)
    assert sorted(t for t in server.hits if t.startswith("/sections/")) == [
        "/sections/local", "/sections/local?filter=sport&order=asc", "/sections/local?view=grid",
        "/sections/local?view=list"]
    assert not any(re.search(r"(?i)jsessionid|phpsessid|[?&]sid=|sort=", t) for t in server.hits)
    assert stats["downloader/request_count"] < 150


def test_non_html_is_dropped_before_its_body_downloads(crawl):
    server = fault_server(huge=20_000_000)
    try:
        seeds = ",".join(f"{server.base}{p}" for p in ("/files/2024/05/annual-report", "/media/2024/05/photo-of-the-"
                                                        "day", "/files/2024/05/huge-page.html"))
        result = crawl("-a", f"start_urls={seeds}")
    finally:
        server.stop()
    assert result.returncode == 3 and "nothing found" in result.log  # no seed was an article: a failed run
    stats = result.stats
    assert stats["newsproj/fetch/failed/content_type/application/pdf"] == 1
    assert stats["newsproj/fetch/failed/content_type/image/jpeg"] == 1
    assert stats["newsproj/fetch/failed/too_large"] == 1  # Content-Length 20 MB > DOWNLOAD_MAXSIZE 16 MB
    # 5 MB + 2 MB + 20 MB were offered; headers and at most a few socket buffers were read
    assert stats.get("downloader/response_bytes", 0) < 1_000_000


@pytest.mark.parametrize("autothrottle", ["0", "1"])
def test_crawl_delay_is_honoured_per_host(crawl, autothrottle):
    """Counted from when a request leaves for the network: with AutoThrottle on (the default), a request can
    still wait in Scrapy's download slot after this middleware let it go."""
    server = fault_server(crawl_delay=1.0)
    good = [t["path"] for t in TRUTH if t["path"].startswith("/news/")][:4]
    try:
        result = crawl("-a", "start_urls=" + ",".join(server.base + p for p in good),
                       "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", f"AUTOTHROTTLE_ENABLED={autothrottle}")
    finally:
        server.stop()
    assert result.returncode == 0 and len(result.records) == 4
    times = sorted(t for t, target in server.times if target not in ("/robots.txt", "/.well-known/tdmrep.json"))
    assert len(times) == 4
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    # (the server sees a request when its thread gets a core: one that reached it late on a loaded host shortens the
    # gap after it only - seen with two suites on 2 cores: 2.34 s, 0.68 s, 1.01 s; without the delay every gap is
    # milliseconds, and with half of it every gap is 0.5 s)
    assert sorted(gaps)[1] >= 1.0 - GAP_SLACK, gaps
    assert result.stats["newsproj/politeness/crawl_delay"] == 1.0
    assert result.stats["newsproj/politeness/waited"] >= 3


def test_user_agent_names_the_contact_url(crawl):
    server = fault_server()
    article = f"{server.base}{TRUTH[0]['path']}"
    try:
        crawl("-a", f"start_urls={article}", "-s", "NEWSPROJ_CONTACT_URL=https://example.org/crawler")
        derived = server.request_headers[TRUTH[0]["path"]]["User-Agent"]
        crawl("-a", f"start_urls={article}", "-s", "USER_AGENT=Custom/1.0 (+mailto:ops@example.org)")
        explicit = server.request_headers[TRUTH[0]["path"]]["User-Agent"]
    finally:
        server.stop()
    assert derived == f"newsproj/{__version__} (+https://example.org/crawler)"
    assert explicit == "Custom/1.0 (+mailto:ops@example.org)"


def test_ssrf_private_addresses_refused_without_the_setting(crawl):
    server = fault_server()
    try:
        result = crawl("-a", f"start_urls={server.base}/", "-s", "NEWSPROJ_ALLOW_PRIVATE=0")
    finally:
        server.stop()
    assert result.returncode == 2  # refused before the crawl starts, saying which setting allows a local site
    assert result.records == []
    assert not server.hits  # not even robots.txt
    assert "loopback addresses are refused by default" in result.log
    assert "-s NEWSPROJ_ALLOW_PRIVATE=1" in result.log


def test_ssrf_redirect_to_loopback_refused(crawl):
    """The seed's host:port is allowed (as a public host would be); its redirect to another name for
    loopback (localhost) is refused before any request is sent."""
    server = fault_server()
    netloc = urlsplit(server.base).netloc
    target = "/news/2024/05/02/library-extends-opening-hours.html"
    try:
        result = crawl("-a", f"start_urls={server.base}/moved/2024/05/19/to-localhost.html",
                       "-s", "NEWSPROJ_ALLOW_PRIVATE=0", "-s", f"NEWSPROJ_ALLOW_PRIVATE_HOSTS={netloc}")
    finally:
        server.stop()
    assert result.returncode == 3 and "nothing found" in result.log  # its only page was refused
    assert "(a local site? allow it with -s NEWSPROJ_ALLOW_PRIVATE=1" in result.log  # the refusal names the setting
    assert server.hits["/moved/2024/05/19/to-localhost.html"] == 1
    assert server.hits[target] == 0
    assert result.stats["newsproj/fetch/failed/ssrf_loopback"] == 1


def test_secrets_never_reach_logs_stats_or_output(crawl):
    server = fault_server()
    host = urlsplit(server.base).netloc
    try:
        result = crawl("-a", f"start_urls=http://crawler:hunter2secret@{host}/", "-s", "LOG_LEVEL=DEBUG",
                       "-s", "NEWSPROJ_MAX_LISTING_DEPTH=0", "-s", "DOWNLOAD_TIMEOUT=2")
    finally:
        server.stop()
    assert result.returncode == 0
    assert result.records  # the homepage's articles were crawled
    expected = "Basic " + base64.b64encode(b"crawler:hunter2secret").decode()
    assert server.request_headers["/"]["Authorization"] == expected  # the credentials were used…
    assert "session=COOKIESECRET123" in server.request_headers[TRUTH[0]["path"]].get("Cookie", "")
    dumped = result.log + json.dumps(result.stats) + json.dumps(result.records)
    for secret in ("hunter2secret", "COOKIESECRET123", base64.b64encode(b"crawler:hunter2secret").decode()):
        assert secret not in dumped, secret  # …and never shown
    assert result.stats["newsproj/guard/credentials_stripped"] == 1
    assert "Crawled (200)" in result.log  # DEBUG lines were there to leak, and did not


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("-s", "NEWSPROJ_MAX_PAGES_PER_SITE=lots"), "setting NEWSPROJ_MAX_PAGES_PER_SITE: expected an integer"),
        (("-s", "NEWSPROJ_MAX_CRAWL_DELAY=-5"), "setting NEWSPROJ_MAX_CRAWL_DELAY: expected a number ≥ 0, got '-5'"),
        (("-s", "NEWSPROJ_ALLOW_PRIVATE=maybe"), "setting NEWSPROJ_ALLOW_PRIVATE: expected a boolean"),
        (("-s", "NEWSPROJ_CONTACT_URL=call-me"), "setting NEWSPROJ_CONTACT_URL: expected an http(s) URL"),
        (("-s", "TWISTED_REACTOR=twisted.internet.epollreactor.EPollReactor"),  # (every page failed, exit 3)
         "setting TWISTED_REACTOR: newsproj needs twisted.internet.asyncioreactor.AsyncioSelectorReactor"),
        (("-a", "start_urls=/relative/path"), "-a start_urls: expected http(s) URLs"),
        (("-a", "start_urls="), "spider news needs -a start_urls=URL[,URL...] or -a site=NAME"),
    ],
)
def test_bad_configuration_stops_before_the_first_request(crawl, args, expected):
    server = fault_server()
    try:
        result = crawl("-a", f"start_urls={server.base}/", *args)
    finally:
        server.stop()
    assert result.returncode == 2  # a bad invocation: one line naming the problem and the fix
    assert expected in result.log and len(result.log.strip().splitlines()) == 1
    assert not server.hits


def test_fault_table_is_served_as_described():
    """FAULTS and the homepage agree: every bad URL is linked, and the server answers each one."""
    site = FaultSite(FIXTURES / "faulty")
    page = site.homepage().decode()
    for path in FAULTS:
        assert path.replace("&", "&amp;") in page
        answer = site.lookup(urlsplit(path).path, urlsplit(path).query, "http://127.0.0.1:1")
        assert answer is not None or path.startswith("/gone/"), path
    truncated = Path(FIXTURES / "broken" / "truncated.html").read_text("utf-8")
    assert "</article>" not in truncated and "</html>" not in truncated


def test_per_host_concurrency_is_capped(crawl):
    server = fault_server()
    try:
        seeds = ",".join(f"{server.base}/slow/echo/{n}.html" for n in range(8))
        result = crawl("-a", f"start_urls={seeds}", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2")
    finally:
        server.stop()
    assert result.returncode == 3 and "nothing found" in result.log  # echo pages are not articles
    assert sum(1 for _, target in server.times if target.startswith("/slow/echo/")) == 8
    assert 1 <= server.max_in_flight <= 2  # Scrapy 2.19 alone sends all 8 at once (see newsproj/compat.py)


def test_politeness_defaults():
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY") and settings.getbool("AUTOTHROTTLE_ENABLED")
    assert 0 < settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 8
    assert settings.getint("DOWNLOAD_MAXSIZE") > settings.getint("DOWNLOAD_WARNSIZE") > 0
    assert not settings.getbool("NEWSPROJ_ALLOW_PRIVATE")


def test_proxy_password_never_reaches_logs_stats_or_output(crawl):
    """The fault server doubles as an HTTP proxy (it answers absolute-URI requests), so the proxy stays on
    loopback; its password must be sent (Proxy-Authorization) and never shown."""
    server = fault_server()
    article = TRUTH[0]["path"]
    proxy = f"http://proxyuser:pr0xyp4ss@{urlsplit(server.base).netloc}"
    try:
        result = crawl("-a", f"start_urls={server.base}{article}", "-s", "LOG_LEVEL=DEBUG",
                       env={"http_proxy": proxy, "HTTP_PROXY": proxy, "no_proxy": "", "NO_PROXY": ""})
    finally:
        server.stop()
    assert result.returncode == 0 and len(result.records) == 1
    proxied = [headers for target, headers in server.request_headers.items() if target.endswith(article)]
    expected = "Basic " + base64.b64encode(b"proxyuser:pr0xyp4ss").decode()
    assert proxied and proxied[0].get("Proxy-Authorization") == expected
    dumped = result.log + json.dumps(result.stats) + json.dumps(result.records)
    assert "pr0xyp4ss" not in dumped and expected.split()[1] not in dumped


def test_the_extraction_raises_page_is_an_article_without_the_fault():
    """The mixed site's 'extraction raises' page fails in the crawl by the fault tests/faults.py injects; the page
    itself (a broken og:image URL, 'http://[::1/broken.jpg', that urllib cannot parse) relied on a real crash once.
    Extraction is now hardened against it: the article comes out, the broken URL costs only itself."""
    from newsproj.extraction import extract

    html = (FIXTURES / "broken" / "extraction-raises.html").read_text("utf-8")
    result = extract(html, "http://127.0.0.1:1/broken/2024/05/23/extraction-raises.html", None, {},
                     "2024-05-23T00:00:00+00:00")
    assert result.article is not None and result.article.headline == "Extraction raises on this page"
    assert "[::1" not in repr(result.article)  # (every field of the record: no image with the broken URL)


def test_endless_calendar_stops_when_it_stops_leading_to_new_articles(crawl):
    """With the default pattern budget (100 per shape), an endless calendar used to cost 100 month pages and 100
    day pages every run; a shape is now dropped after NEWSPROJ_MAX_BARREN_LISTINGS (10) pages in a row that link
    no new article."""
    server = fault_server()
    try:
        result = crawl("-a", f"start_urls={server.base}/calendar/2024/05/")
    finally:
        server.stop()
    calendar = [t for t in server.hits if t.startswith("/calendar/")]
    # (requests already queued when the shape is dropped are still fetched: ~70 here, against 200 before)
    assert 10 <= len(calendar) <= 100, len(calendar)
    assert result.stats["newsproj/discovery/trap/barren_pattern"] >= 1


def test_a_step_that_fails_softly_is_counted_with_its_reason_and_the_page_goes_on(crawl, tmp_path):
    """A JSON-LD script that cannot be read (cut off, as a template that breaks mid-way writes it) states nothing:
    the article is still a record, and the crawl says why a step was skipped, in its stats and its log."""
    article = FIXTURES / "demo" / "business" / "articles" / "coffee-prices-hit-13-year-high" / "index.html"
    broken = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Coffee prices</script>'
    site = tmp_path / "site"
    (site / "story").mkdir(parents=True)
    (site / "story" / "index.html").write_text(article.read_text("utf-8").replace("</head>", broken + "</head>", 1),
                                               "utf-8")
    server = serve(site)
    try:
        result = crawl("-a", f"start_urls={server.base}/story/", "-s", "NEWSPROJ_EXTRACT_WORKERS=0")
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    assert [urlsplit(r["url"]).path for r in result.records] == ["/story/"]
    assert result.stats["newsproj/extract/soft_failure/jsonld_unreadable"] == 1
    assert [k for k in result.stats if "soft_failure" in k] == ["newsproj/extract/soft_failure/jsonld_unreadable"]
    assert f"Soft failures (jsonld_unreadable): {server.base}/story/" in result.log
