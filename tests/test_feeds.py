"""SafeFileFeedStorage: partial last lines cut, existing records handed to the ledger, atomic publish,
orphaned .part files of killed runs published; uri_params for the default FEEDS."""

from __future__ import annotations

import fcntl
import json
import os
import stat

import pytest
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsproj.feeds import (
    FeedUnavailable,
    FeedWriteError,
    SafeFileFeedStorage,
    part_path,
    publish,
    recover_orphans,
    repair_strings,
    repair_tail,
    site_key,
)
from newsproj.spiders.news import NewsSpider
from newsproj.state.ledger import ledger_for

LINE = json.dumps({"canonicalUrl": "https://n.example/a", "articleBody": "Body"}) + "\n"


def _write_past_a_full_disk(fh) -> None:
    """One more LINE written to ``fh`` while the process may write files of at most len(LINE) + 10 bytes (a full
    disk, as the kernel reports it: a short write, then EFBIG): the feed raises FeedWriteError."""
    import resource
    import signal

    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (len(LINE) + 10, hard))
    try:
        with pytest.raises(FeedWriteError):
            fh.write(LINE.encode())
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old)


def test_repair_tail(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(LINE * 2 + '{"canonicalUrl": "https://n.exa')
    assert repair_tail(path) == len('{"canonicalUrl": "https://n.exa')
    assert path.read_text() == LINE * 2
    assert repair_tail(path) == 0
    path.write_text('{"half')
    assert repair_tail(path) == 6 and path.read_bytes() == b""


def test_append_resumes_file(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(LINE + '{"canonicalUrl": "https://n.example/b", "artic')
    crawler = get_crawler(settings_dict={"STATE_DIR": ""})
    options = {"overwrite": False, "format": "jsonlines"}
    storage = build_from_crawler(SafeFileFeedStorage, crawler, str(path), feed_options=options)
    assert ledger_for(crawler).in_output == set()  # nothing happens before the feed is opened
    fh = storage.open(None)
    assert path.read_text() == LINE
    assert ledger_for(crawler).in_output == {"https://n.example/a"}
    fh.write(b'{"x": 1}\n')
    storage.store(fh)
    assert path.read_text() == LINE + '{"x": 1}\n'


def test_other_formats_are_left_alone(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(b"\x1f\x8b binary\n tail")
    crawler = get_crawler(settings_dict={"STATE_DIR": ""})
    gzip = ["scrapy.extensions.postprocessing.GzipPlugin"]
    options = {"overwrite": False, "format": "jsonlines", "postprocessing": gzip}
    storage = build_from_crawler(SafeFileFeedStorage, crawler, str(path), feed_options=options)
    storage.open(None).close()
    assert path.read_bytes() == b"\x1f\x8b binary\n tail"


def test_overwrite_does_not_seed(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(LINE)
    crawler = get_crawler(settings_dict={"STATE_DIR": ""})
    storage = build_from_crawler(SafeFileFeedStorage, crawler, str(path), feed_options={"overwrite": True})
    fh = storage.open(None)
    assert ledger_for(crawler).in_output == set()
    assert path.read_text() == ""
    assert not storage.durable_at_write  # the next -O run empties it: committed once stored
    fh.write(b'{"x": 1}\n')
    storage.store(fh)
    assert path.read_text() == '{"x": 1}\n' and not part_path(path).exists()


def test_atomic_feed_is_visible_only_when_stored(tmp_path):
    final = tmp_path / "site" / "2024-09-12" / "run1.jsonl"
    crawler = get_crawler(settings_dict={"STATE_DIR": ""})
    storage = build_from_crawler(SafeFileFeedStorage, crawler, str(final),
                                 feed_options={"overwrite": False, "newsproj_atomic": True})
    fh = storage.open(None)
    fh.write(LINE.encode())
    assert not final.exists() and part_path(final).read_text() == LINE
    storage.store(fh)  # stored, held until every feed is stored and the state saved (CheckedFeedExporter)
    assert not final.exists() and storage.held is fh
    storage.publish_held()
    assert final.read_text() == LINE and not part_path(final).exists()
    assert storage.lines == 1 and len(storage.sha256) == 64


def test_orphans_of_dead_runs_are_published_live_ones_are_not(tmp_path):
    dead = part_path(tmp_path / "d1" / "run-dead.jsonl")
    live = part_path(tmp_path / "d1" / "run-live.jsonl")
    dead.parent.mkdir()
    dead.write_text(LINE + '{"half')
    live.write_text(LINE)
    with live.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        assert recover_orphans(tmp_path) == [tmp_path / "d1" / "run-dead.jsonl"]
    assert (tmp_path / "d1" / "run-dead.jsonl").read_text() == LINE
    manifest = json.loads((tmp_path / "d1" / "run-dead.manifest.json").read_text())
    assert manifest["status"] == "recovered" and manifest["output"]["records"] == 1
    assert live.exists()


def test_an_orphan_whose_records_cannot_be_remembered_is_not_published(tmp_path):
    """The orphan's records are adopted before it gets its name: a failure (or a kill) there leaves the ``.part``
    for the next run, never a published file whose records no state holds."""
    dead = part_path(tmp_path / "d1" / "run-dead.jsonl")
    dead.parent.mkdir()
    dead.write_text(LINE)
    seen = []

    def failing(records, final):
        seen.extend(records)
        raise OSError("database or disk is full")

    with pytest.raises(OSError):
        recover_orphans(tmp_path, adopt=failing)
    assert dead.exists() and not (tmp_path / "d1" / "run-dead.jsonl").exists()
    assert seen == [json.loads(LINE)]
    assert recover_orphans(tmp_path, adopt=lambda records, final: None) == [tmp_path / "d1" / "run-dead.jsonl"]


@pytest.mark.parametrize("cut", [False, True])
def test_a_gzipped_orphan_is_published_whole(tmp_path, cut):
    """A per-run feed with Scrapy's GzipPlugin leaves ``.<run>.jsonl.gz.part``: it was never published (only
    ``.jsonl.part`` was looked for), though its records may be in the state (a kill after the state save, before
    the rename). A complete stream is published as it is; one cut by a kill as a complete stream of its whole
    lines, each record handed to ``adopt`` first."""
    import gzip

    lines = [json.dumps({"canonicalUrl": f"https://n.example/{n}", "articleBody": f"Body {n}"}) + "\n"
             for n in range(3)]
    data = gzip.compress("".join(lines).encode())
    dead = part_path(tmp_path / "d1" / "run-dead.jsonl.gz")
    dead.parent.mkdir()
    if cut:  # the last record's line cut, and the stream's end: a reader raises EOFError
        plain = "".join(lines).encode()
        compressor = gzip.GzipFile(fileobj=(buffer := __import__("io").BytesIO()), mode="wb")
        compressor.write(plain[:-10])
        compressor.flush()
        data = buffer.getvalue()
        lines = lines[:2]
    dead.write_bytes(data)
    adopted = []
    assert recover_orphans(tmp_path, adopt=lambda records, final: adopted.extend(records)) == [
        tmp_path / "d1" / "run-dead.jsonl.gz"]
    published = tmp_path / "d1" / "run-dead.jsonl.gz"
    assert gzip.decompress(published.read_bytes()).decode() == "".join(lines)
    assert adopted == [json.loads(line) for line in lines]
    manifest = json.loads((tmp_path / "d1" / "run-dead.manifest.json").read_text())
    assert manifest["status"] == "recovered" and manifest["output"]["records"] == len(lines)
    assert not dead.exists()


def test_site_key():
    assert site_key(NewsSpider(start_urls="http://127.0.0.1:8080/,http://x.example/")) == "127.0.0.1-8080"
    assert site_key(NewsSpider(start_urls="https://www.example.com/news/")) == "www.example.com"


def test_a_write_is_whole_or_nothing(tmp_path):
    """A short write (here: the file size limit, as a full disk) is cut back and raised: no partial line."""
    path = tmp_path / "a.jsonl"
    crawler = get_crawler(settings_dict={"STATE_DIR": ""})
    storage = build_from_crawler(SafeFileFeedStorage, crawler, str(path), feed_options={"format": "jsonlines"})
    fh = storage.open(None)
    fh.write(LINE.encode())
    _write_past_a_full_disk(fh)
    assert path.read_text() == LINE
    fh.write(LINE.encode())
    assert path.read_text() == LINE * 2
    fh.close()


def test_a_write_cut_short_after_the_file_was_truncated_under_the_run_leaves_no_partial_line(tmp_path):
    """logrotate's ``copytruncate`` empties the ``-o`` file under a live run (same inode: no exit 4, the writes go on
    at its new end). A short write after that (a full disk) was cut back to the size the file had had before the
    truncation: ``ftruncate`` grew the file with NUL bytes after the partial line (ops20). It is cut back to where
    this write began."""
    path = tmp_path / "a.jsonl"
    crawler = get_crawler(settings_dict={"STATE_DIR": ""})
    storage = build_from_crawler(SafeFileFeedStorage, crawler, str(path), feed_options={"format": "jsonlines"})
    fh = storage.open(None)
    for _ in range(3):
        fh.write(LINE.encode())
    os.truncate(path, 0)  # (the copy is the rotated file: its records are there)
    fh.write(LINE.encode())
    _write_past_a_full_disk(fh)
    assert path.read_bytes() == LINE.encode()
    fh.close()


def test_a_second_writer_of_the_same_file_is_refused(tmp_path):
    path = tmp_path / "a.jsonl"
    crawler = get_crawler(settings_dict={"STATE_DIR": ""})
    first = build_from_crawler(SafeFileFeedStorage, crawler, str(path), feed_options={"format": "jsonlines"})
    fh = first.open(None)
    second = build_from_crawler(SafeFileFeedStorage, get_crawler(settings_dict={"STATE_DIR": ""}), str(path),
                                feed_options={"format": "jsonlines"})
    with pytest.raises(FeedUnavailable, match="being written by another run"):
        second.open(None)
    first.store(fh)
    second.open(None).close()  # free again


def test_publish_never_replaces_a_file(tmp_path):
    final = tmp_path / "run1.jsonl"
    final.write_text("recovered\n")
    part = part_path(final)
    part.write_text("resumed\n")
    assert publish(part, final) == tmp_path / "run1-2.jsonl"
    assert final.read_text() == "recovered\n" and (tmp_path / "run1-2.jsonl").read_text() == "resumed\n"
    assert not part.exists()


def test_site_key_is_a_safe_file_name():
    assert site_key(NewsSpider(start_urls="http://../x")) not in ("..", ".", "")
    assert "/" not in site_key(NewsSpider(start_urls="http://../x"))
    assert not site_key(NewsSpider(start_urls="http://.hidden/x")).startswith(".")


def test_repair_strings():
    from newsproj.items import Article, Breadcrumb, Image

    item = Article(url="https://n.example/a", canonicalUrl="https://n.example/a", headline="H", articleBody="B",
                   mainImage=Image(url="https://n.example/\ud800.png"),
                   breadcrumbs=[Breadcrumb(name="x\udfff", url="https://n.example/")])
    assert repair_strings(item) == 2
    assert item.mainImage.url == "https://n.example/\ufffd.png" and item.breadcrumbs[0].name == "x\ufffd"


def test_write_json_from_several_writers_at_once_never_shows_a_partial_file(tmp_path):
    """Processes of a distributed crawl sharing a STATE_DIR save the same file at close (a site's template history):
    one fixed temp name was shared, so a writer renamed another's half-written file into place (or lost its own
    rename: FileNotFoundError)."""
    import threading

    from newsproj.feeds import write_json

    path = tmp_path / "state.json"
    write_json(path, {"writer": -1})
    errors: list[BaseException] = []
    seen: list[object] = []
    done = threading.Event()

    def writer(n: int) -> None:
        try:
            for _ in range(30):
                write_json(path, {"writer": n, "lines": list(range(20_000))})
        except BaseException as exc:  # noqa: BLE001 - what the test looks for
            errors.append(exc)

    def reader() -> None:
        while not done.is_set():
            try:
                seen.append(json.loads(path.read_text(encoding="utf-8"))["writer"])
            except ValueError as exc:
                errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    watch = threading.Thread(target=reader)
    watch.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    watch.join()
    assert errors == []
    assert seen
    assert not [p.name for p in tmp_path.iterdir() if p.name != "state.json"]  # no temp file left behind


def test_a_part_taken_by_another_runs_recovery_before_it_was_locked_is_made_again(tmp_path, monkeypatch):
    """Two runs of a site at once (distributed workers on one machine, or runs without STATE_DIR, whose lock is
    per site): one creates its ``.part`` and, before it locks it, the other's recovery finds it unlocked and
    publishes it (an empty "recovered" file). The first run then wrote every record into that published file, in
    plain view while running, and its own publication failed (FileNotFoundError) after its state was saved. Now a
    run checks, once locked, that its ``.part`` is still there and the file it holds; if not, it makes a new one."""
    import newsproj.feeds as feeds

    final = tmp_path / "site" / "2024-09-12" / "run1.jsonl"
    storage = build_from_crawler(SafeFileFeedStorage, get_crawler(settings_dict={"STATE_DIR": ""}), str(final),
                                 feed_options={"overwrite": False, "newsproj_atomic": True})
    storage.recover = False  # only the other run recovers here
    real, raced = fcntl.flock, []

    def racing(fd, operation):
        if not raced:  # between this run's open and its lock: the other run's recovery
            raced.append(True)
            recover_orphans(tmp_path / "site")
        return real(fd, operation)

    monkeypatch.setattr(feeds.fcntl, "flock", racing)
    fh = storage.open(None)
    monkeypatch.setattr(feeds.fcntl, "flock", real)
    fh.write(LINE.encode())
    assert not final.exists() or final.read_text() == "", "a record visible under the final name while running"
    storage.store(fh)
    published = storage.publish_held()
    assert published.read_text() == LINE


@pytest.mark.parametrize("module", ["gzip", "bz2", "lzma"])
def test_a_compressed_orphan_cut_at_any_byte_is_published_whole_or_not_at_all(tmp_path, module):
    """A compressed per-run ``.part`` cut at every byte: one without a whole line (a gzip run killed before its
    first block is flushed leaves only the 10-byte header) was published as an empty ``.jsonl.gz`` with a
    ``recovered`` manifest saying 0 records, and one cut inside its magic bytes as a 0-byte ``.jsonl.xz`` that no
    xz reader opens. Now such a ``.part`` is removed, as an empty one is; any other is published with exactly its
    whole lines."""
    import importlib
    import io

    codec = importlib.import_module(module)
    suffix = {"gzip": "gz", "bz2": "bz2", "lzma": "xz"}[module]
    lines = [json.dumps({"canonicalUrl": f"https://n.example/{n}", "articleBody": f"Body {n} " * 20}) + "\n"
             for n in range(3)]
    buffer = io.BytesIO()
    with codec.open(buffer, "wb") as out:
        for line in lines:
            out.write(line.encode())
    data = buffer.getvalue()
    for cut in range(len(data) + 1):
        site = tmp_path / str(cut)
        part = part_path(site / "d1" / f"run.jsonl.{suffix}")
        part.parent.mkdir(parents=True)
        part.write_bytes(data[:cut])
        adopted: list[dict] = []
        published = recover_orphans(site, adopt=lambda records, final, into=adopted: into.extend(records))
        assert not part.exists()
        if not adopted:
            assert published == [] and list((site / "d1").iterdir()) == [], cut
            continue
        [file] = published
        assert codec.decompress(file.read_bytes()).decode() == "".join(lines[:len(adopted)]), cut
        manifest = json.loads((site / "d1" / "run.manifest.json").read_text())
        assert manifest["output"]["records"] == len(adopted) > 0


def test_a_plain_orphan_named_gz_is_published_as_it_is(tmp_path):
    """Only a stream cut inside its magic bytes is taken as compressed by its name: a plain JSON-lines file named
    ``.jsonl.gz`` (a FEEDS entry without the Gzip plugin) is published with its records, never removed."""
    part = part_path(tmp_path / "d1" / "run.jsonl.gz")
    part.parent.mkdir()
    part.write_text(LINE)
    adopted: list[dict] = []
    assert recover_orphans(tmp_path, adopt=lambda records, final: adopted.extend(records)) == [
        tmp_path / "d1" / "run.jsonl.gz"]
    assert adopted == [json.loads(LINE)] and (tmp_path / "d1" / "run.jsonl.gz").read_text() == LINE


def test_publish_without_hard_links_writes_the_manifest_before_the_rename(tmp_path, monkeypatch):
    """On a file system without hard links (FAT, some network and FUSE mounts) ``publish`` renamed the ``.part``
    first and wrote the manifest after: a kill between left a published file without a manifest and no ``.part``
    for the next run to recover (and remember) with one."""
    import os

    def no_links(src, dst):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    part, final = tmp_path / ".run.jsonl.part", tmp_path / "run.jsonl"
    part.write_text('{"a": 1}\n')

    def killed(name):
        assert name == final
        raise KeyboardInterrupt  # the run dies while its manifest is written

    with pytest.raises(KeyboardInterrupt):
        publish(part, final, killed)
    assert part.exists() and not final.exists()  # nothing published: the .part is there to recover
    written = []
    assert publish(part, final, written.append) == final and written == [final]
    assert final.read_text() == '{"a": 1}\n' and not part.exists()


def test_publish_of_a_part_that_is_gone_writes_no_manifest(tmp_path):
    """Any error of ``link()`` was taken for a file system without hard links: a ``.part`` gone (its folder removed
    between the store and the publish) got a manifest written under the final name, for a file the rename then
    failed to make (a downstream loader was told of a file that does not exist). Only the errors of a file system
    without hard links take that way; another is raised, nothing written."""
    part, final = tmp_path / ".run.jsonl.part", tmp_path / "run.jsonl"
    written = []
    with pytest.raises(FileNotFoundError):
        publish(part, final, written.append)
    assert written == [] and not list(tmp_path.iterdir())


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002, 0o077])
def test_published_files_get_the_mode_a_plain_open_gives(tmp_path, mask):
    """The files written aside through mkstemp and renamed into place (a manifest, a Parquet feed, the stats file)
    get 0666 less the umask, as the JSON lines feed (a plain open()) and any other tool's file do. They were
    chmod'ed to a fixed 0644: under umask 027 (an operator keeping the output from other users) the manifest, the
    Parquet file and the stats file were readable by everyone, under 002 (a group-shared dataset folder) not
    writable by the group that publishes the rest."""
    from newsproj.exporters import write_parquet
    from newsproj.extensions.housekeeping import Housekeeping
    from newsproj.feeds import write_json

    old = os.umask(mask)
    try:
        (tmp_path / "plain.jsonl").open("w").close()
        write_json(tmp_path / "run.manifest.json", {"run_id": "x"})
        write_parquet(tmp_path / "out.parquet", [])
        Housekeeping._write_stats(tmp_path / "stats.json", {"item_scraped_count": 0})
    finally:
        os.umask(old)
    modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in tmp_path.iterdir()}
    assert modes == dict.fromkeys(("plain.jsonl", "run.manifest.json", "out.parquet", "stats.json"), 0o666 & ~mask)


@pytest.mark.parametrize("cut", [False, True])
def test_an_appended_gzipped_feed_is_inflated_once_to_check_it_and_once_to_learn_it(tmp_path, monkeypatch, cut):
    """Opening an ``-o`` file with Scrapy's GzipPlugin inflates it whole each pass (~2 s for 50 MB): once to tell
    a stream cut by a kill from someone else's, once to learn its records, and only when cut, once more to rewrite
    it. It was inflated once more (a damage check, then a completeness check: 3 passes, 4 when cut)."""
    import gzip

    import newsproj.feeds as feeds

    lines = [json.dumps({"canonicalUrl": f"https://n.example/{n}", "articleBody": f"Body {n}"}) + "\n"
             for n in range(50)]
    data = gzip.compress("".join(lines).encode())
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(data[:-5] if cut else data)
    passes = []
    inflated = feeds._inflated
    monkeypatch.setattr(feeds, "_inflated", lambda *args: passes.append(1) or inflated(*args))
    crawler = get_crawler(settings_dict={"STATE_DIR": ""})
    options = {"overwrite": False, "format": "jsonlines",
               "postprocessing": ["scrapy.extensions.postprocessing.GzipPlugin"]}
    storage = build_from_crawler(SafeFileFeedStorage, crawler, str(path), feed_options=options)
    storage.open(None).close()
    assert len(passes) == (3 if cut else 2)
    # (cut in its trailer: every line inflates; rewritten as a complete stream of them)
    assert gzip.decompress(path.read_bytes()).decode() == "".join(lines)
    assert ledger_for(crawler).in_output == {json.loads(line)["canonicalUrl"] for line in lines}


@pytest.mark.parametrize("writer", ["manifest", "stats_file"])
def test_a_published_json_file_is_fsynced_before_its_rename_and_its_folder_after(tmp_path, monkeypatch, writer):
    """A manifest (``write_json``) and the stats file were renamed over the old file without an fsync of the new
    one: after a power cut a file system that orders the rename before the data (XFS, ext4 without
    ``auto_da_alloc``, btrfs) may show an empty or short file under the name, and a monitoring job read no stats.
    Now the temp is fsynced before ``os.replace``, and the folder after it (the rename itself survives)."""
    from newsproj.extensions.housekeeping import Housekeeping
    from newsproj.feeds import write_json

    calls: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        mode = os.fstat(fd).st_mode
        calls.append(("fsync", "dir" if stat.S_ISDIR(mode) else os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src, dst) -> None:
        calls.append(("replace", str(src)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "out.json"
    if writer == "manifest":
        write_json(target, {"run_id": "x"})
    else:
        assert Housekeeping._write_stats(target, {"item_scraped_count": 1}) is None
    assert [kind for kind, _ in calls] == ["fsync", "replace", "fsync"], calls
    assert calls[0][1] == calls[1][1] and calls[0][1].endswith(".tmp")  # the temp file, before its rename
    assert calls[2][1] == "dir"
    assert json.loads(target.read_text())


def test_only_a_killed_writers_own_old_temp_files_are_removed(tmp_path):
    """What :func:`remove_stale_temps` removes: ``private_temp``'s shape, a regular file of this user, not written
    to for an hour. A fresh temp (a live writer's), a symlink of that shape (its target untouched), and another
    program's temp file stay."""
    from newsproj.feeds import STALE_TEMP_SECONDS, private_temp, remove_stale_temps

    fd, old = private_temp(tmp_path / "stats.json")
    os.close(fd)
    fd, fresh = private_temp(tmp_path / "stats.json")
    os.close(fd)
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours\n")
    link = tmp_path / ".stats.json.abcd1234.tmp"
    link.symlink_to(victim)
    other = tmp_path / ".vimrc.tmp"
    other.write_text("x")
    past = os.stat(old).st_mtime - STALE_TEMP_SECONDS - 60
    for path in (old, other):
        os.utime(path, (past, past))
    os.utime(link, (past, past), follow_symlinks=False)
    crawler = get_crawler()
    crawler.stats.open_spider()
    assert remove_stale_temps(tmp_path.glob(".*.tmp"), crawler.stats) == 1
    assert not old.exists() and fresh.exists() and link.is_symlink() and other.exists()
    assert victim.read_text() == "not yours\n"
    assert crawler.stats.get_value("newsproj/output/stale_temp_removed") == 1


def test_in_a_run_history_or_output_folder_only_a_runs_own_temps_are_removed(tmp_path):
    """A per-run output folder's parent may be any folder (``NEWSPROJ_DEFAULT_FEED=/data/%(run_id)s.jsonl``): there,
    only temps of files named after a run (``.<run-id>.manifest.json.XXXXXXXX.tmp``) are a run's to remove."""
    from newsproj.feeds import RUN_TEMP, STALE_TEMP_SECONDS, remove_stale_temps

    ours = tmp_path / ".20261201T000000Z-abcdef.manifest.json.q9w8e7r6.tmp"
    theirs = tmp_path / ".bashrc.abcdefgh.tmp"
    for path in (ours, theirs):
        path.write_text("x")
        past = path.stat().st_mtime - STALE_TEMP_SECONDS - 60
        os.utime(path, (past, past))
    assert remove_stale_temps(tmp_path.glob(".*.tmp"), shape=RUN_TEMP) == 1
    assert not ours.exists() and theirs.exists()


def test_a_feed_written_aside_is_never_renamed_over_a_fifo_or_device(tmp_path):
    """A Parquet feed (or a per-run one) is written to a ``.part`` and renamed over its name: a URI with a
    placeholder is not checked before the crawl, and one naming a FIFO (or /dev/null, as root) had the FIFO
    replaced by a regular file at the end. Refused when the feed opens; a plain JSON lines feed writes into it."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    crawler = get_crawler(settings_dict={"STATE_DIR": ""})
    for options in ({"format": "parquet"}, {"format": "jsonlines", "newsproj_atomic": True}):
        storage = build_from_crawler(SafeFileFeedStorage, crawler, str(fifo), feed_options=options)
        with pytest.raises(FeedUnavailable, match="is no regular file"):
            storage.open(None)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo"]  # (no .part made)
