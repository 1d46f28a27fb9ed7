"""Benchmark ConvScope's engine and API; print a Markdown table of ratios measured in the same run.

    python bench/bench.py [--quick] [--full-naive] [--no-api]

For six convolution workloads (workloads.py) it times the engine's conv2d against conv2d_naive (the
loop-by-loop definition) and PyTorch, pool2d against PyTorch's pooling (kernels.py), and POST
/api/convolve end to end against a reference endpoint written with orjson and PyTorch
(torch_endpoint.py), then where the API's time goes (api_latency.py, phases.py). PyTorch is
optional: without it those columns stay empty. Every time is a median of repeated runs
(harness.py); every implementation's output is checked against conv2d's before it is timed, so a
broken engine fails the bench.

Progress goes to stderr; stdout gets only the report (report.py): the header, the table, a one-line
legend and a table of the targets (targets.py) saying which this run meets.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR.parent) not in sys.path:  # the project, for app (this folder is already on the path)
    sys.path.insert(1, str(BENCH_DIR.parent))

from api_latency import api_requests, measure_api, measure_phases  # noqa: E402
from harness import FULL, FULL_API, QUICK, BenchError  # noqa: E402
from kernels import load_torch, measure_kernels  # noqa: E402
from report import report  # noqa: E402
from workloads import SEED, WORKLOADS, make_case  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """--quick, --full-naive, --no-api."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats: a rough table in less time")
    parser.add_argument("--full-naive", action="store_true",
                        help="run conv2d_naive on every whole workload (minutes) instead of extrapolating")
    parser.add_argument("--no-api", action="store_true", help="skip the HTTP measurements")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Measure everything, then print the report; 1 when an implementation disagrees with conv2d."""
    args = parse_args(argv)
    budget = QUICK if args.quick else FULL
    torch = load_torch()
    rng = np.random.default_rng(SEED)
    try:
        rows = [measure_kernels(make_case(w, rng), budget, args.full_naive, torch) for w in WORKLOADS]
        if not args.no_api:
            requests, settings = api_requests(rows)
            measure_api(requests, settings, QUICK if args.quick else FULL_API, torch)
            measure_phases(requests, settings, budget, torch)
    except BenchError as error:
        print(f"bench failed: {error}", file=sys.stderr)
        return 1
    print("\n".join(report(rows, torch, args.full_naive, not args.no_api)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
