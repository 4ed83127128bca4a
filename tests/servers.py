"""The mixed fault site (:class:`FaultSite`) the end-to-end tests crawl: ``fixtures/faulty`` (good articles, some
behind recoverable faults, wrong charsets or truncated HTML; truth.jsonl) and every kind of bad URL: 5xx, 429/503
with Retry-After, timeouts, dropped connections, redirect chains and loops, redirects to loopback, endless calendar
and pagination, session ids, sort/filter parameters, PDF/image/JSON, binary served as HTML, huge bodies, a gzip
bomb, empty bodies, a robots.txt ``Disallow`` and ``Crawl-delay``. :data:`FAULTS` lists the bad URLs and the
reason the crawler must count for each.

``python -m tests.servers fixtures/faulty [--crawl-delay S] [-- CMD ...]`` serves it (see
``newsproj.testing.server`` for the rest).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

from newsproj.testing.server import Answer, Site, Writer, run, serve, split_command

if TYPE_CHECKING:
    from http.server import BaseHTTPRequestHandler as _Handler

BROKEN = Path(__file__).resolve().parent.parent / "fixtures" / "broken"
_HTML = "text/html; charset=utf-8"

# Bad URLs of the fault site (path → the failure reason the crawler must count for it, i.e. the stats key
# ``newsproj/fetch/failed/<reason>``; ``ExtractionFailed`` is an item drop instead).
FAULTS: dict[str, str] = {
    "/flaky/2024/05/13/always-failing.html": "http_500",
    "/flaky/2024/05/14/back-tomorrow.html": "retry_after_too_long",
    "/slow/2024/05/15/never-answers.html": "timeout",
    "/drop/2024/05/16/cut-off-mid-page.html": "connection_lost",
    "/moved/2024/05/17/loop-a.html": "redirect_loop",
    "/moved/2024/05/18/endless.html?n=1": "redirect_max",
    "/moved/2024/05/19/to-localhost.html": "offsite",
    "/moved/2024/05/24/to-file.html": "bad_scheme",
    "/files/2024/05/annual-report": "content_type/application/pdf",
    "/media/2024/05/photo-of-the-day": "content_type/image/jpeg",
    "/api/2024/05/latest-stories": "content_type/application/json",
    "/files/2024/05/binary-as-html.html": "binary_body",
    "/files/2024/05/huge-page.html": "too_large",
    "/files/2024/05/huge-stream.html": "too_large",
    "/files/2024/05/gzip-bomb.html": "decompressed_too_large",
    "/broken/2024/05/20/empty-page.html": "empty_body",
    "/private/2024/05/21/staff-only.html": "robots_forbidden",
    "/gone/2024/05/22/deleted-story.html": "http_404",
    "/broken/2024/05/23/extraction-raises.html": "ExtractionFailed",
}
# Trap entrances linked from the homepage: each generates endless URLs; the crawler must stay bounded.
TRAPS = [
    "/calendar/2024/05/",
    "/archive/?page=1",
    "/sections/local;jsessionid=A1B2C3D4E5F6",
    "/sections/local?sort=newest&view=grid",
]


class FaultSite(Site):
    """The mixed fault site: ``fixtures/faulty`` (good articles, truth.jsonl) + misbehaving routes.

    ``crawl_delay`` goes into robots.txt; ``timeout_after`` is how long never-answering pages sleep (set it
    above the crawler's ``DOWNLOAD_TIMEOUT``); ``huge`` is the size the huge pages claim or stream."""

    def __init__(self, root: Path, crawl_delay: float = 0.0, timeout_after: float = 5.0,
                 huge: int = 40 * 1024 * 1024):
        super().__init__(root)
        self.crawl_delay = crawl_delay
        self.timeout_after = timeout_after
        self.huge = huge
        self.truth = [json.loads(line) for line in (self.root / "truth.jsonl").read_text("utf-8").splitlines()
                      if line.strip()]
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()

    def _count(self, key: str) -> int:
        with self._lock:
            self.counts[key] += 1
            return self.counts[key]

    def _article(self, name: str) -> bytes:
        return (self.root / "_articles" / name).read_bytes()

    def homepage(self) -> bytes:
        good = [t["path"] for t in self.truth if "redirect chain" not in t["route"]]
        links = [*good, "/moved/2024/05/06/market-hall.html", *FAULTS, *TRAPS, "/news/2024/05/01/harbour-bridge-"
                 "reopens.html?utm_source=home&sid=F00BA4F00BA4C0DE", "ftp://127.0.0.1/pub/", "javascript:alert(1)"]
        items = "".join(f'<li><a href="{escape(link)}">Story {n}</a></li>\n' for n, link in enumerate(links))
        return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Faulty Gazette</title>"
                f"<script type=\"application/ld+json\">{{\"@type\": \"WebSite\", \"name\": \"Faulty Gazette\"}}"
                f"</script></head><body><h1>Faulty Gazette</h1><ul>\n{items}</ul></body></html>").encode()

    def lookup(self, path: str, query: str, base: str) -> Answer | Writer | None:  # noqa: C901 - a route table
        qs = {k: v[0] for k, v in parse_qs(query).items()}
        if path == "/":
            return 200, {"Content-Type": _HTML, "Set-Cookie": "session=COOKIESECRET123; Path=/"}, self.homepage()
        if path == "/robots.txt":
            delay = f"Crawl-delay: {self.crawl_delay:g}\n" if self.crawl_delay else ""
            return 200, {"Content-Type": "text/plain"}, f"User-agent: *\nDisallow: /private/\n{delay}".encode()
        # -- recoverable faults in front of good articles
        if path == "/flaky/2024/05/03/council-approves-budget.html":
            if self._count(path) <= 2:
                return 503, {"Content-Type": _HTML}, b"<html><body>Busy</body></html>"
            return 200, {"Content-Type": _HTML}, self._article("council-approves-budget.html")
        if path == "/flaky/2024/05/04/rail-line-extension-confirmed.html":
            if self._count(path) <= 1:
                return 429, {"Content-Type": _HTML, "Retry-After": "1"}, b"<html><body>Slow down</body></html>"
            return 200, {"Content-Type": _HTML}, self._article("rail-line-extension-confirmed.html")
        if path == "/slow/2024/05/05/river-festival-returns.html":
            return _slow(1.0, (200, {"Content-Type": _HTML}, self._article("river-festival-returns.html")))
        if path.startswith("/slow/echo/"):  # any number of distinct slow pages (concurrency tests)
            return _slow(0.5, (200, {"Content-Type": _HTML}, _listing(path, [])))
        if path == "/moved/2024/05/06/market-hall.html":
            return 301, {"Location": f"{base}/moved/2024/05/06/market-hall-2.html"}, b""
        if path == "/moved/2024/05/06/market-hall-2.html":
            return 302, {"Location": "/moved/2024/05/06/market-hall-3.html"}, b""
        if path == "/moved/2024/05/06/market-hall-3.html":
            return 307, {"Location": "/news/2024/05/06/market-hall-renovated.html"}, b""
        if path.startswith("/charset/2024/05/"):
            name = path.rsplit("/", 1)[1]
            ctype = {"cafe-owners-celebrate.html": "text/html; charset=utf-8",
                     "naive-art-exhibition.html": "text/html; charset=iso-8859-1"}.get(name, "text/html")
            file = BROKEN / name
            return (200, {"Content-Type": ctype}, file.read_bytes()) if file.is_file() else None
        if path == "/broken/2024/05/10/storm-damage-assessed.html":
            return 200, {"Content-Type": _HTML}, (BROKEN / "truncated.html").read_bytes()
        # -- bad URLs (FAULTS)
        if path == "/flaky/2024/05/13/always-failing.html":
            return 500, {"Content-Type": _HTML}, b"<html><body>Internal error</body></html>"
        if path == "/flaky/2024/05/14/back-tomorrow.html":
            return 503, {"Content-Type": _HTML, "Retry-After": "86400"}, b"<html><body>Maintenance</body></html>"
        if path == "/slow/2024/05/15/never-answers.html":
            return _slow(self.timeout_after, (200, {"Content-Type": _HTML}, b"<html><body>Too late</body></html>"))
        if path == "/drop/2024/05/16/cut-off-mid-page.html":
            return _dropped(self._article("council-approves-budget.html"))
        if path in ("/moved/2024/05/17/loop-a.html", "/moved/2024/05/17/loop-b.html"):
            other = "loop-b" if path.endswith("loop-a.html") else "loop-a"
            return 302, {"Location": f"/moved/2024/05/17/{other}.html"}, b""
        if path == "/moved/2024/05/18/endless.html":
            n = int(qs.get("n", "1")) if qs.get("n", "1").isdigit() else 1
            return 302, {"Location": f"/moved/2024/05/18/endless.html?n={n + 1}"}, b""
        if path == "/moved/2024/05/19/to-localhost.html":
            port = urlsplit(base).port
            return 302, {"Location": f"http://localhost:{port}/news/2024/05/02/library-extends-opening-hours.html"}, b""
        if path == "/moved/2024/05/24/to-file.html":
            return 302, {"Location": "file:///etc/passwd"}, b""
        if path == "/files/2024/05/annual-report":
            return _claimed(200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n", 5 * 1024 * 1024)
        if path == "/media/2024/05/photo-of-the-day":
            return _claimed(200, {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff\xe0", 2 * 1024 * 1024)
        if path == "/api/2024/05/latest-stories":
            return 200, {"Content-Type": "application/json"}, json.dumps({"stories": [1, 2, 3]}).encode()
        if path == "/files/2024/05/binary-as-html.html":
            return 200, {"Content-Type": _HTML}, (BROKEN / "binary-as-html.html").read_bytes()
        if path == "/files/2024/05/huge-page.html":
            return _claimed(200, {"Content-Type": _HTML}, b"<html><body>", self.huge)
        if path == "/files/2024/05/huge-stream.html":
            return _streamed(self.huge)
        if path == "/files/2024/05/gzip-bomb.html":
            return 200, {"Content-Type": _HTML, "Content-Encoding": "gzip"}, _gzip_bomb(self.huge)
        if path == "/broken/2024/05/20/empty-page.html":
            return 200, {"Content-Type": _HTML}, b""
        if path == "/private/2024/05/21/staff-only.html":
            return 200, {"Content-Type": _HTML}, self._article("council-approves-budget.html")
        if path == "/broken/2024/05/23/extraction-raises.html":
            return 200, {"Content-Type": _HTML}, (BROKEN / "extraction-raises.html").read_bytes()
        # -- traps
        if path.startswith("/calendar/"):
            return 200, {"Content-Type": _HTML}, _calendar(path)
        if path == "/archive/":
            page = int(qs.get("page", "1")) if qs.get("page", "1").isdigit() else 1
            links = [f"/archive/?page={page + 1}", f"/archive/?page={page + 7}", "/archive/?page=99999",
                     "/news/2024/05/02/library-extends-opening-hours.html"]
            return 200, {"Content-Type": _HTML}, _listing(f"Archive page {page}", links)
        if path.startswith("/sections/local"):
            sid = "S" + "".join(random.choices("ABCDEF0123456789", k=15))
            links = [f"/sections/local;jsessionid={sid}", f"/sections/local?sid={sid}",
                     f"/sections/local?sort={random.choice(['newest', 'oldest', 'popular'])}&view=list",
                     f"/sections/local?filter=sport&order=asc&PHPSESSID={sid}",
                     "/news/2024/05/01/harbour-bridge-reopens.html"]
            return 200, {"Content-Type": _HTML}, _listing("Local news", links)
        return super().lookup(path, query, base)


def _listing(title: str, links: list[str]) -> bytes:
    items = "".join(f'<li><a href="{escape(link)}">{escape(link.rsplit("/", 1)[-1] or title)}</a></li>'
                    for link in links)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{escape(title)}</title></head>"
            f"<body><h1>{escape(title)}</h1><ul>{items}</ul></body></html>").encode()


def _calendar(path: str) -> bytes:
    """An endless calendar: every month links the previous and next month and its days; every day links
    the previous and next day and a far-future month."""
    parts = [int(p) for p in path.strip("/").split("/")[1:] if p.isdigit()]
    year, month = (parts + [2024, 5])[:2] if parts else (2024, 5)
    prev_m = (year - 1, 12) if month == 1 else (year, month - 1)
    next_m = (year + 1, 1) if month == 12 else (year, month + 1)
    links = [f"/calendar/{prev_m[0]}/{prev_m[1]:02d}/", f"/calendar/{next_m[0]}/{next_m[1]:02d}/",
             "/calendar/2999/01/"]
    if len(parts) >= 3:
        day = parts[2]
        links += [f"/calendar/{year}/{month:02d}/{max(1, day - 1):02d}/",
                  f"/calendar/{year}/{month:02d}/{min(28, day + 1):02d}/"]
    else:
        links += [f"/calendar/{year}/{month:02d}/{day:02d}/" for day in range(1, 29)]
    return _listing(f"Events {year}-{month:02d}", links)


def _gzip_bomb(size: int) -> bytes:
    return gzip.compress(b"<html><body>" + b" " * size, compresslevel=9, mtime=0)


def _slow(seconds: float, answer: Answer) -> Writer:
    def write(handler: _Handler) -> int:
        time.sleep(seconds)
        handler.send_answer(*answer)
        return answer[0]
    return write


def _dropped(body: bytes) -> Writer:
    """Headers promise the whole body; a third of it is sent and the connection closed."""
    def write(handler: _Handler) -> int:
        handler.send_response(200)
        handler.send_header("Content-Type", _HTML)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body[: len(body) // 3])
        handler.wfile.flush()
        handler.close_connection = True
        return 200
    return write


def _claimed(status: int, headers: dict[str, str], head: bytes, size: int) -> Writer:
    """A Content-Length of ``size``; the body is written until the client hangs up."""
    def write(handler: _Handler) -> int:
        handler.send_response(status)
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(size))
        handler.end_headers()
        handler.close_connection = True
        handler.wfile.write(head)
        chunk = b" " * 65536
        sent = len(head)
        while sent < size:
            piece = chunk[: size - sent]
            handler.wfile.write(piece)
            sent += len(piece)
        return status
    return write


def _streamed(size: int) -> Writer:
    """No Content-Length: the body runs until the connection closes (up to ``size`` bytes)."""
    def write(handler: _Handler) -> int:
        handler.send_response(200)
        handler.send_header("Content-Type", _HTML)
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.close_connection = True
        chunk = b"<p>" + b"x" * 65532 + b"</p>"[:1]
        sent = 0
        while sent < size:
            handler.wfile.write(chunk)
            sent += len(chunk)
        return 200
    return write


def main(argv: list[str] | None = None) -> int:
    argv, command = split_command(argv)
    parser = argparse.ArgumentParser(prog="python -m tests.servers", description=__doc__.split("\n\n")[0])
    parser.add_argument("root", help="the fault site's folder (fixtures/faulty)")
    parser.add_argument("--crawl-delay", type=float, default=0.0, help="Crawl-delay of its robots.txt")
    args = parser.parse_args(argv)
    site = FaultSite(Path(args.root), crawl_delay=args.crawl_delay)
    return run(serve(args.root, site=site), command, args.root)


if __name__ == "__main__":
    sys.exit(main())
