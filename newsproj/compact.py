"""Compact a site's run files into one Parquet dataset, partitioned by site and day, one row per article.

``python -m newsproj.compact`` (or ``scrapy compact``) reads the published run files of each site,
``OUTPUT/<site>/<YYYY-MM-DD>/*.jsonl`` and ``*.parquet`` (the default feed's layout; ``.part`` files and manifests
are not records), and writes ``DATASET/site=<site>/day=<YYYY-MM-DD>/part-0.parquet`` with
``DATASET/site=<site>/_manifest.json``:

- one row per article (``canonicalUrl``): its newest content (by the content fingerprint the crawler's dedup uses,
  newest ``metadata.dateDownloaded`` first); when several runs exported that same content, the first of them (a
  re-crawl that found no change does not churn the dataset);
- ``day`` is the article's publication day as the page states it (``datePublished``'s date), else the day it was
  first downloaded, so an updated article stays in its partition;
- every file has the record schema (``schema/article.arrow``); rows are sorted by ``canonicalUrl``;
- idempotent: the site's manifest lists its input files (name, size, modification time); when nothing changed,
  nothing is rewritten. A rebuild is written aside (``.site=<site>.new``) and swapped in when complete.

Read it with ``pyarrow.dataset.dataset(DATASET, partitioning="hive")`` or ``pandas.read_parquet(DATASET)``
(files and folders starting with ``_`` or ``.`` are not data).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pyarrow as pa
import pyarrow.json as pajson
import pyarrow.parquet as pq

from .exporters import COMPRESSION
from .schema import arrow_schema, to_table
from .state.ledger import body_fingerprint
from .validation import SCHEMA_VERSION

if TYPE_CHECKING:
    from collections.abc import Iterator

logger = logging.getLogger(__name__)

MANIFEST = "_manifest.json"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
BATCH_ROWS = 1000


class CompactError(Exception):
    """A bad invocation: one line naming the problem and the fix."""


def run_files(site_dir: Path) -> list[Path]:
    """The published run files of a site, oldest day first (hidden files are partial, manifests not records)."""
    files = [
        path for day in sorted(site_dir.iterdir()) if day.is_dir() and _DAY.match(day.name)
        for path in sorted(day.iterdir())
        if path.is_file() and not path.name.startswith((".", "_")) and path.suffix in (".jsonl", ".parquet")
    ]
    return files


def batches(path: Path) -> Iterator[pa.RecordBatch]:
    """The records of a run file as batches of the record schema."""
    schema = arrow_schema()
    if path.suffix == ".parquet":
        parquet = pq.ParquetFile(path)
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS):
            if batch.schema.equals(schema):
                yield batch
            else:  # a file of an older schema version: conform it (missing fields are null)
                yield from to_table(batch.to_pylist()).to_batches()
        return
    if path.stat().st_size == 0:
        return
    options = pajson.ParseOptions(explicit_schema=schema, unexpected_field_behavior="ignore")
    reader = pajson.open_json(path, parse_options=options, read_options=pajson.ReadOptions(block_size=1 << 22))
    for batch in reader:
        yield batch


def _inputs(files: list[Path], root: Path) -> list[dict[str, Any]]:
    out = []
    for path in files:
        stat = path.stat()
        out.append({"file": str(path.relative_to(root)), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns})
    return out


def _day(published: str | None, downloaded: str | None) -> str:
    for value in (published, downloaded):
        match = _DATE.match(value or "")
        if match:
            return match.group(1)
    return "unknown"


def choose(files: list[Path]) -> tuple[dict[tuple[int, int], str], int]:
    """Pass 1: which row of which file is each article's record, and its day. Returns ``{(file, row): day}`` and
    the number of records read."""
    # canonicalUrl → (newest download of its newest content, fingerprint, first download of that content, where)
    best: dict[str, tuple[str, str, str, tuple[int, int], str]] = {}
    total = 0
    for index, path in enumerate(files):
        row = 0
        for batch in batches(path):
            urls = batch.column("canonicalUrl").to_pylist()
            bodies = batch.column("articleBody").to_pylist()
            published = batch.column("datePublished").to_pylist()
            metadata = batch.column("metadata")
            downloaded = pa.StructArray.field(metadata, "dateDownloaded").to_pylist()
            for url, body, pub, got in zip(urls, bodies, published, downloaded, strict=True):
                where = (index, row)
                row += 1
                total += 1
                if not url or body is None:
                    continue
                got = got or ""
                fp = body_fingerprint(body)
                seen = best.get(url)
                if seen is None:
                    best[url] = (got, fp, got, where, _day(pub, got))
                elif fp == seen[1]:  # the same content again: keep the first record of it, note the newest download
                    first = where if got < seen[2] else seen[3]
                    best[url] = (max(got, seen[0]), fp, min(got, seen[2]), first, _day(pub, got) if got < seen[2]
                                 else seen[4])
                elif got > seen[0]:  # newer content
                    best[url] = (got, fp, got, where, _day(pub, got))
    return {entry[3]: entry[4] for entry in best.values()}, total


def compact_site(output: Path, dataset: Path, site: str, force: bool = False) -> dict[str, Any]:
    """Compact one site; returns its manifest (``"status": "unchanged"`` when there was nothing to do)."""
    site_dir = output / site
    files = run_files(site_dir)
    inputs = _inputs(files, output)
    target = dataset / f"site={site}"
    manifest_path = target / MANIFEST
    if not force and manifest_path.is_file():
        try:
            previous = json.loads(manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            previous = {}
        if previous.get("inputs") == inputs and previous.get("schema_version") == SCHEMA_VERSION:
            logger.info("%s: up to date (%d input files)", site, len(files))
            return {**previous, "status": "unchanged"}
    winners, total = choose(files)
    days: dict[str, list[pa.RecordBatch]] = {}
    for index, path in enumerate(files):
        row = 0
        for batch in batches(path):
            keep: dict[str, list[int]] = {}
            for offset in range(batch.num_rows):
                day = winners.get((index, row + offset))
                if day is not None:
                    keep.setdefault(day, []).append(offset)
            row += batch.num_rows
            for day, offsets in keep.items():
                days.setdefault(day, []).append(batch.take(pa.array(offsets, type=pa.int64())))
    dataset.mkdir(parents=True, exist_ok=True)
    building = dataset / f".site={site}.new"
    shutil.rmtree(building, ignore_errors=True)
    counts: dict[str, int] = {}
    for day in sorted(days):
        table = pa.Table.from_batches(days[day], schema=arrow_schema()).sort_by("canonicalUrl")
        folder = building / f"day={day}"
        folder.mkdir(parents=True)
        pq.write_table(table, folder / "part-0.parquet", compression=COMPRESSION)
        counts[day] = table.num_rows
    building.mkdir(parents=True, exist_ok=True)
    manifest = {
        "site": site,
        "status": "ok",
        "compacted_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "schema_version": SCHEMA_VERSION,
        "records": sum(counts.values()),
        "input_records": total,
        "superseded": total - sum(counts.values()),
        "days": counts,
        "inputs": inputs,
    }
    (building / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    old = dataset / f".site={site}.old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(building, target)
    shutil.rmtree(old, ignore_errors=True)
    logger.info("%s: %d articles from %d records in %d files, %d days", site, manifest["records"], total,
                len(files), len(counts))
    return manifest


def compact(output: Path, dataset: Path, sites: list[str] | None = None, force: bool = False) -> list[dict[str, Any]]:
    if not output.is_dir():
        raise CompactError(f"no run files: {output} is not a directory; give --output the crawl's output folder")
    names = sites or sorted(p.name for p in output.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    for name in names:
        if not (output / name).is_dir():
            raise CompactError(f"no run files for site {name!r} under {output}; check --site (one of: "
                               f"{', '.join(sorted(p.name for p in output.iterdir() if p.is_dir())) or 'none'})")
    try:  # (each site's folder is made below it; a --dataset that cannot be made was a traceback, exit 1)
        dataset.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CompactError(f"--dataset {dataset}: cannot be made ({exc.strerror}); give --dataset a folder this "
                           f"user can write") from None
    return [compact_site(output, dataset, name, force=force) for name in names]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m newsproj.compact", description=__doc__.split("\n\n")[0])
    add_arguments(parser)

    def error(message: str) -> NoReturn:  # one line, as every bad invocation (../shared/CONTRACT.md)
        print(f"newsproj compact: {message} (python -m newsproj.compact -h lists the options)", file=sys.stderr)
        sys.exit(2)

    parser.error = error  # type: ignore[method-assign]
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", type=Path, default=Path("output"),
                        help="the crawl's output folder, OUTPUT/<site>/<day>/<run>.jsonl|.parquet (output by default)")
    parser.add_argument("--dataset", type=Path, default=Path("dataset"),
                        help="where the dataset goes, DATASET/site=<site>/day=<day>/ (dataset by default)")
    parser.add_argument("--site", action="append", dest="sites", metavar="NAME",
                        help="compact only this site (repeatable; every site under --output by default)")
    parser.add_argument("--force", action="store_true", help="rebuild even when no input changed")


def run(args: argparse.Namespace) -> int:
    try:
        results = compact(args.output, args.dataset, args.sites, force=args.force)
    except CompactError as exc:
        print(f"newsproj compact: {exc}", file=sys.stderr)
        return 2
    for result in results:
        print(f"{result['site']}: {result['status']}, {result['records']} articles in {len(result['days'])} days "
              f"({result['input_records']} records in {len(result['inputs'])} run files)")
    return 0


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
