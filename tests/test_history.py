"""history.py: a site's run history, oldest first."""

from __future__ import annotations

import json
import os

from newsproj.history import recent_runs


def test_runs_that_finished_in_the_same_second_keep_the_order_they_were_written_in(tmp_path):
    """``finished_at`` has whole seconds; runs of one site ending in the same second (short runs, a test, a retry)
    were returned in the folder's order, which is none: the checks' baseline could take older runs for the last."""
    folder = tmp_path / "runs" / "site"
    folder.mkdir(parents=True)
    base = 1_700_000_000_000_000_000
    for n in range(40):  # names in reverse of the writing order, so that no name order passes by chance
        path = folder / f"{39 - n:02d}-{os.urandom(3).hex()}.json"
        path.write_text(json.dumps({"run_id": n, "finished_at": "2026-12-02T08:00:00+00:00"}))
        os.utime(path, ns=(base + n * 1000, base + n * 1000))
    older = folder / "older.json"
    older.write_text(json.dumps({"run_id": -1, "finished_at": "2026-12-02T07:59:59+00:00"}))
    os.utime(older, ns=(base + 10**12, base + 10**12))  # written later, but it finished earlier
    assert [run["run_id"] for run in recent_runs(str(tmp_path), "site", 5)] == [35, 36, 37, 38, 39]
    assert recent_runs(str(tmp_path), "site", 41)[0]["run_id"] == -1
    (folder / "not-a-run.json").write_text("[1, 2]")  # (a manifest that is not an object is skipped)
    assert len(recent_runs(str(tmp_path), "site", 100)) == 41
