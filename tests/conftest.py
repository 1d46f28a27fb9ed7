"""Test-wide settings: Hypothesis profiles (HYPOTHESIS_PROFILE; ci on CI, dev otherwise), API clients, and
a model store of the run's own (imported models never land in the user's cache)."""

import os
import tempfile

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from app.main import create_app
from app.settings import Settings

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=400, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
os.environ["CONVSCOPE_MODEL_STORE"] = tempfile.mkdtemp(prefix="convscope-store-")


@pytest.fixture
def client():
    with TestClient(create_app(Settings())) as test_client:
        yield test_client


@pytest.fixture
def client_with():
    """A client whose app has the given limits, e.g. client_with(max_trace_steps=3)."""
    clients = []

    def build(**limits):
        test_client = TestClient(create_app(Settings(**limits)))
        clients.append(test_client)
        return test_client

    yield build
    for test_client in clients:
        test_client.close()
