"""The output and the state always agree (issue 12): a record is in STATE_DIR only once its line is durably in a
feed that succeeded. Feeds that cannot be opened stop the run before its first request (exit 2, one line); a feed
failing mid-run fails the run (exit 4) and leaves the state as if the records it did not store were never
emitted; two runs on one output or STATE_DIR cannot both write. Each case is a hostile site on 127.0.0.1."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_scrapy, start_scrapy
from tests.sites import article_html, homepage, jsonld, news_site, serve_pages

TIMEOUT = 180


# ``python -m scrapy`` with a file size limit: a full disk as this process sees it (a write past the limit fails
# with EFBIG; SIGXFSZ ignored). Set once the language model, which py3langid unpacks to a temp file, is loaded.
FULL_DISK = """
import resource, runpy, signal, sys
from newsproj.extraction.language import _identifier
_identifier()
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
sys.argv = ["scrapy", *sys.argv[1:]]
runpy.run_module("scrapy", run_name="__main__", alter_sys=True)
"""


def crawl(base: str, *args: str, limit: int | None = None, wait: bool = True):
    argv = ["crawl", "news", "-a", f"start_urls={base}/",
            "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "NEWSPROJ_EXTRACT_WORKERS=0",
            "-s", "TELNETCONSOLE_ENABLED=0", "-s", "LOG_LEVEL=INFO", *args]
    if limit:  # a process of its own, cold: the limit must not reach the warm parent
        return subprocess.run([sys.executable, "-c", FULL_DISK.format(limit=limit), *argv], cwd=ROOT,
                              capture_output=True, text=True, timeout=TIMEOUT)
    if not wait:
        return start_scrapy(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return run_scrapy(argv, timeout=TIMEOUT)


def state_urls(state: Path) -> set[str]:
    db = state / "state.sqlite3"
    if not db.exists():
        return set()
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT url FROM articles")}


def published_urls(out: Path, suffix: str) -> tuple[list[Path], list[str]]:
    """The default feed's published files under ``out`` (``*.jsonl`` or ``*.parquet``) and their records' URLs."""
    import pyarrow.parquet as pq

    files = sorted(out.glob(f"*/*/*.{suffix}"))
    return files, [url for path in files for url in (
        pq.read_table(path).column("canonicalUrl").to_pylist() if suffix == "parquet"
        else [r["canonicalUrl"] for r in whole_lines(path)])]


def add_articles(pages: dict, *numbers: int) -> None:
    """New articles on a ``news_site`` (story number N), linked from its homepage."""
    for n in numbers:
        path = f"/news/2024/09/story-number-{n}-about-the-town.html"
        pages[path] = ("text/html; charset=utf-8", article_html(path, f"Story number {n} about the town", n=n))
    pages["/"] = ("text/html; charset=utf-8", homepage([path for path in pages if path.endswith(".html")]))


def killed_resumed_killed_then_finished(tmp_path: Path, kill: list[str], while_resumed=None) -> None:
    """A JOBDIR default-feed Parquet run killed by ``kill`` once its state saved its 6 records; resumed with a new
    article held at the site's gate, SIGKILLed once its crawl began (after ``while_resumed(output dir)``); then a
    run to the end: each of the 7 articles in one published file, each in the state, no ``.part`` left."""
    pages = news_site(6)
    server, site = serve_pages(pages, gated=lambda path: "story-number-6" in path)
    try:
        state, out, job = tmp_path / "state", tmp_path / "output", tmp_path / "job"
        feed = ["-s", f"NEWSPROJ_DEFAULT_FEED={out}/%(site)s/%(date)s/%(run_id)s.parquet", "-s", f"STATE_DIR={state}"]
        jobdir = ["-s", f"JOBDIR={job}"]
        killed = crawl(server.base, *feed, *jobdir, *kill)
        assert killed.returncode != 0 and len(state_urls(state)) == 6
        add_articles(pages, 6)  # a new article, answered once released
        before = len(site.served)
        resumed = crawl(server.base, *feed, *jobdir, wait=False)
        try:
            deadline = time.monotonic() + 60
            while "/" not in site.served[before:] and time.monotonic() < deadline:  # .part carried over, crawl on
                time.sleep(0.05)
            assert "/" in site.served[before:]  # the feeds open (and carry over) before the first request
            if while_resumed is not None:
                while_resumed(out)
        finally:
            resumed.kill()
            resumed.wait()
        site.open()
        last = crawl(server.base, *feed)
        assert last.returncode == 0, last.stderr[-3000:]
        files, urls = published_urls(out, "parquet")
        assert len(urls) == 7 == len(set(urls)) and set(urls) == state_urls(state), files
        assert not list(out.glob("*/*/.*.part*"))
    finally:
        server.stop()


def whole_lines(path: Path) -> list[dict]:
    raw = path.read_bytes() if path.exists() else b""
    assert raw == b"" or raw.endswith(b"\n"), "partial last line"
    return [json.loads(line) for line in raw.splitlines()]


@pytest.fixture
def site():
    server, pages = serve_pages(news_site(6))
    yield server, pages
    server.stop()


# ------------------------------------------------------------------------------------ refused before a request

@pytest.mark.parametrize("case", ["s3_without_boto3", "unwritable_path", "placeholder_typo", "per_run_jl",
                                  "per_run_gz_not_compressed", "per_run_gzipped_named_jsonl"])
def test_a_feed_that_cannot_be_opened_stops_the_run_before_the_first_request(site, tmp_path, case):
    server, pages = site
    state = tmp_path / "state"
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    args = {
        "s3_without_boto3": ["-O", "s3://bucket/x.jsonl"],
        "unwritable_path": ["-O", str(blocker / "out.jsonl")],
        "placeholder_typo": ["-s", f"NEWSPROJ_DEFAULT_FEED={tmp_path}/output/%(sitename)s/%(run_id)s.jsonl"],
        # a killed run's .<run-id>.jl.part was never published by a later run: killed after its state save, its
        # records were marked done in no published file, for ever
        "per_run_jl": ["-s", f"NEWSPROJ_DEFAULT_FEED={tmp_path}/output/%(site)s/%(date)s/%(run_id)s.jl"],
        # published as plain JSON lines named .jsonl.gz: gzip, pandas and pyarrow (which go by the name) cannot
        # read it; the README says a default feed not named *.jsonl is refused
        "per_run_gz_not_compressed": [
            "-s", f"NEWSPROJ_DEFAULT_FEED={tmp_path}/output/%(site)s/%(date)s/%(run_id)s.jsonl.gz"],
        # a gzip stream published as *.jsonl, which readers pick up as plain JSON lines (docs/operations.md)
        "per_run_gzipped_named_jsonl": ["-s", "FEEDS=" + json.dumps({
            f"{tmp_path}/output/%(site)s/%(date)s/%(run_id)s.jsonl": {
                "format": "jsonlines", "newsproj_atomic": True, "uri_params": "newsproj.extensions.manifest.uri_params",
                "postprocessing": ["scrapy.extensions.postprocessing.GzipPlugin"]}})],
    }[case]
    result = crawl(server.base, "-s", f"STATE_DIR={state}", *args)
    assert result.returncode == 2, result.stderr[-3000:]
    refusal = [line for line in result.stderr.splitlines() if line.startswith("scrapy crawl news: ")]
    assert len(refusal) == 1 and ("feed" in refusal[0].lower()), result.stderr[-3000:]
    assert "Error caught on signal handler" not in result.stderr and "never retrieved" not in result.stderr
    assert "Run failed a check" not in result.stderr  # (was: "nothing found", "finish reason 'feed_unavailable'")
    assert pages.served == []  # nothing was requested, robots.txt included
    assert state_urls(state) == set()


# ------------------------------------------------------------------------------------ failing mid-run

def big_site(count: int = 8) -> dict[str, tuple[str, str]]:
    pages = {"/robots.txt": ("text/plain", "User-agent: *\n")}
    links = []
    for n in range(count):
        path = f"/news/2024/09/long-read-number-{n}-on-the-town.html"
        links.append(path)
        pages[path] = ("text/html; charset=utf-8",
                       article_html(path, f"Long read number {n} on the town", n=n, paragraphs=120))
    pages["/"] = ("text/html; charset=utf-8", homepage(links))
    return pages


def test_disk_full_fails_the_run_and_the_state_holds_only_what_the_file_holds(tmp_path):
    """Before: 'N articles written', exit 0, every article in the state, a partial line, and the next run wrote
    nothing: the articles past the full disk were lost for good."""
    server, pages = serve_pages(big_site(8))
    try:
        out, state = tmp_path / "a.jsonl", tmp_path / "state"
        result = crawl(server.base, "-o", str(out), "-s", f"STATE_DIR={state}", limit=150_000)
        assert result.returncode == 4, result.stderr[-3000:]
        assert "the feed failed" in result.stderr
        written = {r["canonicalUrl"] for r in whole_lines(out)}  # no partial line
        assert 0 < len(written) < 8
        # the summary names the file that holds them (it said "written to no feed configured")
        assert f"newsproj summary: {len(written)} articles written to {out};" in result.stderr
        assert state_urls(state) <= written  # nothing the file does not hold is marked done
        # the disk has room again: the next run writes the rest, none twice
        again = crawl(server.base, "-o", str(out), "-s", f"STATE_DIR={state}")
        assert again.returncode == 0, again.stderr[-3000:]
        urls = [r["canonicalUrl"] for r in whole_lines(out)]
        assert len(urls) == len(set(urls)) == 8
        assert state_urls(state) == set(urls)
    finally:
        server.stop()


def test_a_value_the_exporter_cannot_encode_is_repaired_not_lost(tmp_path):
    """A lone surrogate in a JSON-LD image URL: before, the line was not written and the state recorded it."""
    bad = jsonld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Story number 1",
                  "image": "https://img.example/\ud800.jpg"})
    pages = news_site(3)
    path = next(p for p in pages if p.startswith("/news/"))
    ctype, text = pages[path]
    pages[path] = (ctype, text.replace("</head>", bad + "</head>"))
    assert "\\ud800" in pages[path][1]
    server, _ = serve_pages(pages)
    try:
        out, state = tmp_path / "a.jsonl", tmp_path / "state"
        result = crawl(server.base, "-O", str(out), "-s", f"STATE_DIR={state}",
                       "-s", f"NEWSPROJ_STATS_FILE={tmp_path / 'stats.json'}")
        assert result.returncode == 0, result.stderr[-3000:]
        records = whole_lines(out)
        assert {r["canonicalUrl"] for r in records} == state_urls(state)
        assert len(records) == 3
        stats = json.loads((tmp_path / "stats.json").read_text())
        assert stats.get("newsproj/output/repaired/unencodable", 0) + \
            sum(v for k, v in stats.items() if k.startswith("newsproj/output/not_written/")) >= 1 or \
            all("\ud800" not in json.dumps(r) for r in records)
    finally:
        server.stop()


# ------------------------------------------------------------------------------------ two runs at once

def test_two_runs_on_the_same_output_and_state_never_both_write(tmp_path):
    """Before: 8 duplicates. The second run stops at once (exit 2, one line) while the first holds them."""
    server, pages = serve_pages(news_site(6), gated=lambda path: path.startswith("/news/"))
    try:
        out, state = tmp_path / "a.jsonl", tmp_path / "state"
        first = crawl(server.base, "-o", str(out), "-s", f"STATE_DIR={state}", wait=False)
        deadline = time.monotonic() + TIMEOUT
        while not pages.served:  # once it requests, its feed and state are held (since the spider opened)
            assert first.poll() is None
            assert time.monotonic() < deadline
            time.sleep(0.05)
        for args in (["-s", f"STATE_DIR={state}"], ["-s", f"STATE_DIR={tmp_path / 'other-state'}"]):
            second = crawl(server.base, "-o", str(out), *args)
            assert second.returncode == 2, second.stderr[-3000:]
            refusal = [line for line in second.stderr.splitlines() if line.startswith("scrapy crawl news: ")]
            assert len(refusal) == 1 and "another run" in refusal[0], second.stderr[-3000:]
            assert first.poll() is None
        pages.open()
        assert first.wait(timeout=TIMEOUT) == 0
        urls = [r["canonicalUrl"] for r in whole_lines(out)]
        assert len(urls) == len(set(urls)) == 6
    finally:
        pages.open()
        server.stop()


@pytest.mark.parametrize("upload", ["fails", "succeeds"])
def test_a_storage_that_uploads_at_close_is_durable_only_once_the_upload_succeeded(site, tmp_path, upload):
    server, _ = site
    state, to = tmp_path / "state", tmp_path / "uploaded.jsonl"
    storages = json.dumps({"failing": "tests.sites.FailingUpload"})
    uri = f"failing://{'ok' if upload == 'succeeds' else 'no'}/x?to={to}"
    result = crawl(server.base, "-s", f"STATE_DIR={state}", "-s", f"FEED_STORAGES={storages}",
                   "-s", f'FEEDS={json.dumps({uri: {"format": "jsonlines"}})}')
    if upload == "fails":
        assert result.returncode == 4, result.stderr[-3000:]
        assert state_urls(state) == set()  # nothing was stored: nothing is marked done
        # one line says what failed, no traceback (Scrapy's is kept at DEBUG)
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        errors = [line for line in result.stderr.splitlines() if "Error storing" in line]
        assert len(errors) == 1 and "ERROR" in errors[0], errors
        assert errors[0].endswith(": OSError: upload refused by the remote end"), errors
    else:
        assert result.returncode == 0, result.stderr[-3000:]
        assert state_urls(state) == {r["canonicalUrl"] for r in whole_lines(to)} and len(state_urls(state)) == 6


# ------------------------------------------------------------------------------------ killed before the state save

def test_a_kill_between_the_feeds_fsync_and_the_state_save_loses_no_signature_or_alias(tmp_path):
    """The first run is SIGKILLed at its state save, after the feed's fsync: the file holds the article (fetched
    under an AMP URL whose canonical differs), the state nothing. The restarted run adopts it from the file. Before,
    the state learnt the article only: a later run fetched the AMP URL again and did not mark a near-duplicate
    (``nearDuplicateOf``) of it."""
    amp, canonical = "/news/2024/09/amp/town-budget-story.html", "/news/2024/09/town-budget-story.html"
    pages = {"/robots.txt": ("text/plain", "User-agent: *\n"),
             "/": ("text/html; charset=utf-8", homepage([amp])),
             amp: ("text/html; charset=utf-8", article_html(amp, "Town budget story", n=3,
                                                             canonical="{{BASE}}" + canonical))}
    server, site = serve_pages(pages)
    try:
        out, state = tmp_path / "a.jsonl", tmp_path / "state"
        once = ("-s", "NEWSPROJ_FEED_SYNC_RECORDS=1000", "-s", "NEWSPROJ_FEED_SYNC_SECONDS=1000")  # one save: at close
        killed = crawl(server.base, "-o", str(out), "-s", f"STATE_DIR={state}", *once,
                       "-s", "NEWSPROJ_STATE_BACKEND=tests.sites.KillAtStateSave")
        assert killed.returncode != 0
        assert [r["canonicalUrl"] for r in whole_lines(out)] == [server.base + canonical]
        assert state_urls(state) == set()
        restarted = crawl(server.base, "-o", str(out), "-s", f"STATE_DIR={state}")
        assert restarted.returncode == 0, restarted.stderr[-3000:]
        assert len(whole_lines(out)) == 1
        # a near-duplicate of it (one more paragraph), linked later; the AMP page is linked still
        near = "/news/2024/09/town-budget-story-updated.html"
        pages[near] = ("text/html; charset=utf-8", article_html(near, "Town budget story, updated", n=3,
                                                                 body_extra="<p>The vote is due next week.</p>"))
        pages["/"] = ("text/html; charset=utf-8", homepage([amp, near]))
        site.served.clear()
        later = crawl(server.base, "-o", str(tmp_path / "b.jsonl"), "-s", f"STATE_DIR={state}")
        assert later.returncode == 0, later.stderr[-3000:]
        records = whole_lines(tmp_path / "b.jsonl")
        assert [(r["canonicalUrl"], r["metadata"]["nearDuplicateOf"]) for r in records] == [
            (server.base + near, server.base + canonical)]
        assert amp not in site.served  # known by its alias: not fetched again
    finally:
        server.stop()


@pytest.mark.parametrize("suffix", ["jsonl", "parquet"])
def test_a_default_feed_run_killed_at_its_state_save_leaves_every_article_once(site, tmp_path, suffix):
    """The default feed saved the state after its file got its name, and a killed run's ``.part`` was published
    before its records were remembered: a kill in between (twice here, as a scheduler restarting a crashing job
    would) left a published file that no later run reads, and the next run wrote every article again (12 records).
    Now the state is saved before the rename: a kill leaves the ``.part``, which the next run adopts, then
    publishes."""

    server, _ = site
    state, out = tmp_path / "state", tmp_path / "output"
    feed = ["-s", f"NEWSPROJ_DEFAULT_FEED={out}/%(site)s/%(date)s/%(run_id)s.{suffix}", "-s", f"STATE_DIR={state}"]
    kill = ["-s", "NEWSPROJ_STATE_BACKEND=tests.sites.KillAtStateSave"]
    assert crawl(server.base, *feed, *kill).returncode != 0  # killed at its state save, at close
    assert crawl(server.base, *feed, *kill).returncode != 0  # killed saving the first run's records
    last = crawl(server.base, *feed)
    assert last.returncode == 0, last.stderr[-3000:]
    files, urls = published_urls(out, suffix)
    assert len(urls) == 6 and len(set(urls)) == 6, (files, sorted(urls))
    assert state_urls(state) == set(urls)
    assert not list(out.glob("*/*/.*.part*"))


def test_a_state_that_cannot_be_saved_fails_the_run_and_says_so(site, tmp_path):
    """Before: 'Error caught on signal handler', then exit 0 and a summary line that said nothing: the next run
    emitted every article again."""
    server, _ = site
    out, stats_file = tmp_path / "a.jsonl", tmp_path / "stats.json"
    result = crawl(server.base, "-o", str(out), "-s", f"STATE_DIR={tmp_path / 'state'}",
                   "-s", "NEWSPROJ_STATE_BACKEND=tests.sites.FullDiskAtStateSave",
                   "-s", f"NEWSPROJ_STATS_FILE={stats_file}")
    assert result.returncode == 5, result.stderr[-3000:]
    assert "scrapy crawl news: the state was not saved: OperationalError: database or disk is full" in result.stderr
    assert len(whole_lines(out)) == 6  # the output is whole
    summary = next(line for line in result.stderr.splitlines() if "newsproj summary:" in line)
    assert summary.endswith("state not saved: 6 records (OperationalError=6)"), summary
    stats = json.loads(stats_file.read_text())
    assert stats["newsproj/state/not_saved/OperationalError"] == 6
    assert "newsproj/state/recorded" not in stats
    [manifest] = [json.loads(p.read_text()) for p in (tmp_path / "state" / "runs").glob("*/*.json")]
    assert manifest["status"] == "failed"
    assert manifest["failures"] == ["state not saved: OperationalError: database or disk is full"]


def test_a_run_that_fails_its_checks_exits_3_even_when_its_state_was_not_saved_too(site, tmp_path):
    """Status 5 says the output is whole and only the state is behind; a run whose close-time checks failed as well
    (here: its finish reason is not one the operator accepts) has output not to trust, which is status 3. Before,
    5 won and said nothing of the checks; both lines are on stderr now, and the manifest lists both."""
    server, _ = site
    result = crawl(server.base, "-o", str(tmp_path / "a.jsonl"), "-s", f"STATE_DIR={tmp_path / 'state'}",
                   "-s", "NEWSPROJ_STATE_BACKEND=tests.sites.FullDiskAtStateSave",
                   "-s", "NEWSPROJ_MONITOR_FINISH_REASONS=closespider_timeout")
    assert result.returncode == 3, result.stderr[-3000:]
    assert "scrapy crawl news: the state was not saved: OperationalError: database or disk is full" in result.stderr
    [manifest] = [json.loads(p.read_text()) for p in (tmp_path / "state" / "runs").glob("*/*.json")]
    assert manifest["status"] == "failed"
    assert any("finish reason" in f for f in manifest["failures"]), manifest["failures"]
    assert any(f.startswith("state not saved") for f in manifest["failures"]), manifest["failures"]


def test_a_parquet_file_appended_to_after_a_kill_before_the_state_save_is_remembered(site, tmp_path):
    """``-o x.parquet`` commits to the state once the file is stored; a run SIGKILLed at that save leaves the records
    in the published file and none in the state. The next run appending to the file carried them over and only
    learnt them for itself (Ledger.seed, not adopt as a JSON-lines file has them): they were never remembered, so a
    later run writing elsewhere emitted every one again. Likewise a killed run's journal, carried into the file:
    remembered once the run that carried it has stored the file."""
    import pyarrow.parquet as pq

    server, _ = site
    out, state = tmp_path / "a.parquet", tmp_path / "state"
    killed = crawl(server.base, "-o", str(out), "-s", f"STATE_DIR={state}",
                   "-s", "NEWSPROJ_STATE_BACKEND=tests.sites.KillAtStateSave")
    assert killed.returncode != 0
    written = set(pq.read_table(out).column("canonicalUrl").to_pylist())
    assert len(written) == 6 and state_urls(state) == set()
    restarted = crawl(server.base, "-o", str(out), "-s", f"STATE_DIR={state}")
    assert restarted.returncode == 0, restarted.stderr[-3000:]
    assert pq.read_table(out).num_rows == 6
    assert state_urls(state) == written
    later = crawl(server.base, "-o", str(tmp_path / "b.jsonl"), "-s", f"STATE_DIR={state}")
    assert later.returncode == 0, later.stderr[-3000:]
    assert whole_lines(tmp_path / "b.jsonl") == []


@pytest.mark.parametrize("first", ["per_run", "upload"])
def test_a_per_run_file_beside_a_failing_upload_marks_nothing_done(site, tmp_path, first):
    """FEEDS with two entries: a per-run file (``newsproj_atomic``, as the default feed) and a storage that uploads
    at close and fails. The per-run file's store committed every record of the run (they were in no uploaded file)
    and published it: exit 4, yet all 6 records marked done, so no later run sent them to the upload. Now the
    state is saved only once every feed is stored; a failed run publishes no per-run file (its records are not
    remembered: published, a later run would write them again) and leaves no ``.part``."""
    server, _ = site
    state, out = tmp_path / "state", tmp_path / "output"
    safe = "newsproj.feeds.SafeFileFeedStorage"
    storages = json.dumps({"failing": "tests.sites.FailingUpload", "": safe, "file": safe})
    per_run = {f"{out}/%(site)s/%(date)s/%(run_id)s.jsonl": {
        "format": "jsonlines", "newsproj_atomic": True, "uri_params": "newsproj.extensions.manifest.uri_params"}}
    upload = {f"failing://no/x?to={tmp_path / 'up.jsonl'}": {"format": "jsonlines"}}
    feeds = {**per_run, **upload} if first == "per_run" else {**upload, **per_run}
    result = crawl(server.base, "-s", f"STATE_DIR={state}", "-s", f"FEED_STORAGES={storages}",
                   "-s", f"FEEDS={json.dumps(feeds)}")
    assert result.returncode == 4, result.stderr[-3000:]
    assert state_urls(state) == set()
    assert list(out.glob("*/*/*.jsonl")) == [] and list(out.glob("*/*/.*.part")) == []
    [manifest] = [json.loads(p.read_text()) for p in (state / "runs").glob("*/*.json")]
    assert manifest["status"] == "failed" and manifest["output"] is None


def test_a_default_feed_whose_state_cannot_be_saved_is_published_by_the_next_run_once(site, tmp_path):
    """The default feed's state save fails (a full disk): exit 5. The file was published all the same, and no run
    reads a published file back, so the next run wrote all 6 articles again (12 records). Now it stays ``.part``
    (no manifest beside it; the run history says why), and the next run remembers its records, then publishes it
    (``recovered``): every article once."""
    server, _ = site
    state, out = tmp_path / "state", tmp_path / "output"
    args = ("-s", f"STATE_DIR={state}", "-s", f"NEWSPROJ_DEFAULT_FEED={out}/%(site)s/%(date)s/%(run_id)s.jsonl")
    full = crawl(server.base, *args, "-s", "NEWSPROJ_STATE_BACKEND=tests.sites.FullDiskAtStateSave")
    assert full.returncode == 5, full.stderr[-3000:]
    assert list(out.glob("*/*/*.jsonl")) == [] and list(out.glob("*/*/*.manifest.json")) == []
    [part] = out.glob("*/*/.*.jsonl.part")
    assert len(whole_lines(part)) == 6
    [history] = [json.loads(p.read_text()) for p in (state / "runs").glob("*/*.json")]
    assert history["status"] == "failed" and history["output"] is None
    assert history["failures"] == ["state not saved: OperationalError: database or disk is full"]
    again = crawl(server.base, *args)
    assert again.returncode == 0, again.stderr[-3000:]
    [published] = out.glob("*/*/*.jsonl")
    urls = [r["canonicalUrl"] for r in whole_lines(published)]
    assert len(urls) == 6 and set(urls) == state_urls(state)
    manifest = json.loads(published.with_name(published.stem + ".manifest.json").read_text())
    assert manifest["status"] == "recovered" and manifest["output"]["records"] == 6
    assert list(out.glob("*/*/.*.part")) == []


def test_a_gzipped_default_feed_killed_after_its_state_save_is_published_by_the_next_run(site, tmp_path):
    """A per-run feed with Scrapy's GzipPlugin, SIGKILLed right after the state saved its records, before the
    rename (``tests.sites.KillAfterStateSave``): its ``.<run>.jsonl.gz.part`` was never published (only ``.jsonl``
    parts were looked for), so 6 records were marked done that no published file held, for ever. Now the next
    run publishes it."""
    import gzip

    server, _ = site
    state, out = tmp_path / "state", tmp_path / "output"
    feeds = {f"{out}/%(site)s/%(date)s/%(run_id)s.jsonl.gz": {
        "format": "jsonlines", "newsproj_atomic": True, "uri_params": "newsproj.extensions.manifest.uri_params",
        "postprocessing": ["scrapy.extensions.postprocessing.GzipPlugin"]}}
    args = ("-s", f"STATE_DIR={state}", "-s", f"FEEDS={json.dumps(feeds)}")
    killed = crawl(server.base, *args, "-s", "NEWSPROJ_STATE_BACKEND=tests.sites.KillAfterStateSave")
    assert killed.returncode != 0
    assert len(state_urls(state)) == 6 and list(out.glob("*/*/*.jsonl.gz")) == []
    again = crawl(server.base, *args)
    assert again.returncode == 0, again.stderr[-3000:]
    [published] = out.glob("*/*/*.jsonl.gz")
    urls = [json.loads(line)["canonicalUrl"] for line in gzip.decompress(published.read_bytes()).splitlines()]
    assert len(urls) == 6 and set(urls) == state_urls(state)
    manifest = json.loads(published.with_name(published.name.replace(".jsonl.gz", ".manifest.json")).read_text())
    assert manifest["status"] == "recovered" and manifest["output"]["records"] == 6
    assert list(out.glob("*/*/.*.part")) == []


def test_an_appended_gzipped_feed_killed_after_a_state_save_loses_nothing_and_stays_readable(site, tmp_path):
    """A ``FEEDS`` file appended to with Scrapy's GzipPlugin (``-o``'s mode, no ``newsproj_atomic``): its records
    were committed at each fsync, but they sat in the plugin's compressor, not in the file. SIGKILLed right after
    such a save (``tests.sites.KillAfterStateSave``), the file held a gzip header and the state a record; the next
    run appended a new gzip member after the cut one, so no gzip reader could read any record of the file, and the
    committed one was in none (ops20). Now such a feed is committed once stored, at close, and a cut stream is
    completed before the next run appends to it: every article once, readable."""
    import gzip

    server, _ = site
    state, out = tmp_path / "state", tmp_path / "out.jsonl.gz"
    feeds = {str(out): {"format": "jsonlines", "postprocessing": ["scrapy.extensions.postprocessing.GzipPlugin"]}}
    args = ("-s", f"STATE_DIR={state}", "-s", f"FEEDS={json.dumps(feeds)}", "-s", "NEWSPROJ_FEED_SYNC_RECORDS=1")
    killed = crawl(server.base, *args, "-s", "NEWSPROJ_STATE_BACKEND=tests.sites.KillAfterStateSave")
    assert killed.returncode != 0
    again = crawl(server.base, *args)
    assert again.returncode == 0, again.stderr[-3000:]
    urls = [json.loads(line)["canonicalUrl"] for line in gzip.decompress(out.read_bytes()).splitlines()]
    assert len(urls) == 6 and set(urls) == state_urls(state)


def test_a_storage_added_with_feed_storages_keeps_local_files_safe(site, tmp_path):
    """``-s FEED_STORAGES='{"scheme": ...}'`` (to add an upload scheme) replaced the project's FEED_STORAGES whole:
    every local feed, the default one included, went through Scrapy's FileFeedStorage again — written under its
    final name as it ran, no lock, no manifest, state committed at close whatever the file held. The safe
    storage now sits in FEED_STORAGES_BASE, so a user's FEED_STORAGES adds to it."""
    server, _ = site
    state, out = tmp_path / "state", tmp_path / "output"
    result = crawl(server.base, "-s", f"STATE_DIR={state}",
                   "-s", f"FEED_STORAGES={json.dumps({'failing': 'tests.sites.FailingUpload'})}",
                   "-s", f"NEWSPROJ_DEFAULT_FEED={out}/%(site)s/%(date)s/%(run_id)s.jsonl")
    assert result.returncode == 0, result.stderr[-3000:]
    [published] = out.glob("*/*/*.jsonl")
    manifest = json.loads(published.with_name(published.stem + ".manifest.json").read_text())
    assert manifest["status"] == "ok" and manifest["output"]["records"] == 6 == len(whole_lines(published))


