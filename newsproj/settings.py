"""Scrapy settings for newsproj: short and declarative. Every value can be overridden with ``-s``."""

BOT_NAME = "newsproj"
SPIDER_MODULES = ["newsproj.spiders"]
NEWSPIDER_MODULE = "newsproj.spiders"
COMMANDS_MODULE = "newsproj.commands"

# Honest identity; operators should point NEWSPROJ_CONTACT_URL at their own page.
NEWSPROJ_CONTACT_URL = "https://github.com/newsproj/newsproj"
USER_AGENT = "newsproj/0.1 (+https://github.com/newsproj/newsproj)"

# Politeness.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 8
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
    # Scrapy's offsite middleware ignores ports; ours keeps requests on the seeds' host:port.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "newsproj.middlewares.scope.ScopeMiddleware": 50,
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

# Optional behaviour; each add-on switches itself off unless its setting is given (REDIS_URL: distributed mode).
ADDONS = {
    "newsproj.addons.RedisAddon": 100,
}

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
