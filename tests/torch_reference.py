"""PyTorch as the reference, in one place for the live comparisons (tests/engine/test_torch.py) and for
the golden cases (scripts/make_golden.py). Import it only where PyTorch is installed."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def torch_arg(value):
    """A parameter as it arrives in JSON -> as PyTorch takes it: lists become tuples; ints, strings
    and None pass through."""
    return tuple(value) if isinstance(value, list) else value


def torch_conv2d(x, weight, bias, stride, padding, dilation, padding_mode, mode, groups=1):
    """torch.nn.Conv2d with the given kernel and groups (float64); mode "convolution" turns the kernel 180° first."""
    f, depth, kh, kw = weight.shape  # depth: the channels each filter reads, C / groups
    layer = torch.nn.Conv2d(depth * groups, f, (kh, kw), stride=torch_arg(stride), padding=torch_arg(padding),
                            dilation=torch_arg(dilation), groups=groups, bias=bias is not None,
                            padding_mode=padding_mode, dtype=torch.float64)
    kernel = torch.tensor(weight)
    if mode == "convolution":
        kernel = torch.flip(kernel, dims=(2, 3))
    with torch.no_grad():
        layer.weight.copy_(kernel)
        if bias is not None:
            layer.bias.copy_(torch.tensor(bias))
        return layer(torch.tensor(x)).numpy()


def torch_pool2d(x, kind, size, stride, padding):
    """max_pool2d or avg_pool2d (floor mode, zero padding counted) -> (output, flat indices or None)."""
    args = (torch.tensor(x), torch_arg(size), torch_arg(stride), torch_arg(padding))
    if kind == "max":
        out, indices = F.max_pool2d(*args, return_indices=True)
        return out.numpy(), indices.numpy()
    return F.avg_pool2d(*args, ceil_mode=False, count_include_pad=True).numpy(), None
