"""A killed crawl leaves no extraction process behind (its pool workers and their forkserver end with it)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from tests.conftest import start_scrapy


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended; only its parent has not looked yet


def test_a_killed_crawl_leaves_no_extraction_process(slow_demo, tmp_path):
    with open(tmp_path / "log", "wb") as log:
        proc = start_scrapy(
            ["crawl", "news", "-a", f"start_urls={slow_demo.base}/", "-O", str(tmp_path / "out.jsonl"),
             "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "NEWSPROJ_EXTRACT_WORKERS=2",
             "-s", f"STATE_DIR={tmp_path / 's'}"],
            stdout=log, stderr=log,
        )
    try:
        deadline = time.monotonic() + 60
        pool: list[int] = []
        while time.monotonic() < deadline and proc.poll() is None:
            # the forkserver is the crawl's child, the workers are the forkserver's
            pool = [(server, worker) for server in _children(proc.pid) for worker in _children(server)]
            if len(pool) >= 2:
                break
            time.sleep(0.1)
        assert len(pool) >= 2, "the crawl's extraction workers did not start"
        pids = {pid for pair in pool for pid in pair}
    finally:
        proc.kill()
        proc.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.1)
    left = [pid for pid in pids if _alive(pid)]
    for pid in left:  # do not leave them to the next test either
        os.kill(pid, signal.SIGKILL)
    assert not left, f"processes of the killed crawl still running: {left}"
