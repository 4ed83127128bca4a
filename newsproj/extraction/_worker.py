"""An extraction worker (:func:`serve`). Imported once by the extraction pool's forkserver
(``set_forkserver_preload``): every import and model load an extraction worker needs is paid here, once, and each
worker forked from the server starts with them (pages shared copy-on-write) instead of importing trafilatura, lxml,
extruct, htmldate and the language model itself (~1.5 s of CPU a worker, before its first page). Never imported by
the crawl process (it would load the models there and freeze its garbage)."""

from __future__ import annotations

import gc
import os
import pickle
import select
import struct
import threading
import time
from typing import TYPE_CHECKING, Any

from .. import sites
from ..exceptions import ExtractionFailed
from ..items import PageItem
from .language import detect_language
from .limits import attach_worker
from .page import process_page, set_time_limit

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .limits import RunningPages

_HEADER = struct.Struct("!i")  # multiprocessing.connection's framing (what Connection.recv_bytes reads)

detect_language("warm up " * 40)  # loads the py3langid model
sites.for_url("https://example.com/")  # builds the site registry's host index
# One page through the whole path, so that what a page builds once and keeps (the chrome vocabulary: chrome.toml's
# patterns compiled and their literals found, ~0.2-0.3 s; clean_text's character class; the consent extractor's
# config; trafilatura's and htmldate's compiled expressions) is built here, once, and not in each worker's first
# page. That page cost ~0.3 s of CPU (a later one ~4 ms), under the page time limit: on a host loaded so that a
# worker had a tenth of a core, a 1 s limit ended it before the vocabulary was built, and so every page after it
# (each began the build again).
process_page(PageItem(
    url="https://example.com/news/warm-up", date_downloaded="2024-01-01T00:00:00+00:00",
    html="<html><head><title>Warm up</title></head><body><article><h1>Warm up</h1>"
    + "".join(f"<p>{topic} was discussed by the council on day {day} of the session, with words.</p>"
              for topic in ("The budget", "The bridge", "The school") for day in range(4))
    + "</article></body></html>"))

# Everything alive now (modules, models, the registry) leaves the garbage collector's sight, here, before the
# workers fork: their collections neither walk it (CPU) nor touch its objects (copy-on-write pages stay shared).
gc.collect()
gc.freeze()


def serve(tasks: Connection, results: Connection, running: RunningPages, slot: int, crawl_pid: int,
          time_limit: float, max_elements: int, reset_every: int, registry: bool) -> None:
    """An extraction worker's life (``newsproj/pool.py``): a page from ``tasks`` — ``(work, token, page)``,
    pickled — and its outcome, ``(token, ok, outcome or exception)``, written to ``results`` in one write; until
    ``tasks`` reads EOF (the crawl closed the pool, or ended). The page time limit is the soft one here; the hard one
    is the crawl process's (``limits.Watchdog``), which reads ``running``'s slot ``slot``."""
    set_time_limit(time_limit, max_elements=max_elements)
    attach_worker(running, slot)
    exit_with(crawl_pid)
    out = results.fileno()
    while True:
        try:
            task = tasks.recv_bytes()
        except (EOFError, OSError):
            return
        work, token, item = pickle.loads(task)
        del task
        try:
            answer: tuple[int, bool, Any] = (token, True, work(reset_every, registry, item, token))
        except Exception as exc:  # noqa: BLE001 - a bug on one page goes back to the crawl, as a pool would send it
            answer = (token, False, exc)
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
            if not answer[1]:  # (an exception whose __init__ takes other arguments than its args pickles, not loads)
                pickle.loads(data)
        except Exception as exc:  # noqa: BLE001 - an outcome that does not pickle: the page fails, not the worker
            data = pickle.dumps((token, False, ExtractionFailed(f"outcome could not be sent: {exc!r}")))
        view = memoryview(_HEADER.pack(len(data)) + data)
        while view:
            view = view[os.write(out, view):]


def exit_with(pid: int) -> None:
    """End this worker when process ``pid`` (the crawl) is gone, however it ended.

    A worker waiting for a page notices (its task pipe reads EOF), but one in the middle of a long page would
    finish it first, and the forkserver lives while any worker holds its "alive" pipe. A daemon thread waits on a
    pidfd of the crawl process (no polling) and ends the worker when it exits; without pidfd (not Linux), it asks
    every second whether the crawl process is still there."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux 5.3+: poll
        def watch() -> None:
            while True:
                try:
                    os.kill(pid, 0)
                except (ProcessLookupError, PermissionError):  # gone (or the pid was taken by another user's)
                    os._exit(0)
                time.sleep(1.0)
    else:
        def watch() -> None:
            select.select([fd], [], [])
            os._exit(0)
    threading.Thread(target=watch, name="newsproj-exit-with-crawl", daemon=True).start()
