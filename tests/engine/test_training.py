"""Training: optimiser, model files, augmentation, split, progress, a few real steps, and the shipped model."""

import io
import json

import numpy as np
import pytest

from app import models
from app.engine import Activation, Conv2d, Dense, Flatten, Pool2d, forward, plan
from app.engine.loss import cross_entropy
from app.engine.model import backward, load, parameters, save, with_parameters
from app.engine.model import forward as forward_with_caches
from app.engine.optim import adam_init, adam_step, cosine_lr
from app.training import main
from app.training.architecture import mnist_cnn
from app.training.augment import Augmentation, augment, shift, stroke
from app.training.card import fingerprint
from app.training.data import stratified_split
from app.training.loop import TrainConfig, accuracy, train
from app.training.progress import Progress

CARD = json.loads(models.CARD.read_text())
SAMPLES = json.loads(models.SAMPLES.read_text())


def sample_arrays():
    """The shipped held-out digits: images float32 (40, 1, 28, 28), labels (40,)."""
    images = np.array([s["input"] for s in SAMPLES], dtype=np.float32)[:, None]  # (S, 28, 28) -> (S, 1, 28, 28)
    return images, np.array([int(s["label"]) for s in SAMPLES])


def test_adams_first_step_moves_every_parameter_by_the_learning_rate_against_its_gradient():
    # After one step m̂ = g and v̂ = g², so the update is lr·g/(|g| + ε) ≈ lr·sign(g).
    params = {"w": np.array([1.0, 1.0, 1.0])}
    new, state = adam_step(params, {"w": np.array([0.5, -2.0, 1e-3])}, adam_init(params), lr=0.1)
    np.testing.assert_allclose(new["w"], [0.9, 1.1, 0.9], rtol=1e-5)
    assert state.step == 1 and params["w"].tolist() == [1.0, 1.0, 1.0]  # the input is left alone


def test_cosine_schedule_warms_up_peaks_and_ends_at_zero():
    assert [cosine_lr(s, 10, 1.0, warmup=2) for s in (0, 1)] == [0.5, 1.0]
    assert cosine_lr(2, 10, 1.0, warmup=2) == 1.0
    assert cosine_lr(6, 10, 1.0, warmup=2) == pytest.approx(0.5)
    assert cosine_lr(10, 10, 1.0, warmup=2) == pytest.approx(0.0)


def test_a_few_training_steps_on_the_shipped_digits_lower_the_loss():
    images, labels = sample_arrays()
    rng = np.random.default_rng(0)
    *body, _ = mnist_cnn(rng)
    params, state = parameters(body), adam_init(parameters(body))
    losses = []
    for _ in range(8):
        logits, caches = forward_with_caches(with_parameters(body, params), images)
        loss, dlogits = cross_entropy(logits, labels)
        _, grads = backward(with_parameters(body, params), caches, dlogits)
        params, state = adam_step(params, grads, state, lr=3e-3)
        losses.append(loss)
    assert losses[-1] < 0.5 * losses[0]


def test_train_runs_augmented_epochs_and_keeps_the_softmax_head():
    images, labels = sample_arrays()
    layers = mnist_cnn(np.random.default_rng(1))
    before = accuracy(layers, images, labels)
    trained = train(layers, images, labels, TrainConfig(epochs=6, batch_size=20, lr=5e-3),
                    np.random.default_rng(1), Progress(6, 2, io.StringIO()))
    assert trained[-1] == Activation("softmax") and accuracy(trained, images, labels) > before


def test_train_refuses_layers_without_a_softmax_head():
    with pytest.raises(ValueError, match="end in a softmax over the classes, not dense"):
        train(mnist_cnn(np.random.default_rng(0))[:-1], np.zeros((1, 1, 28, 28)), np.zeros(1, int),
              TrainConfig(epochs=1), np.random.default_rng(0))


def test_a_saved_model_loads_as_the_same_engine_layers(tmp_path):
    rng = np.random.default_rng(2)
    layers = [
        Conv2d(rng.standard_normal((2, 1, 3, 2)), None, stride=(1, 2), padding=(1, 0),
               dilation=1, padding_mode="circular", mode="convolution"),
        Activation("leaky_relu", alpha=0.2),
        Pool2d("avg", (2, 1), stride=None, padding=(1, 0)),
        Flatten(),
        Dense(rng.standard_normal((3, 16)), rng.standard_normal(3)),
        Activation("softmax"),
    ]
    save(tmp_path / "m.npz", layers)
    loaded = load(tmp_path / "m.npz")
    x = rng.standard_normal((2, 1, 6, 4))
    assert [type(layer) for layer in loaded] == [type(layer) for layer in layers]
    assert plan((1, 6, 4), loaded) == plan((1, 6, 4), layers)
    np.testing.assert_array_equal(forward(x, loaded)[-1], forward(x, layers)[-1])


