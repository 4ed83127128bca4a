"""RedisStateStore against a real redis-server: the StateStore protocol, shared by workers, kept across runs."""

from __future__ import annotations

import inspect
import uuid

import pytest
from scrapy.settings import Settings

from newsproj.state import Seen, StateStore
from newsproj.state.redis import RedisStateStore


@pytest.fixture
def store(redis_server):
    store = RedisStateStore.from_settings(
        Settings({"REDIS_URL": redis_server, "NEWSPROJ_REDIS_STATE_KEY": f"test:{uuid.uuid4().hex}"})
    )
    yield store
    store.client.delete(*store.client.keys(f"{store.key}:*") or [store.seen_key])
    store.close()


def test_implements_the_protocol_exactly():
    for name, member in inspect.getmembers(StateStore, inspect.isfunction):
        if name.startswith("_"):
            continue
        ours = getattr(RedisStateStore, name)
        assert inspect.signature(ours).parameters.keys() == inspect.signature(member).parameters.keys(), name


OPTIONAL = ("record_many", "record_signature", "recent_signatures", "record_alias", "record_durable", "canonical_for",
            "__len__")


def test_has_the_optional_methods_of_the_file_backend():
    from newsproj.state import files
    for name in OPTIONAL:
        if hasattr(files.FileStateStore, name):
            ours, theirs = getattr(RedisStateStore, name), getattr(files.FileStateStore, name)
            assert inspect.signature(ours).parameters.keys() == inspect.signature(theirs).parameters.keys(), name


def test_remembers_what_was_emitted(store):
    url = "http://127.0.0.1:1/a.html"
    assert store.get(url) is None
    assert store.owner_of("f1") is None
    seen = Seen(fingerprint="f1", emitted_at="2026-11-25T10:00:00+00:00", lastmod="2026-11-24")
    store.record(url, seen)
    assert store.get(url) == seen
    assert store.owner_of("f1") == url
    assert len(store) == 1


def test_lastmod_none_round_trips_and_a_new_record_replaces_the_old(store):
    url = "http://127.0.0.1:1/ü.html"
    store.record(url, Seen(fingerprint="f1", emitted_at="2026-11-25T10:00:00+00:00"))
    changed = Seen(fingerprint="f2", emitted_at="2026-11-26T10:00:00+00:00")
    store.record(url, changed)
    assert store.get(url) == changed
    assert store.get(url).lastmod is None
    assert store.owner_of("f2") == url
    assert len(store) == 1


def test_a_changed_article_gives_up_its_old_fingerprint_and_first_owner_stays(store):
    a, b = "http://127.0.0.1:1/a.html", "http://127.0.0.1:1/b.html"
    store.record(a, Seen(fingerprint="f1", emitted_at="2026-11-25T10:00:00+00:00"))
    store.record(b, Seen(fingerprint="f1", emitted_at="2026-11-25T11:00:00+00:00"))  # same content, emitted later
    assert store.owner_of("f1") == a
    store.record(a, Seen(fingerprint="f2", emitted_at="2026-11-26T10:00:00+00:00"))
    assert store.owner_of("f2") == a
    assert store.owner_of("f1") == b or store.owner_of("f1") is None  # no longer a's content
    store.record(a, Seen(fingerprint="f3", emitted_at="2026-11-27T10:00:00+00:00"))
    assert store.owner_of("f2") is None


def test_record_many(store):
    store.record_many([(f"http://127.0.0.1:1/{i}.html", Seen(f"f{i}", "2026-11-25T10:00:00+00:00")) for i in range(5)])
    assert len(store) == 5
    assert store.owner_of("f3") == "http://127.0.0.1:1/3.html"


def test_signatures_are_kept_for_a_window_then_forgotten(store):
    store.record_signature("http://127.0.0.1:1/old.html", "2026-11-01T10:00:00+00:00", b"\x00\x01old")
    store.record_signature("http://127.0.0.1:1/new.html", "2026-11-25T10:00:00Z", b"\x00\x01new")
    assert dict(store.recent_signatures("2026-11-20T00:00:00+00:00")) == {"http://127.0.0.1:1/new.html": b"\x00\x01new"}
    assert dict(store.recent_signatures("2026-10-01T00:00:00+00:00")) == {"http://127.0.0.1:1/new.html": b"\x00\x01new"}


