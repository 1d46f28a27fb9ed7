"""in_parts: every block once, in order within its part, with the caller's NumPy error state."""

import threading

import numpy as np
import pytest

from app.engine.parallel import in_parts


@pytest.mark.parametrize(("count", "parts"), [(1, 2), (5, 2), (7, 3), (2, 5), (6, 1)])
def test_every_block_is_worked_once_in_contiguous_parts(count, parts):
    seen, threads, lock = [], set(), threading.Lock()

    def work(part):
        with lock:
            seen.append(list(part))
            threads.add(threading.get_ident())

    in_parts(list(range(count)), work, parts)
    assert sorted(block for part in seen for block in part) == list(range(count))
    assert all(part == list(range(part[0], part[0] + len(part))) for part in seen)
    assert len(seen) == min(count, parts) and len(threads) <= len(seen)


def test_the_parts_keep_the_callers_error_state_and_its_errors_reach_the_caller():
    huge = np.full(4, 1e200)

    def work(part):
        for _ in part:
            huge * huge  # overflows

    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        in_parts([1, 2], work, 2)  # the second part, in another thread, raises too
    with np.errstate(over="ignore"):
        in_parts([1, 2], work, 2)  # quiet in both threads (warnings would be errors under pytest's -W)
