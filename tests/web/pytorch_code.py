"""Running a page's Copy as PyTorch code: in PyTorch itself, or against a stand-in for it.

The stand-in is torch, torch.nn and torch.nn.functional with PyTorch's argument conventions,
computed by the engine (which the golden cases tie to PyTorch): enough to run the code in CI,
where PyTorch is not installed.
"""

import sys
import types

import numpy as np

from app import engine
from app.engine.padding import pad2d


def _avg_pool2d(x, kernel_size, stride, padding, count_include_pad=True):
    assert count_include_pad  # the engine's average counts zero padding, as PyTorch's does by default
    return engine.pool2d(x, "avg", kernel_size, stride, padding).output


FUNCTIONAL = {
    # F.pad's widths run from the last axis outwards: (left, right, top, bottom)
    "pad": lambda x, widths, mode: pad2d(x, (widths[2], widths[3], widths[0], widths[1]), mode),
    "conv2d": lambda x, w, b, stride=1, dilation=1, padding=0, groups=1: engine.conv2d(
        x, w, b, stride=stride, dilation=dilation, padding=padding, groups=groups),
    "max_pool2d": lambda x, kernel_size, stride, padding: engine.pool2d(
        x, "max", kernel_size, stride, padding, winners=False).output,
    "avg_pool2d": _avg_pool2d,
}


def install_stand_in(monkeypatch) -> None:
    """Make `import torch` and `import torch.nn.functional as F` find the stand-in."""
    torch, nn, functional = (types.ModuleType(name) for name in ("torch", "torch.nn", "torch.nn.functional"))
    torch.nn, nn.functional = nn, functional
    torch.tensor = lambda data: np.array(data, dtype=np.float64)
    torch.flip = lambda x, dims: np.flip(x, axis=dims)
    for name, function in FUNCTIONAL.items():
        setattr(functional, name, function)
    for name, module in (("torch", torch), ("torch.nn", nn), ("torch.nn.functional", functional)):
        monkeypatch.setitem(sys.modules, name, module)


def result_of(code: str):
    """Run the code as a user would paste it (its print silenced) -> its `y`."""
    namespace = {"print": lambda *args: None}
    exec(code, namespace)
    return namespace["y"]