@pytest.mark.parametrize("suffix", ["jsonl", "parquet"])
def test_a_default_feed_killed_inside_its_rename_is_published_once(site, tmp_path, suffix):
    """SIGKILL inside ``feeds.publish``, once the ``.part`` is hard-linked under its final name and before the
    ``.part`` name is removed (``tests.sites.KillInPublish``): both names are the one file. The next run
    published the ``.part`` again as ``<run-id>-2.jsonl`` beside it: every article twice (12 records in two
    files). A Parquet one was skipped (its final name taken) and its ``.part`` stayed for ever. Now the ``.part``
    name is dropped: one file, its manifest beside it, no ``.part``."""
    import pyarrow.parquet as pq

    server, _ = site
    state, out = tmp_path / "state", tmp_path / "output"
    args = ("-s", f"STATE_DIR={state}", "-s", f"NEWSPROJ_DEFAULT_FEED={out}/%(site)s/%(date)s/%(run_id)s.{suffix}")
    killed = crawl(server.base, *args, "-s", 'FEED_STORAGES={"": "tests.sites.KillInPublish"}')
    assert killed.returncode != 0
    assert len(state_urls(state)) == 6
    again = crawl(server.base, *args)
    assert again.returncode == 0, again.stderr[-3000:]
    [published] = out.glob(f"*/*/*.{suffix}")
    urls = (pq.read_table(published).column("canonicalUrl").to_pylist() if suffix == "parquet"
            else [r["canonicalUrl"] for r in whole_lines(published)])
    assert len(urls) == 6 and set(urls) == state_urls(state)
    assert list(out.glob(f"*/*/*.{suffix}")) == [published]
    manifest = json.loads(published.with_name(published.stem + ".manifest.json").read_text())
    assert manifest["output"]["file"] == published.name and manifest["output"]["records"] == 6
    assert list(out.glob("*/*/.*.part*")) == []


