"""Feed exporters: Parquet (``-O file.parquet``, ``-o file.parquet`` or ``FEEDS`` with ``"format": "parquet"``), and
JSON lines (:class:`JsonLinesExporter`: Scrapy's, the same bytes, a record made into plain data at a fraction of
the cost).

Records are written with pyarrow, in the record's Arrow schema (``schema/article.arrow``: every file of every run
has the same column types), one row group every ``NEWSPROJ_PARQUET_ROW_GROUP_ROWS`` records (memory stays flat
whatever the run's size), zstd-compressed.

A Parquet file is readable only once its footer is written, at the end, and it cannot be appended to. So:

- the file is always written aside (``.<name>.part``, by ``feeds.SafeFileFeedStorage``) and renamed to its final
  name when the feed is stored, complete: a killed run never leaves a corrupt Parquet file under a final name;
- every record is also appended, one unbuffered write each, to a journal beside it
  (``.<name>.part.jsonl``): the durable copy while the run lives, deleted once the Parquet file is complete;
- ``-o file.parquet`` (append, and a resumed ``JOBDIR`` run) rewrites the file: the new file starts with the
  records of the existing ``file.parquet`` and of a killed run's journal (streamed, a row group at a time), then
  the run's new records, and replaces the old file when complete. The records carried over are handed to the
  run's ledger first, so none is written twice (the same contract as ``-o file.jsonl``).
- ``-O file.parquet`` starts afresh (a killed ``-O`` run's journal is discarded with it).
- A killed run of the default feed (``output/<site>/<date>/<run-id>.parquet``) without ``JOBDIR`` leaves a
  journal that the next run of the site publishes as ``<run-id>.parquet`` (:func:`recover_orphans`), like the
  JSON-lines feed.

An empty run's file (``FEED_STORE_EMPTY``) is a valid Parquet file with the schema and no rows.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
from collections import Counter
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq
from scrapy.exporters import BaseItemExporter, JsonLinesItemExporter
from scrapy.utils.python import to_bytes

from .feeds import (
    FORMAT_FILES,
    Adopt,
    dead_parts,
    not_a_file,
    private_temp,
    publish,
    read_records,
    regular_file,
    repair_tail,
    sha256_of,
    write_recovered_manifest,
)
from .items import Article, as_dict
from .schema import arrow_schema, to_table

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

PARQUET = "parquet"
JOURNAL_SUFFIX = ".jsonl"
COMPRESSION = "zstd"
DEFAULT_ROW_GROUP_ROWS = 500
RUN_FILE = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{6}\.parquet$")
"""Names of the default feed's files (``<run-id>.parquet``): only their orphans are published by a later run."""


def journal_path(part: Path) -> Path:
    return part.with_name(part.name + JOURNAL_SUFFIX)


def final_of(part: Path) -> Path | None:
    """``x.parquet`` for ``.x.parquet.part``; None for a file that is not a feed part."""
    name = part.name
    if name.startswith(".") and name.endswith(".part"):
        return part.with_name(name[1 : -len(".part")])
    return None


def is_parquet(path: Path) -> bool:
    try:
        pq.read_metadata(path)
    except (OSError, pa.ArrowException):
        return False
    return True


def parquet_rows(path: Path) -> int:
    return int(pq.read_metadata(path).num_rows)


def _parquet_records(path: Path) -> Iterator[dict[str, Any]]:
    parquet = pq.ParquetFile(path)
    for index in range(parquet.num_row_groups):
        yield from parquet.read_row_group(index).to_pylist()


def carried_over(part: Path, append: bool, keep_final: bool = True) -> list[tuple[str, Path]]:
    """What an appending run's new file starts with: the existing final file (not for a per-run file, whose final
    name, when taken, holds what another run published of it: ``keep_final=False``), then a killed run's records
    (its journal; or, if it died after completing the file but before renaming it, the complete ``.part``)."""
    final = final_of(part)
    sources: list[tuple[str, Path]] = []
    if not append:
        return sources
    if keep_final and final is not None and final.is_file() and is_parquet(final):
        sources.append(("parquet", final))
    journal, old = journal_path(part), old_copy(part)
    if journal.is_file():
        sources.append(("journal", journal))
    elif old.is_file() and is_parquet(old):  # a run killed while carrying its complete .part over: the only copy
        sources.append(("parquet", old))
    elif part.is_file() and part.stat().st_size and is_parquet(part):
        sources.append(("parquet", part))
    return sources


