"""SIGKILL at random moments in every output mode (``-o``, ``-O``, the default feed, each in JSON lines, and
Parquet; with and without JOBDIR and STATE_DIR): after the final run, every article is in the output exactly once
and no file has a partial line.

Eight scenarios run side by side, each on its own small site whose article pages wait at a gate: a kill always
lands mid-crawl (during start-up, between records, right after a record is written), never after the crawl
finished, so nothing depends on the machine's speed. ``NEWSPROJ_TEST_KILL_SEED`` replays a run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pyarrow.parquet as pq

from tests import warm
from tests.conftest import start_scrapy
from tests.sites import count_lines, news_site, serve_pages

SEED_ENV = "NEWSPROJ_TEST_KILL_SEED"
ARTICLES = 6
KILLS = 4  # per scenario: 32 in all
TIMEOUT = 120

# (output mode, JOBDIR, STATE_DIR). The default feed is a new file per run: without STATE_DIR and without JOBDIR
# every run writes every article again by design, so that pair is not a resume.
SCENARIOS = [
    ("-o", True, True), ("-o", False, False),
    ("-O", True, False), ("-O", False, True),
    ("default", True, False), ("default", False, True),
    ("-o parquet", False, True), ("default parquet", False, True),
]


def outputs(mode: str, folder: Path) -> list[Path]:
    if mode == "default":
        return sorted((folder / "output").glob("*/*/*.jsonl"))
    if mode == "default parquet":
        return sorted((folder / "output").glob("*/*/*.parquet"))
    return [folder / ("out.parquet" if mode == "-o parquet" else "out.jsonl")]


def gated_served(site) -> int:
    return sum(1 for path in site.served if path.startswith("/news/"))


def written(mode: str, folder: Path) -> int:
    if mode.endswith("parquet"):  # each record goes to the journal at once (newsproj/exporters.py)
        return count_lines(*folder.glob("**/.*.parquet.part.jsonl"))
    if mode == "default":
        return count_lines(*outputs(mode, folder), *(folder / "output").glob("*/*/.*.part"))
    return count_lines(folder / "out.jsonl")


def scenario(index: int, seed: int, tmp_path: Path) -> tuple[str, int, str]:
    mode, jobdir, state = SCENARIOS[index]
    rnd = random.Random(seed * 31 + index)
    folder = tmp_path / f"{index}{mode}{'-job' if jobdir else ''}{'-state' if state else ''}"
    folder.mkdir()
    log = folder / "crawl.log"
    server, site = serve_pages(news_site(ARTICLES), gated=lambda path: path.startswith("/news/"))
    try:
        cmd = ["crawl", "news", "-a", f"start_urls={server.base}/",
               "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "LOG_LEVEL=INFO",
               "-s", "NEWSPROJ_EXTRACT_WORKERS=0", "-s", "TELNETCONSOLE_ENABLED=0",
               "-s", f"STATE_DIR={folder / 'state' if state else ''}",
               "-s", "NEWSPROJ_FEED_SYNC_RECORDS=2",  # commits land between records too
               "-s", "DOWNLOAD_TIMEOUT=600", "-s", "RETRY_ENABLED=0"]  # pages wait at the gate until released
        if jobdir:
            cmd += ["-s", f"JOBDIR={folder / 'job'}"]
        if mode.startswith("default"):
            suffix = "parquet" if mode.endswith("parquet") else "jsonl"
            cmd += ["-s", f"NEWSPROJ_DEFAULT_FEED={folder}/output/%(site)s/%(date)s/%(run_id)s.{suffix}"]
        elif mode == "-o parquet":
            cmd += ["-o", str(folder / "out.parquet")]
        else:
            cmd += [mode, str(folder / "out.jsonl")]
        for _ in range(KILLS):
            with log.open("a") as fh:
                proc = start_scrapy(cmd, stdout=fh, stderr=subprocess.STDOUT)
            how = rnd.random()
            if how < 0.2:  # during start-up or discovery, before any record
                time.sleep(rnd.uniform(0.1, 2.0))
            else:  # let 1-2 more articles through, then kill between records or right after a line
                more = rnd.randint(1, 2)
                # count article pages only: robots.txt and the homepage, served meanwhile without a permit, made
                # the wait end before the released articles were fetched, so permits left over from a killed run
                # let a later run fetch every article and finish before its kill (-O with STATE_DIR: that run's
                # records committed, the final run wrote none and emptied the file)
                served = gated_served(site) + more
                site.release(more)
                deadline = time.monotonic() + TIMEOUT
                while gated_served(site) < served and proc.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.01)
                before, deadline = written(mode, folder), time.monotonic() + rnd.uniform(0, 2)
                while written(mode, folder) == before and proc.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.005)  # the record being extracted and written: kill right after its line
                if how < 0.6:
                    time.sleep(rnd.uniform(0, 0.3))
            assert proc.poll() is None, f"crawl ended before its kill: {log.read_text()[-3000:]}"
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            if mode == "-o" and rnd.random() < 0.5:  # as if killed in the middle of writing a line
                with (folder / "out.jsonl").open("ab") as fh:
                    fh.write(b'{"url": "http://127.0.0.1/half-written", "canonicalUrl": "ht')
        site.open()
        with log.open("a") as fh:
            code = start_scrapy(cmd, stdout=fh, stderr=subprocess.STDOUT).wait(timeout=TIMEOUT)
        return folder.name, code, log.read_text()[-3000:]
    finally:
        site.open()
        server.stop()


def test_sigkill_in_every_output_mode_leaves_every_article_exactly_once(tmp_path):
    seed = int(os.environ.get(SEED_ENV) or random.randrange(1 << 30))
    if not os.environ.get("NEWSPROJ_TEST_COLD"):
        warm.start_warm()  # once, before the threads: they then all fork from this one parent
    with ThreadPoolExecutor(max_workers=len(SCENARIOS)) as pool:
        results = list(pool.map(lambda i: scenario(i, seed, tmp_path), range(len(SCENARIOS))))
    expected = sorted(p for p in news_site(ARTICLES) if p.startswith("/news/"))
    for (name, code, log), (mode, _, _) in zip(results, SCENARIOS, strict=True):
        assert code == 0, f"seed {seed}, {name}: {log}"
        folder = tmp_path / name
        records = []
        for path in outputs(mode, folder):
            if path.suffix == ".parquet":
                records += pq.read_table(path).to_pylist()
                continue
            raw = path.read_bytes()
            assert raw == b"" or raw.endswith(b"\n"), f"seed {seed}, {name}: partial last line in {path}"
            records += [json.loads(line) for line in raw.splitlines()]  # every line valid JSON
        assert not list(folder.glob("**/.*.part")), f"seed {seed}, {name}: a .part left"
        paths = sorted(urlsplit(r["canonicalUrl"]).path for r in records)
        assert paths == expected, f"seed {seed}, {name}: not every article exactly once"
