"""Imported ONNX models for the routes: upload, the store shared by all workers, a small per-worker
cache of parsed graphs, summaries, and a forward pass."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from math import prod
from pathlib import Path

import numpy as np
from fastapi import HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from .. import engine
from ..imaging import decode_fitted, decode_grey, mnist_like
from ..interchange.onnx_import import MAX_LABEL_CHARS, ImportedModel, ModelError, read_model
from ..interchange.store import ModelStore, default_directory
from ..settings import Settings
from .errors import ClientError
from .model_input import decoded

CACHED_GRAPHS = 4  # parsed models a worker keeps: parsing VGG-16's 553 MB takes seconds
TOP = 5  # classes in a forward pass's answer
PROBABILITY_SUM_TOLERANCE = 1e-3  # a float32 softmax's outputs sum to 1 within far less


@dataclass(frozen=True)
class Imported:
    name: str
    model: ImportedModel
    plans: list[engine.LayerPlan]

    def multiply_adds(self, last: int) -> int:
        """Of the pass up to layer `last` (an index), that layer included."""
        return sum(p.multiply_adds for p in self.plans[:last + 1])


def make_store(settings: Settings) -> ModelStore:
    directory = Path(settings.model_store) if settings.model_store else default_directory()
    return ModelStore(directory, max_models=settings.max_stored_models, max_bytes=settings.max_store_bytes)


def summary(name: str, model: ImportedModel, plans: list[engine.LayerPlan], title: str | None = None) -> dict:
    """What GET /api/models/{name} answers: the graph without its weights."""
    return {
        "name": name, "title": title, "input_shape": list(model.input_shape),
        "inputs": [{"name": model.input_name, "shape": [1, *model.input_shape]}],
        "outputs": list(model.outputs),
        "labels": list(model.labels) if model.labels and len(model.labels) == classes(model, plans) else None,
        "parameters": sum(p.parameters for p in plans), "multiply_adds": sum(p.multiply_adds for p in plans),
        "layers": [{"name": p.name, "type": p.type, "inputs": list(p.inputs), "shape": list(p.shape),
                    "parameters": p.parameters, "multiply_adds": p.multiply_adds} for p in plans],
    }


def classes(model: ImportedModel, plans: list[engine.LayerPlan]) -> int:
    """How many numbers the first output has: the class count, for a classifier."""
    return prod(next(p.shape for p in plans if p.name == model.outputs[0]))


def labelled(summary: dict, text: str) -> dict:
    """The summary with its classes named: one label a line, as many as its first output has numbers."""
    labels = [line.strip() for line in text.strip().splitlines()]
    count = prod(next(layer["shape"] for layer in summary["layers"] if layer["name"] == summary["outputs"][0]))
    if len(labels) != count or not all(labels):
        raise ClientError(("body",), f"give one label a line, {count:,} of them (the model's first output has "
                                     f"{count:,} numbers); got {len(labels):,} lines"
                                     + (", some empty" if not all(labels) else ""))
    long = next((k for k, label in enumerate(labels) if len(label) > MAX_LABEL_CHARS), None)
    if long is not None:
        raise ClientError(("body",), f"line {long + 1:,} is {len(labels[long]):,} characters long; a class's name "
                                     f"may have at most {MAX_LABEL_CHARS}")
    return {**summary, "labels": labels}


def set_labels(request: Request, name: str, text: str) -> dict:
    store: ModelStore = request.app.state.store
    summary = store.summary(name)
    if summary is None:
        raise not_found(request, name)
    summary = labelled(summary, text)
    store.update(name, summary)
    return summary


def keep_file(data: bytes, settings: Settings, labels: str | None = None, title: str | None = None) -> dict:
    """Check, summarise and store an ONNX file outside a request (`convscope serve --model`)."""
    store = make_store(settings)
    name = store.name_of(data)
    model, plans = _parse(data, settings)
    described = summary(name, model, plans, title)
    if labels is not None:
        described = labelled(described, labels)
    if not store.put(data, described):
        store.update(name, described)
    return described


def _parse(data: bytes, settings: Settings) -> tuple[ImportedModel, list[engine.LayerPlan]]:
    try:
        model = read_model(data, max_bytes=settings.max_model_bytes)
        return model, engine.plan(model.input_shape, model.nodes)
    except (ModelError, engine.LayerError) as error:
        raise ClientError(("body",), str(error)) from None


async def upload(request: Request, settings: Settings, title: str | None) -> tuple[dict, bool]:
    """Check, summarise and keep the body's ONNX file, under `title` in the model picker.
    -> (its summary, whether it is new)"""
    data = await request.body()
    if not data:
        raise ClientError(("body",), "the body is empty: send the bytes of an ONNX file")
    settings.model_bytes.check(len(data), "the size of the ONNX file, in bytes,")
    store: ModelStore = request.app.state.store
    name = store.name_of(data)
    known = store.summary(name)
    if known is not None:
        store.touch(name)
        if title and known.get("title") != title:  # the same bytes under a new file name
            known = {**known, "title": title}
            store.update(name, known)
        return known, False
    model, plans = await run_in_threadpool(_parse, data, settings)
    _remember(request, Imported(name, model, plans))
    described = summary(name, model, plans, title)
    await run_in_threadpool(store.put, data, described)
    return described, True


def _remember(request: Request, imported: Imported) -> None:
    cache: OrderedDict = request.app.state.imported
    cache[imported.name] = imported
    cache.move_to_end(imported.name)
    while len(cache) > CACHED_GRAPHS:
        cache.popitem(last=False)


async def find(request: Request, name: str, settings: Settings) -> Imported | None:
    """A stored model, parsed (from this worker's cache when it can), or None."""
    cache: OrderedDict = request.app.state.imported
    store: ModelStore = request.app.state.store
    if name in cache and store.has(name):
        cache.move_to_end(name)
        return cache[name]
    data = await run_in_threadpool(store.read, name)
    if data is None:
        return None
    model, plans = await run_in_threadpool(_parse, data, settings)
    imported = Imported(name, model, plans)
    _remember(request, imported)
    return imported


def not_found(request: Request, name: str) -> HTTPException:
    shipped = ", ".join(request.app.state.models) or "none"
    return HTTPException(404, f'there is no model named "{name}" (shipped: {shipped}; an imported model is named '
                              f"by the SHA-256 of its file, as POST /api/models answers)")


def as_batch(imported: Imported, x: np.ndarray) -> np.ndarray:
    """C×H×W or 1×C×H×W, the model's input shape -> a batch of one."""
    shape = tuple(imported.model.input_shape)
    if x.shape == shape:
        return x[None]
    if x.shape == (1, *shape):
        return x
    raise ClientError(("body", "input"), f"the model takes shape {list(shape)} (or [1, {', '.join(map(str, shape))}]), "
                                         f"got {list(x.shape)}")


def top_classes(scores: np.ndarray, labels: list[str] | None = None) -> list[dict] | None:
    """The five highest of a vector of class scores (K, or K×1×1), with their probabilities and their
    labels if known, else None."""
    flat = scores.reshape(-1) if scores.size == max(scores.shape, default=0) else None
    if flat is None or flat.size < 2:
        return None
    order = np.argsort(-flat, kind="stable")[:TOP]
    named = labels is not None and len(labels) == flat.size
    chances = probabilities(flat)
    return [{"index": int(k), "score": float(flat[k]), "probability": float(chances[k]),
             **({"label": labels[k]} if named else {})} for k in order]


def probabilities(scores: np.ndarray) -> np.ndarray:
    """(K,) -> (K,): the scores themselves where they already are probabilities (a softmax ends the model:
    none negative, summing to 1), else their softmax (raw scores, or log-probabilities, which it maps
    back to the probabilities)."""
    flat = scores.astype(np.float64)
    if flat.min() >= 0 and abs(flat.sum() - 1) <= PROBABILITY_SUM_TOLERANCE:
        return flat
    exp = np.exp(flat - flat.max())  # the largest subtracted first: exp cannot overflow
    return exp / exp.sum()


def check_work(settings: Settings, imported: Imported, answered: set[str], multiply_adds: int) -> int:
    """The pass's multiply-adds and the answer's size, within their limits. -> answered values"""
    settings.model_multiply_adds.check(multiply_adds, "the multiply-adds of this model's forward pass")
    values = sum(prod(p.shape) for p in imported.plans if p.name in answered)
    settings.output_elements.check(values, "the number of values in the layers answered")
    return values


def traced_layer(found: Imported, name: str, cell: list[int]) -> int:
    """The index of the layer named `name`, whose arithmetic at output `cell` the trace can show."""
    names = [node.name for node in found.model.nodes]
    if name not in names:
        raise ClientError(("body", "layer"), f'there is no layer named "{name}"')
    index = names.index(name)
    layer = found.model.nodes[index].layer
    if layer.type != "conv2d" and type(layer) not in engine.CELLS:
        raise ClientError(("body", "layer"), f'layer "{name}" is a {layer.type}: the trace reads convolution, batch '
                                             f"norm, element-wise arithmetic, concatenation, pooling, dense and "
                                             f"activation layers")
    shape = found.plans[index].shape
    if len(cell) != len(shape) or any(at >= size for at, size in zip(cell, shape, strict=True)):
        raise ClientError(("body", "cell"), f"cell {cell} is outside the layer's output of shape {list(shape)}")
    return index


IMAGENET = ((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))  # torchvision's mean and std, RGB


def normalization(found: Imported, asked: str | None) -> dict:
    """How an image's [0, 1] values are normalised for the model: asked "imagenet" or "none", else the
    model's own (its metadata), else ImageNet's for three channels and none for one."""
    channels = found.model.input_shape[0]
    own = found.model.normalization
    if asked is None:
        asked = "model" if own else ("imagenet" if channels == 3 else "none")
    if asked == "imagenet" and channels != 3:
        raise ClientError(("query", "normalize"), f"ImageNet's normalisation is for three channels; the model "
                                                  f"takes {channels}")
    mean, std = {"model": own, "imagenet": IMAGENET, "none": ((0.0,) * channels, (1.0,) * channels)}[asked]
    return {"source": asked, "mean": list(mean), "std": list(std)}


async def image_input(found: Imported, body: bytes, settings: Settings, asked: str | None) -> tuple[np.ndarray, dict]:
    """An image body as the model's input: fitted to its size, normalised. -> ((1, C, H, W), how)"""
    shape = found.model.input_shape
    if len(shape) != 3 or shape[0] not in (1, 3):
        raise ClientError(("body",), f"an image is input for a model of 1 or 3 channels of H×W; this one takes "
                                     f"{list(shape)}: send JSON", status=415)
    if asked == "digit":  # as the shipped digit network prepares its input: light ink on dark, centred
        if tuple(shape) != (1, 28, 28):
            raise ClientError(("query", "normalize"), f"digit preparation is for a model of input 1×28×28; this one "
                                                      f"takes {list(shape)}")
        digit = mnist_like(await decoded(body, settings, decode_grey))
        return digit.astype(np.float32)[None, None], {"source": "digit", "mean": [0.0], "std": [1.0]}
    how = normalization(found, asked)
    x = await decoded(body, settings, decode_fitted, *shape)
    mean, std = (np.asarray(how[key], np.float32).reshape(-1, 1, 1) for key in ("mean", "std"))
    return ((x - mean) / std)[None], how
