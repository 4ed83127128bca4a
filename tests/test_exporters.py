"""ParquetItemExporter on its own: row groups as records arrive, a journal until the file is complete, and what an
appending run carries over (the existing file, a killed run's journal or its complete but unrenamed file)."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
from scrapy.utils.test import get_crawler

from newsproj.exporters import ParquetItemExporter, journal_path, write_parquet
from newsproj.items import Article, Metadata
from newsproj.schema import arrow_schema


def article(n: int) -> Article:
    return Article(url=f"https://n.example/{n}", canonicalUrl=f"https://n.example/{n}", headline=f"H{n}",
                   articleBody=f"Body {n}.", metadata=Metadata(dateDownloaded="2026-01-01T00:00:00+00:00"))


def record(n: int) -> dict:
    from itemadapter import ItemAdapter

    return ItemAdapter(article(n)).asdict()


def export(part, items, mode="wb", rows=3, crawler=None):
    with part.open(mode, buffering=0) as fh:
        exporter = ParquetItemExporter(fh, row_group_rows=rows, crawler=crawler)
        exporter.start_exporting()
        for item in items:
            exporter.export_item(item)
        assert journal_path(part).exists()  # the durable copy while the file is incomplete
        exporter.finish_exporting()
    return part


def urls(path) -> list[str]:
    return pq.read_table(path).column("url").to_pylist()


def test_row_groups_as_records_arrive_and_no_journal_left(tmp_path):
    part = export(tmp_path / ".x.parquet.part", [article(n) for n in range(7)])
    parquet = pq.ParquetFile(part)
    assert parquet.num_row_groups == 3 and parquet.metadata.num_rows == 7
    assert parquet.schema_arrow.equals(arrow_schema())
    assert not journal_path(part).exists()
    assert pq.read_table(part).to_pylist()[0] == record(0)


def test_an_appending_run_carries_over_the_file_and_a_killed_runs_journal(tmp_path):
    final, part = tmp_path / "x.parquet", tmp_path / ".x.parquet.part"
    write_parquet(final, [record(0), record(1)])
    part.write_bytes(b"PAR1 garbage of a killed writer")
    journal_path(part).write_text(json.dumps(record(2)) + "\n" + '{"url": "half')  # killed mid-line
    crawler = get_crawler()
    crawler.stats.open_spider()
    export(part, [article(3)], mode="ab", crawler=crawler)
    assert urls(part) == [f"https://n.example/{n}" for n in range(4)]
    assert crawler.stats.get_value("newsproj/output/parquet_carried_over") == 3


def test_a_complete_file_killed_before_its_rename_is_carried_over(tmp_path):
    part = export(tmp_path / ".x.parquet.part", [article(0), article(1)])  # finished, never renamed
    export(part, [article(2)], mode="ab")
    assert urls(part) == [f"https://n.example/{n}" for n in range(3)]


def test_overwrite_starts_afresh(tmp_path):
    part = tmp_path / ".x.parquet.part"
    journal_path(part).write_text(json.dumps(record(9)) + "\n")
    export(part, [article(0)], mode="wb")
    assert urls(part) == ["https://n.example/0"]


def test_a_record_that_does_not_fit_costs_only_itself(tmp_path):
    crawler = get_crawler()
    crawler.stats.open_spider()
    bad = article(1)
    bad.headline = {"not": "a string"}  # type: ignore[assignment]
    part = export(tmp_path / ".x.parquet.part", [article(0), bad, article(2)], crawler=crawler)
    assert urls(part) == ["https://n.example/0", "https://n.example/2"]
    assert crawler.stats.get_value("newsproj/output/parquet_unwritable") == 1


def test_the_json_lines_exporter_writes_scrapys_bytes():
    """JsonLinesExporter (FEED_EXPORTERS jsonlines/jsonl/jl) makes a record plain data its own way: the bytes are
    Scrapy's JsonLinesItemExporter's, nested parts, non-ASCII text and an unencodable string alike."""
    import io

    import pytest
    from scrapy.exporters import JsonLinesItemExporter

    from newsproj.exporters import JsonLinesExporter
    from newsproj.items import Author, Breadcrumb, Image, TdmReservation, WarcPointer

    full = article(1)
    full.authors = [Author("Zoë"), Author("李")]
    full.mainImage, full.breadcrumbs = Image("http://h/i"), [Breadcrumb("A", None), Breadcrumb(None, "http://h/")]
    full.metadata = Metadata(dateDownloaded="2026-01-01T00:00:00+00:00", warc=WarcPointer("f", 3, 4, "<urn:x>"),
                             tdmReservation=TdmReservation(1), aiDirectives=["noai"], isAccessibleForFree=False)
    items = [article(0), full, {"url": "a dict", "n": 1.5}]
    written = []
    for cls in (JsonLinesItemExporter, JsonLinesExporter):
        out = io.BytesIO()
        exporter = cls(out, encoding="utf-8")
        for item in items:
            exporter.export_item(item)
        written.append(out.getvalue())
        broken = article(2)
        broken.headline = "lone \ud800"
        with pytest.raises(UnicodeEncodeError):  # the feed repairs and retries it (feeds.py)
            exporter.export_item(broken)
    assert written[0] == written[1]
    assert "Zoë".encode() in written[1]


def test_a_killed_runs_journal_with_a_record_that_does_not_fit_is_published_without_it(tmp_path):
    """A default-feed orphan's journal holding a line that does not fit the schema (damaged on disk): its records
    were adopted (remembered in the state) before the Parquet file was written, which then raised: nothing
    published, a ``.tmp`` left, and every later run of the site stopped at its feed's opening (exit 2) on the same
    line, with the journal's records marked done in no file. Now that record alone is left out (logged, counted),
    and only what the published file holds is adopted."""
    from newsproj.exporters import recover_orphans
    from newsproj.feeds import part_path

    final = tmp_path / "2026-01-01" / "20260101T000000Z-abcdef.parquet"
    final.parent.mkdir()
    part = part_path(final)
    part.write_bytes(b"")
    bad = {**record(1), "authors": "Ada Writer"}  # a list of {"name"} in the schema
    journal_path(part).write_text("".join(json.dumps(r) + "\n" for r in (record(0), bad, record(2))))
    crawler = get_crawler()
    adopted: list[str] = []
    assert recover_orphans(tmp_path, adopt=lambda records, _: adopted.extend(r["url"] for r in records),
                           stats=crawler.stats) == [final]
    assert urls(final) == adopted == [record(0)["url"], record(2)["url"]]
    assert crawler.stats.get_value("newsproj/output/parquet_unwritable") == 1
    assert sorted(p.name for p in final.parent.iterdir()) == ["20260101T000000Z-abcdef.manifest.json", final.name]


def test_a_journal_recovery_killed_after_its_rename_leaves_a_manifest_and_no_orphan(tmp_path, monkeypatch):
    """The run publishing a killed run's journal dies right after the rename of the Parquet file it wrote from
    it (simulated: ``os.replace`` raises once it has renamed): the file was published without a manifest, and its
    journal and ``.part`` stayed for ever (a final name that exists was never looked at again). Now the manifest
    is in place before the rename, and the next recovery removes a journal whose records the published file
    already holds."""
    import os

    from newsproj import exporters
    from newsproj.feeds import part_path

    final = tmp_path / "2026-01-01" / "20260101T000000Z-abcdef.parquet"
    final.parent.mkdir()
    part = part_path(final)
    part.write_bytes(b"")
    journal_path(part).write_text("".join(json.dumps(record(n)) + "\n" for n in range(3)))
    replace = os.replace

    def dying(src, dst):
        replace(src, dst)
        if str(dst).endswith(".parquet"):
            raise KeyboardInterrupt  # as a SIGKILL right after the rename: nothing after it runs

    monkeypatch.setattr(exporters.os, "replace", dying)
    try:
        exporters.recover_orphans(tmp_path, adopt=lambda records, _: list(records))
    except KeyboardInterrupt:
        pass
    monkeypatch.setattr(exporters.os, "replace", replace)
    assert urls(final) == [record(n)["url"] for n in range(3)]
    manifest = json.loads((final.parent / "20260101T000000Z-abcdef.manifest.json").read_text())
    assert manifest["output"] == {"file": final.name, "records": 3, "sha256": manifest["output"]["sha256"]}
    adopted: list[str] = []
    assert exporters.recover_orphans(tmp_path, adopt=lambda records, _: adopted.extend(records)) == []
    assert sorted(p.name for p in final.parent.iterdir()) == ["20260101T000000Z-abcdef.manifest.json", final.name]


def test_a_run_killed_while_carrying_a_complete_part_over_loses_nothing(tmp_path):
    """A complete ``.part`` never renamed (its records may be in the state already) is copied aside as
    ``.part.old``, then the ``.part`` is emptied and the records written back into it before the journal opens.
    Killed in between, the ``.old`` copy was the only one: the next appending run ignored it (no journal, a
    ``.part`` that is not Parquet) and the next run's recovery removed the ``.part`` and left the ``.old`` for
    ever: records gone (marked done in the state, in no file). Now both take the ``.old`` copy."""
    from newsproj.exporters import recover_orphans
    from newsproj.feeds import part_path

    part = export(tmp_path / ".x.parquet.part", [article(0), article(1)])
    old = part.with_name(part.name + ".old")
    part.rename(old)
    part.write_bytes(b"PAR1 half a row group")  # killed while carrying it over
    export(part, [article(2)], mode="ab")
    assert urls(part) == [f"https://n.example/{n}" for n in range(3)] and not old.exists()

    final = tmp_path / "site" / "2026-01-01" / "20260101T000000Z-abcdef.parquet"
    final.parent.mkdir(parents=True)
    orphan = part_path(final)
    write_parquet(orphan.with_name(orphan.name + ".old"), [record(0), record(1)])
    orphan.write_bytes(b"PAR1 half a row group")
    adopted: list[str] = []
    assert recover_orphans(tmp_path / "site", adopt=lambda records, _: adopted.extend(r["url"] for r in records)) == [
        final]
    assert urls(final) == adopted == [record(0)["url"], record(1)["url"]]
    assert sorted(p.name for p in final.parent.iterdir()) == ["20260101T000000Z-abcdef.manifest.json", final.name]
