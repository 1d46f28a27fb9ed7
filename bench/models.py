"""Imported models against onnxruntime: ResNet-18, MobileNetV2 and SqueezeNet 1.1, 1×3×224×224 float32.

    python bench/models.py                 # exports the three with torchvision (random weights)
    python bench/models.py --models DIR    # or reads DIR/resnet18.onnx, DIR/mobilenet_v2.onnx, ...

Each file goes through the importer (app.interchange.onnx_import) and the engine's forward pass,
the path POST /api/models/{name}/forward takes, and through onnxruntime with one thread per core;
the outputs are compared before anything is timed. Without the files (or torchvision to make them)
or onnxruntime there is nothing to compare, and the script says so.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, when run as a script

from harness import FULL, QUICK, BenchError, alternating_medians, note, require_close  # noqa: E402
from kernels import CORES  # noqa: E402
from report import factor, ms  # noqa: E402

from app import engine  # noqa: E402
from app.interchange.onnx_import import read_model  # noqa: E402

MODELS = {"resnet18": "ResNet-18", "mobilenet_v2": "MobileNetV2", "squeezenet1_1": "SqueezeNet 1.1"}
SHAPE = (1, 3, 224, 224)
LIMIT = 3.0  # at most 3× onnxruntime's time (issue 17)
# Whole passes of 5-100 ms on a shared 2-core machine run up to 1.5× slower in some minutes than in
# others: a few seconds of each, in eight stretches, so that slow spells fall on both sides alike.
MODEL_BUDGET = replace(FULL, target_seconds=4.0, max_seconds=8.0)
ROUNDS = 8
TOLERANCE = {"rtol": 1e-4, "atol": 1e-4}


def export(directory: Path) -> bool:
    """Write the three files with torchvision; False when it is not installed."""
    try:
        import torch
        from torchvision import models
    except ImportError:
        return False
    for name in MODELS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(getattr(models, name)().eval(), torch.randn(SHAPE), directory / f"{name}.onnx",
                              opset_version=17, dynamo=False, input_names=["x"])
    return True


def measure(path: Path, budget, onnxruntime) -> tuple[float, float]:
    """(ours, onnxruntime's) median seconds for one forward pass."""
    note(f"{path.stem}: {path.stat().st_size / 1e6:.1f} MB")
    data = path.read_bytes()
    model = read_model(data, max_bytes=1 << 30)
    x = np.random.default_rng(0).standard_normal(SHAPE).astype(np.float32)
    final = model.outputs[0]
    position = [node.name for node in model.nodes].index(final)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = CORES
    session = onnxruntime.InferenceSession(data, options, providers=["CPUExecutionProvider"])

    def ours() -> np.ndarray:
        return engine.forward(x, model.nodes, keep={final})[position]

    def theirs() -> np.ndarray:
        return session.run(None, {model.input_name: x})[0]

    expected = theirs()
    require_close(ours(), expected, f"{path.stem}: the engine against onnxruntime",
                  rtol=TOLERANCE["rtol"], atol=TOLERANCE["atol"] * float(np.abs(expected).max()))
    ours_seconds, theirs_seconds = alternating_medians([ours, theirs], budget, rounds=ROUNDS)
    return ours_seconds, theirs_seconds


def report(results: dict[str, tuple[float, float]]) -> list[str]:
    lines = ["| model | ours | onnxruntime | ours/onnxruntime | ≤ 3× |", "|---|--:|--:|--:|:-:|"]
    for name, label in MODELS.items():
        ours, theirs = results[name]
        ratio = ours / theirs
        lines.append(f"| {label} | {ms(ours)} | {ms(theirs)} | {factor(ratio)} | {'yes' if ratio <= LIMIT else 'no'} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", type=Path, help="a directory holding resnet18.onnx, mobilenet_v2.onnx and "
                                                   "squeezenet1_1.onnx (default: exported with torchvision)")
    parser.add_argument("--quick", action="store_true", help="fewer repeats: a rough table in less time")
    args = parser.parse_args(argv)
    try:
        import onnxruntime
    except ImportError:
        print("onnxruntime is not installed: there is nothing to compare the imported models with.")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.models or Path(scratch)
        if args.models is None and not export(directory):
            print("torchvision is not installed: give --models DIR with the three ONNX files to time them.")
            return 0
        missing = [name for name in MODELS if not (directory / f"{name}.onnx").exists()]
        if missing:
            print(f"{directory} lacks {', '.join(f'{name}.onnx' for name in missing)}.", file=sys.stderr)
            return 1
        try:
            results = {name: measure(directory / f"{name}.onnx", QUICK if args.quick else MODEL_BUDGET, onnxruntime)
                       for name in MODELS}
        except BenchError as error:
            print(f"bench failed: {error}", file=sys.stderr)
            return 1
    print(f"**Imported models** · 1×3×224×224 float32, medians in ms, onnxruntime with {CORES} threads\n")
    print("\n".join(report(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
