"""Crawl processes forked from a warm parent: ``scrapy crawl`` as its own process, without paying Python's start
and the third-party imports (Scrapy, Twisted, trafilatura, lxml, extruct...: ~1-2 s a crawl) every time.

``python -m tests.warm`` (started once per test session by :func:`start_warm`; under xdist once by the controller,
:func:`start_shared`, for all its workers) imports those libraries, then
waits on a Unix socket (of newsproj, only the pure extraction modules, the charset middleware and the language
model are loaded before: see PRELOAD). For each request it forks a child, which sets the request's environment, working
directory and stdout/stderr (file descriptors passed over the socket), then runs ``scrapy.cmdline.execute(argv)``
like ``python -m scrapy`` and exits with its status. The project's settings, site registry and components
are built fresh in every crawl, from its own environment.
The child is a real process: its exit status, its log, SIGKILL and a crash are what the CLI's would be. What
the interpreter reads from the environment when it starts (``PYTHON*``) is the parent's: :func:`warm_ok` says
when a request needs a cold start instead.

:class:`WarmProcess` mirrors the part of :class:`subprocess.Popen` the tests use (``pid``, ``poll``, ``wait``,
``kill``, ``returncode``).
"""

from __future__ import annotations

import atexit
import gc
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
"""The project's root: the warm parent's ``sys.path[0]`` (``python -m tests.warm`` runs there)."""


# Third-party modules: importing them has no effect a crawl could notice (no reactor is installed, no
# environment is read that a test sets). Of our own package only the pure extraction modules and the language
# model (~1 s to load), as the extraction pool's preload does; settings, sites and components come after the fork.
PRELOAD = (
    "scrapy.cmdline", "scrapy.crawler", "scrapy.core.engine", "scrapy.core.downloader.handlers.http11",
    "scrapy.extensions.feedexport", "scrapy.pipelines", "scrapy.spidermiddlewares.depth",
    "twisted.internet.asyncioreactor", "twisted.web.client",
    "trafilatura", "htmldate", "courlan", "extruct", "lxml.html", "feedparser", "datasketch", "babel",
    "py3langid", "readability", "jsonschema", "dateutil.parser", "itemadapter",
    "spidermon.contrib.scrapy.extensions", "spidermon.contrib.scrapy.runners",
    # what a crawl of ours imports besides (listed from sys.modules after a crawl, ~0.25 s of CPU each crawl):
    # every component Scrapy's default settings name (:func:`_scrapy_defaults`; remote_control brings aiohttp),
    # the pool's multiprocessing, the state's sqlite3, the feeds' pyarrow and the WARC libraries. (Whether a crawl
    # imports redis is checked in a fresh interpreter, tests/test_addons.py: datasketch above imports it already.)
    "concurrent.futures.process", "multiprocessing.connection", "sqlite3", "statistics", "tldextract", "filelock",
    "protego", "pyarrow", "pyarrow.parquet", "pyarrow.json", "warcio", "warcio.archiveiterator", "isal.isal_zlib",
    "pandas",  # (pyarrow imports it to write a Parquet file: ~0.25 s a Parquet crawl)
    # what every `scrapy` command line imports before it runs one (scrapy.cmdline lists every command module's
    # commands: scrapy.commands.*, and scrapy.shell's code/codeop), and the charset middleware, whose module looks up
    # the 41 codecs of the web's encodings (CJK codec modules): ~0.035 s of a small crawl's ~0.19 s of CPU
    "scrapy.commands.bench", "scrapy.commands.check", "scrapy.commands.crawl", "scrapy.commands.edit",
    "scrapy.commands.fetch", "scrapy.commands.genspider", "scrapy.commands.list", "scrapy.commands.parse",
    "scrapy.commands.runspider", "scrapy.commands.settings", "scrapy.commands.shell", "scrapy.commands.startproject",
    "scrapy.commands.version", "scrapy.commands.view", "code", "codeop", "glob", "newsproj.middlewares.charset",
)


def _scrapy_defaults() -> None:
    """Import the module of every component and class Scrapy's default settings name (middlewares, extensions,
    handlers, feed storages and exporters, scheduler, dupefilter...): importing is all, nothing is built."""
    import scrapy.settings.default_settings as defaults
    from scrapy.utils.misc import load_object

    for name in dir(defaults):
        value = getattr(defaults, name)
        paths = [*value, *value.values()] if isinstance(value, dict) else [value]  # components are keys
        for path in paths:
            if isinstance(path, str) and path.startswith("scrapy.") and path.count(".") >= 2:
                load_object(path)


# --- the warm parent (runs in its own process) -------------------------------------------------------------


