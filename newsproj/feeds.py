"""Feed output that the cross-run state can trust (the ``FeedExporter`` extension and ``FEED_STORAGES`` for
plain paths and ``file://``).

The rule: an article is recorded in ``STATE_DIR`` only once its line is durably in a feed that succeeded. Scrapy's
own exporter cannot say that: it writes on ``item_scraped``, and an exception of an exporter or a storage is logged
and swallowed by the signal dispatch (a full disk, a value that cannot be encoded, a storage that could not be
created: the run went on and reported the records written). So:

:class:`CheckedFeedExporter` replaces Scrapy's ``FeedExporter``:

- checks every feed before the spider is built into a crawl (an unknown ``%(placeholder)s``, a storage that is not
  available, such as ``s3://`` without botocore): ``FeedUnavailable`` (exit 2, one line);
- opens every feed when the spider opens, before the first request: a path that cannot be written, or an output
  file another run is writing, closes the spider at once (``feed_unavailable``, exit 2);
- sends :data:`record_written` once a record is written to every feed (the dedup pipeline learns it for this run),
  or :data:`record_failed` when it was not: a value the exporter cannot encode is repaired once (lone surrogates
  replaced) or the record is skipped and counted (``newsproj/output/not_written/<reason>``); a write error
  fails the feed: the spider is closed (``feed_failed``), no later record is written, the run exits 4;
- sends :data:`records_durable` when the records written so far may be committed to the cross-run state: for
  local files appended to (``-o``), after an ``fsync`` every ``NEWSPROJ_FEED_SYNC_RECORDS`` records or
  ``NEWSPROJ_FEED_SYNC_SECONDS``; for ``-O``, a file published at close (the default feed), a storage that
  uploads at close (S3, FTP…), a pipe or FIFO (no fsync) or a file written through post-processing (a compressor
  holds what no fsync reaches), only once every feed has been stored without error; then it renames the per-run
  files (left ``.part`` for the next run when the state could not save). A failed feed commits nothing more.

:class:`SafeFileFeedStorage` replaces Scrapy's ``FileFeedStorage``:

- every record is one unbuffered ``write()`` that writes the whole line or nothing (a short write, such as a disk
  full or a file size limit, is cut back and raised), so the file never holds a partial line of a live run;
- the file is held under an exclusive ``flock`` while the run lives: a second run on the same output stops;
- append mode (``-o``, and the default feed of a resumed run): on open, a trailing partial line left by a killed
  run is cut off, and the records already in the file are handed to the run's ledger (and remembered in the state
  if the killed run did not live to do it), so a restarted run never writes an article twice;
- ``-O``: emptied when opened, unless the run resumes a ``JOBDIR`` (then continued like ``-o``); its records are
  committed to the state only once the run stored it (the next ``-O`` run empties it again);
- ``newsproj_atomic: true`` (the default ``FEEDS``): written aside as ``.<name>.part`` and published under the
  final name only once every feed of the run is stored (batches too) and the state has saved the run's records
  (``CheckedFeedExporter.close_spider``), never over an existing file (a name taken by a recovered orphan gets
  ``-2``, ``-3``…); a run whose feed failed publishes none. A ``.part`` left by a killed run is published by the next
  run of the same site (``status: "recovered"`` in its manifest) once its records are remembered in the state.

``newsproj.extensions.manifest.uri_params`` gives the default feed URI its ``%(site)s``, ``%(date)s`` and
``%(run_id)s``.
"""

from __future__ import annotations

import bz2
import contextlib
import errno
import fcntl
import hashlib
import importlib
import io
import json
import logging
import lzma
import os
import re
import stat
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, is_dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import CloseSpider, NotConfigured, UsageError
from scrapy.extensions.feedexport import FeedExporter, FileFeedStorage
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.misc import build_from_crawler, load_object
from twisted.python.failure import Failure

from . import compat
from .state.ledger import ledger_for

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

PART_SUFFIX = ".part"
JSON_LINES = frozenset({"jsonlines", "jsonl", "jl"})
URI_PARAMS = "newsproj.extensions.manifest.uri_params"
SCRAPY_PARAMS = frozenset({"time", "batch_time", "batch_id"})
OUR_PARAMS = frozenset({"site", "date", "run_id"})

# Signals of CheckedFeedExporter (connected to by pipelines/dedup.py).
record_written = object()
"""``item``: written to every feed that accepts it (not yet durable)."""
record_failed = object()
"""``item``, ``reason``: not written (or not to every feed); it must not be remembered."""
records_durable = object()
"""Every record written so far is durable: commit them to the cross-run state."""

FEED_UNAVAILABLE = "feed_unavailable"
FEED_FAILED = "feed_failed"


class FeedUnavailable(UsageError):
    """A feed that cannot be used: unknown placeholder, storage not available, path not writable, held by another
    run. The message names the feed and the fix."""


class FeedWriteError(OSError):
    """A write to a feed failed (nothing of that record is left in the file)."""


def umask() -> int:
    """The process's umask, read without changing it (``/proc/self/status``, Linux 4.7+): ``os.umask`` can only
    be read by setting it, and another thread creating a file meanwhile would get the wrong mode."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def private_temp(beside: Path) -> tuple[int, Path]:
    """A new temp file in ``beside``'s folder that is this process's own: a random name created with ``O_EXCL``
    (``mkstemp``), so nothing under a fixed name there (a symlink someone put in a shared output folder, a leftover)
    is ever written through. It becomes a published file (renamed into place), so it gets the mode a plain
    ``open()`` would have given it, 0666 less the umask (0644 under umask 022, 0640 under 027, 0664 under 002),
    not mkstemp's 0600 (a downstream reader running as another user could not read it) nor a fixed 0644 (a file
    an operator's umask 027 keeps from other users would be readable by all). Returns its descriptor and path."""
    fd, name = tempfile.mkstemp(prefix=f".{beside.name}.", suffix=".tmp", dir=beside.parent)
    try:
        os.fchmod(fd, 0o666 & ~umask())
    except BaseException:
        os.close(fd)
        os.unlink(name)
        raise
    return fd, Path(name)


