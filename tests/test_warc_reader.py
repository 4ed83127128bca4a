"""newsproj/warc/reader.py: WARC and ARC files, gzipped or not, malformed parts skipped with a reason, offsets that
give the record back, sources expanded (globs, listings relative to a base or to themselves)."""

from __future__ import annotations

import gzip
import io
import re

import pytest
from warcio.archiveiterator import ArchiveIterator

from newsproj.warc.reader import Record, Skip, SourceError, _entry_folder, expand, local_problems, records
from tests.warcs import Rec, demo_articles, member, write_arc, write_warc

HTML = b"<html><head><title>T</title></head><body><p>" + b"word " * 200 + b"</p></body></html>"


def _read(path, start=0):
    return list(records(str(path), start))


def test_gzipped_warc_records_with_offsets_that_give_the_record_back(tmp_path):
    path = tmp_path / "a.warc.gz"
    recs = [Rec("https://news.example/1", HTML), Rec("https://news.example/1", type="request"),
            Rec("https://news.example/2", HTML + b"2")]
    offsets = write_warc(path, recs)
    found = _read(path)
    assert [r.type for r in found] == ["response", "request", "response"]
    assert [r.offset for r in found] == offsets
    data = path.read_bytes()
    for rec in found:
        assert isinstance(rec, Record)
        # a range read of length bytes at offset is the record, alone (one gzip member)
        chunk = data[rec.offset : rec.offset + rec.length]
        inner = next(iter(ArchiveIterator(io.BytesIO(chunk))))
        assert inner.rec_headers.get_header("WARC-Record-ID") == rec.record_id
        assert rec.end == rec.offset + rec.length
    assert found[2].body == HTML + b"2"
    assert found[0].date == "2024-09-12T10:00:00Z"
    # resuming at a record boundary reads on from there
    assert [r.url for r in _read(path, offsets[2])] == ["https://news.example/2"]


def test_uncompressed_warc_and_arc_gzipped_or_not(tmp_path):
    recs = [Rec("https://news.example/a", HTML), Rec("https://news.example/b", HTML + b"b")]
    write_warc(tmp_path / "plain.warc", recs, compress=False)
    assert [r.body for r in _read(tmp_path / "plain.warc")] == [HTML, HTML + b"b"]  # and no Skip
    for name, compress in (("x.arc", False), ("x.arc.gz", True)):
        write_arc(tmp_path / name, recs, compress=compress)
        everything = _read(tmp_path / name)
        assert not [r for r in everything if isinstance(r, Skip)], name
        found = [r for r in everything if isinstance(r, Record) and r.type == "response"]
        assert [(r.url, r.body, r.status) for r in found] == [
            ("https://news.example/a", HTML, 200), ("https://news.example/b", HTML + b"b", 200)], name
        assert found[0].date.startswith("2024-09-12T10:00:00")


def test_malformed_records_are_reported_and_the_rest_is_read(tmp_path):
    # 60 files: each has new record ids and dates, so its compressed bytes differ; in ~7% of layouts warcio read the
    # garbled member as plain bytes and took its gzip header for a record, and the rest of the file was lost
    for attempt in range(60):
        path = tmp_path / f"bad-{attempt}.warc.gz"
        recs = [
            Rec("https://news.example/ok1", HTML),
            Rec("https://news.example/img.png", b"\x89PNG....", content_type="image/png"),
            Rec("https://news.example/rev", type="revisit", status="200 OK"),
            Rec("https://news.example/cut", HTML[:100], warc_headers={"WARC-Truncated": "length"}),
            Rec("https://news.example/corrupt", HTML),
            Rec("https://news.example/ok2", HTML),
        ]
        offsets = write_warc(path, recs)
        data = bytearray(path.read_bytes())
        # garble the fifth record's gzip member: its deflate data starts with a reserved block type (an error at once)
        data[offsets[4] + 10 : offsets[4] + 50] = b"\xff" * 40
        path.write_bytes(bytes(data))
        found = _read(path)
        skips = [r for r in found if isinstance(r, Skip)]
        assert [(s.reason, s.offset) for s in skips] == [("corrupt", offsets[4])]
        got = {r.url: r for r in found if isinstance(r, Record)}
        assert got["https://news.example/img.png"].body is None  # not HTML: the payload is not even read
        assert got["https://news.example/rev"].type == "revisit"
        assert got["https://news.example/cut"].truncated == "length"
        assert got["https://news.example/cut"].body is None
        assert got["https://news.example/ok2"].body == HTML  # read on after the corrupt member
        assert got["https://news.example/ok2"].offset == offsets[5]


