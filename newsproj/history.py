"""A site's run history: the manifests of its past runs under ``STATE_DIR/runs/<site>/`` (written by
``extensions/manifest.py``, read by the close-time checks in ``monitors.py``), and the counts both take from a
run's stats. A leaf: the manifest and the monitors both import it, neither imports the other at import time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DROP_PREFIX = "item_dropped_reasons_count/"


FOUND_BEFORE_PAUSE = "newsproj/run/articles_found_before_pause"
"""Stat: what the paused parts of a resumed run found (``JOBDIR``; extensions/manifest.py), counted in
:func:`articles_found` so a resumed run is judged whole: its last part alone may have nothing left to find."""


FOUND_AGAIN = "newsproj/run/articles_found_again"
"""Stat: articles this part of a resumed run saw that its paused parts had found already (counted in
:data:`FOUND_BEFORE_PAUSE`): a listing read again after the resume links the articles written before the pause,
which are then "in the output file" or "known" (state.ledger.Ledger.note_found)."""


def articles_found(stats: dict[str, Any]) -> int:
    """Articles the run saw on the site: exported, or known and skipped (unchanged, not refetched, in the file), in
    this process and in the parts of the run paused before it, each once."""
    return (
        stats.get(FOUND_BEFORE_PAUSE, 0)
        - stats.get(FOUND_AGAIN, 0)
        + stats.get("item_scraped_count", 0)
        + stats.get(f"{DROP_PREFIX}UnchangedArticle", 0)
        + stats.get("newsproj/incremental/saved_articles", 0)
        + stats.get("newsproj/dedup/output_file", 0)
    )


def history_dir(state_dir: str | None, site: str) -> Path | None:
    return Path(state_dir) / "runs" / site if state_dir else None


def recent_runs(state_dir: str | None, site: str, count: int) -> list[dict[str, Any]]:
    """The last ``count`` manifests of ``site`` from the run history, oldest first."""
    folder = history_dir(state_dir, site)
    if folder is None or not folder.is_dir():
        return []
    runs = []
    for path in folder.glob("*.json"):
        try:
            run = json.loads(path.read_text(encoding="utf-8"))
            written = path.stat().st_mtime_ns
        except (OSError, ValueError):
            continue
        if isinstance(run, dict):
            runs.append((str(run.get("finished_at") or ""), written, path.name, run))
    # finished_at has whole seconds: runs ending in the same second are ordered by when their manifest was written
    # (in the folder's order before, which is no order: the checks' baseline could take an older run for the last)
    runs.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in runs[-count:]] if count > 0 else []
