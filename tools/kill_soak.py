"""A longer SIGKILL soak than tests/e2e/test_kills.py (run by hand, ~10 min): modes the suite's kill test does not
cover - an appended gzip FEEDS file, a per-run gzip feed, NEWSPROJ_STATS_FILE in every run, the ``warc`` spider
with JOBDIR, REDIS_URL (a redis-server of its own, when installed) - each killed at random moments several times,
then run to the end. Checks: every article exactly once in the union of the outputs, no partial line, every gzip
output readable, and nothing in STATE_DIR that no output holds (STATE_DIR only: not the Redis state).

    .venv/bin/python tools/kill_soak.py [ROUNDS] [KILLS] [SEED]

The test servers print a traceback when a killed crawl drops its connection: noise, not a failure.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyarrow.parquet as pq  # noqa: E402

from tests import warm  # noqa: E402
from tests.conftest import start_scrapy  # noqa: E402
from tests.sites import news_site, serve_pages  # noqa: E402
from tests.warcs import Rec, demo_articles, write_warc  # noqa: E402

ARTICLES = 8
GZIP = ["scrapy.extensions.postprocessing.GzipPlugin"]
ALL_MODES = "-o,-o gz,default gz,-O job,-o parquet,warc job,redis -o"
MODES = [m for m in os.environ.get("KILL_SOAK_MODES", ALL_MODES).split(",") if m]
"""``KILL_SOAK_MODES=-o,-o gz`` runs only these."""


REDIS: list[str] = []
"""The URL of the redis-server this soak starts (for the ``redis -o`` mode)."""


def start_redis(root: Path) -> subprocess.Popen | None:
    import shutil
    import socket

    binary = shutil.which("redis-server")
    if not binary:
        return None
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.05)
    REDIS.append(f"redis://127.0.0.1:{port}/0")
    return proc


def state_urls(state: Path) -> set[str]:
    db = state / "state.sqlite3"
    if not db.exists():
        return set()
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT url FROM articles")}


def records_of(folder: Path, mode: str) -> list[dict]:
    found = []
    for path in sorted(folder.glob("out.*")) + sorted((folder / "output").glob("*/*/*.jsonl*")):
        if path.suffix == ".parquet":
            found += pq.read_table(path).to_pylist()
            continue
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        assert raw == b"" or raw.endswith(b"\n"), f"partial last line in {path}"
        found += [json.loads(line) for line in raw.splitlines()]
    return found


def one_round(mode: str, seed: int, kills: int, root: Path) -> str:
    rnd = random.Random(seed)
    folder = root / f"{mode.replace(' ', '_')}-{seed}"
    folder.mkdir()
    log = folder / "crawl.log"
    server = site = None
    common = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "LOG_LEVEL=INFO", "-s", "NEWSPROJ_EXTRACT_WORKERS=0",
              "-s", "TELNETCONSOLE_ENABLED=0", "-s", f"STATE_DIR={folder / 'state'}",
              "-s", f"NEWSPROJ_STATS_FILE={folder / 'stats.json'}", "-s", "NEWSPROJ_FEED_SYNC_RECORDS=2"]
    if mode.startswith("warc"):
        arts = demo_articles()
        write_warc(folder / "in.warc.gz", [Rec(u, h) for u, h, _ in arts])
        expected = sorted({u for u, _, _ in arts})
        cmd = ["crawl", "warc", "-a", f"source={folder / 'in.warc.gz'}", *common, "-s", "CONCURRENT_ITEMS=1",
               "-s", "NEWSPROJ_WARC_INFLIGHT=1", "-o", str(folder / "out.jsonl")]
    else:
        server, site = serve_pages(news_site(ARTICLES), gated=lambda path: path.startswith("/news/"))
        expected = None
        cmd = ["crawl", "news", "-a", f"start_urls={server.base}/", "-s", "NEWSPROJ_ALLOW_PRIVATE=1", *common,
               "-s", "DOWNLOAD_TIMEOUT=600", "-s", "RETRY_ENABLED=0"]
        if mode == "-o":
            cmd += ["-o", str(folder / "out.jsonl")]
        elif mode == "-o gz":
            cmd += ["-s", "FEEDS=" + json.dumps({str(folder / "out.jsonl.gz"): {
                "format": "jsonlines", "postprocessing": GZIP}})]
        elif mode == "default gz":
            cmd += ["-s", "FEEDS=" + json.dumps({f"{folder}/output/%(site)s/%(date)s/%(run_id)s.jsonl.gz": {
                "format": "jsonlines", "newsproj_atomic": True, "postprocessing": GZIP,
                "uri_params": "newsproj.extensions.manifest.uri_params"}})]
        elif mode == "-O job":
            cmd += ["-O", str(folder / "out.jsonl"), "-s", f"JOBDIR={folder / 'job'}"]
        elif mode == "-o parquet":
            cmd += ["-o", str(folder / "out.parquet")]
        elif mode == "redis -o":  # frontier, dupefilter and state in Redis (one crawl id a round)
            cmd += ["-o", str(folder / "out.jsonl"), "-s", f"REDIS_URL={REDIS[0]}",
                    "-s", f"NEWSPROJ_CRAWL_ID=soak-{seed}"]
    if mode.endswith("job") and "JOBDIR=" not in " ".join(cmd):
        cmd += ["-s", f"JOBDIR={folder / 'job'}"]
    try:
        for _ in range(kills):
            with log.open("a") as fh:
                proc = start_scrapy(cmd, stdout=fh, stderr=subprocess.STDOUT)
            if site is not None:
                site.release(rnd.randint(1, 3))
            time.sleep(rnd.uniform(0.05, 2.5))
            if proc.poll() is not None:  # finished before the kill (a warc run is quick): a run of its own
                continue
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
        if site is not None:
            site.open()
        with log.open("a") as fh:
            code = start_scrapy(cmd, stdout=fh, stderr=subprocess.STDOUT).wait(timeout=300)
    finally:
        if server is not None:
            site.open()
            server.stop()
    if code != 0:
        return f"FAIL {folder.name}: exit {code}\n{log.read_text()[-2000:]}"
    try:
        records = records_of(folder, mode)
    except Exception as exc:  # noqa: BLE001 - an output no reader can read is this soak's finding
        return f"FAIL {folder.name}: output unreadable: {type(exc).__name__}: {exc}"
    urls = sorted(r["canonicalUrl"] for r in records)
    if expected is None:
        expected = sorted(f"{urlsplit(urls[0]).scheme}://{urlsplit(urls[0]).netloc}{p}"
                          for p in news_site(ARTICLES) if p.startswith("/news/")) if urls else ["?"]
    problems = []
    if urls != expected:
        dups = sorted({u for u in urls if urls.count(u) > 1})
        problems.append(f"not every article once: {len(urls)} records, {len(set(urls))} distinct of "
                        f"{len(expected)}, duplicates {dups[:3]}, missing {sorted(set(expected) - set(urls))[:3]}")
    extra = state_urls(folder / "state") - set(urls)
    if extra:
        problems.append(f"STATE_DIR holds {len(extra)} articles no output has: {sorted(extra)[:3]}")
    stats = json.loads((folder / "stats.json").read_text())
    if stats.get("finish_reason") != "finished":
        problems.append(f"stats file: finish_reason {stats.get('finish_reason')}")
    if list(folder.glob("**/.*.part")):
        problems.append("a .part left")
    return f"FAIL {folder.name}: {'; '.join(problems)}" if problems else f"ok {folder.name}"


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    kills = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else random.randrange(1 << 30)
    root = Path(tempfile.mkdtemp(prefix="kill-soak-"))
    print(f"seed {seed}, {rounds} rounds x {len(MODES)} modes x {kills} kills, in {root}", flush=True)
    redis = start_redis(root) if any(mode.startswith("redis") for mode in MODES) else None
    if redis is None and any(mode.startswith("redis") for mode in MODES):
        MODES[:] = [mode for mode in MODES if not mode.startswith("redis")]
        print("no redis-server: the redis mode is left out", flush=True)
    warm.start_warm()
    jobs = [(mode, seed + r * 100 + i) for r in range(rounds) for i, mode in enumerate(MODES)]
    failed = 0
    with ThreadPoolExecutor(max_workers=3) as pool:
        for line in pool.map(lambda job: one_round(job[0], job[1], kills, root), jobs):
            failed += line.startswith("FAIL")
            print(line[:3000], flush=True)
    warm.stop_warm()
    if redis is not None:
        redis.terminate()
        redis.wait(10)
    print(f"{len(jobs) - failed} of {len(jobs)} rounds ok", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
