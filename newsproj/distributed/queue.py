"""scrapy-redis's priority queue plus an atomic claim: the request leaves the shared frontier and enters the
worker's in-flight set in one step, so at no moment is it in neither (a worker killed in between loses nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy_redis.queue import PriorityQueue  # type: ignore[import-untyped]

if TYPE_CHECKING:
    from scrapy import Request

# KEYS: frontier, in-flight set of this worker, workers; ARGV: worker id, heartbeat timeout (ms).
# Same pop as PriorityQueue.pop (lowest score = highest priority), but into the in-flight set, and the
# worker is (re-)registered with a fresh deadline so its claim is never orphaned.
CLAIM = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
redis.call('ZADD', KEYS[2], item[2], item[1])
local t = redis.call('TIME')
redis.call('ZADD', KEYS[3], t[1] * 1000 + math.floor(t[2] / 1000) + tonumber(ARGV[2]), ARGV[1])
return item[1]
"""

# KEYS: dupefilter, frontier; ARGV: fingerprint, score, request. Marked seen and queued in one step, or neither.
PUSH_UNSEEN = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""


class ClaimQueue(PriorityQueue):
    """``scrapy_redis.queue.PriorityQueue`` (sorted set, score = -priority) with :meth:`claim` and
    :meth:`push_unseen`."""

    def __init__(self, server: Any, spider: Any, key: str, serializer: Any = None):
        super().__init__(server, spider, key, serializer)
        self._claim = server.register_script(CLAIM)
        self._push_unseen = server.register_script(PUSH_UNSEEN)

    def push_unseen(self, request: Request, seen_key: str, fingerprint: str) -> bool:
        """Add ``fingerprint`` to the dupefilter set ``seen_key`` and queue ``request`` (as :meth:`push`) in one
        step; False, and nothing queued, when the fingerprint was there already."""
        added = self._push_unseen(keys=[seen_key, self.key],
                                  args=[fingerprint, -request.priority, self._encode_request(request)])
        return bool(added)

    def claim(self, inflight_key: str, workers_key: str, worker: str, timeout_ms: int) -> tuple[Request, bytes] | None:
        """Pop the highest-priority request into ``inflight_key``; returns it with its stored member."""
        member = self._claim(keys=[self.key, inflight_key, workers_key], args=[worker, timeout_ms])
        if member is None:
            return None
        return self._decode_request(member), member
