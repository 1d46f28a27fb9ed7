"""The Chromium that the browser tests and bench/browser.py drive, and how it is launched.

Chromium comes from the system (Debian's `chromium` package) or CONVSCOPE_CHROMIUM, since
`playwright install` needs a download that CI and offline machines do not allow.
"""

from __future__ import annotations

import os
import shutil

# Headless without a GPU or a sandbox (containers have neither), and nothing that reaches the network.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]

CHROMIUM_MISSING = "Chromium not found: install Debian's chromium package or set CONVSCOPE_CHROMIUM"


def find_chromium() -> str | None:
    """The executable to launch: CONVSCOPE_CHROMIUM, else `chromium` on the PATH, else Debian's; None if none exists."""
    for candidate in (os.environ.get("CONVSCOPE_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.path.exists(candidate):
            return candidate
    return None
