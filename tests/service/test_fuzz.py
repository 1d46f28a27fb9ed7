"""Schemathesis against the served /openapi.json: generated requests, valid and not, never get a 5xx.

Each operation of the schema is fuzzed with Schemathesis's Hypothesis strategies, in both of its
modes: requests that fit the schema and requests that break it on purpose.
"""

from __future__ import annotations

import json

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

EXAMPLES = 30  # per operation and mode


@pytest.fixture(scope="module")
def operations(server_process):
    base, _ = server_process
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    found = [result.ok() for result in schema.get_all_operations()]
    assert len(found) >= 8
    return base, found


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
def test_no_generated_request_gets_a_server_error(operations, mode):
    base, found = operations
    statuses: dict[str, set[int]] = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for operation in found:
            try:
                fuzz(client, base, operation, mode, statuses.setdefault(operation.label, set()))
            except Unsatisfiable:  # nothing to get wrong: no body and no parameters, or a body of any bytes
                assert mode is GenerationMode.NEGATIVE
                assert operation.method.upper() == "GET" or operation.label == "POST /api/models"
                del statuses[operation.label]  # nothing was sent
    posts = [codes for label, codes in statuses.items() if label.startswith("POST")]
    assert posts and all(posts)
    if mode is GenerationMode.NEGATIVE:  # broken requests were really sent, and refused
        assert all(any(400 <= code < 500 for code in codes) for codes in posts)
    assert httpx.get(f"{base}/healthz").status_code == 200


def fuzz(client: httpx.Client, base: str, operation, mode: GenerationMode, statuses: set[int]) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case):
        request = case.as_transport_kwargs(base_url=base)
        response = client.request(request["method"], request["url"], headers=request.get("headers"),
                                  params=request.get("params"), content=_content(request))
        statuses.add(response.status_code)
        assert response.status_code < 500, f"{operation.label}: {response.status_code} {response.text[:300]}"

    run()


def _content(request: dict) -> bytes | None:
    """The body as bytes, however the case carries it."""
    if "json" in request:  # Python's writer: it takes integers past 64 bits and writes NaN as NaN
        return json.dumps(request["json"]).encode()
    data = request.get("data") or request.get("content")
    return data.encode() if isinstance(data, str) else data
