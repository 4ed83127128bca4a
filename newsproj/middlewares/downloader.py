"""Scrapy's downloader with the per-slot concurrency cap restored (``CONCURRENT_REQUESTS_PER_DOMAIN``).

In Scrapy 2.19 with the asyncio reactor, ``Downloader._process_queue`` starts each download as an asyncio task
(``loop.create_task``), and the task only marks its request as *transferring* when it first runs. The loop that
starts downloads checks ``slot.free_transfer_slots()`` before any of those tasks has run, so it drains the whole
slot queue: every queued request to a host is sent at once, whatever the per-domain cap (measured by
``tests/e2e/test_faults.py::test_per_host_concurrency_is_capped``: 8 in flight with a cap of 2). This subclass
marks the request as transferring before scheduling it; ``_download`` adds it again (a set) and removes it when
done, exactly as before.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING

from scrapy.core.downloader import Downloader as ScrapyDownloader
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import _schedule_coro

from .politeness import request_leaves_slot

if TYPE_CHECKING:
    from scrapy.core.downloader import Slot


class Downloader(ScrapyDownloader):
    def _process_queue(self, slot: Slot) -> None:
        if slot.latercall:
            return  # processing is blocked until slot.latercall runs
        now = monotonic()
        delay = slot.download_delay()
        if delay:
            penalty = delay - now + slot.lastseen
            if penalty > 0:
                slot.latercall = call_later(penalty, self._latercall, slot)
                return
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = now
            request, queue_dfd = slot.queue.popleft()
            slot.transferring.add(request)  # the fix: count it now, not when its task first runs
            self.signals.send_catch_log(request_leaves_slot, request=request)  # Crawl-delay counts from here
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
            if delay:  # prevent a burst when an inter-request delay is configured
                self._process_queue(slot)
                break
