"""Close-time health checks (spidermon): is this run's output trustworthy? A failed run exits non-zero.

``SPIDERMON_SPIDER_CLOSE_MONITORS = ("newsproj.monitors.SpiderCloseMonitorSuite",)``. What is normal is per site, so
a run is judged against the site's own recent runs (the manifests in ``STATE_DIR/runs/<site>/``, each with the
``health`` figures of :func:`health_metrics`); a first run is failed only for what cannot be normal:

- **Nothing found** (any run): no article exported or known — the site refused connections, its seeds answered
  403/404, or every request failed. The reason names the failures (and the setting, for a refused local seed).
- **Blocked** (any run): ``NEWSPROJ_MONITOR_MAX_BLOCKED`` (0.5) or more of the article pages answered 401/403/451
  (at least 3): a site that started blocking us, even when the known articles are not refetched.
- **Finish reason**: not ``finished``/``closespider_*`` (a ``shutdown`` with ``JOBDIR`` is a pause).
- **Drift from the site's recent runs** (median of the last ``NEWSPROJ_MONITOR_HISTORY`` successful ones):
  articles found below ``NEWSPROJ_MONITOR_COLLAPSE_RATIO`` × usual; a field's coverage (null and empty are not
  coverage), the share of article links that were not articles, of pages dropped as failed/invalid, of site-rule
  fallbacks per field, or of failed requests, moved by ``NEWSPROJ_MONITOR_MAX_DRIFT`` (0.25) or more in the bad
  direction; the median article body ``NEWSPROJ_MONITOR_BODY_RATIO`` (2) times shorter or longer. Each share is
  compared only when both sides rest on at least 10 pages.

Refusals by policy (robots.txt, scope, SSRF, content guards, our limits) are not errors
(:func:`newsproj.middlewares.outcomes.is_error`). Optional absolute limits, off by default:
``NEWSPROJ_MONITOR_MAX_ERROR_RATE``, ``NEWSPROJ_MONITOR_MAX_DROP_RATE``, ``NEWSPROJ_MONITOR_MIN_COVERAGE``.

On failure, :class:`MarkRunFailed` logs each reason as an ERROR and sets ``newsproj/monitor/failed``,
``newsproj/monitor/failures`` and ``newsproj/monitor/symptoms``; the run manifest copies them
(``status: "failed"``) and a few affected pages kept by :class:`HealthSampler` (URL + HTML, bounded) are saved
beside it in ``<run-id>.pages/``; the ``crawl`` command exits with status 3.
"""

from __future__ import annotations

import heapq
import logging
import statistics
import warnings
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals
from spidermon import Monitor, MonitorSuite, monitors
from spidermon.core.actions import Action

from .feeds import FEED_UNAVAILABLE, site_key, write_json
from .history import DROP_PREFIX, articles_found, recent_runs
from .items import Article
from .middlewares.config import parse_coverage
from .middlewares.outcomes import PAGE_WITHOUT_RECORD, ROLE, is_error

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response

# spidermon 1.27's runner logs through Spider.log(), deprecated in Scrapy 2.19: one warning per monitor in every
# run's log. Only that call site is silenced (the same narrow filter as in pyproject's pytest settings).
warnings.filterwarnings(
    "ignore", message=r"Spider\.log\(\) is deprecated", module="spidermon.contrib.scrapy.runners"
)

logger = logging.getLogger(__name__)

MIN_SAMPLE = 10
"""Pages a share must rest on (in this run and in the history) to be compared."""
WATCHED = ("headline", "articleBody", "datePublished", "authors", "description", "mainImage", "inLanguage")
BLOCKING = ("http_401", "http_403", "http_451")
MAX_PAGE_BYTES = 512 * 1024
OK = "newsproj/fetch/ok/"
FAILED = "newsproj/fetch/failed/"
ARTICLE_FAILED = "newsproj/fetch/article_failed/"


def _sum(stats: dict[str, Any], prefix: str) -> int:
    return sum(int(v) for k, v in stats.items() if k.startswith(prefix) and isinstance(v, int | float))


FAILED_DROPS = ("ExtractionFailed", "PageTimedOut", "InvalidArticle")
"""Drops that are failures of a page that looked like an article (``PageTimedOut``, a page over
``NEWSPROJ_PAGE_TIME_LIMIT``, is an ExtractionFailed counted under its own class name)."""


def _share(part: float, whole: float) -> dict[str, float] | None:
    return {"share": round(min(part / whole, 1.0), 4), "n": whole} if whole else None


