"""DedupPipeline (400): one record per article, within a run and across runs.

- same canonical URL as a record already exported (this run, or the output file a resumed run appends to)
  → ``DuplicateArticle``;
- same content under another URL of the same site (one story in two sections), this run or an earlier one
  → ``DuplicateArticle``; of another site (syndicated wire copy, a copycat) → exported, with
  ``metadata.duplicateOf`` set: no site's article disappears because of another site's page;
- a canonical URL on another registrable domain than the page (and not on a host of the page's site file) is a
  claim: kept in ``metadata.canonicalClaim``, never used for dedup or state (``canonicalUrl`` is then the page's
  own URL without tracking parameters);
- same canonical URL and same content as emitted by an earlier run (``STATE_DIR``) → ``UnchangedArticle``;
  different content → emitted again with the same ``canonicalUrl`` (downstream upserts);
- near-duplicate (MinHash LSH over word shingles: datasketch's signatures and banding, computed in
  ``pipelines/minhash.py``) of a record exported in this run, or by an
  earlier run in the last ``NEWSPROJ_NEARDUP_WINDOW_DAYS`` (when the store keeps signatures) → emitted, with
  ``metadata.nearDuplicateOf`` set to that record's ``canonicalUrl``.

The run's ledger learns a record once the feed exporter has written it (``record_written``), and the state store
only once the feed holds it durably (``records_durable``: after an fsync, or once every feed written or uploaded
at close was stored; a per-run file is renamed after it), never before (cf. scrapy-deltafetch, which commits
before export and loses items on a crash).
A record the feed did not write (``record_failed``) is forgotten; a failed feed commits nothing more.
"""

from __future__ import annotations

import itertools
import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
from scrapy import signals

from .. import feeds
from ..discovery.urls import canonical_url, site_of, trusted_canonical
from ..exceptions import DuplicateArticle, UnchangedArticle
from ..history import FOUND_AGAIN
from ..items import Article
from ..middlewares.redact import strip_credentials
from ..state import Seen
from ..state.ledger import body_fingerprint, folded_body, folded_fingerprint, ledger_for
from .minhash import LSH, folded_shingles, jaccard, signature

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def fingerprint(article: Article) -> str:
    """Content fingerprint: the body with white space and case folded."""
    return body_fingerprint(article.articleBody)


def _clean(url: str | None) -> str | None:
    if not url or "@" not in url:
        return url
    try:
        return strip_credentials(url)[0]
    except ValueError:  # a URL that does not parse: leave it to validation
        return url


def _alias(fetched: str, canonical: str) -> str | None:
    """The canonical form of the URL a record was fetched under, when it differs from its ``canonicalUrl``
    (remembered so that request saving recognises that URL too)."""
    form = canonical_url(fetched)
    return form if form != canonical else None


def strip_url_credentials(item: Article) -> None:
    """No ``user:password@`` in any URL of the record (and so in the state or a log): a page's canonical, image
    or breadcrumb link may carry one."""
    item.url = _clean(item.url) or item.url
    item.canonicalUrl = _clean(item.canonicalUrl) or item.canonicalUrl
    if item.mainImage is not None:
        item.mainImage.url = _clean(item.mainImage.url) or item.mainImage.url
    for crumb in item.breadcrumbs or ():
        crumb.url = _clean(crumb.url)


