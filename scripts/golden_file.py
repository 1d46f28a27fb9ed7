"""The format of the golden files in tests/data: a header line, then one case per line.

Shared by the scripts that write them (make_golden.py and make_golden_*.py), which run where
PyTorch is installed; the files are committed, and the tests read them without PyTorch.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import numpy as np
import torch


def attempt(reference, *args, **kwargs):
    """(result, None) or (None, PyTorch's error message)."""
    try:
        return reference(*args, **kwargs), None
    except (RuntimeError, ValueError, TypeError) as error:
        return None, str(error).strip().splitlines()[0][:200]


def count_by(cases: list[dict], key) -> dict[str, int]:
    counts: dict[str, int] = {}
    for case in cases:
        counts[key(case)] = counts.get(key(case), 0) + 1
    return counts


def write(out: Path, cases: list[dict], seed: int, counts: dict[str, int], writer: str) -> None:
    """Write the cases (float64 as full reprs: json round-trips them exactly) with a header."""
    ids = [case["id"] for case in cases]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    header = {
        "about": "Golden cases: inputs and parameters with PyTorch's outputs (float64). "
                 f"Written by {writer}; do not edit by hand.",
        "torch": torch.__version__, "numpy": np.__version__, "created": datetime.date.today().isoformat(),
        "seed": seed, "counts": counts,
    }
    compact = dict(separators=(",", ":"), allow_nan=False)
    text = (json.dumps(header, **compact)[:-1] + ',"cases":[\n'
            + ",\n".join(json.dumps(case, **compact) for case in cases) + "\n]}\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(f"{out.name}: {len(cases)} cases, {len(text) / 1e6:.2f} MB, torch {torch.__version__}")
    for key, count in sorted(counts.items()):
        print(f"  {key}: {count}")
