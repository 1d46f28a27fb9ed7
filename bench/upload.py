"""How long small requests wait while a large ONNX file uploads, and while it runs (issue 17: at most 200 ms).

    python bench/upload.py MODEL.onnx     # e.g. torchvision's ResNet-50 (97 MiB), exported as bench/models.py does

One uvicorn worker serves the app with a model store of its own. A client posts a 3×3 convolution
every 20 ms while another uploads the file, then while it runs one forward pass of that model on
random JSON input; the report gives the small requests' median and longest wait in each stretch.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import numpy as np

PORT = 8799
SMALL = {"input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": [[1, 0], [0, 1]]}
LIMIT_MS = 200.0


def _probe(base: str, stop: threading.Event, waits: list[float]) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        while not stop.is_set():
            start = time.perf_counter()
            client.post("/api/convolve", json=SMALL)
            waits.append(time.perf_counter() - start)
            time.sleep(0.02)


def during(base: str, action: Callable[[], httpx.Response]) -> tuple[httpx.Response, float, list[float]]:
    """(the action's response, its seconds, the small requests' seconds while it ran)"""
    stop, waits = threading.Event(), []
    probe = threading.Thread(target=_probe, args=(base, stop, waits))
    probe.start()
    time.sleep(0.3)
    start = time.perf_counter()
    response = action()
    took = time.perf_counter() - start
    time.sleep(0.3)
    stop.set()
    probe.join()
    return response, took, waits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", type=Path, help="an ONNX file")
    args = parser.parse_args(argv)
    data = args.model.read_bytes()
    root = Path(__file__).resolve().parent.parent
    base = f"http://127.0.0.1:{PORT}"
    with tempfile.TemporaryDirectory() as store:
        server = subprocess.Popen([sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(PORT),
                                   "--log-level", "warning"], cwd=root,
                                  env={**os.environ, "CONVSCOPE_MODEL_STORE": store})
        try:
            for _ in range(100):
                try:
                    httpx.get(f"{base}/healthz")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            upload, upload_s, upload_waits = during(base, lambda: httpx.post(
                f"{base}/api/models", content=data, headers={"content-type": "application/octet-stream"}, timeout=300))
            if upload.status_code != 201:
                print(f"the upload was answered {upload.status_code}: {upload.text[:200]}", file=sys.stderr)
                return 1
            model = upload.json()
            x = np.random.default_rng(0).standard_normal(model["input_shape"]).round(3).tolist()
            _, run_s, run_waits = during(base, lambda: httpx.post(
                f"{base}/api/models/{model['name']}/forward", json={"input": x}, timeout=300))
        finally:
            server.terminate()
            server.wait()
    print(f"**Small requests beside a large model** · {args.model.name}, {len(data) / 2**20:.1f} MiB, one worker\n")
    print("| while | it took | small requests | median wait | longest wait | ≤ 200 ms |\n|---|--:|--:|--:|--:|:-:|")
    for label, took, waits in (("the upload", upload_s, upload_waits), ("one forward pass", run_s, run_waits)):
        longest = max(waits) * 1e3
        print(f"| {label} | {took:.2f} s | {len(waits)} | {statistics.median(waits) * 1e3:.1f} ms | {longest:.0f} ms | "
              f"{'yes' if longest <= LIMIT_MS else 'no'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