def test_gzip_members_are_inflated_by_igzip_into_what_zlib_gives(tmp_path, monkeypatch):
    """compat.inflate_with_isal: the members go through ISA-L's igzip (not zlib: ~40 % of reading a record), and
    every file reads as with zlib, record for record and skip for skip: plain, gzipped, a garbled member, a file
    cut short, a resumed read."""
    from isal import isal_zlib

    from newsproj import compat

    made = []
    real = isal_zlib.decompressobj
    monkeypatch.setattr(isal_zlib, "decompressobj", lambda *args: made.append(args) or real(*args))
    recs = [Rec("https://news.example/1", HTML), Rec("https://news.example/1", type="request"),
            Rec("https://news.example/img.png", b"\x89PNG....", content_type="image/png"),
            Rec("https://news.example/2", HTML + b"2"), Rec("https://news.example/3", HTML * 3)]
    offsets = write_warc(tmp_path / "a.warc.gz", recs)
    write_warc(tmp_path / "plain.warc", recs, compress=False)
    data = (tmp_path / "a.warc.gz").read_bytes()
    garbled = bytearray(data)
    garbled[offsets[3] + 10 : offsets[3] + 50] = b"\xff" * 40
    (tmp_path / "garbled.warc.gz").write_bytes(bytes(garbled))
    (tmp_path / "cut.warc.gz").write_bytes(data[: offsets[4] + 30])
    cases = [("a.warc.gz", 0), ("a.warc.gz", offsets[3]), ("plain.warc", 0), ("garbled.warc.gz", 0),
             ("cut.warc.gz", 0)]
    fast = [_read(tmp_path / name, start) for name, start in cases]
    assert len(made) >= len(recs) and set(made) == {(16 + isal_zlib.MAX_WBITS,)}
    monkeypatch.setattr(compat, "inflate_with_isal", lambda iterator: [])  # warcio's own zlib
    assert fast == [_read(tmp_path / name, start) for name, start in cases]
    assert [r.reason for r in fast[3] if isinstance(r, Skip)] == ["corrupt"]
    assert [r.reason for r in fast[4] if isinstance(r, Skip)] == ["corrupt"]


@pytest.mark.parametrize("damage", ["crc", "length", "block"])
def test_a_member_that_breaks_part_way_is_skipped_and_the_next_ones_are_read(tmp_path, damage):
    """A gzip member whose inflating fails after its first block (a bad CRC or length in its trailer, a damaged
    block further in: a member over 64 KB, or one that starts late in a 64 KB block of the file): warcio writes
    the error to stderr and reads on. With zlib the rest of the file was read into that record (every later record
    lost, no skip); with igzip inflating went on from the broken state (the record's length wrong, the next records
    lost, an IsalError at the end). The member is a skip at its own offset, every other record is read."""
    import random

    noise = random.Random(7).randbytes(150_000)  # (incompressible: a member of ~150 KB)
    recs = [Rec("https://news.example/0", HTML), Rec("https://news.example/1", noise),
            Rec("https://news.example/2", HTML + b"2"), Rec("https://news.example/3", HTML + b"3")]
    offsets = write_warc(tmp_path / "a.warc.gz", recs)
    data = bytearray((tmp_path / "a.warc.gz").read_bytes())
    where = {"crc": offsets[2] - 8, "length": offsets[2] - 1, "block": offsets[1] + 100_000}[damage]
    data[where] ^= 0x55
    (tmp_path / "a.warc.gz").write_bytes(bytes(data))
    found = _read(tmp_path / "a.warc.gz")
    assert [(r.reason, r.offset) for r in found if isinstance(r, Skip)] == [("corrupt", offsets[1])]
    got = [r for r in found if isinstance(r, Record)]
    assert [(r.url, r.offset, r.body) for r in got] == [
        ("https://news.example/0", offsets[0], HTML), ("https://news.example/2", offsets[2], HTML + b"2"),
        ("https://news.example/3", offsets[3], HTML + b"3")]
    assert got[0].end == offsets[1]


