"""STATE_DIR backend: one SQLite database in WAL mode (stdlib ``sqlite3``), ``STATE_DIR/state.sqlite3``.

WAL mode with ``synchronous=NORMAL`` never corrupts on a killed process: every committed transaction survives
SIGKILL (only a power loss may drop the last few). Each :meth:`FileStateStore.record` is its own transaction,
because it is called only once the item is exported: committing later would re-emit on restart, earlier would
lose articles (scrapy-deltafetch's mistake). What the feeds make durable at once (a batch) is committed as one
transaction (``record_durable``: the articles, their signatures and aliases, all or none). Lookups are primary-key and
index reads, so a million URLs cost the same as a hundred (see ``bench/state_store.py``).
"""

from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
from pathlib import Path
from typing import IO, TYPE_CHECKING

from scrapy.exceptions import NotConfigured, UsageError

from . import Seen

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

FILENAME = "state.sqlite3"


class StateLocked(UsageError):
    """STATE_DIR cannot be used by this run (held by another run of the site, or not a directory)."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    url TEXT PRIMARY KEY,           -- canonicalUrl
    fingerprint TEXT NOT NULL,      -- content fingerprint of the last emitted version
    emitted_at TEXT NOT NULL,       -- ISO 8601, UTC
    lastmod TEXT                    -- sitemap/feed lastmod known at emission, if any
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS articles_fingerprint ON articles (fingerprint);
CREATE TABLE IF NOT EXISTS signatures (
    url TEXT PRIMARY KEY,           -- canonicalUrl
    emitted_at TEXT NOT NULL,
    minhash BLOB NOT NULL           -- MinHash hash values of the body (near-duplicates across runs)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS signatures_emitted_at ON signatures (emitted_at);
CREATE TABLE IF NOT EXISTS aliases (
    url TEXT PRIMARY KEY,           -- canonical form of a URL an article was fetched under
    canonical TEXT NOT NULL         -- the article's canonicalUrl, when different
) WITHOUT ROWID;
"""


class FileStateStore:
    """:class:`~newsproj.state.StateStore` over SQLite in ``directory``."""

    def __init__(self, directory: str | Path, timeout: float = 30.0):
        self.path = Path(directory) / FILENAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: autocommit; each statement is its own transaction.
        self.db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self._lock: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        directory = crawler.settings.get("STATE_DIR")
        if not directory:
            raise NotConfigured("STATE_DIR is empty: cross-run state is off")
        if Path(directory).exists() and not Path(directory).is_dir():
            raise StateLocked(f"STATE_DIR {directory} is a file; give STATE_DIR a directory")
        store = cls(directory)
        if crawler.spider is not None:
            from ..feeds import site_key

            store.lock(site_key(crawler.spider))
        return store

    def lock(self, site: str) -> None:
        """Hold ``locks/<site>.lock`` until closed: a second run of the same site on this STATE_DIR (which would
        emit the same articles into another output) stops at once. Runs of other sites may share the directory."""
        folder = self.path.parent / "locks"
        folder.mkdir(exist_ok=True)
        path = folder / f"{site}.lock"
        fh = path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            fh.close()
            self.db.close()
            raise StateLocked(
                f"STATE_DIR {self.path.parent} is in use by another run of {site} (pid {holder}); wait for it to "
                f"end, or give this run its own STATE_DIR"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._lock = fh

    def get(self, url: str) -> Seen | None:
        row = self.db.execute(
            "SELECT fingerprint, emitted_at, lastmod FROM articles WHERE url = ?", (url,)
        ).fetchone()
        return Seen(*row) if row else None

    def owner_of(self, fingerprint: str) -> str | None:
        row = self.db.execute(
            "SELECT url FROM articles WHERE fingerprint = ? ORDER BY emitted_at LIMIT 1", (fingerprint,)
        ).fetchone()
        return row[0] if row else None

    def record(self, url: str, seen: Seen) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO articles (url, fingerprint, emitted_at, lastmod) VALUES (?, ?, ?, ?)",
            (url, seen.fingerprint, seen.emitted_at, seen.lastmod),
        )

    def record_many(self, records: list[tuple[str, Seen]]) -> None:
        """Bulk insert in one transaction (imports, benchmarks)."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany(
                "INSERT OR REPLACE INTO articles (url, fingerprint, emitted_at, lastmod) VALUES (?, ?, ?, ?)",
                [(url, s.fingerprint, s.emitted_at, s.lastmod) for url, s in records],
            )

    # Optional extension of the StateStore protocol (used when present): near-duplicate signatures.

    def record_signature(self, url: str, emitted_at: str, signature: bytes) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO signatures (url, emitted_at, minhash) VALUES (?, ?, ?)",
            (url, emitted_at, signature),
        )

    def record_durable(self, records: list[tuple[str, Seen]], signatures: list[tuple[str, str, bytes]],
                       aliases: list[tuple[str, str]]) -> None:
        """What the feeds made durable at once, in one transaction: the articles, their near-duplicate signatures
        and their fetched URLs' aliases, all or none. (A transaction a table left a window: a run killed, or a
        disk full, after the articles' commit kept them as done but lost their signatures, so a later run never
        marked a near-duplicate of them, and nothing re-emitted them.)"""
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany(
                "INSERT OR REPLACE INTO articles (url, fingerprint, emitted_at, lastmod) VALUES (?, ?, ?, ?)",
                [(url, s.fingerprint, s.emitted_at, s.lastmod) for url, s in records],
            )
            if signatures:
                self.db.executemany(
                    "INSERT OR REPLACE INTO signatures (url, emitted_at, minhash) VALUES (?, ?, ?)", signatures)
            if aliases:
                self.db.executemany("INSERT OR REPLACE INTO aliases (url, canonical) VALUES (?, ?)", aliases)

    def recent_signatures(self, since: str) -> Iterator[tuple[str, bytes]]:
        """(canonicalUrl, signature) of records emitted at or after ``since``; older ones are forgotten."""
        self.db.execute("DELETE FROM signatures WHERE emitted_at < ?", (since,))
        yield from self.db.execute("SELECT url, minhash FROM signatures WHERE emitted_at >= ?", (since,))

    # Optional extension: URLs an article was fetched under that differ from its canonicalUrl (AMP, mobile,
    # syndication paths), so request saving recognises them too.

    def record_alias(self, url: str, canonical: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO aliases (url, canonical) VALUES (?, ?)", (url, canonical))

    def canonical_for(self, url: str) -> str | None:
        row = self.db.execute("SELECT canonical FROM aliases WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def close(self) -> None:
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError:  # another process holds the database; its close checkpoints
            pass
        self.db.close()
        if self._lock is not None:
            self._lock.close()  # releases the flock
            self._lock = None
