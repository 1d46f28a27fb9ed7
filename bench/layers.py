"""The layers of real networks against PyTorch: (g)-(j), each in float32, timed side by side.

    python bench/layers.py            # about half a minute; --quick for a rough pass

Each workload runs as a graph through the engine's forward pass, the path /api/forward and
imported models take, against the same layers in torch.nn.functional. Outputs are compared
before anything is timed. Without PyTorch there is nothing to compare with, and the script says so.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, when run as a script

from harness import FULL, QUICK, BenchError, alternating_medians, note, require_close  # noqa: E402
from kernels import FLOAT32_TOLERANCE, load_torch  # noqa: E402
from report import factor, ms  # noqa: E402

from app import engine  # noqa: E402
from app.engine import kinds  # noqa: E402

SEED = 16
LIMIT = 3.0  # at most 3× PyTorch's float32 time


@dataclass(frozen=True)
class LayerWorkload:
    name: str
    label: str
    x_shape: tuple[int, ...]  # (N, C, H, W)
    nodes: Callable[[np.random.Generator], list[engine.Node]]  # the engine's graph, float32 arrays
    torch_run: Callable[[Any, Any, list[engine.Node]], Any]  # (torch, x, the same graph) -> output


def _float32(rng: np.random.Generator, *shape: int) -> np.ndarray:
    return rng.standard_normal(shape).astype(np.float32)


def _chain(*layers: Any) -> list[engine.Node]:
    return engine.graph.as_nodes(list(layers))


def _depthwise(rng):
    return _chain(kinds.Conv2d(_float32(rng, 32, 1, 3, 3), _float32(rng, 32), padding=1, groups=32))


def _pointwise(rng):
    return _chain(kinds.Conv2d(_float32(rng, 128, 64, 1, 1), _float32(rng, 128)))


def _transposed(rng):
    return _chain(kinds.ConvTranspose2d(_float32(rng, 64, 32, 4, 4), _float32(rng, 32), stride=2, padding=1))


def _residual(rng):
    c = 64
    norm = kinds.BatchNorm(_float32(rng, c), np.abs(_float32(rng, c)) + 0.5, _float32(rng, c), _float32(rng, c))
    return [engine.Node(norm, "bn", (engine.INPUT,)), engine.Node(kinds.Activation("relu"), "relu", ("bn",)),
            engine.Node(kinds.Binary("add"), "add", ("relu", engine.INPUT))]


def _torch_conv(torch, x, nodes):
    conv = nodes[0].layer
    return torch.nn.functional.conv2d(x, torch.from_numpy(conv.kernel), torch.from_numpy(conv.bias),
                                      padding=conv.padding, groups=conv.groups)


def _torch_transposed(torch, x, nodes):
    layer = nodes[0].layer
    return torch.nn.functional.conv_transpose2d(x, torch.from_numpy(layer.kernel), torch.from_numpy(layer.bias),
                                                stride=layer.stride, padding=layer.padding)


def _torch_residual(torch, x, nodes):
    norm = nodes[0].layer
    functional = torch.nn.functional
    y = functional.batch_norm(x, *(torch.from_numpy(a) for a in (norm.mean, norm.var, norm.weight, norm.bias)),
                              training=False, eps=norm.eps)
    return functional.relu(y) + x


WORKLOADS = (
    LayerWorkload("g", "depthwise 3×3, 32×112×112, groups 32", (1, 32, 112, 112), _depthwise, _torch_conv),
    LayerWorkload("h", "1×1 conv, 64 → 128 channels at 56×56", (1, 64, 56, 56), _pointwise, _torch_conv),
    LayerWorkload("i", "transposed conv 64×16×16 → 32, 4×4, stride 2", (1, 64, 16, 16), _transposed,
                  _torch_transposed),
    LayerWorkload("j", "batch norm + ReLU + residual add, 64×56×56", (1, 64, 56, 56), _residual, _torch_residual),
)


def measure(workload: LayerWorkload, budget, torch, rng: np.random.Generator) -> tuple[float, float]:
    """(ours, PyTorch's) median seconds, after checking that both give the same output."""
    note(f"({workload.name}) {workload.label}")
    x = _float32(rng, *workload.x_shape)
    nodes = workload.nodes(rng)
    x_torch = torch.from_numpy(x)

    def ours() -> np.ndarray:
        return engine.forward(x, nodes, keep={nodes[-1].name})[-1]

    def theirs() -> Any:
        return workload.torch_run(torch, x_torch, nodes)

    require_close(theirs().numpy(), ours(), f"({workload.name}) PyTorch", **FLOAT32_TOLERANCE)
    ours_seconds, theirs_seconds = alternating_medians([ours, theirs], budget)
    return ours_seconds, theirs_seconds


def report(results: dict[str, tuple[float, float]]) -> list[str]:
    lines = ["| workload | ours f32 | torch f32 | ours/torch | ≤ 3× |", "|---|--:|--:|--:|:-:|"]
    for workload in WORKLOADS:
        ours, theirs = results[workload.name]
        ratio = ours / theirs
        lines.append(f"| ({workload.name}) {workload.label} | {ms(ours)} | {ms(theirs)} | {factor(ratio)} | "
                     f"{'yes' if ratio <= LIMIT else 'no'} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats: a rough table in less time")
    args = parser.parse_args(argv)
    torch = load_torch()
    if torch is None:
        print("PyTorch is not installed: there is nothing to compare (g)-(j) with.")
        return 0
    rng = np.random.default_rng(SEED)
    try:
        results = {w.name: measure(w, QUICK if args.quick else FULL, torch, rng) for w in WORKLOADS}
    except BenchError as error:
        print(f"bench failed: {error}", file=sys.stderr)
        return 1
    print("**The layers of real networks** · float32, medians in ms, ours = the engine's forward pass\n")
    print("\n".join(report(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