def test_a_record_warcio_cannot_parse_is_a_skip_not_a_crash(tmp_path):
    """A response record without WARC-Target-URI (a file cut or written badly): warcio raises AttributeError
    (``uri.startswith`` on None), which left the reader and stopped the spider's reading of every file after it."""
    bad = gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Date: 2024-09-12T10:00:00Z\r\n"
                        b"Content-Type: application/http; msgtype=response\r\nContent-Length: 10\r\n\r\n"
                        b"0123456789\r\n\r\n")
    first, last = member(Rec("https://news.example/1", HTML)), member(Rec("https://news.example/2", HTML))
    (tmp_path / "a.warc.gz").write_bytes(first + bad + last)
    found = _read(tmp_path / "a.warc.gz")
    assert [(r.reason, r.offset) for r in found if isinstance(r, Skip)] == [("corrupt", len(first))]
    assert [(r.url, r.offset) for r in found if isinstance(r, Record)] == [
        ("https://news.example/1", 0), ("https://news.example/2", len(first) + len(bad))]


def test_a_body_over_the_size_cap_is_not_loaded(tmp_path):
    path = tmp_path / "big.warc.gz"
    write_warc(path, [Rec("https://news.example/big", HTML * 10)])
    (rec,) = list(records(str(path), 0, max_body=1000))
    assert isinstance(rec, Record) and rec.too_large and rec.body is None


def test_truncated_file_ends_with_a_skip(tmp_path):
    path = tmp_path / "cut.warc.gz"
    offsets = write_warc(path, [Rec("https://news.example/1", HTML), Rec("https://news.example/2", HTML)])
    data = path.read_bytes()
    path.write_bytes(data[: offsets[1] + 30])  # the second member is cut short (a download that stopped)
    found = _read(path)
    assert isinstance(found[0], Record) and found[0].url == "https://news.example/1"
    assert [(s.reason, s.offset) for s in found if isinstance(s, Skip)] == [("corrupt", offsets[1])]


@pytest.mark.parametrize("cut", [1, 8, 40])
def test_a_file_cut_inside_its_last_members_data_gives_no_cut_record(tmp_path, cut):
    """A file cut a few bytes before its end (a download that stopped inside the last member's deflate data or its
    trailer): warcio inflates what there is and gives the record with its body cut short, and the reader yielded
    it as a whole record (a page with half a body, its end at the end of the file). It is a skip."""
    path = tmp_path / "cut.warc.gz"
    offsets = write_warc(path, [Rec("https://news.example/1", HTML), Rec("https://news.example/2", HTML + b"2")])
    path.write_bytes(path.read_bytes()[:-cut])
    found = _read(path)
    assert [(r.url, r.body) for r in found if isinstance(r, Record)] == [("https://news.example/1", HTML)]
    assert [(s.reason, s.offset) for s in found if isinstance(s, Skip)] == [("corrupt", offsets[1])]


@pytest.mark.parametrize("claimed", [b"2147483648", b"999999"])
def test_an_uncompressed_record_claiming_more_than_the_file_holds_is_a_skip_and_the_next_are_read(tmp_path,
                                                                                               claimed):
    """An uncompressed WARC whose second record says ``Content-Length: 2147483648`` (a hostile or badly rewritten
    file): warcio read the rest of the file as that record's block, so the records after it were never given (lost,
    no skip, no log line, exit 0) and the record came with a ``metadata.warc`` length spanning them (ops20). It is a
    skip at its own offset, and reading goes on at the next ``WARC/1.x`` line."""
    recs = [Rec(f"https://news.example/{n}", HTML + str(n).encode()) for n in range(4)]
    offsets = write_warc(tmp_path / "plain.warc", recs, compress=False)
    data = (tmp_path / "plain.warc").read_bytes()
    second = data[offsets[1]:offsets[2]]
    length = re.search(rb"\r\nContent-Length: (\d+)\r\n", second)
    assert length is not None
    second = second[:length.start(1)] + claimed + second[length.end(1):]
    (tmp_path / "plain.warc").write_bytes(data[:offsets[1]] + second + data[offsets[2]:])
    shift = len(claimed) - (length.end(1) - length.start(1))
    found = _read(tmp_path / "plain.warc")
    assert [(s.reason, s.offset) for s in found if isinstance(s, Skip)] == [("corrupt", offsets[1])]
    assert [(r.url, r.offset, r.body) for r in found if isinstance(r, Record)] == [
        ("https://news.example/0", 0, HTML + b"0"), ("https://news.example/2", offsets[2] + shift, HTML + b"2"),
        ("https://news.example/3", offsets[3] + shift, HTML + b"3")]


