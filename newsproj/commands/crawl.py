"""``scrapy crawl``, plus: a bad invocation stops before anything starts, a run that failed its close-time checks
(``newsproj/monitors.py``) exits non-zero, and a run given no output (no ``-o``/``-O``/``FEEDS``) writes the
default feed ``NEWSPROJ_DEFAULT_FEED``.

Exit status (../shared/CONTRACT.md): 0 the run finished and its output can be trusted; 2 bad invocation or
setting — one line on stderr names the problem and the fix, nothing was requested, no traceback; 3 the run
failed a close-time check (the reasons are in the log and in the run manifest); 4 a feed failed while writing
or storing (what it did not store is not marked done in STATE_DIR); 5 the output is whole but the cross-run state
could not be saved (a disk full, Redis gone: ``newsproj/state/failed``), so a later run may emit some of its
records again (a run that also failed a check exits 3, with the state's line on stderr too; a failed feed,
4); 6 a pause (Ctrl-C or SIGTERM once with ``JOBDIR``: the output is whole so far, the same command resumes the
run; its manifest says ``"status": "paused"``); 7 a run that was fine otherwise but whose
``NEWSPROJ_STATS_FILE`` could not be written at the end (a monitoring job would read the last run's; one line on
stderr); 1 as before when the crawl could not start for another reason. A run that refuses to start once the
crawler exists (a feed that cannot be opened, a STATE_DIR or output file held by another run) also exits 2 with one
line, before its first request.

Scrapy's own command exits 0 whatever the spider found, and reports a bad spider argument as "Task exception
was never retrieved" with a traceback; :func:`preflight` checks everything it can before the crawler exists:
the ``NEWSPROJ_*`` settings, the spider arguments (by building the spider once, side-effect free), seeds on
loopback/private addresses, ``JOBDIR`` and ``STATE_DIR`` (a directory we can write, a state database that opens),
``NEWSPROJ_STATS_FILE`` (a file in a folder we can write, no device or pipe, not a feed's file nor ``LOG_FILE``),
the local files of ``-o``/``-O``/``FEEDS`` (a file that can be created there, or an existing one opened:
:func:`_feed_problem`), ``REDIS_URL``, ``NEWSPROJ_CRAWL_ID`` and ``NEWSPROJ_STATE_BACKEND`` (a URL redis-py parses,
a valid crawl id, an importable class).
"""

from __future__ import annotations

import argparse
import gc
import ipaddress
import os
import sqlite3
import sys
import tempfile
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from scrapy.commands import ScrapyHelpFormatter
from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError
from scrapy.settings import SETTINGS_PRIORITIES

from .. import compat
from ..exceptions import SiteConfigError
from ..middlewares.config import validate
from . import BAD_INVOCATION, one_line_errors, unexpected, usage_error

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

MONITOR_FAILED = 3
OUTPUT_FAILED = 4
STATE_FAILED = 5
PAUSED = 6
STATS_FILE_NOT_WRITTEN = 7
"""A pause (Ctrl-C or SIGTERM once, with ``JOBDIR``): Scrapy closed the spider (``shutdown``) and saved its queue;
what is in the output is whole, but the run is not finished: the same command resumes it."""


def default_feeds(uri: str) -> dict[str, dict[str, object]]:
    """The default FEEDS: one file per run (JSON lines, or Parquet for a ``.parquet`` URI), written aside and
    renamed when complete."""
    kind = "parquet" if uri.endswith(".parquet") else "jsonlines"
    return {uri: {"format": kind, "newsproj_atomic": True, "newsproj_default": True,
                  "uri_params": "newsproj.extensions.manifest.uri_params"}}


def _spider_loader(settings: BaseSettings) -> Any:
    from scrapy.spiderloader import get_spider_loader

    return get_spider_loader(settings)


