"""A time limit per page: one hostile page costs at most ``NEWSPROJ_PAGE_TIME_LIMIT`` seconds of extraction.

Two layers, because Python can only interrupt Python:

- **soft**: in the thread that runs the page (the main thread of a pool worker, or of the crawl process with
  ``NEWSPROJ_EXTRACT_WORKERS=0``), a ``SIGPROF`` timer (``setitimer(ITIMER_PROF)``) raises :class:`PageTimeout` in
  the page's Python code once the page has used the limit in CPU time (of its process: user + system). CPU time, not
  wall-clock time: the seconds a worker waits for a core on a loaded host (or is stopped) are not the page's, and a
  20 ms page given a tenth of a core is no slow page (with ``ITIMER_REAL`` it was dropped as timed out: the
  ``test_a_page_over_its_time_limit...`` warm-up and tests/e2e/test_hostile_site.py lost good pages so under load).
  :class:`PageTimeout` is a ``BaseException``: an extractor's ``except Exception`` (trafilatura, extruct, htmldate
  wrappers) cannot swallow it and go on with the page.
  Python runs a signal handler wherever the main thread is, also inside a weakref callback or ``__del__`` (a
  garbage collection during the page: pydispatch's receiver clean-up of a finished crawl), where an exception
  is "ignored" (``sys.unraisablehook``): the page would run on unlimited. So the timeout waits for the end of a
  garbage collection (``gc.callbacks``) and fires then, and a :class:`PageTimeout` swallowed by another
  finaliser fires the timer again (``REFIRE``).
- **hard** (pool workers only): a C call that never returns to Python (one ``re`` match, a libxml2 parse) does
  not see the signal. The crawl process ends such a worker from outside: :class:`Watchdog`, a thread of the crawl
  process (it runs however busy the reactor is: it needs the GIL for a few microseconds a second), reads which page
  each worker runs and its CPU time when the page started (:class:`RunningPages`, shared memory), and the worker's
  CPU time now (``/proc/<pid>/stat``; where there is none, the wall-clock time since the page started), and sends
  ``SIGKILL`` (through a pidfd where the platform has one, so that a recycled pid is never hit) to a worker still
  on one page ``HARD_GRACE`` seconds of CPU after the limit (a worker stuck without using the CPU is the outer
  timeout's: ``newsproj/pool.py``). The crawl process sees the worker gone, counts the page and replaces the pool. The
  worker pays nothing a page for it (faulthandler's watchdog, used before, started and joined a thread a page).
  Never used in the crawl process itself (``NEWSPROJ_EXTRACT_WORKERS=0``): nothing could end a stuck page there
  but the end of the crawl.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..exceptions import ExtractionFailed

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import FrameType

logger = logging.getLogger(__name__)

PAGE_TIME_LIMIT = 30.0
"""Default seconds of extraction (CPU time) a page may cost (``NEWSPROJ_PAGE_TIME_LIMIT``; 0 = no limit). A normal
news page costs 20-200 ms; pages that need more than this are hostile or broken."""

HARD_GRACE = 10.0
"""Default seconds after the soft limit at which a pool worker still busy with the page is ended
(``NEWSPROJ_PAGE_HARD_GRACE``)."""

TIMER, TIMER_SIGNAL = getattr(signal, "ITIMER_PROF", -1), getattr(signal, "SIGPROF", -1)  # (-1: no such timer here)
"""The soft limit's clock: the process's CPU time (``ITIMER_PROF``, signalled by ``SIGPROF``), which runs only while
the process runs. (Other threads' CPU counts too: in the crawl process, with no pool, its few helper threads make the
limit a little stricter, never looser.)"""

REFIRE = 1e-4
"""CPU seconds after a garbage collection that held the timeout up, or after a :class:`PageTimeout` a finaliser
swallowed, at which the timer fires again."""


class PageTimeout(BaseException):  # noqa: N818 - named for what happened, like KeyboardInterrupt
    """The page ran out of its time. A BaseException, so that no ``except Exception`` in the extractors
    catches it; the caller that set the limit turns it into a counted drop."""

    def __init__(self, seconds: float):
        super().__init__(f"over the page time limit ({seconds:g} s)")
        self.seconds = seconds


class PageTimedOut(ExtractionFailed):
    """What a page over its time limit is dropped as (it pickles: raised in a pool worker)."""


def page_time_limit(settings: Any) -> float:
    """``NEWSPROJ_PAGE_TIME_LIMIT`` in seconds (0 = no limit); the value was checked when the crawl started."""
    return settings.getfloat("NEWSPROJ_PAGE_TIME_LIMIT", PAGE_TIME_LIMIT)


def _can_signal() -> bool:
    return hasattr(signal, "ITIMER_PROF") and threading.current_thread() is threading.main_thread()


def call_limited(seconds: float, fn: Any, *args: Any) -> Any:
    """``fn(*args)`` under :func:`time_limit`; a page over its time raises :class:`PageTimedOut`."""
    try:
        with time_limit(seconds):
            return fn(*args)
    except PageTimeout as exc:
        raise PageTimedOut(str(exc)) from None


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`PageTimeout` in the block once it has used ``seconds`` of the process's CPU time (main thread
    only; elsewhere the block runs unlimited). A pool worker still stuck ``HARD_GRACE`` seconds later is ended from
    the crawl process (:class:`Watchdog`). ``seconds`` ≤ 0: no limit. Not reentrant."""
    if not seconds or seconds <= 0:
        yield
        return
    soft = _can_signal()
    previous: Any = None
    previous_hook = sys.unraisablehook
    collecting, deferred = False, False
    if soft:
        def expired(signum: int, frame: FrameType | None) -> None:
            nonlocal deferred
            if collecting:  # inside a garbage collection's finalisers, the exception would be ignored
                deferred = True
            elif frame is not None and frame.f_code in own:  # (raised in these, it would be lost too)
                signal.setitimer(TIMER, REFIRE)
            else:
                raise PageTimeout(seconds)

        def collection(phase: str, info: dict[str, int]) -> None:
            nonlocal collecting, deferred
            collecting = phase == "start"
            if phase == "stop" and deferred:
                deferred = False
                signal.setitimer(TIMER, REFIRE)

        def swallowed(unraisable: sys.UnraisableHookArgs) -> None:
            """The handler ran inside a finaliser, which ignored the PageTimeout: fire again (not a log line)."""
            if isinstance(unraisable.exc_value, PageTimeout):
                signal.setitimer(TIMER, REFIRE)
            else:
                previous_hook(unraisable)

        own = {expired.__code__, collection.__code__, swallowed.__code__}
        previous = signal.signal(TIMER_SIGNAL, expired)
        sys.unraisablehook = swallowed
        gc.callbacks.append(collection)
        signal.setitimer(TIMER, seconds)
    try:
        yield
    finally:
        if soft:
            signal.setitimer(TIMER, 0)
            signal.signal(TIMER_SIGNAL, previous)
            if sys.unraisablehook is swallowed:  # (unless someone replaced it meanwhile)
                sys.unraisablehook = previous_hook
            if collection in gc.callbacks:
                gc.callbacks.remove(collection)