def test_a_warc_gzipped_whole_gives_no_record_with_a_negative_offset(tmp_path):
    """``gzip file.warc``: one member holding every record. warcio reads them, but gives offsets counted from
    the inflated bytes (negative lengths and offsets: a JOBDIR checkpoint at byte -1481, a metadata.warc pointer
    to nowhere). Not a file the reader can point into: a skip."""
    recs = [Rec("https://news.example/1", HTML), Rec("https://news.example/2", HTML + b"2")]
    write_warc(tmp_path / "plain.warc", recs, compress=False)
    (tmp_path / "whole.warc.gz").write_bytes(gzip.compress((tmp_path / "plain.warc").read_bytes()))
    found = _read(tmp_path / "whole.warc.gz")
    assert all(r.offset >= 0 and (isinstance(r, Skip) or r.length > 0) for r in found)
    assert [(s.reason, s.offset) for s in found if isinstance(s, Skip)] == [("corrupt", 0)]


def test_expand_globs_listings_and_urls(tmp_path):
    for name in ("b.warc.gz", "a.warc.gz"):
        write_warc(tmp_path / name, [Rec("https://news.example/1", HTML)])
    listing = tmp_path / "warc.paths.gz"
    listing.write_bytes(gzip.compress(b"crawl-data/CC-NEWS/x.warc.gz\n\n/abs/y.warc.gz\n"))
    assert expand([str(tmp_path / "*.warc.gz")]) == [str(tmp_path / "a.warc.gz"), str(tmp_path / "b.warc.gz")]
    assert expand([str(listing)]) == [str(tmp_path / "crawl-data/CC-NEWS/x.warc.gz"), "/abs/y.warc.gz"]
    assert expand([str(listing)], base="https://data.example/") == [
        "https://data.example/crawl-data/CC-NEWS/x.warc.gz", "/abs/y.warc.gz"]
    assert expand(["https://data.example/z.warc.gz"]) == ["https://data.example/z.warc.gz"]
    # Common Crawl's layout: the listing's paths repeat its own folder, relative to the root (or a mirror's top)
    month = tmp_path / "mirror" / "crawl-data" / "CC-NEWS" / "2024" / "09"
    month.mkdir(parents=True)
    (month / "warc.paths.gz").write_bytes(gzip.compress(
        b"crawl-data/CC-NEWS/2024/09/CC-NEWS-1.warc.gz\nCC-NEWS-2.warc.gz\nother/CC-NEWS-3.warc.gz\n"))
    assert expand([str(month / "warc.paths.gz")]) == [
        str(month / "CC-NEWS-1.warc.gz"), str(month / "CC-NEWS-2.warc.gz"), str(month / "other/CC-NEWS-3.warc.gz")]
    listing_url = "https://data.example/crawl-data/CC-NEWS/2024/09/warc.paths.gz"
    assert _entry_folder(listing_url, "crawl-data/CC-NEWS/2024/09/a.warc.gz") == "https://data.example/"
    assert _entry_folder(listing_url + "?sig=1", "a.warc.gz") == "https://data.example/crawl-data/CC-NEWS/2024/09/"
    assert _entry_folder("/srv/cc/crawl-data/CC-NEWS/warc.paths", "crawl-data/CC-NEWS/a.warc.gz") == "/srv/cc/"
    assert _entry_folder("/warc.paths", "a/b.warc.gz") == "/"
    assert _entry_folder("warc.paths", "b.warc.gz") == "."
    with pytest.raises(SourceError):
        expand([str(tmp_path / "*.arc")])
    assert local_problems([str(tmp_path / "none.warc.gz"), str(tmp_path / "*.nope"), "https://x.example/a"]) == [
        f"{tmp_path / 'none.warc.gz'}: no such file", f"{tmp_path / '*.nope'}: the pattern matches no file"]


def test_demo_articles_helper_gives_html():
    pages = demo_articles()
    assert len(pages) == 30 and all(b"<html" in html.lower() for _, html, _ in pages)


