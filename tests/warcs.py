"""Building WARC and ARC files for the tests (with warcio, the library the project reads and writes them with)."""

from __future__ import annotations

import gzip
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import FIXTURES


@dataclass
class Rec:
    url: str
    body: bytes = b""
    date: str = "2024-09-12T10:00:00Z"
    type: str = "response"
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    warc_headers: dict[str, str] = field(default_factory=dict)
    http_headers: list[tuple[str, str]] = field(default_factory=list)


def demo_articles(base: str = "https://news.example") -> list[tuple[str, bytes, str]]:
    """(url, html, language) of the demo site's articles, as if served from ``base``."""
    demo = FIXTURES / "demo"
    found = []
    for line in (demo / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        truth = json.loads(line)
        path = truth["path"]
        file = demo / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        html = file.read_bytes().replace(b"{{BASE}}", base.encode())
        found.append((base + path, html, truth.get("inLanguage") or ""))
    return found


def member(rec: Rec) -> bytes:
    """One record as one gzip member."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="WARC/1.1")
    writer.write_record(_record(writer, rec))
    return buffer.getvalue()


def _record(writer: WARCWriter, rec: Rec):
    headers = {"WARC-Date": rec.date, **rec.warc_headers}
    if rec.type in ("response", "revisit"):
        http = StatusAndHeaders(rec.status, [("Content-Type", rec.content_type), *rec.http_headers],
                                protocol="HTTP/1.1")
        return writer.create_warc_record(rec.url, rec.type, payload=io.BytesIO(rec.body), length=len(rec.body),
                                         http_headers=http, warc_headers_dict=headers)
    if rec.type == "request":
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        return writer.create_warc_record(rec.url, "request", payload=io.BytesIO(b""), length=0, http_headers=http,
                                         warc_headers_dict=headers)
    return writer.create_warc_record(rec.url, rec.type, payload=io.BytesIO(rec.body), length=len(rec.body),
                                     warc_content_type="application/warc-fields", warc_headers_dict=headers)


def write_warc(path: Path, recs: list[Rec], compress: bool = True) -> list[int]:
    """Write ``recs``; returns each record's offset."""
    offsets, out = [], bytearray()
    for rec in recs:
        offsets.append(len(out))
        if compress:
            out += member(rec)
        else:
            buffer = io.BytesIO()
            writer = WARCWriter(buffer, gzip=False, warc_version="WARC/1.1")
            writer.write_record(_record(writer, rec))
            out += buffer.getvalue()
    path.write_bytes(bytes(out))
    return offsets


def write_arc(path: Path, recs: list[Rec], compress: bool = False) -> None:
    """An ARC (version 1) file: the file header record, then one record per response."""
    name = path.name
    header_body = b"1 0 newsproj-tests\nURL IP-address Archive-date Content-type Archive-length\n"
    parts = [f"filedesc://{name} 0.0.0.0 20240912100000 text/plain {len(header_body)}\n".encode() + header_body]
    for rec in recs:
        http = (f"HTTP/1.1 {rec.status}\r\nContent-Type: {rec.content_type}\r\n"
                f"Content-Length: {len(rec.body)}\r\n\r\n").encode() + rec.body
        stamp = rec.date.replace("-", "").replace(":", "").replace("T", "").rstrip("Z")
        parts.append(f"{rec.url} 127.0.0.1 {stamp} {rec.content_type.split(';')[0]} {len(http)}\n".encode() + http)
    if compress:
        path.write_bytes(b"".join(gzip.compress(part + b"\n") for part in parts))
    else:
        path.write_bytes(b"\n".join(parts) + b"\n")


def article_copies(copies: int) -> list[tuple[str, bytes]]:
    """``copies`` × the demo's articles, each copy on its own host with its own first paragraph, so that no two
    are duplicates (canonical URL or content) of each other."""
    pages = []
    for copy in range(copies):
        for url, html, _ in demo_articles(f"https://n{copy}.example"):
            # the first plain paragraph of some length is the body's
            marked = re.sub(rb"<p>(?=[^<]{80})", f"<p>Edition {copy} of this report. ".encode(), html, count=1)
            assert marked != html, url
            pages.append((url, marked))
    return pages