STALE_TEMP_SECONDS = 3600
"""Age (since its last write) past which a temp file of :func:`private_temp`'s shape is a killed writer's leftover:
a stats file or manifest is written and renamed in milliseconds, a Parquet file's temp is written to as it grows."""
_PRIVATE_TEMP = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
""":func:`private_temp`'s names: ``.<name>.`` + mkstemp's 8 random characters + ``.tmp``."""
RUN_TEMP = re.compile(r"\.\d{8}T\d{6}Z-[0-9a-f]{6}[-.][^/]*\.[a-z0-9_]{8}\.tmp")
""":func:`private_temp`'s names for a file named after a run (``<run-id>.json``, ``<run-id>.manifest.json``,
``<run-id>.parquet``, ``<run-id>-2.jsonl``...): what a run history or a per-run output folder holds of ours."""


def followed(path: Path) -> Path:
    """The file a name written aside and renamed over (a Parquet or per-run feed, the stats file) stands for: a
    symlink's target (made when the link dangles), else the name itself. Renamed over, the link itself was replaced
    by a regular file and its target kept its old content, where a file written in place writes into the target
    (docs/operations.md: a symlink given as a file is followed); given ``/dev/stdout``, as root, for every process
    of the machine. A link that loops names no file: ``OSError`` (ELOOP), for the caller to refuse."""
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:  # a dangling link: its target is made (non-strict, a loop named the link itself)
        return Path(os.path.realpath(path))


def fsync_dir(folder: Path) -> None:
    """``fsync`` a folder, so a rename into it survives a power cut (best effort: a file system that cannot sync a
    folder, EINVAL, has nothing to sync)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


def publish_text(fd: int, tmp: Path, path: Path, text: str) -> None:
    """Write ``text`` to the temp file ``tmp`` (open as ``fd``, from :func:`private_temp`), ``fsync`` it, rename it
    to ``path`` and ``fsync`` the folder: a crash or power cut leaves the old file or the new one, whole, never an
    empty or short file under the name (a rename is ordered before the data on some file systems without it).
    The caller removes ``tmp`` when this raises."""
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def remove_stale_temps(candidates: Iterable[Path], stats: Any = None, now: float | None = None,
                       shape: re.Pattern[str] = _PRIVATE_TEMP) -> int:
    """Remove the temp files of :func:`private_temp`'s shape (``shape``: :data:`RUN_TEMP` where only a run's own
    files are ours to clean) among ``candidates`` that a killed writer left (a
    SIGKILL between the temp's creation and its rename): only regular files (never through a symlink), of this
    user, not written to for :data:`STALE_TEMP_SECONDS` (a live writer's temp is fresh). One WARNING line each,
    counted as ``newsproj/output/stale_temp_removed``; returns how many."""
    moment = time.time() if now is None else now
    removed = 0
    for path in candidates:
        if not shape.fullmatch(path.name):
            continue
        try:
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or \
                    moment - info.st_mtime < STALE_TEMP_SECONDS:
                continue
            os.unlink(path)
        except OSError:  # gone meanwhile, or not ours to remove: left as it is
            continue
        removed += 1
        logger.warning("Removed %s: a temp file a killed run left (%.0f h old)", path,
                       (moment - info.st_mtime) / 3600)
    if removed and stats is not None:
        stats.inc_value("newsproj/output/stale_temp_removed", removed)
    return removed


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


def parsed_records(lines: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """The lines that parse as a JSON object (a cut or foreign line is passed over)."""
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            yield record


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON lines of ``path`` that parse (a repaired file has only whole lines)."""
    with path.open("rb") as fh:
        yield from parsed_records(fh)


Adopt = Callable[[Iterable[dict[str, Any]], Path], None]
"""Learns the records of an orphan about to be published (the records, and the file they will be published as)."""


class FormatFiles(Protocol):
    """How this storage handles the files of a binary feed format (registered by its exporter module)."""

    def seed_ledger(self, crawler: Crawler, part: Path, keep_final: bool = True) -> int:
        """An appending run: hand the records the new file will carry over to the run's ledger (the final file's
        too unless ``keep_final`` is false: a per-run file's final name holds what another run published)."""

    def recover_orphans(self, site_dir: Path, exclude: Path | None = None,
                        adopt: Adopt | None = None, stats: Any = None) -> list[Path]:
        """Publish what killed runs of the default feed left under ``site_dir/*/``, each file's records handed to
        ``adopt`` first (see :func:`recover_orphans`)."""

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


def file_sha256(path: Path) -> str:
    """SHA-256 (hex) of the file as stored, read a block at a time."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def sha256_of(path: Path) -> tuple[str, int]:
    """SHA-256 of the file as stored, and its number of lines (records) once decompressed: a feed written through
    Scrapy's Gzip/Bz2/LZMA post-processing plugins counts its records, not the newlines in compressed bytes."""
    return file_sha256(path), count_lines(path)


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
    except (EOFError, OSError, lzma.LZMAError, zlib.error):  # a compressed file cut by a kill: the lines so far
        pass
    return lines


_NO_HARD_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EMLINK})
"""What ``link()`` answers on a file system without hard links (FAT, some network and FUSE mounts)."""


def publish(part: Path, final: Path, linked: Callable[[Path], None] | None = None) -> Path:
    """Give ``part`` the name ``final``, or ``final``-2, -3… when that name is taken: never replaces a file.
    ``linked(name)`` runs once the file has its new name, before the ``.part`` name goes (a manifest: a kill
    there leaves the ``.part`` for recovery, never a published file without one). A ``final`` that already is this
    file (a kill between the link and the unlink of an earlier publish) keeps its name: only the ``.part`` name
    goes, never a second copy of its records under ``-2``."""
    for n in range(1, 1000):
        target = final if n == 1 else final.with_name(f"{final.stem}-{n}{final.suffix}")
        try:
            os.link(part, target)
        except FileExistsError:
            if os.path.samefile(part, target):
                if linked is not None:
                    linked(target)
                part.unlink()
                return target
            continue
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:  # the .part gone, its folder, a disk error: not ours to paper over
                raise  # (taken for "no hard links": a manifest was written for a file the rename then never made)
            if os.path.lexists(target):
                continue
            # the manifest before the rename (it came after: a kill between left a published file without one,
            # and no .part for the next run to recover, adopt and publish with a manifest); a kill here leaves the
            # .part, which recovery publishes under this name, keeping the manifest
            if linked is not None:
                linked(target)
            os.replace(part, target)
            return target
        if linked is not None:
            linked(target)
        part.unlink()
        return target
    raise FileExistsError(f"no free name for {final}")


