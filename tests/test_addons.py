"""RedisAddon: REDIS_URL switches distributed mode on at "addon" priority; without it nothing about Redis loads."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from scrapy.core.scheduler import Scheduler as ScrapyScheduler
from scrapy.dupefilters import RFPDupeFilter as ScrapyDupeFilter
from scrapy.utils.misc import load_object
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

import newsproj.state
from newsproj.addons import DISTRIBUTED, RedisAddon
from tests.conftest import ROOT

ADDONS = {"ADDONS": {RedisAddon: 100}}


def test_registered_in_project_settings():
    assert "newsproj.addons.RedisAddon" in get_project_settings().getdict("ADDONS")


def test_redis_url_switches_on_distributed_mode():
    settings = get_crawler(settings_dict={**ADDONS, "REDIS_URL": "redis://127.0.0.1:1/0"}).settings
    for name, value in DISTRIBUTED.items():
        assert settings[name] == value
        assert settings.getpriority(name) == 15  # "addon": below project and -s
    for value in DISTRIBUTED.values():
        load_object(value)  # every path imports
    assert settings.getfloat("NEWSPROJ_MONITOR_COLLAPSE_RATIO") == 0  # a worker's count is only its share


def test_user_settings_win():
    settings = get_crawler(
        settings_dict={**ADDONS, "REDIS_URL": "redis://127.0.0.1:1/0", "NEWSPROJ_STATE_BACKEND": "my.Store"}
    ).settings
    assert settings["NEWSPROJ_STATE_BACKEND"] == "my.Store"
    assert settings["SCHEDULER"] == DISTRIBUTED["SCHEDULER"]


def test_without_redis_url_it_switches_off_silently(caplog):
    crawler = get_crawler(settings_dict=ADDONS)
    assert not crawler.addons.addons
    assert load_object(crawler.settings["SCHEDULER"]) is ScrapyScheduler
    assert load_object(crawler.settings["DUPEFILTER_CLASS"]) is ScrapyDupeFilter
    assert crawler.settings.get("NEWSPROJ_STATE_BACKEND") is None
    assert "Disabled" not in caplog.text


PROBE = """
import json, sys
if sys.argv[2] == "block":  # as on a machine without the redis packages: importing them fails
    class Block:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("redis", "scrapy_redis"):
                raise ModuleNotFoundError(f"No module named {name!r} (blocked)")
    sys.meta_path.insert(0, Block())
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings
settings = get_project_settings()
for pair in sys.argv[3:]:
    name, value = pair.split("=", 1)
    settings.set(name, value, "cmdline")
process = CrawlerProcess(settings, install_root_handler=False)
crawler = process.create_crawler("news")
process.crawl(crawler, start_urls=sys.argv[1])
process.start()
ours = ("scrapy_redis", "newsproj.distributed", "newsproj.state.redis")
loaded = sorted(m for m in sys.modules if m.startswith(ours))
print(json.dumps({"loaded": loaded, "items": crawler.stats.get_value("item_scraped_count")}))
"""


def probe(base: str, tmp: Path, *settings: str, block: bool = False) -> dict:
    settings = (f"STATE_DIR={tmp / 'state'}", *settings)  # cross-run state of its own: every article is new
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, f"{base}/", "block" if block else "-", "NEWSPROJ_ALLOW_PRIVATE=1", "FEEDS={}",
         "NEWSPROJ_EXTRACT_WORKERS=0", "AUTOTHROTTLE_ENABLED=0", "LOG_LEVEL=WARNING", *settings],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.slow  # a fresh interpreter (what it imports is the point)
def test_a_crawl_without_redis_url_neither_imports_nor_needs_redis(demo_server, demo_truth, tmp_path):
    # The redis packages cannot be imported at all here; a third-party module that tries them optionally
    # (datasketch.storage) copes. Our distributed code and scrapy-redis are never loaded.
    result = probe(demo_server.base, tmp_path, block=True)
    assert result["items"] == len(demo_truth)
    assert result["loaded"] == []


@pytest.mark.slow
def test_a_crawl_with_redis_url_runs_on_redis(demo_server, demo_truth, redis_server, tmp_path):
    unique = uuid.uuid4().hex[:8]
    result = probe(demo_server.base, tmp_path, f"REDIS_URL={redis_server}", f"NEWSPROJ_CRAWL_ID=probe-{unique}",
                   f"NEWSPROJ_REDIS_STATE_KEY=probe-{unique}")
    assert result["items"] == len(demo_truth)
    assert {"scrapy_redis", "newsproj.distributed.scheduler"} <= set(result["loaded"])
    if hasattr(newsproj.state, "open_store"):  # the cross-run state is wired: it lives in Redis too
        assert "newsproj.state.redis" in result["loaded"]


@pytest.mark.parametrize("spider", ["news", "warc"])
def test_a_default_run_warns_of_no_component_switched_off(caplog, tmp_path, spider):
    """Scrapy logs a component that raises NotConfigured with a reason as a WARNING: a component that is off unless
    asked for (NEWSPROJ_WARC_DIR unset; consent fetching in the warc spider) says nothing, so a plain run of either
    spider starts without warnings."""
    import logging

    from scrapy.core.downloader.middleware import DownloaderMiddlewareManager
    from scrapy.core.spidermw import SpiderMiddlewareManager
    from scrapy.extension import ExtensionManager
    from scrapy.pipelines import ItemPipelineManager

    from newsproj import settings as project

    settings = {name: getattr(project, name) for name in dir(project) if name.isupper()}
    settings.update(STATE_DIR=str(tmp_path / "state"), TWISTED_REACTOR=None)  # (the test process has its own)
    from newsproj.spiders.news import NewsSpider
    from newsproj.spiders.warc import WarcSpider

    crawler = get_crawler({"news": NewsSpider, "warc": WarcSpider}[spider], settings_dict=settings)
    with caplog.at_level(logging.WARNING):
        for manager in (DownloaderMiddlewareManager, SpiderMiddlewareManager, ItemPipelineManager, ExtensionManager):
            manager.from_crawler(crawler)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
