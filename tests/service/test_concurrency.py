"""Heavy requests take turns: pages and small requests stay quick, memory stays bounded."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import numpy as np
import orjson
import pytest

from .server_health import MEMORY_BOUND, peak_memory_bytes

HERE = Path(__file__).resolve().parent
SMALL = orjson.dumps({"input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": [[1, 1], [0, 2]]})
JSON = {"content-type": "application/json"}
# The most a heavy request may add to a page's or a small request's latency, as a share of the heavy
# request's own time, both measured in the same test: a slower or busier machine stretches the two
# alike. A heavy request that held the event loop would add nearly all of its time.
DELAY_SHARE = 0.5


@pytest.fixture(scope="module")
def heavy_body(tmp_path_factory) -> Path:
    """The issue's workload (f): a 3×512×512 input, 8 filters 7×7, stride 2, dilation 2 (15 MB of JSON)."""
    rng = np.random.default_rng(0)
    body = orjson.dumps({"input": rng.standard_normal((3, 512, 512)), "kernel": rng.standard_normal((8, 3, 7, 7)),
                         "stride": 2, "dilation": 2}, option=orjson.OPT_SERIALIZE_NUMPY)
    path = tmp_path_factory.mktemp("bodies") / "heavy.json"
    path.write_bytes(body)
    return path


def send_heavy(base: str, body: Path, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(HERE / "send_heavy.py"), f"{base}/api/convolve", str(body),
                             str(count)], stdout=subprocess.PIPE, text=True)


def latency_ms(client: httpx.Client, method: str, url: str, **kwargs) -> float:
    start = time.perf_counter()
    response = client.request(method, url, **kwargs)
    assert response.status_code == 200
    return (time.perf_counter() - start) * 1e3


@pytest.fixture(scope="module")
def blown_up_body(tmp_path_factory) -> Path:
    """A 60-byte body whose answer is 4 million numbers: one value padded by 1,000 on every side."""
    path = tmp_path_factory.mktemp("bodies") / "blown_up.json"
    path.write_bytes(b'{"input": [[1.0]], "kernel": [[1.0]], "padding": 1000}')
    return path


@pytest.mark.parametrize("body", ["heavy_body", "blown_up_body"])
def test_a_heavy_request_does_not_hold_up_pages_or_small_requests(server_process, body, request):
    base, _ = server_process
    heavy_body = request.getfixturevalue(body)
    probes = {"page": ("GET", f"{base}/convolution", {}),
              "small": ("POST", f"{base}/api/convolve", {"content": SMALL, "headers": JSON})}
    with httpx.Client(timeout=30) as client:
        idle = {name: statistics.median(latency_ms(client, *probe[:2], **probe[2]) for _ in range(15))
                for name, probe in probes.items()}
        sender = send_heavy(base, heavy_body, 1)
        busy: dict[str, list[float]] = {name: [] for name in probes}
        while sender.poll() is None:
            for name, probe in probes.items():
                busy[name].append(latency_ms(client, *probe[:2], **probe[2]))
            time.sleep(0.01)
    (heavy,) = json.loads(sender.communicate(timeout=60)[0])
    assert heavy["status"] == 200
    assert min(len(samples) for samples in busy.values()) >= 3  # probes really ran beside it
    heavy_ms = heavy["seconds"] * 1e3
    for name in probes:
        delay = max(busy[name]) - idle[name]
        assert delay <= DELAY_SHARE * heavy_ms, (f"{name}: {max(busy[name]):.0f} ms under load, {idle[name]:.1f} ms "
                                                 f"idle, beside a heavy request of {heavy_ms:.0f} ms")


@pytest.mark.parametrize("body", ["heavy_body", "blown_up_body"])
def test_sixteen_heavy_requests_at_once_all_answer_and_memory_stays_bounded(server_process, body, request):
    base, process = server_process
    sender = send_heavy(base, request.getfixturevalue(body), 16)
    results = json.loads(sender.communicate(timeout=300)[0])
    assert [result["status"] for result in results] == [200] * 16
    # One at a time, each holds its 15 MB body, ~100 MB of parsed lists and its arrays, or a 4
    # million-number output and its 16 MB answer; sixteen at once would hold sixteen times that.
    assert peak_memory_bytes(process.pid) < MEMORY_BOUND
    assert httpx.get(f"{base}/healthz").status_code == 200


MALFORMED = [b"{", b"[" * 5000, b'{"input": [[true, 1]], "kernel": [[1]]}', b'{"input": [[NaN]], "kernel": [[1]]}',
             b'{"input": [[1, 2], [3]], "kernel": [[1]]}', b'{"input": [[1]], "kernel": [[1]], "stride": 0}',
             b'\xff\xfe', b"", b'{"input": [[1e308, 1e308]], "kernel": [[1e308, 1e308]]}']


def test_sixteen_clients_mixing_good_and_bad_requests_get_no_server_error(server_process):
    base, _ = server_process

    def client_session(seed: int) -> list[int]:
        rng = np.random.default_rng(seed)
        statuses = []
        with httpx.Client(timeout=60) as client:
            for _ in range(25):
                pick = rng.integers(0, 4)
                if pick == 0:
                    response = client.post(f"{base}/api/convolve", content=SMALL, headers=JSON)
                elif pick == 1:
                    bad = MALFORMED[rng.integers(0, len(MALFORMED))]
                    response = client.post(f"{base}/api/convolve", content=bad, headers=JSON)
                elif pick == 2:
                    response = client.post(f"{base}/api/pool", json={"input": rng.random((20, 20)).tolist(),
                                                                     "kind": "max", "size": 2, "trace": True})
                else:
                    response = client.get(f"{base}/pooling")
                statuses.append(response.status_code)
        return statuses

    with ThreadPoolExecutor(16) as pool:
        statuses = [status for session in pool.map(client_session, range(16)) for status in session]
    assert len(statuses) == 16 * 25
    assert all(status < 500 for status in statuses)
    assert {200, 422} <= set(statuses) and set(statuses) <= {200, 413, 422}


def test_a_stalled_large_upload_holds_no_turn(server_process, heavy_body):
    import socket
    from urllib.parse import urlsplit

    base, _ = server_process
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as stalled:
        # 8 MB announced, 1 MB sent, then nothing: the server is left waiting for the rest.
        stalled.sendall(b"POST /api/convolve HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                        b"Content-Length: 8388608\r\n\r\n" + b"[" * (1 << 20))
        time.sleep(0.2)
        sender = send_heavy(base, heavy_body, 1)
        (heavy,) = json.loads(sender.communicate(timeout=60)[0])
    assert heavy["status"] == 200 and heavy["seconds"] < 10
