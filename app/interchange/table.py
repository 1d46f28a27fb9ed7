"""An imported model as a table of its layers, as torchinfo's summary prints one (`convscope inspect`)."""

from __future__ import annotations

from app.engine import LayerPlan

from .onnx_import import ImportedModel

HEADERS = ("layer", "type", "output shape", "parameters", "multiply-adds")
NAME_WIDTH = 48  # longer names keep their end, which tells layers apart ("…/layer4/1/conv2/Conv_output_0")


def _shape(shape) -> str:
    return "×".join(map(str, shape)) or "1"


def layer_table(model: ImportedModel, plans: list[LayerPlan]) -> str:
    """One line per layer, then the totals; numbers with thousands separators."""
    def name(text: str) -> str:
        return text if len(text) <= NAME_WIDTH else "…" + text[-(NAME_WIDTH - 1):]

    rows = [(name(p.name), p.type, _shape(p.shape), f"{p.parameters:,}", f"{p.multiply_adds:,}") for p in plans]
    rows.insert(0, (name(model.input_name), "input", _shape(model.input_shape), "", ""))
    widths = [max(len(row[k]) for row in [HEADERS, *rows]) for k in range(len(HEADERS))]

    def line(row) -> str:
        left = [cell.ljust(width) for cell, width in zip(row[:3], widths[:3], strict=True)]
        right = [cell.rjust(width) for cell, width in zip(row[3:], widths[3:], strict=True)]
        return "  ".join(left + right).rstrip()

    rule = "-" * len(line(HEADERS))
    total = (f"{len(plans):,} layers, {sum(p.parameters for p in plans):,} parameters, "
             f"{sum(p.multiply_adds for p in plans):,} multiply-adds per sample; opset {model.opset}")
    return "\n".join([line(HEADERS), rule, *map(line, rows), rule, total])
