"""Write tests/data/golden_conv.json, for tests/engine/test_golden_conv.py: PyTorch's grouped conv2d
(depthwise and 1×1 among them) and conv_transpose2d on random and hand-picked inputs. How to run it,
and the file's format: golden_file.py.

Case kinds ("op"):
    conv2d            x, weight (F, C/groups, KH, KW), bias (or null), params (conv2d's, with groups)
                      -> expected; built with torch.nn.Conv2d, so padding_mode is PyTorch's own; mode
                      "convolution" flips the kernel 180° first. Counted as depthwise (one channel
                      per group, groups > 1), 1x1 (a 1×1 kernel) or grouped (the rest).
    conv_transpose2d  x, weight (C, F/groups, KH, KW), bias, params stride, padding, output_padding,
                      dilation, groups -> expected, from torch.nn.functional.conv_transpose2d.
"""

from __future__ import annotations

import itertools
import sys
import warnings
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from the project root: the tests' PyTorch references

import golden_draw as draw  # noqa: E402
from golden_file import answered, attempt, hand_picked, id_part, planned, weighted_record, write  # noqa: E402

from app.engine.conv import MODES  # noqa: E402
from app.engine.geometry import PADDING_MODES  # noqa: E402
from tests.torch_reference import torch_arg, torch_conv2d  # noqa: E402

SEED = 20250302
TRANSPOSED_RANDOM = 48

rng = np.random.default_rng(SEED)


# --- PyTorch references -------------------------------------------------------------------------

def torch_conv_transpose2d(x, weight, bias, stride, padding, output_padding, dilation, groups):
    return F.conv_transpose2d(torch.tensor(x), torch.tensor(weight), None if bias is None else torch.tensor(bias),
                              torch_arg(stride), torch_arg(padding), torch_arg(output_padding), groups,
                              torch_arg(dilation)).numpy()


REFERENCES = {"conv2d": torch_conv2d, "conv_transpose2d": torch_conv_transpose2d}


# --- conv2d -------------------------------------------------------------------------------------

CONV_DEFAULTS = dict(stride=1, padding=0, dilation=1, padding_mode="zeros", mode="cross-correlation", groups=1)


def conv_kind(weight_shape, groups) -> str:
    _, depth, kh, kw = weight_shape
    if (kh, kw) == (1, 1):
        return "1x1"
    return "depthwise" if groups > 1 and depth == 1 else "grouped"


def record(index, op, x_shape, w_shape, has_bias, p):
    """Draw x, weight and bias for a case of op ("conv2d" or "conv_transpose2d") and ask PyTorch."""
    filters = w_shape[0] if op == "conv2d" else w_shape[1] * p["groups"]
    x, weight, bias = draw.weighted(rng, x_shape, w_shape, filters if has_bias else None)
    expected, error = attempt(REFERENCES[op], x, weight, bias, **p)
    n, c, h, w = x_shape
    kh, kw = w_shape[2:]
    if op == "conv2d":
        case_id = (f"{'conv-error' if error else 'conv'}{index:03d}-{conv_kind(w_shape, p['groups'])}"
                   f"-n{n}c{c}-{h}x{w}-f{filters}k{kh}x{kw}-g{p['groups']}-s{id_part(p['stride'])}"
                   f"-p{id_part(p['padding'])}-d{id_part(p['dilation'])}-{p['padding_mode']}"
                   f"-{'conv' if p['mode'] == 'convolution' else 'xcorr'}")
    else:
        case_id = (f"{'transpose-error' if error else 'transpose'}{index:03d}-n{n}c{c}-{h}x{w}"
                   f"-f{filters}k{kh}x{kw}-g{p['groups']}-s{id_part(p['stride'])}"
                   f"-p{id_part(p['padding'])}-op{id_part(p['output_padding'])}-d{id_part(p['dilation'])}")
    case_id += "-bias" if has_bias else "-nobias"
    return answered(weighted_record(case_id, op, p, x, weight, bias), expected, error)