def _record_key(record: dict[str, Any]) -> bytes:
    return hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode("utf-8")).digest()


def _counted(records: Iterable[dict[str, Any]], seen: Counter[bytes]) -> Iterator[dict[str, Any]]:
    """``records``, each counted in ``seen``."""
    for record in records:
        seen[_record_key(record)] += 1
        yield record


def _not_in(records: Iterable[dict[str, Any]], seen: Counter[bytes]) -> Iterator[dict[str, Any]]:
    """``records`` but those counted in ``seen`` (each as many times as it was counted)."""
    skipped = 0
    for record in records:
        key = _record_key(record)
        if seen[key]:
            seen[key] -= 1
            skipped += 1
            continue
        yield record
    if skipped:
        logger.info("Carried %d records of the final file once, not again from a killed run's complete file", skipped)


def old_copy(part: Path) -> Path:
    """Where an appending run copies a complete ``.part`` it carries over (it then empties the ``.part``)."""
    return part.with_name(part.name + ".old")


def records_of(sources: Iterable[tuple[str, Path]]) -> Iterator[dict[str, Any]]:
    for kind, path in sources:
        if kind == "journal":
            repair_tail(path)
            yield from read_records(path)
        else:
            yield from _parquet_records(path)


def _batches(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(path: Path, records: Iterable[dict[str, Any]], rows: int = DEFAULT_ROW_GROUP_ROWS) -> int:
    """``records`` as a Parquet file of the record schema, written aside and renamed; returns the row count."""
    fd, tmp = private_temp(path)
    count = 0
    try:
        with os.fdopen(fd, "wb") as fh, pq.ParquetWriter(fh, arrow_schema(), compression=COMPRESSION) as writer:
            for batch in _batches(records, rows):
                writer.write_table(to_table(batch))
                count += len(batch)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count


def fitting_tables(records: Iterable[dict[str, Any]], rows: int, where: Path,
                   stats: Any = None) -> Iterator[pa.Table]:
    """``records`` as tables of the record schema, ``rows`` at a time; a record whose values do not fit it (a
    journal line damaged on disk, or a value validation let through) costs only itself: logged and counted
    (``newsproj/output/parquet_unwritable``)."""
    for batch in _batches(records, rows):
        try:
            yield to_table(batch)
            continue
        except (pa.ArrowException, TypeError, ValueError):
            pass
        tables = []
        for record in batch:
            try:
                tables.append(to_table([record]))
            except (pa.ArrowException, TypeError, ValueError) as exc:
                logger.error("Not written to %s (does not fit the record schema: %s): %s", where, exc,
                             record.get("url"))
                if stats is not None:
                    stats.inc_value("newsproj/output/parquet_unwritable")
        if tables:
            yield pa.concat_tables(tables)


def free_name(final: Path) -> Path:
    """``final``, or ``final``-2, -3... (as :func:`feeds.publish` names them): the first name not taken."""
    for n in range(1, 1000):
        target = final if n == 1 else final.with_name(f"{final.stem}-{n}{final.suffix}")
        if not os.path.lexists(target):
            return target
    raise FileExistsError(f"no free name for {final}")


def published_names(final: Path) -> Iterator[Path]:
    """The files published under ``final``'s name or a later one (``-2``, ``-3``...: :func:`free_name`)."""
    for n in range(1, 1000):
        target = final if n == 1 else final.with_name(f"{final.stem}-{n}{final.suffix}")
        if not os.path.lexists(target):
            return
        yield target


def _publish_journal(journal: Path, final: Path, adopt: Adopt | None, stats: Any) -> tuple[int, Path]:
    """A killed run's journal as ``final`` (or its first free name ``-2``...): written aside (records that do not
    fit the schema left out, counted), then the records the file holds handed to ``adopt``, then renamed; returns
    the row count and the name. A failure leaves the journal as it was (and no temp file)."""
    final = free_name(final)  # never over a file: a JOBDIR run resumed after its first file was published: -2
    fd, tmp = private_temp(final)  # (a fixed ".final.tmp" was opened through whatever was under that name)
    try:
        count = 0
        with os.fdopen(fd, "wb") as fh, pq.ParquetWriter(fh, arrow_schema(), compression=COMPRESSION) as writer:
            for table in fitting_tables(read_records(journal), DEFAULT_ROW_GROUP_ROWS, final, stats):
                writer.write_table(table)
                count += table.num_rows
        if adopt is not None:  # what the file holds, not what the journal says
            adopt(_parquet_records(tmp), final)
        # the manifest first: a kill after the rename leaves a published file with its manifest (the journal
        # left beside it is removed by the next recovery: its records are in the file)
        write_recovered_manifest(final, count, sha256_of(tmp)[0])
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count, final


def _published_from(journal: Path, final: Path) -> bool:
    """A published Parquet file of ``final``'s name (or ``-2``...) holds every record of ``journal``: it was written
    from it by a recovery killed before it removed the journal (a JOBDIR run resumed after its orphan was
    published keeps new records in its journal: not those, published as ``-2``)."""
    repair_tail(journal)
    urls = {record.get("canonicalUrl") for record in read_records(journal)}
    for name in published_names(final):
        try:
            held = set(pq.read_table(name, columns=["canonicalUrl"]).column("canonicalUrl").to_pylist())
        except (OSError, pa.ArrowException):
            continue
        if urls <= held:
            return True
    return False


def _publish_complete(source: Path, final: Path, adopt: Adopt | None) -> tuple[int, Path]:
    """A killed run's complete Parquet file (its ``.part``, or the copy aside of one): its records adopted, then
    published under ``final`` (or -2…) with a manifest named after the name it gets; returns (rows, name)."""
    if adopt is not None:
        adopt(_parquet_records(source), final)
    rows, digest = parquet_rows(source), sha256_of(source)[0]
    return rows, publish(source, final, partial(write_recovered_manifest, records=rows, digest=digest))


def recover_orphans(site_dir: Path, exclude: Path | None = None, adopt: Adopt | None = None,
                    stats: Any = None) -> list[Path]:
    """Publish what killed default-feed runs left under ``site_dir/*/`` as ``<run-id>.parquet``: a journal (the
    run died before its file was complete), or a complete ``.part`` without one (it died after completing the file,
    before renaming it: its state may already hold the records). ``adopt`` learns each one's records first (an
    exception from it leaves the orphan as it was).

    Only orphans whose writer is dead: a live run holds the ``flock`` of its ``.part``."""
    candidates = {journal.with_name(journal.name[: -len(JOURNAL_SUFFIX)])
                  for journal in site_dir.glob(f"*/.*.parquet.part{JOURNAL_SUFFIX}")}
    candidates.update(site_dir.glob("*/.*.parquet.part"))
    parts = [part for part in sorted(candidates)
             if (final := final_of(part)) is not None and part != exclude and RUN_FILE.match(final.name)]
    published = []
    for part, _fh in dead_parts(parts, stats):  # each stays locked while it is published
        journal, final = journal_path(part), final_of(part)
        assert final is not None
        if os.path.lexists(journal) and not regular_file(journal):  # never read or cut through a symlink
            not_a_file(journal, stats)
            continue
        # a final name taken (not by this .part's own file: a kill between the link and the unlink of its rename)
        # by a file published of this journal (a recovery killed before it removed it), or by the file of this run
        # that another run published while it was dead (a JOBDIR run resumed, killed again: its new records are
        # published as -2, as feeds.publish names a JSON-lines one; skipped, they were in no file for ever)
        taken = final.exists() and not (part.exists() and os.path.samefile(part, final))
        if taken and journal.is_file() and _published_from(journal, final):
            journal.unlink(missing_ok=True)
            part.unlink(missing_ok=True)
            logger.warning("Removed %s and its journal: %s (or -2...), published from it, holds its records",
                           part, final)
            continue
        if journal.is_file():
            repair_tail(journal)
            rows, final = _publish_journal(journal, final, adopt, stats)
            journal.unlink()
            part.unlink(missing_ok=True)
        elif part.stat().st_size and is_parquet(part):
            rows, final = _publish_complete(part, final, adopt)  # still locked: no other run publishes it twice
        elif regular_file(old_copy(part)) and is_parquet(old_copy(part)):
            # killed while carrying its complete .part over (JOBDIR resume): the copy aside is the only one
            rows, final = _publish_complete(old_copy(part), final, adopt)
            part.unlink(missing_ok=True)
        else:  # no journal and no complete file: it died before its first record, nothing to publish
            part.unlink(missing_ok=True)
            continue
        published.append(final)
        logger.warning("Published %s left by a killed run (%d records)", final, rows)
    return published


class ParquetItemExporter(BaseItemExporter):
    """Writes records to ``file`` (the storage's ``.part``) as Parquet row groups, and each one to a journal."""

    def __init__(self, file: IO[bytes], *, row_group_rows: int = DEFAULT_ROW_GROUP_ROWS,
                 crawler: Crawler | None = None, **kwargs: Any):
        # fields_to_export, encoding, indent: the schema is fixed (every file has every column, in contract order)
        kwargs.pop("fields_to_export", None)
        kwargs.pop("encoding", None)
        kwargs.pop("indent", None)
        super().__init__(dont_fail=True, **kwargs)
        self.file = file
        self.crawler = crawler
        self.row_group_rows = max(1, row_group_rows)
        self.buffer: list[dict[str, Any]] = []
        self.writer: pq.ParquetWriter | None = None
        self.journal: IO[bytes] | None = None
        name = getattr(file, "name", None)
        self.part = Path(name) if isinstance(name, str) and final_of(Path(name)) is not None else None
        self.append = "a" in str(getattr(file, "mode", ""))
        # a per-run file (the default feed) never carries its published final over (feeds.SafeFileFeedStorage)
        self.keep_final = bool(getattr(file, "carry_final", True))
        self.rows = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler, file: IO[bytes], **kwargs: Any) -> Self:
        kwargs.setdefault("row_group_rows", crawler.settings.getint(
            "NEWSPROJ_PARQUET_ROW_GROUP_ROWS", DEFAULT_ROW_GROUP_ROWS))
        return cls(file, crawler=crawler, **kwargs)

    def start_exporting(self) -> None:
        sources = carried_over(self.part, self.append, self.keep_final) if self.part is not None else []
        carried = 0
        tmp = None
        if sources:
            # the killed run's .part may be the only copy (a complete file not yet renamed): copied aside first
            # (the storage holds the .part open and locked: it is truncated below, not replaced)
            assert self.part is not None
            tmp = old_copy(self.part)
            if any(path == self.part for _, path in sources):
                # copied into a file of our own, then renamed over the fixed name (a rename replaces a symlink
                # there; a copy to it wrote through it)
                fd, own = private_temp(tmp)
                try:
                    with os.fdopen(fd, "wb") as dst, self.part.open("rb") as src:
                        shutil.copyfileobj(src, dst)
                    os.replace(own, tmp)
                except BaseException:
                    own.unlink(missing_ok=True)
                    raise
                sources = [(kind, tmp if path == self.part else path) for kind, path in sources]
            elif not any(path == tmp for _, path in sources):
                tmp = None
        if self.part is not None:
            self.file.truncate(0)  # what a killed run left in the .part is not a Parquet file
        self.writer = pq.ParquetWriter(self.file, arrow_schema(), compression=COMPRESSION)
        # A complete .part carried over (copied aside as tmp) is, from here, only in this file, which has no footer
        # until the run stores it: its records go to the journal too, or a kill (or a failed run) before the store
        # left a journal of the new records only, and the killed run's records (maybe marked done) in no file.
        # Per-run files only (keep_final false): an appending -o run's journal holds only what its final file does
        # not, and its complete .part holds that file's records too.
        journal = journal_path(self.part) if self.part is not None else None
        spool_path, spool = None, None
        if journal is not None and tmp is not None and not self.keep_final:
            fd, spool_path = private_temp(journal)  # this run's own file, renamed over the journal below
            spool = os.fdopen(fd, "wb")
        # an -o run's complete .part (killed before it replaced the final file) begins with the final file's
        # records, which it carried over: carried again from both, each was in the new file twice
        final, in_final = (final_of(self.part) if self.part is not None else None), Counter[bytes]()
        for kind, path in sources:
            records = records_of([(kind, path)])
            if path == final:
                records = _counted(records, in_final)
            elif path == tmp and in_final:
                records = _not_in(records, in_final)
            for batch in _batches(records, self.row_group_rows):
                self.writer.write_table(to_table(batch))
                if spool is not None and path == tmp:
                    spool.write(b"".join(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
                                         for record in batch))
                carried += len(batch)
        if spool is not None and spool_path is not None and journal is not None:
            spool.flush()
            os.fsync(spool.fileno())
            spool.close()
            os.replace(spool_path, journal)  # whole, or not there (the tmp copy still is)
        if tmp is not None:
            tmp.unlink()
        self.rows = carried
        if carried:
            logger.info("%s: %d records carried over from the existing file / a killed run", self.part, carried)
            if self.crawler is not None:
                self.crawler.stats.set_value("newsproj/output/parquet_carried_over", carried)
        if self.part is not None:
            journal = journal_path(self.part)
            # append: the journal keeps the killed run's records (they are in no complete file yet)
            # (never through a symlink someone put under its name: the journal is ours)
            flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | (os.O_APPEND if self.append else os.O_TRUNC)
            self.journal = open(os.open(journal, flags, 0o644), "ab" if self.append else "wb", buffering=0)

    def export_item(self, item: Any) -> None:
        record = as_dict(item)
        if self.journal is not None:
            line = json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
            self.journal.write(line)  # one unbuffered write: in the kernel once this returns
        self.buffer.append(record)
        if len(self.buffer) >= self.row_group_rows:
            self._flush()

    def _flush(self) -> None:
        if not self.buffer or self.writer is None:
            return
        stats = self.crawler.stats if self.crawler is not None else None
        # a record whose values do not fit the schema (validation should have dropped it) costs only itself
        for table in fitting_tables(self.buffer, len(self.buffer), self.part or Path("?"), stats):
            self.writer.write_table(table)
            self.rows += table.num_rows
        self.buffer = []

    def finish_exporting(self) -> None:
        if self.writer is None:
            self.start_exporting()
        self._flush()
        assert self.writer is not None
        self.writer.close()  # the footer: from here the .part is a complete Parquet file
        self.file.flush()
        try:
            os.fsync(self.file.fileno())
        except (OSError, ValueError, AttributeError):  # not a plain file (a pipe, a temp buffer)
            pass
        if self.journal is not None:
            self.journal.close()
            assert self.part is not None
            journal_path(self.part).unlink(missing_ok=True)
            self.journal = None


