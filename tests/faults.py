"""Faults injected into a crawl from the outside (test-only components, enabled with ``-s``), so a test of how the
crawl copes does not depend on a bug in our own code staying unfixed."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import UsageError


class ExtractionRaises:
    """Extension: extraction raises ``ValueError`` on every page whose URL contains :attr:`MARKER`.

    Extraction must run in the crawl process (``NEWSPROJ_EXTRACT_WORKERS=0``): the extract function that
    ``newsproj.extraction.page.process_page`` calls is wrapped there."""

    MARKER = "extraction-raises"

    def __init__(self, marker: str = MARKER):
        from newsproj.extraction import page  # the module whose extract function every page goes through

        original = page.extract

        def faulty(html: Any, url: str, *args: Any, **kwargs: Any) -> Any:
            if marker in url:
                raise ValueError(f"injected fault on {url}")
            return original(html, url, *args, **kwargs)

        page.extract = faulty  # type: ignore[assignment]

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractionRaises:
        if crawler.settings.get("NEWSPROJ_EXTRACT_WORKERS") not in (0, "0"):
            raise UsageError("ExtractionRaises needs -s NEWSPROJ_EXTRACT_WORKERS=0 (extraction in this process)")
        return cls()


class SlowEngineStart:
    """Extension: the engine's ``engine_started`` takes :attr:`SECONDS` (as the telnet console's, the extraction
    pool's and other handlers take a moment on a loaded machine), having written ``TEST_ENGINE_STARTING`` (a
    file) first, so a test can signal the crawl while the engine is starting."""

    SECONDS = 3.0

    def __init__(self, marker: str):
        self.marker = marker

    @classmethod
    def from_crawler(cls, crawler: Any) -> SlowEngineStart:
        from scrapy import signals

        extension = cls(crawler.settings.get("TEST_ENGINE_STARTING"))
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        return extension

    async def engine_started(self) -> None:
        import asyncio
        from pathlib import Path

        Path(self.marker).write_text("starting\n")
        await asyncio.sleep(self.SECONDS)


class SlowSpiderOpen:
    """Extension: the engine's ``spider_opened`` takes :attr:`SECONDS` (as loading a large STATE_DIR, a JOBDIR's
    queue or a site's template history does), having written ``TEST_SPIDER_OPENING`` (a file) first, so a test can
    signal the crawl while the spider is opening (before the engine starts)."""

    SECONDS = 3.0

    def __init__(self, marker: str, closes: bool = False):
        self.marker = marker
        self.closes = closes  # then raises CloseSpider (a component that gives up opening: the spider never runs)

    @classmethod
    def from_crawler(cls, crawler: Any) -> SlowSpiderOpen:
        from scrapy import signals

        extension = cls(crawler.settings.get("TEST_SPIDER_OPENING"),
                        crawler.settings.getbool("TEST_SPIDER_OPENING_CLOSES"))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        return extension

    async def spider_opened(self) -> None:
        import asyncio
        from pathlib import Path

        Path(self.marker).write_text("opening\n")
        await asyncio.sleep(self.SECONDS)
        if self.closes:
            from scrapy.exceptions import CloseSpider

            raise CloseSpider("test_gave_up_opening")