def health_metrics(stats: dict[str, Any]) -> dict[str, Any]:
    """This run's health figures, from its stats (kept in the manifest: the next runs' history)."""
    exported = stats.get("item_scraped_count", 0)
    errors = {k[len(FAILED):]: v for k, v in stats.items() if k.startswith(FAILED) and is_error(k[len(FAILED):])}
    ok = _sum(stats, OK)
    article_ok = stats.get(f"{OK}article", 0)
    article_failed = _sum(stats, ARTICLE_FAILED)
    blocked = sum(stats.get(f"{ARTICLE_FAILED}{r}", 0) for r in BLOCKING)
    not_article = stats.get("newsproj/discovery/article_link_was_not_article", 0)  # a listing or NotAnArticle
    bad = sum(stats.get(f"{DROP_PREFIX}{reason}", 0) for reason in FAILED_DROPS)
    extracted = stats.get("newsproj/extract/ok", 0)
    coverage = {}
    if exported:
        for field in WATCHED:
            value = stats.get(f"spidermon_field_coverage/Article/{field}")
            if value is not None or stats.get("spidermon_item_scraped_count"):
                coverage[field] = {"share": round(float(value or 0.0), 4), "n": exported}
    fallback = {
        k.rsplit("/", 1)[1]: _share(v, extracted)
        for k, v in stats.items() if k.startswith("newsproj/extract/fallback/") and extracted
    }
    return {
        "articles_found": articles_found(stats),
        "exported": exported,
        "responses": ok,
        "errors": dict(sorted(errors.items())),
        "error_rate": _share(sum(errors.values()), ok + sum(errors.values())),
        "blocked": _share(blocked, article_ok + article_failed),
        "not_article": _share(not_article, article_ok),
        "failed_extraction": _share(bad, extracted + bad),
        "coverage": coverage,
        "fallback": {k: v for k, v in fallback.items() if v},
        "body_median": stats.get("newsproj/health/body_median"),
        "bodies": stats.get("newsproj/health/bodies", 0),
        "seeds_without_links": _sum(stats, "newsproj/discovery/seed_without_links/"),
    }


def _usual(history: list[dict[str, Any]], get) -> float | None:
    """Median of a figure over the history's runs that have it (with enough pages), or None."""
    values = []
    for run in history:
        try:
            value = get(run["health"])
        except (KeyError, TypeError):
            continue
        if isinstance(value, dict):
            value = value["share"] if value.get("n", 0) >= MIN_SAMPLE else None
        if isinstance(value, int | float):
            values.append(float(value))
    return statistics.median(values) if values else None


class _Base(Monitor):
    @property
    def crawler(self) -> Crawler:
        return self.data.crawler

    @property
    def settings(self):
        return self.crawler.settings

    @property
    def stats(self):
        return self.data.stats

    def health(self) -> dict[str, Any]:
        return health_metrics(dict(self.stats))

    def history(self) -> list[dict[str, Any]]:
        if self.settings.get("REDIS_URL"):
            return []  # one worker of a shared crawl holds a share of it: its figures are no run's to compare
        count = self.settings.getint("NEWSPROJ_MONITOR_HISTORY", 5)
        runs = recent_runs(self.settings.get("STATE_DIR"), site_key(self.data.spider), count * 3)
        return [run for run in runs if run.get("status") == "ok" and isinstance(run.get("counts"), dict)][-count:]

    def paused(self) -> bool:
        """A pause (``shutdown`` with ``JOBDIR``): the run is partial, the next one resumes it; or a run refused
        before its first request (a feed that cannot be opened, exit 2 with its own line): no run to judge, where
        the checks said "nothing found" and a finish reason failed beside the refusal."""
        reason = self.stats.get("finish_reason")
        return (reason == "shutdown" and bool(self.settings.get("JOBDIR"))) or reason == FEED_UNAVAILABLE

    def fail_with(self, message: str, *symptoms: str) -> None:
        """Fail this check; ``symptoms`` say which kept pages illustrate it (saved beside the manifest)."""
        known = list(self.crawler.stats.get_value("newsproj/monitor/symptoms") or [])
        self.crawler.stats.set_value("newsproj/monitor/symptoms", known + [s for s in symptoms if s not in known])
        raise AssertionError(message)


WARC_SKIPPED = "newsproj/warc/skipped/"


def _top(stats: dict[str, Any], prefix: str) -> list[tuple[str, Any]]:
    """The four most frequent reasons counted under ``prefix``, most frequent first."""
    counts = {k[len(prefix):]: v for k, v in stats.items() if k.startswith(prefix)}
    return sorted(counts.items(), key=lambda kv: -kv[1])[:4]


