"""The built-in lecture: the seed post's order, one view per idea, each view a URL of the app's own pages.

A lecture is a list of views, each a title and a URL of this app (a path and its query). /lecture
shows one view at a time in a frame, with a title and progress bar; a lecturer's own lecture is the
same list, kept in a link or a JSON file (static/js/pages/lecture/definition.js checks those).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

import numpy as np

from ..api.schemas.convolve import SEED_EXAMPLE
from ..engine import conv2d, relu

# The network view's sample: a "1" that the network calls a one (78 %) but also a seven (18 %), so
# softmax has a runner-up to show.
NETWORK_SAMPLE = 4
NETWORK_CONV1_MAP = "1,0"  # conv1 (layer 1), map 0: one 3×3 kernel at every one of 28×28 positions
STRIDE_SIDE = 5  # a 5×5 input with stride 2: the 2×2 kernel never reaches the last row and column
# The ReLU view's bias: the worked example minus 20 gives −7, −3, 5, 9, so ReLU zeroes two cells (on
# 13, 17, 25, 29 it would change nothing). Pooling then takes ReLU's output (0, 0, 5, 9): one
# example runs through conv → ReLU → pool.
RELU_BIAS = -20.0


def _matrix(rows) -> str:
    """[[1, 2], [3, 4]] -> "1,2;3,4", as the pages write matrices in their URLs."""
    return ";".join(",".join(f"{value:g}" for value in row) for row in np.asarray(rows, dtype=float))


SEED_INPUT = _matrix(SEED_EXAMPLE["input"])
SEED_KERNEL = _matrix(SEED_EXAMPLE["kernel"])
# The worked example's output with the bias (−7, −3, 5, 9), computed by the engine, as "Continue
# with this output" on /convolution carries it to /activation; then ReLU's output, pooling's input.
_BIASED = conv2d(np.asarray(SEED_EXAMPLE["input"], float)[None, None],
                 np.asarray(SEED_EXAMPLE["kernel"], float)[None, None], np.asarray([RELU_BIAS]))[0, 0]
SEED_OUTPUT_BIASED = _matrix(_BIASED)
SEED_RELU_OUTPUT = _matrix(relu(_BIASED))
STRIDE_INPUT = _matrix(np.arange(1, STRIDE_SIDE**2 + 1).reshape(STRIDE_SIDE, STRIDE_SIDE))


@dataclass(frozen=True)
class View:
    key: str  # its title is view.<key> in app/web/strings/lecture.json
    path: str
    query: Mapping[str, str]

    @property
    def url(self) -> str:
        # Commas and semicolons stay readable: the pages read matrices written with them.
        return self.path + ("?" + urlencode(self.query, safe=",;") if self.query else "")


SEED = {"in": SEED_INPUT, "k": SEED_KERNEL}
BUILT_IN = (
    View("signal", "/signal", {}),
    View("xcorr", "/convolution", SEED),
    View("conv", "/convolution", {**SEED, "m": "conv"}),
    View("relu", "/activation", {"f": "relu", "map": SEED_OUTPUT_BIASED}),
    View("max", "/pooling", {"in": SEED_RELU_OUTPUT, "kind": "max", "size": "2,2"}),
    View("avg", "/pooling", {"in": SEED_RELU_OUTPUT, "kind": "avg", "size": "2,2"}),
    View("padding", "/convolution", {**SEED, "p": "same", "cov": "1"}),
    View("stride", "/convolution", {"in": STRIDE_INPUT, "k": SEED_KERNEL, "s": "2,2", "cov": "1"}),
    View("network", "/network", {"sample": str(NETWORK_SAMPLE)}),
    View("sharing", "/network", {"sample": str(NETWORK_SAMPLE), "map": NETWORK_CONV1_MAP}),
)


def lecture_data(text: Mapping[str, str], explorers: tuple[str, ...]) -> dict:
    """What /lecture's script needs, in the page's language: the built-in lecture, and the pages a
    lecture may show, in the menu's order (a name is the title of a view that has none)."""
    return {
        "lecture": {
            "title": text["page.builtin"],
            "views": [{"title": text[f"page.view.{view.key}"], "url": view.url} for view in BUILT_IN],
        },
        "pages": [{"path": f"/{name}", "name": text[f"nav.{name}"]} for name in explorers],
    }