class LineFile(io.FileIO):
    """An unbuffered append-only file whose ``write()`` writes all of its data or none: a short or failed write
    (disk full, file size limit, I/O error) is cut back to the last whole write and raised as ``FeedWriteError``."""

    good = 0
    """Size of the file after the last whole write."""
    path = ""
    carry_final = True
    """An appending Parquet run starts its file with the final file's records (not a per-run file's)."""

    def truncate(self, size: int | None = None, /) -> int:
        self.good = super().truncate(size)
        return self.good

    def write(self, data: Any, /) -> int:
        view = memoryview(data).cast("B")
        total, done = len(view), 0
        try:
            while done < total:
                n = super().write(view[done:])
                if not n:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                done += n
        except OSError as exc:
            if done:
                with contextlib.suppress(OSError):
                    # where this write began (appended: the end less what it wrote), not self.good: a file
                    # truncated under the run (logrotate's copytruncate) was grown back to it with NUL bytes
                    os.ftruncate(self.fileno(), max(0, os.fstat(self.fileno()).st_size - done))
            raise FeedWriteError(exc.errno, f"{exc.strerror or exc} ({self.path or self.name})") from exc
        self.good += total
        return total


class SafeFileFeedStorage(FileFeedStorage):
    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None, crawler: Crawler | None = None):
        super().__init__(uri, feed_options=feed_options)
        feed_options = feed_options or {}
        self.crawler = crawler
        self.final = Path(self.path)
        self.overwrite = self.write_mode == "wb"
        # Parquet is complete only with its footer: always written aside (newsproj/exporters.py)
        self.parquet = feed_options.get("format") == "parquet" and not feed_options.get("postprocessing")
        # a file per run (the default feed): a run that exported nothing publishes no file, its manifest says so;
        # orphans of killed runs are published by the next run
        self.per_run = bool(feed_options.get("newsproj_atomic", False))
        self.recover = self.per_run
        self.atomic = self.per_run or self.parquet
        if self.atomic:  # written aside and renamed: a link's target gets the file (refused before the crawl when
            # it is the run's own output or loops, commands/crawl.py)
            self.final = followed(self.final)
        self.empty = False
        self.target = part_path(self.final) if self.atomic else self.final
        # Only plain JSON lines can be repaired and read back (not a JSON array, CSV, or a gzip stream).
        self.json_lines = feed_options.get("format") in JSON_LINES and not feed_options.get("postprocessing")
        self.files = FORMAT_FILES.get(feed_options.get("format") or "") if self.parquet else None
        # -O: the next run empties the file, so its records count only once the run has stored it whole. A feed
        # with post-processing (Scrapy's Gzip/Bz2/LZMA plugins) holds records in its compressor, where no fsync of
        # the file reaches them: committed at each fsync, a kill lost them (the file held a gzip header, the state
        # every record so far), so only once stored, at close.
        self.durable_at_write = not self.atomic and not self.overwrite and not feed_options.get("postprocessing")
        self.file: LineFile | None = None
        self.sha256: str | None = None
        self.lines = 0
        self.published: Path | None = None
        self.held: IO[bytes] | None = None
        """A per-run file stored, waiting for :meth:`publish_held` (or :meth:`discard`)."""
        self.carried = False
        """The ``.part`` held a killed run's records when this run (a JOBDIR run resumed) opened it."""
        self.stream = False
        """The file is no regular file (a pipe, a FIFO, a terminal): written, never truncated nor fsynced."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None) -> Self:
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def _resumed_run(self) -> bool:
        """A JOBDIR run continuing an earlier one (its run id kept): its ``-O`` file is continued, not emptied."""
        if self.crawler is None or self.crawler.spider is None or self.crawler.extensions is None:
            return False
        # RunManifest (newsproj.extensions.manifest, which imports this module): found by what it has
        run = next((ext for ext in self.crawler.extensions.middlewares
                    if hasattr(ext, "run_id") and hasattr(ext, "resumed")), None)
        return bool(run is not None and run.resumed)

    def _adopt(self, path: Path) -> None:
        """Learn the records of ``path`` (an output this run continues): see :meth:`_adopt_records`."""
        self._adopt_records(records_in(path), path)

    def _adopt_records(self, records: Iterable[dict[str, Any]], path: Path) -> None:
        """Learn ``records`` (of ``path``: an output this run continues, or a killed run's about to be published):
        not written again in this run, and remembered in the state when the run that wrote them died before it
        could."""
        if self.crawler is None:
            return
        ledger = ledger_for(self.crawler)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        seeded = ledger.adopt(records, now, in_output=True)
        if seeded:
            logger.info("Resuming %s: %d records already in it will not be written again", path, seeded)
            self.crawler.stats.inc_value("newsproj/output/records_already_in_file", seeded)

    def open(self, spider: Spider) -> IO[bytes]:
        if self.file is None:
            try:
                self.file = self._open()
            except FeedUnavailable:
                raise
            except OSError as exc:
                raise FeedUnavailable(
                    f"feed {self.final}: cannot be written ({exc.strerror or exc}); give -o/-O a writable path"
                ) from exc
        return self.file  # type: ignore[return-value]

    def _open(self) -> LineFile:
        """Lock, then repair, learn and recover; called when the spider opens (``CheckedFeedExporter``), before
        the first request: no record can pass dedup before the records of a file this run continues, or of a
        killed run's orphan, are known."""
        if self.atomic and self.final.exists() and not self.final.is_file():
            # renamed over at the end: a FIFO, /dev/null as root, would become a regular file (a URI with a
            # placeholder, unchecked before the crawl: commands/crawl.py refuses the others, exit 2)
            raise FeedUnavailable(f"feed {self.final}: is no regular file (a device, a pipe), which a feed written "
                                  f"aside and renamed over its name would replace; give -o/-O the path of a file")
        self.target.parent.mkdir(parents=True, exist_ok=True)
        if self.per_run and self._is_final():
            self._finish_rename()
        for _ in range(10):
            existed = self.target.exists()
            # a .part is ours: never written through a symlink someone put under its name
            fd = os.open(self.target, os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_NOFOLLOW if self.atomic else 0),
                         0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise FeedUnavailable(
                    f"feed {self.final} is being written by another run; wait for it to end or write elsewhere"
                ) from None
            if self._still_ours(fd):
                break
            # Between the open and the lock, another run's recovery found the .part unlocked and published (or
            # removed) it: this run would write into that file. Open the name again.
            os.close(fd)
        else:
            raise FeedUnavailable(f"feed {self.final}: its file keeps being taken by another run; write elsewhere")
        fresh = self.overwrite and not self._resumed_run()
        self.carried = existed and not fresh
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            # /dev/stdout on a pipe, a FIFO, a terminal: nothing to truncate, repair or fsync (EINVAL: -O was
            # refused as "cannot be written", -o failed at its first fsync, exit 4, one record through); its
            # records are committed once it is stored, at the end of the run, as for Scrapy's stdout: feed
            self.stream = True
            self.durable_at_write = False
        elif fresh and existed and not self.parquet:
            os.ftruncate(fd, 0)  # -O; a JOBDIR run resumed continues its file instead
        if self.json_lines and existed and os.fstat(fd).st_size:
            cut = repair_tail(self.target)
            if cut:
                logger.warning("Cut a partial last line (%d bytes) from %s (killed run)", cut, self.target)
                if self.crawler is not None:
                    self.crawler.stats.set_value("newsproj/output/partial_line_bytes_cut", cut)
            self._adopt(self.target)
        if existed and not fresh and not self.json_lines and not self.parquet and not self.stream:
            module = _compression(self.target) if os.fstat(fd).st_size else None
            # (one pass tells both: each pass inflates the whole file, ~2 s for 50 MB of gzip)
            damaged, complete = _inspect(self.target, module) if module is not None else (False, True)
            if module is not None and not self.per_run and damaged:
                module = None  # not a stream a kill cut (its bytes do not inflate): someone else's, left as it is
            if module is not None:  # a compressed file cut by a kill (a JOBDIR resume's .part, an appended FEEDS
                if not complete:  # file): continued after its whole lines, as a complete stream (a member
                    with self.target.open("rb+") as fh:  # appended after a cut one made the file unreadable)
                        _rewrite_whole_lines(self.target, fh, module)
                self._adopt_records(_compressed_records(self.target, module), self.target)
        if self.files is not None and not fresh and self.crawler is not None:
            # what an appending Parquet run carries over (a per-run file: not its final, see below)
            self.files.seed_ledger(self.crawler, self.target, keep_final=not self.per_run)
        if self.recover:
            if (self.json_lines or self.files is not None) and self.final.exists():
                # This run's file was published by another run while this one was dead (JOBDIR resume after
                # recover_orphans): its records are this run's; the rest goes to a new name beside it (a Parquet
                # one does not carry them over: they would be in both files).
                self._adopt(self.final)
            site_dir = self.target.parent.parent
            # each orphan's records are remembered before it is published: a kill in between leaves the .part for
            # the next run (which adopts them again: nothing twice). Published first, a kill before the state was
            # saved left a file whose records no later run read, and the next run wrote them all again.
            stats = self.crawler.stats if self.crawler else None
            recovered = recover_orphans(site_dir, exclude=self.target, adopt=self._adopt_records, stats=stats)
            if self.files is not None:  # a killed Parquet run's journal
                recovered += self.files.recover_orphans(site_dir, exclude=self.target, adopt=self._adopt_records,
                                                        stats=stats)
            if recovered and self.crawler is not None:
                self.crawler.stats.inc_value("newsproj/output/recovered_files", len(recovered))
            # manifests' and Parquet files' temps a run killed before their rename left (the next run's manifest,
            # another name, never reuses them)
            remove_stale_temps(site_dir.glob("*/.*.tmp"), stats, shape=RUN_TEMP)
        # the exporter reads the mode (Parquet: "a" carries the existing records over) and the name (the .part)
        file = LineFile(fd, "wb" if fresh else "ab", closefd=True)
        file.carry_final = not self.per_run  # read by the Parquet exporter (newsproj/exporters.py)
        file.good = os.fstat(fd).st_size
        file.name = file.path = str(self.target)
        return file

    def _still_ours(self, fd: int) -> bool:
        """The locked ``fd`` is still the file named :attr:`target`."""
        try:
            named = os.stat(self.target)
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)

    def _check_named(self, fd: int) -> None:
        """Raise when the file this run writes is no longer the one its name gives (its folder or itself removed,
        replaced or renamed while the run wrote it): the records written since would be committed to the state as
        durable in a file no one can read, and the next run would take them for unchanged. (An ``-o`` folder
        removed mid-run was exit 0, the summary naming a file that did not exist, and those articles were never
        exported again.)"""
        if not self._still_ours(fd):
            raise FileNotFoundError(errno.ENOENT, f"{self.target} was removed or replaced while the run wrote it "
                                                  f"(what was written since is in no file)")

    def store(self, file: IO[bytes]) -> None:
        if not self.stream:
            os.fsync(file.fileno())
        self._check_named(file.fileno())
        if not self.atomic:
            file.close()
            return
        self.sha256, self.lines = sha256_of(self.target)
        if self.files is not None:
            self.lines = self.files.rows(self.target)
        if self.per_run and self.lines == 0 and not self._is_final():
            # nothing new: no empty file for loaders to trip on (pyarrow cannot read an empty JSON-lines file),
            # nor an empty -2 beside this run's file that another run published while it was dead (JOBDIR resume)
            self.target.unlink()
            file.close()
            self.empty = True
            logger.info("Nothing exported: no file published for %s (the run manifest says so)", self.final)
            return
        if self.per_run:
            # Held, still locked, until every feed of the run is stored and the state has saved the run's records
            # (CheckedFeedExporter.close_spider, then publish_held): committed at this store, the records of a
            # feed stored later, or of a batch still being written, were marked done even when that feed failed.
            # A kill before the rename leaves the .part, which the next run of the site adopts and publishes.
            self.held = file
            return
        # Parquet -O, or -o rewritten with the old records carried over: replaces the old file
        os.replace(self.target, self.final)
        self.published = self.final
        file.close()  # releases the flock
        logger.info("Published %s (%d records, sha256 %s)", self.published, self.lines, self.sha256)

    def _is_final(self) -> bool:
        """The ``.part`` already is the published file (a kill between the link and the unlink of its rename)."""
        try:
            return os.path.samefile(self.target, self.final)
        except OSError:
            return False

    def _finish_rename(self) -> None:
        """This run (a JOBDIR run resumed) was killed inside its rename: the ``.part`` name is its published file.
        The rename is finished (the file keeps a manifest; its records are in the state: it was published after
        the state save) and this run writes a new ``.part``, published as ``-2``: opened, the ``.part`` name
        wrote into the published file (a Parquet one was truncated to carry its records over, a file without a
        footer under its final name while the run lived)."""
        digest, lines = sha256_of(self.final)
        if self.files is not None:
            lines = self.files.rows(self.final)
        write_recovered_manifest(self.final, lines, digest, status="unfinished")
        self.target.unlink(missing_ok=True)
        logger.warning("Finished the rename of %s (its run was killed inside it): this run writes a new file",
                       self.final)

    def publish_held(self) -> Path:
        """Give a stored per-run file its final name, never over another file (a recovered orphan of the same run
        keeps its name: this one gets ``-2``), and release it."""
        assert self.held is not None
        lines, digest = self.lines, self.sha256
        # a manifest names the file from the moment it has its name: a kill before the run writes its own
        # (RunManifest, at engine_stopped) left a published file without one, for ever
        self.published = publish(self.target, self.final, lambda target: write_recovered_manifest(
            target, lines, digest or "", status="unfinished", overwrite=True))
        self.held.close()  # releases the flock
        self.held = None
        logger.info("Published %s (%d records, sha256 %s)", self.published, self.lines, self.sha256)
        return self.published

    def leave_unpublished(self) -> None:
        """Release a stored per-run file under its ``.part`` name, for the next run of the site to adopt and
        publish (the state could not save its records)."""
        if self.held is not None:
            self.held.close()  # releases the flock
            self.held = None
        logger.warning("The state did not save the records of %s: left as %s, which the next run of the site "
                       "publishes once its state has them", self.final, self.target)

    def sync(self) -> None:
        """``fsync`` what was written so far."""
        if self.file is not None and not self.file.closed and not self.stream:
            os.fsync(self.file.fileno())
            self._check_named(self.file.fileno())

    def discard(self) -> None:
        """The run failed: close the file; a ``.part`` this run opened is removed (its records were never
        committed), unless it held a killed run's records (left, unlocked, for the next run of the site). A file
        this run could not open (held by another run) is not touched."""
        if self.file is None or self.file.closed:
            return
        self.file.close()
        self.held = None
        if self.per_run and self.published is None and self.carried:
            # a JOBDIR run resumed: the .part holds its killed run's records too, which its state may have saved
            # already (killed after the save, before the rename). Removed, they were marked done in no file.
            logger.warning("The run failed: %s, which a killed run's records were in, is left for the next run of "
                           "the site to publish", self.target)
            return
        if self.per_run and self.published is None:
            with contextlib.suppress(OSError):
                self.target.unlink()