@pytest.mark.parametrize("suffix", ["jsonl", "parquet"])
def test_a_default_feed_killed_after_its_rename_has_a_manifest(site, tmp_path, suffix):
    """SIGKILL after the per-run file got its name, before the run wrote its manifest (at engine_stopped, after
    every other close step; ``tests.sites.KillAfterPublish``): the file stayed published without a manifest for
    ever (readers wait for it: docs/operations.md), and no later run wrote one. Now a manifest naming the file
    (``"status": "unfinished"``) is in place before the file gets its name; the run's own replaces it."""
    server, _ = site
    state, out = tmp_path / "state", tmp_path / "output"
    args = ("-s", f"STATE_DIR={state}", "-s", f"NEWSPROJ_DEFAULT_FEED={out}/%(site)s/%(date)s/%(run_id)s.{suffix}")
    killed = crawl(server.base, *args, "-s", 'FEED_STORAGES={"": "tests.sites.KillAfterPublish"}')
    assert killed.returncode != 0
    [published] = out.glob(f"*/*/*.{suffix}")
    manifest = json.loads(published.with_name(published.stem + ".manifest.json").read_text())
    assert manifest["status"] == "unfinished" and manifest["output"]["file"] == published.name
    assert manifest["output"]["records"] == 6 == len(state_urls(state))
    assert list(out.glob("*/*/.*.part*")) == []
    again = crawl(server.base, *args)  # nothing new: no file, a manifest that says so
    assert again.returncode == 0, again.stderr[-3000:]
    assert list(out.glob(f"*/*/*.{suffix}")) == [published]


