"""The STATE_DIR backend: SQLite in WAL mode; survives a killed writer; primary-key and index lookups."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

from scrapy.utils.test import get_crawler

from newsproj.state import Seen, open_store
from newsproj.state.files import FILENAME, FileStateStore


def test_get_record_owner_of(tmp_path):
    store = FileStateStore(tmp_path)
    assert store.get("https://n.example/a") is None
    store.record("https://n.example/a", Seen("f1", "2024-09-12T10:00:00+00:00", "2024-09-12"))
    store.record("https://n.example/b", Seen("f2", "2024-09-12T11:00:00+00:00"))
    assert store.get("https://n.example/a") == Seen("f1", "2024-09-12T10:00:00+00:00", "2024-09-12")
    assert store.owner_of("f2") == "https://n.example/b"
    assert store.owner_of("nope") is None
    store.record("https://n.example/a", Seen("f3", "2024-09-13T10:00:00+00:00"))  # changed: replaced
    assert store.get("https://n.example/a").fingerprint == "f3"
    assert store.owner_of("f1") is None
    assert len(store) == 2
    store.close()
    again = FileStateStore(tmp_path)
    assert again.get("https://n.example/b") == Seen("f2", "2024-09-12T11:00:00+00:00")
    again.close()


def test_wal_mode_and_index(tmp_path):
    FileStateStore(tmp_path).close()
    db = sqlite3.connect(tmp_path / FILENAME)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    plan = " ".join(str(r) for r in db.execute("EXPLAIN QUERY PLAN SELECT url FROM articles WHERE fingerprint='x'"))
    db.close()
    assert "articles_fingerprint" in plan


def test_every_record_survives_sigkill(tmp_path):
    """A writer killed with SIGKILL mid-stream: every record() that returned is there, the file is not corrupt."""
    script = textwrap.dedent(f"""
        import sys
        from newsproj.state import Seen
        from newsproj.state.files import FileStateStore
        store = FileStateStore({str(tmp_path)!r})
        for i in range(100000):
            store.record(f"https://n.example/{{i}}", Seen(f"fp{{i}}", "2024-09-12T10:00:00+00:00"))
            print(i, flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    last = -1
    for line in proc.stdout:
        last = int(line)
        if last >= 300:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    store = FileStateStore(tmp_path)
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert len(store) >= last + 1
    assert all(store.get(f"https://n.example/{i}") for i in range(last + 1))
    store.close()


def test_open_store_follows_settings(tmp_path):
    assert open_store(get_crawler(settings_dict={"STATE_DIR": ""})) is None
    store = open_store(get_crawler(settings_dict={"STATE_DIR": str(tmp_path / "s")}))
    assert isinstance(store, FileStateStore) and store.path == tmp_path / "s" / FILENAME
    store.close()
    backend = "newsproj.state.files.FileStateStore"
    assert open_store(get_crawler(settings_dict={"NEWSPROJ_STATE_BACKEND": backend, "STATE_DIR": ""})) is None
