"""Scrapy settings for newsproj: short and declarative. Every value can be overridden with ``-s``."""

from scrapy.settings import default_settings as _scrapy_defaults

BOT_NAME = "newsproj"
SPIDER_MODULES = ["newsproj.spiders"]
NEWSPIDER_MODULE = "newsproj.spiders"
COMMANDS_MODULE = "newsproj.commands"

# Honest identity; operators should point NEWSPROJ_CONTACT_URL at their own page. SafetyAddon derives
# USER_AGENT = "newsproj/VERSION (+NEWSPROJ_CONTACT_URL)" from it (an explicit -s USER_AGENT wins), checks every
# NEWSPROJ_* value before the first request and turns on log redaction (newsproj/middlewares/config.py).
NEWSPROJ_CONTACT_URL = "https://github.com/newsproj/newsproj"
ADDONS = {
    "newsproj.middlewares.config.SafetyAddon": 0,
    # Optional behaviour; switches itself off unless REDIS_URL is given (distributed mode, docs/distributed.md).
    "newsproj.addons.RedisAddon": 100,
}

# Politeness.
ROBOTSTXT_OBEY = True
# Protego over a robots.txt's first 500 KiB (RFC 9309's limit): a huge one cost every URL its parse (robots.py)
ROBOTSTXT_PARSER = "newsproj.discovery.robots.BoundedRobotParser"
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 8
# Items handled at once per response. A page yields one item; Scrapy starts this many worker tasks for every
# response's output (100 by default: ~100 asyncio tasks a page, ~1 ms of CPU each page for nothing).
CONCURRENT_ITEMS = 8
# Scrapy 2.19's downloader ignores the per-domain cap under the asyncio reactor; ours enforces it (compat.py).
DOWNLOADER = "newsproj.compat.PerSlotCapDownloader"
# Scrapy's in-memory stats, read without Scrapy 2.19's per-attribute hook (an exception a count: compat.py)
STATS_CLASS = "newsproj.compat.StatsCollector"
# A link is requested with its tracking parameters (utm_*...), which duplicate detection ignores (fingerprint.py)
REQUEST_FINGERPRINTER_CLASS = "newsproj.fingerprint.TrackerFreeFingerprinter"
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
RETRY_TIMES = 2
DOWNLOAD_TIMEOUT = 30

# Bad content: cap what one response may cost.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# Crawl shape: articles before listings, depth-first within priorities, bounded listing depth.
DEPTH_PRIORITY = 0
NEWSPROJ_MAX_LISTING_DEPTH = 6
NEWSPROJ_MAX_URL_LENGTH = 2000
NEWSPROJ_MAX_QUERY_PARAMS = 6

# Our components (middlewares, pipelines, extensions) sit in Scrapy's _BASE dicts, beside Scrapy's own: a user's
# `-s DOWNLOADER_MIDDLEWARES='{"x.Mw": 543}'` (or ITEM_PIPELINES, SPIDER_MIDDLEWARES, EXTENSIONS) replaced the
# project's dict whole, and silently took ours away — the SSRF guard, scope, content guards and charset repair; the
# validation, dedup and consent pipelines (unvalidated records, STATE_DIR learning nothing); the checked feed, checks,
# manifest, stats file and kill-safe JOBDIR (exit 0 whatever the run found; a finished JOBDIR left every URL seen,
# so the next run fetched no article). A user's dict adds to these; `"newsproj....Class": null` turns one off.
DOWNLOADER_MIDDLEWARES_BASE = {
    **_scrapy_defaults.DOWNLOADER_MIDDLEWARES_BASE,
    # Safety first: credentials out of URLs, then only public http(s) addresses (NEWSPROJ_ALLOW_PRIVATE).
    "newsproj.middlewares.redact.CredentialsMiddleware": 30,
    "newsproj.middlewares.ssrf.SSRFGuard": 40,
    # Scrapy's offsite middleware ignores ports; ours keeps requests on the seeds' host:port.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "newsproj.middlewares.scope.ScopeMiddleware": 50,
    # Crawl-delay, Retry-After and 429/503 backoff per host:port (sees 429/503 before RetryMiddleware at 550).
    "newsproj.middlewares.politeness.PolitenessMiddleware": 555,
    # A link with tracking parameters the site answers 404/400/410 for them: asked once more without them.
    "newsproj.middlewares.tracking.UntrackedRetryMiddleware": 590,
    # Responses, outermost first: non-text Content-Type / oversize stopped from headers (950), redirect
    # loops (650), empty or binary bodies after decompression (575), charset repaired from the bytes (570).
    "newsproj.middlewares.guards.HeadersGuard": 950,
    "newsproj.middlewares.guards.RedirectGuard": 650,
    "newsproj.middlewares.guards.BodyGuard": 575,
    "newsproj.middlewares.charset.CharsetMiddleware": 570,
    # Scrapy's, reading the head's bytes instead of decoding the whole body (newsproj/middlewares/refresh.py).
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newsproj.middlewares.refresh.HeadMetaRefreshMiddleware": 580,
}

