"""WARC/1.1 output: one gzip member per record, files rotated by size, published only when complete.

A file is written aside as ``DIR/.<name>.warc.gz.part`` under an exclusive ``flock`` and renamed to
``DIR/<name>.warc.gz`` when it reaches ``NEWSPROJ_WARC_MAX_SIZE`` or the run ends (like the default feed,
``newsproj/feeds.py``). Every record (a response record, then its request record) goes to the kernel in one
unbuffered ``write()`` before the caller goes on: once a JSON line points at a record, a SIGKILL cannot lose
it. A ``.part`` left by a killed run (its flock is free) is published by the next run writing to the same
directory, after cutting a partial last record, and listed in that run's manifest as ``recovered``.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import logging
import os
import re
import weakref
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

from isal import isal_zlib
from scrapy import signals
from scrapy.exceptions import UsageError
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ..feeds import PART_SUFFIX, dead_parts, file_sha256, final_path, part_path
from ..items import WarcPointer
from ..times import utc_moment
from . import HINTS_HEADER

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

SUFFIX = ".warc.gz"
# Headers that describe the bytes on the wire, not the decoded body the WARC stores.
_WIRE_HEADERS = frozenset({b"content-encoding", b"transfer-encoding", b"content-length"})
_SEQ = re.compile(r"-(\d{5})\.warc\.gz$")


def warc_date(iso: str | None) -> str:
    """``2024-09-12T10:00:00+00:00`` (a record's ``dateDownloaded``) → ``2024-09-12T10:00:00Z``; now if None."""
    moment = utc_moment(iso) if iso else datetime.now(UTC)
    if moment is None:
        raise ValueError(f"not an ISO 8601 time: {iso!r}")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _header_list(headers: Any, skip: frozenset[bytes] = frozenset()) -> list[tuple[str, str]]:
    pairs = []
    for name, values in headers.items():
        if name.lower() in skip:
            continue
        for value in values:
            pairs.append((name.decode("latin-1"), value.decode("latin-1")))
    return pairs


def _member(uri: str, record_type: str, http_headers: StatusAndHeaders, payload: bytes, warc_headers: dict[str, str],
            level: int = 1) -> tuple[bytes, str]:
    """One record as one gzip member, and its record id.

    warcio builds the record (headers, digests); the compression is ours: warcio's is zlib level 9, ~12 ms for a
    330 KB page. Levels 0 to 3 are ISA-L's igzip (``isal``), levels 4 to 9 zlib's (``NEWSPROJ_WARC_GZIP_LEVEL``,
    default 1): on the news-dev pages igzip's level 1 takes 0.46 ms a page for files the size of zlib's level 1
    (1.93 ms), zlib's level 6 5.6 ms for files ~15 % smaller. Any gzip reader reads either."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False, warc_version="WARC/1.1")
    record = writer.create_warc_record(uri, record_type, payload=io.BytesIO(payload), length=len(payload),
                                       http_headers=http_headers, warc_headers_dict=warc_headers)
    writer.write_record(record)
    gzip = isal_zlib if level <= isal_zlib.ISAL_BEST_COMPRESSION else zlib
    compressor = gzip.compressobj(level, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
    return compressor.compress(buffer.getvalue()) + compressor.flush(), record.rec_headers.get_header("WARC-Record-ID")


def response_records(response: Response, date: str, hints: dict[str, Any] | None = None, level: int = 1
                     ) -> tuple[bytes, bytes, str]:
    """(response member, request member, response record id) for a Scrapy response as the spider saw it.

    The payload is the body after HTTP decompression (``Content-Encoding`` and ``Transfer-Encoding`` are
    dropped, ``Content-Length`` is the stored body's), so a reader gets exactly the bytes that were extracted.
    """
    status_line = f"{response.status} {_reason(response.status)}"
    protocol = response.protocol or "HTTP/1.1"
    if not protocol.upper().startswith("HTTP/"):
        protocol = "HTTP/1.1"
    body = response.body
    headers = _header_list(response.headers, _WIRE_HEADERS) + [("Content-Length", str(len(body)))]
    warc_headers = {"WARC-Date": date}
    if hints:
        warc_headers[HINTS_HEADER] = json.dumps(hints, ensure_ascii=True, sort_keys=True)
    if response.ip_address is not None:
        warc_headers["WARC-IP-Address"] = str(response.ip_address)
    resp, record_id = _member(response.url, "response", StatusAndHeaders(status_line, headers, protocol=protocol),
                              body, warc_headers, level)
    request = response.request
    parts = urlsplit(response.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    method = request.method if request is not None else "GET"
    req_headers = _header_list(request.headers) if request is not None else []
    if not any(name.lower() == "host" for name, _ in req_headers):
        req_headers.insert(0, ("Host", parts.netloc))
    req, _ = _member(
        response.url, "request",
        StatusAndHeaders(f"{method} {target} HTTP/1.1", req_headers, protocol="HTTP/1.1", is_http_request=True),
        (request.body if request is not None else b"") or b"",
        {"WARC-Date": date, "WARC-Concurrent-To": record_id},
        level,
    )
    return resp, req, record_id


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _whole_members_end(fh: IO[bytes], chunk: int = 1 << 16, out_limit: int = 1 << 20) -> int:
    """Bytes of ``fh`` that are whole gzip members (each with its trailer: CRC and length checked), from the start.

    The writer puts every record in a gzip member of its own; a member cut by a kill has no trailer. Read in
    ``chunk``-byte pieces, each inflated ``out_limit`` bytes at a time (a member of a highly compressible page
    costs no more memory than that); what follows a member zlib cannot read (garbage, a cut) is not counted."""
    fh.seek(0)
    end = pos = 0
    inflate = zlib.decompressobj(31)
    while piece := fh.read(chunk):
        data = piece
        try:
            while data:
                inflate.decompress(data, out_limit)
                if inflate.eof:  # a whole member: the next begins in what it did not use
                    rest = inflate.unused_data
                    pos += len(data) - len(rest)
                    end = pos
                    data = rest
                    inflate = zlib.decompressobj(31)
                elif inflate.unconsumed_tail:  # output limit reached: go on with the rest of this piece
                    pos += len(data) - len(inflate.unconsumed_tail)
                    data = inflate.unconsumed_tail
                else:
                    pos += len(data)
                    data = b""
        except zlib.error:
            return end
    return end


def complete_length(path: Path) -> int:
    """Bytes of ``path`` that hold whole records (a killed writer may have left half of its last one).

    A record ends where warcio's reader says and, the writer's files being one gzip member a record, only where a
    whole gzip member ends: warcio reads a cut member as far as it goes without a word, so a record cut anywhere past
    its first ~100 bytes was kept, and the recovered file published with a broken last record (``gzip -t`` failed,
    its sha256 in the manifest was of that)."""
    ends = [0]
    with path.open("rb") as fh:
        iterator = ArchiveIterator(fh, no_record_parse=True)
        try:
            for record in iterator:
                iterator.read_to_end(record)
                ends.append(iterator.get_record_offset() + iterator.get_record_length())
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error):
            pass
        whole = _whole_members_end(fh)
    return max(end for end in ends if end <= whole)


def recover_orphans(directory: Path, stats: Any = None) -> list[dict[str, Any]]:
    """Publish the ``.part`` files of killed runs in ``directory`` (their flock is free; not a symlink: see
    ``feeds.dead_parts``)."""
    recovered = []
    for part, fh in dead_parts(sorted(directory.glob(f".*{SUFFIX}{PART_SUFFIX}")), stats):
        size = fh.seek(0, os.SEEK_END)
        keep = complete_length(part)
        if keep < size:
            fh.truncate(keep)
            os.fsync(fh.fileno())  # (the cut on disk before the name says "whole")
            logger.warning("Cut a partial last record (%d bytes) from %s (killed run)", size - keep, part)
        final = final_path(part)
        os.replace(part, final)  # still locked: no other run publishes it twice
        entry = {"file": final.name, "bytes": keep, "sha256": file_sha256(final), "status": "recovered"}
        recovered.append(entry)
        logger.warning("Published %s left by a killed run", final)
    return recovered


class WarcWriter:
    """Writes records to ``directory/<prefix>-NNNNN.warc.gz``; rotates past ``max_size`` bytes."""

    def __init__(self, directory: Path, prefix: str, max_size: int, level: int = 1):
        self.directory = directory
        self.level = level
        self.prefix = prefix
        self.max_size = max_size
        self.published: list[dict[str, Any]] = []
        self.records = 0
        self._file: IO[bytes] | None = None
        self._final: Path | None = None
        self._digest = hashlib.sha256()
        self._size = 0
        self._file_records = 0
        self._seq = -1
        self.failed = False

    def open(self, stats: Any = None) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.published.extend(recover_orphans(self.directory, stats))

    def _next_file(self) -> None:
        if self._seq < 0:  # a resumed run (same run id) continues after the files it already has
            used = [int(m.group(1)) for p in self.directory.glob(f"*{self.prefix}-*{SUFFIX}*")
                    if (m := _SEQ.search(p.name.removesuffix(PART_SUFFIX)))]
            self._seq = max(used, default=-1)
        self._seq += 1
        self._final = self.directory / f"{self.prefix}-{self._seq:05d}{SUFFIX}"
        file = part_path(self._final).open("xb", buffering=0)
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._file = file
        self._digest = hashlib.sha256()
        self._size = self._file_records = 0

    def write(self, response: Response, date: str | None, hints: dict[str, Any] | None = None) -> WarcPointer:
        """Write the response and its request; returns where the response record is. In the kernel on return."""
        resp, req, record_id = response_records(response, warc_date(date), hints, self.level)
        if self._file is None:
            self._next_file()
        assert self._file is not None and self._final is not None
        offset = self._size
        data = resp + req
        try:
            written = self._file.write(data)
            while written is not None and written < len(data):  # a raw file may write short; finish it
                data = data[written:]
                written = self._file.write(data)
        except OSError:
            # (a disk full): no part of this record stays, or every later record's offset would point before it
            fd = self._file.fileno()
            os.ftruncate(fd, offset)
            os.lseek(fd, offset, os.SEEK_SET)
            raise
        self._digest.update(resp)
        self._digest.update(req)
        self._size += len(resp) + len(req)
        self._file_records += 1
        self.records += 1
        pointer = WarcPointer(file=self._final.name, offset=offset, length=len(resp), recordId=record_id)
        if self._size >= self.max_size:
            self._publish()
        return pointer

    def _publish(self) -> None:
        if self._file is None or self._final is None:
            return
        os.fsync(self._file.fileno())
        os.replace(part_path(self._final), self._final)
        self._file.close()  # releases the flock
        self.published.append({"file": self._final.name, "bytes": self._size, "records": self._file_records,
                               "sha256": self._digest.hexdigest(), "status": "complete"})
        logger.info("Published %s (%d records, %d bytes)", self._final, self._file_records, self._size)
        self._file = None

    def close(self) -> None:
        """Publish the file being written (once: a file that could not be published stays ``.part``, for the next
        run's recovery, and is not tried again at ``spider_closed``)."""
        if self.failed:
            return
        try:
            self._publish()
        except OSError:
            self.failed = True
            raise

    def current_name(self) -> str:
        """The name the file being written gets once published."""
        return self._final.name if self._final is not None else "?"


_WRITERS: weakref.WeakKeyDictionary[Crawler, WarcWriter | None] = weakref.WeakKeyDictionary()
FILES_STAT = "newsproj/warc/files"


def writer_for(crawler: Crawler) -> WarcWriter | None:
    """The crawler's writer (``NEWSPROJ_WARC_DIR``), opened on first use and closed when the spider closes (after
    the last item); None when WARC output is off. What it published goes to the ``newsproj/warc/files`` stat,
    which the run manifest lists."""
    if crawler in _WRITERS:
        return _WRITERS[crawler]
    directory = crawler.settings.get("NEWSPROJ_WARC_DIR")
    if not directory:
        _WRITERS[crawler] = None
        return None
    from ..extensions.manifest import RunManifest

    run = crawler.get_extension(RunManifest)
    run_id = run.run_id if run is not None else datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    level = crawler.settings.getint("NEWSPROJ_WARC_GZIP_LEVEL", 1)
    if not 0 <= level <= 9:
        raise UsageError(f"NEWSPROJ_WARC_GZIP_LEVEL: expected 0 to 9, got {level}")
    writer = WarcWriter(Path(directory), f"newsproj-{run_id}",
                        crawler.settings.getint("NEWSPROJ_WARC_MAX_SIZE", 1_000_000_000), level)
    writer.open(crawler.stats)
    _WRITERS[crawler] = writer
    stats = crawler.stats
    assert stats is not None

    def spider_closed() -> None:
        writer.close()
        stats.set_value(FILES_STAT, list(writer.published))
        stats.set_value("newsproj/warc/records_written", writer.records)

    crawler.signals.connect(spider_closed, signal=signals.spider_closed, weak=False)
    if writer.published:
        stats.set_value(FILES_STAT, list(writer.published))
    return writer
