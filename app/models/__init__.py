"""The shipped digit model, written by `python -m app.training --out app/models`: weights, model card
and held-out samples."""

from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent
WEIGHTS = MODELS_DIR / "mnist_cnn.npz"
CARD = MODELS_DIR / "mnist_cnn.json"
SAMPLES = MODELS_DIR / "samples.json"
