"""Compaction: a week of run files (JSON lines and Parquet, an empty run, an article updated, one re-exported
unchanged, a record of the previous schema) → one Parquet dataset per site, partitioned by day; idempotent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsproj.compact import compact, main
from newsproj.exporters import write_parquet
from newsproj.schema import arrow_schema
from tests.conftest import run_scrapy

DAYS = [f"2026-11-{d:02d}" for d in range(20, 27)]


def record(slug: str, day: str, body: str, published: str | None = None) -> dict:
    return {
        "url": f"https://news.example/{slug}", "canonicalUrl": f"https://news.example/{slug}", "headline": slug,
        "articleBody": body, "authors": [{"name": "A. Writer"}], "datePublished": published, "dateModified": None,
        "inLanguage": "en", "description": None, "mainImage": None, "breadcrumbs": None,
        "metadata": {"dateDownloaded": f"{day}T06:00:00+00:00", "nearDuplicateOf": None, "dateZoneless": [],
                     "robotsTxt": "allowed"},
    }


def write_run(output: Path, site: str, day: str, records: list[dict], parquet: bool) -> None:
    folder = output / site / day
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{day.replace('-', '')}T060000Z-abcdef"
    (folder / f"{name}.manifest.json").write_text(json.dumps({"output": {"records": len(records)}}))
    if not records:
        return  # a run with nothing new publishes no file
    if parquet:
        write_parquet(folder / f"{name}.parquet", records)
    else:
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))


@pytest.fixture
def week(tmp_path):
    output = tmp_path / "output"
    for i, day in enumerate(DAYS):
        records = [record(f"story-{i}", day, f"Story {i} as first published.", f"{day}T05:00:00+01:00")]
        if i == 2:
            records = []  # nothing new that day
        if i == 3:  # story-0 is updated three days later
            records.append(record("story-0", day, "Story 0, corrected.", f"{DAYS[0]}T05:00:00+01:00"))
        if i == 4:  # story-1 exported again without a change (a run without STATE_DIR)
            records.append(record("story-1", day, "Story 1 as first published.", f"{DAYS[1]}T05:00:00+01:00"))
        if i == 5:  # an undated story: its day is the day it was downloaded
            records.append(record("undated", day, "No date on this one."))
        write_run(output, "demo", day, records, parquet=i % 2 == 1)
    # a record written before schema 2 (no provenance fields in metadata)
    old = record("old", DAYS[0], "From an older crawler.", "2026-11-19")
    old["metadata"] = {"dateDownloaded": f"{DAYS[0]}T01:00:00+00:00", "nearDuplicateOf": None}
    with (output / "demo" / DAYS[0] / "20261120T010000Z-000000.jsonl").open("w") as fh:
        fh.write(json.dumps(old) + "\n")
    write_run(output, "other", DAYS[6], [record("elsewhere", DAYS[6], "Another site.", DAYS[6])], parquet=False)
    return output


def test_week_compacts_to_one_row_per_article_partitioned_by_day(week, tmp_path):
    import pyarrow.dataset as ds

    dataset = tmp_path / "dataset"
    results = {r["site"]: r for r in compact(week, dataset)}
    assert results["demo"]["records"] == 8  # story-0..6 but the empty day's (6), undated, old
    assert results["demo"]["input_records"] == 10 and results["demo"]["superseded"] == 2
    files = sorted(p.relative_to(dataset).as_posix() for p in dataset.rglob("*.parquet"))
    assert files == [
        "site=demo/day=2026-11-19/part-0.parquet",
        *(f"site=demo/day={d}/part-0.parquet" for d in DAYS if d != DAYS[2]),
        "site=other/day=2026-11-26/part-0.parquet",
    ]
    table = ds.dataset(dataset, partitioning="hive").to_table()
    assert table.num_rows == 9
    rows = {r["canonicalUrl"].rsplit("/", 1)[1]: r for r in table.to_pylist()}
    assert rows["story-0"]["articleBody"] == "Story 0, corrected."  # the newest content
    assert rows["story-0"]["day"] == DAYS[0]  # stays on its publication day
    assert rows["story-1"]["metadata"]["dateDownloaded"].startswith(DAYS[1])  # the first record of that content
    assert rows["undated"]["day"] == DAYS[5]
    assert rows["old"]["metadata"]["robotsTxt"] is None and rows["old"]["day"] == "2026-11-19"
    assert {r["site"] for r in table.to_pylist()} == {"demo", "other"}
    import pyarrow.parquet as pq

    for path in dataset.rglob("*.parquet"):
        assert pq.read_schema(path).equals(arrow_schema())


def test_compaction_is_idempotent(week, tmp_path):
    dataset = tmp_path / "dataset"
    compact(week, dataset)
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in dataset.rglob("*.parquet")}
    again = compact(week, dataset)
    assert {r["status"] for r in again} == {"unchanged"}
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in dataset.rglob("*.parquet")} == before
    forced = compact(week, dataset, force=True)
    assert {r["status"] for r in forced} == {"ok"}
    assert {p: p.read_bytes() for p in dataset.rglob("*.parquet")} == {p: b for p, (_, b) in before.items()}
    # a new run: only then is the site rebuilt
    write_run(week, "demo", "2026-11-27", [record("late", "2026-11-27", "Late news.", "2026-11-27")], parquet=True)
    statuses = {r["site"]: r["status"] for r in compact(week, dataset)}
    assert statuses == {"demo": "ok", "other": "unchanged"}
    assert (dataset / "site=demo" / "day=2026-11-27" / "part-0.parquet").exists()
    assert not list(dataset.glob(".*"))


def test_bad_invocation_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["--output", str(tmp_path / "missing"), "--dataset", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--output" in err
    (tmp_path / "out").mkdir()
    assert main(["--output", str(tmp_path / "out"), "--site", "nope"]) == 2


def test_a_dataset_folder_that_cannot_be_made_is_one_line_and_exit_2(week, tmp_path, capsys):
    """Was a FileNotFoundError/FileExistsError traceback from compact_site's mkdir, exit 1."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["--output", str(week), "--dataset", str(blocker / "dataset")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"newsproj compact: --dataset {blocker / 'dataset'}: cannot be made")


