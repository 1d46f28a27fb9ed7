"""Write tests/data/golden_ops.json, for tests/engine/test_golden_ops.py: PyTorch's outputs for the engine's
pointwise, normalisation, tensor and resampling operations. How to run it, and the file's format: golden_file.py.

make_golden.py covers convolution, pooling, the first eight activations and Linear; this script covers the rest
of what real networks use: the newer activations, batch norm, local response norm, upsampling, the binary
operations, concat, flatten from any axis, reshape and dropout.

Case kinds ("op"), each with "params" and the input arrays:
    activation  x; params.function and activate()'s keywords for it (low, high, beta, weight, axis)
    batch_norm  x, mean, var, weight (or null), bias (or null); params.eps
    lrn         x; params size, alpha, beta, k
    upsample    x; params size or scale (the other null), mode, align_corners (null: not given)
    binary      a, b; params.op (add, sub, mul, div)
    concat      inputs (a list of arrays); params.axis
    flatten     x; params.start_axis
    reshape     x; params.shape, one sample's (the batch axis kept)
    dropout     x (F.dropout with training=False)
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from golden_file import answered, attempt, id_part, planned, write

SEED = 20250301

rng = np.random.default_rng(SEED)


def record(case_id: str, op: str, params: dict, arrays: dict, reference, *args, expect_error: bool = False,
           **kwargs) -> dict:
    """One case: the inputs and PyTorch's answer, reference(*args, **kwargs), or its refusal; stops if PyTorch
    disagrees with the plan (expect_error)."""
    try:
        expected, error = attempt(reference, *args, **kwargs)
    except IndexError as refusal:  # an axis out of range, which attempt() leaves to its caller
        expected, error = None, str(refusal).strip().splitlines()[0][:200]
    case = {"id": case_id + ("-error" if error else ""), "op": op, "params": params,
            **{name: value.tolist() if isinstance(value, np.ndarray) else value for name, value in arrays.items()}}
    return planned(answered(case, expected, error), expect_error)


def tensor(value) -> torch.Tensor | None:
    return None if value is None else torch.tensor(np.asarray(value, dtype=np.float64))


# --- activations --------------------------------------------------------------------------------

# make_golden.py's extremes, with the kinks of the hard functions (±3, 6) and softplus's threshold (20).
EXTREMES = np.array([-1000.0, -700.0, -40.0, -30.0, -20.0, -5.0, -3.0, -2.12, -1.0, -1e-3, -1e-8, -1e-300, -0.0,
                     0.0, 1e-300, 1e-8, 1e-3, 1.0, 2.12, 3.0, 5.0, 6.0, 20.0, 20.000001, 30.0, 40.0, 700.0, 1000.0])


def torch_activation(x, function, low=-1.0, high=1.0, beta=1.0, weight=0.25, axis=-1):
    t = torch.tensor(x)
    if function == "hardtanh":
        return F.hardtanh(t, low, high)
    if function == "softplus":
        return F.softplus(t, beta=beta)
    if function == "log_softmax":
        return F.log_softmax(t, dim=axis)
    if function == "prelu":
        return F.prelu(t, tensor(weight).reshape(-1))
    return {"relu6": F.relu6, "hardsigmoid": F.hardsigmoid, "hardswish": F.hardswish, "silu": F.silu,
            "selu": F.selu}[function](t)


def activation_cases():
    cases = []

    def add(name, x, function, params, expect_error=False):
        weight = params.get("weight")
        suffix = "".join(f"-{key}{value}" for key, value in params.items() if key != "weight")
        suffix += "" if weight is None else f"-w{len(weight)}" if isinstance(weight, list) else f"-w{weight}"
        cases.append(record(f"{function}{suffix}-{name}", "activation", {"function": function, **params}, {"x": x},
                            torch_activation, x, function, expect_error=expect_error, **params))

    inputs = {"extremes": EXTREMES, "random": rng.standard_normal((2, 3, 4)) * 3.0,
              "sweep": np.linspace(-8.0, 8.0, 33) + rng.uniform(-0.1, 0.1, 33)}
    variants = [("relu6", {}), ("hardsigmoid", {}), ("hardswish", {}), ("silu", {}), ("selu", {}),
                ("hardtanh", {}), ("hardtanh", {"low": -2.0, "high": 0.5}), ("hardtanh", {"low": 0.5, "high": 0.5}),
                ("softplus", {}), ("softplus", {"beta": 2.0}), ("softplus", {"beta": 0.5}),
                ("softplus", {"beta": -1.0}), ("prelu", {}), ("prelu", {"weight": -0.5})]
    for function, params in variants:
        for name, x in inputs.items():
            add(name, x, function, params)
    random = rng.standard_normal((2, 3, 4)) * 5.0
    for axis in (-1, 0, 1, 2, -2):
        add("random", random, "log_softmax", {"axis": axis})
    rows = np.array([[1000.0, -1000.0, 0.0, 999.0], [30.0, -30.0, 1e-300, -1e-8],
                     [-1000.0, -1000.0, -1000.0, -1000.0], [1e-8, 2e-8, -1e-8, 0.0]])
    add("extremes", rows, "log_softmax", {"axis": -1})
    add("extremes", rows, "log_softmax", {"axis": 0})
    batch = rng.standard_normal((2, 3, 2, 2)) * 3.0
    add("2x3x2x2", batch, "prelu", {"weight": [0.1, -0.3, 2.0]})
    add("4x3", rng.standard_normal((4, 3)) * 3.0, "prelu", {"weight": [0.5, 0.0, -1.0]})
    add("2x3x2x2", batch, "prelu", {"weight": [0.2]})
    # refused by PyTorch
    add("min-above-max", EXTREMES, "hardtanh", {"low": 1.0, "high": -1.0}, expect_error=True)
    add("2x3x2x2", batch, "prelu", {"weight": [0.1, 0.2, 0.3, 0.4]}, expect_error=True)
    add("no-channels", EXTREMES[:3], "prelu", {"weight": [0.1, 0.2, 0.3]}, expect_error=True)
    add("random", random, "log_softmax", {"axis": 3}, expect_error=True)
    return cases


# --- normalisation ------------------------------------------------------------------------------

def batch_norm_cases():
    cases = []

    def add(shape, has_weight, has_bias, eps=1e-5, wrong=None, expect_error=False):
        """wrong: {parameter: its length} for the refused cases; the rest hold one number per channel."""
        c = shape[1] if len(shape) > 1 else shape[0]
        sizes = {"mean": c, "var": c, "weight": c, "bias": c, **(wrong or {})}
        x = rng.standard_normal(shape) * 2.0 + 1.0
        mean = rng.standard_normal(sizes["mean"])
        var = rng.uniform(0.0, 3.0, sizes["var"]) * rng.choice([1e-4, 1.0, 100.0], sizes["var"])
        weight = rng.standard_normal(sizes["weight"]) if has_weight else None
        bias = rng.standard_normal(sizes["bias"]) if has_bias else None
        tag = "".join(f"-{name}{length}" for name, length in (wrong or {}).items())
        case_id = (f"batch_norm-{id_part(shape)}-{'w' if has_weight else 'now'}-{'b' if has_bias else 'nob'}"
                   f"-eps{eps}{tag}")
        cases.append(record(case_id, "batch_norm", {"eps": eps},
                            {"x": x, "mean": mean, "var": var, "weight": weight, "bias": bias},
                            F.batch_norm, tensor(x), tensor(mean), tensor(var), tensor(weight), tensor(bias),
                            training=False, eps=eps, expect_error=expect_error))

    add((2, 3), True, True)
    add((2, 3, 5), True, False, eps=1e-3)
    add((2, 3, 4, 4), False, True)
    add((2, 3, 4, 4), True, True, eps=0.1)
    add((1, 1, 2, 2), False, False)
    add((3, 4, 2, 3), True, True)
    add((1, 2, 2, 2, 2), True, True)
    add((2, 3, 3), True, True, wrong={"mean": 4}, expect_error=True)
    add((2, 3, 3), True, True, wrong={"var": 2}, expect_error=True)
    add((2, 3, 3), True, True, wrong={"weight": 4}, expect_error=True)
    add((2, 3, 3), True, True, wrong={"bias": 1}, expect_error=True)
    add((3,), False, False, expect_error=True)  # no channel axis
    add((2, 3, 3), True, True, eps=-1e-5, expect_error=True)
    return cases


def lrn_cases():
    cases = []

    def add(shape, size, alpha=1e-4, beta=0.75, k=1.0, spread=10.0, expect_error=False):
        x = rng.standard_normal(shape) * spread
        params = {"size": size, "alpha": alpha, "beta": beta, "k": k}
        cases.append(record(f"lrn-{id_part(shape)}-size{size}-a{alpha}-b{beta}-k{k}", "lrn", params, {"x": x},
                            F.local_response_norm, tensor(x), size, alpha, beta, k, expect_error=expect_error))

    for size in (1, 2, 3, 4, 5):
        add((2, 5, 3, 3), size)
    add((2, 5, 3, 3), 3, alpha=0.5, beta=0.6, k=2.0)
    add((1, 6, 2, 2), 4, alpha=1.0, beta=1.0, k=0.5, spread=3.0)
    add((1, 3, 2, 2), 8, alpha=0.2, beta=0.75, k=1.0)  # the window is wider than the channels
    add((2, 4, 5), 3, alpha=0.1)  # (N, C, L)
    add((1, 4, 2, 2, 2), 2, alpha=0.1)  # (N, C, D, H, W)
    add((2, 4), 2, expect_error=True)  # no axis after the channels
    add((1, 3, 2, 2), 0, expect_error=True)
    return cases


# --- upsampling ---------------------------------------------------------------------------------

def upsample_cases():
    cases = []

    def add(shape, mode, size=None, scale=None, align_corners=None, expect_error=False):
        x = rng.standard_normal(shape)
        params = {"size": size, "scale": scale, "mode": mode, "align_corners": align_corners}
        how = f"size{id_part(size) if isinstance(size, list) else size}" if size is not None else \
            f"scale{id_part(scale) if isinstance(scale, list) else scale}"
        case_id = f"upsample-{mode}-{id_part(shape)}-{how}-ac{align_corners}"
        cases.append(record(case_id, "upsample", params, {"x": x},
                            F.interpolate, tensor(x), size=tuple(size) if isinstance(size, list) else size,
                            scale_factor=tuple(scale) if isinstance(scale, list) else scale, mode=mode,
                            align_corners=align_corners, expect_error=expect_error))

    for scale, shape in ((2, (1, 2, 3, 4)), (3, (1, 1, 2, 3)), (1.5, (2, 2, 3, 3)), (0.5, (1, 2, 6, 5)),
                         ([1, 7.4], (1, 2, 1, 6)), ([1.3, 0.7], (1, 2, 5, 6)), ([2.05, 1], (1, 1, 5, 3)),
                         (1.05, (1, 1, 13, 3))):
        add(shape, "nearest", scale=scale)
    for size, shape in ((5, (1, 2, 3, 3)), ([3, 7], (2, 1, 4, 4)), (1, (1, 2, 3, 4))):
        add(shape, "nearest", size=size)
    bilinear = [dict(scale=2), dict(scale=1.5), dict(scale=1 / 3), dict(scale=[2.5, 0.6]), dict(scale=1.05),
                dict(size=7), dict(size=[3, 8]), dict(size=1)]
    for how in bilinear:
        shape = (1, 1, 13, 3) if how.get("scale") == 1.05 else (1, 2, 6, 4) if how.get("scale") == 1 / 3 \
            else (1, 2, 3, 4)
        for align_corners in (False, True):
            add(shape, "bilinear", align_corners=align_corners, **how)
    add((2, 1, 3, 3), "bilinear", scale=2)  # align_corners not given: False
    add((2, 1, 3, 3), "bilinear", size=[5, 2])
    # refused by PyTorch
    add((1, 1, 3, 3), "nearest", size=4, scale=2, expect_error=True)
    add((1, 1, 3, 3), "nearest", expect_error=True)
    add((1, 1, 3, 3), "nearest", size=4, align_corners=False, expect_error=True)
    add((1, 1, 3, 3), "bilinear", size=0, expect_error=True)
    add((1, 1, 3, 3), "bilinear", size=[2.0, 3], expect_error=True)
    add((1, 1, 3, 3), "nearest", scale=0.2, expect_error=True)  # floor(3 · 0.2) = 0 pixels
    add((1, 1, 3, 3), "nearest", scale=-2.0, expect_error=True)
    return cases


# --- binary operations, concat, flatten, reshape, dropout ---------------------------------------

OPERATIONS = {"add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div}


def binary_cases():
    cases = []
    pairs = [((2, 3, 2, 2), (2, 3, 2, 2)), ((2, 3, 2, 2), (3, 1, 1)), ((2, 3, 2, 2), (1,)), ((3, 1), (1, 4)),
             ((2, 1, 4), (3, 1)), ((2, 3, 2, 2), (5, 1))]
    for a_shape, b_shape in pairs:
        for op, reference in OPERATIONS.items():
            a = rng.standard_normal(a_shape)
            b = rng.standard_normal(b_shape)
            b += np.where(b < 0, -0.5, 0.5)  # no divisor near 0: every expected number is finite and well-conditioned
            case_id = f"{op}-{id_part(a_shape)}-{id_part(b_shape)}"
            cases.append(record(case_id, "binary", {"op": op}, {"a": a, "b": b},
                                reference, tensor(a), tensor(b), expect_error=b_shape == (5, 1)))
    return cases


def concat_cases():
    cases = []
    plans = [([(2, 3, 2, 2), (2, 1, 2, 2)], 1, False), ([(1, 2, 2, 3), (1, 1, 2, 3), (1, 3, 2, 3)], 1, False),
             ([(1, 2, 2), (3, 2, 2)], 0, False), ([(1, 2, 2, 1), (1, 2, 2, 3)], -1, False),
             ([(2, 3), (2, 2)], -1, False), ([(1, 2, 2, 2)], 1, False),
             ([(1, 2, 4, 4), (1, 3, 4, 5)], 1, True), ([(1, 2, 4), (1, 2, 4, 1)], 1, True),
             ([(1, 2, 4), (1, 2, 4)], 3, True), ([], 0, True)]
    for shapes, axis, expect_error in plans:
        inputs = [rng.standard_normal(shape) for shape in shapes]
        case_id = f"concat-{'-'.join(map(id_part, shapes)) or 'none'}-axis{axis}"
        cases.append(record(case_id, "concat", {"axis": axis}, {"inputs": [a.tolist() for a in inputs]},
                            torch.cat, [tensor(a) for a in inputs], axis, expect_error=expect_error))
    return cases


def flatten_cases():
    cases = []
    for shape, starts in (((2, 3, 2, 2), (0, 1, 2, 3, -1, -2, 4, -5)), ((3, 5), (1, 0))):
        x = rng.standard_normal(shape)
        for start in starts:
            cases.append(record(f"flatten-{id_part(shape)}-start{start}", "flatten", {"start_axis": start},
                                {"x": x}, torch.flatten, tensor(x), start,
                                expect_error=not -len(shape) <= start < len(shape)))
    return cases


def reshape_cases():
    cases = []
    x = rng.standard_normal((2, 3, 2, 2))
    for shape, expect_error in (([12], False), ([-1], False), ([3, 4], False), ([2, -1, 3], False),
                                ([1, 12, 1], False), ([5, -1], True), ([2, -1, -1], True), ([0, -1], True),
                                ([7], True)):
        cases.append(record(f"reshape-2x3x2x2-to-{id_part(shape)}", "reshape", {"shape": shape}, {"x": x},
                            torch.reshape, tensor(x), (2, *shape), expect_error=expect_error))
    return cases


def dropout_cases():
    x = rng.standard_normal((2, 3, 2, 2))
    return [record("dropout-2x3x2x2", "dropout", {}, {"x": x}, F.dropout, tensor(x), 0.5, training=False)]


# --- output -------------------------------------------------------------------------------------

def _key(case) -> str:
    return case["op"] + ("-error" if "error" in case else "")


def main() -> None:
    cases = (activation_cases() + batch_norm_cases() + lrn_cases() + upsample_cases() + binary_cases()
             + concat_cases() + flatten_cases() + reshape_cases() + dropout_cases())
    write("golden_ops", cases, SEED, _key, "scripts/make_golden_ops.py")


if __name__ == "__main__":
    main()