ORPHAN_NOT_A_FILE = "newsproj/output/orphan_not_a_file"


def not_a_file(path: Path, stats: Any = None) -> None:
    """Log and count an orphan name that is not a regular file of ours (a symlink, a directory...): left alone."""
    logger.warning("Not touching %s: not a regular file (a symlink or a directory, not a killed run's output); "
                   "remove it", path)
    if stats is not None:
        stats.inc_value(ORPHAN_NOT_A_FILE)


def regular_file(path: Path) -> bool:
    """``path`` is a regular file itself (not through a symlink)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def dead_parts(parts: Iterable[Path], stats: Any = None) -> Iterator[tuple[Path, IO[bytes]]]:
    """The ``.part`` files among ``parts`` whose writer is dead (their flock is free), each open (``rb+``) and
    locked by us while the caller handles it. A name that is not a regular file (a symlink to elsewhere, a
    directory, a FIFO: not a feed's, and nothing is written through it) is logged, counted and left alone."""
    for part in parts:
        try:
            fd = os.open(part, os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK)
        except FileNotFoundError:
            continue
        except OSError:  # a symlink (ELOOP), a directory (EISDIR), no permission
            not_a_file(part, stats)
            continue
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            not_a_file(part, stats)
            continue
        with open(fd, "rb+") as fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a live run is writing it
            yield part, fh


def _compression(path: Path) -> str | None:
    """The module (``gzip``, ``bz2``, ``lzma``) whose stream ``path`` holds, by its magic bytes; None for a plain
    file."""
    with path.open("rb") as fh:
        magic = fh.read(6)
    return next((module for prefix, module in _DECOMPRESS if magic.startswith(prefix)), None)


def _decompressor(module: str) -> Any:
    if module == "gzip":
        return zlib.decompressobj(31)
    return bz2.BZ2Decompressor() if module == "bz2" else lzma.LZMADecompressor()


def _inflated(path: Path, module: str, complete: list[bool], damaged: list[bool] | None = None) -> Iterator[bytes]:
    """The decompressed bytes of ``path`` (every member of a multi-member stream), as far as they go: a stream
    cut by a kill gives what was written before the cut (``GzipFile.read`` loses the last block). Appends to
    ``complete`` whether the stream ended whole, and to ``damaged`` (when given) True if it has bytes that do not
    inflate (not merely cut short)."""
    decomp = _decompressor(module)
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            while block:
                if decomp.eof:
                    decomp = _decompressor(module)
                try:
                    out = decomp.decompress(block)
                except (zlib.error, OSError, EOFError, lzma.LZMAError):  # garbage: the stream ends here
                    complete.append(False)
                    if damaged is not None:
                        damaged.append(True)
                    return
                if out:
                    yield out
                block = decomp.unused_data if decomp.eof else b""
    complete.append(bool(decomp.eof))


def _inspect(path: Path, module: str) -> tuple[bool, bool]:
    """Whether ``path``'s compressed stream has bytes that do not inflate (not merely cut short by a kill), and
    whether it ends whole: one pass."""
    complete: list[bool] = []
    damaged: list[bool] = []
    for _ in _inflated(path, module, complete, damaged):
        pass
    return bool(damaged), complete == [True]


def _whole_lines(path: Path, module: str, complete: list[bool] | None = None) -> Iterator[bytes]:
    """The whole lines of a compressed stream, up to where it was cut (a killed writer's)."""
    pending = b""
    for block in _inflated(path, module, [] if complete is None else complete):
        *lines, pending = (pending + block).split(b"\n")
        for line in lines:
            yield line + b"\n"


def repair_compressed(part: Path, fh: IO[bytes], module: str) -> int:
    """A compressed ``.part`` cut by a kill (Scrapy's Gzip/Bz2/LZMA post-processing): rewritten, in place (the
    file ``fh`` is locked), as a complete stream of its whole lines; returns how many lines it has. A complete
    stream is left as it is."""
    complete: list[bool] = []
    lines = sum(1 for _ in _whole_lines(part, module, complete))
    if complete == [True]:
        return lines
    return _rewrite_whole_lines(part, fh, module)


def _rewrite_whole_lines(part: Path, fh: IO[bytes], module: str) -> int:
    """:func:`repair_compressed`'s rewrite, of a stream known to be cut: returns how many whole lines it has."""
    lines = 0
    with tempfile.TemporaryFile(dir=part.parent) as tmp:
        with importlib.import_module(module).open(tmp, "wb") as out:
            for line in _whole_lines(part, module):
                out.write(line)
                lines += 1
        tmp.seek(0)
        fh.seek(0)
        fh.truncate()
        for block in iter(lambda: tmp.read(1 << 20), b""):
            fh.write(block)
        fh.flush()
        os.fsync(fh.fileno())
    logger.warning("Rewrote %s, cut by a kill, as a complete stream of its %d whole lines", part, lines)
    return lines


def _compressed_records(path: Path, module: str) -> Iterator[dict[str, Any]]:
    yield from parsed_records(_whole_lines(path, module))


COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz")
_SUFFIX_MODULES = dict(zip(COMPRESSED_SUFFIXES, ("gzip", "bz2", "lzma"), strict=True))


def _cut_magic(part: Path, final: Path) -> str | None:
    """The module of a compressed stream cut inside its magic bytes (the name says which; its few bytes begin
    that magic), else None: a file that holds more, or other bytes, is read as it is (plain lines)."""
    module = _SUFFIX_MODULES.get(final.suffix)
    if module is None:
        return None
    with part.open("rb") as fh:
        head = fh.read(7)
    magic = next(prefix for prefix, name in _DECOMPRESS if name == module)
    return module if len(head) < len(magic) and magic.startswith(head) else None


ORPHAN_PATTERNS = tuple(f"*/.*.jsonl{suffix}{PART_SUFFIX}" for suffix in ("", *COMPRESSED_SUFFIXES))
"""The per-run JSON-lines files a killed run may leave: plain, or compressed by Scrapy's post-processing."""


def recover_orphans(site_dir: Path, exclude: Path | None = None, adopt: Adopt | None = None,
                    stats: Any = None) -> list[Path]:
    """Publish ``.part`` files under ``site_dir/*/`` whose writer is dead (their flock is free); ``adopt`` learns
    each one's records first (an exception from it leaves that ``.part`` unpublished). A compressed one (gzip,
    bz2, xz post-processing) cut by a kill is first rewritten as a complete stream of its whole lines."""
    recovered = []
    parts = [part for pattern in ORPHAN_PATTERNS for part in sorted(site_dir.glob(pattern)) if part != exclude]
    for part, fh in dead_parts(parts, stats):  # each stays locked while it is repaired and published
        final = final_path(part)
        size = fh.seek(0, os.SEEK_END)
        if size == 0:  # died before its first record (or a live run not locked yet, which
            part.unlink()  # then makes it again): nothing to publish
            continue
        module = _compression(part) or _cut_magic(part, final)
        if module is None:
            whole = repair_tail(part) < size
            records: Iterable[dict[str, Any]] = read_records(part)
        else:
            whole = repair_compressed(part, fh, module) > 0
            records = _compressed_records(part, module)
        if not whole:  # not one whole line (a compressed run killed before its first block left only a header):
            part.unlink()  # nothing to publish, as for an empty .part (no empty file for loaders to trip on)
            continue
        if adopt is not None:
            adopt(records, final)
        digest, lines = sha256_of(part)
        # never over a file; the manifest is named after the name it gets (-2 when taken)
        final = publish(part, final, partial(write_recovered_manifest, records=lines, digest=digest))
        recovered.append(final)
        logger.warning("Published %s left by a killed run (%d records)", final, lines)
    return recovered


MANIFEST_REASONS = {
    "recovered": "the run ended before publishing it (killed, or its state not saved); published by a later run",
    "unfinished": "published by its run, which ended before writing this manifest (the run's own replaces it)",
}


def manifest_path(published: Path) -> Path:
    """Where the manifest of the per-run file ``published`` goes: ``<run-id>.manifest.json`` (``<run-id>`` of
    ``<run-id>.jsonl``, ``.parquet``, ``.jsonl.gz``...), unless that one is another file's of the same run (several
    per-run ``FEEDS`` in one folder: ``x.jsonl`` and ``x.parquet``), then ``<file name>.manifest.json``."""
    name = published.name
    if published.suffix in COMPRESSED_SUFFIXES:
        name = name.removesuffix(published.suffix)
    manifest = published.with_name(f"{name.rsplit('.', 1)[0] if '.' in name else name}.manifest.json")
    try:
        named = json.loads(manifest.read_text(encoding="utf-8"))["output"]["file"]
    except (OSError, ValueError, KeyError, TypeError):
        return manifest
    return manifest if named in (None, published.name) else published.with_name(f"{published.name}.manifest.json")


def write_recovered_manifest(final: Path, records: int, digest: str, status: str = "recovered",
                             overwrite: bool = False) -> None:
    """The manifest of a killed run's file published by a later run (unless the killed run wrote one); with
    ``status="unfinished"``, the one a run writes as its file gets its name, until it writes its own."""
    manifest = manifest_path(final)
    run_id = manifest.name.removesuffix(".manifest.json")
    if overwrite or not manifest.exists():
        write_json(manifest, {
            "run_id": run_id,
            "status": status,
            "reason": MANIFEST_REASONS[status],
            "output": {"file": final.name, "records": records, "sha256": digest},
        })


def write_json(path: Path, data: Any, *, compact: bool = False) -> None:
    """Atomically and durably: a temp file beside it, fsynced, then ``os.replace`` and an fsync of the folder
    (:func:`publish_text`). The temp file is this writer's own (processes of a
    distributed crawl save the same file at close: with one shared temp name, a writer renamed another's
    half-written file into place); a writer that fails removes it. ``compact``: one line without indent (json's C
    encoder: several times faster for a large file that no one reads by eye, such as a template history)."""
    fd, tmp = private_temp(path)  # (the mode of a plain open(): a manifest is read by other users)
    try:
        text = (json.dumps(data, ensure_ascii=False, separators=(",", ":")) if compact
                else json.dumps(data, indent=1, ensure_ascii=False))
        publish_text(fd, tmp, path, text + "\n")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str) -> str:
    """``text`` as one file name component: only ``[A-Za-z0-9._-]``, no leading dot (never ``.``, ``..`` or a
    hidden file), at most 100 characters; ``unknown`` when nothing is left."""
    name = _UNSAFE.sub("-", text).lstrip(".-")[:100]
    return name or "unknown"