def test_a_part_that_is_a_symlink_to_elsewhere_is_never_written_through(site, tmp_path):
    """Whoever can write to the output or WARC folder put ``.part`` names there that are symlinks to files outside
    it (a per-run JSON-lines and Parquet orphan, a Parquet orphan's journal, a WARC orphan). The next run's
    orphan recovery opened them through the link: it cut the JSON-lines target's last line, emptied the WARC
    target (no whole WARC record in it) and the journal's target's last line, and published their contents as
    the site's records. Now a ``.part`` (or journal) that is not a regular file is left alone, with a warning and
    a count (``newsproj/output/orphan_not_a_file``); the run goes on."""
    server, _ = site
    state, out, warc = tmp_path / "state", tmp_path / "output", tmp_path / "warc"
    port = server.base.rsplit(":", 1)[1].strip("/")
    day = out / f"127.0.0.1-{port}" / "2020-01-01"
    day.mkdir(parents=True)
    warc.mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    targets = {}
    for name, link in [("lines", day / ".20200101T000000Z-aaaaaa.jsonl.part"),
                       ("parquet", day / ".20200101T000000Z-bbbbbb.parquet.part"),
                       ("journal", day / ".20200101T000000Z-cccccc.parquet.part.jsonl"),
                       ("warc", warc / ".newsproj-20200101T000000Z-dddddd-00000.warc.gz.part")]:
        target = outside / name
        target.write_bytes(b'{"canonicalUrl": "https://elsewhere.example/", "articleBody": "x"}\nnot a line end')
        targets[name] = target
        link.symlink_to(target)
    (day / ".20200101T000000Z-cccccc.parquet.part").write_bytes(b"")  # the journal's own .part, a real file
    before = {name: path.read_bytes() for name, path in targets.items()}
    result = crawl(server.base, "-s", f"STATE_DIR={state}", "-s", f"NEWSPROJ_WARC_DIR={warc}",
                   "-s", f"NEWSPROJ_DEFAULT_FEED={out}/%(site)s/%(date)s/%(run_id)s.parquet")  # both recoveries
    assert result.returncode == 0, result.stderr[-3000:]
    assert {name: path.read_bytes() for name, path in targets.items()} == before  # nothing written outside
    assert "https://elsewhere.example/" not in state_urls(state)
    published = [p for p in out.glob("*/*/[!.]*") if p.suffix in (".jsonl", ".parquet")]
    assert [p.parent.name for p in published] != [] and all(p.parent != day for p in published), published
    assert not any(p.is_symlink() for p in warc.iterdir() if not p.name.startswith("."))
    assert "not a regular file" in result.stderr


