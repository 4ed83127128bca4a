"""The run's ledger: what is already exported, shared by the dedup pipeline, the request-saving middleware and
the feed storage of one crawler.

Three sources: records exported by this run, records already present in an output file that this run appends
to (a resumed run: the file is the truth of what was exported before the kill), and — through the
:class:`~newsproj.state.StateStore` — records exported by earlier runs.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
from collections import OrderedDict
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from scrapy import signals

from ..discovery.urls import legacy_canonical_url
from . import Seen, StateStore, open_store

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

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


MEMO_SIZE = 20_000
"""Answers of :meth:`Ledger.stored` kept in a run (least recently asked forgotten first): a homepage, its sections
and their next pages link the same articles again and again, and each link was a lookup (a Redis store's: a round
trip or two). ~200 bytes an entry: a few MB at most."""
MEMO_MAX_URL = 2_000
"""A URL longer than this (``NEWSPROJ_MAX_URL_LENGTH``'s default) is looked up each time, never kept."""


class Ledger:
    def __init__(self, store: StateStore | None):
        self.store = store
        self._memo: OrderedDict[str, tuple[tuple[str, Seen] | None, tuple[str, ...]]] = OrderedDict()
        """URL → (:meth:`stored`'s answer, the other store keys it read): see :meth:`stored`."""
        self._read_by: dict[str, set[str]] = {}
        """store key → the memoised URLs whose answer read it besides their own (an alias's
        canonical URL): what a write under that key makes stale."""
        self.urls: dict[str, str] = {}
        """canonicalUrl → fingerprint of everything exported in this run or found in an appended output file."""
        self.bodies: dict[str, str] = {}
        """fingerprint → canonicalUrl, same scope."""
        self.in_output: set[str] = set()
        """canonicalUrls found in an output file this run appends to (a resumed run)."""
        self.restore: Callable[[str, dict[str, Any]], tuple[bytes | None, str | None]] | None = None
        """Set by the dedup pipeline: ``(canonicalUrl, written record) → (signature, alias)``, what it stages beside
        a written record (its MinHash signature when the store keeps them, the URL it was fetched under when that
        differs), for :meth:`adopt` to restore with a record whose run died before the state save."""
        self.deferred: tuple[list[tuple[str, Seen]], list[tuple[str, str, bytes]], list[tuple[str, str]]] = (
            [], [], [])
        """What :meth:`adopt` found missing from the store in records that are not durable yet (a killed run's
        Parquet journal, carried into this run's file): committed with this run's next durable batch
        (:meth:`take_deferred`), once the file that holds them is stored."""

        self.found_before: set[str] = set()
        """canonicalUrls the paused parts of this run found (a ``JOBDIR`` run resumed after a pause: its run file,
        extensions/manifest.py)."""
        self.found: set[str] = set()
        """canonicalUrls this part of the run found: exported, dropped as unchanged or as already in the output
        file, or not requested as known (:meth:`note_found`)."""

    def note_found(self, url: str) -> bool:
        """``url``, an article this part of the run saw (exported or known), is found; True the first time when a
        paused part of the run had found it already: it counts in ``newsproj/run/articles_found_before_pause``
        and must not count again (history.FOUND_AGAIN)."""
        if url in self.found:
            return False
        self.found.add(url)
        return url in self.found_before

    def stored(self, url: str) -> tuple[str, Seen] | None:
        """What an earlier run (the state store) remembers of the article at canonical ``url``: ``(the canonical URL
        it is stored under, its Seen)`` - ``url`` itself, or the canonical URL an earlier run fetched it under
        ``url`` for (an AMP or mobile twin: the store's alias) - or None. One lookup for the request-saving
        middleware and the spider's barren-listings rule (:meth:`knows`), so both know the same articles. Not under
        the form of earlier releases (:meth:`previous`): that key was shared by every article differing by a
        parameter it dropped (``/article.aspx?cid=N``), so a hit there says one of them was exported, not which:
        the page is fetched, and its content tells (DedupPipeline; then it is stored under its own key).

        Memoised for the run (:data:`MEMO_SIZE` answers, least recently asked forgotten first): a URL linked from
        many pages is looked up once. A write of this run's through the ledger (:meth:`commit`, :meth:`record`)
        forgets the answers that read a key it writes, so an article asked about, then exported, is known from
        then on. What another process writes to a shared store (a distributed crawl's other workers) is not seen
        by an answer kept here: such an article is requested again, and the dupefilter and the dedup pipeline
        (which reads the store itself, :meth:`previous`) drop it as before."""
        if self.store is None:
            return None
        memo = self._memo
        kept = memo.get(url)
        if kept is not None:
            memo.move_to_end(url)
            return kept[0]
        found, read = self._stored(url)
        if len(url) <= MEMO_MAX_URL:
            memo[url] = found, read
            for key in read:
                self._read_by.setdefault(key, set()).add(url)
            if len(memo) > MEMO_SIZE:
                self._drop(next(iter(memo)))
        return found

    def _stored(self, url: str) -> tuple[tuple[str, Seen] | None, tuple[str, ...]]:
        """:meth:`stored`'s answer, from the store, and the keys it read other than ``url``."""
        store = self.store
        assert store is not None
        read: tuple[str, ...] = ()
        seen = store.get(url)
        if seen is not None:
            return (url, seen), read
        canonical = store.canonical_for(url) if hasattr(store, "canonical_for") else None
        if isinstance(canonical, str) and canonical:
            if canonical != url:
                read = (*read, canonical)
            seen = store.get(canonical)
            if seen is not None:
                return (canonical, seen), read
        return None, read

    def _drop(self, url: str) -> None:
        """Forget the memoised answer for ``url``."""
        _, read = self._memo.pop(url, (None, ()))
        for key in read:
            readers = self._read_by.get(key)
            if readers is not None:
                readers.discard(url)
                if not readers:
                    del self._read_by[key]

    def _forget(self, keys: Iterable[str]) -> None:
        """Forget every memoised answer a write under these store keys may change: the key's own, and those that
        read it as an alias's canonical URL."""
        for key in keys:
            self._drop(key)
            for url in self._read_by.pop(key, ()):
                self._drop(url)

    def record(self, url: str, seen: Seen) -> None:
        """Remember ``seen`` under ``url`` in the store (a refetch found the article unchanged: its check date);
        raises what the store raises."""
        assert self.store is not None
        try:
            self.store.record(url, seen)
        finally:
            self._forget((url,))

    def previous(self, url: str) -> tuple[str, Seen] | None:
        """What the store remembers under canonical ``url``, or under its form before 2026-12
        (:func:`~newsproj.discovery.urls.legacy_canonical_url`: courlan's whole tracker list removed, ``cid``,
        ``ref``, ``source``… too), which a state written by an earlier release is keyed by: ``(key, Seen)`` or
        None. One more lookup only for a URL whose two forms differ (one of those parameters in its query). Read
        once the page's content is known (its fingerprint compared): an old key may be another article's."""
        store = self.store
        if store is None:
            return None
        seen = store.get(url)
        if seen is not None:
            return url, seen
        old = legacy_canonical_url(url)
        if old != url:
            seen = store.get(old)
            if seen is not None:
                return old, seen
        return None

    def knows(self, url: str) -> bool:
        """The article at canonical ``url`` is exported already: in the output file this run appends to, or by an
        earlier run (:meth:`stored`)."""
        return url in self.in_output or self.stored(url) is not None

    def add(self, url: str, fingerprint: str) -> None:
        self.urls[url] = fingerprint
        self.bodies.setdefault(fingerprint, url)

    def seed(self, records: Iterable[dict[str, Any]]) -> int:
        """Learn the records of an output file this run appends to; returns how many were new."""
        return sum(1 for _ in self._seed(records))

    def _seed(self, records: Iterable[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
        """Learn each record not known yet and yield it with its URL, one at a time: no record (body and all) is
        kept once the caller is done with it, so a file of any size costs the memory of one record."""
        for record in records:
            url, body = record.get("canonicalUrl"), record.get("articleBody")
            if isinstance(url, str) and isinstance(body, str) and url not in self.urls:
                self.add(url, body_fingerprint(body))
                self.in_output.add(url)
                yield url, record

    def adopt(self, records: Iterable[dict[str, Any]], emitted_at: str, in_output: bool = True,
              durable: bool = True) -> int:
        """Learn the records of an output file that is durably written (the file this run appends to, or a killed
        run's output published by this run), and remember in the store the ones whose run died before it could
        (the file is the truth of what was exported): their articles, and with them (:attr:`restore`) their
        near-duplicate signatures and aliases, in one :meth:`commit` as a durable batch is. Returns how many this
        run had not known. The records are read one at a time: only what is committed is kept (a URL, a
        fingerprint, a signature, an alias), not the records (an ``-o`` file a cron job appends to grows without
        end). ``durable=False``: records this run will store (a killed run's Parquet journal): what the store
        misses is kept for :meth:`take_deferred` instead of committed now."""
        seeded = 0
        fresh: list[str] = []
        missing: list[tuple[str, Seen]] = []
        signatures: list[tuple[str, str, bytes]] = []
        aliases: list[tuple[str, str]] = []
        store = self.store
        for url, record in self._seed(records):
            seeded += 1
            if not in_output:
                fresh.append(url)
            if store is None or store.get(url) is not None:
                continue
            missing.append((url, Seen(fingerprint=self.urls[url], emitted_at=emitted_at)))
            if self.restore is not None:
                blob, alias = self.restore(url, record)
                if blob is not None:
                    signatures.append((url, emitted_at, blob))
                if alias is not None:
                    aliases.append((alias, url))
        if not in_output:
            self.in_output.difference_update(fresh)
        if missing and not durable:
            self.deferred[0].extend(missing)
            self.deferred[1].extend(signatures)
            self.deferred[2].extend(aliases)
        elif missing:
            self.commit(missing, signatures, aliases)
        return seeded

    def take_deferred(self) -> tuple[list[tuple[str, Seen]], list[tuple[str, str, bytes]], list[tuple[str, str]]]:
        """The records :meth:`adopt` deferred (``durable=False``), once: the caller commits them with its durable
        batch, all or none (a failed batch leaves them out of the state, as the batch's own records)."""
        deferred, self.deferred = self.deferred, ([], [], [])
        return deferred

    def commit(self, records: list[tuple[str, Seen]], signatures: list[tuple[str, str, bytes]],
               aliases: list[tuple[str, str]]) -> None:
        """Remember durably exported records in the store: the articles, their signatures ``(url, emitted_at,
        blob)`` and aliases ``(fetched url, canonicalUrl)``, all or none when the store can (``record_durable``),
        else with what it has. Raises what the store raises (a disk full, Redis gone)."""
        store = self.store
        if store is None or not records:
            return
        try:
            self._commit(store, records, signatures, aliases)
        finally:  # (a store that failed half way may hold some: asked again)
            self._forget(itertools.chain((url for url, _ in records), (alias for alias, _ in aliases),
                                         (url for _, url in aliases)))

    @staticmethod
    def _commit(store: StateStore, records: list[tuple[str, Seen]], signatures: list[tuple[str, str, bytes]],
                aliases: list[tuple[str, str]]) -> None:
        together = getattr(store, "record_durable", None)
        if together is not None:  # all or none: see FileStateStore.record_durable
            together(records, signatures, aliases)
            return
        record_many = getattr(store, "record_many", None)
        if record_many is not None:
            record_many(records)
        else:
            for url, seen in records:
                store.record(url, seen)
        if signatures and hasattr(store, "record_signature"):
            for row in signatures:
                store.record_signature(*row)
        if aliases and hasattr(store, "record_alias"):
            for alias, url in aliases:
                store.record_alias(alias, url)

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