def site_key(spider: Spider) -> str:
    """``-a site`` name, else the first seed's host (``host-port`` when the port is not the default); always a
    safe file name (it names folders under ``output/`` and ``STATE_DIR``)."""
    name = getattr(spider, "site_name", None)
    if name:
        return safe_name(name)
    seeds = getattr(spider, "seeds", None) or ["unknown"]
    parts = urlsplit(seeds[0])
    host = parts.hostname or "unknown"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port not in (80, 443):
        host = f"{host}-{port}"
    return safe_name(host)


# ---------------------------------------------------------------------------------------------- the exporter

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def repair_strings(item: Any, depth: int = 0) -> int:
    """Replace lone surrogates (which UTF-8 cannot encode) in every string of a dataclass item, in place;
    returns how many strings changed. Bounded to the record's own nesting."""
    changed = 0
    if depth > 8 or not is_dataclass(item):
        return 0
    for f in fields(item):
        value = getattr(item, f.name)
        if isinstance(value, str):
            fixed = _SURROGATE.sub("\ufffd", value)
            if fixed != value:
                setattr(item, f.name, fixed)
                changed += 1
        elif isinstance(value, list):
            for index, entry in enumerate(value):
                if isinstance(entry, str):
                    fixed = _SURROGATE.sub("\ufffd", entry)
                    if fixed != entry:
                        value[index] = fixed
                        changed += 1
                else:
                    changed += repair_strings(entry, depth + 1)
        else:
            changed += repair_strings(value, depth + 1)
    return changed


