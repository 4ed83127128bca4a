"""A redis-server of its own on a loopback port, for the tests (tests/conftest.py) and the distributed benchmark
(bench/distributed.py): the port is free when :func:`free_port` looks, not always when redis-server binds it (another
process's server, or a crawl's connection, may take it meanwhile): then this redis-server exits and the port answers
for another's, so the server that answers must be this process (``INFO``'s ``process_id``), else another port is
tried. (Before, an answer on the port was taken for this server's: two servers' users could share one Redis and its
keys.)"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def free_port() -> int:
    """A loopback port free when looked at (for a program that binds it itself: check it got it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_redis(binary: str, workdir: Path, attempts: int = 5,
                ports: Callable[[], int] = free_port) -> tuple[subprocess.Popen[bytes], str]:
    """A redis-server on a free loopback port, persistence off, that answers as this process: ``(process, URL)``.
    ``ports`` gives the port to try each time. Raises ``RuntimeError`` after ``attempts`` ports."""
    import redis

    for _ in range(attempts):
        port = ports()
        proc = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        url = f"redis://127.0.0.1:{port}/0"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=0.2) as client:
                    if client.info("server").get("process_id") == proc.pid:
                        return proc, url
            except (redis.RedisError, OSError):
                pass
            time.sleep(0.05)
        proc.kill()
        proc.wait(timeout=10)
    raise RuntimeError(f"redis-server did not start on a port of its own ({attempts} tries)")