# ------------------------------------------------------------------ JSON from pages

# (MAX_JSON_DEPTH and json_too_deep live in newsproj/text.py, a leaf: discovery bounds the JSON-LD it reads too)


# ------------------------------------------------------------------ the page's size in elements

MAX_ELEMENTS = 30_000
"""Elements a page may have for its article to be extracted (``NEWSPROJ_MAX_PAGE_ELEMENTS``). The 1,387 pages of
the dev corpora have at most 8,124; trafilatura and readability cost ~0.3 ms an element (100,000 ``<p>x</p>``:
31 s, 800,000 table rows: 82 s and 2.7 GB). A larger page is no article: its links are still read."""


def too_many_elements(tree: Any, limit: int = MAX_ELEMENTS) -> bool:
    """Whether the tree has more than ``limit`` elements (walks at most ``limit`` + 1 of them)."""
    return bool(limit) and next(islice(tree.iter(), limit, None), None) is not None  # (no Python code an element)


# ------------------------------------------------------------------ which page a pool worker is running

class RunningPages:
    """Which page each extraction worker is running, and since when (wall clock, and its worker's CPU time then), in
    memory the crawl process shares with its pool. A worker that ends (the hard limit) breaks the pool for every page
    in it, the queued ones included: only the page a worker had been running for longer than the limit was the
    culprit, the others are extracted again (time spent waiting in the queue does not count against a page)."""

    def __init__(self, context: Any, workers: int):
        # (page token, start, pid, the worker's CPU seconds at the start) a worker
        self.slots = context.Array("d", SLOT * max(workers, 1), lock=False)
        self.taken = context.Value("i", 0)  # slots handed out to workers as they start

    def running_for(self, token: int) -> float | None:
        """Seconds the page ``token`` has been running on a worker, or None when no worker runs it."""
        for i in range(0, len(self.slots), SLOT):
            if self.slots[i] == token:
                return time.monotonic() - self.slots[i + 1]
        return None

    def pids(self) -> list[int]:
        """The workers' process ids (of those started)."""
        return [int(self.slots[i + 2]) for i in range(0, len(self.slots), SLOT) if self.slots[i + 2]]


SLOT = 4
_slots: Any = None
_slot = -1


def attach_worker(running: RunningPages | None, slot: int | None = None) -> None:
    """In a pool worker at its start: take a slot of ``running`` (``slot``, or the next one not taken)."""
    global _slots, _slot
    if running is None:
        return
    if slot is not None:
        _slot = slot
    else:
        with running.taken.get_lock():
            _slot = running.taken.value
            running.taken.value += 1
    _slots = running.slots if SLOT * _slot < len(running.slots) else None
    if _slots is not None:
        _slots[SLOT * _slot + 2] = os.getpid()