SPIDER_MIDDLEWARES_BASE = {
    **_scrapy_defaults.SPIDER_MIDDLEWARES_BASE,
    # Request saving: articles already exported (STATE_DIR, or the -o file of a resumed run) are not refetched.
    "newsproj.middlewares.incremental.IncrementalMiddleware": 600,
    # NEWSPROJ_WARC_DIR: keeps the response behind each page item for the WARC output (pipelines/warc.py).
    "newsproj.middlewares.warc.WarcCaptureMiddleware": 650,
}

# Pages are extracted and cleaned in the extraction process before they become items (newsproj/extractor.py,
# awaited by the spider): the pipelines see finished records.
ITEM_PIPELINES_BASE = {
    **_scrapy_defaults.ITEM_PIPELINES_BASE,
    # the host's robots.txt verdict and tdmrep.json rule, learnt once per host (NEWSPROJ_CONSENT_FETCH = False: off)
    "newsproj.pipelines.consent.ConsentPipeline": 250,
    "newsproj.pipelines.validate.ValidatePipeline": 300,
    "newsproj.pipelines.dedup.DedupPipeline": 400,
    # lines that repeat across many pages of a site (this crawl, and its history under STATE_DIR) are its template
    "newsproj.pipelines.template.TemplatePipeline": 420,
    # metadata.warc; with NEWSPROJ_WARC_DIR the page is written to the WARC here, before the feed (docs/warc.md).
    "newsproj.pipelines.warc.WarcPipeline": 450,
}

# (in the _BASE dict, as the middlewares and pipelines above: a user's EXTENSIONS adds to these)
EXTENSIONS_BASE = {
    **_scrapy_defaults.EXTENSIONS_BASE,
    "newsproj.monitors.HealthSampler": 440,  # figures and a few pages per symptom for the checks (monitors.py)
    # Scrapy's exporter swallows write errors; ours fails the run and tells the state what is durably written.
    "scrapy.extensions.feedexport.FeedExporter": None,
    "newsproj.feeds.CheckedFeedExporter": 0,
    "spidermon.contrib.scrapy.extensions.Spidermon": 450,  # close-time checks, before the summary and stats file
    "newsproj.extensions.housekeeping.Housekeeping": 500,
    "newsproj.extensions.manifest.RunManifest": 510,   # run id, manifest beside the output, run history
    "newsproj.extensions.jobdir.KillSafeJobdir": 520,  # JOBDIR that survives SIGKILL
}
EXTENSIONS: dict[str, int | None] = {}
DOWNLOADER_MIDDLEWARES: dict[str, int | None] = {}
SPIDER_MIDDLEWARES: dict[str, int | None] = {}
ITEM_PIPELINES: dict[str, int | None] = {}

# Close-time checks (newsproj/monitors.py); a failed run exits with status 3. Field coverage counts a field as
# filled only when it has a value: null, "" and [] are not coverage.
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ("newsproj.monitors.SpiderCloseMonitorSuite",)
SPIDERMON_ADD_FIELD_COVERAGE = True
SPIDERMON_FIELD_COVERAGE_SKIP_NONE = True
SPIDERMON_FIELD_COVERAGE_SKIP_FALSY = True

FEED_EXPORT_ENCODING = "utf-8"
# -O file.parquet, or FEEDS format "parquet": the same records as Parquet (newsproj/exporters.py, docs/operations.md)
# In the _BASE dict, beside Scrapy's own (as FEED_STORAGES_BASE below): a user's -s FEED_EXPORTERS='{"x": ...}'
# adds a format; it replaced FEED_EXPORTERS whole, and -O x.parquet then stopped with "Unknown feed format".
FEED_EXPORTERS_BASE = {
    **_scrapy_defaults.FEED_EXPORTERS_BASE,
    "parquet": "newsproj.exporters.ParquetItemExporter",
    # Scrapy's JSON-lines exporter, the same bytes at a fraction of the CPU a record (newsproj/exporters.py)
    "jsonlines": "newsproj.exporters.JsonLinesExporter",
    "jsonl": "newsproj.exporters.JsonLinesExporter",
    "jl": "newsproj.exporters.JsonLinesExporter",
}

# Output (docs/operations.md). Without -o/-O/FEEDS, `scrapy crawl` (newsproj/commands/crawl.py) writes one file per
# run here, visible only when complete, with a manifest beside it. Scrapy itself would add -o/-O to a FEEDS
# set in this file, writing both; so the default lives in its own setting. Local files go through
# SafeFileFeedStorage (no partial line after a kill, resumable -o), set in the _BASE dict: a user's FEED_STORAGES
# (-s FEED_STORAGES='{"s3x": ...}' to add a scheme) replaces FEED_STORAGES whole, and silently put Scrapy's
# FileFeedStorage back under every local feed (no atomic publish, no lock, no repair).
NEWSPROJ_DEFAULT_FEED = "output/%(site)s/%(date)s/%(run_id)s.jsonl"
FEED_STORAGES_BASE = {
    **_scrapy_defaults.FEED_STORAGES_BASE,
    "": "newsproj.feeds.SafeFileFeedStorage",
    "file": "newsproj.feeds.SafeFileFeedStorage",
}

# Cross-run state (docs/operations.md): a later run emits only new or changed articles. Empty = off.
STATE_DIR = "state"
LOG_LEVEL = "INFO"
# Scrapy's, less the item log records no handler would emit (a LogRecord a dropped duplicate: logformatter.py)
LOG_FORMATTER = "newsproj.logformatter.LogFormatter"
