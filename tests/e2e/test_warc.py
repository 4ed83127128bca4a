"""WARC out (``-s NEWSPROJ_WARC_DIR``) and the ``warc`` spider, end to end (../shared/CONTRACT.md).

WARC files are built in-process with warcio (tests/warcs.py); the crawls run as ``scrapy crawl`` subprocesses,
because what is tested is the command: its exit status, its output file, its JOBDIR after a SIGKILL, and two
processes sharing files through Redis.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import signal
import subprocess
import threading
import time
import uuid
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import CRAWL_TIMEOUT, read_jsonl, run_crawl, run_scrapy, start_scrapy
from tests.warcs import Rec, article_copies, demo_articles, write_arc, write_warc

FAST = ("-s", "NEWSPROJ_EXTRACT_WORKERS=0")


def warc_crawl(*args: str, out: Path, **kwargs):
    return run_crawl(*FAST, *args, out=out, spider="warc", **kwargs)


def _records_of(path: Path) -> list:
    with path.open("rb") as fh:
        found = []
        for record in ArchiveIterator(fh):
            found.append((record.rec_type, dict(record.rec_headers.headers), record.content_stream().read()))
        return found


def _range_record(path: Path, offset: int, length: int):
    """The one record at ``offset`` (``length`` bytes: a gzip member), as warcio parses it."""
    with path.open("rb") as fh:
        fh.seek(offset)
        chunk = fh.read(length)
    records = list(_iter(chunk))
    assert len(records) == 1
    return records[0]


def _iter(chunk: bytes):
    for record in ArchiveIterator(io.BytesIO(chunk)):
        yield record.rec_type, dict(record.rec_headers.headers), record.content_stream().read()


def _without_file(record: dict) -> dict:
    record = json.loads(json.dumps(record))
    record["metadata"]["warc"]["file"] = Path(record["metadata"]["warc"]["file"]).name
    return record


# ---------------------------------------------------------------------------------------------- WARC out + round trip


def test_live_crawl_archives_every_record_and_the_warc_spider_gives_the_same_records(demo_server, tmp_path):
    warc_dir = tmp_path / "warc"
    live = run_crawl("-a", f"start_urls={demo_server.base}/", *FAST, "-s", f"NEWSPROJ_WARC_DIR={warc_dir}",
                     "-s", "NEWSPROJ_WARC_MAX_SIZE=30000", out=tmp_path / "live.jsonl")
    assert live.returncode == 0, live.log[-3000:]
    assert len(live.records) == 30
    files = sorted(warc_dir.iterdir())
    assert files and all(f.name.endswith(".warc.gz") and not f.name.startswith(".") for f in files)
    assert len(files) > 1  # rotated by size
    for record in live.records:
        pointer = record["metadata"]["warc"]
        kind, headers, body = _range_record(warc_dir / pointer["file"], pointer["offset"], pointer["length"])
        assert kind == "response"
        assert headers["WARC-Target-URI"] == record["url"]
        assert headers["WARC-Record-ID"] == pointer["recordId"]
        assert headers["WARC-Date"].replace("Z", "+00:00") == record["metadata"]["dateDownloaded"]
        assert headers["WARC-Payload-Digest"].startswith("sha1:")
        assert record["headline"].encode()[:20] in body or b"<html" in body.lower()
    everything = [r for f in files for r in _records_of(f)]
    requests = [h for kind, h, _ in everything if kind == "request"]
    responses = {h["WARC-Record-ID"] for kind, h, _ in everything if kind == "response"}
    assert len(requests) == len(responses) == 30  # only what records were made from, each with its request
    assert {h["WARC-Concurrent-To"] for h in requests} == responses
    assert all(h["WARC-Type"] and "WARC/1.1" for _, h, _ in everything)
    # the run manifest lists every file with its sha256
    (manifest_file,) = (tmp_path / "live.state" / "runs").glob("*/*.json")
    listed = {entry["file"]: entry for entry in json.loads(manifest_file.read_text())["warc"]}
    assert set(listed) == {f.name for f in files}
    for f in files:
        assert listed[f.name]["sha256"] == hashlib.sha256(f.read_bytes()).hexdigest()
        assert listed[f.name]["status"] == "complete"

    again = warc_crawl("-a", f"source={warc_dir}/*.warc.gz", out=tmp_path / "again.jsonl")
    assert again.returncode == 0, again.log[-3000:]
    assert again.stats.get("newsproj/warc/pages") == 30
    assert "downloader/request_count" not in again.stats  # no network request for a page
    by_url = {r["url"]: _without_file(r) for r in again.records}
    assert by_url == {r["url"]: r for r in live.records}  # same records, same crawl time, same WARC pointers


def test_warc_all_archives_every_response_the_spider_saw(demo_server, tmp_path):
    warc_dir = tmp_path / "warc"
    live = run_crawl("-a", f"start_urls={demo_server.base}/", *FAST, "-s", f"NEWSPROJ_WARC_DIR={warc_dir}",
                     "-s", "NEWSPROJ_WARC_ALL=1", out=tmp_path / "all.jsonl")
    assert live.returncode == 0, live.log[-3000:]
    (file,) = warc_dir.iterdir()
    responses = {h["WARC-Target-URI"]: h["WARC-Record-ID"] for kind, h, _ in _records_of(file) if kind == "response"}
    assert f"{demo_server.base}/" in responses  # the homepage, a listing: no record was made from it
    assert len(responses) > len(live.records) == 30
    for record in live.records:  # each record points at the copy written when its response arrived
        assert responses[record["url"]] == record["metadata"]["warc"]["recordId"]
    assert live.stats["newsproj/warc/responses_written"] == len(responses)


# ------------------------------------------------------------------------------------- malformed input and filters


def _mixed_file(path: Path) -> list[int]:
    pages = demo_articles()
    recs = [Rec("https://news.example/", type="warcinfo", body=b"software: tests\r\n")]
    for url, html, _ in pages[:10]:
        recs += [Rec(url, type="request"), Rec(url, html)]
    recs += [
        Rec("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png"),
        Rec("https://news.example/data.json", b'{"a": 1}', content_type="application/json"),
        Rec(pages[0][0], type="revisit", warc_headers={"WARC-Refers-To": "<urn:uuid:x>"}),
        Rec(pages[1][0] + "?cut", pages[1][1][:500], warc_headers={"WARC-Truncated": "length"}),
        Rec("https://news.example/moved", b"", status="301 Moved Permanently"),
        Rec(pages[10][0], pages[10][1]),  # to be garbled
    ]
    for url, html, _ in pages[11:15]:
        recs.append(Rec(url, html))
    offsets = write_warc(path, recs)
    data = bytearray(path.read_bytes())
    garbled = offsets[len(recs) - 5]
    data[garbled + 10 : garbled + 60] = b"\xff" * 50  # a corrupt gzip member in the middle of the file
    path.write_bytes(bytes(data))
    return offsets


def test_malformed_records_are_counted_and_the_rest_of_each_file_is_read(tmp_path):
    _mixed_file(tmp_path / "mixed.warc.gz")
    pages = demo_articles()
    write_arc(tmp_path / "old.arc.gz", [Rec(url, html) for url, html, _ in pages[15:18]], compress=True)
    write_warc(tmp_path / "plain.warc", [Rec(url, html) for url, html, _ in pages[18:20]], compress=False)
    result = warc_crawl("-a", f"source={tmp_path}/*.warc.gz,{tmp_path}/old.arc.gz,{tmp_path}/plain.warc",
                        out=tmp_path / "out.jsonl")
    assert result.returncode == 0, result.log[-3000:]
    stats = result.stats
    for reason in ("not_html", "revisit", "truncated", "status", "corrupt"):
        assert stats.get(f"newsproj/warc/skipped/{reason}") == (2 if reason == "not_html" else 1), reason
    assert stats.get("newsproj/warc/files/read") == 3
    expected = {url for url, _, _ in pages[:10] + pages[11:20]}  # all but the garbled one
    assert {r["url"] for r in result.records} == expected
    assert all(r["metadata"]["dateDownloaded"] == "2024-09-12T10:00:00+00:00" for r in result.records)


def test_filters_hosts_dates_languages_and_site(tmp_path):
    en = [p for p in demo_articles("https://a.example") if p[2] == "en"][:4]
    other = [p for p in demo_articles("https://b.example") if p[2] == "en"][4:6]
    foreign = [p for p in demo_articles("https://a.example") if p[2] in ("de", "fr")]
    recs = [Rec(url, html, date=f"2024-09-{10 + i:02d}T08:00:00Z") for i, (url, html, _) in enumerate(en)]
    recs += [Rec(url, html) for url, html, _ in other + foreign]
    write_warc(tmp_path / "f.warc.gz", recs)
    source = f"source={tmp_path}/f.warc.gz"

    by_host_and_date = warc_crawl("-a", source, "-a", "hosts=www.a.example", "-a", "since=2024-09-11",
                                  "-a", "until=2024-09-12", "-a", "languages=en", out=tmp_path / "1.jsonl")
    assert by_host_and_date.returncode == 0, by_host_and_date.log[-3000:]
    assert {r["url"] for r in by_host_and_date.records} == {en[1][0], en[2][0]}
    assert by_host_and_date.stats.get("newsproj/warc/skipped/host") == len(other)
    assert by_host_and_date.stats.get("newsproj/warc/skipped/date") == 2
    assert by_host_and_date.stats.get("newsproj/warc/skipped/language") == len(foreign)  # after extraction
    languages = warc_crawl("-a", source, "-a", "languages=de,fr", out=tmp_path / "2.jsonl")
    assert {r["url"] for r in languages.records} == {url for url, _, _ in foreign}
    assert languages.stats.get("newsproj/warc/skipped/language") == len(en) + len(other)
    assert languages.stats.get("item_dropped_reasons_count/FilteredOut") == len(en) + len(other)


def test_site_filter_keeps_only_the_registry_sites_hosts(tmp_path):
    import tomllib

    from newsproj.sites import all_sites

    site = next(iter(all_sites()))
    host = site.hosts[0]
    pages = demo_articles(f"https://{host}")[:2] + demo_articles("https://elsewhere.example")[2:5]
    write_warc(tmp_path / "s.warc.gz", [Rec(url, html) for url, html, _ in pages])
    result = warc_crawl("-a", f"source={tmp_path}/s.warc.gz", "-a", f"site={site.name}", out=tmp_path / "s.jsonl")
    assert result.returncode == 0, result.log[-3000:]
    assert result.stats.get("newsproj/warc/skipped/host") == 3
    assert result.stats.get("newsproj/warc/pages") == 2
    assert tomllib  # the registry is TOML; the site's hosts come from its file


def test_bad_invocations_exit_2_with_one_line(tmp_path):
    write_warc(tmp_path / "x.warc.gz", [Rec("https://news.example/", b"<html></html>")])
    x = f"source={tmp_path / 'x.warc.gz'}"
    for args, words in (
        ((), "needs -a source"),
        (("-a", f"source={tmp_path}/none.warc.gz"), "no such file"),
        (("-a", f"source={tmp_path}/*.arc.gz"), "matches no file"),
        (("-a", x, "-a", "since=yesterday"), "YYYY-MM-DD"),
        (("-a", x, "-a", "since=2024-09-02", "-a", "until=2024-09-01"), "is after"),
        (("-a", x, "-a", "site=no-such-site"), "no-such-site"),
        (("-a", x, "-a", "nope=1"), "not an argument"),
    ):
        proc = run_scrapy(["crawl", "warc", *args], timeout=60)
        assert proc.returncode == 2, (args, proc.stderr[-2000:])
        assert words in proc.stderr and "Traceback" not in proc.stderr, (args, proc.stderr)


# --------------------------------------------------------------------------------------- HTTP sources and listings


class _RangeHandler(SimpleHTTPRequestHandler):
    """Static files with ``Range: bytes=N-`` (what a CC download server does), quietly."""

    def log_message(self, *args):
        pass

    def send_head(self):
        wanted = self.headers.get("Range")
        if not wanted:
            return super().send_head()
        path = Path(self.translate_path(self.path))
        start = int(wanted.removeprefix("bytes=").split("-")[0])
        data = path.read_bytes()
        self.send_response(206)
        self.send_header("Content-Length", str(len(data) - start))
        self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.end_headers()
        return io.BytesIO(data[start:])


@pytest.fixture
def file_server(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: _RangeHandler(*a, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_http_sources_and_a_cc_news_style_listing(file_server, tmp_path):
    root, base = file_server
    pages = demo_articles()
    folder = root / "crawl-data" / "CC-NEWS" / "2024" / "09"
    folder.mkdir(parents=True)
    write_warc(folder / "CC-NEWS-1.warc.gz", [Rec(url, html) for url, html, _ in pages[:3]])
    write_warc(folder / "CC-NEWS-2.warc.gz", [Rec(url, html) for url, html, _ in pages[3:5]])
    # where Common Crawl has it, with paths relative to the root (docs/warc.md's recipe passes its URL as is)
    (folder / "warc.paths.gz").write_bytes(gzip.compress(
        b"crawl-data/CC-NEWS/2024/09/CC-NEWS-1.warc.gz\ncrawl-data/CC-NEWS/2024/09/CC-NEWS-2.warc.gz\n"))
    local_listing = tmp_path / "warc.paths.gz"
    local_listing.write_bytes((folder / "warc.paths.gz").read_bytes())
    # a served listing that also names a file of the crawl host (a WARC there, outside the served tree) by its
    # absolute path and by '..': refused, counted, never read (review)
    secret = tmp_path / "secret.warc.gz"
    write_warc(secret, [Rec(url, html) for url, html, _ in pages[5:6]])
    (folder / "warc.paths.gz").write_bytes(gzip.compress(
        b"crawl-data/CC-NEWS/2024/09/CC-NEWS-1.warc.gz\ncrawl-data/CC-NEWS/2024/09/CC-NEWS-2.warc.gz\n"
        + f"{secret}\n../../../../../{secret.name}\n".encode()))
    private = ("-s", "NEWSPROJ_ALLOW_PRIVATE=1")
    relative_to_listing = warc_crawl("-a", f"source={base}/crawl-data/CC-NEWS/2024/09/warc.paths.gz", *private,
                                     out=tmp_path / "1.jsonl")
    assert relative_to_listing.returncode == 0, relative_to_listing.log[-3000:]
    assert {r["url"] for r in relative_to_listing.records} == {url for url, _, _ in pages[:5]}
    assert relative_to_listing.stats.get("newsproj/warc/files/refused") == 2
    assert relative_to_listing.records[0]["metadata"]["warc"]["file"].startswith(f"{base}/crawl-data/CC-NEWS/")
    with_base = warc_crawl("-a", f"source={local_listing}", "-a", f"base={base}/", *private,
                           out=tmp_path / "2.jsonl")
    assert len(with_base.records) == 5
    direct = warc_crawl("-a", f"source={base}/crawl-data/CC-NEWS/2024/09/CC-NEWS-2.warc.gz", *private,
                        out=tmp_path / "3.jsonl")
    assert {r["url"] for r in direct.records} == {url for url, _, _ in pages[3:5]}


# ------------------------------------------------------------------------------------------- STATE_DIR and JOBDIR


def test_a_second_run_with_the_same_state_dir_emits_nothing(tmp_path):
    write_warc(tmp_path / "a.warc.gz", [Rec(url, html) for url, html, _ in demo_articles()[:6]])
    state = f"STATE_DIR={tmp_path / 'state'}"
    first = warc_crawl("-a", f"source={tmp_path}/a.warc.gz", "-s", state, out=tmp_path / "1.jsonl")
    second = warc_crawl("-a", f"source={tmp_path}/a.warc.gz", "-s", state, out=tmp_path / "2.jsonl")
    assert first.returncode == second.returncode == 0, second.log[-3000:]
    assert len(first.records) == 6 and second.records == []
    assert second.stats.get("item_dropped_reasons_count/UnchangedArticle") == 6


def test_jobdir_resumes_after_a_kill_with_every_article_exactly_once(tmp_path):
    pages = article_copies(8)  # 240 distinct articles
    write_warc(tmp_path / "big.warc.gz", [Rec(url, html) for url, html in pages])
    out, jobdir = tmp_path / "out.jsonl", tmp_path / "job"
    cmd = ["crawl", "warc", "-a", f"source={tmp_path}/big.warc.gz", "-o", str(out),
           "-s", f"JOBDIR={jobdir}", "-s", f"STATE_DIR={tmp_path / 'state'}", "-s", "LOG_LEVEL=INFO", *FAST]
    proc = start_scrapy(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    progress = jobdir / "newsproj-warc.json"
    deadline = time.monotonic() + CRAWL_TIMEOUT
    while time.monotonic() < deadline and proc.poll() is None:
        if progress.exists() and out.exists() and out.read_bytes().count(b"\n") >= 40:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    saved = json.loads(progress.read_text())
    assert 0 < saved[f"{tmp_path}/big.warc.gz"] < (tmp_path / "big.warc.gz").stat().st_size
    stats_file = tmp_path / "resumed.stats.json"
    resumed = run_scrapy([*cmd, "-s", f"NEWSPROJ_STATS_FILE={stats_file}"])
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    records = read_jsonl(out)
    urls = [r["url"] for r in records]
    assert len(urls) == len(set(urls)) == len(pages)  # every article, exactly once
    stats = json.loads(stats_file.read_text())
    assert stats["newsproj/warc/pages"] < len(pages)  # the resumed run started where the killed one was
    assert not progress.exists()  # finished: the next run with this JOBDIR is a new run


def test_closespider_itemcount_stops_reading_and_the_next_run_resumes_with_every_article_once(tmp_path):
    """CLOSESPIDER_ITEMCOUNT on the warc spider: the run closes (Scrapy 2.19 left a spider whose start() yields items
    waiting forever for its close: compat.finish_close_with_start_items), reads no further than the pages in flight
    (it had gone on through every file), and JOBDIR keeps where it stopped, so the next run writes the rest."""
    pages = article_copies(4)  # 120 distinct articles
    write_warc(tmp_path / "big.warc.gz", [Rec(url, html) for url, html in pages])
    out, jobdir = tmp_path / "out.jsonl", tmp_path / "job"
    common = ("-a", f"source={tmp_path}/big.warc.gz", "-s", f"JOBDIR={jobdir}", "-s", f"STATE_DIR={tmp_path / 's'}")
    first = warc_crawl(*common, "-s", "CLOSESPIDER_ITEMCOUNT=2", "-s", "NEWSPROJ_WARC_INFLIGHT=4", out=out,
                       timeout=60)
    assert first.returncode == 0, first.log[-3000:]
    assert first.stats["finish_reason"] == "closespider_itemcount"
    assert 2 <= len(first.records) <= 8, len(first.records)  # the limit, and the pages then in flight
    assert first.stats["newsproj/warc/pages"] <= 12
    assert "newsproj/warc/files/read" not in first.stats
    assert "reading stopped" in first.log
    rest = warc_crawl(*common, out=tmp_path / "rest.jsonl")
    assert rest.returncode == 0, rest.log[-3000:]
    urls = [r["url"] for r in first.records + rest.records]
    assert len(urls) == len(set(urls)) == len(pages)  # every article, exactly once over the two runs


# --------------------------------------------------------------------------------------- WARC out after a kill


def test_a_killed_live_crawl_leaves_every_pointed_record_readable_and_the_next_run_publishes_it(demo_server,
                                                                                                 tmp_path):
    warc_dir, out = tmp_path / "warc", tmp_path / "killed.jsonl"
    cmd = ["crawl", "news", "-a", f"start_urls={demo_server.base}/", "-O", str(out),
           "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0.25",
           "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", f"NEWSPROJ_WARC_DIR={warc_dir}",
           "-s", f"STATE_DIR={tmp_path / 'state'}", *FAST]
    proc = start_scrapy(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + CRAWL_TIMEOUT
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 5:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    lines = [json.loads(line) for line in out.read_bytes().split(b"\n")[:-1]]
    assert len(lines) >= 5
    (part,) = warc_dir.glob(".*.warc.gz.part")
    for record in lines:
        pointer = record["metadata"]["warc"]
        kind, headers, _ = _range_record(part, pointer["offset"], pointer["length"])
        assert (kind, headers["WARC-Record-ID"]) == ("response", pointer["recordId"])
        assert part.name == f".{pointer['file']}.part"
    # the next run writing to the same directory publishes it, and its manifest says so
    with part.open("ab") as fh:
        fh.write(b"\x1f\x8b\x08\x00half a record")  # as if the kill had come in the middle of a write
    second = run_crawl("-a", f"start_urls={demo_server.base}/business/articles/coffee-prices-hit-13-year-high/",
                       *FAST, "-s", f"NEWSPROJ_WARC_DIR={warc_dir}", out=tmp_path / "second.jsonl")
    assert second.returncode == 0, second.log[-3000:]
    assert not list(warc_dir.glob(".*.part"))
    recovered = [e for e in second.stats["newsproj/warc/files"] if e["status"] == "recovered"]
    assert [e["file"] for e in recovered] == [lines[0]["metadata"]["warc"]["file"]]
    final = warc_dir / recovered[0]["file"]
    assert recovered[0]["sha256"] == hashlib.sha256(final.read_bytes()).hexdigest()
    assert len([r for r in _records_of(final) if r[0] == "response"]) >= len(lines)


# ------------------------------------------------------------------------------------------------ REDIS_URL


def test_processes_sharing_a_redis_each_read_different_files(redis_server, tmp_path):
    pages = article_copies(1)
    for n in range(4):
        write_warc(tmp_path / f"part-{n}.warc.gz", [Rec(url, html) for url, html in pages[n * 7 : n * 7 + 7]])
    key = uuid.uuid4().hex[:8]
    common = ["-a", f"source={tmp_path}/*.warc.gz", "-s", f"REDIS_URL={redis_server}",
              "-s", f"NEWSPROJ_REDIS_STATE_KEY=test-state-{key}", "-s", f"NEWSPROJ_WARC_CLAIM_KEY=test-warc-{key}",
              "-s", "LOG_LEVEL=INFO", *FAST]
    procs = []
    for n in range(2):
        stats = tmp_path / f"w{n}.stats.json"
        cmd = ["crawl", "warc", "-O", str(tmp_path / f"w{n}.jsonl"),
               "-s", f"NEWSPROJ_STATS_FILE={stats}", "-s", f"STATE_DIR={tmp_path / f'state{n}'}", *common]
        log = (tmp_path / f"w{n}.log").open("wb")
        procs.append((start_scrapy(cmd, stdout=subprocess.DEVNULL, stderr=log), log))
    for n, (proc, log) in enumerate(procs):
        code = proc.wait(CRAWL_TIMEOUT)
        log.close()
        assert code == 0, (tmp_path / f"w{n}.log").read_text()[-3000:]
    stats = [json.loads((tmp_path / f"w{n}.stats.json").read_text()) for n in range(2)]
    assert sum(s.get("newsproj/warc/files/read", 0) for s in stats) == 4  # each file read by one process
    assert sum(s.get("newsproj/warc/files/claimed_elsewhere", 0) for s in stats) == 4
    urls = [r["url"] for n in range(2) for r in read_jsonl(tmp_path / f"w{n}.jsonl")]
    assert sorted(urls) == sorted(url for url, _ in pages[:28])


def test_records_of_one_page_under_tracked_urls_give_one_record(tmp_path):
    """A WARC may hold a page twice under its URL with and without tracking parameters (a crawler that requested
    links as linked): one record, under the first record's URL, its canonicalUrl without trackers; a second run
    over other tracked copies finds them known."""
    (url, html, _), (other, other_html, _) = demo_articles()[:2]
    recs = [Rec(f"{url}?utm_source=rss&utm_medium=feed", html), Rec(url, html),
            Rec(f"{other}?gclid=EAIaIQ", other_html), Rec(f"{other}?fbclid=IwAR0", other_html)]
    write_warc(tmp_path / "t.warc.gz", recs)
    state = f"STATE_DIR={tmp_path / 'state'}"
    first = warc_crawl("-a", f"source={tmp_path}/t.warc.gz", "-s", state, out=tmp_path / "1.jsonl")
    assert first.returncode == 0, first.log[-3000:]
    assert sorted(r["url"] for r in first.records) == sorted([recs[0].url, recs[2].url])
    assert all("utm_" not in r["canonicalUrl"] and "clid" not in r["canonicalUrl"] for r in first.records)
    again = [Rec(f"{url}?utm_source=newsletter", html), Rec(f"{other}?utm_id=7", other_html)]
    write_warc(tmp_path / "u.warc.gz", again)
    second = warc_crawl("-a", f"source={tmp_path}/u.warc.gz", "-s", state, out=tmp_path / "2.jsonl")
    assert second.returncode == 0, second.log[-3000:]
    assert second.records == []


def test_an_empty_warc_among_others_is_named_and_counted(tmp_path):
    """A WARC file of 0 bytes (a writer that died before its first record, a download cut at its start) among good
    files was counted only as "read", like a file of pages: a backfill that lost a day's file said nothing. Now it
    is one WARNING line naming it and ``newsproj/warc/files/empty``. (A gzip of nothing was already a ``corrupt``
    skip with its line: it is not counted twice.)"""
    pages = demo_articles()
    write_warc(tmp_path / "a.warc.gz", [Rec(url, html) for url, html, _ in pages[:2]])
    (tmp_path / "b.warc.gz").write_bytes(b"")
    (tmp_path / "c.warc.gz").write_bytes(gzip.compress(b""))
    result = warc_crawl("-a", f"source={tmp_path}/*.warc.gz", out=tmp_path / "out.jsonl")
    assert result.returncode == 0, result.log[-3000:]
    assert len(result.records) == 2
    assert result.stats.get("newsproj/warc/files/read") == 3
    assert result.stats.get("newsproj/warc/files/empty") == 1, result.log[-3000:]
    assert result.stats.get("newsproj/warc/skipped/corrupt") == 1
    warnings = [line for line in result.log.splitlines() if "holds no record" in line]
    assert len(warnings) == 1 and "b.warc.gz" in warnings[0], warnings


def test_filters_that_keep_no_page_fail_the_run_naming_what_was_skipped(tmp_path):
    """A filter that keeps none of the files' pages (trying ``-a site=`` on one CC-NEWS file, as docs/warc.md
    suggests) finds nothing: exit 3 as any run that finds nothing, but its reason said "0 responses, none led to
    an article" whatever the files held (docs24); it names the records the filters skipped."""
    en = [p for p in demo_articles("https://a.example") if p[2] == "en"][:3]
    write_warc(tmp_path / "f.warc.gz", [Rec(url, html) for url, html, _ in en])
    result = warc_crawl("-a", f"source={tmp_path}/f.warc.gz", "-a", "hosts=www.b.example", out=tmp_path / "1.jsonl")
    assert result.returncode == 3, result.log[-3000:]
    assert result.records == []
    assert ("Run failed a check: Run health/Something found: nothing found: no article exported or known; "
            "0 responses, none led to an article; WARC records skipped: host ×3") in result.log
