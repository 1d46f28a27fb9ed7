"""bench/models.py: its table says which models meet 3×, and without torchvision it says what it needs."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import models  # noqa: E402


def test_the_table_marks_each_model_against_three_times():
    results = {"resnet18": (1.6, 1.0), "mobilenet_v2": (3.7, 1.0), "squeezenet1_1": (3.0, 1.0)}
    lines = models.report(results)
    assert [line.split("|")[1].strip() for line in lines[2:]] == ["ResNet-18", "MobileNetV2", "SqueezeNet 1.1"]
    assert [line.rsplit("|", 2)[1].strip() for line in lines[2:]] == ["yes", "no", "yes"]


def test_a_directory_without_the_files_is_named(tmp_path, capsys):
    status = models.main(["--models", str(tmp_path)])
    assert status in (0, 1)
    out = capsys.readouterr()
    assert "resnet18.onnx" in out.err or "onnxruntime is not installed" in out.out
