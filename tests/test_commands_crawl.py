"""commands/crawl.py through the real CLI: every bad invocation or setting is one line on stderr naming the problem
and the fix, exit status 2, no traceback, no request (no crawl is started, so these tests are cheap)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from newsproj.middlewares.config import ENVIRONMENT, SETTINGS
from tests.conftest import ROOT, run_scrapy, start_scrapy

SEED = "http://news.invalid/"  # never requested: every case stops before the crawler exists


def scrapy(*args: str, cwd: Path = ROOT, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """``scrapy ARGS`` as a process of its own (forked warm, tests/warm.py); under ``prefix`` (another user) cold."""
    if not prefix:
        return run_scrapy(list(args), cwd=cwd, timeout=60)
    return subprocess.run([*prefix, sys.executable, "-m", "scrapy", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60)


def assert_bad_invocation(proc: subprocess.CompletedProcess, *needles: str) -> str:
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert len(lines) == 1, proc.stderr[-2000:]  # no log set-up, no traceback: one line
    assert "Traceback" not in proc.stderr and "Task exception" not in proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(("args", "needles"), [
    (("-a", "site=no-such-site"), ("no such site", "use -a site=NAME with one of: ", "cnn")),
    (("-a", "start_urls=ftp://example.org/feed"), ("-a start_urls: expected http(s) URLs", "'ftp://example.org/")),
    (("-a", "start_urls=not a url"), ("-a start_urls: expected http(s) URLs", "'not a url'")),
    ((), ("needs -a start_urls=URL[,URL...] or -a site=NAME",)),
    (("-a", "start_urls=http://127.0.0.1:99999/"), ("has no valid port", "1 to 65535")),
    (("-a", "start_url=http://example.org/"), ("-a start_url: not an argument", "-a start_urls=")),
    (("-a", f"start_urls={SEED}", "-s", "NEWSPROJ_NEARDUP_THRESHOLD=2"),
     ("setting NEWSPROJ_NEARDUP_THRESHOLD", "between 0 and 1", "got '2'")),
    (("-a", f"start_urls={SEED}", "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE=headline:abc"),
     ("NEWSPROJ_MONITOR_MIN_COVERAGE", "field:share", "'abc'")),
    (("-a", f"start_urls={SEED}", "-s", "NEWSPROJ_ALLOW_PRIVATE=yes"),
     ("NEWSPROJ_ALLOW_PRIVATE", "expected a boolean (1/0, true/false)", "got 'yes'")),
    (("-a", f"start_urls={SEED}", "-s", "NEWSPROJ_NEARDUP_WINDOW_DAYS=a week"),
     ("NEWSPROJ_NEARDUP_WINDOW_DAYS", "expected a number")),
    (("-a", "start_urls=http://127.0.0.1:8080/"), ("loopback", "-s NEWSPROJ_ALLOW_PRIVATE=1",
                                                   "NEWSPROJ_ALLOW_PRIVATE_HOSTS=127.0.0.1:8080")),
    # was read only with NEWSPROJ_WARC_DIR: a bad level without it went unchecked (README: every value is checked)
    (("-a", f"start_urls={SEED}", "-s", "NEWSPROJ_WARC_GZIP_LEVEL=42"),
     ("setting NEWSPROJ_WARC_GZIP_LEVEL: expected an integer between 0 and 9, got '42'",)),
    # these three were a traceback and exit 1 once the crawl had started (a password in the URL is not repeated)
    (("-a", f"start_urls={SEED}", "-s", "REDIS_URL=redis.internal:6379"),
     ("-s REDIS_URL: Redis URL must specify one of the following schemes", "give redis://")),
    (("-a", f"start_urls={SEED}", "-s", "REDIS_URL=redis://:s3cret@redis.internal:63x9/0"),
     ("-s REDIS_URL: Port could not be cast", "give redis://")),
    # a database that is no number: redis-py used database 0 for "/news" (and 12 for "/1/2"), silently
    (("-a", f"start_urls={SEED}", "-s", "REDIS_URL=redis://:s3cret@127.0.0.1:9/news"),
     ("-s REDIS_URL: the database 'news' is not a number", "give redis://")),
    (("-a", f"start_urls={SEED}", "-s", "REDIS_URL=redis://127.0.0.1:9/1/2"), ("the database '1/2' is not a number",)),
    (("-a", f"start_urls={SEED}", "-s", "REDIS_URL=redis://127.0.0.1:9/0", "-s", "NEWSPROJ_CRAWL_ID=site a/b"),
     ("setting NEWSPROJ_CRAWL_ID must be 1 to 100 letters", "got 'site a/b'")),
    (("-a", f"start_urls={SEED}", "-s", "NEWSPROJ_STATE_BACKEND=newsproj.state.redis.NoSuchStore"),
     ("-s NEWSPROJ_STATE_BACKEND=newsproj.state.redis.NoSuchStore: cannot be imported", "StateStore class")),
    # a function (or a module) where a class belongs imports too: it was a TypeError, a traceback and exit 1 once the
    # crawl had started
    (("-a", f"start_urls={SEED}", "-s", "NEWSPROJ_STATE_BACKEND=newsproj.state.open_store"),
     ("-s NEWSPROJ_STATE_BACKEND=newsproj.state.open_store: is a function, not a class", "StateStore class")),
    # (attack17) a class that is no StateStore: two tracebacks, 180 lines and exit 3 once the crawl had started
    (("-a", f"start_urls={SEED}", "-s", "NEWSPROJ_STATE_BACKEND=collections.OrderedDict"),
     ("-s NEWSPROJ_STATE_BACKEND=collections.OrderedDict: is no StateStore (no owner_of, record, close)",
      "StateStore class")),
    # (attack17) the Redis backend without REDIS_URL: a ValueError's traceback, 113 lines and exit 1 once it had started
    (("-a", f"start_urls={SEED}", "-s", "NEWSPROJ_STATE_BACKEND=newsproj.state.redis.RedisStateStore"),
     ("keeps the state in Redis and needs -s REDIS_URL",)),
    # (attack17) a page time limit no timer takes: every page failed (OverflowError), two tracebacks, exit 3
    (("-a", f"start_urls={SEED}", "-s", "NEWSPROJ_PAGE_TIME_LIMIT=inf"),
     ("setting NEWSPROJ_PAGE_TIME_LIMIT: expected a number between 0 and 86400, got 'inf'",)),
    # (attack17) Scrapy's log settings: its log handler raised (a traceback, exit 1) before any check of ours
    (("-a", f"start_urls={SEED}", "-s", "LOG_LEVEL=LOUD"),
     ("setting LOG_LEVEL: expected one of CRITICAL, ERROR, WARNING, INFO, DEBUG, got 'LOUD'",)),
    (("-a", f"start_urls={SEED}", "-s", "LOG_FILE=/nonexistent-attack17/run.log"),
     ("-s LOG_FILE=/nonexistent-attack17/run.log: its folder /nonexistent-attack17 does not exist",)),
])
def test_bad_invocation(tmp_path, args, needles):
    line = assert_bad_invocation(scrapy("crawl", "news", "-s", f"STATE_DIR={tmp_path / 'state'}", *args), *needles)
    assert "s3cret" not in line


@pytest.mark.parametrize(("args", "needles"), [
    ((), ("name the spider to run", "news, warc")),  # Scrapy: its logging, then the whole help
    (("news", "--bogus", "-a", f"start_urls={SEED}"), ("unexpected argument '--bogus'", "-a NAME=VALUE")),
    (("news", "-a", f"start_urls={SEED}", "extra"), ("unexpected argument 'extra'",)),  # Scrapy: "more than one spider"
    (("news", "-a", f"start_urls={SEED}", "-O"), ("-O/--overwrite-output: expected one argument", "scrapy crawl -h")),
    (("news", "-a", f"start_urls={SEED}", "-O", "x.csvv"), ("Unrecognized output format 'csvv'", "parquet")),
    (("news", "-a", f"start_urls={SEED}", "-o", "a.jsonl", "-O", "b.jsonl"), ("only one of -o/--output and -O",)),
])
def test_usage_errors_of_scrapy_itself_are_one_line_too(tmp_path, args, needles):
    """What argparse and Scrapy's crawl command reject: one line and exit 2 as well, not Scrapy's usage block."""
    line = assert_bad_invocation(scrapy("crawl", *args, "-s", f"STATE_DIR={tmp_path / 'state'}"), *needles)
    assert line.startswith("scrapy crawl: ")


@pytest.mark.parametrize("setting", ["STATE_DIR", "JOBDIR"])
def test_directory_setting_naming_a_file(tmp_path, setting):
    (tmp_path / "file").write_text("x")
    for value in (tmp_path / "file", tmp_path / "file" / "below"):
        proc = scrapy("crawl", "news", "-a", f"start_urls={SEED}", "-s", f"{setting}={value}")
        assert_bad_invocation(proc, f"-s {setting}=", "is a file, not a directory", f"point {setting} at a directory")


def test_stats_file_that_cannot_be_written(tmp_path):
    """NEWSPROJ_STATS_FILE is written once the crawl is over: a path that could not be written was a traceback
    after the summary and exit 0, with no stats file."""
    (tmp_path / "file").write_text("x")
    for value, needle in ((tmp_path, "is a directory"), (tmp_path / "file" / "stats.json", "is a file")):
        proc = scrapy("crawl", "news", "-a", f"start_urls={SEED}", "-s", f"NEWSPROJ_STATS_FILE={value}")
        assert_bad_invocation(proc, f"-s NEWSPROJ_STATS_FILE={value}", needle)


def test_a_stats_file_that_is_the_output_file_is_refused_before_the_crawl(tmp_path):
    """NEWSPROJ_STATS_FILE is replaced whole at the end of the run: naming the ``-o`` file (or the file a symlink to
    it names, or LOG_FILE) replaced the output by the stats, exit 0, and STATE_DIR marked every record done, so the
    next run exported none of them again (ops20: 8 of 8 articles lost, the earlier runs' records too)."""
    out = tmp_path / "out.jsonl"
    out.write_text('{"url": "http://news.example/earlier-run"}\n')
    (tmp_path / "link.json").symlink_to(out)
    log = tmp_path / "crawl.log"
    cases = [(("-o", str(out)), out, "is the feed"), (("-O", f"{out}:jsonl"), tmp_path / "link.json", "is the feed"),
             (("-o", str(tmp_path / "other.jsonl"), "-s", f"LOG_FILE={log}"), log, "is LOG_FILE")]
    for args, stats, needle in cases:
        proc = scrapy("crawl", "news", "-a", f"start_urls={SEED}", "-s", f"STATE_DIR={tmp_path / 'state'}", *args,
                      "-s", f"NEWSPROJ_STATS_FILE={stats}")
        assert_bad_invocation(proc, f"-s NEWSPROJ_STATS_FILE={stats}: ", needle, "a path of its own")
    assert out.read_text() == '{"url": "http://news.example/earlier-run"}\n'


def test_a_stats_file_that_is_no_regular_file_is_refused_before_the_crawl(tmp_path):
    """The stats file is replaced whole at the end of the run (a temp file renamed over its name): given
    ``/dev/stdout`` (a symlink to the process's pipe) or ``/dev/null``, a run as root replaced that name by a regular
    file holding the stats, for every process of the machine (ops20; here a FIFO and a symlink to one stand in)."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "stdout").symlink_to(fifo)
    for stats in (fifo, tmp_path / "stdout"):
        proc = scrapy("crawl", "news", "-a", f"start_urls={SEED}", "-s", f"STATE_DIR={tmp_path / 'state'}",
                      "-O", str(tmp_path / "out.jsonl"), "-s", f"NEWSPROJ_STATS_FILE={stats}")
        assert_bad_invocation(proc, f"-s NEWSPROJ_STATS_FILE={stats}: is not a regular file")
    assert stat.S_ISFIFO(os.stat(tmp_path / "stdout").st_mode) and (tmp_path / "stdout").is_symlink()


def test_a_stats_file_that_is_the_runs_own_output_or_log_is_refused_before_the_crawl(tmp_path):
    """With the standard output a regular file (cron's ``>> logs/x.log 2>&1``), ``/dev/stdout`` passed the check
    above (it resolves to that file) and the run, as root, renamed its stats over the name at the end: /dev/stdout
    became a regular file for every process of the machine (docs24, exit 0; README: such a name stops the run,
    exit 2). The same for the log file itself: replaced by the stats, what the run had logged was gone. Here a
    symlink to /proc/self/fd/1 stands in for /dev/stdout, and the log is the process's standard output."""
    if not Path("/proc/self/fd/1").exists():
        pytest.skip("no /proc/self/fd")
    (tmp_path / "stdout").symlink_to("/proc/self/fd/1")
    log = tmp_path / "crawl.log"
    log.write_text("an earlier run's log\n")
    argv = ["crawl", "news", "-a", f"start_urls={SEED}", "-s", f"STATE_DIR={tmp_path / 'state'}",
            "-O", str(tmp_path / "out.jsonl"), "-s"]
    stats = tmp_path / "stdout"  # run_scrapy's standard output is a temporary regular file
    proc = scrapy(*argv, f"NEWSPROJ_STATS_FILE={stats}")
    assert_bad_invocation(proc, f"-s NEWSPROJ_STATS_FILE={stats}: is this run's standard output", "of its own")
    for stream in ("stdout", "stderr"):
        with log.open("a") as handle, tempfile.TemporaryFile("w+") as other:
            process = start_scrapy([*argv, f"NEWSPROJ_STATS_FILE={log}"], stdout=handle if stream == "stdout" else
                                   other, stderr=handle if stream == "stderr" else other)
            process.wait(60)
            other.seek(0)
            written = log.read_text().split("an earlier run's log\n", 1)[1]
            errors = other.read() if stream == "stdout" else written
        needle = "standard output" if stream == "stdout" else "standard error"
        proc = subprocess.CompletedProcess(argv, process.returncode, "", errors)
        assert_bad_invocation(proc, f"-s NEWSPROJ_STATS_FILE={log}: is this run's {needle}", "of its own")
        log.write_text("an earlier run's log\n")
    assert (tmp_path / "stdout").is_symlink()
    assert log.read_text().startswith("an earlier run's log\n")


def test_an_output_file_that_cannot_be_written_is_one_line_before_any_log(tmp_path):
    """An ``-o``/``-O`` path that cannot be written was refused once the crawler existed: exit 2 and the right line,
    but after ~120 lines of Scrapy's start-up log on stderr (the contract: one line)."""
    (tmp_path / "file").write_text("x")
    (tmp_path / "folder.jsonl").mkdir()
    cases = [("-O", tmp_path / "file" / "out.jsonl", "is not a directory"),
             ("-o", tmp_path / "folder.jsonl", "is a directory"),
             ("-O", f"file://{tmp_path / 'file' / 'deeper' / 'out.jsonl'}", "is not a directory")]
    if Path("/proc/self").is_dir():  # (os.access says root may write in /proc: creating a file there fails)
        cases.append(("-O", "/proc/newsproj-out.jsonl", "cannot be written"))
    for option, value, needle in cases:
        proc = scrapy("crawl", "news", "-a", f"start_urls={SEED}", "-s", f"STATE_DIR={tmp_path / 'state'}",
                      option, str(value))
        assert_bad_invocation(proc, "scrapy crawl news: feed ", needle, "give -o/-O a writable path")


def test_an_output_that_exists_and_is_no_regular_file_is_not_refused(tmp_path, demo_server, demo_truth):
    """``-O /dev/fd/1:jsonl`` (records to the standard output, piped to ``jq``) wrote every record before a629321;
    then the pre-start check tried to create a file in /dev/fd (procfs: ENOENT) and refused it, exit 2, "feed
    /dev/fd/1: cannot be written". A user who is not root had ``/dev/stdout`` refused so (/dev is not writable).
    The feed writes into such a file, never beside it: only a file to be made is tried in its folder (review18)."""
    if not Path("/dev/fd/1").exists():
        pytest.skip("no /dev/fd")
    proc = scrapy("crawl", "news", "-a", f"start_urls={demo_server.base}/", "-s", "STATE_DIR=",
                  "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "NEWSPROJ_EXTRACT_WORKERS=0", "-O", "/dev/fd/1:jsonl")
    assert proc.returncode == 0, proc.stderr[-2000:]
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert len(records) == len(demo_truth)


def test_an_output_to_a_pipe_gets_every_record_and_the_state_learns_them_at_the_end(tmp_path):
    """``-o /dev/stdout:jsonl | consumer`` (or a FIFO): the first fsync of the pipe failed (EINVAL), so the run
    stopped after one record, exit 4; ``-O`` on a pipe was refused, exit 2, "cannot be written (Invalid argument)"
    (ftruncate). The test above passes its standard output as a regular file, where both work. A pipe is written,
    never truncated nor fsynced, and its records are marked done once it is stored, at the end (ops20)."""
    from tests.sites import news_site, serve_pages

    fifo, state = tmp_path / "records.jsonl", tmp_path / "state"
    os.mkfifo(fifo)
    server, _ = serve_pages(news_site(3))
    try:
        for option in ("-o", "-O"):
            got: list[bytes] = []
            reader = threading.Thread(target=lambda got=got: got.append(fifo.read_bytes()))
            reader.start()
            try:
                proc = scrapy("crawl", "news", "-a", f"start_urls={server.base}/", "-s", f"STATE_DIR={state}",
                              "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "NEWSPROJ_EXTRACT_WORKERS=0",
                              "-s", "NEWSPROJ_FEED_SYNC_RECORDS=1", "-s", "AUTOTHROTTLE_ENABLED=0", option,
                              f"{fifo}:jsonl")
            finally:
                if reader.is_alive():  # the run never opened it: let the reader go
                    with contextlib.suppress(OSError):
                        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
                reader.join(30)
            assert proc.returncode == 0, proc.stderr[-2000:]
            records = [json.loads(line) for line in got[0].splitlines()]
            # the second run's state knows every article the first one wrote into the pipe: nothing again
            assert len(records) == (3 if option == "-o" else 0), proc.stderr[-2000:]
    finally:
        server.stop()


def test_a_folder_only_root_is_told_it_may_write_is_refused_before_the_crawl(tmp_path):
    """As root, ``os.access`` says /proc and /sys are writable: NEWSPROJ_STATS_FILE there passed the check, the crawl
    ran, and the stats file failed at the end (a traceback, exit 0, no stats); STATE_DIR there was a traceback and
    exit 1 at start."""
    if not Path("/proc/self").is_dir():
        pytest.skip("no /proc")
    for setting, value in (("NEWSPROJ_STATS_FILE", "/proc/newsproj-stats.json"), ("STATE_DIR", "/proc/newsproj")):
        proc = scrapy("crawl", "news", "-a", f"start_urls={SEED}", "-s", f"{setting}={value}",
                      "-O", str(tmp_path / "out.jsonl"))
        assert_bad_invocation(proc, f"-s {setting}={value}", "/proc is not writable")


def test_the_stats_file_is_never_written_through_a_symlink(tmp_path, demo_server):
    """The stats file was written through a fixed ``.<name>.tmp``, opened through whatever was under that name: a
    symlink there (a shared folder, a leftover) made the run overwrite its target, and the stats file became that
    symlink."""
    stats, victim = tmp_path / "stats.json", tmp_path / "victim.txt"
    victim.write_text("not yours\n")
    (tmp_path / ".stats.json.tmp").symlink_to(victim)
    proc = scrapy("crawl", "news", "-a", f"start_urls={demo_server.base}/robots.txt", "-s", "STATE_DIR=",
                  "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "NEWSPROJ_EXTRACT_WORKERS=0", "-s", "SPIDERMON_ENABLED=0",
                  "-s", f"NEWSPROJ_STATS_FILE={stats}", "-O", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert victim.read_text() == "not yours\n"
    assert not stats.is_symlink() and json.loads(stats.read_text())["finish_reason"] == "finished"


def test_a_stats_file_given_as_a_link_writes_its_target_and_a_looping_link_is_refused(tmp_path, demo_server):
    """docs/operations.md: a symlink given as a file is followed. The stats file is written aside and renamed over
    its name: given a link (a monitoring job's fixed path linked to this run's folder), the rename replaced the link
    itself by a regular file and its target kept the last run's stats; a link that loops named no file and was
    replaced too. The target now gets the stats (the link stays, a dangling link's target is made; feeds.followed,
    the Parquet feed's rule); a loop is refused before the crawl, exit 2."""
    (tmp_path / "runs").mkdir()
    target, dangling = tmp_path / "runs" / "stats.json", tmp_path / "runs" / "new.json"
    target.write_text('{"finish_reason": "last run"}')
    (tmp_path / "stats.json").symlink_to(target)
    (tmp_path / "new.json").symlink_to(dangling)
    crawl = ("crawl", "news", "-a", f"start_urls={demo_server.base}/robots.txt", "-s", "STATE_DIR=",
             "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "NEWSPROJ_EXTRACT_WORKERS=0", "-s", "SPIDERMON_ENABLED=0",
             "-O", str(tmp_path / "out.jsonl"))
    for link, written in ((tmp_path / "stats.json", target), (tmp_path / "new.json", dangling)):
        proc = scrapy(*crawl, "-s", f"NEWSPROJ_STATS_FILE={link}")
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert link.is_symlink() and json.loads(written.read_text())["finish_reason"] == "finished"
    assert not list(tmp_path.glob(".*.tmp")) and not list((tmp_path / "runs").glob(".*.tmp"))
    (tmp_path / "loop.json").symlink_to("loop.json")
    proc = scrapy(*crawl, "-s", f"NEWSPROJ_STATS_FILE={tmp_path / 'loop.json'}")
    assert_bad_invocation(proc, f"-s NEWSPROJ_STATS_FILE={tmp_path / 'loop.json'}", "symbolic links")
    assert (tmp_path / "loop.json").is_symlink()


def test_stats_file_folder_is_made(tmp_path, demo_server):
    stats = tmp_path / "not" / "yet" / "stats.json"
    proc = scrapy("crawl", "news", "-a", f"start_urls={demo_server.base}/robots.txt", "-s", "STATE_DIR=",
                  "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "NEWSPROJ_EXTRACT_WORKERS=0", "-s", "SPIDERMON_ENABLED=0",
                  "-s", f"NEWSPROJ_STATS_FILE={stats}", "-O", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert json.loads(stats.read_text())["finish_reason"] == "finished"


def test_a_stats_file_not_written_at_the_end_is_not_exit_0(tmp_path):
    """NEWSPROJ_STATS_FILE is what a monitoring job reads. A write that failed at the end (checked writable before
    the crawl; a disk full since, here a directory put under its name while the run crawled) was one ERROR line
    and exit 0: the monitoring then read the last run's file, or none, and a cron wrapper saw success. Now: one
    line on stderr and exit 7 (the feed and the state are whole: the lowest failure, below 3 to 6)."""
    from newsproj.testing.server import FixtureServer, Site

    stats = tmp_path / "stats.json"

    class Blocking(Site):
        def lookup(self, path, query, base):
            stats.mkdir(exist_ok=True)  # what the run's robots.txt request meets: the name taken since the check
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"

    server = FixtureServer(Blocking(tmp_path)).start()
    try:
        proc = scrapy("crawl", "news", "-a", f"start_urls={server.base}/robots.txt", "-s", "STATE_DIR=",
                      "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "NEWSPROJ_EXTRACT_WORKERS=0", "-s", "SPIDERMON_ENABLED=0",
                      "-s", f"NEWSPROJ_STATS_FILE={stats}", "-O", str(tmp_path / "out.jsonl"))
    finally:
        server.stop()
    assert proc.returncode == 7, proc.stderr[-2000:]
    assert f"scrapy crawl news: NEWSPROJ_STATS_FILE {stats} could not be written: " in proc.stderr
    assert "Traceback" not in proc.stderr and stats.is_dir() and not list(tmp_path.glob(".stats.json.*"))


def test_a_stats_file_not_written_after_a_failed_feed_does_not_call_the_output_whole(tmp_path):
    """A failed feed (exit 4, here its folder removed while the run crawled) and a stats file not written at the end
    (the name taken by a directory): the stderr line of the stats file said "the run's output and state are whole"
    right under "the feed failed" (ops20: a disk full under both). The status stays 4; the line says no more than
    what failed."""
    from newsproj.testing.server import FixtureServer, Site

    stats, out = tmp_path / "stats.json", tmp_path / "out" / "a.jsonl"
    out.parent.mkdir()

    class Blocking(Site):
        def lookup(self, path, query, base):
            stats.mkdir(exist_ok=True)
            shutil.rmtree(out.parent, ignore_errors=True)
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"

    server = FixtureServer(Blocking(tmp_path)).start()
    try:
        proc = scrapy("crawl", "news", "-a", f"start_urls={server.base}/robots.txt", "-s", "STATE_DIR=",
                      "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "NEWSPROJ_EXTRACT_WORKERS=0", "-s", "SPIDERMON_ENABLED=0",
                      "-s", f"NEWSPROJ_STATS_FILE={stats}", "-O", str(out))
    finally:
        server.stop()
    assert proc.returncode == 4, proc.stderr[-2000:]
    assert "scrapy crawl news: the feed failed: " in proc.stderr
    assert f"scrapy crawl news: NEWSPROJ_STATS_FILE {stats} could not be written: " in proc.stderr
    assert "whole" not in proc.stderr, proc.stderr[-2000:]


def test_a_redis_that_cannot_be_reached_is_one_line_and_exit_1(tmp_path, demo_server):
    """docs/operations.md: 1, it could not start for another reason. It was a traceback of the state store's first
    read (~150 lines of stderr) and no line saying what to do."""
    from tests.conftest import refusing_port

    with refusing_port() as port:
        proc = scrapy("crawl", "news", "-a", f"start_urls={demo_server.base}/", "-s", "NEWSPROJ_ALLOW_PRIVATE=1",
                      "-s", f"REDIS_URL=redis://127.0.0.1:{port}/0", "-O", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("scrapy crawl news: could not start: the Redis of -s REDIS_URL cannot be reached"), last
    assert "nothing was crawled" in last


def test_a_database_the_redis_has_not_is_one_line_and_exit_2(tmp_path, demo_server, redis_server):
    """REDIS_URL's database past the server's last (16 by default): "ResponseError: DB index is out of range" was a
    traceback of the state store's first read (~150 lines of stderr) and exit 1; a setting to fix, nothing fetched.
    (attack17) One line: it was the last of 80, after Scrapy's log; the pre-start check asks the server now."""
    url = redis_server.rsplit("/", 1)[0] + "/99"
    proc = scrapy("crawl", "news", "-a", f"start_urls={demo_server.base}/", "-s", "NEWSPROJ_ALLOW_PRIVATE=1",
                  "-s", f"REDIS_URL={url}", "-O", str(tmp_path / "out.jsonl"))
    assert_bad_invocation(proc, "scrapy crawl news: -s REDIS_URL: the Redis refused its database",
                          "DB index is out of range")


def test_read_only_state_dir():
    with tempfile.TemporaryDirectory() as top:  # world-searchable, unlike pytest's tmp_path
        state = Path(top) / "state"
        state.mkdir()
        state.chmod(0o555)
        Path(top).chmod(0o755)
        prefix: tuple[str, ...] = ()
        if os.geteuid() == 0:  # root writes anywhere: run the command as an unprivileged user
            setpriv = shutil.which("setpriv")
            if not setpriv:
                pytest.skip("running as root without setpriv")
            prefix = (setpriv, "--reuid=65534", "--regid=65534", "--clear-groups")
        proc = scrapy("crawl", "news", "-a", f"start_urls={SEED}", "-s", f"STATE_DIR={state}", prefix=prefix)
        assert_bad_invocation(proc, f"-s STATE_DIR={state}", "is not writable")


def test_corrupt_state_database(tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    (state / "state.sqlite3").write_bytes(b"not a database " * 400)
    proc = scrapy("crawl", "news", "-a", f"start_urls={SEED}", "-s", f"STATE_DIR={state}")
    assert_bad_invocation(proc, "state.sqlite3 is not a usable state database", "move it aside")
    assert (state / "state.sqlite3").read_bytes() == b"not a database " * 400  # left as it was


def test_healthy_state_database_passes_preflight(tmp_path):
    from newsproj.commands.crawl import _state_database_problem
    from newsproj.state.files import FileStateStore

    FileStateStore(tmp_path).close()
    assert _state_database_problem(str(tmp_path)) is None
    with sqlite3.connect(tmp_path / "state.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_help_lists_spider_arguments():
    proc = scrapy("crawl", "news", "-h")
    assert proc.returncode == 0
    assert "Spider arguments of 'news'" in proc.stdout
    assert re.search(r"-a start_urls\n\s+URL\[,URL\.\.\.\]", proc.stdout)
    assert "-a site\n" in proc.stdout


def test_every_newsproj_setting_read_is_declared():
    """Every NEWSPROJ_* name in the package is a declared (and so checked) setting or a documented variable."""
    names = set()
    for path in (ROOT / "newsproj").rglob("*.py"):
        names |= set(re.findall(r"\bNEWSPROJ_[A-Z0-9_]+\b", path.read_text(encoding="utf-8")))
    undeclared = sorted(names - set(SETTINGS) - set(ENVIRONMENT))
    assert not undeclared, f"declare these in newsproj/middlewares/config.py SETTINGS: {undeclared}"


def test_package_data_is_read_through_importlib_resources():
    """No module finds its data next to ``__file__``: inside scrapyd's egg (a zip) that path is not a directory.
    (testing/server.py serves the repository's fixtures/, which are not package data.)"""
    offenders = [
        str(path.relative_to(ROOT)) for path in (ROOT / "newsproj").rglob("*.py")
        if "__file__" in path.read_text(encoding="utf-8") and path.parent.name != "testing"
    ]
    assert offenders == []


def test_package_data_loads_from_a_zip(tmp_path):
    """The site registry and the chrome vocabulary load when the package is imported from a zip file."""
    import zipfile

    archive = tmp_path / "newsproj.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in (ROOT / "newsproj").rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, path.relative_to(ROOT))
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import newsproj, newsproj.sites as s; "
            "from newsproj.cleaning.patterns import vocabulary; assert newsproj.__file__.startswith(sys.argv[1]); "
            "print(len(s.names()), s.load('cnn').name, bool(vocabulary().short))")
    proc = subprocess.run([sys.executable, "-c", code, str(archive)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60, env={k: v for k, v in os.environ.items() if k != "NEWSPROJ_SITES_DIR"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    count, name, compiled = proc.stdout.split()
    assert int(count) > 10 and name == "cnn" and compiled == "True"


def test_settings_table_defaults_are_the_declared_ones():
    """docs/operations.md's settings table states the defaults SETTINGS declares (numbers and booleans), so the
    table, ``scrapy crawl`` checks and the code cannot drift apart (NEWSPROJ_TEMPLATE_MAX_WORDS was declared 20
    while the code and the docs used 40)."""
    compared = 0
    for doc, names, defaults in settings_table_rows():
        values = [value.strip().strip("`") for value in re.split(r" · | / ", defaults)]
        for name, value in zip(names, values, strict=False):
            if name not in SETTINGS or not re.fullmatch(r"-?[\d.]+|True|False", value):
                continue
            declared = SETTINGS[name].default
            assert str(declared) == value or (isinstance(declared, float) and float(value) == declared), (
                f"{name}: {doc} says {value}, config.py declares {declared!r}")
            compared += 1
    assert compared >= 40  # (README's table, operations.md's and distributed.md's: 45 in 2026-12)


SETTINGS_DOCS = ("README.md", "docs/operations.md", "docs/distributed.md")


def settings_table_rows() -> list[tuple[str, list[str], str]]:
    """(document, setting names, default cell) of each settings table row of the docs: a row's first cell names
    one setting or several (`A` · `B`, or `A` / `_B` for A's sibling with another last word, as
    ``NEWSPROJ_BACKOFF_BASE`` / ``_MAX``)."""
    rows = []
    for doc in SETTINGS_DOCS:
        text = (ROOT / doc).read_text(encoding="utf-8")
        for first, defaults in re.findall(r"^\| (`NEWSPROJ_[A-Z0-9_]+`[^|]*?) \| ([^|]*) \|", text, re.M):
            names = re.findall(r"`(NEWSPROJ_[A-Z0-9_]+|_[A-Z0-9_]+)`", first)
            names = [names[0].rsplit("_", 1)[0] + name if name.startswith("_") else name for name in names]
            rows.append((doc, names, defaults.strip()))
    return rows


def test_every_declared_setting_has_a_row_in_a_settings_table():
    """Every NEWSPROJ_* setting the code reads (config.SETTINGS: checked, with its default) is in a settings table
    of the docs, not only in prose: NEWSPROJ_FEED_SYNC_*, NEWSPROJ_TEMPLATE_HOLD_PAGES and
    NEWSPROJ_MONITOR_SAVE_PAGES were named only in running text (docs24). The NEWSPROJ_MONITOR_* checks are the
    Monitoring table's, each with its setting and default."""
    tabled = {name for _, names, _ in settings_table_rows() for name in names}
    monitoring = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8").split("## Monitoring", 1)[1]
    monitoring = monitoring.split("\n## ", 1)[0]
    tabled |= set(re.findall(r"`(NEWSPROJ_MONITOR_[A-Z_]+)`", monitoring))
    missing = sorted(set(SETTINGS) - tabled)
    assert not missing, f"no settings table row in {', '.join(SETTINGS_DOCS)} for {missing}"


@pytest.mark.parametrize(("answer", "setting"), [
    ("DB index is out of range", True),
    ("OOM command not allowed when used memory > 'maxmemory'.", False),
    ("MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk.", False),
])
def test_only_a_missing_redis_database_is_a_setting_to_fix(answer, setting):
    """A full or read-only Redis answering an error at start is an outage (exit 1, "could not start"), not exit 2."""
    from redis.exceptions import ResponseError

    from newsproj.commands.crawl import _redis_answered_error, _redis_refused

    assert _redis_answered_error(ResponseError(answer))
    assert _redis_refused(ResponseError(answer)) is setting


def test_a_parquet_feed_that_is_no_regular_file_is_refused_before_the_crawl(tmp_path):
    """A Parquet feed is written aside and renamed over its name at the end, as the stats file is: given a FIFO, or
    ``/dev/null`` run as root (``-O /dev/null:parquet``, "write nothing"), the rename replaced it by a regular file,
    for every process of the machine. Through a link it was refused (9525ee2), named directly it was not (here a
    FIFO stands in for /dev/null); a link that loops named no file at all and the rename replaced the link."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "loop.parquet").symlink_to("loop.parquet")
    for feed, needles in ((fifo, ("is no regular file", "the path of a file")),
                          (tmp_path / "loop.parquet", ("Too many levels of symbolic links", "a writable path"))):
        proc = scrapy("crawl", "news", "-a", f"start_urls={SEED}", "-s", f"STATE_DIR={tmp_path / 'state'}",
                      "-O", f"{feed}:parquet")
        assert_bad_invocation(proc, f"feed {feed}", *needles)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert (tmp_path / "loop.parquet").is_symlink()
