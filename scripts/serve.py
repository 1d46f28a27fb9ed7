"""Serve ConvScope at http://127.0.0.1:8000 (extra arguments go to `convscope serve`)."""

import sys

import _venv

if __name__ == "__main__":
    _venv.run(_venv.ensure(), ["-m", "app", "serve", *sys.argv[1:]])