def spider_arguments_help(settings: BaseSettings) -> str:
    """The ``-a NAME=VALUE`` arguments of every spider that declares them (``arguments`` class attribute)."""
    lines = []
    try:
        loader = _spider_loader(settings)
        names = sorted(loader.list())
    except Exception:  # noqa: BLE001 — help must print even if a spider module is broken
        return ""
    for name in names:
        arguments = getattr(loader.load(name), "arguments", None)
        if not arguments:
            continue
        lines.append(f"Spider arguments of {name!r} (-a NAME=VALUE):")
        lines += [f"  -a {arg}\n      {text}" for arg, text in arguments.items()]
    return "\n".join(lines)


class _HelpFormatter(argparse.RawDescriptionHelpFormatter, ScrapyHelpFormatter):
    """Scrapy's help layout, with the spider-argument epilog kept as written."""


def _directory_problem(setting: str, value: str) -> str | None:
    """Why ``value`` cannot serve as the writable directory ``setting`` names, or None. Creates nothing."""
    path = Path(value)
    try:
        return _directory_problem_at(setting, value, path)
    except OSError as exc:  # a parent that cannot be searched
        return f"-s {setting}={value}: cannot be used ({exc.strerror}); give {setting} a directory this user can write"


def _directory_problem_at(setting: str, value: str, path: Path) -> str | None:
    if path.exists() and not path.is_dir():
        return f"-s {setting}={value}: is a file, not a directory; point {setting} at a directory"
    existing = path
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        return f"-s {setting}={value}: {existing} is a file, not a directory; point {setting} at a directory"
    if not os.access(existing, os.W_OK | os.X_OK):
        return (f"-s {setting}={value}: {existing} is not writable; give {setting} a directory this user can "
                f"write")
    refused = _create_problem(existing)
    if refused:
        return (f"-s {setting}={value}: {existing} is not writable ({refused}); give {setting} a directory this "
                f"user can write")
    return None


