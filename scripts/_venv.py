"""Create or reuse the project's virtual environment (.venv) and keep it installed.

Used by serve.py and test.py so that each works verbatim on a fresh clone with only Python 3.11+:
PEP 668 systems refuse a global pip install, so everything goes into .venv.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
MARKER = VENV / ".convscope-installed"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure(extras: str = "") -> Path:
    """Make .venv hold the project (editable) with `extras`; reinstall only when pyproject.toml changes."""
    if sys.version_info < (3, 11):  # noqa: UP036 (a clear message for whoever runs an older Python)
        sys.exit(f"ConvScope needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    python = venv_python()
    if not python.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    installed = MARKER.read_text().split() if MARKER.exists() else []
    if wanted not in installed:
        print(f"Installing ConvScope{extras} into {VENV} ...", flush=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}{extras}"], check=True)
        MARKER.write_text(" ".join(installed + [wanted]))
    return python


def run(python: Path, args: list[str]) -> None:
    """Replace this process with `python args` run from the project root (signals go straight through)."""
    os.chdir(ROOT)
    if os.name == "nt":  # no exec on Windows
        sys.exit(subprocess.call([str(python), *args]))
    os.execv(python, [str(python), *args])
