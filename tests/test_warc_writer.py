"""newsproj/warc/writer.py: every gzip level gives one standard gzip member per record that warcio and gzip read
back whole (levels 0-3 are ISA-L's igzip, 4-9 zlib's)."""

from __future__ import annotations

import gzip
import hashlib
import io
from base64 import b32encode

import pytest
from scrapy.http import HtmlResponse, Request
from warcio.archiveiterator import ArchiveIterator

from newsproj.warc.reader import Record, records
from newsproj.warc.writer import response_records

BODY = b"<html><body>" + b"".join(b"<p>Paragraph %d of the story.</p>" % n for n in range(3000)) + b"</body>"


@pytest.mark.parametrize("level", range(10))
def test_each_level_writes_members_any_gzip_reader_reads(level, tmp_path):
    url = "https://news.example/story"
    response = HtmlResponse(url=url, body=BODY, headers={"Content-Type": "text/html"}, request=Request(url))
    resp, req, record_id = response_records(response, "2024-09-12T10:00:00Z", {"title": "T"}, level)
    assert resp[:2] == req[:2] == b"\x1f\x8b"  # gzip, not a raw or zlib stream
    assert gzip.decompress(resp).startswith(b"WARC/1.1\r\n")  # one member, whole
    found = list(ArchiveIterator(io.BytesIO(resp + req)))
    assert [r.rec_type for r in found] == ["response", "request"]
    assert found[0].rec_headers.get_header("WARC-Record-ID") == record_id
    digest = "sha1:" + b32encode(hashlib.sha1(BODY).digest()).decode()
    assert found[0].rec_headers.get_header("WARC-Payload-Digest") == digest
    path = tmp_path / "a.warc.gz"
    path.write_bytes(resp + req)
    read = [r for r in records(str(path)) if isinstance(r, Record) and r.type == "response"]
    assert read[0].body == BODY and read[0].length == len(resp)
    if level >= 1:  # (compressed: ~25 times smaller for this repetitive page)
        assert len(resp) < len(BODY) / 10


def test_a_write_that_fails_half_way_leaves_no_bytes_and_later_pointers_true(tmp_path):
    """A disk full in the middle of a record's write left its first bytes in the file, but the writer's size did not
    count them: every later record's ``metadata.warc`` offset pointed that many bytes before its record (a reader
    of the pointer got the tail of the failed record). Now the failed write is cut back and raised."""
    import errno

    from newsproj.warc.writer import WarcWriter

    def page(n: int) -> HtmlResponse:
        url = f"https://news.example/story-{n}"
        return HtmlResponse(url=url, body=BODY, headers={"Content-Type": "text/html"}, request=Request(url))

    writer = WarcWriter(tmp_path, "newsproj-test", 10**9)
    writer.open()
    first = writer.write(page(0), "2024-09-12T10:00:00Z")
    real = writer._file
    assert real is not None

    class HalfFull(io.RawIOBase):  # writes half of what it is given once, then fails as a full disk does
        def write(self, data):
            real.write(bytes(data)[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

        def fileno(self):
            return real.fileno()

    writer._file = HalfFull()
    with pytest.raises(OSError):
        writer.write(page(1), "2024-09-12T10:00:00Z")
    writer._file = real
    third = writer.write(page(2), "2024-09-12T10:00:00Z")
    writer.close()
    data = (tmp_path / third.file).read_bytes()
    for pointer in (first, third):
        [record] = ArchiveIterator(io.BytesIO(data[pointer.offset: pointer.offset + pointer.length]))
        assert record.rec_headers.get_header("WARC-Record-ID") == pointer.recordId
    assert [r.rec_type for r in ArchiveIterator(io.BytesIO(data))] == ["response", "request"] * 2


@pytest.mark.parametrize("cut", [0.02, 0.3, 0.9, "request"])
def test_a_record_cut_by_a_kill_is_cut_whole_before_the_file_is_published(tmp_path, cut):
    """The ``.part`` of a killed writer ends inside its last record; the next run publishes it after cutting that
    record. warcio reads a cut gzip member as far as it goes without complaint, so only a cut within the first ~100
    bytes was found: a record cut anywhere later was published (``status: recovered``, its sha256 in the manifest)
    with a broken last member (gzip -t failed on it). Now the file ends at the last whole member: the killed
    record goes, a response whose request record was cut keeps its response."""
    from newsproj.warc.writer import recover_orphans

    def page(n: int) -> HtmlResponse:
        url = f"https://news.example/story-{n}"
        return HtmlResponse(url=url, body=BODY, headers={"Content-Type": "text/html"}, request=Request(url))

    first = b"".join(response_records(page(0), "2024-09-12T10:00:00Z")[:2])
    resp, req, _ = response_records(page(1), "2024-09-12T10:00:00Z")
    second = resp + req[: len(req) // 2] if cut == "request" else resp[: int(len(resp) * cut)]
    part = tmp_path / ".newsproj-run-00000.warc.gz.part"
    part.write_bytes(first + second)
    (entry,) = recover_orphans(tmp_path)
    published = (tmp_path / "newsproj-run-00000.warc.gz").read_bytes()
    whole = first + resp if cut == "request" else first
    assert published == whole and entry["bytes"] == len(whole)
    assert entry["sha256"] == hashlib.sha256(whole).hexdigest()
    gzip.decompress(published)  # every member whole (raised "Compressed file ended before the end-of-stream")
    kinds = [r.rec_type for r in ArchiveIterator(io.BytesIO(published))]
    assert kinds == ["response", "request"] + (["response"] if cut == "request" else [])
