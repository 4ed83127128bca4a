"""Quality, measured out of sample: every corpus of ../shared/corpus crawled the way a new site meets the crawler,
scored with ../shared/tools/score.py per corpus and per half of a split by site.

**The split.** Each corpus is cut in two halves by publisher (``publisher`` in truth.jsonl, else the URL's host
without ``www.``; a page with a synthetic ``*.invalid`` URL is its own publisher): a publisher is in half A when the
first byte of the SHA-256 of its key is even, else in half B. Rules are tuned on half A and reported on half B; a
rule is kept only when it helps the half it was not written from. ``bench/split.json`` records the publishers of
each half (keys only, never pages); the bench fails when the corpus no longer splits that way.

**The crawls.** Each corpus is served on 127.0.0.1 (:class:`LinkedCorpusSite`: every page at its original path,
``/robots.txt`` → ``/sitemap.xml`` listing them all, and a generated homepage ``/`` with paginated section pages
linking every article, links only) and crawled with ``scrapy crawl news``:

- ``sitemap``: from ``/robots.txt`` (every article listed in a sitemap);
- ``links``: from ``/`` (every article found by following links);
- each with the site registry on (default) and off (``-s NEWSPROJ_SITE_REGISTRY=0``: what a new site gets).

**Beside them**, on the same pages: bare ``trafilatura.bare_extraction`` (with metadata) and ``readability-lxml``
in this process, and ``newspaper4k`` (an ``Article`` built from the page's HTML, offline:
:mod:`bench.baseline_newspaper4k`) in a subprocess of its own venv, made on demand from ``bench/baselines.lock``
(:mod:`bench.baselines`; newsproj does not depend on it; when the venv cannot be made the bench says so in one line
and leaves its column out); and the item path (extract → clean) to count the *truth lines removed by cleaning*: body
lines that the extractor returned, cleaning dropped, and the truth holds.

- ``sitemap/second-run``: the sitemap crawl again with the ``STATE_DIR/templates/`` the first sitemap crawl left
  (what a later run of a site gets from the template-line rule's history; nothing else of that state, so every
  page is emitted and scored).

``BENCH_QUICK=1``: half B only, the links path and the registry-off run on the sitemap path only.
``BENCH_SETTINGS="NAME=VALUE ..."``: settings added to every crawl (``NEWSPROJ_TEMPLATE_ENABLED=0``: before/after).
``python -m bench.quality --inprocess [--half A|B] [--corpus NAME]``: the item path in this process only (no
crawl), scored the same way: the loop for tuning rules on half A; ``--beaten GAP`` scores trafilatura and
readability-lxml on the same pages too and lists the pages where one beats the item path by ``GAP`` F1 or more.
``--verbose`` lists every truth line cleaning removed, with its reason, a tally by reason and whether the record
states the line's date or author in its own fields (a dateline or byline moved out of the body, not prose lost).

**Truth lines removed, and lost.** ``truth_lines_removed`` counts every truth body line cleaning dropped, whatever
it says: some corpora's truth keeps what the product must strip (dragnet-dev's README: "copied text often keeps
datelines, bylines, 'Labels:'/tag lines and captions"; the brief's seed example counts bylines, "Published on" lines
and photo credits as chrome). ``truth_lines_lost`` counts, of those, the lines that are neither chrome by
score.py's own patterns (``chrome_pattern``: what it would count against a record that kept them, were they not in
the truth) nor stated in the record's own date or author fields (:func:`_stated`): text the record lost.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from bench import baselines
from bench.corpus_site import CorpusSite
from newsproj.discovery.urls import without_trackers
from newsproj.testing.server import FixtureServer

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "tools" / "score.py"
SPLIT_FILE = Path(__file__).resolve().parent / "split.json"
HALVES = ("A", "B")
FIGURES = ("body_f1", "body_precision", "body_recall", "coverage", "chrome", "truth_lines_removed",
           "truth_lines_lost", "headline", "authors", "date", "language")
SECTION_PAGE_SIZE = 25
"""Article links on one section page; a section has up to ``SECTION_PAGES`` pages."""
SECTION_PAGES = 4


# ------------------------------------------------------------------ corpora and the split


def corpora() -> list[Path]:
    base = SHARED / "corpus"
    return sorted(p for p in base.iterdir() if (p / "truth.jsonl").exists()) if base.exists() else []


def truth_pages(corpus: Path) -> list[dict[str, Any]]:
    lines = (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def split_key(page: dict[str, Any]) -> str:
    """The publisher a page belongs to: its ``publisher``, else its host without ``www.``; a synthetic URL (no
    publisher known) is a publisher of its own."""
    host = (urlsplit(page["url"]).hostname or "").lower().removeprefix("www.")
    if page.get("publisher"):
        return str(page["publisher"]).lower().removeprefix("www.")
    if host.endswith(".invalid"):
        return f"{host}/{page['id']}"
    return host


def half_of(key: str) -> str:
    return HALVES[hashlib.sha256(key.encode("utf-8")).digest()[0] % 2]


def split(corpus: Path) -> dict[str, list[str]]:
    """Publisher keys of each half (sorted)."""
    keys = sorted({split_key(p) for p in truth_pages(corpus)})
    return {h: [k for k in keys if half_of(k) == h] for h in HALVES}


def check_split(names: Iterable[Path], write: bool = False) -> list[str]:
    """Differences between the corpora's split and the recorded one (``write``: record it instead)."""
    current = {c.name: split(c) for c in names}
    if write or not SPLIT_FILE.exists():
        SPLIT_FILE.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return []
    recorded = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    return [f"{name}: its publishers no longer split as bench/split.json records"
            for name, halves in current.items() if name in recorded and recorded[name] != halves]


