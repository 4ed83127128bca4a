"""Quick benchmark of the STATE_DIR backend at scale (not a timed test): ``python -m bench.state_store [N]``.

Fills a fresh store with N canonical URLs (default 1,000,000) in bulk, then times what a run does per article:
``get`` (hit and miss), ``owner_of`` (index lookup) and ``record`` (one autocommitted transaction each).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from newsproj.state import Seen
from newsproj.state.files import FileStateStore


def timed(label: str, count: int, fn) -> None:
    start = time.perf_counter()
    for i in range(count):
        fn(i)
    elapsed = time.perf_counter() - start
    print(f"{label:<28} {count:>8} ops  {elapsed * 1e6 / count:8.1f} µs/op")


def main(n: int = 1_000_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = FileStateStore(tmp)
        start, batch = time.perf_counter(), 50_000
        for offset in range(0, n, batch):
            store.record_many([
                (f"https://news.example/{i // 1000}/article-{i}.html", Seen(f"{i:040x}", "2024-09-12T10:00:00Z"))
                for i in range(offset, min(n, offset + batch))
            ])
        print(f"bulk insert {n} URLs: {time.perf_counter() - start:.1f} s, "
              f"{(Path(tmp) / 'state.sqlite3').stat().st_size / 1e6:.0f} MB")
        k = 20_000
        def url(i: int) -> str:
            return f"https://news.example/{i // 1000}/article-{i}.html"

        timed("get (hit)", k, lambda i: store.get(url((i * 37) % n)))
        timed("get (miss)", k, lambda i: store.get(f"https://news.example/new/{i}"))
        timed("owner_of", k, lambda i: store.owner_of(f"{(i * 53) % n:040x}"))
        timed("record (1 txn each)", k, lambda i: store.record(f"https://news.example/new/{i}", Seen("f", "now")))
        store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
