"""Small generated sites for integrity tests: articles with distinct text, a homepage linking them, robots.txt,
and a gate that holds article answers until the test lets them through (so a kill or a pause always lands
mid-crawl, whatever the machine's load). Served by :class:`newsproj.testing.server.FixtureServer` on 127.0.0.1."""

from __future__ import annotations

import html
import json
import threading
from collections.abc import Callable
from pathlib import Path

from newsproj.testing.server import FixtureServer, Site

WORDS = ("council harbour budget ferry museum library bridge market river school orchestra station tram garden "
         "festival hospital bakery stadium archive workshop").split()


def article_html(slug: str, title: str, *, n: int = 0, head: str = "", body_extra: str = "",
                 canonical: str | None = None, paragraphs: int = 6) -> str:
    """A plain news article page whose text is unique to ``n`` (no two articles of a site share a sentence)."""
    sentences = []
    for p in range(paragraphs):
        words = [WORDS[(n * 7 + p * 3 + i) % len(WORDS)] for i in range(12)]
        sentences.append(
            f"Report {n}-{p}: the {words[0]} and the {words[1]} committee met on day {n * 31 + p} to discuss "
            f"the {words[2]}, the {words[3]} and {words[4]} plans, which residents of district {n} said would "
            f"change the {words[5]} near the {words[6]} for years to come, according to officials."
        )
    body = "\n".join(f"<p>{html.escape(s)}</p>" for s in sentences)
    canon = f'<link rel="canonical" href="{html.escape(canonical, quote=True)}">' if canonical else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
{canon}<meta property="article:published_time" content="2024-09-{(n % 27) + 1:02d}T10:00:00+00:00">{head}</head>
<body><header><nav><a href="/">Home</a></nav></header><main><article><h1>{html.escape(title)}</h1>
<p class="byline">By Ada Writer</p>{body}{body_extra}</article></main><footer>Small Site</footer></body></html>"""


def homepage(links: list[str], title: str = "Small Site") -> str:
    items = "".join(f'<li><a href="{html.escape(u, quote=True)}">Story {i}</a></li>' for i, u in enumerate(links))
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>{title}</h1><ul>{items}</ul></body></html>"""


class PageSite(Site):
    """Pages from a dict ``path → (content type, text)``; ``{{BASE}}`` in a text becomes the server's base URL,
    ``{{HOST}}`` its ``host:port``.
    Paths for which ``gated(path)`` is true wait for :meth:`release` before they are answered."""

    def __init__(self, pages: dict[str, tuple[str, str]], gated: Callable[[str], bool] | None = None):
        super().__init__(Path("."))
        self.pages = pages
        self.gated = gated
        self.permits = threading.Semaphore(0)
        self.opened = threading.Event()
        self.served: list[str] = []

    def release(self, count: int = 1) -> None:
        self.permits.release(count)

    def open(self) -> None:
        self.opened.set()
        self.permits.release(10_000)

    def lookup(self, path: str, query: str, base: str):  # type: ignore[override]
        key = path + (f"?{query}" if query else "")
        page = self.pages.get(key)
        if page is None:
            return None
        if self.gated is not None and self.gated(key) and not self.opened.is_set():
            while not self.permits.acquire(timeout=0.2):
                if self.opened.is_set():
                    break
        self.served.append(key)
        ctype, text = page
        text = text.replace("{{BASE}}", base).replace("{{HOST}}", base.split("://", 1)[1])
        return 200, {"Content-Type": ctype}, text.encode("utf-8", "surrogatepass")


def news_site(count: int = 8, prefix: str = "/news/2024/09/") -> dict[str, tuple[str, str]]:
    """``count`` articles linked from the homepage, and a robots.txt without sitemaps."""
    pages: dict[str, tuple[str, str]] = {"/robots.txt": ("text/plain", "User-agent: *\nDisallow: /private/\n")}
    links = []
    for n in range(count):
        path = f"{prefix}story-number-{n}-about-the-town.html"
        links.append(path)
        pages[path] = ("text/html; charset=utf-8", article_html(path, f"Story number {n} about the town", n=n))
    pages["/"] = ("text/html; charset=utf-8", homepage(links))
    return pages


