"""The garbage collector, tuned for a server whose requests allocate thousands of short-lived lists.

Python's cyclic collector runs when container allocations exceed deallocations by 700 (its default
first threshold). The parsed body of an 8×14×14 input with 16 filters of 3×3 holds about 650
lists, so nearly every request of that size ran a young-generation collection (60-85 µs here)
over its own still-live lists, and those survivors pushed the collector into a full collection
now and then: 17-19 ms over the 71,000 objects a started app holds (modules, schemas, the shipped
network), a pause for whichever request it fell on.

So, once per process, at start-up:
- what start-up built is collected and frozen (gc.freeze): full collections skip it from then on,
  and forked workers keep sharing its memory pages;
- the first threshold is raised to 10,000, so that a request's own lists are freed by their
  reference counts before any collection runs. Cycles are still collected, a little later; a
  request leaves none that hold its arrays (tests/api/test_heap.py checks).
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000

_settled = False


def settle() -> None:
    """Collect and freeze what start-up allocated, and raise the young generation's threshold (once)."""
    global _settled
    if _settled:
        return
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
    _settled = True