def test_shift_moves_each_image_by_its_own_offset():
    # A single lit pixel at (2, 2) of a 5×5 image: shifted by (+1, −2) it lands on (3, 0); by (0, 0) it stays.
    images = np.zeros((2, 1, 5, 5))
    images[:, 0, 2, 2] = 1.0
    moved = shift(images, np.array([[1, -2], [0, 0]]), max_shift=2)
    assert [tuple(np.argwhere(m[0])[0]) for m in moved] == [(3, 0), (2, 2)]


def test_stroke_thickens_and_thins_by_a_pixel():
    # A 2×2 block: a 2×2 max filter grows it to 3×3; a 2×2 min filter shrinks it to one pixel.
    images = np.zeros((3, 1, 6, 6))
    images[:, 0, 2:4, 2:4] = 1.0
    out = stroke(images, np.array([1, -1, 0]))
    assert [int(o.sum()) for o in out] == [9, 1, 4]


def test_augment_is_seeded_keeps_shape_and_leaves_its_input_alone():
    images = np.random.default_rng(0).random((8, 1, 28, 28)).astype(np.float32)
    copy = images.copy()
    a, b = augment(images, np.random.default_rng(5)), augment(images, np.random.default_rng(5))
    assert a.shape == images.shape and a.dtype == np.float32
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(images, copy)
    np.testing.assert_array_equal(augment(images, np.random.default_rng(5), Augmentation(0, 0.0, 0.0)), images)


def test_the_split_holds_out_the_same_digits_per_class_every_time():
    labels = np.repeat(np.arange(10), 30)
    train_index, held_out = stratified_split(labels, per_class=5)
    assert np.bincount(labels[held_out]).tolist() == [5] * 10
    assert len(np.intersect1d(train_index, held_out)) == 0 and len(train_index) + len(held_out) == 300
    np.testing.assert_array_equal(held_out, stratified_split(labels, per_class=5)[1])


def test_progress_draws_a_bar_with_loss_and_accuracy():
    stream = io.StringIO()
    progress = Progress(epochs=3, steps=2, stream=stream)
    progress.update(0, 0.5, 3, 4)
    progress.update(0, 0.25, 4, 4)
    assert stream.getvalue().splitlines()[-1].endswith(
        f"epoch 1/3 [{'#' * 20}] loss 0.375 acc 87.5%")


def test_the_shipped_model_runs_in_the_engine_as_it_did_in_training():
    layers = load(models.WEIGHTS)
    images, _ = sample_arrays()
    logits, _ = forward_with_caches(layers[:-1], images)
    probabilities = forward(images, layers)[-1]
    np.testing.assert_allclose(probabilities, np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True), rtol=1e-5)
    assert fingerprint(layers) == CARD["parameters_sha256"]
    assert sum(p.parameters for p in plan(CARD["input_shape"], layers)) == CARD["parameters"]


def test_the_shipped_model_scores_on_its_samples_what_its_card_says():
    layers = load(models.WEIGHTS)
    images, labels = sample_arrays()
    predictions = forward(images, layers)[-1].argmax(axis=1)
    assert [str(p) for p in predictions] == [s["prediction"] for s in SAMPLES]
    assert CARD["samples"] == {"file": "samples.json", "count": len(SAMPLES),
                               "accuracy": float((predictions == labels).mean())}
    assert np.bincount(labels).tolist() == [4] * 10


def test_the_card_reports_at_least_97_percent_on_the_held_out_digits():
    assert CARD["heldout_accuracy"] >= 0.97
    assert CARD["heldout_accuracy"] == CARD["heldout_correct"] / CARD["split"]["heldout"]
    assert CARD["split"]["heldout"] == 2000 and CARD["split"]["heldout_per_class"] == 200


def test_the_cli_trains_on_a_subset_and_writes_model_card_and_samples(tmp_path, capsys):
    # Stand-in data in the fetched file's format, so this runs without the download:
    # 210 noisy digits per class (200 of each are held out, as in the real split).
    rng = np.random.default_rng(5)
    labels = np.repeat(np.arange(10, dtype=np.uint8), 210)
    images = rng.integers(0, 256, (labels.size, 28, 28), dtype=np.uint8)
    np.savez_compressed(tmp_path / "mnist.npz", images=images, labels=labels)
    main(["--epochs", "1", "--limit", "64", "--out", str(tmp_path), "--data", str(tmp_path / "mnist.npz")])
    card = json.loads((tmp_path / "mnist_cnn.json").read_text())
    assert card["split"]["train"] == 64 and card["epochs"] == 1
    assert fingerprint(load(tmp_path / "mnist_cnn.npz")) == card["parameters_sha256"]
    assert "held-out accuracy" in capsys.readouterr().out
