"""Write tests/data/golden.json, for tests/engine/test_golden.py: PyTorch's conv2d, max_pool2d,
avg_pool2d, activations and Linear, which the engine promises, on random and hand-picked inputs.
How to run it, and the file's format: golden_file.py.

Case kinds ("op"):
    conv2d      x, weight, bias (or null), params -> expected; built with torch.nn.Conv2d, so
                padding_mode is PyTorch's own; mode "convolution" flips the kernel 180° first.
    pool2d      params.kind "max" (expected + indices, PyTorch's flat row*W+col per window) or
                "avg" (count_include_pad=True, floor mode); params.stride null means the default.
    activation  params.function, alpha (null = the default), axis (softmax) -> expected.
    dense       x (flattened first when 4-D, as torch.flatten(x, 1)), weight (out, in), bias.
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
from tests.torch_reference import torch_conv2d, torch_pool2d  # noqa: E402

SEED = 20240614
CONV_PER_COMBINATION = 4  # random cases for each padding form × padding mode × mode

rng = np.random.default_rng(SEED)


# --- PyTorch references -------------------------------------------------------------------------

def torch_activation(x, function, alpha, axis):
    t = torch.tensor(x)
    if function == "leaky_relu":
        return F.leaky_relu(t, 0.01 if alpha is None else alpha).numpy()
    if function == "elu":
        return F.elu(t, 1.0 if alpha is None else alpha).numpy()
    if function == "softmax":
        return F.softmax(t, dim=axis).numpy()
    if function == "gelu":
        return F.gelu(t, approximate="none").numpy()
    return {"relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh,
            "identity": lambda v: v}[function](t).numpy()


def torch_dense(x, weight, bias):
    t = torch.flatten(torch.tensor(x), 1)
    return F.linear(t, torch.tensor(weight), None if bias is None else torch.tensor(bias)).numpy()


# --- naming -------------------------------------------------------------------------------------

def conv_id(index, x, weight, bias, p) -> str:
    n, c, h, w = x.shape
    f, _, kh, kw = weight.shape
    return (f"conv{index:03d}-n{n}c{c}-{h}x{w}-f{f}k{kh}x{kw}-s{id_part(p['stride'])}-p{id_part(p['padding'])}"
            f"-d{id_part(p['dilation'])}-{p['padding_mode']}-{'conv' if p['mode'] == 'convolution' else 'xcorr'}"
            f"-{'bias' if bias is not None else 'nobias'}")


def pool_id(index, x, p, tag="") -> str:
    n, c, h, w = x.shape
    return (f"{p['kind']}{index:03d}-n{n}c{c}-{h}x{w}-k{id_part(p['size'])}-s{id_part(p['stride'])}"
            f"-p{id_part(p['padding'])}{'-' + tag if tag else ''}")


# --- conv2d -------------------------------------------------------------------------------------

def conv_record(index, x_shape, w_shape, has_bias, params):
    """Draw x, weight and bias and ask PyTorch."""
    x, weight, bias = draw.weighted(rng, x_shape, w_shape, w_shape[0] if has_bias else None)
    expected, error = attempt(torch_conv2d, x, weight, bias, **params)
    case_id = conv_id(index, x, weight, bias, params)
    if error is not None:
        case_id = case_id.replace("conv", "conv-error", 1)
    return answered(weighted_record(case_id, "conv2d", params, x, weight, bias), expected, error)


def random_conv(index, form, padding_mode, mode, has_bias):
    """One case PyTorch accepts, for this padding form, padding mode and mode."""
    while True:
        n, c, f = int(rng.integers(1, 3)), int(rng.integers(1, 4)), int(rng.integers(1, 5))
        h, w = (int(v) for v in rng.integers(1, 10, 2))
        kh = int(rng.integers(1, 5))
        kw = kh if rng.random() < 0.5 else int(rng.integers(1, 5))
        stride = (1 if rng.random() < 0.5 else [1, 1]) if form == "same" else draw.int_or_pair(rng, 1, 3)
        dilation = 1 if rng.random() < 0.5 else draw.int_or_pair(rng, 1, 3)
        record = conv_record(index, (n, c, h, w), (f, c, kh, kw), has_bias,
                             dict(stride=stride, padding=draw.padding(rng, form, 4), dilation=dilation,
                                  padding_mode=padding_mode, mode=mode))
        if "error" not in record:
            return record


# Hand-picked edges: (x shape, weight shape, bias?, params). Each must be accepted by PyTorch.
CONV_EDGES = [
    ((1, 1, 1, 1), (1, 1, 1, 1), True, dict()),  # the smallest convolution
    ((2, 3, 9, 9), (4, 3, 4, 4), True, dict()),  # the largest shapes
    ((1, 2, 5, 4), (3, 2, 5, 4), False, dict()),  # kernel = input: one output
    ((1, 1, 2, 3), (2, 1, 4, 3), True, dict(padding=[1, 0])),  # kernel taller than the input, padding fits it
    ((1, 1, 3, 3), (1, 1, 1, 1), True, dict(padding=3)),  # padding wider than the kernel
    ((1, 1, 7, 8), (2, 1, 2, 2), False, dict(stride=3)),  # stride > kernel skips pixels
    ((2, 1, 8, 7), (1, 1, 3, 2), True, dict(stride=[3, 1], padding=[0, 2])),  # floor drops trailing rows
    ((1, 2, 9, 9), (2, 2, 2, 3), False, dict(dilation=[1, 3], padding=[2, 1])),
    ((1, 1, 9, 6), (1, 1, 3, 2), True, dict(stride=[2, 1], dilation=[4, 5])),  # dilated window = input
    ((1, 1, 4, 5), (1, 1, 3, 3), False, dict(padding=[3, 4], padding_mode="reflect")),  # reflect at its limit
    ((1, 2, 3, 2), (2, 2, 2, 2), True, dict(padding=[3, 2], padding_mode="circular")),  # circular at its limit
    ((1, 1, 2, 2), (1, 1, 3, 3), True, dict(padding=3, padding_mode="replicate")),  # replicate beyond the size
    ((1, 1, 6, 7), (2, 1, 4, 2), True, dict(padding="same")),  # even kernel: extra pad bottom/right
    ((1, 2, 5, 6), (1, 2, 2, 4), False, dict(padding="same", padding_mode="reflect")),
    ((2, 1, 5, 5), (2, 1, 4, 4), True, dict(padding="same", padding_mode="replicate")),
    ((1, 1, 6, 5), (1, 1, 2, 3), True, dict(padding="same", padding_mode="circular", mode="convolution")),
    ((1, 1, 9, 9), (1, 1, 4, 2), False, dict(padding="same", dilation=[3, 1])),  # odd dilation, even kernel
    ((1, 1, 9, 8), (2, 1, 2, 4), True, dict(padding="same", dilation=2, padding_mode="reflect")),
    ((1, 3, 4, 6), (2, 3, 3, 2), False, dict(mode="convolution", stride=[1, 2])),  # rectangular, flipped
    ((1, 1, 5, 8), (1, 1, 1, 4), True, dict(mode="convolution", padding=[0, 1], padding_mode="circular")),
    ((2, 2, 3, 9), (3, 2, 1, 3), True, dict(padding="valid", padding_mode="reflect", stride=[1, 3])),
    ((1, 1, 1, 9), (1, 1, 1, 3), False, dict(padding=[0, 2], padding_mode="replicate", dilation=[1, 2])),
]
CONV_DEFAULTS = dict(stride=1, padding=0, dilation=1, padding_mode="zeros", mode="cross-correlation")

# Combinations PyTorch rejects: (x shape, weight shape, params).
CONV_ERRORS = [
    ((1, 1, 5, 5), (1, 1, 3, 3), dict(padding="same", stride=2)),
    ((1, 1, 3, 4), (1, 1, 2, 2), dict(padding=3, padding_mode="reflect")),  # reflect pad = size
    ((1, 1, 1, 5), (1, 1, 3, 3), dict(padding="same", padding_mode="reflect")),  # same pads 1 >= height 1
    ((1, 1, 2, 2), (1, 1, 1, 1), dict(padding=[3, 0], padding_mode="circular")),  # circular pad > size
    ((1, 1, 3, 3), (1, 1, 4, 2), dict()),  # kernel taller than the input
    ((1, 1, 4, 4), (1, 1, 2, 2), dict(dilation=4)),  # dilated kernel wider than the input
    ((1, 2, 4, 4), (1, 3, 2, 2), dict()),  # channel mismatch
    ((1, 1, 4, 4), (1, 1, 2, 2), dict(stride=0)),
    ((1, 1, 4, 4), (1, 1, 2, 2), dict(dilation=[1, 0])),
]


def conv_cases():
    records = []
    combinations = itertools.product(draw.PADDING_FORMS, PADDING_MODES, MODES)
    for form, padding_mode, mode in combinations:
        for k in range(CONV_PER_COMBINATION):
            records.append(random_conv(len(records), form, padding_mode, mode, has_bias=k % 2 == 0))
    for *case, rejected in hand_picked(CONV_DEFAULTS, CONV_EDGES, CONV_ERRORS):
        records.append(planned(conv_record(len(records), *case), rejected))
    return records


# --- pooling ------------------------------------------------------------------------------------

POOLS_PER_KIND = 34  # random cases per kind, plus the edges below


def pool_record(index, x, params, tag=""):
    record = {"id": pool_id(index, x, params, tag), "op": "pool2d", "params": params, "x": x.tolist()}
    return answered(record, *attempt(torch_pool2d, x, **params))


def random_pool(kind, values="normal"):
    while True:
        n, c = int(rng.integers(1, 3)), int(rng.integers(1, 4))
        h, w = (int(v) for v in rng.integers(1, 10, 2))
        size = draw.int_or_pair(rng, 1, 4)
        stride = None if rng.random() < 0.25 else draw.int_or_pair(rng, 1, 3)
        padding = 0 if rng.random() < 0.4 else draw.pool_padding(rng, size)
        x = draw.values(rng, (n, c, h, w), values)
        params = {"kind": kind, "size": size, "stride": stride, "padding": padding}
        if attempt(torch_pool2d, x, kind, size, stride, padding)[1] is None:
            return x, params


POOL_EDGES = [  # (x shape, params, tag)
    ((1, 1, 1, 1), dict(size=1), "smallest"),
    ((1, 1, 4, 4), dict(size=4), "whole"),
    ((1, 1, 1, 1), dict(size=[2, 3], padding=[1, 1]), "padded-single-pixel"),
    ((2, 3, 9, 9), dict(size=[4, 2], stride=[1, 3], padding=[2, 1]), "largest"),
    ((1, 2, 7, 5), dict(size=3, stride=1, padding=1), "overlapping"),
    ((1, 1, 9, 8), dict(size=2, stride=3), "gaps"),
]
POOL_ERRORS = [
    ((1, 1, 5, 5), dict(size=2, padding=2)),  # padding more than half the window
    ((1, 1, 5, 5), dict(size=[3, 1], padding=[1, 1])),
    ((1, 1, 3, 3), dict(size=4)),  # window larger than the input
    ((1, 1, 4, 4), dict(size=2, stride=0)),
]


def pool_cases():
    records = []
    for kind in ("max", "avg"):
        draws = ["normal"] * POOLS_PER_KIND
        if kind == "max":
            draws[-8:-2] = ["ties"] * 6
            draws[-2:] = ["negative"] * 2
        for values in draws:
            x, params = random_pool(kind, values)
            records.append(pool_record(len(records), x, params, "" if values == "normal" else values))
        for shape, params, tag in POOL_EDGES + [(shape, params, "error") for shape, params in POOL_ERRORS]:
            full = {"kind": kind, "size": params["size"], "stride": params.get("stride"),
                    "padding": params.get("padding", 0)}
            records.append(planned(pool_record(len(records), rng.standard_normal(shape), full, tag), tag == "error"))
    return records


# --- activations and dense ----------------------------------------------------------------------

# Extremes, the neighbourhood of zero and the engine's erfc switch-over (|x|/√2 = 1.5) in one row.
EXTREMES = np.array([-1000.0, -700.0, -40.0, -30.0, -20.0, -5.0, -2.1213203435596424, -2.12, -1.0, -1e-3,
                     -1e-8, -1e-300, -0.0, 0.0, 1e-300, 1e-8, 1e-3, 1.0, 2.12, 2.1213203435596424, 5.0,
                     20.0, 30.0, 40.0, 700.0, 1000.0])


def activation_inputs():
    return {
        "extremes": EXTREMES.copy(),
        "random": rng.standard_normal((2, 3, 4)) * 3.0,
        "sweep": np.linspace(-8.0, 8.0, 33) + rng.uniform(-0.1, 0.1, 33),
    }


ALPHAS = {"leaky_relu": [None, 0.2], "elu": [None, 0.5, 2.0]}


def activation_cases():
    records = []

    def add(name, x, function, alpha=None, axis=-1):
        expected = torch_activation(x, function, alpha, axis)
        suffix = ("" if alpha is None else f"-a{alpha}") + (f"-axis{axis}" if function == "softmax" else "")
        records.append({"id": f"{function}{suffix}-{name}", "op": "activation",
                        "params": {"function": function, "alpha": alpha, "axis": axis},
                        "x": x.tolist(), "expected": expected.tolist()})

    for function in ("relu", "leaky_relu", "elu", "sigmoid", "tanh", "gelu", "identity"):
        for alpha in ALPHAS.get(function, [None]):
            for name, x in activation_inputs().items():
                add(name, x, function, alpha)
    random = rng.standard_normal((2, 3, 4)) * 5.0
    for axis in (-1, 0, 1, 2, -2):
        add("random", random, "softmax", axis=axis)
    rows = np.array([[1000.0, -1000.0, 0.0, 999.0], [30.0, -30.0, 1e-300, -1e-8],
                     [-1000.0, -1000.0, -1000.0, -1000.0], [1e-8, 2e-8, -1e-8, 0.0]])
    add("extremes", rows, "softmax", axis=-1)
    add("extremes", rows, "softmax", axis=0)
    return records


def dense_cases():
    records = []
    shapes = [((3, 5), 4, True), ((1, 7), 2, False), ((2, 3, 2, 2), 3, True), ((1, 2, 3, 1), 1, False)]
    for x_shape, out_features, has_bias in shapes:
        x = rng.standard_normal(x_shape)
        weight = rng.standard_normal((out_features, int(np.prod(x_shape[1:]))))
        bias = rng.standard_normal(out_features) if has_bias else None
        name = "flatten-" if len(x_shape) > 2 else ""
        records.append({"id": f"dense-{name}{id_part(x_shape)}-to{out_features}-"
                              f"{'bias' if has_bias else 'nobias'}",
                        "op": "dense", "x": x.tolist(), "weight": weight.tolist(),
                        "bias": None if bias is None else bias.tolist(),
                        "expected": torch_dense(x, weight, bias).tolist()})
    return records


# --- output -------------------------------------------------------------------------------------

def _key(case) -> str:
    kind = f"-{case['params']['kind']}" if case["op"] == "pool2d" else ""
    return case["op"] + kind + ("-error" if "error" in case else "")


def main() -> None:
    with warnings.catch_warnings():
        # Expected for even kernels with padding="same"; says nothing about the result.
        warnings.filterwarnings("ignore", message="Using padding='same'")
        cases = conv_cases() + pool_cases() + activation_cases() + dense_cases()
    write("golden", cases, SEED, _key, "scripts/make_golden.py")


if __name__ == "__main__":
    main()
