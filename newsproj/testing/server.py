"""Loopback fixture server: serves a folder (the demo site, test fixtures) on 127.0.0.1 and a free port. Used by
``make crawl``; the tests (tests/servers.py: the fault site) and the benchmarks (bench/corpus_site.py: a scored
corpus) serve their own sites through it. Never binds elsewhere.

``/a/b/`` → ``a/b/index.html``; other paths → the file of that name. ``{{BASE}}`` in a served file (inside
``.gz`` too) becomes the server's base URL. Files starting with ``_`` are hidden. A :class:`Site` subclass answers
other routes: ``lookup`` returns ``(status, headers, body)``, None (404), or a callable that writes the whole
answer itself (a slow, cut-off or endless response).

``python -m newsproj.testing.server ROOT [--delay S] [--access-log F] [-- CMD ...]`` prints the base URL, or with
``CMD`` runs it (``{base}`` in its arguments replaced) while serving and exits with its status.
"""

from __future__ import annotations

import argparse
import gzip
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


Answer = tuple[int, dict[str, str], bytes]
Writer = Any  # Callable[[_Handler], int]: writes the whole answer itself, returns the status it sent


class FixtureServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: Site, delay: float = 0.0, access_log: Path | None = None, port: int = 0):
        super().__init__(("127.0.0.1", port), _Handler)
        self.site = site
        self.delay = delay
        self.access_log = access_log
        self.hits: Counter[str] = Counter()
        self.times: list[tuple[float, str]] = []  # (monotonic time, target) of every request, in order
        self.request_headers: dict[str, dict[str, str]] = {}  # target → headers of its last request
        self.in_flight = 0
        self.max_in_flight = 0  # most requests answered at the same time (per-host concurrency)
        self._lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def record(self, method: str, target: str, status: int) -> None:
        with self._lock:
            self.hits[target] += 1
            self.times.append((time.monotonic(), target))
            if self.access_log:
                with self.access_log.open("a", encoding="utf-8") as fh:
                    fh.write(f"{method} {target} {status}\n")

    def start(self) -> FixtureServer:
        # serve_forever looks for shutdown() between selects of poll_interval: the default 0.5 s made every stop()
        # wait 0.25 s on average (24 stops of tests/e2e/test_faults.py + test_charsets.py: 5.7 s); 0.05 s costs an
        # idle server 20 selects a second.
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, name="fixture-server",
                         daemon=True).start()
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
        with self.server._lock:
            self.server.in_flight += 1
            self.server.max_in_flight = max(self.server.max_in_flight, self.server.in_flight)
        try:
            self._answer_now(head)
        finally:
            with self.server._lock:
                self.server.in_flight -= 1

    def _answer_now(self, head: bool) -> None:
        if self.server.delay:
            time.sleep(self.server.delay)
        self.server.request_headers[self.path] = dict(self.headers.items())
        parts = urlsplit(self.path)
        found = self.server.site.lookup(parts.path or "/", parts.query, self.server.base)
        try:
            if callable(found):  # a misbehaving route writes its own answer
                self.server.record(self.command, self.path, -1)
                found(self)
                return
            status, headers, body = found or (404, {"Content-Type": "text/html"},
                                              b"<html><body>Not found</body></html>")
            self.server.record(self.command, self.path, status)
            self.send_answer(status, headers, b"" if head else body, length=len(body))
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True  # the client hung up (timeout, size cap, stopped download)

    def send_answer(self, status: int, headers: dict[str, str], body: bytes, length: int | None = None) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        if body:
            self.wfile.write(body)


def serve(
    root: str | Path, delay: float = 0.0, access_log: Path | None = None, site: Site | None = None
) -> FixtureServer:
    """Start a server for ``site`` (default: the folder ``root``) in a background thread and return it
    (``.base``, ``.hits``, ``.stop()``)."""
    return FixtureServer(site or Site(Path(root)), delay=delay, access_log=access_log).start()


def run(server: FixtureServer, command: list[str], label: str) -> int:
    """Serve until interrupted (printing the base URL), or while ``command`` runs (``{base}`` replaced); then stop.
    Returns the command's exit status."""
    try:
        if not command:
            print(server.base, flush=True)
            threading.Event().wait()
            return 0
        print(f"serving {label} at {server.base}", file=sys.stderr, flush=True)
        return subprocess.call([part.replace("{base}", server.base) for part in command])
    except KeyboardInterrupt:
        return 130
    finally:
        server.stop()


def split_command(argv: list[str] | None) -> tuple[list[str], list[str]]:
    """``ARGS -- CMD`` → ``(ARGS, CMD)``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" in argv:
        cut = argv.index("--")
        return argv[:cut], argv[cut + 1 :]
    return argv, []


def main(argv: list[str] | None = None) -> int:
    argv, command = split_command(argv)
    parser = argparse.ArgumentParser(prog="python -m newsproj.testing.server", description=__doc__.split("\n\n")[0])
    parser.add_argument("root", help="folder to serve")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each answer")
    parser.add_argument("--access-log", type=Path, help="append 'METHOD PATH STATUS' lines to this file")
    args = parser.parse_args(argv)
    return run(serve(args.root, delay=args.delay, access_log=args.access_log), command, args.root)


if __name__ == "__main__":
    sys.exit(main())
