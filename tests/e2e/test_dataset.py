"""Output as a dataset: every file of consecutive runs (JSON lines and Parquet, one run with nothing new, one
with near-duplicates) loads together with pandas, pyarrow datasets and zyte-common-items; the records carry
provenance and consent signals; the Parquet feed survives SIGKILL like the JSON-lines one.

Crawls run as ``scrapy crawl`` subprocesses: the feeds' publication, the run manifest and a killed process are
what these tests check."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
import warnings
from pathlib import Path

import pytest

from newsproj.schema import arrow_schema
from newsproj.testing.server import FixtureServer, Site
from newsproj.validation import problems
from tests.conftest import FIXTURES, answering_at_once, run_scrapy, start_scrapy
from tests.e2e.test_resume import count_lines, crawl_cmd, run

WORDS = ("harbour ferry council budget timetable passengers engine weather bridge market school river station "
         "library festival museum stadium hospital airport theatre mayor street night morning week road park "
         "water price rent train bus crew pier island coast storm").split()


def body(seed: int, words: int = 220) -> str:
    """Distinct prose for each seed (a near-duplicate changes a few words of one)."""
    rnd = random.Random(seed)
    return " ".join(rnd.choice(WORDS) + rnd.choice(("", "", "", "s", "ed", ".")) for _ in range(words))


def article_html(title: str, text: str, head: str = "") -> bytes:
    paragraphs = "".join(f"<p>{p.strip()}.</p>" for p in text.split(".") if p.strip())
    return (f"<html lang='en'><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
            f"{paragraphs}</article></body></html>").encode()


class RunSite(Site):
    """A news site whose pages a test changes between runs: ``pages`` maps a path to (headers, body)."""

    def __init__(self) -> None:
        super().__init__(FIXTURES)
        self.pages: dict[str, tuple[dict[str, str], bytes]] = {}
        self.tdmrep: bytes | None = None

    def lookup(self, path: str, query: str, base: str):
        if path == "/robots.txt":
            robots = f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n"
            return 200, {"Content-Type": "text/plain"}, robots.encode()
        if path == "/sitemap.xml":
            locs = "".join(f"<url><loc>{base}{p}</loc></url>" for p in sorted(self.pages))
            xml = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
            return 200, {"Content-Type": "application/xml"}, xml.encode()
        if path == "/.well-known/tdmrep.json" and self.tdmrep is not None:
            return 200, {"Content-Type": "application/json"}, self.tdmrep
        if path in self.pages:
            headers, page = self.pages[path]
            return 200, {"Content-Type": "text/html; charset=utf-8", **headers}, page
        return None


@pytest.fixture
def run_site():
    site = RunSite()
    server = FixtureServer(site).start()
    yield site, server
    server.stop()


def crawl(base: str, tmp: Path, *extra: str, check: bool = True) -> subprocess.CompletedProcess:
    feeds = {
        f"{tmp}/output/%(site)s/%(date)s/%(run_id)s.jsonl": {
            "format": "jsonlines", "newsproj_atomic": True, "uri_params": "newsproj.extensions.manifest.uri_params"},
        f"{tmp}/parquet/%(site)s/%(date)s/%(run_id)s.parquet": {
            "format": "parquet", "newsproj_atomic": True, "uri_params": "newsproj.extensions.manifest.uri_params"},
    }
    argv = ["crawl", "news", "-a", f"start_urls={base}/sitemap.xml",
            "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "NEWSPROJ_EXTRACT_WORKERS=0",
            "-s", f"STATE_DIR={tmp / 'state'}", "-s", f"FEEDS={json.dumps(feeds)}", *extra]
    proc = run_scrapy(argv)
    if check:
        assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def test_three_runs_load_together_everywhere(run_site, tmp_path):
    import pandas as pd
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq
    from zyte_common_items import Article

    site, server = run_site
    site.pages["/news/ferry"] = ({"tdm-reservation": "1", "tdm-policy": "https://policy.example/tdm"},
                                 article_html("Ferry timetable changes", body(1), '<meta name="robots" content="noai">'
                                              '<meta property="article:published_time" content="2024-09-05T09:30:00">'))
    site.pages["/news/budget"] = ({}, article_html("Council budget agreed", body(2),
                                                   '<link rel="license" href="/licence">'
                                                   '<meta property="article:published_time" '
                                                   'content="2024-09-06T10:00:00.123456+02:00">'))
    site.tdmrep = json.dumps([{"location": "/news/*", "tdm-reservation": 0}]).encode()
    crawl(server.base, tmp_path)  # run 1: two articles
    nothing_new = crawl(server.base, tmp_path)  # run 2: nothing new
    summary = next(line for line in nothing_new.stderr.splitlines() if "newsproj summary" in line)
    assert "0 articles written to no file (nothing new;" in summary  # not a file name that does not exist
    near = body(1).split()
    near[50:53] = ["new", "ferry", "pier"]
    site.pages["/news/ferry-update"] = ({}, article_html("Ferry timetable changes again", " ".join(near)))
    site.pages["/news/bridge"] = ({}, article_html("Bridge reopens", body(3)))
    crawl(server.base, tmp_path)  # run 3: a near-duplicate and a new article

    manifests = sorted((tmp_path / "output").glob("*/*/*.manifest.json"))
    # in run order: two runs can start within the same second, where started_at and run_id do not order them
    manifests.sort(key=lambda p: p.stat().st_mtime_ns)
    runs = [json.loads(p.read_text()) for p in manifests]
    assert [m["output"]["records"] for m in runs] == [2, 0, 2]
    assert runs[1]["output"]["file"] is None  # nothing new: no empty file, the manifest says so
    jsonl = sorted((tmp_path / "output").glob("*/*/*.jsonl"))
    parquet = sorted((tmp_path / "parquet").glob("*/*/*.parquet"))
    assert len(jsonl) == len(parquet) == 2
    assert not list(tmp_path.glob("*/*/*/.*"))  # no .part, no journal left

    schema = arrow_schema()
    # pyarrow: every file of every run, one dataset, with the shipped schema
    from_json = ds.dataset([str(p) for p in jsonl], format="json", schema=schema).to_table()
    from_parquet = ds.dataset([str(p) for p in parquet], format="parquet").to_table()
    assert from_json.num_rows == from_parquet.num_rows == 4
    assert from_parquet.schema.equals(schema)
    both = pa.concat_tables([from_json, from_parquet])
    assert both.num_rows == 8
    for path in parquet:  # each file alone has the same types too (not only a dataset given the schema)
        assert pq.read_schema(path).equals(schema)

    # pandas: every file, JSON lines and Parquet
    frames = [pd.read_json(p, lines=True, dtype=False) for p in jsonl] + [pd.read_parquet(p) for p in parquet]
    frame = pd.concat(frames, ignore_index=True)
    assert len(frame) == 8
    published = pd.to_datetime(frame["datePublished"].where(frame["datePublished"].str.len() > 19), utc=True,
                               format="ISO8601")
    assert published.notna().sum() == 2  # the value with an offset, in both formats

    records = [r for p in jsonl for r in map(json.loads, p.read_text().splitlines())]
    by_path = {r["url"].removeprefix(server.base): r for r in records}
    assert from_parquet.sort_by("url").to_pylist() == sorted(records, key=lambda r: r["url"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for record in records:  # zyte-common-items takes every record
            article = Article.from_dict(record)
            assert article.url == record["url"] and article.headline == record["headline"]
    assert [problems(r) for r in records] == [[]] * 4

    ferry, budget = by_path["/news/ferry"], by_path["/news/budget"]
    update, bridge = by_path["/news/ferry-update"], by_path["/news/bridge"]
    assert update["metadata"]["nearDuplicateOf"] == ferry["canonicalUrl"]
    assert {r["metadata"]["nearDuplicateOf"] for r in (ferry, budget, bridge)} == {None}
    # dates: one form per kind; a time without a zone is said so, never taken for UTC
    assert budget["datePublished"] == "2024-09-06T10:00:00+02:00"
    assert ferry["datePublished"] == "2024-09-05T09:30:00"
    assert ferry["metadata"]["dateZoneless"] == ["datePublished"] and budget["metadata"]["dateZoneless"] == []
    # provenance and consent
    for record in records:
        meta = record["metadata"]
        assert meta["extractor"]["newsproj"] and len(meta["extractor"]["config"]) == 64
        assert meta["robotsTxt"] == "allowed"
    assert ferry["metadata"]["tdmReservation"] == {
        "reservation": 1, "policy": "https://policy.example/tdm", "source": "header"}
    assert budget["metadata"]["tdmReservation"] == {"reservation": 0, "policy": None, "source": "tdmrep.json"}
    assert ferry["metadata"]["aiDirectives"] == ["noai"] and budget["metadata"]["aiDirectives"] is None
    assert budget["metadata"]["license"] == f"{server.base}/licence" and ferry["metadata"]["license"] is None
    assert {r["metadata"]["isAccessibleForFree"] for r in records} == {None}
    # robots.txt once a run (the middleware's copy is reused), tdmrep.json once a run
    assert server.hits["/robots.txt"] == 3 and server.hits["/.well-known/tdmrep.json"] == 3


def test_site_that_states_nothing_gets_nulls(run_site, tmp_path):
    site, server = run_site
    site.pages["/news/quiet"] = ({}, article_html("A quiet day at the library", body(5)))
    crawl(server.base, tmp_path)
    [path] = (tmp_path / "output").glob("*/*/*.jsonl")
    [record] = [json.loads(line) for line in path.read_text().splitlines()]
    meta = record["metadata"]
    assert (meta["tdmReservation"], meta["aiDirectives"], meta["license"], meta["isAccessibleForFree"]) == (
        None, None, None, None)
    assert server.hits["/.well-known/tdmrep.json"] == 1


def test_parquet_feed_and_unrecognised_format(run_site, tmp_path):
    import pyarrow.parquet as pq

    site, server = run_site
    site.pages["/news/quiet"] = ({}, article_html("A quiet day at the library", body(5)))
    out = tmp_path / "x.parquet"
    proc = run_scrapy(["crawl", "news", "-a", f"start_urls={server.base}/sitemap.xml", "-O", str(out),
                       "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "NEWSPROJ_EXTRACT_WORKERS=0", "-s", "STATE_DIR="])
    assert proc.returncode == 0, proc.stderr[-3000:]
    table = pq.read_table(out)
    assert table.num_rows == 1 and table.schema.equals(arrow_schema())
    assert not list(tmp_path.glob(".*"))


# ------------------------------------------------------------------ SIGKILL


def demo_cmd(base: str, *args: str) -> list[str]:
    return crawl_cmd(base, "NEWSPROJ_PARQUET_ROW_GROUP_ROWS=4", *args)


def kill_when(cmd: list[str], log: Path, ready) -> None:
    """Start the crawl, SIGKILL it once ``ready()`` (no final Parquet name may appear before)."""
    with log.open("a") as fh:
        proc = start_scrapy(cmd, stdout=fh, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while not ready():
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


def parquet_paths(path: Path) -> list[str]:
    from urllib.parse import urlsplit

    import pyarrow.parquet as pq

    return sorted(urlsplit(u).path for u in pq.read_table(path, columns=["canonicalUrl"]).column(0).to_pylist())


def test_parquet_append_survives_sigkill_and_resumes(slow_demo, tmp_path, demo_truth):
    """-o x.parquet with JOBDIR, killed after 6 records (more than a row group): no x.parquet appears; the
    restarted run ends with every article exactly once in a complete x.parquet."""
    out, log = tmp_path / "x.parquet", tmp_path / "crawl.log"
    cmd = demo_cmd(slow_demo.base, f"JOBDIR={tmp_path / 'job'}", f"STATE_DIR={tmp_path / 'state'}", "-o", str(out))
    journal = tmp_path / ".x.parquet.part.jsonl"
    kill_when(cmd, log, lambda: count_lines(journal) >= 6 and not out.exists())
    assert not out.exists()  # nothing under the final name
    assert (tmp_path / ".x.parquet.part").exists() and count_lines(journal) >= 6
    with journal.open("ab") as fh:  # as if killed in the middle of a line
        fh.write(b'{"url": "http://127.0.0.1/half')
    with answering_at_once(slow_demo):  # (the delay is for the kill only)
        assert run(cmd, log) == 0, log.read_text()[-3000:]
        assert parquet_paths(out) == sorted(t["path"] for t in demo_truth), log.read_text()[-3000:]
        assert not journal.exists() and not (tmp_path / ".x.parquet.part").exists()
        # and the state remembers them all, the killed run's too (carried from its journal: before, learnt by the
        # restarted run for itself only, so a later run writing elsewhere emitted them again)
        import sqlite3
        from urllib.parse import urlsplit

        with sqlite3.connect(tmp_path / "state" / "state.sqlite3") as db:
            remembered = sorted(urlsplit(url).path for (url,) in db.execute("SELECT url FROM articles"))
        assert remembered == sorted(t["path"] for t in demo_truth)

        # -o again (a later run, nothing new): the file is rewritten with what it held, nothing twice
        assert run(cmd, log) == 0, log.read_text()[-3000:]
        assert parquet_paths(out) == sorted(t["path"] for t in demo_truth)


def test_killed_default_parquet_feed_is_published_by_the_next_run(slow_demo, tmp_path, demo_truth):
    output = tmp_path / "output"
    feeds = json.dumps({f"{output}/%(site)s/%(date)s/%(run_id)s.parquet": {
        "format": "parquet", "newsproj_atomic": True, "uri_params": "newsproj.extensions.manifest.uri_params"}})
    cmd = demo_cmd(slow_demo.base, f"STATE_DIR={tmp_path / 'state'}", f"FEEDS={feeds}")
    log = tmp_path / "crawl.log"

    def killable() -> bool:
        assert list(output.glob("*/*/*.parquet")) == []
        return sum(count_lines(p) for p in output.glob("*/*/.*.parquet.part.jsonl")) >= 5

    kill_when(cmd, log, killable)
    assert list(output.glob("*/*/*.parquet")) == []  # a killed run leaves no Parquet file under a final name
    with answering_at_once(slow_demo):  # (the delay is for the kill only)
        assert run(cmd, log) == 0, log.read_text()[-3000:]
    files = sorted(output.glob("*/*/*.parquet"))
    assert len(files) == 2 and list(output.glob("*/*/.*")) == []
    manifests = [json.loads(p.read_text()) for p in output.glob("*/*/*.manifest.json")]
    assert sorted(m["status"] for m in manifests) == ["ok", "recovered"]
    paths = sorted(p for f in files for p in parquet_paths(f))
    assert paths == sorted(t["path"] for t in demo_truth)
    for manifest in manifests:
        assert manifest["output"]["records"] == len(parquet_paths(output.glob(f"*/*/{manifest['output']['file']}")
                                                                  .__next__()))


def test_parquet_temp_files_never_write_through_a_symlink(demo_server, tmp_path, demo_truth):
    """A killed Parquet run's journal is published by the next run of the site through a temp file of a fixed name,
    ``.<run-id>.parquet.tmp``, opened by pyarrow through whatever was under that name: a symlink planted there (an
    output folder another user can write, a leftover) made the run overwrite its target with Parquet, then rename
    the symlink into place as the published file. Temp files are now this run's own (``O_EXCL``, random names)."""
    first = tmp_path / "first.jsonl"
    assert run_scrapy(crawl_cmd(demo_server.base, "STATE_DIR=", "-O", str(first))).returncode == 0
    site_dir = tmp_path / "output" / ("127.0.0.1-" + demo_server.base.rsplit(":", 1)[1])
    day = site_dir / "2026-12-01"
    day.mkdir(parents=True)
    orphan = "20261201T000000Z-0a0b0c.parquet"
    (day / f".{orphan}.part").write_bytes(b"")  # what a killed run leaves: its .part (unlocked) and journal
    (day / f".{orphan}.part.jsonl").write_bytes(first.read_bytes())
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours\n")
    (day / f".{orphan}.tmp").symlink_to(victim)
    feeds = json.dumps({f"{tmp_path / 'output'}/%(site)s/%(date)s/%(run_id)s.parquet": {
        "format": "parquet", "newsproj_atomic": True, "uri_params": "newsproj.extensions.manifest.uri_params"}})
    proc = run_scrapy(crawl_cmd(demo_server.base, f"STATE_DIR={tmp_path / 'state'}", f"FEEDS={feeds}"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert victim.read_text() == "not yours\n"
    published = day / orphan
    assert published.is_file() and not published.is_symlink()
    assert len(parquet_paths(published)) == len(demo_truth)