def test_a_parquet_journal_name_that_is_a_symlink_is_refused_not_written_through(site, tmp_path):
    """``-O x.parquet`` opened its journal ``.x.parquet.part.jsonl`` through a symlink someone put there: the
    file it pointed to, outside the output, was emptied and filled with the run's records. Now the run stops
    before its first request (exit 2, one line) and the file is untouched."""
    server, pages = site
    outside = tmp_path / "elsewhere.txt"
    outside.write_bytes(b"someone else's file\n")
    (tmp_path / ".x.parquet.part.jsonl").symlink_to(outside)
    result = crawl(server.base, "-O", str(tmp_path / "x.parquet"), "-s", f"STATE_DIR={tmp_path / 'state'}")
    assert outside.read_bytes() == b"someone else's file\n"
    assert result.returncode == 2, result.stderr[-3000:]
    assert pages.served == []


def test_each_per_run_file_of_a_run_has_its_own_manifest(site, tmp_path):
    """Two per-run ``FEEDS`` (JSON lines and Parquet, docs/operations.md: several entries are published together)
    share the run id: both manifests were ``<run-id>.manifest.json``, the second overwrote the first, and the JSON
    lines file was left with a manifest naming the Parquet one. Now the first keeps that name and the second gets
    ``<file name>.manifest.json``, each naming its own file."""
    import pyarrow.parquet as pq

    server, _ = site
    out = tmp_path / "output"
    feeds = {f"{out}/%(site)s/%(date)s/%(run_id)s.{suffix}": {
        "format": fmt, "newsproj_atomic": True, "uri_params": "newsproj.extensions.manifest.uri_params"}
        for suffix, fmt in (("jsonl", "jsonlines"), ("parquet", "parquet"))}
    result = crawl(server.base, "-s", f"STATE_DIR={tmp_path / 'state'}", "-s", f"FEEDS={json.dumps(feeds)}")
    assert result.returncode == 0, result.stderr[-3000:]
    [lines] = out.glob("*/*/*.jsonl")
    [parquet] = out.glob("*/*/*.parquet")
    manifests = {json.loads(p.read_text())["output"]["file"]: p.name for p in out.glob("*/*/*.manifest.json")}
    assert manifests == {lines.name: lines.stem + ".manifest.json", parquet.name: parquet.name + ".manifest.json"}
    assert len(whole_lines(lines)) == 6 == pq.read_metadata(parquet).num_rows


