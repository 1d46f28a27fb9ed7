"""Write tests/data/golden_pool.json, for tests/engine/test_golden_pool.py: PyTorch's answers for
pooling's modes, global and adaptive pooling. How to run it, and the file's format: golden_file.py.

The companion of make_golden.py (which covers floor-mode max and avg pooling): ceil mode, dilated
max pooling, count_include_pad=False, F.adaptive_avg_pool2d and global pooling, each with random and
hand-picked cases, and cases PyTorch rejects.

Case kinds ("op"), each with a "group" that EXPECTED_COUNTS counts by:
    pool2d               params kind, size, stride (null: the size), padding, ceil_mode, dilation,
                         count_include_pad -> expected, plus indices (flat row*W+col) for max.
                         F.max_pool2d takes no count_include_pad and F.avg_pool2d no dilation, so max
                         cases keep count_include_pad true and avg cases dilation 1.
    adaptive_avg_pool2d  params output_size (int, or [h, w] with null keeping that side) -> expected.
    global_pool          params kind -> expected (N, C, 1, 1), from F.adaptive_max_pool2d(x, 1) (with
                         indices) or F.adaptive_avg_pool2d(x, 1).
Random cases are only drawn where PyTorch answers without -inf: a dilated window over padding alone
gets -inf and an index outside the input from PyTorch, and the engine refuses it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from the project root: torch_arg from the tests' references

import golden_draw as draw  # noqa: E402
from golden_file import answered, attempt, id_part, planned, write  # noqa: E402

from tests.torch_reference import torch_arg  # noqa: E402

SEED = 20250117
POOL_DEFAULTS = dict(stride=None, padding=0, ceil_mode=False, dilation=1, count_include_pad=True)

rng = np.random.default_rng(SEED)


# --- PyTorch references -------------------------------------------------------------------------

def torch_pool(x, kind, size, stride, padding, ceil_mode, dilation, count_include_pad):
    """F.max_pool2d -> (output, flat indices) or F.avg_pool2d -> (output, None)."""
    args = (torch.tensor(x), torch_arg(size), torch_arg(stride), torch_arg(padding))
    if kind == "max":
        out, indices = F.max_pool2d(*args, dilation=torch_arg(dilation), ceil_mode=ceil_mode, return_indices=True)
        return out.numpy(), indices.numpy()
    return F.avg_pool2d(*args, ceil_mode=ceil_mode, count_include_pad=count_include_pad).numpy(), None


def torch_adaptive(x, output_size):
    return F.adaptive_avg_pool2d(torch.tensor(x), torch_arg(output_size)).numpy()


def torch_global(x, kind):
    """(output (N, C, 1, 1), flat indices or None)."""
    if kind == "max":
        out, indices = F.adaptive_max_pool2d(torch.tensor(x), 1, return_indices=True)
        return out.numpy(), indices.numpy()
    return F.adaptive_avg_pool2d(torch.tensor(x), 1).numpy(), None


# --- drawing ------------------------------------------------------------------------------------

def _shape():
    n, c = int(rng.integers(1, 3)), int(rng.integers(1, 3))
    h, w = (int(v) for v in rng.integers(1, 10, 2))
    return n, c, h, w


def pool_record(index, group, x, params, tag=""):
    n, c, h, w = x.shape
    p = params
    record = {"id": (f"{group}{index:03d}-n{n}c{c}-{h}x{w}-k{id_part(p['size'])}-s{id_part(p['stride'])}"
                     f"-p{id_part(p['padding'])}-d{id_part(p['dilation'])}-{'ceil' if p['ceil_mode'] else 'floor'}"
                     f"{'' if p['count_include_pad'] else '-excludepad'}{'-' + tag if tag else ''}"),
              "op": "pool2d", "group": group, "params": params, "x": x.tolist()}
    return answered(record, *attempt(torch_pool, x, **params))


def random_pool(group, values="normal", twist=False):
    """Parameters for the group that PyTorch answers without -inf; `twist` adds dilation to a ceil-mode
    max case and count_include_pad=False to a ceil-mode avg case."""
    while True:
        shape = _shape()
        kind = "avg" if group.endswith("avg") else "max"
        size = draw.int_or_pair(rng, 1, 4)
        params = {"kind": kind, "size": size, "stride": None if rng.random() < 0.25 else draw.int_or_pair(rng, 1, 3),
                  "padding": 0 if rng.random() < 0.3 else draw.pool_padding(rng, size),
                  "ceil_mode": group.startswith("ceil"),
                  "dilation": 1, "count_include_pad": True}
        if group == "dilated-max" or (group == "ceil-max" and twist):
            params["dilation"] = draw.int_or_pair(rng, 1, 3)
            if params["dilation"] in (1, [1, 1]):
                continue
        if group == "exclude-pad-avg" or (group == "ceil-avg" and twist):
            params["count_include_pad"] = False
            if params["padding"] in (0, [0, 0]) and group == "exclude-pad-avg":
                continue  # without padding count_include_pad changes nothing
        x = draw.values(rng, shape, values)
        result, error = attempt(torch_pool, x, **params)
        if error is not None or not np.isfinite(result[0]).all():
            continue
        if params["ceil_mode"]:  # only draws where ceil mode adds a window, or floor mode has none
            floor, floor_error = attempt(torch_pool, x, **{**params, "ceil_mode": False})
            if floor_error is None and floor[0].shape == result[0].shape:
                continue
        return x, params


POOL_COUNTS = {"ceil-max": 22, "ceil-avg": 22, "dilated-max": 20, "exclude-pad-avg": 16}

POOL_EDGES = [  # (group, x shape, params, tag): each must be accepted by PyTorch
    ("ceil-max", (1, 1, 5, 5), dict(kind="max", size=2, ceil_mode=True), "partial-window"),
    ("ceil-avg", (1, 1, 5, 5), dict(kind="avg", size=2, ceil_mode=True), "partial-window"),
    ("ceil-max", (1, 1, 2, 2), dict(kind="max", size=2, stride=3, padding=1, ceil_mode=True), "taken-back"),
    ("ceil-avg", (1, 1, 2, 2), dict(kind="avg", size=2, stride=3, padding=1, ceil_mode=True), "taken-back"),
    ("ceil-max", (1, 1, 3, 3), dict(kind="max", size=4, stride=2, ceil_mode=True), "window-past-input"),
    ("ceil-avg", (1, 1, 3, 3), dict(kind="avg", size=4, stride=2, ceil_mode=True), "window-past-input"),
    ("ceil-avg", (1, 1, 1, 6), dict(kind="avg", size=[1, 3], stride=[1, 2], padding=[0, 1], ceil_mode=True),
     "overhang-not-counted"),
    ("ceil-avg", (1, 1, 1, 6), dict(kind="avg", size=[1, 3], stride=[1, 2], padding=[0, 1], ceil_mode=True,
                                    count_include_pad=False), "overhang-not-counted"),
    ("ceil-max", (2, 2, 7, 7), dict(kind="max", size=3, stride=2, padding=1, dilation=2, ceil_mode=True),
     "dilated"),
    ("dilated-max", (1, 1, 9, 9), dict(kind="max", size=[2, 3], stride=1, padding=[1, 1], dilation=[4, 3]),
     "widest"),
    ("dilated-max", (1, 1, 6, 6), dict(kind="max", size=2, stride=1, padding=1, dilation=2), "padded"),
    ("exclude-pad-avg", (1, 1, 2, 2), dict(kind="avg", size=2, padding=1, count_include_pad=False), "corners"),
    ("exclude-pad-avg", (2, 2, 7, 5), dict(kind="avg", size=3, stride=1, padding=1, count_include_pad=False),
     "overlapping"),
]
POOL_EDGE_VALUES = {"dilated": "ties", "padded": "negative"}

POOL_ERRORS = [  # (group, x shape, params): each must be rejected by PyTorch
    ("ceil-max", (1, 1, 3, 3), dict(kind="max", size=5, stride=2, ceil_mode=True)),  # past the input by a stride
    ("ceil-avg", (1, 1, 3, 3), dict(kind="avg", size=5, stride=2, ceil_mode=True)),
    ("ceil-avg", (1, 1, 5, 5), dict(kind="avg", size=2, padding=2, ceil_mode=True)),  # padding over half
    ("dilated-max", (1, 1, 4, 4), dict(kind="max", size=2, dilation=4)),  # dilated window past the input
    ("dilated-max", (1, 1, 6, 6), dict(kind="max", size=2, padding=2, dilation=3)),  # over half the undilated size
    ("dilated-max", (1, 1, 4, 4), dict(kind="max", size=2, dilation=[1, 0])),
    ("exclude-pad-avg", (1, 1, 5, 5), dict(kind="avg", size=[3, 1], padding=[1, 1], count_include_pad=False)),
]


def pool_cases():
    records = []
    for group, count in POOL_COUNTS.items():
        draws = ["normal"] * count
        if group.endswith("max"):
            draws[-6:] = ["ties"] * 4 + ["negative"] * 2
        for i, values in enumerate(draws):
            x, params = random_pool(group, values, twist=i % 2 == 1)
            records.append(pool_record(len(records), group, x, params, "" if values == "normal" else values))
    for group, shape, params, tag in POOL_EDGES + [(*case, "error") for case in POOL_ERRORS]:
        x = draw.values(rng, shape, POOL_EDGE_VALUES.get(tag, "normal"))
        records.append(planned(pool_record(len(records), group, x, {**POOL_DEFAULTS, **params}, tag), tag == "error"))
    return records


# --- adaptive and global pooling ------------------------------------------------------------------

ADAPTIVE_RANDOM = 12
ADAPTIVE_EDGES = [  # (x shape, output_size, tag)
    ((1, 1, 1, 5), [1, 3], "overlapping"),  # windows [0, 2), [1, 4), [3, 5)
    ((1, 2, 2, 3), 5, "larger-than-input"),
    ((1, 1, 6, 4), [None, 3], "keep-height"),
    ((2, 1, 7, 7), 1, "global"),
    ((1, 1, 9, 9), [9, 9], "identity"),
]
ADAPTIVE_ERRORS = [((1, 1, 4, 4), -1), ((1, 1, 4, 4), [2, -3])]


def adaptive_record(index, x, output_size, tag=""):
    n, c, h, w = x.shape
    record = {"id": f"adaptive{index:03d}-n{n}c{c}-{h}x{w}-to{id_part(output_size)}{'-' + tag if tag else ''}",
              "op": "adaptive_avg_pool2d", "group": "adaptive-avg", "params": {"output_size": output_size},
              "x": x.tolist()}
    return answered(record, *attempt(torch_adaptive, x, output_size))


def adaptive_cases(start):
    records = []
    for _ in range(ADAPTIVE_RANDOM):
        shape = _shape()
        if rng.random() < 0.3:
            output_size = int(rng.integers(1, 10))
        else:
            output_size = [None if rng.random() < 0.15 else int(v) for v in rng.integers(1, 10, 2)]
        records.append(adaptive_record(start + len(records), draw.values(rng, shape), output_size))
    for shape, output_size, tag in ADAPTIVE_EDGES:
        records.append(adaptive_record(start + len(records), draw.values(rng, shape), output_size, tag))
    for shape, output_size in ADAPTIVE_ERRORS:
        records.append(planned(adaptive_record(start + len(records), draw.values(rng, shape), output_size, "error"),
                               rejected=True))
    return records


GLOBAL_SHAPES = [((1, 1, 1, 1), "normal"), ((2, 3, 5, 7), "normal"), ((1, 2, 4, 4), "ties"), ((1, 3, 9, 2), "normal")]


def global_cases(start):
    records = []
    for kind in ("max", "avg"):
        for shape, values in GLOBAL_SHAPES:
            x = draw.values(rng, shape, values)
            n, c, h, w = shape
            record = {"id": f"global-{kind}{start + len(records):03d}-n{n}c{c}-{h}x{w}"
                            f"{'-' + values if values != 'normal' else ''}",
                      "op": "global_pool", "group": f"global-{kind}", "params": {"kind": kind}, "x": x.tolist()}
            records.append(answered(record, torch_global(x, kind), None))
    return records


# --- output -------------------------------------------------------------------------------------

def _key(case) -> str:
    return case["group"] + ("-error" if "error" in case else "")


def main() -> None:
    cases = pool_cases()
    cases += adaptive_cases(len(cases))
    cases += global_cases(len(cases))
    write("golden_pool", cases, SEED, _key, "scripts/make_golden_pool.py")


if __name__ == "__main__":
    main()
