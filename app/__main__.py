"""`python -m app` runs the `convscope` command (default: serve)."""

import sys

from .cli import main

main(sys.argv[1:] or ["serve"])