def _item_url(item: Any) -> str:
    return str(getattr(item, "url", None) or getattr(item, "canonicalUrl", None) or "?")


_PER_RUN_JSON_LINES = re.compile(r"\.jsonl(\.(?:gz|bz2|xz))?$")
_POSTPROCESSING = {"": "", ".gz": "GzipPlugin", ".bz2": "Bz2Plugin", ".xz": "LZMAPlugin"}
"""The compression suffix of a per-run JSON-lines name → the Scrapy post-processing plugin that writes it."""


def per_run_name_problem(uri: str, options: dict[str, Any]) -> str | None:
    """Why a per-run feed (``newsproj_atomic``) would leave a killed run's file that no later run publishes (its
    records may be marked done already): recovery looks for ``.<name>.jsonl[.gz|.bz2|.xz].part`` and, for Parquet,
    ``.<run-id>.parquet.part`` (:func:`recover_orphans`, ``exporters.recover_orphans``)."""
    if not options.get("newsproj_atomic"):
        return None
    name = urlsplit(uri).path.rsplit("/", 1)[-1] if "://" in uri else uri.replace("\\", "/").rsplit("/", 1)[-1]
    fmt = options.get("format")
    if fmt == "parquet" and not options.get("postprocessing"):
        if name == "%(run_id)s.parquet":
            return None
        return "a per-run Parquet file must be named %(run_id)s.parquet (the name a killed run's file is recovered by)"
    if fmt in JSON_LINES and (match := _PER_RUN_JSON_LINES.search(name)):
        # the name says how the file is compressed (gzip, pandas and pyarrow read it by its name): a plain file
        # named .jsonl.gz, or a gzip stream named .jsonl, was published unreadable
        wanted = _POSTPROCESSING.get(match.group(1) or "")
        plugins = [getattr(plugin, "__name__", str(plugin)).rsplit(".", 1)[-1]
                   for plugin in options.get("postprocessing") or []]
        compressions = [plugin for plugin in plugins if plugin in _POSTPROCESSING.values() and plugin]
        if compressions == ([wanted] if wanted else []):
            return None
        how = f"with FEEDS postprocessing scrapy.extensions.postprocessing.{wanted}" if wanted else "uncompressed"
        return (f"a per-run file named *{match.group(0)} must be written {how} (gzip, pandas and pyarrow read a file "
                "by its name's suffix): name it *.jsonl, or *.jsonl.gz with the GzipPlugin")
    return ("a per-run file must be JSON lines named *.jsonl (or .jsonl.gz/.bz2/.xz) or Parquet named "
            "%(run_id)s.parquet: a killed run's file of another name is never published by the next run")