class DedupPipeline:
    def __init__(self, crawler: Crawler):
        settings = crawler.settings
        self.stats = crawler.stats
        self.ledger = ledger_for(crawler)
        self.num_perm = settings.getint("NEWSPROJ_NEARDUP_PERMUTATIONS", 128)
        self.shingle_size = settings.getint("NEWSPROJ_NEARDUP_SHINGLE", 4)
        self.threshold = settings.getfloat("NEWSPROJ_NEARDUP_THRESHOLD", 0.8)
        self.lsh: LSH | None = None  # built on first use (_index)
        self.lsh_keys: dict[str, np.ndarray] = {}  # canonicalUrl → its signature
        self.pending: dict[int, tuple[str, np.ndarray | None]] = {}
        # Passed by this pipeline, not yet written. The engine sends item_scraped from a task of its own, so the
        # next items can pass the pipelines before the ledger has learnt this one: they are checked here too.
        self.passing_urls: dict[str, int] = {}  # canonicalUrl → id(item)
        self.passing_bodies: dict[str, str] = {}  # fingerprint → canonicalUrl
        # their signatures: a near-copy of a record not yet written is marked too (the template pipeline holds a
        # site's first records until it has seen 6 pages: two near-copies among them were both left unmarked)
        self.passing_lsh: LSH | None = None
        self.passing_sigs: dict[str, np.ndarray] = {}  # canonicalUrl → its signature
        # items passed, not yet written, marked a near-copy of a record itself not yet written: if that one is
        # dropped after (a later pipeline, a failed write), the mark named a record no output holds (review24)
        self.marked_in_flight: dict[int, Article] = {}  # id(item) → item
        self.window_days = settings.getfloat("NEWSPROJ_NEARDUP_WINDOW_DAYS", 7)
        self._load_signatures()
        self.ledger.restore = self._restore
        self.staged: list[tuple[str, Seen, bytes | None, str | None]] = []
        """Written to the feeds, not yet durable: (canonicalUrl, Seen, signature, alias) to commit."""
        crawler.signals.connect(self.record_written, signal=feeds.record_written)
        crawler.signals.connect(self.record_failed, signal=feeds.record_failed)
        crawler.signals.connect(self.records_durable, signal=feeds.records_durable)
        # Without any feed (no FeedExporter), item_scraped is all there is: remembered for this run only.
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_error)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def _signatures(self) -> Any:
        """The store, if it keeps near-duplicate signatures (an optional extension of StateStore)."""
        store = self.ledger.store
        if self.threshold <= 0 or self.window_days <= 0 or not hasattr(store, "recent_signatures"):
            return None
        return store

    def _index(self) -> LSH | None:
        """The LSH index of this run's and recent runs' signatures (None when near-duplicates are off)."""
        if self.lsh is None and self.threshold > 0:
            self.lsh = LSH(self.threshold, self.num_perm)
        return self.lsh

    def _load_signatures(self) -> None:
        store = self._signatures()
        if store is None:
            return
        since = (datetime.now(UTC) - timedelta(days=self.window_days)).isoformat(timespec="seconds")
        rows = iter(store.recent_signatures(since))
        first = next(rows, None)
        lsh = self._index() if first is not None else None
        if first is not None and lsh is not None:
            for url, blob in itertools.chain([first], rows):
                # datasketch 2.x's hash values (affine32: uint32), as this run makes them (pipelines/minhash.py)
                if len(blob) == 4 * self.num_perm and url not in self.lsh_keys:
                    values = np.frombuffer(blob, dtype=np.uint32)
                    lsh.insert(url, values)
                    self.lsh_keys[url] = values
        self.stats.set_value("newsproj/dedup/signatures_loaded", len(self.lsh_keys))

    # ------------------------------------------------------------------ before export

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        strip_url_credentials(item)
        self._check_canonical(item)
        url = item.canonicalUrl
        ledger, store = self.ledger, self.ledger.store
        if url in ledger.urls:
            where = "output_file" if url in ledger.in_output else "same_url"
            self.stats.inc_value(f"newsproj/dedup/{where}")
            if where == "output_file" and ledger.note_found(url):
                self.stats.inc_value(FOUND_AGAIN)  # (a paused part of the run wrote it: counted there)
            raise DuplicateArticle(f"{item.url}: canonical URL {url} already exported", log_level="DEBUG")
        if url in self.passing_urls:  # passed just before, not yet written (see ``passing_urls``)
            self.stats.inc_value("newsproj/dedup/same_url")
            raise DuplicateArticle(f"{item.url}: canonical URL {url} already being exported", log_level="DEBUG")
        folded = folded_body(item.articleBody)  # (not before: a page whose URL is exported already is dropped
        fp = folded_fingerprint(folded)        # without it; the near-duplicate shingles are cut from it too)
        owner = ledger.bodies.get(fp) or self.passing_bodies.get(fp)
        if owner is not None and self._other_site(item, owner):
            pass
        elif owner is not None:
            self.stats.inc_value("newsproj/dedup/same_content")
            raise DuplicateArticle(f"{item.url}: same content as {owner}", log_level="DEBUG")
        if store is not None:
            stored = ledger.previous(url)  # (an earlier release keyed some URLs by another form: see there)
            key, seen = stored if stored is not None else (url, None)
            if seen is not None and seen.fingerprint == fp:
                self.stats.inc_value("newsproj/dedup/unchanged")
                # Same content as exported: remember that it was still current when downloaded, so a sitemap
                # lastmod bumped without a change does not make every later run fetch it again; under its own
                # key when it was found under an earlier release's (shared) form, so later runs know it unfetched.
                checked = item.metadata.dateDownloaded if item.metadata else None
                if (checked and checked != seen.lastmod) or key != url:
                    try:
                        ledger.record(url, Seen(fingerprint=fp, emitted_at=seen.emitted_at,
                                                lastmod=checked or seen.lastmod))
                    except Exception as exc:  # noqa: BLE001 - as a durable batch's: the run's state failed
                        self._not_saved(exc, 1, f"the check date of {url} (it may be fetched again)")
                if ledger.note_found(url):
                    self.stats.inc_value(FOUND_AGAIN)
                raise UnchangedArticle(f"{item.url}: unchanged since {seen.emitted_at}", log_level="DEBUG")
            owner = store.owner_of(fp)
            if owner is not None and owner not in (url, key) and self._other_site(item, owner):
                pass
            elif owner is not None and owner not in (url, key):
                self.stats.inc_value("newsproj/dedup/same_content_earlier_run")
                raise DuplicateArticle(f"{item.url}: same content as {owner} (earlier run)", log_level="DEBUG")
            if seen is not None and key != url:  # (one of the articles an earlier release's key was shared by)
                self.stats.inc_value("newsproj/dedup/old_form_other")
            elif seen is not None:
                self.stats.inc_value("newsproj/dedup/changed")
                logger.info("Changed since %s, emitting again: %s", seen.emitted_at, url)
        minhash = self._near_duplicate(item, folded)
        self.pending[id(item)] = (fp, minhash)
        self.passing_urls[url] = id(item)
        self.passing_bodies[fp] = url
        if minhash is not None:
            if self.passing_lsh is None:
                self.passing_lsh = LSH(self.threshold, self.num_perm)
            self.passing_lsh.insert(url, minhash)
            self.passing_sigs[url] = minhash
        return item

    def _check_canonical(self, item: Article) -> None:
        """A canonical URL naming another site than the page is a claim: kept in metadata, not used."""
        claim = item.canonicalUrl
        if not claim or trusted_canonical(item.url, claim):
            return
        item.canonicalUrl = canonical_url(item.url)
        if item.metadata is not None:
            item.metadata.canonicalClaim = claim
        self.stats.inc_value("newsproj/dedup/canonical_claim_ignored")
        logger.info("Canonical URL on another site ignored (kept as metadata.canonicalClaim): %s claims %s",
                    item.url, claim)

    def _other_site(self, item: Article, owner: str) -> bool:
        """``owner`` (the record with this text) is of another site: mark the copy instead of dropping it."""
        if site_of(owner) == site_of(item.url):
            return False
        if item.metadata is not None:
            item.metadata.duplicateOf = owner
        self.stats.inc_value("newsproj/dedup/same_content_other_site")
        logger.info("Same text as %s (another site), exported and marked: %s", owner, item.url)
        return True

    def _passed(self, item: Article, fp: str) -> None:
        """The item has left the engine (written or failed): it no longer blocks its URL and content here."""
        self.marked_in_flight.pop(id(item), None)
        if self.passing_urls.get(item.canonicalUrl) == id(item):
            del self.passing_urls[item.canonicalUrl]
            if self.passing_bodies.get(fp) == item.canonicalUrl:
                del self.passing_bodies[fp]
            if self.passing_sigs.pop(item.canonicalUrl, None) is not None and self.passing_lsh is not None:
                self.passing_lsh.remove(item.canonicalUrl)

    def _near_duplicate(self, item: Article, folded: bytes) -> np.ndarray | None:
        lsh = self._index()
        if lsh is None:
            return None
        minhash = signature(folded_shingles(folded, self.shingle_size), self.num_perm)
        best = self._closest(lsh, item.canonicalUrl, minhash)
        if best is not None and item.metadata is not None:
            item.metadata.nearDuplicateOf = best
            if best not in self.lsh_keys:  # (one not yet written)
                self.marked_in_flight[id(item)] = item
            self.stats.inc_value("newsproj/dedup/near_duplicate")
            logger.info("Near-duplicate of %s: %s", best, item.url)
        return minhash

    def _closest(self, lsh: LSH, url: str, minhash: np.ndarray) -> str | None:
        """The record, written or passed and not yet written, that ``minhash`` (of ``url``) most nearly repeats."""
        known = {key: self.lsh_keys[key] for key in lsh.query(minhash) if key != url}
        if self.passing_lsh is not None:  # (passed, not yet written: held by a later pipeline, or in flight)
            known.update((key, self.passing_sigs[key]) for key in self.passing_lsh.query(minhash) if key != url)
        return max(sorted(known), key=lambda key: jaccard(minhash, known[key])) if known else None

    def _unmark(self, url: str) -> None:
        """``url``'s record was dropped before it was written: the items still in flight marked a near-copy of it
        are marked again, with the closest record left (or none)."""
        lsh = self.lsh
        for key, item in list(self.marked_in_flight.items()):
            if item.metadata is None or item.metadata.nearDuplicateOf != url:
                continue
            minhash = self.pending[key][1] if key in self.pending else None
            best = self._closest(lsh, item.canonicalUrl, minhash) if lsh is not None and minhash is not None else None
            item.metadata.nearDuplicateOf = best
            if best is None or best in self.lsh_keys:
                del self.marked_in_flight[key]
            if best is None:
                self.stats.inc_value("newsproj/dedup/near_duplicate", -1)
            logger.info("Near-duplicate of %s, dropped before it was written: now of %s: %s", url, best, item.url)

    # ------------------------------------------------------------------ after export

    def record_written(self, item: Any) -> None:
        """The feeds hold the record: the run remembers it now, the store once it is durable."""
        if not isinstance(item, Article) or id(item) not in self.pending:
            return
        fp, minhash = self.pending.pop(id(item))
        self.ledger.add(item.canonicalUrl, fp)
        self._passed(item, fp)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        blob = None
        if minhash is not None and self.lsh is not None:
            # a changed article: its new text replaces the old (insert replaces a key's bands)
            self.lsh.insert(item.canonicalUrl, minhash)
            self.lsh_keys[item.canonicalUrl] = minhash
            blob = minhash.tobytes()
        if self.ledger.store is not None:
            alias = _alias(item.url, item.canonicalUrl)
            self.staged.append((item.canonicalUrl, Seen(fingerprint=fp, emitted_at=now), blob, alias))

    def _restore(self, url: str, record: dict[str, Any]) -> tuple[bytes | None, str | None]:
        """What :meth:`record_written` staged beside a record, for one the ledger adopts from a durable output
        whose run died before its state save (``Ledger.adopt``): its signature, also indexed for this run (a
        later near-duplicate is marked), and its alias, from the record as written. The alias is the one staged;
        the signature is of the body as written, which is the body signed here unless a later pipeline changed it
        (template lines cut, ``pipelines/template.py``)."""
        blob = None
        lsh, body = self._index(), record.get("articleBody")
        if lsh is not None and isinstance(body, str):
            minhash = signature(folded_shingles(folded_body(body), self.shingle_size), self.num_perm)
            lsh.insert(url, minhash)
            self.lsh_keys[url] = minhash
            if self._signatures() is not None:
                blob = minhash.tobytes()
        fetched = record.get("url")
        return blob, _alias(fetched, url) if isinstance(fetched, str) else None

    def records_durable(self) -> bool:
        """Commit what the feeds now hold durably to the cross-run state; False when the store failed. A store that
        fails (a disk full, Redis gone) fails the run's state, not its output: logged and counted, and the run
        exits non-zero (``commands/crawl.py``); those records were written but are not remembered, so a later run
        may emit them again (not for a per-run file: left unpublished, see ``feeds.CheckedFeedExporter``)."""
        staged, self.staged = self.staged, []
        # with a killed run's records this run carried into its file (a Parquet journal: Ledger.adopt)
        adopted, adopted_signatures, adopted_aliases = self.ledger.take_deferred()
        if self.ledger.store is None or not (staged or adopted):
            return True
        with_signatures = self._signatures() is not None
        try:
            self.ledger.commit([*adopted, *((url, seen) for url, seen, _, _ in staged)],
                               [*adopted_signatures, *((url, seen.emitted_at, blob) for url, seen, blob, _ in staged
                                                       if blob is not None and with_signatures)],
                               [*adopted_aliases, *((alias, url) for url, _, _, alias in staged if alias is not None)])
        except Exception as exc:  # noqa: BLE001 - any backend's error: the operator reads the reason
            self._not_saved(exc, len(staged) + len(adopted), f"{len(staged) + len(adopted)} records written to "
                            "the feed are not remembered in the state; a later run may emit them again")
            return False
        self.stats.inc_value("newsproj/state/recorded", len(staged) + len(adopted))
        return True

    def _not_saved(self, exc: Exception, records: int, what: str) -> None:
        """The state store failed to save ``records`` (a disk full, Redis gone): one line, counted, and the run
        exits 5 (``commands/crawl.py``)."""
        reason = type(exc).__name__
        self.stats.inc_value(f"newsproj/state/not_saved/{reason}", records)
        if not self.stats.get_value("newsproj/state/failed"):
            self.stats.set_value("newsproj/state/failed", f"{reason}: {exc}")
        logger.error("State not saved (%s: %s): %s", reason, exc, what)

    def record_failed(self, item: Any, reason: str = "") -> None:
        """Not written (or not to every feed): forgotten, as if it had never been emitted."""
        self.item_dropped(item)

    def item_scraped(self, item: Any) -> None:
        """After the feed exporter's handler: an item still pending was not handled by a feed (no FEEDS at all):
        remembered for this run only, since nothing holds it."""
        if not isinstance(item, Article) or id(item) not in self.pending:
            return
        fp, _ = self.pending.pop(id(item))
        self.ledger.add(item.canonicalUrl, fp)
        self._passed(item, fp)

    def item_dropped(self, item: Any) -> None:
        """Dropped or failed after this pipeline passed it (a pipeline after it, a feed that failed to write)."""
        pending = self.pending.pop(id(item), None)
        if pending is not None and isinstance(item, Article):
            self._passed(item, pending[0])
            if self.marked_in_flight:
                self._unmark(item.canonicalUrl)