@pytest.mark.parametrize(("args", "needle"), [
    (["--bogus"], "unexpected argument '--bogus'"),
    (["--site"], "argument --site: expected one argument"),
])
def test_scrapy_compact_usage_errors_are_one_line(args, needle):
    """Scrapy printed its usage block (5 lines) before the error."""
    proc = run_scrapy(["compact", *args])
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("scrapy compact: ") and needle in line, line


def test_scrapy_compact_command(week, tmp_path):
    dataset = tmp_path / "dataset"
    proc = run_scrapy(["compact", "--output", str(week), "--dataset", str(dataset), "--site", "demo"])
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "demo: ok, 8 articles in 7 days" in proc.stdout
    assert json.loads((dataset / "site=demo" / "_manifest.json").read_text())["records"] == 8


@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_scrapy_compact_help_has_only_its_headings(columns):
    """Scrapy's help formatter takes any help part ending in a colon for a heading, title-cases and underlines it:
    ``--output``'s "...; default:" wrapped at the end of a line became "(Output/<Site>/<Day>/<Run>.Jsonl|.Parquet);
    Default" over a row of "=" (docs24, at 80 columns)."""
    import os

    proc = run_scrapy(["compact", "-h"], env={**os.environ, "COLUMNS": columns})
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    headings = [lines[i - 1] for i, line in enumerate(lines) if i and set(line) in ({"="}, {"-"})]
    assert headings == ["Usage", "Options", "Global Options"]
    assert all(option in proc.stdout for option in ("--output OUTPUT", "--dataset DATASET", "--site NAME"))
