"""tests/conftest.py's redis-server: each xdist worker's own, also when its port is taken before it binds."""

from __future__ import annotations

import shutil

import pytest
import redis

from tests import conftest


@pytest.fixture
def binary() -> str:
    found = shutil.which("redis-server")
    if not found:
        pytest.skip("redis-server is not installed (make test installs it with apt-get when run as root)")
    return found


def test_a_port_taken_before_redis_binds_it_is_not_taken_for_this_workers_server(binary, tmp_path, monkeypatch):
    """Another worker's redis-server holds the port ``_free_port`` gave (it was free when looked at): this
    redis-server cannot bind it and exits, and the port answers for the other one. The fixture must not yield that
    server's URL (two workers would share one Redis, its keys and its FLUSH-free state): it tries another port and
    yields the URL of a server that is its own process."""
    for name in ("other", "mine"):
        (tmp_path / name).mkdir()
    other, other_url = conftest.start_redis(binary, tmp_path / "other")
    try:
        taken = int(other_url.rsplit(":", 1)[1].split("/")[0])
        ports = iter([taken])
        real = conftest._free_port
        monkeypatch.setattr(conftest, "_free_port", lambda: next(ports, None) or real())
        mine, url = conftest.start_redis(binary, tmp_path / "mine")
        try:
            assert url != other_url
            with redis.Redis.from_url(url) as client:
                assert client.info("server")["process_id"] == mine.pid
        finally:
            mine.terminate()
            mine.wait(timeout=10)
    finally:
        other.terminate()
        other.wait(timeout=10)