def _counted(top: list[tuple[str, Any]]) -> str:
    return ", ".join(f"{reason} ×{count}" for reason, count in top)


def _diagnosis(health: dict[str, Any], stats: dict[str, Any]) -> str:
    """Why a run found nothing: its failures, most frequent first, and a hint for a refused local site."""
    top = _top(stats, FAILED)
    if not top:
        text = f"{health['responses']} responses, none led to an article"
        # the warc spider: records its filters (-a hosts, site, since, until, languages) or kinds left out
        skipped = _top(stats, WARC_SKIPPED)
        return text + (f"; WARC records skipped: {_counted(skipped)}" if skipped else "")
    text = _counted(top)
    if any(reason in ("ssrf_loopback", "ssrf_private") for reason, _ in top):
        text += " (a local site? -s NEWSPROJ_ALLOW_PRIVATE=1)"
    errors = sum(health["errors"].values())
    lead = "every request failed" if errors and not health["responses"] else f"{health['responses']} responses"
    return f"{lead}; requests failed: {text}"


@monitors.name("Run health")
class RunHealthMonitor(_Base):
    @monitors.name("Finish reason")
    def test_finish_reason(self):
        reason = self.stats.get("finish_reason")
        expected = self.settings.getlist(
            "NEWSPROJ_MONITOR_FINISH_REASONS",
            ["finished", "closespider_itemcount", "closespider_pagecount", "closespider_timeout"],
        )
        if self.paused():
            return  # the next run with the same JOBDIR resumes
        assert reason in expected, f"finish reason {reason!r} (expected one of {', '.join(expected)})"

    @monitors.name("Something found")
    def test_something_found(self):
        health = self.health()
        if self.paused():
            return
        if self.settings.get("REDIS_URL") and (health["responses"] or not health["errors"]):
            return  # one of several workers of a shared crawl: the others may have fetched the articles
        if health["articles_found"] == 0:
            self.fail_with(f"nothing found: no article exported or known; {_diagnosis(health, dict(self.stats))}",
                           "http_error", "not_article", "extraction_failed")

    @monitors.name("Not blocked")
    def test_not_blocked(self):
        limit = self.settings.getfloat("NEWSPROJ_MONITOR_MAX_BLOCKED", 0.5)
        blocked = self.health()["blocked"]
        if limit <= 0 or not blocked:
            return
        count = round(blocked["share"] * blocked["n"])
        if count >= 3 and blocked["share"] >= limit:
            statuses = ", ".join(f"{r[5:]} ×{self.stats.get(ARTICLE_FAILED + r)}" for r in BLOCKING
                                 if self.stats.get(ARTICLE_FAILED + r))
            self.fail_with(f"blocked: {count} of {blocked['n']:g} article pages answered {statuses}; the site "
                           f"refuses us", "http_error")

    @monitors.name("Articles found vs recent runs")
    def test_no_collapse(self):
        ratio = self.settings.getfloat("NEWSPROJ_MONITOR_COLLAPSE_RATIO", 0.5)
        history = [] if self.paused() else self.history()
        runs = [run["counts"]["articles_found"] for run in history if "articles_found" in run["counts"]]
        if ratio <= 0 or not runs:
            return
        found, usual = articles_found(self.stats), statistics.median(runs)
        if found < ratio * usual:
            self.fail_with(
                f"collapse: {found} articles found, the last {len(runs)} runs of {site_key(self.data.spider)} "
                f"found {usual:g} (median); the site may have changed its template or blocked us",
                "not_article", "extraction_failed", "http_error",
            )

    @monitors.name("Output vs recent runs")
    def test_no_drift(self):
        drift = self.settings.getfloat("NEWSPROJ_MONITOR_MAX_DRIFT", 0.25)
        ratio = self.settings.getfloat("NEWSPROJ_MONITOR_BODY_RATIO", 2.0)
        history = [] if self.paused() else self.history()
        if not history:
            return  # a first run (or a pause: partial figures): only what cannot be normal fails (the checks above)
        now = self.health()
        problems: list[str] = []
        symptoms: list[str] = []

        def compare(label: str, current: dict[str, float] | None, usual: float | None, sign: int,
                    symptom: str) -> None:
            if drift <= 0 or usual is None or not current or current["n"] < MIN_SAMPLE:
                return
            if sign * (current["share"] - usual) >= drift:
                problems.append(f"{label} {current['share']:.0%} (usually {usual:.0%})")
                symptoms.append(symptom)

        for field, current in now["coverage"].items():
            compare(f"{field} coverage", current, _usual(history, lambda h, f=field: h["coverage"][f]), -1,
                    f"missing:{field}")
        compare("article links that were not articles", now["not_article"],
                _usual(history, lambda h: h["not_article"]), +1, "not_article")
        compare("pages failing extraction", now["failed_extraction"],
                _usual(history, lambda h: h["failed_extraction"]), +1, "extraction_failed")
        for field, current in now["fallback"].items():
            usual = _usual(history, lambda h, f=field: h["fallback"].get(f) or {"share": 0.0, "n": MIN_SAMPLE})
            compare(f"site-rule fallbacks for {field}", current, usual, +1, "exported")
        compare("failed requests", now["error_rate"], _usual(history, lambda h: h["error_rate"]), +1, "http_error")
        median, usual_median = now["body_median"], _usual(
            history, lambda h: h["body_median"] if h.get("bodies", 0) >= MIN_SAMPLE else None)
        if ratio > 0 and median is not None and usual_median and now["bodies"] >= MIN_SAMPLE:
            if median * ratio <= usual_median:
                problems.append(f"median body {median:g} characters (usually {usual_median:g})")
                symptoms.append("short_body")
            elif median >= usual_median * ratio:
                problems.append(f"median body {median:g} characters (usually {usual_median:g})")
                symptoms.append("long_body")
        if problems:
            self.fail_with(f"output drifted from the last {len(history)} runs of {site_key(self.data.spider)}: "
                           f"{'; '.join(problems)}", *symptoms)

    @monitors.name("Absolute limits")
    def test_absolute_limits(self):
        """Opt-in floors and ceilings for operators who want them (all off by default)."""
        now = self.health()
        problems: list[str] = []
        symptoms: list[str] = []
        max_errors = self.settings.getfloat("NEWSPROJ_MONITOR_MAX_ERROR_RATE", 0)
        rate = now["error_rate"]
        if max_errors > 0 and rate and rate["n"] >= MIN_SAMPLE and rate["share"] > max_errors:
            problems.append(f"error rate {rate['share']:.0%} over {max_errors:.0%}")
            symptoms.append("http_error")
        max_drops = self.settings.getfloat("NEWSPROJ_MONITOR_MAX_DROP_RATE", 0)
        drops = now["failed_extraction"]
        if max_drops > 0 and drops and drops["n"] >= MIN_SAMPLE and drops["share"] > max_drops:
            problems.append(f"drop rate {drops['share']:.0%} over {max_drops:.0%}")
            symptoms.append("extraction_failed")
        floors = parse_coverage(self.settings.get("NEWSPROJ_MONITOR_MIN_COVERAGE"))
        if floors and now["exported"] >= MIN_SAMPLE:
            for field, minimum in floors.items():
                coverage = float(self.stats.get(f"spidermon_field_coverage/Article/{field}", 0.0))
                if coverage < minimum:
                    problems.append(f"{field} coverage {coverage:.0%} < {minimum:.0%}")
                    symptoms.append(f"missing:{field}")
        if problems:
            self.fail_with("; ".join(problems), *symptoms)