def serve_pages(pages: dict[str, tuple[str, str]], gated: Callable[[str], bool] | None = None,
                delay: float = 0.0) -> tuple[FixtureServer, PageSite]:
    site = PageSite(pages, gated)
    return FixtureServer(site, delay=delay).start(), site


def jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def count_lines(*paths: Path) -> int:
    """Lines in these files (a missing file has none)."""
    total = 0
    for path in paths:
        try:
            total += path.read_bytes().count(b"\n")
        except FileNotFoundError:
            pass
    return total


class FailingUpload:
    """A feed storage that uploads at close, like S3 or FTP, and whose upload fails (``FEED_STORAGES`` scheme
    ``failing``); with ``failing://ok`` the upload succeeds and lands in the file named by the query
    ``?to=PATH``."""

    def __init__(self, uri: str, *, feed_options: dict | None = None):
        from urllib.parse import parse_qs, urlsplit

        parts = urlsplit(uri)
        self.ok = parts.netloc == "ok"
        self.to = parse_qs(parts.query).get("to", [""])[0]

    @classmethod
    def from_crawler(cls, crawler, uri: str, *, feed_options: dict | None = None):
        return cls(uri, feed_options=feed_options)

    def open(self, spider):
        import tempfile

        return tempfile.NamedTemporaryFile(prefix="feed-")

    def store(self, file) -> None:
        if not self.ok:
            file.close()
            raise OSError("upload refused by the remote end")
        file.seek(0)
        Path(self.to).write_bytes(file.read())
        file.close()


class KillAtStateSave:
    """``NEWSPROJ_STATE_BACKEND`` for a kill at one exact point: the STATE_DIR backend whose durable-batch save
    (``record_durable``, sent once the feed is fsynced or stored) SIGKILLs the crawl process instead."""

    @classmethod
    def from_crawler(cls, crawler):
        from newsproj.state.files import FileStateStore

        class Killing(FileStateStore):
            def record_durable(self, records, signatures, aliases):
                import os
                import signal

                os.kill(os.getpid(), signal.SIGKILL)

        return Killing.from_crawler(crawler)


class FullDiskAtStateSave:
    """``NEWSPROJ_STATE_BACKEND``: the STATE_DIR backend whose durable-batch saves fail as on a full disk."""

    @classmethod
    def from_crawler(cls, crawler):
        import sqlite3

        from newsproj.state.files import FileStateStore

        class Full(FileStateStore):
            def record_durable(self, records, signatures, aliases):
                raise sqlite3.OperationalError("database or disk is full")

        return Full.from_crawler(crawler)


class KillAfterStateSave:
    """``NEWSPROJ_STATE_BACKEND``: the STATE_DIR backend that SIGKILLs the crawl process right after its first
    durable-batch save has committed (the state holds the records; whatever was to follow did not happen)."""

    @classmethod
    def from_crawler(cls, crawler):
        from newsproj.state.files import FileStateStore

        class Killing(FileStateStore):
            def record_durable(self, records, signatures, aliases):
                import os
                import signal

                super().record_durable(records, signatures, aliases)
                os.kill(os.getpid(), signal.SIGKILL)

        return Killing.from_crawler(crawler)


def _storage_killing(when: str):
    """A ``SafeFileFeedStorage`` (``FEED_STORAGES`` scheme ``""``) whose per-run file's publication SIGKILLs the
    crawl process at one exact point: ``linked`` once its ``.part`` is hard-linked under its final name, before the
    ``.part`` name is removed (inside ``feeds.publish``); ``published`` once it is published, before the run's
    manifest is written (``RunManifest.engine_stopped``)."""
    import os
    import signal

    from newsproj import feeds

    class Killing(feeds.SafeFileFeedStorage):
        def publish_held(self):
            if when == "linked":
                os.link(self.target, self.final)
                os.kill(os.getpid(), signal.SIGKILL)
            published = super().publish_held()
            os.kill(os.getpid(), signal.SIGKILL)
            return published

    return Killing


KillInPublish = _storage_killing("linked")
KillAfterPublish = _storage_killing("published")


