"""Run the whole test suite (extra arguments go to pytest).

Browser tests need Chromium: Debian/Ubuntu `apt-get install chromium`, or set CONVSCOPE_CHROMIUM.
"""

import sys

import _venv

if __name__ == "__main__":
    _venv.run(_venv.ensure("[test]"), ["-m", "pytest", *sys.argv[1:]])
