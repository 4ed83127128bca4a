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


def folded_body(body: str) -> bytes:
    """The body with white space and case folded, UTF-8: what the content fingerprint is taken of (and the near-
    duplicate shingles, ``pipelines/minhash.py``, are cut from: no Unicode character's case folding holds or
    removes white space, so folding before or after splitting gives the same text)."""
    return " ".join(body.split()).casefold().encode("utf-8")


def folded_fingerprint(folded: bytes) -> str:
    """:func:`body_fingerprint` of a :func:`folded_body`."""
    return hashlib.sha1(folded).hexdigest()


def body_fingerprint(body: str) -> str:
    """Content fingerprint: the body with white space and case folded."""
    return folded_fingerprint(folded_body(body))


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
        return len(self._seed(records))

    def _seed(self, records: Iterable[dict[str, Any]]) -> list[str]:
        fresh = []
        for record in records:
            url, body = record.get("canonicalUrl"), record.get("articleBody")
            if isinstance(url, str) and isinstance(body, str) and url not in self.urls:
                self.add(url, body_fingerprint(body))
                self.in_output.add(url)
                fresh.append(url)
        return fresh

    def adopt(self, records: Iterable[dict[str, Any]], emitted_at: str, in_output: bool = True) -> int:
        """Learn the records of an output file that is durably written (the file this run appends to, or a killed
        run's output published by this run), and remember in the store the ones whose run died before it could
        (the file is the truth of what was exported). Returns how many this run had not known."""
        fresh = self._seed(records)
        if not in_output:
            self.in_output.difference_update(fresh)
        if self.store is not None:
            missing = [(url, Seen(fingerprint=self.urls[url], emitted_at=emitted_at))
                       for url in fresh if self.store.get(url) is None]
            if missing:
                record_many = getattr(self.store, "record_many", None)
                if record_many is not None:
                    record_many(missing)
                else:
                    for url, seen in missing:
                        self.store.record(url, seen)
        return len(fresh)

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
