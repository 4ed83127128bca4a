"""tests/hostile.py's bounds: what a hostile-input test reports when the call is big, raises, or hangs."""

from __future__ import annotations

import time

import pytest

from tests.hostile import finished, finishes


def _text(n: int) -> str:
    return "x" * n


def _raises() -> None:
    raise ValueError("no")


def test_a_result_bigger_than_the_pipe_comes_back():
    """Read before the child is joined: a 5 MB result kept the child writing while the parent waited for it to end
    (reported as "still running after 30 s")."""
    assert len(finished(_text, 5_000_000)) == 5_000_000


def test_a_call_that_raises_or_hangs_fails_the_test():
    with pytest.raises(AssertionError, match="failed"):
        finishes(_raises)
    with pytest.raises(AssertionError, match="still running after 1 s"):
        finishes(time.sleep, 5, seconds=0.1)
