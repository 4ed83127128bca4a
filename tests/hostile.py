"""Hostile-input helpers: run a function on a long input in a forked child and fail, instead of hanging, when it
does not finish in time (a catastrophic regex is one C call: no signal interrupts it, only a kill does)."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from typing import Any

DEADLINE = 3.0
"""Seconds a hostile input may cost: generous (each case takes well under 0.5 s now, on a loaded 2-core host),
and far below the minutes each took before its fix."""


def _run(fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    fn(*args)


def finishes(fn: Callable[..., Any], *args: Any, seconds: float = DEADLINE) -> float:
    """Seconds ``fn(*args)`` took in a forked child; AssertionError when it took longer than ``seconds``
    (the child is killed) or raised."""
    child = multiprocessing.get_context("fork").Process(target=_run, args=(fn, args), daemon=True)
    start = time.monotonic()
    child.start()
    child.join(seconds)
    elapsed = time.monotonic() - start
    if child.is_alive():
        child.kill()
        child.join()
        raise AssertionError(f"{getattr(fn, '__name__', fn)} still running after {seconds:g} s")
    assert child.exitcode == 0, f"{getattr(fn, '__name__', fn)} failed (exit {child.exitcode})"
    return elapsed
