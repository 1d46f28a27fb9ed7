"""The app as it is deployed: uvicorn in its own process, spoken to over real sockets.

In-process test clients share the server's interpreter (and its GIL); timing and concurrency
tests need the server on its own, as in production. One server serves the whole session, and
after the last test, in whatever order they ran, it must still be healthy.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .server_health import assert_still_healthy

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 20


@pytest.fixture(scope="session")
def server_process():
    """(base URL, the process) of `uvicorn app.main:app` on a free port, stopped after the session.

    Before it is stopped, the server must still be healthy after everything the tests threw at it:
    if not, the last test that used it errors at teardown.
    """
    # A free port, released for uvicorn to take. (uvicorn --fd would avoid the tiny race, but it
    # takes any inherited socket for a Unix one and leaves Nagle's algorithm on: 40 ms stalls.)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port),
               "--log-level", "warning", "--no-access-log"]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("the server did not start")
        time.sleep(0.1)
    yield base, process
    try:
        assert_still_healthy(base, process)
    finally:
        process.terminate()
        process.wait(timeout=10)