def half_dir(corpus: Path, half: str | None, workdir: Path) -> Path:
    """A truth folder holding one half of the corpus (score.py and the server read it); ``None``: the corpus."""
    if half is None:
        return corpus
    out = workdir / "truth" / corpus.name / half
    out.mkdir(parents=True, exist_ok=True)
    kept = [p for p in truth_pages(corpus) if half_of(split_key(p)) == half]
    (out / "truth.jsonl").write_text("".join(json.dumps(p) + "\n" for p in kept), encoding="utf-8")
    if not (out / "html").exists():
        (out / "html").symlink_to(corpus / "html")
    return out


# ------------------------------------------------------------------ scoring


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("newsproj_bench_score", SCORE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(truth_dir: Path, records: Path) -> dict[str, Any]:
    """score.py's summary and per-page rows."""
    return _scorer().score(truth_dir, records)


# ------------------------------------------------------------------ the site served: sitemap and links


class LinkedCorpusSite(CorpusSite):
    """A corpus served as a news site: every page at its original path, robots.txt → sitemap, and a homepage
    ``/`` linking to section pages (``/sections/<n>/``, paginated as ``/sections/<n>/page/<k>/``) that link every
    article. Links only: no article is listed anywhere else on the links path."""

    def __init__(self, root: Path):
        super().__init__(root)
        self.paths = list(self.listed)
        per_section = SECTION_PAGE_SIZE * SECTION_PAGES
        self.sections = [self.paths[i : i + per_section] for i in range(0, len(self.paths), per_section)]

    def _listing(self, title: str, links: list[tuple[str, str]]) -> bytes:
        items = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>\n' for href, text in links)
        return (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | Bench News'
            f"</title></head><body><header><a href=\"/\">Bench News</a></header><h1>{escape(title)}</h1>"
            f"<ul>\n{items}</ul></body></html>"
        ).encode()

    @staticmethod
    def _label(path: str) -> str:
        words = re.findall(r"[A-Za-z]{3,}", urlsplit(path).path.rsplit("/", 1)[-1] or path)
        return " ".join(words[:10]).capitalize() or "Story"

    def lookup(self, path: str, query: str, base: str) -> tuple[int, dict[str, str], bytes] | None:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/" and not query and "/" not in self.pages:
            sections = [(f"/sections/{n}/", f"Section {n}") for n in range(1, len(self.sections) + 1)]
            top = [(p, self._label(p)) for p in self.paths[:5]]
            return 200, html, self._listing("Home", sections + top)
        match = re.fullmatch(r"/sections/(\d+)/(?:page/(\d+)/)?", path)
        if match and not query:
            n, k = int(match[1]), int(match[2] or 1)
            if not 1 <= n <= len(self.sections) or not 1 <= k <= SECTION_PAGES:
                return None
            chunk = self.sections[n - 1][(k - 1) * SECTION_PAGE_SIZE : k * SECTION_PAGE_SIZE]
            if not chunk:
                return None
            links = [(p, self._label(p)) for p in chunk]
            if k < SECTION_PAGES and len(self.sections[n - 1]) > k * SECTION_PAGE_SIZE:
                links.append((f"/sections/{n}/page/{k + 1}/", "Next page"))
            return 200, html, self._listing(f"Section {n}" + (f", page {k}" if k > 1 else ""), links)
        return super().lookup(path, query, base)


def crawl(truth_dir: Path, out: Path, path: str, registry: bool, state_dir: Path | None = None,
          server: FixtureServer | None = None) -> dict[str, Any]:
    """``scrapy crawl news`` over the corpus served as a site, from robots.txt (``sitemap``) or from the homepage
    (``links``); the run's stats. ``state_dir``: the run's ``STATE_DIR`` (default: none, no cross-run state);
    ``server``: a running server of ``truth_dir`` to crawl, left running (a later run of a site meets it at the
    same ``host:port``; the port of a stopped server, bound again, could be another process's by then); default:
    one of the run's own on any free port.
    ``BENCH_SETTINGS="NAME=VALUE ..."`` adds settings to every crawl (e.g. ``NEWSPROJ_TEMPLATE_ENABLED=0``)."""
    own = server is None
    if server is None:
        server = FixtureServer(LinkedCorpusSite(truth_dir)).start()
    extra = [arg for setting in os.environ.get("BENCH_SETTINGS", "").split() for arg in ("-s", setting)]
    stats_file = out.with_suffix(".stats.json")
    seed = f"{server.base}/robots.txt" if path == "sitemap" else f"{server.base}/"
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={seed}", "-O", str(out),
             "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "LOG_LEVEL=WARNING",
             "-s", f"STATE_DIR={state_dir or ''}",  # no cross-run state unless asked: every run scores the corpus
             "-s", "NEWSPROJ_MONITOR_COLLAPSE_RATIO=0", "-s", "NEWSPROJ_MONITOR_MAX_DROP_RATE=1",
             "-s", f"NEWSPROJ_SITE_REGISTRY={int(registry)}", "-s", f"NEWSPROJ_STATS_FILE={stats_file}", *extra],
            cwd=ROOT, capture_output=True, text=True,
        )
    finally:
        if own:
            server.stop()
    if not out.exists():
        raise RuntimeError(f"crawl of {truth_dir} ({path}) wrote nothing:\n{proc.stderr[-2000:]}")
    _score_by_claim(out)
    try:
        return json.loads(stats_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _score_by_claim(records: Path) -> None:
    """Served from 127.0.0.1, a page's canonical link names another site: the crawl keeps it as
    ``metadata.canonicalClaim`` and gives the local URL (without tracking parameters, as a canonical URL). The
    scorer matches a record to its page by canonical URL or path: the claim is put back for scoring."""
    lines = []
    for line in records.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        claim = (record.get("metadata") or {}).get("canonicalClaim")
        if claim:
            record["canonicalUrl"] = claim
        lines.append(json.dumps(record, ensure_ascii=False))
    records.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


# ------------------------------------------------------------------ baselines and the item path, in process


def _html(corpus: Path, page: dict[str, Any]) -> bytes:
    return gzip.decompress((corpus / page["file"]).read_bytes())


def _write(out: Path, records: Iterable[dict[str, Any]]) -> None:
    with out.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def trafilatura_records(corpus: Path, pages: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    import trafilatura

    for page in pages:
        html = _html(corpus, page).decode("utf-8", "replace")
        try:
            found = trafilatura.bare_extraction(html, url=page["url"], with_metadata=True)
            doc = found.as_dict() if found is not None and not isinstance(found, dict) else found
        except Exception:  # noqa: BLE001 - a baseline that raises scores 0 on that page
            doc = None
        if not doc:
            continue
        authors = [{"name": a.strip()} for a in (doc.get("author") or "").split(";") if a.strip()]
        yield {"url": page["url"], "canonicalUrl": page["url"], "headline": doc.get("title"),
               "articleBody": doc.get("text") or "", "authors": authors, "datePublished": doc.get("date"),
               "inLanguage": doc.get("language")}


_BLOCK_TAGS = frozenset(("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "br",
                         "section", "article", "td", "dd", "dt", "table", "ul", "ol"))


def _block_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per block."""
    import lxml.html

    tree = lxml.html.fromstring(fragment)
    parts: list[str] = []
    for event, el in _walk(tree):
        if event == "text":
            parts.append(el)
        elif el in _BLOCK_TAGS:
            parts.append("\n")
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip())


def _walk(el: Any) -> Iterable[tuple[str, Any]]:
    stack: list[tuple[Any, bool]] = [(el, False)]
    while stack:
        node, done = stack.pop()
        if done:
            if isinstance(node.tag, str):
                yield "end", node.tag
            if node.tail:
                yield "text", node.tail
            continue
        if isinstance(node.tag, str):
            yield "start", node.tag
            if node.text:
                yield "text", node.text
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))


def readability_records(corpus: Path, pages: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    from readability import Document

    for page in pages:
        html = _html(corpus, page).decode("utf-8", "replace")
        try:
            doc = Document(html)
            body = _block_text(doc.summary(html_partial=True))
            title = doc.short_title()
        except Exception:  # noqa: BLE001 - a baseline that raises scores 0 on that page
            continue
        yield {"url": page["url"], "canonicalUrl": page["url"], "headline": title, "articleBody": body,
               "authors": [], "datePublished": None, "inLanguage": None}


def newspaper4k_records(corpus: Path, pages: list[dict[str, Any]],
                        info: dict[str, Any] | None = None) -> Iterable[dict[str, Any]]:
    """newspaper4k's records (:func:`bench.baselines.run_newspaper4k`: a subprocess of the baseline venv); its
    summary (version, errors by kind, network attempts refused) goes to ``info``. Raises
    :class:`bench.baselines.Unavailable` when it cannot run here."""
    jobs = [{"url": page["url"], "path": str(corpus / page["file"])} for page in pages]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "newspaper4k.jsonl"
        summary = baselines.run_newspaper4k(jobs, out)
        if info is not None:
            info.update(summary)
        lines = out.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


BASELINES: dict[str, Callable[..., Iterable[dict[str, Any]]]] = {
    "trafilatura": trafilatura_records, "readability": readability_records, "newspaper4k": newspaper4k_records}


def _newspaper4k_note(info: dict[str, Any]) -> str:
    """What a newspaper4k run says about itself, in one line (pages without a record, by why; network refused)."""
    lost = sum(info.get("errors", {}).values())
    kinds = "; ".join(f"{n} {kind.split(chr(10))[0][:60]}" for kind, n in info.get("errors", {}).items())
    net = f", {info['network_attempts']} network attempts refused" if info.get("network_attempts") else ""
    return f"newspaper4k {info.get('version')}: {info.get('records')}/{info.get('pages')} pages with a record" + (
        f" (without: {kinds})" if lost else "") + net


def item_path(corpus: Path, pages: list[dict[str, Any]], registry: bool = True,
              removed: list[tuple[str, str, str]] | None = None, template: str = "off",
              outcomes: list[tuple[dict[str, Any], Any]] | None = None) -> Iterable[dict[str, Any]]:
    """What the crawl makes of each page (:func:`newsproj.extraction.page.process_page`: extract → verdict →
    clean), in this process. ``removed`` collects ``(page id, line, reason)`` for every line cleaning dropped.
    ``template``: the crawl's template-line rule (:mod:`newsproj.cleaning.template`, pages in truth order, one
    site per page's host and canonical claim) as a ``first`` run meets it (evidence grows page by page; a site's
    pages before its ``HOLD_PAGES``-th wait for it, or for the end), or a
    ``second`` run (every page's evidence learnt before: the history a first run leaves); ``off``: none.
    ``outcomes``: the pages' outcomes from an earlier call (:func:`page_outcomes`), not extracted again."""
    from itemadapter import ItemAdapter

    from newsproj.cleaning.template import TemplateLines, site_key
    from newsproj.pipelines.template import HOLD_PAGES, host_of

    if outcomes is None:
        outcomes = page_outcomes(corpus, pages, registry)
    lines = TemplateLines() if template != "off" else None

    def key(article: Any) -> str:
        return site_key(host_of(article.url), host_of(article.canonicalUrl or article.url))  # (as the crawl's)

    if lines is not None and template == "second":
        for _page, outcome in outcomes:
            if outcome.article is not None:
                lines.apply(key(outcome.article), outcome.article.articleBody)
    found_of: dict[int, Any] = {}
    if lines is not None:
        # as the crawl's pipeline: each page's lines learnt as it comes; a site's pages judged when it comes, or,
        # while the site has fewer than HOLD_PAGES pages of evidence, once it has (or at the end: the crawl idle)
        held: dict[str, list[tuple[int, Any]]] = {}
        for n, (_page, outcome) in enumerate(outcomes):
            if outcome.article is None:
                continue
            seen = lines.learn(key(outcome.article), outcome.article.articleBody)
            if lines.site(seen.site).pages >= HOLD_PAGES:
                for m, earlier in held.pop(seen.site, ()):
                    found_of[m] = lines.judge(earlier)
            elif seen.keys and template == "first":
                held.setdefault(seen.site, []).append((n, seen))
                continue
            found_of[n] = lines.judge(seen)
        for waiting in held.values():
            for m, earlier in waiting:
                found_of[m] = lines.judge(earlier)
    for n, (page, outcome) in enumerate(outcomes):
        if outcome.article is None:
            continue
        if lines is not None:
            found = found_of[n]
            outcome = replace(outcome, article=replace(outcome.article, articleBody=found.text),
                              removed=outcome.removed + found.removed)
        if removed is not None:  # (a repeated line dropped where the body still holds it is no line lost)
            kept = {" ".join(line.split()) for line in outcome.article.articleBody.split("\n")}
            removed.extend((page["id"], line, reason) for line, reason in outcome.removed
                           if " ".join(line.split()) not in kept)
        yield {k: v for k, v in ItemAdapter(outcome.article).asdict().items() if k != "metadata"}


def page_outcomes(corpus: Path, pages: list[dict[str, Any]], registry: bool = True) -> list[tuple[dict[str, Any],
                                                                                             Any]]:
    """(page, :class:`newsproj.extraction.page.PageOutcome`) for every page, in this process."""
    from newsproj.extraction.page import process_page
    from newsproj.items import PageItem

    outcomes = []
    for page in pages:
        item = PageItem(url=page["url"], html=_html(corpus, page), date_downloaded="2000-01-01T00:00:00+00:00",
                        encoding="utf-8")
        outcomes.append((page, process_page(item, find_site=registry)))
    return outcomes


_TOKENS = re.compile(r"\w+")


def _record_fields(pages: list[dict[str, Any]], records: Path) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per page id: the (dates, author names) of its record (a page without a record: none)."""
    of_url: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for line in records.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            dates = tuple(d for d in (record.get("datePublished"), record.get("dateModified")) if d)
            names = tuple(a["name"] for a in record.get("authors") or () if a.get("name"))
            of_url.setdefault(record.get("url"), (dates, names))
    return {page["id"]: of_url[page["url"]] for page in pages if page["url"] in of_url}


def _stated(line: str, dates: Iterable[str], names: Iterable[str]) -> str:
    """Where the record states what a removed line says, besides its body: ``date`` (the line holds the day and
    the year of the record's datePublished or dateModified), ``author`` (the line names one of its authors), both,
    or ``""``: a line of which the record keeps nothing. (What ``--verbose`` shows beside each removed truth line:
    a dateline or byline the record holds in its own fields is the schema's, not prose lost.)"""
    numbers = {int(n) for n in re.findall(r"\d+", line[:200])}
    date = any(d[:4].isdigit() and d[8:10].isdigit() and int(d[:4]) in numbers and int(d[8:10]) in numbers
               for d in dates)
    def folded(text: str) -> str:
        return " ".join(text.replace("’", "'").casefold().split())

    author = any(folded(name) in folded(line) for name in names)
    return "+".join(kind for kind, yes in (("date", date), ("author", author)) if yes)


def truth_lines_removed(pages: list[dict[str, Any]], removed: list[tuple[str, str, str]]) -> tuple[int, int,
                                                                                                   list[Any]]:
    """(truth body lines that cleaning removed, truth body lines, the removed lines as ``(page id, line,
    reason)``). A removed line counts when its tokens are a whole line of the page's truth body (or of its title: a
    body line equal to the headline is not prose lost)."""
    lines_of: dict[str, set[str]] = {}
    total = 0
    for page in pages:
        keys = {" ".join(_TOKENS.findall(line.casefold())) for line in page["body"].split("\n")}
        keys.discard("")
        total += len(keys)
        lines_of[page["id"]] = keys
    title_of = {p["id"]: " ".join(_TOKENS.findall((p.get("title") or "").casefold())) for p in pages}
    hits = []
    for page_id, line, reason in removed:
        key = " ".join(_TOKENS.findall(line.casefold()))
        if key and key in lines_of.get(page_id, ()) and key != title_of.get(page_id):
            hits.append((page_id, line, reason))
    return len(hits), total, hits


def truth_lines_lost(hits: Iterable[tuple[str, str, str]],
                     fields: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> int:
    """Of the removed truth lines ``hits`` (:func:`truth_lines_removed`), those that score.py's own patterns do not
    call chrome and that the page's record (``fields``: :func:`_record_fields`) does not state in its date or
    authors: text lost, not chrome or metadata the truth happens to keep."""
    chrome = _scorer().chrome_pattern
    return sum(1 for page_id, line, _reason in hits
               if not chrome(line) and not _stated(line, *fields.get(page_id, ((), ()))))


# ------------------------------------------------------------------ one run


def _summary(result: dict[str, Any]) -> dict[str, Any]:
    s = result["summary"]
    return {k: s.get(k) for k in ("pages", "matched", "coverage", "body_f1", "body_precision", "body_recall",
                                  "chrome", "headline", "authors", "date", "language", "headline_n",
                                  "authors_n", "date_n", "language_n")}


def _scored(corpus: Path, records: Path, workdir: Path, halves: tuple[str, ...]) -> dict[str, Any]:
    """Summaries per half (and of the whole corpus when both halves are there), plus half B's per-page rows."""
    out: dict[str, Any] = {}
    for half in halves:
        result = score(half_dir(corpus, half, workdir), records)
        out[half] = _summary(result)
        if half == "B":
            fetched = _fetched_paths(records)
            out["B_pages"] = [
                {k: r.get(k) for k in ("id", "url", "matched", "f1", "precision", "recall", "headline_ok")}
                | {"chrome_lines": [c["line"][:120] for c in r.get("chrome_lines") or []],
                   "written_untracked": not r.get("matched") and _untracked_path(r.get("url")) in fetched}
                for r in result["pages"]
            ]
    return out


def _path_query(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _untracked_path(url: str | None) -> str | None:
    """The path+query of a truth URL with tracking parameters, without them (what a crawl that stripped them before
    a request wrote, issue 13; a link is now requested as linked); None when it has none, so only such pages are
    marked."""
    if not url:
        return None
    plain = without_trackers(url)
    return _path_query(plain) if plain != url else None


def _fetched_paths(records: Path) -> set[str]:
    """path+query of every record's url: a page score.py leaves unmatched because its truth URL keeps ``utm_*``
    (score.py matches by canonical URL, else by url path+query) is then reported as written, not as lost."""
    paths = set()
    for line in records.read_text(encoding="utf-8").splitlines():
        url = json.loads(line).get("url") if line.strip() else None
        if isinstance(url, str):
            paths.add(_path_query(url))
    return paths


def run(workdir: Path, quick: bool = False, log: Callable[[str], None] = print,
        names: list[Path] | None = None) -> dict[str, Any]:
    names = names or corpora()
    problems = check_split(names)
    if problems:
        raise SystemExit("\n".join(problems) + "\n(`python -m bench.quality --write-split` records the new split)")
    halves: tuple[str, ...] = ("B",) if quick else HALVES
    results: dict[str, Any] = {"quick": quick, "halves": list(halves), "corpora": {},
                               "newspaper4k": {"lock": str(baselines.LOCK.relative_to(ROOT)), "left_out": None,
                                               "runs": {}}}
    for corpus in names:
        started = time.monotonic()
        served = half_dir(corpus, "B", workdir) if quick else corpus
        pages = truth_pages(served)
        runs: dict[str, Any] = {}
        plan = [("sitemap", True), ("links", True), ("sitemap", False)] + ([] if quick else [("links", False)])
        first_state = workdir / "state" / corpus.name / "first"
        # the first sitemap crawl's and the second run's: one site, one host:port, one server bound once
        kept = FixtureServer(LinkedCorpusSite(served)).start()
        try:
            for path, registry in [*plan, ("second", True)]:
                # "second": the sitemap crawl again, as a later run of the site meets it: the template history the
                # first sitemap crawl left in its STATE_DIR, and no record of what it emitted (so every page is
                # scored; a real second run would emit only the new or changed ones)
                kind = "registry" if registry else "no-registry"
                name = "sitemap/second-run" if path == "second" else f"{path}/{kind}"
                out = workdir / f"{corpus.name}.{path}.{int(registry)}.jsonl"
                state = None
                if (path, registry) == ("sitemap", True):
                    state = first_state
                elif path == "second":
                    state = workdir / "state" / corpus.name / "second"
                    if (first_state / "templates").is_dir():
                        shutil.copytree(first_state / "templates", state / "templates")
                stats = crawl(served, out, "sitemap" if path == "second" else path, registry, state,
                              kept if state is not None else None)
                runs[name] = _scored(corpus, out, workdir, halves)
                runs[name]["stats"] = {k: v for k, v in stats.items() if k.startswith((
                    "newsproj/extract/", "newsproj/clean/not_article", "newsproj/discovery/page/", "item_dropped",
                    "newsproj/template/"))}
        finally:
            kept.stop()
        for name, make in BASELINES.items():
            out = workdir / f"{corpus.name}.{name}.jsonl"
            if name == "newspaper4k":
                n4k = results["newspaper4k"]
                if n4k["left_out"]:
                    continue
                info: dict[str, Any] = {}
                try:
                    _write(out, newspaper4k_records(corpus, pages, info))
                except baselines.Unavailable as exc:  # one line, and no column: never a guessed figure
                    n4k["left_out"] = str(exc)
                    log(f"quality: newspaper4k left out: {exc}")
                    continue
                n4k["runs"][corpus.name] = info
                log(f"quality: {corpus.name}: {_newspaper4k_note(info)}")
            else:
                _write(out, make(corpus, pages))
            runs[name] = _scored(corpus, out, workdir, halves)
        # truth lines removed: the item path in this process, with the template rule as the crawl applies it
        # (a first run, pages in truth order; the second-run column: with the evidence of every page before)
        outcomes = page_outcomes(corpus, pages, True)
        removed_by: dict[str, list[tuple[str, str, str]]] = {"first": [], "second": []}
        template_off = "NEWSPROJ_TEMPLATE_ENABLED=0" in os.environ.get("BENCH_SETTINGS", "").split()
        for mode, removed in removed_by.items():
            _write(workdir / f"{corpus.name}.items.{mode}.jsonl",
                   item_path(corpus, pages, True, removed, "off" if template_off else mode, outcomes))
        examples: dict[str, Any] = {}
        for half in halves:
            own = [p for p in pages if half_of(split_key(p)) == half]
            ids = {p["id"] for p in own}
            counted = {mode: truth_lines_removed(own, [r for r in removed if r[0] in ids])
                       for mode, removed in removed_by.items()}
            lost = {mode: truth_lines_lost(counted[mode][2],
                                           _record_fields(own, workdir / f"{corpus.name}.items.{mode}.jsonl"))
                    for mode in removed_by}
            for name, scored in runs.items():
                mode = "second" if name == "sitemap/second-run" else "first"
                n, total, _hits = counted[mode]
                ours = total and name not in BASELINES
                scored[half]["truth_lines_removed"] = n / total if ours else None
                scored[half]["truth_lines_lost"] = lost[mode] / total if ours else None
            examples[half] = [(page_id, line[:160], reason) for page_id, line, reason in counted["first"][2][:20]]
        results["corpora"][corpus.name] = runs
        results.setdefault("removed_examples", {})[corpus.name] = examples
        log(f"quality: {corpus.name} ({len(pages)} pages) in {time.monotonic() - started:.0f} s")
    return results


RUN_COLUMNS = ("sitemap/registry", "links/registry", "sitemap/no-registry", "links/no-registry",
               "sitemap/second-run", "trafilatura", "readability", "newspaper4k")


def table(results: dict[str, Any]) -> str:
    def fmt(v: Any) -> str:
        return "—" if v is None else f"{v:.3f}"

    columns = [c for c in RUN_COLUMNS if any(c in runs for runs in results["corpora"].values())]
    out = ["| corpus | half | figure | " + " | ".join(columns) + " |", "| --- " * (3 + len(columns)) + "|"]
    for name, runs in results["corpora"].items():
        for half in results["halves"]:
            for key in FIGURES:
                values = [runs[c][half].get(key) if c in runs else None for c in columns]
                if all(v is None for v in values):
                    continue
                out.append(f"| {name} | {half} | {key} | " + " | ".join(fmt(v) for v in values) + " |")
    out.append("")
    n4k = results.get("newspaper4k") or {}
    if n4k.get("left_out"):
        out.append(f"newspaper4k left out: {n4k['left_out']}")
    for name, info in (n4k.get("runs") or {}).items():
        out.append(f"{name}: {_newspaper4k_note(info)} (own venv from {n4k.get('lock')})")
    out.append("")
    out.append("Worst held-out pages (half B, sitemap path, registry on):")
    worst = []
    for name, runs in results["corpora"].items():
        for row in runs["sitemap/registry"].get("B_pages", []):
            worst.append((row["f1"], name, row))
    for f1, name, row in sorted(worst, key=lambda w: w[0])[:10]:
        state = (f"p {row['precision']:.2f} r {row['recall']:.2f}" if row["matched"] else
                 "written under its URL without tracking parameters: score.py cannot match it"
                 if row.get("written_untracked") else "no record")
        out.append(f"- {f1:.3f} {name} {row['id']} {row['url']} ({state})")
    return "\n".join(out)


# ------------------------------------------------------------------ the tuning loop (no crawl)


COMPARED = ("trafilatura", "readability")
"""The in-process baselines whose per-page F1 ``--beaten`` sets beside ours."""


def beaten(ours: list[dict[str, Any]], theirs: dict[str, list[dict[str, Any]]],
           gap: float) -> list[tuple[float, dict[str, float], str, str]]:
    """The pages where a baseline's body F1 beats ours by ``gap`` or more: ``(our F1, {baseline: its F1}, page id,
    url)``, by how much the best baseline beats us (most first). ``ours`` and each of ``theirs``: score.py's
    per-page rows (a page without a record scores 0)."""
    f1_of = {name: {r["id"]: r["f1"] for r in rows} for name, rows in theirs.items()}
    out = []
    for row in ours:
        others = {name: f1s.get(row["id"], 0.0) for name, f1s in f1_of.items()}
        if others and max(others.values()) - row["f1"] >= gap:
            out.append((row["f1"], others, row["id"], row["url"]))
    return sorted(out, key=lambda r: r[0] - max(r[1].values()))


def with_headlines(rows: list[dict[str, Any]], pages: list[dict[str, Any]], records: Path) -> list[dict[str, Any]]:
    """The per-page rows of a ``--dump``, each of a page whose truth has a title with the headline given
    (``headline``: the record's, None without a record) and the truth's (``truth_headline``): a row's
    ``headline_ok`` says a headline changed between two dumps, not what it became."""
    given: dict[str, Any] = {}
    for line in records.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            given.setdefault(record.get("url"), record.get("headline"))
    titles = {page["id"]: page.get("title") for page in pages}
    return [row | {"headline": given.get(row.get("url")), "truth_headline": titles[row["id"]]}
            if titles.get(row.get("id")) else row for row in rows]


def inprocess(names: list[Path], half: str | None, registry: bool, worst: int = 0,
              engine: str = "newsproj", dump: Path | None = None, template: str = "off",
              gap: float | None = None) -> dict[str, Any]:
    """The item path in this process over one half (or both), scored; the loop for tuning rules on half A. With
    ``gap``: the baselines of ``COMPARED`` on the same pages too, their F1 beside each of the worst pages, and the
    pages where one beats ours by ``gap`` or more (:func:`beaten`)."""
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for corpus in names:
            truth = half_dir(corpus, half, workdir)
            pages = truth_pages(truth)
            removed: list[tuple[str, str, str]] = []
            out = workdir / f"{corpus.name}.jsonl"
            if engine == "newspaper4k":
                info: dict[str, Any] = {}
                _write(out, newspaper4k_records(corpus, pages, info))  # (Unavailable: main says so)
                print(f"{corpus.name}: {_newspaper4k_note(info)}", file=sys.stderr)
            elif engine in BASELINES:
                _write(out, BASELINES[engine](corpus, pages))
            else:
                _write(out, item_path(corpus, pages, registry, removed, template))
            result = score(truth, out)
            if dump:
                dump.mkdir(parents=True, exist_ok=True)
                rows = with_headlines(result["pages"], pages, out)
                (dump / f"{corpus.name}.{engine}.json").write_text(json.dumps(rows, ensure_ascii=False),
                                                                   encoding="utf-8")
            summary = _summary(result)
            n, total, hits = truth_lines_removed(pages, removed)
            summary["truth_lines_removed"] = n / total if total else None
            fields = _record_fields(pages, out)
            summary["truth_lines_lost"] = truth_lines_lost(hits, fields) / total if total else None
            summary["removed_examples"] = [(page_id, line[:160], reason, _stated(line, *fields.get(page_id, ((), ()))))
                                           for page_id, line, reason in hits]
            summary["worst"] = sorted(
                ((r["f1"], r["id"], r["url"], r["matched"]) for r in result["pages"]), key=lambda r: r[0]
            )[:worst]
            summary["baselines"] = {}
            if gap is not None and engine == "newsproj":
                theirs = {}
                for name in COMPARED:
                    _write(workdir / f"{corpus.name}.{name}.jsonl", BASELINES[name](corpus, pages))
                    scored = score(truth, workdir / f"{corpus.name}.{name}.jsonl")
                    theirs[name] = scored["pages"]
                    summary["baselines"][name] = {r["id"]: r["f1"] for r in scored["pages"]}
                summary["beaten"] = beaten(result["pages"], theirs, gap)
            summary["chrome_lines"] = [(r["id"], c["line"][:100]) for r in result["pages"]
                                       for c in r.get("chrome_lines") or []][:30]
            results[corpus.name] = summary
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality")
    parser.add_argument("--inprocess", action="store_true", help="item path in this process, no crawl")
    parser.add_argument("--half", choices=HALVES, help="score one half only (default: both)")
    parser.add_argument("--corpus", action="append", help="only this corpus (repeatable)")
    parser.add_argument("--no-registry", action="store_true", help="without the site registry")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    parser.add_argument("--write-split", action="store_true", help="record the current split in bench/split.json")
    parser.add_argument("--engine", choices=("newsproj", *BASELINES), default="newsproj",
                        help="with --inprocess: score a baseline instead of the item path (newspaper4k: in its own "
                             "venv, made on first use from bench/baselines.lock)")
    parser.add_argument("--dump", type=Path, help="with --inprocess: write per-page scores to DIR (with the headline "
                        "given beside the truth's)")
    parser.add_argument("--verbose", action="store_true", help="list removed truth lines and chrome lines")
    parser.add_argument("--beaten", type=float, metavar="GAP",
                        help="with --inprocess: score trafilatura and readability on the same pages too, show their "
                             "F1 beside the worst pages, and list the pages where one beats ours by GAP or more")
    parser.add_argument("--template", choices=("off", "first", "second"), default="off",
                        help="with --inprocess: the crawl's template-line rule as a first or a second run meets it")
    args = parser.parse_args(argv)
    names = [c for c in corpora() if not args.corpus or c.name in args.corpus]
    if args.write_split:
        check_split(corpora(), write=True)
        print(f"split recorded in {SPLIT_FILE}")
        return 0
    if args.inprocess:
        try:
            results = inprocess(names, args.half, not args.no_registry, args.worst, args.engine, args.dump,
                                args.template, args.beaten)
        except baselines.Unavailable as exc:
            print(f"{args.engine} cannot run here: {exc}", file=sys.stderr)
            return 1
        for name, s in results.items():
            print(f"{name:14} {args.half or 'AB'} n={s['pages']:3} f1={s['body_f1']:.4f} p={s['body_precision']:.3f} "
                  f"r={s['body_recall']:.3f} cov={s['coverage']:.3f} chrome={s['chrome']:.3f} "
                  f"removed={s['truth_lines_removed'] or 0:.4f} lost={s['truth_lines_lost'] or 0:.4f} "
                  f"head={_f(s['headline'])} auth={_f(s['authors'])} "
                  f"date={_f(s['date'])} lang={_f(s['language'])}")
            for row in s["worst"]:
                others = "".join(f" {name[:4]}={f1s.get(row[1], 0.0):.3f}" for name, f1s in s["baselines"].items())
                print(f"    {row[0]:.3f}{others} {row[1]} {row[2]}{'' if row[3] else ' (no record)'}")
            if "beaten" in s:
                print(f"    beaten by {args.beaten} or more on {len(s['beaten'])} pages:")
                for ours, others, page_id, url in s["beaten"]:
                    their = " ".join(f"{name[:4]}={f1:.3f}" for name, f1 in others.items())
                    print(f"    {ours:.3f} {their} {page_id} {url}")
            if args.verbose:
                by_reason = Counter(hit[2] for hit in s["removed_examples"])
                stated = sum(1 for hit in s["removed_examples"] if hit[3])
                tally = ", ".join(f"{reason}={n}" for reason, n in by_reason.most_common())
                print(f"    removed truth lines: {len(s['removed_examples'])}"
                      + (f" ({tally}; {stated} stated in the record's date or authors)" if tally else ""))
                for hit in s["removed_examples"]:
                    print("    removed:", hit)
                for hit in s["chrome_lines"]:
                    print("    chrome:", hit)
        return 0
    quick = bool(os.environ.get("BENCH_QUICK"))
    with tempfile.TemporaryDirectory() as tmp:
        results = run(Path(tmp), quick=quick, names=names)
    print(table(results))
    return 0


def _f(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.3f}"


if __name__ == "__main__":
    sys.exit(main())
