"""The extraction workers, driven from the reactor thread: a page goes to a worker in one write, its outcome comes
back through the event loop's own selector.

Each worker (a process forked from a forkserver that has loaded the extractors: ``extraction/_worker.py``) has a
pipe pair of its own: tasks in, outcomes out, each a length-prefixed pickle (``multiprocessing.connection``'s
framing). The crawl process pickles a page and writes it from the reactor thread (the pipes are widened to 1 MB, so
a page is one write; the write end is non-blocking, and what does not fit waits for the pipe to drain through
``add_writer``), and reads outcomes with ``add_reader`` on the asyncio loop, resolving the awaiting coroutine's
future there. No thread touches a page: :class:`concurrent.futures.ProcessPoolExecutor` handed each one over four
(the submitting thread, its manager thread, its queue's feeder thread, and the way back through
``call_soon_threadsafe``/``wrap_future``), and the GIL with them, against the reactor.

At most :data:`PER_WORKER` pages are in a worker's pipe at once (one running, the next ones waiting: the worker never
idles between pages, nor while the crawl process is busy elsewhere for a while), the rest wait in the crawl process,
whose spiders already bound the pages in flight
(``CONCURRENT_REQUESTS``, ``NEWSPROJ_WARC_INFLIGHT``). A worker that ends (its result pipe reads EOF: killed by the
hard time limit's watchdog, out of memory, a crash) costs only its own pages: each fails with :class:`WorkerDied`
(which page it had been running, and for how long: :class:`newsproj.extraction.limits.RunningPages`), and a new
worker takes its place. The others go on.
"""

from __future__ import annotations

import asyncio
import collections
import fcntl
import logging
import multiprocessing
import os
import pickle
import struct
import sys
import termios
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from .exceptions import ExtractionFailed
from .extraction.limits import SLOT, RunningPages, Watchdog

if TYPE_CHECKING:
    from collections.abc import Callable

logger = logging.getLogger(__name__)

PER_WORKER = 6
"""Pages written to a worker before its first outcome is back: one to run, five for the worker to go on with while the
reactor thread does not read outcomes (one item's pipelines, a garbage collection of the crawl process, the first
article's schema and suffix-list loads, a template-history save: 80-600 ms stalls, traced on a shared machine). With
2, both workers idled through each such stall, 0.3-1.2 % of their time; with 6, 0.3 %, the longest stalls cut to
130 ms. A lost worker's pages that had not started are extracted again by another."""

PIPE_BYTES = 1 << 20
"""Kernel buffer of each worker's pipes (Linux's ``F_SETPIPE_SZ``; the default 64 KB would take a 300 KB page in
several writes, each waiting for the worker to read)."""

READ_BYTES = 1 << 18
"""Bytes read from a result pipe at a time (an outcome is 1-50 KB; a bigger one takes more reads)."""

MAX_FRUITLESS = 5
"""New workers in a row that end before their first outcome before the pool gives up (its pages fail)."""

_HEADER = struct.Struct("!i")


class WorkerDied(BrokenProcessPool):
    """A page's worker ended before the page's outcome came back. ``ran``: seconds the worker had been running the
    page (None: it had not started it); ``no_answer``: the worker was ended for answering nothing for too long."""

    def __init__(self, message: str, ran: float | None = None, no_answer: bool = False):
        super().__init__(message)
        self.ran, self.no_answer = ran, no_answer


def widen(fd: int, size: int = PIPE_BYTES) -> int:
    """Set the kernel buffer of the pipe ``fd`` belongs to; the size set, or 0 where it cannot be (another OS, a
    limit below ``size`` for an unprivileged user: the default stays, and writes just take more turns)."""
    setpipe = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setpipe is None:
        return 0
    try:
        return int(fcntl.fcntl(fd, setpipe, size))
    except OSError:
        return 0


def pipe_size(fd: int) -> int:
    getpipe = getattr(fcntl, "F_GETPIPE_SZ", None)
    return int(fcntl.fcntl(fd, getpipe)) if getpipe is not None else 0


class _Worker:
    """The crawl process's side of one worker."""

    def __init__(self, slot: int):
        self.slot = slot
        self.process: Any = None
        self.pid = 0
        self.tasks = -1  # write end (non-blocking)
        self.results = -1  # read end (non-blocking)
        self.pending: dict[int, tuple[asyncio.Future[Any], float]] = {}  # token → (future, sent at), in send order
        self.out = memoryview(b"")  # what a write left over (the pipe was full): a view, moved along, never copied
        self.inbox = bytearray()
        self.answered = time.monotonic()  # last outcome (or the time it was given a page while idle)
        self.no_answer = False
        self.outcomes = 0
        self.loop: asyncio.AbstractEventLoop | None = None


