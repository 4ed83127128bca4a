"""Loopback fixture server: serves a folder (the demo site, test fixtures) or a scored corpus on
127.0.0.1 and a free port. Used by ``make crawl``, ``make bench`` and the tests. Never binds elsewhere.

Folder mode: ``/a/b/`` → ``a/b/index.html``; other paths → the file of that name. ``{{BASE}}`` in a
served file (inside ``.gz`` too) becomes the server's base URL. Files starting with ``_`` are hidden.

Corpus mode (``--corpus DIR`` with ``truth.jsonl`` + ``html/*.html.gz``): every page at its original
path and query, ``/sitemap.xml`` listing them all and ``/robots.txt`` pointing at it.

``python -m newsproj.testing.server ROOT [--corpus] [--delay S] [--access-log F] [-- CMD ...]`` prints the
base URL, or with ``CMD`` runs it (``{base}`` in its arguments replaced) while serving and exits with its status.
"""

from __future__ import annotations

import argparse
import gzip
import json
import mimetypes
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.sax.saxutils import escape

PLACEHOLDER = b"{{BASE}}"
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".gz": "application/gzip",
}


class Site:
    """What to answer for a path: ``(status, headers, body)`` or None (404)."""

    def __init__(self, root: Path):
        self.root = root.resolve()

    def lookup(self, path: str, query: str, base: str) -> tuple[int, dict[str, str], bytes] | None:
        rel = unquote(path).lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        target = (self.root / rel).resolve()
        if not target.is_relative_to(self.root) or not target.is_file():
            return None
        if any(part.startswith("_") for part in target.relative_to(self.root).parts):
            return None
        body = target.read_bytes()
        if target.suffix == ".gz":
            body = gzip.compress(gzip.decompress(body).replace(PLACEHOLDER, base.encode()), mtime=0)
        else:
            body = body.replace(PLACEHOLDER, base.encode())
        ctype = _TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return 200, {"Content-Type": ctype}, body


class CorpusSite(Site):
    """A scored corpus served at the pages' original paths, with a sitemap of them all.

    With ``repeat`` > 1 (benchmarks of long crawls), copy ``k`` of every page is also served under ``/r<k>``
    + its path, and the sitemap lists every copy.
    """

    def __init__(self, root: Path, repeat: int = 1):
        super().__init__(root)
        self.repeat = repeat
        self.pages: dict[str, Path] = {}
        for line in (self.root / "truth.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            page = json.loads(line)
            parts = urlsplit(page["url"])
            key = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            self.pages.setdefault(key, self.root / page["file"])

    def lookup(self, path: str, query: str, base: str) -> tuple[int, dict[str, str], bytes] | None:
        key = path + (f"?{query}" if query else "")
        if key == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, f"User-agent: *\nSitemap: {base}/sitemap.xml\n".encode()
        if key == "/sitemap.xml":
            prefixes = [""] + [f"/r{k}" for k in range(1, self.repeat)]
            locs = "".join(f"<url><loc>{escape(base + p + k)}</loc></url>" for p in prefixes for k in self.pages)
            xml = (
                '<?xml version="1.0" encoding="UTF-8"?>'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
            )
            return 200, {"Content-Type": "application/xml"}, xml.encode()
        if self.repeat > 1 and key.startswith("/r") and "/" in key[1:]:
            prefix, _, rest = key[1:].partition("/")
            if prefix[1:].isdigit():
                key = "/" + rest
        file = self.pages.get(key)
        if file is None:
            return None
        return 200, {"Content-Type": "text/html; charset=utf-8"}, gzip.decompress(file.read_bytes())


class FixtureServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: Site, delay: float = 0.0, access_log: Path | None = None, port: int = 0):
        super().__init__(("127.0.0.1", port), _Handler)
        self.site = site
        self.delay = delay
        self.access_log = access_log
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def record(self, method: str, target: str, status: int) -> None:
        with self._lock:
            self.hits[target] += 1
            if self.access_log:
                with self.access_log.open("a", encoding="utf-8") as fh:
                    fh.write(f"{method} {target} {status}\n")

    def start(self) -> FixtureServer:
        threading.Thread(target=self.serve_forever, name="fixture-server", daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: FixtureServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet: the access log is ours
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._answer(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        if self.server.delay:
            time.sleep(self.server.delay)
        parts = urlsplit(self.path)
        found = self.server.site.lookup(parts.path or "/", parts.query, self.server.base)
        status, headers, body = found or (404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>")
        self.server.record(self.command, self.path, status)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


def serve(
    root: str | Path, corpus: bool = False, delay: float = 0.0, access_log: Path | None = None, repeat: int = 1
) -> FixtureServer:
    """Start a server in a background thread and return it (``.base``, ``.hits``, ``.stop()``)."""
    site = CorpusSite(Path(root), repeat=repeat) if corpus else Site(Path(root))
    return FixtureServer(site, delay=delay, access_log=access_log).start()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, command = argv[:cut], argv[cut + 1 :]
    parser = argparse.ArgumentParser(prog="python -m newsproj.testing.server", description=__doc__.split("\n\n")[0])
    parser.add_argument("root", help="folder to serve (or corpus folder with --corpus)")
    parser.add_argument("--corpus", action="store_true", help="serve a scored corpus at its original paths")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each answer")
    parser.add_argument("--access-log", type=Path, help="append 'METHOD PATH STATUS' lines to this file")
    parser.add_argument("--repeat", type=int, default=1, help="with --corpus: serve N copies of every page")
    args = parser.parse_args(argv)
    server = serve(args.root, corpus=args.corpus, delay=args.delay, access_log=args.access_log, repeat=args.repeat)
    try:
        if not command:
            print(server.base, flush=True)
            threading.Event().wait()
            return 0
        print(f"serving {args.root} at {server.base}", file=sys.stderr, flush=True)
        return subprocess.call([part.replace("{base}", server.base) for part in command])
    except KeyboardInterrupt:
        return 130
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