class MarkRunFailed(Action):
    """Log each failure as an ERROR and put them in the stats (read by the manifest and the crawl command)."""

    def run_action(self):
        failures = []
        for result in self.result.monitors_failed_results:
            message = (result.error or "").strip().splitlines()[-1:] or [""]
            reason = message[0].split("AssertionError: ", 1)[-1] or result.item.name
            failures.append(f"{result.item.name}: {reason}")
        stats = self.data.crawler.stats
        stats.set_value("newsproj/monitor/failed", 1)
        stats.set_value("newsproj/monitor/failures", failures)
        for failure in failures:
            logger.error("Run failed a check: %s", failure)


class SpiderCloseMonitorSuite(MonitorSuite):
    monitors = [RunHealthMonitor]
    monitors_failed_actions = [MarkRunFailed]


class HealthSampler:
    """Extension (before spidermon's): the figures the checks need that stats alone do not give (median article
    body), and a few pages per symptom (URL + HTML, at most ``NEWSPROJ_MONITOR_SAVE_PAGES`` each, 512 KB a page),
    saved beside the manifest when a check fails: a broken template is seen the day it breaks."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.keep = crawler.settings.getint("NEWSPROJ_MONITOR_SAVE_PAGES", 5)
        self.bodies: list[int] = []
        self.pages: dict[str, list[tuple[str, bytes, str]]] = defaultdict(list)
        self.shortest: list[tuple[int, int, str, bytes]] = []  # heap of (-length, n, url, html): the shortest kept
        self.longest: list[tuple[int, int, str, bytes]] = []
        self.count = 0
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.page_without_record, signal=PAGE_WITHOUT_RECORD)
        crawler.signals.connect(self.response_received, signal=signals.response_received)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def _keep(self, symptom: str, response: Response | None, note: str = "") -> None:
        if response is None or len(self.pages[symptom]) >= self.keep:
            return
        self.pages[symptom].append((response.url, bytes(response.body[:MAX_PAGE_BYTES]), note))

    def item_scraped(self, item: Any, response: Response | None = None, **kwargs: Any) -> None:
        # a record of ours has every field as an attribute (ItemAdapter: ~7 us an item, for a few reads)
        get = item.__getattribute__ if type(item) is Article else ItemAdapter(item).get
        body = get("articleBody") or ""
        self.bodies.append(len(body))
        for field in WATCHED:
            if not get(field):
                self._keep(f"missing:{field}", response)
        self._keep("exported", response)
        if response is not None and self.keep:
            self.count += 1
            html = None  # copied only for a page that goes into a heap (not one copy of up to 512 KB a record)
            for heap, key in ((self.shortest, -len(body)), (self.longest, len(body))):
                if len(heap) < self.keep or (key, self.count) > heap[0][:2]:  # (count is unique: never a tie)
                    html = bytes(response.body[:MAX_PAGE_BYTES]) if html is None else html
                    entry = (key, self.count, response.url, html)
                    if len(heap) < self.keep:
                        heapq.heappush(heap, entry)
                    else:
                        heapq.heapreplace(heap, entry)

    def item_dropped(self, item: Any, response: Response | None = None, exception: Exception | None = None,
                     **kwargs: Any) -> None:
        name = type(exception).__name__
        if name == "NotAnArticle":
            self._keep("not_article", response, str(exception))
        elif name in FAILED_DROPS:
            self._keep("extraction_failed", response, f"{name}: {exception}")

    def page_without_record(self, response: Response, outcome: Any, **kwargs: Any) -> None:
        """A page extraction judged a listing or dropped (sent by the spider, see ``outcomes.PAGE_WITHOUT_RECORD``)."""
        drop = getattr(outcome, "drop", None)
        if type(drop).__name__ in FAILED_DROPS:
            self._keep("extraction_failed", response, f"{type(drop).__name__}: {drop}")
        elif response.meta.get(ROLE) == "article":  # an article link that was not an article
            self._keep("not_article", response, f"listing: {outcome.listing}" if outcome.listing else f"{drop}")

    def response_received(self, response: Response, request: Any = None, **kwargs: Any) -> None:
        role = request.meta.get(ROLE) if request is not None else None
        if response.status >= 400 and role:  # the spider's requests (not robots.txt, nor the consent files)
            self._keep("http_error", response, f"HTTP {response.status} ({role})")

    def spider_closed(self, reason: str) -> None:
        stats = self.crawler.stats
        stats.set_value("newsproj/health/bodies", len(self.bodies))
        if self.bodies:
            stats.set_value("newsproj/health/body_median", statistics.median(self.bodies))

    def samples(self, symptom: str) -> list[tuple[str, bytes, str]]:
        if symptom == "short_body":
            return [(url, html, f"{-key} characters") for key, _, url, html in sorted(self.shortest, reverse=True)]
        if symptom == "long_body":
            return [(url, html, f"{key} characters") for key, _, url, html in sorted(self.longest, reverse=True)]
        return self.pages.get(symptom, [])

    def save(self, folder: Path, symptoms: list[str]) -> int:
        """Write the kept pages of ``symptoms`` to ``folder`` (``index.json`` + one ``.html`` per page)."""
        index: list[dict[str, str]] = []
        seen: set[tuple[str, str]] = set()
        for symptom in symptoms:
            for url, html, note in self.samples(symptom):
                if (symptom, url) in seen:
                    continue
                seen.add((symptom, url))
                if not index:
                    folder.mkdir(parents=True, exist_ok=True)
                name = f"{len(index) + 1:03d}.html"
                (folder / name).write_bytes(html)
                index.append({"symptom": symptom, "url": url, "file": name, "note": note})
        if index:
            write_json(folder / "index.json", index)
        return len(index)


def sampler(crawler: Crawler) -> HealthSampler | None:
    """The crawl's :class:`HealthSampler` extension, if enabled."""
    return crawler.get_extension(HealthSampler)


def save_affected_pages(crawler: Crawler, folder: Path) -> str | None:
    """For a failed run: save the pages kept for its symptoms under ``folder``; returns the folder's name."""
    symptoms = list(crawler.stats.get_value("newsproj/monitor/symptoms") or [])
    kept = sampler(crawler)
    if not symptoms or kept is None or not kept.save(folder, symptoms):
        return None
    return folder.name