def test_signatures_and_aliases_of_a_durable_batch(store):
    rows = [(f"http://127.0.0.1:1/{n}.html", "2026-11-25T10:00:00+00:00", bytes([n]) * 8) for n in range(5)]
    store.record_durable([], [*rows, (rows[0][0], rows[0][1], b"replaced")], [])  # in order: the last one wins
    assert dict(store.recent_signatures("2026-11-20T00:00:00+00:00")) == {
        **{url: blob for url, _, blob in rows}, rows[0][0]: b"replaced"}
    store.record_durable([], [], [("http://127.0.0.1:1/amp/a.html", "http://127.0.0.1:1/a.html"),
                                  ("http://127.0.0.1:1/m/a.html", "http://127.0.0.1:1/a.html")])
    assert store.canonical_for("http://127.0.0.1:1/m/a.html") == "http://127.0.0.1:1/a.html"
    assert store.canonical_for("http://127.0.0.1:1/amp/a.html") == "http://127.0.0.1:1/a.html"


def test_aliases(store):
    assert store.canonical_for("http://127.0.0.1:1/amp/a.html") is None
    store.record_alias("http://127.0.0.1:1/amp/a.html", "http://127.0.0.1:1/a.html")
    assert store.canonical_for("http://127.0.0.1:1/amp/a.html") == "http://127.0.0.1:1/a.html"


def test_is_shared_by_workers_and_survives_the_process(store, redis_server):
    store.record("http://127.0.0.1:1/a.html", Seen(fingerprint="f1", emitted_at="2026-11-25T10:00:00+00:00"))
    # no close(): as if the process was killed right after recording
    other = RedisStateStore.from_settings(Settings({"REDIS_URL": redis_server, "NEWSPROJ_REDIS_STATE_KEY": store.key}))
    try:
        assert other.get("http://127.0.0.1:1/a.html").fingerprint == "f1"
        assert other.owner_of("f1") == "http://127.0.0.1:1/a.html"
    finally:
        other.close()


def test_namespaces_do_not_mix(store, redis_server):
    store.record("http://127.0.0.1:1/a.html", Seen(fingerprint="f1", emitted_at="2026-11-25T10:00:00+00:00"))
    other = RedisStateStore.from_settings(
        Settings({"REDIS_URL": redis_server, "NEWSPROJ_REDIS_STATE_KEY": f"test:{uuid.uuid4().hex}"})
    )
    try:
        assert other.get("http://127.0.0.1:1/a.html") is None
    finally:
        other.close()


def test_needs_redis_url():
    with pytest.raises(ValueError, match="REDIS_URL"):
        RedisStateStore.from_settings(Settings())


def test_default_namespace(redis_server):
    store = RedisStateStore.from_settings(Settings({"REDIS_URL": redis_server}))
    try:
        assert (store.seen_key, store.owners_key) == ("newsproj:state:seen", "newsproj:state:owners")
    finally:
        store.close()


def test_a_durable_batch_in_one_transaction(store):
    """record_durable: the articles, their signatures and aliases of a batch in one MULTI/EXEC (all or none)."""
    seen = Seen(fingerprint="f1", emitted_at="2026-11-25T10:00:00+00:00")
    store.record_durable([("http://127.0.0.1:1/a.html", seen)],
                         [("http://127.0.0.1:1/a.html", seen.emitted_at, b"sig")],
                         [("http://127.0.0.1:1/amp/a.html", "http://127.0.0.1:1/a.html")])
    assert store.get("http://127.0.0.1:1/a.html") == seen
    assert store.owner_of("f1") == "http://127.0.0.1:1/a.html"
    assert dict(store.recent_signatures("2026-11-20T00:00:00+00:00")) == {"http://127.0.0.1:1/a.html": b"sig"}
    assert store.canonical_for("http://127.0.0.1:1/amp/a.html") == "http://127.0.0.1:1/a.html"


def test_a_ledger_written_by_the_previous_release_is_read(store):
    """Releases before 2026-12 keyed articles by a canonical URL without ``cid``, ``ref``, ``source``… (courlan's
    whole tracker list): the ledger finds such an article under that form too (``previous``: DedupPipeline, which
    compares the content, so an upgraded run does not export it again); not before the fetch (``stored``,
    ``knows``): every ``cid=N`` shared that key, and a hit there says one was exported, not which (attack21: the
    articles published since were never fetched). A URL whose two forms are one is looked up once."""
    from newsproj.state.ledger import Ledger

    old = "https://n.example/servlet/Satellite?c=JPArticle&pagename=Show"
    store.record(old, Seen("f", "2024-09-12T09:30:00+00:00"))
    ledger = Ledger(store)
    new = "https://n.example/servlet/Satellite?c=JPArticle&cid=1001&pagename=Show"
    assert ledger.previous(new) == (old, Seen("f", "2024-09-12T09:30:00+00:00"))
    assert ledger.stored(new) is None and not ledger.knows(new) and ledger.knows(old)
    asked: list[str] = []
    get = store.get
    store.get = lambda url: asked.append(url) or get(url)  # type: ignore[method-assign]
    assert ledger.previous("https://n.example/a?id=7") is None
    assert asked == ["https://n.example/a?id=7"]