class WorkerPool:
    """``await pool.run(work, page, token)``: ``work(reset_every, registry, page, token)`` in a worker (``work``
    pickles by reference). Build it, :meth:`start` it (returns at once: the workers start in a thread), and
    :meth:`close` it at the end (no process left behind)."""

    def __init__(self, workers: int, worker_args: tuple[Any, ...], time_limit: float, hard_grace: float,
                 on_replaced: Callable[[], None] | None = None):
        self.size = workers
        self.worker_args = worker_args  # (time_limit, max_elements, reset_every, registry)
        self.time_limit, self.hard_grace = time_limit, hard_grace
        self.on_replaced = on_replaced
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["newsproj.extraction._worker"])
        self.running = RunningPages(self.context, workers)
        self.workers: list[_Worker] = []
        self.starting: collections.deque[_Worker] = collections.deque()  # started by the thread, not yet adopted
        self.queue: collections.deque[tuple[bytes, int, asyncio.Future[Any]]] = collections.deque()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.closed = False
        self.broken = ""
        """Why no worker can be started (the forkserver failed, or new workers keep dying before any outcome)."""
        self.fruitless = 0  # workers in a row that ended before their first outcome
        self.threads: list[threading.Thread] = []
        self.started = threading.Event()
        """Set once the first workers are up (or could not be started)."""
        self.outer = (time_limit + hard_grace) * 4 if time_limit else 0.0
        self.watchdog = Watchdog(self.running, time_limit, hard_grace, on_kill=_killed, stale=self._stale)

    # ---------------------------------------------------------------- starting workers (off the reactor thread)

    def start(self) -> None:
        """Workers start while robots.txt and sitemaps download, not when the first page arrives. Off the reactor
        thread: the first start waits until the forkserver has loaded everything (~1 s)."""
        self._start_in_thread(list(range(self.size)), first=True)
        self.watchdog.start()

    def _start_in_thread(self, slots: list[int], first: bool = False, lost: _Worker | None = None) -> None:
        def start() -> None:
            try:
                if lost is not None:  # (its exit status read, its handles released: no fd kept a lost worker)
                    lost.process.join(5)
                    if not lost.process.is_alive():
                        lost.process.close()
                for slot in slots:
                    if self.closed:
                        return
                    worker = self._spawn(slot)
                    if self.closed:  # (close() waits for this thread: nothing is left behind)
                        self._end(worker)
                        worker.process.join(5)
                        return
                    self.starting.append(worker)
            except Exception as exc:
                logger.exception("Extraction workers could not be started")
                self.broken = f"extraction workers could not be started: {exc!r}"
            finally:
                if first:
                    self.started.set()
                loop = self.loop
                if loop is not None and not loop.is_closed():
                    try:
                        loop.call_soon_threadsafe(self._adopt)
                    except RuntimeError:  # the loop closed meanwhile
                        pass

        thread = threading.Thread(target=start, name="newsproj-extract-pool-start", daemon=True)
        self.threads = [t for t in self.threads if t.is_alive()] + [thread]
        thread.start()

    def _spawn(self, slot: int) -> _Worker:
        worker = _Worker(slot)
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        widen(task_w)
        widen(result_w)
        child_tasks, child_results = Connection(task_r, writable=False), Connection(result_w, readable=False)
        process = self.context.Process(
            target=_serve, name=f"newsproj-extract-{slot}", daemon=True,
            args=(child_tasks, child_results, self.running, slot, os.getpid(), *self.worker_args))
        try:
            process.start()
        except BaseException:
            os.close(task_w)
            os.close(result_r)
            raise
        finally:
            child_tasks.close()
            child_results.close()
        os.set_blocking(task_w, False)
        os.set_blocking(result_r, False)
        worker.process, worker.pid, worker.tasks, worker.results = process, process.pid or 0, task_w, result_r
        return worker

    # ---------------------------------------------------------------- on the reactor thread

    def _bind(self) -> None:
        """Serve the running event loop (a test runs each page in a loop of its own; a crawl has one)."""
        loop = asyncio.get_running_loop()
        if loop is self.loop:
            return
        old, self.loop = self.loop, loop
        for worker in self.workers:
            if old is not None and not old.is_closed():
                old.remove_reader(worker.results)
                old.remove_writer(worker.tasks)
            worker.loop = None
            self._watch(worker)

    def _watch(self, worker: _Worker) -> None:
        assert self.loop is not None
        worker.loop = self.loop
        self.loop.add_reader(worker.results, self._readable, worker)
        if worker.out:
            self.loop.add_writer(worker.tasks, self._writable, worker)

    def _adopt(self) -> None:
        """Workers the starting thread has made join the pool (and get the pages waiting)."""
        if self.loop is None or self.loop.is_closed():
            return
        while self.starting:
            worker = self.starting.popleft()
            if self.closed:
                self._end(worker)
                continue
            self.workers.append(worker)
            self._watch(worker)
        if self.broken and not self.workers:
            self._fail_queue(self.broken)
        self._dispatch()

    async def run(self, work: Any, page: Any, token: int) -> Any:
        if self.closed:
            raise BrokenProcessPool("the extraction pool is closed")
        self._bind()
        if self.starting:
            self._adopt()
        assert self.loop is not None
        future: asyncio.Future[Any] = self.loop.create_future()
        self.queue.append((pickle.dumps((work, token, page), protocol=pickle.HIGHEST_PROTOCOL), token, future))
        self._dispatch()
        if self.broken and not self.workers:
            self._fail_queue(self.broken)
        return await future

    def _dispatch(self) -> None:
        queue = self.queue
        while queue:
            if queue[0][2].done():  # (cancelled while waiting)
                queue.popleft()
                continue
            best = None
            for worker in self.workers:
                if worker.out or len(worker.pending) >= PER_WORKER:
                    continue
                if best is None or len(worker.pending) < len(best.pending):
                    best = worker
            if best is None:
                return
            task, token, future = queue.popleft()
            if not best.pending:
                best.answered = time.monotonic()
            best.pending[token] = (future, time.monotonic())
            self._send(best, _HEADER.pack(len(task)), task)

    def _send(self, worker: _Worker, header: bytes, task: bytes) -> None:
        try:
            written = os.writev(worker.tasks, (header, task))
        except BlockingIOError:
            written = 0
        except OSError:  # (BrokenPipeError: the worker is gone; its result pipe's EOF tells)
            return
        if written < len(header) + len(task):
            worker.out = memoryview(header + task)[written:]
            assert worker.loop is not None
            worker.loop.add_writer(worker.tasks, self._writable, worker)

    def _writable(self, worker: _Worker) -> None:
        try:
            written = os.write(worker.tasks, worker.out)
        except BlockingIOError:
            return
        except OSError:
            written = len(worker.out)
        worker.out = worker.out[written:]
        if not worker.out:
            worker.out = memoryview(b"")  # (an empty view of the page would keep the page)
            if worker.loop is not None and not worker.loop.is_closed():
                worker.loop.remove_writer(worker.tasks)
            self._dispatch()

    def _readable(self, worker: _Worker) -> None:
        try:
            data = os.read(worker.results, READ_BYTES)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._lost(worker)
            return
        inbox = worker.inbox
        inbox += data
        answered = False
        while len(inbox) >= 4:
            (size,) = _HEADER.unpack_from(inbox)
            if size < 0:  # (no frame of ours: what follows cannot be told apart either)
                self._garbled(worker, f"a frame of {size} bytes")
                return
            if len(inbox) < 4 + size:
                break
            try:
                with memoryview(inbox) as view, view[4:4 + size] as frame:
                    token, ok, value = pickle.loads(frame)
            except Exception as exc:  # noqa: BLE001 - one outcome that does not load fails its page, not the worker
                # (a worker answers its pages in the order it was given them: this was the first one's)
                token = next(iter(worker.pending), 0)
                ok, value = False, ExtractionFailed(f"outcome could not be read: {exc!r}")
                logger.error("Extraction pool: worker %d sent an outcome that could not be read: %r", worker.pid, exc)
            del inbox[:4 + size]
            answered = True
            future = worker.pending.pop(token, (None, 0.0))[0]
            if future is None or future.done():
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        if answered:
            worker.answered = time.monotonic()
            worker.outcomes += 1
            self.fruitless = 0
            self._dispatch()

    def _garbled(self, worker: _Worker, what: str) -> None:
        """The worker's answers cannot be read (not our framing): it is ended, and lost as any worker that ends."""
        logger.error("Extraction pool: worker %d sent %s; ending it", worker.pid, what)
        try:
            worker.process.kill()
        except (OSError, ValueError):  # (ended already)
            pass
        # (its answer to the first page it was given: that page ran, whatever its slot says now)
        self._lost(worker, answered=next(iter(worker.pending), 0))

    def _lost(self, worker: _Worker, answered: int = 0) -> None:
        """The worker ended: its pages fail (the one it was running says for how long; ``answered``, a page whose
        answer was unreadable, ran too), another takes its slot."""
        if worker not in self.workers:
            return
        self.workers.remove(worker)
        slots, base = self.running.slots, SLOT * worker.slot
        running_token, ran = int(slots[base]), time.monotonic() - slots[base + 1]
        slots[base] = 0
        no_answer = worker.no_answer
        for position, (token, (future, _sent)) in enumerate(worker.pending.items()):
            if future.done():
                continue
            if token == running_token:
                future.set_exception(WorkerDied("its extraction worker ended", ran))
            elif token == answered:
                future.set_exception(WorkerDied("its extraction worker's answer could not be read", 0.0))
            elif no_answer and position == 0 and not running_token:
                future.set_exception(WorkerDied("no answer from its extraction worker", None, no_answer=True))
            else:
                future.set_exception(WorkerDied("its extraction worker ended before the page started"))
        worker.pending.clear()
        self._end(worker)
        if self.closed:
            return
        if not worker.outcomes and not running_token:  # it ended before any page of its own ran (not a page's fault)
            self.fruitless += 1
            if self.fruitless >= MAX_FRUITLESS:
                self.broken = f"{self.fruitless} extraction workers in a row ended before their first page"
                logger.error("Extraction pool: %s; not starting another", self.broken)
                if not self.workers:
                    self._fail_queue(self.broken)
                return
        logger.warning("Extraction pool lost a worker (pid %d); starting a new one", worker.pid)
        if self.on_replaced is not None:
            self.on_replaced()
        self._start_in_thread([worker.slot], lost=worker)

    def _end(self, worker: _Worker) -> None:
        loop = worker.loop
        if loop is not None and not loop.is_closed():
            loop.remove_reader(worker.results)
            loop.remove_writer(worker.tasks)
        worker.loop = None
        for fd in (worker.tasks, worker.results):
            if fd >= 0:
                os.close(fd)
        worker.tasks = worker.results = -1

    def _fail_queue(self, why: str) -> None:
        while self.queue:
            _task, _token, future = self.queue.popleft()
            if not future.done():
                future.set_exception(BrokenProcessPool(why))

    # ---------------------------------------------------------------- the watchdog's thread

    def _stale(self) -> list[int]:
        """Workers with pages that have answered nothing for the outer timeout (stuck where the page's slot does not
        show it): the watchdog ends them."""
        if not self.outer:
            return []
        now, stale = time.monotonic(), []
        for worker in list(self.workers):
            if worker.pending and not worker.no_answer and now - worker.answered > self.outer:
                if _unread(worker.results):  # it answered: the reactor has been too busy to read it (not stuck)
                    continue
                worker.no_answer = True
                stale.append(worker.pid)
        return stale

    # ---------------------------------------------------------------- the end

    def close(self) -> None:
        """Every worker ends (its task pipe closed: it reads EOF and exits; killed if it has not within 5 s), pages
        still waiting are cancelled."""
        self.closed = True
        self.watchdog.stop()
        for thread in self.threads:  # (a start in progress: its workers are ended, not left behind)
            thread.join(60)
        for worker in self.workers:
            for future, _sent in worker.pending.values():
                future.cancel()
        for _task, _token, future in self.queue:
            future.cancel()
        self.queue.clear()
        workers, self.workers = self.workers + list(self.starting), []
        self.starting.clear()
        for worker in workers:
            self._end(worker)
        deadline = time.monotonic() + 5
        for worker in workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(5)
            if not worker.process.is_alive():
                worker.process.close()


def _unread(fd: int) -> int:
    """Bytes waiting in the pipe ``fd`` (``FIONREAD``; 0 when it cannot be told)."""
    try:
        return int.from_bytes(fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"), sys.byteorder)
    except (OSError, ValueError):
        return 0


def _serve(*args: Any) -> None:
    """A worker's entry point, by name (the crawl process never imports ``extraction/_worker.py``)."""
    from .extraction._worker import serve  # (loaded in the forkserver the worker was forked from)

    serve(*args)


def _killed(pid: int, token: int, ran: float) -> None:
    if token:
        logger.warning("Extraction worker %d ended: stuck on one page for %.0f s of CPU (the hard time limit)",
                       pid, ran)
    else:
        logger.warning("Extraction worker %d ended: it answered nothing for too long (the outer timeout)", pid)
