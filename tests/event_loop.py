"""Running a coroutine to its end from a test, whatever else runs: Playwright's sync API keeps an event
loop running in the main thread for the whole session once a browser test has run, and asyncio.run
refuses to start a second one there, so the coroutine gets a thread and a loop of its own."""

import asyncio
from concurrent.futures import ThreadPoolExecutor


def run(coroutine):
    """asyncio.run(coroutine), in a thread of its own."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()
