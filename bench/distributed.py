"""Distributed mode: pages/s of one vs two `scrapy crawl news` processes sharing one Redis, against a local site
that answers every request after a fixed 50 ms (a synthetic site of sections linking to demo articles)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsproj.testing.redis_server import start_redis
from newsproj.testing.server import FixtureServer, Site

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "fixtures" / "demo"
SECTIONS, PER_SECTION = 40, 12


class SyntheticSite(Site):
    """``/`` links to ``SECTIONS`` sections, each to ``PER_SECTION`` articles (demo articles, reused)."""

    def __init__(self) -> None:
        super().__init__(DEMO)
        lines = (DEMO / "truth.jsonl").read_text(encoding="utf-8").splitlines()
        self.paths = [json.loads(line)["path"] for line in lines if line.strip()]

    def lookup(self, path: str, query: str, base: str) -> tuple[int, dict[str, str], bytes] | None:
        def page(body: str) -> tuple[int, dict[str, str], bytes]:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()

        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"
        if path == "/":
            links = "".join(f'<li><a href="/s/{i}/">Section {i}</a></li>' for i in range(SECTIONS))
            return page(f"<html><head><title>Home</title></head><body><ul>{links}</ul></body></html>")
        if path.startswith("/s/"):
            i = int(path.split("/")[2])
            links = "".join(
                f'<li><a href="/a/{n}.html">Story {n}</a></li>' for n in range(i * PER_SECTION, (i + 1) * PER_SECTION)
            )
            return page(f"<html><head><title>Section {i}</title></head><body><ul>{links}</ul></body></html>")
        if path.startswith("/a/"):
            n = int(path.split("/")[2].split(".")[0])
            return super().lookup(self.paths[n % len(self.paths)], "", base)
        return None


def _crawl(workers: int, server: FixtureServer, redis_url: str | None, workdir: Path) -> dict[str, float]:
    server.hits.clear()
    server.times.clear()
    crawl_id = f"bench-{workers}-{time.monotonic_ns()}"
    procs = []
    for i in range(workers):
        cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={server.base}/",
               "-O", str(workdir / f"w{workers}-{i}.jsonl"), "-s", "NEWSPROJ_ALLOW_PRIVATE=1",
               "-s", "LOG_LEVEL=WARNING", "-s", f"STATE_DIR={workdir / crawl_id}"]
        if redis_url:
            cmd += ["-s", f"REDIS_URL={redis_url}", "-s", f"NEWSPROJ_CRAWL_ID={crawl_id}",
                    "-s", f"NEWSPROJ_REDIS_STATE_KEY={crawl_id}:state"]
        procs.append(subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for proc in procs:
        proc.wait()
    window = server.times[-1][0] - server.times[0][0] if len(server.times) > 1 else float("nan")
    pages = sum(server.hits.values())
    twice = sum(1 for target, count in server.hits.items() if count > 1 and target != "/robots.txt")
    return {"pages": pages, "seconds": window, "pages_per_s": pages / window, "fetched_twice": twice}


def run() -> dict[str, object]:
    binary = shutil.which("redis-server")
    if not binary:
        return {"skipped": "redis-server is not installed"}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        # a port looked up free and bound later may be another process's by then: the server that answers must be
        # this one (newsproj.testing.redis_server), else another port is tried (was: a fixed 0.5 s sleep, and
        # whatever answered on the port was used)
        redis, url = start_redis(binary, workdir)
        server = FixtureServer(SyntheticSite(), delay=0.05).start()
        try:
            one = _crawl(1, server, url, workdir)
            two = _crawl(2, server, url, workdir)
        finally:
            server.stop()
            redis.terminate()
            redis.wait(timeout=10)
    return {"one": one, "two": two, "ratio": two["pages_per_s"] / one["pages_per_s"]}


def report(results: dict) -> str:
    if "skipped" in results:
        return f"distributed: skipped ({results['skipped']})"
    one, two = results["one"], results["two"]
    return "\n".join([
        "| processes on one Redis (50 ms site) | pages | seconds | pages/s | fetched twice |",
        "| --- | --- | --- | --- | --- |",
        f"| 1 | {one['pages']} | {one['seconds']:.1f} | {one['pages_per_s']:.1f} | {one['fetched_twice']} |",
        f"| 2 | {two['pages']} | {two['seconds']:.1f} | {two['pages_per_s']:.1f} | {two['fetched_twice']} |",
        f"| 2 ÷ 1 | | | {results['ratio']:.2f} | |",
    ])
