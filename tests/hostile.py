"""Hostile-input helpers: run a function on a long input in a forked child and fail, instead of hanging, when it
does not finish in time (a catastrophic regex is one C call: no signal interrupts it, only a kill does)."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from typing import Any

DEADLINE = 3.0
"""CPU seconds a hostile input may cost: generous (each case takes well under 0.5 s now), and far below the minutes
each took before its fix. CPU time, not wall time: on a 2-core host running two suites at once (load 12-16) a
0.5 s case can wait several seconds for a core, which says nothing about the code."""

WALL_FACTOR = 10
"""The child is killed after ``WALL_FACTOR`` × the CPU budget of wall time (a hang, or a catastrophic regex: one C
call no signal interrupts): the kill bounds the wait, the CPU time decides."""


def letters(n: int) -> str:
    """``n`` written in lowercase letters, a distinct word for each ``n`` (no digits: line keys fold digits, and a
    digit ends a byline's names)."""
    word = ""
    while True:
        n, rest = divmod(n, 26)
        word += chr(97 + rest)
        if not n:
            return word


def _run(fn: Callable[..., Any], args: tuple[Any, ...], out: Any, keep: bool) -> None:
    start = time.process_time()
    result = fn(*args)
    out.send((time.process_time() - start, result if keep else None))


def finishes(fn: Callable[..., Any], *args: Any, seconds: float = DEADLINE) -> float:
    """CPU seconds ``fn(*args)`` took in a forked child; AssertionError when it took more than ``seconds`` of CPU,
    was still running after ``WALL_FACTOR * seconds`` of wall time (the child is killed), or raised."""
    return _finish(fn, args, seconds, keep=False)[0]


def finished(fn: Callable[..., Any], *args: Any, seconds: float = DEADLINE) -> Any:
    """What ``fn(*args)`` returned, under the bounds of :func:`finishes`: computed once, in the child, and sent back
    (it must pickle), so that a test asserts on the very call that was timed instead of computing it again here
    (on these inputs a second call cost as much CPU as the first)."""
    return _finish(fn, args, seconds, keep=True)[1]


def _finish(fn: Callable[..., Any], args: tuple[Any, ...], seconds: float, keep: bool) -> tuple[float, Any]:
    name = getattr(fn, "__name__", fn)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(fn, args, send, keep), daemon=True)
    child.start()
    send.close()
    # the answer is read as it comes, before the child is joined: a result bigger than the pipe's buffer (~64 KB)
    # kept the child writing while the parent waited for it to end, and the test failed as "still running"
    if not receive.poll(seconds * WALL_FACTOR):
        child.kill()
        child.join()
        raise AssertionError(f"{name} still running after {seconds * WALL_FACTOR:g} s")
    try:
        used, result = receive.recv()
    except EOFError:  # it ended without an answer (raised, or was killed)
        child.join()
        raise AssertionError(f"{name} failed (exit {child.exitcode})") from None
    child.join()
    assert child.exitcode == 0, f"{name} failed (exit {child.exitcode})"
    assert used <= seconds, f"{name} took {used:.2f} s of CPU (limit {seconds:g} s)"
    return used, result
