"""JOBDIR and output under SIGKILL: killed at random moments and restarted, a crawl ends with every demo article
exactly once and only whole, valid JSON lines; a partial output file is never visible under its final name."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import start_scrapy

SEED_ENV = "NEWSPROJ_TEST_KILL_SEED"


def crawl_cmd(base: str, *settings: str) -> list[str]:
    """``scrapy`` arguments of a crawl of ``base``, one request at a time."""
    # One request at a time to the 50 ms server: the crawl takes seconds, so kills and pauses land mid-crawl
    # (with the default concurrency the whole demo is fetched in well under a second).
    # Extraction in the crawl process: what is killed here is the crawl, not the extraction pool.
    cmd = ["crawl", "news", "-a", f"start_urls={base}/",
           "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "LOG_LEVEL=INFO",
           "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "NEWSPROJ_EXTRACT_WORKERS=0"]
    for setting in settings:
        cmd += ["-s", setting] if "=" in setting and not setting.startswith("-") else [setting]
    return cmd


def count_lines(path: Path | None) -> int:
    try:
        return path.read_bytes().count(b"\n") if path else 0
    except FileNotFoundError:
        return 0


def run(cmd: list[str], log: Path, kill_after: float | None = None, watch: Path | None = None,
        lines: int = 0) -> int | None:
    """Run ``cmd``. With ``kill_after``, SIGKILL it that many seconds after ``watch`` holds more than ``lines``
    lines (so kills land mid-crawl whatever the machine's speed). Returns None if it was killed."""
    with log.open("a") as fh:
        proc = start_scrapy(cmd, stdout=fh, stderr=subprocess.STDOUT)
        if kill_after is None:
            return proc.wait(timeout=180)
        deadline = time.monotonic() + 120
        while watch is not None and count_lines(watch) <= lines and proc.poll() is None:
            assert time.monotonic() < deadline, "crawl made no progress"
            time.sleep(0.01)
        try:
            return proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            return None


def lines_of(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw == b"" or raw.endswith(b"\n"), "partial last line"
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]  # every line valid JSON


def check_exactly_once(records: list[dict], demo_truth: list[dict]) -> None:
    paths = sorted(urlsplit(r["canonicalUrl"]).path for r in records)
    assert paths == sorted(t["path"] for t in demo_truth)  # every article, none twice


@pytest.mark.parametrize("state", ["with_state", "without_state"])
def test_sigkill_and_restart_gives_every_article_exactly_once(slow_demo, tmp_path, demo_truth, state):
    seed = int(os.environ.get(SEED_ENV) or random.randrange(1 << 30))
    rnd = random.Random(seed)
    out, log = tmp_path / "articles.jsonl", tmp_path / "crawl.log"
    state_dir = f"STATE_DIR={tmp_path / 'state'}" if state == "with_state" else "STATE_DIR="
    cmd = crawl_cmd(slow_demo.base, f"JOBDIR={tmp_path / 'job'}", state_dir, "-o", str(out))
    kills = 0
    for _ in range(3):
        if rnd.random() < 0.25:  # during start-up or discovery, before any record
            code = run(cmd, log, kill_after=rnd.uniform(0.5, 3.0))
        else:  # while records are being written: after a random number of new lines, plus a random delay
            code = run(cmd, log, kill_after=rnd.uniform(0, 0.3), watch=out,
                       lines=count_lines(out) + rnd.randrange(0, 10))
        if code is not None:
            break  # finished before the kill
        kills += 1
        if out.exists() and rnd.random() < 0.5:  # as if killed in the middle of writing a line
            with out.open("ab") as fh:
                fh.write(b'{"url": "http://127.0.0.1/half-written", "canonicalUrl": "ht')
    assert run(cmd, log) == 0, f"seed {seed}: {log.read_text()[-3000:]}"
    records = lines_of(out)
    check_exactly_once(records, demo_truth)
    assert kills >= 1, f"seed {seed}: never killed mid-crawl (machine too fast for the delays?)"


def test_stock_jobdir_problem_is_fixed_after_kill(slow_demo, tmp_path, demo_truth):
    """The measured failure: after a kill, requests.seen holds the seed, the queue is empty. A restart must still
    reach every article (the frontier is rebuilt), not finish at once."""
    out, log, job = tmp_path / "a.jsonl", tmp_path / "crawl.log", tmp_path / "job"
    cmd = crawl_cmd(slow_demo.base, f"JOBDIR={job}", "STATE_DIR=", "-o", str(out))
    assert run(cmd, log, kill_after=0.1, watch=out, lines=3) is None
    assert (job / "newsproj.running").exists()
    # On a site this small the seen-set is still in Python's file buffer at the kill; on a big one (the issue's
    # 232 articles) it is on disk. Put the disk in that state: the seed is "seen", the frontier lost.
    from scrapy import Request
    from scrapy.utils.request import fingerprint

    seed = fingerprint(Request(f"{slow_demo.base}/"))
    with (job / "requests.seen").open("ab") as fh:  # Scrapy 2.19's format: 2-byte big-endian length, bytes
        fh.write(len(seed).to_bytes(2, "big") + seed)
    assert run(cmd, log) == 0
    check_exactly_once(lines_of(out), demo_truth)
    assert "previous run was killed" in log.read_text()
    assert not (job / "newsproj.running").exists()
    assert not (job / "requests.seen").exists()  # a finished run leaves a clean JOBDIR for the next schedule


def test_partial_output_is_never_visible_under_its_final_name(slow_demo, tmp_path, demo_truth):
    output = tmp_path / "output"
    feeds = json.dumps({f"{output}/%(site)s/%(date)s/%(run_id)s.jsonl": {
        "format": "jsonlines", "newsproj_atomic": True,
        "uri_params": "newsproj.extensions.manifest.uri_params"}})
    cmd = crawl_cmd(slow_demo.base, f"STATE_DIR={tmp_path / 'state'}", f"FEEDS={feeds}")
    log = tmp_path / "crawl.log"
    with log.open("a") as fh:
        proc = start_scrapy(cmd, stdout=fh, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while sum(count_lines(p) for p in output.glob("*/*/.*.jsonl.part")) < 5:
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
            assert list(output.glob("*/*/*.jsonl")) == []  # nothing under a final name while it runs
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert list(output.glob("*/*/*.jsonl")) == []  # nothing under a final name after the kill either
    parts = list(output.glob("*/*/.*.jsonl.part"))
    assert len(parts) == 1 and parts[0].stat().st_size > 0

    assert run(cmd, log) == 0, log.read_text()[-3000:]
    assert list(output.glob("*/*/.*.part")) == []
    files = sorted(output.glob("*/*/*.jsonl"))
    assert len(files) == 2  # the killed run's file (recovered) and the new run's
    manifests = [json.loads(p.read_text()) for p in sorted(output.glob("*/*/*.manifest.json"))]
    assert sorted(m.get("status") for m in manifests) == ["ok", "recovered"]
    records = [r for f in files for r in lines_of(f)]
    check_exactly_once(records, demo_truth)
    ok = next(m for m in manifests if m["status"] == "ok")
    target = next(f for f in files if f.name == ok["output"]["file"])
    import hashlib

    assert ok["output"]["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest()
    assert ok["output"]["records"] == len(lines_of(target)) == ok["counts"]["exported"]


def test_default_feed_with_jobdir_resumes_the_same_file(slow_demo, tmp_path, demo_truth):
    output = tmp_path / "output"
    feeds = json.dumps({f"{output}/%(site)s/%(date)s/%(run_id)s.jsonl": {
        "format": "jsonlines", "newsproj_atomic": True,
        "uri_params": "newsproj.extensions.manifest.uri_params"}})
    cmd = crawl_cmd(slow_demo.base, f"STATE_DIR={tmp_path / 'state'}", f"JOBDIR={tmp_path / 'job'}", f"FEEDS={feeds}")
    log = tmp_path / "crawl.log"
    with log.open("a") as fh:
        proc = start_scrapy(cmd, stdout=fh, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while sum(count_lines(p) for p in output.glob("*/*/.*.jsonl.part")) < 5:
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert run(cmd, log) == 0, log.read_text()[-3000:]
    files = list(output.glob("*/*/*.jsonl"))
    assert len(files) == 1 and list(output.glob("*/*/.*.part")) == []  # the same run, continued
    check_exactly_once(lines_of(files[0]), demo_truth)
    manifest = json.loads(files[0].with_name(files[0].stem + ".manifest.json").read_text())
    assert manifest["resumed"] is True and manifest["status"] == "ok"
    assert manifest["output"]["records"] == len(demo_truth)


def test_clean_pause_and_resume(slow_demo, tmp_path, demo_truth):
    """One Ctrl-C (SIGINT) pauses: Scrapy saves its queue, no marker is left, the next run continues it."""
    out, log, job = tmp_path / "a.jsonl", tmp_path / "crawl.log", tmp_path / "job"
    cmd = crawl_cmd(slow_demo.base, f"JOBDIR={job}", "STATE_DIR=", "-o", str(out))
    with log.open("a") as fh:
        proc = start_scrapy(cmd, stdout=fh, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while count_lines(out) < 3:
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=60) == 0  # a pause is not a failure
    assert not (job / "newsproj.running").exists()
    paused = count_lines(out)
    assert paused < len(demo_truth)
    assert run(cmd, log) == 0, log.read_text()[-3000:]
    check_exactly_once(lines_of(out), demo_truth)
    assert "previous run was killed" not in log.read_text()
