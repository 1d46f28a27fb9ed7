"""bench/layers.py: its graphs are valid engine graphs, and its table says which workloads meet 3×."""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from layers import WORKLOADS, report  # noqa: E402

from app import engine  # noqa: E402


@pytest.mark.parametrize("workload", WORKLOADS, ids=lambda w: w.name)
def test_each_workload_is_a_graph_the_engine_runs(workload):
    nodes = workload.nodes(np.random.default_rng(0))
    x = np.ones(workload.x_shape, dtype=np.float32)
    plans = engine.plan(x.shape[1:], nodes)
    output = engine.forward(x, nodes, keep={nodes[-1].name})[-1]
    assert output.shape == (1, *plans[-1].shape) and output.dtype == np.float32


def test_the_table_marks_each_workload_against_three_times():
    results = {w.name: (3.0, 1.0) for w in WORKLOADS} | {"j": (3.3, 1.0)}
    lines = report(results)
    assert [line.rsplit("|", 2)[1].strip() for line in lines[2:]] == ["yes", "yes", "yes", "no"]
