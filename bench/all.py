"""Every speed measurement in one run: bench.py, layers.py, models.py, browser.py, then load.py.

    python bench/all.py            # about two minutes; options (--quick, ...) go to bench.py

Each script runs in a process of its own, so that one's servers and threads are gone before the
next starts measuring. Their reports follow one another on stdout; the exit status is the first
script's that failed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
SCRIPTS = ("bench.py", "layers.py", "models.py", "browser.py", "load.py")


def main(argv: list[str]) -> int:
    status = 0
    for script in SCRIPTS:
        quick = ["--quick"] if "--quick" in argv else []
        options = argv if script == "bench.py" else quick if script in ("layers.py", "models.py") else []
        print(f"### {script}\n", flush=True)
        finished = subprocess.run([sys.executable, str(BENCH_DIR / script), *options], check=False)
        print(flush=True)
        status = status or finished.returncode
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
