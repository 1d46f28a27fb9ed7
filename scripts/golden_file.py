"""What the golden scripts share: the file format, PyTorch's answers and the case records.

make_golden.py and make_golden_*.py each write one file in tests/data: random and hand-picked inputs
and parameters with PyTorch's outputs for them. PyTorch is never a ConvScope dependency, so the
scripts run where it is installed and the files are committed; tests/engine/test_golden*.py check
the engine against them on every test run, with no PyTorch in sight. From the project root:

    pip install torch==2.13.0      # the CPU build is enough
    python scripts/make_golden.py  # likewise make_golden_conv.py, make_golden_pool.py, make_golden_ops.py

Each script's seed is fixed, so a rerun draws the same cases; only the "created" date and PyTorch's
last-bit rounding can change. A file is a header line, with the number of cases of each kind (if
they change, update EXPECTED_COUNTS in the script's test), then one case per line. Everything is
float64 stored as its full repr (json round-trips it exactly), so a file holds precisely the numbers
PyTorch was given and what it returned. A case with "error" instead of "expected" is one PyTorch
rejects; the engine must reject it too.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import numpy as np
import torch

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def attempt(reference, *args, **kwargs):
    """(result, None) or (None, PyTorch's error message)."""
    try:
        return reference(*args, **kwargs), None
    except (RuntimeError, ValueError, TypeError) as error:
        return None, str(error).strip().splitlines()[0][:200]


def id_part(value) -> str:
    """A parameter in a case id: 2 -> "2", [2, 3] -> "2x3", None -> "default"."""
    if value is None:
        return "default"
    return "x".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)


def answered(record: dict, result, error: str | None) -> dict:
    """The case with what attempt() gave: PyTorch's refusal as "error", or its result as "expected"
    (an (output, flat indices or None) pair from a max pool also gives "indices")."""
    if error is not None:
        record["error"] = error
        return record
    out, indices = result if isinstance(result, tuple) else (result, None)
    record["expected"] = out.tolist()
    if indices is not None:
        record["indices"] = indices.tolist()
    return record


def planned(record: dict, rejected: bool) -> dict:
    """The hand-picked case, if PyTorch rejected it exactly when planned (rejected); otherwise stop."""
    if ("error" in record) != rejected:
        raise SystemExit(f"{record['id']}: PyTorch {'rejects' if 'error' in record else 'accepts'} it, "
                         f"against the plan ({record.get('error')})")
    return record


def weighted_record(case_id: str, op: str, params: dict, x, weight, bias) -> dict:
    """A case of a layer with weights, before its answer (bias None: no bias)."""
    return {"id": case_id, "op": op, "params": params, "x": x.tolist(), "weight": weight.tolist(),
            "bias": None if bias is None else bias.tolist()}


def hand_picked(defaults: dict, edges: list, errors: list):
    """A layer's hand-picked cases as (x shape, weight shape, bias?, params over the defaults, rejected):
    the edges (x shape, weight shape, bias?, params) PyTorch must accept, then the errors (x shape,
    weight shape, params; no bias) it must reject."""
    for x_shape, w_shape, has_bias, params in edges:
        yield x_shape, w_shape, has_bias, {**defaults, **params}, False
    for x_shape, w_shape, params in errors:
        yield x_shape, w_shape, False, {**defaults, **params}, True


def count_by(cases: list[dict], key) -> dict[str, int]:
    counts: dict[str, int] = {}
    for case in cases:
        counts[key(case)] = counts.get(key(case), 0) + 1
    return counts


def write(name: str, cases: list[dict], seed: int, key, writer: str) -> None:
    """Write the cases to tests/data/<name>.json, with a header that counts them by key(case)."""
    counts = count_by(cases, key)
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
    out = DATA / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(f"{out.name}: {len(cases)} cases, {len(text) / 1e6:.2f} MB, torch {torch.__version__}")
    for key, count in sorted(counts.items()):
        print(f"  {key}: {count}")
