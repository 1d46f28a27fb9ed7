"""The engine's newer operations against PyTorch's outputs, stored in tests/data/golden_ops.json by
scripts/make_golden_ops.py (no PyTorch needed here)."""

import numpy as np
import pytest

from app.engine.activations import activate
from app.engine.dense import flatten
from app.engine.elementwise import binary, concat
from app.engine.geometry import ParameterError
from app.engine.norm import batch_norm, local_response_norm
from app.engine.resample import upsample
from app.engine.tensor_ops import dropout, reshape
from tests.golden import Golden, array

GOLDEN = Golden("golden_ops")
RTOL, ATOL = 1e-5, 1e-8

# What scripts/make_golden_ops.py writes.
EXPECTED_COUNTS = {
    "activation": 52, "activation-error": 4,
    "batch_norm": 7, "batch_norm-error": 6,
    "lrn": 10, "lrn-error": 2,
    "upsample": 29, "upsample-error": 7,
    "binary": 20, "binary-error": 4,
    "concat": 6, "concat-error": 4,
    "flatten": 8, "flatten-error": 2,
    "reshape": 5, "reshape-error": 4,
    "dropout": 1,
}


# op -> the engine's answer for a case
RUN = {
    "activation": lambda case: activate(array(case["x"]), **case["params"]),
    "batch_norm": lambda case: batch_norm(array(case["x"]), array(case["mean"]), array(case["var"]),
                                          array(case["weight"]), array(case["bias"]), **case["params"]),
    "lrn": lambda case: local_response_norm(array(case["x"]), **case["params"]),
    "upsample": lambda case: upsample(array(case["x"]), **case["params"]),
    "binary": lambda case: binary(case["params"]["op"], array(case["a"]), array(case["b"])),
    "concat": lambda case: concat([array(a) for a in case["inputs"]], **case["params"]),
    "flatten": lambda case: flatten(array(case["x"]), **case["params"]),
    "reshape": lambda case: reshape(array(case["x"]), **case["params"]),
    "dropout": lambda case: dropout(array(case["x"])),
}


def _key(case) -> str:
    return case["op"] + ("-error" if "error" in case else "")


def test_the_file_holds_every_case():
    GOLDEN.assert_counts(EXPECTED_COUNTS, _key)


@pytest.mark.parametrize("case", GOLDEN.params())
def test_engine_equals_pytorch(case):
    got = RUN[case["op"]](case)
    expected = array(case["expected"])
    assert got.dtype == np.float64
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("case", GOLDEN.params(errors=True))
def test_engine_rejects_what_pytorch_rejects(case):
    with pytest.raises(ParameterError):
        RUN[case["op"]](case)
