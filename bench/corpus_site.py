"""A scored corpus (``truth.jsonl`` + ``html/*.html.gz``) served on 127.0.0.1 at the pages' original paths, with
``/sitemap.xml`` listing them all and ``/robots.txt`` pointing at it: what the benchmarks crawl.

``python -m bench.corpus_site ../shared/corpus/news-dev [--repeat N] [--unique] [-- CMD ...]`` serves it (see
``newsproj.testing.server`` for the rest).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from newsproj.discovery.urls import without_trackers
from newsproj.testing.server import Site, run, serve, split_command


class CorpusSite(Site):
    """A scored corpus served at the pages' original paths, with a sitemap of them all.

    With ``repeat`` > 1 (benchmarks of long crawls), copy ``k`` of every page is also served under ``/r<k>``
    + its path, and the sitemap lists every copy. With ``unique``, each copy is also another article: its
    canonical URL (the page's URL wherever the page states it) gets the same ``/r<k>`` prefix and every
    paragraph ends with a mark of the copy, so a crawl exports every copy instead of dropping the copies as
    duplicates (what a crawl of a real site's distinct articles costs: near-duplicate signatures, records
    written, state kept).
    """

    def __init__(self, root: Path, repeat: int = 1, unique: bool = False):
        super().__init__(root)
        self.repeat = repeat
        self.unique = unique
        self.pages: dict[str, Path] = {}
        """path+query → page: every page under its truth URL's, and under it without tracking parameters"""
        self.listed: list[str] = []
        """path+query of every page as its truth URL gives it (what the sitemap and the links list), in truth order"""
        self.urls: dict[Path, str] = {}
        for line in (self.root / "truth.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            page = json.loads(line)
            parts = urlsplit(page["url"])
            key = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            if key not in self.pages:
                self.listed.append(key)
            self.pages.setdefault(key, self.root / page["file"])
            self.urls.setdefault(self.root / page["file"], page["url"])
            # as the publisher's server does, the page also answers without its tracking parameters (listed with
            # them only: a crawler that stripped them before a request got the page, under another path+query)
            plain = urlsplit(without_trackers(page["url"]))
            self.pages.setdefault((plain.path or "/") + (f"?{plain.query}" if plain.query else ""),
                                  self.root / page["file"])

    def _copy(self, file: Path, k: int) -> bytes:
        """Copy ``k`` of a page as another article (``unique``)."""
        url = self.urls[file]
        parts = urlsplit(url)
        moved = parts._replace(path=f"/r{k}{parts.path or '/'}").geturl()
        body = self._page(file).replace(url.encode(), moved.encode())
        return body.replace(b"</p>", f" (r{k})</p>".encode())

    def lookup(self, path: str, query: str, base: str) -> tuple[int, dict[str, str], bytes] | None:
        key = path + (f"?{query}" if query else "")
        if key == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, f"User-agent: *\nSitemap: {base}/sitemap.xml\n".encode()
        if key == "/sitemap.xml":
            prefixes = [""] + [f"/r{k}" for k in range(1, self.repeat)]
            locs = "".join(f"<url><loc>{escape(base + p + k)}</loc></url>" for p in prefixes for k in self.listed)
            xml = (
                '<?xml version="1.0" encoding="UTF-8"?>'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
            )
            return 200, {"Content-Type": "application/xml"}, xml.encode()
        copy = 0
        if self.repeat > 1 and key.startswith("/r") and "/" in key[1:]:
            prefix, _, rest = key[1:].partition("/")
            if prefix[1:].isdigit():
                key, copy = "/" + rest, int(prefix[1:])
        file = self.pages.get(key)
        if file is None:
            return None
        body = self._copy(file, copy) if self.unique and copy else self._page(file)
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body

    @functools.cache  # noqa: B019 - one site per server; a corpus is a few MB: the server stays cheap in benchmarks
    def _page(self, file: Path) -> bytes:
        return gzip.decompress(file.read_bytes())


def main(argv: list[str] | None = None) -> int:
    argv, command = split_command(argv)
    parser = argparse.ArgumentParser(prog="python -m bench.corpus_site", description=__doc__.split("\n\n")[0])
    parser.add_argument("root", help="corpus folder (truth.jsonl and html/)")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each answer")
    parser.add_argument("--repeat", type=int, default=1, help="serve N copies of every page")
    parser.add_argument("--unique", action="store_true", help="with --repeat: each copy is another article")
    args = parser.parse_args(argv)
    site = CorpusSite(Path(args.root), repeat=args.repeat, unique=args.unique)
    return run(serve(args.root, delay=args.delay, site=site), command, args.root)


if __name__ == "__main__":
    sys.exit(main())
