"""Documented ways to run the crawler that used to misbehave: the summary line names the file written, a gzipped
atomic feed's manifest counts its records, ``scrapy shell`` exits cleanly, and one-page commands write nothing into
the working directory. The crawl and ``extract`` are forked from the warm parent (tests/warm.py), which honours this
``PYTHONPATH``; ``shell`` reads its stdin, so it starts cold."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

from tests.conftest import ROOT, run_scrapy

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "newsproj.settings"}


def test_summary_names_the_file_and_a_gzipped_atomic_feed_counts_its_records(tmp_path, demo_server, demo_truth):
    template = str(tmp_path / "out" / "%(site)s" / "%(run_id)s.jsonl.gz")
    feeds = {template: {"format": "jsonlines", "newsproj_atomic": True,
                        "uri_params": "newsproj.extensions.manifest.uri_params",
                        "postprocessing": ["scrapy.extensions.postprocessing.GzipPlugin"]}}
    proc = run_scrapy(
        ["crawl", "news", "-a", f"start_urls={demo_server.base}/",
         "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", f"STATE_DIR={tmp_path / 'state'}",
         "-s", f"FEEDS={json.dumps(feeds)}"],
        cwd=tmp_path, env=ENV, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (written,) = (tmp_path / "out").glob("*/*.jsonl.gz")
    lines = gzip.decompress(written.read_bytes()).decode().splitlines()
    assert len(lines) == len(demo_truth)
    summary = next(line for line in proc.stderr.splitlines() if "newsproj summary" in line)
    assert f"{len(lines)} articles written to {written};" in summary  # the file, not the FEEDS template
    manifest = json.loads(written.with_name(written.name.replace(".jsonl.gz", ".manifest.json")).read_text())
    assert manifest["output"]["records"] == len(lines)


def test_shell_exits_cleanly_and_writes_nothing_here(tmp_path, demo_server):
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "shell", f"{demo_server.base}/", "-s", "NEWSPROJ_ALLOW_PRIVATE=1"],
        cwd=tmp_path, env=ENV, input="print('status', response.status)\n", capture_output=True, text=True,
        timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "status 200" in proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert list(tmp_path.iterdir()) == []


def test_extract_writes_nothing_here(tmp_path, demo_server, demo_truth):
    proc = run_scrapy(
        ["extract", f"{demo_server.base}{demo_truth[0]['path']}", "-s", "NEWSPROJ_ALLOW_PRIVATE=1"],
        cwd=tmp_path, env=ENV, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout.split("\n#", 1)[0])["headline"] == demo_truth[0]["headline"]
    assert list(tmp_path.iterdir()) == []  # no state/runs/… nor output/ in the working directory


def test_a_user_extensions_setting_adds_to_the_projects_and_keeps_the_run_safe(crawl, tmp_path, demo_server,
                                                                                 demo_truth):
    """``-s EXTENSIONS='{"...": 0}'`` (Scrapy's documented way to turn on an extension) replaced the project's
    EXTENSIONS whole: the checked feed, the checks, the manifest, the summary and stats file, and the kill-safe
    JOBDIR were silently gone. The run exited 0 whatever it found, STATE_DIR learnt nothing, no manifest was
    written, and the JOBDIR kept every URL as seen, so the next run with it fetched no article. Ours live in
    EXTENSIONS_BASE now, as Scrapy's own do: a user's EXTENSIONS adds to them (``None`` turns one off)."""
    job, state = tmp_path / "job", tmp_path / "state"
    args = ("-a", f"start_urls={demo_server.base}/", "-s", f"JOBDIR={job}", "-s", f"STATE_DIR={state}",
            "-s", 'EXTENSIONS={"scrapy.extensions.logstats.LogStats": 0}')
    first = crawl(*args)
    assert first.returncode == 0, first.log[-3000:]
    assert len(first.records) == len(demo_truth)
    assert first.stats["newsproj/state/recorded"] == len(demo_truth)  # (the stats file is written: Housekeeping)
    assert "newsproj summary" in first.log and "Run failed a check" not in first.log
    (manifest,) = (state / "runs").glob("*/*.json")
    assert json.loads(manifest.read_text())["status"] == "ok"
    assert not (job / "requests.seen").exists()  # a finished run leaves a clean JOBDIR (KillSafeJobdir)
    second = crawl(*args)
    assert second.returncode == 0, second.log[-3000:]
    assert second.stats["newsproj/incremental/saved_articles"] == len(demo_truth)  # known: not fetched again


def test_a_users_middlewares_and_pipelines_add_to_the_projects(crawl, demo_server, demo_truth):
    """``-s DOWNLOADER_MIDDLEWARES=`` / ``SPIDER_MIDDLEWARES=`` / ``ITEM_PIPELINES=`` replaced the project's whole: the
    run went on without the SSRF guard, scope, content guards and charset repair, without validation, dedup and
    consent (records unvalidated, ``metadata.robotsTxt`` null, STATE_DIR learning nothing), and exited 0."""
    result = crawl("-a", f"start_urls={demo_server.base}/",
                   "-s", 'DOWNLOADER_MIDDLEWARES={"scrapy.downloadermiddlewares.stats.DownloaderStats": 850}',
                   "-s", 'SPIDER_MIDDLEWARES={"scrapy.spidermiddlewares.depth.DepthMiddleware": 900}',
                   "-s", "ITEM_PIPELINES={}")
    assert result.returncode == 0, result.log[-3000:]
    assert len(result.records) == len(demo_truth)
    assert all(r["metadata"]["robotsTxt"] == "allowed" for r in result.records)  # ConsentPipeline
    assert result.stats["newsproj/state/recorded"] == len(demo_truth)  # DedupPipeline → STATE_DIR
    assert result.stats["newsproj/fetch/ok/article"] >= len(demo_truth)
    enabled = result.log[result.log.index("Enabled downloader middlewares"):]
    for component in ("newsproj.middlewares.ssrf.SSRFGuard", "newsproj.middlewares.scope.ScopeMiddleware",
                      "newsproj.middlewares.charset.CharsetMiddleware", "newsproj.middlewares.incremental.",
                      "newsproj.pipelines.validate.ValidatePipeline", "newsproj.pipelines.dedup.DedupPipeline"):
        assert component in enabled, component


def test_a_user_feed_exporters_setting_adds_a_format_and_keeps_parquet(tmp_path, demo_server, demo_truth):
    """``-s FEED_EXPORTERS='{"xml": ...}'`` (Scrapy's documented way to add a format) replaced the project's
    FEED_EXPORTERS whole: ``-O x.parquet`` then stopped on an unknown format and the JSON-lines feeds went back to
    Scrapy's exporter. Ours live in FEED_EXPORTERS_BASE now: a user's FEED_EXPORTERS adds to them."""
    import pyarrow.parquet as pq

    out = tmp_path / "x.parquet"
    proc = run_scrapy(["crawl", "news", "-a", f"start_urls={demo_server.base}/", "-s", "NEWSPROJ_ALLOW_PRIVATE=1",
                       "-s", f"STATE_DIR={tmp_path / 'state'}", "-s",
                       'FEED_EXPORTERS={"xml": "scrapy.exporters.XmlItemExporter"}', "-O", str(out)])
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert pq.read_table(out).num_rows == len(demo_truth)


def test_a_parquet_feed_given_as_a_link_writes_its_target_and_never_replaces_the_runs_output(tmp_path, demo_server,
                                                                                              demo_truth):
    """docs/operations.md: "A symlink given as -o is followed". A Parquet feed is written aside and renamed over its
    name: given a link, the rename replaced the link itself (its target kept its old content), and given
    ``/dev/stdout`` with the output redirected to a file, a run as root made /dev/stdout a regular file for every
    process of the machine (docs24). The link's target now gets the file; the run's own standard output, linked
    or named (here a link to /proc/self/fd/1 stands in for /dev/stdout), is refused before the crawl, exit 2."""
    import pyarrow.parquet as pq

    from tests.test_commands_crawl import assert_bad_invocation

    (tmp_path / "real.parquet").write_bytes(b"")
    (tmp_path / "link.parquet").symlink_to("real.parquet")
    (tmp_path / "stdout").symlink_to("/proc/self/fd/1")
    crawl = ["crawl", "news", "-a", f"start_urls={demo_server.base}/", "-s", "NEWSPROJ_ALLOW_PRIVATE=1",
             "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "STATE_DIR=", "-s", "NEWSPROJ_EXTRACT_WORKERS=0"]
    proc = run_scrapy([*crawl, "-O", str(tmp_path / "link.parquet")], cwd=tmp_path, env=ENV, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (tmp_path / "link.parquet").is_symlink()
    assert pq.read_table(tmp_path / "real.parquet").num_rows == len(demo_truth)
    refused = run_scrapy([*crawl, "-O", f"{tmp_path / 'stdout'}:parquet"], cwd=tmp_path, env=ENV, timeout=180)
    assert_bad_invocation(refused, f"feed {tmp_path / 'stdout'}: is this run's standard output", "the path of a file")
    assert (tmp_path / "stdout").is_symlink()
