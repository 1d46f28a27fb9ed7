"""The golden files in tests/data, as the golden tests read them (scripts/make_golden*.py write them).

Each holds a header with its "counts" and, per case, its inputs, parameters and PyTorch's result
(float64, full precision); a case PyTorch rejects carries "error" instead, and the engine must reject it too.
"""

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

DATA = Path(__file__).resolve().parent / "data"


class Golden:
    """One golden file, tests/data/<name>.json."""

    def __init__(self, name: str):
        self.file = json.loads((DATA / f"{name}.json").read_text())
        self.cases = self.file["cases"]

    def params(self, op=None, errors=False) -> list:
        """The cases of `op` (of every op if None) that PyTorch answered, or with errors=True those it
        rejected, as pytest.params named by their ids."""
        return [pytest.param(case, id=case["id"]) for case in self.cases
                if op in (None, case["op"]) and ("error" in case) == errors]

    def assert_counts(self, expected: dict[str, int], key) -> None:
        """The file holds exactly `expected` cases per key(case), as its header says, each with its own id:
        a truncated or empty file fails instead of passing vacuously."""
        assert dict(Counter(map(key, self.cases))) == expected
        assert self.file["counts"] == expected
        assert len({case["id"] for case in self.cases}) == len(self.cases)


def array(values):
    """A case's numbers as float64 (None stays None: an absent bias or weight)."""
    return None if values is None else np.array(values, dtype=np.float64)
