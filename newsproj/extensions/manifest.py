"""RunManifest: a run id, and at the end a manifest of what the run produced.

The run id (``20261125T140102Z-3f9a1c``) names the default output file
``output/<site>/<YYYY-MM-DD>/<run-id>.jsonl``; with ``JOBDIR`` it is kept in ``JOBDIR/newsproj-run.json`` so a
resumed run writes under the same run id: after a kill it continues the killed run's ``.part``; after a pause the
paused part has published its own file (manifest ``"status": "paused"``, and what it found kept in that JSON for
the checks), so the rest goes to ``<run-id>-2.jsonl``. When the engine has stopped (feeds stored, monitors run),
the manifest ``<run-id>.manifest.json`` is written beside each published default feed, and a copy goes to
``STATE_DIR/runs/<site>/<run-id>.json`` as the site's run history (read by the close-time monitors).
All written atomically. The fields are documented in docs/operations.md.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals

from ..feeds import RUN_TEMP, SafeFileFeedStorage, manifest_path, remove_stale_temps, site_key, write_json
from ..history import DROP_PREFIX, FOUND_AGAIN, FOUND_BEFORE_PAUSE, articles_found, history_dir
from ..middlewares.redact import redact
from ..state.ledger import ledger_for
from ..validation import SCHEMA_VERSION

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

RUN_FILE = "newsproj-run.json"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def schema_sha256() -> str:
    from ..validation import json_schema

    return hashlib.sha256(json.dumps(json_schema(), sort_keys=True).encode()).hexdigest()


class RunManifest:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.state_dir = crawler.settings.get("STATE_DIR")
        jobdir = crawler.settings.get("JOBDIR")
        self.run_file = Path(jobdir) / RUN_FILE if jobdir else None
        self.resumed = False
        previous = self._previous_run()
        self.found_before = 0  # articles found by the paused parts of this run (a resumed JOBDIR run)
        self.found_urls: list[str] = []  # their canonical URLs: what this part finds again counts once
        if previous:
            self.run_id, self.started, self.resumed = previous["run_id"], previous["started_at"], True
            found = previous.get("articles_found")
            self.found_before = found if isinstance(found, int) and found > 0 else 0
            urls = previous.get("found_urls")
            if self.found_before and isinstance(urls, list):
                self.found_urls = [url for url in urls if isinstance(url, str)]
        else:
            stamp = datetime.now(UTC)
            self.started = stamp.isoformat(timespec="seconds")
            self.run_id = f"{stamp:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
            if self.run_file is not None:
                self.run_file.parent.mkdir(parents=True, exist_ok=True)
                write_json(self.run_file, {"run_id": self.run_id, "started_at": self.started})
        self.reason: str | None = None
        self.storages: list[SafeFileFeedStorage] = []
        crawler.signals.connect(self.feed_slot_closed, signal=signals.feed_slot_closed)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        if self.run_file is not None:  # (only a JOBDIR run can be paused and resumed)
            crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def _previous_run(self) -> dict[str, Any] | None:
        if self.run_file is None or not self.run_file.is_file():
            return None
        try:
            data = json.loads(self.run_file.read_text(encoding="utf-8"))
        except ValueError:
            return None
        if isinstance(data, dict) and data.get("run_id") and data.get("started_at"):
            logger.info("Resuming run %s (JOBDIR %s)", data["run_id"], self.run_file.parent)
            return data
        return None

    def feed_slot_closed(self, slot: Any) -> None:
        storage = slot.storage
        # the default feed (a file per run); not a user's -o/-O file (Parquet included). Published (or found
        # empty) once every feed is stored (feeds.CheckedFeedExporter): read at engine_stopped
        if isinstance(storage, SafeFileFeedStorage) and storage.per_run:
            self.storages.append(storage)

    def spider_opened(self) -> None:
        spider = self.crawler.spider
        history = history_dir(self.state_dir, site_key(spider) if spider is not None else "unknown")
        if history is not None and history.is_dir():  # a manifest's temp a run killed before its rename left
            remove_stale_temps(history.glob(".*.tmp"), self.crawler.stats, shape=RUN_TEMP)
        if self.found_before:  # the checks (monitors) and the manifest judge the whole run, not its last part
            self.crawler.stats.set_value(FOUND_BEFORE_PAUSE, self.found_before)
            ledger_for(self.crawler).found_before.update(self.found_urls)

    def item_scraped(self, item: Any) -> None:
        url = getattr(item, "canonicalUrl", None)
        if isinstance(url, str) and ledger_for(self.crawler).note_found(url):
            self.crawler.stats.inc_value(FOUND_AGAIN)

    def spider_closed(self, reason: str) -> None:
        self.reason = reason

    def paused(self) -> bool:
        return self.reason == "shutdown" and bool(self.crawler.settings.get("JOBDIR"))

    def manifest(self) -> dict[str, Any]:
        from ..monitors import health_metrics

        stats = self.crawler.stats.get_stats()
        spider = self.crawler.spider
        failures = list(stats.get("newsproj/monitor/failures") or [])
        for key in ("newsproj/output/unavailable", "newsproj/output/failed"):  # a feed that failed fails the run
            if stats.get(key):
                failures.append(f"feed: {stats[key]}")
        if stats.get("newsproj/state/failed"):  # the output is whole, but a later run may emit some of it again
            failures.append(f"state not saved: {stats['newsproj/state/failed']}")
        return {
            "run_id": self.run_id,
            "site": site_key(spider) if spider is not None else None,
            "spider": getattr(spider, "name", None),
            "seeds": [redact(url) for url in getattr(spider, "seeds", []) or []],  # no user:password@
            "started_at": self.started,
            "finished_at": now(),
            "resumed": self.resumed or bool(stats.get("newsproj/jobdir/recovered_after_kill")),
            "finish_reason": self.reason,
            # a pause (JOBDIR, Ctrl-C once): partial, resumed by the next run: no baseline for the checks (monitors)
            "status": "failed" if failures else "paused" if self.paused() else "ok",
            "failures": failures,
            "schema_version": SCHEMA_VERSION,
            "schema_sha256": schema_sha256(),
            "counts": {
                "exported": stats.get("newsproj/output/written", stats.get("item_scraped_count", 0)),
                "dropped": {
                    key[len(DROP_PREFIX):]: value for key, value in sorted(stats.items())
                    if key.startswith(DROP_PREFIX)
                },
                "articles_found": articles_found(stats),
                "requests": stats.get("downloader/request_count", 0),
                "requests_saved": stats.get("newsproj/incremental/saved", 0),
                "errors": stats.get("log_count/ERROR", 0),
            },
            "health": health_metrics(stats),  # what the next runs of the site are compared with (monitors.py)
            "affected_pages": None,
            "output": None,
            # WARC files this run published (NEWSPROJ_WARC_DIR, docs/warc.md): file (relative to the directory),
            # bytes, records, sha256, status (complete, or recovered from a killed run)
            "warc": list(stats.get("newsproj/warc/files") or []),
        }

    def _save_pages(self, folder: Path) -> str | None:
        """A failed run's affected pages (monitors.HealthSampler), saved in ``folder/<run-id>.pages/``."""
        from ..monitors import save_affected_pages

        if not self.crawler.stats.get_value("newsproj/monitor/failed"):
            return None
        try:
            return save_affected_pages(self.crawler, folder / f"{self.run_id}.pages")
        except OSError as exc:
            logger.warning("Could not save the affected pages in %s: %s", folder, exc)
            return None

    def engine_stopped(self) -> None:
        manifest = self.manifest()
        for storage in self.storages:
            if storage.published is None and not storage.empty:  # not published: the run failed
                continue
            manifest["affected_pages"] = self._save_pages((storage.published or storage.final).parent)
            if storage.published is None:  # a run that exported nothing: no file, and the manifest says so
                entry = {**manifest, "output": {"file": None, "records": 0, "sha256": None}}
                manifest = entry
                path = storage.final.with_name(f"{self.run_id}.manifest.json")
                if names_a_file(path):  # a JOBDIR run resumed after another run published its file: that
                    continue            # file's manifest stays (this run's is in the run history)
                write_json(path, entry)
                continue
            entry = {**manifest, "output": {
                "file": storage.published.name, "records": storage.lines, "sha256": storage.sha256,
            }}
            # named after the file (a resumed run whose first file was published by another run writes -2;
            # several per-run FEEDS of one run: each its own, feeds.manifest_path)
            write_json(manifest_path(storage.published), entry)
            manifest = entry
        history = history_dir(self.state_dir, manifest["site"] or "unknown")
        if history is not None:
            history.mkdir(parents=True, exist_ok=True)
            manifest["affected_pages"] = self._save_pages(history)
            write_json(history / f"{self.run_id}.json", manifest)
        if self.run_file is not None and self.reason == "finished":
            self.run_file.unlink(missing_ok=True)  # the next run with this JOBDIR is a new run
        elif self.run_file is not None and self.paused():
            # what the run found so far, for the part that resumes it: a pause after the last article left that
            # part nothing to find ("nothing found", exit 3), a pause mid-crawl a remainder taken for a collapse
            # and which articles, so the part that resumes counts once an article it finds again (a listing read
            # again links the articles written before the pause: "in the output file", known; 12 found for 8)
            found = articles_found(self.crawler.stats.get_stats())
            ledger = ledger_for(self.crawler)
            write_json(self.run_file, {"run_id": self.run_id, "started_at": self.started, "articles_found": found,
                                       "found_urls": sorted(ledger.found_before | ledger.found)}, compact=True)
        logger.info("Run %s: %s (%s)", self.run_id, manifest["status"], "; ".join(manifest["failures"]) or "no failure")


def names_a_file(manifest: Path) -> bool:
    """``manifest`` exists and names a published file (``output.file``)."""
    try:
        return bool(json.loads(manifest.read_text(encoding="utf-8"))["output"]["file"])
    except (OSError, ValueError, KeyError, TypeError):
        return False


def uri_params(params: dict[str, Any], spider: Spider) -> dict[str, Any]:
    """FEEDS ``uri_params``: adds ``site``, ``date`` (UTC day the run started) and ``run_id``."""
    run = spider.crawler.get_extension(RunManifest)
    if run is None:
        raise RuntimeError("the default FEEDS need the RunManifest extension (EXTENSIONS)")
    return {**params, "site": site_key(spider), "date": run.started[:10], "run_id": run.run_id}