class FullDiskAtWarcWrite:
    """``EXTENSIONS`` entry (beside the project's): the WARC writer's disk is full after its first 2 records (every
    later write fails with ENOSPC, as a full disk does)."""

    @classmethod
    def from_crawler(cls, crawler):
        import errno
        import io

        from newsproj.warc import writer

        class Filling(io.FileIO):
            writes = 0

            def write(self, data, /):
                Filling.writes += 1
                if Filling.writes > 2:
                    raise OSError(errno.ENOSPC, "No space left on device")
                return super().write(data)

        original = writer.WarcWriter._next_file

        def _next_file(self):
            original(self)
            self._real_file = self._file  # kept open (and locked): the wrapper writes to its descriptor
            self._file = Filling(self._file.fileno(), "wb", closefd=False)

        writer.WarcWriter._next_file = _next_file
        return cls()


class FullDiskAtWarcClose:
    """``EXTENSIONS`` entry: every WARC record is written, but the WARC file cannot be published when the run ends
    (its ``fsync`` fails as on a full disk or a failing device: ``WarcWriter._publish``, which ``close`` calls)."""

    @classmethod
    def from_crawler(cls, crawler):
        import errno

        from newsproj.warc import writer

        def _publish(self):
            if self._file is not None:
                raise OSError(errno.ENOSPC, "No space left on device")

        writer.WarcWriter._publish = _publish
        return cls()


class KillBeforeReplace:
    """``FEED_STORAGES`` scheme ``""``: a ``SafeFileFeedStorage`` that SIGKILLs the crawl process once its Parquet
    ``.part`` is complete (footer written, fsynced), before it replaces the final file (``-o``/``-O``)."""

    @classmethod
    def from_crawler(cls, crawler, uri, *, feed_options=None):
        import os
        import signal

        from newsproj import feeds

        class Killing(feeds.SafeFileFeedStorage):
            def store(self, file):
                if self.atomic and not self.per_run:
                    os.fsync(file.fileno())
                    os.kill(os.getpid(), signal.SIGKILL)
                return super().store(file)

        return Killing.from_crawler(crawler, uri, feed_options=feed_options)


def linked_site(count: int = 40, sections: int = 4, related: int = 8, popular: int = 10
                ) -> dict[str, tuple[str, str]]:
    """``count`` articles, each linked from the homepage, from one of ``sections`` sections (two pages each, and a
    "most read" list of the first ``popular`` articles on each) and from the "related" list of ``related`` other
    articles: the same article URLs linked again and again, page after page, as news sites do."""
    pages: dict[str, tuple[str, str]] = {"/robots.txt": ("text/plain", "User-agent: *\nDisallow: /private/\n")}
    links = [f"/news/2024/09/story-number-{n}-about-the-town.html" for n in range(count)]
    section_links = [f"/section/{s}/" for s in range(sections)]
    for n, path in enumerate(links):
        others = [links[(n + k) % count] for k in range(1, related + 1)]
        aside = "<aside><h2>Related</h2><ul>" + "".join(
            f'<li><a href="{u}">Related story {(n + k) % count}</a></li>' for k, u in enumerate(others, 1)
        ) + "</ul></aside>"
        pages[path] = ("text/html; charset=utf-8",
                       article_html(path, f"Story number {n} about the town", n=n, body_extra=aside))
    for s, section in enumerate(section_links):
        mine = links[s::sections]
        half = len(mine) // 2
        pages[section] = ("text/html; charset=utf-8",
                          homepage([*mine[:half], f"{section}page/2/", *section_links, *links[:popular]],
                                   f"Section {s}"))
        pages[f"{section}page/2/"] = ("text/html; charset=utf-8",
                                      homepage([*mine[half:], *section_links, *links[:popular]],
                                               f"Section {s}, page 2"))
    pages["/"] = ("text/html; charset=utf-8", homepage([*section_links, *links]))
    return pages


class CountingStateStore:
    """``NEWSPROJ_STATE_BACKEND``: the STATE_DIR backend, counting its reads in the run's stats
    (``test/state/get``, ``test/state/canonical_for``)."""

    @classmethod
    def from_crawler(cls, crawler):
        from newsproj.state.files import FileStateStore

        stats = crawler.stats

        class Counting(FileStateStore):
            def get(self, url):
                stats.inc_value("test/state/get")
                return super().get(url)

            def canonical_for(self, url):
                stats.inc_value("test/state/canonical_for")
                return super().canonical_for(url)

        return Counting.from_crawler(crawler)