def feed_problems(crawler: Crawler) -> list[str]:
    """Why a ``FEEDS`` entry cannot work, found before the crawl: an unknown ``%(placeholder)s`` (the params are
    the spider's attributes, Scrapy's ``time``/``batch_time``/``batch_id`` and, with ``manifest.uri_params``,
    ``site``/``date``/``run_id``) or a storage that is not available (its ``NotConfigured`` reason)."""
    settings = crawler.settings
    problems = []
    storages = {k: v for k, v in settings.getwithbase("FEED_STORAGES").items() if v}
    spider_names = set(dir(crawler.spider)) if crawler.spider is not None else set()
    for uri, options in settings.getdict("FEEDS").items():
        uri = str(uri)
        options = options or {}
        shown = "NEWSPROJ_DEFAULT_FEED" if options.get("newsproj_default") else "feed"
        params = options.get("uri_params")
        if params in (None, URI_PARAMS) and spider_names:
            known = spider_names | SCRAPY_PARAMS | (OUR_PARAMS if params == URI_PARAMS else frozenset())
            unknown = sorted(set(re.findall(r"%\((\w+)\)", uri)) - known)
            if unknown:
                offer = ", ".join(f"%({name})s" for name in sorted(SCRAPY_PARAMS | (OUR_PARAMS if params else set())))
                problems.append(f"{shown} {uri}: unknown placeholder %({unknown[0]})s; use one of {offer}")
                continue
        unrecoverable = per_run_name_problem(uri, options)
        if unrecoverable:
            problems.append(f"{shown} {uri}: {unrecoverable}")
            continue
        scheme = urlsplit(uri).scheme
        if len(scheme) == 1:  # a Windows drive letter
            scheme = "file"
        path = storages.get(scheme) if scheme else storages.get("")
        if path is None:
            problems.append(f"{shown} {uri}: unknown storage scheme {scheme!r}; write to a local file or one of "
                            f"{', '.join(sorted(s + '://' for s in storages if s))}")
            continue
        try:
            build_from_crawler(load_object(path), crawler, uri, feed_options={**options})
        except NotConfigured as exc:
            problems.append(f"{shown} {uri}: storage not available ({exc}); install what it needs or write to a "
                            f"local file")
    return problems


