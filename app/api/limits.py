"""Cost limits, checked from shapes alone before any work starts (413 when over)."""

from __future__ import annotations

from math import prod

from ..engine import Layer, LayerPlan, WindowGeometry, kind_of
from ..engine.geometry import as_pair
from ..settings import Settings


def check_array(settings: Settings, shape: tuple[int, ...], field: str) -> None:
    settings.input_elements.check(prod(shape), f"the number of values in {field}")


def check_window(settings: Settings, kernel_hw: tuple[int, int], field: str) -> None:
    settings.kernel_size.check(max(kernel_hw), f"the largest side of {field}")


def check_bank(settings: Settings, bank_shape: tuple[int, ...], field: str = "kernel") -> None:
    """A filter bank (F, C, KH, KW): its filter count and kernel side."""
    settings.filters.check(bank_shape[0], f"the number of filters in {field}")
    check_window(settings, bank_shape[2:], field)


def check_spacing(settings: Settings, where: str = "", **params) -> None:
    """Stride, padding and dilation, each side, before any size is computed from them.

    Huge ones describe nothing a lesson or a network needs (PyTorch would take stride 10⁹).
    None (a pooling stride that follows the window) and "same"/"valid" have no number to check.
    """
    for name, value in params.items():
        if value is not None and not isinstance(value, str):
            settings.stride_padding_dilation.check(max(as_pair(value, name, 0)), f"{where}{name}")


def conv_cost(bank_shape: tuple[int, ...], geometry: WindowGeometry) -> tuple[int, int]:
    """(output values, multiply-adds) of one sample's convolution."""
    outputs = bank_shape[0] * prod(geometry.out)
    return outputs, outputs * prod(bank_shape[1:])


def check_totals(settings: Settings, outputs: int, multiply_adds: int) -> None:
    settings.output_elements.check(outputs, "the number of output values")
    settings.multiply_adds.check(multiply_adds, "the number of multiply-adds")


def check_trace(settings: Settings, steps: int, values_per_step: int) -> int:
    """-> the number of values in the trace."""
    settings.trace_steps.check(steps, "the number of trace steps")
    settings.trace_values.check(steps * values_per_step, "the number of values in the trace")
    return steps * values_per_step


def check_layers(settings: Settings, layers: list[Layer]) -> None:
    """Before planning: how many layers (each costs fixed work, however small), and each one's size."""
    settings.layers.check(len(layers), "the number of layers")
    for index, layer in enumerate(layers):
        where = f"layers[{index}]."
        sizes = kind_of(layer).sizes(layer)
        if sizes.filters:
            settings.filters.check(sizes.filters, f"the number of filters in {where}kernel")
        if sizes.window:
            check_window(settings, sizes.window, f"{where}{'kernel' if sizes.filters else 'size'}")
        check_spacing(settings, where, **sizes.spacing)


def check_plan(settings: Settings, plans: list[LayerPlan]) -> tuple[int, int]:
    """After planning: all outputs together, and all the work. -> (output values, work)"""
    outputs = sum(prod(p.shape) for p in plans)
    work = sum(p.work for p in plans)
    check_totals(settings, outputs, work)
    return outputs, work