@contextmanager
def running(token: int) -> Iterator[None]:
    """Marks this worker's slot with the page ``token`` while the block runs."""
    if _slots is None or not token:
        yield
        return
    _slots[SLOT * _slot + 1] = time.monotonic()
    _slots[SLOT * _slot + 3] = cpu_seconds()
    _slots[SLOT * _slot] = token
    try:
        yield
    finally:
        _slots[SLOT * _slot] = 0


def cpu_seconds() -> float:
    """This process's CPU time (user + system), on the clock :func:`cpu_seconds_of` reads another's by."""
    times = os.times()
    return times.user + times.system


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds_of(pid: int) -> float | None:
    """Process ``pid``'s CPU time (user + system, ``/proc/<pid>/stat``); None where it cannot be read (not Linux,
    the process has ended)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()  # (the name, in brackets, may hold anything)
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return None


# ------------------------------------------------------------------ the hard limit, from the crawl process

class Watchdog:
    """Ends a pool worker still running one page ``grace`` seconds after the page time ``limit`` (stuck in C code,
    where the soft limit cannot reach it), both in the worker's CPU time (a worker that waits for a core on a loaded
    host has not spent it: ended at 11 s of wall time, a page that had used ~2 s of CPU was dropped as timed out;
    the wall-clock time where the CPU time cannot be read): a thread of the crawl process that looks at ``running``
    every ``interval`` seconds (so a stuck page ends within ``limit + grace + interval``). A thread, not a reactor
    timer: it runs however long the reactor is busy, and it costs the workers nothing a page.

    A worker's pid is opened as a pidfd when first seen (Linux 5.3+), and the kill goes through it: a worker that
    has ended and whose pid was given to another process is never signalled. Without pidfd, ``os.kill``."""

    def __init__(self, running: RunningPages, limit: float, grace: float, interval: float = 1.0,
                 on_kill: Any = None, stale: Any = None):
        self.running, self.limit, self.grace = running, limit, grace
        self.interval = max(0.01, min(interval, grace / 4 if grace > 0 else interval))
        self.on_kill = on_kill
        """Called with (pid, token, seconds the page had run: of CPU where they could be read) after a kill, in the
        watchdog's thread (token 0: a worker ``stale`` named)."""
        self.stale = stale
        """Called each round: pids of workers to end besides (answering nothing at all: the outer timeout)."""
        self.pidfds: dict[int, int] = {}
        self.killed: set[int] = set()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.limit > 0 and self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="newsproj-extract-watchdog", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(5)
        self._thread = None
        for fd in self.pidfds.values():
            if fd >= 0:  # (-1: a worker gone before it was seen, no pidfd)
                os.close(fd)
        self.pidfds.clear()

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check()
            except Exception:  # noqa: BLE001 - a bug here must not end the thread that ends stuck workers
                logger.exception("Extraction watchdog failed; checking again in %g s", self.interval)

    def check(self) -> list[int]:
        """Kill the workers over the hard limit now; returns their pids."""
        slots, killed = self.running.slots, []
        now = time.monotonic()
        for i in range(0, len(slots), SLOT):
            pid = int(slots[i + 2])
            if not pid or pid in self.killed:
                continue
            if pid not in self.pidfds:
                self._open(pid)
            token = slots[i]
            started, cpu_started = slots[i + 1], slots[i + 3]
            if not token or slots[i] != token:  # idle, or between two pages (read again: no torn pair)
                continue
            cpu = cpu_seconds_of(pid)
            ran = now - started if cpu is None else cpu - cpu_started
            if ran < self.limit + self.grace:
                continue
            if self._kill(pid):
                killed.append(pid)
                if self.on_kill is not None:
                    self.on_kill(pid, int(token), ran)
        for pid in self.stale() if self.stale is not None else ():
            if pid and pid not in self.killed:
                if pid not in self.pidfds:
                    self._open(pid)
                if self._kill(pid):
                    killed.append(pid)
                    if self.on_kill is not None:
                        self.on_kill(pid, 0, 0.0)
        seen = {int(slots[i + 2]) for i in range(0, len(slots), SLOT)}
        for pid in [pid for pid in self.pidfds if pid not in seen]:  # (replaced workers)
            fd = self.pidfds.pop(pid)
            if fd >= 0:
                os.close(fd)
        self.killed &= seen  # (a replaced worker's pid, given later to a new worker, is that worker's: watched)
        return killed

    def _open(self, pid: int) -> None:
        try:
            self.pidfds[pid] = os.pidfd_open(pid)
        except (AttributeError, OSError):  # not Linux 5.3+, or already gone: os.kill (or nothing) then
            self.pidfds[pid] = -1

    def _kill(self, pid: int) -> bool:
        self.killed.add(pid)
        fd = self.pidfds.get(pid, -1)
        try:
            if fd >= 0:
                signal.pidfd_send_signal(fd, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):  # it has ended already (or the pid is another's now)
            return False
        return True
