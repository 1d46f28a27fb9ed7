"""Over a raw socket, as a hostile client would send it: oversized bodies and unnormalised paths."""

from __future__ import annotations

import socket
import time
from urllib.parse import urlsplit

import pytest

MB = 1024 * 1024


def connect(base: str) -> socket.socket:
    address = urlsplit(base)
    return socket.create_connection((address.hostname, address.port), timeout=10)


def read_answer(sock: socket.socket) -> tuple[int, bytes]:
    """(status, everything the server sent) until it closes (a 413 closes the connection)."""
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return int(data.split(b" ", 2)[1]), data


def test_a_declared_150_mb_body_is_refused_at_once_without_being_sent(server_process):
    base, _ = server_process
    with connect(base) as sock:
        start = time.perf_counter()
        sock.sendall(b"POST /api/convolve HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                     b"Content-Length: " + str(150 * MB).encode() + b"\r\n\r\n")
        status, answer = read_answer(sock)  # not one byte of the body has been sent
        elapsed = time.perf_counter() - start
    assert status == 413 and b"max_body_bytes" in answer
    assert elapsed < 1.0


def test_a_streamed_150_mb_body_is_cut_off_near_the_limit(server_process):
    base, _ = server_process
    sent = 0
    with connect(base) as sock:
        sock.sendall(b"POST /api/convolve HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"%x\r\n" % MB + b"[" * MB + b"\r\n"
        try:
            while sent < 150 * MB:
                sock.sendall(chunk)
                sent += MB
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading and closed: what we want
        status, _ = read_answer(sock)
    assert status == 413
    assert sent < 40 * MB  # the server read about its 16 MB limit (plus socket buffers), not 150


@pytest.mark.parametrize("raw_path", [
    b"/static/../app/settings.py", b"/static/../../etc/passwd", b"/static/..%2f..%2fapp/settings.py",
    b"/static/%2e%2e/%2e%2e/etc/passwd", b"/static/js/../../../app/main.py", b"/static/..\\..\\app\\settings.py",
    b"/static/0123456789ab/../../app/settings.py", b"/static/%252e%252e/app/settings.py",
])
def test_no_raw_path_leaves_the_static_folder(server_process, raw_path):
    base, _ = server_process
    with connect(base) as sock:
        sock.sendall(b"GET " + raw_path + b" HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        status, answer = read_answer(sock)
    assert status in (400, 404)
    assert b"ENV_PREFIX" not in answer and b"root:" not in answer and b"create_app" not in answer
