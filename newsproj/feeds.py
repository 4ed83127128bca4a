"""Feed output that survives a killed process (FEED_STORAGES for plain paths and ``file://``).

:class:`SafeFileFeedStorage` replaces Scrapy's ``FileFeedStorage``:

- every record is one unbuffered ``write()``: once the feed exporter returns, the line is in the kernel, so a
  SIGKILL cannot lose a record that the state store has been told about;
- append mode (``-o``, and the default feed of a resumed run): on start, a trailing partial line left by a
  killed run is cut off, and the ``canonicalUrl``s already in the file are handed to the run's ledger, so a
  restarted run never writes an article twice (see ``pipelines/dedup.py``, ``middlewares/incremental.py``);
- ``newsproj_atomic: true`` (the default ``FEEDS``): written aside as ``.<name>.part`` (held under an
  exclusive ``flock`` while the run lives) and renamed to its final name only when the feed is closed, so a
  partial file is never visible under its final name. A ``.part`` left by a killed run without ``JOBDIR`` is
  published by the next run of the same site (``status: "recovered"`` in its manifest): its records are already
  in the cross-run state, so withholding the file would lose them for downstream.

``newsproj.extensions.manifest.uri_params`` gives the default feed URI its ``%(site)s``, ``%(date)s`` and
``%(run_id)s``.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib
import json
import logging
import lzma
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from scrapy.extensions.feedexport import FileFeedStorage

from .state.ledger import ledger_for

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

PART_SUFFIX = ".part"
JSON_LINES = frozenset({"jsonlines", "jsonl", "jl"})


def part_path(path: Path) -> Path:
    return path.with_name(f".{path.name}{PART_SUFFIX}")


def final_path(part: Path) -> Path:
    return part.with_name(part.name[1 : -len(PART_SUFFIX)])


def repair_tail(path: Path) -> int:
    """Cut a trailing partial line (a killed writer's last record); returns the bytes removed."""
    with path.open("rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size == 0:
            return 0
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return 0
        pos, chunk = size, 65536
        keep = 0
        while pos > 0:
            start = max(0, pos - chunk)
            fh.seek(start)
            block = fh.read(pos - start)
            index = block.rfind(b"\n")
            if index >= 0:
                keep = start + index + 1
                break
            pos = start
        fh.truncate(keep)
        return size - keep


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON lines of ``path`` that parse (a repaired file has only whole lines)."""
    with path.open("rb") as fh:
        for line in fh:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                yield record


class FormatFiles(Protocol):
    """How this storage handles the files of a binary feed format (registered by its exporter module)."""

    def seed_ledger(self, crawler: Crawler, part: Path) -> int:
        """An appending run: hand the records the new file will carry over to the run's ledger."""

    def recover_orphans(self, site_dir: Path, exclude: Path | None = None) -> list[Path]:
        """Publish what killed runs of the default feed left under ``site_dir/*/``."""

    def rows(self, path: Path) -> int:
        """Records in a complete file."""

    def records(self, path: Path) -> Iterator[dict[str, Any]]:
        """The records of a complete file."""


FORMAT_FILES: dict[str, FormatFiles] = {}
"""Feed format → its file handling; ``newsproj/exporters.py`` registers ``parquet`` when FEED_EXPORTERS loads it."""


def records_in(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a published feed file: JSON lines, or a registered format by its suffix (``.parquet``)."""
    files = FORMAT_FILES.get(path.suffix.lstrip("."))
    return files.records(path) if files is not None else read_records(path)


def sha256_of(path: Path) -> tuple[str, int]:
    """SHA-256 of the file as stored, and its number of lines (records) once decompressed: a feed written through
    Scrapy's Gzip/Bz2/LZMA post-processing plugins counts its records, not the newlines in compressed bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest(), count_lines(path)


_DECOMPRESS = ((b"\x1f\x8b", "gzip"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "lzma"))


def count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        magic = fh.read(6)
    opener: Any = open
    for prefix, module in _DECOMPRESS:
        if magic.startswith(prefix):
            opener = importlib.import_module(module).open
            break
    lines = 0
    try:
        with opener(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                lines += block.count(b"\n")
    except (EOFError, OSError, lzma.LZMAError):  # a compressed file cut short by a kill: the lines read so far
        pass
    return lines


class SafeFileFeedStorage(FileFeedStorage):
    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None, crawler: Crawler | None = None):
        super().__init__(uri, feed_options=feed_options)
        feed_options = feed_options or {}
        self.crawler = crawler
        self.final = Path(self.path)
        # Parquet is complete only with its footer: always written aside (newsproj/exporters.py)
        self.parquet = feed_options.get("format") == "parquet" and not feed_options.get("postprocessing")
        # a file per run (the default feed): a run that exported nothing publishes no file, its manifest says so
        self.per_run = bool(feed_options.get("newsproj_atomic", False))
        self.atomic = self.per_run or self.parquet
        self.empty = False
        self.target = part_path(self.final) if self.atomic else self.final
        self.sha256: str | None = None
        self.lines = 0
        self.published: Path | None = None
        # Only plain JSON lines can be repaired and read back (not a JSON array, CSV, or a gzip stream).
        lines = feed_options.get("format") in JSON_LINES and not feed_options.get("postprocessing")
        if lines and "%(" not in str(self.path) and self.write_mode == "ab" and self.target.is_file():
            self._resume()
        files = FORMAT_FILES.get(feed_options.get("format") or "") if self.parquet else None
        self.files = files
        if files is not None and "%(" not in str(self.path) and self.write_mode == "ab" and crawler is not None:
            files.seed_ledger(crawler, self.target)
        if self.atomic:
            self._recover()

    @classmethod
    def from_crawler(cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None) -> Self:
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def _resume(self) -> None:
        """Appending to an existing file: repair its tail and tell the ledger what it holds."""
        cut = repair_tail(self.target)
        if cut:
            logger.warning("Cut a partial last line (%d bytes) from %s (killed run)", cut, self.target)
        if self.crawler is None:
            return
        if cut:
            self.crawler.stats.set_value("newsproj/output/partial_line_bytes_cut", cut)
        seeded = ledger_for(self.crawler).seed(read_records(self.target))
        if seeded:
            logger.info("Resuming %s: %d records already in it will not be written again", self.target, seeded)
            self.crawler.stats.set_value("newsproj/output/records_already_in_file", seeded)

    def _recover(self) -> None:
        """Publish what killed runs left, and remember their records. When the storage is built (the spider
        opens), not when it opens (Scrapy opens it at the first record, by which time that record has passed
        dedup without knowing them: it could be one of theirs, written twice)."""
        site_dir = self.target.parent.parent
        recovered = recover_orphans(site_dir, exclude=self.target) if self.per_run else []
        if self.files is not None and self.per_run:  # a killed Parquet run's journal
            recovered += self.files.recover_orphans(site_dir, exclude=self.target)
        if recovered and self.crawler is not None:
            # The killed run may have written a record and died before remembering it: adopt them all,
            # so no article is emitted again in this run's file or by a later run.
            now = datetime.now(UTC).isoformat(timespec="seconds")
            ledger = ledger_for(self.crawler)
            adopted = sum(ledger.adopt(records_in(path), now) for path in recovered)
            self.crawler.stats.set_value("newsproj/output/recovered_records_remembered", adopted)

    def open(self, spider: Spider) -> IO[bytes]:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        # buffering=0: one write() per record, nothing held back in a Python buffer when the process dies.
        file = self.target.open(self.write_mode, buffering=0)
        if self.atomic:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return file  # type: ignore[return-value]

    def store(self, file: IO[bytes]) -> None:
        if not self.atomic:
            file.close()
            return
        os.fsync(file.fileno())
        self.sha256, self.lines = sha256_of(self.target)
        if self.files is not None:
            self.lines = self.files.rows(self.target)
        if self.per_run and self.lines == 0 and not self.final.exists():
            # nothing new: no empty file for loaders to trip on (pyarrow cannot read an empty JSON-lines file)
            self.target.unlink()
            file.close()
            self.empty = True
            logger.info("Nothing exported: no file published for %s (the run manifest says so)", self.final)
            return
        os.replace(self.target, self.final)  # visible under its final name only now, and only complete
        file.close()  # releases the flock
        self.published = self.final
        logger.info("Published %s (%d records, sha256 %s)", self.final, self.lines, self.sha256)


def dead_parts(parts: Iterable[Path]) -> Iterator[tuple[Path, IO[bytes]]]:
    """The ``.part`` files among ``parts`` whose writer is dead (their flock is free), each open (``rb+``) and
    locked by us while the caller handles it."""
    for part in parts:
        try:
            fh = part.open("rb+")
        except OSError:
            continue
        with fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a live run is writing it
            yield part, fh


def recover_orphans(site_dir: Path, exclude: Path | None = None) -> list[Path]:
    """Publish ``.part`` files under ``site_dir/*/`` whose writer is dead (their flock is free)."""
    recovered = []
    parts = [part for part in sorted(site_dir.glob(f"*/.*.jsonl{PART_SUFFIX}")) if part != exclude]
    for part, _fh in dead_parts(parts):  # each stays locked while it is repaired and published
        repair_tail(part)
        final = final_path(part)
        digest, lines = sha256_of(part)
        write_recovered_manifest(final, lines, digest)
        os.replace(part, final)
        recovered.append(final)
        logger.warning("Published %s left by a killed run (%d records)", final, lines)
    return recovered


def write_recovered_manifest(final: Path, records: int, digest: str) -> None:
    """The manifest of a killed run's file published by a later run (unless the killed run wrote one)."""
    run_id = final.name.removesuffix(final.suffix)
    manifest = final.with_name(f"{run_id}.manifest.json")
    if not manifest.exists():
        write_json(manifest, {
            "run_id": run_id,
            "status": "recovered",
            "reason": "the run was killed; published by a later run",
            "output": {"file": final.name, "records": records, "sha256": digest},
        })


def write_json(path: Path, data: Any) -> None:
    """Atomically: a temp file beside it, then ``os.replace``."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def site_key(spider: Spider) -> str:
    """``-a site`` name, else the first seed's host (``host-port`` when the port is not the default)."""
    name = getattr(spider, "site_name", None)
    if name:
        return _UNSAFE.sub("-", name)
    seeds = getattr(spider, "seeds", None) or ["unknown"]
    parts = urlsplit(seeds[0])
    host = parts.hostname or "unknown"
    if parts.port and parts.port not in (80, 443):
        host = f"{host}-{parts.port}"
    return _UNSAFE.sub("-", host)
