"""One app per test module: building an app (its lifespan loads the shipped model) costs more than
most of these tests, and no test here changes the app except through dependency overrides it undoes."""

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Settings())) as test_client:
        yield test_client
