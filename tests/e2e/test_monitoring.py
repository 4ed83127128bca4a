"""Close-time monitors: a run whose article count collapses against the site's recent runs exits non-zero,
with the reason in the log and in the run history; a healthy run exits 0."""

from __future__ import annotations

import json
import shutil

from newsproj.testing.server import serve
from tests.conftest import FIXTURES, run_crawl

BLOCKED = "<html><head><title>Access denied</title></head><body><h1>Access denied</h1></body></html>"


def test_collapsed_run_exits_non_zero(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "demo", root)
    server = serve(root)
    try:
        state = f"STATE_DIR={tmp_path / 'state'}"
        healthy = run_crawl("-a", f"start_urls={server.base}/", "-s", state, out=tmp_path / "1.jsonl")
        assert healthy.returncode == 0, healthy.log[-3000:]
        assert healthy.stats.get("newsproj/monitor/failed") is None
        assert healthy.stats["spidermon_field_coverage/Article/headline"] == 1.0

        (root / "index.html").write_text(BLOCKED, encoding="utf-8")  # the site now blocks us
        collapsed = run_crawl("-a", f"start_urls={server.base}/", "-s", state, out=tmp_path / "2.jsonl")
    finally:
        server.stop()
    assert collapsed.returncode == 3
    assert collapsed.stats["newsproj/monitor/failed"] == 1
    assert "collapse: 0 articles found" in collapsed.log
    runs = sorted((tmp_path / "state" / "runs").glob("*/*.json"))
    manifests = sorted((json.loads(p.read_text()) for p in runs), key=lambda m: m["finished_at"])
    assert [m["status"] for m in manifests] == ["ok", "failed"]
    assert any("collapse" in failure for failure in manifests[1]["failures"])
    assert manifests[0]["counts"]["articles_found"] == 30