class CheckedFeedExporter(FeedExporter):
    """Scrapy's ``FeedExporter`` that fails loudly and tells the state what is durably written (module docs)."""

    def __init__(self, crawler: Crawler):
        problems = feed_problems(crawler) if crawler.settings.getdict("FEEDS") else []
        if problems:
            raise FeedUnavailable(problems[0])
        super().__init__(crawler)  # NotConfigured without FEEDS
        self.store_error = compat.OneLineStoreError()
        """A feed that could not be stored is one ERROR line (Scrapy logs a traceback): on while this exporter is."""
        logging.getLogger(compat.FEED_STORE_LOGGER).addFilter(self.store_error)
        crawler.signals.connect(self._remove_filter, signal=signals.engine_stopped)
        self.failed: str | None = None
        self.sync_records = crawler.settings.getint("NEWSPROJ_FEED_SYNC_RECORDS", 20)
        self.sync_seconds = crawler.settings.getfloat("NEWSPROJ_FEED_SYNC_SECONDS", 1.0)
        self.unsynced = 0
        self.last_sync = time.monotonic()
        self.close_durable = False
        """A feed is durable only once stored (published or uploaded at close): no commit before."""
        self.closing = False
        self.held: list[SafeFileFeedStorage] = []
        """Per-run files stored (batches included), published once every feed is stored and the state saved."""
        crawler.signals.connect(self.feed_slot_closed, signal=signals.feed_slot_closed)

    def _remove_filter(self) -> None:
        logging.getLogger(compat.FEED_STORE_LOGGER).removeFilter(self.store_error)

    def _storages(self) -> list[Any]:
        return [slot.storage for slot in self.slots]

    def feed_slot_closed(self, slot: Any) -> None:
        storage = slot.storage
        if isinstance(storage, SafeFileFeedStorage) and storage.held is not None:
            self.held.append(storage)

    def open_spider(self, spider: Spider) -> None:
        """Open every feed now, before the first request (Scrapy opens them at the first item)."""
        self.crawler.stats.set_value("newsproj/output/written", 0)
        super().open_spider(spider)
        try:
            for slot in self.slots:
                slot.start_exporting()
        except Exception as exc:  # noqa: BLE001 - any storage: the message goes to the operator
            message = str(exc) if isinstance(exc, FeedUnavailable) else f"feed cannot be opened: {exc}"
            logger.error("%s", message)
            self.crawler.stats.set_value("newsproj/output/unavailable", message)
            self.failed = message
            raise CloseSpider(FEED_UNAVAILABLE) from exc
        self.close_durable = any(not getattr(s, "durable_at_write", False) for s in self._storages())

    def item_scraped(self, item: Any, spider: Spider) -> None:
        signals_ = self.crawler.signals
        if self.failed:
            signals_.send_catch_log(record_failed, item=item, reason=FEED_FAILED)
            return
        try:
            try:
                super().item_scraped(item, spider)
            except UnicodeEncodeError:
                # Nothing of it was written (the line is encoded before it is written): repair and retry once.
                if not repair_strings(item):
                    raise
                self.crawler.stats.inc_value("newsproj/output/repaired/unencodable")
                logger.warning("Replaced characters the feed cannot encode (lone surrogates) in %s", _item_url(item))
                super().item_scraped(item, spider)
        except OSError as exc:
            self._fail(f"writing {_item_url(item)}: {exc}")
            signals_.send_catch_log(record_failed, item=item, reason=FEED_FAILED)
            return
        except Exception as exc:  # noqa: BLE001 - the exporter could not serialise it: this record only
            reason = type(exc).__name__
            self.crawler.stats.inc_value(f"newsproj/output/not_written/{reason}")
            logger.error("Not written (the feed exporter failed: %s: %s): %s", reason, exc, _item_url(item))
            signals_.send_catch_log(record_failed, item=item, reason=reason)
            return
        self.crawler.stats.inc_value("newsproj/output/written")
        signals_.send_catch_log(record_written, item=item)
        if not self.close_durable:
            self.unsynced += 1
            if self.unsynced >= self.sync_records or time.monotonic() - self.last_sync >= self.sync_seconds:
                self._sync()

    def _sync(self) -> None:
        """``fsync`` the feeds, then let the state commit what they hold."""
        try:
            for storage in self._storages():
                sync = getattr(storage, "sync", None)
                if sync is not None:
                    sync()
        except OSError as exc:
            self._fail(f"fsync: {exc}")
            return
        self.unsynced, self.last_sync = 0, time.monotonic()
        self.crawler.signals.send_catch_log(records_durable)

    def _fail(self, message: str) -> None:
        if self.failed:
            return
        self.failed = message
        logger.error("Feed failed, the run stops (nothing after this is marked done in STATE_DIR): %s", message)
        self.crawler.stats.set_value("newsproj/output/failed", message)
        engine = self.crawler.engine
        if not self.closing and engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason=FEED_FAILED))

    async def close_spider(self, spider: Spider) -> None:
        self.closing = True
        stats = self.crawler.stats
        if self.failed:
            for storage in self._storages():
                discard = getattr(storage, "discard", None)
                if discard is not None:
                    discard()
            # closed here, not by Scrapy: the summary line and the manifest still learn of each feed (the
            # summary said "written to no feed configured" of a run whose -o file holds what it wrote)
            for slot in self.slots:
                self.crawler.signals.send_catch_log(signals.feed_slot_closed, slot=slot)
            self.slots = []
        await super().close_spider(spider)
        # Scrapy logs a storage's error and counts it (batches stored mid-run included)
        failed = sum(v for k, v in stats.get_stats().items() if k.startswith("feedexport/failed_count/"))
        if failed and not self.failed:
            self._fail(f"{failed} feed(s) could not be stored (see the error above)")
        held, self.held = self.held, []
        if self.failed:  # none of the run's records is remembered: a per-run file stored goes, as a failed one
            for storage in held:
                storage.discard()
            return
        # Every feed is stored: the state learns the records, then the per-run files get their names (a kill in
        # between leaves .part files that the next run of the site adopts, then publishes).
        results = self.crawler.signals.send_catch_log(records_durable)
        if held and any(result is False or isinstance(result, Failure) for _, result in results):
            # The state did not save them (a disk full, Redis gone: exit 5). Published, these records would be
            # written again by the next run (no run reads a published file back); left as .part (unlocked), the
            # next run of the site remembers them, then publishes them: each record once.
            for storage in held:
                storage.leave_unpublished()
            return
        for storage in held:
            try:
                storage.publish_held()
            except OSError as exc:  # left as .part (its records are remembered): the next run publishes it
                self._fail(f"publishing {storage.final}: {exc} (its records are remembered; the next run of "
                           f"the site publishes it)")
