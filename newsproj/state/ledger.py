"""The run's ledger: what is already exported, shared by the dedup pipeline, the request-saving middleware and
the feed storage of one crawler.

Three sources: records exported by this run, records already present in an output file that this run appends
to (a resumed run: the file is the truth of what was exported before the kill), and — through the
:class:`~newsproj.state.StateStore` — records exported by earlier runs.
"""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from scrapy import signals

from . import Seen, StateStore, open_store

if TYPE_CHECKING:
    from collections.abc import Iterable

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def body_fingerprint(body: str) -> str:
    """Content fingerprint: the body with white space and case folded."""
    text = " ".join(body.split()).casefold()
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class Ledger:
    def __init__(self, store: StateStore | None):
        self.store = store
        self.urls: dict[str, str] = {}
        """canonicalUrl → fingerprint of everything exported in this run or found in an appended output file."""
        self.bodies: dict[str, str] = {}
        """fingerprint → canonicalUrl, same scope."""
        self.in_output: set[str] = set()
        """canonicalUrls found in an output file this run appends to (a resumed run)."""

    def add(self, url: str, fingerprint: str) -> None:
        self.urls[url] = fingerprint
        self.bodies.setdefault(fingerprint, url)

    def seed(self, records: Iterable[dict[str, Any]]) -> int:
        """Learn the records of an output file this run appends to; returns how many were new."""
        count = 0
        for record in records:
            url, body = record.get("canonicalUrl"), record.get("articleBody")
            if isinstance(url, str) and isinstance(body, str) and url not in self.urls:
                self.add(url, body_fingerprint(body))
                self.in_output.add(url)
                count += 1
        return count

    def adopt(self, records: Iterable[dict[str, Any]], emitted_at: str) -> int:
        """Learn the records of a killed run's output that this run published, and remember in the store the
        ones the killed run exported but did not live to record (the kill fell between the two)."""
        fresh = [r for r in records if isinstance(r.get("canonicalUrl"), str) and r["canonicalUrl"] not in self.urls]
        self.seed(fresh)
        remembered = 0
        for record in fresh:
            url = record["canonicalUrl"]
            if self.store is not None and url in self.urls and self.store.get(url) is None:
                self.store.record(url, Seen(fingerprint=self.urls[url], emitted_at=emitted_at))
                remembered += 1
        return remembered

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


_LEDGERS: WeakKeyDictionary[Crawler, Ledger] = WeakKeyDictionary()


def ledger_for(crawler: Crawler) -> Ledger:
    """The crawler's ledger, created (and its state store opened) on first use; closed when the engine stops."""
    ledger = _LEDGERS.get(crawler)
    if ledger is None:
        ledger = _LEDGERS[crawler] = Ledger(open_store(crawler))
        if ledger.store is not None:
            logger.info("Cross-run state: %s", getattr(ledger.store, "path", type(ledger.store).__name__))
        crawler.signals.connect(ledger.close, signal=signals.engine_stopped, weak=False)
    return ledger