def _child(request: dict[str, Any], fds: list[int]) -> None:
    """In the forked child: become the requested ``scrapy`` process. Never returns."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        stdin, stdout, stderr = fds
        for fd, target in ((stdin, 0), (stdout, 1), (stderr, 2)):
            os.dup2(fd, target)
        inherited = os.environ.get("PYTHONPATH")
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        sys.path[0] = os.getcwd()  # as ``python -m scrapy`` started there would have it
        if os.environ.get("PYTHONPATH") != inherited:  # (only the project's root: :func:`warm_ok`)
            sys.path[1:1] = [entry for entry in os.environ["PYTHONPATH"].split(os.pathsep) if entry]
        sys.argv = ["scrapy", *request["argv"]]
        from scrapy.cmdline import execute

        execute(sys.argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - like the interpreter: traceback on stderr, status 1
        import traceback

        traceback.print_exc()
    finally:
        try:
            atexit._run_exitfuncs()  # what a normal interpreter exit runs (logging shutdown, multiprocessing)
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def serve(path: str) -> None:
    """The warm parent's loop: accept a request, fork, report ``{"pid"}`` then ``{"status"}`` on its socket."""
    for name in PRELOAD:
        __import__(name)
    _scrapy_defaults()
    from justext.core import define_stoplist
    from tld.utils import MozillaPublicOnlyTLDSourceParser, get_tld_names
    from trafilatura.external import jt_stoplist_init

    from newsproj.cleaning.patterns import vocabulary
    from newsproj.extraction.language import detect_language
    from newsproj.extraction.normalize import clean_text
    from newsproj.validation import json_schema

    detect_language("warm up " * 40)
    # Pure and cached functions of package files, built once here rather than in every crawl: the chrome
    # vocabulary (chrome.toml's patterns compiled, ~0.09 s), the record's JSON Schema (items.py's attribute
    # docstrings read through inspect, ~0.1 s), clean_text's character class (a walk of the 65,536 code points of
    # the BMP, ~0.07 s) and tld's public suffix trie (~0.06 s).
    vocabulary()
    json_schema()
    clean_text("warm up")
    get_tld_names()
    # Two more tables a crawl built for itself, in every crawl (cProfile of a warm demo crawl, ~0.95 s of CPU): the
    # suffix list's public part, a file of its own in tld (headline.host_label asks without the private part, ~0.02
    # s), and the union of justext's 100 stoplists, lower-cased, that trafilatura's justext fallback uses for a
    # language it has no list for (jt_stoplist_init, then define_stoplist's cache: ~0.15-0.2 s of a demo crawl).
    get_tld_names(parser_class=MozillaPublicOnlyTLDSourceParser)
    define_stoplist(jt_stoplist_init())
    for name in ("newsproj.settings", "newsproj.sites", "newsproj.spiders", "newsproj.pipelines"):
        assert name not in sys.modules, f"{name} must be imported after the fork (settings, environment)"
    assert "twisted.internet.reactor" not in sys.modules, "a preloaded module installed a reactor"
    assert threading.active_count() == 1, "a preloaded module started a thread (the children would lack it)"
    # Everything loaded so far leaves the garbage collector's sight before the children fork (as the extraction
    # pool's forkserver does: newsproj/extraction/_worker.py): a child's full collections no longer walk it.
    gc.collect()
    gc.freeze()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path + ".new")
    listener.listen(16)
    os.rename(path + ".new", path)  # the path appears once it accepts (xdist workers wait for it: SOCKET_ENV)
    print("ready", flush=True)
    children: dict[int, socket.socket] = {}
    while True:
        ready, _, _ = select.select([listener, sys.stdin], [], [], 0.02)
        if sys.stdin in ready and not sys.stdin.buffer.read1(1):  # the test session ended
            for pid in children:
                os.kill(pid, signal.SIGKILL)
            return
        if listener in ready:
            conn, _ = listener.accept()
            msg, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
            request = json.loads(msg)
            pid = os.fork()
            if pid == 0:
                listener.close()
                conn.close()
                for other in children.values():
                    other.close()
                _child(request, fds)
            for fd in fds:
                os.close(fd)
            conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
            children[pid] = conn
        while children:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            conn = children.pop(pid, None)
            if conn is not None:
                try:
                    conn.sendall(json.dumps({"status": os.waitstatus_to_exitcode(status)}).encode() + b"\n")
                except OSError:  # the test side gave up on it
                    pass
                conn.close()


# --- the test side --------------------------------------------------------------------------------------------


SOCKET_ENV = "NEWSPROJ_TEST_WARM_SOCKET"
"""Set by the xdist controller (:func:`start_shared`) for its workers: the socket of the one warm parent they share."""


class WarmParent:
    def __init__(self, wait: bool = True) -> None:
        self.dir = tempfile.mkdtemp(prefix="newsproj-warm-")
        self.path = os.path.join(self.dir, "socket")
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.warm", self.path], cwd=ROOT,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.proc.stdout is not None
        if wait and self.proc.stdout.readline().strip() != b"ready":
            raise RuntimeError("the warm crawl parent did not start (python -m tests.warm)")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        for name in os.listdir(self.dir):
            os.unlink(os.path.join(self.dir, name))
        os.rmdir(self.dir)


