"""Browser tests: the real app on a free port, driven in Chromium through Playwright.

Chromium comes from the system (Debian's `chromium` package) or CONVSCOPE_CHROMIUM. Outside CI
a missing browser skips these tests with a reason; in CI (CI is set) it fails them.
"""

from __future__ import annotations

import os
import threading
import time

import pytest
import uvicorn

from app.main import create_app
from app.settings import Settings

from .chromium import CHROMIUM_FLAGS, CHROMIUM_MISSING, find_chromium


@pytest.fixture(scope="session")
def live_server():
    """Base URL of the app served by uvicorn on a free port (port 0: the OS picks)."""
    config = uvicorn.Config(create_app(Settings()), host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail(CHROMIUM_MISSING)
        pytest.skip(CHROMIUM_MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page that records console errors and every request that leaves the machine."""
    # Playwright evaluates wait_for_function's predicates with eval, which the pages' CSP refuses;
    # test_security.py loads every page without this bypass and checks that nothing is refused.
    context = browser.new_context(viewport={"width": 1280, "height": 720}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(8000)
    page.console_errors = []
    page.offsite_requests = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith((live_server, "data:", "blob:"))
            else page.offsite_requests.append(r.url))
    yield page
    context.close()
