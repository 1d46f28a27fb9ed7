"""bench/targets.py: a run meets a target only when every workload it covers was measured and is within it."""

import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from targets import TARGETS, targets_table  # noqa: E402

TINY_API = "POST /api/convolve ≤ 1.10× the reference endpoint's median latency, tiny requests"
IMAGE_API = "POST /api/convolve ≤ 1× the reference endpoint's median latency, image-sized requests"


def _row(name, conv32=1.0, torch_conv=1.0, pools=(0.5, 0.5), api=1.0, api_reference=1.0):
    """A bench row with these ratios; conv2d_naive 1000× slower than conv2d."""
    pool_ratios = dict(zip(("max", "avg"), pools, strict=True))
    return SimpleNamespace(case=SimpleNamespace(workload=SimpleNamespace(name=name)), conv=1.0, naive=1000.0,
                           conv32=conv32, torch_conv=torch_conv, pool_ratios=pool_ratios, api=api,
                           api_reference=api_reference)


def _verdicts(rows):
    lines = targets_table(rows, lambda value: "—" if value is None else f"{value:g}×")[2:]
    return {target.text: line.rsplit("|", 2)[1].strip() for target, line in zip(TARGETS, lines, strict=True)}


def test_a_run_within_every_limit_meets_every_target():
    assert set(_verdicts([_row(name) for name in "abcdef"]).values()) == {"yes"}


def test_a_missed_target_names_the_workloads_that_miss_it():
    rows = [_row(name) for name in "abcdef"]
    rows[4] = _row("e", conv32=3.1)  # 3.1× PyTorch
    rows[0] = _row("a", pools=(2.0, 3.0), api=1.2)  # tiny inputs' pooling has no target
    rows[3] = _row("d", pools=(0.9, 1.2))
    verdicts = _verdicts(rows)
    assert verdicts["conv2d in float32 ≤ 3× PyTorch's time"] == "no: (e)"
    assert verdicts["pool2d ≤ 1× PyTorch's time, max and avg"] == "no: (d)"
    assert verdicts[TINY_API] == "no: (a)"
    assert verdicts["conv2d ≥ 100× faster than conv2d_naive"] == "yes"


def test_tiny_requests_may_take_up_to_1_10_times_the_reference_and_image_sized_ones_no_longer():
    rows = [_row(name) for name in "abcdef"]
    rows[1] = _row("b", api=1.10)  # within the noise allowed on tiny requests
    rows[2] = _row("c", api=1.11)
    rows[5] = _row("f", api=1.05)
    verdicts = _verdicts(rows)
    assert verdicts[TINY_API] == "no: (c)"
    assert verdicts[IMAGE_API] == "no: (f)"


def test_a_target_not_measured_is_not_met():
    rows = [_row(name, torch_conv=None, pools=(None, None), api_reference=None) for name in "abcdef"]
    verdicts = _verdicts(rows)
    assert verdicts["conv2d in float32 ≤ 3× PyTorch's time"] == "not measured"
    assert verdicts[TINY_API] == verdicts[IMAGE_API] == "not measured"
    assert verdicts["conv2d ≥ 100× faster than conv2d_naive"] == "yes"