def test_a_warc_that_cannot_be_written_fails_the_run(site, tmp_path):
    """``NEWSPROJ_WARC_DIR`` on a disk that fills after 2 records (``tests.sites.FullDiskAtWarcWrite``): each later
    record raised out of the WARC pipeline (a traceback each), was left out of the output, and the run exited 0:
    "its output can be trusted", with 4 of 6 articles missing from it and from its WARC. Now the first failed write
    fails the run's output as a failed feed does: one line, the spider closes, exit 4, nothing it did not write is
    marked done, and the next run (the disk has room again) writes every article once."""
    from newsproj import settings

    server, _ = site
    state, out, warc = tmp_path / "state", tmp_path / "output", tmp_path / "warc"
    args = ("-s", f"STATE_DIR={state}", "-s", f"NEWSPROJ_WARC_DIR={warc}",
            "-s", f"NEWSPROJ_DEFAULT_FEED={out}/%(site)s/%(date)s/%(run_id)s.jsonl",
            "-s", "CONCURRENT_REQUESTS=1")
    extensions = {**settings.EXTENSIONS, "tests.sites.FullDiskAtWarcWrite": 0}
    full = crawl(server.base, *args, "-s", f"EXTENSIONS={json.dumps(extensions)}")
    assert full.returncode == 4, full.stderr[-3000:]
    assert "the feed failed: writing the WARC record of" in full.stderr
    assert "Error processing" not in full.stderr  # no traceback per record
    assert "articles written to no file (" in full.stderr  # the per-run file, not published
    assert state_urls(state) == set() and list(out.glob("*/*/*.jsonl")) == []
    again = crawl(server.base, *args)
    assert again.returncode == 0, again.stderr[-3000:]
    urls = [r["canonicalUrl"] for path in out.glob("*/*/*.jsonl") for r in whole_lines(path)]
    assert len(urls) == 6 == len(set(urls)) and set(urls) == state_urls(state)


