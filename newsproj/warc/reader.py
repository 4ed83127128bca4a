"""Reading WARC and ARC files (gzipped or not) record by record, from a path or an http(s) URL, in bounded memory.

:func:`expand` turns the ``warc`` spider's ``source`` list into files: local paths, globs, http(s) URLs, and
``*.paths``/``*.paths.gz`` listings (CC-NEWS's ``warc.paths.gz``: one path a line, relative to ``base`` when
given, else to the listing's own location). :func:`records` yields every record of one file with its offset
and length (a range read of ``length`` bytes at ``offset`` gives back the record), and :class:`Skip` for what
cannot be read: a corrupt gzip member in the middle of a file is counted, and reading resumes at the next
member. A remote file is read as a stream (``urllib``, no more than a block at a time in memory); resuming at
an offset uses a ``Range`` request.
"""

from __future__ import annotations

import glob
import gzip
import io
import logging
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import Request, urlopen

from warcio.archiveiterator import ArchiveIterator

from .. import compat
from . import HINTS_HEADER

if TYPE_CHECKING:
    from collections.abc import Iterator

logger = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b\x08"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
"""A control character: never in a target URI that a record really has (only in bytes misread as headers)."""
SCAN_LIMIT = 64 * 1024 * 1024
"""How far past a corrupt member to look for the next one before giving up on the file."""
HTTP_TIMEOUT = 60
USER_AGENT = "newsproj-warc-reader"


class SourceError(ValueError):
    """A ``source`` that names nothing readable (a glob matching nothing, a missing file, a bad listing)."""


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


def is_listing(source: str) -> bool:
    name = urlsplit(source).path if is_url(source) else source
    return name.endswith((".paths", ".paths.gz"))


def open_source(source: str, offset: int = 0) -> IO[bytes]:
    """A binary stream of ``source`` from ``offset`` on."""
    if is_url(source):
        headers = {"User-Agent": USER_AGENT}
        if offset:
            headers["Range"] = f"bytes={offset}-"
        response = urlopen(Request(source, headers=headers), timeout=HTTP_TIMEOUT)  # noqa: S310 - http(s) only
        if offset and response.status != 206:
            response.close()
            raise OSError(f"{source}: the server ignored the Range request (status {response.status})")
        return response  # type: ignore[no-any-return]
    fh = open(source, "rb")  # noqa: SIM115 - the caller closes it
    if offset:
        try:
            fh.seek(offset)
        except (OSError, ValueError):
            fh.close()
            raise
    return fh


def _listing_entries(source: str, base: str | None, limit: int, refused: list[str] | None = None) -> list[str]:
    with open_source(source) as raw:
        data = raw.read(limit + 1)
    if len(data) > limit:
        raise SourceError(f"{source}: listing larger than {limit} bytes")
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
                data = unpacked.read(limit + 1)  # (a few KB can unpack to gigabytes)
        except (OSError, EOFError, zlib.error) as exc:
            raise SourceError(f"{source}: unreadable gzip listing ({exc})") from None
        if len(data) > limit:
            raise SourceError(f"{source}: listing larger than {limit} bytes once unpacked")
    root = base if base else source
    if base and not base.endswith("/"):
        root = base + "/"
    hosts = {_origin(u) for u in (source, base) if u and is_url(u)}
    entries = []
    for line in data.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if is_url(source) and not _entry_allowed(line, hosts):
            if refused is not None:
                refused.append(line)
            continue
        if is_url(line) or os.path.isabs(line):
            entries.append(line)
        else:
            folder = root if base else _entry_folder(source, line)
            entries.append(urljoin(folder, line) if is_url(folder) else str(Path(folder) / line))
    return entries


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.casefold(), parts.netloc.casefold()


def _entry_allowed(line: str, hosts: set[tuple[str, str]]) -> bool:
    """Whether a line of a listing fetched over http(s) names a file it may name: a path relative to the listing
    (or ``-a base``) that stays in its folders, or an http(s) URL of the listing's own host (or the base's). Never
    a local path ("/etc/passwd", "//host/x": absolute on POSIX), another host or scheme, or a ``..`` segment
    (written or %-encoded): what a remote server lists must not reach the crawl host's files or other hosts."""
    parts = urlsplit(line)
    if parts.scheme or parts.netloc or line.startswith(("/", "\\")):
        if not is_url(line) or _origin(line) not in hosts:
            return False
    return ".." not in unquote(parts.path).replace("\\", "/").split("/")


