"""Scrapy settings for newsproj: short and declarative. Every value can be overridden with ``-s``."""

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
}

# Politeness.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 8
# Scrapy 2.19's downloader ignores the per-domain cap under the asyncio reactor; ours enforces it.
DOWNLOADER = "newsproj.middlewares.downloader.Downloader"
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

DOWNLOADER_MIDDLEWARES = {
    # Safety first: credentials out of URLs, then only public http(s) addresses (NEWSPROJ_ALLOW_PRIVATE).
    "newsproj.middlewares.redact.CredentialsMiddleware": 30,
    "newsproj.middlewares.ssrf.SSRFGuard": 40,
    # Scrapy's offsite middleware ignores ports; ours keeps requests on the seeds' host:port.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "newsproj.middlewares.scope.ScopeMiddleware": 50,
    # Crawl-delay, Retry-After and 429/503 backoff per host:port (sees 429/503 before RetryMiddleware at 550).
    "newsproj.middlewares.politeness.PolitenessMiddleware": 555,
    # Responses, outermost first: non-text Content-Type / oversize stopped from headers (950), redirect
    # loops (650), empty or binary bodies after decompression (575), charset repaired from the bytes (570).
    "newsproj.middlewares.guards.HeadersGuard": 950,
    "newsproj.middlewares.guards.RedirectGuard": 650,
    "newsproj.middlewares.guards.BodyGuard": 575,
    "newsproj.middlewares.charset.CharsetMiddleware": 570,
}

ITEM_PIPELINES = {
    "newsproj.pipelines.extract.ExtractPipeline": 100,
    "newsproj.pipelines.clean.CleanPipeline": 200,
    "newsproj.pipelines.validate.ValidatePipeline": 300,
    "newsproj.pipelines.dedup.DedupPipeline": 400,
}

EXTENSIONS = {
    "newsproj.extensions.housekeeping.Housekeeping": 500,
}

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
