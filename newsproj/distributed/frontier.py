"""The shared frontier's bookkeeping beyond scrapy-redis: who is alive, what each worker holds, when it is drained.

Every worker heartbeats into ``workers`` (deadline in Redis server time, so machines' clocks do not matter).
A request a worker claimed stays in its in-flight set until the engine is done with it (response parsed, items
through the pipelines) and is then released. A worker whose deadline passed is dead: any live worker moves its
in-flight requests back to the frontier. The crawl is drained when the frontier is empty and no registered
worker holds a claim; the last worker to finish then deletes the crawl's keys, so the next run with the same
arguments starts afresh (what was emitted is remembered by the state store, not here).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Collection

    from .keys import CrawlKeys

_NOW = "local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000)\n"

# KEYS: frontier, workers; ARGV: worker id, timeout ms, in-flight prefix, heartbeat ("1" or "0").
TICK = _NOW + """
if ARGV[4] == '1' then redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1]) end
local requeued = 0
for _, w in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. now)) do
  local key = ARGV[3] .. w
  local items = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
  for i = 1, #items, 2 do
    redis.call('ZADD', KEYS[1], items[i + 1], items[i])
    requeued = requeued + 1
  end
  redis.call('DEL', key)
  redis.call('ZREM', KEYS[2], w)
end
local inflight = 0
for _, w in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  inflight = inflight + redis.call('ZCARD', ARGV[3] .. w)
end
return {requeued, redis.call('ZCARD', KEYS[1]), inflight}
"""

# KEYS: frontier, workers, dupefilter; ARGV: worker id, in-flight prefix, clear-if-drained ("1" or "0").
LEAVE = """
local mine = ARGV[2] .. ARGV[1]
local items = redis.call('ZRANGE', mine, 0, -1, 'WITHSCORES')
for i = 1, #items, 2 do redis.call('ZADD', KEYS[1], items[i + 1], items[i]) end
redis.call('DEL', mine)
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[3] ~= '1' or redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
local workers = redis.call('ZRANGE', KEYS[2], 0, -1)
for _, w in ipairs(workers) do
  if redis.call('EXISTS', ARGV[2] .. w) == 1 then return 0 end
end
for _, w in ipairs(workers) do redis.call('DEL', ARGV[2] .. w) end
return redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
"""


@dataclass(frozen=True, slots=True)
class Tick:
    requeued: int
    """Requests moved back from dead workers by this call."""
    queued: int
    """Requests waiting in the shared frontier."""
    inflight: int
    """Requests claimed by registered workers (this one included) and not yet released."""

    @property
    def drained(self) -> bool:
        return not self.queued and not self.inflight


class Frontier:
    def __init__(self, server: Any, keys: CrawlKeys, worker: str, timeout_ms: int):
        self.server = server
        self.keys = keys
        self.worker = worker
        self.timeout_ms = timeout_ms
        self._tick = server.register_script(TICK)
        self._leave = server.register_script(LEAVE)

    @property
    def inflight_key(self) -> str:
        return self.keys.inflight(self.worker)

    def tick(self, heartbeat: bool = True) -> Tick:
        """Heartbeat (optionally), requeue dead workers' claims, and count what is left."""
        requeued, queued, inflight = self._tick(
            keys=[self.keys.requests, self.keys.workers],
            args=[self.worker, self.timeout_ms, self.keys.inflight_prefix, int(heartbeat)],
        )
        return Tick(int(requeued), int(queued), int(inflight))

    def release(self, members: Collection[bytes]) -> None:
        """Forget claims the engine is done with."""
        if members:
            self.server.zrem(self.inflight_key, *members)

    def leave(self, clear_if_drained: bool) -> bool:
        """Unregister: unfinished claims go back to the frontier. With ``clear_if_drained``, delete the crawl's
        keys if nothing is queued or claimed anywhere; returns True when this call deleted them."""
        cleared = self._leave(
            keys=[self.keys.requests, self.keys.workers, self.keys.dupefilter],
            args=[self.worker, self.keys.inflight_prefix, int(clear_if_drained)],
        )
        return bool(cleared)

    def clear(self) -> int:
        """Delete every key of the crawl (reset). Returns how many keys were deleted."""
        keys = list(self.server.scan_iter(match=f"{self.keys.base}:*", count=500))
        return int(self.server.delete(*keys)) if keys else 0
