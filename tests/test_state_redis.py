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
    store.client.delete(store.seen_key, store.owners_key)
    store.close()


def test_implements_the_protocol_exactly():
    for name, member in inspect.getmembers(StateStore, inspect.isfunction):
        if name.startswith("_"):
            continue
        ours = getattr(RedisStateStore, name)
        assert inspect.signature(ours).parameters.keys() == inspect.signature(member).parameters.keys(), name


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
