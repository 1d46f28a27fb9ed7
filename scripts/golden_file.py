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
