"""The `convscope` command and `python -m app`."""

import subprocess
import sys

import pytest

from app import cli


def test_serve_passes_host_and_port_to_uvicorn(monkeypatch):
    calls = []
    monkeypatch.setattr(cli.uvicorn, "run", lambda *args, **kwargs: calls.append((args, kwargs)))
    cli.main(["serve", "--host", "0.0.0.0", "--port", "9123"])
    assert calls == [(("app.main:app",), {"host": "0.0.0.0", "port": 9123, "workers": 1})]


def test_a_command_is_required():
    with pytest.raises(SystemExit):
        cli.main([])


def test_python_dash_m_app_offers_the_same_command():
    result = subprocess.run([sys.executable, "-m", "app", "serve", "--help"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and "--port" in result.stdout and "--host" in result.stdout