class SharedParent:
    """The warm parent of the xdist controller (:func:`start_shared`), seen from a worker: its socket. Each worker
    started a parent of its own before (~3 s of CPU each, all at once at the start of the run)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.refused = False

    def alive(self) -> bool:
        return not self.refused

    def stop(self) -> None:  # the controller's to stop
        pass


_parent: WarmParent | SharedParent | None = None
_starting = threading.Lock()


def start_warm() -> WarmParent | SharedParent:
    """The session's warm parent, started on first use (from any thread: one parent for all); in an xdist worker,
    the controller's, once its socket is there (a parent of its own when it is not within 120 s, or refuses)."""
    global _parent
    with _starting:
        if _parent is not None and not _parent.alive():  # it died: start another
            _parent = None
        if _parent is None:
            shared = os.environ.get(SOCKET_ENV)
            deadline = time.monotonic() + 120
            while shared and not os.path.exists(shared) and time.monotonic() < deadline:
                time.sleep(0.02)
            _parent = SharedParent(shared) if shared and os.path.exists(shared) else WarmParent()
        return _parent


def start_shared() -> None:
    """In the xdist controller, before its workers start: a warm parent for all of them (they inherit
    :data:`SOCKET_ENV`), started without waiting for it to be ready (it loads while the workers collect)."""
    global _parent
    with _starting:
        if _parent is None:
            _parent = WarmParent(wait=False)
            os.environ[SOCKET_ENV] = _parent.path


def stop_warm() -> None:
    global _parent
    if _parent is not None:
        _parent.stop()
        _parent = None


def warm_ok(env: dict[str, str] | None) -> bool:
    """Whether a process with this environment can be forked from the warm parent: the interpreter's own
    settings (``PYTHONPATH``, ``PYTHONHASHSEED``...) are read once, when the parent started. One exception: a
    ``PYTHONPATH`` of the project's root alone where the session has none (``scrapy`` run from another directory,
    as docs tell: tests/e2e/test_operations.py). The parent imported from there already, so nothing it preloaded
    could have come from elsewhere; the child puts it on ``sys.path`` after its working directory, as the
    interpreter would."""
    if env is None:
        return True
    names = {k for k in (*env, *os.environ) if k.startswith("PYTHON")}
    return all(env.get(k) == os.environ.get(k)
               or (k == "PYTHONPATH" and k not in os.environ and env.get(k) == str(ROOT)) for k in names)


def _fd(target: Any, default: int) -> tuple[int, bool]:
    """A file descriptor for ``target`` (None, DEVNULL, a file object or fd); True when we opened it."""
    if target is None:
        return default, False
    if target == subprocess.DEVNULL:
        return os.open(os.devnull, os.O_RDWR), True
    return (target if isinstance(target, int) else target.fileno()), False


class WarmProcess:
    """``scrapy ARGV`` forked from the warm parent; ``Popen``-like."""

    def __init__(self, argv: list[str], *, cwd: str | Path, env: dict[str, str] | None = None,
                 stdout: Any = None, stderr: Any = None):
        parent = start_warm()
        self.returncode: int | None = None
        opened = []
        stdin_fd = os.open(os.devnull, os.O_RDONLY)
        opened.append(stdin_fd)
        out_fd, own = _fd(stdout, 1)
        if own:
            opened.append(out_fd)
        err_fd, own = (out_fd, False) if stderr == subprocess.STDOUT else _fd(stderr, 2)
        if own:
            opened.append(err_fd)
        request = {"argv": [str(a) for a in argv], "env": dict(os.environ if env is None else env),
                   "cwd": str(cwd)}
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            try:
                self.sock.connect(parent.path)
            except (ConnectionRefusedError, FileNotFoundError):
                if not isinstance(parent, SharedParent):
                    raise
                parent.refused = True  # the controller's parent is gone: this worker starts its own
                self.sock.connect(start_warm().path)
            socket.send_fds(self.sock, [json.dumps(request).encode()], [stdin_fd, out_fd, err_fd])
        finally:
            for fd in opened:
                os.close(fd)
        self.reader = self.sock.makefile("rb")
        self.pid: int = json.loads(self.reader.readline())["pid"]

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self.sock], [], [], 0)[0]:
            self._read_status()
        return self.returncode

    def _read_status(self) -> None:
        line = self.reader.readline()
        self.returncode = json.loads(line)["status"] if line else -signal.SIGKILL
        self.reader.close()
        self.sock.close()

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            if not select.select([self.sock], [], [], timeout)[0]:
                raise subprocess.TimeoutExpired(["scrapy", "(warm)"], timeout or 0)
            self._read_status()
        assert self.returncode is not None
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def send_signal(self, sig: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, sig)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in pytest ends the session, which closes our stdin
    serve(sys.argv[1])