def test_a_warc_that_cannot_be_published_at_close_fails_the_run(site, tmp_path):
    """Every WARC record was written, but the WARC file could not be published when the spider closed (its fsync
    failed: ``tests.sites.FullDiskAtWarcClose``). The WARC writer closed at ``spider_closed``, after the feed had
    been stored, its records saved in STATE_DIR and its file published: a traceback ("Error caught on signal
    handler"), exit 0, and 6 records marked done whose ``metadata.warc`` named a file that was never published
    (left ``.part``). Now the WARC is published before the feeds are stored: its failure fails the run's output
    as a failed write does (one line, exit 4, nothing marked done, no file published), and the next run writes
    every article once, each pointing at a published WARC file."""
    from newsproj import settings

    server, _ = site
    state, out, warc = tmp_path / "state", tmp_path / "output", tmp_path / "warc"
    args = ("-s", f"STATE_DIR={state}", "-s", f"NEWSPROJ_WARC_DIR={warc}",
            "-s", f"NEWSPROJ_DEFAULT_FEED={out}/%(site)s/%(date)s/%(run_id)s.jsonl")
    extensions = {**settings.EXTENSIONS, "tests.sites.FullDiskAtWarcClose": 0}
    full = crawl(server.base, *args, "-s", f"EXTENSIONS={json.dumps(extensions)}")
    assert full.returncode == 4, full.stderr[-3000:]
    assert "Traceback" not in full.stderr and "Error caught on signal handler" not in full.stderr
    assert "the feed failed:" in full.stderr and "WARC" in full.stderr
    assert state_urls(state) == set() and list(out.glob("*/*/*.jsonl")) == []
    again = crawl(server.base, *args)
    assert again.returncode == 0, again.stderr[-3000:]
    records = [r for path in out.glob("*/*/*.jsonl") for r in whole_lines(path)]
    assert len(records) == 6 == len({r["canonicalUrl"] for r in records})
    assert {r["canonicalUrl"] for r in records} == state_urls(state)
    assert all((warc / r["metadata"]["warc"]["file"]).is_file() for r in records)


@pytest.mark.parametrize("suffix", ["jsonl", "parquet"])
def test_a_resumed_run_killed_after_its_state_save_beside_its_published_orphan_is_published(site, tmp_path, suffix):
    """A JOBDIR run killed at its state save (its file complete, ``.part``); another run of the site published that
    orphan as ``<run-id>.parquet``; the JOBDIR run resumed found 2 new articles, saved them in the state and was
    killed before its rename (``tests.sites.KillAfterStateSave``): its ``.part`` (same run id) holds 2 records
    marked done. JSON lines published it as ``<run-id>-2.jsonl``; a Parquet ``.part`` whose final name was taken
    was skipped by every later run: 2 records marked done in no published file, and a ``.part`` for ever. Now it
    is published as ``<run-id>-2.parquet`` with its manifest, like the JSON-lines one."""


    server, pages = site
    state, out, job = tmp_path / "state", tmp_path / "output", tmp_path / "job"
    feed = ["-s", f"NEWSPROJ_DEFAULT_FEED={out}/%(site)s/%(date)s/%(run_id)s.{suffix}", "-s", f"STATE_DIR={state}"]
    jobdir = ["-s", f"JOBDIR={job}"]
    backend = "NEWSPROJ_STATE_BACKEND=tests.sites."
    assert crawl(server.base, *feed, *jobdir, "-s", backend + "KillAtStateSave").returncode != 0
    other = crawl(server.base, *feed)  # publishes the killed run's file (6 records)
    assert other.returncode == 0, other.stderr[-3000:]
    add_articles(pages.pages, 6, 7)
    assert crawl(server.base, *feed, *jobdir, "-s", backend + "KillAfterStateSave").returncode != 0
    assert len(state_urls(state)) == 8
    last = crawl(server.base, *feed)
    assert last.returncode == 0, last.stderr[-3000:]
    files, urls = published_urls(out, suffix)
    assert len(urls) == 8 == len(set(urls)) and set(urls) == state_urls(state), files
    assert not list(out.glob("*/*/.*.part*"))
    for path in files:
        manifest = json.loads(path.with_name(path.name.rsplit(".", 1)[0] + ".manifest.json").read_text())
        assert manifest["output"]["file"] == path.name