@pytest.fixture
def served(tmp_path):
    """tmp_path served over HTTP on 127.0.0.1: the URL of its root."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_remote_file_whose_server_ignores_range_says_the_rest_is_unread(tmp_path, served):
    """After a corrupt member of a remote file the reader asks for the rest with a Range request; a server that
    ignores it (Python's http.server does) left the rest of the file unread without a word. Now it is a skip."""
    recs = [Rec(f"https://news.example/{n}", HTML) for n in (1, 2, 3)]
    offsets = write_warc(tmp_path / "a.warc.gz", recs)
    data = bytearray((tmp_path / "a.warc.gz").read_bytes())
    data[offsets[1]:offsets[1]] = b"GARBAGE\n"
    (tmp_path / "a.warc.gz").write_bytes(bytes(data))
    found = list(records(served + "a.warc.gz"))
    assert [r.url for r in found if isinstance(r, Record)] == ["https://news.example/1"]
    assert [(s.reason, s.offset) for s in found if isinstance(s, Skip)] == [
        ("corrupt", offsets[1]), ("unreadable", offsets[1] + 1)]
    assert "ignored the Range request" in found[-1].detail


def test_a_remote_listing_names_files_of_its_own_host_only(tmp_path, served):
    # (review) a listing fetched from a host says which of that host's files to read: never a local file, another
    # host, another scheme, or a path out of its folders ('..'); each such line is refused, the rest read
    (tmp_path / "month").mkdir()
    (tmp_path / "month" / "warc.paths.gz").write_bytes(gzip.compress("\n".join([
        "a.warc.gz", "/etc/passwd", "//evil.example/x.warc.gz", "https://evil.example/x.warc.gz",
        "file:///etc/passwd", "../../../../etc/passwd", "sub/%2e%2e/%2E%2E/secret.warc.gz",
        f"{served}month/b.warc.gz"]).encode()))
    refused: list[str] = []
    assert expand([served + "month/warc.paths.gz"], refused=refused) == [
        served + "month/a.warc.gz", served + "month/b.warc.gz"]
    assert refused == ["/etc/passwd", "//evil.example/x.warc.gz", "https://evil.example/x.warc.gz",
                       "file:///etc/passwd", "../../../../etc/passwd", "sub/%2e%2e/%2E%2E/secret.warc.gz"]
    # resolved against a local base directory, a remote listing's '..' stays refused
    refused = []
    assert expand([served + "month/warc.paths.gz"], base=str(tmp_path / "mirror"), refused=refused) == [
        str(tmp_path / "mirror" / "a.warc.gz"), served + "month/b.warc.gz"]
    assert "../../../../etc/passwd" in refused
    # an operator's own (local) listing may name any file
    listing = tmp_path / "local.paths"
    listing.write_text("/abs/y.warc.gz\n../z.warc.gz\n")
    assert expand([str(listing)]) == ["/abs/y.warc.gz", str(tmp_path / "../z.warc.gz")]


def test_a_listing_of_many_files_is_expanded_linearly(tmp_path):
    from tests.hostile import finishes

    listing = tmp_path / "warc.paths.gz"
    listing.write_bytes(gzip.compress("".join(f"crawl-data/CC-NEWS/f{i}.warc.gz\n" for i in range(100_000)).encode()))
    finishes(expand, [str(listing)])


def test_a_gzipped_listing_is_bounded_once_unpacked(tmp_path):
    listing = tmp_path / "warc.paths.gz"
    listing.write_bytes(gzip.compress(b"a" * (8 * 1024 * 1024)))  # 8 MB unpacked from a few KB
    with pytest.raises(SourceError, match="larger than"):
        expand([str(listing)], listing_limit=1024 * 1024)


def test_the_spider_reads_records_a_batch_at_a_time_bounded_by_count_and_payload_bytes(tmp_path, monkeypatch):
    """The warc spider hops to its reading thread once a batch (one hop a record cost more than the reading):
    a batch ends at ``count`` records, past READ_BATCH_BYTES of payload, or at the file's end, and the records
    of all the batches are the file's, in order, each once."""
    from newsproj.spiders import warc as spider

    path = tmp_path / "a.warc.gz"
    recs = [Rec(f"https://news.example/{n}", HTML + str(n).encode()) for n in range(7)]
    write_warc(path, recs)
    reader = records(str(path))
    batches = [spider._read_batch(reader, 3) for _ in range(4)]
    assert [len(b) for b in batches] == [3, 3, 1, 0]
    assert [r.url for b in batches for r in b] == [r.url for r in _read(path)]
    monkeypatch.setattr(spider, "READ_BATCH_BYTES", 2 * len(HTML))
    reader = records(str(path))
    assert len(spider._read_batch(reader, 16)) == 2  # the second payload reaches the byte bound