def random_conv(index, form, padding_mode, mode, kind):
    """One case PyTorch accepts: kind "grouped" (2-3 groups of 2-3 channels, kernels from 2×1 up),
    "depthwise" (2-4 groups of one channel, 1-2 filters each) or "1x1"."""
    while True:
        groups = int(rng.integers(2, 5)) if kind == "depthwise" else int(rng.integers(1 if kind == "1x1" else 2, 4))
        depth = 1 if kind == "depthwise" else int(rng.integers(1 if kind == "1x1" else 2, 4))
        per_group = int(rng.integers(1, 3))
        n = 2 if rng.random() < 0.15 else 1
        h, w = (int(v) for v in rng.integers(2, 6, 2))
        kh, kw = (1, 1) if kind == "1x1" else (int(rng.integers(1, 4)), int(rng.integers(2, 4)))
        stride = 1 if form == "same" else draw.int_or_pair(rng, 1, 2)
        dilation = 1 if rng.random() < 0.5 else draw.int_or_pair(rng, 1, 2)
        case = record(index, "conv2d", (n, groups * depth, h, w), (groups * per_group, depth, kh, kw),
                      rng.random() < 0.5, dict(stride=stride, padding=draw.padding(rng, form, 3), dilation=dilation,
                                               padding_mode=padding_mode, mode=mode, groups=groups))
        if "error" not in case:
            return case


# Hand-picked edges: (x shape, weight shape, bias?, params). Each must be accepted by PyTorch.
CONV_EDGES = [
    ((1, 3, 6, 6), (9, 1, 3, 3), True, dict(groups=3, padding=1)),  # depthwise, channel multiplier 3
    ((1, 2, 5, 6), (2, 1, 4, 2), False, dict(groups=2, padding="same")),  # even kernel: extra pad bottom/right
    ((1, 2, 4, 5), (4, 1, 3, 3), True, dict(groups=2, padding=[3, 4], padding_mode="reflect")),  # reflect limit
    ((2, 4, 5, 5), (4, 1, 3, 3), True, dict(groups=4, stride=2, padding=1, mode="convolution")),
    ((1, 2, 9, 9), (2, 1, 2, 3), False, dict(groups=2, dilation=[3, 2], padding=[1, 2], padding_mode="circular")),
    ((1, 6, 4, 4), (6, 2, 3, 3), True, dict(groups=3, padding="same", padding_mode="replicate")),
    ((1, 4, 3, 3), (6, 2, 3, 3), True, dict(groups=2)),  # kernel = input: one output
    ((1, 4, 5, 5), (8, 1, 1, 1), True, dict(groups=4)),  # depthwise 1×1: a scale per channel and filter
    ((1, 6, 5, 4), (4, 3, 1, 1), False, dict(groups=2, stride=[2, 1], padding=[0, 1])),
]

# Combinations PyTorch rejects: (x shape, weight shape, params).
CONV_ERRORS = [
    ((1, 3, 5, 5), (4, 1, 3, 3), dict(groups=2)),  # groups do not divide the channels
    ((1, 4, 5, 5), (3, 2, 3, 3), dict(groups=2)),  # nor the filters
    ((1, 4, 5, 5), (4, 1, 3, 3), dict(groups=2)),  # the kernel has 1 channel, each group 2
    ((1, 4, 5, 5), (4, 4, 3, 3), dict(groups=0)),
    ((1, 2, 2, 2), (2, 1, 3, 3), dict(groups=2)),  # kernel larger than the input
    ((1, 2, 4, 4), (2, 1, 3, 3), dict(groups=2, padding="same", stride=2)),
]


def conv_cases():
    records = []
    for form, padding_mode, mode in itertools.product(draw.PADDING_FORMS, PADDING_MODES, MODES):
        records.append(random_conv(len(records), form, padding_mode, mode, "grouped"))
    for padding_mode, mode, form in itertools.product(PADDING_MODES, MODES, ("int", "same")):
        records.append(random_conv(len(records), form, padding_mode, mode, "depthwise"))
    for padding_mode, mode in itertools.product(PADDING_MODES, MODES):
        records.append(random_conv(len(records), "int", padding_mode, mode, "1x1"))
    for *case, rejected in hand_picked(CONV_DEFAULTS, CONV_EDGES, CONV_ERRORS):
        records.append(planned(record(len(records), "conv2d", *case), rejected))
    return records


# --- conv_transpose2d ---------------------------------------------------------------------------

TRANSPOSE_DEFAULTS = dict(stride=1, padding=0, output_padding=0, dilation=1, groups=1)