def _entry_folder(listing: str, entry: str) -> str:
    """The folder a listing's relative ``entry`` is relative to, without ``-a base``: the listing's own folder,
    unless the entry repeats that folder's path, as Common Crawl's are written (``crawl-data/CC-NEWS/2024/09/
    warc.paths.gz`` lists ``crawl-data/CC-NEWS/2024/09/CC-NEWS-….warc.gz``, relative to the host's root): then the
    folder the repeated path starts in (the URL's root, or a local mirror's top folder). A URL's folder ends with
    "/"; a local one is a path ("." for the current folder)."""
    url = is_url(listing)
    parts = urlsplit(listing)
    own = parts.path.rpartition("/")[0] if url else os.path.dirname(listing)
    repeated = entry.rpartition("/")[0]
    if repeated and (own == repeated or own.endswith("/" + repeated)):
        own = own[: len(own) - len(repeated)]  # the top: ends with "/" (or is empty: a relative local path)
    if url:
        return parts._replace(path=own if own.endswith("/") else own + "/", query="", fragment="").geturl()
    return own or "."


def local_problems(sources: list[str]) -> list[str]:
    """What is wrong with the local paths and globs of ``sources`` (checked before the crawl starts)."""
    problems = []
    for source in sources:
        if is_url(source):
            continue
        if glob.has_magic(source):
            if not glob.glob(source):
                problems.append(f"{source}: the pattern matches no file")
        elif not os.path.isfile(source):
            problems.append(f"{source}: no such file")
    return problems


def expand(sources: list[str], base: str | None = None, listing_limit: int = 64 * 1024 * 1024,
           refused: list[str] | None = None) -> list[str]:
    """Every file named by ``sources`` (paths, globs, URLs, listings), in order, each once. ``refused`` collects
    the lines of remote listings that name what they may not (see :func:`_entry_allowed`)."""
    files: list[str] = []
    for source in sources:
        if is_listing(source):
            found = _listing_entries(source, base, listing_limit, refused)
        elif is_url(source):
            found = [source]
        elif glob.has_magic(source):
            found = sorted(glob.glob(source))
            if not found:
                raise SourceError(f"{source}: the pattern matches no file")
        else:
            if not os.path.isfile(source):
                raise SourceError(f"{source}: no such file")
            found = [source]
        files.extend(found)
    return list(dict.fromkeys(files))  # (each once, in order: a set, not a scan of the list per file)


@dataclass(slots=True)
class Record:
    """One record's headers and (for responses) its payload, as plain values."""

    offset: int
    length: int
    type: str
    url: str
    date: str
    record_id: str
    truncated: str | None
    status: int | None
    headers: list[tuple[str, str]]
    hints: str | None = None
    """A newsproj crawl's ``Newsproj-Hints`` header (JSON), if any."""
    body: bytes | None = None
    """The HTTP payload (chunked and Content-Encoding undone), read only for response records."""
    too_large: bool = False
    end: int = 0
    """Where the next record starts."""


@dataclass(slots=True)
class Skip:
    """Something in the file that could not be read; reading went on after it."""

    offset: int
    reason: str
    detail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class _Counting(io.RawIOBase):
    """A stream that knows its position in the file (warcio asks ``tell()``; an HTTP response cannot say)."""

    def __init__(self, raw: IO[bytes], start: int):
        self.raw = raw
        self.pos = start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.pos += n
        return n

    def tell(self) -> int:
        return self.pos

    def close(self) -> None:
        self.raw.close()
        super().close()


WARC_LINE = b"\nWARC/1."
"""What starts a record of an uncompressed WARC (after the line end that ends the one before)."""


def _next_member(source: str, start: int, magic: bytes = GZIP_MAGIC) -> int | None:
    """Offset of the first gzip member header (or, with ``magic`` :data:`WARC_LINE`, the first ``WARC/1.x`` line
    of an uncompressed file) at or after ``start``, within :data:`SCAN_LIMIT` bytes. (OSError when the source cannot
    be read from ``start``: a server that ignores a Range request.)"""
    skip = 1 if magic == WARC_LINE else 0  # (the line end before it is not the record's)
    stream = open_source(source, start)
    with stream:
        carry, pos = b"", start
        while pos - start < SCAN_LIMIT:
            block = stream.read(1 << 20)
            if not block:
                return None
            data = carry + block
            index = data.find(magic)
            if index >= 0:
                return pos - len(carry) + index + skip
            carry = data[-(len(magic) - 1):]
            pos += len(block)
    return None


def _resume_magic(source: str, failed_at: int) -> bytes:
    """What to look for after an unreadable record at ``failed_at``: the next ``WARC/1.x`` line when that record is
    an uncompressed WARC record (there was none to find: nothing after it was read), else the next gzip member."""
    try:
        with open_source(source, failed_at) as stream:
            head = stream.read(5)
    except OSError:
        return GZIP_MAGIC
    return WARC_LINE if head == b"WARC/" else GZIP_MAGIC