def _create_problem(folder: Path) -> str | None:
    """Why a file cannot be created in ``folder``, tried for real: ``os.access`` answers yes to root for /proc, /sys
    or a read-only mount, where the write failed once the crawl was over (a traceback, the stats file missing) or
    after Scrapy's start-up log (a feed). The file is anonymous (``O_TMPFILE``) where the file system allows it,
    else removed at once."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


def _local_feed_path(uri: str) -> Path | None:
    """The local file an ``-o``/``-O``/``FEEDS`` URI names (a plain path or ``file://``); None for a URI with a
    ``%(placeholder)s`` or another scheme."""
    parts = urlsplit(uri)
    if "%(" in uri or parts.scheme not in ("", "file"):
        return None
    return Path(unquote(parts.path) if parts.scheme == "file" else uri)


def _same_path(a: Path, b: Path) -> bool:
    """``a`` and ``b`` name one file: the same path once symlinks and ``..`` are resolved, or one existing file."""
    try:
        return os.path.realpath(a) == os.path.realpath(b) or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _stats_file_clash(value: str, settings: BaseSettings) -> str | None:
    """``NEWSPROJ_STATS_FILE`` naming a file the run writes otherwise: it is replaced whole at the end of the run,
    so an ``-o`` file of that name (every record, and the earlier runs' too) was replaced by the stats, exit 0, and
    ``STATE_DIR`` marked every record done: the next run exported none of them again."""
    stats = Path(value)
    for uri in settings.getdict("FEEDS"):
        path = _local_feed_path(str(uri))
        if path is not None and _same_path(stats, path):
            return (f"-s NEWSPROJ_STATS_FILE={value}: is the feed {uri} (the stats file replaces its file at the "
                    f"end of the run); give NEWSPROJ_STATS_FILE a path of its own")
    log_file = settings.get("LOG_FILE")
    if log_file and _same_path(stats, Path(str(log_file))):
        return (f"-s NEWSPROJ_STATS_FILE={value}: is LOG_FILE (the stats file replaces it at the end of the run); "
                f"give NEWSPROJ_STATS_FILE a path of its own")
    return None


def _feed_problem(uri: str, options: Any = None) -> str | None:
    """Why the local file of an ``-o``/``-O``/``FEEDS`` URI cannot be written, asked before the crawler process
    exists: the same refusal came only after Scrapy's start-up log, ~120 lines before its one line. A URI with a
    ``%(placeholder)s`` or another scheme is the feed's own check, once the crawler exists. A file that exists
    (``/dev/fd/1``, ``/dev/stdout``, a FIFO, a file made for the run) is written into, never beside (but Parquet and
    the default feed, written aside and renamed): it is opened, not its folder tried (nothing can be created in
    /dev/fd, procfs, nor by a user in /dev)."""
    path = _local_feed_path(uri)
    if path is None:
        return None
    try:
        if path.is_dir():
            return f"feed {path}: cannot be written (is a directory); give -o/-O a writable path"
        options = options if isinstance(options, dict) else {}
        # written aside (a .part) and renamed: Parquet, the default feed; else into the file itself
        aside = options.get("format") == "parquet" or bool(options.get("newsproj_atomic"))
        stream = _standard_stream(path) if aside else None
        if stream:  # (renamed over at the end: /dev/stdout itself, as root, or the log it is redirected to)
            return (f"feed {path}: is this run's {stream}, which a {options.get('format') or 'per-run'} feed, written "
                    f"aside and renamed over its name at the end, would replace; give -o/-O the path of a file")
        if aside and path.is_symlink():  # the feed follows the link (feeds.SafeFileFeedStorage): its target's
            from ..feeds import followed

            path = followed(path)  # (a link that loops names no file: ELOOP, refused below)
            if path.exists() and not path.is_file():
                return (f"feed {uri}: links to {path}, no regular file, which a feed written aside and renamed "
                        f"cannot replace; give -o/-O the path of a file")
        elif aside and path.exists() and not path.is_file():  # a FIFO, /dev/null as root: replaced by the rename
            return (f"feed {uri}: is no regular file (a device, a pipe), which a feed written aside and renamed "
                    f"over its name would replace; give -o/-O the path of a file")
        if path.exists() and not aside:
            if not path.is_file():
                return None  # /dev/fd/1 on a pipe, a FIFO (opened for writing, it would wait for a reader)
            os.close(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK))  # (appends nothing, truncates not)
            return None
        folder = path.parent
        while not folder.exists() and folder.parent != folder:
            folder = folder.parent
        reason = None if folder.is_dir() else f"{folder} is not a directory"
        reason = reason or (None if os.access(folder, os.W_OK | os.X_OK) else f"{folder} is not writable")
        reason = reason or _create_problem(folder)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
    return f"feed {path}: cannot be written ({reason}); give -o/-O a writable path" if reason else None


def _state_database_problem(state_dir: str) -> str | None:
    from ..state.files import FILENAME

    path = Path(state_dir) / FILENAME
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(path, timeout=5)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            db.execute("PRAGMA quick_check(1)").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return (f"-s STATE_DIR={state_dir}: {path.name} is not a usable state database ({exc}); move it aside "
                f"(the next run then starts with no memory of earlier runs) or use another STATE_DIR")
    return None


def _seed_problem(url: str, settings: BaseSettings) -> str | None:
    """A seed the SSRF guard would refuse (an IP literal or ``localhost``; names are resolved by the guard)."""
    from ..middlewares.ssrf import ALLOWABLE, address_kind, ip_literal

    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    ip = ip_literal(host) or (ipaddress.ip_address("127.0.0.1") if host == "localhost" else None)
    kind = address_kind(ip) if ip is not None else None
    if kind is None:
        return None
    allowed_hosts = {h.strip().lower() for h in settings.getlist("NEWSPROJ_ALLOW_PRIVATE_HOSTS") if h}
    if kind in ALLOWABLE and (
        settings.getbool("NEWSPROJ_ALLOW_PRIVATE") or host in allowed_hosts or parts.netloc.lower() in allowed_hosts
    ):
        return None
    if kind not in ALLOWABLE:
        return f"seed {url}: {kind} addresses are never requested; give a public or local (loopback) URL"
    return (f"seed {url}: {kind} addresses are refused by default; to crawl a local site add "
            f"-s NEWSPROJ_ALLOW_PRIVATE=1 (or -s NEWSPROJ_ALLOW_PRIVATE_HOSTS={parts.netloc})")


def _standard_stream(path: Path) -> str | None:
    """``"standard output"`` or ``"standard error"`` when ``path`` (symlinks followed) is the file this process
    writes them to, else None."""
    try:
        named = path.stat()
    except OSError:
        return None
    for fd, stream in ((1, "standard output"), (2, "standard error")):
        try:
            opened = os.fstat(fd)
        except OSError:
            continue
        if (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino):
            return stream
    return None


def _stats_file_problem(value: str) -> str | None:
    """Why ``NEWSPROJ_STATS_FILE`` cannot be written at the end of the run (the file is written once the crawl is
    over, where a failure was a traceback and exit 0), or None. Creates nothing (its folder is made then). A link
    is followed: its target is written (feeds.followed); a link that loops is refused."""
    from ..feeds import followed

    path = Path(value)
    if path.is_dir():
        return f"-s NEWSPROJ_STATS_FILE={value}: is a directory; give the path of a file to write the stats to"
    if path.exists() and not path.is_file():
        # the file is replaced whole at the end (a temp file renamed over the name): /dev/stdout (a symlink) or
        # /dev/null, run as root, became a regular file holding the stats, for every process of the machine
        return (f"-s NEWSPROJ_STATS_FILE={value}: is not a regular file (a device, a pipe: it would be replaced by "
                f"one at the end of the run); give the path of a file to write the stats to")
    stream = _standard_stream(path)
    if stream:
        # /dev/stdout with the output redirected to a file (cron's `>> log 2>&1`) is a regular file to the check
        # above: the run renamed its stats over /dev/stdout itself, or over the log, at the end
        return (f"-s NEWSPROJ_STATS_FILE={value}: is this run's {stream} (the stats file replaces its name at the "
                f"end of the run: /dev/stdout, or the log, would become the stats); give NEWSPROJ_STATS_FILE a path "
                f"of its own")
    try:  # the folder written is the link's target's
        path = followed(path)
    except OSError as exc:
        return (f"-s NEWSPROJ_STATS_FILE={value}: cannot be written ({exc.strerror or exc}); give "
                f"NEWSPROJ_STATS_FILE the path of a file")
    problem = _directory_problem("NEWSPROJ_STATS_FILE", str(path.parent))
    if problem is None:
        return None
    reason = problem.split(": ", 1)[1].split("; ")[0]  # "is a file, …" / "<folder> is not writable" / "cannot …"
    if reason.startswith("is "):
        reason = f"{path.parent} {reason}"
    return (f"-s NEWSPROJ_STATS_FILE={value}: cannot be written ({reason}); give NEWSPROJ_STATS_FILE a path in a "
            f"folder this user can write")


def _log_file_problem(value: str) -> str | None:
    """Why Scrapy cannot open ``LOG_FILE`` for writing (its folder missing or not writable, a directory): what was
    a traceback and exit 1 when the crawler process set up its logging, before any newsproj check; or None."""
    path = Path(value)
    fix = "give LOG_FILE a file in an existing folder this user can write"
    if path.is_dir():
        return f"-s LOG_FILE={value}: is a directory; {fix}"
    if not path.parent.is_dir():
        return f"-s LOG_FILE={value}: its folder {path.parent} does not exist; {fix}"
    if not os.access(path if path.exists() else path.parent, os.W_OK):
        return f"-s LOG_FILE={value}: is not writable; {fix}"
    return None


PREFLIGHT_REDIS_SECONDS = 2.0
"""How long the pre-start check waits for the Redis of ``REDIS_URL`` (an unreachable one is the crawl's to report)."""


def _redis_database_problem(settings: BaseSettings) -> str | None:
    """The Redis of ``REDIS_URL`` refusing the URL's database ("DB index is out of range": a setting to fix), asked
    before the crawler process sets up its log: the one line was the last of 80. Any other outcome (the server
    unreachable, slow, answering another error) is None here: the crawl reports it as it did (exit 1)."""
    from redis import exceptions
    from scrapy_redis.connection import get_redis_from_settings  # type: ignore[import-untyped]

    quick = settings.copy()
    quick.set("REDIS_PARAMS", {**settings.getdict("REDIS_PARAMS"), "socket_timeout": PREFLIGHT_REDIS_SECONDS,
                               "socket_connect_timeout": PREFLIGHT_REDIS_SECONDS, "retry_on_timeout": False},
              priority=max(settings.getpriority("REDIS_PARAMS") or 0, SETTINGS_PRIORITIES["cmdline"]))
    client = None
    try:
        client = get_redis_from_settings(quick)
        client.ping()  # (connecting selects the URL's database)
    except exceptions.ResponseError as exc:
        if "db index" in str(exc).lower():
            return (f"-s REDIS_URL: the Redis refused its database ({type(exc).__name__}: {exc}); nothing was "
                    f"crawled; give redis://[:PASSWORD@]HOST:PORT/DB with a database that server has "
                    f"(docs/distributed.md)")
    except Exception:  # noqa: BLE001, S110 - unreachable, slow, refused otherwise: the crawl says so, exit 1
        pass
    finally:
        if client is not None:
            client.close()
    return None


_STORE_METHODS = ("get", "owner_of", "record", "close")
"""What a :class:`newsproj.state.StateStore` class must have (the protocol's methods)."""


def _distributed_problem(settings: BaseSettings) -> str | None:
    """A ``REDIS_URL`` that redis-py cannot parse, a ``NEWSPROJ_CRAWL_ID`` no crawl can have, a
    ``NEWSPROJ_STATE_BACKEND`` that cannot be imported: what failed as a traceback and exit 1 once the crawl had
    started. (An unreachable Redis is not an invocation problem: the run fails, exit 1.)"""
    url = settings.get("REDIS_URL")
    if url:
        from redis.connection import parse_url  # only with REDIS_URL: without it nothing about Redis is imported

        try:
            parse_url(str(url))
        except ValueError as exc:  # the URL is not repeated: it may hold a password
            return f"-s REDIS_URL: {exc}; give redis://[:PASSWORD@]HOST:PORT/DB (docs/distributed.md)"
        parts = urlsplit(str(url))
        database = unquote(parts.path).strip("/")
        if parts.scheme in ("redis", "rediss") and database and not database.isdecimal():
            # (redis-py ignores a database that is no number, "/x" → database 0, and joins "/1/2" into 12)
            return (f"-s REDIS_URL: the database {database!r} is not a number; give redis://[:PASSWORD@]HOST:PORT/DB "
                    f"(docs/distributed.md)")
        refused = _redis_database_problem(settings)
        if refused:
            return refused
        explicit = settings.get("NEWSPROJ_CRAWL_ID")
        if explicit:
            from ..distributed.keys import crawl_id_problem

            problem = crawl_id_problem(explicit)
            if problem:
                return f"setting {problem}"
    backend = settings.get("NEWSPROJ_STATE_BACKEND")
    if backend:
        from scrapy.utils.misc import load_object

        try:
            store = load_object(backend)
        except (ImportError, AttributeError, NameError, ValueError) as exc:
            return (f"-s NEWSPROJ_STATE_BACKEND={backend}: cannot be imported ({type(exc).__name__}: {exc}); give "
                    f"the import path of a StateStore class, or leave it unset (REDIS_URL sets it)")
        if not isinstance(store, type):  # (a module or a function imports too, and failed once the crawl started)
            return (f"-s NEWSPROJ_STATE_BACKEND={backend}: is a {type(store).__name__}, not a class; give the import "
                    f"path of a StateStore class, or leave it unset (REDIS_URL sets it)")
        # (a class built with from_crawler may be a factory: what it returns is known once the crawl starts)
        missing = [] if callable(getattr(store, "from_crawler", None)) else \
            [name for name in _STORE_METHODS if not callable(getattr(store, name, None))]
        if missing:  # (a class that is no StateStore, "builtins.dict": two tracebacks and exit 3 once it had started)
            return (f"-s NEWSPROJ_STATE_BACKEND={backend}: is no StateStore (no {', '.join(missing)}); give the "
                    f"import path of a StateStore class, or leave it unset (REDIS_URL sets it)")
        if not url and store.__module__ == "newsproj.state.redis":  # (a traceback and exit 1 once it had started)
            return (f"-s NEWSPROJ_STATE_BACKEND={backend}: keeps the state in Redis and needs -s REDIS_URL=redis://"
                    f"HOST:PORT/DB; give both, or neither (STATE_DIR keeps it in files)")
    return None


def preflight(settings: BaseSettings, spider_name: str, spargs: dict[str, Any]) -> str | None:
    """The first reason this invocation cannot run (one line naming the problem and the fix), or None."""
    problems = validate(settings)
    if problems:
        return "; ".join(problems)
    stats_file = settings.get("NEWSPROJ_STATS_FILE")
    log_file = settings.get("LOG_FILE")
    problem = (stats_file and (_stats_file_problem(str(stats_file))
                               or _stats_file_clash(str(stats_file), settings))) or (
        log_file and _log_file_problem(str(log_file))) or _distributed_problem(settings)
    if problem:
        return problem
    for uri, options in settings.getdict("FEEDS").items():
        problem = _feed_problem(str(uri), options)
        if problem:
            return problem
    loader = _spider_loader(settings)
    try:
        spidercls = loader.load(spider_name)
    except KeyError:
        return f"no spider {spider_name!r}; use one of: {', '.join(sorted(loader.list()))}"
    declared = getattr(spidercls, "arguments", None)
    if declared:
        unknown = sorted(a for a in spargs if a not in declared and not a.startswith("_"))  # scrapyd adds _job
        if unknown:
            return (f"-a {unknown[0]}: not an argument of spider {spider_name}; it takes "
                    f"{', '.join(f'-a {a}=' for a in declared)} (scrapy crawl {spider_name} -h)")
    try:
        spider = spidercls(**spargs)
    except (UsageError, SiteConfigError) as exc:
        return str(exc)
    for url in getattr(spider, "seeds", None) or ():
        problem = _seed_problem(url, settings)
        if problem:
            return problem
    jobdir = settings.get("JOBDIR")
    if jobdir:
        problem = _directory_problem("JOBDIR", jobdir)
        if problem:
            return problem
    warc_dir = settings.get("NEWSPROJ_WARC_DIR")
    if warc_dir:
        problem = _directory_problem("NEWSPROJ_WARC_DIR", warc_dir)
        if problem:
            return problem
    state_dir = settings.get("STATE_DIR")
    if state_dir and not settings.get("NEWSPROJ_STATE_BACKEND") and not settings.get("REDIS_URL"):
        return _directory_problem("STATE_DIR", state_dir) or _state_database_problem(state_dir)
    if state_dir:  # the run history (manifests) is kept there with any backend
        return _directory_problem("STATE_DIR", state_dir)
    return None


def _redis_unreachable(exc: BaseException) -> bool:
    """``exc`` is redis-py's failure to connect (a component reading the Redis state as the crawler starts)."""
    redis_exceptions = sys.modules.get("redis.exceptions")  # imported only in distributed mode
    return redis_exceptions is not None and isinstance(
        exc, redis_exceptions.ConnectionError | redis_exceptions.TimeoutError)


def _redis_answered_error(exc: BaseException) -> bool:
    """``exc`` is an error the Redis server answered at start ("OOM command not allowed", "MISCONF", "DB index is
    out of range"...): the run could not start."""
    redis_exceptions = sys.modules.get("redis.exceptions")  # imported only in distributed mode
    return redis_exceptions is not None and isinstance(exc, redis_exceptions.ResponseError)


def _redis_refused(exc: BaseException) -> bool:
    """``exc`` is the Redis server's answer that this URL's database does not exist: a setting to fix (exit 2), not
    an outage like the other answered errors (a full or read-only server: exit 1)."""
    return _redis_answered_error(exc) and "db index" in str(exc).lower()


def _spider_names(settings: BaseSettings) -> str:
    try:
        return ", ".join(sorted(_spider_loader(settings).list()))
    except Exception:  # noqa: BLE001 — the message must print even if a spider module is broken
        return "see scrapy list"


class Command(ScrapyCrawl):
    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        from scrapy.utils.project import get_project_settings

        parser.formatter_class = _HelpFormatter
        parser.epilog = spider_arguments_help(self.settings or get_project_settings()) or None
        one_line_errors(parser, "crawl")  # argparse's and Scrapy's usage errors too

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args:  # (Scrapy would set up its logging, then print the whole help)
            assert self.settings is not None
            usage_error("crawl", f"name the spider to run: scrapy crawl SPIDER, one of: "
                                 f"{_spider_names(self.settings)}")
        if len(args) > 1:  # an unknown option lands here too (Scrapy: "more than one spider is not supported")
            usage_error("crawl", f"unexpected argument {unexpected(args)!r}; spider arguments are -a NAME=VALUE, "
                                 "settings -s NAME=VALUE (scrapy crawl SPIDER -h lists them)")
        super().process_options(args, opts)
        assert self.settings is not None
        uri = self.settings.get("NEWSPROJ_DEFAULT_FEED")
        if uri and not (opts.output or opts.overwrite_output or self.settings.getdict("FEEDS")):
            self.settings.set("FEEDS", default_feeds(uri), priority="project")
        # before the crawler process exists: no log set-up, no request, one line on stderr
        problem = preflight(self.settings, args[0], opts.spargs)
        if problem:
            sys.stderr.write(f"scrapy crawl {args[0]}: {problem}\n")
            sys.exit(BAD_INVOCATION)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.crawler_process
        crawler = self.crawler_process.create_crawler(args[0])
        compat.stop_once_started(crawler)  # a Ctrl-C while the engine starts pauses (6), as a moment later
        refused: list[BaseException] = []
        unreachable: list[BaseException] = []

        def started(result: Any) -> Any:
            """A run that refused to start with a ``UsageError``, or could not reach its Redis: kept for one line
            (no traceback)."""
            exc = getattr(result, "value", None)  # a Failure (Deferred)
            if exc is None and hasattr(result, "done") and result.done() and not result.cancelled():
                exc = result.exception()  # an asyncio Task; reading it marks it retrieved
            if isinstance(exc, UsageError):
                refused.append(exc)
                return None
            if exc is not None and (_redis_unreachable(exc) or _redis_answered_error(exc)):
                unreachable.append(exc)
                return None
            if exc is not None:  # retrieved above, so asyncio will not report it: say it here, as it would
                traceback.print_exception(exc)
            return result

        running: Any = self.crawler_process.crawl(crawler, **opts.spargs)
        if hasattr(running, "add_done_callback"):
            running.add_done_callback(started)
        else:
            running.addErrback(started)
        self.crawler_process.start()
        try:
            stats = crawler.stats.get_stats()
        except RuntimeError:  # the crawl stopped before its stats existed
            stats = {}
        if refused or stats.get("newsproj/output/unavailable"):
            problem = refused[0] if refused else stats["newsproj/output/unavailable"]
            sys.stderr.write(f"scrapy crawl {args[0]}: {problem}\n")
            self.exitcode = BAD_INVOCATION
        elif unreachable and _redis_refused(unreachable[0]):  # a setting to fix (the database): 2, one line
            sys.stderr.write(f"scrapy crawl {args[0]}: -s REDIS_URL: the Redis refused the crawl's first request "
                             f"({type(unreachable[0]).__name__}: {unreachable[0]}); nothing was crawled; give "
                             f"redis://[:PASSWORD@]HOST:PORT/DB with a database that server has "
                             f"(docs/distributed.md)\n")
            self.exitcode = BAD_INVOCATION
        elif unreachable:  # an outage, not an invocation to fix: 1, "could not start" (docs/operations.md)
            how = "cannot be reached" if _redis_unreachable(unreachable[0]) else "answered an error"
            sys.stderr.write(f"scrapy crawl {args[0]}: could not start: the Redis of -s REDIS_URL {how} "
                             f"({type(unreachable[0]).__name__}: {unreachable[0]}); nothing was crawled, start "
                             f"again once it answers\n")
            self.exitcode = 1
        elif self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        elif stats.get("newsproj/output/failed"):
            sys.stderr.write(f"scrapy crawl {args[0]}: the feed failed: {stats['newsproj/output/failed']}\n")
            self.exitcode = OUTPUT_FAILED
        elif stats.get("newsproj/monitor/failed") or stats.get("newsproj/state/failed"):
            # 5 says the output is whole and only the state is behind: a failed check (output not to trust) wins
            if stats.get("newsproj/state/failed"):
                sys.stderr.write(f"scrapy crawl {args[0]}: the state was not saved: "
                                 f"{stats['newsproj/state/failed']}\n")
            self.exitcode = MONITOR_FAILED if stats.get("newsproj/monitor/failed") else STATE_FAILED
        elif stats.get("finish_reason") == "shutdown" and crawler.settings.get("JOBDIR"):
            # a pause (Scrapy's pause/resume): not finished, so not 0 ("finished, output to trust": a cron wrapper
            # chaining `&& publish` would publish a partial crawl); resumable, so not a failure either
            sys.stderr.write(f"scrapy crawl {args[0]}: paused (JOBDIR={crawler.settings.get('JOBDIR')}): the output "
                             f"holds what the run wrote so far, whole, but the run is not finished; run the same "
                             f"command again to resume it\n")
            self.exitcode = PAUSED
        elif stats and not stats.get("finish_reason"):
            # the spider never closed: a forced shutdown (Ctrl-C or SIGTERM twice) stopped the reactor mid-crawl,
            # so no monitor ran and the feed was not finished: not an output to trust (exit 0 said it was)
            sys.stderr.write(f"scrapy crawl {args[0]}: the run was stopped before it closed (a forced shutdown); "
                             "its output is partial\n")
            self.exitcode = 1
        from ..extensions.housekeeping import STATS_FILE_FAILED

        if stats.get(STATS_FILE_FAILED):
            # a monitoring file not written leaves the last run's in place (or none): an exit 0 let the monitoring
            # that reads it report this run from stale figures. The feed and the state are whole: 7, below the rest
            # "whole" only of a run that is fine otherwise: after "the feed failed" (4) or "the state could not be
            # saved" (5) it told the operator the opposite of the line above it
            whole = "" if self.exitcode else "the run's output and state are whole, "
            sys.stderr.write(f"scrapy crawl {args[0]}: {stats[STATS_FILE_FAILED]}; {whole}its stats are in the log\n")
            if not self.exitcode:
                self.exitcode = STATS_FILE_NOT_WRITTEN
        # The crawl is over and the process exits next. The interpreter's exit walks every object the crawl made in
        # its last garbage collections (~1 s of CPU after a 10,000-page run, with the extraction stack, the dedup
        # index and the state loaded); frozen, they are skipped and freed as the modules are cleared. (Feeds, state
        # and the manifest are closed by now; logging flushes at exit as before.)
        gc.freeze()
        return None