def _pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def random_transpose(index, has_bias):
    """One case PyTorch accepts, output padding below the larger of stride and dilation."""
    while True:
        groups, depth, per_group = int(rng.integers(1, 4)), int(rng.integers(1, 3)), int(rng.integers(1, 3))
        n = 2 if rng.random() < 0.15 else 1
        h, w = (int(v) for v in rng.integers(1, 5, 2))
        kh, kw = (int(v) for v in rng.integers(1, 5, 2))
        stride, dilation = draw.int_or_pair(rng, 1, 3), (1 if rng.random() < 0.5 else draw.int_or_pair(rng, 1, 3))
        limit = [max(s, d) - 1 for s, d in zip(_pair(stride), _pair(dilation), strict=True)]
        output_padding = [int(rng.integers(0, top + 1)) for top in limit] if rng.random() < 0.6 else 0
        case = record(index, "conv_transpose2d", (n, groups * depth, h, w), (groups * depth, per_group, kh, kw),
                      has_bias, dict(stride=stride, padding=draw.int_or_pair(rng, 0, 2), output_padding=output_padding,
                                     dilation=dilation, groups=groups))
        if "error" not in case:
            return case


TRANSPOSE_EDGES = [
    ((1, 1, 2, 2), (1, 1, 2, 2), False, dict(stride=2)),  # the hand-worked 2×2 example: no overlap
    ((1, 4, 4, 4), (4, 2, 4, 4), True, dict(stride=2, padding=1)),  # the usual upsampling by 2
    ((1, 1, 1, 1), (1, 1, 1, 1), True, dict()),  # the smallest
    ((1, 2, 3, 3), (2, 1, 3, 3), True, dict(padding=2)),  # padding crops all but one cell
    ((1, 2, 3, 3), (2, 2, 3, 3), False, dict(dilation=2, output_padding=1)),  # output padding below the dilation
    ((2, 2, 3, 2), (2, 3, 2, 3), True, dict(stride=[3, 1], output_padding=[2, 0], padding=[0, 1])),
    ((1, 4, 2, 3), (4, 1, 3, 1), True, dict(groups=4, stride=2)),  # depthwise
    ((1, 6, 2, 2), (6, 2, 2, 2), True, dict(groups=3, stride=[1, 2], dilation=[2, 1], output_padding=[1, 1])),
]
TRANSPOSE_ERRORS = [
    ((1, 2, 3, 3), (2, 1, 3, 3), dict(stride=2, output_padding=2)),  # output padding = stride
    ((1, 2, 3, 3), (2, 1, 3, 3), dict(output_padding=1)),  # stride and dilation 1: none allowed
    ((1, 2, 3, 3), (2, 1, 3, 3), dict(padding=3)),  # the output would be -1×-1
    ((1, 2, 1, 1), (2, 1, 1, 1), dict(stride=2, padding=1, output_padding=1)),  # 0×0
    ((1, 2, 3, 3), (3, 1, 3, 3), dict()),  # the kernel's input channels are not the input's
    ((1, 4, 3, 3), (4, 1, 3, 3), dict(groups=3)),  # groups do not divide the channels
    ((1, 2, 3, 3), (2, 1, 3, 3), dict(stride=0)),
    ((1, 2, 3, 3), (2, 1, 3, 3), dict(padding=-1)),
    ((1, 2, 3, 3), (2, 1, 3, 3), dict(dilation=[1, 0])),
]


def transpose_cases():
    records = []
    for k in range(TRANSPOSED_RANDOM):
        records.append(random_transpose(len(records), has_bias=k % 2 == 0))
    for *case, rejected in hand_picked(TRANSPOSE_DEFAULTS, TRANSPOSE_EDGES, TRANSPOSE_ERRORS):
        records.append(planned(record(len(records), "conv_transpose2d", *case), rejected))
    return records


# --- output -------------------------------------------------------------------------------------

def _key(case) -> str:
    if case["op"] == "conv2d" and "error" not in case:
        kind = "-" + conv_kind(np.shape(case["weight"]), case["params"]["groups"])
    else:
        kind = ""
    return case["op"] + kind + ("-error" if "error" in case else "")


def main() -> None:
    with warnings.catch_warnings():
        # Expected for even kernels with padding="same"; says nothing about the result.
        warnings.filterwarnings("ignore", message="Using padding='same'")
        cases = conv_cases() + transpose_cases()
    write("golden_conv", cases, SEED, _key, "scripts/make_golden_conv.py")


if __name__ == "__main__":
    main()