def records(source: str, start: int = 0, max_body: int = 16 * 1024 * 1024) -> Iterator[Record | Skip]:
    """The records of one file from ``start`` on (a record boundary), and a :class:`Skip` per unreadable part.

    A record's ``offset`` and ``length`` are absolute (its gzip member, for a gzipped file); ``end`` on the
    last one read is where the next record starts."""
    offset = start
    while True:
        try:
            raw = open_source(source, offset)
        except OSError as exc:
            yield Skip(offset, "unreadable", f"{type(exc).__name__}: {exc}")
            return
        stream = raw if not is_url(source) else _Counting(raw, offset)
        with stream:
            iterator = ArchiveIterator(stream, arc2warc=True, block_size=65536)
            broken = compat.inflate_with_isal(iterator)  # (zlib's bytes at ~60 % of the CPU)
            iterator.offset = offset  # warcio counts from 0; a file opened at an offset starts there
            next_start = failed_at = offset
            try:
                for record in iterator:
                    item = _read(record, max_body)
                    if _CONTROL.search(item.url):
                        # warcio reads a gzip member it cannot inflate as plain bytes, and can take the member's
                        # own header for a record ("WARC-Target-URI: \x1f\x8b\x08…"): that is a corrupt member,
                        # and what follows it would be read as its content (the rest of the file lost)
                        raise ValueError("not a record: unreadable headers (a gzip member read as plain bytes)")
                    iterator.read_to_end(record)
                    if broken:  # a gzip member that stops inflating part way (a bad block, CRC or length)
                        raise ValueError(f"gzip member unreadable part way: {broken[0]}")
                    member = iterator.reader.decompressor
                    short = getattr(record.raw_stream, "limit", 0)
                    if member is None and isinstance(short, int) and short > 0:
                        # an uncompressed file that ends before the record's Content-Length: the bytes taken for
                        # its block were whatever followed it (the next records read as its body, lost without a
                        # word, and its metadata.warc length spanning them)
                        raise ValueError(f"the record's Content-Length runs {short} bytes past the end of the file")
                    if member is not None and not member.eof:
                        # the record ended before its gzip member: the file is cut inside the member (a download
                        # that stopped: the body is cut short), or the member holds more (a WARC gzipped whole,
                        # whose offsets warcio cannot give)
                        raise ValueError("the record's gzip member does not end with it (a cut file?)")
                    item.offset, item.length = iterator.member_info
                    if item.length <= 0 or item.offset < next_start:
                        # warcio's offsets of a member that holds several records (a WARC gzipped whole) mix
                        # inflated and file bytes: negative, pointing nowhere (nor is a resume point there)
                        raise ValueError("a gzip member holding more than one record: no offsets to give")
                    next_start = item.end = iterator.offset
                    yield item
                if broken:
                    raise ValueError(f"gzip member unreadable part way: {broken[0]}")
                if stream.tell() > next_start:  # warcio stops quietly at a member cut short (a partial download)
                    yield Skip(next_start, "corrupt", "the file ends inside a record")
                return
            except Exception as exc:  # noqa: BLE001 - warcio parses bytes it cannot trust, and raises what it hits:
                # ArchiveLoadFailed, zlib's and igzip's errors (IsalError is no OSError), EOFError, ValueError, or
                # AttributeError on a response record without a WARC-Target-URI (recordloader: uri.startswith)
                failed_at = next_start
                yield Skip(failed_at, "corrupt", f"{type(exc).__name__}: {exc}")
        try:
            resume = _next_member(source, failed_at + 1, _resume_magic(source, failed_at))
        except OSError as exc:  # the rest of the file is not read: said, not silent
            yield Skip(failed_at + 1, "unreadable", f"the rest of the file: {type(exc).__name__}: {exc}")
            return
        if resume is None:
            return
        logger.warning("%s: unreadable data at byte %d, reading on from byte %d", source, failed_at, resume)
        offset = resume


def _read(record: Any, max_body: int) -> Record:
    headers = record.rec_headers
    status: int | None = None
    http_headers: list[tuple[str, str]] = []
    if record.http_headers is not None:
        code = record.http_headers.get_statuscode()
        status = int(code) if code and code.isdigit() else None
        http_headers = list(record.http_headers.headers)
    item = Record(
        offset=0,
        length=0,
        type=record.rec_type or "",
        url=headers.get_header("WARC-Target-URI") or "",
        date=headers.get_header("WARC-Date") or "",
        record_id=headers.get_header("WARC-Record-ID") or "",
        truncated=headers.get_header("WARC-Truncated"),
        status=status,
        headers=http_headers,
        hints=headers.get_header(HINTS_HEADER),
    )
    if item.type == "response" and item.status == 200 and item.truncated is None and _html_type(http_headers):
        body = record.content_stream().read(max_body + 1)
        if len(body) > max_body:
            item.too_large = True
        else:
            item.body = body
    return item


def _html_type(headers: list[tuple[str, str]]) -> bool:
    """True unless the Content-Type says the payload is something other than (X)HTML or text."""
    ctype = next((v for k, v in headers if k.lower() == "content-type"), "").split(";")[0].strip().lower()
    return not ctype or "html" in ctype or ctype.startswith("text/") or ctype in ("application/octet-stream",)
