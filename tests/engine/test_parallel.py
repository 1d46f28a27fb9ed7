"""in_parts: every block once, in order within its part, with the caller's NumPy error state."""

import os
import threading
import warnings

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


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX-only")
def test_a_forked_child_starts_threads_of_its_own():
    in_parts([1, 2], lambda part: None, 2)  # the parent's pool exists now
    read, write = os.pipe()
    with warnings.catch_warnings():  # Python 3.12+ warns that forking a process with threads is risky
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: its inherited pool has no threads, so a parallel run would hang
        done = threading.Event()
        threading.Thread(target=lambda: (in_parts([1, 2], lambda part: None, 2), done.set()), daemon=True).start()
        os.write(write, b"1" if done.wait(10) else b"0")
        os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 1) == b"1"