@pytest.mark.parametrize("suffix", ["jsonl", "parquet"])
def test_a_resumed_run_with_nothing_new_beside_its_published_orphan_publishes_no_empty_file(site, tmp_path, suffix):
    """A JOBDIR run killed at its state save; another run of the site published its orphan as ``<run-id>.jsonl``;
    the JOBDIR run resumed found nothing new. It published an empty ``<run-id>-2.jsonl`` (0 bytes: pyarrow.json
    and pyarrow.dataset fail on it, and docs/operations.md says a run that exported nothing publishes no records
    file). Now nothing is published, and the killed run's file keeps its manifest (an "exported nothing" one,
    ``<run-id>.manifest.json`` with ``"file": null``, would have replaced it)."""
    import pyarrow.dataset as ds

    server, _ = site
    state, out, job = tmp_path / "state", tmp_path / "output", tmp_path / "job"
    feed = ["-s", f"NEWSPROJ_DEFAULT_FEED={out}/%(site)s/%(date)s/%(run_id)s.{suffix}", "-s", f"STATE_DIR={state}"]
    jobdir = ["-s", f"JOBDIR={job}"]
    assert crawl(server.base, *feed, *jobdir, "-s", "NEWSPROJ_STATE_BACKEND=tests.sites.KillAtStateSave"
                 ).returncode != 0
    other = crawl(server.base, *feed)  # publishes the killed run's file (6 records)
    assert other.returncode == 0, other.stderr[-3000:]
    [published] = out.glob(f"*/*/*.{suffix}")
    resumed = crawl(server.base, *feed, *jobdir)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    files = [str(path) for path in out.glob(f"*/*/*.{suffix}")]  # what a reader loads
    assert ds.dataset(files, format="json" if suffix == "jsonl" else "parquet").count_rows() == 6
    assert list(out.glob(f"*/*/*.{suffix}")) == [published]
    manifest = json.loads(published.with_name(published.stem + ".manifest.json").read_text())
    assert manifest["output"]["file"] == published.name and manifest["output"]["records"] == 6


def test_a_jobdir_run_resumed_after_a_kill_inside_its_rename_never_writes_into_the_published_file(tmp_path):
    """A JOBDIR Parquet run killed inside its rename (``tests.sites.KillInPublish``: ``<run-id>.parquet`` and its
    ``.part`` name are one file, its 6 records saved in the state), then resumed with the same JOBDIR: it opened
    the ``.part`` name and truncated it to carry its records over, so the published ``<run-id>.parquet`` was a file
    without a footer (unreadable) while the run lived (a JSON-lines one was appended to under its published name).
    Now a resumed run first finishes that rename (the ``.part`` name goes, the file keeps a manifest) and writes a
    new ``.part``; killed, then the next run: every article once, nothing left ``.part``."""
    import pyarrow.parquet as pq

    def published_file_whole(out: Path) -> None:
        [published] = out.glob("*/*/*.parquet")
        assert pq.read_table(published).num_rows == 6  # the published file, while the resumed run lives

    killed_resumed_killed_then_finished(tmp_path, ["-s", 'FEED_STORAGES={"": "tests.sites.KillInPublish"}'],
                                        published_file_whole)


@pytest.mark.parametrize("suffix", ["jsonl", "parquet"])
def test_a_resumed_run_that_fails_keeps_the_records_its_killed_run_saved_in_the_state(site, tmp_path, suffix):
    """A JOBDIR run killed right after its state saved its 6 records, before its rename
    (``tests.sites.KillAfterStateSave``): its ``.part`` holds them. Resumed with the same JOBDIR, it continued that
    ``.part``, found 2 new articles, and failed (its WARC could not be published: exit 4). The failed run removed
    the ``.part`` as if it held only its own records: 6 records marked done in STATE_DIR were in no file, for ever
    (no later run fetches them again). Now a ``.part`` that held records when the run opened it is left for the
    next run of the site, which publishes it: every article once, each in the state and in a published file."""
    from newsproj import settings

    server, pages = site
    state, out, job, warc = tmp_path / "state", tmp_path / "output", tmp_path / "job", tmp_path / "warc"
    feed = ["-s", f"NEWSPROJ_DEFAULT_FEED={out}/%(site)s/%(date)s/%(run_id)s.{suffix}", "-s", f"STATE_DIR={state}",
            "-s", f"NEWSPROJ_WARC_DIR={warc}"]
    jobdir = ["-s", f"JOBDIR={job}"]
    killed = crawl(server.base, *feed, *jobdir, "-s", "NEWSPROJ_STATE_BACKEND=tests.sites.KillAfterStateSave")
    assert killed.returncode != 0 and len(state_urls(state)) == 6
    add_articles(pages.pages, 6, 7)
    extensions = {**settings.EXTENSIONS, "tests.sites.FullDiskAtWarcClose": 0}
    failed = crawl(server.base, *feed, *jobdir, "-s", f"EXTENSIONS={json.dumps(extensions)}")
    assert failed.returncode == 4, failed.stderr[-3000:]
    assert len(state_urls(state)) == 6
    last = crawl(server.base, *feed)
    assert last.returncode == 0, last.stderr[-3000:]
    files, urls = published_urls(out, suffix)
    assert len(urls) == len(set(urls)), files
    assert state_urls(state) <= set(urls), files  # nothing marked done that no published file holds
    assert len(urls) == 8 and set(urls) == state_urls(state), files
    assert not list(out.glob("*/*/.*.part*"))


def test_a_parquet_run_resumed_and_killed_again_keeps_the_records_its_first_run_saved(tmp_path):
    """A JOBDIR Parquet run killed right after its state saved its 6 records, before its rename (a complete
    ``.part``, no journal: ``tests.sites.KillAfterStateSave``); resumed, it carried them into its new ``.part``
    (no footer until stored) and removed the copy, its journal holding only new records; killed again, the next
    run published the journal: the 6 records marked done were in no file. Now they are in the journal too."""
    killed_resumed_killed_then_finished(tmp_path, ["-s", "NEWSPROJ_STATE_BACKEND=tests.sites.KillAfterStateSave"])


def test_an_appending_parquet_run_killed_before_its_replace_leaves_each_record_once(site, tmp_path):
    """``-o out.parquet``: a run killed once its ``.part`` was complete (it carries the final file's records),
    before replacing the final file (``tests.sites.KillBeforeReplace``). The next run carried the final file and
    that ``.part``: the final file's records twice."""
    import pyarrow.parquet as pq


    server, pages = site
    state, out = tmp_path / "state", tmp_path / "out.parquet"
    args = ["-o", str(out), "-s", f"STATE_DIR={state}"]
    first = crawl(server.base, *args)
    assert first.returncode == 0, first.stderr[-3000:]
    add_articles(pages.pages, 6, 7)
    killed = crawl(server.base, *args, "-s", 'FEED_STORAGES={"": "tests.sites.KillBeforeReplace"}')
    assert killed.returncode != 0
    last = crawl(server.base, *args)
    assert last.returncode == 0, last.stderr[-3000:]
    urls = pq.read_table(out).column("canonicalUrl").to_pylist()
    assert len(urls) == len(set(urls)) == 8 and set(urls) == state_urls(state)
