"""End to end: temp files a killed run left are removed by the next run, safely.

The stats file and the manifests are written to a temp file of the run's own (``.<name>.XXXXXXXX.tmp``) and renamed
into place. A SIGKILL between the two left the temp for ever: every later run's stats file and manifest has another
temp name, so nothing reused or removed it, and a run history kept a litter of them. Now a run removes such temps
beside its stats file and in its site's run history (and its per-run output folders) when they are a regular file
of this user untouched for an hour: one WARNING line each, ``newsproj/output/stale_temp_removed``. A fresh temp
(a live writer's) and a symlink of that shape stay."""

from __future__ import annotations

import os

from newsproj.feeds import STALE_TEMP_SECONDS
from tests.conftest import run_crawl
from tests.sites import news_site, serve_pages


def _aged(path, *, text: str = "{\"partial\": ") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    past = path.stat().st_mtime - STALE_TEMP_SECONDS - 600
    os.utime(path, (past, past))


def test_a_killed_runs_temp_files_are_removed_by_the_next_run(tmp_path):
    server, _site = serve_pages(news_site(2))
    out = tmp_path / "out.jsonl"
    history = out.with_suffix(".state") / "runs" / server.base.split("//", 1)[1].replace(":", "-")
    stale_stats = tmp_path / ".out.stats.json.k1llm3xx.tmp"  # (run_crawl's stats file: out.stats.json)
    stale_manifest = history / ".20261201T000000Z-abcdef.json.q9w8e7r6.tmp"
    fresh = tmp_path / ".out.stats.json.l1v3wr1t.tmp"
    victim = tmp_path / "victim.txt"
    link = tmp_path / ".out.stats.json.s1mlnk00.tmp"
    _aged(stale_stats)
    _aged(stale_manifest)
    fresh.write_text("a live writer's")
    victim.write_text("not yours\n")
    link.symlink_to(victim)
    try:
        result = run_crawl("-a", f"start_urls={server.base}/", "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}", out=out)
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    assert len(result.records) == 2
    assert not stale_stats.exists() and not stale_manifest.exists()
    assert fresh.exists() and link.is_symlink() and victim.read_text() == "not yours\n"
    assert result.log.count("a temp file a killed run left") == 2, result.log[-3000:]
    assert result.stats.get("newsproj/output/stale_temp_removed") == 2
    assert [p.name for p in history.iterdir() if p.name.endswith(".tmp")] == []