class JsonLinesExporter(JsonLinesItemExporter):
    """Scrapy's JSON-lines exporter (``jsonlines``, ``jsonl``, ``jl``), writing the same bytes; a record
    (:class:`newsproj.items.Article`, every field exported) is made into plain data by :func:`as_dict` first, not
    field by field through ItemAdapter and the encoder's ``default`` for every nested part (~0.1 ms a record)."""

    def export_item(self, item: Any) -> None:
        if type(item) is not Article or self.fields_to_export is not None:
            super().export_item(item)
            return
        data = self.encoder.encode(as_dict(item)) + "\n"
        self.file.write(to_bytes(data, self.encoding))


def seed_ledger(crawler: Crawler, part: Path, keep_final: bool = True) -> int:
    """Before the crawl starts: hand the records an appending run will carry over to the run's ledger, so the
    pipelines drop them and the request-saving middleware does not fetch them again."""
    from .state.ledger import ledger_for

    sources = carried_over(part, append=True, keep_final=keep_final)
    if not sources:
        return 0
    # Remembered in the state too, when their run died before it could (Ledger.adopt): the final file's records at
    # once (it is published), a killed run's (its journal, or its complete .part) once this run has stored the file
    # it carries them into (the journal is gone by then).
    ledger, now = ledger_for(crawler), datetime.now(UTC).isoformat(timespec="seconds")
    final = final_of(part)
    seeded = sum(ledger.adopt(records_of([(kind, path)]), now, durable=kind == "parquet" and path == final)
                 for kind, path in sources)
    if seeded:
        logger.info("Resuming %s: %d records already in it will not be written again", final_of(part), seeded)
        crawler.stats.set_value("newsproj/output/records_already_in_file", seeded)
    return seeded


class ParquetFiles:
    """The Parquet feed's files, for ``feeds.SafeFileFeedStorage`` (``feeds.FORMAT_FILES``)."""

    seed_ledger = staticmethod(seed_ledger)
    recover_orphans = staticmethod(recover_orphans)
    rows = staticmethod(parquet_rows)

    @staticmethod
    def records(path: Path) -> Iterator[dict[str, Any]]:
        return records_of([("parquet", path)])


FORMAT_FILES[PARQUET] = ParquetFiles()
